/* bp-fake-bedrock-stream.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <string.h>

#include "bp-event-stream.h"
#include "bp-fake-bedrock-private.h"

/* The event-stream writer (§2.4, §2.6, §7): events are encoded with the
 * real encoder, laid out into HTTP chunks (some messages split across two
 * chunks, some chunks holding two messages, as a real network does) and
 * written with chunked transfer encoding, paced by the tokens-per-second
 * setting. The mid-stream faults strike here. */

#define PADDING_ALPHABET "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#define PADDING_SEED     0x5eed

typedef struct
{
  GBytes *data;
  gint64  due_us;    /* from the start of the response */
} Write;

struct _BpFakeStream
{
  BpFakeExchange *exchange;     /* borrowed: owns the stream */
  GRand          *rand;         /* padding lengths */

  GArray         *writes;       /* Write */
  GByteArray     *pending;      /* bytes not in a write yet */
  guint           n_messages;
  guint           n_events;
  guint64         tokens;       /* output tokens so far: the pacing clock */
  gint64          last_due_us;
  char           *last_event_type;
  GBytes         *last_payload;
  gboolean        fault_struck;
  gboolean        closed;       /* a fault ended the stream */
  gboolean        truncate;     /* shut the connection after the last write */

  guint           next_write;
  guint           n_appended;
  guint           n_written;
  gint64          start_us;
  guint           timeout_id;
  gulong          wrote_chunk_id;
};

static void
write_clear (gpointer data)
{
  Write *write = data;

  g_clear_pointer (&write->data, g_bytes_unref);
}

/**
 * _bp_fake_stream_new:
 * @exchange: the exchange that will own the stream
 *
 * Returns: (transfer full): a stream writer
 */
BpFakeStream *
_bp_fake_stream_new (BpFakeExchange *exchange)
{
  BpFakeStream *stream = g_new0 (BpFakeStream, 1);

  stream->exchange = exchange;
  stream->rand = g_rand_new_with_seed (PADDING_SEED);
  stream->writes = g_array_new (FALSE, TRUE, sizeof (Write));
  g_array_set_clear_func (stream->writes, write_clear);
  stream->pending = g_byte_array_new ();

  return stream;
}

void
_bp_fake_stream_free (BpFakeStream *stream)
{
  g_clear_handle_id (&stream->timeout_id, g_source_remove);
  g_clear_signal_handler (&stream->wrote_chunk_id, stream->exchange->msg);
  g_rand_free (stream->rand);
  g_array_unref (stream->writes);
  g_byte_array_unref (stream->pending);
  g_free (stream->last_event_type);
  g_clear_pointer (&stream->last_payload, g_bytes_unref);
  g_free (stream);
}

gboolean
_bp_fake_stream_is_closed (BpFakeStream *stream)
{
  return stream->closed;
}

static GBytes *
encode (const char *message_type,
        const char *type_header,
        const char *type,
        GBytes     *payload)
{
  g_autoptr(BpEventStreamMessage) message = bp_event_stream_message_new ();
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bp_event_stream_message_add_string_header (message, type_header, type);
  bp_event_stream_message_add_string_header (message, ":content-type", "application/json");
  bp_event_stream_message_add_string_header (message, ":message-type", message_type);
  bp_event_stream_message_set_payload (message, payload);

  bytes = bp_event_stream_message_encode (message, &error);
  g_assert_no_error (error);

  return bytes;
}

static void
flush (BpFakeStream *stream,
       gint64        due_us)
{
  Write write;

  if (stream->pending->len == 0)
    return;

  write.data = g_byte_array_free_to_bytes (g_steal_pointer (&stream->pending));
  write.due_us = due_us;
  g_array_append_val (stream->writes, write);
  stream->pending = g_byte_array_new ();
}

/* Lays a message out into HTTP chunks. Deterministic: every fourth
 * message straddles two chunks, and every third shares its chunk with
 * the message after it. */
static void
queue_message (BpFakeStream *stream,
               GBytes       *bytes,
               gint64        due_us)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  guint i = stream->n_messages++;

  if (i % 4 == 2 && len > 16)
    {
      gsize cut = len / 3;

      g_byte_array_append (stream->pending, data, cut);
      flush (stream, due_us);
      g_byte_array_append (stream->pending, data + cut, len - cut);
    }
  else
    g_byte_array_append (stream->pending, data, len);

  if (i % 3 != 1)
    flush (stream, due_us);
  stream->last_due_us = due_us;
}

static gint64
due_for_tokens (BpFakeStream *stream)
{
  guint tps = stream->exchange->fake->tokens_per_second;

  return tps == 0 ? 0 : (gint64) (stream->tokens * G_USEC_PER_SEC / tps);
}

static void
add_exception (BpFakeStream *stream,
               const char   *exception_type,
               const char   *message,
               guint         original_status)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) bytes = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  if (original_status != 0)
    {
      json_builder_set_member_name (builder, "originalStatusCode");
      json_builder_add_int_value (builder, original_status);
      json_builder_set_member_name (builder, "originalMessage");
      json_builder_add_string_value (builder, "The model stream ended unexpectedly.");
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  payload = _bp_fake_json_to_bytes (root);
  bytes = encode ("exception", ":exception-type", exception_type, payload);
  queue_message (stream, bytes, due_for_tokens (stream));
}

/* Applies the stream's fault to an event about to be written. */
static void
strike (BpFakeStream *stream,
        const char   *event_type,
        GBytes       *payload)
{
  g_autoptr(GBytes) bytes = encode ("event", ":event-type", event_type, payload);
  gint64 due = due_for_tokens (stream);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  stream->fault_struck = TRUE;
  stream->closed = TRUE;

  switch (stream->exchange->fault)
    {
    case BP_FAKE_FAULT_MID_STREAM_EXCEPTION:
      add_exception (stream, "modelStreamErrorException",
                     "The model stream failed. Retry your request.", 500);
      break;

    case BP_FAKE_FAULT_MID_STREAM_THROTTLE:
      add_exception (stream, "throttlingException",
                     "Too many requests, please wait before trying again.", 0);
      break;

    case BP_FAKE_FAULT_TRUNCATED_STREAM:
      g_byte_array_append (stream->pending, data, len / 2);
      flush (stream, due);
      stream->truncate = TRUE;
      break;

    case BP_FAKE_FAULT_CORRUPT_CRC:
      {
        /* Flip the first payload byte: the prelude stays valid, the
         * message CRC does not. */
        g_autoptr(GByteArray) copy = g_byte_array_new ();
        guint32 headers_len = ((guint32) data[4] << 24) | ((guint32) data[5] << 16) |
                              ((guint32) data[6] << 8) | data[7];

        g_byte_array_append (copy, data, len);
        copy->data[BP_EVENT_STREAM_PRELUDE_LENGTH + headers_len] ^= 0x20;
        flush (stream, due);
        g_byte_array_append (stream->pending, copy->data, copy->len);
        flush (stream, due);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
fault_is_mid_stream (BpFakeFault fault)
{
  return fault == BP_FAKE_FAULT_MID_STREAM_EXCEPTION ||
         fault == BP_FAKE_FAULT_MID_STREAM_THROTTLE ||
         fault == BP_FAKE_FAULT_TRUNCATED_STREAM ||
         fault == BP_FAKE_FAULT_CORRUPT_CRC;
}

/**
 * _bp_fake_stream_add_event:
 * @stream: a stream
 * @event_type: the :event-type
 * @payload: (transfer full): the event's JSON object
 * @tokens: how many output tokens the event carries (pacing)
 *
 * Adds the random-length "p" padding member and queues the event, unless
 * a fault already ended the stream.
 */
void
_bp_fake_stream_add_event (BpFakeStream *stream,
                           const char   *event_type,
                           JsonNode     *payload,
                           guint         tokens)
{
  g_autoptr(JsonNode) owned = payload;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) payload_bytes = NULL;
  g_autofree char *padding = NULL;

  g_assert (JSON_NODE_HOLDS_OBJECT (payload));

  if (stream->closed)
    return;

  padding = g_strndup (PADDING_ALPHABET,
                       g_rand_int_range (stream->rand, 1, strlen (PADDING_ALPHABET) + 1));
  json_object_set_string_member (json_node_get_object (owned), "p", padding);
  payload_bytes = _bp_fake_json_to_bytes (owned);
  stream->tokens += tokens;

  if (fault_is_mid_stream (stream->exchange->fault) &&
      stream->n_events == BP_FAKE_FAULT_AFTER_EVENTS)
    {
      strike (stream, event_type, payload_bytes);
      return;
    }

  bytes = encode ("event", ":event-type", event_type, payload_bytes);
  queue_message (stream, bytes, due_for_tokens (stream));
  stream->n_events++;

  g_free (stream->last_event_type);
  stream->last_event_type = g_strdup (event_type);
  g_clear_pointer (&stream->last_payload, g_bytes_unref);
  stream->last_payload = g_steal_pointer (&payload_bytes);
}

/**
 * _bp_fake_stream_add_chunk:
 * @stream: a stream
 * @inner: (transfer full): one model-native JSON object
 * @tokens: how many output tokens it carries
 *
 * Queues an InvokeModelWithResponseStream chunk event (§2.6):
 * {"bytes": base64 of @inner, "p": …}.
 */
void
_bp_fake_stream_add_chunk (BpFakeStream *stream,
                           JsonNode     *inner,
                           guint         tokens)
{
  g_autoptr(JsonNode) owned = inner;
  g_autoptr(GBytes) bytes = _bp_fake_json_to_bytes (owned);
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes));
  JsonObject *object = json_object_new ();
  JsonNode *payload = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "bytes", base64);
  json_node_take_object (payload, object);
  _bp_fake_stream_add_event (stream, "chunk", payload, tokens);
}

static void
wrote_chunk_cb (SoupServerMessage *msg,
                BpFakeStream      *stream)
{
  stream->n_written++;

  if (stream->truncate && stream->next_write == stream->writes->len &&
      stream->n_written == stream->n_appended)
    {
      GSocket *socket = soup_server_message_get_socket (msg);

      g_debug ("Truncating the response to %s", stream->exchange->record->path);
      if (socket != NULL)
        g_socket_shutdown (socket, TRUE, TRUE, NULL);
      soup_message_body_complete (soup_server_message_get_response_body (msg));
    }
}

static gboolean
tick_cb (gpointer data)
{
  BpFakeStream *stream = data;
  SoupMessageBody *body = soup_server_message_get_response_body (stream->exchange->msg);
  gint64 elapsed = g_get_monotonic_time () - stream->start_us;

  stream->timeout_id = 0;

  while (stream->next_write < stream->writes->len)
    {
      Write *write = &g_array_index (stream->writes, Write, stream->next_write);

      if (write->due_us > elapsed)
        break;
      soup_message_body_append_bytes (body, write->data);
      stream->n_appended++;
      stream->next_write++;
    }

  if (stream->next_write < stream->writes->len)
    {
      Write *write = &g_array_index (stream->writes, Write, stream->next_write);
      gint64 delay_ms = (write->due_us - elapsed + 999) / 1000;

      stream->timeout_id = g_timeout_add ((guint) MAX (delay_ms, 1), tick_cb, stream);
    }
  else if (!stream->truncate)
    soup_message_body_complete (body);

  _bp_fake_exchange_kick (stream->exchange);

  return G_SOURCE_REMOVE;
}

static void
begin_writing (BpFakeStream *stream)
{
  SoupServerMessage *msg = stream->exchange->msg;

  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  stream->wrote_chunk_id = g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb),
                                             stream);
  stream->start_us = g_get_monotonic_time ();
  tick_cb (stream);
}

/**
 * _bp_fake_stream_start:
 * @stream: a stream with all its events queued
 * @invoke: whether this is InvokeModelWithResponseStream (adds
 *   X-Amzn-Bedrock-Content-Type)
 *
 * Sends the 200 response headers and starts writing the events.
 */
void
_bp_fake_stream_start (BpFakeStream *stream,
                       gboolean      invoke)
{
  BpFakeExchange *exchange = stream->exchange;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (exchange->msg);

  /* A reply too short to reach the fault's event still gets it, on a
   * copy of its last event. */
  if (fault_is_mid_stream (exchange->fault) && !stream->fault_struck &&
      stream->last_payload != NULL)
    {
      g_autoptr(GBytes) payload = g_bytes_ref (stream->last_payload);

      strike (stream, stream->last_event_type, payload);
    }
  flush (stream, stream->last_due_us);

  _bp_fake_exchange_set_status (exchange, SOUP_STATUS_OK);
  soup_message_headers_set_content_type (headers, "application/vnd.amazon.eventstream", NULL);
  if (invoke)
    soup_message_headers_replace (headers, "X-Amzn-Bedrock-Content-Type", "application/json");
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);

  begin_writing (stream);
}

/**
 * _bp_fake_stream_start_truncated_body:
 * @stream: a stream with no events
 * @content_type: the body's type
 * @body: the whole body
 *
 * Announces all of @body in Content-Length, writes half of it and shuts
 * the connection down: the truncated-stream fault without streaming.
 */
void
_bp_fake_stream_start_truncated_body (BpFakeStream *stream,
                                      const char   *content_type,
                                      GBytes       *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (stream->exchange->msg);
  gsize len = g_bytes_get_size (body);

  g_assert (stream->writes->len == 0);
  g_assert (len > 0);

  soup_message_headers_set_content_type (headers, content_type, NULL);
  soup_message_headers_set_content_length (headers, len);
  g_byte_array_append (stream->pending, g_bytes_get_data (body, NULL), MAX (len / 2, 1));
  flush (stream, 0);
  stream->truncate = TRUE;

  begin_writing (stream);
}
