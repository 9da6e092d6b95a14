/* bp-bedrock-client-stream.c
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
#include "bp-converse.h"
#include "bp-event-stream.h"
#include "bp-invoke.h"

/* ConverseStream and InvokeModelWithResponseStream (wire format §2.4, §2.6,
 * §6.3, §7): the engine in -call.c hands every chunk of the body to the
 * decoder here; each whole message is dispatched at once — an event is
 * parsed, applied to the accumulating reply and given to the caller's
 * function before the next chunk is read; an exception or error message
 * ends the stream with its error. On failure the caller gets what arrived
 * as the partial reply. */

struct _BpClientStream
{
  BpEventStreamDecoder *decoder;          /* (owned) */
  BpChatReply          *reply;            /* (owned) */
  BpInvokeStreamParser *parser;           /* (owned) (nullable): InvokeModel streams */
  BpModelFamily         family;           /* UNKNOWN: ConverseStream */
  char                 *model_id;         /* (owned) */
  gint64                start_us;         /* when the caller asked */
  GCancellable         *cancellable;      /* (owned) (nullable): the caller's */
  BpStreamEventFunc     event_func;       /* (nullable) */
  gpointer              event_data;
  GDestroyNotify        event_data_free;
  gboolean              delivered;        /* an event reached event_func */
  char                 *exception_code;   /* (owned) (nullable) normalised */
};

static BpClientStream *
client_stream_new (const char        *model_id,
                   BpModelFamily      family,
                   GCancellable      *cancellable,
                   BpStreamEventFunc  event_func,
                   gpointer           event_data,
                   GDestroyNotify     event_data_free)
{
  BpClientStream *stream = g_new0 (BpClientStream, 1);

  stream->family = family;
  stream->model_id = g_strdup (model_id);
  stream->start_us = g_get_monotonic_time ();
  stream->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  stream->event_func = event_func;
  stream->event_data = event_data;
  stream->event_data_free = event_data_free;

  return stream;
}

static void
client_stream_free (BpClientStream *stream)
{
  g_clear_pointer (&stream->decoder, bp_event_stream_decoder_free);
  g_clear_pointer (&stream->reply, bp_chat_reply_unref);
  g_clear_pointer (&stream->parser, bp_invoke_stream_parser_free);
  g_clear_pointer (&stream->exception_code, g_free);
  g_clear_object (&stream->cancellable);
  g_free (stream->model_id);
  if (stream->event_data_free != NULL)
    stream->event_data_free (stream->event_data);
  g_free (stream);
}

/* A new attempt starts from nothing: the engine only retries a stream
 * that delivered no event. */
void
_bp_client_stream_reset (BpClientStream *stream)
{
  g_assert (stream != NULL);
  g_assert (!stream->delivered);

  g_clear_pointer (&stream->decoder, bp_event_stream_decoder_free);
  stream->decoder = bp_event_stream_decoder_new ();

  g_clear_pointer (&stream->reply, bp_chat_reply_unref);
  stream->reply = bp_chat_reply_new ();
  bp_chat_reply_set_model_id (stream->reply, stream->model_id);
  bp_chat_reply_set_start_time (stream->reply, stream->start_us);

  g_clear_pointer (&stream->parser, bp_invoke_stream_parser_free);
  if (stream->family != BP_MODEL_FAMILY_UNKNOWN)
    stream->parser = bp_invoke_stream_parser_new (stream->family);

  g_clear_pointer (&stream->exception_code, g_free);
}

gboolean
_bp_client_stream_get_delivered (BpClientStream *stream)
{
  g_assert (stream != NULL);

  return stream->delivered;
}

const char *
_bp_client_stream_get_exception_code (BpClientStream *stream)
{
  g_assert (stream != NULL);

  return stream->exception_code;
}

static void
deliver (BpClientStream *stream,
         BpStreamEvent  *event)
{
  bp_chat_reply_apply_event_at (stream->reply, event, g_get_monotonic_time ());
  stream->delivered = TRUE;

  if (stream->event_func != NULL)
    stream->event_func (event, stream->event_data);
}

static gboolean
dispatch_invoke_chunk (BpClientStream  *stream,
                       const char      *event_type,
                       GBytes          *payload,
                       GError         **error)
{
  g_autoptr(GBytes) inner = NULL;
  g_autoptr(GPtrArray) events = NULL;

  if (g_strcmp0 (event_type, "chunk") != 0)
    {
      g_debug ("Ignoring InvokeModel stream event ‘%s’", event_type ? event_type : "");
      return TRUE;
    }

  inner = bp_invoke_decode_chunk_payload (payload, error);
  if (inner == NULL)
    return FALSE;

  events = bp_invoke_stream_parser_feed (stream->parser, inner, error);
  if (events == NULL)
    return FALSE;

  for (guint i = 0; i < events->len; i++)
    deliver (stream, g_ptr_array_index (events, i));

  return TRUE;
}

static gboolean
dispatch_event (BpClientStream        *stream,
                BpEventStreamMessage  *message,
                GError               **error)
{
  const char *event_type = bp_event_stream_message_get_string_header (message, ":event-type");
  GBytes *payload = bp_event_stream_message_get_payload (message);
  g_autoptr(BpStreamEvent) event = NULL;
  GError *local_error = NULL;

  if (stream->parser != NULL)
    return dispatch_invoke_chunk (stream, event_type, payload, error);

  if (event_type == NULL)
    {
      g_debug ("Ignoring an event without :event-type");
      return TRUE;
    }

  event = bp_converse_stream_parse_event (event_type, payload, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (event != NULL)
    deliver (stream, event);

  return TRUE;
}

static void
set_exception_code (BpClientStream *stream,
                    const char     *raw)
{
  g_free (stream->exception_code);
  stream->exception_code = bp_bedrock_error_normalise_code (raw);

  /* Stream exceptions are member names: throttlingException. */
  if (stream->exception_code != NULL)
    stream->exception_code[0] = g_ascii_toupper (stream->exception_code[0]);
}

static gboolean
dispatch_message (BpClientStream        *stream,
                  BpEventStreamMessage  *message,
                  GError               **error)
{
  const char *type = bp_event_stream_message_get_string_header (message, ":message-type");

  if (g_strcmp0 (type, "event") == 0)
    return dispatch_event (stream, message, error);

  if (g_strcmp0 (type, "exception") == 0)
    {
      const char *exception_type = bp_event_stream_message_get_string_header (message, ":exception-type");

      set_exception_code (stream, exception_type);
      g_propagate_error (error, bp_stream_exception_to_error (exception_type,
                                                              bp_event_stream_message_get_payload (message)));
      return FALSE;
    }

  if (g_strcmp0 (type, "error") == 0)
    {
      const char *code = bp_event_stream_message_get_string_header (message, ":error-code");
      const char *text = bp_event_stream_message_get_string_header (message, ":error-message");

      set_exception_code (stream, code);
      g_propagate_error (error, bp_stream_error_to_error (code, text));
      return FALSE;
    }

  g_debug ("Ignoring an event-stream message of type ‘%s’", type ? type : "");
  return TRUE;
}

gboolean
_bp_client_stream_feed (BpClientStream  *stream,
                        GBytes          *chunk,
                        GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (chunk, &size);

  g_assert (stream != NULL);

  if (!bp_event_stream_decoder_feed (stream->decoder, data, size, &local_error))
    {
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_CORRUPT_STREAM,
                   _("Corrupt event stream: %s"), local_error->message);
      return FALSE;
    }

  for (;;)
    {
      g_autoptr(BpEventStreamMessage) message = bp_event_stream_decoder_pop (stream->decoder);

      if (message == NULL)
        return TRUE;
      /* The caller may cancel from its event function: deliver no more. */
      if (stream->cancellable != NULL && g_cancellable_set_error_if_cancelled (stream->cancellable, error))
        return FALSE;
      if (!dispatch_message (stream, message, error))
        return FALSE;
    }
}

gboolean
_bp_client_stream_end (BpClientStream  *stream,
                       GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  g_assert (stream != NULL);

  if (!bp_event_stream_decoder_finish (stream->decoder, &local_error))
    {
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_TRUNCATED_STREAM,
                   _("The response stream ended in the middle of a message: %s"),
                   local_error->message);
      return FALSE;
    }

  if (!bp_chat_reply_is_complete (stream->reply))
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_TRUNCATED_STREAM,
                           _("The response stream ended before the reply was complete"));
      return FALSE;
    }

  return TRUE;
}

static void
stream_send_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BpClientResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  BpClientStream *stream = g_task_get_task_data (task);

  response = _bp_bedrock_client_send_finish (BP_BEDROCK_CLIENT (object), result, &error);

  /* The total time counts up to the end or to the failure, so a partial
   * reply shows how long it ran. */
  if (stream->reply != NULL)
    bp_chat_reply_set_total_time_ms (stream->reply, (g_get_monotonic_time () - stream->start_us) / 1000);

  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, bp_chat_reply_ref (stream->reply), (GDestroyNotify) bp_chat_reply_unref);
}

static void
start_stream (BpBedrockClient     *self,
              GTask               *task,
              BpModelFamily        family,
              BpChatRequest       *request,
              GBytes              *body,
              BpStreamEventFunc    event_func,
              gpointer             event_data,
              GDestroyNotify       event_data_free)
{
  const char *model_id = bp_chat_request_get_model_id (request);
  const char *operation = family == BP_MODEL_FAMILY_UNKNOWN ? "converse-stream" : "invoke-with-response-stream";
  BpClientStream *stream;
  BpClientCall *call;

  stream = client_stream_new (model_id, family, g_task_get_cancellable (task),
                              event_func, event_data, event_data_free);
  g_task_set_task_data (task, stream, (GDestroyNotify) client_stream_free);

  call = _bp_client_call_new (BP_CLIENT_PLANE_RUNTIME, SOUP_METHOD_POST,
                              _bp_client_model_path (model_id, operation), NULL,
                              g_bytes_ref (body));
  call->stream = stream;
  if (family != BP_MODEL_FAMILY_UNKNOWN)
    call->accept_header = "X-Amzn-Bedrock-Accept";

  _bp_bedrock_client_send_async (self, call, g_task_get_cancellable (task),
                                 stream_send_cb, g_object_ref (task));
}

/**
 * bp_bedrock_client_converse_stream_async:
 * @self: a #BpBedrockClient
 * @request: the chat request
 * @event_func: (nullable) (scope notified): called for each event as it
 *   arrives
 * @event_data: data for @event_func
 * @event_data_free: (nullable): frees @event_data when the call is over
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the stream has ended
 * @user_data: data for @callback
 *
 * Calls ConverseStream. Events reach @event_func one by one, already
 * applied to the reply that the finish function returns. A stream that
 * has delivered an event is never retried: the user would pay twice.
 */
void
bp_bedrock_client_converse_stream_async (BpBedrockClient     *self,
                                         BpChatRequest       *request,
                                         BpStreamEventFunc    event_func,
                                         gpointer             event_data,
                                         GDestroyNotify       event_data_free,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_bedrock_client_converse_stream_async);

  body = bp_converse_build_body (request, &error);
  if (body == NULL)
    {
      if (event_data_free != NULL)
        event_data_free (event_data);
      g_task_return_error (task, error);
      return;
    }

  start_stream (self, task, BP_MODEL_FAMILY_UNKNOWN, request, body,
                event_func, event_data, event_data_free);
}

static BpChatReply *
stream_finish (BpBedrockClient  *self,
               GAsyncResult     *result,
               gpointer          source_tag,
               BpChatReply     **out_partial,
               GError          **error)
{
  BpChatReply *reply;
  BpClientStream *stream;

  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  if (out_partial != NULL)
    *out_partial = NULL;

  reply = g_task_propagate_pointer (G_TASK (result), error);
  if (reply != NULL || out_partial == NULL)
    return reply;

  stream = g_task_get_task_data (G_TASK (result));
  if (stream != NULL && stream->delivered && stream->reply != NULL)
    *out_partial = bp_chat_reply_ref (stream->reply);

  return NULL;
}

/**
 * bp_bedrock_client_converse_stream_finish:
 * @self: a #BpBedrockClient
 * @result: the result
 * @out_partial: (out) (optional) (nullable) (transfer full): on error, the
 *   reply as far as it arrived; %NULL when no event had arrived
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the complete reply, with usage,
 *   the service's latency and the time to first token
 */
BpChatReply *
bp_bedrock_client_converse_stream_finish (BpBedrockClient  *self,
                                          GAsyncResult     *result,
                                          BpChatReply     **out_partial,
                                          GError          **error)
{
  return stream_finish (self, result, bp_bedrock_client_converse_stream_async, out_partial, error);
}

/**
 * bp_bedrock_client_invoke_chat_stream_async:
 * @self: a #BpBedrockClient
 * @request: the chat request, sent in its model family's native body
 * @event_func: (nullable) (scope notified): called for each event as it
 *   arrives
 * @event_data: data for @event_func
 * @event_data_free: (nullable): frees @event_data when the call is over
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the stream has ended
 * @user_data: data for @callback
 *
 * Calls InvokeModelWithResponseStream with the native body of the model's
 * family (bp_invoke_build_body()); the chunks are parsed by that family's
 * stream parser into the same events as ConverseStream gives.
 */
void
bp_bedrock_client_invoke_chat_stream_async (BpBedrockClient     *self,
                                            BpChatRequest       *request,
                                            BpStreamEventFunc    event_func,
                                            gpointer             event_data,
                                            GDestroyNotify       event_data_free,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  BpModelFamily family;

  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_bedrock_client_invoke_chat_stream_async);

  family = bp_model_family_from_model_id (bp_chat_request_get_model_id (request));
  if (family == BP_MODEL_FAMILY_UNKNOWN)
    g_set_error (&error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                 _("No native request format is known for model ‘%s’: use Converse"),
                 bp_chat_request_get_model_id (request));
  else
    body = bp_invoke_build_body (family, request, &error);

  if (body == NULL)
    {
      if (event_data_free != NULL)
        event_data_free (event_data);
      g_task_return_error (task, error);
      return;
    }

  start_stream (self, task, family, request, body, event_func, event_data, event_data_free);
}

/**
 * bp_bedrock_client_invoke_chat_stream_finish:
 * @self: a #BpBedrockClient
 * @result: the result
 * @out_partial: (out) (optional) (nullable) (transfer full): on error, the
 *   reply as far as it arrived; %NULL when no event had arrived
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the complete reply
 */
BpChatReply *
bp_bedrock_client_invoke_chat_stream_finish (BpBedrockClient  *self,
                                             GAsyncResult     *result,
                                             BpChatReply     **out_partial,
                                             GError          **error)
{
  return stream_finish (self, result, bp_bedrock_client_invoke_chat_stream_async, out_partial, error);
}
