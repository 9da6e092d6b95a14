/* test-bedrock-client.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bp-bedrock-client-private.h"
#include "bp-bedrock-client-test-utils.h"
#include "bp-bedrock-error.h"
#include "bp-converse.h"
#include "bp-fake-bedrock.h"
#include "bp-test-utils.h"

/* The client against the fake Bedrock server, in process (suite loopback):
 * what goes over the wire (exact path, body and headers, signatures), the
 * streaming, invoke, images and the control plane. Faults, retries,
 * timeouts and cancellation are in test-bedrock-client-faults.c. */

#define PROFILE_ARN "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0"

static const BpFakeRequest *
last_request (Fixture *f)
{
  const BpFakeRequest *request = bp_fake_bedrock_get_last_request (f->fake);

  g_assert_nonnull (request);
  return request;
}

static void
assert_bytes_equal (GBytes     *bytes,
                    const char *expected)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_cmpstr (text, ==, expected);
}

/* Converse: the exact path, body and headers that reach the fake. */
static void
test_converse_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", bp_fake_bedrock_get_port (f->fake));
  g_autofree char *url = NULL;
  const BpFakeRequest *sent;
  SoupMessageHeaders *shown;

  reply = run_converse (f, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpstr (bp_chat_reply_get_text (reply), !=, "");
  g_assert_cmpint (bp_chat_reply_get_stop_reason (reply), ==, BP_STOP_REASON_END_TURN);
  g_assert_cmpint (bp_chat_reply_get_usage (reply)->input_tokens, >, 0);
  g_assert_cmpint (bp_chat_reply_get_usage (reply)->output_tokens, >, 0);
  g_assert_cmpint (bp_chat_reply_get_latency_ms (reply), >=, 0);
  g_assert_cmpint (bp_chat_reply_get_time_to_first_token_ms (reply), >=, 0);
  g_assert_cmpstr (bp_chat_reply_get_model_id (reply), ==, HAIKU);

  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE), ==, 1);
  sent = last_request (f);
  g_assert_cmpstr (sent->method, ==, "POST");
  g_assert_cmpstr (sent->path, ==, "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
  g_assert_null (sent->query);
  g_assert_cmpuint (sent->status, ==, 200);
  /* Only the parameter that was set: max tokens. */
  assert_bytes_equal (sent->body, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}],"
                                  "\"inferenceConfig\":{\"maxTokens\":256}}");

  g_assert_cmpstr (request_header (sent, "Content-Type"), ==, "application/json");
  g_assert_cmpstr (request_header (sent, "Host"), ==, host);
  g_assert_cmpstr (request_header (sent, "User-Agent"), ==, "bedrock-playground/" PACKAGE_VERSION);
  g_assert_cmpstr (request_header (sent, "amz-sdk-request"), ==, "attempt=1; max=3");
  g_assert_true (g_uuid_string_is_valid (request_header (sent, "amz-sdk-invocation-id")));
  g_assert_true (g_str_has_prefix (request_header (sent, "Authorization"), "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
  g_assert_nonnull (strstr (request_header (sent, "Authorization"), "SignedHeaders=content-type;host;x-amz-date,"));
  g_assert_nonnull (request_header (sent, "X-Amz-Date"));
  g_assert_null (request_header (sent, "Accept-Encoding"));

  /* The learning aid shows the same request without the signature. */
  url = g_strconcat (bp_fake_bedrock_get_url (f->fake), sent->path, NULL);
  g_assert_cmpstr (bp_bedrock_client_get_last_request_method (f->client), ==, "POST");
  g_assert_cmpstr (bp_bedrock_client_get_last_request_url (f->client), ==, url);
  g_assert_true (g_bytes_equal (bp_bedrock_client_get_last_request_body (f->client), sent->body));
  shown = bp_bedrock_client_get_last_request_headers (f->client);
  g_assert_cmpstr (soup_message_headers_get_one (shown, "Authorization"), ==, BP_BEDROCK_CLIENT_REDACTED);
  g_assert_cmpstr (soup_message_headers_get_one (shown, "Content-Type"), ==, "application/json");
  g_assert_cmpstr (soup_message_headers_get_one (shown, "X-Amz-Date"), ==, request_header (sent, "X-Amz-Date"));
}

/* Only set parameters travel, and an ARN is one path label. */
static void
test_converse_arn_and_params (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = bp_chat_request_new (PROFILE_ARN);
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  const BpFakeRequest *sent;

  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Hi");
  bp_chat_request_set_temperature (request, 0.5);
  reply = run_converse (f, request, &error);
  g_assert_no_error (error);

  sent = last_request (f);
  g_assert_cmpstr (sent->path, ==,
                   "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile"
                   "%2Fus.anthropic.claude-3-haiku-20240307-v1%3A0/converse");
  g_assert_cmpstr (sent->model_id, ==, PROFILE_ARN);
  assert_bytes_equal (sent->body, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}],"
                                  "\"inferenceConfig\":{\"temperature\":0.5}}");
}

static void
request_unqueued_cb (SoupSession *session,
                     SoupMessage *msg,
                     gpointer     user_data)
{
  GArray *ids = user_data;
  guint64 id = soup_message_get_connection_id (msg);

  g_array_append_val (ids, id);
}

/* One connection serves several calls, streaming ones included. */
static void
test_keep_alive (Fixture       *f,
                 gconstpointer  data)
{
  SoupSession *session = _bp_bedrock_client_get_session (f->client);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint64));
  gulong unqueued;

  unqueued = g_signal_connect (session, "request-unqueued", G_CALLBACK (request_unqueued_cb), ids);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello again");
      g_autoptr(BpChatReply) reply = NULL;
      g_autoptr(GError) error = NULL;

      if (i == 2)
        {
          StreamLog log;

          stream_log_init (&log, f);
          reply = run_stream (f, request, FALSE, &log, NULL, &error);
          stream_log_clear (&log);
        }
      else
        reply = run_converse (f, request, &error);
      g_assert_no_error (error);
    }

  g_signal_handler_disconnect (session, unqueued);

  g_assert_cmpuint (ids->len, ==, 4);
  for (guint i = 0; i < ids->len; i++)
    {
      g_assert_cmpuint (g_array_index (ids, guint64, i), !=, 0);
      g_assert_cmpuint (g_array_index (ids, guint64, i), ==, g_array_index (ids, guint64, 0));
    }
}

static void
test_session_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  const BpFakeRequest *sent;

  bp_fake_bedrock_set_credentials (f->fake, BP_FAKE_ACCESS_KEY_ID, BP_FAKE_SECRET_ACCESS_KEY,
                                   "EXAMPLESESSIONTOKEN");
  fixture_configure (f);

  reply = run_converse (f, request, &error);
  g_assert_no_error (error);

  sent = last_request (f);
  g_assert_cmpstr (request_header (sent, "X-Amz-Security-Token"), ==, "EXAMPLESESSIONTOKEN");
  g_assert_nonnull (strstr (request_header (sent, "Authorization"),
                            "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,"));
  g_assert_cmpstr (soup_message_headers_get_one (bp_bedrock_client_get_last_request_headers (f->client),
                                                 "X-Amz-Security-Token"), ==, BP_BEDROCK_CLIENT_REDACTED);
}

static void
test_bearer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  const BpFakeRequest *sent;

  bp_fake_bedrock_set_bearer_token (f->fake, "bedrock-api-key-dGVzdA==");
  fixture_configure (f);

  reply = run_converse (f, request, &error);
  g_assert_no_error (error);

  sent = last_request (f);
  g_assert_cmpstr (request_header (sent, "Authorization"), ==, "Bearer bedrock-api-key-dGVzdA==");
  g_assert_null (request_header (sent, "X-Amz-Date"));
  g_assert_cmpstr (soup_message_headers_get_one (bp_bedrock_client_get_last_request_headers (f->client),
                                                 "Authorization"), ==, BP_BEDROCK_CLIENT_REDACTED);
}

/* Events reach the caller one by one while the stream is still open. */
static void
test_converse_stream (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Tell me a story");
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(BpChatReply) partial = NULL;
  g_autoptr(GError) error = NULL;
  StreamLog log;

  bp_fake_bedrock_set_tokens_per_second (f->fake, 200);
  bp_fake_bedrock_set_reply_words (f->fake, 40);

  stream_log_init (&log, f);
  reply = run_stream (f, request, FALSE, &log, &partial, &error);
  g_assert_no_error (error);
  g_assert_null (partial);

  g_assert_cmpstr (last_request (f)->path, ==, "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
  g_assert_cmpuint (log.n_text, >=, 5);
  /* 40 tokens at 200 per second: the deltas are spread over the stream. */
  g_assert_cmpint (log.last_text_us - log.first_text_us, >=, 50 * 1000);
  g_assert_cmpstr (bp_chat_reply_get_text (reply), ==, log.text->str);
  g_assert_true (bp_chat_reply_is_complete (reply));
  g_assert_cmpint (bp_chat_reply_get_stop_reason (reply), ==, BP_STOP_REASON_END_TURN);
  g_assert_cmpint (bp_chat_reply_get_usage (reply)->output_tokens, >, 0);
  g_assert_cmpint (bp_chat_reply_get_time_to_first_token_ms (reply), >=, 0);
  /* The total spans the whole stream: at least first-to-last delta. */
  g_assert_cmpint (bp_chat_reply_get_total_time_ms (reply), >=,
                   bp_chat_reply_get_time_to_first_token_ms (reply));
  g_assert_cmpint (bp_chat_reply_get_total_time_ms (reply), >=,
                   (log.last_text_us - log.first_text_us) / 1000);
  g_assert_cmpint (bp_stream_event_get_event_type (g_ptr_array_index (log.events, 0)), ==,
                   BP_STREAM_EVENT_MESSAGE_START);
  stream_log_clear (&log);
}

static const char * const chat_models[] = {
  "anthropic.claude-3-haiku-20240307-v1:0",
  "anthropic.claude-v2:1",
  "meta.llama3-1-8b-instruct-v1:0",
  "amazon.titan-text-express-v1",
  "amazon.nova-lite-v1:0",
  "mistral.mistral-7b-instruct-v0:2",
  "mistral.mistral-large-2407-v1:0",
  "cohere.command-r-v1:0",
};

/* InvokeModel and its stream, in every native format the fake speaks. */
static void
test_invoke_families (Fixture       *f,
                      gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (chat_models); i++)
    {
      g_autoptr(BpChatRequest) request = new_request (chat_models[i], "Say something");
      g_autoptr(BpChatReply) reply = NULL;
      g_autoptr(BpChatReply) streamed = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      StreamLog log;

      g_test_message ("Model %s", chat_models[i]);
      bp_bedrock_client_invoke_chat_async (f->client, request, NULL, result_cb, f);
      result = wait_result (f);
      reply = bp_bedrock_client_invoke_chat_finish (f->client, result, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (bp_chat_reply_get_text (reply), !=, "");
      g_assert_cmpint (bp_chat_reply_get_stop_reason (reply), !=, BP_STOP_REASON_NONE);
      g_assert_cmpint (bp_chat_reply_get_usage (reply)->output_tokens, >, 0);
      g_assert_true (g_str_has_suffix (last_request (f)->path, "/invoke"));
      g_assert_cmpstr (request_header (last_request (f), "Accept"), ==, "application/json");

      stream_log_init (&log, f);
      streamed = run_stream (f, request, TRUE, &log, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_suffix (last_request (f)->path, "/invoke-with-response-stream"));
      g_assert_cmpstr (request_header (last_request (f), "X-Amzn-Bedrock-Accept"), ==, "application/json");
      g_assert_cmpuint (log.n_text, >=, 1);
      g_assert_cmpstr (bp_chat_reply_get_text (streamed), ==, log.text->str);
      g_assert_cmpstr (bp_chat_reply_get_text (streamed), ==, bp_chat_reply_get_text (reply));
      g_assert_true (bp_chat_reply_is_complete (streamed));
      stream_log_clear (&log);
    }
}

/* Raw InvokeModel: the body goes out as it is, the token headers come back. */
static void
test_invoke_raw (Fixture       *f,
                 gconstpointer  data)
{
  static const char body_text[] =
    "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":64,"
    "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  g_autoptr(GBytes) body = g_bytes_new_static (body_text, strlen (body_text));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  BpUsage usage;
  gint64 latency;

  bp_bedrock_client_invoke_async (f->client, HAIKU, body, NULL, result_cb, f);
  result = wait_result (f);
  response = bp_bedrock_client_invoke_finish_full (f->client, result, &usage, &latency, &error);
  g_assert_no_error (error);
  g_assert_nonnull (response);
  g_assert_true (g_bytes_equal (last_request (f)->body, body));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (response, NULL), g_bytes_get_size (response), "\"content\""));
  g_assert_cmpint (usage.input_tokens, >, 0);
  g_assert_cmpint (usage.output_tokens, >, 0);
  g_assert_cmpint (latency, >=, 0);
}

static BpImageResult *
run_image (Fixture        *f,
           BpImageRequest *request,
           GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bp_bedrock_client_generate_image_async (f->client, request, NULL, result_cb, f);
  result = wait_result (f);
  return bp_bedrock_client_generate_image_finish (f->client, result, error);
}

static BpImageRequest *
new_image_request (const char *model_id,
                   const char *prompt)
{
  BpImageRequest *request = bp_image_request_new (model_id);

  bp_image_request_set_prompt (request, prompt);
  if (!bp_image_family_is_stability (bp_image_request_get_family (request)))
    bp_image_request_set_size (request, 512, 512);

  return request;
}

static void
test_images (Fixture       *f,
             gconstpointer  data)
{
  static const char * const models[] = {
    "amazon.titan-image-generator-v2:0", "amazon.nova-canvas-v1:0", "stability.sd3-5-large-v1:0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_autoptr(BpImageRequest) request = new_image_request (models[i], "a lighthouse at dusk");
      g_autoptr(BpImageResult) images = NULL;
      g_autoptr(GError) error = NULL;
      GBytes *png;

      g_test_message ("Model %s", models[i]);
      images = run_image (f, request, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (bp_image_result_get_n_images (images), ==, 1);
      png = bp_image_result_get_image (images, 0);
      g_assert_cmpuint (g_bytes_get_size (png), >, 8);
      g_assert_cmpmem (g_bytes_get_data (png, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
      g_assert_true (g_str_has_suffix (last_request (f)->path, "/invoke"));
    }
}

static void
test_image_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(BpImageRequest) invalid = new_image_request ("amazon.titan-image-generator-v2:0", "a cat");
  g_autoptr(BpImageRequest) filtered = new_image_request ("amazon.titan-image-generator-v2:0",
                                                          "a cat [[filter]]");
  g_autoptr(BpImageResult) images = NULL;
  g_autoptr(GError) error = NULL;

  /* Checked here, before any request. */
  bp_image_request_set_n_images (invalid, 99);
  images = run_image (f, invalid, &error);
  g_assert_error (error, BP_IMAGE_REQUEST_ERROR, BP_IMAGE_REQUEST_ERROR_INVALID_PARAMETER);
  g_assert_null (images);
  g_assert_cmpuint (bp_fake_bedrock_get_n_requests (f->fake), ==, 0);
  g_clear_error (&error);

  images = run_image (f, filtered, &error);
  g_assert_error (error, BP_IMAGE_RESULT_ERROR, BP_IMAGE_RESULT_ERROR_FILTERED);
  g_assert_null (images);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_INVOKE_MODEL), ==, 1);
}

static void
test_count_tokens (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "How many tokens is this?");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint tokens = 0;

  bp_chat_request_set_system_prompt (request, "Be terse.");
  bp_bedrock_client_count_tokens_async (f->client, request, NULL, result_cb, f);
  result = wait_result (f);
  g_assert_true (bp_bedrock_client_count_tokens_finish (f->client, result, &tokens, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tokens, >, 0);

  g_assert_cmpstr (last_request (f)->path, ==, "/model/anthropic.claude-3-haiku-20240307-v1%3A0/count-tokens");
  assert_bytes_equal (last_request (f)->body,
                      "{\"input\":{\"converse\":{\"messages\":[{\"role\":\"user\",\"content\":"
                      "[{\"text\":\"How many tokens is this?\"}]}],\"system\":[{\"text\":\"Be terse.\"}]}}}");
}

static void
test_list_models (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  const BpFakeRequest *sent;

  bp_bedrock_client_list_foundation_models_async (f->client, "Mistral AI", "TEXT", NULL, result_cb, f);
  result = wait_result (f);
  body = bp_bedrock_client_list_foundation_models_finish (f->client, result, &error);
  g_assert_no_error (error);

  sent = last_request (f);
  g_assert_cmpstr (sent->method, ==, "GET");
  g_assert_cmpstr (sent->path, ==, "/foundation-models");
  g_assert_cmpstr (sent->query, ==, "byOutputModality=TEXT&byProvider=Mistral%20AI");
  g_assert_null (request_header (sent, "Content-Type"));
  g_assert_nonnull (strstr (request_header (sent, "Authorization"), "SignedHeaders=host;x-amz-date,"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "mistral.mistral-7b-instruct-v0:2"));
  g_assert_null (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "anthropic."));
}

static void
test_list_profiles_paginated (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  JsonArray *summaries;
  guint n_requests;

  _bp_bedrock_client_set_profiles_page_size (f->client, 4);
  bp_bedrock_client_list_inference_profiles_async (f->client, NULL, result_cb, f);
  result = wait_result (f);
  body = bp_bedrock_client_list_inference_profiles_finish (f->client, result, &error);
  g_assert_no_error (error);

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), &error));
  summaries = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "inferenceProfileSummaries");
  n_requests = bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_LIST_INFERENCE_PROFILES);
  g_assert_cmpuint (n_requests, >=, 2);
  g_assert_cmpuint (json_array_get_length (summaries), >, 4 * (n_requests - 1));
  g_assert_cmpuint (json_array_get_length (summaries), <=, 4 * n_requests);
  for (guint i = 0; i < json_array_get_length (summaries); i++)
    {
      JsonObject *summary = json_array_get_object_element (summaries, i);
      const char *id = json_object_get_string_member (summary, "inferenceProfileId");

      g_assert_cmpstr (json_object_get_string_member (summary, "type"), ==, "SYSTEM_DEFINED");
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, (gpointer) id);
    }

  g_assert_cmpstr (bp_fake_bedrock_get_request (f->fake, 0)->query, ==, "maxResults=4&type=SYSTEM_DEFINED");
  g_assert_true (g_str_has_prefix (bp_fake_bedrock_get_request (f->fake, 1)->query, "maxResults=4&nextToken="));
}

static void
test_refresh_catalogue (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BpModelCatalogue) catalogue = bp_model_catalogue_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bp_bedrock_client_refresh_catalogue_async (f->client, catalogue, NULL, result_cb, f);
  result = wait_result (f);
  g_assert_true (bp_bedrock_client_refresh_catalogue_finish (f->client, result, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_LIST_FOUNDATION_MODELS), ==, 1);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_LIST_INFERENCE_PROFILES), ==, 1);
  g_assert_nonnull (bp_model_catalogue_lookup (catalogue, "cohere.command-r-v1:0"));
  g_assert_nonnull (bp_model_catalogue_lookup (catalogue, "us.amazon.nova-lite-v1:0"));
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/bp/bedrock-client/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("converse/round-trip", test_converse_round_trip);
  ADD ("converse/arn-and-params", test_converse_arn_and_params);
  ADD ("converse/keep-alive", test_keep_alive);
  ADD ("auth/session-token", test_session_token);
  ADD ("auth/bearer", test_bearer);
  ADD ("stream/converse", test_converse_stream);
  ADD ("invoke/families", test_invoke_families);
  ADD ("invoke/raw", test_invoke_raw);
  ADD ("images/families", test_images);
  ADD ("images/errors", test_image_errors);
  ADD ("count-tokens", test_count_tokens);
  ADD ("control/list-models", test_list_models);
  ADD ("control/list-profiles-paginated", test_list_profiles_paginated);
  ADD ("control/refresh-catalogue", test_refresh_catalogue);

#undef ADD

  return g_test_run ();
}
