/* bp-chat-page-load.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-chat-page-private.h"
#include "bp-history-export.h"

/* Opening a conversation of the history, starting a new one, and
 * exporting one. */

typedef struct
{
  BpChatPage           *self;          /* (owned) */
  BpConversationRecord *conversation;  /* (owned) (nullable) */
  BpConversationRecord *current;       /* borrowed: compared only */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->conversation, bp_conversation_record_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

/* Keeps what the reply in flight has, then lets it go: its stream ends in
 * the background and writes nothing more. */
static void
leave_conversation (BpChatPage *self)
{
  if (self->reply_item != NULL)
    {
      bp_chat_item_set_state (self->reply_item, BP_CHAT_ITEM_STATE_STOPPED);
      _bp_chat_page_save_item (self, self->reply_item);
      _bp_chat_page_stop (self);
      _bp_chat_page_stop_saving (self);
      g_clear_object (&self->reply_item);
      g_clear_object (&self->send_cancellable);
      _bp_chat_page_update_busy (self);
    }

  /* Writes in flight finish with the states they hold. */
  g_hash_table_remove_all (self->save_states);
  g_clear_object (&self->memory_item);
  g_list_store_remove_all (self->messages);

  bp_conversation_record_free (self->conversation);
  self->conversation = bp_conversation_record_new ();
  self->creating_conversation = FALSE;
  gtk_revealer_set_reveal_child (self->history_revealer, FALSE);
}

static void
show_messages (BpChatPage *self,
               gint64      conversation_id,
               GPtrArray  *records)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (records->len, g_object_unref);

  for (guint i = 0; i < records->len; i++)
    {
      const BpMessageRecord *record = g_ptr_array_index (records, i);
      BpChatItem *item = bp_chat_item_new_from_record (++self->next_serial, record);
      SaveState *state;

      bp_chat_item_set_model_name (item, _bp_chat_page_get_model_name (self, record->model_id));
      g_ptr_array_add (items, item);

      state = g_rc_box_new0 (SaveState);
      state->conversation_id = conversation_id;
      g_hash_table_insert (self->save_states, g_object_ref (item), state);
    }

  /* The list view makes rows from its anchor down, and anchors on the
   * first item of a new list: it would make (and measure) some two hundred
   * rows at the start, only for the page to scroll to the end. So the last
   * message goes in first, the list is anchored on it, and the older ones
   * go in above it: the rows made are the few at the end (and the view
   * shows only the last ones of them until the user scrolls up). */
  if (items->len > 1)
    {
      g_list_store_append (self->messages, g_ptr_array_index (items, items->len - 1));
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
    }
  g_list_store_splice (self->messages, 0, 0, items->pdata, items->len > 1 ? items->len - 1 : items->len);
  if (items->len > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                g_list_model_get_n_items (G_LIST_MODEL (self->view_model)) - 1);
  _bp_chat_page_update_last (self);
  _bp_chat_page_update_memory (self);
  _bp_chat_page_scroll_to_bottom (self);
}

static void
messages_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  BpChatPage *self = data->self;

  records = bp_history_store_load_messages_finish (BP_HISTORY_STORE (object), result, &error);
  if (self->disposed || data->current != self->conversation)
    return;

  if (records == NULL)
    {
      _bp_chat_page_show_problem (self, error);
      return;
    }

  bp_conversation_record_free (self->conversation);
  self->conversation = g_steal_pointer (&data->conversation);

  if (self->conversation->model_id != NULL)
    bp_parameter_panel_set_model_id (self->panel, self->conversation->model_id);
  bp_parameter_panel_set_system_prompt (self->panel, self->conversation->system_prompt);

  _bp_chat_page_update_title (self);
  show_messages (self, self->conversation->id, records);
  _bp_chat_page_notify_conversation_id (self);
}

static void
conversation_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GError) error = NULL;
  BpChatPage *self = data->self;
  gint64 id;

  data->conversation = bp_history_store_get_conversation_finish (BP_HISTORY_STORE (object), result, &error);
  if (self->disposed || data->current != self->conversation)
    return;

  if (data->conversation == NULL)
    {
      _bp_chat_page_show_problem (self, error);
      return;
    }

  id = data->conversation->id;
  bp_history_store_load_messages_async (self->store, id, self->cancellable,
                                        messages_cb, g_steal_pointer (&data));
}

/**
 * _bp_chat_page_load:
 * @self: a #BpChatPage
 * @conversation_id: a conversation of the history, or 0 for a new one
 *
 * Leaves the conversation shown (a reply in flight is stopped and kept)
 * and shows @conversation_id, once the history is open.
 */
void
_bp_chat_page_load (BpChatPage *self,
                    gint64      conversation_id)
{
  LoadData *data;

  leave_conversation (self);
  _bp_chat_page_update_title (self);
  _bp_chat_page_update_totals (self);
  _bp_chat_page_notify_conversation_id (self);

  if (conversation_id == 0)
    return;

  if (self->store == NULL)
    {
      self->pending_load_id = conversation_id;
      _bp_chat_page_ensure_store (self);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->current = self->conversation;
  bp_history_store_get_conversation_async (self->store, conversation_id, self->cancellable,
                                           conversation_cb, data);
}

/* Export: the conversation as the history has it (the store runs calls in
 * order, so every write made before is in), written atomically. */

typedef struct
{
  BpChatExportFormat    format;
  GFile                *file;          /* (owned) */
  BpConversationRecord *conversation;  /* (owned) (nullable) */
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->conversation, bp_conversation_record_free);
  g_free (data);
}

static void
export_write_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!bp_history_export_write_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
export_messages_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  ExportData *data = g_task_get_task_data (task);
  GCancellable *cancellable;

  records = bp_history_store_load_messages_finish (BP_HISTORY_STORE (object), result, &error);
  if (records == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->format == BP_CHAT_EXPORT_MARKDOWN)
    contents = bp_history_export_markdown (data->conversation, records);
  else
    contents = bp_history_export_json (data->conversation, records);

  cancellable = g_task_get_cancellable (task);
  bp_history_export_write_async (data->file, contents, cancellable,
                                 export_write_cb, g_steal_pointer (&task));
}

static void
export_conversation_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  ExportData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  gint64 id;

  data->conversation = bp_history_store_get_conversation_finish (BP_HISTORY_STORE (object), result, &error);
  if (data->conversation == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  id = data->conversation->id;
  cancellable = g_task_get_cancellable (task);
  bp_history_store_load_messages_async (BP_HISTORY_STORE (object), id, cancellable,
                                        export_messages_cb, g_steal_pointer (&task));
}

/**
 * _bp_chat_page_export_async:
 * @self: a #BpChatPage
 * @format: Markdown or JSON
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Writes the conversation shown to @file, atomically.
 */
void
_bp_chat_page_export_async (BpChatPage          *self,
                            BpChatExportFormat   format,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _bp_chat_page_export_async);

  data = g_new0 (ExportData, 1);
  data->format = format;
  data->file = g_object_ref (file);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  if (self->store == NULL || self->conversation->id == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("There is nothing to export yet: send a message first."));
      return;
    }

  bp_history_store_get_conversation_async (self->store, self->conversation->id, cancellable,
                                           export_conversation_cb, g_steal_pointer (&task));
}

/* Returns: whether the file was written. */
gboolean
_bp_chat_page_export_finish (BpChatPage    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _bp_chat_page_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
