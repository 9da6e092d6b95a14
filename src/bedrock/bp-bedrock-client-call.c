/* bp-bedrock-client-call.c
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

/* The engine every call goes through (conventions §6, wire format §6):
 * credentials, sign, soup_session_send_async, status, body read in 64 KiB
 * chunks (or fed to the event-stream state), with three timers that cancel
 * the attempt's own GCancellable, and retries per the BpRetryPolicy after
 * a cancellable delay. The caller's GCancellable is watched by a source on
 * the client's context, which cancels the attempt in flight.
 *
 * What is retried: transport errors before a response (and the connect
 * timeout), HTTP errors the policy classifies as retryable, a clock-skew
 * 403 once the Date header corrected the clock, and an in-stream exception
 * that came before any event reached the caller. Nothing is retried once
 * a successful response's body has started otherwise: the model has run
 * (and billed), and a stream's events may already be on screen. */

typedef struct
{
  GTask           *task;                 /* borrowed: owns this struct */
  BpBedrockClient *self;                 /* borrowed: the task's source object */
  BpClientCall    *call;                 /* (owned) */
  GSource         *caller_source;        /* (owned) (nullable) */
  char            *invocation_id;        /* (owned) */
  guint            attempt;
  guint            max_attempts;
  guint            last_retry_cost;
  gboolean         invalidated;
  GSource         *delay_source;         /* (owned) (nullable) */

  /* The attempt in flight. (owned) (nullable) */
  GCancellable    *attempt_cancellable;
  SoupMessage     *msg;
  GInputStream    *stream;
  GByteArray      *body;
  GSource         *timer_source;
  BpClientTimer    timer_kind;
  BpClientTimer    timed_out;
  gboolean         error_response;
  gboolean         skew_changed;
  gboolean         eof;

  /* (owned) (nullable): the result, while the stream closes */
  BpClientResponse *response;
} SendData;

static void start_attempt (GTask *task);
static void read_next     (GTask *task);

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_input_stream_close_finish (G_INPUT_STREAM (object), result, &error))
    g_debug ("Closing a response stream failed: %s", error->message);
}

static void
stop_timer (SendData *data)
{
  if (data->timer_source != NULL)
    g_source_destroy (data->timer_source);
  g_clear_pointer (&data->timer_source, g_source_unref);
  data->timer_kind = BP_CLIENT_TIMER_NONE;
}

/* Ends the attempt: timers off, the message forgotten, the stream closed.
 * A stream read to its end closes cleanly and its connection is kept; one
 * abandoned midway is cancelled first, so the close does not wait for the
 * rest of a body that may never come. */
static void
end_attempt (SendData *data,
             gboolean  abandon)
{
  stop_timer (data);

  if (data->msg != NULL)
    g_signal_handlers_disconnect_by_data (data->msg, data);
  g_clear_object (&data->msg);

  if (data->stream != NULL)
    {
      if (abandon)
        g_cancellable_cancel (data->attempt_cancellable);
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT,
                                  data->attempt_cancellable, close_cb, NULL);
      g_clear_object (&data->stream);
    }

  g_clear_pointer (&data->body, g_byte_array_unref);
}

static void
send_data_free (SendData *data)
{
  end_attempt (data, TRUE);

  if (data->caller_source != NULL)
    g_source_destroy (data->caller_source);
  g_clear_pointer (&data->caller_source, g_source_unref);
  if (data->delay_source != NULL)
    g_source_destroy (data->delay_source);
  g_clear_pointer (&data->delay_source, g_source_unref);

  g_clear_object (&data->attempt_cancellable);
  g_clear_pointer (&data->call, _bp_client_call_free);
  g_clear_pointer (&data->response, _bp_client_response_free);
  g_free (data->invocation_id);
  g_free (data);
}

static GSource *
attach_timeout (BpBedrockClient *self,
                guint            ms,
                GSourceFunc      func,
                gpointer         user_data,
                GDestroyNotify   notify)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, user_data, notify);
  g_source_set_static_name (source, "[bp-bedrock-client] timer");
  g_source_attach (source, self->context);

  return source;
}

static gboolean
timer_cb (gpointer user_data)
{
  SendData *data = user_data;

  g_debug ("Timeout (%d) on attempt %u", data->timer_kind, data->attempt);
  data->timed_out = data->timer_kind;
  g_clear_pointer (&data->timer_source, g_source_unref);
  g_cancellable_cancel (data->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

static void
start_timer (SendData      *data,
             BpClientTimer  kind)
{
  guint ms = 0;

  stop_timer (data);

  switch (kind)
    {
    case BP_CLIENT_TIMER_CONNECT: ms = data->self->connect_timeout_ms; break;
    case BP_CLIENT_TIMER_FIRST_BYTE: ms = data->self->first_byte_timeout_ms; break;
    case BP_CLIENT_TIMER_IDLE: ms = data->self->idle_timeout_ms; break;
    case BP_CLIENT_TIMER_NONE:
    default: g_assert_not_reached ();
    }

  if (ms == 0)
    return;

  data->timer_kind = kind;
  data->timer_source = attach_timeout (data->self, ms, timer_cb, data, NULL);
}

static gboolean
caller_cancelled (SendData *data)
{
  GCancellable *cancellable = g_task_get_cancellable (data->task);

  return cancellable != NULL && g_cancellable_is_cancelled (cancellable);
}

static void
return_error (GTask  *task,
              GError *error)
{
  SendData *data = g_task_get_task_data (task);

  end_attempt (data, TRUE);

  if (caller_cancelled (data))
    {
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
      return;
    }

  g_task_return_error (task, error);
}

/* A transport error as the user sees it: the timer that struck, else the
 * network stack's error. */
static GError *
transport_error (SendData     *data,
                 const GError *error)
{
  if (data->timed_out != BP_CLIENT_TIMER_NONE)
    return _bp_bedrock_client_timeout_error (data->self, data->call->plane, data->timed_out,
                                             data->call->stream != NULL);

  return _bp_bedrock_client_transport_error (data->self, data->call->plane, error);
}

static gboolean
delay_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->delay_source, g_source_unref);
  start_attempt (g_object_ref (task));

  return G_SOURCE_REMOVE;
}

/* Retries after the policy's delay when it allows, else fails the call. */
static void
retry_or_fail (GTask       *task,
               BpRetryKind  kind,
               guint        cost,
               GError      *error)
{
  SendData *data = g_task_get_task_data (task);
  BpRetryPolicy *policy = data->self->retry_policy;
  guint delay_ms = 0;

  /* An error body read to its end leaves the connection fit for reuse. */
  end_attempt (data, !data->eof);

  if (caller_cancelled (data) ||
      !bp_retry_policy_should_retry_with_cost (policy, kind, cost, data->attempt, &delay_ms))
    {
      return_error (task, error);
      g_object_unref (task);
      return;
    }

  g_debug ("Attempt %u/%u failed (%s); retrying in %u ms",
           data->attempt, data->max_attempts, error->message, delay_ms);
  _bp_bedrock_client_emit_retry_scheduled (data->self, g_task_get_cancellable (task),
                                           data->attempt, data->max_attempts, delay_ms, error);
  g_error_free (error);
  data->last_retry_cost = cost;
  data->delay_source = attach_timeout (data->self, delay_ms, delay_done_cb, task, g_object_unref);
}

static void
success_close_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_input_stream_close_finish (G_INPUT_STREAM (object), result, &error))
    g_debug ("Closing a response stream failed: %s", error->message);

  g_task_return_pointer (task, g_steal_pointer (&data->response),
                         (GDestroyNotify) _bp_client_response_free);
  g_object_unref (task);
}

/* The body was read to its end. The result waits for the stream to close:
 * only then is the connection back in the pool, ready for the next call. */
static void
succeed (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  BpClientResponse *response = g_new0 (BpClientResponse, 1);
  g_autoptr(GInputStream) stream = g_steal_pointer (&data->stream);

  g_assert (data->response == NULL);

  response->status = soup_message_get_status (data->msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (data->msg));
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&data->body));

  bp_retry_policy_record_success_with_cost (data->self->retry_policy, data->attempt, data->last_retry_cost);
  end_attempt (data, FALSE);

  data->response = response;
  g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, data->attempt_cancellable,
                              success_close_cb, task);
}

static void
maybe_invalidate_credentials (SendData     *data,
                              const GError *error)
{
  if (data->invalidated ||
      (!g_error_matches (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_EXPIRED_CREDENTIALS) &&
       !g_error_matches (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_INVALID_CREDENTIALS)))
    return;

  /* Cached credentials may be stale (an expired session token, a key
   * rotated in the file): the next call looks them up afresh. */
  data->invalidated = TRUE;
  bp_credential_provider_invalidate (data->self->provider);
}

static void
handle_error_response (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  const char *error_type = soup_message_headers_get_one (headers, "x-amzn-ErrorType");
  guint status = soup_message_get_status (data->msg);
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&data->body));
  g_autofree char *code = bp_bedrock_error_find_service_code (error_type, body);
  GError *error;
  BpRetryKind kind;

  error = bp_bedrock_error_new_from_response (status, error_type,
                                              soup_message_headers_get_one (headers, "x-amzn-RequestId"),
                                              body);
  kind = bp_retry_classify (status, code);
  /* A skew code is worth a retry only when the clock was corrected. */
  if (kind == BP_RETRY_KIND_CLOCK_SKEW && !data->skew_changed)
    kind = BP_RETRY_KIND_NONE;
  if (kind == BP_RETRY_KIND_NONE)
    maybe_invalidate_credentials (data, error);

  retry_or_fail (task, kind, bp_retry_cost (status, code), error);
}

/* Transport failure before a response: retryable, except a first-byte
 * timeout (the request reached the service, which may still be working
 * on it, and waiting the whole timeout again would triple the wait). */
static void
send_failed (GTask  *task,
             GError *soup_error)
{
  SendData *data = g_task_get_task_data (task);
  GError *error;
  BpRetryKind kind = BP_RETRY_KIND_TRANSIENT;

  if (caller_cancelled (data))
    {
      return_error (task, soup_error);
      g_object_unref (task);
      return;
    }

  error = transport_error (data, soup_error);
  g_error_free (soup_error);
  if (data->timed_out == BP_CLIENT_TIMER_FIRST_BYTE)
    kind = BP_RETRY_KIND_NONE;

  retry_or_fail (task, kind, bp_retry_cost (0, NULL), error);
}

/* Failure after a successful status: not retried, except an in-stream
 * exception that came before any event reached the caller. */
static void
body_failed (GTask  *task,
             GError *error)
{
  SendData *data = g_task_get_task_data (task);
  BpClientStream *stream = data->call->stream;
  const char *code = stream != NULL ? _bp_client_stream_get_exception_code (stream) : NULL;
  BpRetryKind kind = BP_RETRY_KIND_NONE;

  if (code != NULL && !_bp_client_stream_get_delivered (stream))
    kind = bp_retry_classify (SOUP_STATUS_OK, code);
  if (kind == BP_RETRY_KIND_CLOCK_SKEW)
    kind = BP_RETRY_KIND_NONE;

  retry_or_fail (task, kind, bp_retry_cost (SOUP_STATUS_OK, code), error);
}

static GError *
read_error (SendData     *data,
            const GError *error)
{
  if (data->timed_out != BP_CLIENT_TIMER_NONE)
    return transport_error (data, error);

  return _bp_bedrock_client_body_error (data->self, data->call->plane, error);
}

static void
body_complete (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (data->error_response)
    {
      handle_error_response (task);
      return;
    }

  if (data->call->stream != NULL && !_bp_client_stream_end (data->call->stream, &error))
    {
      body_failed (task, error);
      return;
    }

  succeed (task);
}

/* Takes one chunk: TRUE to read on, FALSE when the body is done (or has
 * failed and the task been handed on). */
static gboolean
take_chunk (GTask  *task,
            GBytes *bytes)
{
  SendData *data = g_task_get_task_data (task);
  gsize size = g_bytes_get_size (bytes);
  GError *error = NULL;

  if (data->error_response)
    {
      gsize room = BP_CLIENT_MAX_ERROR_BODY - data->body->len;

      g_byte_array_append (data->body, g_bytes_get_data (bytes, NULL), MIN (size, room));
      if (data->body->len < BP_CLIENT_MAX_ERROR_BODY)
        return TRUE;
      body_complete (task);
      return FALSE;
    }

  if (data->call->stream != NULL)
    {
      if (_bp_client_stream_feed (data->call->stream, bytes, &error))
        return TRUE;
      body_failed (task, error);
      return FALSE;
    }

  if (data->body->len + size > BP_CLIENT_MAX_BODY)
    {
      body_failed (task, g_error_new (BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                                      _("The response is larger than %u MiB"),
                                      BP_CLIENT_MAX_BODY / (1024 * 1024)));
      return FALSE;
    }

  g_byte_array_append (data->body, g_bytes_get_data (bytes, NULL), size);
  return TRUE;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  stop_timer (data);

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      if (data->error_response && !caller_cancelled (data))
        {
          /* Make do with the part of the error body that arrived. */
          g_debug ("Reading an error body failed: %s", error->message);
          g_error_free (error);
          handle_error_response (task);
          return;
        }

      if (caller_cancelled (data))
        {
          return_error (task, error);
          g_object_unref (task);
          return;
        }

      body_failed (task, read_error (data, error));
      g_error_free (error);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      data->eof = TRUE;
      body_complete (task);
      return;
    }

  if (take_chunk (task, bytes))
    read_next (task);
}

static void
read_next (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  start_timer (data, BP_CLIENT_TIMER_IDLE);
  g_input_stream_read_bytes_async (data->stream, BP_CLIENT_READ_CHUNK, data->self->io_priority,
                                   data->attempt_cancellable, read_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  guint status;

  stop_timer (data);

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      send_failed (task, error);
      return;
    }

  headers = soup_message_get_response_headers (data->msg);
  status = soup_message_get_status (data->msg);
  data->skew_changed = bp_clock_skew_update (&data->self->clock_offset_ms,
                                             soup_message_headers_get_one (headers, "Date"),
                                             g_get_real_time () / 1000);
  if (data->skew_changed)
    g_debug ("Clock offset now %" G_GINT64_FORMAT " ms", data->self->clock_offset_ms);

  data->body = g_byte_array_new ();
  data->error_response = !SOUP_STATUS_IS_SUCCESSFUL (status);
  if (!data->error_response && data->call->stream != NULL &&
      !_bp_bedrock_client_check_stream_type (headers, &error))
    {
      body_failed (task, error);
      return;
    }

  read_next (task);
}

static void
wrote_headers_cb (SoupMessage *msg,
                  gpointer     user_data)
{
  SendData *data = user_data;

  /* Connected, and the request is on its way. */
  start_timer (data, BP_CLIENT_TIMER_FIRST_BYTE);
}

static void
credentials_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(BpCredentials) credentials = NULL;
  GError *error = NULL;

  credentials = bp_credential_provider_get_credentials_finish (BP_CREDENTIAL_PROVIDER (object), result, &error);
  if (credentials != NULL)
    data->msg = _bp_bedrock_client_build_message (data->self, data->call, credentials,
                                                  data->invocation_id, data->attempt,
                                                  data->max_attempts, &error);
  if (data->msg == NULL)
    {
      return_error (task, error);
      g_object_unref (task);
      return;
    }

  g_signal_connect (data->msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), data);
  start_timer (data, BP_CLIENT_TIMER_CONNECT);
  soup_session_send_async (data->self->session, data->msg, G_PRIORITY_DEFAULT,
                           data->attempt_cancellable, send_cb, task);
}

static void
start_attempt (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  data->attempt++;
  data->timed_out = BP_CLIENT_TIMER_NONE;
  data->skew_changed = FALSE;
  data->eof = FALSE;
  g_clear_object (&data->attempt_cancellable);
  data->attempt_cancellable = g_cancellable_new ();
  if (data->call->stream != NULL)
    _bp_client_stream_reset (data->call->stream);

  /* The provider caches; asking on every attempt picks up a refresh. */
  bp_credential_provider_get_credentials_async (data->self->provider, data->attempt_cancellable,
                                                credentials_cb, task);
}

static gboolean
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  SendData *data = user_data;

  if (data->attempt_cancellable != NULL)
    g_cancellable_cancel (data->attempt_cancellable);

  if (data->delay_source != NULL)
    {
      /* Waiting between attempts: nothing else will wake the call. */
      g_autoptr(GTask) task = g_object_ref (data->task);

      g_source_destroy (data->delay_source);
      g_clear_pointer (&data->delay_source, g_source_unref);
      return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled")));
    }

  return G_SOURCE_REMOVE;
}

/*
 * _bp_bedrock_client_send_async:
 * @call: (transfer full): what to send
 *
 * Sends @call with retries. A streaming call (@call->stream set) feeds its
 * stream state as the body arrives; the response then has an empty body.
 */
void
_bp_bedrock_client_send_async (BpBedrockClient     *self,
                               BpClientCall        *call,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *data;

  g_assert (BP_IS_BEDROCK_CLIENT (self));
  g_assert (call != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _bp_bedrock_client_send_async);

  data = g_new0 (SendData, 1);
  data->task = task;
  data->self = self;
  data->call = call;
  data->invocation_id = g_uuid_string_random ();
  data->max_attempts = bp_retry_policy_get_max_attempts (self->retry_policy);
  data->last_retry_cost = BP_RETRY_COST;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (cancellable != NULL)
    {
      data->caller_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->caller_source, G_SOURCE_FUNC (caller_cancelled_cb), data, NULL);
      g_source_set_static_name (data->caller_source, "[bp-bedrock-client] cancel");
      g_source_attach (data->caller_source, self->context);
    }

  start_attempt (g_steal_pointer (&task));
}

BpClientResponse *
_bp_bedrock_client_send_finish (BpBedrockClient  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_assert (BP_IS_BEDROCK_CLIENT (self));
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_pointer (G_TASK (result), error);
}
