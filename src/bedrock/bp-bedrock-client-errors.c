/* bp-bedrock-client-errors.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-bedrock-client"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-bedrock-client-private.h"
#include "bp-bedrock-error.h"

/* The client's own errors, for what happens below HTTP: the three timers,
 * a connection that fails or closes early, a body of the wrong type. HTTP
 * error responses and stream exceptions are bp-bedrock-error.c's. */

static const char *
plane_host (BpBedrockClient *self,
            BpClientPlane    plane)
{
  const BpEndpoint *endpoint = plane == BP_CLIENT_PLANE_CONTROL
                               ? self->control_endpoint : self->runtime_endpoint;

  return endpoint != NULL ? endpoint->host_header : "";
}

/* "5 s", or "0.2 s" for the short timeouts of tests. */
static char *
format_duration (guint ms)
{
  if (ms % 1000 == 0)
    return g_strdup_printf (_("%u s"), ms / 1000);

  return g_strdup_printf (_("%.1f s"), ms / 1000.0);
}

/*
 * _bp_bedrock_client_timeout_error:
 * @timer: the timer that struck
 * @streaming: whether an event stream was being read
 *
 * Returns: (transfer full): a %BP_BEDROCK_ERROR_TIMEOUT naming the timer
 */
GError *
_bp_bedrock_client_timeout_error (BpBedrockClient *self,
                                  BpClientPlane    plane,
                                  BpClientTimer    timer,
                                  gboolean         streaming)
{
  g_autofree char *duration = NULL;

  g_assert (BP_IS_BEDROCK_CLIENT (self));

  switch (timer)
    {
    case BP_CLIENT_TIMER_CONNECT:
      duration = format_duration (self->connect_timeout_ms);
      return g_error_new (BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_TIMEOUT,
                          _("Could not connect to %s within %s"), plane_host (self, plane), duration);

    case BP_CLIENT_TIMER_FIRST_BYTE:
      duration = format_duration (self->first_byte_timeout_ms);
      return g_error_new (BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_TIMEOUT,
                          _("No response within %s"), duration);

    case BP_CLIENT_TIMER_IDLE:
      duration = format_duration (self->idle_timeout_ms);
      if (streaming)
        return g_error_new (BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_TIMEOUT,
                            _("No data for %s while streaming"), duration);
      return g_error_new (BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_TIMEOUT,
                          _("No data for %s while reading the response"), duration);

    case BP_CLIENT_TIMER_NONE:
    default:
      g_assert_not_reached ();
    }
}

/*
 * _bp_bedrock_client_transport_error:
 * @error: what libsoup or GIO reported
 *
 * Returns: (transfer full): %BP_BEDROCK_ERROR_TIMEOUT for the network
 *   stack's own timeouts, else %BP_BEDROCK_ERROR_NETWORK; GIO's message kept
 */
GError *
_bp_bedrock_client_transport_error (BpBedrockClient *self,
                                    BpClientPlane    plane,
                                    const GError    *error)
{
  g_assert (BP_IS_BEDROCK_CLIENT (self));
  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_TIMEOUT,
                        _("Timed out talking to %s: %s"), plane_host (self, plane), error->message);

  return g_error_new (BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_NETWORK,
                      _("Could not reach %s: %s"), plane_host (self, plane), error->message);
}

/*
 * _bp_bedrock_client_body_error:
 * @error: the error of a read from a successful response's body
 *
 * Returns: (transfer full): %BP_BEDROCK_ERROR_TRUNCATED_STREAM when the
 *   connection closed in the middle of the body, else as
 *   _bp_bedrock_client_transport_error()
 */
GError *
_bp_bedrock_client_body_error (BpBedrockClient *self,
                               BpClientPlane    plane,
                               const GError    *error)
{
  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    return g_error_new (BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_TRUNCATED_STREAM,
                        _("The response ended early: %s"), error->message);

  return _bp_bedrock_client_transport_error (self, plane, error);
}

/*
 * _bp_bedrock_client_check_stream_type:
 * @headers: the headers of a successful streaming response
 *
 * Returns: whether the body is an event stream; if not, @error is set to
 *   %BP_BEDROCK_ERROR_CORRUPT_STREAM
 */
gboolean
_bp_bedrock_client_check_stream_type (SoupMessageHeaders  *headers,
                                      GError             **error)
{
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);

  if (g_strcmp0 (content_type, BP_CLIENT_EVENT_STREAM_TYPE) == 0)
    return TRUE;

  g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_CORRUPT_STREAM,
               _("Expected an event stream, got a response of type ‘%s’"),
               content_type != NULL ? content_type : _("none"));
  return FALSE;
}
