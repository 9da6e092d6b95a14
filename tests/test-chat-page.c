/* test-chat-page.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-chat-page-test-utils.h"
#include "bp-history-store.h"
#include "bp-markdown-view.h"
#include "bp-message-row.h"
#include "bp-parameter-panel-private.h"
#include "bp-test-gtk-utils.h"

/* The chat page against the in-process fake Bedrock: streaming into
 * Markdown, stop, closing mid-reply, thinking, streaming off, the history
 * across a restart, and the model's memory. The errors are in
 * test-chat-page-errors.c; the request dialog, regenerate and edit, long
 * conversations, export and the screenshots in test-chat-page-tools.c. */

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

/* Sends three turns of about fifty words each to @model, whose context
 * window (300 tokens, 100 of them kept for the reply) holds about two. */
static void
send_long_turns (Fixture    *f,
                 const char *model,
                 guint       n_turns)
{
  const char *filler = "one two three four five six seven eight nine ten eleven twelve "
                       "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
                       "twenty-one twenty-two twenty-three twenty-four twenty-five";

  make_page (f, model);
  for (guint i = 0; i < n_turns; i++)
    {
      g_autofree char *prompt = g_strdup_printf ("Turn %u: %s %s", i + 1, filler, filler);

      type_and_send (f, prompt);
      wait_idle (f);
      g_assert_null (bp_chat_item_get_error (last_item (f)));
    }
}

static char *
last_body (Fixture *f)
{
  const BpFakeRequest *request = bp_fake_bedrock_get_last_request (f->fake);

  g_assert_cmpstr (request->operation, ==, BP_FAKE_OP_CONVERSE_STREAM);
  return g_strndup (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body));
}

/* (6) When the conversation outgrows a tiny context window, the oldest
 * turns are not sent and the view marks where the memory begins. The
 * model counts tokens, so the service's count decides: two turns fit by
 * it (though not by the estimate, which leans high), three do not. */
static void
test_memory (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *body = NULL;
  BpChatItem *marked;
  BpMessageRow *row;

  send_long_turns (f, TINY_MODEL, 2);
  body = last_body (f);
  g_assert_nonnull (strstr (body, "Turn 1:"));
  g_assert_nonnull (strstr (body, "Turn 2:"));
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_COUNT_TOKENS), >=, 1);
  for (guint i = 0; i < n_items (f); i++)
    g_assert_false (bp_chat_item_get_memory_start (get_item (f, i)));
  g_clear_pointer (&body, g_free);

  type_and_send (f, "Turn 3: one two three four five six seven eight nine ten eleven twelve "
                 "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
                 "twenty-one twenty-two twenty-three twenty-four twenty-five one two three "
                 "four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                 "sixteen seventeen eighteen nineteen twenty twenty-one twenty-two "
                 "twenty-three twenty-four twenty-five");
  wait_idle (f);
  g_assert_null (bp_chat_item_get_error (last_item (f)));

  g_assert_cmpuint (n_items (f), ==, 6);
  body = last_body (f);
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

/* A model that cannot count tokens (CountTokens answers 400) is asked
 * once; the estimate decides, and leaves the first turn out already when
 * the second is sent. */
static void
test_memory_estimated (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *body = NULL;

  send_long_turns (f, TINY_NOVA, 3);
  body = last_body (f);
  g_assert_null (strstr (body, "Turn 1:"));
  g_assert_nonnull (strstr (body, "Turn 3:"));
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_COUNT_TOKENS), ==, 1);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE_STREAM), ==, 3);
  g_assert_true (bp_chat_item_get_memory_start (get_item (f, 4)) ||
                 bp_chat_item_get_memory_start (get_item (f, 2)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = chat_page_test_init (&argc, &argv);

  add_test ("/bp/chat-page/stream-markdown", test_stream_markdown);
  add_test ("/bp/chat-page/stop", test_stop);
  add_test ("/bp/chat-page/close-mid-reply", test_close_mid_reply);
  add_test ("/bp/chat-page/thinking", test_thinking);
  add_test ("/bp/chat-page/no-streaming", test_no_streaming);
  add_test ("/bp/chat-page/history-restart", test_history_restart);
  add_test ("/bp/chat-page/memory", test_memory);
  add_test ("/bp/chat-page/memory-estimated", test_memory_estimated);

  return g_test_run ();
}
