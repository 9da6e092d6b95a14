/* bp-chat-page-test-utils.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Shared by test-chat-page.c, test-chat-page-errors.c and
 * test-chat-page-tools.c: the chat page against the in-process fake
 * Bedrock, in a plain window with its own client and a small catalogue;
 * helpers that act as the user would, and history checks that read the
 * database with a store of their own. Header-only (static inline). */

#include <string.h>

#include <glib/gstdio.h>

#include "bp-application.h"
#include "bp-chat-page-private.h"
#include "bp-credential-provider.h"
#include "bp-fake-bedrock.h"
#include "bp-history-store.h"
#include "bp-message-row.h"
#include "bp-parameter-panel-private.h"
#include "bp-test-gtk-utils.h"

G_BEGIN_DECLS

#define FAKE_MODEL   "fake.chat"
#define TINY_MODEL   "fake.tiny"
/* A Nova model with the tiny window: Nova cannot count tokens. */
#define TINY_NOVA    "amazon.nova-micro-v1:0"
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
  "{\"id\": \"" TINY_NOVA "\", \"provider\": \"Amazon\", \"name\": \"Nova Micro (tiny)\","
  " \"family\": \"amazon-nova\", \"input_modalities\": [\"TEXT\"],"
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

static inline void
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

static inline gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static inline void
configured_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_bedrock_client_configure_finish (BP_BEDROCK_CLIENT (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static inline void
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

static inline void
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

static inline void
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

static inline gboolean
no_toplevels (gpointer data)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0;
}

static inline void
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

static inline void
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

static inline GtkTextView *
prompt_view (Fixture *f)
{
  return f->page->prompt_view;
}

static inline char *
prompt_text (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (prompt_view (f));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Types the prompt and presses Enter in the prompt view. */
static inline void
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

static inline gboolean
page_idle (gpointer data)
{
  return !bp_chat_page_get_busy (data);
}

static inline void
wait_idle (Fixture *f)
{
  g_assert_true (bp_test_wait_until (page_idle, f->page, 20000));
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 2);
}

static inline guint
n_items (Fixture *f)
{
  return g_list_model_get_n_items (bp_chat_page_get_messages (f->page));
}

static inline BpChatItem *
get_item (Fixture *f,
          guint    position)
{
  g_autoptr(BpChatItem) item = g_list_model_get_item (bp_chat_page_get_messages (f->page), position);

  return item;
}

static inline BpChatItem *
last_item (Fixture *f)
{
  g_assert_cmpuint (n_items (f), >, 0);
  return get_item (f, n_items (f) - 1);
}

static inline BpMessageRow *
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

static inline BpMessageRow *
find_row (Fixture    *f,
          BpChatItem *item)
{
  BpMessageRow *row = find_row_in (GTK_WIDGET (f->page->list_view), item);

  g_assert_nonnull (row);
  return row;
}

/* History checks read the database with a store of their own. */

static inline void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  BpHistoryStore **store = user_data;

  *store = bp_history_store_open_finish (result, &error);
  g_assert_no_error (error);
}

static inline gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static inline BpHistoryStore *
open_store (Fixture *f)
{
  BpHistoryStore *store = NULL;

  bp_history_store_open_async (f->history_path, NULL, store_opened_cb, &store);
  g_assert_true (bp_test_wait_until (pointer_set, &store, 10000));

  return store;
}

static inline void
messages_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray **records = user_data;

  *records = bp_history_store_load_messages_finish (BP_HISTORY_STORE (object), result, &error);
  g_assert_no_error (error);
}

static inline GPtrArray *
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
static inline gboolean
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

static inline void
wait_saved (Fixture    *f,
            BpChatItem *item)
{
  SavedCheck check = { f, item };

  g_assert_true (bp_test_wait_until (item_saved, &check, 10000));
}

static inline void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

/* Returns: (transfer full): the application's style sheet, added to the
 * display; keep it for the whole run. */
static inline GtkCssProvider *
chat_page_test_init (int    *argc,
                     char ***argv)
{
  GtkCssProvider *css = gtk_css_provider_new ();

  bp_test_gtk_init (argc, argv);

  /* The resources are in the static library: the application's class
   * registers them. The pages outside the app get the app's styles as
   * AdwApplication would give them. */
  g_type_class_unref (g_type_class_ref (BP_TYPE_APPLICATION));
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  return css;
}

G_END_DECLS
