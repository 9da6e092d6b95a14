/* test-fake-bedrock-faults.c
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

/* The fake Bedrock server's fault modes, each checked on the wire with a
 * plain SoupSession (bp-fake-client.c), and its image models. */

#define HAIKU_3        "anthropic.claude-3-haiku-20240307-v1%3A0"
#define ANTHROPIC_BODY "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":200," \
                       "\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}"

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

/* Images */

static GBytes *
image_at (JsonNode   *root,
          const char *path)
{
  g_autofree char *base64 = bp_fake_json_string (root, path);
  guchar *data;
  gsize len;

  data = g_base64_decode (base64, &len);
  return g_bytes_new_take (data, len);
}

static void
test_image_titan (Fixture       *f,
                  gconstpointer  data)
{
  const char *body = "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"a lighthouse\"},"
                     "\"imageGenerationConfig\":{\"numberOfImages\":2,\"width\":768,\"height\":1152,"
                     "\"cfgScale\":8.0,\"seed\":42}}";
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST",
                                                       "/model/amazon.titan-image-generator-v2%3A0/invoke",
                                                       body, NULL, 200);
  g_autoptr(JsonNode) error = bp_fake_json_query (root, "$.error");
  g_autoptr(GBytes) first = image_at (root, "$.images[0]");
  g_autoptr(GBytes) second = image_at (root, "$.images[1]");
  g_autoptr(JsonNode) again = bp_fake_client_call_json (f, "POST",
                                                        "/model/amazon.titan-image-generator-v2%3A0/invoke",
                                                        body, NULL, 200);
  g_autoptr(GBytes) repeat = image_at (again, "$.images[0]");

  g_assert_true (JSON_NODE_HOLDS_NULL (error));
  bp_fake_assert_png (g_bytes_get_data (first, NULL), g_bytes_get_size (first), 768, 1152);
  bp_fake_assert_png (g_bytes_get_data (second, NULL), g_bytes_get_size (second), 768, 1152);
  g_assert_false (g_bytes_equal (first, second));
  /* Deterministic: the same seed gives the same bytes. */
  g_assert_true (g_bytes_equal (first, repeat));
}

static void
test_image_validation (Fixture       *f,
                       gconstpointer  data)
{
  bp_fake_client_assert_error (f, "/model/amazon.titan-image-generator-v1/invoke",
                               "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"x\"},"
                               "\"imageGenerationConfig\":{\"width\":1000,\"height\":1000}}", NULL, 400,
                               "ValidationException", "Malformed input request: #/imageGenerationConfig: 1000x1000");
  bp_fake_client_assert_error (f, "/model/amazon.titan-image-generator-v1/invoke",
                               "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"x\",\"negativeText\":\"\"}}",
                               NULL, 400, "ValidationException", "Malformed input request: #/textToImageParams/negativeText");
  bp_fake_client_assert_error (f, "/model/amazon.titan-image-generator-v1/invoke",
                               "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"x\"},"
                               "\"imageGenerationConfig\":{\"numberOfImages\":6}}", NULL, 400,
                               "ValidationException", "Malformed input request: #/imageGenerationConfig/numberOfImages");
  bp_fake_client_assert_error (f, "/model/amazon.nova-canvas-v1%3A0/invoke",
                               "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"x\"},"
                               "\"imageGenerationConfig\":{\"width\":4096,\"height\":320}}", NULL, 400,
                               "ValidationException", "Malformed input request: #/imageGenerationConfig: the aspect");
  bp_fake_client_assert_error (f, "/model/amazon.nova-canvas-v1%3A0/invoke",
                               "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"x\"},"
                               "\"imageGenerationConfig\":{\"cfgScale\":20}}", NULL, 400,
                               "ValidationException", "Malformed input request: #/imageGenerationConfig/cfgScale");
  bp_fake_client_assert_error (f, "/model/stability.sd3-5-large-v1%3A0/invoke",
                               "{\"prompt\":\"x\",\"aspect_ratio\":\"7:3\"}", NULL, 400,
                               "ValidationException", "Malformed input request: #/aspect_ratio");
  bp_fake_client_assert_error (f, "/model/amazon.nova-canvas-v1%3A0/invoke-with-response-stream",
                               "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"x\"}}", NULL, 400,
                               "ValidationException", "The model is unsupported for streaming.");
}

static void
test_image_nova_canvas (Fixture       *f,
                        gconstpointer  data)
{
  const char *body = "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"a fjord\"},"
                     "\"imageGenerationConfig\":{\"width\":1280,\"height\":720}}";
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST",
                                                       "/model/amazon.nova-canvas-v1%3A0/invoke",
                                                       body, NULL, 200);
  g_autoptr(GBytes) png = image_at (root, "$.images[0]");

  bp_fake_assert_png (g_bytes_get_data (png, NULL), g_bytes_get_size (png), 1280, 720);
}

static void
test_image_stability (Fixture       *f,
                      gconstpointer  data)
{
  const char *body = "{\"prompt\":\"a lighthouse\",\"aspect_ratio\":\"16:9\",\"seed\":7,"
                     "\"output_format\":\"png\"}";
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST",
                                                       "/model/stability.sd3-5-large-v1%3A0/invoke",
                                                       body, NULL, 200);
  g_autoptr(JsonNode) reason = bp_fake_json_query (root, "$.finish_reasons[0]");
  g_autoptr(GBytes) png = image_at (root, "$.images[0]");

  g_assert_cmpint (bp_fake_json_int (root, "$.seeds[0]"), ==, 7);
  g_assert_true (JSON_NODE_HOLDS_NULL (reason));
  bp_fake_assert_png (g_bytes_get_data (png, NULL), g_bytes_get_size (png), 1344, 768);
}

static void
test_image_filter (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) titan = bp_fake_client_call_json (f, "POST",
                                                        "/model/amazon.titan-image-generator-v1/invoke",
                                                        "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":"
                                                        "{\"text\":\"bad [[filter]]\"}}", NULL, 200);
  g_autoptr(JsonNode) stability = bp_fake_client_call_json (f, "POST",
                                                            "/model/stability.stable-image-core-v1%3A1/invoke",
                                                            "{\"prompt\":\"bad [[filter]]\"}", NULL, 200);
  g_autofree char *error = bp_fake_json_string (titan, "$.error");
  g_autofree char *reason = bp_fake_json_string (stability, "$.finish_reasons[0]");

  g_assert_cmpstr (error, ==, "This request has been blocked by our content filters.");
  g_assert_cmpuint (bp_fake_json_array_length (titan, "$.images"), ==, 0);
  g_assert_cmpstr (reason, ==, "Filter reason: prompt");
  g_assert_false (bp_fake_json_has (stability, "$.images"));

  bp_fake_client_assert_error (f, "/model/amazon.nova-canvas-v1%3A0/invoke",
                               "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"bad [[filter:400]]\"}}",
                               NULL, 400, "ValidationException",
                               "This request has been blocked by our content filters.");
}

/* Faults */

typedef struct
{
  const char  *name;
  BpFakeFault  fault;
  guint        status;
  const char  *code;
  const char  *message;
} ErrorFault;

static const ErrorFault error_faults[] = {
  { "throttle", BP_FAKE_FAULT_THROTTLE, 429, "ThrottlingException",
    "Too many requests, please wait before trying again." },
  { "error-500", BP_FAKE_FAULT_ERROR_500, 500, "InternalServerException", "The server encountered" },
  { "error-503", BP_FAKE_FAULT_ERROR_503, 503, "ServiceUnavailableException", "Bedrock is unable" },
  { "validation-400", BP_FAKE_FAULT_VALIDATION_400, 400, "ValidationException",
    "Malformed input request" },
  { "access-denied-403", BP_FAKE_FAULT_ACCESS_DENIED_403, 403, "AccessDeniedException",
    "You don't have access to the model with the specified model ID." },
  { "bad-signature-403", BP_FAKE_FAULT_BAD_SIGNATURE_403, 403, "InvalidSignatureException",
    "The request signature we calculated does not match" },
  { "expired-token-403", BP_FAKE_FAULT_EXPIRED_TOKEN_403, 403, "ExpiredTokenException",
    "The security token included in the request is expired" },
  { "model-not-ready", BP_FAKE_FAULT_MODEL_NOT_READY, 429, "ModelNotReadyException",
    "Model is not ready for inference." },
  { "model-timeout-408", BP_FAKE_FAULT_MODEL_TIMEOUT_408, 408, "ModelTimeoutException",
    "Model has timed out" },
};

static void
test_fault_error (Fixture       *f,
                  gconstpointer  data)
{
  const ErrorFault *fault = &error_faults[GPOINTER_TO_UINT (data)];
  g_autofree char *marked = g_strdup_printf ("[[fault:%s:2]] hello", fault->name);
  g_autofree char *body = bp_fake_converse_body (marked);
  g_autofree char *other = bp_fake_converse_body ("hello");
  BpFakeFault parsed;

  g_assert_true (bp_fake_fault_from_string (fault->name, &parsed));
  g_assert_cmpint (parsed, ==, fault->fault);
  g_assert_cmpstr (bp_fake_fault_to_string (fault->fault), ==, fault->name);

  /* The marker strikes twice for this prompt, then it succeeds; other
   * prompts are not affected. */
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, NULL, fault->status,
                               fault->code,
                               fault->message);
  {
    g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse",
                                                         other, NULL, 200);
  }
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse-stream", body, NULL, fault->status,
                               fault->code,
                               fault->message);
  {
    g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse",
                                                         body, NULL, 200);
  }
  g_assert_cmpint (bp_fake_bedrock_get_request (f->fake, 0)->fault, ==, fault->fault);
  g_assert_cmpint (bp_fake_bedrock_get_request (f->fake, 1)->fault, ==, BP_FAKE_FAULT_NONE);

  /* Queued: the next runtime request of any operation. */
  bp_fake_bedrock_push_fault (f->fake, fault->fault, 1);
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/invoke", ANTHROPIC_BODY, NULL, fault->status,
                               fault->code,
                               fault->message);
  {
    g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/invoke",
                                                         ANTHROPIC_BODY,
                                                         NULL, 200);
  }
}

static void
test_fault_queue (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("queued");

  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_THROTTLE, 1);
  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_ERROR_503, 1);
  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_ERROR_500, 0);

  /* The control plane neither gets nor consumes runtime faults. */
  {
    g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "GET", "/foundation-models", NULL, NULL,
                                                         200);
  }
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, NULL, 429,
                               "ThrottlingException", "");
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, NULL, 503,
                               "ServiceUnavailableException", "");
  for (guint i = 0; i < 3; i++)
    bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/count-tokens", "{}", NULL, 500,
                                 "InternalServerException", "");

  bp_fake_bedrock_clear_faults (f->fake);
  {
    g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse",
                                                         body, NULL, 200);
  }
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE), ==, 3);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_COUNT_TOKENS), ==, 3);
}

static void
assert_mid_stream_exception (BpFakeStreamResult     *stream,
                             const char *exception_type,
                             guint       events_before)
{
  BpEventStreamMessage *last;
  g_autoptr(JsonNode) payload = NULL;

  g_assert_no_error (stream->transport_error);
  g_assert_no_error (stream->decode_error);
  g_assert_false (stream->mid_message);
  g_assert_cmpuint (stream->status, ==, 200);
  g_assert_cmpuint (stream->events->len, ==, events_before + 1);

  last = g_ptr_array_index (stream->events, stream->events->len - 1);
  g_assert_cmpstr (bp_event_stream_message_get_string_header (last, ":message-type"), ==,
                   "exception");
  g_assert_cmpstr (bp_event_stream_message_get_string_header (last, ":exception-type"), ==,
                   exception_type);
  payload = bp_fake_stream_result_payload (stream, stream->events->len - 1);
  g_assert_true (bp_fake_json_has (payload, "$.message"));
}

static void
test_fault_mid_stream (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("[[fault:mid-stream-exception]] go");
  g_autofree char *throttle = bp_fake_converse_body ("[[fault:mid-stream-throttle]] go");
  g_auto(BpFakeStreamResult) a = { 0 };
  g_auto(BpFakeStreamResult) b = { 0 };
  g_auto(BpFakeStreamResult) c = { 0 };
  g_autoptr(JsonNode) payload = NULL;

  bp_fake_client_open_stream (f, "/model/" HAIKU_3 "/converse-stream", body, &a);
  assert_mid_stream_exception (&a, "modelStreamErrorException", 3);
  payload = bp_fake_stream_result_payload (&a, 3);
  g_assert_cmpint (bp_fake_json_int (payload, "$.originalStatusCode"), ==, 500);

  bp_fake_client_open_stream (f, "/model/" HAIKU_3 "/converse-stream", throttle, &b);
  assert_mid_stream_exception (&b, "throttlingException", 3);

  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_MID_STREAM_EXCEPTION, 1);
  bp_fake_client_open_stream (f, "/model/" HAIKU_3 "/invoke-with-response-stream", ANTHROPIC_BODY,
                              &c);
  assert_mid_stream_exception (&c, "modelStreamErrorException", 3);

  /* Without a stream, the failure is an HTTP error. */
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, NULL, 424,
                               "ModelErrorException", "");
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", throttle, NULL, 429,
                               "ThrottlingException", "");
}

static void
test_fault_truncated (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("[[fault:truncated-stream]] go");
  g_auto(BpFakeStreamResult) stream = { 0 };
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bp_fake_client_open_stream (f, "/model/" HAIKU_3 "/converse-stream", body, &stream);
  g_assert_cmpuint (stream.status, ==, 200);
  g_assert_no_error (stream.decode_error);
  g_assert_cmpuint (stream.events->len, ==, 3);
  /* The connection died mid-message: an error from libsoup, or at least
   * a decoder left in the middle of a message. */
  g_assert_true (stream.transport_error != NULL || stream.mid_message);

  msg = bp_fake_client_new_message (f, "POST", "/model/" HAIKU_3 "/converse", body, NULL);
  bytes = bp_fake_client_send (f, msg, &error);
  g_assert_nonnull (error);
  g_assert_null (bytes);
}

static void
test_fault_corrupt_crc (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("[[fault:corrupt-crc]] go");
  g_auto(BpFakeStreamResult) stream = { 0 };

  bp_fake_client_open_stream (f, "/model/" HAIKU_3 "/converse-stream", body, &stream);
  g_assert_no_error (stream.transport_error);
  g_assert_error (stream.decode_error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_MESSAGE_CRC);
  g_assert_cmpuint (stream.events->len, ==, 3);
}

static void
test_fault_slow_first_byte (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("[[fault:slow-first-byte:1]] wait");
  gint64 start = g_get_monotonic_time ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(BpFakeStreamResult) stream = { 0 };

  bp_fake_bedrock_set_slow_first_byte_ms (f->fake, 300);
  root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse", body, NULL, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 290 * 1000);
  g_assert_cmpint (bp_fake_bedrock_get_last_request (f->fake)->fault, ==,
                   BP_FAKE_FAULT_SLOW_FIRST_BYTE);

  /* The streaming path waits the same way. */
  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_SLOW_FIRST_BYTE, 1);
  start = g_get_monotonic_time ();
  bp_fake_client_open_stream (f, "/model/" HAIKU_3 "/converse-stream", body, &stream);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 290 * 1000);
  g_assert_no_error (stream.decode_error);
  g_assert_cmpuint (stream.events->len, ==, 28);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_fault_hang (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("[[fault:hang]] wait");
  g_autoptr(SoupMessage) msg = bp_fake_client_new_message (f, "POST", "/model/" HAIKU_3 "/converse",
                                                           body, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other = bp_fake_converse_body ("hello");
  g_autoptr(JsonNode) root = NULL;

  g_timeout_add (200, cancel_cb, cancellable);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    bp_fake_client_store_result_cb, &result);
  bytes = soup_session_send_and_read_finish (f->session, bp_fake_client_wait (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (bp_fake_bedrock_get_last_request (f->fake)->status, ==, 0);

  /* The server goes on serving others. */
  root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse", other, NULL, 200);
}

static void
test_fault_html_502 (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("[[fault:html-502]] proxy");
  g_autoptr(SoupMessage) msg = bp_fake_client_new_message (f, "POST", "/model/" HAIKU_3 "/converse",
                                                           body, NULL);
  g_autoptr(GBytes) bytes = bp_fake_client_send (f, msg, NULL);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_cmpuint (soup_message_get_status (msg), ==, 502);
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, "text/html");
  g_assert_nonnull (strstr (text, "<html>"));
  g_assert_nonnull (strstr (text, "<h1>502 Bad Gateway</h1>"));
  g_assert_null (soup_message_headers_get_one (headers, "x-amzn-ErrorType"));
  g_assert_null (soup_message_headers_get_one (headers, "x-amzn-RequestId"));
  g_assert_nonnull (soup_message_headers_get_one (headers, "Date"));
}

static void
test_fault_huge (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("[[fault:huge]] big");
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse",
                                                       body, NULL, 200);
  g_autofree char *text = bp_fake_json_string (root, "$.output.message.content[0].text");
  g_auto(BpFakeStreamResult) stream = { 0 };
  g_autofree char *streamed = NULL;
  g_autoptr(JsonNode) image = NULL;
  g_autoptr(GBytes) png = NULL;

  g_assert_cmpuint (strlen (text), >=, 8 * 1024 * 1024);
  g_assert_cmpint (bp_fake_json_int (root, "$.usage.outputTokens"), >, 4096);

  bp_fake_client_open_stream (f, "/model/" HAIKU_3 "/converse-stream", body, &stream);
  g_assert_no_error (stream.decode_error);
  streamed = bp_fake_stream_result_text (&stream);
  g_assert_cmpstr (streamed, ==, text);

  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_HUGE, 1);
  image = bp_fake_client_call_json (f, "POST", "/model/amazon.titan-image-generator-v1/invoke",
                                    "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"big\"}}", NULL, 200);
  png = image_at (image, "$.images[0]");
  g_assert_cmpuint (g_bytes_get_size (png), >, 2 * 1024 * 1024);
  bp_fake_assert_png (g_bytes_get_data (png, NULL), g_bytes_get_size (png), 4096, 4096);
}

#define ADD(path, func) \
  g_test_add ("/bp/fake-bedrock/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  ADD ("image/titan", test_image_titan);
  ADD ("image/nova-canvas", test_image_nova_canvas);
  ADD ("image/stability", test_image_stability);
  ADD ("image/validation", test_image_validation);
  ADD ("image/filter", test_image_filter);
  ADD ("fault/queue", test_fault_queue);
  ADD ("fault/mid-stream", test_fault_mid_stream);
  ADD ("fault/truncated-stream", test_fault_truncated);
  ADD ("fault/corrupt-crc", test_fault_corrupt_crc);
  ADD ("fault/slow-first-byte", test_fault_slow_first_byte);
  ADD ("fault/hang", test_fault_hang);
  ADD ("fault/html-502", test_fault_html_502);
  ADD ("fault/huge", test_fault_huge);

  for (guint i = 0; i < G_N_ELEMENTS (error_faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bp/fake-bedrock/fault/%s", error_faults[i].name);

      g_test_add (path, Fixture, GUINT_TO_POINTER (i), fixture_set_up, test_fault_error,
                  fixture_tear_down);
    }

  return g_test_run ();
}
