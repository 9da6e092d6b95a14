/* bp-chat-reply.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-reply"

#include "config.h"

#include "bp-chat-reply-private.h"

/* A model's answer: either parsed whole from a response body, or built up
 * from stream events with bp_chat_reply_apply_event(). Reference counted,
 * not locked; the client and the page use it on the main thread. Timing the
 * caller measures (time to first token) goes in through the _at variant or
 * the setters: nothing here reads a clock. */

G_DEFINE_BOXED_TYPE (BpChatReply, bp_chat_reply,
                     bp_chat_reply_ref, bp_chat_reply_unref)

static void
tool_use_free (gpointer data)
{
  BpChatReplyToolUse *tool_use = data;

  g_free (tool_use->id);
  g_free (tool_use->name);
  g_string_free (tool_use->input, TRUE);
  g_free (tool_use);
}

/**
 * bp_chat_reply_new:
 *
 * Returns: (transfer full): an empty, incomplete reply with unknown usage
 */
BpChatReply *
bp_chat_reply_new (void)
{
  BpChatReply *self = g_new0 (BpChatReply, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->text = g_string_new (NULL);
  self->tool_uses = g_ptr_array_new_with_free_func (tool_use_free);
  bp_usage_init (&self->usage);
  self->latency_ms = -1;
  self->first_byte_latency_ms = -1;
  self->ttft_ms = -1;
  self->start_time_us = -1;
  self->total_ms = -1;

  return self;
}

/**
 * bp_chat_reply_ref:
 * @self: a #BpChatReply
 *
 * Returns: (transfer full): @self
 */
BpChatReply *
bp_chat_reply_ref (BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * bp_chat_reply_unref:
 * @self: (transfer full): a #BpChatReply
 */
void
bp_chat_reply_unref (BpChatReply *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_string_free (self->text, TRUE);
  if (self->reasoning_text != NULL)
    g_string_free (self->reasoning_text, TRUE);
  g_free (self->reasoning_signature);
  g_clear_pointer (&self->redacted_reasoning, g_bytes_unref);
  g_ptr_array_unref (self->tool_uses);
  g_free (self->stop_reason_string);
  g_free (self->model_id);
  g_free (self);
}

/**
 * bp_chat_reply_get_text:
 * @self: a #BpChatReply
 *
 * Returns: the reply text so far, never %NULL
 */
const char *
bp_chat_reply_get_text (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text->str;
}

/**
 * bp_chat_reply_append_text:
 * @self: a #BpChatReply
 * @text: (nullable): more text
 */
void
bp_chat_reply_append_text (BpChatReply *self,
                           const char  *text)
{
  g_return_if_fail (self != NULL);

  if (text != NULL)
    g_string_append (self->text, text);
}

/**
 * bp_chat_reply_get_reasoning_text:
 * @self: a #BpChatReply
 *
 * Returns: (nullable): the reasoning text so far, %NULL when the model
 *   gave none
 */
const char *
bp_chat_reply_get_reasoning_text (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->reasoning_text != NULL ? self->reasoning_text->str : NULL;
}

/**
 * bp_chat_reply_append_reasoning_text:
 * @self: a #BpChatReply
 * @text: (nullable): more reasoning text
 */
void
bp_chat_reply_append_reasoning_text (BpChatReply *self,
                                     const char  *text)
{
  g_return_if_fail (self != NULL);

  if (text == NULL)
    return;

  if (self->reasoning_text == NULL)
    self->reasoning_text = g_string_new (NULL);
  g_string_append (self->reasoning_text, text);
}

/**
 * bp_chat_reply_get_reasoning_signature:
 * @self: a #BpChatReply
 *
 * Returns: (nullable): the reasoning signature, to send back unchanged
 */
const char *
bp_chat_reply_get_reasoning_signature (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->reasoning_signature;
}

/**
 * bp_chat_reply_set_reasoning_signature:
 * @self: a #BpChatReply
 * @signature: (nullable): the signature
 */
void
bp_chat_reply_set_reasoning_signature (BpChatReply *self,
                                       const char  *signature)
{
  g_return_if_fail (self != NULL);

  g_free (self->reasoning_signature);
  self->reasoning_signature = g_strdup (signature);
}

/**
 * bp_chat_reply_get_redacted_reasoning:
 * @self: a #BpChatReply
 *
 * Returns: (transfer none) (nullable): the encrypted reasoning, all blocks
 *   concatenated
 */
GBytes *
bp_chat_reply_get_redacted_reasoning (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->redacted_reasoning;
}

/**
 * bp_chat_reply_append_redacted_reasoning:
 * @self: a #BpChatReply
 * @data: more encrypted reasoning
 */
void
bp_chat_reply_append_redacted_reasoning (BpChatReply *self,
                                         GBytes      *data)
{
  GByteArray *joined;
  gsize size;
  const guint8 *bytes;

  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL);

  if (self->redacted_reasoning == NULL)
    {
      self->redacted_reasoning = g_bytes_ref (data);
      return;
    }

  joined = g_bytes_unref_to_array (g_steal_pointer (&self->redacted_reasoning));
  bytes = g_bytes_get_data (data, &size);
  g_byte_array_append (joined, bytes, (guint) size);
  self->redacted_reasoning = g_byte_array_free_to_bytes (joined);
}

/**
 * bp_chat_reply_get_n_tool_uses:
 * @self: a #BpChatReply
 *
 * Returns: how many tool calls the model made
 */
guint
bp_chat_reply_get_n_tool_uses (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->tool_uses->len;
}

/**
 * bp_chat_reply_get_tool_use:
 * @self: a #BpChatReply
 * @index: a tool call index
 * @tool_use_id: (out) (optional) (nullable): the call id
 * @name: (out) (optional) (nullable): the tool name
 * @input_json: (out) (optional): the input JSON text so far
 *
 * Returns: %TRUE if @index is valid
 */
gboolean
bp_chat_reply_get_tool_use (const BpChatReply  *self,
                            guint               index,
                            const char        **tool_use_id,
                            const char        **name,
                            const char        **input_json)
{
  const BpChatReplyToolUse *tool_use;

  g_return_val_if_fail (self != NULL, FALSE);

  if (index >= self->tool_uses->len)
    return FALSE;

  tool_use = g_ptr_array_index (self->tool_uses, index);
  if (tool_use_id != NULL)
    *tool_use_id = tool_use->id;
  if (name != NULL)
    *name = tool_use->name;
  if (input_json != NULL)
    *input_json = tool_use->input->str;

  return TRUE;
}

/**
 * bp_chat_reply_add_tool_use:
 * @self: a #BpChatReply
 * @block_index: the content block of the call
 * @tool_use_id: (nullable): the call id
 * @name: (nullable): the tool name
 * @input_json: (nullable): the input JSON text, or its start
 */
void
bp_chat_reply_add_tool_use (BpChatReply *self,
                            guint        block_index,
                            const char  *tool_use_id,
                            const char  *name,
                            const char  *input_json)
{
  BpChatReplyToolUse *tool_use;

  g_return_if_fail (self != NULL);

  tool_use = g_new0 (BpChatReplyToolUse, 1);
  tool_use->block_index = block_index;
  tool_use->id = g_strdup (tool_use_id);
  tool_use->name = g_strdup (name);
  tool_use->input = g_string_new (input_json);
  g_ptr_array_add (self->tool_uses, tool_use);
}

/**
 * bp_chat_reply_get_stop_reason:
 * @self: a #BpChatReply
 *
 * Returns: why the reply stopped; %BP_STOP_REASON_NONE while it has not
 */
BpStopReason
bp_chat_reply_get_stop_reason (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, BP_STOP_REASON_NONE);

  return self->stop_reason;
}

/**
 * bp_chat_reply_get_stop_reason_string:
 * @self: a #BpChatReply
 *
 * Returns: (nullable): the stop reason as the model spelled it (for
 *   InvokeModel families, their native value such as `stop` or `FINISH`)
 */
const char *
bp_chat_reply_get_stop_reason_string (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stop_reason_string;
}

/**
 * bp_chat_reply_set_stop_reason:
 * @self: a #BpChatReply
 * @reason: the mapped reason
 * @raw_reason: (nullable): the reason as the model spelled it
 */
void
bp_chat_reply_set_stop_reason (BpChatReply  *self,
                               BpStopReason  reason,
                               const char   *raw_reason)
{
  g_return_if_fail (self != NULL);

  self->stop_reason = reason;
  g_free (self->stop_reason_string);
  self->stop_reason_string = g_strdup (raw_reason);
}

/**
 * bp_chat_reply_get_usage:
 * @self: a #BpChatReply
 *
 * Returns: (transfer none): the token counts (-1 where unknown)
 */
const BpUsage *
bp_chat_reply_get_usage (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->usage;
}

/**
 * bp_chat_reply_merge_usage:
 * @self: a #BpChatReply
 * @usage: later counts, merged with bp_usage_merge()
 */
void
bp_chat_reply_merge_usage (BpChatReply   *self,
                           const BpUsage *usage)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (usage != NULL);

  bp_usage_merge (&self->usage, usage);
}

/**
 * bp_chat_reply_get_latency_ms:
 * @self: a #BpChatReply
 *
 * Returns: the latency the service reported, in milliseconds, or -1
 */
gint64
bp_chat_reply_get_latency_ms (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->latency_ms;
}

/**
 * bp_chat_reply_set_latency_ms:
 * @self: a #BpChatReply
 * @latency_ms: the latency, or -1
 */
void
bp_chat_reply_set_latency_ms (BpChatReply *self,
                              gint64       latency_ms)
{
  g_return_if_fail (self != NULL);

  self->latency_ms = latency_ms;
}

/**
 * bp_chat_reply_get_first_byte_latency_ms:
 * @self: a #BpChatReply
 *
 * Returns: the first-byte latency InvokeModel streams report, or -1
 */
gint64
bp_chat_reply_get_first_byte_latency_ms (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->first_byte_latency_ms;
}

/**
 * bp_chat_reply_set_first_byte_latency_ms:
 * @self: a #BpChatReply
 * @latency_ms: the latency, or -1
 */
void
bp_chat_reply_set_first_byte_latency_ms (BpChatReply *self,
                                         gint64       latency_ms)
{
  g_return_if_fail (self != NULL);

  self->first_byte_latency_ms = latency_ms;
}

/**
 * bp_chat_reply_get_time_to_first_token_ms:
 * @self: a #BpChatReply
 *
 * Returns: the time from the start (bp_chat_reply_set_start_time()) to the
 *   first text or reasoning delta, as the caller measured it, or -1
 */
gint64
bp_chat_reply_get_time_to_first_token_ms (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->ttft_ms;
}

/**
 * bp_chat_reply_set_time_to_first_token_ms:
 * @self: a #BpChatReply
 * @ttft_ms: the time to first token, or -1
 */
void
bp_chat_reply_set_time_to_first_token_ms (BpChatReply *self,
                                          gint64       ttft_ms)
{
  g_return_if_fail (self != NULL);

  self->ttft_ms = ttft_ms;
}

/**
 * bp_chat_reply_set_start_time:
 * @self: a #BpChatReply
 * @monotonic_us: when the request was sent, on the clock the caller later
 *   passes to bp_chat_reply_apply_event_at() (g_get_monotonic_time())
 */
void
bp_chat_reply_set_start_time (BpChatReply *self,
                              gint64       monotonic_us)
{
  g_return_if_fail (self != NULL);

  self->start_time_us = monotonic_us;
}

/**
 * bp_chat_reply_get_total_time_ms:
 * @self: a reply
 *
 * Returns: the time from sending the request to the end of the reply (or
 *   to the point it stopped), in milliseconds; -1 when not known
 */
gint64
bp_chat_reply_get_total_time_ms (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->total_ms;
}

/**
 * bp_chat_reply_set_total_time_ms:
 * @self: a reply
 * @total_ms: the total time, or -1
 */
void
bp_chat_reply_set_total_time_ms (BpChatReply *self,
                                 gint64       total_ms)
{
  g_return_if_fail (self != NULL);

  self->total_ms = total_ms;
}

/**
 * bp_chat_reply_get_model_id:
 * @self: a #BpChatReply
 *
 * Returns: (nullable): the model that answered
 */
const char *
bp_chat_reply_get_model_id (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->model_id;
}

/**
 * bp_chat_reply_set_model_id:
 * @self: a #BpChatReply
 * @model_id: (nullable): the model that answered
 */
void
bp_chat_reply_set_model_id (BpChatReply *self,
                            const char  *model_id)
{
  g_return_if_fail (self != NULL);

  g_free (self->model_id);
  self->model_id = g_strdup (model_id);
}

/**
 * bp_chat_reply_is_complete:
 * @self: a #BpChatReply
 *
 * Returns: %TRUE once the reply stopped normally (a whole response was
 *   parsed, or a message-stop event applied); a cancelled or broken stream
 *   leaves it incomplete
 */
gboolean
bp_chat_reply_is_complete (const BpChatReply *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->complete;
}

/**
 * bp_chat_reply_set_complete:
 * @self: a #BpChatReply
 * @complete: whether the reply is complete
 */
void
bp_chat_reply_set_complete (BpChatReply *self,
                            gboolean     complete)
{
  g_return_if_fail (self != NULL);

  self->complete = !!complete;
}
