/* test-bedrock-error.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-bedrock-error.h"
#include "bp-test-utils.h"

#define ON_DEMAND_CURLY \
  "Invocation of model ID anthropic.claude-3-5-sonnet-20241022-v2:0 with on-demand throughput " \
  "isn\xe2\x80\x99t supported. Retry your request with the ID or ARN of an inference profile that " \
  "contains this model."

typedef struct
{
  const char     *name;
  guint           status;
  const char     *error_type;   /* x-amzn-ErrorType, or NULL */
  const char     *body;         /* or NULL */
  BpBedrockError  code;
  const char     *message;      /* the exact GError message */
} ResponseCase;

static const ResponseCase response_cases[] = {
  { "header-bare", 400, "ValidationException", "{\"message\":\"Malformed input request: x\"}",
    BP_BEDROCK_ERROR_VALIDATION, "ValidationException: Malformed input request: x (request id req-1)" },
  { "header-colon", 400, "ValidationException:", "{\"message\":\"m\"}",
    BP_BEDROCK_ERROR_VALIDATION, "ValidationException: m (request id req-1)" },
  { "header-url", 400, "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/",
    "{\"message\":\"m\"}",
    BP_BEDROCK_ERROR_VALIDATION, "ValidationException: m (request id req-1)" },
  { "body-type-hash", 429, NULL, "{\"__type\":\"aws.protocols#ThrottlingException\",\"message\":\"Too many requests, please wait before trying again.\"}",
    BP_BEDROCK_ERROR_THROTTLED, "ThrottlingException: Too many requests, please wait before trying again. (request id req-1)" },
  { "body-code", 404, NULL, "{\"Code\":\"ResourceNotFoundException\",\"Message\":\"Model not found\"}",
    BP_BEDROCK_ERROR_NOT_FOUND, "ResourceNotFoundException: Model not found (request id req-1)" },
  { "header-wins", 400, "ServiceQuotaExceededException", "{\"__type\":\"ValidationException\",\"message\":\"Too many tokens\"}",
    BP_BEDROCK_ERROR_QUOTA_EXCEEDED, "ServiceQuotaExceededException: Too many tokens (request id req-1)" },
  { "access-denied", 403, "AccessDeniedException", "{\"message\":\"You don't have access to the model with the specified model ID.\"}",
    BP_BEDROCK_ERROR_ACCESS_DENIED, "AccessDeniedException: You don't have access to the model with the specified model ID. (request id req-1)" },
  { "model-not-ready", 429, "ModelNotReadyException", "{\"message\":\"Model is not ready\"}",
    BP_BEDROCK_ERROR_MODEL_NOT_READY, "ModelNotReadyException: Model is not ready (request id req-1)" },
  { "model-timeout", 408, "ModelTimeoutException", "{\"message\":\"Model timed out\"}",
    BP_BEDROCK_ERROR_MODEL_TIMEOUT, "ModelTimeoutException: Model timed out (request id req-1)" },
  { "model-error", 424, "ModelErrorException", "{\"message\":\"Model failed\",\"originalStatusCode\":500,\"resourceName\":\"x\"}",
    BP_BEDROCK_ERROR_MODEL_ERROR, "ModelErrorException: Model failed (model status 500) (request id req-1)" },
  { "internal", 500, "InternalServerException", "{\"message\":\"Internal\"}",
    BP_BEDROCK_ERROR_INTERNAL, "InternalServerException: Internal (request id req-1)" },
  { "unavailable", 503, "ServiceUnavailableException", "{\"message\":\"Try later\"}",
    BP_BEDROCK_ERROR_SERVICE_UNAVAILABLE, "ServiceUnavailableException: Try later (request id req-1)" },
  { "unrecognized-client", 403, "UnrecognizedClientException", "{\"message\":\"The security token included in the request is invalid.\"}",
    BP_BEDROCK_ERROR_INVALID_CREDENTIALS, "UnrecognizedClientException: The security token included in the request is invalid. (request id req-1)" },
  { "signature-mismatch", 403, "InvalidSignatureException", "{\"message\":\"The request signature we calculated does not match the signature you provided.\"}",
    BP_BEDROCK_ERROR_INVALID_CREDENTIALS, "InvalidSignatureException: The request signature we calculated does not match the signature you provided. (request id req-1)" },
  { "signature-does-not-match", 403, NULL, "{\"__type\":\"SignatureDoesNotMatch\",\"message\":\"bad\"}",
    BP_BEDROCK_ERROR_INVALID_CREDENTIALS, "SignatureDoesNotMatch: bad (request id req-1)" },
  { "clock-skew", 403, "InvalidSignatureException",
    "{\"message\":\"Signature expired: 20250115T115000Z is now earlier than 20250115T115500Z (20250115T120000Z - 5 min.)\"}",
    BP_BEDROCK_ERROR_CLOCK_SKEW,
    "InvalidSignatureException: Signature expired: 20250115T115000Z is now earlier than 20250115T115500Z "
    "(20250115T120000Z - 5 min.) (request id req-1); check that the computer's date and time are right" },
  { "expired-token", 403, "ExpiredTokenException", "{\"message\":\"The security token included in the request is expired\"}",
    BP_BEDROCK_ERROR_EXPIRED_CREDENTIALS, "ExpiredTokenException: The security token included in the request is expired (request id req-1)" },
  { "on-demand-curly", 400, "ValidationException", "{\"message\":\"" ON_DEMAND_CURLY "\"}",
    BP_BEDROCK_ERROR_ON_DEMAND_NOT_SUPPORTED, "ValidationException: " ON_DEMAND_CURLY " (request id req-1)" },
  { "on-demand-ascii", 400, "ValidationException",
    "{\"message\":\"Invocation of model ID x with on-demand throughput isn't supported. Retry with a profile.\"}",
    BP_BEDROCK_ERROR_ON_DEMAND_NOT_SUPPORTED,
    "ValidationException: Invocation of model ID x with on-demand throughput isn't supported. Retry with a profile. (request id req-1)" },
  { "invalid-model-id", 400, "ValidationException", "{\"message\":\"The provided model identifier is invalid.\"}",
    BP_BEDROCK_ERROR_INVALID_MODEL_ID, "ValidationException: The provided model identifier is invalid. (request id req-1)" },
  { "html-502", 502, NULL,
    "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title>\n<style>body { color: red; }</style>"
    "<script type=\"text/javascript\">var x = \"<b>no</b>\";</script></head>\n"
    "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx &amp; friends</center></body></html>",
    BP_BEDROCK_ERROR_NOT_JSON,
    "HTTP 502 with a response that is not JSON: 502 Bad Gateway 502 Bad Gateway nginx & friends (request id req-1)" },
  { "plain-text", 503, NULL, "Service Unavailable",
    BP_BEDROCK_ERROR_NOT_JSON, "HTTP 503 with a response that is not JSON: Service Unavailable (request id req-1)" },
  { "html-with-header", 403, "AccessDeniedException", "<html><body>Denied</body></html>",
    BP_BEDROCK_ERROR_ACCESS_DENIED, "AccessDeniedException: Denied (request id req-1)" },
  { "empty-body-429", 429, NULL, "",
    BP_BEDROCK_ERROR_THROTTLED, "HTTP 429 (request id req-1)" },
  { "no-body-504", 504, NULL, NULL,
    BP_BEDROCK_ERROR_TIMEOUT, "HTTP 504 (request id req-1)" },
  { "unknown-code-500", 500, "BrandNewException", "{\"message\":\"?\"}",
    BP_BEDROCK_ERROR_INTERNAL, "BrandNewException: ? (request id req-1)" },
  { "unknown-code-400", 400, NULL, "{\"__type\":\"com.amazon#BrandNewException\"}",
    BP_BEDROCK_ERROR_VALIDATION, "BrandNewException (request id req-1)" },
  { "lowercase-code", 400, NULL, "{\"code\":\"ThrottlingException\",\"message\":\"slow\"}",
    BP_BEDROCK_ERROR_THROTTLED, "ThrottlingException: slow (request id req-1)" },
};

static void
test_response (gconstpointer data)
{
  const ResponseCase *c = data;
  g_autoptr(GBytes) body = c->body != NULL ? g_bytes_new (c->body, strlen (c->body)) : NULL;
  g_autoptr(GError) error = bp_bedrock_error_new_from_response (c->status, c->error_type, "req-1", body);

  g_assert_error (error, BP_BEDROCK_ERROR, (int) c->code);
  g_assert_cmpstr (error->message, ==, c->message);
}

static void
test_no_request_id (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"message\":\"m\"}", 15);
  g_autoptr(GError) error = bp_bedrock_error_new_from_response (400, "ValidationException", NULL, body);
  g_autoptr(GError) empty = bp_bedrock_error_new_from_response (400, "ValidationException", "", body);

  g_assert_cmpstr (error->message, ==, "ValidationException: m");
  g_assert_cmpstr (empty->message, ==, "ValidationException: m");
}

static void
test_html_excerpt_bounded (void)
{
  g_autoptr(GString) page = g_string_new ("<html><head><script>");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *excerpt;

  for (guint i = 0; i < 2000; i++)
    g_string_append (page, "if (a < b) { alert('x'); } ");
  g_string_append (page, "</script></head><body><p>");
  for (guint i = 0; i < 200; i++)
    g_string_append (page, "Gateway\xc2\xa0" "error ");
  g_string_append (page, "</p>\xff\xfe</body></html>");
  body = g_bytes_new (page->str, page->len);

  error = bp_bedrock_error_new_from_response (502, NULL, NULL, body);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_NOT_JSON);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strchr (error->message, '<'));
  g_assert_null (strstr (error->message, "alert"));
  excerpt = strstr (error->message, ": ") + 2;
  g_assert_true (g_str_has_prefix (excerpt, "Gateway error Gateway"));
  g_assert_true (g_str_has_suffix (excerpt, "…"));
  g_assert_cmpint (g_utf8_strlen (excerpt, -1), ==, 120);
}

static void
test_normalise (void)
{
  static const struct { const char *raw; const char *code; } cases[] = {
    { "ValidationException", "ValidationException" },
    { "ValidationException:", "ValidationException" },
    { "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/", "ValidationException" },
    { "aws.protocols#ThrottlingException", "ThrottlingException" },
    { "com.amazonaws.bedrock#AccessDeniedException:http://x#y", "AccessDeniedException" },
    { " ModelTimeoutException ", "ModelTimeoutException" },
    { ":http://only.url/", NULL },
    { "", NULL },
    { "a#", NULL },
  };

  g_assert_null (bp_bedrock_error_normalise_code (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = bp_bedrock_error_normalise_code (cases[i].raw);

      g_assert_cmpstr (code, ==, cases[i].code);
    }
}

static void
test_find_service_code (void)
{
  g_autoptr(GBytes) typed = g_bytes_new_static ("{\"__type\":\"x#ThrottlingException\"}", 34);
  g_autoptr(GBytes) html = g_bytes_new_static ("<html></html>", 13);
  g_autofree char *from_header = bp_bedrock_error_find_service_code ("ModelNotReadyException:", typed);
  g_autofree char *from_body = bp_bedrock_error_find_service_code (NULL, typed);
  g_autofree char *from_html = bp_bedrock_error_find_service_code (NULL, html);
  g_autofree char *from_nothing = bp_bedrock_error_find_service_code (NULL, NULL);

  g_assert_cmpstr (from_header, ==, "ModelNotReadyException");
  g_assert_cmpstr (from_body, ==, "ThrottlingException");
  g_assert_null (from_html);
  g_assert_null (from_nothing);
}

static void
test_code_from_status (void)
{
  static const struct { guint status; BpBedrockError code; } cases[] = {
    { 400, BP_BEDROCK_ERROR_VALIDATION }, { 401, BP_BEDROCK_ERROR_ACCESS_DENIED },
    { 403, BP_BEDROCK_ERROR_ACCESS_DENIED }, { 404, BP_BEDROCK_ERROR_NOT_FOUND },
    { 408, BP_BEDROCK_ERROR_TIMEOUT }, { 409, BP_BEDROCK_ERROR_VALIDATION },
    { 424, BP_BEDROCK_ERROR_MODEL_ERROR }, { 429, BP_BEDROCK_ERROR_THROTTLED },
    { 500, BP_BEDROCK_ERROR_INTERNAL }, { 502, BP_BEDROCK_ERROR_SERVICE_UNAVAILABLE },
    { 503, BP_BEDROCK_ERROR_SERVICE_UNAVAILABLE }, { 504, BP_BEDROCK_ERROR_TIMEOUT },
    { 509, BP_BEDROCK_ERROR_INTERNAL }, { 302, BP_BEDROCK_ERROR_FAILED },
    { 0, BP_BEDROCK_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (bp_bedrock_error_code_from_service_code (NULL, cases[i].status), ==, cases[i].code);

  g_assert_cmpint (bp_bedrock_error_code_from_service_code ("SlowDown", 503), ==, BP_BEDROCK_ERROR_THROTTLED);
  g_assert_cmpint (bp_bedrock_error_code_from_service_code ("RequestTimeTooSkewed", 403), ==, BP_BEDROCK_ERROR_CLOCK_SKEW);
  g_assert_cmpint (bp_bedrock_error_code_from_service_code ("RequestTimeout", 400), ==, BP_BEDROCK_ERROR_TIMEOUT);
}

static void
test_stream_exceptions (void)
{
  static const struct { const char *type; const char *payload; BpBedrockError code; const char *message; } cases[] = {
    { "throttlingException", "{\"message\":\"Too many tokens, please wait before trying again.\"}",
      BP_BEDROCK_ERROR_THROTTLED, "ThrottlingException: Too many tokens, please wait before trying again." },
    { "modelStreamErrorException",
      "{\"message\":\"Model stream error\",\"originalStatusCode\":529,\"originalMessage\":\"Overloaded\"}",
      BP_BEDROCK_ERROR_MODEL_STREAM_ERROR, "ModelStreamErrorException: Model stream error (model status 529: Overloaded)" },
    { "validationException", "{\"message\":\"Bad\"}", BP_BEDROCK_ERROR_VALIDATION, "ValidationException: Bad" },
    { "internalServerException", "{\"message\":\"Oops\"}", BP_BEDROCK_ERROR_INTERNAL, "InternalServerException: Oops" },
    { "serviceUnavailableException", "{\"message\":\"Later\"}", BP_BEDROCK_ERROR_SERVICE_UNAVAILABLE, "ServiceUnavailableException: Later" },
    { "modelTimeoutException", "{\"message\":\"Slow\",\"p\":\"abc\"}", BP_BEDROCK_ERROR_MODEL_TIMEOUT, "ModelTimeoutException: Slow" },
    { "futureException", "{\"message\":\"New\"}", BP_BEDROCK_ERROR_FAILED, "FutureException: New" },
    { "throttlingException", "", BP_BEDROCK_ERROR_THROTTLED, "ThrottlingException" },
    { "throttlingException", "<html>", BP_BEDROCK_ERROR_THROTTLED, "ThrottlingException" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) payload = g_bytes_new (cases[i].payload, strlen (cases[i].payload));
      g_autoptr(GError) error = bp_stream_exception_to_error (cases[i].type, payload);

      g_assert_error (error, BP_BEDROCK_ERROR, (int) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_stream_error_messages (void)
{
  g_autoptr(GError) known = bp_stream_error_to_error ("ThrottlingException", "Slow down");
  g_autoptr(GError) unknown = bp_stream_error_to_error ("InternalFailure:x", "It broke");
  g_autoptr(GError) odd = bp_stream_error_to_error ("Weird", NULL);
  g_autoptr(GError) none = bp_stream_error_to_error (NULL, NULL);

  g_assert_error (known, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_THROTTLED);
  g_assert_cmpstr (known->message, ==, "ThrottlingException: Slow down");
  g_assert_error (unknown, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_INTERNAL);
  g_assert_cmpstr (unknown->message, ==, "InternalFailure: It broke");
  g_assert_error (odd, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED);
  g_assert_cmpstr (odd->message, ==, "Weird");
  g_assert_error (none, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED);
  g_assert_cmpstr (none->message, ==, "UnknownError");
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (response_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bp/bedrock-error/response/%s", response_cases[i].name);

      g_test_add_data_func (path, &response_cases[i], test_response);
    }
  g_test_add_func ("/bp/bedrock-error/no-request-id", test_no_request_id);
  g_test_add_func ("/bp/bedrock-error/html-excerpt-bounded", test_html_excerpt_bounded);
  g_test_add_func ("/bp/bedrock-error/normalise", test_normalise);
  g_test_add_func ("/bp/bedrock-error/find-service-code", test_find_service_code);
  g_test_add_func ("/bp/bedrock-error/code-from-status", test_code_from_status);
  g_test_add_func ("/bp/bedrock-error/stream-exceptions", test_stream_exceptions);
  g_test_add_func ("/bp/bedrock-error/stream-error-messages", test_stream_error_messages);

  return g_test_run ();
}
