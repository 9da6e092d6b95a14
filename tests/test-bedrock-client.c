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
#include "bp-bedrock-error.h"
#include "bp-converse.h"
#include "bp-fake-bedrock.h"
#include "bp-test-utils.h"

/* The client against the fake Bedrock server, in process (suite loopback):
 * what goes over the wire (exact path, body and headers, signatures), the
 * streaming, every fault the fake injects, retries, timeouts and
 * cancellation. Retry delays are 0 (the random function returns 0) and
 * timeouts are short, so the whole file runs in a few seconds. */

#define HAIKU  "anthropic.claude-3-haiku-20240307-v1:0"
#define PROFILE_ARN "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0"

typedef struct
{
  BpFakeBedrock        *fake;
  BpCredentialProvider *provider;
  BpBedrockClient      *client;
  BpRetryPolicy        *policy;
  char                 *tmpdir;
  GAsyncResult         *result;
} Fixture;

static double
zero_random (gpointer user_data)
{
  return 0.0;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *f)
{
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (&f->result);
}

/* Builds the provider and client from the fake's current settings. */
static void
fixture_configure (Fixture *f)
{
  g_auto(GStrv) envp = bp_fake_bedrock_get_environ (f->fake);
  g_autofree char *config = g_build_filename (f->tmpdir, "config", NULL);
  g_autofree char *credentials = g_build_filename (f->tmpdir, "credentials", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Never the real ~/.aws: missing files in a scratch directory. */
  envp = g_environ_setenv (envp, "AWS_CONFIG_FILE", config, TRUE);
  envp = g_environ_setenv (envp, "AWS_SHARED_CREDENTIALS_FILE", credentials, TRUE);
  envp = g_environ_setenv (envp, "HOME", f->tmpdir, TRUE);

  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  f->provider = bp_credential_provider_new ();
  bp_credential_provider_set_environment (f->provider, (const char * const *) envp);
  f->client = bp_bedrock_client_new (f->provider);
  bp_bedrock_client_set_retry_policy (f->client, f->policy);

  bp_bedrock_client_configure_async (f->client, NULL, NULL, NULL, result_cb, f);
  result = wait_result (f);
  g_assert_true (bp_bedrock_client_configure_finish (f->client, result, &error));
  g_assert_no_error (error);

  _bp_bedrock_client_set_timeouts_ms (f->client, 2000, 5000, 5000);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->tmpdir = g_dir_make_tmp ("test-bedrock-client-XXXXXX", NULL);
  g_assert_nonnull (f->tmpdir);
  f->fake = bp_fake_bedrock_new ();
  f->policy = bp_retry_policy_new ();
  bp_retry_policy_set_random_func (f->policy, zero_random, NULL);
  fixture_configure (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  g_clear_object (&f->fake);
  g_clear_pointer (&f->policy, bp_retry_policy_unref);
  g_assert_null (f->result);

  /* Let closes and the fake's last callbacks run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpint (g_rmdir (f->tmpdir), ==, 0);
  g_free (f->tmpdir);
}

static BpChatRequest *
new_request (const char *model_id,
             const char *prompt)
{
  BpChatRequest *request = bp_chat_request_new (model_id);

  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, prompt);
  bp_chat_request_set_max_tokens (request, 256);

  return request;
}

static BpChatReply *
run_converse (Fixture        *f,
              BpChatRequest  *request,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bp_bedrock_client_converse_async (f->client, request, NULL, result_cb, f);
  result = wait_result (f);
  return bp_bedrock_client_converse_finish (f->client, result, error);
}

typedef struct
{
  Fixture      *f;
  GPtrArray    *events;        /* BpStreamEvent */
  guint         n_text;
  GString      *text;
  gint64        first_text_us;
  gint64        last_text_us;
  GCancellable *cancel;        /* (nullable): cancelled at cancel_at events */
  guint         cancel_at;
} StreamLog;

static void
stream_log_init (StreamLog *log,
                 Fixture   *f)
{
  memset (log, 0, sizeof *log);
  log->f = f;
  log->events = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_stream_event_unref);
  log->text = g_string_new (NULL);
}

static void
stream_log_clear (StreamLog *log)
{
  g_ptr_array_unref (log->events);
  g_string_free (log->text, TRUE);
  g_clear_object (&log->cancel);
}

static void
event_cb (BpStreamEvent *event,
          gpointer       user_data)
{
  StreamLog *log = user_data;

  /* Each event arrives while the call is still running. */
  g_assert_null (log->f->result);

  g_ptr_array_add (log->events, bp_stream_event_ref (event));
  if (bp_stream_event_get_event_type (event) == BP_STREAM_EVENT_TEXT_DELTA)
    {
      log->last_text_us = g_get_monotonic_time ();
      if (log->n_text++ == 0)
        log->first_text_us = log->last_text_us;
      g_string_append (log->text, bp_stream_event_get_text (event));
    }

  if (log->cancel != NULL && log->events->len == log->cancel_at)
    g_cancellable_cancel (log->cancel);
}

static BpChatReply *
run_stream (Fixture        *f,
            BpChatRequest  *request,
            gboolean        invoke,
            StreamLog      *log,
            BpChatReply   **partial,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (invoke)
    bp_bedrock_client_invoke_chat_stream_async (f->client, request, event_cb, log, NULL,
                                                log->cancel, result_cb, f);
  else
    bp_bedrock_client_converse_stream_async (f->client, request, event_cb, log, NULL,
                                             log->cancel, result_cb, f);
  result = wait_result (f);

  if (invoke)
    return bp_bedrock_client_invoke_chat_stream_finish (f->client, result, partial, error);
  return bp_bedrock_client_converse_stream_finish (f->client, result, partial, error);
}

static const BpFakeRequest *
last_request (Fixture *f)
{
  const BpFakeRequest *request = bp_fake_bedrock_get_last_request (f->fake);

  g_assert_nonnull (request);
  return request;
}

static const char *
request_header (const BpFakeRequest *request,
                const char          *name)
{
  return soup_message_headers_get_one (request->headers, name);
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

/* Faults. */

static GError *
converse_error (Fixture       *f,
                BpChatRequest *request)
{
  g_autoptr(BpChatReply) reply = NULL;
  GError *error = NULL;

  reply = run_converse (f, request, &error);
  g_assert_null (reply);
  g_assert_nonnull (error);

  return error;
}

static guint
n_converse (Fixture *f)
{
  return bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE);
}

static void
retry_scheduled_cb (BpBedrockClient *client,
                    GCancellable    *cancellable,
                    guint            attempt,
                    guint            max_attempts,
                    guint            delay_ms,
                    const GError    *error,
                    GString         *log)
{
  g_assert_true (g_error_matches (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_THROTTLED));
  g_string_append_printf (log, "%u/%u:%u;", attempt, max_attempts, delay_ms);
}

/* Throttled twice, then served: three attempts, one invocation id, and a
 * retry-scheduled signal before each retry (the chat page's countdown). */
static void
test_fault_throttle_recovers (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) retries = g_string_new (NULL);
  const char *invocation_id;
  gulong handler;

  handler = g_signal_connect (f->client, "retry-scheduled", G_CALLBACK (retry_scheduled_cb), retries);
  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_THROTTLE, 2);
  reply = run_converse (f, request, &error);
  g_signal_handler_disconnect (f->client, handler);
  g_assert_no_error (error);
  g_assert_cmpuint (n_converse (f), ==, 3);
  /* The tests' random source returns 0: no waiting. */
  g_assert_cmpstr (retries->str, ==, "1/3:0;2/3:0;");

  invocation_id = request_header (bp_fake_bedrock_get_request (f->fake, 0), "amz-sdk-invocation-id");
  for (guint i = 0; i < 3; i++)
    {
      const BpFakeRequest *sent = bp_fake_bedrock_get_request (f->fake, i);
      g_autofree char *expected = g_strdup_printf ("attempt=%u; max=3", i + 1);

      g_assert_cmpstr (request_header (sent, "amz-sdk-request"), ==, expected);
      g_assert_cmpstr (request_header (sent, "amz-sdk-invocation-id"), ==, invocation_id);
      g_assert_cmpuint (sent->status, ==, i < 2 ? 429 : 200);
    }
}

static void
test_fault_throttle_exhausted (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(GError) error = NULL;

  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_THROTTLE, 5);
  error = converse_error (f, request);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_THROTTLED);
  g_assert_nonnull (strstr (error->message, "Too many requests"));
  g_assert_nonnull (strstr (error->message, "request id"));
  g_assert_cmpuint (n_converse (f), ==, 3);
}

static void
test_fault_server_errors_retried (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_ERROR_500, 1);
  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_ERROR_503, 1);
  reply = run_converse (f, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_converse (f), ==, 3);
}

static void
test_fault_model_not_ready (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_MODEL_NOT_READY, 2);
  reply = run_converse (f, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_converse (f), ==, 3);
}

/* Faults that are final: one request, the right code, the service's words. */
static void
test_fault_not_retried (Fixture       *f,
                        gconstpointer  data)
{
  static const struct
  {
    BpFakeFault     fault;
    BpBedrockError  code;
    const char     *words;
  } cases[] = {
    { BP_FAKE_FAULT_VALIDATION_400, BP_BEDROCK_ERROR_VALIDATION, "Malformed input request" },
    { BP_FAKE_FAULT_ACCESS_DENIED_403, BP_BEDROCK_ERROR_ACCESS_DENIED, "have access" },
    { BP_FAKE_FAULT_BAD_SIGNATURE_403, BP_BEDROCK_ERROR_INVALID_CREDENTIALS, "signature" },
    { BP_FAKE_FAULT_EXPIRED_TOKEN_403, BP_BEDROCK_ERROR_EXPIRED_CREDENTIALS, "expired" },
    { BP_FAKE_FAULT_MODEL_TIMEOUT_408, BP_BEDROCK_ERROR_MODEL_TIMEOUT, "timed out" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
      g_autoptr(GError) error = NULL;

      g_test_message ("Fault %s", bp_fake_fault_to_string (cases[i].fault));
      bp_fake_bedrock_reset_stats (f->fake);
      bp_fake_bedrock_push_fault (f->fake, cases[i].fault, 1);
      error = converse_error (f, request);
      g_assert_error (error, BP_BEDROCK_ERROR, (int) cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      g_assert_cmpuint (n_converse (f), ==, 1);
    }
}

static BpChatReply *
stream_error (Fixture   *f,
              StreamLog *log,
              GError   **error)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Tell me a story");
  BpChatReply *partial = NULL;
  g_autoptr(BpChatReply) reply = NULL;

  reply = run_stream (f, request, FALSE, log, &partial, error);
  g_assert_null (reply);
  g_assert_nonnull (*error);

  return partial;
}

/* Once an event reached the caller, a failure is final: the partial reply
 * keeps what arrived, and nothing is sent again. */
static void
test_fault_mid_stream (Fixture       *f,
                       gconstpointer  data)
{
  static const struct
  {
    BpFakeFault    fault;
    BpBedrockError code;
  } cases[] = {
    { BP_FAKE_FAULT_MID_STREAM_EXCEPTION, BP_BEDROCK_ERROR_MODEL_STREAM_ERROR },
    { BP_FAKE_FAULT_MID_STREAM_THROTTLE, BP_BEDROCK_ERROR_THROTTLED },
    { BP_FAKE_FAULT_TRUNCATED_STREAM, BP_BEDROCK_ERROR_TRUNCATED_STREAM },
    { BP_FAKE_FAULT_CORRUPT_CRC, BP_BEDROCK_ERROR_CORRUPT_STREAM },
  };

  bp_fake_bedrock_set_reply_words (f->fake, 60);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpChatReply) partial = NULL;
      g_autoptr(GError) error = NULL;
      StreamLog log;

      g_test_message ("Fault %s", bp_fake_fault_to_string (cases[i].fault));
      bp_fake_bedrock_reset_stats (f->fake);
      bp_fake_bedrock_push_fault (f->fake, cases[i].fault, 1);
      stream_log_init (&log, f);
      partial = stream_error (f, &log, &error);
      g_assert_error (error, BP_BEDROCK_ERROR, (int) cases[i].code);
      g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE_STREAM), ==, 1);

      g_assert_nonnull (partial);
      g_assert_cmpint (bp_chat_reply_get_total_time_ms (partial), >=, 0);
      g_assert_cmpuint (log.n_text, >=, 1);
      g_assert_cmpstr (bp_chat_reply_get_text (partial), ==, log.text->str);
      g_assert_false (bp_chat_reply_is_complete (partial));
      stream_log_clear (&log);
    }
}

static void
test_fault_truncated_body (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(GError) error = NULL;

  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_TRUNCATED_STREAM, 1);
  error = converse_error (f, request);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_TRUNCATED_STREAM);
  g_assert_cmpuint (n_converse (f), ==, 1);
}

static void
test_fault_slow_first_byte (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  bp_fake_bedrock_set_slow_first_byte_ms (f->fake, 500);

  _bp_bedrock_client_set_timeouts_ms (f->client, 2000, 200, 5000);
  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_SLOW_FIRST_BYTE, 1);
  error = converse_error (f, request);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==, "No response within 0.2 s");
  g_assert_cmpuint (n_converse (f), ==, 1);
  g_clear_error (&error);

  _bp_bedrock_client_set_timeouts_ms (f->client, 2000, 3000, 5000);
  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_SLOW_FIRST_BYTE, 1);
  reply = run_converse (f, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_converse (f), ==, 2);
  g_assert_cmpint (bp_chat_reply_get_time_to_first_token_ms (reply), >=, 500);
  g_assert_cmpint (bp_chat_reply_get_total_time_ms (reply), >=, 500);
}

static void
test_fault_hang_first_byte (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(GError) error = NULL;

  _bp_bedrock_client_set_timeouts_ms (f->client, 2000, 1000, 200);
  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_HANG, 1);
  error = converse_error (f, request);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==, "No response within 1 s");
  g_assert_cmpuint (n_converse (f), ==, 1);
}

/* The stream starts, then goes quiet for longer than the idle timeout. */
static void
test_fault_stall_idle (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BpChatReply) partial = NULL;
  g_autoptr(GError) error = NULL;
  StreamLog log;

  bp_fake_bedrock_set_tokens_per_second (f->fake, 2);
  _bp_bedrock_client_set_timeouts_ms (f->client, 2000, 5000, 200);

  stream_log_init (&log, f);
  partial = stream_error (f, &log, &error);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==, "No data for 0.2 s while streaming");
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE_STREAM), ==, 1);
  g_assert_nonnull (partial);
  stream_log_clear (&log);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_fault_hang_cancel (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_HANG, 1);
  bp_bedrock_client_converse_async (f->client, request, cancellable, result_cb, f);
  g_timeout_add (100, cancel_cb, cancellable);
  start = g_get_monotonic_time ();
  result = wait_result (f);
  reply = bp_bedrock_client_converse_finish (f->client, result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (reply);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 600 * 1000);
  g_assert_cmpuint (n_converse (f), ==, 1);
}

static void
test_fault_cancel_mid_stream (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(BpChatReply) partial = NULL;
  g_autoptr(GError) error = NULL;
  StreamLog log;

  /* Unpaced: the cancel lands while events still pour in; none follows. */
  bp_fake_bedrock_set_reply_words (f->fake, 200);
  stream_log_init (&log, f);
  log.cancel = g_cancellable_new ();
  log.cancel_at = 4;

  partial = stream_error (f, &log, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (log.events->len, ==, 4);
  g_assert_nonnull (partial);
  g_assert_cmpstr (bp_chat_reply_get_text (partial), ==, log.text->str);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE_STREAM), ==, 1);
  stream_log_clear (&log);
}

/* A proxy's HTML page: retried as a 502, then a short plain message. */
static void
test_fault_html_502 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(GError) error = NULL;

  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_HTML_502, 3);
  error = converse_error (f, request);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_NOT_JSON);
  g_assert_null (strchr (error->message, '<'));
  g_assert_nonnull (strstr (error->message, "502 Bad Gateway"));
  g_assert_cmpuint (strlen (error->message), <, 300);
  g_assert_cmpuint (n_converse (f), ==, 3);
}

static void
test_fault_huge (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(BpChatReply) streamed = NULL;
  g_autoptr(GError) error = NULL;
  StreamLog log;

  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_HUGE, 1);
  reply = run_converse (f, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (bp_chat_reply_get_text (reply)), >=, 4 * 1024 * 1024);

  bp_fake_bedrock_push_fault (f->fake, BP_FAKE_FAULT_HUGE, 1);
  stream_log_init (&log, f);
  streamed = run_stream (f, request, FALSE, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (bp_chat_reply_get_text (streamed)), >=, 4 * 1024 * 1024);
  g_assert_cmpstr (bp_chat_reply_get_text (streamed), ==, log.text->str);
  stream_log_clear (&log);
}

/* The fake's clock is 10 minutes ahead: the first request is refused as
 * expired, the client reads the Date header, re-signs and succeeds. */
static void
test_clock_skew (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(BpChatReply) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 offset;

  bp_fake_bedrock_set_clock_offset (f->fake, 600);
  reply = run_converse (f, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_converse (f), ==, 2);
  g_assert_cmpuint (bp_fake_bedrock_get_request (f->fake, 0)->status, ==, 403);

  offset = bp_bedrock_client_get_clock_offset_ms (f->client);
  g_assert_cmpint (offset, >=, 595 * 1000);
  g_assert_cmpint (offset, <=, 605 * 1000);

  again = run_converse (f, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_converse (f), ==, 3);
}

static void
test_network_error (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(BpChatRequest) request = new_request (HAIKU, "Hello");
  g_autoptr(BpEndpoint) closed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  guint16 port;

  /* A port nobody listens on: bind one, then close it. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  {
    g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", port);

    closed = bp_endpoint_parse (url, &error);
    g_assert_no_error (error);
  }
  bp_bedrock_client_set_endpoints (f->client, closed, closed);

  error = converse_error (f, request);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (bp_retry_policy_get_available_tokens (f->policy), ==,
                    BP_RETRY_QUOTA_CAPACITY - 2 * BP_RETRY_TIMEOUT_COST);
}

static void
add_fault_tests (void)
{
#define ADD(path, func) \
  g_test_add ("/bp/bedrock-client/fault/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("throttle-recovers", test_fault_throttle_recovers);
  ADD ("throttle-exhausted", test_fault_throttle_exhausted);
  ADD ("server-errors-retried", test_fault_server_errors_retried);
  ADD ("model-not-ready", test_fault_model_not_ready);
  ADD ("not-retried", test_fault_not_retried);
  ADD ("mid-stream", test_fault_mid_stream);
  ADD ("truncated-body", test_fault_truncated_body);
  ADD ("slow-first-byte", test_fault_slow_first_byte);
  ADD ("hang-first-byte", test_fault_hang_first_byte);
  ADD ("stall-idle", test_fault_stall_idle);
  ADD ("hang-cancel", test_fault_hang_cancel);
  ADD ("cancel-mid-stream", test_fault_cancel_mid_stream);
  ADD ("html-502", test_fault_html_502);
  ADD ("huge", test_fault_huge);
  ADD ("clock-skew", test_clock_skew);
  ADD ("network-error", test_network_error);

#undef ADD
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
  add_fault_tests ();

#undef ADD

  return g_test_run ();
}
