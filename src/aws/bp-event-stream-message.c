/* bp-event-stream-message.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-event-stream"

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "bp-event-stream-private.h"

/* Up to this many headers a pairwise search for duplicates is cheaper
 * than a hash table; Bedrock sends three. */
#define DUPLICATE_SCAN_LIMIT 8

struct _BpEventStreamMessage
{
  gatomicrefcount      ref_count;
  BpEventStreamHeader *headers;      /* (owned) (array length=n_headers): wire order */
  guint                n_headers;
  guint                n_allocated;
  GBytes              *payload;      /* (owned): never NULL */
  guint32              prelude_crc;  /* as last decoded or encoded, else 0 */
  guint32              message_crc;
};

/*
 * _bp_event_stream_empty_bytes:
 *
 * Returns: (transfer full): a shared empty #GBytes
 */
GBytes *
_bp_event_stream_empty_bytes (void)
{
  static GBytes *empty;

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_bytes_new_static ("", 0));

  return g_bytes_ref (empty);
}

/*
 * _bp_event_stream_bytes_new_nul_terminated:
 * @data: (array length=len): the bytes
 * @len: their number
 *
 * Copies @data into a #GBytes of size @len whose memory holds a NUL right
 * after the last byte, so a string value can be handed out as a C string.
 *
 * Returns: (transfer full): the copy
 */
GBytes *
_bp_event_stream_bytes_new_nul_terminated (const guint8 *data,
                                           gsize         len)
{
  guint8 *copy;

  g_assert (data != NULL || len == 0);
  g_assert (len < G_MAXSIZE);

  copy = g_malloc (len + 1);
  if (len > 0)
    memcpy (copy, data, len);
  copy[len] = '\0';

  return g_bytes_new_take (copy, len);
}

static void
header_clear (BpEventStreamHeader *header)
{
  g_clear_pointer (&header->name, g_free);
  g_clear_pointer (&header->bytes_value, g_bytes_unref);
}

/**
 * bp_event_stream_message_new:
 *
 * Creates an empty message: no headers, an empty payload.
 *
 * Returns: (transfer full): a new message
 */
BpEventStreamMessage *
bp_event_stream_message_new (void)
{
  BpEventStreamMessage *message = g_new0 (BpEventStreamMessage, 1);

  g_atomic_ref_count_init (&message->ref_count);
  message->payload = _bp_event_stream_empty_bytes ();

  return message;
}

/**
 * bp_event_stream_message_ref:
 * @message: a #BpEventStreamMessage
 *
 * Returns: (transfer full): @message
 */
BpEventStreamMessage *
bp_event_stream_message_ref (BpEventStreamMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);

  g_atomic_ref_count_inc (&message->ref_count);

  return message;
}

/**
 * bp_event_stream_message_unref:
 * @message: (transfer full): a #BpEventStreamMessage
 */
void
bp_event_stream_message_unref (BpEventStreamMessage *message)
{
  g_return_if_fail (message != NULL);

  if (!g_atomic_ref_count_dec (&message->ref_count))
    return;

  for (guint i = 0; i < message->n_headers; i++)
    header_clear (&message->headers[i]);
  g_free (message->headers);
  g_bytes_unref (message->payload);
  g_free (message);
}

/*
 * _bp_event_stream_message_take_header:
 * @message: a #BpEventStreamMessage
 * @header: (transfer full): a valid header; its fields move into @message
 *   and are cleared
 */
void
_bp_event_stream_message_take_header (BpEventStreamMessage *message,
                                      BpEventStreamHeader  *header)
{
  g_assert (message != NULL);
  g_assert (header != NULL && header->name != NULL);

  if (message->n_headers == message->n_allocated)
    {
      message->n_allocated = MAX (4, message->n_allocated * 2);
      message->headers = g_renew (BpEventStreamHeader, message->headers,
                                  message->n_allocated);
    }

  message->headers[message->n_headers++] = *header;
  memset (header, 0, sizeof *header);
  message->prelude_crc = message->message_crc = 0;
}

/*
 * _bp_event_stream_message_set_crcs:
 *
 * Records the checksums a decoder verified or the encoder wrote.
 */
void
_bp_event_stream_message_set_crcs (BpEventStreamMessage *message,
                                   guint32               prelude_crc,
                                   guint32               message_crc)
{
  g_assert (message != NULL);

  message->prelude_crc = prelude_crc;
  message->message_crc = message_crc;
}

/**
 * bp_event_stream_message_add_header:
 * @message: a #BpEventStreamMessage
 * @header: the header to append; copied
 *
 * Appends a header. Bool headers take their value from the type; a %NULL
 * @bytes_value of a bytes, string or uuid header means an empty value.
 * Duplicate names and out-of-range values are reported by
 * bp_event_stream_message_encode(), not here.
 */
void
bp_event_stream_message_add_header (BpEventStreamMessage      *message,
                                    const BpEventStreamHeader *header)
{
  BpEventStreamHeader copy = { 0 };

  g_return_if_fail (message != NULL);
  g_return_if_fail (header != NULL);
  g_return_if_fail (header->name != NULL);
  g_return_if_fail ((guint) header->type <= BP_EVENT_STREAM_HEADER_UUID);

  copy.name = g_strdup (header->name);
  copy.type = header->type;

  switch (header->type)
    {
    case BP_EVENT_STREAM_HEADER_BOOL_TRUE:
    case BP_EVENT_STREAM_HEADER_BOOL_FALSE:
      copy.int_value = header->type == BP_EVENT_STREAM_HEADER_BOOL_TRUE;
      break;

    case BP_EVENT_STREAM_HEADER_STRING:
      if (header->bytes_value != NULL)
        {
          gsize len;
          const guint8 *data = g_bytes_get_data (header->bytes_value, &len);

          copy.bytes_value = _bp_event_stream_bytes_new_nul_terminated (data, len);
        }
      else
        copy.bytes_value = _bp_event_stream_bytes_new_nul_terminated (NULL, 0);
      break;

    case BP_EVENT_STREAM_HEADER_BYTES:
    case BP_EVENT_STREAM_HEADER_UUID:
      /* GBytes is immutable: a reference is as good as a copy. */
      copy.bytes_value = header->bytes_value != NULL
        ? g_bytes_ref (header->bytes_value) : _bp_event_stream_empty_bytes ();
      break;

    case BP_EVENT_STREAM_HEADER_BYTE:
    case BP_EVENT_STREAM_HEADER_INT16:
    case BP_EVENT_STREAM_HEADER_INT32:
    case BP_EVENT_STREAM_HEADER_INT64:
    case BP_EVENT_STREAM_HEADER_TIMESTAMP:
    default:
      copy.int_value = header->int_value;
      break;
    }

  _bp_event_stream_message_take_header (message, &copy);
}

/**
 * bp_event_stream_message_add_string_header:
 * @message: a #BpEventStreamMessage
 * @name: the header name
 * @value: its string value
 *
 * Appends a string header (type 7), e.g. `:event-type`.
 */
void
bp_event_stream_message_add_string_header (BpEventStreamMessage *message,
                                           const char           *name,
                                           const char           *value)
{
  BpEventStreamHeader header = { 0 };

  g_return_if_fail (message != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  header.name = g_strdup (name);
  header.type = BP_EVENT_STREAM_HEADER_STRING;
  header.bytes_value = _bp_event_stream_bytes_new_nul_terminated ((const guint8 *) value,
                                                                  strlen (value));

  _bp_event_stream_message_take_header (message, &header);
}

/**
 * bp_event_stream_message_get_n_headers:
 * @message: a #BpEventStreamMessage
 *
 * Returns: the number of headers
 */
guint
bp_event_stream_message_get_n_headers (BpEventStreamMessage *message)
{
  g_return_val_if_fail (message != NULL, 0);

  return message->n_headers;
}

/**
 * bp_event_stream_message_get_header:
 * @message: a #BpEventStreamMessage
 * @n: an index below bp_event_stream_message_get_n_headers()
 *
 * Returns: (transfer none): the @n-th header in wire order
 */
const BpEventStreamHeader *
bp_event_stream_message_get_header (BpEventStreamMessage *message,
                                    guint                 n)
{
  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (n < message->n_headers, NULL);

  return &message->headers[n];
}

/**
 * bp_event_stream_message_get_string_header:
 * @message: a #BpEventStreamMessage
 * @name: a header name, matched exactly
 *
 * Looks up the first header called @name.
 *
 * Returns: (transfer none) (nullable): its value as a NUL-terminated string,
 *   or %NULL when there is no such header, it is not a string, or its value
 *   holds a NUL byte (only possible in a message built with
 *   bp_event_stream_message_add_header(); neither the decoder nor the
 *   encoder accepts one)
 */
const char *
bp_event_stream_message_get_string_header (BpEventStreamMessage *message,
                                           const char           *name)
{
  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < message->n_headers; i++)
    {
      const BpEventStreamHeader *header = &message->headers[i];
      const char *data;
      gsize len;

      if (strcmp (header->name, name) != 0)
        continue;

      if (header->type != BP_EVENT_STREAM_HEADER_STRING)
        return NULL;

      /* String values always sit in memory with a NUL after them. */
      data = g_bytes_get_data (header->bytes_value, &len);
      if (len == 0)
        return "";
      if (memchr (data, '\0', len) != NULL)
        return NULL;

      return data;
    }

  return NULL;
}

/**
 * bp_event_stream_message_set_payload:
 * @message: a #BpEventStreamMessage
 * @payload: (nullable): the payload; %NULL means empty
 */
void
bp_event_stream_message_set_payload (BpEventStreamMessage *message,
                                     GBytes               *payload)
{
  g_return_if_fail (message != NULL);

  g_bytes_unref (message->payload);
  message->payload = payload != NULL ? g_bytes_ref (payload) : _bp_event_stream_empty_bytes ();
  message->prelude_crc = message->message_crc = 0;
}

/**
 * bp_event_stream_message_get_payload:
 * @message: a #BpEventStreamMessage
 *
 * A decoded message's payload is a slice of the buffer the message was
 * received into: keeping it keeps that buffer alive.
 *
 * Returns: (transfer none): the payload, never %NULL
 */
GBytes *
bp_event_stream_message_get_payload (BpEventStreamMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);

  return message->payload;
}

/**
 * bp_event_stream_message_get_prelude_crc:
 * @message: a #BpEventStreamMessage
 *
 * Returns: the prelude CRC the message was decoded with or last encoded
 *   with; 0 before that, and again after any change
 */
guint32
bp_event_stream_message_get_prelude_crc (BpEventStreamMessage *message)
{
  g_return_val_if_fail (message != NULL, 0);

  return message->prelude_crc;
}

/**
 * bp_event_stream_message_get_message_crc:
 * @message: a #BpEventStreamMessage
 *
 * Returns: the message CRC, as for bp_event_stream_message_get_prelude_crc()
 */
guint32
bp_event_stream_message_get_message_crc (BpEventStreamMessage *message)
{
  g_return_val_if_fail (message != NULL, 0);

  return message->message_crc;
}

/*
 * _bp_event_stream_message_find_duplicate:
 *
 * Returns: (nullable): the name of a header that appears twice, else %NULL
 */
const char *
_bp_event_stream_message_find_duplicate (BpEventStreamMessage *message)
{
  g_autoptr(GHashTable) seen = NULL;

  g_assert (message != NULL);

  if (message->n_headers <= DUPLICATE_SCAN_LIMIT)
    {
      for (guint i = 1; i < message->n_headers; i++)
        for (guint j = 0; j < i; j++)
          if (strcmp (message->headers[i].name, message->headers[j].name) == 0)
            return message->headers[i].name;
      return NULL;
    }

  /* A 128 KiB header block can hold tens of thousands of headers. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < message->n_headers; i++)
    if (!g_hash_table_add (seen, message->headers[i].name))
      return message->headers[i].name;

  return NULL;
}

static gboolean
bytes_equal0 (GBytes *a,
              GBytes *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_bytes_equal (a, b);
}

/**
 * bp_event_stream_message_equal:
 * @a: a #BpEventStreamMessage
 * @b: another #BpEventStreamMessage
 *
 * Compares headers (in order) and payloads. The CRCs are left out: they
 * follow from the content once a message is encoded.
 *
 * Returns: %TRUE when both messages would encode to the same bytes
 */
gboolean
bp_event_stream_message_equal (BpEventStreamMessage *a,
                               BpEventStreamMessage *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->n_headers != b->n_headers)
    return FALSE;

  for (guint i = 0; i < a->n_headers; i++)
    {
      const BpEventStreamHeader *ha = &a->headers[i];
      const BpEventStreamHeader *hb = &b->headers[i];

      if (strcmp (ha->name, hb->name) != 0 ||
          ha->type != hb->type ||
          ha->int_value != hb->int_value ||
          !bytes_equal0 (ha->bytes_value, hb->bytes_value))
        return FALSE;
    }

  return g_bytes_equal (a->payload, b->payload);
}
