/* bench-chat-load.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bench-chat.h"
#include "bp-chat-page-private.h"
#include "bp-history-store.h"
#include "bp-message-row.h"

/* 2. A saved conversation of 1,000 messages (alternating, ~600 characters
 * each, the replies with some Markdown) opens in the page: the time from
 * bp_chat_page_load_conversation() to the first frame painted with its
 * rows, median of 5, must stay under 500 ms.
 * 3. Then, after scrolling through it once, the process's RSS must stay
 * under 200 MB. */

#define N_MESSAGES    1000
#define MESSAGE_CHARS 600
#define N_LOAD_RUNS   5

static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

/* The "VmRSS:" (or other) line of /proc/self/status, in kB. */
static double
read_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, key)) == NULL)
    return -1;

  return g_ascii_strtod (line + strlen (key), NULL);
}

static const char *const words[] = {
  "model", "token", "stream", "latency", "bedrock", "prompt", "reply", "region",
  "profile", "signature", "history", "image", "cost", "the", "a", "of", "and",
};

static char *
make_text (guint i)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean assistant = i % 2 == 1;
  guint w = i;

  if (assistant)
    g_string_append_printf (text, "## Answer %u\n\nHere is **what** you asked, with `code()`:\n\n", i);
  else
    g_string_append_printf (text, "Question %u.", i);

  while (text->len < MESSAGE_CHARS)
    {
      w = w * 7 + 3;
      if (assistant && w % 11 == 0)
        g_string_append_printf (text, "\n\n- item *%s*\n- item %s\n\n", words[w % 5], words[w % 7]);
      else if (assistant && w % 29 == 0)
        g_string_append_printf (text, "\n\n```c\nbp_%s (self);\n```\n\n", words[w % 13]);
      else
        g_string_append_printf (text, " %s", words[w % G_N_ELEMENTS (words)]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64
fill_history (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BpHistoryStore) store = NULL;
  g_autoptr(BpConversationRecord) conversation = bp_conversation_record_new ();
  g_autoptr(GError) error = NULL;
  gpointer weak;
  gint64 id;

  bp_history_store_open_async (path, NULL, keep_result_cb, &result);
  store = bp_history_store_open_finish (wait_result (&result), &error);
  bench_check (error);

  g_clear_object (&result);
  conversation->title = g_strdup ("A long conversation");
  conversation->model_id = g_strdup (BENCH_MODEL);
  bp_history_store_create_conversation_async (store, conversation, NULL, keep_result_cb, &result);
  id = bp_history_store_create_conversation_finish (store, wait_result (&result), &error);
  bench_check (error);

  for (guint i = 0; i < N_MESSAGES; i++)
    {
      g_autofree char *text = make_text (i);
      BpChatRole role = i % 2 ? BP_CHAT_ROLE_ASSISTANT : BP_CHAT_ROLE_USER;
      g_autoptr(BpMessageRecord) record = bp_message_record_new (id, role, text);
      gboolean last = i + 1 == N_MESSAGES;

      if (role == BP_CHAT_ROLE_ASSISTANT)
        {
          record->model_id = g_strdup (BENCH_MODEL);
          record->input_tokens = 100 + i;
          record->output_tokens = 150;
          record->time_to_first_token_ms = 420;
          record->total_ms = 2100;
          record->cost_usd = 0.0008;
        }
      g_clear_object (&result);
      bp_history_store_append_message_async (store, record, NULL, last ? keep_result_cb : NULL, &result);
    }
  bp_history_store_append_message_finish (store, wait_result (&result), NULL, &error);
  bench_check (error);

  /* Wait until the store is gone: its worker thread closes the file. The
   * last result holds the store as its source. */
  g_clear_object (&result);
  weak = store;
  g_object_add_weak_pointer (G_OBJECT (store), &weak);
  g_clear_object (&store);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);

  return id;
}

static gboolean
shows_rows (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  if (BP_IS_MESSAGE_ROW (widget))
    return bp_message_row_get_item (BP_MESSAGE_ROW (widget)) != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_rows (child))
        return TRUE;
    }

  return FALSE;
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = BP_IS_MESSAGE_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);

  return n;
}

typedef struct
{
  BpChatPage *page;
  gint64      start;
  gint64      rows_at;    /* the first frame with the rows */
  gint64      bottom_at;  /* the first frame with the end of the conversation */
} LoadWait;

/* With BENCH_VERBOSE, when each step of a load happens. */
static void
trace (LoadWait   *wait,
       const char *what)
{
  if (g_getenv ("BENCH_VERBOSE") != NULL && wait->rows_at == 0)
    g_print ("    %7.1f ms  %s (%u rows)\n", (g_get_monotonic_time () - wait->start) / 1000.0, what,
             count_rows (GTK_WIDGET (wait->page->list_view)));
}

static void
trace_items_cb (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                LoadWait   *wait)
{
  trace (wait, "items added");
}

static void
trace_layout_cb (GdkFrameClock *clock,
                 LoadWait      *wait)
{
  trace (wait, "frame laid out");
}

static gboolean
at_bottom (BpChatPage *page)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (page->scroller);

  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
         gtk_adjustment_get_upper (adj) - 1;
}

static void
load_after_paint_cb (GdkFrameClock *clock,
                     LoadWait      *wait)
{
  gint64 now = g_get_monotonic_time ();

  trace (wait, "frame painted");
  if (g_list_model_get_n_items (bp_chat_page_get_messages (wait->page)) != N_MESSAGES ||
      !shows_rows (GTK_WIDGET (wait->page->list_view)))
    return;

  if (wait->rows_at == 0)
    wait->rows_at = now;
  if (wait->bottom_at == 0 && at_bottom (wait->page))
    wait->bottom_at = now;
}

/* Returns: the time to the first frame with the rows, and in @bottom_ms
 * the time to the first frame at the end of the conversation. */
static double
time_load (Bench  *b,
           gint64  id,
           double *bottom_ms)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b->window));
  GListModel *messages = bp_chat_page_get_messages (b->page);
  LoadWait wait = { b->page, 0, 0, 0 };
  gint64 deadline;

  bp_chat_page_new_conversation (b->page);
  bench_wait_frames (GTK_WIDGET (b->window), 3);
  bench_wait_ms (100);

  g_signal_connect (clock, "layout", G_CALLBACK (trace_layout_cb), &wait);
  g_signal_connect (clock, "after-paint", G_CALLBACK (load_after_paint_cb), &wait);
  g_signal_connect_after (messages, "items-changed", G_CALLBACK (trace_items_cb), &wait);

  wait.start = g_get_monotonic_time ();
  bp_chat_page_load_conversation (b->page, id);
  while (wait.rows_at == 0)
    g_main_context_iteration (NULL, TRUE);
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (wait.bottom_at == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handlers_disconnect_by_data (clock, &wait);
  g_signal_handlers_disconnect_by_data (messages, &wait);

  *bottom_ms = wait.bottom_at != 0 ? (wait.bottom_at - wait.start) / 1000.0 : -1;

  return (wait.rows_at - wait.start) / 1000.0;
}

/* From the end, where the page opens, to the start: the page shows the
 * last messages first and older ones as the top comes near, so going to
 * the first row shown until none is left hidden gives every message a
 * row once. (By pixels, the list view's guesses at the heights of rows it
 * has not made keep moving the start away.) */
static void
scroll_through (Bench *b)
{
  do
    {
      gtk_widget_activate_action (GTK_WIDGET (b->page->list_view), "list.scroll-to-item", "u", 0);
      bench_wait_frames (GTK_WIDGET (b->window), 2);
    }
  while (bp_tail_model_get_n_hidden (b->page->view_model) > 0);
  gtk_widget_activate_action (GTK_WIDGET (b->page->list_view), "list.scroll-to-item", "u", 0);
  bench_wait_frames (GTK_WIDGET (b->window), 3);
}

void
bench_run_load (const char *tmp)
{
  g_autofree char *history = g_build_filename (tmp, "load", "history.sqlite3", NULL);
  Bench b = { 0, };
  double rows_ms[N_LOAD_RUNS], bottom_ms[N_LOAD_RUNS];
  gint64 id, start;
  double rss_mb;

  g_print ("Loading a saved conversation of %u messages:\n", N_MESSAGES);
  start = g_get_monotonic_time ();
  id = fill_history (history);
  g_print ("  history written in %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  bench_init (&b, NULL, tmp);
  bench_open_page (&b, history);

  for (guint run = 0; run < N_LOAD_RUNS; run++)
    {
      rows_ms[run] = time_load (&b, id, &bottom_ms[run]);
      g_print ("  run %u: rows painted after %.1f ms, at the end after %.1f ms (%u rows made)\n",
               run + 1, rows_ms[run], bottom_ms[run], count_rows (GTK_WIDGET (b.page->list_view)));
    }

  g_print ("  median: rows %.1f ms, at the end %.1f ms\n",
           bench_median (rows_ms, N_LOAD_RUNS), bench_median (bottom_ms, N_LOAD_RUNS));
  bench_add_result ("load 1000 messages: first rows", bench_median (rows_ms, N_LOAD_RUNS), "ms", 500.0);

  start = g_get_monotonic_time ();
  scroll_through (&b);
  rss_mb = read_status_kb ("VmRSS:") / 1024.0;
  g_print ("  scrolled to the start in %.1f s; VmRSS %.1f MB (peak %.1f MB)\n",
           (g_get_monotonic_time () - start) / 1e6, rss_mb, read_status_kb ("VmHWM:") / 1024.0);
  bench_add_result ("RSS, 1000 messages open", rss_mb, "MB", 200.0);

  bench_close_page (&b);
  bench_clear (&b);
}
