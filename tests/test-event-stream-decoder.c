/* test-event-stream-decoder.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "bp-event-stream-test-utils.h"
#include "bp-event-stream.h"
#include "bp-test-utils.h"

/* The decoder over whole streams: chunking, truncation, the failed state,
 * the length limits and bad header blocks. The vectors and the encoder are
 * in test-event-stream.c. */

/* Helpers */

static void
put_be32 (GByteArray *array,
          guint32     v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (array, b, sizeof b);
}

/* A 12-byte prelude with a correct CRC, computed here and not by the codec. */
static GByteArray *
make_prelude (guint32 total_length,
              guint32 headers_length)
{
  GByteArray *array = g_byte_array_new ();

  put_be32 (array, total_length);
  put_be32 (array, headers_length);
  put_be32 (array, (guint32) crc32 (0, array->data, 8));

  return array;
}

/* Frames arbitrary header bytes and a payload with correct CRCs. */
static GBytes *
frame (const void *headers,
       gsize       headers_length,
       const char *payload)
{
  gsize payload_length = strlen (payload);
  GByteArray *array = make_prelude (16 + headers_length + payload_length, headers_length);

  g_byte_array_append (array, headers, headers_length);
  g_byte_array_append (array, (const guint8 *) payload, payload_length);
  put_be32 (array, (guint32) crc32 (0, array->data, array->len));

  return g_byte_array_free_to_bytes (array);
}

/* Several messages in one stream, fed in pieces */

typedef struct
{
  GByteArray *stream;
  GPtrArray  *expected;     /* BpEventStreamMessage, in stream order */
  GArray     *boundaries;   /* gsize: the offset after each message */
} Stream;

static void
stream_append (Stream *s,
               GBytes *bytes)
{
  gsize end;

  g_ptr_array_add (s->expected, decode_one (bytes));
  g_byte_array_append (s->stream, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  end = s->stream->len;
  g_array_append_val (s->boundaries, end);
}

static void
stream_setup (Stream        *s,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) names = list_vectors ("positive");

  s->stream = g_byte_array_new ();
  s->expected = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_event_stream_message_unref);
  s->boundaries = g_array_new (FALSE, FALSE, sizeof (gsize));

  /* Twice over, so the order of sizes differs between the rounds. */
  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < names->len; i++)
        {
          g_autoptr(GBytes) b = bp_test_read_data ("eventstream", "encoded", "positive",
                                                   g_ptr_array_index (names, i), NULL);
          stream_append (s, b);
        }
      for (guint i = 0; i < G_N_ELEMENTS (wire_vectors); i++)
        {
          g_autoptr(GBytes) b = hex_bytes (wire_vectors[G_N_ELEMENTS (wire_vectors) - 1 - i].hex);
          stream_append (s, b);
        }
    }
}

static void
stream_teardown (Stream        *s,
                 gconstpointer  data)
{
  g_byte_array_unref (s->stream);
  g_ptr_array_unref (s->expected);
  g_array_unref (s->boundaries);
}

static gboolean
is_boundary (Stream *s,
             gsize   offset)
{
  if (offset == 0)
    return TRUE;
  for (guint i = 0; i < s->boundaries->len; i++)
    if (g_array_index (s->boundaries, gsize, i) == offset)
      return TRUE;
  return FALSE;
}

/* Feeds the stream in chunks of the sizes @next_size gives; pops at random. */
static void
feed_stream (Stream   *s,
             gsize   (*next_size) (GRand *rand),
             guint32   seed)
{
  g_autoptr(BpEventStreamDecoder) decoder = bp_event_stream_decoder_new ();
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_event_stream_message_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  BpEventStreamMessage *message;
  gsize offset = 0;

  while (offset < s->stream->len)
    {
      gsize want = next_size (rand);
      gsize n = MIN (want, s->stream->len - offset);

      bp_event_stream_decoder_feed (decoder, s->stream->data + offset, n, &error);
      g_assert_no_error (error);
      offset += n;
      g_assert_cmpint (bp_event_stream_decoder_is_mid_message (decoder), !=, is_boundary (s, offset));

      if (g_rand_boolean (rand))
        while ((message = bp_event_stream_decoder_pop (decoder)) != NULL)
          g_ptr_array_add (got, message);
    }
  bp_event_stream_decoder_finish (decoder, &error);
  g_assert_no_error (error);
  while ((message = bp_event_stream_decoder_pop (decoder)) != NULL)
    g_ptr_array_add (got, message);

  g_assert_cmpuint (got->len, ==, s->expected->len);
  for (guint i = 0; i < got->len; i++)
    {
      BpEventStreamMessage *a = g_ptr_array_index (got, i);
      BpEventStreamMessage *b = g_ptr_array_index (s->expected, i);

      g_assert_true (bp_event_stream_message_equal (a, b));
      g_assert_cmphex (bp_event_stream_message_get_prelude_crc (a), ==,
                       bp_event_stream_message_get_prelude_crc (b));
      g_assert_cmphex (bp_event_stream_message_get_message_crc (a), ==,
                       bp_event_stream_message_get_message_crc (b));
    }
}

static gsize
size_whole (GRand *rand)
{
  return G_MAXSIZE;
}

static gsize
size_one (GRand *rand)
{
  return 1;
}

static gsize
size_seven (GRand *rand)
{
  return 7;
}

static gsize
size_random (GRand *rand)
{
  return g_rand_int_range (rand, 1, 64);
}

static void
test_chunks_whole (Stream        *s,
                   gconstpointer  data)
{
  g_assert_cmpuint (s->expected->len, ==, 2 * (N_POSITIVE_VECTORS + G_N_ELEMENTS (wire_vectors)));
  feed_stream (s, size_whole, 1);
}

static void
test_chunks_one_byte (Stream        *s,
                      gconstpointer  data)
{
  feed_stream (s, size_one, 2);
}

static void
test_chunks_seven_bytes (Stream        *s,
                         gconstpointer  data)
{
  feed_stream (s, size_seven, 3);
}

static void
test_chunks_random (Stream        *s,
                    gconstpointer  data)
{
  for (guint32 seed = 0; seed < 50; seed++)
    feed_stream (s, size_random, 0x5eed0000 + seed);
}

/* Cutting the stream anywhere inside a message is a truncation. */
static void
test_truncated (Stream        *s,
                gconstpointer  data)
{
  g_autoptr(BpEventStreamDecoder) decoder = bp_event_stream_decoder_new ();
  guint n_cuts = 0;

  for (gsize cut = 1; cut < s->stream->len; cut++)
    {
      g_autoptr(GError) error = NULL;
      BpEventStreamMessage *message;
      guint n_popped = 0;

      if (is_boundary (s, cut))
        continue;

      bp_event_stream_decoder_reset (decoder);
      bp_event_stream_decoder_feed (decoder, s->stream->data, cut, &error);
      g_assert_no_error (error);
      g_assert_true (bp_event_stream_decoder_is_mid_message (decoder));
      while ((message = bp_event_stream_decoder_pop (decoder)) != NULL)
        {
          bp_event_stream_message_unref (message);
          n_popped++;
        }
      g_assert_cmpuint (n_popped, <, s->expected->len);
      g_assert_true (g_array_index (s->boundaries, gsize, n_popped) > cut);

      g_assert_false (bp_event_stream_decoder_finish (decoder, &error));
      g_assert_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_TRUNCATED);
      g_clear_error (&error);

      /* Failed: refused until reset. */
      g_assert_false (bp_event_stream_decoder_feed (decoder, s->stream->data, 1, &error));
      g_assert_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_FAILED);
      n_cuts++;
    }

  g_assert_cmpuint (n_cuts, ==, s->stream->len - s->boundaries->len);
}

static void
test_failed_until_reset (void)
{
  g_autoptr(BpEventStreamDecoder) decoder = bp_event_stream_decoder_new ();
  g_autoptr(GBytes) good = bp_test_read_data ("eventstream", "encoded", "positive", "int32_header", NULL);
  g_autoptr(GBytes) bad = bp_test_read_data ("eventstream", "encoded", "negative", "corrupted_payload", NULL);
  g_autoptr(GByteArray) both = g_byte_array_new ();
  g_autoptr(BpEventStreamMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  /* A good message before the bad one in the same chunk stays poppable. */
  g_byte_array_append (both, g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  g_byte_array_append (both, g_bytes_get_data (bad, NULL), g_bytes_get_size (bad));
  g_assert_false (bp_event_stream_decoder_feed (decoder, both->data, both->len, &error));
  g_assert_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_MESSAGE_CRC);
  g_clear_error (&error);
  message = bp_event_stream_decoder_pop (decoder);
  g_assert_nonnull (message);
  g_assert_cmpuint (bp_event_stream_message_get_n_headers (message), ==, 1);
  g_assert_null (bp_event_stream_decoder_pop (decoder));
  g_clear_pointer (&message, bp_event_stream_message_unref);

  g_assert_false (bp_event_stream_decoder_feed (decoder, g_bytes_get_data (good, NULL),
                                                g_bytes_get_size (good), &error));
  g_assert_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (bp_event_stream_decoder_feed (decoder, NULL, 0, &error));
  g_assert_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (bp_event_stream_decoder_finish (decoder, &error));
  g_assert_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (bp_event_stream_decoder_pop (decoder));

  bp_event_stream_decoder_reset (decoder);
  g_assert_true (bp_event_stream_decoder_feed (decoder, g_bytes_get_data (good, NULL),
                                               g_bytes_get_size (good), &error));
  g_assert_no_error (error);
  message = bp_event_stream_decoder_pop (decoder);
  g_assert_nonnull (message);
  g_assert_true (bp_event_stream_decoder_finish (decoder, &error));
  g_assert_no_error (error);
}

/* Limits: checked on the 12th byte, before the body is allocated or read */

typedef struct
{
  guint32  total_length;
  guint32  headers_length;
  gboolean accepted;
} PreludeCase;

static void
test_limits (void)
{
  static const PreludeCase cases[] = {
    { BP_EVENT_STREAM_MAX_MESSAGE_LENGTH + 1, 0, FALSE },
    { G_MAXUINT32, 0, FALSE },
    { G_MAXUINT32, G_MAXUINT32, FALSE },
    { BP_EVENT_STREAM_MAX_MESSAGE_LENGTH, 0, TRUE },
    { 15, 0, FALSE },
    { 0, 0, FALSE },
    { 16, 1, FALSE },
    { 20, G_MAXUINT32 - 2, FALSE },
    { 100, 85, FALSE },
    { 100, 84, TRUE },
    { 1024 * 1024, BP_EVENT_STREAM_MAX_HEADERS_LENGTH + 1, FALSE },
    { 1024 * 1024, BP_EVENT_STREAM_MAX_HEADERS_LENGTH, TRUE },
  };
  g_autoptr(BpEventStreamDecoder) decoder = bp_event_stream_decoder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) prelude = make_prelude (cases[i].total_length, cases[i].headers_length);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      bp_event_stream_decoder_reset (decoder);
      g_assert_true (bp_event_stream_decoder_feed (decoder, prelude->data, 11, &error));
      ok = bp_event_stream_decoder_feed (decoder, prelude->data + 11, 1, &error);
      g_assert_cmpint (ok, ==, cases[i].accepted);
      g_assert_cmpint (bp_event_stream_decoder_is_mid_message (decoder), ==, cases[i].accepted);

      if (cases[i].accepted)
        {
          g_assert_no_error (error);
          g_assert_false (bp_event_stream_decoder_finish (decoder, &error));
          g_assert_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_TRUNCATED);
        }
      else
        g_assert_error (error, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_LENGTH);
    }
}

/* Bad header blocks, framed with correct CRCs */

typedef struct
{
  const char *name;
  const char *headers;
  gsize       len;
} HeaderCase;

#define HC(n, s) { n, s, sizeof s - 1 }

static const HeaderCase bad_headers[] = {
  HC ("unknown-type", "\x01" "a" "\x0a"),
  HC ("unknown-type-255", "\x01" "a" "\x00" "\x01" "b" "\xff"),
  HC ("empty-name", "\x00" "\x00"),
  HC ("nul-in-name", "\x02" "a\0" "\x00"),
  HC ("nul-in-string", "\x01" "a" "\x07" "\x00\x03" "a\0b"),
  HC ("name-past-block", "\x05" "ab"),
  HC ("type-past-block", "\x01" "a"),
  HC ("int32-past-block", "\x01" "a" "\x04" "\x00\x00"),
  HC ("int64-past-block", "\x01" "a" "\x05" "\x00\x00\x00\x00\x00\x00\x00"),
  HC ("uuid-past-block", "\x01" "a" "\x09" "0123456789abcde"),
  HC ("length-past-block", "\x01" "a" "\x07"),
  HC ("string-past-block", "\x01" "a" "\x07" "\x00\x0a" "abc"),
  HC ("bytes-past-block", "\x01" "a" "\x06" "\xff\xff" "abc"),
  HC ("duplicate", "\x01" "a" "\x00" "\x01" "b" "\x00" "\x01" "a" "\x01"),
  HC ("duplicate-many", "\x01" "a" "\x00" "\x01" "b" "\x00" "\x01" "c" "\x00" "\x01" "d" "\x00"
                        "\x01" "e" "\x00" "\x01" "f" "\x00" "\x01" "g" "\x00" "\x01" "h" "\x00"
                        "\x01" "i" "\x00" "\x01" "j" "\x00" "\x01" "c" "\x01"),
};

static void
test_bad_header (gconstpointer data)
{
  const HeaderCase *c = data;
  g_autoptr(GBytes) bytes = frame (c->headers, c->len, "{}");

  assert_feed_fails (bytes, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_BAD_HEADER);
}

/* Many distinct headers take the hash-table path and are fine. */
static void
test_many_headers (void)
{
  g_autoptr(GByteArray) block = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BpEventStreamMessage) message = NULL;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("h%u", i);
      guint8 len = strlen (name);
      guint8 type = i % 2 ? BP_EVENT_STREAM_HEADER_BOOL_TRUE : BP_EVENT_STREAM_HEADER_BOOL_FALSE;

      g_byte_array_append (block, &len, 1);
      g_byte_array_append (block, (guint8 *) name, len);
      g_byte_array_append (block, &type, 1);
    }
  bytes = frame (block->data, block->len, "");
  message = decode_one (bytes);
  g_assert_cmpuint (bp_event_stream_message_get_n_headers (message), ==, 300);
  g_assert_cmpstr (bp_event_stream_message_get_header (message, 299)->name, ==, "h299");
  g_assert_cmpint (bp_event_stream_message_get_header (message, 299)->int_value, ==, 1);
  assert_encodes_to (message, bytes);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

#define ADD_STREAM_TEST(path, func) \
  g_test_add (path, Stream, NULL, stream_setup, func, stream_teardown)
  ADD_STREAM_TEST ("/bp/event-stream/chunks/whole", test_chunks_whole);
  ADD_STREAM_TEST ("/bp/event-stream/chunks/one-byte", test_chunks_one_byte);
  ADD_STREAM_TEST ("/bp/event-stream/chunks/seven-bytes", test_chunks_seven_bytes);
  ADD_STREAM_TEST ("/bp/event-stream/chunks/random", test_chunks_random);
  ADD_STREAM_TEST ("/bp/event-stream/truncated", test_truncated);
#undef ADD_STREAM_TEST
  g_test_add_func ("/bp/event-stream/failed-until-reset", test_failed_until_reset);
  g_test_add_func ("/bp/event-stream/limits", test_limits);
  for (guint i = 0; i < G_N_ELEMENTS (bad_headers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bp/event-stream/bad-header/%s", bad_headers[i].name);
      g_test_add_data_func (path, &bad_headers[i], test_bad_header);
    }
  g_test_add_func ("/bp/event-stream/many-headers", test_many_headers);

  return g_test_run ();
}
