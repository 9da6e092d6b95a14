/* bp-fake-bedrock-settings.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>

#include "bp-fake-bedrock-private.h"

/* BpFakeBedrock's settings and statistics: what the server accepts, how
 * it paces replies, and what it has seen. */

static void
replace_secret (char       **field,
                const char  *value)
{
  if (*field != NULL)
    {
      gnutls_memset (*field, 0, strlen (*field));
      g_free (*field);
    }
  *field = g_strdup (value);
}

/**
 * bp_fake_bedrock_set_credentials:
 * @self: a #BpFakeBedrock
 * @access_key_id: (nullable): the access key id to accept, or %NULL to
 *   refuse every SigV4 request
 * @secret_access_key: (nullable): its secret
 * @session_token: (nullable): the session token requests must carry, or
 *   %NULL for none
 *
 * Sets the one set of SigV4 credentials the fake accepts. The default is
 * AKIDEXAMPLE with the documentation example secret and no token.
 */
void
bp_fake_bedrock_set_credentials (BpFakeBedrock *self,
                                 const char    *access_key_id,
                                 const char    *secret_access_key,
                                 const char    *session_token)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));
  g_return_if_fail ((access_key_id == NULL) == (secret_access_key == NULL));

  replace_secret (&self->access_key_id, access_key_id);
  replace_secret (&self->secret_access_key, secret_access_key);
  replace_secret (&self->session_token, session_token);
  self->session_token_expired = FALSE;
}

/**
 * bp_fake_bedrock_set_session_token_expired:
 * @self: a #BpFakeBedrock
 * @expired: whether the session token has expired
 *
 * An expired token is answered with 403 ExpiredTokenException.
 */
void
bp_fake_bedrock_set_session_token_expired (BpFakeBedrock *self,
                                           gboolean       expired)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));

  self->session_token_expired = !!expired;
}

/**
 * bp_fake_bedrock_set_bearer_token:
 * @self: a #BpFakeBedrock
 * @token: (nullable): the Bedrock API key to accept as
 *   "Authorization: Bearer", or %NULL to refuse bearer requests
 */
void
bp_fake_bedrock_set_bearer_token (BpFakeBedrock *self,
                                  const char    *token)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));

  replace_secret (&self->bearer_token, token);
}

/**
 * bp_fake_bedrock_set_region:
 * @self: a #BpFakeBedrock
 * @region: the region signatures must be scoped to
 */
void
bp_fake_bedrock_set_region (BpFakeBedrock *self,
                            const char    *region)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));
  g_return_if_fail (region != NULL && *region != '\0');

  if (g_strcmp0 (self->region, region) == 0)
    return;

  g_free (self->region);
  self->region = g_strdup (region);
  g_object_notify (G_OBJECT (self), "region");
}

const char *
bp_fake_bedrock_get_region (BpFakeBedrock *self)
{
  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), NULL);

  return self->region;
}

/**
 * bp_fake_bedrock_set_clock_offset:
 * @self: a #BpFakeBedrock
 * @seconds: how far the server's clock is ahead of the real one
 *
 * The server's clock decides signature expiry and the Date header, so a
 * test can make the client's clock look skewed.
 */
void
bp_fake_bedrock_set_clock_offset (BpFakeBedrock *self,
                                  gint64         seconds)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));

  if (self->clock_offset == seconds)
    return;

  self->clock_offset = seconds;
  g_object_notify (G_OBJECT (self), "clock-offset");
}

gint64
bp_fake_bedrock_get_clock_offset (BpFakeBedrock *self)
{
  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), 0);

  return self->clock_offset;
}

/**
 * _bp_fake_bedrock_now:
 * @self: a #BpFakeBedrock
 *
 * Returns: the server's clock, seconds since the epoch
 */
gint64
_bp_fake_bedrock_now (BpFakeBedrock *self)
{
  return g_get_real_time () / G_USEC_PER_SEC + self->clock_offset;
}

/**
 * bp_fake_bedrock_set_tokens_per_second:
 * @self: a #BpFakeBedrock
 * @tokens_per_second: the streaming pace, 0 = as fast as possible
 */
void
bp_fake_bedrock_set_tokens_per_second (BpFakeBedrock *self,
                                       guint          tokens_per_second)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));

  if (self->tokens_per_second == tokens_per_second)
    return;

  self->tokens_per_second = tokens_per_second;
  g_object_notify (G_OBJECT (self), "tokens-per-second");
}

guint
bp_fake_bedrock_get_tokens_per_second (BpFakeBedrock *self)
{
  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), 0);

  return self->tokens_per_second;
}

/**
 * bp_fake_bedrock_set_reply_words:
 * @self: a #BpFakeBedrock
 * @words: the reply length in words when the prompt has no
 *   "[[words:N]]" marker
 */
void
bp_fake_bedrock_set_reply_words (BpFakeBedrock *self,
                                 guint          words)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));

  if (self->reply_words == words)
    return;

  self->reply_words = words;
  g_object_notify (G_OBJECT (self), "reply-words");
}

guint
bp_fake_bedrock_get_reply_words (BpFakeBedrock *self)
{
  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), 0);

  return self->reply_words;
}

/**
 * bp_fake_bedrock_set_slow_first_byte_ms:
 * @self: a #BpFakeBedrock
 * @delay_ms: the slow-first-byte fault's delay (default 3000)
 */
void
bp_fake_bedrock_set_slow_first_byte_ms (BpFakeBedrock *self,
                                        guint          delay_ms)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));

  self->slow_first_byte_ms = delay_ms;
}

/**
 * bp_fake_bedrock_set_control_delay_ms:
 * @self: a #BpFakeBedrock
 * @delay_ms: how long every control-plane answer (ListFoundationModels,
 *   GetFoundationModel, ListInferenceProfiles,
 *   GetFoundationModelAvailability) waits; 0 (the default) answers at once
 *
 * Keeps control-plane requests in flight, for tests of loading states and
 * of how many requests a client runs at once.
 */
void
bp_fake_bedrock_set_control_delay_ms (BpFakeBedrock *self,
                                      guint          delay_ms)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));

  self->control_delay_ms = delay_ms;
}

/**
 * bp_fake_bedrock_set_model_access:
 * @self: a #BpFakeBedrock
 * @model_id: a base model id, e.g. `anthropic.claude-3-haiku-20240307-v1:0`
 * @access: the account's access to it
 *
 * What GetFoundationModelAvailability answers for the model, and what the
 * runtime operations do when it is invoked by base id, profile id or ARN.
 * Every model is %BP_FAKE_ACCESS_AUTHORIZED until set otherwise.
 */
void
bp_fake_bedrock_set_model_access (BpFakeBedrock *self,
                                  const char    *model_id,
                                  BpFakeAccess   access)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));
  g_return_if_fail (model_id != NULL);
  g_return_if_fail (access <= BP_FAKE_ACCESS_NOT_IN_REGION);

  if (access == BP_FAKE_ACCESS_AUTHORIZED)
    g_hash_table_remove (self->model_access, model_id);
  else
    g_hash_table_replace (self->model_access, g_strdup (model_id), GINT_TO_POINTER (access));
}

/**
 * bp_fake_bedrock_get_model_access:
 * @self: a #BpFakeBedrock
 * @model_id: a base model id
 *
 * Returns: the access bp_fake_bedrock_set_model_access() set
 */
BpFakeAccess
bp_fake_bedrock_get_model_access (BpFakeBedrock *self,
                                  const char    *model_id)
{
  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), BP_FAKE_ACCESS_AUTHORIZED);
  g_return_val_if_fail (model_id != NULL, BP_FAKE_ACCESS_AUTHORIZED);

  return (BpFakeAccess) GPOINTER_TO_INT (g_hash_table_lookup (self->model_access, model_id));
}

/**
 * bp_fake_bedrock_set_operation_denied:
 * @self: a #BpFakeBedrock
 * @operation: an operation name (BP_FAKE_OP_*)
 * @denied: whether IAM denies it
 *
 * A denied operation is answered, after authentication, with 403
 * AccessDeniedException "User: … is not authorized to perform:
 * bedrock:OPERATION …", as when the caller's IAM policy lacks the action.
 */
void
bp_fake_bedrock_set_operation_denied (BpFakeBedrock *self,
                                      const char    *operation,
                                      gboolean       denied)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));
  g_return_if_fail (operation != NULL);

  if (denied)
    g_hash_table_add (self->denied_operations, g_strdup (operation));
  else
    g_hash_table_remove (self->denied_operations, operation);
}

/**
 * bp_fake_bedrock_get_request_count:
 * @self: a #BpFakeBedrock
 * @operation: (nullable): an operation name (BP_FAKE_OP_*), or %NULL for
 *   all requests
 *
 * Returns: how many requests of @operation arrived, whatever the answer
 */
guint
bp_fake_bedrock_get_request_count (BpFakeBedrock *self,
                                   const char    *operation)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), 0);

  if (operation != NULL)
    return GPOINTER_TO_UINT (g_hash_table_lookup (self->op_counts, operation));

  g_hash_table_iter_init (&iter, self->op_counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);

  return total;
}

guint
bp_fake_bedrock_get_n_requests (BpFakeBedrock *self)
{
  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), 0);

  return self->requests->len;
}

/**
 * bp_fake_bedrock_get_request:
 * @self: a #BpFakeBedrock
 * @n: the request's index in arrival order
 *
 * Returns: (transfer none): the logged request, valid until
 *   bp_fake_bedrock_reset_stats()
 */
const BpFakeRequest *
bp_fake_bedrock_get_request (BpFakeBedrock *self,
                             guint          n)
{
  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), NULL);
  g_return_val_if_fail (n < self->requests->len, NULL);

  return g_ptr_array_index (self->requests, n);
}

/**
 * bp_fake_bedrock_get_last_request:
 * @self: a #BpFakeBedrock
 *
 * Returns: (transfer none) (nullable): the latest request
 */
const BpFakeRequest *
bp_fake_bedrock_get_last_request (BpFakeBedrock *self)
{
  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), NULL);

  if (self->requests->len == 0)
    return NULL;

  return g_ptr_array_index (self->requests, self->requests->len - 1);
}

/**
 * bp_fake_bedrock_reset_stats:
 * @self: a #BpFakeBedrock
 *
 * Forgets the request log, the per-operation counts and the most
 * requests seen in flight.
 */
void
bp_fake_bedrock_reset_stats (BpFakeBedrock *self)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));

  g_ptr_array_set_size (self->requests, 0);
  g_hash_table_remove_all (self->op_counts);
  self->max_in_flight = g_hash_table_size (self->exchanges);
}

/**
 * bp_fake_bedrock_set_log_limit:
 * @self: a #BpFakeBedrock
 * @max_requests: how many requests the log keeps, the latest; 0 (the
 *   default) keeps all
 *
 * Bounds the memory of a long-running fake.
 */
void
bp_fake_bedrock_set_log_limit (BpFakeBedrock *self,
                               guint          max_requests)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));

  self->log_limit = max_requests;
  if (max_requests > 0 && self->requests->len > max_requests)
    g_ptr_array_remove_range (self->requests, 0, self->requests->len - max_requests);
}

/**
 * bp_fake_bedrock_get_n_in_flight:
 * @self: a #BpFakeBedrock
 *
 * Returns: how many requests are still being answered (streaming,
 *   delayed, hanging)
 */
guint
bp_fake_bedrock_get_n_in_flight (BpFakeBedrock *self)
{
  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), 0);

  return g_hash_table_size (self->exchanges);
}

/**
 * bp_fake_bedrock_get_max_in_flight:
 * @self: a #BpFakeBedrock
 *
 * Returns: the most requests that were being answered at once since the
 *   fake started or bp_fake_bedrock_reset_stats(), counted as each
 *   request arrives
 */
guint
bp_fake_bedrock_get_max_in_flight (BpFakeBedrock *self)
{
  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), 0);

  return self->max_in_flight;
}
