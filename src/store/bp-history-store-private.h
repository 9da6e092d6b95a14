/* bp-history-store-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "bp-history-store.h"

G_BEGIN_DECLS

/* The schema version this build writes: the number of migration steps. */
#define BP_HISTORY_SCHEMA_VERSION 1

/* How long a statement waits for another connection's lock. */
#define BP_HISTORY_DEFAULT_BUSY_TIMEOUT_MS 5000

/* Name of the images directory, beside the database file. */
#define BP_HISTORY_IMAGES_DIR_NAME "images"

struct _BpHistoryStore
{
  GObject       parent_instance;

  /* Set before the worker starts, then read-only: any thread may read. */
  char         *path;
  char         *images_dir;
  int           busy_timeout_ms;

  /* The worker thread and its queue of WorkerJob. */
  GThread      *thread;
  GAsyncQueue  *queue;

  /* Test hook: the worker waits while paused. */
  GMutex        pause_mutex;
  GCond         pause_cond;
  gboolean      paused;

  /* Worker thread only. */
  sqlite3      *db;
  GHashTable   *statements;   /* const char *sql → sqlite3_stmt * (owned) */
};

/* A cached prepared statement, borrowed from the store. g_autoptr() on it
 * resets the statement and clears its bindings rather than freeing it, so a
 * read statement never keeps a read transaction open. */
typedef sqlite3_stmt BpHistoryStatement;

void                _bp_history_statement_release  (BpHistoryStatement *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpHistoryStatement, _bp_history_statement_release)

/* Per-call state shared by the simple operations. */
typedef struct
{
  gint64           id;
  gint64           number;
  char            *text;
  gpointer         record;            /* (owned) (nullable) */
  GDestroyNotify   record_free;
  GBytes          *bytes;             /* (owned) (nullable) */
} BpHistoryOp;

BpHistoryOp        *_bp_history_op_new                  (GTask            *task);
void                _bp_history_op_free                 (BpHistoryOp      *op);

/* bp-history-store.c: queueing work on the worker thread. @func runs
 * there unless the task was cancelled before its turn, and returns the
 * task; the task's last reference is dropped on the caller's context. */
GTask              *_bp_history_store_new_task          (BpHistoryStore   *self,
                                                         GCancellable     *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer          user_data,
                                                         gpointer          source_tag);
void                _bp_history_store_queue             (BpHistoryStore   *self,
                                                         GTask            *task,
                                                         GTaskThreadFunc   func);
void                _bp_history_store_open_full_async   (const char       *path,
                                                         int               busy_timeout_ms,
                                                         GCancellable     *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer          user_data);
void                _bp_history_store_set_paused        (BpHistoryStore   *self,
                                                         gboolean          paused);
gboolean            _bp_history_store_check_result      (BpHistoryStore   *self,
                                                         GAsyncResult     *result,
                                                         gpointer          source_tag);
void                _bp_history_task_return_id          (GTask            *task,
                                                         gint64            id);
gint64              _bp_history_task_propagate_id       (GTask            *task,
                                                         GError          **error);

/* bp-history-store-db.c: the connection, on the worker thread only. */
gboolean            _bp_history_db_open                 (BpHistoryStore   *self,
                                                         GError          **error);
void                _bp_history_db_close                (BpHistoryStore   *self);
BpHistoryStatement *_bp_history_db_statement            (BpHistoryStore   *self,
                                                         const char       *sql,
                                                         GError          **error);
gboolean            _bp_history_db_exec                 (BpHistoryStore   *self,
                                                         const char       *sql,
                                                         GError          **error);
gboolean            _bp_history_db_step_done            (BpHistoryStore   *self,
                                                         BpHistoryStatement *stmt,
                                                         GError          **error);
gboolean            _bp_history_db_begin                (BpHistoryStore   *self,
                                                         GError          **error);
gboolean            _bp_history_db_commit               (BpHistoryStore   *self,
                                                         GError          **error);
void                _bp_history_db_rollback             (BpHistoryStore   *self);
void                _bp_history_db_set_error            (BpHistoryStore   *self,
                                                         int               rc,
                                                         GError          **error);
void                _bp_history_db_set_not_found        (GError          **error);
gint64              _bp_history_now_ms                  (void);

void                _bp_history_bind_text               (BpHistoryStatement *stmt,
                                                         int               index,
                                                         const char       *text);
void                _bp_history_bind_count              (BpHistoryStatement *stmt,
                                                         int               index,
                                                         gint64            value);
void                _bp_history_bind_cost               (BpHistoryStatement *stmt,
                                                         int               index,
                                                         double            cost);
char               *_bp_history_column_text             (BpHistoryStatement *stmt,
                                                         int               column);
gint64              _bp_history_column_count            (BpHistoryStatement *stmt,
                                                         int               column);
double              _bp_history_column_cost             (BpHistoryStatement *stmt,
                                                         int               column);

/* bp-history-store-conversations.c: the columns that
 * _bp_history_conversation_from_row() reads, in its order. */
#define BP_HISTORY_SELECT_CONVERSATION \
  "SELECT c.id, c.title, c.created_at, c.updated_at, c.model_id," \
  "  c.system_prompt, c.parameters_json," \
  "  (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id)," \
  "  (SELECT TOTAL(m.cost_usd) FROM messages m WHERE m.conversation_id = c.id)" \
  " FROM conversations c"

BpConversationRecord *_bp_history_conversation_from_row (BpHistoryStatement *stmt);

/* bp-history-store-list.c */
char               *_bp_history_fts_query               (const char       *search);

/* bp-history-store-messages.c */
const char         *_bp_history_role_to_string          (BpChatRole        role);

G_END_DECLS
