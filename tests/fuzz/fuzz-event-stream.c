/* fuzz-event-stream.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for the event-stream decoder and encoder.
 *
 * Input: two control bytes, then the stream. The first control byte picks
 * the largest chunk size (see chunk_limits), the second seeds the sequence
 * of chunk sizes, so the fuzzer can steer how preludes and messages are
 * split across feeds. Every decoded message must re-encode to exactly the
 * bytes it was decoded from (the format has one encoding per message), and
 * that encoding must decode to an equal message. */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bp-event-stream.h"

#define N_CONTROL_BYTES 2

static const gsize chunk_limits[] = { 1, 2, 3, 7, 13, 64, 4096, G_MAXSIZE };

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A g_return_if_fail() firing is a bug the fuzzer should report. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_round_trip (BpEventStreamMessage *message,
                  const guint8         *original,
                  gsize                 original_len)
{
  g_autoptr(BpEventStreamDecoder) decoder = bp_event_stream_decoder_new ();
  g_autoptr(BpEventStreamMessage) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) encoded = NULL;
  guint32 prelude_crc = bp_event_stream_message_get_prelude_crc (message);
  guint32 message_crc = bp_event_stream_message_get_message_crc (message);
  const guint8 *bytes;
  gsize len;

  encoded = bp_event_stream_message_encode (message, &error);
  if (encoded == NULL)
    g_error ("A decoded message failed to encode: %s", error->message);

  bytes = g_bytes_get_data (encoded, &len);
  if (len != original_len || memcmp (bytes, original, len) != 0)
    g_error ("Re-encoding changed the bytes of a message");
  if (bp_event_stream_message_get_prelude_crc (message) != prelude_crc ||
      bp_event_stream_message_get_message_crc (message) != message_crc)
    g_error ("Re-encoding changed the CRCs");

  if (!bp_event_stream_decoder_feed (decoder, bytes, len, &error) ||
      !bp_event_stream_decoder_finish (decoder, &error))
    g_error ("An encoded message failed to decode: %s", error->message);

  again = bp_event_stream_decoder_pop (decoder);
  if (again == NULL || !bp_event_stream_message_equal (again, message) ||
      bp_event_stream_message_get_prelude_crc (again) != prelude_crc ||
      bp_event_stream_message_get_message_crc (again) != message_crc ||
      bp_event_stream_decoder_pop (decoder) != NULL)
    g_error ("An encoded message did not decode to itself");
}

/* Pops every queued message; @offset tracks where each began in @stream. */
static void
drain (BpEventStreamDecoder *decoder,
       const guint8         *stream,
       gsize                 stream_len,
       gsize                *offset)
{
  BpEventStreamMessage *message;

  while ((message = bp_event_stream_decoder_pop (decoder)) != NULL)
    {
      gsize len;

      /* Messages are whole and back to back from the start of the stream. */
      g_assert (stream_len - *offset >= BP_EVENT_STREAM_MIN_MESSAGE_LENGTH);
      len = (gsize) stream[*offset] << 24 | (gsize) stream[*offset + 1] << 16 |
            (gsize) stream[*offset + 2] << 8 | stream[*offset + 3];
      g_assert (len <= stream_len - *offset);

      check_round_trip (message, stream + *offset, len);
      *offset += len;
      bp_event_stream_message_unref (message);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(BpEventStreamDecoder) decoder = NULL;
  const guint8 *stream;
  gsize stream_len;
  gsize limit;
  guint32 state;
  gsize pos = 0;
  gsize offset = 0;
  gboolean ok = TRUE;

  if (size < N_CONTROL_BYTES)
    return 0;

  limit = chunk_limits[data[0] % G_N_ELEMENTS (chunk_limits)];
  state = data[1] * 2654435761u + 1;
  stream = data + N_CONTROL_BYTES;
  stream_len = size - N_CONTROL_BYTES;
  decoder = bp_event_stream_decoder_new ();

  while (ok && pos < stream_len)
    {
      g_autoptr(GError) error = NULL;
      gsize n;

      /* xorshift32: cheap, deterministic chunk sizes in [1, limit]. */
      state ^= state << 13;
      state ^= state >> 17;
      state ^= state << 5;
      n = limit == G_MAXSIZE ? stream_len - pos : 1 + state % limit;
      n = MIN (n, stream_len - pos);

      ok = bp_event_stream_decoder_feed (decoder, stream + pos, n, &error);
      g_assert (ok == (error == NULL));
      pos += n;
      drain (decoder, stream, stream_len, &offset);

      if (ok)
        g_assert (bp_event_stream_decoder_is_mid_message (decoder) == (offset != pos));
    }

  if (ok)
    {
      g_autoptr(GError) error = NULL;

      ok = bp_event_stream_decoder_finish (decoder, &error);
      g_assert (ok == (offset == stream_len));
      g_assert (ok || g_error_matches (error, BP_EVENT_STREAM_ERROR,
                                       BP_EVENT_STREAM_ERROR_TRUNCATED));
    }
  else
    {
      g_autoptr(GError) error = NULL;

      /* A failed decoder refuses input until reset. */
      g_assert (!bp_event_stream_decoder_feed (decoder, data, 1, &error));
      g_assert (g_error_matches (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_FAILED));
    }

  return 0;
}
