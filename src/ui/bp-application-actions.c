/* bp-application-actions.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-application-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-application-private.h"
#include "bp-preferences-window.h"
#include "bp-window.h"

#define WEBSITE   "https://github.com/bedrockplayground/bedrock-playground"
#define ISSUE_URL "https://github.com/bedrockplayground/bedrock-playground/issues"

/* The window to put dialogs over or to show a page in: the focused one,
 * else a new one. */
static BpWindow *
get_main_window (BpApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       !BP_IS_WINDOW (window) && l != NULL;
       l = l->next)
    window = l->data;

  if (!BP_IS_WINDOW (window))
    window = GTK_WINDOW (bp_window_new (self));

  return BP_WINDOW (window);
}

/* Windows close as if the user closed them, so each saves its size; the
 * application then ends with the last one. */
static void
bp_application_actions_quit (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing one window may destroy another (a transient dialog). */
  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_list_free_full (windows, g_object_unref);
}

static void
bp_application_actions_about (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  BpApplication *self = user_data;
  static const char *developers[] = { "The Bedrock Playground authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_main_window (self),
                        "application-name", _("Bedrock Playground"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Bedrock Playground authors"),
                        "version", PACKAGE_VERSION,
                        "website", WEBSITE,
                        "issue-url", ISSUE_URL,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Bedrock Playground authors",
                        "developers", developers,
                        /* Translators: your names, one per line, to credit you in the About window. */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
bp_application_actions_preferences (GSimpleAction *action,
                                    GVariant      *param,
                                    gpointer       user_data)
{
  BpApplication *self = user_data;
  BpPreferencesWindow *preferences;

  preferences = bp_preferences_window_new (self);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (get_main_window (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
bp_application_actions_connection (GSimpleAction *action,
                                   GVariant      *param,
                                   gpointer       user_data)
{
  BpWindow *window = get_main_window (BP_APPLICATION (user_data));

  bp_window_show_connection (window);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry actions[] = {
  { "quit", bp_application_actions_quit },
  { "about", bp_application_actions_about },
  { "preferences", bp_application_actions_preferences },
  { "connection", bp_application_actions_connection },
};

/**
 * _bp_application_init_actions:
 * @self: a #BpApplication
 *
 * Adds the application's actions and their keyboard shortcuts.
 */
void
_bp_application_init_actions (BpApplication *self)
{
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
  };

  g_return_if_fail (BP_IS_APPLICATION (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}
