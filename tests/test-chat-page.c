/* test-chat-page.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bp-application.h"
#include "bp-chat-page-private.h"
#include "bp-connection-page.h"
#include "bp-credential-provider.h"
#include "bp-fake-bedrock.h"
#include "bp-history-export.h"
#include "bp-history-store.h"
#include "bp-markdown-view.h"
#include "bp-message-row.h"
#include "bp-model-picker.h"
#include "bp-parameter-panel-private.h"
#include "bp-request-dialog.h"
#include "bp-test-gtk-utils.h"
#include "bp-window.h"

/* The chat page against the in-process fake Bedrock: streaming into
 * Markdown, stop, errors and their actions, memory, history, the request
 * dialog, regenerate and edit. The page sits in a plain window with its
 * own client and a small catalogue; the screenshots use the real app. */

#define FAKE_MODEL   "fake.chat"
#define TINY_MODEL   "fake.tiny"
#define HAIKU_3      "anthropic.claude-3-haiku-20240307-v1:0"
#define HAIKU_45     "anthropic.claude-haiku-4-5-20251001-v1:0"
#define US_HAIKU_45  "us.anthropic.claude-haiku-4-5-20251001-v1:0"

#define MARKDOWN_PROMPT \
  "Show me a small C example.\n\n## Example\n\nA *tiny* program with **one** function:\n\n" \
  "```c\nint\nmain (void)\n{\n  return 0;\n}\n```\n\nThat is all"

static const char catalogue_json[] =
  "{\"source\": \"test\", \"price_date\": \"2026-01-01\", \"currency\": \"USD\", \"models\": ["
  "{\"id\": \"" FAKE_MODEL "\", \"provider\": \"Fake\", \"name\": \"Fake Chat\","
  " \"family\": \"anthropic-claude\", \"input_modalities\": [\"TEXT\"],"
  " \"output_modalities\": [\"TEXT\"], \"streaming\": true, \"context_window\": 200000,"
  " \"max_output_tokens\": 4096, \"parameters\": [\"temperature\", \"top_p\", \"stop_sequences\","
  " \"system\"], \"invoke\": \"base\", \"lifecycle\": \"ACTIVE\","
  " \"prices\": {\"input\": 3, \"output\": 15}},"
  "{\"id\": \"" TINY_MODEL "\", \"provider\": \"Fake\", \"name\": \"Fake Tiny\","
  " \"family\": \"anthropic-claude\", \"input_modalities\": [\"TEXT\"],"
  " \"output_modalities\": [\"TEXT\"], \"streaming\": true, \"context_window\": 300,"
  " \"max_output_tokens\": 100, \"parameters\": [\"temperature\", \"system\"],"
  " \"invoke\": \"base\", \"lifecycle\": \"ACTIVE\", \"prices\": {\"input\": 1, \"output\": 2}},"
  "{\"id\": \"" HAIKU_3 "\", \"provider\": \"Anthropic\", \"name\": \"Claude 3 Haiku\","
  " \"family\": \"anthropic-claude\", \"input_modalities\": [\"TEXT\"],"
  " \"output_modalities\": [\"TEXT\"], \"streaming\": true, \"context_window\": 200000,"
  " \"max_output_tokens\": 4096, \"parameters\": [\"temperature\", \"system\", \"reasoning\"],"
  " \"invoke\": \"base\", \"lifecycle\": \"ACTIVE\", \"prices\": {\"input\": 0.25, \"output\": 1.25}},"
  "{\"id\": \"" HAIKU_45 "\", \"provider\": \"Anthropic\", \"name\": \"Claude Haiku 4.5\","
  " \"family\": \"anthropic-claude\", \"input_modalities\": [\"TEXT\"],"
  " \"output_modalities\": [\"TEXT\"], \"streaming\": true, \"context_window\": 200000,"
  " \"max_output_tokens\": 4096, \"parameters\": [\"temperature\", \"system\"],"
  " \"invoke\": \"base\", \"lifecycle\": \"ACTIVE\", \"prices\": {\"input\": 1, \"output\": 5}}"
  "]}";

typedef struct
{
  BpFakeBedrock        *fake;
  char                 *tmp;
  char                 *history_path;
  GStrv                 environment;
  BpCredentialProvider *provider;
  BpBedrockClient      *client;
  BpModelCatalogue     *catalogue;
  GtkWindow            *window;    /* (unowned) */
  BpChatPage           *page;      /* (unowned) */
} Fixture;

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

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
configured_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_bedrock_client_configure_finish (BP_BEDROCK_CLIENT (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
set_up_environment (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *home = NULL;
  g_autofree char *endpoint = NULL;

  f->fake = bp_fake_bedrock_new ();
  f->tmp = g_dir_make_tmp ("bp-test-chat-XXXXXX", &error);
  g_assert_no_error (error);
  f->history_path = g_build_filename (f->tmp, "history", "history.sqlite3", NULL);

  home = g_strconcat ("HOME=", f->tmp, NULL);
  endpoint = g_strconcat ("AWS_ENDPOINT_URL=", bp_fake_bedrock_get_url (f->fake), NULL);
  g_strv_builder_add (builder, "AWS_ACCESS_KEY_ID=" BP_FAKE_ACCESS_KEY_ID);
  g_strv_builder_add (builder, "AWS_SECRET_ACCESS_KEY=" BP_FAKE_SECRET_ACCESS_KEY);
  g_strv_builder_add (builder, "AWS_REGION=us-east-1");
  g_strv_builder_add (builder, endpoint);
  g_strv_builder_add (builder, home);
  f->environment = g_strv_builder_end (builder);

  f->provider = bp_credential_provider_new ();
  bp_credential_provider_set_environment (f->provider, (const char * const *) f->environment);
  bp_credential_provider_set_use_keyring (f->provider, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) json = g_bytes_new_static (catalogue_json, sizeof catalogue_json - 1);
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  set_up_environment (f);

  f->client = bp_bedrock_client_new (f->provider);
  bp_bedrock_client_configure_async (f->client, NULL, NULL, NULL, configured_cb, &done);
  g_assert_true (bp_test_wait_until (flag_set, &done, 10000));

  f->catalogue = bp_model_catalogue_new ();
  g_assert_true (bp_model_catalogue_load_from_bytes (f->catalogue, json, &error));
  g_assert_no_error (error);
}

static void
make_page (Fixture    *f,
           const char *model_id)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 760);

  f->page = BP_CHAT_PAGE (bp_chat_page_new (f->history_path));
  bp_chat_page_set_catalogue (f->page, f->catalogue);
  bp_chat_page_set_client (f->page, f->client);
  bp_parameter_panel_set_model_id (bp_chat_page_get_parameter_panel (f->page), model_id);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 2);
}

static gboolean
no_toplevels (gpointer data)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0;
}

static void
destroy_page (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  g_assert_true (bp_test_wait_until (no_toplevels, NULL, 5000));

  f->window = NULL;
  f->page = NULL;

  /* Let the page's last writes and its store close. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  destroy_page (f);

  g_clear_object (&f->client);
  g_clear_object (&f->catalogue);
  g_clear_object (&f->provider);
  g_clear_object (&f->fake);
  g_clear_pointer (&f->environment, g_strfreev);
  remove_tree (f->tmp);
  g_clear_pointer (&f->tmp, g_free);
  g_clear_pointer (&f->history_path, g_free);
}

/* Helpers that act as the user would. */

static GtkTextView *
prompt_view (Fixture *f)
{
  return f->page->prompt_view;
}

static char *
prompt_text (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (prompt_view (f));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Types the prompt and presses Enter in the prompt view. */
static void
type_and_send (Fixture    *f,
               const char *prompt)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (prompt_view (f)));
  gboolean handled = FALSE;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (prompt_view (f)), prompt, -1);

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
    }

  g_assert_true (handled);
}

static gboolean
page_idle (gpointer data)
{
  return !bp_chat_page_get_busy (data);
}

static void
wait_idle (Fixture *f)
{
  g_assert_true (bp_test_wait_until (page_idle, f->page, 20000));
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 2);
}

static guint
n_items (Fixture *f)
{
  return g_list_model_get_n_items (bp_chat_page_get_messages (f->page));
}

static BpChatItem *
get_item (Fixture *f,
          guint    position)
{
  g_autoptr(BpChatItem) item = g_list_model_get_item (bp_chat_page_get_messages (f->page), position);

  return item;
}

static BpChatItem *
last_item (Fixture *f)
{
  g_assert_cmpuint (n_items (f), >, 0);
  return get_item (f, n_items (f) - 1);
}

static BpMessageRow *
find_row_in (GtkWidget  *widget,
             BpChatItem *item)
{
  if (BP_IS_MESSAGE_ROW (widget) && bp_message_row_get_item (BP_MESSAGE_ROW (widget)) == item)
    return BP_MESSAGE_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      BpMessageRow *row = find_row_in (child, item);

      if (row != NULL)
        return row;
    }

  return NULL;
}

static BpMessageRow *
find_row (Fixture    *f,
          BpChatItem *item)
{
  BpMessageRow *row = find_row_in (GTK_WIDGET (f->page->list_view), item);

  g_assert_nonnull (row);
  return row;
}

static void
collect_buffers (GtkWidget *widget,
                 GString   *out)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      g_autofree char *text = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buffers (child, out);
}

/* What the Markdown view shows: the text of all its text views. */
static char *
rendered_text (BpMessageRow *row)
{
  GString *out = g_string_new (NULL);

  collect_buffers (GTK_WIDGET (bp_message_row_get_markdown_view (row)), out);
  return g_string_free (out, FALSE);
}

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

/* History checks read the database with a store of their own. */

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  BpHistoryStore **store = user_data;

  *store = bp_history_store_open_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static BpHistoryStore *
open_store (Fixture *f)
{
  BpHistoryStore *store = NULL;

  bp_history_store_open_async (f->history_path, NULL, store_opened_cb, &store);
  g_assert_true (bp_test_wait_until (pointer_set, &store, 10000));

  return store;
}

static void
messages_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray **records = user_data;

  *records = bp_history_store_load_messages_finish (BP_HISTORY_STORE (object), result, &error);
  g_assert_no_error (error);
}

static GPtrArray *
load_records (BpHistoryStore *store,
              gint64          conversation_id)
{
  GPtrArray *records = NULL;

  bp_history_store_load_messages_async (store, conversation_id, NULL, messages_loaded_cb, &records);
  g_assert_true (bp_test_wait_until (pointer_set, &records, 10000));

  return records;
}

typedef struct
{
  Fixture    *f;
  BpChatItem *item;
} SavedCheck;

/* The page's last write of @item has reached the database. */
static gboolean
item_saved (gpointer data)
{
  SavedCheck *check = data;
  g_autoptr(BpHistoryStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gint64 conversation_id = bp_chat_page_get_conversation_id (check->f->page);

  if (conversation_id == 0 || bp_chat_item_get_record_id (check->item) == 0)
    return FALSE;

  store = open_store (check->f);
  records = load_records (store, conversation_id);
  for (guint i = 0; i < records->len; i++)
    {
      BpMessageRecord *record = g_ptr_array_index (records, i);

      if (record->id == bp_chat_item_get_record_id (check->item))
        return g_strcmp0 (record->text, bp_chat_item_get_text (check->item)) == 0 &&
               record->incomplete == bp_chat_item_get_incomplete (check->item);
    }

  return FALSE;
}

static void
wait_saved (Fixture    *f,
            BpChatItem *item)
{
  SavedCheck check = { f, item };

  g_assert_true (bp_test_wait_until (item_saved, &check, 10000));
}

/* (1) A streamed reply is rendered as Markdown while it streams; the
 * footer has the figures. */

typedef struct
{
  Fixture *f;
  char    *seen;  /* rendered text while the page was still busy */
} StreamWatch;

static gboolean
rendered_while_streaming (gpointer data)
{
  StreamWatch *watch = data;
  Fixture *f = watch->f;
  BpChatItem *item;
  BpMessageRow *row;
  g_autofree char *text = NULL;

  if (watch->seen != NULL)
    return TRUE;

  if (n_items (f) < 2 || !bp_chat_page_get_busy (f->page))
    return FALSE;

  item = last_item (f);
  if (bp_chat_item_get_state (item) != BP_CHAT_ITEM_STATE_STREAMING)
    return FALSE;

  row = find_row_in (GTK_WIDGET (f->page->list_view), item);
  if (row == NULL)
    return FALSE;

  text = rendered_text (row);
  if (strstr (text, "Example") == NULL)
    return FALSE;

  watch->seen = g_steal_pointer (&text);
  return TRUE;
}

static void
test_stream_markdown (Fixture       *f,
                      gconstpointer  data)
{
  StreamWatch watch = { f, NULL };
  g_autofree char *rendered = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *entry = NULL;
  BpMessageRow *row;
  BpChatItem *reply;

  make_page (f, FAKE_MODEL);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (prompt_view (f))));

  bp_fake_bedrock_set_tokens_per_second (f->fake, 60);
  type_and_send (f, MARKDOWN_PROMPT);
  entry = prompt_text (f);
  g_assert_cmpstr (entry, ==, "");
  g_assert_true (bp_chat_page_get_busy (f->page));

  /* Rows follow the stream before it ends. */
  g_assert_true (bp_test_wait_until (rendered_while_streaming, &watch, 20000));
  wait_idle (f);
  bp_fake_bedrock_set_tokens_per_second (f->fake, 0);

  g_assert_cmpuint (n_items (f), ==, 2);
  reply = last_item (f);
  g_assert_cmpint (bp_chat_item_get_state (reply), ==, BP_CHAT_ITEM_STATE_DONE);
  g_assert_true (g_str_has_prefix (bp_chat_item_get_text (reply), "Hello! You said: Show me"));
  g_assert_cmpuint (strlen (watch.seen), <, strlen (bp_chat_item_get_text (reply)));
  g_free (watch.seen);

  /* Markdown: the heading and the emphasis lost their markers, the code
   * block is kept. */
  row = find_row (f, reply);
  rendered = rendered_text (row);
  g_assert_nonnull (strstr (rendered, "Example"));
  g_assert_null (strstr (rendered, "## Example"));
  g_assert_null (strstr (rendered, "**one**"));
  g_assert_nonnull (strstr (bp_markdown_view_get_text (bp_message_row_get_markdown_view (row)),
                            "return 0;"));

  /* The footer keeps each figure on one line with no-break spaces and
   * word joiners. */
  footer = bp_message_row_dup_footer_text (row);
  {
    g_auto(GStrv) parts = g_strsplit (footer, "\u00a0", -1);
    g_autofree char *spaced = g_strjoinv (" ", parts);
    g_auto(GStrv) pieces = g_strsplit (spaced, "\u2060", -1);

    g_free (footer);
    footer = g_strjoinv ("", pieces);
  }
  g_assert_nonnull (strstr (footer, "Fake Chat"));
  g_assert_nonnull (strstr (footer, "first token"));
  g_assert_nonnull (strstr (footer, " tokens"));
  g_assert_nonnull (strstr (footer, "tokens/s"));
  g_assert_nonnull (strstr (footer, "≈ $"));
  g_assert_cmpint (bp_chat_item_get_output_tokens (reply), >, 24);
  g_assert_cmpfloat (bp_chat_item_get_cost_usd (reply), >, 0);

  /* The session totals and the title. */
  g_assert_true (g_str_has_prefix (gtk_label_get_text (f->page->totals_label), "Session: "));
  g_assert_cmpstr (gtk_label_get_text (f->page->title_label), !=, "New Conversation");

  /* Copy puts the message's Markdown source on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.copy", NULL));
  {
    GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (row)));
    g_auto(GValue) value = G_VALUE_INIT;

    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    g_assert_cmpstr (g_value_get_string (&value), ==, bp_chat_item_get_text (reply));
  }

  wait_saved (f, reply);
}

/* (2) Escape stops the reply: what arrived stays, marked stopped, in the
 * view and in the history. */

static gboolean
has_some_text (gpointer data)
{
  Fixture *f = data;

  return n_items (f) == 2 && strlen (bp_chat_item_get_text (last_item (f))) > 40;
}

static gboolean
taller_than_view (gpointer data)
{
  Fixture *f = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (f->page->scroller);

  return gtk_adjustment_get_upper (adj) > gtk_adjustment_get_page_size (adj) + 200;
}

typedef struct
{
  Fixture *f;
  gsize    length;
} GrowthWatch;

static gboolean
text_grew (gpointer data)
{
  GrowthWatch *watch = data;

  return strlen (bp_chat_item_get_text (last_item (watch->f))) >= watch->length;
}

static gboolean
at_end (GtkAdjustment *adj)
{
  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
         gtk_adjustment_get_upper (adj) - 48;
}

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  GtkAdjustment *adj;
  BpChatItem *reply;
  BpMessageRow *row;
  gsize stopped_length;

  make_page (f, FAKE_MODEL);
  adj = gtk_scrolled_window_get_vadjustment (f->page->scroller);
  bp_fake_bedrock_set_tokens_per_second (f->fake, 150);
  type_and_send (f, "[[words:1200]] Tell me a long story");
  g_assert_true (bp_test_wait_until (has_some_text, f, 20000));

  /* The view follows the reply while the user is at the end... */
  g_assert_true (bp_test_wait_until (taller_than_view, f, 20000));
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  g_assert_true (at_end (adj));

  /* ...and stays where the user scrolled to while more arrives. */
  gtk_adjustment_set_value (adj, 0);
  {
    GrowthWatch watch = { f, strlen (bp_chat_item_get_text (last_item (f))) + 80 };

    g_assert_true (bp_test_wait_until (text_grew, &watch, 20000));
  }
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
  g_assert_true (bp_chat_page_get_busy (f->page));

  g_assert_true (bp_test_activate_shortcut (GTK_WIDGET (f->page), GDK_KEY_Escape, 0));
  wait_idle (f);

  reply = last_item (f);
  stopped_length = strlen (bp_chat_item_get_text (reply));
  g_assert_cmpint (bp_chat_item_get_state (reply), ==, BP_CHAT_ITEM_STATE_STOPPED);
  g_assert_true (bp_chat_item_get_incomplete (reply));
  g_assert_cmpuint (stopped_length, >, 40);
  g_assert_null (bp_chat_item_get_error (reply));

  row = find_row (f, reply);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (row), "Stopped"));

  /* Nothing more arrives after the stop. */
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 5);
  g_assert_cmpuint (strlen (bp_chat_item_get_text (reply)), ==, stopped_length);
  bp_fake_bedrock_set_tokens_per_second (f->fake, 0);

  wait_saved (f, reply);
}

/* Closing the window in the middle of a reply keeps what arrived, marked
 * incomplete, in the history. */

typedef struct
{
  Fixture *f;
  gint64   conversation_id;
  gsize    length;
} PartialCheck;

static gboolean
partial_saved (gpointer data)
{
  PartialCheck *check = data;
  g_autoptr(BpHistoryStore) store = open_store (check->f);
  g_autoptr(GPtrArray) records = load_records (store, check->conversation_id);
  BpMessageRecord *reply;

  if (records->len != 2)
    return FALSE;

  reply = g_ptr_array_index (records, 1);
  return reply->incomplete && reply->text != NULL && strlen (reply->text) >= check->length &&
         g_str_has_prefix (reply->text, "Hello! You said: Keep this.");
}

static void
test_close_mid_reply (Fixture       *f,
                      gconstpointer  data)
{
  PartialCheck check = { f, 0, 0 };

  make_page (f, FAKE_MODEL);
  bp_fake_bedrock_set_tokens_per_second (f->fake, 40);
  type_and_send (f, "[[words:400]] Keep this.");
  g_assert_true (bp_test_wait_until (has_some_text, f, 20000));

  /* Past the first save: the conversation and both messages exist. */
  while (bp_chat_item_get_record_id (last_item (f)) == 0)
    g_main_context_iteration (NULL, TRUE);
  check.conversation_id = bp_chat_page_get_conversation_id (f->page);
  check.length = strlen (bp_chat_item_get_text (last_item (f)));

  destroy_page (f);
  bp_fake_bedrock_set_tokens_per_second (f->fake, 0);
  g_assert_true (bp_test_wait_until (partial_saved, &check, 10000));
}

/* A history that cannot open: the page says the conversation is not
 * saved, and the chat works all the same. */
static void
test_history_unavailable (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (f->tmp, "not-a-folder", NULL);

  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_free (f->history_path);
  f->history_path = g_build_filename (blocker, "history.sqlite3", NULL);

  make_page (f, FAKE_MODEL);
  type_and_send (f, "Still here?");
  wait_idle (f);

  g_assert_cmpint (bp_chat_item_get_state (last_item (f)), ==, BP_CHAT_ITEM_STATE_DONE);
  g_assert_null (bp_chat_page_get_history_store (f->page));
  g_assert_true (gtk_revealer_get_reveal_child (f->page->history_revealer));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (f->page->history_label),
                                   "The conversation is not being saved: "));
}

/* (3) Access denied: the message with its fix in the reply's row, and the
 * prompt back in the entry. */
static void
test_access_denied (Fixture       *f,
                    gconstpointer  data)
{
  const char *prompt = "[[fault:access-denied-403]] Hello there";
  g_autofree char *entry = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  const BpErrorText *error;
  BpMessageRow *row;
  BpChatItem *reply;
  gboolean found_fix = FALSE;

  make_page (f, FAKE_MODEL);
  type_and_send (f, prompt);
  wait_idle (f);

  reply = last_item (f);
  error = bp_chat_item_get_error (reply);
  g_assert_nonnull (error);
  g_assert_cmpint (bp_chat_item_get_state (reply), ==, BP_CHAT_ITEM_STATE_FAILED);
  g_assert_cmpstr (error->title, ==, "No access to this model");

  row = find_row (f, reply);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (row), "No access to this model"));
  texts = bp_test_collect_texts (GTK_WIDGET (row), TRUE);
  for (guint i = 0; i < texts->len; i++)
    found_fix |= strstr (g_ptr_array_index (texts, i), "Model access page") != NULL;
  g_assert_true (found_fix);

  entry = prompt_text (f);
  g_assert_cmpstr (entry, ==, prompt);

  bp_test_save_screenshot (GTK_WIDGET (f->window), "chat-error.png");

  /* Sending again replaces the failed turn rather than stacking it. */
  type_and_send (f, "Hello again");
  wait_idle (f);
  g_assert_cmpuint (n_items (f), ==, 2);
  g_assert_cmpstr (bp_chat_item_get_text (get_item (f, 0)), ==, "Hello again");
  g_assert_cmpint (bp_chat_item_get_state (last_item (f)), ==, BP_CHAT_ITEM_STATE_DONE);
}

/* Throttled: the reply says Bedrock is busy while the client waits to
 * retry, then the retry succeeds; when every attempt is throttled, the
 * error says what to do. */

/* Close to the policy's longest first delay (500 ms for throttling), so a
 * loaded machine still has time to show the countdown before the retry. */
static double
long_jitter (gpointer user_data)
{
  return 0.999;
}

static gboolean
row_shows_retry (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) texts = NULL;
  GtkWidget *row;

  if (n_items (f) < 2 || (row = GTK_WIDGET (find_row (f, last_item (f)))) == NULL)
    return FALSE;

  texts = bp_test_collect_texts (row, TRUE);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (texts, i), "Bedrock is busy, retrying"))
      return TRUE;

  return FALSE;
}

static gboolean
shows_retry (gpointer data)
{
  Fixture *f = data;
  const char *status;

  if (n_items (f) < 2)
    return FALSE;

  status = bp_chat_item_get_status_text (last_item (f));
  return status != NULL && g_str_has_prefix (status, "Bedrock is busy, retrying");
}

static void
test_throttled (Fixture       *f,
                gconstpointer  data)
{
  const BpErrorText *error;
  BpChatItem *reply;

  bp_retry_policy_set_random_func (bp_bedrock_client_get_retry_policy (f->client),
                                   long_jitter, NULL);
  make_page (f, FAKE_MODEL);

  type_and_send (f, "[[fault:throttle:1]] Hello");
  g_assert_true (bp_test_wait_until (shows_retry, f, 10000));
  /* The item says so, and so does its row on screen. */
  g_assert_true (bp_test_wait_until (row_shows_retry, f, 10000));

  wait_idle (f);
  reply = last_item (f);
  g_assert_cmpint (bp_chat_item_get_state (reply), ==, BP_CHAT_ITEM_STATE_DONE);
  g_assert_null (bp_chat_item_get_status_text (reply));
  g_assert_true (g_str_has_prefix (bp_chat_item_get_text (reply), "Hello! You said: Hello."));
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE_STREAM), ==, 2);

  /* Throttled every time: after the last attempt, the clear message. */
  type_and_send (f, "[[fault:throttle]] Again");
  g_assert_true (bp_test_wait_until (shows_retry, f, 10000));
  wait_idle (f);
  reply = last_item (f);
  error = bp_chat_item_get_error (reply);
  g_assert_nonnull (error);
  g_assert_cmpint (bp_chat_item_get_state (reply), ==, BP_CHAT_ITEM_STATE_FAILED);
  g_assert_cmpint (error->action, ==, BP_ERROR_ACTION_RETRY);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE_STREAM), ==, 5);
}

/* With a reasoning budget, the model's thinking is in a collapsed
 * section above the reply, and in the history. */
static void
test_thinking (Fixture       *f,
               gconstpointer  data)
{
  BpParameterPanel *panel;
  GtkWidget *expander;
  BpMessageRow *row;
  BpChatItem *reply;

  make_page (f, HAIKU_3);
  panel = bp_chat_page_get_parameter_panel (f->page);
  g_assert_true (gtk_widget_get_visible (panel->reasoning_row));
  gtk_switch_set_active (panel->reasoning_switch, TRUE);

  type_and_send (f, "Think first");

  wait_idle (f);
  reply = last_item (f);
  g_assert_true (g_str_has_prefix (bp_chat_item_get_reasoning (reply), "The user wrote \"Think first\"."));
  g_assert_true (g_str_has_prefix (bp_chat_item_get_text (reply), "Hello! You said: Think first."));

  row = find_row (f, reply);
  expander = bp_test_find_widget (GTK_WIDGET (row), GTK_TYPE_EXPANDER, TRUE);
  g_assert_nonnull (expander);
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  g_assert_true (bp_test_shows_text (GTK_WIDGET (row), "Thinking"));
  gtk_switch_set_active (panel->reasoning_switch, FALSE);

  wait_saved (f, reply);
  {
    g_autoptr(BpHistoryStore) store = open_store (f);
    g_autoptr(GPtrArray) records = load_records (store, bp_chat_page_get_conversation_id (f->page));

    g_assert_cmpstr (((BpMessageRecord *) g_ptr_array_index (records, 1))->reasoning, ==,
                     bp_chat_item_get_reasoning (reply));
  }
}

/* Streaming off in the panel: Converse, and the reply arrives whole. */
static void
test_no_streaming (Fixture       *f,
                   gconstpointer  data)
{
  BpParameterPanel *panel;
  BpChatItem *reply;

  make_page (f, FAKE_MODEL);
  panel = bp_chat_page_get_parameter_panel (f->page);
  gtk_switch_set_active (panel->streaming_switch, FALSE);
  g_assert_false (bp_parameter_panel_get_streaming (panel));

  type_and_send (f, "All at once");
  wait_idle (f);
  gtk_switch_set_active (panel->streaming_switch, TRUE);

  reply = last_item (f);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE), ==, 1);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE_STREAM), ==, 0);
  g_assert_cmpint (bp_chat_item_get_state (reply), ==, BP_CHAT_ITEM_STATE_DONE);
  g_assert_true (g_str_has_prefix (bp_chat_item_get_text (reply), "Hello! You said: All at once."));
  g_assert_true (g_str_has_suffix (bp_chat_item_get_endpoint (reply), "/model/fake.chat/converse"));
  g_assert_cmpint (bp_chat_item_get_output_tokens (reply), ==, 24);
}

/* (4) The history survives a restart. */
static void
test_history_restart (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *first_reply = NULL;
  gint64 conversation_id;

  make_page (f, FAKE_MODEL);
  type_and_send (f, "Remember the number 42");
  wait_idle (f);
  type_and_send (f, "And the number 7");
  wait_idle (f);
  g_assert_cmpuint (n_items (f), ==, 4);
  first_reply = g_strdup (bp_chat_item_get_text (get_item (f, 1)));
  wait_saved (f, last_item (f));

  conversation_id = bp_chat_page_get_conversation_id (f->page);
  g_assert_cmpint (conversation_id, >, 0);
  destroy_page (f);

  make_page (f, FAKE_MODEL);
  g_assert_cmpuint (n_items (f), ==, 0);
  bp_chat_page_load_conversation (f->page, conversation_id);
  while (n_items (f) < 4)
    g_main_context_iteration (NULL, TRUE);
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 2);

  g_assert_cmpint (bp_chat_page_get_conversation_id (f->page), ==, conversation_id);
  g_assert_cmpstr (bp_chat_item_get_text (get_item (f, 0)), ==, "Remember the number 42");
  g_assert_cmpstr (bp_chat_item_get_text (get_item (f, 1)), ==, first_reply);
  g_assert_cmpstr (bp_chat_item_get_text (get_item (f, 2)), ==, "And the number 7");
  g_assert_cmpint (bp_chat_item_get_state (get_item (f, 3)), ==, BP_CHAT_ITEM_STATE_DONE);
  g_assert_cmpstr (gtk_label_get_text (f->page->title_label), ==, "Remember the number 42");

  /* The conversation goes on from there, with the earlier turns sent. */
  type_and_send (f, "Which numbers?");
  wait_idle (f);
  g_assert_cmpuint (n_items (f), ==, 6);
  {
    const BpFakeRequest *request = bp_fake_bedrock_get_last_request (f->fake);
    g_autofree char *body = g_strndup (g_bytes_get_data (request->body, NULL),
                                       g_bytes_get_size (request->body));

    g_assert_nonnull (strstr (body, "Remember the number 42"));
    g_assert_nonnull (strstr (body, "Which numbers?"));
  }
}

/* (5) The on-demand error offers the inference profile; one click
 * switches the model and succeeds. */

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_use_inference_profile (Fixture       *f,
                            gconstpointer  data)
{
  const BpErrorText *error;
  const BpFakeRequest *request;
  GtkWidget *button;
  BpChatItem *reply;

  make_page (f, HAIKU_45);
  type_and_send (f, "Hi");
  wait_idle (f);

  reply = last_item (f);
  error = bp_chat_item_get_error (reply);
  g_assert_nonnull (error);
  g_assert_cmpint (error->action, ==, BP_ERROR_ACTION_USE_INFERENCE_PROFILE);
  g_assert_cmpstr (error->action_target, ==, US_HAIKU_45);

  button = find_button_with_label (GTK_WIDGET (find_row (f, reply)), "Use _Inference Profile");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  wait_idle (f);

  g_assert_cmpuint (n_items (f), ==, 2);
  reply = last_item (f);
  g_assert_null (bp_chat_item_get_error (reply));
  g_assert_cmpint (bp_chat_item_get_state (reply), ==, BP_CHAT_ITEM_STATE_DONE);
  g_assert_true (g_str_has_prefix (bp_chat_item_get_text (reply), "Hello! You said: Hi."));
  g_assert_cmpstr (bp_parameter_panel_get_model_id (bp_chat_page_get_parameter_panel (f->page)),
                   ==, US_HAIKU_45);

  request = bp_fake_bedrock_get_last_request (f->fake);
  g_assert_cmpstr (request->model_id, ==, US_HAIKU_45);
  g_assert_cmpuint (request->status, ==, 200);
}

/* (6) When the conversation outgrows a tiny context window, the oldest
 * turns are not sent and the view marks where the memory begins. */
static void
test_memory (Fixture       *f,
             gconstpointer  data)
{
  const char *filler = "one two three four five six seven eight nine ten eleven twelve "
                       "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
                       "twenty-one twenty-two twenty-three twenty-four twenty-five";
  g_autofree char *body = NULL;
  const BpFakeRequest *request;
  BpChatItem *marked;
  BpMessageRow *row;

  make_page (f, TINY_MODEL);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *prompt = g_strdup_printf ("Turn %u: %s", i + 1, filler);

      type_and_send (f, prompt);
      wait_idle (f);
      g_assert_null (bp_chat_item_get_error (last_item (f)));
    }

  g_assert_cmpuint (n_items (f), ==, 6);
  request = bp_fake_bedrock_get_last_request (f->fake);
  body = g_strndup (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body));
  g_assert_null (strstr (body, "Turn 1:"));
  g_assert_nonnull (strstr (body, "Turn 3:"));

  /* The first turn kept is marked; nothing before it. */
  g_assert_false (bp_chat_item_get_memory_start (get_item (f, 0)));
  marked = get_item (f, 2);
  g_assert_true (bp_chat_item_get_memory_start (marked));
  g_assert_nonnull (strstr (body, bp_chat_item_get_text (marked)));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (f->page->scroller), 0);
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  row = find_row (f, marked);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (row),
                                     "Messages above this line are beyond the model’s memory"));
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

static void
test_long_conversation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BpHistoryStore) store = open_store (f);
  g_autoptr(BpConversationRecord) conversation = bp_conversation_record_new ();
  gint64 id = 0, start, loaded;
  guint appended = 0;
  guint rows;

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

  /* GTK 4.8's list view keeps at most about 200 rows around the view. */
  rows = count_rows (GTK_WIDGET (f->page->list_view));
  g_test_message ("1000 messages loaded in %" G_GINT64_FORMAT " ms, shown in %" G_GINT64_FORMAT
                  " ms with %u rows", (loaded - start) / 1000,
                  (g_get_monotonic_time () - start) / 1000, rows);
  g_assert_cmpuint (rows, >, 0);
  g_assert_cmpuint (rows, <=, 250);
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

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  bp_test_gtk_init (&argc, &argv);

  /* The resources are in the static library: the application's class
   * registers them. The pages outside the app get the app's styles as
   * AdwApplication would give them. */
  g_type_class_unref (g_type_class_ref (BP_TYPE_APPLICATION));
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  add_test ("/bp/chat-page/stream-markdown", test_stream_markdown);
  add_test ("/bp/chat-page/stop", test_stop);
  add_test ("/bp/chat-page/close-mid-reply", test_close_mid_reply);
  add_test ("/bp/chat-page/history-unavailable", test_history_unavailable);
  add_test ("/bp/chat-page/access-denied", test_access_denied);
  add_test ("/bp/chat-page/throttled", test_throttled);
  add_test ("/bp/chat-page/thinking", test_thinking);
  add_test ("/bp/chat-page/no-streaming", test_no_streaming);
  add_test ("/bp/chat-page/history-restart", test_history_restart);
  add_test ("/bp/chat-page/use-inference-profile", test_use_inference_profile);
  add_test ("/bp/chat-page/memory", test_memory);
  add_test ("/bp/chat-page/show-request", test_show_request);
  add_test ("/bp/chat-page/regenerate-and-edit", test_regenerate_and_edit);
  add_test ("/bp/chat-page/long-conversation", test_long_conversation);
  add_test ("/bp/chat-page/export", test_export);
  add_test ("/bp/chat-page/screenshot-light", test_screenshot_light);
  add_test ("/bp/chat-page/screenshot-dark", test_screenshot_dark);
  add_test ("/bp/chat-page/screenshot-korean", test_screenshot_korean);

  return g_test_run ();
}
