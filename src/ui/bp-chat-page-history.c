/* bp-chat-page-history.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-chat-page-private.h"

/* The page and the history. The store runs its calls in the order they
 * are made, so the page only has to make them in the right order: a
 * conversation is created with its first message, then each message is
 * appended, then updated while its reply streams (at least every second)
 * and once more when it ends.
 *
 * Every item has a SaveState while it is known to the history. At most
 * one write per item is in flight; a change during it marks the state
 * dirty and is written when it returns. Writes are never cancelled: a
 * reply cut short by closing the window is still written. */

typedef struct
{
  BpChatPage *self;   /* (owned) */
  BpChatItem *item;   /* (owned) */
  SaveState  *state;  /* (owned) rc */
} SaveData;

static void issue_write (BpChatPage *self,
                         BpChatItem *item,
                         SaveState  *state);

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->item);
  g_rc_box_release (data->state);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static SaveData *
save_data_new (BpChatPage *self,
               BpChatItem *item,
               SaveState  *state)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->self = g_object_ref (self);
  data->item = g_object_ref (item);
  data->state = g_rc_box_acquire (state);

  return data;
}

/**
 * _bp_chat_page_show_problem:
 * @self: a #BpChatPage
 * @error: what went wrong with the history
 *
 * Says above the conversation that it is not being saved, and why.
 */
void
_bp_chat_page_show_problem (BpChatPage   *self,
                            const GError *error)
{
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("History: %s", error->message);
  if (self->disposed)
    return;

  /* Translators: %s says what went wrong with the history database */
  text = g_strdup_printf (_("The conversation is not being saved: %s"), error->message);
  gtk_label_set_text (self->history_label, text);
  gtk_revealer_set_reveal_child (self->history_revealer, TRUE);
}

/* After a write returns: write again what changed meanwhile. */
static void
write_done (SaveData *data)
{
  BpChatPage *self = data->self;
  SaveState *state = data->state;

  state->in_flight = FALSE;
  if (!state->dirty || state->forgotten)
    return;

  if (g_hash_table_lookup (self->save_states, data->item) == state)
    _bp_chat_page_save_item (self, data->item);
  else
    issue_write (self, data->item, state);
}

static void
append_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = bp_history_store_append_message_finish (BP_HISTORY_STORE (object), result, NULL, &error);
  if (id <= 0)
    {
      _bp_chat_page_show_problem (data->self, error);
      data->state->in_flight = FALSE;
      return;
    }

  bp_chat_item_set_record_id (data->item, id);
  if (data->state->conversation_id == data->self->conversation->id)
    _bp_chat_page_conversation_changed (data->self);
  write_done (data);
}

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!bp_history_store_update_message_finish (BP_HISTORY_STORE (object), result, &error))
    _bp_chat_page_show_problem (data->self, error);

  write_done (data);
}

static void
issue_write (BpChatPage *self,
             BpChatItem *item,
             SaveState  *state)
{
  g_autoptr(BpMessageRecord) record = NULL;

  g_assert (!state->in_flight);
  g_assert (state->conversation_id != 0);

  state->in_flight = TRUE;
  state->dirty = FALSE;
  record = bp_chat_item_to_record (item, state->conversation_id);

  if (record->id == 0)
    bp_history_store_append_message_async (self->store, record, NULL,
                                           append_cb, save_data_new (self, item, state));
  else
    bp_history_store_update_message_async (self->store, record, NULL,
                                           update_cb, save_data_new (self, item, state));
}

static void
flush_pending (BpChatPage *self)
{
  GListModel *model = G_LIST_MODEL (self->messages);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BpChatItem) item = g_list_model_get_item (model, i);
      SaveState *state = g_hash_table_lookup (self->save_states, item);

      if (state != NULL && state->dirty && !state->in_flight)
        _bp_chat_page_save_item (self, item);
    }
}

static char *
first_prompt (BpChatPage *self)
{
  GListModel *model = G_LIST_MODEL (self->messages);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BpChatItem) item = g_list_model_get_item (model, i);

      if (bp_chat_item_get_role (item) == BP_CHAT_ROLE_USER)
        return bp_history_title_from_prompt (bp_chat_item_get_text (item));
    }

  return NULL;
}

typedef struct
{
  BpChatPage           *self;          /* (owned) */
  BpConversationRecord *conversation;  /* borrowed: compared only */
} CreateData;

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CreateData *data = user_data;
  g_autoptr(BpChatPage) self = data->self;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = bp_history_store_create_conversation_finish (BP_HISTORY_STORE (object), result, &error);
  self->creating_conversation = FALSE;

  /* Another conversation was opened meanwhile: this one stays empty. */
  if (data->conversation != self->conversation)
    {
      g_free (data);
      return;
    }
  g_free (data);

  if (id <= 0)
    {
      _bp_chat_page_show_problem (self, error);
      return;
    }

  self->conversation->id = id;
  _bp_chat_page_conversation_changed (self);
  flush_pending (self);
}

static void
sync_conversation (BpChatPage *self)
{
  g_autofree char *system_prompt = bp_parameter_panel_dup_system_prompt (self->panel);
  BpConversationRecord *record = self->conversation;

  g_free (record->model_id);
  record->model_id = g_strdup (bp_parameter_panel_get_model_id (self->panel));
  g_free (record->system_prompt);
  record->system_prompt = g_strdup (system_prompt != NULL && *system_prompt != '\0' ? system_prompt : NULL);
}

static void
ensure_conversation (BpChatPage *self)
{
  CreateData *data;

  if (self->conversation->id != 0 || self->creating_conversation)
    return;

  if (self->store == NULL)
    {
      _bp_chat_page_ensure_store (self);
      return;
    }

  self->creating_conversation = TRUE;
  sync_conversation (self);
  if (self->conversation->title == NULL)
    self->conversation->title = first_prompt (self);
  if (!self->disposed)
    _bp_chat_page_update_title (self);

  data = g_new0 (CreateData, 1);
  data->self = g_object_ref (self);
  data->conversation = self->conversation;
  bp_history_store_create_conversation_async (self->store, self->conversation, NULL,
                                              create_cb, data);
}

static gboolean
in_list (BpChatPage *self,
         BpChatItem *item)
{
  return g_list_store_find (self->messages, item, NULL);
}

/**
 * _bp_chat_page_save_item:
 * @self: a #BpChatPage
 * @item: an item of the page
 *
 * Writes @item to the history as it stands, now or as soon as the history
 * and the conversation exist. Items no longer shown are not written.
 */
void
_bp_chat_page_save_item (BpChatPage *self,
                         BpChatItem *item)
{
  SaveState *state;

  if (!in_list (self, item))
    return;

  state = g_hash_table_lookup (self->save_states, item);
  if (state == NULL)
    {
      state = g_rc_box_new0 (SaveState);
      g_hash_table_insert (self->save_states, g_object_ref (item), state);
    }

  state->dirty = TRUE;
  if (state->in_flight)
    return;

  if (state->conversation_id == 0)
    state->conversation_id = self->conversation->id;

  if (self->store == NULL || state->conversation_id == 0)
    {
      ensure_conversation (self);
      return;
    }

  issue_write (self, item, state);
}

/**
 * _bp_chat_page_forget_item:
 * @self: a #BpChatPage
 * @item: an item being removed
 *
 * Writes nothing more of @item: the history drops it too.
 */
void
_bp_chat_page_forget_item (BpChatPage *self,
                           BpChatItem *item)
{
  SaveState *state = g_hash_table_lookup (self->save_states, item);

  if (state != NULL)
    {
      state->forgotten = TRUE;
      g_hash_table_remove (self->save_states, item);
    }
}

static void
truncate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BpChatPage) self = user_data;
  g_autoptr(GError) error = NULL;

  bp_history_store_truncate_conversation_finish (BP_HISTORY_STORE (object), result, &error);
  if (error != NULL)
    _bp_chat_page_show_problem (self, error);
}

/**
 * _bp_chat_page_truncate_history:
 * @self: a #BpChatPage
 * @n_keep: how many messages stay
 *
 * Removes the conversation's messages from position @n_keep on from the
 * history (regenerate, edit and resend).
 */
void
_bp_chat_page_truncate_history (BpChatPage *self,
                                guint       n_keep)
{
  if (self->store == NULL || self->conversation->id == 0)
    return;

  bp_history_store_truncate_conversation_async (self->store, self->conversation->id, n_keep,
                                                NULL, truncate_cb, g_object_ref (self));
}

static void
update_conversation_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(BpChatPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bp_history_store_update_conversation_finish (BP_HISTORY_STORE (object), result, &error))
    _bp_chat_page_show_problem (self, error);
}

/**
 * _bp_chat_page_save_conversation:
 * @self: a #BpChatPage
 *
 * Keeps the conversation's model and system prompt in the history as the
 * panel has them.
 */
void
_bp_chat_page_save_conversation (BpChatPage *self)
{
  g_autofree char *model_id = g_strdup (self->conversation->model_id);
  g_autofree char *system_prompt = g_strdup (self->conversation->system_prompt);

  sync_conversation (self);

  if (self->store == NULL || self->conversation->id == 0 ||
      (g_strcmp0 (model_id, self->conversation->model_id) == 0 &&
       g_strcmp0 (system_prompt, self->conversation->system_prompt) == 0))
    return;

  bp_history_store_update_conversation_async (self->store, self->conversation, NULL,
                                              update_conversation_cb, g_object_ref (self));
}

static gboolean
save_tick_cb (gpointer user_data)
{
  BpChatPage *self = user_data;

  if (self->reply_item != NULL)
    _bp_chat_page_save_item (self, self->reply_item);

  return G_SOURCE_CONTINUE;
}

/* While a reply streams, it is written at least every second. */
void
_bp_chat_page_start_saving (BpChatPage *self)
{
  if (self->save_source == 0)
    self->save_source = g_timeout_add (BP_CHAT_PAGE_SAVE_INTERVAL_MS, save_tick_cb, self);
}

void
_bp_chat_page_stop_saving (BpChatPage *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BpChatPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpHistoryStore) store = NULL;
  gint64 pending;

  self->opening_store = FALSE;
  store = bp_history_store_open_finish (result, &error);
  if (store == NULL)
    {
      self->store_failed = !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      _bp_chat_page_show_problem (self, error);
      return;
    }

  if (self->store == NULL && !self->disposed)
    bp_chat_page_set_history_store (self, store);

  pending = self->pending_load_id;
  self->pending_load_id = 0;
  if (pending != 0)
    _bp_chat_page_load (self, pending);
  else
    flush_pending (self);
}

/**
 * _bp_chat_page_ensure_store:
 * @self: a #BpChatPage
 *
 * Starts opening the history unless it is open or opening, or failed to
 * open (the page says so; the conversation goes on unsaved).
 */
void
_bp_chat_page_ensure_store (BpChatPage *self)
{
  if (self->store != NULL || self->opening_store || self->store_failed || self->disposed)
    return;

  self->opening_store = TRUE;
  bp_history_store_open_async (self->history_path, self->cancellable, open_cb, g_object_ref (self));
}
