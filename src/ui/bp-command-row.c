/* bp-command-row.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-command-row"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-command-row.h"

/* A boxed-list row showing a shell command in monospace, selectable, with a
 * button that copies it to the clipboard. */
struct _BpCommandRow
{
  AdwPreferencesRow  parent_instance;

  /* template widgets */
  GtkLabel          *label;

  char              *command;  /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (BpCommandRow, bp_command_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_COMMAND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BpCommandRow *self = BP_COMMAND_ROW (widget);
  GtkWidget *overlay;

  g_assert (BP_IS_COMMAND_ROW (self));

  if (self->command == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->command);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 adw_toast_new (_("Copied to clipboard")));
}

static void
bp_command_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BP_TYPE_COMMAND_ROW);

  G_OBJECT_CLASS (bp_command_row_parent_class)->dispose (object);
}

static void
bp_command_row_finalize (GObject *object)
{
  BpCommandRow *self = (BpCommandRow *) object;

  g_clear_pointer (&self->command, g_free);

  G_OBJECT_CLASS (bp_command_row_parent_class)->finalize (object);
}

static void
bp_command_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BpCommandRow *self = BP_COMMAND_ROW (object);

  switch (prop_id)
    {
    case PROP_COMMAND:
      g_value_set_string (value, self->command);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_command_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BpCommandRow *self = BP_COMMAND_ROW (object);

  switch (prop_id)
    {
    case PROP_COMMAND:
      bp_command_row_set_command (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_command_row_class_init (BpCommandRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_command_row_dispose;
  object_class->finalize = bp_command_row_finalize;
  object_class->get_property = bp_command_row_get_property;
  object_class->set_property = bp_command_row_set_property;

  properties[PROP_COMMAND] =
    g_param_spec_string ("command", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-command-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BpCommandRow, label);

  gtk_widget_class_install_action (widget_class, "command-row.copy", NULL, copy_action);
}

static void
bp_command_row_init (BpCommandRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bp_command_row_new:
 * @command: the command line to show
 *
 * Returns: (transfer floating): a new #BpCommandRow
 */
GtkWidget *
bp_command_row_new (const char *command)
{
  return g_object_new (BP_TYPE_COMMAND_ROW,
                       "command", command,
                       NULL);
}

/**
 * bp_command_row_get_command:
 * @self: a #BpCommandRow
 *
 * Returns: (nullable): the command shown
 */
const char *
bp_command_row_get_command (BpCommandRow *self)
{
  g_return_val_if_fail (BP_IS_COMMAND_ROW (self), NULL);

  return self->command;
}

/**
 * bp_command_row_set_command:
 * @self: a #BpCommandRow
 * @command: (nullable): the command line to show
 *
 * Sets the command shown and copied. It is also the row's title, which
 * screen readers announce.
 */
void
bp_command_row_set_command (BpCommandRow *self,
                            const char   *command)
{
  g_return_if_fail (BP_IS_COMMAND_ROW (self));

  if (g_strcmp0 (self->command, command) == 0)
    return;

  g_free (self->command);
  self->command = g_strdup (command);

  gtk_label_set_text (self->label, command ? command : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), command ? command : "");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMAND]);
}
