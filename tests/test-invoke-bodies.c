/* test-invoke-bodies.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-bedrock-error.h"
#include "bp-invoke.h"
#include "bp-test-utils.h"

/* Every family: the exact native body of a two-turn conversation with a
 * system prompt, a whole response, and a realistic chunk sequence sent
 * through the chunk decoder and the stream parser into a reply. */

#define METRICS(in, out, latency, first) \
  "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":" #in ",\"outputTokenCount\":" #out \
  ",\"invocationLatency\":" #latency ",\"firstByteLatency\":" #first "}"

static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

typedef struct
{
  const char   *name;
  const char   *model_id;
  BpModelFamily family;
  void        (*setup) (BpChatRequest *request);
  const char   *body;
  const char   *response;
  const char   *response_text;
  BpStopReason  response_stop;
  gint64        response_input_tokens;
  gint64        response_output_tokens;
  const char   *chunks[12];
  const char   *event_codes;
  const char   *stream_text;
  BpStopReason  stream_stop;
  gint64        stream_input_tokens;
  gint64        stream_output_tokens;
  gint64        stream_latency_ms;
} FamilyCase;

static void
setup_anthropic (BpChatRequest *request)
{
  const char * const stops[] = { "END", NULL };

  bp_chat_request_set_max_tokens (request, 200);
  bp_chat_request_set_temperature (request, 0.5);
  bp_chat_request_set_top_k (request, 250);
  bp_chat_request_set_stop_sequences (request, stops);
}

static void
setup_max_temp_top_p (BpChatRequest *request)
{
  bp_chat_request_set_max_tokens (request, 200);
  bp_chat_request_set_temperature (request, 0.5);
  bp_chat_request_set_top_p (request, 0.9);
}

static void
setup_titan (BpChatRequest *request)
{
  const char * const stops[] = { "User:", NULL };

  bp_chat_request_set_max_tokens (request, 200);
  bp_chat_request_set_temperature (request, 0.5);
  bp_chat_request_set_stop_sequences (request, stops);
}

static void
setup_nova (BpChatRequest *request)
{
  g_autoptr(GBytes) png = g_bytes_new_static (png_magic, sizeof png_magic);

  bp_chat_message_add_image (bp_chat_request_get_message (request, 0), BP_CHAT_IMAGE_FORMAT_PNG, png);
  bp_chat_request_set_max_tokens (request, 200);
  bp_chat_request_set_temperature (request, 0.5);
  bp_chat_request_set_top_k (request, 20);
}

static void
setup_mistral_prompt (BpChatRequest *request)
{
  const char * const stops[] = { "</s>", NULL };

  bp_chat_request_set_max_tokens (request, 200);
  bp_chat_request_set_temperature (request, 0.5);
  bp_chat_request_set_top_k (request, 50);
  bp_chat_request_set_stop_sequences (request, stops);
}

static void
setup_mistral_chat (BpChatRequest *request)
{
  bp_chat_request_set_max_tokens (request, 200);
  bp_chat_request_set_top_p (request, 0.9);
}

static void
setup_cohere (BpChatRequest *request)
{
  const char * const stops[] = { "END", NULL };

  bp_chat_request_set_max_tokens (request, 200);
  bp_chat_request_set_temperature (request, 0.3);
  bp_chat_request_set_top_p (request, 0.75);
  bp_chat_request_set_top_k (request, 0);
  bp_chat_request_set_stop_sequences (request, stops);
}

static const FamilyCase family_cases[] = {
  {
    "anthropic-messages", "us.anthropic.claude-3-5-haiku-20241022-v1:0",
    BP_MODEL_FAMILY_ANTHROPIC_MESSAGES, setup_anthropic,
    "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":200,\"system\":\"You are terse.\","
    "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]},"
    "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hello!\"}]},"
    "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Name a colour.\"}]}],"
    "\"temperature\":0.5,\"top_k\":250,\"stop_sequences\":[\"END\"]}",
    "{\"id\":\"msg_bdrk_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-3-5-haiku-20241022\","
    "\"content\":[{\"type\":\"thinking\",\"thinking\":\"Pick one.\",\"signature\":\"sig1\"},"
    "{\"type\":\"text\",\"text\":\"Blue\"},{\"type\":\"text\",\"text\":\".\"}],"
    "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
    "\"usage\":{\"input_tokens\":30,\"output_tokens\":5,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}",
    "Blue.", BP_STOP_REASON_END_TURN, 30, 5,
    {
      "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bdrk_01\",\"type\":\"message\",\"role\":\"assistant\","
      "\"model\":\"claude-3-5-haiku-20241022\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
      "\"usage\":{\"input_tokens\":288,\"output_tokens\":1}}}",
      "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
      "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Pick.\"}}",
      "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig2\"}}",
      "{\"type\":\"content_block_stop\",\"index\":0}",
      "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
      "{\"type\":\"ping\"}",
      "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}",
      "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\" there\"}}",
      "{\"type\":\"content_block_stop\",\"index\":1}",
      "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":12}}",
      "{\"type\":\"message_stop\"," METRICS (288, 12, 1142, 987) "}",
    },
    "SRGBTTBPM", "Hello there", BP_STOP_REASON_END_TURN, 288, 12, 1142,
  },
  {
    "anthropic-text", "anthropic.claude-v2:1",
    BP_MODEL_FAMILY_ANTHROPIC_TEXT, setup_max_temp_top_p,
    "{\"prompt\":\"You are terse.\\n\\nHuman: Hi\\n\\nAssistant: Hello!\\n\\nHuman: Name a colour.\\n\\nAssistant:\","
    "\"max_tokens_to_sample\":200,\"temperature\":0.5,\"top_p\":0.9,\"anthropic_version\":\"bedrock-2023-05-31\"}",
    "{\"completion\":\" Blue.\",\"stop_reason\":\"max_tokens\",\"stop\":null}",
    " Blue.", BP_STOP_REASON_MAX_TOKENS, -1, -1,
    {
      "{\"completion\":\" Blue\",\"stop_reason\":null,\"stop\":null}",
      "{\"completion\":\".\",\"stop_reason\":\"stop_sequence\",\"stop\":\"\\n\\nHuman:\"," METRICS (25, 3, 300, 120) "}",
    },
    "STTPM", " Blue.", BP_STOP_REASON_END_TURN, 25, 3, 300,
  },
  {
    "llama3", "meta.llama3-1-70b-instruct-v1:0",
    BP_MODEL_FAMILY_LLAMA, setup_max_temp_top_p,
    "{\"prompt\":\"<|begin_of_text|><|start_header_id|>system<|end_header_id|>\\n\\nYou are terse.<|eot_id|>"
    "<|start_header_id|>user<|end_header_id|>\\n\\nHi<|eot_id|>"
    "<|start_header_id|>assistant<|end_header_id|>\\n\\nHello!<|eot_id|>"
    "<|start_header_id|>user<|end_header_id|>\\n\\nName a colour.<|eot_id|>"
    "<|start_header_id|>assistant<|end_header_id|>\\n\\n\","
    "\"max_gen_len\":200,\"temperature\":0.5,\"top_p\":0.9}",
    "{\"generation\":\"Blue.\",\"prompt_token_count\":41,\"generation_token_count\":3,\"stop_reason\":\"stop\"}",
    "Blue.", BP_STOP_REASON_END_TURN, 41, 3,
    {
      "{\"generation\":\"Blue\",\"prompt_token_count\":41,\"generation_token_count\":1,\"stop_reason\":null}",
      "{\"generation\":\".\",\"prompt_token_count\":null,\"generation_token_count\":2,\"stop_reason\":null}",
      "{\"generation\":\"\",\"prompt_token_count\":null,\"generation_token_count\":3,\"stop_reason\":\"length\","
      METRICS (41, 3, 420, 180) "}",
    },
    "STTPM", "Blue.", BP_STOP_REASON_MAX_TOKENS, 41, 3, 420,
  },
  {
    "llama4", "us.meta.llama4-scout-17b-instruct-v1:0",
    BP_MODEL_FAMILY_LLAMA, setup_max_temp_top_p,
    "{\"prompt\":\"<|begin_of_text|><|header_start|>system<|header_end|>\\n\\nYou are terse.<|eot|>"
    "<|header_start|>user<|header_end|>\\n\\nHi<|eot|>"
    "<|header_start|>assistant<|header_end|>\\n\\nHello!<|eot|>"
    "<|header_start|>user<|header_end|>\\n\\nName a colour.<|eot|>"
    "<|header_start|>assistant<|header_end|>\\n\\n\","
    "\"max_gen_len\":200,\"temperature\":0.5,\"top_p\":0.9}",
    "{\"generation\":\"Blue.\",\"prompt_token_count\":40,\"generation_token_count\":3,\"stop_reason\":\"length\"}",
    "Blue.", BP_STOP_REASON_MAX_TOKENS, 40, 3,
    {
      "{\"generation\":\"Blue.\",\"prompt_token_count\":40,\"generation_token_count\":3,\"stop_reason\":\"stop\","
      METRICS (40, 3, 200, 90) "}",
    },
    "STPM", "Blue.", BP_STOP_REASON_END_TURN, 40, 3, 200,
  },
  {
    "titan-text", "amazon.titan-text-express-v1",
    BP_MODEL_FAMILY_TITAN_TEXT, setup_titan,
    "{\"inputText\":\"You are terse.\\n\\nUser: Hi\\nBot: Hello!\\nUser: Name a colour.\\nBot:\","
    "\"textGenerationConfig\":{\"maxTokenCount\":200,\"temperature\":0.5,\"stopSequences\":[\"User:\"]}}",
    "{\"inputTextTokenCount\":17,\"results\":[{\"tokenCount\":3,\"outputText\":\" Blue.\",\"completionReason\":\"FINISH\"}]}",
    " Blue.", BP_STOP_REASON_END_TURN, 17, 3,
    {
      "{\"outputText\":\" Blue\",\"index\":0,\"totalOutputTextTokenCount\":2,\"completionReason\":null,\"inputTextTokenCount\":17}",
      "{\"outputText\":\".\",\"index\":0,\"totalOutputTextTokenCount\":3,\"completionReason\":\"CONTENT_FILTERED\","
      "\"inputTextTokenCount\":null," METRICS (17, 3, 250, 100) "}",
    },
    "STTPM", " Blue.", BP_STOP_REASON_CONTENT_FILTERED, 17, 3, 250,
  },
  {
    "nova", "us.amazon.nova-lite-v1:0",
    BP_MODEL_FAMILY_NOVA, setup_nova,
    "{\"schemaVersion\":\"messages-v1\",\"system\":[{\"text\":\"You are terse.\"}],"
    "\"messages\":[{\"role\":\"user\",\"content\":[{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"iVBORw0KGgo=\"}}},"
    "{\"text\":\"Hi\"}]},{\"role\":\"assistant\",\"content\":[{\"text\":\"Hello!\"}]},"
    "{\"role\":\"user\",\"content\":[{\"text\":\"Name a colour.\"}]}],"
    "\"inferenceConfig\":{\"maxTokens\":200,\"temperature\":0.5,\"topK\":20}}",
    "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Blue.\"}]}},\"stopReason\":\"end_turn\","
    "\"usage\":{\"inputTokens\":1200,\"outputTokens\":5,\"totalTokens\":1205,"
    "\"cacheReadInputTokenCount\":0,\"cacheWriteInputTokenCount\":0}}",
    "Blue.", BP_STOP_REASON_END_TURN, 1200, 5,
    {
      "{\"messageStart\":{\"role\":\"assistant\"}}",
      "{\"contentBlockDelta\":{\"delta\":{\"text\":\"Blue\"},\"contentBlockIndex\":0}}",
      "{\"contentBlockDelta\":{\"delta\":{\"text\":\".\"},\"contentBlockIndex\":0}}",
      "{\"contentBlockStop\":{\"contentBlockIndex\":0}}",
      "{\"messageStop\":{\"stopReason\":\"max_tokens\"}}",
      "{\"metadata\":{\"usage\":{\"inputTokens\":1200,\"outputTokens\":5},\"metrics\":{},\"trace\":{}},"
      METRICS (1200, 5, 300, 100) "}",
    },
    "STTBPM", "Blue.", BP_STOP_REASON_MAX_TOKENS, 1200, 5, 300,
  },
  {
    "mistral-prompt", "mistral.mixtral-8x7b-instruct-v0:1",
    BP_MODEL_FAMILY_MISTRAL_PROMPT, setup_mistral_prompt,
    "{\"prompt\":\"<s>[INST] You are terse.\\n\\nHi [/INST] Hello!</s>[INST] Name a colour. [/INST]\","
    "\"max_tokens\":200,\"temperature\":0.5,\"top_k\":50,\"stop\":[\"</s>\"]}",
    "{\"outputs\":[{\"text\":\" Blue.\",\"stop_reason\":\"stop\"}]}",
    " Blue.", BP_STOP_REASON_END_TURN, -1, -1,
    {
      "{\"outputs\":[{\"text\":\" Blue\",\"stop_reason\":null}]}",
      "{\"outputs\":[{\"text\":\".\",\"stop_reason\":\"length\"}]," METRICS (30, 3, 180, 60) "}",
    },
    "STTPM", " Blue.", BP_STOP_REASON_MAX_TOKENS, 30, 3, 180,
  },
  {
    "mistral-chat", "mistral.mistral-large-2407-v1:0",
    BP_MODEL_FAMILY_MISTRAL_CHAT, setup_mistral_chat,
    "{\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},{\"role\":\"user\",\"content\":\"Hi\"},"
    "{\"role\":\"assistant\",\"content\":\"Hello!\"},{\"role\":\"user\",\"content\":\"Name a colour.\"}],"
    "\"max_tokens\":200,\"top_p\":0.9}",
    "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
    "\"content\":\"Blue.\"},\"stop_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":3,\"total_tokens\":23}}",
    "Blue.", BP_STOP_REASON_END_TURN, 20, 3,
    {
      "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Blue\"},\"stop_reason\":null}]}",
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\".\"},\"finish_reason\":\"stop\"}]," METRICS (20, 3, 150, 70) "}",
    },
    "STTPM", "Blue.", BP_STOP_REASON_END_TURN, 20, 3, 150,
  },
  {
    "cohere-command-r", "cohere.command-r-plus-v1:0",
    BP_MODEL_FAMILY_COHERE_COMMAND_R, setup_cohere,
    "{\"message\":\"Name a colour.\",\"chat_history\":[{\"role\":\"USER\",\"message\":\"Hi\"},"
    "{\"role\":\"CHATBOT\",\"message\":\"Hello!\"}],\"preamble\":\"You are terse.\","
    "\"max_tokens\":200,\"temperature\":0.3,\"p\":0.75,\"k\":0,\"stop_sequences\":[\"END\"]}",
    "{\"response_id\":\"r\",\"text\":\"Blue.\",\"generation_id\":\"g\",\"finish_reason\":\"COMPLETE\","
    "\"chat_history\":[],\"meta\":{\"billed_units\":{\"input_tokens\":12,\"output_tokens\":2}}}",
    "Blue.", BP_STOP_REASON_END_TURN, 12, 2,
    {
      "{\"is_finished\":false,\"event_type\":\"stream-start\",\"generation_id\":\"g\"}",
      "{\"is_finished\":false,\"event_type\":\"text-generation\",\"text\":\"Blue\"}",
      "{\"is_finished\":false,\"event_type\":\"text-generation\",\"text\":\".\"}",
      "{\"is_finished\":true,\"event_type\":\"stream-end\",\"finish_reason\":\"MAX_TOKENS\","
      "\"response\":{\"text\":\"Blue.\",\"meta\":{\"billed_units\":{\"input_tokens\":12,\"output_tokens\":2}}},"
      METRICS (12, 2, 210, 80) "}",
    },
    "STTPM", "Blue.", BP_STOP_REASON_MAX_TOKENS, 12, 2, 210,
  },
};

static BpChatRequest *
two_turns (const char *model_id)
{
  BpChatRequest *request = bp_chat_request_new (model_id);

  bp_chat_request_set_system_prompt (request, "You are terse.");
  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Hi");
  bp_chat_request_add_message (request, BP_CHAT_ROLE_ASSISTANT, "Hello!");
  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Name a colour.");
  return request;
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strndup (data, size);
}

static GBytes *
bytes_from_string (const char *str)
{
  return g_bytes_new (str, strlen (str));
}

static void
test_family_body (gconstpointer data)
{
  const FamilyCase *c = data;
  g_autoptr(BpChatRequest) request = two_turns (c->model_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (bp_model_family_from_model_id (c->model_id), ==, c->family);
  c->setup (request);
  body = bp_invoke_build_body (c->family, request, &error);
  g_assert_no_error (error);
  text = bytes_to_string (body);
  g_assert_cmpstr (text, ==, c->body);
}

static void
test_family_response (gconstpointer data)
{
  const FamilyCase *c = data;
  g_autoptr(GBytes) body = bytes_from_string (c->response);
  g_autoptr(GError) error = NULL;
  g_autoptr(BpChatReply) reply = bp_invoke_parse_response (c->family, body, c->model_id, &error);
  const BpUsage *usage;

  g_assert_no_error (error);
  g_assert_cmpstr (bp_chat_reply_get_text (reply), ==, c->response_text);
  g_assert_cmpint (bp_chat_reply_get_stop_reason (reply), ==, c->response_stop);
  g_assert_nonnull (bp_chat_reply_get_stop_reason_string (reply));
  usage = bp_chat_reply_get_usage (reply);
  g_assert_cmpint (usage->input_tokens, ==, c->response_input_tokens);
  g_assert_cmpint (usage->output_tokens, ==, c->response_output_tokens);
  g_assert_true (bp_chat_reply_is_complete (reply));
  g_assert_cmpstr (bp_chat_reply_get_model_id (reply), ==, c->model_id);

  /* The headers fill what the body did not say, and never override it. */
  bp_invoke_apply_response_headers (reply, "99", "77", "640");
  g_assert_cmpint (usage->input_tokens, ==, c->response_input_tokens >= 0 ? c->response_input_tokens : 99);
  g_assert_cmpint (usage->output_tokens, ==, c->response_output_tokens >= 0 ? c->response_output_tokens : 77);
  g_assert_cmpint (usage->total_tokens, ==, usage->input_tokens + usage->output_tokens);
  g_assert_cmpint (bp_chat_reply_get_latency_ms (reply), ==, 640);
}

static char
event_code (BpStreamEvent *event)
{
  static const char codes[] = "STRGXUVBPM";

  return codes[bp_stream_event_get_event_type (event)];
}

/* Wraps an inner chunk as the service does: base64 in `bytes`, plus the
 * random `p` padding. */
static GBytes *
wrap_chunk (const char *inner)
{
  g_autofree char *encoded = g_base64_encode ((const guchar *) inner, strlen (inner));
  g_autofree char *payload = g_strdup_printf ("{\"bytes\":\"%s\",\"p\":\"abcdefghijklmnopqrstu\"}", encoded);

  return bytes_from_string (payload);
}

static void
test_family_stream (gconstpointer data)
{
  const FamilyCase *c = data;
  g_autoptr(BpInvokeStreamParser) parser = bp_invoke_stream_parser_new (c->family);
  g_autoptr(BpChatReply) reply = bp_chat_reply_new ();
  g_autoptr(GString) codes = g_string_new (NULL);
  const BpUsage *usage;

  g_assert_cmpint (bp_invoke_stream_parser_get_family (parser), ==, c->family);
  for (guint i = 0; i < G_N_ELEMENTS (c->chunks) && c->chunks[i] != NULL; i++)
    {
      g_autoptr(GBytes) payload = wrap_chunk (c->chunks[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) inner = bp_invoke_decode_chunk_payload (payload, &error);
      g_autoptr(GPtrArray) events = NULL;
      g_autofree char *inner_text = NULL;

      g_assert_no_error (error);
      inner_text = bytes_to_string (inner);
      g_assert_cmpstr (inner_text, ==, c->chunks[i]);

      events = bp_invoke_stream_parser_feed (parser, inner, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < events->len; j++)
        {
          g_string_append_c (codes, event_code (g_ptr_array_index (events, j)));
          bp_chat_reply_apply_event (reply, g_ptr_array_index (events, j));
        }
    }

  g_assert_cmpstr (codes->str, ==, c->event_codes);
  g_assert_cmpstr (bp_chat_reply_get_text (reply), ==, c->stream_text);
  g_assert_cmpint (bp_chat_reply_get_stop_reason (reply), ==, c->stream_stop);
  g_assert_true (bp_chat_reply_is_complete (reply));
  usage = bp_chat_reply_get_usage (reply);
  g_assert_cmpint (usage->input_tokens, ==, c->stream_input_tokens);
  g_assert_cmpint (usage->output_tokens, ==, c->stream_output_tokens);
  g_assert_cmpint (usage->total_tokens, ==, c->stream_input_tokens + c->stream_output_tokens);
  g_assert_cmpint (bp_chat_reply_get_latency_ms (reply), ==, c->stream_latency_ms);
  g_assert_cmpint (bp_chat_reply_get_first_byte_latency_ms (reply), >, 0);
}

static void
test_anthropic_reasoning_body (void)
{
  g_autoptr(BpChatRequest) request = bp_chat_request_new ("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
  g_autoptr(GBytes) png = g_bytes_new_static (png_magic, sizeof png_magic);
  g_autoptr(GBytes) redacted = g_bytes_new_static ("\x01\x02", 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;
  BpChatMessage *message;

  message = bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "What is it?");
  bp_chat_message_add_image (message, BP_CHAT_IMAGE_FORMAT_PNG, png);
  message = bp_chat_request_add_message (request, BP_CHAT_ROLE_ASSISTANT, "A PNG.");
  bp_chat_message_set_reasoning (message, "Magic bytes.", "sig");
  bp_chat_message_set_redacted_reasoning (message, redacted);
  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Sure?");
  message = bp_chat_request_add_message (request, BP_CHAT_ROLE_ASSISTANT, "Yes.");
  /* Unsigned reasoning is not sent back to Claude, which would refuse it. */
  bp_chat_message_set_reasoning (message, "unsigned", NULL);
  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Thanks");
  bp_chat_request_set_max_tokens (request, 4096);
  bp_chat_request_set_reasoning_budget (request, 1024);

  body = bp_invoke_build_body (BP_MODEL_FAMILY_ANTHROPIC_MESSAGES, request, &error);
  g_assert_no_error (error);
  text = bytes_to_string (body);
  g_assert_cmpstr (text, ==,
                   "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":4096,"
                   "\"messages\":[{\"role\":\"user\",\"content\":["
                   "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}},"
                   "{\"type\":\"text\",\"text\":\"What is it?\"}]},"
                   "{\"role\":\"assistant\",\"content\":["
                   "{\"type\":\"thinking\",\"thinking\":\"Magic bytes.\",\"signature\":\"sig\"},"
                   "{\"type\":\"redacted_thinking\",\"data\":\"AQI=\"},"
                   "{\"type\":\"text\",\"text\":\"A PNG.\"}]},"
                   "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Sure?\"}]},"
                   "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Yes.\"}]},"
                   "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Thanks\"}]}],"
                   "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}}");

  /* Thinking off: no thinking blocks go back. */
  bp_chat_request_unset (request, BP_CHAT_PARAM_REASONING_BUDGET);
  g_clear_pointer (&body, g_bytes_unref);
  g_clear_pointer (&text, g_free);
  body = bp_invoke_build_body (BP_MODEL_FAMILY_ANTHROPIC_MESSAGES, request, &error);
  g_assert_no_error (error);
  text = bytes_to_string (body);
  g_assert_null (strstr (text, "thinking"));
  g_assert_nonnull (strstr (text, "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"A PNG.\"}]}"));
}

static void
test_prefill (void)
{
  g_autoptr(BpChatRequest) request = bp_chat_request_new ("meta.llama3-8b-instruct-v1:0");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) llama = NULL;
  g_autoptr(GBytes) claude2 = NULL;
  g_autoptr(GBytes) cohere = NULL;
  g_autofree char *llama_text = NULL;
  g_autofree char *claude2_text = NULL;

  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "List colours.");
  bp_chat_request_add_message (request, BP_CHAT_ROLE_ASSISTANT, "1.");

  llama = bp_invoke_build_body (BP_MODEL_FAMILY_LLAMA, request, &error);
  g_assert_no_error (error);
  llama_text = bytes_to_string (llama);
  g_assert_cmpstr (llama_text, ==,
                   "{\"prompt\":\"<|begin_of_text|><|start_header_id|>user<|end_header_id|>\\n\\nList colours.<|eot_id|>"
                   "<|start_header_id|>assistant<|end_header_id|>\\n\\n1.\"}");

  bp_chat_request_set_max_tokens (request, 10);
  claude2 = bp_invoke_build_body (BP_MODEL_FAMILY_ANTHROPIC_TEXT, request, &error);
  g_assert_no_error (error);
  claude2_text = bytes_to_string (claude2);
  g_assert_cmpstr (claude2_text, ==,
                   "{\"prompt\":\"\\n\\nHuman: List colours.\\n\\nAssistant: 1.\",\"max_tokens_to_sample\":10,"
                   "\"anthropic_version\":\"bedrock-2023-05-31\"}");

  cohere = bp_invoke_build_body (BP_MODEL_FAMILY_COHERE_COMMAND_R, request, &error);
  g_assert_null (cohere);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION);
}

typedef struct
{
  BpModelFamily family;
  BpChatParam   param;
  const char   *fragment;
} UnsupportedCase;

static void
test_unsupported (void)
{
  static const UnsupportedCase cases[] = {
    { BP_MODEL_FAMILY_LLAMA, BP_CHAT_PARAM_TOP_K, "Top K" },
    { BP_MODEL_FAMILY_LLAMA, BP_CHAT_PARAM_STOP_SEQUENCES, "Stop sequences" },
    { BP_MODEL_FAMILY_TITAN_TEXT, BP_CHAT_PARAM_TOP_K, "Top K" },
    { BP_MODEL_FAMILY_MISTRAL_CHAT, BP_CHAT_PARAM_STOP_SEQUENCES, "Stop sequences" },
    { BP_MODEL_FAMILY_NOVA, BP_CHAT_PARAM_REASONING_BUDGET, "reasoning budget" },
    { BP_MODEL_FAMILY_COHERE_COMMAND_R, BP_CHAT_PARAM_REASONING_BUDGET, "reasoning budget" },
  };
  const char * const stops[] = { "x", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpChatRequest) request = bp_chat_request_new ("some.model");
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;

      bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Hi");
      bp_chat_request_set_top_k (request, 5);
      bp_chat_request_set_stop_sequences (request, stops);
      bp_chat_request_set_reasoning_budget (request, 2048);
      for (BpChatParam p = BP_CHAT_PARAM_TOP_K; p <= BP_CHAT_PARAM_REASONING_BUDGET; p++)
        {
          if (p != cases[i].param)
            bp_chat_request_unset (request, p);
        }

      body = bp_invoke_build_body (cases[i].family, request, &error);
      g_assert_null (body);
      g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION);
      g_assert_nonnull (strstr (error->message, cases[i].fragment));
      g_assert_nonnull (strstr (error->message, "some.model"));
    }
}

static void
test_required_and_images (void)
{
  g_autoptr(BpChatRequest) request = bp_chat_request_new ("anthropic.claude-3-haiku-20240307-v1:0");
  g_autoptr(GBytes) png = g_bytes_new_static (png_magic, sizeof png_magic);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  BpChatMessage *message;

  message = bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Hi");
  body = bp_invoke_build_body (BP_MODEL_FAMILY_ANTHROPIC_MESSAGES, request, &error);
  g_assert_null (body);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "Max tokens"));
  g_clear_error (&error);

  bp_chat_message_add_image (message, BP_CHAT_IMAGE_FORMAT_JPEG, png);
  body = bp_invoke_build_body (BP_MODEL_FAMILY_TITAN_TEXT, request, &error);
  g_assert_null (body);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "Images"));
  g_clear_error (&error);

  body = bp_invoke_build_body (BP_MODEL_FAMILY_UNKNOWN, request, &error);
  g_assert_null (body);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "use Converse"));

  g_assert_cmpint (bp_invoke_get_features (BP_MODEL_FAMILY_UNKNOWN), ==, BP_CHAT_FEATURE_NONE);
  g_assert_true (bp_invoke_get_features (BP_MODEL_FAMILY_NOVA) & BP_CHAT_FEATURE_IMAGES);
  g_assert_false (bp_invoke_get_features (BP_MODEL_FAMILY_LLAMA) & BP_CHAT_FEATURE_STOP_SEQUENCES);
}

static void
test_model_family (void)
{
  static const struct { const char *id; BpModelFamily family; } cases[] = {
    { "anthropic.claude-3-haiku-20240307-v1:0", BP_MODEL_FAMILY_ANTHROPIC_MESSAGES },
    { "us.anthropic.claude-sonnet-4-5-20250929-v1:0", BP_MODEL_FAMILY_ANTHROPIC_MESSAGES },
    { "global.anthropic.claude-opus-4-5-20251101-v1:0", BP_MODEL_FAMILY_ANTHROPIC_MESSAGES },
    { "us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0", BP_MODEL_FAMILY_ANTHROPIC_MESSAGES },
    { "apac.anthropic.claude-sonnet-4-20250514-v1:0", BP_MODEL_FAMILY_ANTHROPIC_MESSAGES },
    { "anthropic.claude-v2:1", BP_MODEL_FAMILY_ANTHROPIC_TEXT },
    { "anthropic.claude-instant-v1", BP_MODEL_FAMILY_ANTHROPIC_TEXT },
    { "meta.llama3-8b-instruct-v1:0", BP_MODEL_FAMILY_LLAMA },
    { "eu.meta.llama3-2-3b-instruct-v1:0", BP_MODEL_FAMILY_LLAMA },
    { "us.meta.llama4-maverick-17b-instruct-v1:0", BP_MODEL_FAMILY_LLAMA },
    { "meta.llama2-70b-chat-v1", BP_MODEL_FAMILY_UNKNOWN },
    { "amazon.titan-text-express-v1", BP_MODEL_FAMILY_TITAN_TEXT },
    { "amazon.titan-text-premier-v1:0", BP_MODEL_FAMILY_TITAN_TEXT },
    { "amazon.titan-image-generator-v2:0", BP_MODEL_FAMILY_UNKNOWN },
    { "amazon.nova-micro-v1:0", BP_MODEL_FAMILY_NOVA },
    { "jp.amazon.nova-2-lite-v1:0", BP_MODEL_FAMILY_NOVA },
    { "au.amazon.nova-pro-v1:0", BP_MODEL_FAMILY_NOVA },
    { "amazon.nova-canvas-v1:0", BP_MODEL_FAMILY_UNKNOWN },
    { "amazon.nova-2-multimodal-embeddings-v1:0", BP_MODEL_FAMILY_UNKNOWN },
    { "amazon.titan-embed-text-v2:0", BP_MODEL_FAMILY_UNKNOWN },
    { "mistral.mistral-7b-instruct-v0:2", BP_MODEL_FAMILY_MISTRAL_PROMPT },
    { "mistral.mistral-large-2402-v1:0", BP_MODEL_FAMILY_MISTRAL_PROMPT },
    { "mistral.mistral-large-2407-v1:0", BP_MODEL_FAMILY_MISTRAL_CHAT },
    { "us.mistral.pixtral-large-2502-v1:0", BP_MODEL_FAMILY_MISTRAL_CHAT },
    { "cohere.command-r-v1:0", BP_MODEL_FAMILY_COHERE_COMMAND_R },
    { "cohere.command-text-v14", BP_MODEL_FAMILY_UNKNOWN },
    { "deepseek.r1-v1:0", BP_MODEL_FAMILY_UNKNOWN },
    { "ca.anthropic.claude-haiku-4-5-20251001-v1:0", BP_MODEL_FAMILY_ANTHROPIC_MESSAGES },
    { "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
      BP_MODEL_FAMILY_ANTHROPIC_MESSAGES },
    { "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-3-70b-instruct-v1:0",
      BP_MODEL_FAMILY_LLAMA },
    { "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abcd1234efgh",
      BP_MODEL_FAMILY_UNKNOWN },
    { "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/ab12cd",
      BP_MODEL_FAMILY_TITAN_TEXT },
    { "", BP_MODEL_FAMILY_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BpModelFamily family = bp_model_family_from_model_id (cases[i].id);

      if (family != cases[i].family)
        g_error ("%s: %s, expected %s", cases[i].id, bp_model_family_to_string (family),
                 bp_model_family_to_string (cases[i].family));
    }
}

static void
test_decode_chunk (void)
{
  static const struct { const char *payload; const char *fragment; } bad[] = {
    { "{\"bytes\":\"eyJhIjoxfQ\",\"p\":\"ab\"}", "base64" },           /* no padding */
    { "{\"bytes\":\"eyJhIjox*Q==\"}", "base64" },                        /* bad character */
    { "{\"bytes\":\"ey=hIjoxfQ==\"}", "base64" },                        /* padding inside */
    { "{\"bytes\":\"eyJh\\nIjoxfQ==\"}", "base64" },                     /* line break */
    { "{\"p\":\"abc\"}", "bytes" },
    { "{\"bytes\":42}", "bytes" },
    { "not json", "JSON" },
  };
  g_autoptr(GBytes) good = bytes_from_string ("{\"bytes\":\"eyJhIjoxfQ==\",\"p\":\"abcdefgh\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) inner = bp_invoke_decode_chunk_payload (good, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = bytes_to_string (inner);
  g_assert_cmpstr (text, ==, "{\"a\":1}");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) payload = bytes_from_string (bad[i].payload);
      g_autoptr(GBytes) decoded = bp_invoke_decode_chunk_payload (payload, &error);

      g_assert_null (decoded);
      g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_CORRUPT_STREAM);
      if (strstr (error->message, bad[i].fragment) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, bad[i].fragment);
      g_clear_error (&error);
    }
}

static void
test_decode_chunk_limit (void)
{
  /* 1,000,000 bytes decode fine; one more is refused before decoding. */
  gsize limit = BP_INVOKE_MAX_CHUNK_SIZE;
  g_autofree guchar *raw = g_malloc0 (limit + 3);
  g_autoptr(GError) error = NULL;

  for (gsize extra = 0; extra <= 1; extra++)
    {
      g_autofree char *encoded = g_base64_encode (raw, limit + extra);
      g_autofree char *payload = g_strdup_printf ("{\"bytes\":\"%s\"}", encoded);
      g_autoptr(GBytes) bytes = bytes_from_string (payload);
      g_autoptr(GBytes) decoded = bp_invoke_decode_chunk_payload (bytes, &error);

      if (extra == 0)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (g_bytes_get_size (decoded), ==, limit);
        }
      else
        {
          g_assert_null (decoded);
          g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_CORRUPT_STREAM);
        }
    }
}

static GPtrArray *
feed (BpInvokeStreamParser  *parser,
      const char            *chunk,
      GError               **error)
{
  g_autoptr(GBytes) bytes = bytes_from_string (chunk);

  return bp_invoke_stream_parser_feed (parser, bytes, error);
}

static void
test_anthropic_stream_without_metrics (void)
{
  static const char * const chunks[] = {
    "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":50,\"output_tokens\":1}}}",
    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"calc\",\"input\":{}}}",
    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"x\\\": 1}\"}}",
    "{\"type\":\"content_block_stop\",\"index\":0}",
    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":null},\"usage\":{\"output_tokens\":5}}",
    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}",
    "{\"type\":\"message_stop\"}",
  };
  g_autoptr(BpInvokeStreamParser) parser = bp_invoke_stream_parser_new (BP_MODEL_FAMILY_ANTHROPIC_MESSAGES);
  g_autoptr(BpChatReply) reply = bp_chat_reply_new ();
  g_autoptr(GString) codes = g_string_new (NULL);
  const char *input;

  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) events = feed (parser, chunks[i], &error);

      g_assert_no_error (error);
      for (guint j = 0; j < events->len; j++)
        {
          g_string_append_c (codes, event_code (g_ptr_array_index (events, j)));
          bp_chat_reply_apply_event (reply, g_ptr_array_index (events, j));
        }
    }

  g_assert_cmpstr (codes->str, ==, "SUVBPM");
  g_assert_cmpint (bp_chat_reply_get_stop_reason (reply), ==, BP_STOP_REASON_TOOL_USE);
  /* Cumulative output counts: the last one, not the sum. */
  g_assert_cmpint (bp_chat_reply_get_usage (reply)->input_tokens, ==, 50);
  g_assert_cmpint (bp_chat_reply_get_usage (reply)->output_tokens, ==, 9);
  g_assert_cmpint (bp_chat_reply_get_latency_ms (reply), ==, -1);
  g_assert_true (bp_chat_reply_get_tool_use (reply, 0, NULL, NULL, &input));
  g_assert_cmpstr (input, ==, "{\"x\": 1}");
}

static void
test_stream_errors (void)
{
  g_autoptr(BpInvokeStreamParser) anthropic = bp_invoke_stream_parser_new (BP_MODEL_FAMILY_ANTHROPIC_MESSAGES);
  g_autoptr(BpInvokeStreamParser) llama = bp_invoke_stream_parser_new (BP_MODEL_FAMILY_LLAMA);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  events = feed (anthropic, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", &error);
  g_assert_null (events);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_MODEL_STREAM_ERROR);
  g_assert_cmpstr (error->message, ==, "overloaded_error: Overloaded");
  g_clear_error (&error);

  events = feed (llama, "{\"generation\":", &error);
  g_assert_null (events);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_CORRUPT_STREAM);
  g_clear_error (&error);

  /* Unknown members and shapes are ignored, not errors. */
  events = feed (llama, "{\"future\":true}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
}

static void
test_response_errors (void)
{
  static const struct { BpModelFamily family; const char *body; int code; } cases[] = {
    { BP_MODEL_FAMILY_ANTHROPIC_MESSAGES, "{\"type\":\"message\"}", BP_BEDROCK_ERROR_FAILED },
    { BP_MODEL_FAMILY_LLAMA, "<html>Bad Gateway</html>", BP_BEDROCK_ERROR_NOT_JSON },
    { BP_MODEL_FAMILY_TITAN_TEXT, "{\"results\":[]}", BP_BEDROCK_ERROR_FAILED },
    { BP_MODEL_FAMILY_MISTRAL_PROMPT, "{\"outputs\":[]}", BP_BEDROCK_ERROR_FAILED },
    { BP_MODEL_FAMILY_COHERE_COMMAND_R, "{}", BP_BEDROCK_ERROR_FAILED },
    { BP_MODEL_FAMILY_UNKNOWN, "{}", BP_BEDROCK_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = bytes_from_string (cases[i].body);
      g_autoptr(GError) error = NULL;
      g_autoptr(BpChatReply) reply = bp_invoke_parse_response (cases[i].family, body, NULL, &error);

      g_assert_null (reply);
      g_assert_error (error, BP_BEDROCK_ERROR, cases[i].code);
    }
}

static void
test_headers (void)
{
  g_autoptr(BpChatReply) reply = bp_chat_reply_new ();

  bp_invoke_apply_response_headers (reply, "12x", "-3", "");
  g_assert_true (bp_usage_is_empty (bp_chat_reply_get_usage (reply)));
  g_assert_cmpint (bp_chat_reply_get_latency_ms (reply), ==, -1);

  bp_invoke_apply_response_headers (reply, "12", NULL, "1500");
  g_assert_cmpint (bp_chat_reply_get_usage (reply)->input_tokens, ==, 12);
  g_assert_cmpint (bp_chat_reply_get_usage (reply)->output_tokens, ==, -1);
  g_assert_cmpint (bp_chat_reply_get_usage (reply)->total_tokens, ==, -1);
  g_assert_cmpint (bp_chat_reply_get_latency_ms (reply), ==, 1500);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (family_cases); i++)
    {
      const FamilyCase *c = &family_cases[i];
      g_autofree char *body = g_strdup_printf ("/bp/invoke/%s/body", c->name);
      g_autofree char *response = g_strdup_printf ("/bp/invoke/%s/response", c->name);
      g_autofree char *stream = g_strdup_printf ("/bp/invoke/%s/stream", c->name);

      g_test_add_data_func (body, c, test_family_body);
      g_test_add_data_func (response, c, test_family_response);
      g_test_add_data_func (stream, c, test_family_stream);
    }

  g_test_add_func ("/bp/invoke/anthropic-messages/reasoning-body", test_anthropic_reasoning_body);
  g_test_add_func ("/bp/invoke/anthropic-messages/stream-without-metrics", test_anthropic_stream_without_metrics);
  g_test_add_func ("/bp/invoke/prefill", test_prefill);
  g_test_add_func ("/bp/invoke/unsupported-params", test_unsupported);
  g_test_add_func ("/bp/invoke/required-and-images", test_required_and_images);
  g_test_add_func ("/bp/invoke/model-family", test_model_family);
  g_test_add_func ("/bp/invoke/decode-chunk", test_decode_chunk);
  g_test_add_func ("/bp/invoke/decode-chunk-limit", test_decode_chunk_limit);
  g_test_add_func ("/bp/invoke/stream-errors", test_stream_errors);
  g_test_add_func ("/bp/invoke/response-errors", test_response_errors);
  g_test_add_func ("/bp/invoke/headers", test_headers);

  return g_test_run ();
}
