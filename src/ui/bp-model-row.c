/* bp-model-row.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-model-row"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-model-info.h"
#include "bp-model-row.h"
#include "bp-resources.h"

/* One model in the model picker's list: its name, its id in small dim
 * type, chips for what it can do (input kinds, streaming, reasoning,
 * context window) and its status ("Legacy", "Retired", …). */
struct _BpModelRow
{
  GtkListBoxRow  parent_instance;

  /* template widgets */
  GtkLabel      *name_label;
  GtkLabel      *status_label;
  GtkLabel      *id_label;
  GtkBox        *chips_box;
  GtkImage      *check_image;

  BpModelInfo   *info;     /* (owned) */
  gboolean       current;
};

G_DEFINE_FINAL_TYPE (BpModelRow, bp_model_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_CURRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * bp_model_row_format_tokens:
 * @tokens: a token count, such as a context window
 *
 * Formats @tokens the way model cards do: 200000 is "200K", 8192 is "8K",
 * 1000000 is "1M", 3500000 is "3.5M".
 *
 * Returns: (transfer full): the short form
 */
char *
bp_model_row_format_tokens (guint64 tokens)
{
  if (tokens >= 1000000)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      double millions = (double) tokens / 1000000.0;

      if (tokens % 1000000 == 0)
        return g_strdup_printf ("%" G_GUINT64_FORMAT "M", tokens / 1000000);
      g_ascii_formatd (buf, sizeof buf, "%.1f", millions);
      return g_strconcat (buf, "M", NULL);
    }

  /* Powers of two are quoted in binary thousands (8192 tokens is "8K"). */
  if (tokens >= 1024 && tokens % 1024 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "K", tokens / 1024);
  if (tokens >= 1000)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "K", (tokens + 500) / 1000);

  return g_strdup_printf ("%" G_GUINT64_FORMAT, tokens);
}

/**
 * bp_model_row_get_status_class:
 * @info: a model
 *
 * Returns: (nullable): the CSS class of @info's status badge ("retired",
 *   "no-access", "access-pending", "legacy", "unverified", "profile"),
 *   matching bp_model_info_get_status_text(), or %NULL when there is no
 *   status
 */
const char *
bp_model_row_get_status_class (BpModelInfo *info)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (info), NULL);

  if (bp_model_info_get_lifecycle (info) == BP_MODEL_LIFECYCLE_RETIRED)
    return "retired";

  switch (bp_model_info_get_access (info))
    {
    case BP_MODEL_ACCESS_NOT_GRANTED:
    case BP_MODEL_ACCESS_NOT_IN_REGION:
      return "no-access";

    case BP_MODEL_ACCESS_PENDING:
    case BP_MODEL_ACCESS_ERROR:
      return "access-pending";

    case BP_MODEL_ACCESS_UNKNOWN:
    case BP_MODEL_ACCESS_GRANTED:
    default:
      break;
    }

  if (bp_model_info_get_lifecycle (info) == BP_MODEL_LIFECYCLE_LEGACY)
    return "legacy";
  if (bp_model_info_is_unverified (info))
    return "unverified";
  if (bp_model_info_needs_inference_profile (info))
    return "profile";

  return NULL;
}

static void
add_chip (BpModelRow *self,
          const char *text,
          const char *tooltip)
{
  GtkWidget *chip = gtk_label_new (text);

  gtk_widget_add_css_class (chip, "model-chip");
  gtk_widget_set_tooltip_text (chip, tooltip);
  gtk_box_append (self->chips_box, chip);
}

static void
add_input_chip (BpModelRow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (bp_model_info_has_input_modality (self->info, "TEXT"))
    g_string_append (text, _("Text"));
  if (bp_model_info_has_input_modality (self->info, "IMAGE"))
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", _("Image"));
  if (bp_model_info_has_input_modality (self->info, "VIDEO"))
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", _("Video"));

  if (text->len > 0)
    add_chip (self, text->str, _("What the model reads"));
}

static void
fill_chips (BpModelRow *self)
{
  guint64 context = bp_model_info_get_context_window (self->info);

  add_input_chip (self);

  if (bp_model_info_get_streaming (self->info))
    add_chip (self, _("Streaming"), _("Replies can stream as they are written"));

  if (bp_model_info_accepts_parameter (self->info, "reasoning"))
    add_chip (self, _("Reasoning"), _("The model can think before it answers"));

  if (context > 0)
    {
      g_autofree char *short_form = bp_model_row_format_tokens (context);
      g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, context);
      /* Translators: %s is a number of tokens, e.g. "200,000". */
      g_autofree char *tooltip = g_strdup_printf (_("Context window: %s tokens"), count);

      add_chip (self, short_form, tooltip);
    }
}

/**
 * bp_model_row_show_status:
 * @label: a label
 * @info: (nullable): a model
 *
 * Shows @info's status as a badge in @label, or hides @label when there
 * is none.
 */
void
bp_model_row_show_status (GtkLabel    *label,
                          BpModelInfo *info)
{
  const char *status = info != NULL ? bp_model_info_get_status_text (info) : NULL;
  const char *classes[] = { "model-status", NULL, NULL };

  g_return_if_fail (GTK_IS_LABEL (label));

  classes[1] = info != NULL ? bp_model_row_get_status_class (info) : NULL;
  gtk_widget_set_css_classes (GTK_WIDGET (label), classes);
  gtk_label_set_text (label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (label), status != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label),
                               info != NULL ? bp_model_info_get_access_explanation (info) : NULL);
}

/* The status changes when the service says whether the account has
 * access to the model. */
static void
status_text_cb (BpModelRow  *self,
                GParamSpec  *pspec,
                BpModelInfo *info)
{
  g_assert (BP_IS_MODEL_ROW (self));

  bp_model_row_show_status (self->status_label, info);
}

static void
set_model (BpModelRow  *self,
           BpModelInfo *info)
{
  g_assert (self->info == NULL);

  self->info = g_object_ref (info);

  gtk_label_set_text (self->name_label, bp_model_info_get_name (info));
  gtk_label_set_text (self->id_label, bp_model_info_get_id (info));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->id_label), bp_model_info_get_id (info));

  bp_model_row_show_status (self->status_label, info);
  g_signal_connect_object (info, "notify::status-text", G_CALLBACK (status_text_cb), self,
                           G_CONNECT_SWAPPED);

  /* A retired model fails every call: listed to explain, not to pick. */
  gtk_widget_set_sensitive (GTK_WIDGET (self),
                            bp_model_info_get_lifecycle (info) != BP_MODEL_LIFECYCLE_RETIRED);

  fill_chips (self);
}

static void
bp_model_row_dispose (GObject *object)
{
  BpModelRow *self = (BpModelRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_MODEL_ROW);
  g_clear_object (&self->info);

  G_OBJECT_CLASS (bp_model_row_parent_class)->dispose (object);
}

static void
bp_model_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BpModelRow *self = BP_MODEL_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->info);
      break;

    case PROP_CURRENT:
      g_value_set_boolean (value, self->current);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_model_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BpModelRow *self = BP_MODEL_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      set_model (self, g_value_get_object (value));
      break;

    case PROP_CURRENT:
      bp_model_row_set_current (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_model_row_class_init (BpModelRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The resources are compiled into the static bpui library: naming them
   * makes the linker keep them wherever this widget is used. */
  (void) bp_get_resource ();

  object_class->dispose = bp_model_row_dispose;
  object_class->get_property = bp_model_row_get_property;
  object_class->set_property = bp_model_row_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         BP_TYPE_MODEL_INFO,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CURRENT] =
    g_param_spec_boolean ("current", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-model-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BpModelRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, BpModelRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, BpModelRow, id_label);
  gtk_widget_class_bind_template_child (widget_class, BpModelRow, chips_box);
  gtk_widget_class_bind_template_child (widget_class, BpModelRow, check_image);

  gtk_widget_class_set_css_name (widget_class, "modelrow");
}

static void
bp_model_row_init (BpModelRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bp_model_row_new:
 * @info: the model to show
 *
 * Returns: (transfer floating): a new #BpModelRow
 */
GtkWidget *
bp_model_row_new (BpModelInfo *info)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (info), NULL);

  return g_object_new (BP_TYPE_MODEL_ROW,
                       "model", info,
                       NULL);
}

/**
 * bp_model_row_get_model:
 * @self: a #BpModelRow
 *
 * Returns: (transfer none): the model shown
 */
BpModelInfo *
bp_model_row_get_model (BpModelRow *self)
{
  g_return_val_if_fail (BP_IS_MODEL_ROW (self), NULL);

  return self->info;
}

gboolean
bp_model_row_get_current (BpModelRow *self)
{
  g_return_val_if_fail (BP_IS_MODEL_ROW (self), FALSE);

  return self->current;
}

/**
 * bp_model_row_set_current:
 * @self: a #BpModelRow
 * @current: whether the row is the chosen model
 *
 * The chosen model carries a check mark.
 */
void
bp_model_row_set_current (BpModelRow *self,
                          gboolean    current)
{
  g_return_if_fail (BP_IS_MODEL_ROW (self));

  current = !!current;
  if (self->current == current)
    return;

  self->current = current;
  gtk_widget_set_opacity (GTK_WIDGET (self->check_image), current ? 1.0 : 0.0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}
