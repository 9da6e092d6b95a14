/* bp-chat-item-fields.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-item"

#include "config.h"

#include "bp-chat-item-private.h"

/* The plain fields of a chat item: who made the reply and how, its
 * figures, its request, its error, its place in the view and the
 * history. */


#define DEFINE_STRING_ACCESSORS(name, PROP)                     \
const char *                                                    \
bp_chat_item_get_##name (BpChatItem *self)                      \
{                                                               \
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), NULL);          \
  return self->name;                                            \
}                                                               \
                                                                \
void                                                            \
bp_chat_item_set_##name (BpChatItem *self,                      \
                         const char *value)                     \
{                                                               \
  g_return_if_fail (BP_IS_CHAT_ITEM (self));                    \
  if (_bp_chat_item_replace_string (&self->name, value))                      \
    g_object_notify_by_pspec (G_OBJECT (self), _bp_chat_item_properties[PROP]); \
}

DEFINE_STRING_ACCESSORS (model_id, PROP_MODEL_ID)
DEFINE_STRING_ACCESSORS (model_name, PROP_MODEL_NAME)
DEFINE_STRING_ACCESSORS (invoke_id, PROP_INVOKE_ID)
DEFINE_STRING_ACCESSORS (stop_reason, PROP_STOP_REASON)
DEFINE_STRING_ACCESSORS (status_text, PROP_STATUS_TEXT)

#undef DEFINE_STRING_ACCESSORS

/**
 * bp_chat_item_get_input_tokens:
 * @self: a #BpChatItem
 *
 * Returns: the reply's input tokens, or -1 when unknown
 */
gint64
bp_chat_item_get_input_tokens (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), -1);

  return self->input_tokens;
}

/**
 * bp_chat_item_get_output_tokens:
 * @self: a #BpChatItem
 *
 * Returns: the reply's output tokens, or -1 when unknown
 */
gint64
bp_chat_item_get_output_tokens (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), -1);

  return self->output_tokens;
}

/**
 * bp_chat_item_get_ttft_ms:
 * @self: a #BpChatItem
 *
 * Returns: the time to the first token in milliseconds, or -1
 */
gint64
bp_chat_item_get_ttft_ms (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), -1);

  return self->ttft_ms;
}

/**
 * bp_chat_item_get_total_ms:
 * @self: a #BpChatItem
 *
 * Returns: the time of the whole reply in milliseconds, or -1
 */
gint64
bp_chat_item_get_total_ms (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), -1);

  return self->total_ms;
}

/**
 * bp_chat_item_get_cost_usd:
 * @self: a #BpChatItem
 *
 * Returns: the estimated cost in US dollars, negative when unknown
 */
double
bp_chat_item_get_cost_usd (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), -1.0);

  return self->cost_usd;
}

/**
 * bp_chat_item_set_stats:
 * @self: a #BpChatItem
 * @input_tokens: input tokens, or -1
 * @output_tokens: output tokens, or -1
 * @ttft_ms: time to the first token, or -1
 * @total_ms: time of the whole reply, or -1
 * @cost_usd: the estimated cost, negative when unknown
 *
 * Sets the figures of the reply's footer and notifies #BpChatItem:stats.
 */
void
bp_chat_item_set_stats (BpChatItem *self,
                        gint64      input_tokens,
                        gint64      output_tokens,
                        gint64      ttft_ms,
                        gint64      total_ms,
                        double      cost_usd)
{
  g_return_if_fail (BP_IS_CHAT_ITEM (self));

  self->input_tokens = input_tokens;
  self->output_tokens = output_tokens;
  self->ttft_ms = ttft_ms;
  self->total_ms = total_ms;
  self->cost_usd = cost_usd;

  g_object_notify_by_pspec (G_OBJECT (self), _bp_chat_item_properties[PROP_STATS]);
}

/**
 * bp_chat_item_get_request_json:
 * @self: a #BpChatItem
 *
 * Returns: (nullable): the exact body of the request that asked for this
 *   reply
 */
const char *
bp_chat_item_get_request_json (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), NULL);

  return self->request_json;
}

/**
 * bp_chat_item_get_endpoint:
 * @self: a #BpChatItem
 *
 * Returns: (nullable): the URL the request went to
 */
const char *
bp_chat_item_get_endpoint (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), NULL);

  return self->endpoint;
}

/**
 * bp_chat_item_set_request:
 * @self: a #BpChatItem
 * @endpoint: (nullable): the URL the request went to
 * @request_json: (nullable): the exact body sent
 *
 * Records the request of a reply, for "show request".
 */
void
bp_chat_item_set_request (BpChatItem *self,
                          const char *endpoint,
                          const char *request_json)
{
  gboolean changed;

  g_return_if_fail (BP_IS_CHAT_ITEM (self));

  changed = _bp_chat_item_replace_string (&self->endpoint, endpoint);
  changed |= _bp_chat_item_replace_string (&self->request_json, request_json);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), _bp_chat_item_properties[PROP_REQUEST_JSON]);
}

/**
 * bp_chat_item_get_region:
 * @self: a #BpChatItem
 *
 * Returns: (nullable): the region the request went to, when known (it is
 *   not kept in the history)
 */
const char *
bp_chat_item_get_region (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), NULL);

  return self->region;
}

/**
 * bp_chat_item_set_region:
 * @self: a #BpChatItem
 * @region: (nullable): the region the request went to
 *
 * Records the region of the request (for its snippets); not notified.
 */
void
bp_chat_item_set_region (BpChatItem *self,
                         const char *region)
{
  g_return_if_fail (BP_IS_CHAT_ITEM (self));

  _bp_chat_item_replace_string (&self->region, region);
}

/**
 * bp_chat_item_get_error:
 * @self: a #BpChatItem
 *
 * Returns: (nullable): why the reply failed
 */
const BpErrorText *
bp_chat_item_get_error (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), NULL);

  return self->error;
}

/**
 * bp_chat_item_get_error_message:
 * @self: a #BpChatItem
 *
 * Returns: (nullable): the error in one line, as the history keeps it
 */
const char *
bp_chat_item_get_error_message (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), NULL);

  return self->error_message;
}

/**
 * bp_chat_item_set_error:
 * @self: a #BpChatItem
 * @error: (nullable): why the reply failed, or %NULL to clear it
 *
 * Sets (a copy of) @error and its one-line form for the history.
 */
void
bp_chat_item_set_error (BpChatItem        *self,
                        const BpErrorText *error)
{
  g_return_if_fail (BP_IS_CHAT_ITEM (self));

  if (self->error == NULL && error == NULL)
    return;

  g_clear_pointer (&self->error, bp_error_text_free);
  g_clear_pointer (&self->error_message, g_free);
  if (error != NULL)
    {
      self->error = bp_error_text_copy (error);
      self->error_message = bp_error_text_format_one_line (error);
    }

  g_object_notify_by_pspec (G_OBJECT (self), _bp_chat_item_properties[PROP_ERROR]);
}

/**
 * bp_chat_item_get_memory_start:
 * @self: a #BpChatItem
 *
 * Returns: whether the model's memory begins at this message
 */
gboolean
bp_chat_item_get_memory_start (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), FALSE);

  return self->memory_start;
}

/**
 * bp_chat_item_set_memory_start:
 * @self: a #BpChatItem
 * @memory_start: whether the model's memory begins at @self
 *
 * Marks @self as the oldest message sent to the model while older ones
 * exist: its row shows the memory separator above it.
 */
void
bp_chat_item_set_memory_start (BpChatItem *self,
                               gboolean    memory_start)
{
  g_return_if_fail (BP_IS_CHAT_ITEM (self));

  memory_start = !!memory_start;
  if (self->memory_start == (guint) memory_start)
    return;

  self->memory_start = memory_start;
  g_object_notify_by_pspec (G_OBJECT (self), _bp_chat_item_properties[PROP_MEMORY_START]);
}

/**
 * bp_chat_item_get_last:
 * @self: a #BpChatItem
 *
 * Returns: whether this is the last message of the conversation
 */
gboolean
bp_chat_item_get_last (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), FALSE);

  return self->last;
}

/**
 * bp_chat_item_set_last:
 * @self: a #BpChatItem
 * @last: whether @self is the last message of the conversation
 *
 * Only the last reply can be regenerated.
 */
void
bp_chat_item_set_last (BpChatItem *self,
                       gboolean    last)
{
  g_return_if_fail (BP_IS_CHAT_ITEM (self));

  last = !!last;
  if (self->last == (guint) last)
    return;

  self->last = last;
  g_object_notify_by_pspec (G_OBJECT (self), _bp_chat_item_properties[PROP_LAST]);
}

/**
 * bp_chat_item_get_record_id:
 * @self: a #BpChatItem
 *
 * Returns: the row id in the history, 0 while unsaved
 */
gint64
bp_chat_item_get_record_id (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), 0);

  return self->record_id;
}

/**
 * bp_chat_item_set_record_id:
 * @self: a #BpChatItem
 * @record_id: the row id of @self in the history, 0 while unsaved
 */
void
bp_chat_item_set_record_id (BpChatItem *self,
                            gint64      record_id)
{
  g_return_if_fail (BP_IS_CHAT_ITEM (self));

  if (self->record_id == record_id)
    return;

  self->record_id = record_id;
  g_object_notify_by_pspec (G_OBJECT (self), _bp_chat_item_properties[PROP_RECORD_ID]);
}
