/* bp-history-store-conversations.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-history-store"

#include "config.h"

#include "bp-history-store-private.h"

/* Conversations: create, read, rename, soft delete with undo, purge. The
 * sidebar's list and search are in bp-history-store-list.c. */

/* updated_at orders the list. Within one millisecond (or after the clock
 * went back) it still has to follow the order of the calls, so it is at
 * least one more than the newest: the last conversation touched is first. */
static const char sql_insert[] =
  "INSERT INTO conversations (created_at, updated_at, title, model_id,"
  "  system_prompt, parameters_json)"
  " VALUES (?1, MAX (?1, (SELECT COALESCE (MAX (updated_at), 0) + 1 FROM conversations)),"
  "  ?2, ?3, ?4, ?5)";
static const char sql_get[] =
  BP_HISTORY_SELECT_CONVERSATION " WHERE c.id = ?1 AND c.deleted_at IS NULL";
static const char sql_update[] =
  "UPDATE conversations SET title = ?2, model_id = ?3, system_prompt = ?4,"
  "  parameters_json = ?5 WHERE id = ?1";
static const char sql_rename[] =
  "UPDATE conversations SET title = ?2 WHERE id = ?1";
static const char sql_delete[] =
  "UPDATE conversations SET deleted_at = COALESCE (deleted_at, ?2) WHERE id = ?1";
static const char sql_undelete[] =
  "UPDATE conversations SET deleted_at = NULL WHERE id = ?1";
static const char sql_purge[] =
  "DELETE FROM conversations WHERE deleted_at IS NOT NULL AND (?1 = 0 OR id = ?1)";

/* Reads a row of BP_HISTORY_SELECT_CONVERSATION. */
BpConversationRecord *
_bp_history_conversation_from_row (BpHistoryStatement *stmt)
{
  BpConversationRecord *record = bp_conversation_record_new ();

  record->id = sqlite3_column_int64 (stmt, 0);
  record->title = _bp_history_column_text (stmt, 1);
  record->created_at = sqlite3_column_int64 (stmt, 2);
  record->updated_at = sqlite3_column_int64 (stmt, 3);
  record->model_id = _bp_history_column_text (stmt, 4);
  record->system_prompt = _bp_history_column_text (stmt, 5);
  record->parameters_json = _bp_history_column_text (stmt, 6);
  record->n_messages = sqlite3_column_int (stmt, 7);
  record->total_cost_usd = sqlite3_column_double (stmt, 8);

  return record;
}

static void
bind_conversation (BpHistoryStatement         *stmt,
                   const BpConversationRecord *record)
{
  _bp_history_bind_text (stmt, 2, record->title != NULL ? record->title : "");
  _bp_history_bind_text (stmt, 3, record->model_id);
  _bp_history_bind_text (stmt, 4, record->system_prompt);
  _bp_history_bind_text (stmt, 5, record->parameters_json);
}

/* Queues @func with a copy of @record as the call's state. */
static void
queue_with_record (BpHistoryStore             *self,
                   const BpConversationRecord *record,
                   GTask                      *task,
                   GTaskThreadFunc             func)
{
  BpHistoryOp *op = _bp_history_op_new (task);

  if (record != NULL)
    {
      op->record = bp_conversation_record_copy (record);
      op->record_free = (GDestroyNotify) bp_conversation_record_free;
      op->id = record->id;
    }

  _bp_history_store_queue (self, task, func);
}

static void
create_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BpHistoryStore *self = source_object;
  BpHistoryOp *op = task_data;
  g_autoptr(BpHistoryStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;

  if (!(stmt = _bp_history_db_statement (self, sql_insert, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sqlite3_bind_int64 (stmt, 1, _bp_history_now_ms ());
  bind_conversation (stmt, op->record);
  if (!_bp_history_db_step_done (self, stmt, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _bp_history_task_return_id (task, sqlite3_last_insert_rowid (self->db));
}

/**
 * bp_history_store_create_conversation_async:
 * @self: a #BpHistoryStore
 * @record: the new conversation: its title, model, system prompt and
 *   parameters are stored; the other fields are ignored
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores a new, empty conversation.
 */
void
bp_history_store_create_conversation_async (BpHistoryStore             *self,
                                            const BpConversationRecord *record,
                                            GCancellable               *cancellable,
                                            GAsyncReadyCallback         callback,
                                            gpointer                    user_data)
{
  GTask *task;

  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (record != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _bp_history_store_new_task (self, cancellable, callback, user_data,
                                     bp_history_store_create_conversation_async);
  queue_with_record (self, record, task, create_worker);
}

/**
 * bp_history_store_create_conversation_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: the new conversation's id, or 0 on error
 */
gint64
bp_history_store_create_conversation_finish (BpHistoryStore  *self,
                                             GAsyncResult    *result,
                                             GError         **error)
{
  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_create_conversation_async), 0);

  return _bp_history_task_propagate_id (G_TASK (result), error);
}

static void
get_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  BpHistoryStore *self = source_object;
  BpHistoryOp *op = task_data;
  g_autoptr(BpHistoryStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  if (!(stmt = _bp_history_db_statement (self, sql_get, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sqlite3_bind_int64 (stmt, 1, op->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_task_return_pointer (task, _bp_history_conversation_from_row (stmt),
                             (GDestroyNotify) bp_conversation_record_free);
      return;
    }

  if (rc == SQLITE_DONE)
    _bp_history_db_set_not_found (&error);
  else
    _bp_history_db_set_error (self, rc, &error);
  g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * bp_history_store_get_conversation_async:
 * @self: a #BpHistoryStore
 * @conversation_id: the conversation
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads one conversation (not its messages). A deleted conversation is
 * %BP_HISTORY_STORE_ERROR_NOT_FOUND until it is undeleted.
 */
void
bp_history_store_get_conversation_async (BpHistoryStore      *self,
                                         gint64               conversation_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  BpHistoryOp *op;
  GTask *task;

  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _bp_history_store_new_task (self, cancellable, callback, user_data,
                                     bp_history_store_get_conversation_async);
  op = _bp_history_op_new (task);
  op->id = conversation_id;
  _bp_history_store_queue (self, task, get_worker);
}

/**
 * bp_history_store_get_conversation_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the conversation, or %NULL on error
 */
BpConversationRecord *
bp_history_store_get_conversation_finish (BpHistoryStore  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_get_conversation_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Runs an UPDATE of one conversation by id (?1), whose other parameters
 * are @op's record (?2…?5), its text (?2) or the time (?2). */
static void
run_update (BpHistoryStore *self,
            GTask          *task,
            BpHistoryOp    *op,
            const char     *sql)
{
  g_autoptr(BpHistoryStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;

  if (!(stmt = _bp_history_db_statement (self, sql, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sqlite3_bind_int64 (stmt, 1, op->id);
  if (op->record != NULL)
    bind_conversation (stmt, op->record);
  else if (op->text != NULL)
    _bp_history_bind_text (stmt, 2, op->text);
  else if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, _bp_history_now_ms ());

  if (!_bp_history_db_step_done (self, stmt, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (sqlite3_changes (self->db) == 0)
    {
      _bp_history_db_set_not_found (&error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
update_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  run_update (source_object, task, task_data, sql_update);
}

static void
rename_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  run_update (source_object, task, task_data, sql_rename);
}

static void
delete_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  run_update (source_object, task, task_data, sql_delete);
}

static void
undelete_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  run_update (source_object, task, task_data, sql_undelete);
}

static void
queue_by_id (BpHistoryStore      *self,
             gint64               conversation_id,
             const char          *text,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag,
             GTaskThreadFunc      func)
{
  BpHistoryOp *op;
  GTask *task;

  task = _bp_history_store_new_task (self, cancellable, callback, user_data, source_tag);
  op = _bp_history_op_new (task);
  op->id = conversation_id;
  op->text = g_strdup (text);
  _bp_history_store_queue (self, task, func);
}

/**
 * bp_history_store_update_conversation_async:
 * @self: a #BpHistoryStore
 * @record: the conversation (by @record's id): its title, model, system
 *   prompt and parameters are stored
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Saves a conversation's settings, for instance after the user changed the
 * model or the parameter panel.
 */
void
bp_history_store_update_conversation_async (BpHistoryStore             *self,
                                            const BpConversationRecord *record,
                                            GCancellable               *cancellable,
                                            GAsyncReadyCallback         callback,
                                            gpointer                    user_data)
{
  GTask *task;

  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (record != NULL && record->id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _bp_history_store_new_task (self, cancellable, callback, user_data,
                                     bp_history_store_update_conversation_async);
  queue_with_record (self, record, task, update_worker);
}

/**
 * bp_history_store_update_conversation_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when saved
 */
gboolean
bp_history_store_update_conversation_finish (BpHistoryStore  *self,
                                             GAsyncResult    *result,
                                             GError         **error)
{
  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_update_conversation_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bp_history_store_rename_conversation_async:
 * @self: a #BpHistoryStore
 * @conversation_id: the conversation
 * @title: the new title
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Renames a conversation. It keeps its place in the list.
 */
void
bp_history_store_rename_conversation_async (BpHistoryStore      *self,
                                            gint64               conversation_id,
                                            const char          *title,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (title != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  queue_by_id (self, conversation_id, title, cancellable, callback, user_data,
               bp_history_store_rename_conversation_async, rename_worker);
}

/**
 * bp_history_store_rename_conversation_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when renamed
 */
gboolean
bp_history_store_rename_conversation_finish (BpHistoryStore  *self,
                                             GAsyncResult    *result,
                                             GError         **error)
{
  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_rename_conversation_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bp_history_store_delete_conversation_async:
 * @self: a #BpHistoryStore
 * @conversation_id: the conversation
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes a conversation softly: it leaves the list and the search at once,
 * but bp_history_store_undelete_conversation_async() brings it back (the
 * Undo of the toast) until bp_history_store_purge_deleted_async() removes
 * it for good.
 */
void
bp_history_store_delete_conversation_async (BpHistoryStore      *self,
                                            gint64               conversation_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  queue_by_id (self, conversation_id, NULL, cancellable, callback, user_data,
               bp_history_store_delete_conversation_async, delete_worker);
}

/**
 * bp_history_store_delete_conversation_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when deleted
 */
gboolean
bp_history_store_delete_conversation_finish (BpHistoryStore  *self,
                                             GAsyncResult    *result,
                                             GError         **error)
{
  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_delete_conversation_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bp_history_store_undelete_conversation_async:
 * @self: a #BpHistoryStore
 * @conversation_id: a softly deleted conversation
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Brings back a deleted conversation that was not purged yet.
 */
void
bp_history_store_undelete_conversation_async (BpHistoryStore      *self,
                                              gint64               conversation_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  queue_by_id (self, conversation_id, NULL, cancellable, callback, user_data,
               bp_history_store_undelete_conversation_async, undelete_worker);
}

/**
 * bp_history_store_undelete_conversation_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError; %BP_HISTORY_STORE_ERROR_NOT_FOUND
 *   once it was purged
 *
 * Returns: %TRUE when it is back
 */
gboolean
bp_history_store_undelete_conversation_finish (BpHistoryStore  *self,
                                               GAsyncResult    *result,
                                               GError         **error)
{
  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_undelete_conversation_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
purge_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BpHistoryStore *self = source_object;
  BpHistoryOp *op = task_data;
  g_autoptr(BpHistoryStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;

  if (!(stmt = _bp_history_db_statement (self, sql_purge, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sqlite3_bind_int64 (stmt, 1, op->id);
  if (!_bp_history_db_step_done (self, stmt, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_int (task, sqlite3_changes (self->db));
}

/**
 * bp_history_store_purge_deleted_async:
 * @self: a #BpHistoryStore
 * @conversation_id: a deleted conversation, or 0 for every deleted one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes softly deleted conversations and their messages for good: one
 * when its Undo toast goes away, all of them at start-up (after a crash).
 * A conversation that is not deleted is left alone.
 */
void
bp_history_store_purge_deleted_async (BpHistoryStore      *self,
                                      gint64               conversation_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (conversation_id >= 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  queue_by_id (self, conversation_id, NULL, cancellable, callback, user_data,
               bp_history_store_purge_deleted_async, purge_worker);
}

/**
 * bp_history_store_purge_deleted_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: how many conversations were removed; 0 also on error
 */
guint
bp_history_store_purge_deleted_finish (BpHistoryStore  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  gssize n;

  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_purge_deleted_async), 0);

  n = g_task_propagate_int (G_TASK (result), error);

  return n > 0 ? (guint) n : 0;
}
