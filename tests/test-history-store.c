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
#include "bp-history-store-test-utils.h"
#include "bp-test-utils.h"

/* The history store: opening, migrations and failures to open,
 * conversations, search and titles. Messages, usage and images are in
 * test-history-store-messages.c, the order of queued calls in
 * test-history-store-queue.c. */

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

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/history-store/default-path", test_default_path);
  g_test_add_func ("/bp/history-store/title", test_title);
  g_test_add_func ("/bp/history-store/fts-query", test_fts_query);
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

  return g_test_run ();
}
