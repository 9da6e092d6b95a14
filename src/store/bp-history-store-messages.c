/* bp-history-store-messages.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-history-store"

#include "config.h"

#include "bp-history-store-private.h"

/* Messages: load a conversation, append, update a reply while it streams,
 * truncate for edit & resend and regenerate. */

static const char sql_load[] =
  "SELECT id, conversation_id, position, role, created_at, incomplete,"
  "  input_tokens, output_tokens, time_to_first_token_ms, total_ms, cost_usd,"
  "  model_id, invoke_id, stop_reason, endpoint, error_message, text,"
  "  reasoning, request_json"
  " FROM messages WHERE conversation_id = ?1 ORDER BY position";
/* As in bp-history-store-conversations.c: the conversation touched last
 * comes first, even within one millisecond. */
static const char sql_touch[] =
  "UPDATE conversations"
  " SET updated_at = MAX (?2, updated_at,"
  "   COALESCE ((SELECT updated_at + 1 FROM conversations WHERE id != ?1"
  "              ORDER BY updated_at DESC LIMIT 1), 0))"
  " WHERE id = ?1";
static const char sql_append[] =
  "INSERT INTO messages (conversation_id, position, role, created_at,"
  "  incomplete, input_tokens, output_tokens, time_to_first_token_ms,"
  "  total_ms, cost_usd, model_id, invoke_id, stop_reason, endpoint,"
  "  error_message, text, reasoning, request_json)"
  " SELECT ?1, COALESCE (MAX (position) + 1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
  "  ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17"
  " FROM messages WHERE conversation_id = ?1"
  " RETURNING id, position";
static const char sql_update[] =
  "UPDATE messages SET incomplete = ?2, input_tokens = ?3, output_tokens = ?4,"
  "  time_to_first_token_ms = ?5, total_ms = ?6, cost_usd = ?7, model_id = ?8,"
  "  invoke_id = ?9, stop_reason = ?10, error_message = ?11, text = ?12,"
  "  reasoning = ?13"
  " WHERE id = ?1";
static const char sql_truncate[] =
  "DELETE FROM messages WHERE conversation_id = ?1 AND position >= ?2";

typedef struct
{
  gint64 id;
  guint  position;
} AppendResult;

const char *
_bp_history_role_to_string (BpChatRole role)
{
  return role == BP_CHAT_ROLE_ASSISTANT ? "assistant" : "user";
}

static BpMessageRecord *
message_from_row (BpHistoryStatement *stmt)
{
  BpMessageRecord *record = g_new0 (BpMessageRecord, 1);
  const char *role = (const char *) sqlite3_column_text (stmt, 3);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->conversation_id = sqlite3_column_int64 (stmt, 1);
  record->position = sqlite3_column_int (stmt, 2);
  record->role = g_strcmp0 (role, "assistant") == 0 ? BP_CHAT_ROLE_ASSISTANT : BP_CHAT_ROLE_USER;
  record->created_at = sqlite3_column_int64 (stmt, 4);
  record->incomplete = sqlite3_column_int (stmt, 5) != 0;
  record->input_tokens = _bp_history_column_count (stmt, 6);
  record->output_tokens = _bp_history_column_count (stmt, 7);
  record->time_to_first_token_ms = _bp_history_column_count (stmt, 8);
  record->total_ms = _bp_history_column_count (stmt, 9);
  record->cost_usd = _bp_history_column_cost (stmt, 10);
  record->model_id = _bp_history_column_text (stmt, 11);
  record->invoke_id = _bp_history_column_text (stmt, 12);
  record->stop_reason = _bp_history_column_text (stmt, 13);
  record->endpoint = _bp_history_column_text (stmt, 14);
  record->error_message = _bp_history_column_text (stmt, 15);
  record->text = _bp_history_column_text (stmt, 16);
  record->reasoning = _bp_history_column_text (stmt, 17);
  record->request_json = _bp_history_column_text (stmt, 18);

  return record;
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BpHistoryStore *self = source_object;
  BpHistoryOp *op = task_data;
  g_autoptr(BpHistoryStatement) stmt = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  if (!(stmt = _bp_history_db_statement (self, sql_load, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sqlite3_bind_int64 (stmt, 1, op->id);
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_message_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, message_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _bp_history_db_set_error (self, rc, &error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&records), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * bp_history_store_load_messages_async:
 * @self: a #BpHistoryStore
 * @conversation_id: the conversation
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the messages of a conversation in order. A conversation with no
 * messages, or none at all, gives an empty array.
 */
void
bp_history_store_load_messages_async (BpHistoryStore      *self,
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
                                     bp_history_store_load_messages_async);
  op = _bp_history_op_new (task);
  op->id = conversation_id;
  _bp_history_store_queue (self, task, load_worker);
}

/**
 * bp_history_store_load_messages_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type BpMessageRecord) (nullable): the
 *   messages by position, or %NULL on error
 */
GPtrArray *
bp_history_store_load_messages_finish (BpHistoryStore  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_load_messages_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Marks the conversation as updated now; FALSE with NOT_FOUND when it is
 * not there. */
static gboolean
touch_conversation (BpHistoryStore  *self,
                    gint64           conversation_id,
                    gint64           now,
                    GError         **error)
{
  g_autoptr(BpHistoryStatement) stmt = NULL;

  if (!(stmt = _bp_history_db_statement (self, sql_touch, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!_bp_history_db_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      _bp_history_db_set_not_found (error);
      return FALSE;
    }

  return TRUE;
}

static void
bind_message (BpHistoryStatement    *stmt,
              const BpMessageRecord *record,
              gint64                 now)
{
  sqlite3_bind_int64 (stmt, 1, record->conversation_id);
  _bp_history_bind_text (stmt, 2, _bp_history_role_to_string (record->role));
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int (stmt, 4, record->incomplete ? 1 : 0);
  _bp_history_bind_count (stmt, 5, record->input_tokens);
  _bp_history_bind_count (stmt, 6, record->output_tokens);
  _bp_history_bind_count (stmt, 7, record->time_to_first_token_ms);
  _bp_history_bind_count (stmt, 8, record->total_ms);
  _bp_history_bind_cost (stmt, 9, record->cost_usd);
  _bp_history_bind_text (stmt, 10, record->model_id);
  _bp_history_bind_text (stmt, 11, record->invoke_id);
  _bp_history_bind_text (stmt, 12, record->stop_reason);
  _bp_history_bind_text (stmt, 13, record->endpoint);
  _bp_history_bind_text (stmt, 14, record->error_message);
  _bp_history_bind_text (stmt, 15, record->text != NULL ? record->text : "");
  _bp_history_bind_text (stmt, 16, record->reasoning);
  _bp_history_bind_text (stmt, 17, record->request_json);
}

static gboolean
insert_message (BpHistoryStore         *self,
                const BpMessageRecord  *record,
                gint64                  now,
                AppendResult           *result,
                GError                **error)
{
  g_autoptr(BpHistoryStatement) stmt = NULL;
  int rc;

  if (!(stmt = _bp_history_db_statement (self, sql_append, error)))
    return FALSE;

  bind_message (stmt, record, now);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _bp_history_db_set_error (self, rc, error);
      return FALSE;
    }

  result->id = sqlite3_column_int64 (stmt, 0);
  result->position = sqlite3_column_int (stmt, 1);

  /* RETURNING made its change at the first step; finish the statement so
   * that the transaction can commit. */
  return _bp_history_db_step_done (self, stmt, error);
}

static void
append_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BpHistoryStore *self = source_object;
  BpHistoryOp *op = task_data;
  g_autoptr(GError) error = NULL;
  AppendResult result = { 0, };
  gint64 now = _bp_history_now_ms ();

  if (!_bp_history_db_begin (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!touch_conversation (self, op->id, now, &error) ||
      !insert_message (self, op->record, now, &result, &error) ||
      !_bp_history_db_commit (self, &error))
    {
      _bp_history_db_rollback (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_memdup2 (&result, sizeof result), g_free);
}

/**
 * bp_history_store_append_message_async:
 * @self: a #BpHistoryStore
 * @record: the message; @record's conversation_id says where. Its id,
 *   position and created_at are ignored: the store assigns them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Appends a message at the end of a conversation and marks the
 * conversation as updated. Append a reply when its request is sent, with
 * @incomplete set, then update it as it streams
 * (bp_history_store_update_message_async()).
 */
void
bp_history_store_append_message_async (BpHistoryStore        *self,
                                       const BpMessageRecord *record,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  BpHistoryOp *op;
  GTask *task;

  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (record != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _bp_history_store_new_task (self, cancellable, callback, user_data,
                                     bp_history_store_append_message_async);
  op = _bp_history_op_new (task);
  op->id = record->conversation_id;
  op->record = bp_message_record_copy (record);
  op->record_free = (GDestroyNotify) bp_message_record_free;
  _bp_history_store_queue (self, task, append_worker);
}

/**
 * bp_history_store_append_message_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @position: (out) (optional): where the message went, from 0
 * @error: return location for a #GError; %BP_HISTORY_STORE_ERROR_NOT_FOUND
 *   when the conversation is not there
 *
 * Returns: the new message's id, or 0 on error
 */
gint64
bp_history_store_append_message_finish (BpHistoryStore  *self,
                                        GAsyncResult    *result,
                                        guint           *position,
                                        GError         **error)
{
  g_autofree AppendResult *appended = NULL;

  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_append_message_async), 0);

  appended = g_task_propagate_pointer (G_TASK (result), error);
  if (position != NULL)
    *position = appended != NULL ? appended->position : 0;

  return appended != NULL ? appended->id : 0;
}

static void
update_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BpHistoryStore *self = source_object;
  BpHistoryOp *op = task_data;
  const BpMessageRecord *record = op->record;
  g_autoptr(BpHistoryStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;

  if (!(stmt = _bp_history_db_statement (self, sql_update, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sqlite3_bind_int64 (stmt, 1, record->id);
  sqlite3_bind_int (stmt, 2, record->incomplete ? 1 : 0);
  _bp_history_bind_count (stmt, 3, record->input_tokens);
  _bp_history_bind_count (stmt, 4, record->output_tokens);
  _bp_history_bind_count (stmt, 5, record->time_to_first_token_ms);
  _bp_history_bind_count (stmt, 6, record->total_ms);
  _bp_history_bind_cost (stmt, 7, record->cost_usd);
  _bp_history_bind_text (stmt, 8, record->model_id);
  _bp_history_bind_text (stmt, 9, record->invoke_id);
  _bp_history_bind_text (stmt, 10, record->stop_reason);
  _bp_history_bind_text (stmt, 11, record->error_message);
  _bp_history_bind_text (stmt, 12, record->text != NULL ? record->text : "");
  _bp_history_bind_text (stmt, 13, record->reasoning);

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

/* Copies what an update writes, leaving out the request body: a reply is
 * saved every second while it streams, and the body may hold images. */
static BpMessageRecord *
copy_for_update (const BpMessageRecord *record)
{
  BpMessageRecord *copy = g_new0 (BpMessageRecord, 1);

  copy->id = record->id;
  copy->incomplete = record->incomplete;
  copy->input_tokens = record->input_tokens;
  copy->output_tokens = record->output_tokens;
  copy->time_to_first_token_ms = record->time_to_first_token_ms;
  copy->total_ms = record->total_ms;
  copy->cost_usd = record->cost_usd;
  copy->model_id = g_strdup (record->model_id);
  copy->invoke_id = g_strdup (record->invoke_id);
  copy->stop_reason = g_strdup (record->stop_reason);
  copy->error_message = g_strdup (record->error_message);
  copy->text = g_strdup (record->text);
  copy->reasoning = g_strdup (record->reasoning);

  return copy;
}

/**
 * bp_history_store_update_message_async:
 * @self: a #BpHistoryStore
 * @record: the message (by @record's id) as it is now
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Saves the parts of a stored message that change while a reply streams:
 * text, reasoning, model and invoke ids, stop reason, token counts,
 * timings, cost, error message and the incomplete flag. The conversation,
 * position, role, request body and endpoint stay as appended.
 *
 * This is cheap enough to call every second while a reply streams (one
 * prepared statement, no fsync), and once more when it ends.
 */
void
bp_history_store_update_message_async (BpHistoryStore        *self,
                                       const BpMessageRecord *record,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  BpHistoryOp *op;
  GTask *task;

  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (record != NULL && record->id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _bp_history_store_new_task (self, cancellable, callback, user_data,
                                     bp_history_store_update_message_async);
  op = _bp_history_op_new (task);
  op->record = copy_for_update (record);
  op->record_free = (GDestroyNotify) bp_message_record_free;
  _bp_history_store_queue (self, task, update_worker);
}

/**
 * bp_history_store_update_message_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError; %BP_HISTORY_STORE_ERROR_NOT_FOUND
 *   when the message is gone (its conversation was purged)
 *
 * Returns: %TRUE when saved
 */
gboolean
bp_history_store_update_message_finish (BpHistoryStore  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_update_message_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
truncate_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  BpHistoryStore *self = source_object;
  BpHistoryOp *op = task_data;
  g_autoptr(BpHistoryStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;

  if (!(stmt = _bp_history_db_statement (self, sql_truncate, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sqlite3_bind_int64 (stmt, 1, op->id);
  sqlite3_bind_int64 (stmt, 2, op->number);
  if (!_bp_history_db_step_done (self, stmt, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_int (task, sqlite3_changes (self->db));
}

/**
 * bp_history_store_truncate_conversation_async:
 * @self: a #BpHistoryStore
 * @conversation_id: the conversation
 * @n_keep: how many messages to keep: those at positions below it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes the messages at positions @n_keep and later, as
 * bp_chat_request_truncate_messages() does to a request: to edit and resend
 * the message at position P, or regenerate the reply at P, truncate to P
 * and append again.
 */
void
bp_history_store_truncate_conversation_async (BpHistoryStore      *self,
                                              gint64               conversation_id,
                                              guint                n_keep,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  BpHistoryOp *op;
  GTask *task;

  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _bp_history_store_new_task (self, cancellable, callback, user_data,
                                     bp_history_store_truncate_conversation_async);
  op = _bp_history_op_new (task);
  op->id = conversation_id;
  op->number = n_keep;
  _bp_history_store_queue (self, task, truncate_worker);
}

/**
 * bp_history_store_truncate_conversation_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: how many messages were deleted; 0 also on error
 */
guint
bp_history_store_truncate_conversation_finish (BpHistoryStore  *self,
                                               GAsyncResult    *result,
                                               GError         **error)
{
  gssize n;

  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_truncate_conversation_async), 0);

  n = g_task_propagate_int (G_TASK (result), error);

  return n > 0 ? (guint) n : 0;
}

