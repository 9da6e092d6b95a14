/* bp-fake-bedrock-auth.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bp-fake-bedrock-private.h"
#include "bp-sigv4-private.h"

/* Authentication as the AWS front end does it (§1.3, §1.4, §6.2, §6.5):
 * a SigV4 signature is verified by rebuilding the request from what was
 * received (method, raw path and query, the headers named in
 * SignedHeaders, the body) and running the signer's stages with the
 * expected secret; a bearer token is compared in constant time. */

#define SIGNATURE_MISMATCH \
  "The request signature we calculated does not match the signature you provided. " \
  "Check your AWS Secret Access Key and signing method. Consult the service " \
  "documentation for details."
#define INVALID_TOKEN "The security token included in the request is invalid."
#define EXPIRED_TOKEN "The security token included in the request is expired"

typedef struct
{
  char  *credential;
  char  *signed_headers;
  char  *signature;
  char **scope;          /* akid, date, region, service, terminator */
} SigV4Header;

static void
sigv4_header_clear (SigV4Header *header)
{
  g_clear_pointer (&header->credential, g_free);
  g_clear_pointer (&header->signed_headers, g_free);
  g_clear_pointer (&header->signature, g_free);
  g_clear_pointer (&header->scope, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SigV4Header, sigv4_header_clear)

static void
replace_str (char       **field,
             const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
respond_403 (BpFakeExchange *exchange,
             const char     *code,
             const char     *message)
{
  _bp_fake_exchange_respond_error (exchange, SOUP_STATUS_FORBIDDEN, code, message);
}

void
_bp_fake_auth_respond_bad_signature (BpFakeExchange *exchange)
{
  respond_403 (exchange, "InvalidSignatureException", SIGNATURE_MISMATCH);
}

void
_bp_fake_auth_respond_expired_token (BpFakeExchange *exchange)
{
  respond_403 (exchange, "ExpiredTokenException", EXPIRED_TOKEN);
}

/* Compares digests, so neither the time nor the length gives the token
 * away. */
static gboolean
secret_equal (const char *a,
              const char *b)
{
  g_autofree char *da = g_compute_checksum_for_string (G_CHECKSUM_SHA256, a, -1);
  g_autofree char *db = g_compute_checksum_for_string (G_CHECKSUM_SHA256, b, -1);
  guint8 diff = 0;

  for (gsize i = 0; da[i] != '\0'; i++)
    diff |= (guint8) (da[i] ^ db[i]);

  return diff == 0;
}

static gboolean
check_bearer (BpFakeExchange *exchange,
              const char     *token)
{
  BpFakeBedrock *fake = exchange->fake;

  while (*token == ' ')
    token++;

  if (fake->bearer_token == NULL || !secret_equal (token, fake->bearer_token))
    {
      respond_403 (exchange, "AccessDeniedException",
                   "Authentication failed: Please make sure your API Key is valid.");
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_sigv4_header (const char  *authorization,
                    SigV4Header *out)
{
  g_auto(GStrv) params = g_strsplit (authorization + strlen (BP_SIGV4_ALGORITHM), ",", -1);

  for (guint i = 0; params[i] != NULL; i++)
    {
      char *param = g_strstrip (params[i]);

      if (g_str_has_prefix (param, "Credential="))
        replace_str (&out->credential, param + strlen ("Credential="));
      else if (g_str_has_prefix (param, "SignedHeaders="))
        replace_str (&out->signed_headers, param + strlen ("SignedHeaders="));
      else if (g_str_has_prefix (param, "Signature="))
        replace_str (&out->signature, param + strlen ("Signature="));
    }

  if (out->credential == NULL || out->signed_headers == NULL || out->signature == NULL)
    return FALSE;

  out->scope = g_strsplit (out->credential, "/", -1);
  return g_strv_length (out->scope) == 5;
}

/* "20250115T120000Z" → seconds since the epoch. */
static gboolean
parse_amz_date (const char *text,
                gint64     *out_unix)
{
  int y, mo, d, h, mi, s;
  char tail;
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || strlen (text) != 16 || text[8] != 'T' || text[15] != 'Z')
    return FALSE;
  for (guint i = 0; i < 15; i++)
    {
      if (i != 8 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }
  if (sscanf (text, "%4d%2d%2dT%2d%2d%2d%c", &y, &mo, &d, &h, &mi, &s, &tail) != 7)
    return FALSE;

  time = g_date_time_new_utc (y, mo, d, h, mi, s);
  if (time == NULL)
    return FALSE;

  *out_unix = g_date_time_to_unix (time);
  return TRUE;
}

static gboolean
check_skew (BpFakeExchange *exchange,
            const char     *amz_date,
            gint64          signed_at)
{
  gint64 now = _bp_fake_bedrock_now (exchange->fake);
  g_autofree char *now_text = bp_sigv4_format_amz_date (now);
  g_autofree char *limit = NULL;
  g_autofree char *message = NULL;

  if (signed_at < now - BP_FAKE_MAX_SKEW_SECONDS)
    {
      limit = bp_sigv4_format_amz_date (now - BP_FAKE_MAX_SKEW_SECONDS);
      message = g_strdup_printf ("Signature expired: %s is now earlier than %s (%s - 5 min.)",
                                 amz_date, limit, now_text);
    }
  else if (signed_at > now + BP_FAKE_MAX_SKEW_SECONDS)
    {
      limit = bp_sigv4_format_amz_date (now + BP_FAKE_MAX_SKEW_SECONDS);
      message = g_strdup_printf ("Signature not yet current: %s is still later than %s "
                                 "(%s + 5 min.)", amz_date, limit, now_text);
    }
  else
    return TRUE;

  respond_403 (exchange, "InvalidSignatureException", message);
  return FALSE;
}

static gboolean
check_scope (BpFakeExchange *exchange,
             const char     *amz_date,
             char          **scope)
{
  g_autofree char *message = NULL;

  if (strncmp (scope[1], amz_date, 8) != 0 || strlen (scope[1]) != 8)
    message = g_strdup_printf ("Date in Credential scope does not match YYYYMMDD from "
                               "ISO-8601 version of date from HTTP: '%s' != '%.8s', from '%s'.",
                               scope[1], amz_date, amz_date);
  else if (strcmp (scope[2], exchange->fake->region) != 0)
    message = g_strdup_printf ("Credential should be scoped to a valid region, not '%s'.",
                               scope[2]);
  else if (strcmp (scope[3], "bedrock") != 0)
    message = g_strdup ("Credential should be scoped to correct service: 'bedrock'.");
  else if (strcmp (scope[4], BP_SIGV4_TERMINATOR) != 0)
    message = g_strdup_printf ("Credential should be scoped with a valid terminator: "
                               "'aws4_request', not '%s'.", scope[4]);
  else
    return TRUE;

  respond_403 (exchange, "InvalidSignatureException", message);
  return FALSE;
}

static gboolean
check_session_token (BpFakeExchange *exchange)
{
  BpFakeBedrock *fake = exchange->fake;
  const char *token = soup_message_headers_get_one (exchange->record->headers,
                                                    "X-Amz-Security-Token");

  if ((fake->session_token == NULL) != (token == NULL) ||
      (token != NULL && !secret_equal (token, fake->session_token)))
    {
      respond_403 (exchange, "UnrecognizedClientException", INVALID_TOKEN);
      return FALSE;
    }

  if (token != NULL && fake->session_token_expired)
    {
      _bp_fake_auth_respond_expired_token (exchange);
      return FALSE;
    }

  return TRUE;
}

/* The request as received, holding only the headers @signed_headers
 * names, in the order they arrived. FALSE when one is missing. */
static gboolean
add_signed_headers (BpSigV4Request     *request,
                    SoupMessageHeaders *headers,
                    const char         *signed_headers)
{
  g_auto(GStrv) names = g_strsplit (signed_headers, ";", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      SoupMessageHeadersIter iter;
      const char *name, *value;
      gboolean found = FALSE;

      soup_message_headers_iter_init (&iter, headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        {
          if (g_ascii_strcasecmp (name, names[i]) == 0)
            {
              bp_sigv4_request_add_header (request, name, value);
              found = TRUE;
            }
        }
      if (!found)
        return FALSE;
    }

  return TRUE;
}

static gboolean
verify_signature (BpFakeExchange *exchange,
                  SigV4Header    *header,
                  gint64          signed_at)
{
  BpFakeRequest *record = exchange->record;
  g_autoptr(BpSigV4Request) request = NULL;
  BpSigV4Config config = { 0 };
  BpSigV4State state;
  g_autofree char *message = NULL;
  gboolean ok;

  request = bp_sigv4_request_new (record->method, record->path, record->query);
  if (!add_signed_headers (request, record->headers, header->signed_headers) ||
      !_bp_sigv4_validate_request (request, NULL))
    {
      _bp_fake_auth_respond_bad_signature (exchange);
      return FALSE;
    }
  bp_sigv4_request_set_body (request, record->body);

  config.access_key_id = exchange->fake->access_key_id;
  config.secret_access_key = exchange->fake->secret_access_key;
  config.region = header->scope[2];
  config.service = header->scope[3];
  config.unix_time = signed_at;
  config.normalize_path = TRUE;

  _bp_sigv4_state_init (&state, request, &config, BP_SIGV4_MODE_HEADER);
  _bp_sigv4_run_stages (&state);
  ok = strcmp (state.signed_headers->str, header->signed_headers) == 0 &&
       secret_equal (state.signature, header->signature);
  if (!ok)
    message = g_strdup_printf (SIGNATURE_MISMATCH "\n\nThe Canonical String for this request "
                               "should have been\n'%s'\n\nThe String-to-Sign should have "
                               "been\n'%s'\n", state.canonical_request->str,
                               state.string_to_sign->str);
  _bp_sigv4_state_clear (&state);

  if (!ok)
    respond_403 (exchange, "InvalidSignatureException", message);

  return ok;
}

static gboolean
check_sigv4 (BpFakeExchange *exchange,
             const char     *authorization)
{
  BpFakeBedrock *fake = exchange->fake;
  g_auto(SigV4Header) header = { 0 };
  const char *amz_date;
  gint64 signed_at;

  if (!parse_sigv4_header (authorization, &header))
    {
      respond_403 (exchange, "IncompleteSignatureException",
                   "Authorization header requires 'Credential', 'Signature' and "
                   "'SignedHeaders' parameters.");
      return FALSE;
    }

  if (fake->access_key_id == NULL || strcmp (header.scope[0], fake->access_key_id) != 0)
    {
      respond_403 (exchange, "UnrecognizedClientException", INVALID_TOKEN);
      return FALSE;
    }

  amz_date = soup_message_headers_get_one (exchange->record->headers, "X-Amz-Date");
  if (!parse_amz_date (amz_date, &signed_at))
    {
      respond_403 (exchange, "IncompleteSignatureException",
                   "Authorization header requires existence of either a 'X-Amz-Date' or "
                   "a 'Date' header.");
      return FALSE;
    }

  if (!check_skew (exchange, amz_date, signed_at) ||
      !check_scope (exchange, amz_date, header.scope) ||
      !check_session_token (exchange))
    return FALSE;

  if (!g_regex_match_simple ("(^|;)host(;|$)", header.signed_headers, 0, 0))
    {
      respond_403 (exchange, "InvalidSignatureException",
                   "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
      return FALSE;
    }

  return verify_signature (exchange, &header, signed_at);
}

/**
 * _bp_fake_auth_check:
 * @exchange: a request
 *
 * Checks the request's credentials and answers 403 when they fail.
 *
 * Returns: whether the request may go on
 */
gboolean
_bp_fake_auth_check (BpFakeExchange *exchange)
{
  const char *authorization = soup_message_headers_get_one (exchange->record->headers,
                                                            "Authorization");

  if (authorization == NULL)
    {
      respond_403 (exchange, "MissingAuthenticationTokenException",
                   "Missing Authentication Token");
      return FALSE;
    }

  if (g_ascii_strncasecmp (authorization, "Bearer ", strlen ("Bearer ")) == 0)
    return check_bearer (exchange, authorization + strlen ("Bearer "));

  if (g_str_has_prefix (authorization, BP_SIGV4_ALGORITHM " "))
    return check_sigv4 (exchange, authorization);

  respond_403 (exchange, "IncompleteSignatureException",
               "Authorization header requires 'Credential', 'Signature' and "
               "'SignedHeaders' parameters.");
  return FALSE;
}
