/* bp-model-settings.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_MODEL_SETTINGS (bp_model_settings_get_type ())

G_DECLARE_FINAL_TYPE (BpModelSettings, bp_model_settings, BP, MODEL_SETTINGS, GObject)

BpModelSettings *bp_model_settings_new          (GSettings       *settings);
GSettings       *bp_model_settings_get_settings (BpModelSettings *self);
GVariant        *bp_model_settings_lookup       (BpModelSettings *self,
                                                 const char      *model_id);
void             bp_model_settings_store        (BpModelSettings *self,
                                                 const char      *model_id,
                                                 GVariant        *values);
void             bp_model_settings_flush        (BpModelSettings *self);

G_END_DECLS
