/* bp-chat-page-memory.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-page"

#include "config.h"

#include "bp-bedrock-error.h"
#include "bp-chat-memory.h"
#include "bp-chat-page-private.h"

/* The model's memory: which turns a request carries, and where the model's
 * memory begins when the conversation outgrows its context window.
 *
 * What fits is judged by bp_chat_memory_fit() from the output tokens the
 * service reported for each reply and an estimate of the rest. When the
 * estimate comes within half of the room (the context window minus max
 * tokens), the page asks the service to count the whole request first
 * (CountTokens), where the model can: the estimate errs by more than that
 * for code and unusual text, and too long a request fails whole. Models
 * that answer CountTokens with a ValidationException cannot count; they are
 * not asked again while the page lives. */

/* Counting starts when the estimate passes this share of the room. */
#define COUNT_FROM_PERCENT 50

/**
 * _bp_chat_page_is_empty_reply:
 * @item: an item
 *
 * Returns: whether @item is a reply without text (it failed, or was
 *   stopped, before the first token)
 */
gboolean
_bp_chat_page_is_empty_reply (BpChatItem *item)
{
  return bp_chat_item_get_role (item) == BP_CHAT_ROLE_ASSISTANT &&
         *bp_chat_item_get_text (item) == '\0';
}

/**
 * _bp_chat_page_collect_turns:
 * @self: a #BpChatPage
 *
 * The items a request carries, oldest first: user and assistant turns
 * alternating, starting with a user message. Replies without text are
 * left out, and so is a user message that got no reply.
 *
 * Returns: (transfer full) (element-type BpChatItem): the turns
 */
GPtrArray *
_bp_chat_page_collect_turns (BpChatPage *self)
{
  GListModel *model = G_LIST_MODEL (self->messages);
  GPtrArray *turns = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      BpChatItem *item = g_list_model_get_item (model, i);
      BpChatItem *previous = turns->len > 0 ? g_ptr_array_index (turns, turns->len - 1) : NULL;
      gboolean user = bp_chat_item_get_role (item) == BP_CHAT_ROLE_USER;

      if (!user && (_bp_chat_page_is_empty_reply (item) || previous == NULL ||
                    bp_chat_item_get_role (previous) != BP_CHAT_ROLE_USER))
        {
          g_object_unref (item);
          continue;
        }

      if (user && previous != NULL && bp_chat_item_get_role (previous) == BP_CHAT_ROLE_USER)
        g_ptr_array_remove_index (turns, turns->len - 1);

      g_ptr_array_add (turns, item);
    }

  return turns;
}

/**
 * _bp_chat_page_build_request:
 * @self: a #BpChatPage
 * @turns: (element-type BpChatItem): from _bp_chat_page_collect_turns()
 *
 * Returns: (transfer full): a request for the panel's model with the
 *   panel's parameters and every turn
 */
BpChatRequest *
_bp_chat_page_build_request (BpChatPage *self,
                             GPtrArray  *turns)
{
  const char *model_id = bp_parameter_panel_get_model_id (self->panel);
  BpChatRequest *request = bp_chat_request_new (model_id);

  bp_parameter_panel_apply_to_request (self->panel, request);
  for (guint i = 0; i < turns->len; i++)
    {
      g_autoptr(BpChatMessage) message = bp_chat_item_to_message (g_ptr_array_index (turns, i));

      bp_chat_request_append_message (request, message);
    }

  return request;
}

/**
 * _bp_chat_page_current_info:
 * @self: a #BpChatPage
 *
 * Returns: (transfer none) (nullable): the catalogue's entry for the
 *   panel's model
 */
BpModelInfo *
_bp_chat_page_current_info (BpChatPage *self)
{
  const char *model_id = bp_parameter_panel_get_model_id (self->panel);

  return model_id != NULL ? bp_model_catalogue_lookup (self->catalogue, model_id) : NULL;
}

/* Marks @item (or nothing) as where the model's memory begins. */
void
_bp_chat_page_set_memory_item (BpChatPage *self,
                               BpChatItem *item)
{
  if (self->memory_item == item)
    return;

  if (self->memory_item != NULL)
    bp_chat_item_set_memory_start (self->memory_item, FALSE);
  g_set_object (&self->memory_item, item);
  if (item != NULL)
    bp_chat_item_set_memory_start (item, TRUE);
}

/* The model's context window, and the part of it kept for the reply. */
static guint64
get_window (BpChatPage    *self,
            BpChatRequest *request,
            guint64       *out_max_tokens)
{
  BpModelInfo *info = _bp_chat_page_current_info (self);

  *out_max_tokens = 0;
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_MAX_TOKENS))
    *out_max_tokens = bp_chat_request_get_max_tokens (request);
  else if (info != NULL)
    *out_max_tokens = bp_model_info_get_max_output_tokens (info);

  return info != NULL ? bp_model_info_get_context_window (info) : 0;
}

/* The service counted each reply's output exactly; the rest is estimated. */
static gint64 *
known_tokens (GPtrArray *turns)
{
  gint64 *known = g_new (gint64, MAX (turns->len, 1));

  for (guint i = 0; i < turns->len; i++)
    {
      BpChatItem *item = g_ptr_array_index (turns, i);

      known[i] = bp_chat_item_get_role (item) == BP_CHAT_ROLE_ASSISTANT
                 ? bp_chat_item_get_output_tokens (item) : -1;
    }

  return known;
}

/**
 * _bp_chat_page_fit:
 * @self: a #BpChatPage
 * @request: from _bp_chat_page_build_request()
 * @turns: (element-type BpChatItem): the turns of @request
 * @counted_tokens: the service's count of @request, or -1
 * @error: return location for a #GError
 *
 * Fits @request into the model's context window.
 *
 * Returns: the index of the first turn kept, or -1 with @error set when
 *   even the last message does not fit
 */
int
_bp_chat_page_fit (BpChatPage     *self,
                   BpChatRequest  *request,
                   GPtrArray      *turns,
                   gint64          counted_tokens,
                   GError        **error)
{
  g_autofree gint64 *known = known_tokens (turns);
  guint64 max_tokens;
  guint64 context_window = get_window (self, request, &max_tokens);
  guint first_kept = 0;

  if (!bp_chat_memory_fit (request, context_window, max_tokens, known, counted_tokens,
                           &first_kept, error))
    return -1;

  return (int) first_kept;
}

/**
 * _bp_chat_page_wants_count:
 * @self: a #BpChatPage
 * @request: from _bp_chat_page_build_request()
 * @turns: (element-type BpChatItem): the turns of @request
 *
 * Returns: whether the service should count @request before it is sent:
 *   its estimate is near the room in the context window, and the model
 *   was not found unable to count
 */
gboolean
_bp_chat_page_wants_count (BpChatPage    *self,
                           BpChatRequest *request,
                           GPtrArray     *turns)
{
  BpModelInfo *info = _bp_chat_page_current_info (self);
  g_autofree gint64 *known = NULL;
  guint64 max_tokens, context_window, room;

  if (self->client == NULL || info == NULL ||
      g_hash_table_contains (self->uncountable_models, bp_model_info_get_id (info)))
    return FALSE;

  context_window = get_window (self, request, &max_tokens);
  if (context_window == 0)
    return FALSE;

  room = context_window > max_tokens ? context_window - max_tokens : 0;
  known = known_tokens (turns);

  return bp_chat_memory_estimate_request (request, known) * 100 > room * COUNT_FROM_PERCENT;
}

static void
count_tokens_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  BpChatPage *self = g_task_get_source_object (task);
  const char *model_id = g_task_get_task_data (task);
  guint tokens = 0;

  if (bp_bedrock_client_count_tokens_finish (BP_BEDROCK_CLIENT (object), result, &tokens, &error))
    {
      g_debug ("%s counted %u input tokens", model_id, tokens);
      g_task_return_int (task, tokens);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Whatever else went wrong, the estimate stands in; a real problem
   * (credentials, access) shows on the request itself. */
  if (g_error_matches (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION))
    g_hash_table_add (self->uncountable_models, g_strdup (model_id));
  g_debug ("%s could not count tokens (%s): estimating", model_id, error->message);
  g_task_return_int (task, -1);
}

/**
 * _bp_chat_page_count_tokens_async:
 * @self: a #BpChatPage with a client
 * @request: the whole request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the count
 * @user_data: data for @callback
 *
 * Asks the service to count the input tokens of @request (CountTokens on
 * the base model: whether inference profiles count is not documented).
 */
void
_bp_chat_page_count_tokens_async (BpChatPage          *self,
                                  BpChatRequest       *request,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(BpChatRequest) counted = bp_chat_request_copy (request);
  BpModelInfo *info = _bp_chat_page_current_info (self);

  g_assert (self->client != NULL && info != NULL);

  g_task_set_source_tag (task, _bp_chat_page_count_tokens_async);
  g_task_set_task_data (task, g_strdup (bp_model_info_get_id (info)), g_free);

  bp_chat_request_set_model_id (counted, bp_model_info_get_id (info));
  bp_bedrock_client_count_tokens_async (self->client, counted, cancellable,
                                        count_tokens_cb, g_steal_pointer (&task));
}

/**
 * _bp_chat_page_count_tokens_finish:
 * @self: a #BpChatPage
 * @result: the result
 * @error: return location for a cancellation
 *
 * Returns: the input tokens, -1 when the service did not count them, or
 *   -2 with @error set when the count was cancelled
 */
gint64
_bp_chat_page_count_tokens_finish (BpChatPage    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  GError *local_error = NULL;
  gssize tokens;

  g_assert (g_task_is_valid (result, self));

  tokens = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -2;
    }

  return tokens;
}

/**
 * _bp_chat_page_update_memory:
 * @self: a #BpChatPage
 *
 * Marks where the model's memory would begin if the conversation were
 * sent now with the panel's model and parameters, by the estimate.
 */
void
_bp_chat_page_update_memory (BpChatPage *self)
{
  g_autoptr(GPtrArray) turns = NULL;
  g_autoptr(BpChatRequest) request = NULL;
  int first_kept;

  if (self->reply_item != NULL || self->disposed)
    return;

  turns = _bp_chat_page_collect_turns (self);
  if (turns->len == 0)
    {
      _bp_chat_page_set_memory_item (self, NULL);
      return;
    }

  request = _bp_chat_page_build_request (self, turns);
  first_kept = _bp_chat_page_fit (self, request, turns, -1, NULL);
  _bp_chat_page_set_memory_item (self, first_kept > 0 ? g_ptr_array_index (turns, first_kept) : NULL);
}
