/* bp-parameter-panel-rows.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-parameter-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-converse.h"
#include "bp-model-catalogue.h"
#include "bp-model-info.h"
#include "bp-parameter-panel-private.h"

/* The rows of a BpParameterPanel: which ones the model takes, their
 * ranges, labels and sensitivity, and what the user's clicks on them do.
 * Temperature and top P exclude each other for some models; a reasoning
 * budget turns temperature and top K off and keeps Max tokens above it. */

BpModelInfo *
_bp_parameter_panel_get_info (BpParameterPanel *self)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  if (self->catalogue == NULL || self->model_id == NULL)
    return NULL;

  return bp_model_catalogue_lookup (self->catalogue, self->model_id);
}

/* Whether to offer @parameter: what the catalogue says the model takes,
 * narrowed to what a Converse body has a place for (top-K and the
 * reasoning budget exist only for some families). */
gboolean
_bp_parameter_panel_accepts (BpParameterPanel *self,
                             const char       *parameter)
{
  BpModelInfo *info = _bp_parameter_panel_get_info (self);
  BpChatFeatures features = BP_CHAT_FEATURE_NONE;
  gboolean accepts;

  if (self->model_id != NULL)
    features = bp_converse_get_features (self->model_id);

  if (info != NULL)
    accepts = bp_model_info_accepts_parameter (info, parameter);
  else
    accepts = g_str_equal (parameter, "temperature") || g_str_equal (parameter, "top_p") ||
              g_str_equal (parameter, "stop_sequences") || g_str_equal (parameter, "system");

  if (g_str_equal (parameter, "top_k"))
    return accepts && (features & BP_CHAT_FEATURE_TOP_K) != 0;
  if (g_str_equal (parameter, "reasoning"))
    return accepts && (features & BP_CHAT_FEATURE_REASONING_BUDGET) != 0;

  return accepts;
}

guint
_bp_parameter_panel_get_max_output (BpParameterPanel *self)
{
  BpModelInfo *info = _bp_parameter_panel_get_info (self);
  guint64 max_output = info != NULL ? bp_model_info_get_max_output_tokens (info) : 0;

  if (max_output == 0)
    return BP_PARAMETER_PANEL_UNKNOWN_MAX_OUTPUT;

  return (guint) MIN (max_output, G_MAXINT32);
}

guint
_bp_parameter_panel_default_max_tokens (BpParameterPanel *self)
{
  return MIN (BP_PARAMETER_PANEL_MAX_TOKENS, _bp_parameter_panel_get_max_output (self));
}

static void
set_value_label (GtkLabel   *label,
                 gboolean    set,
                 const char *text)
{
  /* Translators: a parameter left at the model's own default value. */
  gtk_label_set_text (label, set ? text : C_("parameter", "Default"));
  if (set)
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
}

static void
update_slider_row (GtkSwitch *set_switch,
                   GtkScale  *scale,
                   GtkLabel  *value_label,
                   gboolean   allowed,
                   int        digits)
{
  gboolean set = gtk_switch_get_active (set_switch);
  g_autofree char *text = g_strdup_printf ("%.*f", digits,
                                           gtk_range_get_value (GTK_RANGE (scale)));

  gtk_widget_set_sensitive (GTK_WIDGET (set_switch), allowed);
  gtk_widget_set_sensitive (GTK_WIDGET (scale), set && allowed);
  set_value_label (value_label, set, text);
}

/* Brings labels and sensitivity in line with the switches. */
void
_bp_parameter_panel_update_rows (BpParameterPanel *self)
{
  gboolean thinking = gtk_widget_get_visible (self->reasoning_row) &&
                      gtk_switch_get_active (self->reasoning_switch);

  update_slider_row (self->temperature_switch, self->temperature_scale, self->temperature_value,
                     !thinking, 2);
  update_slider_row (self->top_p_switch, self->top_p_scale, self->top_p_value, TRUE, 2);
  update_slider_row (self->top_k_switch, self->top_k_scale, self->top_k_value, !thinking, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->thinking_note), thinking);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reasoning_spin),
                            gtk_switch_get_active (self->reasoning_switch));
  /* Translators: the reasoning budget is off (no extended thinking). */
  gtk_label_set_text (self->reasoning_value,
                      gtk_switch_get_active (self->reasoning_switch) ? "" : C_("reasoning", "Off"));
}

/* Extended thinking needs budget < Max tokens: Max tokens never goes
 * below the budget + 1, and rises with the budget. */
void
_bp_parameter_panel_sync_reasoning (BpParameterPanel *self)
{
  GtkAdjustment *max_adj = gtk_spin_button_get_adjustment (self->max_tokens_spin);
  GtkAdjustment *budget_adj = gtk_spin_button_get_adjustment (self->reasoning_spin);
  guint max_output = _bp_parameter_panel_get_max_output (self);
  gboolean thinking = gtk_widget_get_visible (self->reasoning_row) &&
                      gtk_switch_get_active (self->reasoning_switch);
  double lower = 1.0;

  gtk_adjustment_set_upper (max_adj, max_output);
  gtk_adjustment_set_upper (budget_adj, MAX (max_output, BP_CHAT_MIN_REASONING_BUDGET + 1) - 1);
  gtk_adjustment_set_value (budget_adj, gtk_adjustment_get_value (budget_adj));

  if (thinking)
    {
      double budget = gtk_adjustment_get_value (budget_adj);

      lower = MIN (budget + 1.0, max_output);
      if (gtk_adjustment_get_value (max_adj) < lower)
        {
          gtk_adjustment_set_lower (max_adj, lower);
          gtk_adjustment_set_value (max_adj, MIN (budget + 1024.0, max_output));
        }
    }

  gtk_adjustment_set_lower (max_adj, lower);
  gtk_adjustment_set_value (max_adj, gtk_adjustment_get_value (max_adj));
}

/* Shows the rows @self's model takes and sets their ranges. */
void
_bp_parameter_panel_configure_rows (BpParameterPanel *self)
{
  BpModelInfo *info = _bp_parameter_panel_get_info (self);
  gboolean system = _bp_parameter_panel_accepts (self, "system");

  gtk_widget_set_visible (self->temperature_row, _bp_parameter_panel_accepts (self, "temperature"));
  gtk_widget_set_visible (self->top_p_row, _bp_parameter_panel_accepts (self, "top_p"));
  gtk_widget_set_visible (self->top_k_row, _bp_parameter_panel_accepts (self, "top_k"));
  gtk_widget_set_visible (self->stop_row, _bp_parameter_panel_accepts (self, "stop_sequences"));
  gtk_widget_set_visible (self->reasoning_row, _bp_parameter_panel_accepts (self, "reasoning"));
  gtk_widget_set_visible (GTK_WIDGET (self->xor_note),
                          info != NULL && bp_model_info_get_temperature_xor_top_p (info));
  gtk_widget_set_visible (GTK_WIDGET (self->system_note), !system);
  gtk_widget_set_sensitive (self->system_frame, system);
  gtk_widget_set_sensitive (self->streaming_row, info == NULL || bp_model_info_get_streaming (info));

  _bp_parameter_panel_sync_reasoning (self);
}

static void
exclusive_switch (BpParameterPanel *self,
                  GtkSwitch        *set_switch,
                  GtkSwitch        *other)
{
  BpModelInfo *info = _bp_parameter_panel_get_info (self);

  if (gtk_switch_get_active (set_switch) && info != NULL &&
      bp_model_info_get_temperature_xor_top_p (info))
    gtk_switch_set_active (other, FALSE);

  _bp_parameter_panel_update_rows (self);
  _bp_parameter_panel_changed (self);
}

static void
temperature_switch_cb (BpParameterPanel *self,
                       GParamSpec       *pspec,
                       GtkSwitch        *set_switch)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  exclusive_switch (self, self->temperature_switch, self->top_p_switch);
}

static void
top_p_switch_cb (BpParameterPanel *self,
                 GParamSpec       *pspec,
                 GtkSwitch        *set_switch)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  exclusive_switch (self, self->top_p_switch, self->temperature_switch);
}

static void
value_changed (BpParameterPanel *self)
{
  _bp_parameter_panel_update_rows (self);
  _bp_parameter_panel_changed (self);
}

static void
top_k_switch_cb (BpParameterPanel *self,
                 GParamSpec       *pspec,
                 GtkSwitch        *set_switch)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  value_changed (self);
}

static void
scale_value_changed_cb (BpParameterPanel *self,
                        GtkRange         *range)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  value_changed (self);
}

static void
max_tokens_changed_cb (BpParameterPanel *self,
                       GtkSpinButton    *spin)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  value_changed (self);
}

static void
reasoning_switch_cb (BpParameterPanel *self,
                     GParamSpec       *pspec,
                     GtkSwitch        *set_switch)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  /* Anthropic: no temperature or top K while thinking. */
  if (gtk_switch_get_active (set_switch))
    {
      gtk_switch_set_active (self->temperature_switch, FALSE);
      gtk_switch_set_active (self->top_k_switch, FALSE);
    }

  _bp_parameter_panel_sync_reasoning (self);
  value_changed (self);
}

static void
reasoning_budget_changed_cb (BpParameterPanel *self,
                             GtkSpinButton    *spin)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  _bp_parameter_panel_sync_reasoning (self);
  value_changed (self);
}

static void
stop_entry_changed_cb (BpParameterPanel *self,
                       GtkEditable      *editable)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_add_button),
                            *gtk_editable_get_text (editable) != '\0');
}

/* The entry's Enter and the add button both land here. */
static void
stop_add_cb (BpParameterPanel *self,
             GtkWidget        *widget)
{
  g_autofree char *text = NULL;

  g_assert (BP_IS_PARAMETER_PANEL (self));

  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->stop_entry)));
  if (*text == '\0')
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->stop_entry), "");
  _bp_parameter_panel_add_stop_sequence (self, text);
}

static void
reset_clicked_cb (BpParameterPanel *self,
                  GtkButton        *button)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  bp_parameter_panel_reset (self);
}

void
_bp_parameter_panel_class_init_rows (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, temperature_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, top_p_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, top_k_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, scale_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, max_tokens_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reasoning_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, reasoning_budget_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_add_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
}
