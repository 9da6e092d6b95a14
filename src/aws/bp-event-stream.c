/* bp-event-stream.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The wire side of a message: encoding one, and parsing the header block
 * of one the decoder has framed and checked. The message container is in
 * bp-event-stream-message.c, the framing state machine in
 * bp-event-stream-decoder.c. */

#define G_LOG_DOMAIN "bp-event-stream"

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "bp-event-stream-private.h"

G_DEFINE_QUARK (bp-event-stream-error-quark, bp_event_stream_error)

/* Header names come from the wire or the caller: make them fit a GError. */
static char *
printable (const char *name,
           gssize      len)
{
  return g_utf8_make_valid (name, len);
}

/* Parsing headers */

static gboolean
header_runs_past (gsize     start,
                  GError  **error)
{
  g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_HEADER,
               "Header at offset %" G_GSIZE_FORMAT " runs past the header block",
               start);
  return FALSE;
}

static void
read_value (const guint8        *p,
            BpEventStreamHeader *header)
{
  switch (header->type)
    {
    case BP_EVENT_STREAM_HEADER_BOOL_TRUE:
      header->int_value = 1;
      break;
    case BP_EVENT_STREAM_HEADER_BOOL_FALSE:
      header->int_value = 0;
      break;
    case BP_EVENT_STREAM_HEADER_BYTE:
      header->int_value = (gint8) p[0];
      break;
    case BP_EVENT_STREAM_HEADER_INT16:
      header->int_value = (gint16) _bp_event_stream_read_u16 (p);
      break;
    case BP_EVENT_STREAM_HEADER_INT32:
      header->int_value = (gint32) _bp_event_stream_read_u32 (p);
      break;
    case BP_EVENT_STREAM_HEADER_INT64:
    case BP_EVENT_STREAM_HEADER_TIMESTAMP:
      header->int_value = (gint64) _bp_event_stream_read_u64 (p);
      break;
    case BP_EVENT_STREAM_HEADER_UUID:
      header->bytes_value = g_bytes_new (p, BP_EVENT_STREAM_UUID_LENGTH);
      break;
    case BP_EVENT_STREAM_HEADER_BYTES:
    case BP_EVENT_STREAM_HEADER_STRING:
    default:
      g_assert_not_reached ();
    }
}

/* The name of the header starting at *@pos; moves *@pos past it. */
static gboolean
parse_name (const guint8  *block,
            gsize          len,
            gsize         *pos,
            const guint8 **out_name,
            gsize         *out_name_len,
            GError       **error)
{
  gsize start = *pos;
  gsize name_len = block[start];
  gsize p = start + BP_EVENT_STREAM_NAME_LEN_SIZE;

  if (name_len == 0)
    {
      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_HEADER,
                   "Header at offset %" G_GSIZE_FORMAT " has an empty name", start);
      return FALSE;
    }
  /* The type byte must follow the name inside the block. */
  if (len - p < name_len + BP_EVENT_STREAM_TYPE_SIZE)
    return header_runs_past (start, error);
  if (memchr (block + p, '\0', name_len) != NULL)
    {
      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_HEADER,
                   "Header at offset %" G_GSIZE_FORMAT " has a NUL byte in its name", start);
      return FALSE;
    }

  *out_name = block + p;
  *out_name_len = name_len;
  *pos = p + name_len;

  return TRUE;
}

/* The value at *@pos of a header of @header->type that began at @start;
 * moves *@pos past it. */
static gboolean
parse_value (const guint8         *block,
             gsize                 len,
             gsize                *pos,
             gsize                 start,
             BpEventStreamHeader  *header,
             GError              **error)
{
  gsize p = *pos;
  gsize head = _bp_event_stream_value_head_size (header->type);
  gsize value_len;

  if (len - p < head)
    return header_runs_past (start, error);

  if (header->type != BP_EVENT_STREAM_HEADER_BYTES &&
      header->type != BP_EVENT_STREAM_HEADER_STRING)
    {
      read_value (block + p, header);
      *pos = p + head;
      return TRUE;
    }

  value_len = _bp_event_stream_read_u16 (block + p);
  p += head;
  if (len - p < value_len)
    return header_runs_past (start, error);

  /* Strings hold no NUL, so that they read the same as C strings, and
   * keep one after them for get_string_header(). */
  if (header->type == BP_EVENT_STREAM_HEADER_STRING)
    {
      if (memchr (block + p, '\0', value_len) != NULL)
        {
          g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_HEADER,
                       "Header at offset %" G_GSIZE_FORMAT " has a NUL byte in its string value",
                       start);
          return FALSE;
        }
      header->bytes_value = _bp_event_stream_bytes_new_nul_terminated (block + p, value_len);
    }
  else
    header->bytes_value = g_bytes_new (block + p, value_len);
  *pos = p + value_len;

  return TRUE;
}

/* Parses the header at *@pos of @block into @header and moves *@pos past it. */
static gboolean
parse_header (const guint8         *block,
              gsize                 len,
              gsize                *pos,
              BpEventStreamHeader  *header,
              GError              **error)
{
  gsize start = *pos;
  gsize p = start;
  const guint8 *name;
  gsize name_len;
  guint type;

  if (!parse_name (block, len, &p, &name, &name_len, error))
    return FALSE;

  type = block[p];
  p += BP_EVENT_STREAM_TYPE_SIZE;
  if (type > BP_EVENT_STREAM_HEADER_UUID)
    {
      g_autofree char *shown = printable ((const char *) name, name_len);

      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_HEADER,
                   "Header “%s” has unknown type %u", shown, type);
      return FALSE;
    }

  header->type = type;
  if (!parse_value (block, len, &p, start, header, error))
    return FALSE;

  header->name = g_strndup ((const char *) name, name_len);
  *pos = p;

  return TRUE;
}

/*
 * _bp_event_stream_parse_headers:
 * @message: the message to append the headers to
 * @block: (array length=len): a header block whose message CRC checked out
 * @len: its length, headers_length
 * @error: %BP_EVENT_STREAM_ERROR_BAD_HEADER
 *
 * Returns: %TRUE when every header parsed and no name repeats
 */
gboolean
_bp_event_stream_parse_headers (BpEventStreamMessage  *message,
                                const guint8          *block,
                                gsize                  len,
                                GError               **error)
{
  const char *duplicate;
  gsize pos = 0;

  g_assert (message != NULL);
  g_assert (block != NULL || len == 0);

  while (pos < len)
    {
      BpEventStreamHeader header = { 0 };

      if (!parse_header (block, len, &pos, &header, error))
        {
          g_clear_pointer (&header.bytes_value, g_bytes_unref);
          return FALSE;
        }

      _bp_event_stream_message_take_header (message, &header);
    }

  duplicate = _bp_event_stream_message_find_duplicate (message);
  if (duplicate != NULL)
    {
      g_autofree char *shown = printable (duplicate, -1);

      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_HEADER,
                   "Duplicate header “%s”", shown);
      return FALSE;
    }

  return TRUE;
}

/* Encoding */

static gboolean
int_fits (const BpEventStreamHeader *header)
{
  gint64 v = header->int_value;

  switch (header->type)
    {
    case BP_EVENT_STREAM_HEADER_BYTE:
      return v >= G_MININT8 && v <= G_MAXINT8;
    case BP_EVENT_STREAM_HEADER_INT16:
      return v >= G_MININT16 && v <= G_MAXINT16;
    case BP_EVENT_STREAM_HEADER_INT32:
      return v >= G_MININT32 && v <= G_MAXINT32;
    case BP_EVENT_STREAM_HEADER_BOOL_TRUE:
    case BP_EVENT_STREAM_HEADER_BOOL_FALSE:
    case BP_EVENT_STREAM_HEADER_INT64:
    case BP_EVENT_STREAM_HEADER_BYTES:
    case BP_EVENT_STREAM_HEADER_STRING:
    case BP_EVENT_STREAM_HEADER_TIMESTAMP:
    case BP_EVENT_STREAM_HEADER_UUID:
    default:
      return TRUE;
    }
}

/* Checks one header against the format and returns its wire size. */
static gboolean
measure_header (const BpEventStreamHeader  *header,
                gsize                      *out_size,
                GError                    **error)
{
  gsize name_len = strlen (header->name);
  gsize value_len = 0;

  if (name_len == 0)
    {
      g_set_error_literal (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_HEADER,
                           "Header name is empty");
      return FALSE;
    }
  if (name_len > BP_EVENT_STREAM_MAX_HEADER_NAME_LENGTH)
    {
      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_TOO_LARGE,
                   "Header name of %" G_GSIZE_FORMAT " bytes is over the limit of %u",
                   name_len, BP_EVENT_STREAM_MAX_HEADER_NAME_LENGTH);
      return FALSE;
    }
  if (!int_fits (header))
    {
      g_autofree char *shown = printable (header->name, -1);

      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_HEADER,
                   "Header “%s” value %" G_GINT64_FORMAT " does not fit its type %u",
                   shown, header->int_value, header->type);
      return FALSE;
    }

  if (header->bytes_value != NULL &&
      (header->type == BP_EVENT_STREAM_HEADER_BYTES ||
       header->type == BP_EVENT_STREAM_HEADER_STRING))
    value_len = g_bytes_get_size (header->bytes_value);

  if (value_len > BP_EVENT_STREAM_MAX_HEADER_VALUE_LENGTH)
    {
      g_autofree char *shown = printable (header->name, -1);

      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_TOO_LARGE,
                   "Header “%s” value of %" G_GSIZE_FORMAT " bytes is over the limit of %u",
                   shown, value_len, BP_EVENT_STREAM_MAX_HEADER_VALUE_LENGTH);
      return FALSE;
    }
  if (header->type == BP_EVENT_STREAM_HEADER_STRING && value_len > 0 &&
      memchr (g_bytes_get_data (header->bytes_value, NULL), '\0', value_len) != NULL)
    {
      g_autofree char *shown = printable (header->name, -1);

      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_HEADER,
                   "Header “%s” has a NUL byte in its string value", shown);
      return FALSE;
    }
  if (header->type == BP_EVENT_STREAM_HEADER_UUID &&
      (header->bytes_value == NULL ||
       g_bytes_get_size (header->bytes_value) != BP_EVENT_STREAM_UUID_LENGTH))
    {
      g_autofree char *shown = printable (header->name, -1);

      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_HEADER,
                   "Header “%s” is a uuid but does not hold %u bytes",
                   shown, BP_EVENT_STREAM_UUID_LENGTH);
      return FALSE;
    }

  *out_size = BP_EVENT_STREAM_NAME_LEN_SIZE + name_len + BP_EVENT_STREAM_TYPE_SIZE +
              _bp_event_stream_value_head_size (header->type) + value_len;

  return TRUE;
}

/* Checks every header and the limits; returns headers_length. */
static gboolean
measure_headers (BpEventStreamMessage  *message,
                 gsize                 *out_length,
                 GError               **error)
{
  guint n_headers = bp_event_stream_message_get_n_headers (message);
  const char *duplicate;
  gsize total = 0;

  for (guint i = 0; i < n_headers; i++)
    {
      gsize size;

      if (!measure_header (bp_event_stream_message_get_header (message, i), &size, error))
        return FALSE;

      /* Each size is below 64 KiB + 260 and total stays below the limit,
       * so the sum cannot wrap. */
      total += size;
      if (total > BP_EVENT_STREAM_MAX_HEADERS_LENGTH)
        {
          g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_TOO_LARGE,
                       "Headers are over the limit of %u bytes",
                       BP_EVENT_STREAM_MAX_HEADERS_LENGTH);
          return FALSE;
        }
    }

  duplicate = _bp_event_stream_message_find_duplicate (message);
  if (duplicate != NULL)
    {
      g_autofree char *shown = printable (duplicate, -1);

      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_HEADER,
                   "Duplicate header “%s”", shown);
      return FALSE;
    }

  *out_length = total;

  return TRUE;
}

static inline guint8 *
put_u16 (guint8  *p,
         guint16  v)
{
  v = GUINT16_TO_BE (v);
  memcpy (p, &v, sizeof v);
  return p + sizeof v;
}

static inline guint8 *
put_u32 (guint8  *p,
         guint32  v)
{
  v = GUINT32_TO_BE (v);
  memcpy (p, &v, sizeof v);
  return p + sizeof v;
}

static inline guint8 *
put_u64 (guint8  *p,
         guint64  v)
{
  v = GUINT64_TO_BE (v);
  memcpy (p, &v, sizeof v);
  return p + sizeof v;
}

static guint8 *
put_bytes (guint8 *p,
           GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (len > 0)
    memcpy (p, data, len);

  return p + len;
}

static guint8 *
write_header (guint8                    *p,
              const BpEventStreamHeader *header)
{
  gsize name_len = strlen (header->name);

  *p++ = (guint8) name_len;
  memcpy (p, header->name, name_len);
  p += name_len;
  *p++ = (guint8) header->type;

  switch (header->type)
    {
    case BP_EVENT_STREAM_HEADER_BOOL_TRUE:
    case BP_EVENT_STREAM_HEADER_BOOL_FALSE:
      return p;
    case BP_EVENT_STREAM_HEADER_BYTE:
      *p++ = (guint8) header->int_value;
      return p;
    case BP_EVENT_STREAM_HEADER_INT16:
      return put_u16 (p, (guint16) header->int_value);
    case BP_EVENT_STREAM_HEADER_INT32:
      return put_u32 (p, (guint32) header->int_value);
    case BP_EVENT_STREAM_HEADER_INT64:
    case BP_EVENT_STREAM_HEADER_TIMESTAMP:
      return put_u64 (p, (guint64) header->int_value);
    case BP_EVENT_STREAM_HEADER_BYTES:
    case BP_EVENT_STREAM_HEADER_STRING:
      if (header->bytes_value == NULL)
        return put_u16 (p, 0);
      p = put_u16 (p, (guint16) g_bytes_get_size (header->bytes_value));
      return put_bytes (p, header->bytes_value);
    case BP_EVENT_STREAM_HEADER_UUID:
      return put_bytes (p, header->bytes_value);
    default:
      g_assert_not_reached ();
    }
}

/**
 * bp_event_stream_message_encode:
 * @message: a #BpEventStreamMessage
 * @error: return location for a #GError
 *
 * Encodes @message: measures it, checks the limits, allocates once, writes.
 * Records the CRCs it wrote on @message. Fails with
 * %BP_EVENT_STREAM_ERROR_BAD_HEADER for what a decoder would refuse (empty
 * or duplicate names, a NUL in a string value, a uuid not of 16 bytes, an
 * integer out of its type's range) and %BP_EVENT_STREAM_ERROR_TOO_LARGE past a size limit.
 *
 * Returns: (transfer full) (nullable): the message's bytes
 */
GBytes *
bp_event_stream_message_encode (BpEventStreamMessage  *message,
                                GError               **error)
{
  GBytes *payload;
  gsize headers_length;
  gsize payload_length;
  gsize total;
  guint32 prelude_crc;
  guint32 message_crc;
  guint8 *buffer;
  guint8 *p;

  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!measure_headers (message, &headers_length, error))
    return NULL;

  payload = bp_event_stream_message_get_payload (message);
  payload_length = g_bytes_get_size (payload);

  /* headers_length <= 128 KiB, so the right side cannot wrap. */
  if (payload_length > BP_EVENT_STREAM_MAX_MESSAGE_LENGTH -
                       BP_EVENT_STREAM_MIN_MESSAGE_LENGTH - headers_length)
    {
      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_TOO_LARGE,
                   "Message with a payload of %" G_GSIZE_FORMAT " bytes is over "
                   "the limit of %u bytes",
                   payload_length, BP_EVENT_STREAM_MAX_MESSAGE_LENGTH);
      return NULL;
    }

  total = BP_EVENT_STREAM_MIN_MESSAGE_LENGTH + headers_length + payload_length;
  buffer = g_malloc (total);

  p = put_u32 (buffer, (guint32) total);
  p = put_u32 (p, (guint32) headers_length);
  prelude_crc = (guint32) crc32 (0, buffer, p - buffer);
  p = put_u32 (p, prelude_crc);

  for (guint i = 0; i < bp_event_stream_message_get_n_headers (message); i++)
    p = write_header (p, bp_event_stream_message_get_header (message, i));
  g_assert ((gsize) (p - buffer) == BP_EVENT_STREAM_PRELUDE_LENGTH + headers_length);

  p = put_bytes (p, payload);

  /* Carry the prelude CRC on over [8, total - 4): §7.3. */
  message_crc = (guint32) crc32 (prelude_crc, buffer + BP_EVENT_STREAM_PRELUDE_CRC_OFFSET,
                                 (uInt) (p - buffer - BP_EVENT_STREAM_PRELUDE_CRC_OFFSET));
  p = put_u32 (p, message_crc);
  g_assert ((gsize) (p - buffer) == total);

  _bp_event_stream_message_set_crcs (message, prelude_crc, message_crc);

  return g_bytes_new_take (buffer, total);
}
