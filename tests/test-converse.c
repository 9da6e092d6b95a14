/* test-converse.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "bp-bedrock-error.h"
#include "bp-converse.h"
#include "bp-test-utils.h"

#define CLAUDE "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
#define NOVA "amazon.nova-pro-v1:0"
#define LLAMA "meta.llama3-8b-instruct-v1:0"

/* The 8-byte PNG signature: base64 "iVBORw0KGgo=". */
static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static GBytes *
bytes_from_string (const char *str)
{
  return g_bytes_new (str, strlen (str));
}

static void
assert_body (BpChatRequest *request,
             const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = bp_converse_build_body (request, &error);
  g_autofree char *text = NULL;
  gsize size;
  const char *data;

  g_assert_no_error (error);
  g_assert_nonnull (body);
  data = g_bytes_get_data (body, &size);
  text = g_strndup (data, size);
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_body_error (BpChatRequest *request,
                   const char    *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = bp_converse_build_body (request, &error);

  g_assert_null (body);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

static BpChatRequest *
two_turns (const char *model_id)
{
  BpChatRequest *request = bp_chat_request_new (model_id);

  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Hi");
  bp_chat_request_add_message (request, BP_CHAT_ROLE_ASSISTANT, "Hello!");
  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Name a colour.");
  return request;
}

static void
test_body_minimal (void)
{
  g_autoptr(BpChatRequest) request = bp_chat_request_new (CLAUDE);

  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Hello");
  assert_body (request, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}");
}

static void
test_body_only_set_params (void)
{
  g_autoptr(BpChatRequest) request = bp_chat_request_new (CLAUDE);

  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Hello");
  bp_chat_request_set_max_tokens (request, 512);
  bp_chat_request_set_temperature (request, 0.7);
  assert_body (request,
               "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}],"
               "\"inferenceConfig\":{\"maxTokens\":512,\"temperature\":0.7}}");

  /* Only top-P: newer Claude refuses it together with temperature. */
  bp_chat_request_unset (request, BP_CHAT_PARAM_TEMPERATURE);
  bp_chat_request_set_top_p (request, 0.9);
  assert_body (request,
               "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}],"
               "\"inferenceConfig\":{\"maxTokens\":512,\"topP\":0.9}}");

  bp_chat_request_unset (request, BP_CHAT_PARAM_MAX_TOKENS);
  bp_chat_request_unset (request, BP_CHAT_PARAM_TOP_P);
  g_assert_false (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_P));
  g_assert_cmpfloat (bp_chat_request_get_top_p (request), ==, 0.0);
  assert_body (request, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}");
}

static void
test_body_all_params (void)
{
  const char * const stops[] = { "END", "\n\nHuman:", NULL };
  g_autoptr(BpChatRequest) request = two_turns (CLAUDE);

  bp_chat_request_set_system_prompt (request, "You are terse.");
  bp_chat_request_set_max_tokens (request, 1024);
  bp_chat_request_set_temperature (request, 1.0);
  bp_chat_request_set_top_p (request, 0.25);
  bp_chat_request_set_stop_sequences (request, stops);
  bp_chat_request_set_top_k (request, 250);
  assert_body (request,
               "{\"messages\":["
               "{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]},"
               "{\"role\":\"assistant\",\"content\":[{\"text\":\"Hello!\"}]},"
               "{\"role\":\"user\",\"content\":[{\"text\":\"Name a colour.\"}]}],"
               "\"system\":[{\"text\":\"You are terse.\"}],"
               "\"inferenceConfig\":{\"maxTokens\":1024,\"temperature\":1.0,\"topP\":0.25,"
               "\"stopSequences\":[\"END\",\"\\n\\nHuman:\"]},"
               "\"additionalModelRequestFields\":{\"top_k\":250}}");

  /* An empty list unsets, and a blank system prompt is no system prompt. */
  bp_chat_request_set_stop_sequences (request, (const char * const []) { NULL });
  g_assert_false (bp_chat_request_is_set (request, BP_CHAT_PARAM_STOP_SEQUENCES));
  g_assert_null (bp_chat_request_get_stop_sequences (request));
  bp_chat_request_set_system_prompt (request, " \n ");
  g_assert_null (bp_chat_request_get_system_prompt (request));
}

static void
test_body_top_k_placement (void)
{
  g_autoptr(BpChatRequest) nova = bp_chat_request_new ("eu." NOVA);
  g_autoptr(BpChatRequest) llama = bp_chat_request_new (LLAMA);

  bp_chat_request_add_message (nova, BP_CHAT_ROLE_USER, "Hi");
  bp_chat_request_set_top_k (nova, 20);
  assert_body (nova,
               "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}],"
               "\"additionalModelRequestFields\":{\"inferenceConfig\":{\"topK\":20}}}");

  bp_chat_request_add_message (llama, BP_CHAT_ROLE_USER, "Hi");
  bp_chat_request_set_top_k (llama, 20);
  assert_body_error (llama, "Top K");
  g_assert_false (bp_converse_get_features (LLAMA) & BP_CHAT_FEATURE_TOP_K);
  g_assert_true (bp_converse_get_features (CLAUDE) & BP_CHAT_FEATURE_TOP_K);
  g_assert_true (bp_converse_get_features (CLAUDE) & BP_CHAT_FEATURE_REASONING_BUDGET);
  g_assert_false (bp_converse_get_features (NOVA) & BP_CHAT_FEATURE_REASONING_BUDGET);
}

static void
test_body_reasoning_budget (void)
{
  g_autoptr(BpChatRequest) request = bp_chat_request_new (CLAUDE);

  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Think.");
  bp_chat_request_set_max_tokens (request, 4096);
  bp_chat_request_set_reasoning_budget (request, 2048);
  bp_chat_request_set_top_k (request, 5);
  assert_body (request,
               "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Think.\"}]}],"
               "\"inferenceConfig\":{\"maxTokens\":4096},"
               "\"additionalModelRequestFields\":{\"top_k\":5,"
               "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}}");

  bp_chat_request_set_reasoning_budget (request, 1000);
  assert_body_error (request, "at least 1024");
  bp_chat_request_set_reasoning_budget (request, 4096);
  assert_body_error (request, "smaller than Max tokens");

  bp_chat_request_set_reasoning_budget (request, 1024);
  bp_chat_request_set_model_id (request, NOVA);
  bp_chat_request_unset (request, BP_CHAT_PARAM_TOP_K);
  assert_body_error (request, "reasoning budget");
}

static void
test_body_images_and_reasoning (void)
{
  g_autoptr(BpChatRequest) request = bp_chat_request_new (CLAUDE);
  g_autoptr(GBytes) png = g_bytes_new_static (png_magic, sizeof png_magic);
  g_autoptr(GBytes) redacted = bytes_from_string ("secret");
  BpChatMessage *message;

  message = bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "What is this?");
  bp_chat_message_add_image (message, BP_CHAT_IMAGE_FORMAT_PNG, png);
  message = bp_chat_request_add_message (request, BP_CHAT_ROLE_ASSISTANT, "A PNG header.");
  bp_chat_message_set_reasoning (message, "It starts with 0x89.", "sig==");
  bp_chat_message_set_redacted_reasoning (message, redacted);
  message = bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "");
  bp_chat_message_add_image (message, BP_CHAT_IMAGE_FORMAT_WEBP, png);

  /* Without thinking on, reasoning stays out. */
  assert_body (request,
               "{\"messages\":["
               "{\"role\":\"user\",\"content\":["
               "{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"iVBORw0KGgo=\"}}},"
               "{\"text\":\"What is this?\"}]},"
               "{\"role\":\"assistant\",\"content\":[{\"text\":\"A PNG header.\"}]},"
               "{\"role\":\"user\",\"content\":["
               "{\"image\":{\"format\":\"webp\",\"source\":{\"bytes\":\"iVBORw0KGgo=\"}}}]}]}");

  bp_chat_request_set_max_tokens (request, 2048);
  bp_chat_request_set_reasoning_budget (request, 1024);
  assert_body (request,
               "{\"messages\":["
               "{\"role\":\"user\",\"content\":["
               "{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"iVBORw0KGgo=\"}}},"
               "{\"text\":\"What is this?\"}]},"
               "{\"role\":\"assistant\",\"content\":["
               "{\"reasoningContent\":{\"reasoningText\":{\"text\":\"It starts with 0x89.\",\"signature\":\"sig==\"}}},"
               "{\"reasoningContent\":{\"redactedContent\":\"c2VjcmV0\"}},"
               "{\"text\":\"A PNG header.\"}]},"
               "{\"role\":\"user\",\"content\":["
               "{\"image\":{\"format\":\"webp\",\"source\":{\"bytes\":\"iVBORw0KGgo=\"}}}]}],"
               "\"inferenceConfig\":{\"maxTokens\":2048},"
               "\"additionalModelRequestFields\":{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}}}");
}

static void
test_body_escaping (void)
{
  g_autoptr(BpChatRequest) request = bp_chat_request_new (CLAUDE);

  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "say \"안녕\"\tand \\ \x01 </end>\n");
  bp_chat_request_set_temperature (request, 0.1);
  assert_body (request,
               "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":"
               "\"say \\\"안녕\\\"\\tand \\\\ \\u0001 </end>\\n\"}]}],"
               "\"inferenceConfig\":{\"temperature\":0.1}}");
}

typedef struct
{
  const char *name;
  void      (*setup) (BpChatRequest *request);
  const char *fragment;
} ValidationCase;

static void setup_empty (BpChatRequest *r) { (void) r; }
static void setup_first_assistant (BpChatRequest *r) { bp_chat_request_add_message (r, BP_CHAT_ROLE_ASSISTANT, "Hi"); }
static void setup_blank_text (BpChatRequest *r) { bp_chat_request_add_message (r, BP_CHAT_ROLE_USER, " \t\n"); }
static void setup_bad_utf8 (BpChatRequest *r) { bp_chat_request_add_message (r, BP_CHAT_ROLE_USER, "caf\xc3"); }
static void setup_ok (BpChatRequest *r) { bp_chat_request_add_message (r, BP_CHAT_ROLE_USER, "Hi"); }

static void
setup_not_alternating (BpChatRequest *r)
{
  bp_chat_request_add_message (r, BP_CHAT_ROLE_USER, "Hi");
  bp_chat_request_add_message (r, BP_CHAT_ROLE_USER, "Hi again");
}

static void
setup_assistant_image (BpChatRequest *r)
{
  g_autoptr(GBytes) png = g_bytes_new_static (png_magic, sizeof png_magic);

  bp_chat_request_add_message (r, BP_CHAT_ROLE_USER, "Hi");
  bp_chat_message_add_image (bp_chat_request_add_message (r, BP_CHAT_ROLE_ASSISTANT, "Look"),
                             BP_CHAT_IMAGE_FORMAT_PNG, png);
}

static void setup_hot (BpChatRequest *r) { setup_ok (r); bp_chat_request_set_temperature (r, 1.5); }
static void setup_nan (BpChatRequest *r) { setup_ok (r); bp_chat_request_set_temperature (r, NAN); }
static void setup_top_p (BpChatRequest *r) { setup_ok (r); bp_chat_request_set_top_p (r, -0.1); }
static void setup_zero_max (BpChatRequest *r) { setup_ok (r); bp_chat_request_set_max_tokens (r, 0); }
static void setup_no_model (BpChatRequest *r) { setup_ok (r); bp_chat_request_set_model_id (r, NULL); }

static void
setup_empty_stop (BpChatRequest *r)
{
  const char * const stops[] = { "ok", "", NULL };

  setup_ok (r);
  bp_chat_request_set_stop_sequences (r, stops);
}

static const ValidationCase validation_cases[] = {
  { "empty", setup_empty, "empty" },
  { "first-assistant", setup_first_assistant, "start with a user message" },
  { "not-alternating", setup_not_alternating, "Messages 1 and 2 have the same role" },
  { "blank-text", setup_blank_text, "Message 1 is empty" },
  { "bad-utf8", setup_bad_utf8, "UTF-8" },
  { "assistant-image", setup_assistant_image, "only user messages" },
  { "temperature", setup_hot, "Temperature must be between 0 and 1 (it is 1.5)" },
  { "temperature-nan", setup_nan, "Temperature must be between 0 and 1" },
  { "top-p", setup_top_p, "Top P must be between 0 and 1 (it is -0.1)" },
  { "max-tokens-zero", setup_zero_max, "Max tokens must be at least 1" },
  { "empty-stop", setup_empty_stop, "Stop sequences" },
  { "no-model", setup_no_model, "Choose a model" },
};

static void
test_validation (gconstpointer data)
{
  const ValidationCase *c = data;
  g_autoptr(BpChatRequest) request = bp_chat_request_new (CLAUDE);
  g_autoptr(GError) error = NULL;

  c->setup (request);
  g_assert_false (bp_chat_request_validate (request, &error));
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION);
  g_clear_error (&error);
  assert_body_error (request, c->fragment);
}

static void
test_request_copy (void)
{
  const char * const stops[] = { "x", NULL };
  g_autoptr(BpChatRequest) request = two_turns (CLAUDE);
  g_autoptr(BpChatRequest) copy = NULL;

  bp_chat_request_set_stop_sequences (request, stops);
  bp_chat_request_set_top_k (request, 3);
  copy = bp_chat_request_copy (request);
  bp_chat_request_set_model_id (copy, NOVA);
  bp_chat_request_unset (request, BP_CHAT_PARAM_TOP_K);

  g_assert_cmpstr (bp_chat_request_get_model_id (request), ==, CLAUDE);
  g_assert_cmpuint (bp_chat_request_get_n_messages (copy), ==, 3);
  g_assert_true (bp_chat_request_get_message (copy, 1) == bp_chat_request_get_message (request, 1));
  g_assert_cmpuint (bp_chat_request_get_top_k (copy), ==, 3);
  g_assert_cmpstr (bp_chat_request_get_stop_sequences (copy)[0], ==, "x");

  bp_chat_request_truncate_messages (copy, 1);
  g_assert_cmpuint (bp_chat_request_get_n_messages (copy), ==, 1);
  g_assert_cmpuint (bp_chat_request_get_n_messages (request), ==, 3);
}

static void
test_image_format (void)
{
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0 };
  static const char webp[] = "RIFF\x10\0\0\0WEBPVP8 ";
  g_autoptr(GBytes) png = g_bytes_new_static (png_magic, sizeof png_magic);
  g_autoptr(GBytes) jpg = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(GBytes) wp = g_bytes_new_static (webp, sizeof webp - 1);
  g_autoptr(GBytes) gif = bytes_from_string ("GIF89a....");
  g_autoptr(GBytes) text = bytes_from_string ("hello world!");
  BpChatImageFormat format;

  g_assert_true (bp_chat_image_format_sniff (png, &format));
  g_assert_cmpint (format, ==, BP_CHAT_IMAGE_FORMAT_PNG);
  g_assert_true (bp_chat_image_format_sniff (jpg, &format));
  g_assert_cmpint (format, ==, BP_CHAT_IMAGE_FORMAT_JPEG);
  g_assert_true (bp_chat_image_format_sniff (wp, &format));
  g_assert_cmpint (format, ==, BP_CHAT_IMAGE_FORMAT_WEBP);
  g_assert_true (bp_chat_image_format_sniff (gif, &format));
  g_assert_cmpint (format, ==, BP_CHAT_IMAGE_FORMAT_GIF);
  g_assert_false (bp_chat_image_format_sniff (text, &format));

  g_assert_true (bp_chat_image_format_from_string ("image/JPEG", &format));
  g_assert_cmpint (format, ==, BP_CHAT_IMAGE_FORMAT_JPEG);
  g_assert_true (bp_chat_image_format_from_string ("jpg", &format));
  g_assert_cmpint (format, ==, BP_CHAT_IMAGE_FORMAT_JPEG);
  g_assert_false (bp_chat_image_format_from_string ("bmp", &format));
  g_assert_cmpstr (bp_chat_image_format_to_mime_type (BP_CHAT_IMAGE_FORMAT_GIF), ==, "image/gif");
}

static BpChatReply *
parse_response (const char *json)
{
  g_autoptr(GBytes) body = bytes_from_string (json);
  g_autoptr(GError) error = NULL;
  BpChatReply *reply = bp_converse_parse_response (body, CLAUDE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
  return reply;
}

static void
test_response_basic (void)
{
  g_autoptr(BpChatReply) reply = parse_response (
    "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Hi!\"}]}},"
    "\"stopReason\":\"end_turn\","
    "\"usage\":{\"inputTokens\":12,\"outputTokens\":4,\"totalTokens\":16},"
    "\"metrics\":{\"latencyMs\":412}}");
  const BpUsage *usage = bp_chat_reply_get_usage (reply);

  g_assert_cmpstr (bp_chat_reply_get_text (reply), ==, "Hi!");
  g_assert_null (bp_chat_reply_get_reasoning_text (reply));
  g_assert_cmpint (bp_chat_reply_get_stop_reason (reply), ==, BP_STOP_REASON_END_TURN);
  g_assert_cmpstr (bp_chat_reply_get_stop_reason_string (reply), ==, "end_turn");
  g_assert_cmpint (usage->input_tokens, ==, 12);
  g_assert_cmpint (usage->output_tokens, ==, 4);
  g_assert_cmpint (usage->total_tokens, ==, 16);
  g_assert_cmpint (usage->cache_read_input_tokens, ==, -1);
  g_assert_cmpint (bp_chat_reply_get_latency_ms (reply), ==, 412);
  g_assert_cmpstr (bp_chat_reply_get_model_id (reply), ==, CLAUDE);
  g_assert_true (bp_chat_reply_is_complete (reply));
}

static void
test_response_reasoning (void)
{
  g_autoptr(BpChatReply) reply = parse_response (
    "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":["
    "{\"reasoningContent\":{\"reasoningText\":{\"text\":\"Let me think.\",\"signature\":\"EqQBCkYIAxgC\"}}},"
    "{\"reasoningContent\":{\"redactedContent\":\"AAEC\"}},"
    "{\"citationsContent\":{\"citations\":[]}},"
    "{\"text\":\"Blue\"},{\"text\":\".\"},"
    "{\"toolUse\":{\"toolUseId\":\"t1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Seoul\"}}}]}},"
    "\"stopReason\":\"model_context_window_exceeded\","
    "\"usage\":{\"inputTokens\":30,\"outputTokens\":50,\"totalTokens\":80,"
    "\"cacheReadInputTokens\":7,\"cacheWriteInputTokens\":3,\"cacheDetails\":[{\"ttl\":\"5m\",\"inputTokens\":3}]},"
    "\"metrics\":{\"latencyMs\":1500},\"futureMember\":{\"x\":[1,2]},"
    "\"trace\":{\"promptRouter\":{\"invokedModelId\":\"arn:aws:bedrock:us-east-1::foundation-model/x\"}},"
    "\"additionalModelResponseFields\":{\"stop_sequence\":null}}");
  const BpUsage *usage = bp_chat_reply_get_usage (reply);
  GBytes *redacted = bp_chat_reply_get_redacted_reasoning (reply);
  const char *id, *name, *input;
  g_autoptr(BpChatMessage) message = NULL;

  g_assert_cmpstr (bp_chat_reply_get_text (reply), ==, "Blue.");
  g_assert_cmpstr (bp_chat_reply_get_reasoning_text (reply), ==, "Let me think.");
  g_assert_cmpstr (bp_chat_reply_get_reasoning_signature (reply), ==, "EqQBCkYIAxgC");
  g_assert_nonnull (redacted);
  g_assert_cmpmem (g_bytes_get_data (redacted, NULL), g_bytes_get_size (redacted), "\x00\x01\x02", 3);
  g_assert_cmpint (bp_chat_reply_get_stop_reason (reply), ==, BP_STOP_REASON_MODEL_CONTEXT_WINDOW_EXCEEDED);
  g_assert_cmpint (usage->cache_read_input_tokens, ==, 7);
  g_assert_cmpint (usage->cache_write_input_tokens, ==, 3);
  g_assert_cmpstr (bp_chat_reply_get_model_id (reply), ==, "arn:aws:bedrock:us-east-1::foundation-model/x");
  g_assert_cmpuint (bp_chat_reply_get_n_tool_uses (reply), ==, 1);
  g_assert_true (bp_chat_reply_get_tool_use (reply, 0, &id, &name, &input));
  g_assert_cmpstr (id, ==, "t1");
  g_assert_cmpstr (name, ==, "get_weather");
  g_assert_cmpstr (input, ==, "{\"city\":\"Seoul\"}");
  g_assert_false (bp_chat_reply_get_tool_use (reply, 1, NULL, NULL, NULL));

  message = bp_chat_reply_to_message (reply);
  g_assert_cmpint (bp_chat_message_get_role (message), ==, BP_CHAT_ROLE_ASSISTANT);
  g_assert_cmpstr (bp_chat_message_get_text (message), ==, "Blue.");
  g_assert_cmpstr (bp_chat_message_get_reasoning_signature (message), ==, "EqQBCkYIAxgC");
  g_assert_true (bp_chat_message_get_redacted_reasoning (message) == redacted);
}

static void
test_response_unknown_stop_reason (void)
{
  g_autoptr(BpChatReply) reply = parse_response (
    "{\"output\":{\"message\":{\"content\":[{\"text\":\"x\"}]}},\"stopReason\":\"brand_new_reason\","
    "\"usage\":{\"inputTokens\":1,\"outputTokens\":1},\"metrics\":{\"latencyMs\":1}}");

  g_assert_cmpint (bp_chat_reply_get_stop_reason (reply), ==, BP_STOP_REASON_OTHER);
  g_assert_cmpstr (bp_chat_reply_get_stop_reason_string (reply), ==, "brand_new_reason");
  /* No total in the body: input + output. */
  g_assert_cmpint (bp_chat_reply_get_usage (reply)->total_tokens, ==, 2);
}

static void
test_response_errors (void)
{
  static const struct { const char *body; int code; } cases[] = {
    { "<html><body>502 Bad Gateway</body></html>", BP_BEDROCK_ERROR_NOT_JSON },
    { "", BP_BEDROCK_ERROR_NOT_JSON },
    { "[1,2]", BP_BEDROCK_ERROR_NOT_JSON },
    { "{\"stopReason\":\"end_turn\"}", BP_BEDROCK_ERROR_FAILED },
    { "{\"output\":{\"message\":\"text\"}}", BP_BEDROCK_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = bytes_from_string (cases[i].body);
      g_autoptr(GError) error = NULL;
      g_autoptr(BpChatReply) reply = bp_converse_parse_response (body, NULL, &error);

      g_assert_null (reply);
      g_assert_error (error, BP_BEDROCK_ERROR, cases[i].code);
    }
}

static BpStreamEvent *
parse_event (const char *event_type,
             const char *payload)
{
  g_autoptr(GBytes) bytes = bytes_from_string (payload);
  g_autoptr(GError) error = NULL;
  BpStreamEvent *event = bp_converse_stream_parse_event (event_type, bytes, &error);

  g_assert_no_error (error);
  return event;
}

static void
test_stream_events (void)
{
  g_autoptr(BpStreamEvent) start = parse_event ("messageStart", "{\"p\":\"abcdefghijk\",\"role\":\"assistant\"}");
  g_autoptr(BpStreamEvent) text = parse_event ("contentBlockDelta",
    "{\"contentBlockIndex\":1,\"delta\":{\"text\":\"Hel\"},\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEFGH\"}");
  g_autoptr(BpStreamEvent) thinking = parse_event ("contentBlockDelta",
    "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"Hmm\"}},\"p\":\"ab\"}");
  g_autoptr(BpStreamEvent) signature = parse_event ("contentBlockDelta",
    "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"c2ln\"}}}");
  g_autoptr(BpStreamEvent) redacted = parse_event ("contentBlockDelta",
    "{\"contentBlockIndex\":2,\"delta\":{\"reasoningContent\":{\"redactedContent\":\"AQID\"}}}");
  g_autoptr(BpStreamEvent) stop_block = parse_event ("contentBlockStop", "{\"contentBlockIndex\":1,\"p\":\"abcd\"}");
  g_autoptr(BpStreamEvent) stop = parse_event ("messageStop", "{\"p\":\"x\",\"stopReason\":\"max_tokens\"}");

  g_assert_cmpint (bp_stream_event_get_event_type (start), ==, BP_STREAM_EVENT_MESSAGE_START);
  g_assert_cmpint (bp_stream_event_get_event_type (text), ==, BP_STREAM_EVENT_TEXT_DELTA);
  g_assert_cmpuint (bp_stream_event_get_block_index (text), ==, 1);
  g_assert_cmpstr (bp_stream_event_get_text (text), ==, "Hel");
  g_assert_cmpint (bp_stream_event_get_event_type (thinking), ==, BP_STREAM_EVENT_REASONING_DELTA);
  g_assert_cmpstr (bp_stream_event_get_text (thinking), ==, "Hmm");
  g_assert_cmpint (bp_stream_event_get_event_type (signature), ==, BP_STREAM_EVENT_REASONING_SIGNATURE);
  g_assert_cmpstr (bp_stream_event_get_text (signature), ==, "c2ln");
  g_assert_cmpint (bp_stream_event_get_event_type (redacted), ==, BP_STREAM_EVENT_REDACTED_REASONING);
  g_assert_cmpmem (g_bytes_get_data (bp_stream_event_get_data (redacted), NULL), 3, "\x01\x02\x03", 3);
  g_assert_cmpint (bp_stream_event_get_event_type (stop_block), ==, BP_STREAM_EVENT_BLOCK_STOP);
  g_assert_cmpuint (bp_stream_event_get_block_index (stop_block), ==, 1);
  g_assert_cmpint (bp_stream_event_get_event_type (stop), ==, BP_STREAM_EVENT_MESSAGE_STOP);
  g_assert_cmpint (bp_stream_event_get_stop_reason (stop), ==, BP_STOP_REASON_MAX_TOKENS);
  g_assert_cmpstr (bp_stream_event_get_stop_reason_string (stop), ==, "max_tokens");
}

static void
test_stream_tool_use_and_metadata (void)
{
  g_autoptr(BpStreamEvent) tool_start = parse_event ("contentBlockStart",
    "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"toolUseId\":\"tooluse_1\",\"name\":\"get_weather\"}},\"p\":\"abc\"}");
  g_autoptr(BpStreamEvent) tool_delta = parse_event ("contentBlockDelta",
    "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"city\\\":\"}}}");
  g_autoptr(BpStreamEvent) metadata = parse_event ("metadata",
    "{\"usage\":{\"inputTokens\":288,\"outputTokens\":12,\"totalTokens\":300,\"cacheReadInputTokens\":5},"
    "\"metrics\":{\"latencyMs\":1891},\"trace\":{},\"p\":\"abcdefg\"}");
  const BpUsage *usage;

  g_assert_cmpint (bp_stream_event_get_event_type (tool_start), ==, BP_STREAM_EVENT_TOOL_USE_START);
  g_assert_cmpuint (bp_stream_event_get_block_index (tool_start), ==, 1);
  g_assert_cmpstr (bp_stream_event_get_tool_use_id (tool_start), ==, "tooluse_1");
  g_assert_cmpstr (bp_stream_event_get_tool_name (tool_start), ==, "get_weather");
  g_assert_cmpint (bp_stream_event_get_event_type (tool_delta), ==, BP_STREAM_EVENT_TOOL_USE_DELTA);
  g_assert_cmpstr (bp_stream_event_get_text (tool_delta), ==, "{\"city\":");

  g_assert_cmpint (bp_stream_event_get_event_type (metadata), ==, BP_STREAM_EVENT_METADATA);
  usage = bp_stream_event_get_usage (metadata);
  g_assert_cmpint (usage->input_tokens, ==, 288);
  g_assert_cmpint (usage->output_tokens, ==, 12);
  g_assert_cmpint (usage->total_tokens, ==, 300);
  g_assert_cmpint (usage->cache_read_input_tokens, ==, 5);
  g_assert_cmpint (usage->cache_write_input_tokens, ==, -1);
  g_assert_cmpint (bp_stream_event_get_latency_ms (metadata), ==, 1891);
}

static void
test_stream_ignored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) garbage = bytes_from_string ("not json at all");
  BpStreamEvent *event;

  /* Unknown event types are not even parsed. */
  event = bp_converse_stream_parse_event ("futureEvent", garbage, &error);
  g_assert_null (event);
  g_assert_no_error (error);

  /* Known events with parts the reply does not show. */
  g_assert_null (parse_event ("contentBlockStart", "{\"contentBlockIndex\":0,\"start\":{\"image\":{\"format\":\"png\"}}}"));
  g_assert_null (parse_event ("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"citation\":{\"title\":\"x\"}}}"));
  g_assert_null (parse_event ("contentBlockDelta", "{\"contentBlockIndex\":0}"));

  /* A known event whose payload is damaged is an error. */
  event = bp_converse_stream_parse_event ("contentBlockDelta", garbage, &error);
  g_assert_null (event);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_CORRUPT_STREAM);
  g_clear_error (&error);

  {
    g_autoptr(GBytes) bad_base64 = bytes_from_string (
      "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"redactedContent\":\"A*B=\"}}}");

    event = bp_converse_stream_parse_event ("contentBlockDelta", bad_base64, &error);
    g_assert_null (event);
    g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_CORRUPT_STREAM);
  }
}

static void
test_stream_accumulate (void)
{
  static const struct { const char *type; const char *payload; gint64 at_us; } events[] = {
    { "messageStart", "{\"role\":\"assistant\",\"p\":\"abcdef\"}", 1000000 },
    { "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"The user \"}},\"p\":\"a\"}", 1250000 },
    { "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"greets me.\"}}}", 1300000 },
    { "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"EqoBCkgIARAB\"}}}", 1310000 },
    { "contentBlockStop", "{\"contentBlockIndex\":0}", 1320000 },
    { "contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"text\":\"Hello\"},\"p\":\"abcdefghij\"}", 1400000 },
    { "contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"text\":\", world\"}}", 1500000 },
    { "unknownFutureEvent", "{}", 1510000 },
    { "contentBlockStop", "{\"contentBlockIndex\":1}", 1520000 },
    { "messageStop", "{\"stopReason\":\"end_turn\",\"p\":\"abc\"}", 1530000 },
    { "metadata", "{\"usage\":{\"inputTokens\":20,\"outputTokens\":9,\"totalTokens\":29},\"metrics\":{\"latencyMs\":530}}", 1540000 },
  };
  g_autoptr(BpChatReply) reply = bp_chat_reply_new ();

  bp_chat_reply_set_start_time (reply, 1000000);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autoptr(BpStreamEvent) event = parse_event (events[i].type, events[i].payload);

      if (event == NULL)
        continue;
      if (i == 9)
        g_assert_false (bp_chat_reply_is_complete (reply));
      bp_chat_reply_apply_event_at (reply, event, events[i].at_us);
    }

  g_assert_cmpstr (bp_chat_reply_get_text (reply), ==, "Hello, world");
  g_assert_cmpstr (bp_chat_reply_get_reasoning_text (reply), ==, "The user greets me.");
  g_assert_cmpstr (bp_chat_reply_get_reasoning_signature (reply), ==, "EqoBCkgIARAB");
  g_assert_cmpint (bp_chat_reply_get_stop_reason (reply), ==, BP_STOP_REASON_END_TURN);
  g_assert_true (bp_chat_reply_is_complete (reply));
  g_assert_cmpint (bp_chat_reply_get_usage (reply)->total_tokens, ==, 29);
  g_assert_cmpint (bp_chat_reply_get_latency_ms (reply), ==, 530);
  /* The first reasoning delta came 250 ms after the start. */
  g_assert_cmpint (bp_chat_reply_get_time_to_first_token_ms (reply), ==, 250);
}

static void
test_stream_tool_accumulate (void)
{
  g_autoptr(BpChatReply) reply = bp_chat_reply_new ();
  const char *payloads[][2] = {
    { "contentBlockStart", "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"toolUseId\":\"t9\",\"name\":\"calc\"}}}" },
    { "contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"a\\\":\"}}}" },
    { "contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"1}\"}}}" },
    { "messageStop", "{\"stopReason\":\"tool_use\"}" },
  };
  const char *id, *name, *input;

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autoptr(BpStreamEvent) event = parse_event (payloads[i][0], payloads[i][1]);

      bp_chat_reply_apply_event (reply, event);
    }

  g_assert_true (bp_chat_reply_get_tool_use (reply, 0, &id, &name, &input));
  g_assert_cmpstr (id, ==, "t9");
  g_assert_cmpstr (name, ==, "calc");
  g_assert_cmpstr (input, ==, "{\"a\":1}");
  g_assert_cmpint (bp_chat_reply_get_stop_reason (reply), ==, BP_STOP_REASON_TOOL_USE);
  g_assert_cmpint (bp_chat_reply_get_time_to_first_token_ms (reply), ==, -1);
}

static void
test_reply_apply_merges (void)
{
  g_autoptr(BpChatReply) reply = bp_chat_reply_new ();
  g_autoptr(BpStreamEvent) first = bp_stream_event_new (BP_STREAM_EVENT_REDACTED_REASONING, 0);
  g_autoptr(BpStreamEvent) second = bp_stream_event_new (BP_STREAM_EVENT_REDACTED_REASONING, 1);
  g_autoptr(BpStreamEvent) start = bp_stream_event_new (BP_STREAM_EVENT_MESSAGE_START, 0);
  g_autoptr(BpStreamEvent) metadata = bp_stream_event_new (BP_STREAM_EVENT_METADATA, 0);
  g_autoptr(GBytes) a = g_bytes_new_static ("ab", 2);
  g_autoptr(GBytes) b = g_bytes_new_static ("cd", 2);
  BpUsage usage;
  GBytes *joined;

  bp_stream_event_set_data (first, a);
  bp_stream_event_set_data (second, b);
  bp_chat_reply_apply_event (reply, first);
  bp_chat_reply_apply_event (reply, second);
  joined = bp_chat_reply_get_redacted_reasoning (reply);
  g_assert_cmpmem (g_bytes_get_data (joined, NULL), g_bytes_get_size (joined), "abcd", 4);

  /* Input from the start, output and latencies from the end. */
  bp_usage_init (&usage);
  usage.input_tokens = 40;
  bp_stream_event_set_usage (start, &usage);
  bp_chat_reply_apply_event (reply, start);
  bp_usage_init (&usage);
  usage.output_tokens = 8;
  bp_stream_event_set_usage (metadata, &usage);
  bp_stream_event_set_latency (metadata, 900, 350);
  bp_chat_reply_apply_event (reply, metadata);

  g_assert_cmpint (bp_chat_reply_get_usage (reply)->input_tokens, ==, 40);
  g_assert_cmpint (bp_chat_reply_get_usage (reply)->output_tokens, ==, 8);
  g_assert_cmpint (bp_chat_reply_get_usage (reply)->total_tokens, ==, 48);
  g_assert_cmpint (bp_chat_reply_get_latency_ms (reply), ==, 900);
  g_assert_cmpint (bp_chat_reply_get_first_byte_latency_ms (reply), ==, 350);
  g_assert_false (bp_chat_reply_is_complete (reply));
  g_assert_cmpint (bp_chat_reply_get_stop_reason (reply), ==, BP_STOP_REASON_NONE);
}

static void
test_stop_reason_names (void)
{
  for (guint i = BP_STOP_REASON_END_TURN; i < BP_STOP_REASON_OTHER; i++)
    g_assert_cmpint (bp_stop_reason_from_string (bp_stop_reason_to_string (i)), ==, i);

  g_assert_cmpint (bp_stop_reason_from_string (NULL), ==, BP_STOP_REASON_NONE);
  g_assert_cmpint (bp_stop_reason_from_string ("guardrail_intervened"), ==, BP_STOP_REASON_GUARDRAIL_INTERVENED);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/converse/body/minimal", test_body_minimal);
  g_test_add_func ("/bp/converse/body/only-set-params", test_body_only_set_params);
  g_test_add_func ("/bp/converse/body/all-params", test_body_all_params);
  g_test_add_func ("/bp/converse/body/top-k-placement", test_body_top_k_placement);
  g_test_add_func ("/bp/converse/body/reasoning-budget", test_body_reasoning_budget);
  g_test_add_func ("/bp/converse/body/images-and-reasoning", test_body_images_and_reasoning);
  g_test_add_func ("/bp/converse/body/escaping", test_body_escaping);
  for (guint i = 0; i < G_N_ELEMENTS (validation_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bp/converse/validation/%s", validation_cases[i].name);

      g_test_add_data_func (path, &validation_cases[i], test_validation);
    }
  g_test_add_func ("/bp/converse/request/copy", test_request_copy);
  g_test_add_func ("/bp/converse/request/image-format", test_image_format);
  g_test_add_func ("/bp/converse/response/basic", test_response_basic);
  g_test_add_func ("/bp/converse/response/reasoning", test_response_reasoning);
  g_test_add_func ("/bp/converse/response/unknown-stop-reason", test_response_unknown_stop_reason);
  g_test_add_func ("/bp/converse/response/errors", test_response_errors);
  g_test_add_func ("/bp/converse/stream/events", test_stream_events);
  g_test_add_func ("/bp/converse/stream/tool-use-and-metadata", test_stream_tool_use_and_metadata);
  g_test_add_func ("/bp/converse/stream/ignored", test_stream_ignored);
  g_test_add_func ("/bp/converse/stream/accumulate", test_stream_accumulate);
  g_test_add_func ("/bp/converse/stream/tool-accumulate", test_stream_tool_accumulate);
  g_test_add_func ("/bp/converse/reply/apply-merges", test_reply_apply_merges);
  g_test_add_func ("/bp/converse/stop-reason-names", test_stop_reason_names);

  return g_test_run ();
}
