/* bp-retry.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-retry"

#include "config.h"

#include <math.h>
#include <string.h>

#include "bp-retry.h"

/* The SDKs' "standard" retry mode (wire-format §6.4) and clock-skew
 * correction (§6.5). Time and randomness are inputs: nothing here reads the
 * clock, and the jitter source can be replaced. */

struct _BpRetryPolicy
{
  guint        max_attempts;
  guint        tokens;           /* the retry quota, at most BP_RETRY_QUOTA_CAPACITY */
  guint        last_retry_cost;  /* what record_success() gives back */
  BpRandomFunc random_func;
  gpointer     random_data;
};

/* Larger AWS_MAX_ATTEMPTS values are surely a mistake. */
#define MAX_ATTEMPTS_LIMIT 100

static const char * const throttling_codes[] = {
  "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
  "TooManyRequestsException", "ProvisionedThroughputExceededException",
  "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
  "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
  "EC2ThrottledException",
  /* Modelled retryable (§6.2): a model warming up, 429. */
  "ModelNotReadyException",
};

static const char * const timeout_codes[] = {
  "RequestTimeout", "RequestTimeoutException", "TimeoutError",
};

/* Bedrock's own 5xx exceptions, so that they classify the same when they
 * arrive without their status (an event-stream exception). */
static const char * const server_codes[] = {
  "InternalServerException", "ServiceUnavailableException",
};

static const char * const clock_skew_codes[] = {
  "AuthFailure", "InvalidSignatureException", "RequestExpired", "RequestInTheFuture",
  "RequestTimeTooSkewed", "SignatureDoesNotMatch",
};

static gboolean
code_in (const char         *code,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (strcmp (code, list[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

#define CODE_IN(code, list) code_in (code, list, G_N_ELEMENTS (list))

/**
 * bp_retry_classify:
 * @http_status: the response status; 0 for a transport error (no response)
 * @error_code: (nullable): the normalised error code, e.g. "ThrottlingException"
 *
 * Classifies a failed attempt. 4xx validation and auth errors are never
 * retried, except the clock-skew codes: for those the caller corrects the
 * clock with bp_clock_skew_update() and should retry only when that changed
 * the offset (a bad secret gives the same codes).
 *
 * Returns: what the failure calls for
 */
BpRetryKind
bp_retry_classify (guint       http_status,
                   const char *error_code)
{
  if (http_status == 0)
    return BP_RETRY_KIND_TRANSIENT;

  if (error_code != NULL && *error_code != '\0')
    {
      if (CODE_IN (error_code, clock_skew_codes))
        return BP_RETRY_KIND_CLOCK_SKEW;
      if (CODE_IN (error_code, throttling_codes))
        return BP_RETRY_KIND_THROTTLING;
      if (CODE_IN (error_code, timeout_codes) || CODE_IN (error_code, server_codes))
        return BP_RETRY_KIND_TRANSIENT;
    }

  switch (http_status)
    {
    case 429:
      return BP_RETRY_KIND_THROTTLING;

    case 500:
    case 502:
    case 503:
    case 504:
    case 509:
      return BP_RETRY_KIND_TRANSIENT;

    default:
      return BP_RETRY_KIND_NONE;
    }
}

/**
 * bp_retry_cost:
 * @http_status: the response status; 0 for a transport error
 * @error_code: (nullable): the normalised error code
 *
 * Returns: the retry-quota cost of retrying this failure:
 *   %BP_RETRY_TIMEOUT_COST for transport errors and timeouts, else
 *   %BP_RETRY_COST
 */
guint
bp_retry_cost (guint       http_status,
               const char *error_code)
{
  if (http_status == 0)
    return BP_RETRY_TIMEOUT_COST;
  if (error_code != NULL && CODE_IN (error_code, timeout_codes))
    return BP_RETRY_TIMEOUT_COST;

  return BP_RETRY_COST;
}

static double
default_random (gpointer user_data)
{
  return g_random_double ();
}

/**
 * bp_retry_policy_new:
 *
 * Standard mode: %BP_RETRY_DEFAULT_MAX_ATTEMPTS attempts, a full retry
 * quota, jitter from g_random_double().
 *
 * Returns: (transfer full): a new policy
 */
BpRetryPolicy *
bp_retry_policy_new (void)
{
  BpRetryPolicy *policy = g_atomic_rc_box_new0 (BpRetryPolicy);

  policy->max_attempts = BP_RETRY_DEFAULT_MAX_ATTEMPTS;
  policy->tokens = BP_RETRY_QUOTA_CAPACITY;
  policy->last_retry_cost = BP_RETRY_COST;
  policy->random_func = default_random;

  return policy;
}

/**
 * bp_retry_policy_ref:
 * @policy: a policy
 *
 * Returns: (transfer full): @policy
 */
BpRetryPolicy *
bp_retry_policy_ref (BpRetryPolicy *policy)
{
  g_return_val_if_fail (policy != NULL, NULL);

  return g_atomic_rc_box_acquire (policy);
}

/**
 * bp_retry_policy_unref:
 * @policy: (transfer full): a policy
 */
void
bp_retry_policy_unref (BpRetryPolicy *policy)
{
  g_return_if_fail (policy != NULL);

  g_atomic_rc_box_release (policy);
}

/**
 * bp_retry_policy_set_max_attempts:
 * @policy: a policy
 * @max_attempts: attempts in all, the first included; 1 disables retries
 */
void
bp_retry_policy_set_max_attempts (BpRetryPolicy *policy,
                                  guint          max_attempts)
{
  g_return_if_fail (policy != NULL);
  g_return_if_fail (max_attempts >= 1);

  policy->max_attempts = max_attempts;
}

/**
 * bp_retry_policy_get_max_attempts:
 * @policy: a policy
 *
 * Returns: attempts in all, the first included
 */
guint
bp_retry_policy_get_max_attempts (BpRetryPolicy *policy)
{
  g_return_val_if_fail (policy != NULL, 0);

  return policy->max_attempts;
}

/**
 * bp_retry_policy_set_random_func:
 * @policy: a policy
 * @func: (nullable): the jitter source; %NULL for g_random_double()
 * @user_data: data for @func
 */
void
bp_retry_policy_set_random_func (BpRetryPolicy *policy,
                                 BpRandomFunc   func,
                                 gpointer       user_data)
{
  g_return_if_fail (policy != NULL);

  policy->random_func = func != NULL ? func : default_random;
  policy->random_data = func != NULL ? user_data : NULL;
}

/**
 * bp_retry_policy_get_available_tokens:
 * @policy: a policy
 *
 * Returns: the tokens left in the retry quota
 */
guint
bp_retry_policy_get_available_tokens (BpRetryPolicy *policy)
{
  g_return_val_if_fail (policy != NULL, 0);

  return policy->tokens;
}

/* Full jitter over a capped exponential: floor(r × min(cap, base × 2^(attempt-1))). */
static guint
compute_delay (BpRetryPolicy *policy,
               guint          base_ms,
               guint          attempt)
{
  guint64 ceiling = base_ms;
  double r;

  for (guint i = 1; i < attempt && ceiling < BP_RETRY_MAX_BACKOFF_MS; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, BP_RETRY_MAX_BACKOFF_MS);

  r = policy->random_func (policy->random_data);
  if (!(r >= 0.0))
    r = 0.0;
  r = MIN (r, 1.0);

  return (guint) floor (r * (double) ceiling);
}

/**
 * bp_retry_policy_should_retry_with_cost:
 * @policy: a policy
 * @kind: the failure's kind, from bp_retry_classify()
 * @cost: the quota cost, from bp_retry_cost()
 * @attempt: the 1-based number of the attempt that just failed
 * @out_delay_ms: (out) (optional): how long to wait before the next attempt
 *
 * Decides whether to make another attempt, and takes @cost tokens from the
 * retry quota when so. No retry when @kind is NONE, when @attempt reached the
 * maximum, or when the quota cannot pay. A clock-skew failure is retried at
 * once (delay 0) and only when it is the call's first failure: after one
 * correction another skew error will not be fixed by waiting.
 *
 * Returns: %TRUE to retry after *@out_delay_ms
 */
gboolean
bp_retry_policy_should_retry_with_cost (BpRetryPolicy *policy,
                                        BpRetryKind    kind,
                                        guint          cost,
                                        guint          attempt,
                                        guint         *out_delay_ms)
{
  guint delay = 0;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (attempt >= 1, FALSE);

  if (out_delay_ms != NULL)
    *out_delay_ms = 0;

  if (kind == BP_RETRY_KIND_NONE || attempt >= policy->max_attempts)
    return FALSE;
  if (kind == BP_RETRY_KIND_CLOCK_SKEW && attempt > 1)
    return FALSE;
  if (policy->tokens < cost)
    {
      g_debug ("Retry quota exhausted (%u tokens left, %u needed)", policy->tokens, cost);
      return FALSE;
    }

  if (kind == BP_RETRY_KIND_THROTTLING)
    delay = compute_delay (policy, BP_RETRY_THROTTLING_BASE_MS, attempt);
  else if (kind == BP_RETRY_KIND_TRANSIENT)
    delay = compute_delay (policy, BP_RETRY_TRANSIENT_BASE_MS, attempt);

  policy->tokens -= cost;
  policy->last_retry_cost = cost;
  if (out_delay_ms != NULL)
    *out_delay_ms = delay;

  return TRUE;
}

/**
 * bp_retry_policy_should_retry:
 * @policy: a policy
 * @kind: the failure's kind, from bp_retry_classify()
 * @attempt: the 1-based number of the attempt that just failed
 * @out_delay_ms: (out) (optional): how long to wait before the next attempt
 *
 * bp_retry_policy_should_retry_with_cost() with %BP_RETRY_COST; use that
 * one with bp_retry_cost() to charge transport errors their higher cost.
 *
 * Returns: %TRUE to retry after *@out_delay_ms
 */
gboolean
bp_retry_policy_should_retry (BpRetryPolicy *policy,
                              BpRetryKind    kind,
                              guint          attempt,
                              guint         *out_delay_ms)
{
  return bp_retry_policy_should_retry_with_cost (policy, kind, BP_RETRY_COST,
                                                 attempt, out_delay_ms);
}

/**
 * bp_retry_policy_record_success_with_cost:
 * @policy: a policy
 * @attempts: how many attempts the call took
 * @last_retry_cost: what the retry that succeeded cost
 *
 * Refills the quota: @last_retry_cost tokens after a retry succeeded,
 * %BP_RETRY_NO_RETRY_INCREMENT when the first attempt did; capped at
 * %BP_RETRY_QUOTA_CAPACITY.
 */
void
bp_retry_policy_record_success_with_cost (BpRetryPolicy *policy,
                                          guint          attempts,
                                          guint          last_retry_cost)
{
  guint refund;

  g_return_if_fail (policy != NULL);

  refund = attempts <= 1 ? BP_RETRY_NO_RETRY_INCREMENT : last_retry_cost;
  policy->tokens = MIN ((guint64) policy->tokens + refund, BP_RETRY_QUOTA_CAPACITY);
}

/**
 * bp_retry_policy_record_success:
 * @policy: a policy
 * @attempts: how many attempts the call took
 *
 * Like bp_retry_policy_record_success_with_cost() with the cost of the last
 * retry this policy granted (exact when calls do not overlap).
 */
void
bp_retry_policy_record_success (BpRetryPolicy *policy,
                                guint          attempts)
{
  g_return_if_fail (policy != NULL);

  bp_retry_policy_record_success_with_cost (policy, attempts, policy->last_retry_cost);
}

/**
 * bp_retry_policy_configure_from_environ:
 * @policy: a policy
 * @envp: (nullable) (array zero-terminated=1): an environment
 *
 * AWS_RETRY_MODE=legacy gives %BP_RETRY_LEGACY_MAX_ATTEMPTS, standard or
 * adaptive %BP_RETRY_DEFAULT_MAX_ATTEMPTS; AWS_MAX_ATTEMPTS (1 to 100) wins
 * over both. Unset or invalid values leave the policy as it was.
 */
void
bp_retry_policy_configure_from_environ (BpRetryPolicy      *policy,
                                        const char * const *envp)
{
  const char *mode;
  const char *max;
  guint64 value;

  g_return_if_fail (policy != NULL);

  if (envp == NULL)
    return;

  mode = g_environ_getenv ((char **) envp, "AWS_RETRY_MODE");
  if (mode != NULL && g_ascii_strcasecmp (mode, "legacy") == 0)
    policy->max_attempts = BP_RETRY_LEGACY_MAX_ATTEMPTS;
  else if (mode != NULL && (g_ascii_strcasecmp (mode, "standard") == 0 ||
                            g_ascii_strcasecmp (mode, "adaptive") == 0))
    policy->max_attempts = BP_RETRY_DEFAULT_MAX_ATTEMPTS;
  else if (mode != NULL)
    g_debug ("Ignoring AWS_RETRY_MODE=%s: not standard, adaptive or legacy", mode);

  max = g_environ_getenv ((char **) envp, "AWS_MAX_ATTEMPTS");
  if (max != NULL && g_ascii_string_to_unsigned (max, 10, 1, MAX_ATTEMPTS_LIMIT, &value, NULL))
    policy->max_attempts = (guint) value;
  else if (max != NULL)
    g_debug ("Ignoring AWS_MAX_ATTEMPTS=%s: not a number from 1 to %d", max, MAX_ATTEMPTS_LIMIT);
}

/* HTTP dates (RFC 7231 §7.1.1.1). */

static const char * const month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static const char * const day_names[] = {
  "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};

static const char * const long_day_names[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

static gboolean
skip_literal (const char **p,
              const char  *literal)
{
  gsize len = strlen (literal);

  if (g_ascii_strncasecmp (*p, literal, len) != 0)
    return FALSE;

  *p += len;
  return TRUE;
}

static gboolean
skip_name (const char         **p,
           const char * const  *names,
           guint                n,
           int                 *out_index)
{
  for (guint i = 0; i < n; i++)
    {
      if (skip_literal (p, names[i]))
        {
          if (out_index != NULL)
            *out_index = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Exactly @n_digits digits. */
static gboolean
parse_number (const char **p,
              guint        n_digits,
              int         *out)
{
  int value = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }

  *p += n_digits;
  *out = value;
  return TRUE;
}

/* "HH:MM:SS" */
static gboolean
parse_time_of_day (const char **p,
                   int         *hour,
                   int         *minute,
                   int         *second)
{
  return parse_number (p, 2, hour) && skip_literal (p, ":") &&
         parse_number (p, 2, minute) && skip_literal (p, ":") &&
         parse_number (p, 2, second);
}

typedef struct
{
  int year, month, day, hour, minute, second;
} DateParts;

/* "Sun, 06 Nov 1994 08:49:37 GMT" after the day name and comma. */
static gboolean
parse_imf_fixdate (const char *p,
                   DateParts  *d)
{
  return skip_literal (&p, " ") && parse_number (&p, 2, &d->day) && skip_literal (&p, " ") &&
         skip_name (&p, month_names, 12, &d->month) && skip_literal (&p, " ") &&
         parse_number (&p, 4, &d->year) && skip_literal (&p, " ") &&
         parse_time_of_day (&p, &d->hour, &d->minute, &d->second) &&
         skip_literal (&p, " GMT") && *p == '\0';
}

/* "Sunday, 06-Nov-94 08:49:37 GMT" after the day name and comma. Without a
 * clock the two-digit year pivots at 70: 00–69 are 20xx, 70–99 are 19xx. */
static gboolean
parse_rfc850_date (const char *p,
                   DateParts  *d)
{
  if (!(skip_literal (&p, " ") && parse_number (&p, 2, &d->day) && skip_literal (&p, "-") &&
        skip_name (&p, month_names, 12, &d->month) && skip_literal (&p, "-") &&
        parse_number (&p, 2, &d->year) && skip_literal (&p, " ") &&
        parse_time_of_day (&p, &d->hour, &d->minute, &d->second) &&
        skip_literal (&p, " GMT") && *p == '\0'))
    return FALSE;

  d->year += d->year < 70 ? 2000 : 1900;
  return TRUE;
}

/* "Sun Nov  6 08:49:37 1994" after the day name. */
static gboolean
parse_asctime_date (const char *p,
                    DateParts  *d)
{
  if (!(skip_literal (&p, " ") && skip_name (&p, month_names, 12, &d->month) &&
        skip_literal (&p, " ")))
    return FALSE;

  if (*p == ' ')
    {
      p++;
      if (!parse_number (&p, 1, &d->day))
        return FALSE;
    }
  else if (!parse_number (&p, 2, &d->day))
    {
      return FALSE;
    }

  return skip_literal (&p, " ") && parse_time_of_day (&p, &d->hour, &d->minute, &d->second) &&
         skip_literal (&p, " ") && parse_number (&p, 4, &d->year) && *p == '\0';
}

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static gboolean
date_parts_valid (const DateParts *d)
{
  static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int days_in_month;

  if (d->year < 1900 || d->month < 0 || d->month > 11)
    return FALSE;

  days_in_month = month_days[d->month] + (d->month == 1 && is_leap_year (d->year));

  /* Second 60 is a leap second (RFC 5322 allows it). */
  return d->day >= 1 && d->day <= days_in_month && d->hour <= 23 &&
         d->minute <= 59 && d->second <= 60;
}

/* Howard Hinnant's days_from_civil: day 0 = 1970-01-01. */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 y = year - (month <= 2 ? 1 : 0);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

/**
 * bp_parse_http_date:
 * @http_date: a Date header value
 * @out_unix_ms: (out) (optional): milliseconds since the epoch
 *
 * Parses the three forms RFC 7231 asks recipients to accept: IMF-fixdate
 * ("Sun, 06 Nov 1994 08:49:37 GMT"), RFC 850 ("Sunday, 06-Nov-94 08:49:37
 * GMT") and asctime ("Sun Nov  6 08:49:37 1994"). Names are matched without
 * regard to case; the day name is not checked against the date.
 *
 * Returns: %TRUE when @http_date is a valid date
 */
gboolean
bp_parse_http_date (const char *http_date,
                    gint64     *out_unix_ms)
{
  DateParts d = { 0 };
  const char *p = http_date;
  gboolean ok;
  gint64 seconds;

  g_return_val_if_fail (http_date != NULL, FALSE);

  if (skip_name (&p, long_day_names, 7, NULL))
    ok = skip_literal (&p, ",") && parse_rfc850_date (p, &d);
  else if (!skip_name (&p, day_names, 7, NULL))
    ok = FALSE;
  else if (*p == ',')
    ok = parse_imf_fixdate (p + 1, &d);
  else
    ok = parse_asctime_date (p, &d);

  if (!ok || !date_parts_valid (&d))
    return FALSE;

  seconds = days_from_civil (d.year, d.month + 1, d.day) * 86400 +
            d.hour * 3600 + d.minute * 60 + d.second;
  if (out_unix_ms != NULL)
    *out_unix_ms = seconds * 1000;

  return TRUE;
}

/**
 * bp_clock_skew_update:
 * @offset_ms: (inout): the clock offset to sign with (now + offset)
 * @http_date: (nullable): the response's Date header
 * @local_now_ms: the local clock when the response arrived, ms since the epoch
 *
 * Wire-format §6.5: when the server's time differs from now + offset by
 * %BP_CLOCK_SKEW_THRESHOLD_MS or more, the offset becomes server − now.
 *
 * Returns: %TRUE when *@offset_ms changed
 */
gboolean
bp_clock_skew_update (gint64     *offset_ms,
                      const char *http_date,
                      gint64      local_now_ms)
{
  gint64 server_ms;
  gint64 skew;

  g_return_val_if_fail (offset_ms != NULL, FALSE);

  if (http_date == NULL || !bp_parse_http_date (http_date, &server_ms))
    return FALSE;

  skew = server_ms - (local_now_ms + *offset_ms);
  if (ABS (skew) < BP_CLOCK_SKEW_THRESHOLD_MS)
    return FALSE;

  g_debug ("Clock skew of %" G_GINT64_FORMAT " ms: correcting the signing clock", skew);
  *offset_ms = server_ms - local_now_ms;

  return TRUE;
}
