/* bp-bedrock-error.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-bedrock-error"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bp-bedrock-error.h"
#include "bp-chat-json-private.h"

/* Mapping of Bedrock error responses (wire format §6.1–6.3) to
 * BP_BEDROCK_ERROR. The GError message is developer text that keeps the
 * service's code and message verbatim, plus the request id for support;
 * the UI turns the code into a sentence. Retry decisions are not made here:
 * the client passes the status and bp_bedrock_error_find_service_code() to
 * the retry policy. */

G_DEFINE_QUARK (bp-bedrock-error-quark, bp_bedrock_error)

/* How much of a non-JSON body the message quotes, in characters. */
#define EXCERPT_MAX_CHARS 120
/* How much of a non-JSON body is looked at to find that excerpt. */
#define EXCERPT_SCAN_BYTES 65536

static const struct
{
  const char     *code;
  BpBedrockError  error;
} service_codes[] = {
  { "AccessDeniedException", BP_BEDROCK_ERROR_ACCESS_DENIED },
  { "AccessDenied", BP_BEDROCK_ERROR_ACCESS_DENIED },
  { "ValidationException", BP_BEDROCK_ERROR_VALIDATION },
  { "ConflictException", BP_BEDROCK_ERROR_VALIDATION },
  { "ServiceQuotaExceededException", BP_BEDROCK_ERROR_QUOTA_EXCEEDED },
  { "ResourceNotFoundException", BP_BEDROCK_ERROR_NOT_FOUND },
  { "ModelTimeoutException", BP_BEDROCK_ERROR_MODEL_TIMEOUT },
  { "ModelNotReadyException", BP_BEDROCK_ERROR_MODEL_NOT_READY },
  { "ModelErrorException", BP_BEDROCK_ERROR_MODEL_ERROR },
  { "ModelStreamErrorException", BP_BEDROCK_ERROR_MODEL_STREAM_ERROR },
  { "InternalServerException", BP_BEDROCK_ERROR_INTERNAL },
  { "InternalFailure", BP_BEDROCK_ERROR_INTERNAL },
  { "InternalServerError", BP_BEDROCK_ERROR_INTERNAL },
  { "ServiceUnavailableException", BP_BEDROCK_ERROR_SERVICE_UNAVAILABLE },
  { "ServiceUnavailable", BP_BEDROCK_ERROR_SERVICE_UNAVAILABLE },
  { "UnrecognizedClientException", BP_BEDROCK_ERROR_INVALID_CREDENTIALS },
  { "InvalidSignatureException", BP_BEDROCK_ERROR_INVALID_CREDENTIALS },
  { "SignatureDoesNotMatch", BP_BEDROCK_ERROR_INVALID_CREDENTIALS },
  { "IncompleteSignatureException", BP_BEDROCK_ERROR_INVALID_CREDENTIALS },
  { "IncompleteSignature", BP_BEDROCK_ERROR_INVALID_CREDENTIALS },
  { "InvalidClientTokenId", BP_BEDROCK_ERROR_INVALID_CREDENTIALS },
  { "MissingAuthenticationTokenException", BP_BEDROCK_ERROR_INVALID_CREDENTIALS },
  { "MissingAuthenticationToken", BP_BEDROCK_ERROR_INVALID_CREDENTIALS },
  { "AuthFailure", BP_BEDROCK_ERROR_INVALID_CREDENTIALS },
  { "ExpiredTokenException", BP_BEDROCK_ERROR_EXPIRED_CREDENTIALS },
  { "ExpiredToken", BP_BEDROCK_ERROR_EXPIRED_CREDENTIALS },
  { "RequestExpired", BP_BEDROCK_ERROR_CLOCK_SKEW },
  { "RequestInTheFuture", BP_BEDROCK_ERROR_CLOCK_SKEW },
  { "RequestTimeTooSkewed", BP_BEDROCK_ERROR_CLOCK_SKEW },
  { "RequestTimeout", BP_BEDROCK_ERROR_TIMEOUT },
  { "RequestTimeoutException", BP_BEDROCK_ERROR_TIMEOUT },
  /* The SDKs' throttling codes (wire format §6.4). */
  { "ThrottlingException", BP_BEDROCK_ERROR_THROTTLED },
  { "Throttling", BP_BEDROCK_ERROR_THROTTLED },
  { "ThrottledException", BP_BEDROCK_ERROR_THROTTLED },
  { "RequestThrottledException", BP_BEDROCK_ERROR_THROTTLED },
  { "RequestThrottled", BP_BEDROCK_ERROR_THROTTLED },
  { "TooManyRequestsException", BP_BEDROCK_ERROR_THROTTLED },
  { "ProvisionedThroughputExceededException", BP_BEDROCK_ERROR_THROTTLED },
  { "RequestLimitExceeded", BP_BEDROCK_ERROR_THROTTLED },
  { "BandwidthLimitExceeded", BP_BEDROCK_ERROR_THROTTLED },
  { "LimitExceededException", BP_BEDROCK_ERROR_THROTTLED },
  { "SlowDown", BP_BEDROCK_ERROR_THROTTLED },
};

/**
 * bp_bedrock_error_normalise_code:
 * @raw: (nullable): an `x-amzn-ErrorType` value, a body `code` or a `__type`
 *
 * Cuts @raw at the first `:` and keeps what follows the last `#`, so
 * `ValidationException:http://internal.amazon.com/coral/…` and
 * `aws.protocols#ValidationException` both become `ValidationException`.
 *
 * Returns: (transfer full) (nullable): the bare code, or %NULL if nothing
 *   is left
 */
char *
bp_bedrock_error_normalise_code (const char *raw)
{
  g_autofree char *code = NULL;
  const char *hash;
  char *colon;

  if (raw == NULL)
    return NULL;

  code = g_strdup (raw);
  colon = strchr (code, ':');
  if (colon != NULL)
    *colon = '\0';

  hash = strrchr (code, '#');
  if (hash != NULL)
    {
      char *rest = g_strdup (hash + 1);

      g_free (code);
      code = rest;
    }

  g_strstrip (code);
  if (code[0] == '\0')
    return NULL;

  return g_steal_pointer (&code);
}

static BpBedrockError
code_from_status (guint status)
{
  switch (status)
    {
    case 400: return BP_BEDROCK_ERROR_VALIDATION;
    case 401:
    case 403: return BP_BEDROCK_ERROR_ACCESS_DENIED;
    case 404: return BP_BEDROCK_ERROR_NOT_FOUND;
    case 408: return BP_BEDROCK_ERROR_TIMEOUT;
    case 424: return BP_BEDROCK_ERROR_MODEL_ERROR;
    case 429: return BP_BEDROCK_ERROR_THROTTLED;
    case 502:
    case 503: return BP_BEDROCK_ERROR_SERVICE_UNAVAILABLE;
    case 504: return BP_BEDROCK_ERROR_TIMEOUT;
    default:
      if (status >= 500 && status < 600)
        return BP_BEDROCK_ERROR_INTERNAL;
      if (status >= 400 && status < 500)
        return BP_BEDROCK_ERROR_VALIDATION;
      return BP_BEDROCK_ERROR_FAILED;
    }
}

/**
 * bp_bedrock_error_code_from_service_code:
 * @code: (nullable): a normalised service error code
 * @status: the HTTP status, or 0 when there is none (stream exceptions)
 *
 * Maps a service code to a #BpBedrockError, falling back on @status for
 * codes this version does not know (and for %NULL). The message can refine
 * the result further (on-demand, invalid model id, expired signature):
 * bp_bedrock_error_new_from_response() does that.
 *
 * Returns: the error code
 */
BpBedrockError
bp_bedrock_error_code_from_service_code (const char *code,
                                         guint       status)
{
  if (code != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (service_codes); i++)
        {
          if (g_ascii_strcasecmp (code, service_codes[i].code) == 0)
            return service_codes[i].error;
        }
    }

  return code_from_status (status);
}

/* The message tells apart cases that share a service code. */
static BpBedrockError
refine_code (BpBedrockError  error_code,
             const char     *message)
{
  if (message == NULL)
    return error_code;

  if (error_code == BP_BEDROCK_ERROR_VALIDATION)
    {
      if (strstr (message, "on-demand throughput isn\xe2\x80\x99t supported") != NULL ||
          strstr (message, "on-demand throughput isn't supported") != NULL)
        return BP_BEDROCK_ERROR_ON_DEMAND_NOT_SUPPORTED;
      if (strstr (message, "model identifier is invalid") != NULL)
        return BP_BEDROCK_ERROR_INVALID_MODEL_ID;
    }

  if (error_code == BP_BEDROCK_ERROR_INVALID_CREDENTIALS ||
      error_code == BP_BEDROCK_ERROR_ACCESS_DENIED)
    {
      if (strstr (message, "Signature expired") != NULL ||
          strstr (message, "Signature not yet current") != NULL)
        return BP_BEDROCK_ERROR_CLOCK_SKEW;
    }

  return error_code;
}

static char *
body_service_code (JsonObject *object)
{
  const char *raw = _bp_json_get_string (object, "code");

  if (raw == NULL)
    raw = _bp_json_get_string (object, "Code");
  if (raw == NULL)
    raw = _bp_json_get_string (object, "__type");

  return bp_bedrock_error_normalise_code (raw);
}

static const char *
body_message (JsonObject *object)
{
  const char *message = _bp_json_get_string (object, "message");

  if (message == NULL)
    message = _bp_json_get_string (object, "Message");

  return message;
}

/**
 * bp_bedrock_error_find_service_code:
 * @x_amzn_error_type: (nullable): the `x-amzn-ErrorType` header
 * @body: (nullable): the error response body
 *
 * Finds the service's error code as the SDKs do: the header first, then the
 * body's `code`, `Code` or `__type`, normalised. The client passes it with
 * the status to the retry policy.
 *
 * Returns: (transfer full) (nullable): the code, or %NULL if there is none
 */
char *
bp_bedrock_error_find_service_code (const char *x_amzn_error_type,
                                    GBytes     *body)
{
  g_autoptr(JsonObject) object = NULL;
  char *code = bp_bedrock_error_normalise_code (x_amzn_error_type);

  if (code != NULL || body == NULL)
    return code;

  object = _bp_json_parse_object (body, BP_BEDROCK_ERROR_NOT_JSON, NULL);
  return body_service_code (object);
}

static gboolean
skip_element (const char  *p,
              const char  *name,
              const char **end)
{
  gsize len = strlen (name);
  g_autofree char *closing = g_strdup_printf ("</%s", name);
  const char *q;

  if (g_ascii_strncasecmp (p + 1, name, len) != 0 ||
      (p[len + 1] != '>' && !g_ascii_isspace (p[len + 1])))
    return FALSE;

  /* Scripts and styles are not text: skip to their closing tag. */
  for (q = p + len + 1; *q != '\0'; q++)
    {
      if (g_ascii_strncasecmp (q, closing, len + 2) == 0)
        break;
    }
  *end = q;
  return TRUE;
}

static const char *
append_entity (GString    *out,
               const char *p)
{
  static const struct { const char *entity; const char *text; } entities[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&#39;", "'" }, { "&apos;", "'" }, { "&nbsp;", " " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      gsize len = strlen (entities[i].entity);

      if (g_ascii_strncasecmp (p, entities[i].entity, len) == 0)
        {
          g_string_append (out, entities[i].text);
          return p + len;
        }
    }

  g_string_append_c (out, '&');
  return p + 1;
}

static char *
strip_markup (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *end;

      if (*p == '<')
        {
          if (!skip_element (p, "script", &end) && !skip_element (p, "style", &end))
            end = p;
          end = strchr (end, '>');
          if (end == NULL)
            break;
          g_string_append_c (out, ' ');
          p = end + 1;
        }
      else if (*p == '&')
        p = append_entity (out, p);
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

static char *
collapse_space (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* A short, plain-text excerpt of a body that is not JSON (usually an HTML
 * error page from a proxy or load balancer): tags, scripts and styles out,
 * white space collapsed, at most EXCERPT_MAX_CHARS characters. */
static char *
body_excerpt (GBytes *body)
{
  g_autofree char *valid = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *collapsed = NULL;
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  const char *cut;

  valid = g_utf8_make_valid (data, (gssize) MIN (size, EXCERPT_SCAN_BYTES));
  stripped = strip_markup (valid);
  collapsed = collapse_space (stripped);

  if (g_utf8_strlen (collapsed, -1) <= EXCERPT_MAX_CHARS)
    return g_steal_pointer (&collapsed);

  cut = g_utf8_offset_to_pointer (collapsed, EXCERPT_MAX_CHARS - 1);
  return g_strdup_printf ("%.*s…", (int) (cut - collapsed), collapsed);
}

static char *
with_request_id (char       *text,
                 const char *request_id)
{
  char *result;

  if (request_id == NULL || request_id[0] == '\0')
    return text;

  /* Translators: a service error, then the id AWS support asks for */
  result = g_strdup_printf (_("%s (request id %s)"), text, request_id);
  g_free (text);
  return result;
}

static char *
model_error_detail (JsonObject *object)
{
  const char *original_message = _bp_json_get_string (object, "originalMessage");
  g_autofree char *status = NULL;
  gint64 original_status;

  if (!_bp_json_get_int (object, "originalStatusCode", &original_status))
    return NULL;

  status = g_strdup_printf ("%" G_GINT64_FORMAT, original_status);

  if (original_message != NULL)
    /* Translators: the HTTP status code the model returned, then its message */
    return g_strdup_printf (_("model status %s: %s"), status, original_message);

  /* Translators: %s is the HTTP status code the model returned */
  return g_strdup_printf (_("model status %s"), status);
}

static char *
format_service_message (const char *code,
                        guint       status,
                        const char *message,
                        JsonObject *object)
{
  g_autofree char *head = NULL;
  g_autofree char *detail = model_error_detail (object);
  GString *out;

  head = code != NULL ? g_strdup (code) : g_strdup_printf ("HTTP %u", status);
  out = g_string_new (head);
  if (message != NULL && message[0] != '\0')
    g_string_append_printf (out, ": %s", message);
  if (detail != NULL)
    g_string_append_printf (out, " (%s)", detail);

  return g_string_free (out, FALSE);
}

static GError *
new_error (BpBedrockError  error_code,
           char           *text,
           const char     *request_id)
{
  GError *error;

  text = with_request_id (text, request_id);
  if (error_code == BP_BEDROCK_ERROR_CLOCK_SKEW)
    {
      char *hinted = g_strdup_printf (_("%s; check that the computer's date and time are right"), text);

      g_free (text);
      text = hinted;
    }

  error = g_error_new_literal (BP_BEDROCK_ERROR, error_code, text);
  g_free (text);
  return error;
}

/**
 * bp_bedrock_error_new_from_response:
 * @status: the HTTP status
 * @x_amzn_error_type: (nullable): the `x-amzn-ErrorType` header
 * @request_id: (nullable): the `x-amzn-RequestId` header
 * @body: (nullable): the response body (the client reads a bounded piece)
 *
 * Turns an HTTP error response into a %BP_BEDROCK_ERROR: the code from the
 * header, else the body's `code`/`Code`/`__type`, else the status; the
 * message from the body's `message`/`Message`, kept verbatim. A body that
 * is not JSON (an HTML error page from a proxy) gives
 * %BP_BEDROCK_ERROR_NOT_JSON, unless the header names a code, with a short
 * plain-text excerpt instead of the markup.
 *
 * The message reads "`Code`: service message (request id …)".
 *
 * Returns: (transfer full): a new error
 */
GError *
bp_bedrock_error_new_from_response (guint       status,
                                    const char *x_amzn_error_type,
                                    const char *request_id,
                                    GBytes     *body)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *code = bp_bedrock_error_normalise_code (x_amzn_error_type);
  g_autofree char *excerpt = NULL;
  const char *message = NULL;
  BpBedrockError error_code;

  if (body != NULL && g_bytes_get_size (body) > 0)
    {
      object = _bp_json_parse_object (body, BP_BEDROCK_ERROR_NOT_JSON, NULL);
      if (object == NULL)
        excerpt = body_excerpt (body);
    }

  if (code == NULL)
    code = body_service_code (object);
  message = object != NULL ? body_message (object) : excerpt;

  if (excerpt != NULL && code == NULL)
    {
      /* Translators: an HTTP status, then a plain-text excerpt of the page */
      return new_error (BP_BEDROCK_ERROR_NOT_JSON,
                        g_strdup_printf (_("HTTP %u with a response that is not JSON: %s"),
                                         status, excerpt[0] != '\0' ? excerpt : _("(no text)")),
                        request_id);
    }

  error_code = refine_code (bp_bedrock_error_code_from_service_code (code, status), message);
  return new_error (error_code, format_service_message (code, status, message, object), request_id);
}

/**
 * bp_stream_exception_to_error:
 * @exception_type: the `:exception-type` header of a `:message-type`
 *   `exception` message, such as `throttlingException`
 * @payload: (nullable): the message payload, `{"message": …}`
 *
 * Turns an in-stream exception (HTTP status already 200) into a
 * %BP_BEDROCK_ERROR. The member name maps like the service code with its
 * first letter upper-cased; `modelStreamErrorException` keeps its
 * `originalStatusCode` and `originalMessage` in the message.
 *
 * Returns: (transfer full): a new error
 */
GError *
bp_stream_exception_to_error (const char *exception_type,
                              GBytes     *payload)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *code = bp_bedrock_error_normalise_code (exception_type);
  const char *message = NULL;
  BpBedrockError error_code;

  if (code != NULL)
    code[0] = g_ascii_toupper (code[0]);

  if (payload != NULL && g_bytes_get_size (payload) > 0)
    object = _bp_json_parse_object (payload, BP_BEDROCK_ERROR_NOT_JSON, NULL);
  message = body_message (object);

  error_code = refine_code (bp_bedrock_error_code_from_service_code (code, 0), message);
  if (code == NULL)
    code = g_strdup ("UnknownException");

  return new_error (error_code, format_service_message (code, 0, message, object), NULL);
}

/**
 * bp_stream_error_to_error:
 * @error_code: (nullable): the `:error-code` header of a `:message-type`
 *   `error` message
 * @error_message: (nullable): its `:error-message` header
 *
 * Turns an unmodelled in-stream error into a %BP_BEDROCK_ERROR: a known
 * code maps as usual, anything else is %BP_BEDROCK_ERROR_FAILED.
 *
 * Returns: (transfer full): a new error
 */
GError *
bp_stream_error_to_error (const char *error_code,
                          const char *error_message)
{
  g_autofree char *code = bp_bedrock_error_normalise_code (error_code);
  BpBedrockError mapped;

  mapped = refine_code (bp_bedrock_error_code_from_service_code (code, 0), error_message);
  if (code == NULL)
    code = g_strdup ("UnknownError");

  return new_error (mapped, format_service_message (code, 0, error_message, NULL), NULL);
}
