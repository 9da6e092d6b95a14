/* bp-chat-page-send.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-bedrock-error.h"
#include "bp-chat-memory.h"
#include "bp-chat-page-private.h"
#include "bp-converse.h"
#include "bp-model-picker.h"
#include "bp-pricing.h"
#include "bp-request-snippet.h"

/* Sending: the conversation so far becomes a #BpChatRequest (Converse
 * keeps no state), the oldest turns are left out when it would not fit the
 * model's context window (bp-chat-page-memory.c: counted by the service
 * first when it comes near), and the reply streams into a new item.
 *
 * A turn whose reply has no text (it failed, or was stopped, before the
 * first token) is left out of requests, and the next message sent
 * replaces it: its prompt went back into the entry. */

typedef struct
{
  BpChatPage    *self;       /* (owned) */
  BpChatItem    *item;       /* (owned) the reply */
  char          *prompt;     /* (owned) the user message it answers */
  char          *invoke_id;  /* (owned) */
  char          *region;     /* (owned) (nullable) */
  GPtrArray     *turns;      /* (owned) (nullable) until sent */
  BpChatRequest *request;    /* (owned) (nullable) until sent: every turn */
  gint64         start_us;
  gboolean       streaming;
} ReplyData;

static void
reply_data_clear (ReplyData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->item);
  g_clear_pointer (&data->prompt, g_free);
  g_clear_pointer (&data->invoke_id, g_free);
  g_clear_pointer (&data->region, g_free);
  g_clear_pointer (&data->turns, g_ptr_array_unref);
  g_clear_pointer (&data->request, bp_chat_request_unref);
}

static void
reply_data_release (ReplyData *data)
{
  g_rc_box_release_full (data, (GDestroyNotify) reply_data_clear);
}

static char *
request_url (BpChatPage         *self,
             BpRequestOperation  operation,
             const char         *invoke_id,
             const char         *region)
{
  const BpEndpoint *endpoint = NULL;
  BpSnippetRequest snippet = { 0 };

  if (self->client != NULL)
    endpoint = bp_bedrock_client_get_runtime_endpoint (self->client);

  snippet.operation = operation;
  snippet.model_id = invoke_id;
  snippet.region = region != NULL ? region : "us-east-1";
  if (endpoint != NULL && endpoint->source != BP_SETTING_SOURCE_DEFAULT)
    snippet.endpoint_url = endpoint->url;

  return bp_request_snippet_get_url (&snippet);
}

/* Records the exact body and URL of the request on the reply, for "show
 * request": the client builds the same body from the same request. */
static void
record_request (BpChatPage    *self,
                BpChatItem    *item,
                BpChatRequest *request,
                gboolean       streaming)
{
  g_autoptr(GBytes) body = bp_converse_build_body (request, NULL);
  g_autofree char *url = NULL;
  g_autofree char *json = NULL;

  if (body == NULL)
    return;

  url = request_url (self,
                     streaming ? BP_REQUEST_OPERATION_CONVERSE_STREAM : BP_REQUEST_OPERATION_CONVERSE,
                     bp_chat_request_get_model_id (request), bp_chat_item_get_region (item));
  json = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  bp_chat_item_set_request (item, url, json);
}

static void
finish_stats (ReplyData   *data,
              BpChatReply *reply)
{
  BpChatItem *item = data->item;
  gint64 total_ms = (g_get_monotonic_time () - data->start_us) / 1000;
  gint64 in = -1, out = -1, ttft = -1;
  double cost = BP_PRICE_UNKNOWN;
  BpChatPage *self = data->self;

  if (reply != NULL)
    {
      const BpUsage *usage = bp_chat_reply_get_usage (reply);
      BpModelInfo *info = bp_model_catalogue_lookup (self->catalogue, data->invoke_id);

      in = usage->input_tokens;
      out = usage->output_tokens;
      ttft = bp_chat_reply_get_time_to_first_token_ms (reply);
      if (in >= 0 && out >= 0)
        cost = bp_pricing_estimate_text (info, data->invoke_id, (guint64) in, (guint64) out);
      bp_chat_item_set_stop_reason (item, bp_stop_reason_to_string (bp_chat_reply_get_stop_reason (reply)));
    }

  bp_chat_item_set_stats (item, in, out, ttft, total_ms, cost);

  self->session_input_tokens += MAX (in, 0);
  self->session_output_tokens += MAX (out, 0);
  if (cost >= 0)
    self->session_cost_usd += cost;
  else if (reply != NULL)
    self->session_unpriced++;
}

static void
fail_reply (ReplyData    *data,
            const GError *error)
{
  BpChatPage *self = data->self;
  g_autoptr(BpErrorText) text = NULL;
  const char *profile = NULL;

  if (self->client != NULL)
    profile = bp_credential_provider_get_profile (bp_bedrock_client_get_provider (self->client));

  text = bp_error_text_new_full (error, self->catalogue, data->invoke_id, data->region, profile);
  bp_chat_item_set_error (data->item, text);
  bp_chat_item_set_state (data->item, BP_CHAT_ITEM_STATE_FAILED);
}

/* The prompt is never lost: a reply with nothing in it gives the prompt
 * back to the entry, unless the user has started typing another. */
static void
restore_prompt (ReplyData *data)
{
  g_autofree char *current = NULL;

  if (!_bp_chat_page_is_empty_reply (data->item) || data->self->disposed)
    return;

  current = _bp_chat_page_dup_prompt (data->self);
  if (*g_strstrip (current) == '\0')
    _bp_chat_page_set_prompt (data->self, data->prompt);
}

static void
end_reply (ReplyData    *data,
           BpChatReply  *reply,
           BpChatReply  *partial,
           const GError *error)
{
  BpChatPage *self = data->self;
  BpChatItem *item = data->item;
  gboolean shown = g_list_store_find (self->messages, item, NULL);

  if (reply != NULL && !data->streaming)
    {
      bp_chat_item_set_text (item, bp_chat_reply_get_text (reply));
      if (bp_chat_reply_get_reasoning_text (reply) != NULL)
        bp_chat_item_append_reasoning (item, bp_chat_reply_get_reasoning_text (reply));
    }

  finish_stats (data, reply != NULL ? reply : partial);

  if (error == NULL)
    bp_chat_item_set_state (item, BP_CHAT_ITEM_STATE_DONE);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    bp_chat_item_set_state (item, BP_CHAT_ITEM_STATE_STOPPED);
  else
    fail_reply (data, error);

  /* The picker can say why: access not granted, pending, not here. */
  if (g_error_matches (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_ACCESS_DENIED))
    _bp_chat_page_check_model_access (self, data->invoke_id, TRUE);

  bp_chat_item_set_status_text (item, NULL);
  _bp_chat_page_stop_countdown (self);
  _bp_chat_page_stop_saving (self);
  _bp_chat_page_save_item (self, item);

  if (self->reply_item == item)
    {
      g_clear_object (&self->reply_item);
      g_clear_object (&self->send_cancellable);
    }

  if (self->disposed)
    return;

  if (error != NULL && shown)
    restore_prompt (data);

  _bp_chat_page_update_busy (self);
  _bp_chat_page_update_totals (self);
}

static void
stream_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ReplyData *data = user_data;
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(BpChatReply) partial = NULL;
  g_autoptr(GError) error = NULL;

  reply = bp_bedrock_client_converse_stream_finish (BP_BEDROCK_CLIENT (object), result, &partial, &error);
  end_reply (data, reply, partial, error);
  reply_data_release (data);
}

static void
converse_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ReplyData *data = user_data;
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = bp_bedrock_client_converse_finish (BP_BEDROCK_CLIENT (object), result, &error);
  end_reply (data, reply, NULL, error);
  reply_data_release (data);
}

static void
stream_event_cb (BpStreamEvent *event,
                 gpointer       user_data)
{
  ReplyData *data = user_data;
  const char *text = bp_stream_event_get_text (event);

  switch (bp_stream_event_get_event_type (event))
    {
    case BP_STREAM_EVENT_TEXT_DELTA:
      bp_chat_item_set_state (data->item, BP_CHAT_ITEM_STATE_STREAMING);
      bp_chat_item_append_text (data->item, text);
      break;

    case BP_STREAM_EVENT_REASONING_DELTA:
      bp_chat_item_set_state (data->item, BP_CHAT_ITEM_STATE_STREAMING);
      bp_chat_item_append_reasoning (data->item, text);
      break;

    case BP_STREAM_EVENT_MESSAGE_START:
    case BP_STREAM_EVENT_REASONING_SIGNATURE:
    case BP_STREAM_EVENT_REDACTED_REASONING:
    case BP_STREAM_EVENT_TOOL_USE_START:
    case BP_STREAM_EVENT_TOOL_USE_DELTA:
    case BP_STREAM_EVENT_BLOCK_STOP:
    case BP_STREAM_EVENT_MESSAGE_STOP:
    case BP_STREAM_EVENT_METADATA:
    default:
      break;
    }
}

static gboolean
wants_streaming (BpChatPage *self)
{
  BpModelInfo *info = _bp_chat_page_current_info (self);

  return bp_parameter_panel_get_streaming (self->panel) &&
         (info == NULL || bp_model_info_get_streaming (info));
}

static BpChatItem *
add_reply_item (BpChatPage *self,
                const char *invoke_id)
{
  g_autoptr(BpChatItem) item = _bp_chat_page_new_item (self, BP_CHAT_ROLE_ASSISTANT, NULL);
  const char *model_id = bp_parameter_panel_get_model_id (self->panel);

  bp_chat_item_set_model_id (item, model_id);
  bp_chat_item_set_model_name (item, _bp_chat_page_get_model_name (self, model_id));
  bp_chat_item_set_invoke_id (item, invoke_id);
  if (self->client != NULL)
    bp_chat_item_set_region (item, bp_bedrock_client_get_region (self->client));
  bp_chat_item_set_state (item, BP_CHAT_ITEM_STATE_WAITING);

  g_list_store_append (self->messages, item);
  _bp_chat_page_update_last (self);

  return g_steal_pointer (&item);
}

static void
start_call (BpChatPage    *self,
            ReplyData     *data,
            BpChatRequest *request)
{
  if (self->send_cancellable == NULL)
    self->send_cancellable = g_cancellable_new ();
  g_set_object (&self->reply_item, data->item);
  _bp_chat_page_update_busy (self);
  _bp_chat_page_start_saving (self);

  if (data->streaming)
    bp_bedrock_client_converse_stream_async (self->client, request,
                                             stream_event_cb, g_rc_box_acquire (data),
                                             (GDestroyNotify) reply_data_release,
                                             self->send_cancellable, stream_cb, data);
  else
    bp_bedrock_client_converse_async (self->client, request, self->send_cancellable,
                                      converse_cb, data);
}

/* Sends the request of @data, without the oldest turns when it does not
 * fit by the service's count (-1: not counted) and the estimate. Takes
 * the reference of @data. */
static void
send_fitted (ReplyData *data,
             gint64     counted_tokens)
{
  BpChatPage *self = data->self;
  g_autoptr(BpChatRequest) request = g_steal_pointer (&data->request);
  g_autoptr(GPtrArray) turns = g_steal_pointer (&data->turns);
  g_autoptr(GError) error = NULL;
  int first_kept;

  first_kept = _bp_chat_page_fit (self, request, turns, counted_tokens, &error);
  if (first_kept < 0)
    {
      end_reply (data, NULL, NULL, error);
      reply_data_release (data);
      return;
    }

  if (first_kept > 0)
    {
      BpChatRequest *trimmed = bp_chat_memory_trim_request (request, first_kept);

      bp_chat_request_unref (request);
      request = trimmed;
    }
  _bp_chat_page_set_memory_item (self, first_kept > 0 ? g_ptr_array_index (turns, first_kept) : NULL);

  bp_chat_item_set_status_text (data->item, NULL);
  record_request (self, data->item, request, data->streaming);
  _bp_chat_page_save_item (self, data->item);
  data->start_us = g_get_monotonic_time ();

  if (self->client == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("Bedrock Playground is not connected to AWS yet."));
      end_reply (data, NULL, NULL, error);
      reply_data_release (data);
      return;
    }

  start_call (self, data, request);
}

static void
count_tokens_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReplyData *data = user_data;
  g_autoptr(GError) error = NULL;
  gint64 tokens;

  tokens = _bp_chat_page_count_tokens_finish (BP_CHAT_PAGE (object), result, &error);
  if (error != NULL)
    {
      /* Stopped while counting. */
      end_reply (data, NULL, NULL, error);
      reply_data_release (data);
      return;
    }

  send_fitted (data, tokens);
}

/**
 * _bp_chat_page_start_reply:
 * @self: a #BpChatPage
 * @prompt: the last user message
 *
 * Asks for a reply to the conversation as it stands; its last turn is the
 * user message @prompt. When the conversation comes near the model's
 * context window, the service counts its tokens first, where it can.
 */
void
_bp_chat_page_start_reply (BpChatPage *self,
                           const char *prompt)
{
  ReplyData *data;

  _bp_chat_page_save_conversation (self);

  data = g_rc_box_new0 (ReplyData);
  data->self = g_object_ref (self);
  data->turns = _bp_chat_page_collect_turns (self);
  data->request = _bp_chat_page_build_request (self, data->turns);
  data->item = add_reply_item (self, bp_chat_request_get_model_id (data->request));
  data->prompt = g_strdup (prompt);
  data->invoke_id = g_strdup (bp_chat_request_get_model_id (data->request));
  data->region = g_strdup (bp_chat_item_get_region (data->item));
  data->start_us = g_get_monotonic_time ();
  data->streaming = wants_streaming (self);
  _bp_chat_page_scroll_to_bottom (self);

  if (!_bp_chat_page_wants_count (self, data->request, data->turns))
    {
      send_fitted (data, -1);
      return;
    }

  /* The reply is in flight from now on: Stop cancels the count too. */
  self->send_cancellable = g_cancellable_new ();
  g_set_object (&self->reply_item, data->item);
  _bp_chat_page_update_busy (self);
  bp_chat_item_set_status_text (data->item, _("Counting the conversation’s tokens…"));
  _bp_chat_page_count_tokens_async (self, data->request, self->send_cancellable,
                                    count_tokens_cb, data);
}

/* Takes the last turn out when its reply has no text: the message about
 * to be sent replaces it. */
static void
drop_empty_turn (BpChatPage *self)
{
  GListModel *model = G_LIST_MODEL (self->messages);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(BpChatItem) last = NULL;

  if (n < 2)
    return;

  last = g_list_model_get_item (model, n - 1);
  if (_bp_chat_page_is_empty_reply (last))
    _bp_chat_page_remove_from (self, n - 2);
}

/**
 * _bp_chat_page_check_model:
 * @self: a #BpChatPage
 *
 * Returns: whether a model is chosen; if not, the picker opens
 */
gboolean
_bp_chat_page_check_model (BpChatPage *self)
{
  if (bp_parameter_panel_get_model_id (self->panel) != NULL)
    return TRUE;

  _bp_chat_page_toast (self, _("Choose a model first"));
  g_object_set (self, "panel-visible", TRUE, NULL);
  bp_model_picker_popup (bp_parameter_panel_get_model_picker (self->panel));

  return FALSE;
}

/**
 * _bp_chat_page_send_prompt:
 * @self: a #BpChatPage
 * @prompt: what the user wrote
 *
 * Adds @prompt as a user message and asks for the reply.
 *
 * Returns: whether it was sent: not while a reply is in flight, nor
 *   without a model
 */
gboolean
_bp_chat_page_send_prompt (BpChatPage *self,
                           const char *prompt)
{
  g_autoptr(BpChatItem) item = NULL;
  g_autofree char *text = g_strstrip (g_strdup (prompt));

  if (self->reply_item != NULL || *text == '\0' || !_bp_chat_page_check_model (self))
    return FALSE;

  drop_empty_turn (self);

  item = _bp_chat_page_new_item (self, BP_CHAT_ROLE_USER, text);
  g_list_store_append (self->messages, item);
  _bp_chat_page_update_last (self);
  _bp_chat_page_save_item (self, item);

  _bp_chat_page_start_reply (self, text);

  return TRUE;
}
