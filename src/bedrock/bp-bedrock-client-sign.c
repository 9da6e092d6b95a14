/* bp-bedrock-client-sign.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-bedrock-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

#include "bp-bedrock-client-private.h"
#include "bp-bedrock-error.h"
#include "bp-sigv4.h"

/* One attempt's SoupMessage: the URL built from the endpoint with the path
 * kept byte-exact (an encoded GUri, so libsoup sends `%3A` as it is), the
 * headers the SDKs send, signed last (wire format §1.2–§1.4), then the
 * informational amz-sdk-* headers. The message is also recorded, secrets
 * redacted, for the "show request" learning aid, whose getters are here. */

/* The signing name of both Bedrock hosts (wire format §1.1). */
#define SIGNING_SERVICE "bedrock"

BpClientCall *
_bp_client_call_new (BpClientPlane  plane,
                     const char    *method,
                     char          *path,
                     char          *query,
                     GBytes        *body)
{
  BpClientCall *call = g_new0 (BpClientCall, 1);

  call->plane = plane;
  call->method = method;
  call->path = path;
  call->query = query;
  call->body = body;

  return call;
}

void
_bp_client_call_free (BpClientCall *call)
{
  if (call == NULL)
    return;

  g_free (call->path);
  g_free (call->query);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call);
}

/* "/model/{modelId}/{operation}" with the id as one path label: every byte
 * but the unreserved ones encoded, so ':' is %3A and '/' is %2F (§2.2). */
char *
_bp_client_model_path (const char *model_id,
                       const char *operation)
{
  g_autofree char *encoded = bp_sigv4_uri_encode (model_id, FALSE);

  return g_strdup_printf ("/model/%s/%s", encoded, operation);
}

void
_bp_client_response_free (BpClientResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

static GUri *
build_uri (const BpEndpoint   *endpoint,
           const BpClientCall *call)
{
  g_autofree char *path = g_strconcat (endpoint->base_path != NULL ? endpoint->base_path : "",
                                       call->path, NULL);

  /* ENCODED: the path and query are taken as they are and sent so;
   * SCHEME_NORMALIZE is what libsoup wants to use the GUri untouched. */
  return g_uri_build (G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE,
                      endpoint->scheme, NULL, endpoint->host,
                      endpoint->port != 0 ? (int) endpoint->port : -1,
                      path, call->query, NULL);
}

static gboolean
sign_request (BpBedrockClient  *self,
              BpSigV4Request   *request,
              BpCredentials    *credentials,
              GError          **error)
{
  BpSigV4Config config = { 0 };
  gint64 now_ms = g_get_real_time () / 1000 + self->clock_offset_ms;

  if (bp_credentials_is_bearer (credentials))
    {
      g_autofree char *value = g_strconcat ("Bearer ", bp_credentials_get_bearer_token (credentials), NULL);

      bp_sigv4_request_set_header (request, "Authorization", value);
      /* The token is a secret: wipe this copy. */
      gnutls_memset (value, 0, strlen (value));
      return TRUE;
    }

  config.access_key_id = bp_credentials_get_access_key_id (credentials);
  config.secret_access_key = bp_credentials_get_secret_access_key (credentials);
  config.session_token = bp_credentials_get_session_token (credentials);
  config.region = self->region;
  config.service = SIGNING_SERVICE;
  config.unix_time = now_ms / 1000;
  config.normalize_path = TRUE;

  if (!bp_sigv4_sign (request, &config, error))
    {
      g_prefix_error (error, _("Could not sign the request: "));
      return FALSE;
    }

  return TRUE;
}

static void
record_request (BpBedrockClient *self,
                SoupMessage     *msg,
                GBytes          *body)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  SoupMessageHeaders *copy = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Authorization") == 0 ||
          g_ascii_strcasecmp (name, "X-Amz-Security-Token") == 0)
        value = BP_BEDROCK_CLIENT_REDACTED;
      soup_message_headers_append (copy, name, value);
    }
  /* The session adds this one when it sends. */
  soup_message_headers_replace (copy, "User-Agent", soup_session_get_user_agent (self->session));

  g_free (self->last_method);
  self->last_method = g_strdup (soup_message_get_method (msg));
  g_free (self->last_url);
  self->last_url = g_uri_to_string (soup_message_get_uri (msg));
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
  self->last_headers = copy;
  g_clear_pointer (&self->last_body, g_bytes_unref);
  self->last_body = body != NULL ? g_bytes_ref (body) : NULL;
}

/* The SigV4 view of the request: exactly the headers libsoup will send
 * that are signed (Host, Content-Type, the accept header). */
static BpSigV4Request *
new_signing_request (const BpEndpoint   *endpoint,
                     const BpClientCall *call,
                     GUri               *uri)
{
  BpSigV4Request *request = bp_sigv4_request_new (call->method, g_uri_get_path (uri), call->query);

  bp_sigv4_request_add_header (request, "Host", endpoint->host_header);
  if (call->body != NULL)
    {
      bp_sigv4_request_add_header (request, "Content-Type", BP_CLIENT_JSON_TYPE);
      bp_sigv4_request_set_body (request, call->body);
    }
  if (call->accept_header != NULL)
    bp_sigv4_request_add_header (request, call->accept_header, BP_CLIENT_JSON_TYPE);

  return request;
}

/*
 * _bp_bedrock_client_build_message:
 * @credentials: the credentials of this attempt
 * @invocation_id: the call's amz-sdk-invocation-id (same on every retry)
 * @attempt: the 1-based attempt number
 *
 * Builds and signs one attempt of @call. Signing happens here, at the last
 * moment before sending, so a retry is signed afresh with the corrected
 * clock.
 *
 * Returns: (transfer full) (nullable): the message to send
 */
SoupMessage *
_bp_bedrock_client_build_message (BpBedrockClient     *self,
                                  const BpClientCall  *call,
                                  BpCredentials       *credentials,
                                  const char          *invocation_id,
                                  guint                attempt,
                                  guint                max_attempts,
                                  GError             **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(BpSigV4Request) request = NULL;
  g_autofree char *sdk_request = NULL;
  const BpEndpoint *endpoint;
  SoupMessageHeaders *headers;

  g_assert (BP_IS_BEDROCK_CLIENT (self));
  g_assert (call != NULL);

  endpoint = _bp_bedrock_client_get_endpoint (self, call->plane, error);
  if (endpoint == NULL)
    return NULL;

  uri = build_uri (endpoint, call);
  msg = soup_message_new_from_uri (call->method, uri);
  /* Bedrock does not redirect, and a signature does not survive one.
   * libsoup opens a new connection for every POST unless told it may
   * resend it; it resends only when a reused keep-alive connection turns
   * out to be closed, which the server had done before reading it. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_IDEMPOTENT);
  headers = soup_message_get_request_headers (msg);
  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (msg, BP_CLIENT_JSON_TYPE, call->body);

  request = new_signing_request (endpoint, call, uri);
  if (!sign_request (self, request, credentials, error))
    return NULL;

  /* Replace, never append: libsoup would merge a second value into the
   * first with ", ", and the signature covers the exact value. */
  for (guint i = 0; i < bp_sigv4_request_get_n_headers (request); i++)
    {
      const char *name;
      const char *value;

      bp_sigv4_request_get_nth_header (request, i, &name, &value);
      soup_message_headers_replace (headers, name, value);
    }

  /* Informational, after signing, as the SDKs do (§1.2). */
  sdk_request = g_strdup_printf ("attempt=%u; max=%u", attempt, max_attempts);
  soup_message_headers_replace (headers, "amz-sdk-invocation-id", invocation_id);
  soup_message_headers_replace (headers, "amz-sdk-request", sdk_request);

  record_request (self, msg, call->body);

  return g_steal_pointer (&msg);
}

/**
 * bp_bedrock_client_get_last_request_method:
 * @self: a #BpBedrockClient
 *
 * Returns: (nullable): the HTTP method of the last request sent
 */
const char *
bp_bedrock_client_get_last_request_method (BpBedrockClient *self)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);

  return self->last_method;
}

/**
 * bp_bedrock_client_get_last_request_url:
 * @self: a #BpBedrockClient
 *
 * Returns: (nullable): the URL of the last request sent, exactly as sent
 */
const char *
bp_bedrock_client_get_last_request_url (BpBedrockClient *self)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);

  return self->last_url;
}

/**
 * bp_bedrock_client_get_last_request_headers:
 * @self: a #BpBedrockClient
 *
 * The headers of the last request sent, in order, with the values of
 * Authorization and X-Amz-Security-Token replaced by
 * %BP_BEDROCK_CLIENT_REDACTED. libsoup adds Content-Length and User-Agent
 * itself; they are listed too.
 *
 * Returns: (transfer none) (nullable): the headers
 */
SoupMessageHeaders *
bp_bedrock_client_get_last_request_headers (BpBedrockClient *self)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);

  return self->last_headers;
}

/**
 * bp_bedrock_client_get_last_request_body:
 * @self: a #BpBedrockClient
 *
 * Returns: (transfer none) (nullable): the body of the last request sent
 *   (%NULL for a GET)
 */
GBytes *
bp_bedrock_client_get_last_request_body (BpBedrockClient *self)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);

  return self->last_body;
}
