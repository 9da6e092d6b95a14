/* bp-parameter-panel-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-model-settings.h"
#include "bp-model-picker.h"
#include "bp-parameter-panel.h"

G_BEGIN_DECLS

/* Suggested starting points when a parameter is first set, and the
 * defaults of the rest. */
#define BP_PARAMETER_PANEL_TEMPERATURE       0.7
#define BP_PARAMETER_PANEL_TOP_P             0.9
#define BP_PARAMETER_PANEL_TOP_K             250
#define BP_PARAMETER_PANEL_MAX_TOKENS        4096
#define BP_PARAMETER_PANEL_REASONING_BUDGET  2048
#define BP_PARAMETER_PANEL_MAX_STOP_SEQUENCES 4
/* The Max tokens ceiling for models whose limit the catalogue lacks. */
#define BP_PARAMETER_PANEL_UNKNOWN_MAX_OUTPUT 32768

/* bp-parameter-panel.c holds the widget and follows the model;
 * bp-parameter-panel-rows.c shows the rows the model takes and handles
 * them; bp-parameter-panel-values.c reads, writes, remembers and applies
 * the values. The struct is here so tests can drive the widgets as a user. */
struct _BpParameterPanel
{
  GtkWidget         parent_instance;

  /* template widgets */
  GtkScrolledWindow *scroller;
  BpModelPicker    *picker;
  GtkLabel         *xor_note;
  GtkLabel         *thinking_note;
  GtkWidget        *temperature_row;
  GtkLabel         *temperature_value;
  GtkSwitch        *temperature_switch;
  GtkScale         *temperature_scale;
  GtkWidget        *top_p_row;
  GtkLabel         *top_p_value;
  GtkSwitch        *top_p_switch;
  GtkScale         *top_p_scale;
  GtkWidget        *top_k_row;
  GtkLabel         *top_k_value;
  GtkSwitch        *top_k_switch;
  GtkScale         *top_k_scale;
  GtkWidget        *max_tokens_row;
  GtkSpinButton    *max_tokens_spin;
  GtkWidget        *stop_row;
  GtkEntry         *stop_entry;
  GtkButton        *stop_add_button;
  GtkBox           *stop_box;
  GtkWidget        *streaming_row;
  GtkSwitch        *streaming_switch;
  GtkWidget        *reasoning_row;
  GtkLabel         *reasoning_value;
  GtkSwitch        *reasoning_switch;
  GtkSpinButton    *reasoning_spin;
  GtkLabel         *system_note;
  GtkWidget        *system_frame;
  GtkTextView      *system_view;
  GtkButton        *reset_button;

  /* owned references */
  BpModelCatalogue *catalogue;        /* (owned) (nullable) */
  BpModelSettings  *model_settings;   /* (owned) */
  GPtrArray        *stop_sequences;   /* (owned) NULL-terminated, of strings */
  char             *model_id;         /* (owned) (nullable) */
  char             *region;           /* (owned) (nullable) */

  /* While > 0, values are being loaded: no ::changed, nothing stored. */
  guint             loading;
};

BpModelInfo *_bp_parameter_panel_get_info          (BpParameterPanel *self);
gboolean     _bp_parameter_panel_accepts           (BpParameterPanel *self,
                                                    const char       *parameter);
guint        _bp_parameter_panel_get_max_output    (BpParameterPanel *self);
guint        _bp_parameter_panel_default_max_tokens (BpParameterPanel *self);
void         _bp_parameter_panel_changed           (BpParameterPanel *self);
void         _bp_parameter_panel_class_init_rows   (GtkWidgetClass   *widget_class);
void         _bp_parameter_panel_configure_rows    (BpParameterPanel *self);
void         _bp_parameter_panel_update_rows       (BpParameterPanel *self);
void         _bp_parameter_panel_sync_reasoning    (BpParameterPanel *self);

void         _bp_parameter_panel_reset_values      (BpParameterPanel *self);
GVariant    *_bp_parameter_panel_save_values       (BpParameterPanel *self);
void         _bp_parameter_panel_load_values       (BpParameterPanel *self,
                                                    GVariant         *values);
void         _bp_parameter_panel_add_stop_sequence (BpParameterPanel *self,
                                                    const char       *stop);
void         _bp_parameter_panel_remove_stop_sequence (BpParameterPanel *self,
                                                       guint             index);

G_END_DECLS
