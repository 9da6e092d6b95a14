/* bp-event-stream-decoder.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The incremental decoder: a state machine over whatever chunks the
 * network hands us (bedrock-wire-format.md §7.5). Each state takes what it
 * can of a chunk and says how many bytes it used. The prelude CRC is
 * checked as soon as 12 bytes are in, before either length is trusted; the
 * lengths are checked against the limits before the message buffer is
 * allocated; a message is queued only after its CRC and headers check out. */

#define G_LOG_DOMAIN "bp-event-stream"

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "bp-event-stream-private.h"

typedef enum
{
  STATE_PRELUDE,  /* collecting the 12 prelude bytes */
  STATE_BODY,     /* collecting headers, payload and message CRC */
  STATE_DONE,     /* a whole message is in: check it and queue it */
  STATE_FAILED,   /* refusing input until reset */
} DecoderState;

struct _BpEventStreamDecoder
{
  DecoderState  state;
  guint8        prelude[BP_EVENT_STREAM_PRELUDE_LENGTH];
  gsize         have;            /* bytes of the current message so far */
  guint32       total_length;    /* from a verified prelude */
  guint32       headers_length;
  guint32       prelude_crc;
  guint8       *buffer;          /* (owned) (nullable): total_length bytes, in STATE_BODY/DONE */
  GQueue        messages;        /* (owned): whole BpEventStreamMessages, oldest first */
};

/**
 * bp_event_stream_decoder_new:
 *
 * Returns: (transfer full): a decoder waiting for the first prelude
 */
BpEventStreamDecoder *
bp_event_stream_decoder_new (void)
{
  BpEventStreamDecoder *decoder = g_new0 (BpEventStreamDecoder, 1);

  decoder->state = STATE_PRELUDE;
  g_queue_init (&decoder->messages);

  return decoder;
}

/**
 * bp_event_stream_decoder_reset:
 * @decoder: a #BpEventStreamDecoder
 *
 * Drops the partial message, any queued messages and a failure: the
 * decoder is as new.
 */
void
bp_event_stream_decoder_reset (BpEventStreamDecoder *decoder)
{
  g_return_if_fail (decoder != NULL);

  g_clear_pointer (&decoder->buffer, g_free);
  g_queue_clear_full (&decoder->messages, (GDestroyNotify) bp_event_stream_message_unref);
  decoder->state = STATE_PRELUDE;
  decoder->have = 0;
  decoder->total_length = decoder->headers_length = decoder->prelude_crc = 0;
}

/**
 * bp_event_stream_decoder_free:
 * @decoder: (transfer full): a #BpEventStreamDecoder
 */
void
bp_event_stream_decoder_free (BpEventStreamDecoder *decoder)
{
  g_return_if_fail (decoder != NULL);

  bp_event_stream_decoder_reset (decoder);
  g_free (decoder);
}

static void
fail (BpEventStreamDecoder *self)
{
  g_clear_pointer (&self->buffer, g_free);
  self->have = 0;
  self->state = STATE_FAILED;
}

/* Called with 12 prelude bytes: the CRC first, then the lengths. */
static gboolean
check_prelude (BpEventStreamDecoder  *self,
               GError               **error)
{
  guint32 total = _bp_event_stream_read_u32 (self->prelude);
  guint32 headers = _bp_event_stream_read_u32 (self->prelude + BP_EVENT_STREAM_HEADERS_LENGTH_OFFSET);
  guint32 expected = _bp_event_stream_read_u32 (self->prelude + BP_EVENT_STREAM_PRELUDE_CRC_OFFSET);
  guint32 computed = (guint32) crc32 (0, self->prelude, BP_EVENT_STREAM_PRELUDE_CRC_OFFSET);

  if (computed != expected)
    {
      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_PRELUDE_CRC,
                   "Prelude checksum mismatch: expected 0x%08x, computed 0x%08x",
                   expected, computed);
      return FALSE;
    }

  if (total < BP_EVENT_STREAM_MIN_MESSAGE_LENGTH || total > BP_EVENT_STREAM_MAX_MESSAGE_LENGTH)
    {
      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_LENGTH,
                   "Message length %u is outside %u to %u bytes",
                   total, BP_EVENT_STREAM_MIN_MESSAGE_LENGTH, BP_EVENT_STREAM_MAX_MESSAGE_LENGTH);
      return FALSE;
    }

  /* total >= 16 here, so the subtraction cannot wrap. */
  if (headers > total - BP_EVENT_STREAM_MIN_MESSAGE_LENGTH ||
      headers > BP_EVENT_STREAM_MAX_HEADERS_LENGTH)
    {
      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_LENGTH,
                   "Headers length %u does not fit a message of %u bytes "
                   "or is over the limit of %u bytes",
                   headers, total, BP_EVENT_STREAM_MAX_HEADERS_LENGTH);
      return FALSE;
    }

  self->total_length = total;
  self->headers_length = headers;
  self->prelude_crc = expected;

  return TRUE;
}

static gboolean
read_prelude (BpEventStreamDecoder  *self,
              const guint8          *data,
              gsize                  len,
              gsize                 *used,
              GError               **error)
{
  gsize n = MIN (len, BP_EVENT_STREAM_PRELUDE_LENGTH - self->have);

  memcpy (self->prelude + self->have, data, n);
  self->have += n;
  *used = n;

  if (self->have < BP_EVENT_STREAM_PRELUDE_LENGTH)
    return TRUE;

  if (!check_prelude (self, error))
    return FALSE;

  /* The one allocation of this message, at the verified size. */
  self->buffer = g_malloc (self->total_length);
  memcpy (self->buffer, self->prelude, BP_EVENT_STREAM_PRELUDE_LENGTH);
  self->state = STATE_BODY;

  return TRUE;
}

static void
read_body (BpEventStreamDecoder *self,
           const guint8         *data,
           gsize                 len,
           gsize                *used)
{
  gsize n = MIN (len, self->total_length - self->have);

  memcpy (self->buffer + self->have, data, n);
  self->have += n;
  *used = n;

  if (self->have == self->total_length)
    self->state = STATE_DONE;
}

/* A whole message is in the buffer: check its CRC, parse, queue. */
static gboolean
complete_message (BpEventStreamDecoder  *self,
                  GError               **error)
{
  g_autoptr(BpEventStreamMessage) message = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) payload = NULL;
  gsize crc_offset = self->total_length - BP_EVENT_STREAM_CRC_LENGTH;
  gsize payload_offset = BP_EVENT_STREAM_PRELUDE_LENGTH + self->headers_length;
  guint32 expected = _bp_event_stream_read_u32 (self->buffer + crc_offset);
  guint32 computed;

  /* Carry the prelude CRC on over [8, total - 4): §7.3. */
  computed = (guint32) crc32 (self->prelude_crc,
                              self->buffer + BP_EVENT_STREAM_PRELUDE_CRC_OFFSET,
                              (uInt) (crc_offset - BP_EVENT_STREAM_PRELUDE_CRC_OFFSET));
  if (computed != expected)
    {
      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_MESSAGE_CRC,
                   "Message checksum mismatch: expected 0x%08x, computed 0x%08x",
                   expected, computed);
      return FALSE;
    }

  message = bp_event_stream_message_new ();
  if (!_bp_event_stream_parse_headers (message,
                                       self->buffer + BP_EVENT_STREAM_PRELUDE_LENGTH,
                                       self->headers_length, error))
    return FALSE;

  /* The payload is handed out as a slice of the buffer: no second copy. */
  whole = g_bytes_new_take (g_steal_pointer (&self->buffer), self->total_length);
  payload = g_bytes_new_from_bytes (whole, payload_offset, crc_offset - payload_offset);
  bp_event_stream_message_set_payload (message, payload);
  _bp_event_stream_message_set_crcs (message, self->prelude_crc, expected);

  g_queue_push_tail (&self->messages, g_steal_pointer (&message));
  self->have = 0;
  self->state = STATE_PRELUDE;

  return TRUE;
}

/**
 * bp_event_stream_decoder_feed:
 * @decoder: a #BpEventStreamDecoder
 * @data: (array length=len) (nullable): the next bytes of the stream
 * @len: their number; any size, including 0
 * @error: return location for a #GError
 *
 * Takes the next chunk of a stream. Every message completed by it is
 * queued for bp_event_stream_decoder_pop(), whole and verified. After an
 * error the messages queued before it can still be popped, but the decoder
 * refuses input with %BP_EVENT_STREAM_ERROR_FAILED until reset.
 *
 * Returns: %TRUE when the chunk was taken
 */
gboolean
bp_event_stream_decoder_feed (BpEventStreamDecoder  *decoder,
                              const guint8          *data,
                              gsize                  len,
                              GError               **error)
{
  g_return_val_if_fail (decoder != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (decoder->state == STATE_FAILED)
    {
      g_set_error_literal (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_FAILED,
                           "The event-stream decoder failed earlier and must be reset");
      return FALSE;
    }

  while (len > 0 || decoder->state == STATE_DONE)
    {
      gsize used = 0;
      gboolean ok = TRUE;

      switch (decoder->state)
        {
        case STATE_PRELUDE:
          ok = read_prelude (decoder, data, len, &used, error);
          break;
        case STATE_BODY:
          read_body (decoder, data, len, &used);
          break;
        case STATE_DONE:
          ok = complete_message (decoder, error);
          break;
        case STATE_FAILED:
        default:
          g_assert_not_reached ();
        }

      if (!ok)
        {
          fail (decoder);
          return FALSE;
        }

      g_assert (used <= len);
      if (used > 0)
        {
          data += used;
          len -= used;
        }
    }

  return TRUE;
}

/**
 * bp_event_stream_decoder_pop:
 * @decoder: a #BpEventStreamDecoder
 *
 * Returns: (transfer full) (nullable): the oldest whole message, or %NULL
 */
BpEventStreamMessage *
bp_event_stream_decoder_pop (BpEventStreamDecoder *decoder)
{
  g_return_val_if_fail (decoder != NULL, NULL);

  return g_queue_pop_head (&decoder->messages);
}

/**
 * bp_event_stream_decoder_is_mid_message:
 * @decoder: a #BpEventStreamDecoder
 *
 * Returns: %TRUE when part of a message has been fed, so that the input
 *   ending now would be a truncation
 */
gboolean
bp_event_stream_decoder_is_mid_message (BpEventStreamDecoder *decoder)
{
  g_return_val_if_fail (decoder != NULL, FALSE);

  return decoder->state != STATE_FAILED && decoder->have > 0;
}

/**
 * bp_event_stream_decoder_finish:
 * @decoder: a #BpEventStreamDecoder
 * @error: return location for a #GError
 *
 * Tells the decoder the input has ended. Ending mid-message is
 * %BP_EVENT_STREAM_ERROR_TRUNCATED, and fails the decoder like any error.
 *
 * Returns: %TRUE when the input ended between messages
 */
gboolean
bp_event_stream_decoder_finish (BpEventStreamDecoder  *decoder,
                                GError               **error)
{
  g_return_val_if_fail (decoder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (decoder->state == STATE_FAILED)
    {
      g_set_error_literal (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_FAILED,
                           "The event-stream decoder failed earlier and must be reset");
      return FALSE;
    }

  if (decoder->state == STATE_PRELUDE && decoder->have > 0)
    {
      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_TRUNCATED,
                   "Stream ended %" G_GSIZE_FORMAT " bytes into a message prelude",
                   decoder->have);
      fail (decoder);
      return FALSE;
    }

  if (decoder->state != STATE_PRELUDE)
    {
      g_set_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_TRUNCATED,
                   "Stream ended %" G_GSIZE_FORMAT " bytes into a message of %u bytes",
                   decoder->have, decoder->total_length);
      fail (decoder);
      return FALSE;
    }

  return TRUE;
}
