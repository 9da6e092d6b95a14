/* test-fake-bedrock.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "bp-event-stream.h"
#include "bp-fake-client.h"
#include "bp-test-utils.h"

/* The fake Bedrock server itself, driven by a plain SoupSession and the
 * real signer (bp-fake-client.c): authentication, the runtime operations
 * (Converse, ConverseStream, CountTokens) and model access
 * (GetFoundationModelAvailability, denied models and operations).
 * InvokeModel, the rest of the control plane and the request log are in
 * test-fake-bedrock-invoke.c; the fault modes and images in
 * test-fake-bedrock-faults.c. */

#define HAIKU_3        "anthropic.claude-3-haiku-20240307-v1%3A0"
#define HAIKU_45       "anthropic.claude-haiku-4-5-20251001-v1%3A0"
#define US_HAIKU_45    "us.anthropic.claude-haiku-4-5-20251001-v1%3A0"

typedef BpFakeClient Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  bp_fake_client_init (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  bp_fake_client_clear (f);
}

/* Authentication */

static void
test_converse_signed (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("Hello");
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse",
                                                       body, NULL, 200);
  g_autofree char *text = bp_fake_json_string (root, "$.output.message.content[0].text");
  g_autofree char *stop = bp_fake_json_string (root, "$.stopReason");
  const BpFakeRequest *request = bp_fake_bedrock_get_last_request (f->fake);

  g_assert_true (g_str_has_prefix (text, "Hello! You said: Hello. "));
  g_assert_cmpstr (stop, ==, "end_turn");
  g_assert_cmpint (bp_fake_json_int (root, "$.usage.inputTokens"), ==, 1);
  g_assert_cmpint (bp_fake_json_int (root, "$.usage.outputTokens"), ==, 24);
  g_assert_cmpint (bp_fake_json_int (root, "$.usage.totalTokens"), ==, 25);
  g_assert_cmpint (bp_fake_json_int (root, "$.metrics.latencyMs"), >=, 1);

  /* The log holds the exact bytes the client sent. */
  g_assert_cmpstr (request->operation, ==, BP_FAKE_OP_CONVERSE);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/model/" HAIKU_3 "/converse");
  g_assert_cmpstr (request->model_id, ==, "anthropic.claude-3-haiku-20240307-v1:0");
  g_assert_cmpmem (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body),
                   body, strlen (body));
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (request->headers, "Authorization"),
                                   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
  g_assert_cmpuint (request->status, ==, 200);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE), ==, 1);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, NULL), ==, 1);
}

static void
test_auth_bad_signature (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("Hello");
  BpFakeAuth auth = { BP_FAKE_AUTH_SIGV4, .secret = "not-the-secret" };

  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, &auth, 403,
                               "InvalidSignatureException",
                               "The request signature we calculated does not match the signature you provided.");
  g_assert_cmpuint (bp_fake_bedrock_get_last_request (f->fake)->status, ==, 403);
}

static void
test_auth_tampered_body (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("Hello");
  g_autoptr(SoupMessage) msg = bp_fake_client_new_message (f, "POST", "/model/" HAIKU_3 "/converse",
                                                           body, NULL);
  g_autoptr(GBytes) other = g_bytes_new_static ("{\"messages\":[]}", 15);
  g_autoptr(GBytes) reply = NULL;

  /* Signed for one body, sent with another. */
  soup_message_set_request_body_from_bytes (msg, "application/json", other);
  reply = bp_fake_client_send (f, msg, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 403);
}

static void
test_auth_unknown_key (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("Hello");
  BpFakeAuth auth = { BP_FAKE_AUTH_SIGV4, .access_key_id = "AKIDUNKNOWN" };

  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, &auth, 403,
                               "UnrecognizedClientException",
                               "The security token included in the request is invalid.");
}

static void
test_auth_missing (Fixture       *f,
                   gconstpointer  data)
{
  BpFakeAuth auth = { BP_FAKE_AUTH_NONE };

  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", "{}", &auth, 403,
                               "MissingAuthenticationTokenException", "Missing Authentication Token");
}

static void
test_auth_wrong_region (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("Hello");
  BpFakeAuth auth = { BP_FAKE_AUTH_SIGV4, .region = "eu-west-1" };

  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, &auth, 403,
                               "InvalidSignatureException",
                               "Credential should be scoped to a valid region");

  bp_fake_bedrock_set_region (f->fake, "eu-west-1");
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse",
                                                       body, &auth, 200);
}

static void
test_auth_session_token (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("Hello");
  BpFakeAuth good = { BP_FAKE_AUTH_SIGV4, .session_token = "EXAMPLESESSIONTOKEN" };
  BpFakeAuth wrong = { BP_FAKE_AUTH_SIGV4, .session_token = "OTHERTOKEN" };
  BpFakeAuth none = { BP_FAKE_AUTH_SIGV4 };

  bp_fake_bedrock_set_credentials (f->fake, "AKIDEXAMPLE", BP_FAKE_SECRET_ACCESS_KEY,
                                   "EXAMPLESESSIONTOKEN");
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse",
                                                       body, &good, 200);
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, &wrong, 403,
                               "UnrecognizedClientException",
                               "The security token included in the request is invalid.");
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, &none, 403,
                               "UnrecognizedClientException",
                               "The security token included in the request is invalid.");

  bp_fake_bedrock_set_session_token_expired (f->fake, TRUE);
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, &good, 403,
                               "ExpiredTokenException",
                               "The security token included in the request is expired");
}

static void
test_auth_bearer (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("Hello");
  BpFakeAuth good = { BP_FAKE_AUTH_BEARER, .bearer = "bedrock-api-key-ZmFrZQ==" };
  BpFakeAuth wrong = { BP_FAKE_AUTH_BEARER, .bearer = "bedrock-api-key-b3RoZXI=" };

  /* No bearer token configured: refused. */
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, &good, 403,
                               "AccessDeniedException",
                               "Authentication failed");

  bp_fake_bedrock_set_bearer_token (f->fake, "bedrock-api-key-ZmFrZQ==");
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse",
                                                       body, &good, 200);
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, &wrong, 403,
                               "AccessDeniedException",
                               "Authentication failed");
}

static void
assert_date_near (SoupMessage *msg,
                  gint64       expected)
{
  const char *date = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Date");
  g_autoptr(GDateTime) time = NULL;

  g_assert_nonnull (date);
  time = soup_date_time_new_from_http_string (date);
  g_assert_nonnull (time);
  g_assert_cmpint (ABS (g_date_time_to_unix (time) - expected), <=, 5);
}

static void
test_auth_clock_skew (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("Hello");
  BpFakeAuth behind = { BP_FAKE_AUTH_SIGV4, .time_offset = -3600 };
  BpFakeAuth ahead = { BP_FAKE_AUTH_SIGV4, .time_offset = 3600 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(SoupMessage) msg = bp_fake_client_new_message (f, "POST", "/model/" HAIKU_3 "/converse",
                                                           body, &behind);
  g_autoptr(GBytes) bytes = bp_fake_client_send (f, msg, NULL);
  g_autoptr(JsonNode) root = bp_fake_json_parse (bytes);
  g_autofree char *message = bp_fake_json_string (root, "$.message");

  /* Signed an hour ago: expired, and the Date header says the real time. */
  g_assert_cmpuint (soup_message_get_status (msg), ==, 403);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                 "x-amzn-ErrorType"),
                                   "InvalidSignatureException"));
  g_assert_true (g_str_has_prefix (message, "Signature expired: "));
  g_assert_nonnull (strstr (message, "is now earlier than"));
  assert_date_near (msg, now);

  /* The server's clock an hour ahead: a request signed now is expired,
   * one signed an hour ahead goes through, and Date follows the server. */
  bp_fake_bedrock_set_clock_offset (f->fake, 3600);
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, NULL, 403,
                               "InvalidSignatureException",
                               "Signature expired: ");
  {
    g_autoptr(SoupMessage) later = bp_fake_client_new_message (f, "POST",
                                                               "/model/" HAIKU_3 "/converse", body, &ahead);
    g_autoptr(GBytes) reply = bp_fake_client_send (f, later, NULL);

    g_assert_cmpuint (soup_message_get_status (later), ==, 200);
    assert_date_near (later, now + 3600);
  }

  /* Signed in the future. */
  bp_fake_bedrock_set_clock_offset (f->fake, -3600);
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, NULL, 403,
                               "InvalidSignatureException",
                               "Signature not yet current: ");
}

static void
test_auth_arn_model_id (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("Hi");
  const char *path = "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile"
                     "%2Fus.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse";
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", path, body, NULL, 200);
  const BpFakeRequest *request = bp_fake_bedrock_get_last_request (f->fake);

  g_assert_cmpstr (request->path, ==, path);
  g_assert_cmpstr (request->model_id, ==,
                   "arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
                   "us.anthropic.claude-haiku-4-5-20251001-v1:0");
}

/* Converse */

static void
test_converse_validation (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("Hi");
  const char *both = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}],"
                     "\"inferenceConfig\":{\"temperature\":0.5,\"topP\":0.9}}";
  const char *assistant_first = "{\"messages\":[{\"role\":\"assistant\",\"content\":[{\"text\":\"Hi\"}]}]}";

  bp_fake_client_assert_error (f, "/model/anthropic.claude-9-v1%3A0/converse", body, NULL, 400,
                               "ValidationException", "The provided model identifier is invalid.");
  bp_fake_client_assert_error (f, "/model/" HAIKU_45 "/converse", body, NULL, 400,
                               "ValidationException",
                               "Invocation of model ID anthropic.claude-haiku-4-5-20251001-v1:0 with on-demand "
                               "throughput isn\xe2\x80\x99t supported. Retry your request with the ID or ARN of an "
                               "inference profile that contains this model.");
  bp_fake_client_assert_error (f, "/model/" US_HAIKU_45 "/converse", both, NULL, 400,
                               "ValidationException",
                               "The model returned the following errors: `temperature` and `top_p` cannot both "
                               "be specified for this model. Please use only one.");
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", assistant_first, NULL, 400,
                               "ValidationException", "A conversation must start with a user message.");
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", "{\"messages\":[]}", NULL, 400,
                               "ValidationException", "A conversation must start with a user message.");
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", "not json", NULL, 400,
                               "ValidationException",
                               "Malformed input request");
  bp_fake_client_assert_error (f, "/model/amazon.titan-image-generator-v1/converse", body, NULL,
                               400,
                               "ValidationException", "This action doesn't support the model");

  /* Haiku 3 takes both; any fake.* id is a model. */
  g_autoptr(JsonNode) a = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse", both,
                                                    NULL, 200);
  g_autoptr(JsonNode) b = bp_fake_client_call_json (f, "POST", "/model/fake.anything/converse",
                                                    body, NULL, 200);
}

static void
test_converse_max_tokens (Fixture       *f,
                          gconstpointer  data)
{
  const char *body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}],"
                     "\"inferenceConfig\":{\"maxTokens\":5}}";
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse",
                                                       body, NULL, 200);
  g_autofree char *text = bp_fake_json_string (root, "$.output.message.content[0].text");
  g_autofree char *stop = bp_fake_json_string (root, "$.stopReason");

  g_assert_cmpstr (text, ==, "Hello! You said: Hi. The");
  g_assert_cmpstr (stop, ==, "max_tokens");
  g_assert_cmpint (bp_fake_json_int (root, "$.usage.outputTokens"), ==, 5);
}

static void
test_converse_stop_sequence (Fixture       *f,
                             gconstpointer  data)
{
  const char *body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}],"
                     "\"inferenceConfig\":{\"stopSequences\":[\"said\"]},"
                     "\"additionalModelResponseFieldPaths\":[\"/stop_sequence\"]}";
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse",
                                                       body, NULL, 200);
  g_autofree char *text = bp_fake_json_string (root, "$.output.message.content[0].text");
  g_autofree char *stop = bp_fake_json_string (root, "$.stopReason");
  g_autofree char *matched = bp_fake_json_string (root,
                                                  "$.additionalModelResponseFields.stop_sequence");

  g_assert_cmpstr (text, ==, "Hello! You");
  g_assert_cmpstr (stop, ==, "stop_sequence");
  g_assert_cmpstr (matched, ==, "said");
  g_assert_cmpint (bp_fake_json_int (root, "$.usage.outputTokens"), ==, 2);
}

static void
test_converse_length (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("Count [[words:300]] please");
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/fake.long/converse", body,
                                                       NULL, 200);
  g_autofree char *text = bp_fake_json_string (root, "$.output.message.content[0].text");
  g_autofree char *short_body = bp_fake_converse_body ("Hi");
  g_autoptr(JsonNode) short_root = NULL;

  /* The marker sets the length and is not echoed. */
  g_assert_true (g_str_has_prefix (text, "Hello! You said: Count please. "));
  g_assert_cmpint (bp_fake_json_int (root, "$.usage.outputTokens"), ==, 300);
  g_assert_cmpint (bp_fake_json_int (root, "$.usage.inputTokens"), ==, 3);

  /* Claude 3 Haiku stops at its 4096 tokens. */
  g_free (body);
  body = bp_fake_converse_body ("[[words:5000]]");
  g_clear_pointer (&root, json_node_unref);
  root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse", body, NULL, 200);
  g_assert_cmpint (bp_fake_json_int (root, "$.usage.outputTokens"), ==, 4096);

  bp_fake_bedrock_set_reply_words (f->fake, 7);
  short_root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse", short_body, NULL,
                                         200);
  g_assert_cmpint (bp_fake_json_int (short_root, "$.usage.outputTokens"), ==, 7);
}

static void
test_converse_reasoning (Fixture       *f,
                         gconstpointer  data)
{
  const char *body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Think\"}]}],"
                     "\"additionalModelRequestFields\":{\"thinking\":{\"type\":\"enabled\","
                     "\"budget_tokens\":1024}}}";
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/" US_HAIKU_45 "/converse",
                                                       body, NULL, 200);
  g_autofree char *reasoning = bp_fake_json_string (root,
                                                    "$.output.message.content[0].reasoningContent.reasoningText.text");
  g_autofree char *signature = bp_fake_json_string (root,
                                                    "$.output.message.content[0].reasoningContent.reasoningText.signature");
  g_autofree char *text = bp_fake_json_string (root, "$.output.message.content[1].text");

  g_assert_nonnull (strstr (reasoning, "Think"));
  g_assert_cmpstr (signature, !=, "");
  g_assert_true (g_str_has_prefix (text, "Hello! You said: Think."));
}

/* ConverseStream */

static void
test_converse_stream_events (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("BpFakeStreamResult me");
  g_auto(BpFakeStreamResult) stream = { 0 };
  g_autoptr(JsonNode) converse = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse",
                                                           body, NULL, 200);
  g_autofree char *expected = bp_fake_json_string (converse, "$.output.message.content[0].text");
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  guint n;

  bp_fake_client_open_stream (f, "/model/" HAIKU_3 "/converse-stream", body, &stream);
  g_assert_no_error (stream.transport_error);
  g_assert_no_error (stream.decode_error);
  g_assert_false (stream.mid_message);
  g_assert_cmpuint (stream.status, ==, 200);

  n = stream.events->len;
  g_assert_cmpuint (n, ==, 24 + 4);
  g_assert_cmpstr (bp_fake_stream_result_event_type (&stream, 0), ==, "messageStart");
  for (guint i = 1; i < n - 3; i++)
    g_assert_cmpstr (bp_fake_stream_result_event_type (&stream, i), ==, "contentBlockDelta");
  g_assert_cmpstr (bp_fake_stream_result_event_type (&stream, n - 3), ==, "contentBlockStop");
  g_assert_cmpstr (bp_fake_stream_result_event_type (&stream, n - 2), ==, "messageStop");
  g_assert_cmpstr (bp_fake_stream_result_event_type (&stream, n - 1), ==, "metadata");

  /* Every payload is padded; the deltas add up to the Converse reply. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonNode) payload = bp_fake_stream_result_payload (&stream, i);
      BpEventStreamMessage *message = g_ptr_array_index (stream.events, i);

      g_assert_cmpstr (bp_event_stream_message_get_string_header (message, ":message-type"), ==,
                       "event");
      g_assert_cmpstr (bp_event_stream_message_get_string_header (message, ":content-type"), ==,
                       "application/json");
      g_assert_true (bp_fake_json_has (payload, "$.p"));
    }
  text = bp_fake_stream_result_text (&stream);
  g_assert_cmpstr (text, ==, expected);

  metadata = bp_fake_stream_result_payload (&stream, n - 1);
  g_assert_cmpint (bp_fake_json_int (metadata, "$.usage.outputTokens"), ==, 24);
  g_assert_cmpint (bp_fake_json_int (metadata, "$.usage.inputTokens"), ==, 2);
  g_assert_cmpint (bp_fake_json_int (metadata, "$.metrics.latencyMs"), >=, 1);
}

static void
test_converse_stream_reasoning (Fixture       *f,
                                gconstpointer  data)
{
  const char *body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Think\"}]}],"
                     "\"additionalModelRequestFields\":{\"thinking\":{\"type\":\"enabled\","
                     "\"budget_tokens\":1024}}}";
  g_auto(BpFakeStreamResult) stream = { 0 };
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) last_delta = NULL;
  gboolean seen_signature = FALSE;
  guint stop_index = 0;

  bp_fake_client_open_stream (f, "/model/" US_HAIKU_45 "/converse-stream", body, &stream);
  g_assert_no_error (stream.decode_error);
  first = bp_fake_stream_result_payload (&stream, 1);
  g_assert_true (bp_fake_json_has (first, "$.delta.reasoningContent.text"));
  g_assert_cmpint (bp_fake_json_int (first, "$.contentBlockIndex"), ==, 0);

  for (guint i = 1; i < stream.events->len; i++)
    {
      g_autoptr(JsonNode) payload = bp_fake_stream_result_payload (&stream, i);

      if (bp_fake_json_has (payload, "$.delta.reasoningContent.signature"))
        seen_signature = TRUE;
      if (g_strcmp0 (bp_fake_stream_result_event_type (&stream, i),
                     "contentBlockStop") == 0 && stop_index == 0)
        stop_index = i;
    }
  g_assert_true (seen_signature);
  g_assert_cmpuint (stop_index, >, 1);
  last_delta = bp_fake_stream_result_payload (&stream, stop_index + 1);
  g_assert_cmpint (bp_fake_json_int (last_delta, "$.contentBlockIndex"), ==, 1);
  g_assert_true (bp_fake_json_has (last_delta, "$.delta.text"));
}

static void
test_converse_stream_pacing (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("[[words:40]]");
  g_auto(BpFakeStreamResult) stream = { 0 };
  gint64 start;

  bp_fake_bedrock_set_tokens_per_second (f->fake, 200);
  start = g_get_monotonic_time ();
  bp_fake_client_open_stream (f, "/model/" HAIKU_3 "/converse-stream", body, &stream);
  g_assert_no_error (stream.decode_error);
  g_assert_cmpuint (stream.events->len, ==, 44);
  /* 40 tokens at 200 per second: at least 200 ms (minus the coalescing of
   * the last message with its neighbour). */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * 1000);
}

static void
test_converse_stream_chunking (Fixture       *f,
                               gconstpointer  data)
{
  const char *body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Chunks\"}]}]}";
  g_autofree char *request = g_strdup_printf ("POST /model/fake.chunks/converse-stream HTTP/1.1\r\n"
                                              "Host: 127.0.0.1:%u\r\n"
                                              "Authorization: Bearer raw-token\r\n"
                                              "Content-Type: application/json\r\n"
                                              "Content-Length: %zu\r\n"
                                              "Connection: close\r\n\r\n%s",
                                              bp_fake_bedrock_get_port (f->fake), strlen (body), body);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GArray) chunk_ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) message_ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GByteArray) payload = g_byte_array_new ();
  const char *raw;
  const char *p;
  gsize len, offset = 0, chunk_end;
  guint straddling = 0, shared = 0, n_messages = 0;

  bp_fake_bedrock_set_bearer_token (f->fake, "raw-token");
  response = bp_fake_client_raw_exchange (f, request);
  raw = g_bytes_get_data (response, &len);
  g_assert_true (g_str_has_prefix (raw, "HTTP/1.1 200 OK\r\n"));
  g_assert_nonnull (g_strstr_len (raw, len, "Transfer-Encoding: chunked\r\n"));
  g_assert_nonnull (g_strstr_len (raw, len, "Content-Type: application/vnd.amazon.eventstream"));

  /* Unchunk, remembering where each HTTP chunk ended. */
  p = g_strstr_len (raw, len, "\r\n\r\n") + 4;
  for (;;)
    {
      char *end;
      guint64 size = g_ascii_strtoull (p, &end, 16);

      g_assert_true (end[0] == '\r' && end[1] == '\n');
      p = end + 2;
      if (size == 0)
        break;
      g_byte_array_append (payload, (const guint8 *) p, size);
      chunk_end = payload->len;
      g_array_append_val (chunk_ends, chunk_end);
      p += size;
      g_assert_true (p[0] == '\r' && p[1] == '\n');
      p += 2;
    }

  /* Walk the event-stream messages over the chunk boundaries. */
  while (offset < payload->len)
    {
      gsize end = offset + bp_fake_read_be32 (payload->data + offset);

      g_assert_cmpuint (end, <=, payload->len);
      for (guint i = 0; i < chunk_ends->len; i++)
        {
          chunk_end = g_array_index (chunk_ends, gsize, i);
          if (chunk_end > offset && chunk_end < end)
            straddling++;
        }
      g_array_append_val (message_ends, end);
      offset = end;
      n_messages++;
    }

  /* Chunks that end two messages or more. */
  for (guint i = 0; i < chunk_ends->len; i++)
    {
      gsize start = i > 0 ? g_array_index (chunk_ends, gsize, i - 1) : 0;
      guint ends = 0;

      chunk_end = g_array_index (chunk_ends, gsize, i);
      for (guint m = 0; m < message_ends->len; m++)
        {
          gsize message_end = g_array_index (message_ends, gsize, m);

          ends += message_end > start && message_end <= chunk_end;
        }
      shared += ends >= 2;
    }

  g_assert_cmpuint (offset, ==, payload->len);
  g_assert_cmpuint (n_messages, ==, 28);
  g_assert_cmpuint (straddling, >, 0);
  g_assert_cmpuint (shared, >, 0);
  g_assert_cmpuint (chunk_ends->len, >, 1);
}

static void
test_converse_stream_client_cancel (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("[[words:100]]");
  g_autofree char *other = bp_fake_converse_body ("still there?");
  g_autoptr(SoupMessage) msg = bp_fake_client_new_message (f, "POST",
                                                           "/model/" HAIKU_3 "/converse-stream",
                                                           body, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) read_result = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 deadline;

  /* 100 words at 50 per second: two seconds of stream. */
  bp_fake_bedrock_set_tokens_per_second (f->fake, 50);
  soup_session_send_async (f->session, msg, G_PRIORITY_DEFAULT, NULL,
                           bp_fake_client_store_result_cb, &result);
  input = soup_session_send_finish (f->session, bp_fake_client_wait (&result), &error);
  g_assert_no_error (error);
  g_input_stream_read_bytes_async (input, 65536, G_PRIORITY_DEFAULT, NULL,
                                   bp_fake_client_store_result_cb, &read_result);
  bytes = g_input_stream_read_bytes_finish (input, bp_fake_client_wait (&read_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
  g_assert_cmpuint (bp_fake_bedrock_get_n_in_flight (f->fake), ==, 1);

  /* The client walks away: the server notices at its next write and
   * drops the stream. */
  g_input_stream_close (input, NULL, NULL);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (bp_fake_bedrock_get_n_in_flight (f->fake) > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (bp_fake_bedrock_get_n_in_flight (f->fake), ==, 0);

  bp_fake_bedrock_set_tokens_per_second (f->fake, 0);
  root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse", other, NULL, 200);
}

#define ADD(path, func) \
  g_test_add ("/bp/fake-bedrock/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  ADD ("converse/signed", test_converse_signed);
  ADD ("auth/bad-signature", test_auth_bad_signature);
  ADD ("auth/tampered-body", test_auth_tampered_body);
  ADD ("auth/unknown-key", test_auth_unknown_key);
  ADD ("auth/missing", test_auth_missing);
  ADD ("auth/wrong-region", test_auth_wrong_region);
  ADD ("auth/session-token", test_auth_session_token);
  ADD ("auth/bearer", test_auth_bearer);
  ADD ("auth/clock-skew", test_auth_clock_skew);
  ADD ("auth/arn-model-id", test_auth_arn_model_id);
  ADD ("converse/validation", test_converse_validation);
  ADD ("converse/max-tokens", test_converse_max_tokens);
  ADD ("converse/stop-sequence", test_converse_stop_sequence);
  ADD ("converse/length", test_converse_length);
  ADD ("converse/reasoning", test_converse_reasoning);
  ADD ("converse-stream/events", test_converse_stream_events);
  ADD ("converse-stream/reasoning", test_converse_stream_reasoning);
  ADD ("converse-stream/pacing", test_converse_stream_pacing);
  ADD ("converse-stream/chunking", test_converse_stream_chunking);
  ADD ("converse-stream/client-cancel", test_converse_stream_client_cancel);

  return g_test_run ();
}
