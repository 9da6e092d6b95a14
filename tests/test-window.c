/* test-window.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bp-application.h"
#include "bp-connection-page.h"
#include "bp-credential-provider.h"
#include "bp-preferences-window.h"
#include "bp-test-gtk-utils.h"
#include "bp-window.h"

/* Example keys from the AWS documentation: never real. */
#define ACCESS_KEY_ID     "AKIAIOSFODNN7EXAMPLE"
#define SECRET_ACCESS_KEY "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
#define PROFILE_KEY_ID    "AKIAI44QH8DHBEXAMPLE"
#define PROFILE_SECRET    "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
#define PASTED_API_KEY    "ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLW5vdC1yZWFs"

typedef struct
{
  char          *home;         /* (owned) a temporary HOME */
  GStrv          environment;  /* (owned) what the provider reads */
  BpApplication *app;          /* (owned) */
  BpWindow      *window;       /* (unowned) the app's window */
} Fixture;

typedef void (*FixtureFunc) (Fixture *fixture);

static void
write_file (const char *home,
            const char *name,
            const char *contents)
{
  g_autofree char *dir = g_build_filename (home, ".aws", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_assert_cmpint (g_unlink (child), ==, 0);
    }

  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_set_up (Fixture            *fixture,
                const char * const *variables)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *home_var = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  /* The memory settings backend lives as long as the process. */
  g_settings_reset (settings, "profile");
  g_settings_reset (settings, "region");
  g_settings_reset (settings, "endpoint-url");

  fixture->home = g_dir_make_tmp ("bp-test-window-XXXXXX", &error);
  g_assert_no_error (error);

  home_var = g_strconcat ("HOME=", fixture->home, NULL);
  g_strv_builder_add (builder, home_var);
  g_strv_builder_addv (builder, (const char **) variables);
  fixture->environment = g_strv_builder_end (builder);
}

static void
fixture_tear_down (Fixture *fixture)
{
  remove_tree (fixture->home);
  g_clear_pointer (&fixture->home, g_free);
  g_clear_pointer (&fixture->environment, g_strfreev);
}

static gboolean
lookup_done (gpointer data)
{
  BpConnectionPage *page = data;

  return bp_connection_page_get_status (page) != BP_CONNECTION_STATUS_CHECKING;
}

typedef struct
{
  Fixture     *fixture;
  FixtureFunc  func;
} RunData;

/* Runs after the application's own activate made the window: the test
 * body drives it, then the application quits as it would for a user. */
static void
activate_cb (GApplication *app,
             RunData      *run)
{
  Fixture *fixture = run->fixture;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_assert_nonnull (windows);
  g_assert_true (BP_IS_WINDOW (windows->data));
  fixture->window = windows->data;

  g_assert_true (bp_test_wait_until (lookup_done, bp_window_get_connection_page (fixture->window), 10000));
  bp_test_wait_for_frames (GTK_WIDGET (fixture->window), 2);

  run->func (fixture);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  fixture->window = NULL;

  g_application_quit (app);
}

static void
run_app (Fixture     *fixture,
         FixtureFunc  func)
{
  g_autoptr(BpCredentialProvider) provider = bp_credential_provider_new ();
  RunData run = { fixture, func };
  int status;

  bp_credential_provider_set_environment (provider, (const char * const *) fixture->environment);
  bp_credential_provider_set_use_keyring (provider, FALSE);

  fixture->app = g_object_new (BP_TYPE_APPLICATION,
                               "application-id", APPLICATION_ID,
                               "flags", G_APPLICATION_NON_UNIQUE,
                               "resource-base-path", RESOURCE_PREFIX,
                               "credential-provider", provider,
                               NULL);
  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (activate_cb), &run);

  status = g_application_run (G_APPLICATION (fixture->app), 0, NULL);
  g_assert_cmpint (status, ==, 0);

  g_clear_object (&fixture->app);
}

static GtkWidget *
get_template_child (BpWindow   *window,
                    const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), BP_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* (a) Nothing anywhere: the window opens on the onboarding page. */
static void
check_onboarding (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *revealer = get_template_child (fixture->window, "banner_revealer");

  g_assert_cmpint (bp_connection_page_get_status (bp_window_get_connection_page (fixture->window)),
                   ==, BP_CONNECTION_STATUS_NOT_FOUND);
  g_assert_cmpstr (bp_window_get_visible_page (fixture->window), ==, "connection");

  g_assert_true (bp_test_shows_text (window, "Set Up Access to Amazon Bedrock"));
  g_assert_true (bp_test_shows_text (window, "Access Keys"));
  g_assert_true (bp_test_shows_text (window, "aws configure"));
  g_assert_true (bp_test_shows_text (window, "IAM Identity Center (SSO)"));
  g_assert_true (bp_test_shows_text (window, "aws sso login --profile NAME"));
  g_assert_true (bp_test_shows_text (window, "Bedrock API Key"));
  g_assert_nonnull (bp_test_find_widget (window, ADW_TYPE_PASSWORD_ENTRY_ROW, TRUE));
  /* The page explains the problem in full: no banner over it. */
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* The region and endpoint in effect are shown even without credentials. */
  g_assert_true (bp_test_shows_text (window, "us-east-1"));
  g_assert_true (bp_test_shows_text (window, "https://bedrock-runtime.us-east-1.amazonaws.com"));

  bp_test_save_screenshot (window, "onboarding-no-credentials.png");
}

static gboolean
api_key_group_idle (gpointer data)
{
  GtkWidget *group = data;
  gboolean busy;

  g_object_get (group, "busy", &busy, NULL);
  return !busy;
}

/* With no Secret Service (the tests have no session bus), saving fails with
 * a message beside the field; the key shows up in no label. */
static void
check_api_key_without_keyring (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *row = bp_test_find_widget (window, ADW_TYPE_PASSWORD_ENTRY_ROW, TRUE);
  GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

  gtk_editable_set_text (GTK_EDITABLE (row), PASTED_API_KEY);
  g_assert_true (gtk_widget_activate_action (group, "api-key.save", NULL));
  g_assert_true (bp_test_wait_until (api_key_group_idle, group, 20000));

  g_assert_true (bp_test_shows_text (window, "Set Up Access to Amazon Bedrock"));
  {
    g_autoptr(GPtrArray) texts = bp_test_collect_texts (group, TRUE);
    gboolean found_message = FALSE;

    for (guint i = 0; i < texts->len; i++)
      found_message |= g_str_has_prefix (g_ptr_array_index (texts, i), "The desktop keyring is not available");
    g_assert_true (found_message);
  }
  bp_test_save_screenshot (window, "onboarding-keyring-error.png");

  /* Only the password field itself holds the key; clear it, then no
   * widget of the window may hold it. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  bp_test_assert_no_text (window, PASTED_API_KEY);
}

/* Skipping onboarding leaves a banner with the way back. */
static void
check_banner (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *revealer = get_template_child (fixture->window, "banner_revealer");

  g_assert_true (gtk_widget_activate_action (window, "win.show-views", NULL));
  bp_test_wait_for_frames (window, 2);
  g_assert_cmpstr (bp_window_get_visible_page (fixture->window), ==, "chat");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (bp_test_shows_text (window, "No AWS credentials found. Bedrock Playground needs them to call Amazon Bedrock."));
  g_assert_true (bp_test_shows_text (window, "Set Up…"));
  bp_test_save_screenshot (window, "banner-no-credentials.png");

  g_assert_true (gtk_widget_activate_action (window, "win.show-connection", NULL));
  bp_test_wait_for_frames (window, 2);
  g_assert_cmpstr (bp_window_get_visible_page (fixture->window), ==, "connection");
}

static void
onboarding_body (Fixture *fixture)
{
  check_onboarding (fixture);
  check_api_key_without_keyring (fixture);
  check_banner (fixture);
}

static void
test_onboarding (void)
{
  Fixture fixture = { 0 };
  const char *variables[] = { NULL };

  fixture_set_up (&fixture, variables);
  run_app (&fixture, onboarding_body);
  fixture_tear_down (&fixture);
}

/* (b) Keys in the environment: the window opens on Chat; the Connection
 * item shows where everything came from, with the key id masked. */
static void
environment_body (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *revealer = get_template_child (fixture->window, "banner_revealer");

  g_assert_cmpint (bp_connection_page_get_status (bp_window_get_connection_page (fixture->window)),
                   ==, BP_CONNECTION_STATUS_READY);
  g_assert_cmpstr (bp_window_get_visible_page (fixture->window), ==, "chat");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "connection", NULL);
  bp_test_wait_for_frames (window, 2);
  g_assert_cmpstr (bp_window_get_visible_page (fixture->window), ==, "connection");

  g_assert_true (bp_test_shows_text (window, "AWS Credentials Found"));
  g_assert_true (bp_test_shows_text (window, "Environment variables"));
  g_assert_true (bp_test_shows_text (window, "AKIA••••••••MPLE"));
  g_assert_true (bp_test_shows_text (window, "eu-west-1"));
  g_assert_true (bp_test_shows_text (window, "From AWS_REGION"));
  g_assert_true (bp_test_shows_text (window, "https://bedrock-runtime.eu-west-1.amazonaws.com"));
  g_assert_true (bp_test_shows_text (window, "Regional endpoint"));
  g_assert_true (bp_test_shows_text (window, "default"));

  bp_test_assert_no_text (window, SECRET_ACCESS_KEY);
  bp_test_assert_no_text (window, ACCESS_KEY_ID);

  bp_test_save_screenshot (window, "onboarding-credentials.png");

  g_assert_true (gtk_widget_activate_action (window, "win.show-views", NULL));
  g_assert_cmpstr (bp_window_get_visible_page (fixture->window), ==, "chat");
}

static void
test_environment (void)
{
  Fixture fixture = { 0 };
  const char *variables[] = {
    "AWS_ACCESS_KEY_ID=" ACCESS_KEY_ID,
    "AWS_SECRET_ACCESS_KEY=" SECRET_ACCESS_KEY,
    "AWS_REGION=eu-west-1",
    NULL
  };

  fixture_set_up (&fixture, variables);
  run_app (&fixture, environment_body);
  fixture_tear_down (&fixture);
}

/* Static keys of the profile named by AWS_PROFILE, region from its
 * config section. */
static void
profile_body (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *credentials_path = g_build_filename (fixture->home, ".aws", "credentials", NULL);
  g_autofree char *config_path = g_build_filename (fixture->home, ".aws", "config", NULL);
  g_autofree char *source = g_strdup_printf ("Access keys of profile work from %s", credentials_path);
  g_autofree char *region_source = g_strdup_printf ("From profile work in %s", config_path);

  bp_window_show_connection (fixture->window);
  bp_test_wait_for_frames (window, 2);

  g_assert_true (bp_test_shows_text (window, source));
  g_assert_true (bp_test_shows_text (window, "work"));
  g_assert_true (bp_test_shows_text (window, "From AWS_PROFILE"));
  g_assert_true (bp_test_shows_text (window, "ap-northeast-1"));
  g_assert_true (bp_test_shows_text (window, region_source));
  g_assert_true (bp_test_shows_text (window, "https://bedrock-runtime.ap-northeast-1.amazonaws.com"));
  g_assert_true (bp_test_shows_text (window, "AKIA••••••••MPLE"));

  bp_test_assert_no_text (window, PROFILE_SECRET);
  bp_test_assert_no_text (window, PROFILE_KEY_ID);

  bp_test_save_screenshot (window, "connection-profile.png");
}

static void
test_profile (void)
{
  Fixture fixture = { 0 };
  const char *variables[] = { "AWS_PROFILE=work", NULL };

  fixture_set_up (&fixture, variables);
  write_file (fixture.home, "config",
              "[default]\nregion = us-west-2\n\n[profile work]\nregion = ap-northeast-1\n");
  write_file (fixture.home, "credentials",
              "[work]\n"
              "aws_access_key_id = " PROFILE_KEY_ID "\n"
              "aws_secret_access_key = " PROFILE_SECRET "\n");
  run_app (&fixture, profile_body);
  fixture_tear_down (&fixture);
}

/* Temporary credentials from a credential_process, with an expiration. */
static void
process_body (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *config_path = g_build_filename (fixture->home, ".aws", "config", NULL);
  g_autofree char *source = g_strdup_printf ("credential_process of profile default in %s", config_path);
  g_autoptr(GPtrArray) texts = NULL;
  gboolean found_expiration = FALSE;

  bp_window_show_connection (fixture->window);
  bp_test_wait_for_frames (window, 2);

  g_assert_true (bp_test_shows_text (window, source));
  g_assert_true (bp_test_shows_text (window, "ASIA••••••••MPLE"));

  /* Local time, but the date is the same in every time zone. */
  texts = bp_test_collect_texts (window, TRUE);
  for (guint i = 0; i < texts->len; i++)
    found_expiration |= g_str_has_prefix (g_ptr_array_index (texts, i), "2099-06-15 ");
  g_assert_true (found_expiration);

  bp_test_assert_no_text (window, PROFILE_SECRET);
  bp_test_assert_no_text (window, "session-token-EXAMPLE");

  bp_test_save_screenshot (window, "connection-process.png");
}

static void
test_process (void)
{
  Fixture fixture = { 0 };
  const char *variables[] = { NULL };
  g_autofree char *script = NULL;
  g_autofree char *config = NULL;

  fixture_set_up (&fixture, variables);
  script = g_build_filename (fixture.home, "credentials.sh", NULL);
  g_assert_true (g_file_set_contents (script,
                                      "#!/bin/sh\n"
                                      "echo '{\"Version\": 1, \"AccessKeyId\": \"ASIAI44QH8DHBEXAMPLE\", "
                                      "\"SecretAccessKey\": \"" PROFILE_SECRET "\", "
                                      "\"SessionToken\": \"session-token-EXAMPLE\", "
                                      "\"Expiration\": \"2099-06-15T12:00:00Z\"}'\n",
                                      -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  config = g_strdup_printf ("[default]\nregion = eu-central-1\ncredential_process = %s\n", script);
  write_file (fixture.home, "config", config);
  run_app (&fixture, process_body);
  fixture_tear_down (&fixture);
}

static gboolean
shows_retry_toast (gpointer data)
{
  return bp_test_shows_text (data, "Still no usable AWS credentials");
}

/* A profile chosen in Preferences that no file has: the error names it,
 * with Retry; skipping leaves a banner. */
static void
error_body (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *revealer = get_template_child (fixture->window, "banner_revealer");
  g_autoptr(GPtrArray) texts = NULL;
  gboolean names_profile = FALSE;

  g_assert_cmpint (bp_connection_page_get_status (bp_window_get_connection_page (fixture->window)),
                   ==, BP_CONNECTION_STATUS_FAILED);
  g_assert_cmpstr (bp_window_get_visible_page (fixture->window), ==, "connection");
  g_assert_true (bp_test_shows_text (window, "AWS Credentials Could Not Be Loaded"));
  g_assert_true (bp_test_shows_text (window, "Retry"));
  g_assert_true (bp_test_shows_text (window, "nosuch"));
  g_assert_true (bp_test_shows_text (window, "Set in Preferences"));
  /* No onboarding here: the problem is the choice, not a missing setup. */
  g_assert_false (bp_test_shows_text (window, "aws configure"));

  texts = bp_test_collect_texts (window, TRUE);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      names_profile |= strstr (text, "nosuch") != NULL && strlen (text) > strlen ("nosuch");
    }
  g_assert_true (names_profile);

  bp_test_save_screenshot (window, "connection-error.png");

  /* Retry looks again, lands in the same state, and says so. */
  g_assert_false (bp_test_shows_text (window, "Still no usable AWS credentials"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bp_window_get_connection_page (fixture->window)),
                                             "connection.retry", NULL));
  g_assert_true (bp_test_wait_until (shows_retry_toast, window, 10000));
  g_assert_cmpint (bp_connection_page_get_status (bp_window_get_connection_page (fixture->window)),
                   ==, BP_CONNECTION_STATUS_FAILED);

  g_assert_true (gtk_widget_activate_action (window, "win.show-views", NULL));
  bp_test_wait_for_frames (window, 2);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (bp_test_shows_text (window, "AWS credentials could not be loaded."));
  g_assert_true (bp_test_shows_text (window, "Details…"));
}

static void
test_error (void)
{
  Fixture fixture = { 0 };
  const char *variables[] = { NULL };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  fixture_set_up (&fixture, variables);
  write_file (fixture.home, "config", "[default]\nregion = us-west-2\n");
  g_settings_set_string (settings, "profile", "nosuch");
  run_app (&fixture, error_body);
  g_settings_reset (settings, "profile");
  fixture_tear_down (&fixture);
}

/* (c) Alt+1/2/3 switch pages; Image and Compare say plainly that they are
 * not built, Chat shows its empty conversation. */
static void
pages_body (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  static const struct {
    guint       keyval;
    const char *page;
    const char *title;
  } pages[] = {
    { GDK_KEY_2, "image", "Image generation is not built yet" },
    { GDK_KEY_3, "compare", "Compare is not built yet" },
    { GDK_KEY_1, "chat", "Start a Conversation" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_true (bp_test_activate_shortcut (window, pages[i].keyval, GDK_ALT_MASK));
      bp_test_wait_for_frames (window, 2);
      g_assert_cmpstr (bp_window_get_visible_page (fixture->window), ==, pages[i].page);
      g_assert_true (bp_test_shows_text (window, pages[i].title));

      for (guint j = 0; j < G_N_ELEMENTS (pages); j++)
        {
          if (j != i)
            g_assert_false (bp_test_shows_text (window, pages[j].title));
        }
    }

  bp_test_save_screenshot (window, "chat-empty.png");

  /* The shortcuts also leave the connection page. */
  bp_window_show_connection (fixture->window);
  g_assert_true (bp_test_activate_shortcut (window, GDK_KEY_3, GDK_ALT_MASK));
  g_assert_cmpstr (bp_window_get_visible_page (fixture->window), ==, "compare");
}

static GtkWindow *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* The Keyboard Shortcuts and About items of the primary menu. */
static void
windows_body (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWindow *shortcuts;
  GtkWindow *about;

  g_assert_true (gtk_widget_activate_action (window, "win.show-help-overlay", NULL));
  shortcuts = find_window (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  bp_test_wait_for_frames (GTK_WIDGET (shortcuts), 2);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (shortcuts), "Preferences"));
  g_assert_true (bp_test_shows_text (GTK_WIDGET (shortcuts), "Compare"));
  bp_test_save_screenshot (GTK_WIDGET (shortcuts), "shortcuts.png");
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  about = find_window (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  bp_test_wait_for_frames (GTK_WIDGET (about), 2);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (about), "Bedrock Playground"));
  g_assert_true (bp_test_shows_text (GTK_WIDGET (about), PACKAGE_VERSION));
  /* Untranslated, the credits marker must not show as a name. */
  bp_test_assert_no_text (GTK_WIDGET (about), "translator-credits");
  bp_test_save_screenshot (GTK_WIDGET (about), "about.png");
  gtk_window_destroy (about);

  /* Quit closes the window the normal way, which saves its size. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

    gtk_window_set_default_size (GTK_WINDOW (window), 900, 650);
    g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
    g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
    g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
    g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
    g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
    g_settings_reset (settings, "window-width");
    g_settings_reset (settings, "window-height");
  }
}

static void
test_windows (void)
{
  Fixture fixture = { 0 };
  const char *variables[] = {
    "AWS_ACCESS_KEY_ID=" ACCESS_KEY_ID,
    "AWS_SECRET_ACCESS_KEY=" SECRET_ACCESS_KEY,
    NULL
  };

  fixture_set_up (&fixture, variables);
  run_app (&fixture, windows_body);
  fixture_tear_down (&fixture);
}

static void
test_pages (void)
{
  Fixture fixture = { 0 };
  const char *variables[] = {
    "AWS_ACCESS_KEY_ID=" ACCESS_KEY_ID,
    "AWS_SECRET_ACCESS_KEY=" SECRET_ACCESS_KEY,
    NULL
  };

  fixture_set_up (&fixture, variables);
  run_app (&fixture, pages_body);
  fixture_tear_down (&fixture);
}

/* At phone width the switcher moves to a bar at the bottom; the connection
 * page, which is no view, hides it. */
static void
narrow_body (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *bar = get_template_child (fixture->window, "switcher_bar");

  g_assert_cmpint (gtk_widget_get_width (window), <, 500);
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  g_assert_true (bp_test_shows_text (window, "Start a Conversation"));
  bp_test_save_screenshot (window, "chat-narrow.png");

  bp_window_show_connection (fixture->window);
  bp_test_wait_for_frames (window, 2);
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  bp_test_save_screenshot (window, "connection-narrow.png");
}

static void
test_narrow (void)
{
  Fixture fixture = { 0 };
  const char *variables[] = {
    "AWS_ACCESS_KEY_ID=" ACCESS_KEY_ID,
    "AWS_SECRET_ACCESS_KEY=" SECRET_ACCESS_KEY,
    "AWS_REGION=eu-west-1",
    NULL
  };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  fixture_set_up (&fixture, variables);
  g_settings_set_int (settings, "window-width", 400);
  g_settings_set_int (settings, "window-height", 720);
  run_app (&fixture, narrow_body);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  fixture_tear_down (&fixture);
}

static gboolean
preferences_loaded (gpointer data)
{
  return !bp_preferences_window_get_loading (data);
}

static BpPreferencesWindow *
open_preferences (Fixture *fixture)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture->app)); l; l = l->next)
    {
      if (BP_IS_PREFERENCES_WINDOW (l->data))
        return l->data;
    }

  g_assert_not_reached ();
}

static GtkWidget *
get_preferences_child (BpPreferencesWindow *preferences,
                       const char          *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                  BP_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static void
check_profiles (Fixture             *fixture,
                BpPreferencesWindow *preferences)
{
  AdwComboRow *row = ADW_COMBO_ROW (get_preferences_child (preferences, "profile_row"));
  GListModel *model = adw_combo_row_get_model (row);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  BpCredentialProvider *provider = bp_application_get_credential_provider (fixture->app);
  g_autofree char *profile = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Automatic");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==, "default");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 2), ==, "dev");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 3), ==, "work");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  /* Choosing a profile stores it and hands it to the provider. */
  adw_combo_row_set_selected (row, 3);
  profile = g_settings_get_string (settings, "profile");
  g_assert_cmpstr (profile, ==, "work");
  g_assert_cmpstr (bp_credential_provider_get_profile (provider), ==, "work");

  adw_combo_row_set_selected (row, 0);
  g_clear_pointer (&profile, g_free);
  profile = g_settings_get_string (settings, "profile");
  g_assert_cmpstr (profile, ==, "");
  g_assert_null (bp_credential_provider_get_profile (provider));
}

static void
check_endpoint (BpPreferencesWindow *preferences)
{
  GtkWidget *entry = get_preferences_child (preferences, "endpoint_row");
  GtkWidget *error_row = get_preferences_child (preferences, "endpoint_error_row");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *stored = NULL;

  gtk_editable_set_text (GTK_EDITABLE (entry), "http://example.com");
  g_signal_emit_by_name (entry, "apply");
  bp_test_wait_for_frames (GTK_WIDGET (preferences), 2);
  g_assert_true (gtk_widget_get_mapped (error_row));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row)),
                                   "The endpoint http://example.com would send requests unencrypted"));
  stored = g_settings_get_string (settings, "endpoint-url");
  g_assert_cmpstr (stored, ==, "");

  bp_test_save_screenshot (GTK_WIDGET (preferences), "preferences.png");

  gtk_editable_set_text (GTK_EDITABLE (entry), "http://127.0.0.1:8080");
  g_assert_false (gtk_widget_get_visible (error_row));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "apply");
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (settings, "endpoint-url");
  g_assert_cmpstr (stored, ==, "http://127.0.0.1:8080");
}

/* (d) Preferences: profiles from the files, endpoint validation, and the
 * connection page following the new endpoint. */
static void
preferences_body (Fixture *fixture)
{
  BpPreferencesWindow *preferences = open_preferences (fixture);
  BpConnectionPage *page = bp_window_get_connection_page (fixture->window);

  g_assert_true (bp_test_wait_until (preferences_loaded, preferences, 10000));
  bp_test_wait_for_frames (GTK_WIDGET (preferences), 2);

  check_profiles (fixture, preferences);
  check_endpoint (preferences);

  gtk_window_destroy (GTK_WINDOW (preferences));
  bp_window_show_connection (fixture->window);
  g_assert_true (bp_test_wait_until (lookup_done, page, 10000));
  bp_test_wait_for_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (fixture->window), "http://127.0.0.1:8080"));
  g_assert_true (bp_test_shows_text (GTK_WIDGET (fixture->window), "Set in Preferences"));
}

static void
test_preferences (void)
{
  Fixture fixture = { 0 };
  const char *variables[] = { NULL };

  fixture_set_up (&fixture, variables);
  write_file (fixture.home, "config",
              "[default]\nregion = us-west-2\n\n[profile work]\nregion = ap-northeast-1\n");
  write_file (fixture.home, "credentials",
              "[dev]\n"
              "aws_access_key_id = " PROFILE_KEY_ID "\n"
              "aws_secret_access_key = " PROFILE_SECRET "\n");
  run_app (&fixture, preferences_body);
  fixture_tear_down (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_gtk_init (&argc, &argv);

  g_test_add_func ("/bp/window/onboarding", test_onboarding);
  g_test_add_func ("/bp/window/credentials/environment", test_environment);
  g_test_add_func ("/bp/window/credentials/profile", test_profile);
  g_test_add_func ("/bp/window/credentials/process", test_process);
  g_test_add_func ("/bp/window/credentials/error", test_error);
  g_test_add_func ("/bp/window/pages", test_pages);
  g_test_add_func ("/bp/window/shortcuts-and-about", test_windows);
  g_test_add_func ("/bp/window/narrow", test_narrow);
  g_test_add_func ("/bp/window/preferences", test_preferences);

  return g_test_run ();
}
