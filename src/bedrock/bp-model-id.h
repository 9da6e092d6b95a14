/* bp-model-id.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-types.h"

G_BEGIN_DECLS

gboolean  bp_model_id_is_geo_prefix    (const char *prefix);
char     *bp_model_id_get_base_id      (const char *model_id);
char     *bp_model_id_get_geo_prefix   (const char *model_id);
char     *bp_model_id_get_profile_id   (const char *model_id);

G_END_DECLS
