/* bp-chat-page-edit.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-page"

#include "config.h"

#include "bp-chat-page-private.h"
#include "bp-model-picker.h"

/* Changing the conversation after the fact: regenerate the last reply,
 * edit a message and resend from there, act on a reply's error, stop. */

/**
 * _bp_chat_page_remove_from:
 * @self: a #BpChatPage
 * @position: the first message to remove
 *
 * Removes the messages from @position on, from the view and the history.
 */
void
_bp_chat_page_remove_from (BpChatPage *self,
                           guint       position)
{
  GListModel *model = G_LIST_MODEL (self->messages);
  guint n = g_list_model_get_n_items (model);

  if (position >= n)
    return;

  /* A row about to go may hold the focus (the editor of a message): the
   * list view must not keep tracking a row it recycles. */
  if (!self->disposed && gtk_widget_get_focus_child (GTK_WIDGET (self->scroller)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->prompt_view));

  for (guint i = position; i < n; i++)
    {
      g_autoptr(BpChatItem) item = g_list_model_get_item (model, i);

      if (item == self->memory_item)
        _bp_chat_page_set_memory_item (self, NULL);
      _bp_chat_page_forget_item (self, item);
    }

  g_list_store_splice (self->messages, position, n - position, NULL, 0);
  _bp_chat_page_truncate_history (self, position);
  _bp_chat_page_update_last (self);
}

/**
 * _bp_chat_page_regenerate:
 * @self: a #BpChatPage
 * @item: the last reply
 *
 * Asks again for the last reply: it is replaced.
 */
void
_bp_chat_page_regenerate (BpChatPage *self,
                          BpChatItem *item)
{
  g_autoptr(BpChatItem) prompt = NULL;
  guint position;

  if (self->reply_item != NULL || !_bp_chat_page_check_model (self) ||
      _bp_chat_page_find_item (self, bp_chat_item_get_serial (item), &position) == NULL ||
      position == 0 || !bp_chat_item_get_last (item) ||
      bp_chat_item_get_role (item) != BP_CHAT_ROLE_ASSISTANT)
    return;

  prompt = g_list_model_get_item (G_LIST_MODEL (self->messages), position - 1);
  if (bp_chat_item_get_role (prompt) != BP_CHAT_ROLE_USER)
    return;

  _bp_chat_page_remove_from (self, position);

  /* The prompt given back for the failed reply is sent again now. */
  {
    g_autofree char *entry = _bp_chat_page_dup_prompt (self);

    if (g_strcmp0 (g_strstrip (entry), bp_chat_item_get_text (prompt)) == 0)
      _bp_chat_page_set_prompt (self, NULL);
  }

  _bp_chat_page_start_reply (self, bp_chat_item_get_text (prompt));
}

/**
 * _bp_chat_page_resend:
 * @self: a #BpChatPage
 * @item: a user message
 * @text: its new text
 *
 * Replaces @item and everything after it with @text, and asks for the
 * reply.
 */
void
_bp_chat_page_resend (BpChatPage *self,
                      BpChatItem *item,
                      const char *text)
{
  guint position;

  if (self->reply_item != NULL || !_bp_chat_page_check_model (self) ||
      bp_chat_item_get_role (item) != BP_CHAT_ROLE_USER ||
      _bp_chat_page_find_item (self, bp_chat_item_get_serial (item), &position) == NULL)
    return;

  _bp_chat_page_remove_from (self, position);
  _bp_chat_page_send_prompt (self, text);
}

/**
 * _bp_chat_page_error_action:
 * @self: a #BpChatPage
 * @item: a failed reply
 *
 * Does what the reply's error offers: retry, switch to the inference
 * profile and resend, or open where the fix is.
 */
void
_bp_chat_page_error_action (BpChatPage *self,
                            BpChatItem *item)
{
  const BpErrorText *error = bp_chat_item_get_error (item);

  if (error == NULL)
    return;

  switch (error->action)
    {
    case BP_ERROR_ACTION_RETRY:
      _bp_chat_page_regenerate (self, item);
      break;

    case BP_ERROR_ACTION_USE_INFERENCE_PROFILE:
      if (error->action_target == NULL)
        break;
      bp_parameter_panel_set_model_id (self->panel, error->action_target);
      _bp_chat_page_regenerate (self, item);
      break;

    case BP_ERROR_ACTION_OPEN_PREFERENCES:
      gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
      break;

    case BP_ERROR_ACTION_OPEN_CONNECTION:
    case BP_ERROR_ACTION_SIGN_IN_SSO:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-connection", NULL);
      break;

    case BP_ERROR_ACTION_CHOOSE_MODEL:
      g_object_set (self, "panel-visible", TRUE, NULL);
      bp_model_picker_popup (bp_parameter_panel_get_model_picker (self->panel));
      break;

    case BP_ERROR_ACTION_NONE:
    default:
      break;
    }
}

/**
 * _bp_chat_page_stop:
 * @self: a #BpChatPage
 *
 * Cancels the reply in flight; the stream's callback keeps what arrived.
 */
void
_bp_chat_page_stop (BpChatPage *self)
{
  if (self->send_cancellable != NULL)
    g_cancellable_cancel (self->send_cancellable);
}
