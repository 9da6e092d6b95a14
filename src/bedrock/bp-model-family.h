/* bp-model-family.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-types.h"

G_BEGIN_DECLS

/**
 * BpModelFamily:
 * @BP_MODEL_FAMILY_UNKNOWN: no native body is known: use Converse
 * @BP_MODEL_FAMILY_ANTHROPIC_MESSAGES: Claude 3 and later, Messages API
 * @BP_MODEL_FAMILY_ANTHROPIC_TEXT: Claude v2 / Instant, Text Completions
 * @BP_MODEL_FAMILY_LLAMA: Meta Llama 3 and 4 (prompt with the chat template)
 * @BP_MODEL_FAMILY_TITAN_TEXT: Amazon Titan Text
 * @BP_MODEL_FAMILY_NOVA: Amazon Nova understanding models (messages-v1)
 * @BP_MODEL_FAMILY_MISTRAL_PROMPT: Mistral 7B, Mixtral, Large/Small 24.02
 *   (`<s>[INST] … [/INST]` prompt)
 * @BP_MODEL_FAMILY_MISTRAL_CHAT: Mistral Large 2 (24.07), Pixtral Large
 *   (chat messages)
 * @BP_MODEL_FAMILY_COHERE_COMMAND_R: Cohere Command R and R+
 *
 * The InvokeModel request/response format a text model speaks.
 */
typedef enum
{
  BP_MODEL_FAMILY_UNKNOWN,
  BP_MODEL_FAMILY_ANTHROPIC_MESSAGES,
  BP_MODEL_FAMILY_ANTHROPIC_TEXT,
  BP_MODEL_FAMILY_LLAMA,
  BP_MODEL_FAMILY_TITAN_TEXT,
  BP_MODEL_FAMILY_NOVA,
  BP_MODEL_FAMILY_MISTRAL_PROMPT,
  BP_MODEL_FAMILY_MISTRAL_CHAT,
  BP_MODEL_FAMILY_COHERE_COMMAND_R,
} BpModelFamily;

/**
 * BpChatFeatures:
 * @BP_CHAT_FEATURE_NONE: nothing beyond text, max tokens, temperature, top-P
 * @BP_CHAT_FEATURE_TOP_K: the body can carry top-K
 * @BP_CHAT_FEATURE_STOP_SEQUENCES: the body can carry stop sequences
 * @BP_CHAT_FEATURE_REASONING_BUDGET: the body can carry an extended-thinking
 *   budget
 * @BP_CHAT_FEATURE_IMAGES: the body can carry images (the model itself may
 *   still refuse them)
 * @BP_CHAT_FEATURE_SYSTEM_PROMPT: the system prompt has a native place (it is
 *   otherwise folded into the prompt text)
 *
 * What a request body can express for a model, so the UI can hide
 * controls that would only produce a validation error.
 */
typedef enum
{
  BP_CHAT_FEATURE_NONE             = 0,
  BP_CHAT_FEATURE_TOP_K            = 1 << 0,
  BP_CHAT_FEATURE_STOP_SEQUENCES   = 1 << 1,
  BP_CHAT_FEATURE_REASONING_BUDGET = 1 << 2,
  BP_CHAT_FEATURE_IMAGES           = 1 << 3,
  BP_CHAT_FEATURE_SYSTEM_PROMPT    = 1 << 4,
} BpChatFeatures;

BpModelFamily  bp_model_family_from_model_id (const char    *model_id);
const char    *bp_model_family_to_string     (BpModelFamily  family);

G_END_DECLS
