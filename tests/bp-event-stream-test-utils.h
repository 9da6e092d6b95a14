/* bp-event-stream-test-utils.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Shared by test-event-stream.c and test-event-stream-decoder.c: hex and
 * one-message decoding helpers, the vector files of tests/data/eventstream
 * and the wire-format vectors. Header-only (static inline). */

#include <string.h>

#include <glib.h>

#include "bp-event-stream.h"
#include "bp-test-utils.h"

G_BEGIN_DECLS

#define N_POSITIVE_VECTORS 5
#define N_NEGATIVE_VECTORS 4

static inline GBytes *
hex_bytes (const char *hex)
{
  GByteArray *array = g_byte_array_new ();
  int high = -1;

  for (const char *p = hex; *p != '\0'; p++)
    {
      int v = g_ascii_xdigit_value (*p);

      if (v < 0)
        {
          g_assert_true (g_ascii_isspace (*p));
          continue;
        }
      if (high < 0)
        high = v;
      else
        {
          guint8 b = (guint8) (high << 4 | v);

          g_byte_array_append (array, &b, 1);
          high = -1;
        }
    }
  g_assert_cmpint (high, ==, -1);

  return g_byte_array_free_to_bytes (array);
}

static inline BpEventStreamMessage *
decode_one (GBytes *bytes)
{
  g_autoptr(BpEventStreamDecoder) decoder = bp_event_stream_decoder_new ();
  g_autoptr(GError) error = NULL;
  BpEventStreamMessage *message;

  bp_event_stream_decoder_feed (decoder, g_bytes_get_data (bytes, NULL),
                                g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  bp_event_stream_decoder_finish (decoder, &error);
  g_assert_no_error (error);

  message = bp_event_stream_decoder_pop (decoder);
  g_assert_nonnull (message);
  g_assert_null (bp_event_stream_decoder_pop (decoder));

  return message;
}

static inline void
assert_encodes_to (BpEventStreamMessage *message,
                   GBytes               *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) encoded = bp_event_stream_message_encode (message, &error);
  const guint8 *e = g_bytes_get_data (expected, NULL);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded),
                   e, g_bytes_get_size (expected));
  g_assert_cmphex (bp_event_stream_message_get_prelude_crc (message), ==,
                   (guint32) e[8] << 24 | e[9] << 16 | e[10] << 8 | e[11]);
}

/* Feeds @bytes whole and expects the error @code from feed. */
static inline void
assert_feed_fails (GBytes *bytes,
                   GQuark  domain,
                   int     code)
{
  g_autoptr(BpEventStreamDecoder) decoder = bp_event_stream_decoder_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = bp_event_stream_decoder_feed (decoder, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), &error);
  g_assert_error (error, domain, code);
  g_assert_false (ok);
  g_assert_null (bp_event_stream_decoder_pop (decoder));
  g_assert_false (bp_event_stream_decoder_is_mid_message (decoder));
}

/* The positive and negative vectors of tests/data/eventstream */

static inline int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static inline GPtrArray *
list_vectors (const char *kind)
{
  g_autofree char *dir_path = bp_test_data_path ("eventstream", "encoded", kind, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  return names;
}

/* bedrock-wire-format.md §7.6 */

typedef struct
{
  const char *name;
  const char *hex;
  guint32     prelude_crc;
  guint32     message_crc;
  const char *headers[3][2];
  const char *payload;
} WireVector;

static const WireVector wire_vectors[] = {
  { "empty", "00 00 00 10 00 00 00 00 05 c2 48 eb 7d 98 c8 ff",
    0x05c248eb, 0x7d98c8ff, { { NULL } }, "" },
  { "converse-delta",
    "00 00 00 94 00 00 00 57 b4 ab 9a ee 0b 3a 65 76 65 6e 74 2d 74 79 70 65 07 00 11 63 6f 6e 74 65"
    "6e 74 42 6c 6f 63 6b 44 65 6c 74 61 0d 3a 63 6f 6e 74 65 6e 74 2d 74 79 70 65 07 00 10 61 70 70"
    "6c 69 63 61 74 69 6f 6e 2f 6a 73 6f 6e 0d 3a 6d 65 73 73 61 67 65 2d 74 79 70 65 07 00 05 65 76"
    "65 6e 74 7b 22 63 6f 6e 74 65 6e 74 42 6c 6f 63 6b 49 6e 64 65 78 22 3a 30 2c 22 64 65 6c 74 61"
    "22 3a 7b 22 74 65 78 74 22 3a 22 48 69 22 7d 7d 1f 94 46 57",
    0xb4ab9aee, 0x1f944657,
    { { ":event-type", "contentBlockDelta" }, { ":content-type", "application/json" },
      { ":message-type", "event" } },
    "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}" },
  { "throttling-exception",
    "00 00 00 b2 00 00 00 61 35 90 d5 d3 0f 3a 65 78 63 65 70 74 69 6f 6e 2d 74 79 70 65 07 00 13 74"
    "68 72 6f 74 74 6c 69 6e 67 45 78 63 65 70 74 69 6f 6e 0d 3a 63 6f 6e 74 65 6e 74 2d 74 79 70 65"
    "07 00 10 61 70 70 6c 69 63 61 74 69 6f 6e 2f 6a 73 6f 6e 0d 3a 6d 65 73 73 61 67 65 2d 74 79 70"
    "65 07 00 09 65 78 63 65 70 74 69 6f 6e 7b 22 6d 65 73 73 61 67 65 22 3a 22 54 6f 6f 20 6d 61 6e"
    "79 20 72 65 71 75 65 73 74 73 2c 20 70 6c 65 61 73 65 20 77 61 69 74 20 62 65 66 6f 72 65 20 74"
    "72 79 69 6e 67 20 61 67 61 69 6e 2e 22 7d e8 ff b2 6a",
    0x3590d5d3, 0xe8ffb26a,
    { { ":exception-type", "throttlingException" }, { ":content-type", "application/json" },
      { ":message-type", "exception" } },
    "{\"message\":\"Too many requests, please wait before trying again.\"}" },
  { "invoke-chunk",
    "00 00 00 d7 00 00 00 4b bf f9 e4 38 0b 3a 65 76 65 6e 74 2d 74 79 70 65 07 00 05 63 68 75 6e 6b"
    "0d 3a 63 6f 6e 74 65 6e 74 2d 74 79 70 65 07 00 10 61 70 70 6c 69 63 61 74 69 6f 6e 2f 6a 73 6f"
    "6e 0d 3a 6d 65 73 73 61 67 65 2d 74 79 70 65 07 00 05 65 76 65 6e 74 7b 22 62 79 74 65 73 22 3a"
    "22 65 79 4a 30 65 58 42 6c 49 6a 6f 69 59 32 39 75 64 47 56 75 64 46 39 69 62 47 39 6a 61 31 39"
    "6b 5a 57 78 30 59 53 49 73 49 6d 6c 75 5a 47 56 34 49 6a 6f 77 4c 43 4a 6b 5a 57 78 30 59 53 49"
    "36 65 79 4a 30 65 58 42 6c 49 6a 6f 69 64 47 56 34 64 46 39 6b 5a 57 78 30 59 53 49 73 49 6e 52"
    "6c 65 48 51 69 4f 69 4a 49 61 53 4a 39 66 51 3d 3d 22 7d 4b 8e 94 95",
    0xbff9e438, 0x4b8e9495,
    { { ":event-type", "chunk" }, { ":content-type", "application/json" },
      { ":message-type", "event" } },
    "{\"bytes\":\"eyJ0eXBlIjoiY29udGVudF9ibG9ja19kZWx0YSIsImluZGV4IjowLCJkZWx0YSI6eyJ0eXBlIjoi"
    "dGV4dF9kZWx0YSIsInRleHQiOiJIaSJ9fQ==\"}" },
};

G_END_DECLS
