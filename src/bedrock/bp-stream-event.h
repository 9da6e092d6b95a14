/* bp-stream-event.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bp-chat-reply.h"
#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_STREAM_EVENT (bp_stream_event_get_type ())

/**
 * BpStreamEventType:
 * @BP_STREAM_EVENT_MESSAGE_START: the reply starts; may carry the input
 *   token count (Anthropic `message_start`)
 * @BP_STREAM_EVENT_TEXT_DELTA: more reply text (`text`)
 * @BP_STREAM_EVENT_REASONING_DELTA: more reasoning text (`text`)
 * @BP_STREAM_EVENT_REASONING_SIGNATURE: the reasoning block's signature
 *   (`text`), to send back unchanged
 * @BP_STREAM_EVENT_REDACTED_REASONING: encrypted reasoning (`data`)
 * @BP_STREAM_EVENT_TOOL_USE_START: a tool call starts (`tool_use_id`,
 *   `tool_name`)
 * @BP_STREAM_EVENT_TOOL_USE_DELTA: more of the tool input JSON (`text`)
 * @BP_STREAM_EVENT_BLOCK_STOP: the content block `block_index` is complete
 * @BP_STREAM_EVENT_MESSAGE_STOP: the reply stopped (`stop_reason`)
 * @BP_STREAM_EVENT_METADATA: usage and latency, usually last
 *
 * The kinds of typed events the Converse and InvokeModel stream parsers
 * produce. Events carry a content block index (0 when the family has none).
 */
typedef enum
{
  BP_STREAM_EVENT_MESSAGE_START,
  BP_STREAM_EVENT_TEXT_DELTA,
  BP_STREAM_EVENT_REASONING_DELTA,
  BP_STREAM_EVENT_REASONING_SIGNATURE,
  BP_STREAM_EVENT_REDACTED_REASONING,
  BP_STREAM_EVENT_TOOL_USE_START,
  BP_STREAM_EVENT_TOOL_USE_DELTA,
  BP_STREAM_EVENT_BLOCK_STOP,
  BP_STREAM_EVENT_MESSAGE_STOP,
  BP_STREAM_EVENT_METADATA,
} BpStreamEventType;

GType          bp_stream_event_get_type (void) G_GNUC_CONST;
BpStreamEvent *bp_stream_event_new      (BpStreamEventType  type,
                                         guint              block_index);
BpStreamEvent *bp_stream_event_ref      (BpStreamEvent     *self);
void           bp_stream_event_unref    (BpStreamEvent     *self);

BpStreamEventType  bp_stream_event_get_event_type            (const BpStreamEvent *self);
guint              bp_stream_event_get_block_index           (const BpStreamEvent *self);
const char        *bp_stream_event_get_text                  (const BpStreamEvent *self);
void               bp_stream_event_set_text                  (BpStreamEvent       *self,
                                                              const char          *text);
GBytes            *bp_stream_event_get_data                  (const BpStreamEvent *self);
void               bp_stream_event_set_data                  (BpStreamEvent       *self,
                                                              GBytes              *data);
const char        *bp_stream_event_get_tool_use_id           (const BpStreamEvent *self);
const char        *bp_stream_event_get_tool_name             (const BpStreamEvent *self);
void               bp_stream_event_set_tool_use              (BpStreamEvent       *self,
                                                              const char          *tool_use_id,
                                                              const char          *tool_name);
BpStopReason       bp_stream_event_get_stop_reason           (const BpStreamEvent *self);
const char        *bp_stream_event_get_stop_reason_string    (const BpStreamEvent *self);
void               bp_stream_event_set_stop_reason           (BpStreamEvent       *self,
                                                              BpStopReason         reason,
                                                              const char          *raw_reason);
const BpUsage     *bp_stream_event_get_usage                 (const BpStreamEvent *self);
void               bp_stream_event_set_usage                 (BpStreamEvent       *self,
                                                              const BpUsage       *usage);
gint64             bp_stream_event_get_latency_ms            (const BpStreamEvent *self);
gint64             bp_stream_event_get_first_byte_latency_ms (const BpStreamEvent *self);
void               bp_stream_event_set_latency               (BpStreamEvent       *self,
                                                              gint64               latency_ms,
                                                              gint64               first_byte_latency_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpStreamEvent, bp_stream_event_unref)

G_END_DECLS
