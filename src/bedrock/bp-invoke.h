/* bp-invoke.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-chat-reply.h"
#include "bp-chat-request.h"
#include "bp-model-family.h"
#include "bp-stream-event.h"
#include "bp-types.h"

G_BEGIN_DECLS

/* The largest decoded `chunk.bytes` of InvokeModelWithResponseStream
 * (service model, PartBody blob max). */
#define BP_INVOKE_MAX_CHUNK_SIZE 1000000

BpChatFeatures  bp_invoke_get_features           (BpModelFamily   family);
GBytes         *bp_invoke_build_body             (BpModelFamily   family,
                                                  BpChatRequest  *request,
                                                  GError        **error);
BpChatReply    *bp_invoke_parse_response         (BpModelFamily   family,
                                                  GBytes         *body,
                                                  const char     *model_id,
                                                  GError        **error);
void            bp_invoke_apply_response_headers (BpChatReply    *reply,
                                                  const char     *input_token_count,
                                                  const char     *output_token_count,
                                                  const char     *invocation_latency);
GBytes         *bp_invoke_decode_chunk_payload   (GBytes         *chunk_event_payload,
                                                  GError        **error);

BpInvokeStreamParser *bp_invoke_stream_parser_new        (BpModelFamily          family);
void                  bp_invoke_stream_parser_free       (BpInvokeStreamParser  *self);
BpModelFamily         bp_invoke_stream_parser_get_family (BpInvokeStreamParser  *self);
GPtrArray            *bp_invoke_stream_parser_feed       (BpInvokeStreamParser  *self,
                                                          GBytes                *chunk,
                                                          GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpInvokeStreamParser, bp_invoke_stream_parser_free)

G_END_DECLS
