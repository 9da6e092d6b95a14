/* bp-history-store-list.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-history-store"

#include "config.h"

#include "bp-history-store-private.h"

/* The sidebar's list of conversations and its full-text search: FTS5
 * prefix queries over conversation titles and message texts. */

static const char sql_list[] =
  BP_HISTORY_SELECT_CONVERSATION " WHERE c.deleted_at IS NULL"
  " ORDER BY c.updated_at DESC, c.id DESC";
static const char sql_search[] =
  BP_HISTORY_SELECT_CONVERSATION " WHERE c.deleted_at IS NULL"
  " AND (c.id IN (SELECT rowid FROM conversations_fts WHERE conversations_fts MATCH ?1)"
  "  OR c.id IN (SELECT m.conversation_id FROM messages_fts f"
  "              JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH ?1))"
  " ORDER BY c.updated_at DESC, c.id DESC";

/**
 * _bp_history_fts_query:
 * @search: what the user typed
 *
 * Turns a search string into an FTS5 query: every word becomes a quoted
 * prefix term (`"word"*`), so the user's punctuation is never FTS syntax,
 * and all words must match.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when @search
 *   has no words
 */
char *
_bp_history_fts_query (const char *search)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  if (search == NULL)
    return NULL;

  words = g_strsplit_set (search, " \t\n\r\f\v", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;

      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }

  if (query->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

static void
list_worker (GTask        *task,
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

  if (!(stmt = _bp_history_db_statement (self, op->text != NULL ? sql_search : sql_list, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (op->text != NULL)
    _bp_history_bind_text (stmt, 1, op->text);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_conversation_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, _bp_history_conversation_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _bp_history_db_set_error (self, rc, &error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&records), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * bp_history_store_list_conversations_async:
 * @self: a #BpHistoryStore
 * @search: (nullable): words to look for, or %NULL (or only spaces) for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the conversations that are not deleted, the most recently updated
 * first. With @search, only those whose title or one of whose messages
 * contains every word of @search, each as a word prefix ("rust" finds
 * "Rustacean"), case and accents ignored.
 */
void
bp_history_store_list_conversations_async (BpHistoryStore      *self,
                                           const char          *search,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  BpHistoryOp *op;
  GTask *task;

  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _bp_history_store_new_task (self, cancellable, callback, user_data,
                                     bp_history_store_list_conversations_async);
  op = _bp_history_op_new (task);
  op->text = _bp_history_fts_query (search);
  _bp_history_store_queue (self, task, list_worker);
}

/**
 * bp_history_store_list_conversations_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type BpConversationRecord)
 *   (nullable): the conversations, or %NULL on error
 */
GPtrArray *
bp_history_store_list_conversations_finish (BpHistoryStore  *self,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_list_conversations_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
