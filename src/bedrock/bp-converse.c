/* bp-converse.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-converse"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-bedrock-error.h"
#include "bp-chat-json-private.h"
#include "bp-chat-request-private.h"
#include "bp-converse-private.h"

/* Converse request bodies and responses (wire format §2.3). The body is
 * compact JSON with members in a fixed order — messages, system,
 * inferenceConfig, additionalModelRequestFields — and only the parameters
 * the user set. The model id goes in the URL, not here. */

/* The largest redactedContent accepted in a whole response. */
#define MAX_REDACTED_SIZE (16 * 1024 * 1024)

/**
 * bp_converse_get_features:
 * @model_id: a model id, inference profile id or ARN
 *
 * What a Converse body for @model_id can carry. Stop sequences, images and
 * the system prompt always have a place (the model may still refuse them).
 * Top-K goes in `additionalModelRequestFields` for Claude (`top_k`) and Nova
 * (`inferenceConfig.topK`) only: other families have no documented name for
 * it, so the builder refuses a set top-K for them instead of dropping it.
 * The reasoning budget is Claude's extended thinking.
 *
 * Returns: the features
 */
BpChatFeatures
bp_converse_get_features (const char *model_id)
{
  BpChatFeatures features = BP_CHAT_FEATURE_STOP_SEQUENCES |
                            BP_CHAT_FEATURE_IMAGES |
                            BP_CHAT_FEATURE_SYSTEM_PROMPT;

  g_return_val_if_fail (model_id != NULL, BP_CHAT_FEATURE_NONE);

  switch (bp_model_family_from_model_id (model_id))
    {
    case BP_MODEL_FAMILY_ANTHROPIC_MESSAGES:
      features |= BP_CHAT_FEATURE_TOP_K | BP_CHAT_FEATURE_REASONING_BUDGET;
      break;

    case BP_MODEL_FAMILY_ANTHROPIC_TEXT:
    case BP_MODEL_FAMILY_NOVA:
      features |= BP_CHAT_FEATURE_TOP_K;
      break;

    case BP_MODEL_FAMILY_UNKNOWN:
    case BP_MODEL_FAMILY_LLAMA:
    case BP_MODEL_FAMILY_TITAN_TEXT:
    case BP_MODEL_FAMILY_MISTRAL_PROMPT:
    case BP_MODEL_FAMILY_MISTRAL_CHAT:
    case BP_MODEL_FAMILY_COHERE_COMMAND_R:
    default:
      break;
    }

  return features;
}

/*
 * _bp_converse_add_system:
 *
 * Adds `"system":[{"text":…}]` when the request has a system prompt.
 */
void
_bp_converse_add_system (JsonBuilder         *builder,
                         const BpChatRequest *request)
{
  const char *system_prompt = bp_chat_request_get_system_prompt (request);

  if (system_prompt == NULL)
    return;

  json_builder_set_member_name (builder, "system");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  _bp_json_add_string_member (builder, "text", system_prompt);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

static void
add_image_block (JsonBuilder         *builder,
                 const BpChatMessage *message,
                 guint                index)
{
  BpChatImageFormat format;
  GBytes *bytes = bp_chat_message_get_image (message, index, &format);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "image");
  json_builder_begin_object (builder);
  _bp_json_add_string_member (builder, "format", bp_chat_image_format_to_string (format));
  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  _bp_json_add_base64_member (builder, "bytes", bytes);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_reasoning_blocks (JsonBuilder         *builder,
                      const BpChatMessage *message)
{
  const char *text = bp_chat_message_get_reasoning_text (message);
  const char *signature = bp_chat_message_get_reasoning_signature (message);
  GBytes *redacted = bp_chat_message_get_redacted_reasoning (message);

  if (text != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reasoningContent");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reasoningText");
      json_builder_begin_object (builder);
      _bp_json_add_string_member (builder, "text", text);
      if (signature != NULL)
        _bp_json_add_string_member (builder, "signature", signature);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }

  if (redacted != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reasoningContent");
      json_builder_begin_object (builder);
      _bp_json_add_base64_member (builder, "redactedContent", redacted);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
}

static void
add_message (JsonBuilder         *builder,
             const BpChatMessage *message,
             gboolean             with_reasoning)
{
  BpChatRole role = bp_chat_message_get_role (message);
  const char *text = bp_chat_message_get_text (message);

  json_builder_begin_object (builder);
  _bp_json_add_string_member (builder, "role", role == BP_CHAT_ROLE_USER ? "user" : "assistant");
  json_builder_set_member_name (builder, "content");
  json_builder_begin_array (builder);

  if (with_reasoning && role == BP_CHAT_ROLE_ASSISTANT)
    add_reasoning_blocks (builder, message);

  for (guint i = 0; i < bp_chat_message_get_n_images (message); i++)
    add_image_block (builder, message, i);

  if (!_bp_chat_text_is_blank (text))
    {
      json_builder_begin_object (builder);
      _bp_json_add_string_member (builder, "text", text);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/*
 * _bp_converse_add_messages:
 * @with_reasoning: whether assistant turns carry their reasoning back
 *
 * Adds `"messages":[…]`: per message the reasoning blocks (assistant),
 * then the images (user), then the text.
 */
void
_bp_converse_add_messages (JsonBuilder         *builder,
                           const BpChatRequest *request,
                           gboolean             with_reasoning)
{
  guint n = bp_chat_request_get_n_messages (request);

  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    add_message (builder, bp_chat_request_get_message (request, i), with_reasoning);
  json_builder_end_array (builder);
}

static void
add_inference_config (JsonBuilder         *builder,
                      const BpChatRequest *request)
{
  gboolean any = bp_chat_request_is_set (request, BP_CHAT_PARAM_MAX_TOKENS) ||
                 bp_chat_request_is_set (request, BP_CHAT_PARAM_TEMPERATURE) ||
                 bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_P) ||
                 bp_chat_request_is_set (request, BP_CHAT_PARAM_STOP_SEQUENCES);

  if (!any)
    return;

  json_builder_set_member_name (builder, "inferenceConfig");
  json_builder_begin_object (builder);
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_MAX_TOKENS))
    _bp_json_add_int_member (builder, "maxTokens", bp_chat_request_get_max_tokens (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TEMPERATURE))
    _bp_json_add_double_member (builder, "temperature", bp_chat_request_get_temperature (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_P))
    _bp_json_add_double_member (builder, "topP", bp_chat_request_get_top_p (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_STOP_SEQUENCES))
    _bp_json_add_strv_member (builder, "stopSequences", bp_chat_request_get_stop_sequences (request));
  json_builder_end_object (builder);
}

static void
add_additional_fields (JsonBuilder         *builder,
                       const BpChatRequest *request,
                       BpModelFamily        family)
{
  gboolean top_k = bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_K);
  gboolean thinking = bp_chat_request_is_set (request, BP_CHAT_PARAM_REASONING_BUDGET);

  if (!top_k && !thinking)
    return;

  json_builder_set_member_name (builder, "additionalModelRequestFields");
  json_builder_begin_object (builder);

  if (top_k && family == BP_MODEL_FAMILY_NOVA)
    {
      json_builder_set_member_name (builder, "inferenceConfig");
      json_builder_begin_object (builder);
      _bp_json_add_int_member (builder, "topK", bp_chat_request_get_top_k (request));
      json_builder_end_object (builder);
    }
  else if (top_k)
    _bp_json_add_int_member (builder, "top_k", bp_chat_request_get_top_k (request));

  if (thinking)
    {
      json_builder_set_member_name (builder, "thinking");
      json_builder_begin_object (builder);
      _bp_json_add_string_member (builder, "type", "enabled");
      _bp_json_add_int_member (builder, "budget_tokens", bp_chat_request_get_reasoning_budget (request));
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
}

/**
 * bp_converse_build_body:
 * @request: a #BpChatRequest
 * @error: return location for a %BP_BEDROCK_ERROR_VALIDATION error
 *
 * Builds the body of Converse and ConverseStream for @request: validated
 * (bp_chat_request_validate()), then checked against
 * bp_converse_get_features() so a set parameter the model cannot take is an
 * error rather than silently dropped. Images become base64 `image` blocks;
 * while a reasoning budget is set, assistant reasoning goes back as
 * `reasoningContent` blocks; top-K and the reasoning budget go in
 * `additionalModelRequestFields`.
 *
 * Returns: (transfer full) (nullable): the compact JSON body
 */
GBytes *
bp_converse_build_body (BpChatRequest  *request,
                        GError        **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *model_id;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!bp_chat_request_validate (request, error))
    return NULL;

  model_id = bp_chat_request_get_model_id (request);
  if (!_bp_chat_request_check_features (request, bp_converse_get_features (model_id),
                                        "Converse", error))
    return NULL;

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  /* Reasoning goes back only while thinking is on: that is when Claude
   * needs it, and other models may refuse reasoning blocks. */
  _bp_converse_add_messages (builder, request,
                             bp_chat_request_is_set (request, BP_CHAT_PARAM_REASONING_BUDGET));
  _bp_converse_add_system (builder, request);
  add_inference_config (builder, request);
  add_additional_fields (builder, request, bp_model_family_from_model_id (model_id));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return _bp_json_to_bytes (root);
}

static void
read_reasoning (JsonObject  *reasoning,
                BpChatReply *reply)
{
  JsonObject *reasoning_text = _bp_json_get_object (reasoning, "reasoningText");
  const char *redacted = _bp_json_get_string (reasoning, "redactedContent");

  if (reasoning_text != NULL)
    {
      const char *signature = _bp_json_get_string (reasoning_text, "signature");

      bp_chat_reply_append_reasoning_text (reply, _bp_json_get_string (reasoning_text, "text"));
      if (signature != NULL)
        bp_chat_reply_set_reasoning_signature (reply, signature);
    }

  if (redacted != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) data = NULL;

      data = _bp_base64_decode_strict (redacted, MAX_REDACTED_SIZE,
                                       BP_BEDROCK_ERROR_FAILED, &local_error);
      if (data != NULL)
        bp_chat_reply_append_redacted_reasoning (reply, data);
      else
        g_debug ("Ignoring redacted reasoning: %s", local_error->message);
    }
}

static void
read_tool_use (JsonObject  *tool_use,
               guint        block_index,
               BpChatReply *reply)
{
  JsonNode *input = json_object_get_member (tool_use, "input");
  g_autofree char *input_json = input != NULL ? _bp_json_to_string (input) : g_strdup ("{}");

  bp_chat_reply_add_tool_use (reply, block_index,
                              _bp_json_get_string (tool_use, "toolUseId"),
                              _bp_json_get_string (tool_use, "name"),
                              input_json);
}

/*
 * _bp_converse_read_content:
 * @content: (nullable): a Converse `content` array
 *
 * Adds the text, reasoning and tool calls of @content to @reply. Blocks of
 * other kinds (citations, images, …) are skipped.
 */
void
_bp_converse_read_content (JsonArray   *content,
                           BpChatReply *reply)
{
  guint n = content != NULL ? json_array_get_length (content) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *block = _bp_json_array_get_object (content, i);
      const char *text = _bp_json_get_string (block, "text");
      JsonObject *reasoning = _bp_json_get_object (block, "reasoningContent");
      JsonObject *tool_use = _bp_json_get_object (block, "toolUse");

      if (text != NULL)
        bp_chat_reply_append_text (reply, text);
      else if (reasoning != NULL)
        read_reasoning (reasoning, reply);
      else if (tool_use != NULL)
        read_tool_use (tool_use, i, reply);
    }
}

/**
 * bp_converse_parse_response:
 * @body: the Converse response body
 * @model_id: (nullable): the model id the request named
 * @error: return location for a #GError
 *
 * Parses a whole Converse response: text (all text blocks joined),
 * reasoning (text, signature, redacted data), tool calls, stop reason,
 * usage and `metrics.latencyMs`. Unknown members are ignored. When a prompt
 * router picked the model, the reply's model id is the one it invoked.
 *
 * Returns: (transfer full) (nullable): a complete reply, or %NULL with
 *   %BP_BEDROCK_ERROR_NOT_JSON (not a JSON object) or
 *   %BP_BEDROCK_ERROR_FAILED (no output message)
 */
BpChatReply *
bp_converse_parse_response (GBytes      *body,
                            const char  *model_id,
                            GError     **error)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(BpChatReply) reply = NULL;
  JsonObject *message;
  JsonObject *router;
  const char *stop_reason;
  const char *invoked;
  gint64 latency;
  BpUsage usage;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = _bp_json_parse_object (body, BP_BEDROCK_ERROR_NOT_JSON, error);
  if (root == NULL)
    return NULL;

  message = _bp_json_get_object (_bp_json_get_object (root, "output"), "message");
  if (message == NULL)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                           _("The Converse response has no output message"));
      return NULL;
    }

  reply = bp_chat_reply_new ();
  bp_chat_reply_set_model_id (reply, model_id);
  _bp_converse_read_content (_bp_json_get_array (message, "content"), reply);

  stop_reason = _bp_json_get_string (root, "stopReason");
  bp_chat_reply_set_stop_reason (reply, bp_stop_reason_from_string (stop_reason), stop_reason);

  bp_usage_init (&usage);
  _bp_json_read_converse_usage (_bp_json_get_object (root, "usage"), &usage);
  bp_chat_reply_merge_usage (reply, &usage);

  if (_bp_json_get_int (_bp_json_get_object (root, "metrics"), "latencyMs", &latency))
    bp_chat_reply_set_latency_ms (reply, latency);

  router = _bp_json_get_object (_bp_json_get_object (root, "trace"), "promptRouter");
  invoked = _bp_json_get_string (router, "invokedModelId");
  if (invoked != NULL)
    bp_chat_reply_set_model_id (reply, invoked);

  bp_chat_reply_set_complete (reply, TRUE);
  return g_steal_pointer (&reply);
}
