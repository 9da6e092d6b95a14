/* bp-parameter-panel-values.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-parameter-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-chat-request.h"
#include "bp-model-catalogue.h"
#include "bp-parameter-panel-private.h"

/* The values of a BpParameterPanel: defaults, the a{sv} dictionary they
 * are remembered as (only what the user set), stop sequences, and what
 * goes into a BpChatRequest. Keys of the dictionary: */
#define KEY_TEMPERATURE      "temperature"       /* d, only when set */
#define KEY_TOP_P            "top-p"             /* d, only when set */
#define KEY_TOP_K            "top-k"             /* u, only when set */
#define KEY_MAX_TOKENS       "max-tokens"        /* u, only when not the default */
#define KEY_STOP_SEQUENCES   "stop-sequences"    /* as, only when any */
#define KEY_REASONING_BUDGET "reasoning-budget"  /* u, only when on */

static void
rebuild_stop_box (BpParameterPanel *self);

void
_bp_parameter_panel_reset_values (BpParameterPanel *self)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  gtk_switch_set_active (self->temperature_switch, FALSE);
  gtk_switch_set_active (self->top_p_switch, FALSE);
  gtk_switch_set_active (self->top_k_switch, FALSE);
  gtk_switch_set_active (self->reasoning_switch, FALSE);
  gtk_range_set_value (GTK_RANGE (self->temperature_scale), BP_PARAMETER_PANEL_TEMPERATURE);
  gtk_range_set_value (GTK_RANGE (self->top_p_scale), BP_PARAMETER_PANEL_TOP_P);
  gtk_range_set_value (GTK_RANGE (self->top_k_scale), BP_PARAMETER_PANEL_TOP_K);
  gtk_spin_button_set_value (self->reasoning_spin, BP_PARAMETER_PANEL_REASONING_BUDGET);
  gtk_spin_button_set_value (self->max_tokens_spin, _bp_parameter_panel_default_max_tokens (self));

  g_ptr_array_set_size (self->stop_sequences, 0);
  rebuild_stop_box (self);
}

static guint
spin_value (GtkSpinButton *spin)
{
  return (guint) gtk_spin_button_get_value_as_int (spin);
}

/* (transfer floating) */
GVariant *
_bp_parameter_panel_save_values (BpParameterPanel *self)
{
  GVariantDict dict;
  guint max_tokens = spin_value (self->max_tokens_spin);

  g_assert (BP_IS_PARAMETER_PANEL (self));

  g_variant_dict_init (&dict, NULL);

  if (gtk_switch_get_active (self->temperature_switch))
    g_variant_dict_insert (&dict, KEY_TEMPERATURE, "d",
                           gtk_range_get_value (GTK_RANGE (self->temperature_scale)));
  if (gtk_switch_get_active (self->top_p_switch))
    g_variant_dict_insert (&dict, KEY_TOP_P, "d",
                           gtk_range_get_value (GTK_RANGE (self->top_p_scale)));
  if (gtk_switch_get_active (self->top_k_switch))
    g_variant_dict_insert (&dict, KEY_TOP_K, "u",
                           (guint) gtk_range_get_value (GTK_RANGE (self->top_k_scale)));
  if (max_tokens != _bp_parameter_panel_default_max_tokens (self))
    g_variant_dict_insert (&dict, KEY_MAX_TOKENS, "u", max_tokens);
  if (self->stop_sequences->len > 0)
    g_variant_dict_insert (&dict, KEY_STOP_SEQUENCES, "^as", self->stop_sequences->pdata);
  if (gtk_switch_get_active (self->reasoning_switch))
    g_variant_dict_insert (&dict, KEY_REASONING_BUDGET, "u", spin_value (self->reasoning_spin));

  return g_variant_dict_end (&dict);
}

/* Sets @scale from a remembered double and turns @set_switch on; values
 * of the wrong type are ignored (the key is the user's to edit). */
static void
load_range (GVariantDict *dict,
            const char   *key,
            GtkSwitch    *set_switch,
            GtkScale     *scale)
{
  g_autoptr(GVariant) value = g_variant_dict_lookup_value (dict, key, G_VARIANT_TYPE_DOUBLE);

  if (value == NULL)
    return;

  gtk_range_set_value (GTK_RANGE (scale), g_variant_get_double (value));
  gtk_switch_set_active (set_switch, TRUE);
}

static gboolean
lookup_uint (GVariantDict *dict,
             const char   *key,
             guint        *out)
{
  g_autoptr(GVariant) value = g_variant_dict_lookup_value (dict, key, G_VARIANT_TYPE_UINT32);

  if (value != NULL)
    *out = g_variant_get_uint32 (value);

  return value != NULL;
}

void
_bp_parameter_panel_load_values (BpParameterPanel *self,
                                 GVariant         *values)
{
  g_autoptr(GVariant) stops = NULL;
  GVariantDict dict;
  guint number;

  g_assert (BP_IS_PARAMETER_PANEL (self));
  g_assert (g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT));

  g_variant_dict_init (&dict, values);

  /* The budget first: Max tokens must stay above it. */
  if (gtk_widget_get_visible (self->reasoning_row) &&
      lookup_uint (&dict, KEY_REASONING_BUDGET, &number))
    {
      gtk_spin_button_set_value (self->reasoning_spin, number);
      gtk_switch_set_active (self->reasoning_switch, TRUE);
    }
  if (lookup_uint (&dict, KEY_MAX_TOKENS, &number))
    gtk_spin_button_set_value (self->max_tokens_spin, number);

  load_range (&dict, KEY_TEMPERATURE, self->temperature_switch, self->temperature_scale);
  load_range (&dict, KEY_TOP_P, self->top_p_switch, self->top_p_scale);
  if (lookup_uint (&dict, KEY_TOP_K, &number))
    {
      gtk_range_set_value (GTK_RANGE (self->top_k_scale), number);
      gtk_switch_set_active (self->top_k_switch, TRUE);
    }

  stops = g_variant_dict_lookup_value (&dict, KEY_STOP_SEQUENCES, G_VARIANT_TYPE_STRING_ARRAY);
  for (gsize i = 0; stops != NULL && i < g_variant_n_children (stops); i++)
    {
      g_autofree char *stop = NULL;

      g_variant_get_child (stops, i, "s", &stop);
      _bp_parameter_panel_add_stop_sequence (self, stop);
    }

  g_variant_dict_clear (&dict);
}

static void
remove_stop_clicked_cb (BpParameterPanel *self,
                        GtkButton        *button)
{
  GtkWidget *chip = gtk_widget_get_parent (GTK_WIDGET (button));
  guint index = 0;

  g_assert (BP_IS_PARAMETER_PANEL (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stop_box));
       child != NULL && child != chip;
       child = gtk_widget_get_next_sibling (child))
    index++;

  _bp_parameter_panel_remove_stop_sequence (self, index);
}

static GtkWidget *
create_stop_chip (BpParameterPanel *self,
                  const char       *stop)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (stop);
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (chip, "stop-sequence");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove Stop Sequence"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_stop_clicked_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (chip), label);
  gtk_box_append (GTK_BOX (chip), button);

  return chip;
}

static void
rebuild_stop_box (BpParameterPanel *self)
{
  GtkWidget *child;
  gboolean full = self->stop_sequences->len >= BP_PARAMETER_PANEL_MAX_STOP_SEQUENCES;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stop_box))) != NULL)
    gtk_box_remove (self->stop_box, child);

  for (guint i = 0; i < self->stop_sequences->len; i++)
    gtk_box_append (self->stop_box,
                    create_stop_chip (self, g_ptr_array_index (self->stop_sequences, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->stop_box), self->stop_sequences->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_entry), !full);
  /* Translators: placeholder of the stop sequence entry when four, the
   * most a request takes here, are set. */
  gtk_entry_set_placeholder_text (self->stop_entry,
                                  full ? _("Four is the limit") : _("Add a stop sequence"));
}

static gboolean
str_equal_func (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 (a, b) == 0;
}

/* Adds @stop unless it is empty, already there, or four are set. */
void
_bp_parameter_panel_add_stop_sequence (BpParameterPanel *self,
                                       const char       *stop)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  if (stop == NULL || *stop == '\0' || !g_utf8_validate (stop, -1, NULL) ||
      self->stop_sequences->len >= BP_PARAMETER_PANEL_MAX_STOP_SEQUENCES ||
      g_ptr_array_find_with_equal_func (self->stop_sequences, stop, str_equal_func, NULL))
    return;

  g_ptr_array_add (self->stop_sequences, g_strdup (stop));
  rebuild_stop_box (self);
  _bp_parameter_panel_changed (self);
}

void
_bp_parameter_panel_remove_stop_sequence (BpParameterPanel *self,
                                          guint             index)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  if (index >= self->stop_sequences->len)
    return;

  g_ptr_array_remove_index (self->stop_sequences, index);
  rebuild_stop_box (self);
  _bp_parameter_panel_changed (self);
}

/* Each parameter: set when its row is shown and its switch is on. */
static gboolean
row_is_set (GtkWidget *row,
            GtkSwitch *set_switch)
{
  return gtk_widget_get_visible (row) &&
         gtk_widget_get_sensitive (GTK_WIDGET (set_switch)) &&
         gtk_switch_get_active (set_switch);
}

static void
apply_sampling (BpParameterPanel *self,
                BpChatRequest    *request)
{
  if (row_is_set (self->temperature_row, self->temperature_switch))
    bp_chat_request_set_temperature (request,
                                     gtk_range_get_value (GTK_RANGE (self->temperature_scale)));
  else
    bp_chat_request_unset (request, BP_CHAT_PARAM_TEMPERATURE);

  if (row_is_set (self->top_p_row, self->top_p_switch))
    bp_chat_request_set_top_p (request, gtk_range_get_value (GTK_RANGE (self->top_p_scale)));
  else
    bp_chat_request_unset (request, BP_CHAT_PARAM_TOP_P);

  if (row_is_set (self->top_k_row, self->top_k_switch))
    bp_chat_request_set_top_k (request, (guint) gtk_range_get_value (GTK_RANGE (self->top_k_scale)));
  else
    bp_chat_request_unset (request, BP_CHAT_PARAM_TOP_K);
}

static void
apply_output (BpParameterPanel *self,
              BpChatRequest    *request)
{
  bp_chat_request_set_max_tokens (request, spin_value (self->max_tokens_spin));

  if (gtk_widget_get_visible (self->stop_row) && self->stop_sequences->len > 0)
    bp_chat_request_set_stop_sequences (request,
                                        (const char * const *) self->stop_sequences->pdata);
  else
    bp_chat_request_unset (request, BP_CHAT_PARAM_STOP_SEQUENCES);

  if (row_is_set (self->reasoning_row, self->reasoning_switch))
    bp_chat_request_set_reasoning_budget (request, spin_value (self->reasoning_spin));
  else
    bp_chat_request_unset (request, BP_CHAT_PARAM_REASONING_BUDGET);
}

/**
 * bp_parameter_panel_apply_to_request:
 * @self: a #BpParameterPanel
 * @request: the request about to be sent
 *
 * Puts the panel's choices into @request: the id to invoke (the model's
 * inference profile for #BpParameterPanel:region where it needs one), Max
 * tokens, the system prompt if the model takes one and it is not blank,
 * and only the parameters the user set; the others are unset in @request
 * so the model's defaults apply.
 */
void
bp_parameter_panel_apply_to_request (BpParameterPanel *self,
                                     BpChatRequest    *request)
{
  g_autofree char *system_prompt = NULL;

  g_return_if_fail (BP_IS_PARAMETER_PANEL (self));
  g_return_if_fail (request != NULL);

  if (self->model_id != NULL)
    {
      g_autofree char *invoke_id = NULL;

      if (self->catalogue != NULL)
        invoke_id = bp_model_catalogue_pick_invoke_id (self->catalogue, self->model_id, self->region);
      bp_chat_request_set_model_id (request, invoke_id != NULL ? invoke_id : self->model_id);
    }

  apply_sampling (self, request);
  apply_output (self, request);

  /* A blank prompt is no prompt (the setter drops it). */
  system_prompt = bp_parameter_panel_dup_system_prompt (self);
  bp_chat_request_set_system_prompt (request,
                                     _bp_parameter_panel_accepts (self, "system") ? system_prompt
                                                                                  : NULL);
}
