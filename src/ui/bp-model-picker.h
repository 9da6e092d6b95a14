/* bp-model-picker.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_MODEL_PICKER (bp_model_picker_get_type ())

G_DECLARE_FINAL_TYPE (BpModelPicker, bp_model_picker, BP, MODEL_PICKER, GtkWidget)

GtkWidget        *bp_model_picker_new                 (void);
BpModelCatalogue *bp_model_picker_get_catalogue       (BpModelPicker    *self);
void              bp_model_picker_set_catalogue       (BpModelPicker    *self,
                                                       BpModelCatalogue *catalogue);
const char       *bp_model_picker_get_model_id        (BpModelPicker    *self);
void              bp_model_picker_set_model_id        (BpModelPicker    *self,
                                                       const char       *model_id);
BpModelInfo      *bp_model_picker_get_model_info      (BpModelPicker    *self);
const char       *bp_model_picker_get_output_modality (BpModelPicker    *self);
void              bp_model_picker_set_output_modality (BpModelPicker    *self,
                                                       const char       *output_modality);
gboolean          bp_model_picker_get_refreshing      (BpModelPicker    *self);
void              bp_model_picker_set_refreshing      (BpModelPicker    *self,
                                                       gboolean          refreshing);
void              bp_model_picker_popup               (BpModelPicker    *self);
void              bp_model_picker_popdown             (BpModelPicker    *self);

G_END_DECLS
