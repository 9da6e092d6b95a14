/* bp-fake-bedrock-faults.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <string.h>

#include "bp-fake-bedrock-private.h"

/* Fault injection. A runtime request gets the fault at the head of the
 * queue filled by bp_fake_bedrock_push_fault(); without one, a marker in
 * the prompt picks it: "[[fault:NAME]]" on every request with that prompt,
 * "[[fault:NAME:N]]" on the first N of them (counted per distinct prompt
 * text), after which the prompt succeeds. */

#define MARKER_PREFIX "[[fault:"

typedef struct
{
  BpFakeFault fault;
  guint       remaining;    /* 0 = until cleared */
} BpFakeFaultEntry;

static const char * const fault_names[] = {
  [BP_FAKE_FAULT_NONE] = "none",
  [BP_FAKE_FAULT_THROTTLE] = "throttle",
  [BP_FAKE_FAULT_ERROR_500] = "error-500",
  [BP_FAKE_FAULT_ERROR_503] = "error-503",
  [BP_FAKE_FAULT_VALIDATION_400] = "validation-400",
  [BP_FAKE_FAULT_ACCESS_DENIED_403] = "access-denied-403",
  [BP_FAKE_FAULT_BAD_SIGNATURE_403] = "bad-signature-403",
  [BP_FAKE_FAULT_EXPIRED_TOKEN_403] = "expired-token-403",
  [BP_FAKE_FAULT_MODEL_NOT_READY] = "model-not-ready",
  [BP_FAKE_FAULT_MODEL_TIMEOUT_408] = "model-timeout-408",
  [BP_FAKE_FAULT_MID_STREAM_EXCEPTION] = "mid-stream-exception",
  [BP_FAKE_FAULT_MID_STREAM_THROTTLE] = "mid-stream-throttle",
  [BP_FAKE_FAULT_TRUNCATED_STREAM] = "truncated-stream",
  [BP_FAKE_FAULT_CORRUPT_CRC] = "corrupt-crc",
  [BP_FAKE_FAULT_SLOW_FIRST_BYTE] = "slow-first-byte",
  [BP_FAKE_FAULT_HANG] = "hang",
  [BP_FAKE_FAULT_HTML_502] = "html-502",
  [BP_FAKE_FAULT_HUGE] = "huge",
};

/**
 * bp_fake_fault_to_string:
 * @fault: a fault
 *
 * Returns: the fault's marker name, e.g. "error-503"
 */
const char *
bp_fake_fault_to_string (BpFakeFault fault)
{
  g_return_val_if_fail ((guint) fault < G_N_ELEMENTS (fault_names), NULL);

  return fault_names[fault];
}

/**
 * bp_fake_fault_from_string:
 * @name: a marker name
 * @out_fault: (out): the fault
 *
 * Returns: whether @name names a fault
 */
gboolean
bp_fake_fault_from_string (const char  *name,
                           BpFakeFault *out_fault)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (out_fault != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    {
      if (strcmp (fault_names[i], name) == 0)
        {
          *out_fault = (BpFakeFault) i;
          return TRUE;
        }
    }

  return FALSE;
}

void
_bp_fake_fault_entry_free (gpointer entry)
{
  g_free (entry);
}

/**
 * bp_fake_bedrock_push_fault:
 * @self: a #BpFakeBedrock
 * @fault: the fault
 * @count: how many runtime requests get it; 0 = every one until
 *   bp_fake_bedrock_clear_faults()
 *
 * Queues a fault for the next runtime requests (Converse, ConverseStream,
 * InvokeModel, InvokeModelWithResponseStream, CountTokens), after the
 * faults queued before it. Queued faults win over prompt markers.
 */
void
bp_fake_bedrock_push_fault (BpFakeBedrock *self,
                            BpFakeFault    fault,
                            guint          count)
{
  BpFakeFaultEntry *entry;

  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));
  g_return_if_fail ((guint) fault < G_N_ELEMENTS (fault_names));

  entry = g_new0 (BpFakeFaultEntry, 1);
  entry->fault = fault;
  entry->remaining = count;
  g_queue_push_tail (&self->faults, entry);
}

/**
 * bp_fake_bedrock_clear_faults:
 * @self: a #BpFakeBedrock
 *
 * Drops the queued faults and forgets how often each marker struck.
 */
void
bp_fake_bedrock_clear_faults (BpFakeBedrock *self)
{
  g_return_if_fail (BP_IS_FAKE_BEDROCK (self));

  g_queue_clear_full (&self->faults, _bp_fake_fault_entry_free);
  g_hash_table_remove_all (self->marker_counts);
}

static BpFakeFault
take_queued (BpFakeBedrock *self)
{
  BpFakeFaultEntry *entry = g_queue_peek_head (&self->faults);
  BpFakeFault fault;

  if (entry == NULL)
    return BP_FAKE_FAULT_NONE;

  fault = entry->fault;
  if (entry->remaining > 0 && --entry->remaining == 0)
    _bp_fake_fault_entry_free (g_queue_pop_head (&self->faults));

  return fault;
}

/* "[[fault:NAME]]" or "[[fault:NAME:N]]" in @text. */
static BpFakeFault
take_marked (BpFakeBedrock *self,
             const char    *text)
{
  const char *start = text ? strstr (text, MARKER_PREFIX) : NULL;
  const char *end;
  g_autofree char *body = NULL;
  g_auto(GStrv) parts = NULL;
  BpFakeFault fault;
  guint64 limit = 0;
  char *key;
  guint count;

  if (start == NULL || (end = strstr (start, "]]")) == NULL)
    return BP_FAKE_FAULT_NONE;

  body = g_strndup (start + strlen (MARKER_PREFIX), end - start - strlen (MARKER_PREFIX));
  parts = g_strsplit (body, ":", 2);
  if (!bp_fake_fault_from_string (parts[0], &fault))
    return BP_FAKE_FAULT_NONE;
  if (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &limit, NULL))
    return BP_FAKE_FAULT_NONE;

  key = g_strdup_printf ("%s\x1f%s", parts[0], text);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->marker_counts, key));
  if (limit > 0 && count >= limit)
    {
      g_free (key);
      return BP_FAKE_FAULT_NONE;
    }
  g_hash_table_replace (self->marker_counts, key, GUINT_TO_POINTER (count + 1));

  return fault;
}

static gboolean
slow_first_byte_cb (gpointer data)
{
  BpFakeExchange *exchange = data;

  exchange->delay_id = 0;
  _bp_fake_bedrock_dispatch (exchange);

  return G_SOURCE_REMOVE;
}

static void
respond_html_502 (BpFakeExchange *exchange)
{
  static const char page[] =
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
    "<body><h1>502 Bad Gateway</h1>\r\n"
    "<p>The proxy server received an invalid response from an upstream server.</p>\r\n"
    "</body>\r\n</html>\r\n";

  _bp_fake_exchange_set_status (exchange, SOUP_STATUS_BAD_GATEWAY);
  /* A proxy answered: nothing of Bedrock's. */
  soup_message_headers_remove (soup_server_message_get_response_headers (exchange->msg),
                               "x-amzn-RequestId");
  soup_server_message_set_response (exchange->msg, "text/html", SOUP_MEMORY_STATIC,
                                    page, strlen (page));
  _bp_fake_exchange_kick (exchange);
}

/* The faults that are plain error responses. */
static const struct
{
  BpFakeFault  fault;
  guint        status;
  const char  *code;
  const char  *message;
} error_responses[] = {
  { BP_FAKE_FAULT_THROTTLE, 429, "ThrottlingException",
    "Too many requests, please wait before trying again." },
  { BP_FAKE_FAULT_ERROR_500, 500, "InternalServerException",
    "The server encountered an internal error while processing the request." },
  { BP_FAKE_FAULT_ERROR_503, 503, "ServiceUnavailableException",
    "Bedrock is unable to process your request." },
  { BP_FAKE_FAULT_VALIDATION_400, 400, "ValidationException",
    "Malformed input request: injected fault, please reformat your input and try again." },
  { BP_FAKE_FAULT_ACCESS_DENIED_403, 403, "AccessDeniedException",
    "You don't have access to the model with the specified model ID." },
  { BP_FAKE_FAULT_MODEL_NOT_READY, 429, "ModelNotReadyException",
    "Model is not ready for inference. Wait and try your request again." },
  { BP_FAKE_FAULT_MODEL_TIMEOUT_408, 408, "ModelTimeoutException",
    "Model has timed out in processing the request. Try your request again." },
};

/* Returns TRUE when the fault took the request over. */
static gboolean
apply (BpFakeExchange *exchange)
{
  gboolean streaming = _bp_fake_exchange_is_streaming (exchange);

  for (guint i = 0; i < G_N_ELEMENTS (error_responses); i++)
    {
      if (error_responses[i].fault == exchange->fault)
        {
          _bp_fake_exchange_respond_error (exchange, error_responses[i].status,
                                           error_responses[i].code, error_responses[i].message);
          return TRUE;
        }
    }

  switch (exchange->fault)
    {
    case BP_FAKE_FAULT_BAD_SIGNATURE_403:
      _bp_fake_auth_respond_bad_signature (exchange);
      return TRUE;

    case BP_FAKE_FAULT_EXPIRED_TOKEN_403:
      _bp_fake_auth_respond_expired_token (exchange);
      return TRUE;

    /* Without a stream, a mid-stream failure is an HTTP error. */
    case BP_FAKE_FAULT_MID_STREAM_EXCEPTION:
      if (!streaming)
        _bp_fake_exchange_respond_error (exchange, 424, "ModelErrorException",
                                         "The model failed while processing the request.");
      return !streaming;

    case BP_FAKE_FAULT_MID_STREAM_THROTTLE:
      if (!streaming)
        _bp_fake_exchange_respond_error (exchange, 429, "ThrottlingException",
                                         "Too many requests, please wait before trying again.");
      return !streaming;

    case BP_FAKE_FAULT_SLOW_FIRST_BYTE:
      _bp_fake_exchange_pause (exchange);
      exchange->delay_id = g_timeout_add (exchange->fake->slow_first_byte_ms,
                                          slow_first_byte_cb, exchange);
      return TRUE;

    case BP_FAKE_FAULT_HANG:
      _bp_fake_exchange_pause (exchange);
      return TRUE;

    case BP_FAKE_FAULT_HTML_502:
      respond_html_502 (exchange);
      return TRUE;

    default:
      /* Applied by the operation: truncated-stream, corrupt-crc, huge. */
      return FALSE;
    }
}

/**
 * _bp_fake_faults_apply:
 * @exchange: a runtime request
 * @prompt_text: (nullable): the prompt text, searched for a marker
 *
 * Picks the request's fault once and applies those that replace the
 * response. The streaming faults and "huge" stay in @exchange->fault for
 * the operation to apply.
 *
 * Returns: %TRUE when the fault took the request over (responded, or
 *   paused it): the caller must stop
 */
gboolean
_bp_fake_faults_apply (BpFakeExchange *exchange,
                       const char     *prompt_text)
{
  if (exchange->fault_decided)
    return FALSE;

  exchange->fault_decided = TRUE;
  exchange->fault = take_queued (exchange->fake);
  if (exchange->fault == BP_FAKE_FAULT_NONE)
    exchange->fault = take_marked (exchange->fake, prompt_text);
  exchange->record->fault = exchange->fault;

  if (exchange->fault != BP_FAKE_FAULT_NONE)
    g_debug ("Fault %s on %s", bp_fake_fault_to_string (exchange->fault),
             exchange->record->path);

  return apply (exchange);
}
