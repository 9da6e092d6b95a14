/* bp-bedrock-error.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_BEDROCK_ERROR (bp_bedrock_error_quark ())

/**
 * BpBedrockError:
 * @BP_BEDROCK_ERROR_ACCESS_DENIED: `AccessDeniedException` (IAM denies, or
 *   model access not granted); also an unknown 401/403.
 * @BP_BEDROCK_ERROR_VALIDATION: `ValidationException` and client-side
 *   validation of a request (empty messages, values out of range, …).
 * @BP_BEDROCK_ERROR_THROTTLED: `ThrottlingException` and the other throttling
 *   codes, or a bare 429.
 * @BP_BEDROCK_ERROR_MODEL_NOT_READY: `ModelNotReadyException` (retryable).
 * @BP_BEDROCK_ERROR_MODEL_TIMEOUT: `ModelTimeoutException`.
 * @BP_BEDROCK_ERROR_SERVICE_UNAVAILABLE: `ServiceUnavailableException`, or a
 *   bare 502/503.
 * @BP_BEDROCK_ERROR_INTERNAL: `InternalServerException`, or a bare 5xx.
 * @BP_BEDROCK_ERROR_QUOTA_EXCEEDED: `ServiceQuotaExceededException`.
 * @BP_BEDROCK_ERROR_NOT_FOUND: `ResourceNotFoundException`, or a bare 404.
 * @BP_BEDROCK_ERROR_INVALID_CREDENTIALS: the key is unknown or the signature
 *   is wrong (`UnrecognizedClientException`, `InvalidSignatureException`,
 *   `SignatureDoesNotMatch`, …).
 * @BP_BEDROCK_ERROR_EXPIRED_CREDENTIALS: `ExpiredTokenException`.
 * @BP_BEDROCK_ERROR_TRUNCATED_STREAM: the response stream ended mid-reply.
 * @BP_BEDROCK_ERROR_CORRUPT_STREAM: a stream event or chunk could not be
 *   decoded (not JSON, bad base64, over the size limit).
 * @BP_BEDROCK_ERROR_NOT_JSON: the response body is not JSON (for example an
 *   HTML error page from a proxy).
 * @BP_BEDROCK_ERROR_NETWORK: the connection failed (set by the client).
 * @BP_BEDROCK_ERROR_TIMEOUT: the request timed out (`RequestTimeout`, 408,
 *   504, or the client's own timer).
 * @BP_BEDROCK_ERROR_MODEL_ERROR: `ModelErrorException`.
 * @BP_BEDROCK_ERROR_MODEL_STREAM_ERROR: `ModelStreamErrorException`.
 * @BP_BEDROCK_ERROR_ON_DEMAND_NOT_SUPPORTED: a `ValidationException` saying
 *   on-demand throughput isn't supported: use an inference profile id.
 * @BP_BEDROCK_ERROR_INVALID_MODEL_ID: a `ValidationException` saying the model
 *   identifier is invalid (wrong or retired id).
 * @BP_BEDROCK_ERROR_CLOCK_SKEW: the signature expired or the request time is
 *   too far from the server's: the computer's clock is wrong.
 * @BP_BEDROCK_ERROR_FAILED: anything else.
 *
 * Error codes of %BP_BEDROCK_ERROR. Append new codes; never renumber.
 */
typedef enum
{
  BP_BEDROCK_ERROR_ACCESS_DENIED,
  BP_BEDROCK_ERROR_VALIDATION,
  BP_BEDROCK_ERROR_THROTTLED,
  BP_BEDROCK_ERROR_MODEL_NOT_READY,
  BP_BEDROCK_ERROR_MODEL_TIMEOUT,
  BP_BEDROCK_ERROR_SERVICE_UNAVAILABLE,
  BP_BEDROCK_ERROR_INTERNAL,
  BP_BEDROCK_ERROR_QUOTA_EXCEEDED,
  BP_BEDROCK_ERROR_NOT_FOUND,
  BP_BEDROCK_ERROR_INVALID_CREDENTIALS,
  BP_BEDROCK_ERROR_EXPIRED_CREDENTIALS,
  BP_BEDROCK_ERROR_TRUNCATED_STREAM,
  BP_BEDROCK_ERROR_CORRUPT_STREAM,
  BP_BEDROCK_ERROR_NOT_JSON,
  BP_BEDROCK_ERROR_NETWORK,
  BP_BEDROCK_ERROR_TIMEOUT,
  BP_BEDROCK_ERROR_MODEL_ERROR,
  BP_BEDROCK_ERROR_MODEL_STREAM_ERROR,
  BP_BEDROCK_ERROR_ON_DEMAND_NOT_SUPPORTED,
  BP_BEDROCK_ERROR_INVALID_MODEL_ID,
  BP_BEDROCK_ERROR_CLOCK_SKEW,
  BP_BEDROCK_ERROR_FAILED,
} BpBedrockError;

GQuark bp_bedrock_error_quark (void);

char           *bp_bedrock_error_normalise_code         (const char *raw);
BpBedrockError  bp_bedrock_error_code_from_service_code (const char *code,
                                                         guint       status);
GError         *bp_bedrock_error_new_from_response      (guint       status,
                                                         const char *x_amzn_error_type,
                                                         const char *request_id,
                                                         GBytes     *body);
char           *bp_bedrock_error_find_service_code      (const char *x_amzn_error_type,
                                                         GBytes     *body);
GError         *bp_stream_exception_to_error            (const char *exception_type,
                                                         GBytes     *payload);
GError         *bp_stream_error_to_error                (const char *error_code,
                                                         const char *error_message);

G_END_DECLS
