/* test-history-store-queue.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-history-store-private.h"
#include "bp-history-store-test-utils.h"
#include "bp-test-utils.h"

/* The history store's queue of calls: calls made without waiting run and
 * call back in order, cancelled ones are skipped, and results come back on
 * the caller's thread-default context. */

typedef struct
{
  BpHistoryStore *store;
  GArray         *order;       /* guint: the index of each callback, as called */
  GArray         *positions;   /* guint */
  guint           n_cancelled;
  GThread        *main_thread;
} QueueCheck;

typedef struct
{
  QueueCheck *check;
  guint       index;
} QueueCall;

static void
queued_append_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree QueueCall *call = user_data;
  g_autoptr(GError) error = NULL;
  guint position = G_MAXUINT;

  g_assert_true (g_thread_self () == call->check->main_thread);
  g_assert_true (source == G_OBJECT (call->check->store));

  bp_history_store_append_message_finish (call->check->store, result, &position, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    call->check->n_cancelled++;
  else
    g_assert_no_error (error);

  g_array_append_val (call->check->order, call->index);
  g_array_append_val (call->check->positions, position);
}

static void
queue_append (QueueCheck   *check,
              gint64        conversation_id,
              guint         index,
              GCancellable *cancellable)
{
  g_autofree char *text = g_strdup_printf ("%u", index);
  g_autoptr(BpMessageRecord) record = bp_message_record_new (conversation_id, BP_CHAT_ROLE_USER, text);
  QueueCall *call = g_new0 (QueueCall, 1);

  call->check = check;
  call->index = index;
  bp_history_store_append_message_async (check->store, record, cancellable, queued_append_cb, call);
}

static void
queue_check_init (QueueCheck     *check,
                  BpHistoryStore *store)
{
  check->store = store;
  check->order = g_array_new (FALSE, FALSE, sizeof (guint));
  check->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  check->main_thread = g_thread_self ();
}

static void
queue_check_clear (QueueCheck *check)
{
  g_clear_pointer (&check->order, g_array_unref);
  g_clear_pointer (&check->positions, g_array_unref);
}

/* Calls made without waiting run, and call back, in the order made. */
static void
test_queue_order (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) messages = NULL;
  QueueCheck check = { 0, };
  gint64 id = create_conversation (fixture->store, "Queue");
  const guint n = 100;

  queue_check_init (&check, fixture->store);
  for (guint i = 0; i < n; i++)
    queue_append (&check, id, i, NULL);

  /* Drop the store while calls are queued: they keep it until they are
   * done, and then it goes on this thread. */
  close_store (&fixture->store);
  g_assert_cmpuint (check.order->len, ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (g_array_index (check.order, guint, i), ==, i);
      g_assert_cmpuint (g_array_index (check.positions, guint, i), ==, i);
    }

  fixture->store = open_store (fixture->path);
  messages = load_messages (fixture->store, id);
  g_assert_cmpuint (messages->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      BpMessageRecord *m = g_ptr_array_index (messages, i);
      g_autofree char *text = g_strdup_printf ("%u", i);

      g_assert_cmpstr (m->text, ==, text);
    }

  queue_check_clear (&check);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GCancellable) later = g_cancellable_new ();
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *titles = NULL;
  g_autoptr(BpConversationRecord) record = bp_conversation_record_new ();
  QueueCheck check = { 0, };
  gint64 id = create_conversation (fixture->store, "Cancel");

  /* Cancelled before the call: nothing happens. */
  g_cancellable_cancel (cancelled);
  record->title = g_strdup ("Never");
  bp_history_store_create_conversation_async (fixture->store, record, cancelled, keep_result_cb, &result);
  g_assert_cmpint (bp_history_store_create_conversation_finish (fixture->store, wait_result (&result), &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  titles = list_titles (fixture->store, NULL);
  g_assert_cmpstr (titles, ==, "Cancel");

  /* Cancelled while queued behind other calls: skipped, the rest run. */
  queue_check_init (&check, fixture->store);
  _bp_history_store_set_paused (fixture->store, TRUE);
  queue_append (&check, id, 0, NULL);
  queue_append (&check, id, 1, later);
  queue_append (&check, id, 2, NULL);
  g_cancellable_cancel (later);
  _bp_history_store_set_paused (fixture->store, FALSE);
  while (check.order->len < 3)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (check.n_cancelled, ==, 1);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (g_array_index (check.order, guint, i), ==, i);
  g_assert_cmpuint (g_array_index (check.positions, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (check.positions, guint, 1), ==, 0);   /* not given */
  g_assert_cmpuint (g_array_index (check.positions, guint, 2), ==, 1);

  messages = load_messages (fixture->store, id);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpstr (((BpMessageRecord *) g_ptr_array_index (messages, 0))->text, ==, "0");
  g_assert_cmpstr (((BpMessageRecord *) g_ptr_array_index (messages, 1))->text, ==, "2");

  queue_check_clear (&check);
}

/* Results come back on the thread-default context of the caller. */
static void
test_context (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (context);
  bp_history_store_list_conversations_async (fixture->store, NULL, NULL, keep_result_cb, &result);
  /* The default context never sees it. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  records = bp_history_store_list_conversations_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);

  /* The worker hands its reference to the task back on this context. */
  g_clear_object (&result);
  while (g_atomic_int_get (&G_OBJECT (fixture->store)->ref_count) > 1)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  add_store_test ("queue/order", test_queue_order);
  add_store_test ("queue/cancel", test_cancel);
  add_store_test ("queue/context", test_context);

  return g_test_run ();
}
