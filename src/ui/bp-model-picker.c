/* bp-model-picker.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-model-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-model-catalogue.h"
#include "bp-model-info.h"
#include "bp-model-picker-private.h"
#include "bp-model-row.h"
#include "bp-resources.h"

/* A button showing the chosen model (name, provider, status) that opens a
 * searchable list of the catalogue's models, grouped by provider. The
 * catalogue is already sorted by provider and name, so a GtkListBox bound
 * to it with a header function and a filter function is all the grouping
 * and searching needs; a hundred rows build in a few milliseconds (the
 * list is in bp-model-picker-list.c).
 *
 * The picker does no network: its refresh button emits
 * BpModelPicker::refresh-requested, the page merges the live lists into
 * the catalogue, and the catalogue's ::changed rebuilds the list. */

G_DEFINE_FINAL_TYPE (BpModelPicker, bp_model_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CATALOGUE,
  PROP_MODEL_ID,
  PROP_OUTPUT_MODALITY,
  PROP_REFRESHING,
  N_PROPS
};

enum {
  REFRESH_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_button (BpModelPicker *self);

static void
shown_status_cb (BpModelPicker *self,
                 GParamSpec    *pspec,
                 BpModelInfo   *info)
{
  g_assert (BP_IS_MODEL_PICKER (self));

  update_button (self);
}

/* Follows the status of the model shown: it changes when the service
 * says whether the account has access to it. */
static void
show_info (BpModelPicker *self,
           BpModelInfo   *info)
{
  if (self->shown_info == info)
    return;

  if (self->shown_info != NULL)
    g_signal_handlers_disconnect_by_func (self->shown_info, shown_status_cb, self);
  g_set_object (&self->shown_info, info);
  if (info != NULL)
    g_signal_connect_object (info, "notify::status-text", G_CALLBACK (shown_status_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
update_button (BpModelPicker *self)
{
  BpModelInfo *info = bp_model_picker_get_model_info (self);
  const char *explanation = info != NULL ? bp_model_info_get_access_explanation (info) : NULL;

  show_info (self, info);

  if (info != NULL)
    {
      gtk_label_set_text (self->name_label, bp_model_info_get_name (info));
      gtk_label_set_text (self->provider_label, bp_model_info_get_provider (info));
    }
  else if (self->model_id != NULL)
    {
      gtk_label_set_text (self->name_label, self->model_id);
      gtk_label_set_text (self->provider_label, _("Not in the catalogue"));
    }
  else
    {
      gtk_label_set_text (self->name_label, _("No Model Chosen"));
      gtk_label_set_text (self->provider_label, _("Choose a model to chat with"));
    }

  bp_model_row_show_status (self->status_label, info);
  gtk_label_set_text (self->access_label, explanation != NULL ? explanation : "");
  gtk_widget_set_visible (GTK_WIDGET (self->access_label), explanation != NULL);
}

static gboolean
catalogue_is_live (BpModelCatalogue *catalogue)
{
  g_autoptr(GListModel) all = NULL;

  all = bp_model_catalogue_list (catalogue, NULL, NULL,
                                 BP_MODEL_LIST_INCLUDE_RETIRED | BP_MODEL_LIST_INCLUDE_UNVERIFIED);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(BpModelInfo) info = g_list_model_get_item (all, i);

      if (bp_model_info_is_live (info))
        return TRUE;
    }

  return FALSE;
}

static void
update_source_label (BpModelPicker *self)
{
  const char *date = self->catalogue != NULL ? bp_model_catalogue_get_price_date (self->catalogue)
                                             : NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->refreshing);
  gtk_spinner_set_spinning (self->spinner, self->refreshing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), !self->refreshing);

  if (self->refreshing)
    text = g_strdup (_("Updating from Bedrock…"));
  else if (self->catalogue != NULL && catalogue_is_live (self->catalogue))
    text = g_strdup (_("Updated from Bedrock"));
  else if (date != NULL)
    /* Translators: %s is a date such as 2026-08-21. */
    text = g_strdup_printf (_("Offline: bundled catalogue (prices as of %s)"), date);
  else
    text = g_strdup (_("Offline: bundled catalogue"));

  gtk_label_set_text (self->source_label, text);
}

static void
rebuild_list (BpModelPicker *self)
{
  g_clear_object (&self->models);
  if (self->catalogue != NULL)
    self->models = bp_model_catalogue_list (self->catalogue, NULL, self->output_modality,
                                            BP_MODEL_LIST_INCLUDE_RETIRED);

  _bp_model_picker_fill_list (self);
  update_button (self);
  update_source_label (self);
}

static void
catalogue_changed_cb (BpModelPicker    *self,
                      BpModelCatalogue *catalogue)
{
  g_assert (BP_IS_MODEL_PICKER (self));

  rebuild_list (self);
}

static void
refresh_clicked_cb (BpModelPicker *self,
                    GtkButton     *button)
{
  g_assert (BP_IS_MODEL_PICKER (self));

  g_signal_emit (self, signals[REFRESH_REQUESTED], 0);
}

static void
bp_model_picker_dispose (GObject *object)
{
  BpModelPicker *self = (BpModelPicker *) object;

  _bp_model_picker_dispose_list (self);
  show_info (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_MODEL_PICKER);

  g_clear_object (&self->models);
  g_clear_object (&self->catalogue);

  G_OBJECT_CLASS (bp_model_picker_parent_class)->dispose (object);
}

static void
bp_model_picker_finalize (GObject *object)
{
  BpModelPicker *self = (BpModelPicker *) object;

  g_clear_pointer (&self->model_id, g_free);
  g_clear_pointer (&self->output_modality, g_free);
  g_clear_pointer (&self->search_words, g_strfreev);

  G_OBJECT_CLASS (bp_model_picker_parent_class)->finalize (object);
}

static void
bp_model_picker_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BpModelPicker *self = BP_MODEL_PICKER (object);

  switch (prop_id)
    {
    case PROP_CATALOGUE:
      g_value_set_object (value, self->catalogue);
      break;

    case PROP_MODEL_ID:
      g_value_set_string (value, self->model_id);
      break;

    case PROP_OUTPUT_MODALITY:
      g_value_set_string (value, self->output_modality);
      break;

    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refreshing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_model_picker_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BpModelPicker *self = BP_MODEL_PICKER (object);

  switch (prop_id)
    {
    case PROP_CATALOGUE:
      bp_model_picker_set_catalogue (self, g_value_get_object (value));
      break;

    case PROP_MODEL_ID:
      bp_model_picker_set_model_id (self, g_value_get_string (value));
      break;

    case PROP_OUTPUT_MODALITY:
      bp_model_picker_set_output_modality (self, g_value_get_string (value));
      break;

    case PROP_REFRESHING:
      bp_model_picker_set_refreshing (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_model_picker_class_init (BpModelPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The resources are compiled into the static bpui library: naming them
   * makes the linker keep them wherever this widget is used. */
  (void) bp_get_resource ();

  object_class->dispose = bp_model_picker_dispose;
  object_class->finalize = bp_model_picker_finalize;
  object_class->get_property = bp_model_picker_get_property;
  object_class->set_property = bp_model_picker_set_property;

  properties[PROP_CATALOGUE] =
    g_param_spec_object ("catalogue", NULL, NULL,
                         BP_TYPE_MODEL_CATALOGUE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MODEL_ID] =
    g_param_spec_string ("model-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_OUTPUT_MODALITY] =
    g_param_spec_string ("output-modality", NULL, NULL,
                         "TEXT",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpModelPicker::refresh-requested:
   *
   * The user asked for the live model lists. The handler calls
   * ListFoundationModels and ListInferenceProfiles, merges them into the
   * catalogue and sets #BpModelPicker:refreshing while it works.
   */
  signals[REFRESH_REQUESTED] =
    g_signal_new ("refresh-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-model-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, BpModelPicker, button);
  gtk_widget_class_bind_template_child (widget_class, BpModelPicker, name_label);
  gtk_widget_class_bind_template_child (widget_class, BpModelPicker, provider_label);
  gtk_widget_class_bind_template_child (widget_class, BpModelPicker, status_label);
  gtk_widget_class_bind_template_child (widget_class, BpModelPicker, access_label);
  gtk_widget_class_bind_template_child (widget_class, BpModelPicker, popover);
  gtk_widget_class_bind_template_child (widget_class, BpModelPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BpModelPicker, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, BpModelPicker, spinner);
  gtk_widget_class_bind_template_child (widget_class, BpModelPicker, source_label);
  gtk_widget_class_bind_template_child (widget_class, BpModelPicker, scroller);
  gtk_widget_class_bind_template_child (widget_class, BpModelPicker, list_box);
  gtk_widget_class_bind_template_callback (widget_class, refresh_clicked_cb);
  _bp_model_picker_class_init_list (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "modelpicker");
}

static void
bp_model_picker_init (BpModelPicker *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  /* The button, and under it what keeps the account from the model. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  gtk_widget_init_template (GTK_WIDGET (self));
  _bp_model_picker_init_list (self);

  update_button (self);
  update_source_label (self);
}

/**
 * bp_model_picker_new:
 *
 * Returns: (transfer floating): a new #BpModelPicker listing text models
 */
GtkWidget *
bp_model_picker_new (void)
{
  return g_object_new (BP_TYPE_MODEL_PICKER, NULL);
}

/**
 * bp_model_picker_get_catalogue:
 * @self: a #BpModelPicker
 *
 * Returns: (transfer none) (nullable): the catalogue listed
 */
BpModelCatalogue *
bp_model_picker_get_catalogue (BpModelPicker *self)
{
  g_return_val_if_fail (BP_IS_MODEL_PICKER (self), NULL);

  return self->catalogue;
}

/**
 * bp_model_picker_set_catalogue:
 * @self: a #BpModelPicker
 * @catalogue: (nullable): the catalogue to list
 *
 * Lists the models of @catalogue and follows its #BpModelCatalogue::changed.
 */
void
bp_model_picker_set_catalogue (BpModelPicker    *self,
                               BpModelCatalogue *catalogue)
{
  g_return_if_fail (BP_IS_MODEL_PICKER (self));
  g_return_if_fail (catalogue == NULL || BP_IS_MODEL_CATALOGUE (catalogue));

  if (self->catalogue == catalogue)
    return;

  if (self->catalogue != NULL)
    g_signal_handlers_disconnect_by_func (self->catalogue, catalogue_changed_cb, self);

  g_set_object (&self->catalogue, catalogue);

  if (catalogue != NULL)
    g_signal_connect_object (catalogue, "changed", G_CALLBACK (catalogue_changed_cb),
                             self, G_CONNECT_SWAPPED);

  rebuild_list (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOGUE]);
}

/**
 * bp_model_picker_get_model_id:
 * @self: a #BpModelPicker
 *
 * Returns: (nullable): the chosen model id; a choice from the list is a
 *   base model id
 */
const char *
bp_model_picker_get_model_id (BpModelPicker *self)
{
  g_return_val_if_fail (BP_IS_MODEL_PICKER (self), NULL);

  return self->model_id;
}

/**
 * bp_model_picker_set_model_id:
 * @self: a #BpModelPicker
 * @model_id: (nullable): a model id in any spelling the catalogue knows
 *   (base id, profile id, ARN), or %NULL
 */
void
bp_model_picker_set_model_id (BpModelPicker *self,
                              const char    *model_id)
{
  g_return_if_fail (BP_IS_MODEL_PICKER (self));

  if (model_id != NULL && *model_id == '\0')
    model_id = NULL;

  if (g_strcmp0 (self->model_id, model_id) == 0)
    return;

  g_free (self->model_id);
  self->model_id = g_strdup (model_id);

  update_button (self);
  _bp_model_picker_update_current_row (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL_ID]);
}

/**
 * bp_model_picker_get_model_info:
 * @self: a #BpModelPicker
 *
 * Returns: (transfer none) (nullable): the chosen model, or %NULL when
 *   none is chosen or the catalogue does not know it
 */
BpModelInfo *
bp_model_picker_get_model_info (BpModelPicker *self)
{
  g_return_val_if_fail (BP_IS_MODEL_PICKER (self), NULL);

  if (self->catalogue == NULL || self->model_id == NULL)
    return NULL;

  return bp_model_catalogue_lookup (self->catalogue, self->model_id);
}

/**
 * bp_model_picker_get_output_modality:
 * @self: a #BpModelPicker
 *
 * Returns: (nullable): what the listed models produce ("TEXT", "IMAGE"),
 *   or %NULL for all models
 */
const char *
bp_model_picker_get_output_modality (BpModelPicker *self)
{
  g_return_val_if_fail (BP_IS_MODEL_PICKER (self), NULL);

  return self->output_modality;
}

/**
 * bp_model_picker_set_output_modality:
 * @self: a #BpModelPicker
 * @output_modality: (nullable): list only models producing this ("TEXT",
 *   the default, or "IMAGE"), or %NULL for all
 */
void
bp_model_picker_set_output_modality (BpModelPicker *self,
                                     const char    *output_modality)
{
  g_return_if_fail (BP_IS_MODEL_PICKER (self));

  if (g_strcmp0 (self->output_modality, output_modality) == 0)
    return;

  g_free (self->output_modality);
  self->output_modality = g_strdup (output_modality);

  rebuild_list (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUT_MODALITY]);
}

gboolean
bp_model_picker_get_refreshing (BpModelPicker *self)
{
  g_return_val_if_fail (BP_IS_MODEL_PICKER (self), FALSE);

  return self->refreshing;
}

/**
 * bp_model_picker_set_refreshing:
 * @self: a #BpModelPicker
 * @refreshing: whether the live lists are being fetched
 *
 * Shows a spinner and greys out the refresh button while @refreshing.
 */
void
bp_model_picker_set_refreshing (BpModelPicker *self,
                                gboolean       refreshing)
{
  g_return_if_fail (BP_IS_MODEL_PICKER (self));

  refreshing = !!refreshing;
  if (self->refreshing == refreshing)
    return;

  self->refreshing = refreshing;
  update_source_label (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

/**
 * bp_model_picker_popup:
 * @self: a #BpModelPicker
 *
 * Opens the list, with the focus in its search entry.
 */
void
bp_model_picker_popup (BpModelPicker *self)
{
  g_return_if_fail (BP_IS_MODEL_PICKER (self));

  gtk_menu_button_popup (self->button);
}

void
bp_model_picker_popdown (BpModelPicker *self)
{
  g_return_if_fail (BP_IS_MODEL_PICKER (self));

  gtk_menu_button_popdown (self->button);
}
