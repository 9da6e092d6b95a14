/* bench-history.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bp-history-store.h"

/* How fast the history opens a long conversation: a 1,000-message
 * conversation (alternating roles, ~600 characters each), then opening the
 * store and loading it, ten times; prints the median. Also the cost of
 * appending, of one update of a streaming reply, and of a search.
 *
 *   bench-history [N_MESSAGES]
 *
 * Figures only: nothing here fails on time. */

#define N_RUNS         10
#define N_UPDATES      200
#define MESSAGE_CHARS  600

static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
check (const GError *error)
{
  if (error != NULL)
    {
      g_printerr ("bench-history: %s\n", error->message);
      exit (EXIT_FAILURE);
    }
}

static BpHistoryStore *
open_store (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BpHistoryStore *store;

  bp_history_store_open_async (path, NULL, keep_result_cb, &result);
  store = bp_history_store_open_finish (wait_result (&result), &error);
  check (error);

  return store;
}

/* Drops the store and waits until it is gone (its worker thread joined). */
static void
close_store (BpHistoryStore *store)
{
  gpointer weak = store;

  g_object_add_weak_pointer (G_OBJECT (store), &weak);
  g_object_unref (store);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);

  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static char *
make_text (guint i)
{
  static const char * const words[] = {
    "model", "token", "stream", "latency", "bedrock", "prompt", "reply",
    "region", "profile", "signature", "history", "image", "cost",
  };
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "Message %u.", i);
  for (guint w = i; text->len < MESSAGE_CHARS; w = w * 7 + 3)
    g_string_append_printf (text, " %s", words[w % G_N_ELEMENTS (words)]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Appends without waiting for each: the store queues them in order. The
 * last callback means all are done. */
static gint64
create_conversation (BpHistoryStore *store,
                     const char     *title)
{
  g_autoptr(BpConversationRecord) conversation = bp_conversation_record_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  conversation->title = g_strdup (title);
  bp_history_store_create_conversation_async (store, conversation, NULL, keep_result_cb, &result);
  id = bp_history_store_create_conversation_finish (store, wait_result (&result), &error);
  check (error);

  return id;
}

static gint64
fill (BpHistoryStore *store,
      guint           n_messages,
      double         *ms)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = create_conversation (store, "Benchmark");
  gint64 start;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_messages; i++)
    {
      g_autofree char *text = make_text (i);
      BpChatRole role = i % 2 ? BP_CHAT_ROLE_ASSISTANT : BP_CHAT_ROLE_USER;
      g_autoptr(BpMessageRecord) record = bp_message_record_new (id, role, text);
      gboolean last = i + 1 == n_messages;

      if (role == BP_CHAT_ROLE_ASSISTANT)
        {
          record->model_id = g_strdup ("anthropic.claude-3-5-haiku-20241022-v1:0");
          record->input_tokens = 100 + i;
          record->output_tokens = 150;
          record->cost_usd = 0.0008;
        }
      g_clear_object (&result);
      bp_history_store_append_message_async (store, record, NULL,
                                             last ? keep_result_cb : NULL, &result);
    }
  bp_history_store_append_message_finish (store, wait_result (&result), NULL, &error);
  check (error);
  *ms = (g_get_monotonic_time () - start) / 1000.0;

  return id;
}

static void
time_load (const char *path,
           gint64      conversation_id,
           guint       n_messages)
{
  double total[N_RUNS], open[N_RUNS], load[N_RUNS];

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) messages = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 opened;
      BpHistoryStore *store = open_store (path);

      opened = g_get_monotonic_time ();
      bp_history_store_load_messages_async (store, conversation_id, NULL, keep_result_cb, &result);
      messages = bp_history_store_load_messages_finish (store, wait_result (&result), &error);
      check (error);
      if (messages->len != n_messages)
        g_error ("loaded %u messages, expected %u", messages->len, n_messages);

      open[run] = (opened - start) / 1000.0;
      load[run] = (g_get_monotonic_time () - opened) / 1000.0;
      total[run] = open[run] + load[run];
      g_clear_object (&result);
      close_store (store);
    }

  g_print ("load %u messages: %.1f ms (median of %d: open the store %.1f ms, "
           "then load %.1f ms)\n",
           n_messages, median (total, N_RUNS), N_RUNS,
           median (open, N_RUNS), median (load, N_RUNS));
}

/* One update of a reply as it grows, waiting for each: the latency the
 * chat page sees, every second, while a reply streams. */
static void
time_updates (BpHistoryStore *store)
{
  gint64 conversation_id = create_conversation (store, "Streaming");
  g_autoptr(BpMessageRecord) record = bp_message_record_new (conversation_id, BP_CHAT_ROLE_ASSISTANT, "");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  double times[N_UPDATES];

  record->incomplete = TRUE;
  {
    g_autoptr(GAsyncResult) result = NULL;

    bp_history_store_append_message_async (store, record, NULL, keep_result_cb, &result);
    record->id = bp_history_store_append_message_finish (store, wait_result (&result), NULL, &error);
    check (error);
  }

  for (guint i = 0; i < N_UPDATES; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *delta = make_text (i);
      gint64 start;

      g_string_append (text, delta);
      g_free (record->text);
      record->text = g_strdup (text->str);
      start = g_get_monotonic_time ();
      bp_history_store_update_message_async (store, record, NULL, keep_result_cb, &result);
      bp_history_store_update_message_finish (store, wait_result (&result), &error);
      check (error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  g_print ("update a streaming reply: %.2f ms (median of %d; the reply grows to %zu kB)\n",
           median (times, N_UPDATES), N_UPDATES, text->len / 1024);
}

static void
time_search (BpHistoryStore *store,
             const char     *search)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  bp_history_store_list_conversations_async (store, search, NULL, keep_result_cb, &result);
  found = bp_history_store_list_conversations_finish (store, wait_result (&result), &error);
  check (error);

  g_print ("search \"%s\": %.1f ms (%u conversations)\n", search,
           (g_get_monotonic_time () - start) / 1000.0, found->len);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      rm_rf (child);
    }

  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint n_messages = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000;
  BpHistoryStore *store;
  double fill_ms;
  gint64 id;

  setlocale (LC_ALL, "");
  if (n_messages == 0)
    n_messages = 1000;

  dir = g_dir_make_tmp ("bench-history-XXXXXX", &error);
  check (error);
  path = g_build_filename (dir, "history.sqlite3", NULL);

  store = open_store (path);
  id = fill (store, n_messages, &fill_ms);
  g_print ("append %u messages: %.1f ms (%.3f ms each)\n",
           n_messages, fill_ms, fill_ms / n_messages);
  time_updates (store);
  time_search (store, "signat");
  close_store (store);

  time_load (path, id, n_messages);

  rm_rf (dir);

  return EXIT_SUCCESS;
}
