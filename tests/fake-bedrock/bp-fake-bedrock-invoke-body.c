/* bp-fake-bedrock-invoke-body.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include "bp-fake-bedrock-private.h"

/* InvokeModel response bodies of the text families (§3), each in its
 * family's own shape, and the invocation metrics of the last stream
 * chunk (§2.6). */

/**
 * _bp_fake_json_object_node:
 * @object: (transfer full): an object
 *
 * Returns: (transfer full): a node holding @object
 */
JsonNode *
_bp_fake_json_object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonObject *
text_object (const char *key,
             const char *value)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, key, value);
  return object;
}

/**
 * _bp_fake_invocation_metrics:
 * @info: the response's details
 * @prompt: the prompt
 * @reply: the reply
 *
 * Returns: (transfer full): the "amazon-bedrock-invocationMetrics" object
 */
JsonObject *
_bp_fake_invocation_metrics (const BpFakeInvokeInfo *info,
                             const BpFakePrompt     *prompt,
                             BpFakeReply            *reply)
{
  JsonObject *metrics = json_object_new ();

  json_object_set_int_member (metrics, "inputTokenCount", prompt->input_tokens);
  json_object_set_int_member (metrics, "outputTokenCount", _bp_fake_reply_get_output_tokens (reply));
  json_object_set_int_member (metrics, "invocationLatency", info->latency_ms);
  json_object_set_int_member (metrics, "firstByteLatency", info->first_byte_ms);

  return metrics;
}

static JsonNode *
anthropic_response (const BpFakeInvokeInfo *info,
                    const BpFakePrompt     *prompt,
                    BpFakeReply            *reply)
{
  JsonObject *root = json_object_new ();
  JsonArray *content = json_array_new ();
  JsonObject *usage = json_object_new ();
  JsonObject *text = text_object ("type", "text");

  json_object_set_string_member (root, "id", info->response_id);
  json_object_set_string_member (root, "type", "message");
  json_object_set_string_member (root, "role", "assistant");
  json_object_set_string_member (root, "model", info->model_name);

  if (reply->reasoning != NULL)
    {
      JsonObject *thinking = text_object ("type", "thinking");

      json_object_set_string_member (thinking, "thinking", reply->reasoning);
      json_object_set_string_member (thinking, "signature", reply->signature);
      json_array_add_object_element (content, thinking);
    }
  json_object_set_string_member (text, "text", reply->text->str);
  json_array_add_object_element (content, text);
  json_object_set_array_member (root, "content", content);

  json_object_set_string_member (root, "stop_reason",
                                 reply->stop == BP_FAKE_STOP_MAX_TOKENS ? "max_tokens" :
                                 reply->stop == BP_FAKE_STOP_STOP_SEQUENCE ? "stop_sequence" :
                                 "end_turn");
  if (reply->stop_sequence != NULL)
    json_object_set_string_member (root, "stop_sequence", reply->stop_sequence);
  else
    json_object_set_null_member (root, "stop_sequence");

  json_object_set_int_member (usage, "input_tokens", prompt->input_tokens);
  json_object_set_int_member (usage, "output_tokens", _bp_fake_reply_get_output_tokens (reply));
  json_object_set_object_member (root, "usage", usage);

  return _bp_fake_json_object_node (root);
}

static JsonNode *
claude_text_response (BpFakeReply *reply)
{
  g_autofree char *completion = g_strconcat (" ", reply->text->str, NULL);
  JsonObject *root = text_object ("completion", completion);

  /* The legacy models end every turn on "\n\nHuman:". */
  if (reply->stop == BP_FAKE_STOP_MAX_TOKENS)
    {
      json_object_set_string_member (root, "stop_reason", "max_tokens");
      json_object_set_null_member (root, "stop");
    }
  else
    {
      json_object_set_string_member (root, "stop_reason", "stop_sequence");
      json_object_set_string_member (root, "stop", reply->stop_sequence ? reply->stop_sequence
                                                                        : "\n\nHuman:");
    }

  return _bp_fake_json_object_node (root);
}

static JsonNode *
llama_response (const BpFakePrompt *prompt,
                BpFakeReply        *reply)
{
  JsonObject *root = text_object ("generation", reply->text->str);

  json_object_set_int_member (root, "prompt_token_count", prompt->input_tokens);
  json_object_set_int_member (root, "generation_token_count",
                              _bp_fake_reply_get_output_tokens (reply));
  json_object_set_string_member (root, "stop_reason",
                                 reply->stop == BP_FAKE_STOP_MAX_TOKENS ? "length" : "stop");

  return _bp_fake_json_object_node (root);
}

static JsonNode *
titan_text_response (const BpFakePrompt *prompt,
                     BpFakeReply        *reply)
{
  JsonObject *root = json_object_new ();
  JsonArray *results = json_array_new ();
  JsonObject *result = text_object ("outputText", reply->text->str);

  json_object_set_int_member (root, "inputTextTokenCount", prompt->input_tokens);
  json_object_set_int_member (result, "tokenCount", _bp_fake_reply_get_output_tokens (reply));
  json_object_set_string_member (result, "completionReason",
                                 reply->stop == BP_FAKE_STOP_MAX_TOKENS ? "LENGTH" :
                                 reply->stop == BP_FAKE_STOP_STOP_SEQUENCE ? "STOP_CRITERIA_MET" :
                                 "FINISH");
  json_array_add_object_element (results, result);
  json_object_set_array_member (root, "results", results);

  return _bp_fake_json_object_node (root);
}

static JsonNode *
nova_response (const BpFakePrompt *prompt,
               BpFakeReply        *reply)
{
  JsonObject *root = json_object_new ();
  JsonObject *output = json_object_new ();
  JsonObject *message = text_object ("role", "assistant");
  JsonArray *content = json_array_new ();
  JsonObject *usage = json_object_new ();
  guint out = _bp_fake_reply_get_output_tokens (reply);

  if (reply->reasoning != NULL)
    {
      /* Nova returns its reasoning redacted (§3.5). */
      JsonObject *reasoning = json_object_new ();
      JsonObject *block = json_object_new ();

      json_object_set_object_member (reasoning, "reasoningText", text_object ("text", "[REDACTED]"));
      json_object_set_object_member (block, "reasoningContent", reasoning);
      json_array_add_object_element (content, block);
    }
  json_array_add_object_element (content, text_object ("text", reply->text->str));
  json_object_set_array_member (message, "content", content);
  json_object_set_object_member (output, "message", message);
  json_object_set_object_member (root, "output", output);

  json_object_set_string_member (root, "stopReason",
                                 reply->stop == BP_FAKE_STOP_MAX_TOKENS ? "max_tokens" :
                                 reply->stop == BP_FAKE_STOP_STOP_SEQUENCE ? "stop_sequence" :
                                 "end_turn");
  json_object_set_int_member (usage, "inputTokens", prompt->input_tokens);
  json_object_set_int_member (usage, "outputTokens", out);
  json_object_set_int_member (usage, "totalTokens", (gint64) prompt->input_tokens + out);
  json_object_set_int_member (usage, "cacheReadInputTokenCount", 0);
  json_object_set_int_member (usage, "cacheWriteInputTokenCount", 0);
  json_object_set_object_member (root, "usage", usage);

  return _bp_fake_json_object_node (root);
}

static JsonNode *
mistral_response (const BpFakeInvokeInfo *info,
                  BpFakeReply            *reply)
{
  JsonObject *root = json_object_new ();
  JsonArray *list = json_array_new ();
  JsonObject *entry;
  const char *stop = reply->stop == BP_FAKE_STOP_MAX_TOKENS ? "length" : "stop";

  if (info->family == BP_FAKE_FAMILY_MISTRAL_PROMPT)
    {
      entry = text_object ("text", reply->text->str);
      json_object_set_string_member (entry, "stop_reason", stop);
      json_array_add_object_element (list, entry);
      json_object_set_array_member (root, "outputs", list);
    }
  else
    {
      JsonObject *message = text_object ("role", "assistant");

      json_object_set_string_member (message, "content", reply->text->str);
      entry = json_object_new ();
      json_object_set_int_member (entry, "index", 0);
      json_object_set_object_member (entry, "message", message);
      json_object_set_string_member (entry, "stop_reason", stop);
      json_array_add_object_element (list, entry);
      json_object_set_string_member (root, "id", info->response_id);
      json_object_set_string_member (root, "object", "chat.completion");
      json_object_set_array_member (root, "choices", list);
    }

  return _bp_fake_json_object_node (root);
}

static JsonNode *
cohere_response (const BpFakeInvokeInfo *info,
                 const BpFakePrompt     *prompt,
                 BpFakeReply            *reply)
{
  JsonObject *root = text_object ("response_id", info->response_id);
  JsonArray *history = json_array_new ();
  JsonObject *user = text_object ("role", "USER");
  JsonObject *bot = text_object ("role", "CHATBOT");

  json_object_set_string_member (root, "text", reply->text->str);
  json_object_set_string_member (root, "generation_id", info->response_id);
  json_object_set_string_member (user, "message", prompt->user_text ? prompt->user_text : "");
  json_object_set_string_member (bot, "message", reply->text->str);
  json_array_add_object_element (history, user);
  json_array_add_object_element (history, bot);
  json_object_set_array_member (root, "chat_history", history);
  json_object_set_string_member (root, "finish_reason",
                                 reply->stop == BP_FAKE_STOP_MAX_TOKENS ? "MAX_TOKENS" : "COMPLETE");

  return _bp_fake_json_object_node (root);
}

/**
 * _bp_fake_invoke_build_response:
 * @info: the response's details
 * @prompt: the prompt
 * @reply: the reply
 *
 * Returns: (transfer full): the family's InvokeModel response body
 */
JsonNode *
_bp_fake_invoke_build_response (const BpFakeInvokeInfo *info,
                                const BpFakePrompt     *prompt,
                                BpFakeReply            *reply)
{
  switch (info->family)
    {
    case BP_FAKE_FAMILY_ANTHROPIC:
      return anthropic_response (info, prompt, reply);
    case BP_FAKE_FAMILY_CLAUDE_TEXT:
      return claude_text_response (reply);
    case BP_FAKE_FAMILY_LLAMA:
      return llama_response (prompt, reply);
    case BP_FAKE_FAMILY_TITAN_TEXT:
      return titan_text_response (prompt, reply);
    case BP_FAKE_FAMILY_NOVA:
      return nova_response (prompt, reply);
    case BP_FAKE_FAMILY_MISTRAL_PROMPT:
    case BP_FAKE_FAMILY_MISTRAL_CHAT:
      return mistral_response (info, reply);
    case BP_FAKE_FAMILY_COHERE:
      return cohere_response (info, prompt, reply);
    case BP_FAKE_FAMILY_TITAN_IMAGE:
    case BP_FAKE_FAMILY_NOVA_CANVAS:
    case BP_FAKE_FAMILY_STABILITY:
    default:
      g_assert_not_reached ();
    }
}
