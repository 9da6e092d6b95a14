/* bp-history-store-test-utils.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Shared by test-history-store.c, test-history-store-messages.c and
 * test-history-store-queue.c: a fixture with a store in a scratch
 * directory, the async plumbing, and synchronous wrappers of the calls
 * the tests use to set up and check their data. Header-only (static
 * inline). */

#include <glib/gstdio.h>

#include "bp-history-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  char           *dir;
  char           *path;
  BpHistoryStore *store;
} Fixture;

/* Async plumbing: a callback that keeps the result, and a loop on the
 * default context until it arrives. */
static inline void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static inline GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static inline void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
    }

  g_remove (path);
}

/* Waits until @object (a reference the caller gives up) is finalized. */
static inline void
wait_finalized (gpointer object)
{
  gpointer weak = object;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* A store that failed to open must go away, and its thread with it. */
static inline BpHistoryStore *
open_store_full (const char  *path,
                 int          busy_timeout_ms,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  BpHistoryStore *store;

  _bp_history_store_open_full_async (path, busy_timeout_ms, NULL, keep_result_cb, &result);
  store = bp_history_store_open_finish (wait_result (&result), error);
  if (store == NULL)
    {
      gpointer source = g_async_result_get_source_object (result);

      g_assert_true (BP_IS_HISTORY_STORE (source));
      g_clear_object (&result);
      wait_finalized (source);
    }

  return store;
}

static inline BpHistoryStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  BpHistoryStore *store;

  store = open_store_full (path, BP_HISTORY_DEFAULT_BUSY_TIMEOUT_MS, &error);
  g_assert_no_error (error);
  g_assert_true (BP_IS_HISTORY_STORE (store));

  return store;
}

/* Drops the last reference and waits until the store is finalized: the
 * worker hands its task references back to this context, so the store must
 * go away on this thread, and its worker thread with it. */
static inline void
close_store (BpHistoryStore **store)
{
  wait_finalized (g_steal_pointer (store));
}

static inline void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bp-history-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "bedrock-playground", "history.sqlite3", NULL);
  if (data == NULL)
    fixture->store = open_store (fixture->path);
}

static inline void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->store != NULL)
    close_store (&fixture->store);
  rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Synchronous wrappers, for tests only. */
static inline gint64
create_conversation (BpHistoryStore *store,
                     const char     *title)
{
  g_autoptr(BpConversationRecord) record = bp_conversation_record_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  record->title = g_strdup (title);
  bp_history_store_create_conversation_async (store, record, NULL, keep_result_cb, &result);
  id = bp_history_store_create_conversation_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static inline gint64
append_record (BpHistoryStore         *store,
               const BpMessageRecord  *record,
               guint                  *position,
               GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bp_history_store_append_message_async (store, record, NULL, keep_result_cb, &result);

  return bp_history_store_append_message_finish (store, wait_result (&result), position, error);
}

static inline gint64
append_message (BpHistoryStore *store,
                gint64          conversation_id,
                BpChatRole      role,
                const char     *text)
{
  g_autoptr(BpMessageRecord) record = bp_message_record_new (conversation_id, role, text);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = append_record (store, record, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static inline GPtrArray *
list_conversations (BpHistoryStore *store,
                    const char     *search)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  bp_history_store_list_conversations_async (store, search, NULL, keep_result_cb, &result);
  records = bp_history_store_list_conversations_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);

  return records;
}

/* The titles of a list, joined with "|", to compare in one assertion. */
static inline char *
list_titles (BpHistoryStore *store,
             const char     *search)
{
  g_autoptr(GPtrArray) records = list_conversations (store, search);
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    {
      BpConversationRecord *record = g_ptr_array_index (records, i);

      g_string_append_printf (titles, "%s%s", i > 0 ? "|" : "", record->title);
    }

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static inline GPtrArray *
load_messages (BpHistoryStore *store,
               gint64          conversation_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  bp_history_store_load_messages_async (store, conversation_id, NULL, keep_result_cb, &result);
  records = bp_history_store_load_messages_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);

  return records;
}

static inline gboolean
by_id (BpHistoryStore  *store,
       gint64           id,
       void           (*start) (BpHistoryStore *, gint64, GCancellable *, GAsyncReadyCallback, gpointer),
       gboolean       (*finish) (BpHistoryStore *, GAsyncResult *, GError **),
       GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  start (store, id, NULL, keep_result_cb, &result);

  return finish (store, wait_result (&result), error);
}

#define add_store_test(path, func) \
  g_test_add ("/bp/history-store/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
#define add_unopened_test(path, func) \
  g_test_add ("/bp/history-store/" path, Fixture, GINT_TO_POINTER (1), fixture_setup, func, fixture_teardown)

G_END_DECLS
