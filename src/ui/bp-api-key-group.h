/* bp-api-key-group.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_API_KEY_GROUP (bp_api_key_group_get_type ())

G_DECLARE_FINAL_TYPE (BpApiKeyGroup, bp_api_key_group, BP, API_KEY_GROUP, AdwPreferencesGroup)

gboolean bp_api_key_group_get_busy (BpApiKeyGroup *self);

G_END_DECLS
