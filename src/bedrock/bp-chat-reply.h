/* bp-chat-reply.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_CHAT_REPLY (bp_chat_reply_get_type ())

/**
 * BpStopReason:
 * @BP_STOP_REASON_NONE: the reply has not stopped (yet)
 * @BP_STOP_REASON_END_TURN: the model finished its turn
 * @BP_STOP_REASON_TOOL_USE: the model asks for a tool
 * @BP_STOP_REASON_MAX_TOKENS: the max-tokens limit cut the reply
 * @BP_STOP_REASON_STOP_SEQUENCE: a stop sequence matched
 * @BP_STOP_REASON_GUARDRAIL_INTERVENED: a guardrail stopped the reply
 * @BP_STOP_REASON_CONTENT_FILTERED: a content filter stopped the reply
 * @BP_STOP_REASON_MALFORMED_MODEL_OUTPUT: the model's output was malformed
 * @BP_STOP_REASON_MALFORMED_TOOL_USE: the model's tool call was malformed
 * @BP_STOP_REASON_MODEL_CONTEXT_WINDOW_EXCEEDED: the context window is full
 * @BP_STOP_REASON_OTHER: a reason this version does not know; the raw string
 *   is kept beside it
 *
 * Why a reply stopped: the Converse `stopReason` values, to which the native
 * reasons of the InvokeModel families are mapped.
 */
typedef enum
{
  BP_STOP_REASON_NONE,
  BP_STOP_REASON_END_TURN,
  BP_STOP_REASON_TOOL_USE,
  BP_STOP_REASON_MAX_TOKENS,
  BP_STOP_REASON_STOP_SEQUENCE,
  BP_STOP_REASON_GUARDRAIL_INTERVENED,
  BP_STOP_REASON_CONTENT_FILTERED,
  BP_STOP_REASON_MALFORMED_MODEL_OUTPUT,
  BP_STOP_REASON_MALFORMED_TOOL_USE,
  BP_STOP_REASON_MODEL_CONTEXT_WINDOW_EXCEEDED,
  BP_STOP_REASON_OTHER,
} BpStopReason;

/**
 * BpUsage:
 * @input_tokens: tokens read, or -1 when unknown
 * @output_tokens: tokens written, or -1 when unknown
 * @total_tokens: the service's total, or -1 when unknown
 * @cache_read_input_tokens: input tokens read from the prompt cache, or -1
 * @cache_write_input_tokens: input tokens written to the prompt cache, or -1
 *
 * Token counts of one reply. Every count is -1 until something reports it;
 * initialise with bp_usage_init().
 */
typedef struct
{
  gint64 input_tokens;
  gint64 output_tokens;
  gint64 total_tokens;
  gint64 cache_read_input_tokens;
  gint64 cache_write_input_tokens;
} BpUsage;

void     bp_usage_init     (BpUsage       *usage);
void     bp_usage_merge    (BpUsage       *usage,
                            const BpUsage *newer);
gboolean bp_usage_is_empty (const BpUsage *usage);

BpStopReason  bp_stop_reason_from_string (const char   *converse_reason);
const char   *bp_stop_reason_to_string   (BpStopReason  reason);

GType        bp_chat_reply_get_type (void) G_GNUC_CONST;
BpChatReply *bp_chat_reply_new      (void);
BpChatReply *bp_chat_reply_ref      (BpChatReply *self);
void         bp_chat_reply_unref    (BpChatReply *self);

const char *bp_chat_reply_get_text                  (const BpChatReply *self);
void        bp_chat_reply_append_text               (BpChatReply       *self,
                                                     const char        *text);
const char *bp_chat_reply_get_reasoning_text        (const BpChatReply *self);
void        bp_chat_reply_append_reasoning_text     (BpChatReply       *self,
                                                     const char        *text);
const char *bp_chat_reply_get_reasoning_signature   (const BpChatReply *self);
void        bp_chat_reply_set_reasoning_signature   (BpChatReply       *self,
                                                     const char        *signature);
GBytes     *bp_chat_reply_get_redacted_reasoning    (const BpChatReply *self);
void        bp_chat_reply_append_redacted_reasoning (BpChatReply       *self,
                                                     GBytes            *data);

guint    bp_chat_reply_get_n_tool_uses (const BpChatReply  *self);
gboolean bp_chat_reply_get_tool_use    (const BpChatReply  *self,
                                        guint               index,
                                        const char        **tool_use_id,
                                        const char        **name,
                                        const char        **input_json);
void     bp_chat_reply_add_tool_use    (BpChatReply        *self,
                                        guint               block_index,
                                        const char         *tool_use_id,
                                        const char         *name,
                                        const char         *input_json);

BpStopReason   bp_chat_reply_get_stop_reason            (const BpChatReply *self);
const char    *bp_chat_reply_get_stop_reason_string     (const BpChatReply *self);
void           bp_chat_reply_set_stop_reason            (BpChatReply       *self,
                                                         BpStopReason       reason,
                                                         const char        *raw_reason);
const BpUsage *bp_chat_reply_get_usage                  (const BpChatReply *self);
void           bp_chat_reply_merge_usage                (BpChatReply       *self,
                                                         const BpUsage     *usage);
gint64         bp_chat_reply_get_latency_ms             (const BpChatReply *self);
void           bp_chat_reply_set_latency_ms             (BpChatReply       *self,
                                                         gint64             latency_ms);
gint64         bp_chat_reply_get_first_byte_latency_ms  (const BpChatReply *self);
void           bp_chat_reply_set_first_byte_latency_ms  (BpChatReply       *self,
                                                         gint64             latency_ms);
gint64         bp_chat_reply_get_time_to_first_token_ms (const BpChatReply *self);
void           bp_chat_reply_set_time_to_first_token_ms (BpChatReply       *self,
                                                         gint64             ttft_ms);
void           bp_chat_reply_set_start_time             (BpChatReply       *self,
                                                         gint64             monotonic_us);
gint64         bp_chat_reply_get_total_time_ms          (const BpChatReply *self);
void           bp_chat_reply_set_total_time_ms          (BpChatReply       *self,
                                                         gint64             total_ms);
const char    *bp_chat_reply_get_model_id               (const BpChatReply *self);
void           bp_chat_reply_set_model_id               (BpChatReply       *self,
                                                         const char        *model_id);
gboolean       bp_chat_reply_is_complete                (const BpChatReply *self);
void           bp_chat_reply_set_complete               (BpChatReply       *self,
                                                         gboolean           complete);

void           bp_chat_reply_apply_event    (BpChatReply       *self,
                                             BpStreamEvent     *event);
void           bp_chat_reply_apply_event_at (BpChatReply       *self,
                                             BpStreamEvent     *event,
                                             gint64             monotonic_us);
BpChatMessage *bp_chat_reply_to_message     (const BpChatReply *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpChatReply, bp_chat_reply_unref)

G_END_DECLS
