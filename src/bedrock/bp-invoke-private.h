/* bp-invoke-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bp-invoke.h"

G_BEGIN_DECLS

/* One InvokeModel family: what its body can carry, and its three parsers.
 * Each lives in bp-invoke-FAMILY.c; bp-invoke.c dispatches. */
typedef struct
{
  BpChatFeatures features;

  /* Adds the members of the native body to the open object of @builder.
   * The request is already validated and checked against @features. */
  gboolean (*build) (JsonBuilder          *builder,
                     const BpChatRequest  *request,
                     GError              **error);

  /* Fills @reply from a whole native response. */
  gboolean (*parse) (JsonObject           *root,
                     BpChatReply          *reply,
                     GError              **error);

  /* Appends the events of one decoded stream chunk to @events. The
   * invocation metrics of the last chunk are handled by the caller. */
  gboolean (*feed)  (BpInvokeStreamParser *parser,
                     JsonObject           *chunk,
                     GPtrArray            *events,
                     GError              **error);
} BpInvokeFamilyImpl;

struct _BpInvokeStreamParser
{
  BpModelFamily             family;
  const BpInvokeFamilyImpl *impl;
  gboolean                  started;      /* MESSAGE_START emitted */
  BpUsage                   usage;        /* counts from the family's own members */
  char                     *stop_reason;  /* (owned) (nullable) pending, for Anthropic */
};

typedef struct
{
  const char   *raw;
  BpStopReason  reason;
} BpStopReasonMap;

extern const BpInvokeFamilyImpl _bp_invoke_anthropic_messages;
extern const BpInvokeFamilyImpl _bp_invoke_anthropic_text;
extern const BpInvokeFamilyImpl _bp_invoke_llama;
extern const BpInvokeFamilyImpl _bp_invoke_titan_text;
extern const BpInvokeFamilyImpl _bp_invoke_nova;
extern const BpInvokeFamilyImpl _bp_invoke_mistral_prompt;
extern const BpInvokeFamilyImpl _bp_invoke_mistral_chat;
extern const BpInvokeFamilyImpl _bp_invoke_cohere_command_r;

void         _bp_invoke_emit            (BpInvokeStreamParser  *parser,
                                         GPtrArray             *events,
                                         BpStreamEvent         *event);
void         _bp_invoke_emit_text       (BpInvokeStreamParser  *parser,
                                         GPtrArray             *events,
                                         BpStreamEventType      type,
                                         guint                  block_index,
                                         const char            *text);
void         _bp_invoke_emit_stop       (BpInvokeStreamParser  *parser,
                                         GPtrArray             *events,
                                         BpStopReason           reason,
                                         const char            *raw_reason);
BpStopReason _bp_invoke_map_stop_reason (const char            *raw,
                                         const BpStopReasonMap *map,
                                         gsize                  n_map);
void         _bp_invoke_read_count      (JsonObject            *object,
                                         const char            *member,
                                         gint64                *count);

G_END_DECLS
