/* bp-resolved-settings-group.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_RESOLVED_SETTINGS_GROUP (bp_resolved_settings_group_get_type ())

G_DECLARE_FINAL_TYPE (BpResolvedSettingsGroup, bp_resolved_settings_group, BP, RESOLVED_SETTINGS_GROUP, AdwPreferencesGroup)

void bp_resolved_settings_group_update (BpResolvedSettingsGroup *self,
                                        const char * const      *environment,
                                        BpSharedConfig          *config,
                                        GSettings               *settings);

G_END_DECLS
