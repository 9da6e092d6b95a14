/* test-retry.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-retry.h"
#include "bp-test-utils.h"

/* Retry policy (wire-format §6.4) and clock skew (§6.5). Environments are
 * always explicit; the random source is fixed. */

static double
fixed_random (gpointer user_data)
{
  return *(const double *) user_data;
}

static BpRetryPolicy *
policy_with_random (const double *value)
{
  BpRetryPolicy *policy = bp_retry_policy_new ();

  bp_retry_policy_set_random_func (policy, fixed_random, (gpointer) value);
  return policy;
}

static void
test_classify (void)
{
  static const struct {
    guint        status;
    const char  *code;
    BpRetryKind  kind;
  } cases[] = {
    { 200, NULL, BP_RETRY_KIND_NONE },
    { 0, NULL, BP_RETRY_KIND_TRANSIENT },
    { 0, "ValidationException", BP_RETRY_KIND_TRANSIENT },
    { 500, NULL, BP_RETRY_KIND_TRANSIENT },
    { 500, "InternalServerException", BP_RETRY_KIND_TRANSIENT },
    { 502, NULL, BP_RETRY_KIND_TRANSIENT },
    { 503, "ServiceUnavailableException", BP_RETRY_KIND_TRANSIENT },
    { 504, NULL, BP_RETRY_KIND_TRANSIENT },
    { 509, NULL, BP_RETRY_KIND_TRANSIENT },
    { 501, NULL, BP_RETRY_KIND_NONE },
    { 505, NULL, BP_RETRY_KIND_NONE },
    { 429, NULL, BP_RETRY_KIND_THROTTLING },
    { 429, "ThrottlingException", BP_RETRY_KIND_THROTTLING },
    { 429, "ModelNotReadyException", BP_RETRY_KIND_THROTTLING },
    { 400, "Throttling", BP_RETRY_KIND_THROTTLING },
    { 400, "ThrottledException", BP_RETRY_KIND_THROTTLING },
    { 400, "RequestThrottledException", BP_RETRY_KIND_THROTTLING },
    { 400, "TooManyRequestsException", BP_RETRY_KIND_THROTTLING },
    { 400, "ProvisionedThroughputExceededException", BP_RETRY_KIND_THROTTLING },
    { 400, "TransactionInProgressException", BP_RETRY_KIND_THROTTLING },
    { 400, "RequestLimitExceeded", BP_RETRY_KIND_THROTTLING },
    { 509, "BandwidthLimitExceeded", BP_RETRY_KIND_THROTTLING },
    { 400, "LimitExceededException", BP_RETRY_KIND_THROTTLING },
    { 400, "RequestThrottled", BP_RETRY_KIND_THROTTLING },
    { 503, "SlowDown", BP_RETRY_KIND_THROTTLING },
    { 400, "PriorRequestNotComplete", BP_RETRY_KIND_THROTTLING },
    { 400, "EC2ThrottledException", BP_RETRY_KIND_THROTTLING },
    { 400, "RequestTimeout", BP_RETRY_KIND_TRANSIENT },
    { 408, "RequestTimeoutException", BP_RETRY_KIND_TRANSIENT },
    { 400, "TimeoutError", BP_RETRY_KIND_TRANSIENT },
    { 200, "InternalServerException", BP_RETRY_KIND_TRANSIENT },
    { 401, "AuthFailure", BP_RETRY_KIND_CLOCK_SKEW },
    { 403, "InvalidSignatureException", BP_RETRY_KIND_CLOCK_SKEW },
    { 403, "RequestExpired", BP_RETRY_KIND_CLOCK_SKEW },
    { 403, "RequestInTheFuture", BP_RETRY_KIND_CLOCK_SKEW },
    { 403, "RequestTimeTooSkewed", BP_RETRY_KIND_CLOCK_SKEW },
    { 403, "SignatureDoesNotMatch", BP_RETRY_KIND_CLOCK_SKEW },
    /* Never: validation, auth, quotas, model errors, not found. */
    { 400, "ValidationException", BP_RETRY_KIND_NONE },
    { 400, "ServiceQuotaExceededException", BP_RETRY_KIND_NONE },
    { 400, NULL, BP_RETRY_KIND_NONE },
    { 403, "AccessDeniedException", BP_RETRY_KIND_NONE },
    { 403, "UnrecognizedClientException", BP_RETRY_KIND_NONE },
    { 403, "ExpiredTokenException", BP_RETRY_KIND_NONE },
    { 404, "ResourceNotFoundException", BP_RETRY_KIND_NONE },
    { 408, "ModelTimeoutException", BP_RETRY_KIND_NONE },
    { 424, "ModelErrorException", BP_RETRY_KIND_NONE },
    { 424, "ModelStreamErrorException", BP_RETRY_KIND_NONE },
    { 400, "", BP_RETRY_KIND_NONE },
    /* Codes are exact: case matters. */
    { 400, "throttlingexception", BP_RETRY_KIND_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%u %s", cases[i].status, cases[i].code ? cases[i].code : "(null)");
      g_assert_cmpint (bp_retry_classify (cases[i].status, cases[i].code), ==, cases[i].kind);
    }
}

static void
test_cost (void)
{
  g_assert_cmpuint (bp_retry_cost (0, NULL), ==, 10);
  g_assert_cmpuint (bp_retry_cost (400, "RequestTimeout"), ==, 10);
  g_assert_cmpuint (bp_retry_cost (408, "RequestTimeoutException"), ==, 10);
  g_assert_cmpuint (bp_retry_cost (503, NULL), ==, 5);
  g_assert_cmpuint (bp_retry_cost (429, "ThrottlingException"), ==, 5);
}

static void
test_backoff_bounds (void)
{
  static const struct {
    double      random;
    BpRetryKind kind;
    guint       attempt;
    guint       delay;
  } cases[] = {
    { 0.0, BP_RETRY_KIND_TRANSIENT, 1, 0 },
    { 0.0, BP_RETRY_KIND_THROTTLING, 2, 0 },
    { 0.5, BP_RETRY_KIND_TRANSIENT, 1, 50 },
    { 0.5, BP_RETRY_KIND_TRANSIENT, 2, 100 },
    { 0.5, BP_RETRY_KIND_THROTTLING, 1, 250 },
    { 0.5, BP_RETRY_KIND_THROTTLING, 2, 500 },
    { 0.999, BP_RETRY_KIND_TRANSIENT, 1, 99 },
    { 0.999, BP_RETRY_KIND_TRANSIENT, 2, 199 },
    { 0.999, BP_RETRY_KIND_TRANSIENT, 3, 399 },
    { 0.999, BP_RETRY_KIND_THROTTLING, 1, 499 },
    { 0.999, BP_RETRY_KIND_THROTTLING, 2, 999 },
    { 0.999, BP_RETRY_KIND_THROTTLING, 3, 1998 },
    /* Capped at 20 s: 500 × 2^6 = 32000, 100 × 2^8 = 25600. */
    { 0.999, BP_RETRY_KIND_THROTTLING, 7, 19980 },
    { 0.999, BP_RETRY_KIND_TRANSIENT, 9, 19980 },
    { 0.5, BP_RETRY_KIND_THROTTLING, 60, 10000 },
    { 0.999, BP_RETRY_KIND_THROTTLING, 4000000000u, 19980 },
    /* Clock skew retries at once. */
    { 0.999, BP_RETRY_KIND_CLOCK_SKEW, 1, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpRetryPolicy) policy = policy_with_random (&cases[i].random);
      guint delay = G_MAXUINT;

      bp_retry_policy_set_max_attempts (policy, G_MAXUINT);
      g_assert_true (bp_retry_policy_should_retry (policy, cases[i].kind, cases[i].attempt, &delay));
      g_assert_cmpuint (delay, ==, cases[i].delay);
      g_assert_cmpuint (delay, <=, 20000);
    }
}

static void
test_default_random (void)
{
  g_autoptr(BpRetryPolicy) policy = bp_retry_policy_new ();

  for (guint i = 0; i < 50; i++)
    {
      guint delay = G_MAXUINT;

      g_assert_true (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_THROTTLING, 2, &delay));
      g_assert_cmpuint (delay, <, 1000);
      bp_retry_policy_record_success (policy, 2);
    }
  g_assert_cmpuint (bp_retry_policy_get_available_tokens (policy), ==, 500);
}

static void
test_max_attempts (void)
{
  const double half = 0.5;
  g_autoptr(BpRetryPolicy) policy = policy_with_random (&half);
  guint delay = G_MAXUINT;

  g_assert_cmpuint (bp_retry_policy_get_max_attempts (policy), ==, 3);
  g_assert_true (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_TRANSIENT, 1, &delay));
  g_assert_true (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_TRANSIENT, 2, &delay));
  g_assert_false (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_TRANSIENT, 3, &delay));
  g_assert_cmpuint (delay, ==, 0);
  g_assert_false (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_THROTTLING, 4, NULL));
  /* Only the two granted retries took tokens. */
  g_assert_cmpuint (bp_retry_policy_get_available_tokens (policy), ==, 490);

  g_assert_false (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_NONE, 1, &delay));

  bp_retry_policy_set_max_attempts (policy, 1);
  g_assert_false (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_THROTTLING, 1, &delay));
  bp_retry_policy_set_max_attempts (policy, 5);
  g_assert_true (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_THROTTLING, 4, &delay));
  g_assert_false (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_THROTTLING, 5, &delay));
}

static void
test_clock_skew_once (void)
{
  g_autoptr(BpRetryPolicy) policy = bp_retry_policy_new ();
  guint delay = G_MAXUINT;

  g_assert_true (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_CLOCK_SKEW, 1, &delay));
  g_assert_cmpuint (delay, ==, 0);
  g_assert_false (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_CLOCK_SKEW, 2, &delay));
}

static void
test_bucket (void)
{
  const double half = 0.5;
  g_autoptr(BpRetryPolicy) policy = policy_with_random (&half);
  guint delay;

  g_assert_cmpuint (bp_retry_policy_get_available_tokens (policy), ==, 500);

  /* 500 tokens pay for 100 retries at 5. */
  for (guint i = 0; i < 100; i++)
    g_assert_true (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_THROTTLING, 1, &delay));
  g_assert_cmpuint (bp_retry_policy_get_available_tokens (policy), ==, 0);
  g_assert_false (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_THROTTLING, 1, &delay));
  g_assert_cmpuint (delay, ==, 0);

  /* A first-attempt success gives back 1; a retry needs 5. */
  for (guint i = 0; i < 4; i++)
    bp_retry_policy_record_success (policy, 1);
  g_assert_false (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_TRANSIENT, 1, &delay));
  bp_retry_policy_record_success (policy, 1);
  g_assert_cmpuint (bp_retry_policy_get_available_tokens (policy), ==, 5);
  g_assert_true (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_TRANSIENT, 1, &delay));
  g_assert_cmpuint (bp_retry_policy_get_available_tokens (policy), ==, 0);

  /* The successful retry's cost comes back. */
  bp_retry_policy_record_success (policy, 2);
  g_assert_cmpuint (bp_retry_policy_get_available_tokens (policy), ==, 5);

  /* Transport errors cost 10: 5 tokens cannot pay. */
  g_assert_false (bp_retry_policy_should_retry_with_cost (policy, BP_RETRY_KIND_TRANSIENT,
                                                          bp_retry_cost (0, NULL), 1, &delay));
  bp_retry_policy_record_success_with_cost (policy, 3, 10);
  g_assert_cmpuint (bp_retry_policy_get_available_tokens (policy), ==, 15);
  g_assert_true (bp_retry_policy_should_retry_with_cost (policy, BP_RETRY_KIND_TRANSIENT, 10, 1, &delay));
  g_assert_cmpuint (bp_retry_policy_get_available_tokens (policy), ==, 5);
  bp_retry_policy_record_success (policy, 2);
  g_assert_cmpuint (bp_retry_policy_get_available_tokens (policy), ==, 15);
}

static void
test_bucket_cap (void)
{
  g_autoptr(BpRetryPolicy) policy = bp_retry_policy_new ();

  bp_retry_policy_record_success (policy, 1);
  bp_retry_policy_record_success_with_cost (policy, 2, 10);
  g_assert_cmpuint (bp_retry_policy_get_available_tokens (policy), ==, 500);

  g_assert_true (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_TRANSIENT, 1, NULL));
  bp_retry_policy_record_success_with_cost (policy, 2, 10);
  g_assert_cmpuint (bp_retry_policy_get_available_tokens (policy), ==, 500);
}

static void
test_environ (void)
{
  static const struct {
    const char *env[3];
    guint       max_attempts;
  } cases[] = {
    { { NULL }, 3 },
    { { "AWS_RETRY_MODE=standard", NULL }, 3 },
    { { "AWS_RETRY_MODE=adaptive", NULL }, 3 },
    { { "AWS_RETRY_MODE=legacy", NULL }, 5 },
    { { "AWS_RETRY_MODE=LEGACY", NULL }, 5 },
    { { "AWS_RETRY_MODE=bogus", NULL }, 3 },
    { { "AWS_MAX_ATTEMPTS=7", NULL }, 7 },
    { { "AWS_MAX_ATTEMPTS=1", NULL }, 1 },
    { { "AWS_MAX_ATTEMPTS=7", "AWS_RETRY_MODE=legacy" }, 7 },
    { { "AWS_RETRY_MODE=legacy", "AWS_MAX_ATTEMPTS=2" }, 2 },
    { { "AWS_RETRY_MODE=legacy", "AWS_MAX_ATTEMPTS=0" }, 5 },
    { { "AWS_MAX_ATTEMPTS=", NULL }, 3 },
    { { "AWS_MAX_ATTEMPTS=three", NULL }, 3 },
    { { "AWS_MAX_ATTEMPTS=-2", NULL }, 3 },
    { { "AWS_MAX_ATTEMPTS=101", NULL }, 3 },
    { { "AWS_MAX_ATTEMPTS=4x", NULL }, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpRetryPolicy) policy = bp_retry_policy_new ();

      bp_retry_policy_configure_from_environ (policy, cases[i].env);
      g_assert_cmpuint (bp_retry_policy_get_max_attempts (policy), ==, cases[i].max_attempts);
    }

  /* Legacy mode's attempts are really granted. */
  {
    const char * const env[] = { "AWS_RETRY_MODE=legacy", NULL };
    g_autoptr(BpRetryPolicy) policy = bp_retry_policy_new ();

    bp_retry_policy_configure_from_environ (policy, env);
    g_assert_true (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_TRANSIENT, 4, NULL));
    g_assert_false (bp_retry_policy_should_retry (policy, BP_RETRY_KIND_TRANSIENT, 5, NULL));
    bp_retry_policy_configure_from_environ (policy, NULL);
    g_assert_cmpuint (bp_retry_policy_get_max_attempts (policy), ==, 5);
  }
}

static void
test_ref (void)
{
  BpRetryPolicy *policy = bp_retry_policy_new ();

  g_assert_true (bp_retry_policy_ref (policy) == policy);
  bp_retry_policy_unref (policy);
  g_assert_cmpuint (bp_retry_policy_get_max_attempts (policy), ==, 3);
  bp_retry_policy_unref (policy);
}

static void
test_http_date (void)
{
  static const struct {
    const char *date;
    gint64      unix_s;
  } good[] = {
    { "Sun, 06 Nov 1994 08:49:37 GMT", G_GINT64_CONSTANT (784111777) },
    { "Sunday, 06-Nov-94 08:49:37 GMT", G_GINT64_CONSTANT (784111777) },
    { "Sun Nov  6 08:49:37 1994", G_GINT64_CONSTANT (784111777) },
    { "Wed, 15 Jan 2025 12:00:00 GMT", G_GINT64_CONSTANT (1736942400) },
    { "Wednesday, 15-Jan-25 12:00:00 GMT", G_GINT64_CONSTANT (1736942400) },
    { "Wed Jan 15 12:00:00 2025", G_GINT64_CONSTANT (1736942400) },
    { "Thu, 01 Jan 1970 00:00:00 GMT", 0 },
    { "Thu, 29 Feb 2024 23:59:59 GMT", G_GINT64_CONSTANT (1709251199) },
    { "Tue, 29 Feb 2000 00:00:00 GMT", G_GINT64_CONSTANT (951782400) },
    { "Fri, 31 Dec 9999 23:59:59 GMT", G_GINT64_CONSTANT (253402300799) },
    { "sun, 06 nov 1994 08:49:37 gmt", G_GINT64_CONSTANT (784111777) },
    { "Sat, 31 Dec 2016 23:59:60 GMT", G_GINT64_CONSTANT (1483228800) },
    { "Thursday, 01-Jan-70 00:00:00 GMT", 0 },
    { "Sunday, 31-Dec-69 23:59:59 GMT", G_GINT64_CONSTANT (3155759999) },
  };
  static const char * const bad[] = {
    "",
    "yesterday",
    "Sun, 06 Nov 1994 08:49:37",
    "Sun, 06 Nov 1994 08:49:37 UTC",
    "Sun, 06 Nov 1994 08:49:37 GMT ",
    " Sun, 06 Nov 1994 08:49:37 GMT",
    "Sun, 6 Nov 1994 08:49:37 GMT",
    "Sun, 06 Nov 94 08:49:37 GMT",
    "Sun, 06 Foo 1994 08:49:37 GMT",
    "Sun, 31 Nov 1994 08:49:37 GMT",
    "Thu, 29 Feb 2023 00:00:00 GMT",
    "Mon, 29 Feb 1900 00:00:00 GMT",
    "Sun, 06 Nov 1994 24:00:00 GMT",
    "Sun, 06 Nov 1994 08:60:00 GMT",
    "Sun, 06 Nov 1994 08:49:61 GMT",
    "Sun, 00 Nov 1994 08:49:37 GMT",
    "Sun, 06 Nov 1994 8:49:37 GMT",
    "Xyz, 06 Nov 1994 08:49:37 GMT",
    "Sun 06 Nov 1994 08:49:37 GMT",
    "Sunday, 06-Nov-1994 08:49:37 GMT",
    "Sunday, 06 Nov 94 08:49:37 GMT",
    "Sun Nov 6 08:49:37 1994",
    "Sun Nov  6 08:49:37 94",
    "Sun Nov  6 08:49:37 1994 GMT",
    "2025-01-15T12:00:00Z",
    "Sun, 06 Nov 0994 08:49:37 GMT",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 ms = -1;

      g_test_message ("%s", good[i].date);
      g_assert_true (bp_parse_http_date (good[i].date, &ms));
      g_assert_cmpint (ms, ==, good[i].unix_s * 1000);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 ms = 42;

      g_test_message ("%s", bad[i]);
      g_assert_false (bp_parse_http_date (bad[i], &ms));
      g_assert_cmpint (ms, ==, 42);
    }
}

#define SERVER_DATE "Wed, 15 Jan 2025 12:00:00 GMT"
#define SERVER_MS   G_GINT64_CONSTANT (1736942400000)

static void
test_skew (void)
{
  gint64 offset = 0;

  /* Within 5 minutes either way: no change. */
  g_assert_false (bp_clock_skew_update (&offset, SERVER_DATE, SERVER_MS));
  g_assert_false (bp_clock_skew_update (&offset, SERVER_DATE, SERVER_MS - 299999));
  g_assert_false (bp_clock_skew_update (&offset, SERVER_DATE, SERVER_MS + 299999));
  g_assert_cmpint (offset, ==, 0);

  /* At the threshold: local clock 5 minutes behind. */
  g_assert_true (bp_clock_skew_update (&offset, SERVER_DATE, SERVER_MS - 300000));
  g_assert_cmpint (offset, ==, 300000);
  /* Corrected: the same response again changes nothing. */
  g_assert_false (bp_clock_skew_update (&offset, SERVER_DATE, SERVER_MS - 300000));
  g_assert_cmpint (offset, ==, 300000);

  /* Local clock an hour ahead. */
  offset = 0;
  g_assert_true (bp_clock_skew_update (&offset, SERVER_DATE, SERVER_MS + 3600000));
  g_assert_cmpint (offset, ==, -3600000);
  g_assert_false (bp_clock_skew_update (&offset, SERVER_DATE, SERVER_MS + 3600000 + 1000));

  /* The offset counts: now + offset is compared with the server. */
  offset = 400000;
  g_assert_true (bp_clock_skew_update (&offset, SERVER_DATE, SERVER_MS));
  g_assert_cmpint (offset, ==, 0);

  /* Bad or missing dates change nothing. */
  offset = 123;
  g_assert_false (bp_clock_skew_update (&offset, NULL, 0));
  g_assert_false (bp_clock_skew_update (&offset, "not a date", 0));
  g_assert_false (bp_clock_skew_update (&offset, "Wed, 32 Jan 2025 12:00:00 GMT", 0));
  g_assert_cmpint (offset, ==, 123);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/retry/classify", test_classify);
  g_test_add_func ("/bp/retry/cost", test_cost);
  g_test_add_func ("/bp/retry/backoff-bounds", test_backoff_bounds);
  g_test_add_func ("/bp/retry/default-random", test_default_random);
  g_test_add_func ("/bp/retry/max-attempts", test_max_attempts);
  g_test_add_func ("/bp/retry/clock-skew-once", test_clock_skew_once);
  g_test_add_func ("/bp/retry/bucket", test_bucket);
  g_test_add_func ("/bp/retry/bucket-cap", test_bucket_cap);
  g_test_add_func ("/bp/retry/environ", test_environ);
  g_test_add_func ("/bp/retry/ref", test_ref);
  g_test_add_func ("/bp/retry/http-date", test_http_date);
  g_test_add_func ("/bp/retry/skew", test_skew);

  return g_test_run ();
}
