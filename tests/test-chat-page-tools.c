/* test-chat-page-tools.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bp-application.h"
#include "bp-chat-page-test-utils.h"
#include "bp-connection-page.h"
#include "bp-history-export.h"
#include "bp-history-store.h"
#include "bp-message-row.h"
#include "bp-parameter-panel-private.h"
#include "bp-request-dialog.h"
#include "bp-test-gtk-utils.h"
#include "bp-window.h"

/* What the chat page offers around a conversation, against the
 * in-process fake Bedrock: the request dialog, regenerate and edit, a
 * thousand-message conversation, export; and the screenshots of the real
 * window, which use the app with the fake's environment. */

static guint
count_rows (GtkWidget *widget)
{
  guint n = BP_IS_MESSAGE_ROW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);

  return n;
}

/* (7) The request dialog shows the exact body the fake received, and the
 * snippets hold no secret. */

static BpRequestDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (BP_IS_REQUEST_DIALOG (window))
        return BP_REQUEST_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  BpRequestDialog *dialog = find_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static void
test_show_request (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) sent = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autofree char *shown_text = NULL;
  g_autofree char *url = NULL;
  g_autofree char *curl = NULL;
  g_autofree char *boto3 = NULL;
  const BpFakeRequest *request;
  BpRequestDialog *dialog;
  BpChatItem *reply;
  GBytes *body;

  make_page (f, FAKE_MODEL);
  type_and_send (f, "What is \"Bedrock\"?\nAnswer briefly.");
  wait_idle (f);
  request = bp_fake_bedrock_get_last_request (f->fake);
  reply = last_item (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_row (f, reply)), "chat.show-request",
                                             "u", bp_chat_item_get_serial (reply)));
  g_assert_true (bp_test_wait_until (dialog_shown, NULL, 10000));
  dialog = find_dialog ();

  body = bp_request_dialog_get_body (dialog);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body));

  url = g_strconcat (bp_fake_bedrock_get_url (f->fake), request->path, NULL);
  g_assert_cmpstr (bp_request_dialog_get_url (dialog), ==, url);

  shown_text = bp_request_dialog_dup_shown_json (dialog);
  g_assert_nonnull (strchr (shown_text, '\n'));
  sent = json_from_string (g_bytes_get_data (request->body, NULL), NULL);
  shown = json_from_string (shown_text, NULL);
  g_assert_true (json_node_equal (sent, shown));

  curl = bp_request_dialog_dup_snippet (dialog, BP_SNIPPET_CURL);
  boto3 = bp_request_dialog_dup_snippet (dialog, BP_SNIPPET_BOTO3);
  g_assert_nonnull (strstr (curl, "--aws-sigv4"));
  g_assert_nonnull (strstr (boto3, "converse_stream"));
  g_assert_null (strstr (curl, BP_FAKE_SECRET_ACCESS_KEY));
  g_assert_null (strstr (boto3, BP_FAKE_SECRET_ACCESS_KEY));
  bp_test_assert_no_text (GTK_WIDGET (dialog), BP_FAKE_SECRET_ACCESS_KEY);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (dialog), url));

  bp_test_save_screenshot (GTK_WIDGET (dialog), "request-dialog.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "request.copy-snippet", "s", "curl"));
  {
    GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (dialog)));
    g_auto(GValue) value = G_VALUE_INIT;

    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    g_assert_cmpstr (g_value_get_string (&value), ==, curl);
  }
}

/* (8) Regenerate the last reply; edit a message and resend from there. */
static void
test_regenerate_and_edit (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(BpHistoryStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  BpChatItem *reply;
  BpChatItem *first;
  guint requests;

  make_page (f, FAKE_MODEL);
  type_and_send (f, "First question");
  wait_idle (f);
  type_and_send (f, "Second question");
  wait_idle (f);
  g_assert_cmpuint (n_items (f), ==, 4);

  requests = bp_fake_bedrock_get_n_requests (f->fake);
  reply = last_item (f);
  g_assert_true (bp_chat_item_get_last (reply));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "chat.regenerate", "u",
                                             bp_chat_item_get_serial (reply)));
  wait_idle (f);
  g_assert_cmpuint (bp_fake_bedrock_get_n_requests (f->fake), ==, requests + 1);
  g_assert_cmpuint (n_items (f), ==, 4);
  g_assert_true (last_item (f) != reply);
  g_assert_true (g_str_has_prefix (bp_chat_item_get_text (last_item (f)),
                                   "Hello! You said: Second question."));

  /* Edit the first message: everything after it goes. */
  first = get_item (f, 0);
  bp_message_row_begin_edit (find_row (f, first));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "chat.resend", "(us)",
                                             bp_chat_item_get_serial (first), "Edited question"));
  wait_idle (f);
  g_assert_cmpuint (n_items (f), ==, 2);
  g_assert_cmpstr (bp_chat_item_get_text (get_item (f, 0)), ==, "Edited question");
  g_assert_true (g_str_has_prefix (bp_chat_item_get_text (last_item (f)),
                                   "Hello! You said: Edited question."));
  wait_saved (f, last_item (f));

  store = open_store (f);
  records = load_records (store, bp_chat_page_get_conversation_id (f->page));
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (((BpMessageRecord *) g_ptr_array_index (records, 0))->text, ==, "Edited question");
}

/* A thousand messages open fast: only the rows in view are made. */

static void
appended_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  bp_history_store_append_message_finish (BP_HISTORY_STORE (object), result, NULL, &error);
  g_assert_no_error (error);
  (*(guint *) user_data)++;
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(gint64 *) user_data = bp_history_store_create_conversation_finish (BP_HISTORY_STORE (object),
                                                                       result, &error);
  g_assert_no_error (error);
}

static gboolean
count_reached (gpointer data)
{
  return *(guint *) data == 1000;
}

static gboolean
id_set (gpointer data)
{
  return *(gint64 *) data != 0;
}

static gboolean
last_row_shown (gpointer data)
{
  Fixture *f = data;

  return find_row_in (GTK_WIDGET (f->page->list_view), last_item (f)) != NULL;
}

static gboolean
more_shown (gpointer data)
{
  Fixture *f = data;

  return bp_tail_model_get_n_hidden (f->page->view_model) < 1000 - 60;
}

static void
test_long_conversation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BpHistoryStore) store = open_store (f);
  g_autoptr(BpConversationRecord) conversation = bp_conversation_record_new ();
  gint64 id = 0, start, loaded;
  guint appended = 0;
  guint rows, hidden;

  conversation->title = g_strdup ("Long");
  bp_history_store_create_conversation_async (store, conversation, NULL, created_cb, &id);
  g_assert_true (bp_test_wait_until (id_set, &id, 10000));

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *text = g_strdup_printf ("Message **%u** with some *Markdown* text", i);
      g_autoptr(BpMessageRecord) record = bp_message_record_new (id, i % 2 ? BP_CHAT_ROLE_ASSISTANT
                                                                          : BP_CHAT_ROLE_USER, text);

      bp_history_store_append_message_async (store, record, NULL, appended_cb, &appended);
    }
  g_assert_true (bp_test_wait_until (count_reached, &appended, 60000));

  make_page (f, FAKE_MODEL);
  start = g_get_monotonic_time ();
  bp_chat_page_load_conversation (f->page, id);
  while (n_items (f) < 1000)
    g_main_context_iteration (NULL, TRUE);
  loaded = g_get_monotonic_time ();

  /* The end of the conversation comes into view (slowly under ASan). */
  g_assert_true (bp_test_wait_until (last_row_shown, f, 120000));
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 3);

  /* GTK 4.8's list view makes some 200 rows around its anchor, so the
   * page shows only the last messages at first. */
  rows = count_rows (GTK_WIDGET (f->page->list_view));
  g_test_message ("1000 messages loaded in %" G_GINT64_FORMAT " ms, shown in %" G_GINT64_FORMAT
                  " ms with %u rows", (loaded - start) / 1000,
                  (g_get_monotonic_time () - start) / 1000, rows);
  g_assert_cmpuint (rows, >, 0);
  g_assert_cmpuint (rows, <=, 60);
  hidden = bp_tail_model_get_n_hidden (f->page->view_model);
  g_assert_cmpuint (hidden, >=, 900);

  /* Scrolled to the top, the older ones come in above. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (f->page->scroller), 0);
  g_assert_true (bp_test_wait_until (more_shown, f, 10000));
  g_assert_cmpuint (n_items (f), ==, 1000);
}

/* Export writes the conversation as the history has it. */

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_bp_chat_page_export_finish (BP_CHAT_PAGE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *md_path = g_build_filename (f->tmp, "chat.md", NULL);
  g_autofree char *json_path = g_build_filename (f->tmp, "chat.json", NULL);
  g_autoptr(GFile) md_file = g_file_new_for_path (md_path);
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autofree char *md = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  gboolean done = FALSE;

  make_page (f, FAKE_MODEL);
  type_and_send (f, "Export me");
  wait_idle (f);
  wait_saved (f, last_item (f));

  _bp_chat_page_export_async (f->page, BP_CHAT_EXPORT_MARKDOWN, md_file, NULL, exported_cb, &done);
  g_assert_true (bp_test_wait_until (flag_set, &done, 10000));
  done = FALSE;
  _bp_chat_page_export_async (f->page, BP_CHAT_EXPORT_JSON, json_file, NULL, exported_cb, &done);
  g_assert_true (bp_test_wait_until (flag_set, &done, 10000));

  g_assert_true (g_file_get_contents (md_path, &md, NULL, NULL));
  g_assert_nonnull (strstr (md, "Export me"));
  g_assert_nonnull (strstr (md, "Hello! You said: Export me."));
  g_assert_true (g_file_get_contents (json_path, &json, NULL, NULL));
  root = json_from_string (json, NULL);
  g_assert_nonnull (root);
  g_assert_nonnull (strstr (json, BP_HISTORY_EXPORT_JSON_FORMAT));
}

/* Screenshots of the real window: the app with the fake's environment. */

typedef struct
{
  Fixture  *f;
  gboolean  dark;
  char     *file_name;
} ShotData;

static gboolean
connection_checked (gpointer data)
{
  return bp_connection_page_get_status (data) != BP_CONNECTION_STATUS_CHECKING;
}

static gboolean
client_configured (gpointer data)
{
  BpBedrockClient *client = bp_chat_page_get_client (data);

  return client != NULL && bp_bedrock_client_get_region (client) != NULL;
}

static BpChatPage *
find_chat_page (GtkWidget *window)
{
  GtkWidget *page = bp_test_find_widget (window, BP_TYPE_CHAT_PAGE, FALSE);

  g_assert_nonnull (page);
  return BP_CHAT_PAGE (page);
}

/* Scrolls so that the first reply ends at the bottom of the view, its
 * footer whole. */
static void
show_first_reply (Fixture *f)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (f->page->scroller);
  graphene_rect_t bounds;
  BpMessageRow *row;

  gtk_adjustment_set_value (adj, 0);
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 3);

  row = find_row (f, get_item (f, 1));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (f->page->list_view), &bounds));
  gtk_adjustment_set_value (adj, MAX (0, bounds.origin.y + bounds.size.height -
                                         gtk_adjustment_get_page_size (adj)));
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 3);
}

static void
shot_activate_cb (GApplication *app,
                  ShotData     *shot)
{
  Fixture *f = shot->f;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  GtkWidget *window = windows->data;

  g_assert_true (bp_test_wait_until (connection_checked,
                                     bp_window_get_connection_page (BP_WINDOW (window)), 10000));
  f->window = GTK_WINDOW (window);
  f->page = find_chat_page (window);
  g_assert_true (bp_test_wait_until (client_configured, f->page, 10000));
  g_assert_cmpstr (bp_window_get_visible_page (BP_WINDOW (window)), ==, "chat");

  if (shot->dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  /* A model's pace, so the figures in the footer look like one; the
   * reasoning shows as a collapsed section. */
  g_object_set (f->page, "panel-visible", TRUE, NULL);
  gtk_switch_set_active (bp_chat_page_get_parameter_panel (f->page)->reasoning_switch, TRUE);
  bp_fake_bedrock_set_tokens_per_second (f->fake, 90);
  type_and_send (f, MARKDOWN_PROMPT);
  wait_idle (f);
  g_assert_cmpint (bp_chat_item_get_state (last_item (f)), ==, BP_CHAT_ITEM_STATE_DONE);
  type_and_send (f, "Thanks! Can you explain the return value?");
  wait_idle (f);
  show_first_reply (f);
  bp_test_save_screenshot (window, shot->file_name);
  bp_fake_bedrock_set_tokens_per_second (f->fake, 0);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  f->window = NULL;
  f->page = NULL;
  g_application_quit (app);
}

static void
run_screenshot_app (Fixture    *f,
                    const char *file_name,
                    gboolean    dark)
{
  g_autoptr(BpApplication) app = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  ShotData shot = { f, dark, (char *) file_name };

  g_settings_reset (settings, "model-id");
  g_settings_reset (settings, "model-settings");
  g_settings_reset (settings, "region");
  g_settings_reset (settings, "endpoint-url");
  g_settings_set_int (settings, "window-width", 1180);
  g_settings_set_int (settings, "window-height", 800);
  g_setenv (BP_CHAT_PAGE_HISTORY_PATH_ENV, f->history_path, TRUE);

  app = g_object_new (BP_TYPE_APPLICATION,
                      "application-id", APPLICATION_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_PREFIX,
                      "credential-provider", f->provider,
                      NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (shot_activate_cb), &shot);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);

  g_unsetenv (BP_CHAT_PAGE_HISTORY_PATH_ENV);
  destroy_page (f);
}

static void
test_screenshot_light (Fixture       *f,
                       gconstpointer  data)
{
  run_screenshot_app (f, "chat-light.png", FALSE);
}

static void
test_screenshot_dark (Fixture       *f,
                      gconstpointer  data)
{
  run_screenshot_app (f, "chat-dark.png", TRUE);
}

/* Korean: the build's translations, when they are built. */
static void
test_screenshot_korean (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *po_dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "..", "po", NULL);

  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("LANGUAGE", "ko", TRUE);

  run_screenshot_app (f, "chat-korean.png", FALSE);

  g_unsetenv ("LANGUAGE");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = chat_page_test_init (&argc, &argv);

  add_test ("/bp/chat-page/show-request", test_show_request);
  add_test ("/bp/chat-page/regenerate-and-edit", test_regenerate_and_edit);
  add_test ("/bp/chat-page/long-conversation", test_long_conversation);
  add_test ("/bp/chat-page/export", test_export);
  add_test ("/bp/chat-page/screenshot-light", test_screenshot_light);
  add_test ("/bp/chat-page/screenshot-dark", test_screenshot_dark);
  add_test ("/bp/chat-page/screenshot-korean", test_screenshot_korean);

  return g_test_run ();
}
