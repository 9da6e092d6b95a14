/* bp-fake-bedrock.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Prompt markers, read from the last user turn (Converse) or the prompt of
 * a native body (InvokeModel, images):
 *
 *   [[words:N]]       the reply has at least N words (one word is one
 *                     token) before maxTokens and stop sequences cut it;
 *                     without it, the "reply-words" setting (default 24)
 *   [[fault:NAME]]    every request with this prompt gets fault NAME
 *                     (see BpFakeFault for the names)
 *   [[fault:NAME:N]]  the first N requests with this prompt get it, then
 *                     the prompt succeeds (counted per distinct prompt)
 *   [[filter]]        image models: the output is blocked in a 200
 *                     response (Titan/Nova Canvas "error", Stability
 *                     finish_reasons ["Filter reason: prompt"], no image)
 *   [[filter:400]]    image models: 400 ValidationException instead
 *
 * Replies are deterministic: "Hello! You said: TEXT." (TEXT without the
 * markers) followed by filler words. Markers still count as input words. */

/* Operation names, as counted by bp_fake_bedrock_get_request_count(). */
#define BP_FAKE_OP_CONVERSE                 "Converse"
#define BP_FAKE_OP_CONVERSE_STREAM          "ConverseStream"
#define BP_FAKE_OP_INVOKE_MODEL             "InvokeModel"
#define BP_FAKE_OP_INVOKE_MODEL_STREAM      "InvokeModelWithResponseStream"
#define BP_FAKE_OP_COUNT_TOKENS             "CountTokens"
#define BP_FAKE_OP_LIST_FOUNDATION_MODELS   "ListFoundationModels"
#define BP_FAKE_OP_GET_FOUNDATION_MODEL     "GetFoundationModel"
#define BP_FAKE_OP_LIST_INFERENCE_PROFILES  "ListInferenceProfiles"
#define BP_FAKE_OP_GET_MODEL_AVAILABILITY   "GetFoundationModelAvailability"
#define BP_FAKE_OP_UNKNOWN                  "Unknown"

/* The documentation example keys (not real credentials): the default
 * SigV4 credentials the fake accepts. */
#define BP_FAKE_ACCESS_KEY_ID     "AKIDEXAMPLE"
#define BP_FAKE_SECRET_ACCESS_KEY "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

/**
 * BpFakeFault:
 * @BP_FAKE_FAULT_NONE: serve normally
 * @BP_FAKE_FAULT_THROTTLE: 429 ThrottlingException ("throttle")
 * @BP_FAKE_FAULT_ERROR_500: 500 InternalServerException ("error-500")
 * @BP_FAKE_FAULT_ERROR_503: 503 ServiceUnavailableException ("error-503")
 * @BP_FAKE_FAULT_VALIDATION_400: 400 ValidationException ("validation-400")
 * @BP_FAKE_FAULT_ACCESS_DENIED_403: 403 AccessDeniedException ("access-denied-403")
 * @BP_FAKE_FAULT_BAD_SIGNATURE_403: 403 InvalidSignatureException ("bad-signature-403")
 * @BP_FAKE_FAULT_EXPIRED_TOKEN_403: 403 ExpiredTokenException ("expired-token-403")
 * @BP_FAKE_FAULT_MODEL_NOT_READY: 429 ModelNotReadyException ("model-not-ready")
 * @BP_FAKE_FAULT_MODEL_TIMEOUT_408: 408 ModelTimeoutException ("model-timeout-408")
 * @BP_FAKE_FAULT_MID_STREAM_EXCEPTION: after a few events, an in-stream
 *   modelStreamErrorException; on non-streaming operations a 424
 *   ModelErrorException ("mid-stream-exception")
 * @BP_FAKE_FAULT_MID_STREAM_THROTTLE: after a few events, an in-stream
 *   throttlingException; on non-streaming operations a 429
 *   ("mid-stream-throttle")
 * @BP_FAKE_FAULT_TRUNCATED_STREAM: the connection is shut down in the
 *   middle of an event-stream message (or, without streaming, in the
 *   middle of the JSON body) ("truncated-stream")
 * @BP_FAKE_FAULT_CORRUPT_CRC: after a few events, one message has a payload
 *   byte flipped, so its message CRC no longer matches; no effect on
 *   non-streaming operations ("corrupt-crc")
 * @BP_FAKE_FAULT_SLOW_FIRST_BYTE: the response (headers included) starts
 *   only after the slow-first-byte delay ("slow-first-byte")
 * @BP_FAKE_FAULT_HANG: never answer ("hang")
 * @BP_FAKE_FAULT_HTML_502: a proxy's 502 page in text/html, without
 *   x-amzn-ErrorType or x-amzn-RequestId ("html-502")
 * @BP_FAKE_FAULT_HUGE: a multi-megabyte reply: about 8 MiB of text, or a
 *   4096×4096 PNG for image models ("huge")
 *
 * Faults the fake injects into runtime requests, chosen per request with
 * bp_fake_bedrock_push_fault() or a "[[fault:NAME]]" / "[[fault:NAME:N]]"
 * marker in the prompt. The names in parentheses are the marker names.
 */
typedef enum
{
  BP_FAKE_FAULT_NONE,
  BP_FAKE_FAULT_THROTTLE,
  BP_FAKE_FAULT_ERROR_500,
  BP_FAKE_FAULT_ERROR_503,
  BP_FAKE_FAULT_VALIDATION_400,
  BP_FAKE_FAULT_ACCESS_DENIED_403,
  BP_FAKE_FAULT_BAD_SIGNATURE_403,
  BP_FAKE_FAULT_EXPIRED_TOKEN_403,
  BP_FAKE_FAULT_MODEL_NOT_READY,
  BP_FAKE_FAULT_MODEL_TIMEOUT_408,
  BP_FAKE_FAULT_MID_STREAM_EXCEPTION,
  BP_FAKE_FAULT_MID_STREAM_THROTTLE,
  BP_FAKE_FAULT_TRUNCATED_STREAM,
  BP_FAKE_FAULT_CORRUPT_CRC,
  BP_FAKE_FAULT_SLOW_FIRST_BYTE,
  BP_FAKE_FAULT_HANG,
  BP_FAKE_FAULT_HTML_502,
  BP_FAKE_FAULT_HUGE,
} BpFakeFault;

/**
 * BpFakeAccess:
 * @BP_FAKE_ACCESS_AUTHORIZED: the account may use the model (the default)
 * @BP_FAKE_ACCESS_NOT_AUTHORIZED: access was never granted: runtime calls
 *   get 403 AccessDeniedException
 * @BP_FAKE_ACCESS_AGREEMENT_PENDING: access was requested and the
 *   agreement is pending: runtime calls get 403 AccessDeniedException
 * @BP_FAKE_ACCESS_NOT_IN_REGION: the model is not offered in the region:
 *   runtime calls get 400 ValidationException "The provided model
 *   identifier is invalid."
 *
 * A model's access, as GetFoundationModelAvailability reports it and the
 * runtime operations enforce it (by base id, profile id or ARN), set with
 * bp_fake_bedrock_set_model_access().
 */
typedef enum
{
  BP_FAKE_ACCESS_AUTHORIZED,
  BP_FAKE_ACCESS_NOT_AUTHORIZED,
  BP_FAKE_ACCESS_AGREEMENT_PENDING,
  BP_FAKE_ACCESS_NOT_IN_REGION,
} BpFakeAccess;

const char *bp_fake_fault_to_string   (BpFakeFault  fault);
gboolean    bp_fake_fault_from_string (const char  *name,
                                       BpFakeFault *out_fault);

/**
 * BpFakeRequest:
 * @operation: the operation, one of the BP_FAKE_OP_* names
 * @method: the HTTP method
 * @path: the path exactly as received, still percent-encoded
 * @query: (nullable): the query as received, without '?'
 * @model_id: (nullable): the model id in the path (runtime operations,
 *   GetFoundationModel, GetFoundationModelAvailability), decoded
 * @headers: the request headers as received
 * @body: the request body bytes (empty for none)
 * @status: the HTTP status the fake answered, 0 while it has not
 * @fault: the fault applied to this request
 *
 * One request in the fake's log, for tests to assert what the client sent.
 */
typedef struct
{
  char               *operation;
  char               *method;
  char               *path;
  char               *query;
  char               *model_id;
  SoupMessageHeaders *headers;
  GBytes             *body;
  guint               status;
  BpFakeFault         fault;
} BpFakeRequest;

#define BP_TYPE_FAKE_BEDROCK (bp_fake_bedrock_get_type ())

G_DECLARE_FINAL_TYPE (BpFakeBedrock, bp_fake_bedrock, BP, FAKE_BEDROCK, GObject)

BpFakeBedrock        *bp_fake_bedrock_new                     (void);
BpFakeBedrock        *bp_fake_bedrock_new_with_port           (guint          port,
                                                               GError       **error);
const char           *bp_fake_bedrock_get_url                 (BpFakeBedrock *self);
guint                 bp_fake_bedrock_get_port                (BpFakeBedrock *self);
char                **bp_fake_bedrock_get_environ             (BpFakeBedrock *self);

void                  bp_fake_bedrock_set_credentials         (BpFakeBedrock *self,
                                                               const char    *access_key_id,
                                                               const char    *secret_access_key,
                                                               const char    *session_token);
void                  bp_fake_bedrock_set_session_token_expired (BpFakeBedrock *self,
                                                                 gboolean       expired);
void                  bp_fake_bedrock_set_bearer_token        (BpFakeBedrock *self,
                                                               const char    *token);
void                  bp_fake_bedrock_set_region              (BpFakeBedrock *self,
                                                               const char    *region);
const char           *bp_fake_bedrock_get_region              (BpFakeBedrock *self);
void                  bp_fake_bedrock_set_clock_offset        (BpFakeBedrock *self,
                                                               gint64         seconds);
gint64                bp_fake_bedrock_get_clock_offset        (BpFakeBedrock *self);
void                  bp_fake_bedrock_set_tokens_per_second   (BpFakeBedrock *self,
                                                               guint          tokens_per_second);
guint                 bp_fake_bedrock_get_tokens_per_second   (BpFakeBedrock *self);
void                  bp_fake_bedrock_set_reply_words         (BpFakeBedrock *self,
                                                               guint          words);
guint                 bp_fake_bedrock_get_reply_words         (BpFakeBedrock *self);
void                  bp_fake_bedrock_set_slow_first_byte_ms  (BpFakeBedrock *self,
                                                               guint          delay_ms);
void                  bp_fake_bedrock_set_control_delay_ms    (BpFakeBedrock *self,
                                                               guint          delay_ms);
void                  bp_fake_bedrock_set_model_access        (BpFakeBedrock *self,
                                                               const char    *model_id,
                                                               BpFakeAccess   access);
BpFakeAccess          bp_fake_bedrock_get_model_access        (BpFakeBedrock *self,
                                                               const char    *model_id);
void                  bp_fake_bedrock_set_operation_denied    (BpFakeBedrock *self,
                                                               const char    *operation,
                                                               gboolean       denied);

void                  bp_fake_bedrock_push_fault              (BpFakeBedrock *self,
                                                               BpFakeFault    fault,
                                                               guint          count);
void                  bp_fake_bedrock_clear_faults            (BpFakeBedrock *self);

guint                 bp_fake_bedrock_get_request_count       (BpFakeBedrock *self,
                                                               const char    *operation);
guint                 bp_fake_bedrock_get_n_requests          (BpFakeBedrock *self);
const BpFakeRequest  *bp_fake_bedrock_get_request             (BpFakeBedrock *self,
                                                               guint          n);
const BpFakeRequest  *bp_fake_bedrock_get_last_request        (BpFakeBedrock *self);
void                  bp_fake_bedrock_reset_stats             (BpFakeBedrock *self);
guint                 bp_fake_bedrock_get_n_in_flight         (BpFakeBedrock *self);
guint                 bp_fake_bedrock_get_max_in_flight       (BpFakeBedrock *self);
void                  bp_fake_bedrock_set_log_limit           (BpFakeBedrock *self,
                                                               guint          max_requests);

G_END_DECLS
