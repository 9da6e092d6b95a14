/* bp-retry.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-types.h"

G_BEGIN_DECLS

/**
 * BpRetryKind:
 * @BP_RETRY_KIND_NONE: do not retry
 * @BP_RETRY_KIND_TRANSIENT: 5xx, connection errors, timeouts
 * @BP_RETRY_KIND_THROTTLING: 429, throttling codes, ModelNotReadyException
 * @BP_RETRY_KIND_CLOCK_SKEW: skew codes: retry after correcting the clock
 *
 * What a failed attempt calls for (wire-format §6.4).
 */
typedef enum
{
  BP_RETRY_KIND_NONE,
  BP_RETRY_KIND_TRANSIENT,
  BP_RETRY_KIND_THROTTLING,
  BP_RETRY_KIND_CLOCK_SKEW,
} BpRetryKind;

/* Standard mode: first try plus two retries. */
#define BP_RETRY_DEFAULT_MAX_ATTEMPTS 3
/* AWS_RETRY_MODE=legacy: botocore's legacy mode makes five attempts. */
#define BP_RETRY_LEGACY_MAX_ATTEMPTS  5
/* The retry quota (token bucket) starts full with this many tokens. */
#define BP_RETRY_QUOTA_CAPACITY       500
/* Tokens a retry takes; a transport error or timeout takes more. */
#define BP_RETRY_COST                 5
#define BP_RETRY_TIMEOUT_COST         10
/* Tokens a success on the first attempt gives back. */
#define BP_RETRY_NO_RETRY_INCREMENT   1
/* Full-jitter backoff: bases per kind and the cap, in milliseconds. */
#define BP_RETRY_TRANSIENT_BASE_MS    100
#define BP_RETRY_THROTTLING_BASE_MS   500
#define BP_RETRY_MAX_BACKOFF_MS       20000
/* Correct the clock when it is off by this much or more (wire-format §6.5). */
#define BP_CLOCK_SKEW_THRESHOLD_MS    300000

BpRetryKind    bp_retry_classify                    (guint          http_status,
                                                     const char    *error_code);

/**
 * BpRandomFunc:
 * @user_data: the data given with the function
 *
 * Returns: a uniform random number in [0, 1)
 */
typedef double (*BpRandomFunc) (gpointer user_data);

BpRetryPolicy *bp_retry_policy_new                  (void);
BpRetryPolicy *bp_retry_policy_ref                  (BpRetryPolicy *policy);
void           bp_retry_policy_unref                (BpRetryPolicy *policy);
void           bp_retry_policy_set_max_attempts     (BpRetryPolicy *policy,
                                                     guint          max_attempts);
guint          bp_retry_policy_get_max_attempts     (BpRetryPolicy *policy);
void           bp_retry_policy_set_random_func      (BpRetryPolicy *policy,
                                                     BpRandomFunc   func,
                                                     gpointer       user_data);
gboolean       bp_retry_policy_should_retry         (BpRetryPolicy *policy,
                                                     BpRetryKind    kind,
                                                     guint          attempt,
                                                     guint         *out_delay_ms);
void           bp_retry_policy_record_success       (BpRetryPolicy *policy,
                                                     guint          attempts);
void           bp_retry_policy_configure_from_environ (BpRetryPolicy      *policy,
                                                       const char * const *envp);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpRetryPolicy, bp_retry_policy_unref)

gboolean       bp_clock_skew_update                 (gint64        *offset_ms,
                                                     const char    *http_date,
                                                     gint64         local_now_ms);
gboolean       bp_parse_http_date                   (const char    *http_date,
                                                     gint64        *out_unix_ms);

/* Added beyond the contract: the quota cost depends on the failure, which
 * the kind alone does not tell (a 503 and a reset connection are both
 * TRANSIENT but cost 5 and 10). */
guint          bp_retry_cost                        (guint          http_status,
                                                     const char    *error_code);
gboolean       bp_retry_policy_should_retry_with_cost (BpRetryPolicy *policy,
                                                       BpRetryKind    kind,
                                                       guint          cost,
                                                       guint          attempt,
                                                       guint         *out_delay_ms);
void           bp_retry_policy_record_success_with_cost (BpRetryPolicy *policy,
                                                         guint          attempts,
                                                         guint          last_retry_cost);
guint          bp_retry_policy_get_available_tokens (BpRetryPolicy *policy);

G_END_DECLS
