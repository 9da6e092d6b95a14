/* test-bedrock-client-faults.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-bedrock-client-private.h"
#include "bp-bedrock-client-test-utils.h"
#include "bp-bedrock-error.h"
#include "bp-fake-bedrock.h"
#include "bp-test-utils.h"

/* The client against the fake Bedrock server, in process (suite loopback):
 * every fault the fake injects, retries, timeouts and cancellation. Retry
 * delays are 0 (the random function returns 0) and timeouts are short, so
 * the whole file runs in a few seconds. The operations themselves are in
 * test-bedrock-client.c. */

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

  add_fault_tests ();

  return g_test_run ();
}
