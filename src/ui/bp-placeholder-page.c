/* bp-placeholder-page.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-placeholder-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-command-row.h"
#include "bp-placeholder-page.h"

/* Stands in for a page that is not built yet: says so plainly and shows the
 * command-line equivalent that works meanwhile. */
struct _BpPlaceholderPage
{
  GtkWidget      parent_instance;

  /* template widgets */
  AdwStatusPage *status_page;
  GtkWidget     *command_box;
  BpCommandRow  *command_row;
};

G_DEFINE_FINAL_TYPE (BpPlaceholderPage, bp_placeholder_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_COMMAND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bp_placeholder_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), BP_TYPE_PLACEHOLDER_PAGE);

  /* dispose_template() only drops the children bound to fields. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bp_placeholder_page_parent_class)->dispose (object);
}

static void
bp_placeholder_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BpPlaceholderPage *self = BP_PLACEHOLDER_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->status_page));
      break;

    case PROP_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->status_page));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->status_page));
      break;

    case PROP_COMMAND:
      g_value_set_string (value, bp_placeholder_page_get_command (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_placeholder_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BpPlaceholderPage *self = BP_PLACEHOLDER_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      adw_status_page_set_icon_name (self->status_page, g_value_get_string (value));
      break;

    case PROP_TITLE:
      adw_status_page_set_title (self->status_page, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      adw_status_page_set_description (self->status_page, g_value_get_string (value));
      break;

    case PROP_COMMAND:
      bp_placeholder_page_set_command (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_placeholder_page_class_init (BpPlaceholderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_placeholder_page_dispose;
  object_class->get_property = bp_placeholder_page_get_property;
  object_class->set_property = bp_placeholder_page_set_property;

  /* The status page owns these values and notifies nobody of ours: they are
   * set once, from the window's template. */
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMMAND] =
    g_param_spec_string ("command", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-placeholder-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BpPlaceholderPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, BpPlaceholderPage, command_box);
  gtk_widget_class_bind_template_child (widget_class, BpPlaceholderPage, command_row);

  g_type_ensure (BP_TYPE_COMMAND_ROW);
}

static void
bp_placeholder_page_init (BpPlaceholderPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bp_placeholder_page_get_command:
 * @self: a #BpPlaceholderPage
 *
 * Returns: (nullable): the command line offered meanwhile
 */
const char *
bp_placeholder_page_get_command (BpPlaceholderPage *self)
{
  g_return_val_if_fail (BP_IS_PLACEHOLDER_PAGE (self), NULL);

  return bp_command_row_get_command (self->command_row);
}

/**
 * bp_placeholder_page_set_command:
 * @self: a #BpPlaceholderPage
 * @command: (nullable): a command line that does the same job, or %NULL
 *
 * Shows @command below the description, with a copy button.
 */
void
bp_placeholder_page_set_command (BpPlaceholderPage *self,
                                 const char        *command)
{
  g_return_if_fail (BP_IS_PLACEHOLDER_PAGE (self));

  if (g_strcmp0 (command, bp_command_row_get_command (self->command_row)) == 0)
    return;

  bp_command_row_set_command (self->command_row, command);
  gtk_widget_set_visible (self->command_box, command != NULL && *command != '\0');

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMAND]);
}
