/* bp-chat-memory.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-chat-request.h"
#include "bp-types.h"

G_BEGIN_DECLS

#define BP_CHAT_MEMORY_ERROR (bp_chat_memory_error_quark ())

/**
 * BpChatMemoryError:
 * @BP_CHAT_MEMORY_ERROR_TOO_LONG: even the last user message (with the
 *   system prompt and the room kept for the reply) does not fit the model's
 *   context window. Shorten the message or the system prompt, or lower
 *   max tokens.
 *
 * Error codes of %BP_CHAT_MEMORY_ERROR. Append new codes; never renumber.
 */
typedef enum
{
  BP_CHAT_MEMORY_ERROR_TOO_LONG,
} BpChatMemoryError;

/* What an image costs in the estimate: Claude charges about
 * width × height / 750 tokens and scales images down to about 1.15
 * megapixels, so a full-size image is about 1,600 tokens. */
#define BP_CHAT_MEMORY_TOKENS_PER_IMAGE   1600
/* What a message costs beyond its content (role markers, block framing). */
#define BP_CHAT_MEMORY_TOKENS_PER_MESSAGE 4

GQuark         bp_chat_memory_error_quark        (void);

guint64        bp_chat_memory_estimate_tokens    (const char          *text);
guint64        bp_chat_memory_estimate_message   (const BpChatMessage *message);
guint64        bp_chat_memory_estimate_request   (const BpChatRequest *request,
                                                  const gint64        *known_tokens);
gboolean       bp_chat_memory_fit                (const BpChatRequest *request,
                                                  guint64              context_window,
                                                  guint64              max_tokens,
                                                  const gint64        *known_tokens,
                                                  gint64               counted_tokens,
                                                  guint               *out_first_kept,
                                                  GError             **error);
BpChatRequest *bp_chat_memory_trim_request       (const BpChatRequest *request,
                                                  guint                first_kept);

G_END_DECLS
