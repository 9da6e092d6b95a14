/* bp-history-store-usage.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-history-store"

#include "config.h"

#include <string.h>

#include "bp-history-store-private.h"

/* Usage totals: tokens and estimated costs of the stored replies and
 * images, for the window's session and all-time figures. */

/* A reply with tokens but no cost is one whose price is unknown; a failed
 * reply without tokens cost nothing and is not counted as unpriced. */
static const char sql_reply_usage[] =
  "SELECT COUNT(*), COALESCE (SUM (m.input_tokens), 0),"
  "  COALESCE (SUM (m.output_tokens), 0), TOTAL (m.cost_usd),"
  "  COALESCE (SUM (m.cost_usd IS NULL AND"
  "    (m.input_tokens IS NOT NULL OR m.output_tokens IS NOT NULL)), 0)"
  " FROM messages m JOIN conversations c ON c.id = m.conversation_id"
  " WHERE m.role = 'assistant' AND c.deleted_at IS NULL"
  "  AND (?1 = 0 OR m.conversation_id = ?1) AND m.created_at >= ?2";
static const char sql_image_usage[] =
  "SELECT COUNT(*), TOTAL (cost_usd) FROM images WHERE created_at >= ?1";

static gboolean
sum_replies (BpHistoryStore  *self,
             BpHistoryOp     *op,
             BpHistoryUsage  *usage,
             GError         **error)
{
  g_autoptr(BpHistoryStatement) stmt = NULL;
  int rc;

  if (!(stmt = _bp_history_db_statement (self, sql_reply_usage, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, op->id);
  sqlite3_bind_int64 (stmt, 2, op->number);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _bp_history_db_set_error (self, rc, error);
      return FALSE;
    }

  usage->n_replies = sqlite3_column_int (stmt, 0);
  usage->input_tokens = sqlite3_column_int64 (stmt, 1);
  usage->output_tokens = sqlite3_column_int64 (stmt, 2);
  usage->cost_usd = sqlite3_column_double (stmt, 3);
  usage->n_unpriced = sqlite3_column_int (stmt, 4);

  return TRUE;
}

static gboolean
sum_images (BpHistoryStore  *self,
            BpHistoryOp     *op,
            BpHistoryUsage  *usage,
            GError         **error)
{
  g_autoptr(BpHistoryStatement) stmt = NULL;
  int rc;

  if (!(stmt = _bp_history_db_statement (self, sql_image_usage, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, op->number);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _bp_history_db_set_error (self, rc, error);
      return FALSE;
    }

  usage->n_images = sqlite3_column_int (stmt, 0);
  usage->images_cost_usd = sqlite3_column_double (stmt, 1);

  return TRUE;
}

static void
usage_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BpHistoryStore *self = source_object;
  BpHistoryOp *op = task_data;
  g_autofree BpHistoryUsage *usage = g_new0 (BpHistoryUsage, 1);
  g_autoptr(GError) error = NULL;

  /* One read transaction, so both sums see the same state. */
  if (!_bp_history_db_exec (self, "BEGIN", &error) ||
      !sum_replies (self, op, usage, &error) ||
      (op->id == 0 && !sum_images (self, op, usage, &error)) ||
      !_bp_history_db_commit (self, &error))
    {
      _bp_history_db_rollback (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&usage), g_free);
}

/**
 * bp_history_store_get_usage_async:
 * @self: a #BpHistoryStore
 * @conversation_id: a conversation, or 0 for all of them (and the images)
 * @since_ms: count only what was stored at or after this time (Unix ms),
 *   such as the start of the session; 0 for all time
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sums the tokens and estimated costs of the stored replies. Deleted
 * conversations do not count. Images count only when @conversation_id is 0.
 */
void
bp_history_store_get_usage_async (BpHistoryStore      *self,
                                  gint64               conversation_id,
                                  gint64               since_ms,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  BpHistoryOp *op;
  GTask *task;

  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (conversation_id >= 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _bp_history_store_new_task (self, cancellable, callback, user_data,
                                     bp_history_store_get_usage_async);
  op = _bp_history_op_new (task);
  op->id = conversation_id;
  op->number = since_ms;
  _bp_history_store_queue (self, task, usage_worker);
}

/**
 * bp_history_store_get_usage_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @usage: (out caller-allocates): the totals; zeroed on error
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @usage was filled
 */
gboolean
bp_history_store_get_usage_finish (BpHistoryStore  *self,
                                   GAsyncResult    *result,
                                   BpHistoryUsage  *usage,
                                   GError         **error)
{
  g_autofree BpHistoryUsage *sums = NULL;

  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_get_usage_async), FALSE);
  g_return_val_if_fail (usage != NULL, FALSE);

  sums = g_task_propagate_pointer (G_TASK (result), error);
  if (sums == NULL)
    {
      memset (usage, 0, sizeof *usage);
      return FALSE;
    }

  *usage = *sums;

  return TRUE;
}
