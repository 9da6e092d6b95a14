/* bp-chat-reply-apply.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-reply"

#include "config.h"

#include "bp-chat-reply-private.h"
#include "bp-chat-request.h"
#include "bp-stream-event.h"

/* Building a reply from stream events, and turning it into the next
 * request's assistant turn. */

static void
append_tool_input (BpChatReply *self,
                   guint        block_index,
                   const char  *fragment)
{
  g_assert (self != NULL);

  if (fragment == NULL)
    return;

  for (guint i = self->tool_uses->len; i > 0; i--)
    {
      BpChatReplyToolUse *tool_use = g_ptr_array_index (self->tool_uses, i - 1);

      if (tool_use->block_index == block_index)
        {
          g_string_append (tool_use->input, fragment);
          return;
        }
    }

  /* A delta without its start: keep the input anyway. */
  bp_chat_reply_add_tool_use (self, block_index, NULL, NULL, fragment);
}

/**
 * bp_chat_reply_apply_event_at:
 * @self: a #BpChatReply
 * @event: the next stream event
 * @monotonic_us: when @event arrived, or -1 if the caller does not time
 *
 * Folds @event into the reply, and records the time to first token at the
 * first text or reasoning delta when both this time and the start time are
 * known.
 */
void
bp_chat_reply_apply_event_at (BpChatReply   *self,
                              BpStreamEvent *event,
                              gint64         monotonic_us)
{
  BpStreamEventType type;

  g_return_if_fail (self != NULL);
  g_return_if_fail (event != NULL);

  type = bp_stream_event_get_event_type (event);
  if ((type == BP_STREAM_EVENT_TEXT_DELTA || type == BP_STREAM_EVENT_REASONING_DELTA) &&
      self->ttft_ms < 0 && self->start_time_us >= 0 && monotonic_us >= self->start_time_us)
    self->ttft_ms = (monotonic_us - self->start_time_us) / 1000;

  bp_chat_reply_apply_event (self, event);
}

static void
apply_metadata (BpChatReply   *self,
                BpStreamEvent *event)
{
  g_assert (self != NULL);

  if (bp_stream_event_get_latency_ms (event) >= 0)
    self->latency_ms = bp_stream_event_get_latency_ms (event);
  if (bp_stream_event_get_first_byte_latency_ms (event) >= 0)
    self->first_byte_latency_ms = bp_stream_event_get_first_byte_latency_ms (event);
}

/**
 * bp_chat_reply_apply_event:
 * @self: a #BpChatReply
 * @event: the next stream event
 *
 * Folds @event into the reply: deltas append, a signature replaces, a
 * message stop sets the stop reason and completes the reply, usage merges
 * (bp_usage_merge()) from any event that carries some.
 */
void
bp_chat_reply_apply_event (BpChatReply   *self,
                           BpStreamEvent *event)
{
  const char *text;
  GBytes *data;

  g_return_if_fail (self != NULL);
  g_return_if_fail (event != NULL);

  text = bp_stream_event_get_text (event);
  switch (bp_stream_event_get_event_type (event))
    {
    case BP_STREAM_EVENT_TEXT_DELTA:
      bp_chat_reply_append_text (self, text);
      break;

    case BP_STREAM_EVENT_REASONING_DELTA:
      bp_chat_reply_append_reasoning_text (self, text);
      break;

    case BP_STREAM_EVENT_REASONING_SIGNATURE:
      bp_chat_reply_set_reasoning_signature (self, text);
      break;

    case BP_STREAM_EVENT_REDACTED_REASONING:
      data = bp_stream_event_get_data (event);
      if (data != NULL)
        bp_chat_reply_append_redacted_reasoning (self, data);
      break;

    case BP_STREAM_EVENT_TOOL_USE_START:
      bp_chat_reply_add_tool_use (self, bp_stream_event_get_block_index (event),
                                  bp_stream_event_get_tool_use_id (event),
                                  bp_stream_event_get_tool_name (event), NULL);
      break;

    case BP_STREAM_EVENT_TOOL_USE_DELTA:
      append_tool_input (self, bp_stream_event_get_block_index (event), text);
      break;

    case BP_STREAM_EVENT_MESSAGE_STOP:
      bp_chat_reply_set_stop_reason (self, bp_stream_event_get_stop_reason (event),
                                     bp_stream_event_get_stop_reason_string (event));
      self->complete = TRUE;
      break;

    case BP_STREAM_EVENT_METADATA:
      apply_metadata (self, event);
      break;

    case BP_STREAM_EVENT_MESSAGE_START:
    case BP_STREAM_EVENT_BLOCK_STOP:
    default:
      break;
    }

  if (!bp_usage_is_empty (bp_stream_event_get_usage (event)))
    bp_usage_merge (&self->usage, bp_stream_event_get_usage (event));
}

/**
 * bp_chat_reply_to_message:
 * @self: a #BpChatReply
 *
 * Makes the assistant turn to append to the conversation for the next
 * request: the text, and the reasoning (text, signature, redacted data) so
 * builders can send it back unchanged.
 *
 * Returns: (transfer full): a new assistant message
 */
BpChatMessage *
bp_chat_reply_to_message (const BpChatReply *self)
{
  BpChatMessage *message;

  g_return_val_if_fail (self != NULL, NULL);

  message = bp_chat_message_new (BP_CHAT_ROLE_ASSISTANT, self->text->str);
  if (self->reasoning_text != NULL || self->reasoning_signature != NULL)
    bp_chat_message_set_reasoning (message, bp_chat_reply_get_reasoning_text (self),
                                   self->reasoning_signature);
  if (self->redacted_reasoning != NULL)
    bp_chat_message_set_redacted_reasoning (message, self->redacted_reasoning);

  return message;
}
