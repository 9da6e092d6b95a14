/* bp-parameter-panel.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-parameter-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-model-catalogue.h"
#include "bp-model-info.h"
#include "bp-parameter-panel-private.h"
#include "bp-resources.h"

/* The right-hand column of the chat page: the model picker and the
 * inference parameters. Every parameter is either set or left at the
 * model's default, and only set ones are sent, because newer models refuse
 * some combinations (Claude 4.5 refuses temperature with top P). Rows the
 * model cannot take are hidden. What the user sets is remembered per model
 * (BpModelSettings); the chosen model and the streaming switch are
 * settings keys of their own. */

G_DEFINE_FINAL_TYPE (BpParameterPanel, bp_parameter_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CATALOGUE,
  PROP_MODEL_ID,
  PROP_MODEL_SETTINGS,
  PROP_REGION,
  PROP_STREAMING,
  PROP_SYSTEM_PROMPT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Where the model's values are remembered: its base id, so that `us.…`
 * and the base id share them. */
static const char *
settings_key (BpParameterPanel *self)
{
  BpModelInfo *info = _bp_parameter_panel_get_info (self);

  return info != NULL ? bp_model_info_get_id (info) : self->model_id;
}

static void
store_values (BpParameterPanel *self)
{
  const char *key = settings_key (self);

  if (self->loading > 0 || key == NULL)
    return;

  bp_model_settings_store (self->model_settings, key, _bp_parameter_panel_save_values (self));
}

void
_bp_parameter_panel_changed (BpParameterPanel *self)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  if (self->loading > 0)
    return;

  store_values (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Shows the current model's rows with its remembered values. */
static void
load_model (BpParameterPanel *self)
{
  g_autoptr(GVariant) values = NULL;
  const char *key = settings_key (self);

  self->loading++;
  _bp_parameter_panel_configure_rows (self);
  _bp_parameter_panel_reset_values (self);
  if (key != NULL && (values = bp_model_settings_lookup (self->model_settings, key)) != NULL)
    _bp_parameter_panel_load_values (self, values);
  self->loading--;

  _bp_parameter_panel_update_rows (self);
}

static void
catalogue_changed_cb (BpParameterPanel *self,
                      BpModelCatalogue *catalogue)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  /* The live lists may change the model's limits; values are stored. */
  load_model (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
picker_model_id_cb (BpParameterPanel *self,
                    GParamSpec       *pspec,
                    BpModelPicker    *picker)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  bp_parameter_panel_set_model_id (self, bp_model_picker_get_model_id (picker));
}

static void
streaming_switch_cb (BpParameterPanel *self,
                     GParamSpec       *pspec,
                     GtkSwitch        *set_switch)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAMING]);
  _bp_parameter_panel_changed (self);
}

static void
system_buffer_changed_cb (BpParameterPanel *self,
                          GtkTextBuffer    *buffer)
{
  g_assert (BP_IS_PARAMETER_PANEL (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYSTEM_PROMPT]);
  _bp_parameter_panel_changed (self);
}

static void
bp_parameter_panel_constructed (GObject *object)
{
  BpParameterPanel *self = (BpParameterPanel *) object;
  GSettings *settings;

  G_OBJECT_CLASS (bp_parameter_panel_parent_class)->constructed (object);

  if (self->model_settings == NULL)
    self->model_settings = bp_model_settings_new (NULL);

  load_model (self);

  settings = bp_model_settings_get_settings (self->model_settings);
  g_settings_bind (settings, "model-id", self, "model-id", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "streaming", self, "streaming", G_SETTINGS_BIND_DEFAULT);
}

static void
bp_parameter_panel_dispose (GObject *object)
{
  BpParameterPanel *self = (BpParameterPanel *) object;

  if (self->model_settings != NULL)
    {
      store_values (self);
      bp_model_settings_flush (self->model_settings);
      g_settings_unbind (self, "model-id");
      g_settings_unbind (self, "streaming");
    }

  if (self->catalogue != NULL)
    g_signal_handlers_disconnect_by_func (self->catalogue, catalogue_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_PARAMETER_PANEL);

  g_clear_object (&self->catalogue);
  g_clear_object (&self->model_settings);

  G_OBJECT_CLASS (bp_parameter_panel_parent_class)->dispose (object);
}

static void
bp_parameter_panel_finalize (GObject *object)
{
  BpParameterPanel *self = (BpParameterPanel *) object;

  g_clear_pointer (&self->stop_sequences, g_ptr_array_unref);
  g_clear_pointer (&self->model_id, g_free);
  g_clear_pointer (&self->region, g_free);

  G_OBJECT_CLASS (bp_parameter_panel_parent_class)->finalize (object);
}

static void
bp_parameter_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BpParameterPanel *self = BP_PARAMETER_PANEL (object);

  switch (prop_id)
    {
    case PROP_CATALOGUE:
      g_value_set_object (value, self->catalogue);
      break;

    case PROP_MODEL_ID:
      g_value_set_string (value, self->model_id);
      break;

    case PROP_MODEL_SETTINGS:
      g_value_set_object (value, self->model_settings);
      break;

    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;

    case PROP_STREAMING:
      g_value_set_boolean (value, gtk_switch_get_active (self->streaming_switch));
      break;

    case PROP_SYSTEM_PROMPT:
      g_value_take_string (value, bp_parameter_panel_dup_system_prompt (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_parameter_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BpParameterPanel *self = BP_PARAMETER_PANEL (object);

  switch (prop_id)
    {
    case PROP_CATALOGUE:
      bp_parameter_panel_set_catalogue (self, g_value_get_object (value));
      break;

    case PROP_MODEL_ID:
      bp_parameter_panel_set_model_id (self, g_value_get_string (value));
      break;

    case PROP_MODEL_SETTINGS:
      self->model_settings = g_value_dup_object (value);
      break;

    case PROP_REGION:
      bp_parameter_panel_set_region (self, g_value_get_string (value));
      break;

    case PROP_STREAMING:
      gtk_switch_set_active (self->streaming_switch, g_value_get_boolean (value));
      break;

    case PROP_SYSTEM_PROMPT:
      bp_parameter_panel_set_system_prompt (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  properties[PROP_CATALOGUE] =
    g_param_spec_object ("catalogue", NULL, NULL, BP_TYPE_MODEL_CATALOGUE, flags);
  properties[PROP_MODEL_ID] =
    g_param_spec_string ("model-id", NULL, NULL, NULL, flags);
  properties[PROP_MODEL_SETTINGS] =
    g_param_spec_object ("model-settings", NULL, NULL, BP_TYPE_MODEL_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, NULL, flags);
  properties[PROP_STREAMING] =
    g_param_spec_boolean ("streaming", NULL, NULL, TRUE, flags);
  properties[PROP_SYSTEM_PROMPT] =
    g_param_spec_string ("system-prompt", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-parameter-panel.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BpParameterPanel, name)
  BIND (scroller);
  BIND (picker);
  BIND (xor_note);
  BIND (thinking_note);
  BIND (temperature_row);
  BIND (temperature_value);
  BIND (temperature_switch);
  BIND (temperature_scale);
  BIND (top_p_row);
  BIND (top_p_value);
  BIND (top_p_switch);
  BIND (top_p_scale);
  BIND (top_k_row);
  BIND (top_k_value);
  BIND (top_k_switch);
  BIND (top_k_scale);
  BIND (max_tokens_row);
  BIND (max_tokens_spin);
  BIND (stop_row);
  BIND (stop_entry);
  BIND (stop_add_button);
  BIND (stop_box);
  BIND (streaming_row);
  BIND (streaming_switch);
  BIND (reasoning_row);
  BIND (reasoning_value);
  BIND (reasoning_switch);
  BIND (reasoning_spin);
  BIND (system_note);
  BIND (system_frame);
  BIND (system_view);
  BIND (reset_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, streaming_switch_cb);
  _bp_parameter_panel_class_init_rows (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, picker_model_id_cb);
}

static void
bp_parameter_panel_class_init (BpParameterPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The resources are compiled into the static bpui library: naming them
   * makes the linker keep them wherever this widget is used. */
  (void) bp_get_resource ();

  object_class->constructed = bp_parameter_panel_constructed;
  object_class->dispose = bp_parameter_panel_dispose;
  object_class->finalize = bp_parameter_panel_finalize;
  object_class->get_property = bp_parameter_panel_get_property;
  object_class->set_property = bp_parameter_panel_set_property;

  install_properties (object_class);

  /**
   * BpParameterPanel::changed:
   *
   * Emitted when the model or any parameter changed, after the new
   * values were remembered for the model.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (BP_TYPE_MODEL_PICKER);
  bind_template (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "parameterpanel");
}

static void
bp_parameter_panel_init (BpParameterPanel *self)
{
  self->stop_sequences = g_ptr_array_new_null_terminated (BP_PARAMETER_PANEL_MAX_STOP_SEQUENCES,
                                                          g_free, TRUE);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->system_view), "changed",
                           G_CALLBACK (system_buffer_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * bp_parameter_panel_new:
 * @model_settings: (nullable): where per-model values are remembered, or
 *   %NULL for the app's settings
 *
 * Returns: (transfer floating): a new #BpParameterPanel
 */
GtkWidget *
bp_parameter_panel_new (BpModelSettings *model_settings)
{
  g_return_val_if_fail (model_settings == NULL || BP_IS_MODEL_SETTINGS (model_settings), NULL);

  return g_object_new (BP_TYPE_PARAMETER_PANEL,
                       "model-settings", model_settings,
                       NULL);
}

/**
 * bp_parameter_panel_get_catalogue:
 * @self: a #BpParameterPanel
 *
 * Returns: (transfer none) (nullable): the catalogue models come from
 */
BpModelCatalogue *
bp_parameter_panel_get_catalogue (BpParameterPanel *self)
{
  g_return_val_if_fail (BP_IS_PARAMETER_PANEL (self), NULL);

  return self->catalogue;
}

/**
 * bp_parameter_panel_set_catalogue:
 * @self: a #BpParameterPanel
 * @catalogue: (nullable): the catalogue to pick models from
 */
void
bp_parameter_panel_set_catalogue (BpParameterPanel *self,
                                  BpModelCatalogue *catalogue)
{
  g_return_if_fail (BP_IS_PARAMETER_PANEL (self));
  g_return_if_fail (catalogue == NULL || BP_IS_MODEL_CATALOGUE (catalogue));

  if (self->catalogue == catalogue)
    return;

  if (self->catalogue != NULL)
    g_signal_handlers_disconnect_by_func (self->catalogue, catalogue_changed_cb, self);

  store_values (self);
  g_set_object (&self->catalogue, catalogue);
  bp_model_picker_set_catalogue (self->picker, catalogue);

  if (catalogue != NULL)
    g_signal_connect_object (catalogue, "changed", G_CALLBACK (catalogue_changed_cb),
                             self, G_CONNECT_SWAPPED);

  load_model (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOGUE]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * bp_parameter_panel_get_model_id:
 * @self: a #BpParameterPanel
 *
 * Returns: (nullable): the chosen model, usually a base model id; see
 *   bp_parameter_panel_apply_to_request() for the id to invoke
 */
const char *
bp_parameter_panel_get_model_id (BpParameterPanel *self)
{
  g_return_val_if_fail (BP_IS_PARAMETER_PANEL (self), NULL);

  return self->model_id;
}

/**
 * bp_parameter_panel_set_model_id:
 * @self: a #BpParameterPanel
 * @model_id: (nullable): a model id in any spelling the catalogue knows
 *
 * Chooses the model: the current model's values are remembered, and the
 * new model's rows and remembered values are shown.
 */
void
bp_parameter_panel_set_model_id (BpParameterPanel *self,
                                 const char       *model_id)
{
  g_return_if_fail (BP_IS_PARAMETER_PANEL (self));

  if (model_id != NULL && *model_id == '\0')
    model_id = NULL;

  if (g_strcmp0 (self->model_id, model_id) == 0)
    return;

  store_values (self);

  g_free (self->model_id);
  self->model_id = g_strdup (model_id);

  bp_model_picker_set_model_id (self->picker, model_id);
  load_model (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL_ID]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * bp_parameter_panel_get_region:
 * @self: a #BpParameterPanel
 *
 * Returns: (nullable): the region requests go to
 */
const char *
bp_parameter_panel_get_region (BpParameterPanel *self)
{
  g_return_val_if_fail (BP_IS_PARAMETER_PANEL (self), NULL);

  return self->region;
}

/**
 * bp_parameter_panel_set_region:
 * @self: a #BpParameterPanel
 * @region: (nullable): the region requests go to, e.g. "eu-west-1"; it
 *   decides which inference profile a model is invoked through
 */
void
bp_parameter_panel_set_region (BpParameterPanel *self,
                               const char       *region)
{
  g_return_if_fail (BP_IS_PARAMETER_PANEL (self));

  if (g_strcmp0 (self->region, region) == 0)
    return;

  g_free (self->region);
  self->region = g_strdup (region);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * bp_parameter_panel_dup_system_prompt:
 * @self: a #BpParameterPanel
 *
 * Returns: (transfer full): the system prompt as typed, maybe empty
 */
char *
bp_parameter_panel_dup_system_prompt (BpParameterPanel *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (BP_IS_PARAMETER_PANEL (self), NULL);

  buffer = gtk_text_view_get_buffer (self->system_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * bp_parameter_panel_set_system_prompt:
 * @self: a #BpParameterPanel
 * @system_prompt: (nullable): the system prompt, e.g. of a saved
 *   conversation
 */
void
bp_parameter_panel_set_system_prompt (BpParameterPanel *self,
                                      const char       *system_prompt)
{
  g_autofree char *current = NULL;

  g_return_if_fail (BP_IS_PARAMETER_PANEL (self));

  current = bp_parameter_panel_dup_system_prompt (self);
  if (g_strcmp0 (current, system_prompt != NULL ? system_prompt : "") == 0)
    return;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->system_view),
                            system_prompt != NULL ? system_prompt : "", -1);
}

/**
 * bp_parameter_panel_get_streaming:
 * @self: a #BpParameterPanel
 *
 * Returns: whether to use ConverseStream: the user wants it and the model
 *   can stream
 */
gboolean
bp_parameter_panel_get_streaming (BpParameterPanel *self)
{
  BpModelInfo *info;

  g_return_val_if_fail (BP_IS_PARAMETER_PANEL (self), TRUE);

  info = _bp_parameter_panel_get_info (self);

  return gtk_switch_get_active (self->streaming_switch) &&
         (info == NULL || bp_model_info_get_streaming (info));
}

/**
 * bp_parameter_panel_get_model_picker:
 * @self: a #BpParameterPanel
 *
 * The page connects to its #BpModelPicker::refresh-requested.
 *
 * Returns: (transfer none): the model picker at the top of the panel
 */
BpModelPicker *
bp_parameter_panel_get_model_picker (BpParameterPanel *self)
{
  g_return_val_if_fail (BP_IS_PARAMETER_PANEL (self), NULL);

  return self->picker;
}

/**
 * bp_parameter_panel_reset:
 * @self: a #BpParameterPanel
 *
 * Puts the current model's parameters back to their defaults and forgets
 * what was remembered for it. The system prompt and the streaming switch,
 * which are not per model, stay.
 */
void
bp_parameter_panel_reset (BpParameterPanel *self)
{
  g_return_if_fail (BP_IS_PARAMETER_PANEL (self));

  self->loading++;
  _bp_parameter_panel_reset_values (self);
  self->loading--;

  _bp_parameter_panel_update_rows (self);
  _bp_parameter_panel_changed (self);
}
