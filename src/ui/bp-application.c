/* bp-application.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-application"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-application.h"

struct _BpApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (BpApplication, bp_application, ADW_TYPE_APPLICATION)

static void
bp_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_title (window, _("Bedrock Playground"));
    }

  gtk_window_present (window);
}

static void
bp_application_class_init (BpApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = bp_application_activate;
}

static void
bp_application_init (BpApplication *self)
{
}

/**
 * bp_application_new:
 *
 * Returns: (transfer full): the application
 */
BpApplication *
bp_application_new (void)
{
  return g_object_new (BP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
