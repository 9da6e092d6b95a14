/* bp-sigv4.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sigv4"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "bp-sigv4-private.h"

/* AWS Signature Version 4 (wire-format §1.3, tests/data/sigv4/README.md):
 * entry checks, the stages and the entry points. The request object is in
 * bp-sigv4-request.c, the canonical forms in bp-sigv4-canonical.c; the
 * stages are declared in bp-sigv4-private.h. */

G_DEFINE_QUARK (bp-sigv4-error-quark, bp_sigv4_error)

/* Entry checks. */

static gboolean
set_error (GError     **error,
           int          code,
           const char  *message)
{
  g_set_error_literal (error, BP_SIGV4_ERROR, code, message);
  return FALSE;
}

static gboolean
is_token_char (guchar c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

static gboolean
is_token (const char *s)
{
  if (*s == '\0')
    return FALSE;

  for (; *s != '\0'; s++)
    {
      if (!is_token_char ((guchar) *s))
        return FALSE;
    }

  return TRUE;
}

/* Region and service go into the credential scope between slashes. */
static gboolean
is_scope_part (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;

  for (; *s != '\0'; s++)
    {
      if (!g_ascii_isalnum (*s) && *s != '-' && *s != '_' && *s != '.')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_printable_without (const char *s,
                      const char *forbidden)
{
  for (; *s != '\0'; s++)
    {
      if (!g_ascii_isgraph (*s) || strchr (forbidden, *s) != NULL)
        return FALSE;
    }

  return TRUE;
}

static const char *
get_session_token (const BpSigV4Config *config)
{
  if (config->session_token == NULL || *config->session_token == '\0')
    return NULL;

  return config->session_token;
}

gboolean
_bp_sigv4_validate_config (const BpSigV4Config  *config,
                           BpSigV4Mode           mode,
                           GError              **error)
{
  const int code = BP_SIGV4_ERROR_INVALID_CONFIG;
  const char *token = get_session_token (config);

  g_assert (config != NULL);

  /* No message below quotes a value: a secret pasted into the wrong field
   * must not end up in a log. */
  if (config->access_key_id == NULL || *config->access_key_id == '\0')
    return set_error (error, code, _("The AWS credentials have no access key ID"));
  if (!is_printable_without (config->access_key_id, "/,="))
    return set_error (error, code, _("The AWS access key ID is malformed"));
  if (config->secret_access_key == NULL || *config->secret_access_key == '\0')
    return set_error (error, code, _("The AWS credentials have no secret access key"));
  if (token != NULL && !is_printable_without (token, ""))
    return set_error (error, code, _("The AWS session token is malformed"));
  if (config->region == NULL || *config->region == '\0')
    return set_error (error, code, _("No AWS region is set for signing"));
  if (!is_scope_part (config->region))
    return set_error (error, code, _("The AWS region is malformed"));
  if (!is_scope_part (config->service))
    return set_error (error, code, _("No valid AWS service name is set for signing"));
  if (config->unix_time < 0 || config->unix_time > BP_SIGV4_MAX_UNIX_TIME)
    return set_error (error, code, _("The signing time is out of range"));
  if (mode == BP_SIGV4_MODE_QUERY &&
      (config->expires_in == 0 || config->expires_in > BP_SIGV4_MAX_EXPIRES))
    return set_error (error, code, _("A presigned URL must expire within 1 to 604800 seconds"));

  return TRUE;
}

gboolean
_bp_sigv4_validate_request (BpSigV4Request  *request,
                            GError         **error)
{
  const int code = BP_SIGV4_ERROR_INVALID_REQUEST;
  gboolean has_host = FALSE;

  g_assert (request != NULL);

  if (!is_token (request->method))
    return set_error (error, code, _("The request method is malformed"));
  if (request->path[0] != '/')
    return set_error (error, code, _("The request path must start with “/”"));
  for (const char *p = request->path; *p != '\0'; p++)
    {
      if (*p == '?' || *p == '#' || (guchar) *p < 0x20 || *p == 0x7f)
        return set_error (error, code, _("The request path holds a character that must be percent-encoded"));
    }

  for (guint i = 0; i < request->headers->len; i++)
    {
      const BpSigV4Header *header = &g_array_index (request->headers, BpSigV4Header, i);

      if (!is_token (header->name))
        return set_error (error, code, _("A request header name is malformed"));
      if (strcmp (header->lower, "host") == 0)
        has_host = TRUE;
    }

  if (!has_host)
    return set_error (error, code, _("The request has no Host header"));

  return TRUE;
}

/* The stages. */

void
_bp_sigv4_state_init (BpSigV4State        *state,
                      BpSigV4Request      *request,
                      const BpSigV4Config *config,
                      BpSigV4Mode          mode)
{
  guint8 digest[BP_SIGV4_DIGEST_SIZE];
  gconstpointer body = NULL;
  gsize body_len = 0;
  int ret;

  g_assert (state != NULL);
  g_assert (request != NULL);
  g_assert (config != NULL);

  memset (state, 0, sizeof *state);
  state->request = request;
  state->config = config;
  state->mode = mode;

  _bp_sigv4_format_amz_date (config->unix_time, state->amz_date);
  memcpy (state->date_stamp, state->amz_date, BP_SIGV4_DATE_STAMP_SIZE - 1);
  state->date_stamp[BP_SIGV4_DATE_STAMP_SIZE - 1] = '\0';

  state->scope = g_string_sized_new (64);
  g_string_append (state->scope, state->date_stamp);
  g_string_append_c (state->scope, '/');
  g_string_append (state->scope, config->region);
  g_string_append_c (state->scope, '/');
  g_string_append (state->scope, config->service);
  g_string_append (state->scope, "/" BP_SIGV4_TERMINATOR);

  if (request->body != NULL)
    body = g_bytes_get_data (request->body, &body_len);
  ret = gnutls_hash_fast (GNUTLS_DIG_SHA256, body != NULL ? body : "", body_len, digest);
  g_assert (ret == 0);
  _bp_sigv4_hex (digest, state->payload_hash);

  state->sorted_headers = g_array_sized_new (FALSE, FALSE, sizeof (BpSigV4SortedHeader),
                                             request->headers->len);
  state->signed_headers = g_string_sized_new (64);
  state->canonical_request = g_string_sized_new (512);
  state->string_to_sign = g_string_sized_new (160);
}

void
_bp_sigv4_state_clear (BpSigV4State *state)
{
  g_assert (state != NULL);

  gnutls_memset (state->signing_key, 0, sizeof state->signing_key);
  g_clear_pointer (&state->sorted_headers, g_array_unref);
  if (state->scope != NULL)
    g_string_free (g_steal_pointer (&state->scope), TRUE);
  if (state->signed_headers != NULL)
    g_string_free (g_steal_pointer (&state->signed_headers), TRUE);
  if (state->canonical_request != NULL)
    g_string_free (g_steal_pointer (&state->canonical_request), TRUE);
  if (state->string_to_sign != NULL)
    g_string_free (g_steal_pointer (&state->string_to_sign), TRUE);
}

static int
compare_sorted_headers (gconstpointer a,
                        gconstpointer b)
{
  const BpSigV4SortedHeader *ha = a;
  const BpSigV4SortedHeader *hb = b;
  int cmp = strcmp (ha->lower, hb->lower);

  /* Equal names keep request order: their values join in that order. */
  if (cmp != 0)
    return cmp;

  return ha->index < hb->index ? -1 : ha->index > hb->index;
}

void
_bp_sigv4_build_signed_headers (BpSigV4State *state)
{
  GArray *headers = state->request->headers;
  GArray *sorted = state->sorted_headers;

  g_array_set_size (sorted, 0);
  for (guint i = 0; i < headers->len; i++)
    {
      const BpSigV4Header *header = &g_array_index (headers, BpSigV4Header, i);
      BpSigV4SortedHeader entry = { header->lower, header->value, i };

      if (_bp_sigv4_header_is_signable (header->lower))
        g_array_append_val (sorted, entry);
    }
  g_array_sort (sorted, compare_sorted_headers);

  g_string_truncate (state->signed_headers, 0);
  for (guint i = 0; i < sorted->len; i++)
    {
      const BpSigV4SortedHeader *entry = &g_array_index (sorted, BpSigV4SortedHeader, i);

      if (i > 0 && strcmp (entry->lower, g_array_index (sorted, BpSigV4SortedHeader, i - 1).lower) == 0)
        continue;
      if (state->signed_headers->len > 0)
        g_string_append_c (state->signed_headers, ';');
      g_string_append (state->signed_headers, entry->lower);
    }
}

void
_bp_sigv4_build_canonical_request (BpSigV4State *state)
{
  GString *out = state->canonical_request;
  GArray *sorted = state->sorted_headers;
  const char *previous = NULL;

  g_string_truncate (out, 0);
  g_string_append (out, state->request->method);
  g_string_append_c (out, '\n');
  _bp_sigv4_append_canonical_uri (out, state->request->path, state->config->normalize_path);
  g_string_append_c (out, '\n');
  _bp_sigv4_append_canonical_query (out, state->request->query);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < sorted->len; i++)
    {
      const BpSigV4SortedHeader *entry = &g_array_index (sorted, BpSigV4SortedHeader, i);

      if (previous != NULL && strcmp (previous, entry->lower) == 0)
        {
          g_string_append_c (out, ',');
        }
      else
        {
          if (previous != NULL)
            g_string_append_c (out, '\n');
          g_string_append (out, entry->lower);
          g_string_append_c (out, ':');
        }
      _bp_sigv4_append_header_value (out, entry->value);
      previous = entry->lower;
    }
  if (previous != NULL)
    g_string_append_c (out, '\n');

  g_string_append_c (out, '\n');
  g_string_append_len (out, state->signed_headers->str, state->signed_headers->len);
  g_string_append_c (out, '\n');
  g_string_append (out, state->payload_hash);
}

void
_bp_sigv4_build_string_to_sign (BpSigV4State *state)
{
  guint8 digest[BP_SIGV4_DIGEST_SIZE];
  char hex[BP_SIGV4_HEX_SIZE];
  int ret;

  ret = gnutls_hash_fast (GNUTLS_DIG_SHA256, state->canonical_request->str,
                          state->canonical_request->len, digest);
  g_assert (ret == 0);
  _bp_sigv4_hex (digest, hex);

  g_string_truncate (state->string_to_sign, 0);
  g_string_append (state->string_to_sign, BP_SIGV4_ALGORITHM "\n");
  g_string_append (state->string_to_sign, state->amz_date);
  g_string_append_c (state->string_to_sign, '\n');
  g_string_append_len (state->string_to_sign, state->scope->str, state->scope->len);
  g_string_append_c (state->string_to_sign, '\n');
  g_string_append (state->string_to_sign, hex);
}

static void
hmac_sha256 (const void *key,
             gsize       key_len,
             const char *data,
             guint8      out[BP_SIGV4_DIGEST_SIZE])
{
  int ret;

  ret = gnutls_hmac_fast (GNUTLS_MAC_SHA256, key, key_len, data, strlen (data), out);
  g_assert (ret == 0);
}

void
_bp_sigv4_derive_signing_key (BpSigV4State *state)
{
  const BpSigV4Config *config = state->config;
  gsize secret_len = strlen (config->secret_access_key);
  guint8 stack_secret[128];
  guint8 *k_secret = stack_secret;
  guint8 k_date[BP_SIGV4_DIGEST_SIZE];
  guint8 k_region[BP_SIGV4_DIGEST_SIZE];
  guint8 k_service[BP_SIGV4_DIGEST_SIZE];

  if (secret_len + 4 > sizeof stack_secret)
    k_secret = g_malloc (secret_len + 4);
  memcpy (k_secret, "AWS4", 4);
  memcpy (k_secret + 4, config->secret_access_key, secret_len);

  hmac_sha256 (k_secret, secret_len + 4, state->date_stamp, k_date);
  hmac_sha256 (k_date, sizeof k_date, config->region, k_region);
  hmac_sha256 (k_region, sizeof k_region, config->service, k_service);
  hmac_sha256 (k_service, sizeof k_service, BP_SIGV4_TERMINATOR, state->signing_key);

  gnutls_memset (k_secret, 0, secret_len + 4);
  gnutls_memset (k_date, 0, sizeof k_date);
  gnutls_memset (k_region, 0, sizeof k_region);
  gnutls_memset (k_service, 0, sizeof k_service);
  if (k_secret != stack_secret)
    g_free (k_secret);
}

void
_bp_sigv4_compute_signature (BpSigV4State *state)
{
  guint8 digest[BP_SIGV4_DIGEST_SIZE];
  int ret;

  ret = gnutls_hmac_fast (GNUTLS_MAC_SHA256, state->signing_key, sizeof state->signing_key,
                          state->string_to_sign->str, state->string_to_sign->len, digest);
  g_assert (ret == 0);
  _bp_sigv4_hex (digest, state->signature);
}

char *
_bp_sigv4_build_authorization (BpSigV4State *state)
{
  GString *out = g_string_sized_new (256);

  g_string_append (out, BP_SIGV4_ALGORITHM " Credential=");
  g_string_append (out, state->config->access_key_id);
  g_string_append_c (out, '/');
  g_string_append_len (out, state->scope->str, state->scope->len);
  g_string_append (out, ", SignedHeaders=");
  g_string_append_len (out, state->signed_headers->str, state->signed_headers->len);
  g_string_append (out, ", Signature=");
  g_string_append (out, state->signature);

  return g_string_free (out, FALSE);
}

/* The canonical request may hold the session token: redact it in logs. */
static void
log_stages (BpSigV4State *state)
{
  const char *token = get_session_token (state->config);
  g_autoptr(GString) creq = NULL;

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;

  creq = g_string_new_len (state->canonical_request->str, state->canonical_request->len);
  if (token != NULL)
    {
      g_autofree char *encoded = bp_sigv4_uri_encode (token, FALSE);

      g_string_replace (creq, encoded, "<redacted>", 0);
      g_string_replace (creq, token, "<redacted>", 0);
    }

  g_debug ("Canonical request:\n%s", creq->str);
  g_debug ("String to sign:\n%s", state->string_to_sign->str);
}

void
_bp_sigv4_run_stages (BpSigV4State *state)
{
  g_assert (state != NULL);

  _bp_sigv4_build_signed_headers (state);
  _bp_sigv4_build_canonical_request (state);
  _bp_sigv4_build_string_to_sign (state);
  log_stages (state);
  _bp_sigv4_derive_signing_key (state);
  _bp_sigv4_compute_signature (state);
}

/* Entry points. */

/**
 * bp_sigv4_sign:
 * @request: the request to sign, with its Host header
 * @config: the signing inputs
 * @error: return location for a #BP_SIGV4_ERROR
 *
 * Signs with an Authorization header. Sets X-Amz-Date, X-Amz-Security-Token
 * (when there is a token; added after signing when @config asks to omit it),
 * x-amz-content-sha256 (when asked) and Authorization, replacing any earlier
 * ones, so a request can be signed again for a retry.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_sigv4_sign (BpSigV4Request       *request,
               const BpSigV4Config  *config,
               GError              **error)
{
  BpSigV4State state;
  g_autofree char *authorization = NULL;
  const char *token;

  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_bp_sigv4_validate_config (config, BP_SIGV4_MODE_HEADER, error) ||
      !_bp_sigv4_validate_request (request, error))
    return FALSE;

  token = get_session_token (config);
  _bp_sigv4_state_init (&state, request, config, BP_SIGV4_MODE_HEADER);

  bp_sigv4_request_remove_header (request, "Authorization");
  if (token != NULL && !config->omit_session_token)
    bp_sigv4_request_set_header (request, "X-Amz-Security-Token", token);
  else if (token != NULL)
    bp_sigv4_request_remove_header (request, "X-Amz-Security-Token");
  bp_sigv4_request_set_header (request, "X-Amz-Date", state.amz_date);
  if (config->add_content_sha256)
    bp_sigv4_request_set_header (request, "x-amz-content-sha256", state.payload_hash);

  _bp_sigv4_run_stages (&state);

  authorization = _bp_sigv4_build_authorization (&state);
  bp_sigv4_request_set_header (request, "Authorization", authorization);
  if (token != NULL && config->omit_session_token)
    bp_sigv4_request_add_header (request, "X-Amz-Security-Token", token);

  _bp_sigv4_state_clear (&state);

  return TRUE;
}

static gboolean
is_auth_param (const char *item,
               gsize       len)
{
  static const char * const names[] = {
    "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders",
    "X-Amz-Expires", "X-Amz-Security-Token", "X-Amz-Signature",
  };
  const char *eq = memchr (item, '=', len);
  gsize key_len = eq != NULL ? (gsize) (eq - item) : len;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (strlen (names[i]) == key_len && memcmp (names[i], item, key_len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The request's own parameters, minus those of an earlier presigning. */
static void
append_query_without_auth (GString    *out,
                           const char *query)
{
  for (const char *item = query; item != NULL && *item != '\0';)
    {
      const char *amp = strchr (item, '&');
      gsize len = amp != NULL ? (gsize) (amp - item) : strlen (item);

      if (len > 0 && !is_auth_param (item, len))
        {
          if (out->len > 0)
            g_string_append_c (out, '&');
          g_string_append_len (out, item, len);
        }

      item += len + (amp != NULL ? 1 : 0);
    }
}

static void
append_param (GString    *query,
              const char *name,
              const char *value)
{
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append (query, name);
  g_string_append_c (query, '=');
  _bp_sigv4_append_uri_encoded (query, value, strlen (value), FALSE);
}

/**
 * bp_sigv4_presign:
 * @request: the request to presign, with its Host header
 * @config: the signing inputs; @config->expires_in must be set
 * @error: return location for a #BP_SIGV4_ERROR
 *
 * Signs with query parameters (a presigned URL): the request's query becomes
 * its own parameters followed by X-Amz-Algorithm, X-Amz-Credential,
 * X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Expires, X-Amz-Security-Token (when
 * there is a token) and X-Amz-Signature. Headers are not changed.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_sigv4_presign (BpSigV4Request       *request,
                  const BpSigV4Config  *config,
                  GError              **error)
{
  BpSigV4State state;
  g_autofree char *credential = NULL;
  char expires[16];
  const char *token;
  GString *query;

  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_bp_sigv4_validate_config (config, BP_SIGV4_MODE_QUERY, error) ||
      !_bp_sigv4_validate_request (request, error))
    return FALSE;

  token = get_session_token (config);
  _bp_sigv4_state_init (&state, request, config, BP_SIGV4_MODE_QUERY);
  _bp_sigv4_build_signed_headers (&state);

  credential = g_strconcat (config->access_key_id, "/", state.scope->str, NULL);
  g_snprintf (expires, sizeof expires, "%u", config->expires_in);

  query = g_string_sized_new (512);
  append_query_without_auth (query, request->query);
  append_param (query, "X-Amz-Algorithm", BP_SIGV4_ALGORITHM);
  append_param (query, "X-Amz-Credential", credential);
  append_param (query, "X-Amz-Date", state.amz_date);
  append_param (query, "X-Amz-SignedHeaders", state.signed_headers->str);
  append_param (query, "X-Amz-Expires", expires);
  if (token != NULL && !config->omit_session_token)
    append_param (query, "X-Amz-Security-Token", token);
  g_free (request->query);
  request->query = g_strndup (query->str, query->len);

  _bp_sigv4_run_stages (&state);

  if (token != NULL && config->omit_session_token)
    append_param (query, "X-Amz-Security-Token", token);
  append_param (query, "X-Amz-Signature", state.signature);
  g_free (request->query);
  request->query = g_string_free (query, FALSE);

  _bp_sigv4_state_clear (&state);

  return TRUE;
}
