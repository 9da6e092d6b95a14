/* bp-stream-event.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-stream-event"

#include "config.h"

#include "bp-stream-event.h"

/* One typed event of a streaming reply, whatever the API that produced it
 * (ConverseStream or an InvokeModel family's chunks). A small reference
 * counted struct: parsers fill it, the client hands it to the page, and
 * bp_chat_reply_apply_event() folds it into a reply. Which fields mean
 * something depends on the type; the others keep their defaults (%NULL, -1,
 * %BP_STOP_REASON_NONE, unknown usage). */

struct _BpStreamEvent
{
  gatomicrefcount    ref_count;
  BpStreamEventType  type;
  guint              block_index;
  char              *text;                /* (owned) (nullable) */
  GBytes            *data;                /* (owned) (nullable) */
  char              *tool_use_id;         /* (owned) (nullable) */
  char              *tool_name;           /* (owned) (nullable) */
  BpStopReason       stop_reason;
  char              *stop_reason_string;  /* (owned) (nullable) */
  BpUsage            usage;
  gint64             latency_ms;
  gint64             first_byte_latency_ms;
};

G_DEFINE_BOXED_TYPE (BpStreamEvent, bp_stream_event,
                     bp_stream_event_ref, bp_stream_event_unref)

/**
 * bp_stream_event_new:
 * @type: the kind of event
 * @block_index: the content block it belongs to (0 when there is none)
 *
 * Returns: (transfer full): a new event with every other field unset
 */
BpStreamEvent *
bp_stream_event_new (BpStreamEventType type,
                     guint             block_index)
{
  BpStreamEvent *self;

  g_return_val_if_fail (type <= BP_STREAM_EVENT_METADATA, NULL);

  self = g_new0 (BpStreamEvent, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->type = type;
  self->block_index = block_index;
  self->stop_reason = BP_STOP_REASON_NONE;
  bp_usage_init (&self->usage);
  self->latency_ms = -1;
  self->first_byte_latency_ms = -1;

  return self;
}

/**
 * bp_stream_event_ref:
 * @self: a #BpStreamEvent
 *
 * Returns: (transfer full): @self
 */
BpStreamEvent *
bp_stream_event_ref (BpStreamEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * bp_stream_event_unref:
 * @self: (transfer full): a #BpStreamEvent
 */
void
bp_stream_event_unref (BpStreamEvent *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->text);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self->tool_use_id);
  g_free (self->tool_name);
  g_free (self->stop_reason_string);
  g_free (self);
}

/**
 * bp_stream_event_get_event_type:
 * @self: a #BpStreamEvent
 *
 * Returns: the kind of event
 */
BpStreamEventType
bp_stream_event_get_event_type (const BpStreamEvent *self)
{
  g_return_val_if_fail (self != NULL, BP_STREAM_EVENT_METADATA);

  return self->type;
}

/**
 * bp_stream_event_get_block_index:
 * @self: a #BpStreamEvent
 *
 * Returns: the content block index
 */
guint
bp_stream_event_get_block_index (const BpStreamEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->block_index;
}

/**
 * bp_stream_event_get_text:
 * @self: a #BpStreamEvent
 *
 * Returns: (nullable): the text of a text, reasoning or tool-input delta,
 *   or the signature of %BP_STREAM_EVENT_REASONING_SIGNATURE
 */
const char *
bp_stream_event_get_text (const BpStreamEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

/**
 * bp_stream_event_set_text:
 * @self: a #BpStreamEvent
 * @text: (nullable): the text
 */
void
bp_stream_event_set_text (BpStreamEvent *self,
                          const char    *text)
{
  g_return_if_fail (self != NULL);

  g_free (self->text);
  self->text = g_strdup (text);
}

/**
 * bp_stream_event_get_data:
 * @self: a #BpStreamEvent
 *
 * Returns: (transfer none) (nullable): the decoded bytes of
 *   %BP_STREAM_EVENT_REDACTED_REASONING
 */
GBytes *
bp_stream_event_get_data (const BpStreamEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->data;
}

/**
 * bp_stream_event_set_data:
 * @self: a #BpStreamEvent
 * @data: (nullable): the bytes
 */
void
bp_stream_event_set_data (BpStreamEvent *self,
                          GBytes        *data)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->data, g_bytes_unref);
  if (data != NULL)
    self->data = g_bytes_ref (data);
}

/**
 * bp_stream_event_get_tool_use_id:
 * @self: a #BpStreamEvent
 *
 * Returns: (nullable): the tool call id of %BP_STREAM_EVENT_TOOL_USE_START
 */
const char *
bp_stream_event_get_tool_use_id (const BpStreamEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->tool_use_id;
}

/**
 * bp_stream_event_get_tool_name:
 * @self: a #BpStreamEvent
 *
 * Returns: (nullable): the tool name of %BP_STREAM_EVENT_TOOL_USE_START
 */
const char *
bp_stream_event_get_tool_name (const BpStreamEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->tool_name;
}

/**
 * bp_stream_event_set_tool_use:
 * @self: a #BpStreamEvent
 * @tool_use_id: (nullable): the tool call id
 * @tool_name: (nullable): the tool name
 */
void
bp_stream_event_set_tool_use (BpStreamEvent *self,
                              const char    *tool_use_id,
                              const char    *tool_name)
{
  g_return_if_fail (self != NULL);

  g_free (self->tool_use_id);
  g_free (self->tool_name);
  self->tool_use_id = g_strdup (tool_use_id);
  self->tool_name = g_strdup (tool_name);
}

/**
 * bp_stream_event_get_stop_reason:
 * @self: a #BpStreamEvent
 *
 * Returns: the stop reason of %BP_STREAM_EVENT_MESSAGE_STOP
 */
BpStopReason
bp_stream_event_get_stop_reason (const BpStreamEvent *self)
{
  g_return_val_if_fail (self != NULL, BP_STOP_REASON_NONE);

  return self->stop_reason;
}

/**
 * bp_stream_event_get_stop_reason_string:
 * @self: a #BpStreamEvent
 *
 * Returns: (nullable): the stop reason as the model spelled it
 */
const char *
bp_stream_event_get_stop_reason_string (const BpStreamEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stop_reason_string;
}

/**
 * bp_stream_event_set_stop_reason:
 * @self: a #BpStreamEvent
 * @reason: the mapped reason
 * @raw_reason: (nullable): the reason as the model spelled it
 */
void
bp_stream_event_set_stop_reason (BpStreamEvent *self,
                                 BpStopReason   reason,
                                 const char    *raw_reason)
{
  g_return_if_fail (self != NULL);

  self->stop_reason = reason;
  g_free (self->stop_reason_string);
  self->stop_reason_string = g_strdup (raw_reason);
}

/**
 * bp_stream_event_get_usage:
 * @self: a #BpStreamEvent
 *
 * Returns: (transfer none): the token counts (-1 where unknown)
 */
const BpUsage *
bp_stream_event_get_usage (const BpStreamEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->usage;
}

/**
 * bp_stream_event_set_usage:
 * @self: a #BpStreamEvent
 * @usage: the token counts
 */
void
bp_stream_event_set_usage (BpStreamEvent *self,
                           const BpUsage *usage)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (usage != NULL);

  self->usage = *usage;
}

/**
 * bp_stream_event_get_latency_ms:
 * @self: a #BpStreamEvent
 *
 * Returns: the service-side latency of %BP_STREAM_EVENT_METADATA in
 *   milliseconds, or -1
 */
gint64
bp_stream_event_get_latency_ms (const BpStreamEvent *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->latency_ms;
}

/**
 * bp_stream_event_get_first_byte_latency_ms:
 * @self: a #BpStreamEvent
 *
 * Returns: the service's first-byte latency (InvokeModel streams only) in
 *   milliseconds, or -1
 */
gint64
bp_stream_event_get_first_byte_latency_ms (const BpStreamEvent *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->first_byte_latency_ms;
}

/**
 * bp_stream_event_set_latency:
 * @self: a #BpStreamEvent
 * @latency_ms: the latency, or -1
 * @first_byte_latency_ms: the first-byte latency, or -1
 */
void
bp_stream_event_set_latency (BpStreamEvent *self,
                             gint64         latency_ms,
                             gint64         first_byte_latency_ms)
{
  g_return_if_fail (self != NULL);

  self->latency_ms = latency_ms;
  self->first_byte_latency_ms = first_byte_latency_ms;
}
