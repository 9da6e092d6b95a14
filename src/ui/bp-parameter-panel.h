/* bp-parameter-panel.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_PARAMETER_PANEL (bp_parameter_panel_get_type ())

G_DECLARE_FINAL_TYPE (BpParameterPanel, bp_parameter_panel, BP, PARAMETER_PANEL, GtkWidget)

GtkWidget        *bp_parameter_panel_new                (BpModelSettings     *model_settings);
BpModelCatalogue *bp_parameter_panel_get_catalogue      (BpParameterPanel    *self);
void              bp_parameter_panel_set_catalogue      (BpParameterPanel    *self,
                                                         BpModelCatalogue    *catalogue);
const char       *bp_parameter_panel_get_model_id       (BpParameterPanel    *self);
void              bp_parameter_panel_set_model_id       (BpParameterPanel    *self,
                                                         const char          *model_id);
const char       *bp_parameter_panel_get_region         (BpParameterPanel    *self);
void              bp_parameter_panel_set_region         (BpParameterPanel    *self,
                                                         const char          *region);
char             *bp_parameter_panel_dup_system_prompt  (BpParameterPanel    *self);
void              bp_parameter_panel_set_system_prompt  (BpParameterPanel    *self,
                                                         const char          *system_prompt);
gboolean          bp_parameter_panel_get_streaming      (BpParameterPanel    *self);
BpModelPicker    *bp_parameter_panel_get_model_picker   (BpParameterPanel    *self);
void              bp_parameter_panel_reset              (BpParameterPanel    *self);
void              bp_parameter_panel_apply_to_request   (BpParameterPanel    *self,
                                                         BpChatRequest       *request);

G_END_DECLS
