/* bp-history-store-db.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-history-store"

#include "config.h"

#include <errno.h>
#include <math.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bp-history-store-private.h"

/* The connection, its settings and the schema migrations. Everything here
 * runs on the store's worker thread. */

/* Migration steps: migrations[N] takes the schema from version N to N + 1.
 * Append a step to change the schema; never edit a released one.
 *
 * Small columns come before the big text ones, so sums and counts over
 * messages never read a long message's overflow pages. The FTS5 tables
 * index conversation titles and message texts as external content tables,
 * kept in step by triggers; an update rewrites the index only when the
 * indexed column changed. */
static const char * const migrations[] = {
  /* 0 → 1: the initial schema. */
  "CREATE TABLE conversations ("
  "  id              INTEGER PRIMARY KEY,"
  "  created_at      INTEGER NOT NULL,"
  "  updated_at      INTEGER NOT NULL,"
  "  deleted_at      INTEGER,"
  "  title           TEXT NOT NULL DEFAULT '',"
  "  model_id        TEXT,"
  "  system_prompt   TEXT,"
  "  parameters_json TEXT"
  ");"
  "CREATE INDEX conversations_by_updated ON conversations (updated_at);"
  "CREATE TABLE messages ("
  "  id                     INTEGER PRIMARY KEY,"
  "  conversation_id        INTEGER NOT NULL"
  "                         REFERENCES conversations (id) ON DELETE CASCADE,"
  "  position               INTEGER NOT NULL,"
  "  role                   TEXT NOT NULL CHECK (role IN ('user', 'assistant')),"
  "  created_at             INTEGER NOT NULL,"
  "  incomplete             INTEGER NOT NULL DEFAULT 0 CHECK (incomplete IN (0, 1)),"
  "  input_tokens           INTEGER,"
  "  output_tokens          INTEGER,"
  "  time_to_first_token_ms INTEGER,"
  "  total_ms               INTEGER,"
  "  cost_usd               REAL,"
  "  model_id               TEXT,"
  "  invoke_id              TEXT,"
  "  stop_reason            TEXT,"
  "  endpoint               TEXT,"
  "  error_message          TEXT,"
  "  text                   TEXT NOT NULL DEFAULT '',"
  "  reasoning              TEXT,"
  "  request_json           TEXT,"
  "  UNIQUE (conversation_id, position)"
  ");"
  "CREATE INDEX messages_by_created ON messages (created_at);"
  "CREATE TABLE images ("
  "  id              INTEGER PRIMARY KEY,"
  "  created_at      INTEGER NOT NULL,"
  "  seed            INTEGER,"
  "  width           INTEGER,"
  "  height          INTEGER,"
  "  cost_usd        REAL,"
  "  model_id        TEXT,"
  "  file_name       TEXT NOT NULL UNIQUE,"
  "  prompt          TEXT NOT NULL DEFAULT '',"
  "  negative_prompt TEXT,"
  "  parameters_json TEXT"
  ");"
  "CREATE INDEX images_by_created ON images (created_at);"
  "CREATE VIRTUAL TABLE conversations_fts USING fts5 ("
  "  title, content = 'conversations', content_rowid = 'id');"
  "CREATE VIRTUAL TABLE messages_fts USING fts5 ("
  "  text, content = 'messages', content_rowid = 'id');"
  "CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN"
  "  INSERT INTO conversations_fts (rowid, title) VALUES (new.id, new.title);"
  "END;"
  "CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN"
  "  INSERT INTO conversations_fts (conversations_fts, rowid, title)"
  "    VALUES ('delete', old.id, old.title);"
  "END;"
  "CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON conversations BEGIN"
  "  INSERT INTO conversations_fts (conversations_fts, rowid, title)"
  "    VALUES ('delete', old.id, old.title);"
  "  INSERT INTO conversations_fts (rowid, title) VALUES (new.id, new.title);"
  "END;"
  "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN"
  "  INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);"
  "END;"
  "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
  "  INSERT INTO messages_fts (messages_fts, rowid, text)"
  "    VALUES ('delete', old.id, old.text);"
  "END;"
  "CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages"
  "  WHEN old.text IS NOT new.text BEGIN"
  "  INSERT INTO messages_fts (messages_fts, rowid, text)"
  "    VALUES ('delete', old.id, old.text);"
  "  INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);"
  "END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BP_HISTORY_SCHEMA_VERSION);

gint64
_bp_history_now_ms (void)
{
  return g_get_real_time () / 1000;
}

static GError *
new_error (BpHistoryStore *self,
           int             rc,
           const char     *detail)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return g_error_new (BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_CORRUPT,
                          _("The history database “%s” is damaged (%s). Move it aside "
                            "to start a new history"),
                          self->path, detail);

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return g_error_new (BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_LOCKED,
                          _("The history database “%s” is locked by another program (%s). "
                            "Close other copies of Bedrock Playground and try again"),
                          self->path, detail);

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      return g_error_new (BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_OPEN,
                          _("Could not open the history database “%s” (%s). Check that "
                            "its folder exists and is writable"),
                          self->path, detail);

    default:
      return g_error_new (BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_IO,
                          _("Could not read or write the history database “%s” (%s). "
                            "Check the free disk space and try again"),
                          self->path, detail);
    }
}

/* Sets @error from the connection's last error, @rc being its code. */
void
_bp_history_db_set_error (BpHistoryStore  *self,
                          int              rc,
                          GError         **error)
{
  const char *detail;

  g_assert (BP_IS_HISTORY_STORE (self));
  g_assert (rc != SQLITE_OK);

  detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  g_debug ("SQLite error %d: %s", rc, detail);
  g_propagate_error (error, new_error (self, rc, detail));
}

void
_bp_history_db_set_not_found (GError **error)
{
  g_set_error_literal (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NOT_FOUND,
                       _("It is no longer in the history"));
}

void
_bp_history_statement_release (BpHistoryStatement *stmt)
{
  if (stmt == NULL)
    return;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/**
 * _bp_history_db_statement:
 * @self: a #BpHistoryStore
 * @sql: a static string of one SQL statement
 * @error: return location for a #GError
 *
 * Returns the prepared statement of @sql, preparing it the first time and
 * reusing it afterwards: calls that run every second while a reply
 * streams must not parse SQL. Release it with g_autoptr().
 *
 * Returns: (transfer none) (nullable): the statement, ready to bind
 */
BpHistoryStatement *
_bp_history_db_statement (BpHistoryStore  *self,
                          const char      *sql,
                          GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (BP_IS_HISTORY_STORE (self));
  g_assert (self->db != NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _bp_history_db_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);

  return stmt;
}

gboolean
_bp_history_db_exec (BpHistoryStore  *self,
                     const char      *sql,
                     GError         **error)
{
  int rc;

  g_assert (BP_IS_HISTORY_STORE (self));
  g_assert (self->db != NULL);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _bp_history_db_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Steps a statement that returns no rows. */
gboolean
_bp_history_db_step_done (BpHistoryStore      *self,
                          BpHistoryStatement  *stmt,
                          GError             **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _bp_history_db_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
_bp_history_db_begin (BpHistoryStore  *self,
                      GError         **error)
{
  return _bp_history_db_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_bp_history_db_commit (BpHistoryStore  *self,
                       GError         **error)
{
  if (!_bp_history_db_exec (self, "COMMIT", error))
    {
      _bp_history_db_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
_bp_history_db_rollback (BpHistoryStore *self)
{
  g_assert (self->db != NULL);

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
read_user_version (BpHistoryStore  *self,
                   int             *version,
                   GError         **error)
{
  g_autoptr(BpHistoryStatement) stmt = NULL;
  int rc;

  if (!(stmt = _bp_history_db_statement (self, "PRAGMA user_version", error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _bp_history_db_set_error (self, rc, error);
      return FALSE;
    }

  *version = sqlite3_column_int (stmt, 0);

  return TRUE;
}

static gboolean
check_version (BpHistoryStore  *self,
               int              version,
               GError         **error)
{
  if (version <= BP_HISTORY_SCHEMA_VERSION)
    return TRUE;

  g_set_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NEWER_VERSION,
               _("The history database “%s” was written by a newer version of Bedrock "
                 "Playground (schema %d; this version knows up to %d). Update the app"),
               self->path, version, BP_HISTORY_SCHEMA_VERSION);

  return FALSE;
}

static gboolean
apply_migrations (BpHistoryStore  *self,
                  int              version,
                  GError         **error)
{
  g_autofree char *set_version = NULL;

  for (int step = version; step < BP_HISTORY_SCHEMA_VERSION; step++)
    {
      g_debug ("Migrating %s from schema %d to %d", self->path, step, step + 1);
      if (!_bp_history_db_exec (self, migrations[step], error))
        return FALSE;
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", BP_HISTORY_SCHEMA_VERSION);

  return _bp_history_db_exec (self, set_version, error);
}

/* Brings the schema to BP_HISTORY_SCHEMA_VERSION in one transaction. The
 * version is read again inside it: another copy of the app may have
 * migrated in the meantime. */
static gboolean
migrate (BpHistoryStore  *self,
         GError         **error)
{
  int version = 0;

  if (!read_user_version (self, &version, error) || !check_version (self, version, error))
    return FALSE;

  if (version == BP_HISTORY_SCHEMA_VERSION)
    return TRUE;

  if (!_bp_history_db_begin (self, error))
    return FALSE;

  if (!read_user_version (self, &version, error) ||
      !check_version (self, version, error) ||
      !apply_migrations (self, version, error))
    {
      _bp_history_db_rollback (self);
      return FALSE;
    }

  return _bp_history_db_commit (self, error);
}

static gboolean
make_dir (BpHistoryStore  *self,
          const char      *dir,
          GError         **error)
{
  int errsv;

  if (g_mkdir_with_parents (dir, 0700) == 0)
    return TRUE;

  errsv = errno;
  g_set_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_OPEN,
               _("Could not create the folder “%s” for the history (%s). Check that "
                 "its parent folder is writable"),
               dir, g_strerror (errsv));

  return FALSE;
}

/* WAL lets the UI read while a write commits; synchronous = NORMAL is
 * safe from corruption in WAL mode and skips an fsync per commit, which
 * matters for the updates of a streaming reply. */
static gboolean
configure (BpHistoryStore  *self,
           GError         **error)
{
  g_autoptr(BpHistoryStatement) stmt = NULL;
  const char *mode;
  int rc;

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);

  if (!(stmt = _bp_history_db_statement (self, "PRAGMA journal_mode = WAL", error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _bp_history_db_set_error (self, rc, error);
      return FALSE;
    }

  mode = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (mode, "wal") != 0)
    g_debug ("%s stays in journal mode %s", self->path, mode);

  return _bp_history_db_exec (self, "PRAGMA foreign_keys = ON", error) &&
         _bp_history_db_exec (self, "PRAGMA synchronous = NORMAL", error);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

gboolean
_bp_history_db_open (BpHistoryStore  *self,
                     GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  int rc;

  g_assert (BP_IS_HISTORY_STORE (self));
  g_assert (self->db == NULL);

  if (!make_dir (self, dir, error) || !make_dir (self, self->images_dir, error))
    return FALSE;

  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            finalize_statement);

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _bp_history_db_set_error (self, rc, error);
      _bp_history_db_close (self);
      return FALSE;
    }

  if (!configure (self, error) || !migrate (self, error))
    {
      _bp_history_db_close (self);
      return FALSE;
    }

  return TRUE;
}

void
_bp_history_db_close (BpHistoryStore *self)
{
  g_assert (BP_IS_HISTORY_STORE (self));

  g_clear_pointer (&self->statements, g_hash_table_unref);

  if (self->db != NULL)
    {
      int rc = sqlite3_close (self->db);

      if (rc != SQLITE_OK)
        g_debug ("Closing %s: %s", self->path, sqlite3_errstr (rc));
      self->db = NULL;
    }
}

/* Binds a string without copying it: @text must stay alive until the
 * statement is released, which the per-call state guarantees. */
void
_bp_history_bind_text (BpHistoryStatement *stmt,
                       int                 index,
                       const char         *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

/* Binds a count that is -1 when unknown: unknown is NULL. */
void
_bp_history_bind_count (BpHistoryStatement *stmt,
                        int                 index,
                        gint64              value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

/* Binds a cost that is negative when unknown: unknown is NULL. */
void
_bp_history_bind_cost (BpHistoryStatement *stmt,
                       int                 index,
                       double              cost)
{
  if (isnan (cost) || cost < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, cost);
}

char *
_bp_history_column_text (BpHistoryStatement *stmt,
                         int                 column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
_bp_history_column_count (BpHistoryStatement *stmt,
                          int                 column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;

  return sqlite3_column_int64 (stmt, column);
}

double
_bp_history_column_cost (BpHistoryStatement *stmt,
                         int                 column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1.0;

  return sqlite3_column_double (stmt, column);
}
