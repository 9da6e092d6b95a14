/* test-history-store.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bp-history-store-private.h"
#include "bp-test-utils.h"

typedef struct
{
  char           *dir;
  char           *path;
  BpHistoryStore *store;
} Fixture;

/* Async plumbing: a callback that keeps the result, and a loop on the
 * default context until it arrives. */
static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
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
static void
wait_finalized (gpointer object)
{
  gpointer weak = object;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* A store that failed to open must go away, and its thread with it. */
static BpHistoryStore *
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

static BpHistoryStore *
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
static void
close_store (BpHistoryStore **store)
{
  wait_finalized (g_steal_pointer (store));
}

static void
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

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->store != NULL)
    close_store (&fixture->store);
  rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Plain SQLite access, to check the file behind the store's back. */
static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);

  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static void
raw_check_fts (const char *path)
{
  sqlite3 *db = raw_open (path);

  raw_exec (db, "INSERT INTO conversations_fts (conversations_fts) VALUES ('integrity-check');"
                "INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check');");
  sqlite3_close (db);
}

/* Synchronous wrappers, for tests only. */
static gint64
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

static gint64
append_record (BpHistoryStore         *store,
               const BpMessageRecord  *record,
               guint                  *position,
               GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bp_history_store_append_message_async (store, record, NULL, keep_result_cb, &result);

  return bp_history_store_append_message_finish (store, wait_result (&result), position, error);
}

static gint64
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

static void
update_message (BpHistoryStore        *store,
                const BpMessageRecord *record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bp_history_store_update_message_async (store, record, NULL, keep_result_cb, &result);
  g_assert_true (bp_history_store_update_message_finish (store, wait_result (&result), &error));
  g_assert_no_error (error);
}

static GPtrArray *
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
static char *
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

static GPtrArray *
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

static gboolean
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

static guint
purge (BpHistoryStore *store,
       gint64          id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  bp_history_store_purge_deleted_async (store, id, NULL, keep_result_cb, &result);
  n = bp_history_store_purge_deleted_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);

  return n;
}

static void
test_open_creates (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *images = g_build_filename (fixture->dir, "bedrock-playground", "images", NULL);
  g_autofree char *mode = NULL;
  sqlite3 *db;

  g_assert_cmpstr (bp_history_store_get_path (fixture->store), ==, fixture->path);
  g_assert_cmpstr (bp_history_store_get_images_dir (fixture->store), ==, images);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (images, G_FILE_TEST_IS_DIR));

  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, BP_HISTORY_SCHEMA_VERSION);
  mode = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (raw_int (db, "SELECT COUNT(*) FROM sqlite_master WHERE name IN "
                                "('conversations', 'messages', 'images', "
                                "'conversations_fts', 'messages_fts')"), ==, 5);
  sqlite3_close (db);
}

static void
test_default_path (void)
{
  g_autofree char *path = bp_history_store_dup_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "bedrock-playground",
                                                "history.sqlite3", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static sqlite3 *
raw_create (Fixture *fixture)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  return raw_open (fixture->path);
}

/* A database of version 0 (anything SQLite, no schema of ours) is
 * migrated in place; what else it holds stays. */
static void
test_migrate_from_0 (Fixture       *fixture,
                     gconstpointer  data)
{
  sqlite3 *db = raw_create (fixture);

  raw_exec (db, "CREATE TABLE unrelated (x); INSERT INTO unrelated VALUES (42);");
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 0);
  sqlite3_close (db);

  fixture->store = open_store (fixture->path);
  create_conversation (fixture->store, "after migration");
  close_store (&fixture->store);

  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT x FROM unrelated"), ==, 42);
  g_assert_cmpint (raw_int (db, "SELECT COUNT(*) FROM conversations"), ==, 1);
  sqlite3_close (db);
}

/* A failing step leaves nothing behind: the migration is one transaction. */
static void
test_migrate_atomic (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(BpHistoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = raw_create (fixture);

  raw_exec (db, "CREATE TABLE images (x)");
  sqlite3_close (db);

  store = open_store_full (fixture->path, 100, &error);
  g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_IO);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, fixture->path));

  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'conversations'"), ==, 0);
  sqlite3_close (db);
}

static void
test_newer_version (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(BpHistoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = raw_create (fixture);

  raw_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;");
  sqlite3_close (db);

  store = open_store_full (fixture->path, 100, &error);
  g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NEWER_VERSION);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "99"));

  /* Untouched. */
  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 99);
  g_assert_cmpint (raw_int (db, "SELECT COUNT(*) FROM sqlite_master"), ==, 1);
  sqlite3_close (db);
}

static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(BpHistoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *garbage = g_strnfill (8192, 'x');

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (fixture->path, garbage, -1, &error);
  g_assert_no_error (error);

  store = open_store_full (fixture->path, 100, &error);
  g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_CORRUPT);
  g_assert_null (store);
}

static void
test_cannot_create (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(BpHistoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (fixture->dir, "a-file", NULL);
  g_autofree char *path = g_build_filename (file, "history.sqlite3", NULL);

  /* The database's folder would have to be inside a regular file. */
  g_file_set_contents (file, "", 0, &error);
  g_assert_no_error (error);

  store = open_store_full (path, 100, &error);
  g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_OPEN);
  g_assert_null (store);
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(BpConversationRecord) record = bp_conversation_record_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  sqlite3 *db;

  fixture->store = open_store_full (fixture->path, 50, &error);
  g_assert_no_error (error);

  db = raw_open (fixture->path);
  raw_exec (db, "BEGIN EXCLUSIVE; INSERT INTO conversations (created_at, updated_at) VALUES (0, 0);");

  bp_history_store_create_conversation_async (fixture->store, record, NULL, keep_result_cb, &result);
  g_assert_cmpint (bp_history_store_create_conversation_finish (fixture->store, wait_result (&result), &error), ==, 0);
  g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_LOCKED);

  /* WAL: reading goes on while another connection writes. */
  records = list_conversations (fixture->store, NULL);
  g_assert_cmpuint (records->len, ==, 0);

  raw_exec (db, "COMMIT");
  sqlite3_close (db);
  create_conversation (fixture->store, "after the lock");
  g_clear_pointer (&records, g_ptr_array_unref);
  records = list_conversations (fixture->store, NULL);
  g_assert_cmpuint (records->len, ==, 2);
}

static void
test_conversations (Fixture       *fixture,
                    gconstpointer  data)
{
  BpHistoryStore *store = fixture->store;
  g_autoptr(BpConversationRecord) update = bp_conversation_record_new ();
  g_autoptr(BpConversationRecord) got = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *titles = NULL;
  gint64 first, second, third;

  first = create_conversation (store, "First");
  second = create_conversation (store, "Second");
  third = create_conversation (store, "Third");
  g_assert_cmpint (first, <, second);

  titles = list_titles (store, NULL);
  g_assert_cmpstr (titles, ==, "Third|Second|First");

  /* A message moves its conversation to the top; a rename does not. */
  append_message (store, first, BP_CHAT_ROLE_USER, "hello");
  g_free (titles), titles = list_titles (store, NULL);
  g_assert_cmpstr (titles, ==, "First|Third|Second");

  bp_history_store_rename_conversation_async (store, second, "Renamed", NULL, keep_result_cb, &result);
  g_assert_true (bp_history_store_rename_conversation_finish (store, wait_result (&result), &error));
  g_assert_no_error (error);
  g_free (titles), titles = list_titles (store, NULL);
  g_assert_cmpstr (titles, ==, "First|Third|Renamed");

  update->id = third;
  update->title = g_strdup ("Third");
  update->model_id = g_strdup ("anthropic.claude-3-haiku-20240307-v1:0");
  update->system_prompt = g_strdup ("Be brief.");
  update->parameters_json = g_strdup ("{\"temperature\":0.5}");
  g_clear_object (&result);
  bp_history_store_update_conversation_async (store, update, NULL, keep_result_cb, &result);
  g_assert_true (bp_history_store_update_conversation_finish (store, wait_result (&result), &error));
  g_assert_no_error (error);

  g_clear_object (&result);
  bp_history_store_get_conversation_async (store, third, NULL, keep_result_cb, &result);
  got = bp_history_store_get_conversation_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->id, ==, third);
  g_assert_cmpstr (got->model_id, ==, update->model_id);
  g_assert_cmpstr (got->system_prompt, ==, "Be brief.");
  g_assert_cmpstr (got->parameters_json, ==, "{\"temperature\":0.5}");
  g_assert_cmpint (got->created_at, >, 0);
  g_assert_cmpint (got->updated_at, >=, got->created_at);
  g_assert_cmpuint (got->n_messages, ==, 0);

  /* Unknown ids. */
  g_clear_object (&result);
  bp_history_store_rename_conversation_async (store, 9999, "x", NULL, keep_result_cb, &result);
  g_assert_false (bp_history_store_rename_conversation_finish (store, wait_result (&result), &error));
  g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&got, bp_conversation_record_free);
  g_clear_object (&result);
  bp_history_store_get_conversation_async (store, 9999, NULL, keep_result_cb, &result);
  got = bp_history_store_get_conversation_finish (store, wait_result (&result), &error);
  g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NOT_FOUND);
  g_assert_null (got);
}

static void
test_delete_undelete_purge (Fixture       *fixture,
                            gconstpointer  data)
{
  BpHistoryStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autofree char *titles = NULL;
  gint64 keep, doomed;
  sqlite3 *db;

  keep = create_conversation (store, "Keep");
  doomed = create_conversation (store, "Doomed");
  append_message (store, doomed, BP_CHAT_ROLE_USER, "a unique zebra");
  append_message (store, doomed, BP_CHAT_ROLE_ASSISTANT, "stripes");

  g_assert_true (by_id (store, doomed, bp_history_store_delete_conversation_async,
                        bp_history_store_delete_conversation_finish, &error));
  g_assert_no_error (error);
  titles = list_titles (store, NULL);
  g_assert_cmpstr (titles, ==, "Keep");
  g_free (titles), titles = list_titles (store, "zebra");
  g_assert_cmpstr (titles, ==, "");

  /* Undo. */
  g_assert_true (by_id (store, doomed, bp_history_store_undelete_conversation_async,
                        bp_history_store_undelete_conversation_finish, &error));
  g_assert_no_error (error);
  g_free (titles), titles = list_titles (store, NULL);
  g_assert_cmpstr (titles, ==, "Doomed|Keep");

  /* Purging leaves conversations that are not deleted alone. */
  g_assert_cmpuint (purge (store, doomed), ==, 0);
  g_assert_cmpuint (purge (store, 0), ==, 0);

  g_assert_true (by_id (store, doomed, bp_history_store_delete_conversation_async,
                        bp_history_store_delete_conversation_finish, &error));
  g_assert_cmpuint (purge (store, keep), ==, 0);
  g_assert_cmpuint (purge (store, doomed), ==, 1);
  g_assert_false (by_id (store, doomed, bp_history_store_undelete_conversation_async,
                         bp_history_store_undelete_conversation_finish, &error));
  g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NOT_FOUND);

  g_free (titles), titles = list_titles (store, NULL);
  g_assert_cmpstr (titles, ==, "Keep");

  /* The cascade took the messages and the search index with them. */
  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "SELECT COUNT(*) FROM messages"), ==, 0);
  sqlite3_close (db);
  raw_check_fts (fixture->path);

  /* Purge-all catches what a crash left deleted. */
  g_assert_true (by_id (store, keep, bp_history_store_delete_conversation_async,
                        bp_history_store_delete_conversation_finish, NULL));
  g_assert_cmpuint (purge (store, 0), ==, 1);
}

static void
fill_message (BpMessageRecord *record,
              guint            i)
{
  record->model_id = g_strdup ("amazon.nova-lite-v1:0");
  record->invoke_id = g_strdup ("us.amazon.nova-lite-v1:0");
  record->stop_reason = g_strdup ("end_turn");
  record->input_tokens = 10 + i;
  record->output_tokens = 20 + i;
  record->time_to_first_token_ms = 300;
  record->total_ms = 1200;
  record->cost_usd = 0.001;
  record->request_json = g_strdup_printf ("{\"n\":%u}", i);
  record->endpoint = g_strdup ("https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse-stream");
  record->reasoning = g_strdup ("thinking");
}

static void
test_messages_in_order (Fixture       *fixture,
                        gconstpointer  data)
{
  BpHistoryStore *store = fixture->store;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(GError) error = NULL;
  BpConversationRecord *conversation;
  gint64 id = create_conversation (store, "Chat");
  gint64 other = create_conversation (store, "Other");

  for (guint i = 0; i < 6; i++)
    {
      BpChatRole role = i % 2 ? BP_CHAT_ROLE_ASSISTANT : BP_CHAT_ROLE_USER;
      g_autofree char *text = g_strdup_printf ("message %u", i);
      g_autoptr(BpMessageRecord) record = bp_message_record_new (id, role, text);
      guint position = 99;

      if (role == BP_CHAT_ROLE_ASSISTANT)
        fill_message (record, i);
      g_assert_cmpint (append_record (store, record, &position, &error), >, 0);
      g_assert_no_error (error);
      g_assert_cmpuint (position, ==, i);
      append_message (store, other, role, "elsewhere");
    }

  messages = load_messages (store, id);
  g_assert_cmpuint (messages->len, ==, 6);
  for (guint i = 0; i < messages->len; i++)
    {
      BpMessageRecord *m = g_ptr_array_index (messages, i);
      g_autofree char *text = g_strdup_printf ("message %u", i);

      g_assert_cmpuint (m->position, ==, i);
      g_assert_cmpint (m->conversation_id, ==, id);
      g_assert_cmpstr (m->text, ==, text);
      g_assert_cmpint (m->created_at, >, 0);
      g_assert_false (m->incomplete);
      if (i % 2 == 0)
        {
          g_assert_cmpint (m->role, ==, BP_CHAT_ROLE_USER);
          g_assert_cmpint (m->input_tokens, ==, -1);
          g_assert_cmpint (m->total_ms, ==, -1);
          g_assert_true (m->cost_usd < 0);
          g_assert_null (m->model_id);
          g_assert_null (m->request_json);
          continue;
        }
      g_assert_cmpint (m->role, ==, BP_CHAT_ROLE_ASSISTANT);
      g_assert_cmpstr (m->model_id, ==, "amazon.nova-lite-v1:0");
      g_assert_cmpstr (m->invoke_id, ==, "us.amazon.nova-lite-v1:0");
      g_assert_cmpstr (m->stop_reason, ==, "end_turn");
      g_assert_cmpint (m->input_tokens, ==, 10 + i);
      g_assert_cmpint (m->output_tokens, ==, 20 + i);
      g_assert_cmpint (m->time_to_first_token_ms, ==, 300);
      g_assert_cmpint (m->total_ms, ==, 1200);
      g_assert_cmpfloat_with_epsilon (m->cost_usd, 0.001, 1e-12);
      g_assert_cmpstr (m->reasoning, ==, "thinking");
      g_assert_nonnull (strstr (m->endpoint, "converse-stream"));
      g_assert_null (m->error_message);
    }

  conversations = list_conversations (store, NULL);
  conversation = g_ptr_array_index (conversations, 0);
  g_assert_cmpstr (conversation->title, ==, "Other");
  conversation = g_ptr_array_index (conversations, 1);
  g_assert_cmpuint (conversation->n_messages, ==, 6);
  g_assert_cmpfloat_with_epsilon (conversation->total_cost_usd, 0.003, 1e-12);

  {
    g_autoptr(BpMessageRecord) orphan = bp_message_record_new (424242, BP_CHAT_ROLE_USER, "x");

    g_assert_cmpint (append_record (store, orphan, NULL, &error), ==, 0);
    g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NOT_FOUND);
  }
}

/* A reply is appended when its request goes out, saved as it streams,
 * and what was saved survives the app going away mid-stream. */
static void
test_streaming_update (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(BpChatReply) reply = bp_chat_reply_new ();
  g_autoptr(BpMessageRecord) record = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  BpMessageRecord *saved;
  BpUsage usage;
  gint64 id = create_conversation (fixture->store, "Streaming");

  append_message (fixture->store, id, BP_CHAT_ROLE_USER, "Tell me a story");
  record = bp_message_record_new (id, BP_CHAT_ROLE_ASSISTANT, NULL);
  record->model_id = g_strdup ("anthropic.claude-3-haiku-20240307-v1:0");
  record->request_json = g_strdup ("{\"messages\":[]}");
  record->endpoint = g_strdup ("https://example.invalid/converse-stream");
  record->incomplete = TRUE;
  record->id = append_record (fixture->store, record, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->id, >, 0);

  /* Updates never write the request body or the endpoint. */
  g_free (record->request_json);
  record->request_json = g_strdup ("not saved by an update");
  g_free (record->endpoint);
  record->endpoint = NULL;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *delta = g_strdup_printf ("chunk %u. ", i);

      bp_chat_reply_append_text (reply, delta);
      g_string_append (expected, delta);
      bp_message_record_set_from_reply (record, reply);
      /* Fire and forget, as a page does every second. */
      bp_history_store_update_message_async (fixture->store, record, NULL, NULL, NULL);
    }
  update_message (fixture->store, record);

  /* The app goes away mid-stream. */
  close_store (&fixture->store);
  fixture->store = open_store (fixture->path);

  messages = load_messages (fixture->store, id);
  g_assert_cmpuint (messages->len, ==, 2);
  saved = g_ptr_array_index (messages, 1);
  g_assert_cmpint (saved->id, ==, record->id);
  g_assert_cmpstr (saved->text, ==, expected->str);
  g_assert_true (saved->incomplete);
  g_assert_null (saved->stop_reason);
  g_assert_cmpint (saved->output_tokens, ==, -1);
  g_assert_cmpstr (saved->model_id, ==, "anthropic.claude-3-haiku-20240307-v1:0");
  g_assert_cmpstr (saved->request_json, ==, "{\"messages\":[]}");
  g_assert_cmpstr (saved->endpoint, ==, "https://example.invalid/converse-stream");

  /* The end of the stream. */
  bp_usage_init (&usage);
  usage.input_tokens = 12;
  usage.output_tokens = 345;
  bp_chat_reply_merge_usage (reply, &usage);
  bp_chat_reply_set_stop_reason (reply, BP_STOP_REASON_END_TURN, "end_turn");
  bp_chat_reply_set_latency_ms (reply, 2500);
  bp_chat_reply_set_complete (reply, TRUE);
  bp_message_record_set_from_reply (record, reply);
  record->cost_usd = 0.0123;
  update_message (fixture->store, record);

  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = load_messages (fixture->store, id);
  saved = g_ptr_array_index (messages, 1);
  g_assert_false (saved->incomplete);
  g_assert_cmpstr (saved->stop_reason, ==, "end_turn");
  g_assert_cmpint (saved->input_tokens, ==, 12);
  g_assert_cmpint (saved->output_tokens, ==, 345);
  g_assert_cmpint (saved->total_ms, ==, 2500);
  g_assert_cmpfloat_with_epsilon (saved->cost_usd, 0.0123, 1e-12);

  /* A message that is gone. */
  record->id = 987654;
  bp_history_store_update_message_async (fixture->store, record, NULL, keep_result_cb, &result);
  g_assert_false (bp_history_store_update_message_finish (fixture->store, wait_result (&result), &error));
  g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NOT_FOUND);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  BpHistoryStore *store = fixture->store;
  static const char * const odd[] = { "\"", "\"\"*", "*", "AND", "OR NOT", "(", "-", "^", ":", "{}", NULL };
  g_autofree char *titles = NULL;
  gint64 rust, cats, korean;

  rust = create_conversation (store, "Rustacean questions");
  append_message (store, rust, BP_CHAT_ROLE_USER, "How do lifetimes work?");
  append_message (store, rust, BP_CHAT_ROLE_ASSISTANT, "A lifetime names a region of code.");
  cats = create_conversation (store, "Cats");
  append_message (store, cats, BP_CHAT_ROLE_USER, "Why do cats purr? Explain the physiology.");
  korean = create_conversation (store, "한국어 대화");
  append_message (store, korean, BP_CHAT_ROLE_USER, "안녕하세요, 오늘 날씨는 어때요?");

  /* A word of a message, whole or as a prefix, any case. */
  titles = list_titles (store, "lifetimes");
  g_assert_cmpstr (titles, ==, "Rustacean questions");
  g_free (titles), titles = list_titles (store, "PHYSIO");
  g_assert_cmpstr (titles, ==, "Cats");
  g_free (titles), titles = list_titles (store, "안녕");
  g_assert_cmpstr (titles, ==, "한국어 대화");

  /* A title prefix. */
  g_free (titles), titles = list_titles (store, "rust");
  g_assert_cmpstr (titles, ==, "Rustacean questions");
  g_free (titles), titles = list_titles (store, "한국");
  g_assert_cmpstr (titles, ==, "한국어 대화");

  /* Every word must match (in the same title or message). */
  g_free (titles), titles = list_titles (store, "  cats   purr ");
  g_assert_cmpstr (titles, ==, "Cats");
  g_free (titles), titles = list_titles (store, "cats lifetimes");
  g_assert_cmpstr (titles, ==, "");

  /* A word matching two conversations lists both, newest first. */
  append_message (store, cats, BP_CHAT_ROLE_ASSISTANT, "Cats have no lifetimes, only lives.");
  g_free (titles), titles = list_titles (store, "lifetimes");
  g_assert_cmpstr (titles, ==, "Cats|Rustacean questions");

  /* No words: everything. */
  g_free (titles), titles = list_titles (store, "   ");
  g_assert_cmpstr (titles, ==, "Cats|한국어 대화|Rustacean questions");

  /* FTS syntax typed by the user is only text. */
  for (guint i = 0; odd[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) records = list_conversations (store, odd[i]);

      g_assert_cmpuint (records->len, ==, 0);
    }

  /* The index follows renames, and the removal of messages. */
  bp_history_store_rename_conversation_async (store, rust, "Borrow checker", NULL, NULL, NULL);
  g_free (titles), titles = list_titles (store, "rustacean");
  g_assert_cmpstr (titles, ==, "");
  g_free (titles), titles = list_titles (store, "borrow");
  g_assert_cmpstr (titles, ==, "Borrow checker");

  bp_history_store_truncate_conversation_async (store, cats, 1, NULL, NULL, NULL);
  g_free (titles), titles = list_titles (store, "lifetimes");
  g_assert_cmpstr (titles, ==, "Borrow checker");

  raw_check_fts (fixture->path);
}

static void
test_fts_query (void)
{
  static const struct
  {
    const char *search;
    const char *query;
  } cases[] = {
    { NULL, NULL },
    { "", NULL },
    { " \t\n ", NULL },
    { "rust", "\"rust\"*" },
    { "  two   words ", "\"two\"* \"words\"*" },
    { "say \"hi\"", "\"say\"* \"\"\"hi\"\"\"*" },
    { "a OR b", "\"a\"* \"OR\"* \"b\"*" },
    { "안녕 세계", "\"안녕\"* \"세계\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = _bp_history_fts_query (cases[i].search);

      g_assert_cmpstr (query, ==, cases[i].query);
    }
}

static void
test_truncate (Fixture       *fixture,
               gconstpointer  data)
{
  BpHistoryStore *store = fixture->store;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BpMessageRecord *last;
  gint64 id = create_conversation (store, "Edit and resend");
  gint64 other = create_conversation (store, "Untouched");
  g_autoptr(BpMessageRecord) edited = bp_message_record_new (id, BP_CHAT_ROLE_USER, "edited");
  guint position = 0;

  for (guint i = 0; i < 6; i++)
    {
      append_message (store, id, i % 2 ? BP_CHAT_ROLE_ASSISTANT : BP_CHAT_ROLE_USER, "turn");
      append_message (store, other, BP_CHAT_ROLE_USER, "other");
    }

  /* Edit the user message at position 2: keep 0 and 1, then append. */
  bp_history_store_truncate_conversation_async (store, id, 2, NULL, keep_result_cb, &result);
  g_assert_cmpuint (bp_history_store_truncate_conversation_finish (store, wait_result (&result), &error), ==, 4);
  g_assert_no_error (error);

  append_record (store, edited, &position, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (position, ==, 2);

  messages = load_messages (store, id);
  g_assert_cmpuint (messages->len, ==, 3);
  last = g_ptr_array_index (messages, 2);
  g_assert_cmpstr (last->text, ==, "edited");
  g_assert_cmpuint (last->position, ==, 2);

  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = load_messages (store, other);
  g_assert_cmpuint (messages->len, ==, 6);

  /* Past the end: nothing to do. */
  g_clear_object (&result);
  bp_history_store_truncate_conversation_async (store, id, 10, NULL, keep_result_cb, &result);
  g_assert_cmpuint (bp_history_store_truncate_conversation_finish (store, wait_result (&result), &error), ==, 0);
  g_assert_no_error (error);
}

static void
append_reply (BpHistoryStore *store,
              gint64          conversation_id,
              gint64          input_tokens,
              gint64          output_tokens,
              double          cost_usd)
{
  g_autoptr(BpMessageRecord) record = bp_message_record_new (conversation_id, BP_CHAT_ROLE_ASSISTANT, "r");
  g_autoptr(GError) error = NULL;

  record->input_tokens = input_tokens;
  record->output_tokens = output_tokens;
  record->cost_usd = cost_usd;
  append_record (store, record, NULL, &error);
  g_assert_no_error (error);
}

static void
add_image (BpHistoryStore *store,
           double          cost_usd)
{
  g_autoptr(BpImageRecord) record = bp_image_record_new ();
  g_autoptr(BpImageRecord) added = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  record->prompt = g_strdup ("a lighthouse");
  record->cost_usd = cost_usd;
  bp_history_store_add_image_async (store, record, bytes, NULL, keep_result_cb, &result);
  added = bp_history_store_add_image_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
}

static void
get_usage (BpHistoryStore *store,
           gint64          conversation_id,
           gint64          since_ms,
           BpHistoryUsage *usage)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bp_history_store_get_usage_async (store, conversation_id, since_ms, NULL, keep_result_cb, &result);
  g_assert_true (bp_history_store_get_usage_finish (store, wait_result (&result), usage, &error));
  g_assert_no_error (error);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  BpHistoryStore *store = fixture->store;
  BpHistoryUsage usage;
  gint64 start = g_get_real_time () / 1000 - 1;
  gint64 first = create_conversation (store, "One");
  gint64 second = create_conversation (store, "Two");
  gint64 deleted = create_conversation (store, "Deleted");

  append_message (store, first, BP_CHAT_ROLE_USER, "question");
  append_reply (store, first, 100, 50, 0.01);
  append_reply (store, first, 200, 80, -1);     /* unpriced */
  append_reply (store, first, -1, -1, -1);      /* failed: no tokens, no cost */
  append_reply (store, second, 1, 2, 0.5);
  append_reply (store, deleted, 1000, 1000, 9.0);
  g_assert_true (by_id (store, deleted, bp_history_store_delete_conversation_async,
                        bp_history_store_delete_conversation_finish, NULL));
  add_image (store, 0.04);
  add_image (store, -1);

  get_usage (store, 0, 0, &usage);
  g_assert_cmpuint (usage.n_replies, ==, 4);
  g_assert_cmpint (usage.input_tokens, ==, 301);
  g_assert_cmpint (usage.output_tokens, ==, 132);
  g_assert_cmpfloat_with_epsilon (usage.cost_usd, 0.51, 1e-9);
  g_assert_cmpuint (usage.n_unpriced, ==, 1);
  g_assert_cmpuint (usage.n_images, ==, 2);
  g_assert_cmpfloat_with_epsilon (usage.images_cost_usd, 0.04, 1e-9);

  get_usage (store, first, start, &usage);
  g_assert_cmpuint (usage.n_replies, ==, 3);
  g_assert_cmpint (usage.input_tokens, ==, 300);
  g_assert_cmpint (usage.output_tokens, ==, 130);
  g_assert_cmpfloat_with_epsilon (usage.cost_usd, 0.01, 1e-9);
  g_assert_cmpuint (usage.n_unpriced, ==, 1);
  g_assert_cmpuint (usage.n_images, ==, 0);

  /* Since a time after all of it. */
  get_usage (store, 0, g_get_real_time () / 1000 + 3600 * 1000, &usage);
  g_assert_cmpuint (usage.n_replies, ==, 0);
  g_assert_cmpint (usage.input_tokens, ==, 0);
  g_assert_cmpfloat (usage.cost_usd, ==, 0.0);
  g_assert_cmpuint (usage.n_images, ==, 0);
}

static void
test_images (Fixture       *fixture,
             gconstpointer  data)
{
  BpHistoryStore *store = fixture->store;
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0, 'I', 'E', 'N', 'D' };
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 1, 2, 3 };
  g_autoptr(GBytes) png_bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) jpeg_bytes = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(BpImageRecord) record = bp_image_record_new ();
  g_autoptr(BpImageRecord) first = NULL;
  g_autoptr(BpImageRecord) second = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *contents = NULL;
  BpImageRecord *listed;
  gsize len = 0;

  record->prompt = g_strdup ("a lighthouse at dusk");
  record->negative_prompt = g_strdup ("people");
  record->model_id = g_strdup ("amazon.titan-image-generator-v2:0");
  record->seed = 42;
  record->width = 1024;
  record->height = 768;
  record->cost_usd = 0.01;
  record->parameters_json = g_strdup ("{\"cfgScale\":8}");
  record->file_name = g_strdup ("../../escape.png");   /* ignored */

  bp_history_store_add_image_async (store, record, png_bytes, NULL, keep_result_cb, &result);
  first = bp_history_store_add_image_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->id, >, 0);
  g_assert_true (g_str_has_suffix (first->file_name, ".png"));
  g_assert_null (strchr (first->file_name, '/'));
  g_assert_cmpint (first->created_at, >, 0);

  first_path = bp_history_store_dup_image_path (store, first);
  g_assert_true (g_str_has_prefix (first_path, bp_history_store_get_images_dir (store)));
  g_file_get_contents (first_path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, png, sizeof png);

  g_clear_object (&result);
  bp_history_store_add_image_async (store, record, jpeg_bytes, NULL, keep_result_cb, &result);
  second = bp_history_store_add_image_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (second->file_name, ".jpg"));
  g_assert_cmpstr (second->file_name, !=, first->file_name);

  g_clear_object (&result);
  bp_history_store_list_images_async (store, NULL, keep_result_cb, &result);
  images = bp_history_store_list_images_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (images->len, ==, 2);
  listed = g_ptr_array_index (images, 0);
  g_assert_cmpint (listed->id, ==, second->id);
  listed = g_ptr_array_index (images, 1);
  g_assert_cmpint (listed->id, ==, first->id);
  g_assert_cmpstr (listed->prompt, ==, "a lighthouse at dusk");
  g_assert_cmpstr (listed->negative_prompt, ==, "people");
  g_assert_cmpstr (listed->model_id, ==, "amazon.titan-image-generator-v2:0");
  g_assert_cmpint (listed->seed, ==, 42);
  g_assert_cmpuint (listed->width, ==, 1024);
  g_assert_cmpuint (listed->height, ==, 768);
  g_assert_cmpfloat_with_epsilon (listed->cost_usd, 0.01, 1e-12);
  g_assert_cmpstr (listed->parameters_json, ==, "{\"cfgScale\":8}");
  g_assert_cmpstr (listed->file_name, ==, first->file_name);

  g_assert_true (by_id (store, first->id, bp_history_store_delete_image_async,
                        bp_history_store_delete_image_finish, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (first_path, G_FILE_TEST_EXISTS));
  g_assert_false (by_id (store, first->id, bp_history_store_delete_image_async,
                         bp_history_store_delete_image_finish, &error));
  g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NOT_FOUND);
}

static void
assert_title (const char *prompt,
              const char *expected)
{
  g_autofree char *title = bp_history_title_from_prompt (prompt);

  g_assert_true (g_utf8_validate (title, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (title, -1), <=, 60);
  g_assert_cmpstr (title, ==, expected);
}

static void
test_title (void)
{
  g_autofree char *sixty = g_strnfill (60, 'a');
  g_autofree char *long_word = g_strnfill (100, 'b');
  g_autofree char *cut_word = g_strconcat ("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "…", NULL);
  g_autoptr(GString) hangul = g_string_new (NULL);
  g_autoptr(GString) hangul_cut = g_string_new (NULL);

  assert_title ("Hello world", "Hello world");
  assert_title ("  \n\t\n  First line, trimmed  \nsecond line", "First line, trimmed");
  assert_title ("a\t\tb   c\r\nd", "a b c");
  assert_title (sixty, sixty);
  assert_title ("The quick brown fox jumps over the lazy dog, and then it keeps running far away",
                "The quick brown fox jumps over the lazy dog, and then it…");
  assert_title (long_word, cut_word);

  /* Korean with spaces: cut between words. */
  assert_title ("안녕하세요 오늘은 날씨가 정말 좋네요. 그래서 우리는 공원에 산책을 가기로 했습니다. "
                "그리고 점심도 맛있게 먹었어요.",
                "안녕하세요 오늘은 날씨가 정말 좋네요. 그래서 우리는 공원에 산책을 가기로 했습니다. "
                "그리고 점심도 맛있게…");

  /* Korean without spaces: cut between two syllables (3 bytes each). */
  for (guint i = 0; i < 70; i++)
    {
      g_string_append_unichar (hangul, 0xAC00 + i);
      if (i < 59)
        g_string_append_unichar (hangul_cut, 0xAC00 + i);
    }
  g_string_append (hangul_cut, "…");
  assert_title (hangul->str, hangul_cut->str);

  /* Nothing to make a title of. */
  assert_title (NULL, "New chat");
  assert_title ("", "New chat");
  assert_title (" \n\t\n ", "New chat");

  /* Invalid UTF-8 is replaced, never passed on. */
  assert_title ("caf\xc3 ok", "caf\xef\xbf\xbd ok");
}

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

static void
test_record_from_reply (void)
{
  g_autoptr(BpChatReply) reply = bp_chat_reply_new ();
  g_autoptr(BpMessageRecord) record = bp_message_record_new (1, BP_CHAT_ROLE_ASSISTANT, "old");
  g_autoptr(BpMessageRecord) copy = NULL;
  BpUsage usage;

  bp_message_record_set_from_reply (record, reply);
  g_assert_cmpstr (record->text, ==, "");
  g_assert_null (record->stop_reason);
  g_assert_true (record->incomplete);
  g_assert_cmpint (record->input_tokens, ==, -1);
  g_assert_cmpint (record->time_to_first_token_ms, ==, -1);

  bp_chat_reply_append_text (reply, "Hello");
  bp_chat_reply_append_reasoning_text (reply, "Let me think");
  bp_chat_reply_set_model_id (reply, "us.amazon.nova-pro-v1:0");
  bp_chat_reply_set_time_to_first_token_ms (reply, 420);
  bp_chat_reply_set_latency_ms (reply, 1800);
  bp_usage_init (&usage);
  usage.input_tokens = 7;
  usage.output_tokens = 9;
  bp_chat_reply_merge_usage (reply, &usage);
  bp_chat_reply_set_stop_reason (reply, BP_STOP_REASON_OTHER, "banana_peel");
  bp_chat_reply_set_complete (reply, TRUE);
  record->cost_usd = 0.5;

  bp_message_record_set_from_reply (record, reply);
  g_assert_cmpstr (record->text, ==, "Hello");
  g_assert_cmpstr (record->reasoning, ==, "Let me think");
  g_assert_cmpstr (record->model_id, ==, "us.amazon.nova-pro-v1:0");
  g_assert_cmpstr (record->stop_reason, ==, "banana_peel");
  g_assert_cmpint (record->input_tokens, ==, 7);
  g_assert_cmpint (record->output_tokens, ==, 9);
  g_assert_cmpint (record->time_to_first_token_ms, ==, 420);
  g_assert_cmpint (record->total_ms, ==, 1800);
  g_assert_false (record->incomplete);
  g_assert_cmpfloat (record->cost_usd, ==, 0.5);

  bp_chat_reply_set_stop_reason (reply, BP_STOP_REASON_MAX_TOKENS, "length");
  bp_message_record_set_from_reply (record, reply);
  g_assert_cmpstr (record->stop_reason, ==, "max_tokens");

  copy = bp_message_record_copy (record);
  g_assert_true (copy->text != record->text);
  g_assert_cmpstr (copy->text, ==, record->text);
  g_assert_cmpint (copy->output_tokens, ==, 9);
}

#define add_store_test(path, func) \
  g_test_add ("/bp/history-store/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
#define add_unopened_test(path, func) \
  g_test_add ("/bp/history-store/" path, Fixture, GINT_TO_POINTER (1), fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/history-store/default-path", test_default_path);
  g_test_add_func ("/bp/history-store/title", test_title);
  g_test_add_func ("/bp/history-store/fts-query", test_fts_query);
  g_test_add_func ("/bp/history-store/record-from-reply", test_record_from_reply);
  add_store_test ("open/creates", test_open_creates);
  add_unopened_test ("open/migrate-from-0", test_migrate_from_0);
  add_unopened_test ("open/migrate-atomic", test_migrate_atomic);
  add_unopened_test ("open/newer-version", test_newer_version);
  add_unopened_test ("open/corrupt", test_corrupt);
  add_unopened_test ("open/cannot-create", test_cannot_create);
  add_unopened_test ("open/locked", test_locked);
  add_store_test ("conversations/crud", test_conversations);
  add_store_test ("conversations/delete-undelete-purge", test_delete_undelete_purge);
  add_store_test ("conversations/search", test_search);
  add_store_test ("messages/in-order", test_messages_in_order);
  add_store_test ("messages/streaming-update", test_streaming_update);
  add_store_test ("messages/truncate", test_truncate);
  add_store_test ("usage", test_usage);
  add_store_test ("images", test_images);
  add_store_test ("queue/order", test_queue_order);
  add_store_test ("queue/cancel", test_cancel);
  add_store_test ("queue/context", test_context);

  return g_test_run ();
}
