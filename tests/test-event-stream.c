/* test-event-stream.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <zlib.h>

#include "bp-event-stream.h"
#include "bp-test-utils.h"

#define N_POSITIVE_VECTORS 5
#define N_NEGATIVE_VECTORS 4

/* Helpers */

static GBytes *
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

static BpEventStreamMessage *
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

static void
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
static void
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

static GBytes *
base64_bytes (const char *text)
{
  gsize len = 0;
  guchar *data = g_base64_decode (text, &len);

  return g_bytes_new_take (data, len);
}

/* The positive and negative vectors of tests/data/eventstream */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
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

static void
test_vector_count (void)
{
  g_autoptr(GPtrArray) positive = list_vectors ("positive");
  g_autoptr(GPtrArray) negative = list_vectors ("negative");

  g_assert_cmpuint (positive->len, ==, N_POSITIVE_VECTORS);
  g_assert_cmpuint (negative->len, ==, N_NEGATIVE_VECTORS);
}

static void
assert_header_matches_json (const BpEventStreamHeader *header,
                            JsonObject                *expected)
{
  JsonNode *value = json_object_get_member (expected, "value");

  g_assert_cmpstr (header->name, ==, json_object_get_string_member (expected, "name"));
  g_assert_cmpint (header->type, ==, json_object_get_int_member (expected, "type"));

  switch (header->type)
    {
    case BP_EVENT_STREAM_HEADER_BOOL_TRUE:
    case BP_EVENT_STREAM_HEADER_BOOL_FALSE:
      g_assert_cmpint (header->int_value, ==, json_node_get_boolean (value));
      g_assert_cmpint (header->int_value, ==, header->type == BP_EVENT_STREAM_HEADER_BOOL_TRUE);
      break;
    case BP_EVENT_STREAM_HEADER_BYTES:
    case BP_EVENT_STREAM_HEADER_STRING:
    case BP_EVENT_STREAM_HEADER_UUID:
      {
        g_autoptr(GBytes) want = base64_bytes (json_node_get_string (value));

        g_assert_nonnull (header->bytes_value);
        g_assert_true (g_bytes_equal (header->bytes_value, want));
      }
      break;
    case BP_EVENT_STREAM_HEADER_BYTE:
    case BP_EVENT_STREAM_HEADER_INT16:
    case BP_EVENT_STREAM_HEADER_INT32:
    case BP_EVENT_STREAM_HEADER_INT64:
    case BP_EVENT_STREAM_HEADER_TIMESTAMP:
    default:
      g_assert_cmpint (header->int_value, ==, json_node_get_int (value));
      break;
    }
}

/* Builds the message a decoded/ JSON file describes, without the decoder. */
static BpEventStreamMessage *
message_from_json (JsonObject *object)
{
  BpEventStreamMessage *message = bp_event_stream_message_new ();
  JsonArray *headers = json_object_get_array_member (object, "headers");
  g_autoptr(GBytes) payload = base64_bytes (json_object_get_string_member (object, "payload"));

  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonObject *h = json_array_get_object_element (headers, i);
      JsonNode *value = json_object_get_member (h, "value");
      BpEventStreamHeader header = { 0 };
      g_autoptr(GBytes) bytes = NULL;

      header.name = (char *) json_object_get_string_member (h, "name");
      header.type = json_object_get_int_member (h, "type");
      if (header.type == BP_EVENT_STREAM_HEADER_BYTES ||
          header.type == BP_EVENT_STREAM_HEADER_STRING ||
          header.type == BP_EVENT_STREAM_HEADER_UUID)
        header.bytes_value = bytes = base64_bytes (json_node_get_string (value));
      else if (json_node_get_value_type (value) == G_TYPE_INT64)
        header.int_value = json_node_get_int (value);
      bp_event_stream_message_add_header (message, &header);
    }
  bp_event_stream_message_set_payload (message, payload);

  return message;
}

static void
test_positive_vector (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GBytes) encoded = bp_test_read_data ("eventstream", "encoded", "positive", name, NULL);
  g_autofree char *json_path = bp_test_data_path ("eventstream", "decoded", "positive", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BpEventStreamMessage) message = NULL;
  g_autoptr(BpEventStreamMessage) built = NULL;
  g_autoptr(GBytes) payload = NULL;
  JsonObject *expected;
  JsonArray *headers;
  const guint8 *raw = g_bytes_get_data (encoded, NULL);
  gint64 total_length, headers_length;

  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  expected = json_node_get_object (json_parser_get_root (parser));

  message = decode_one (encoded);

  /* The prelude as the JSON states it, and the split the decoder made. */
  total_length = json_object_get_int_member (expected, "total_length");
  headers_length = json_object_get_int_member (expected, "headers_length");
  g_assert_cmpint (g_bytes_get_size (encoded), ==, total_length);
  g_assert_cmpint ((raw[4] << 24) | (raw[5] << 16) | (raw[6] << 8) | raw[7], ==, headers_length);
  g_assert_cmpint (g_bytes_get_size (bp_event_stream_message_get_payload (message)), ==,
                   total_length - headers_length - BP_EVENT_STREAM_MIN_MESSAGE_LENGTH);
  g_assert_cmpint ((gint32) bp_event_stream_message_get_prelude_crc (message), ==,
                   json_object_get_int_member (expected, "prelude_crc"));
  g_assert_cmpint ((gint32) bp_event_stream_message_get_message_crc (message), ==,
                   json_object_get_int_member (expected, "message_crc"));

  headers = json_object_get_array_member (expected, "headers");
  g_assert_cmpuint (bp_event_stream_message_get_n_headers (message), ==,
                    json_array_get_length (headers));
  for (guint i = 0; i < json_array_get_length (headers); i++)
    assert_header_matches_json (bp_event_stream_message_get_header (message, i),
                                json_array_get_object_element (headers, i));

  payload = base64_bytes (json_object_get_string_member (expected, "payload"));
  g_assert_true (g_bytes_equal (bp_event_stream_message_get_payload (message), payload));

  /* Re-encoding the decoded message, and encoding the JSON's message built
   * by hand, both give exactly the original bytes. */
  assert_encodes_to (message, encoded);
  built = message_from_json (expected);
  g_assert_true (bp_event_stream_message_equal (built, message));
  assert_encodes_to (built, encoded);
  g_assert_cmphex (bp_event_stream_message_get_message_crc (built), ==,
                   bp_event_stream_message_get_message_crc (message));
}

static int
error_code_for_text (const char *text)
{
  /* aws-sdk-go's wording, mapped to our codes. */
  if (g_str_equal (text, "Prelude checksum mismatch"))
    return BP_EVENT_STREAM_ERROR_PRELUDE_CRC;
  if (g_str_equal (text, "Message checksum mismatch"))
    return BP_EVENT_STREAM_ERROR_MESSAGE_CRC;

  g_error ("Unknown expected error “%s”", text);
}

static void
test_negative_vector (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GBytes) encoded = bp_test_read_data ("eventstream", "encoded", "negative", name, NULL);
  g_autoptr(GBytes) text_bytes = bp_test_read_data ("eventstream", "decoded", "negative", name, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (text_bytes, NULL), g_bytes_get_size (text_bytes));
  const guint8 *raw = g_bytes_get_data (encoded, NULL);
  gsize len = g_bytes_get_size (encoded);
  g_autoptr(BpEventStreamDecoder) decoder = bp_event_stream_decoder_new ();
  g_autoptr(GError) error = NULL;
  int code = error_code_for_text (g_strchomp (text));

  /* Whole, then byte by byte: the same error, never a truncation. */
  bp_event_stream_decoder_feed (decoder, raw, len, &error);
  g_assert_error (error, BP_EVENT_STREAM_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, text));
  g_assert_null (bp_event_stream_decoder_pop (decoder));
  g_clear_error (&error);

  bp_event_stream_decoder_reset (decoder);
  for (gsize i = 0; i < len && error == NULL; i++)
    bp_event_stream_decoder_feed (decoder, raw + i, 1, &error);
  g_assert_error (error, BP_EVENT_STREAM_ERROR, code);
  g_assert_null (bp_event_stream_decoder_pop (decoder));
}

/* A corrupted header byte is a message CRC failure: the headers are only
 * parsed once the CRC has vouched for them. */
static void
test_crc_before_headers (void)
{
  g_autoptr(GBytes) good = bp_test_read_data ("eventstream", "encoded", "positive",
                                              "payload_one_str_header", NULL);
  g_autoptr(GByteArray) bad = g_byte_array_new ();
  g_autoptr(GBytes) bad_bytes = NULL;

  g_byte_array_append (bad, g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  g_assert_cmpuint (bad->data[12 + 1 + 12], ==, BP_EVENT_STREAM_HEADER_STRING);
  bad->data[12 + 1 + 12] = 0x0b;
  bad_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&bad));

  assert_feed_fails (bad_bytes, BP_EVENT_STREAM_ERROR, BP_EVENT_STREAM_ERROR_MESSAGE_CRC);
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

static void
test_wire_vector (gconstpointer data)
{
  const WireVector *v = data;
  g_autoptr(GBytes) bytes = hex_bytes (v->hex);
  g_autoptr(BpEventStreamMessage) message = decode_one (bytes);
  g_autoptr(BpEventStreamMessage) built = bp_event_stream_message_new ();
  g_autoptr(GBytes) payload = g_bytes_new_static (v->payload, strlen (v->payload));
  guint n_headers = 0;

  while (n_headers < G_N_ELEMENTS (v->headers) && v->headers[n_headers][0] != NULL)
    n_headers++;

  g_assert_cmphex (bp_event_stream_message_get_prelude_crc (message), ==, v->prelude_crc);
  g_assert_cmphex (bp_event_stream_message_get_message_crc (message), ==, v->message_crc);
  g_assert_cmpuint (bp_event_stream_message_get_n_headers (message), ==, n_headers);
  for (guint i = 0; i < n_headers; i++)
    {
      const BpEventStreamHeader *header = bp_event_stream_message_get_header (message, i);

      g_assert_cmpstr (header->name, ==, v->headers[i][0]);
      g_assert_cmpint (header->type, ==, BP_EVENT_STREAM_HEADER_STRING);
      g_assert_cmpstr (bp_event_stream_message_get_string_header (message, v->headers[i][0]),
                       ==, v->headers[i][1]);
      bp_event_stream_message_add_string_header (built, v->headers[i][0], v->headers[i][1]);
    }
  g_assert_true (g_bytes_equal (bp_event_stream_message_get_payload (message), payload));

  assert_encodes_to (message, bytes);
  bp_event_stream_message_set_payload (built, payload);
  assert_encodes_to (built, bytes);
  g_assert_cmphex (bp_event_stream_message_get_message_crc (built), ==, v->message_crc);
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

/* Encoder */

static void
add_int_header (BpEventStreamMessage    *message,
                const char              *name,
                BpEventStreamHeaderType  type,
                gint64                   value)
{
  BpEventStreamHeader header = { (char *) name, type, value, NULL };

  bp_event_stream_message_add_header (message, &header);
}

static void
add_bytes_header (BpEventStreamMessage    *message,
                  const char              *name,
                  BpEventStreamHeaderType  type,
                  gsize                    len)
{
  g_autofree guint8 *data = g_malloc0 (len + 1);
  g_autoptr(GBytes) bytes = NULL;
  BpEventStreamHeader header = { (char *) name, type, 0, NULL };

  memset (data, 'x', len);
  header.bytes_value = bytes = g_bytes_new (data, len);
  bp_event_stream_message_add_header (message, &header);
}

static void
assert_encode_fails (BpEventStreamMessage *message,
                     int                   code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bp_event_stream_message_encode (message, &error);

  g_assert_error (error, BP_EVENT_STREAM_ERROR, code);
  g_assert_null (bytes);
}

static GBytes *
encode (BpEventStreamMessage *message)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = bp_event_stream_message_encode (message, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  return bytes;
}

static void
test_encode_negative_values (void)
{
  static const struct {
    BpEventStreamHeaderType type;
    gint64 value;
    const char *wire;   /* the value bytes as encoded */
  } cases[] = {
    { BP_EVENT_STREAM_HEADER_BYTE, G_MININT8, "80" },
    { BP_EVENT_STREAM_HEADER_BYTE, -1, "ff" },
    { BP_EVENT_STREAM_HEADER_INT16, G_MININT16, "8000" },
    { BP_EVENT_STREAM_HEADER_INT32, G_MININT32, "80000000" },
    { BP_EVENT_STREAM_HEADER_INT32, -2, "fffffffe" },
    { BP_EVENT_STREAM_HEADER_INT64, G_MININT64, "8000000000000000" },
    { BP_EVENT_STREAM_HEADER_INT64, -1, "ffffffffffffffff" },
    { BP_EVENT_STREAM_HEADER_INT64, G_MAXINT64, "7fffffffffffffff" },
    { BP_EVENT_STREAM_HEADER_TIMESTAMP, -1, "ffffffffffffffff" },
    /* 0001-01-01T00:00:00Z in milliseconds. */
    { BP_EVENT_STREAM_HEADER_TIMESTAMP, G_GINT64_CONSTANT (-62135596800000), "ffffc77cedd32800" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpEventStreamMessage) message = bp_event_stream_message_new ();
      g_autoptr(BpEventStreamMessage) decoded = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) wire = hex_bytes (cases[i].wire);
      const guint8 *raw;

      add_int_header (message, "v", cases[i].type, cases[i].value);
      bytes = encode (message);

      /* Prelude, name_len, "v", type, then the value. */
      raw = g_bytes_get_data (bytes, NULL);
      g_assert_cmpuint (raw[12 + 2], ==, cases[i].type);
      g_assert_cmpmem (raw + 12 + 3, g_bytes_get_size (wire),
                       g_bytes_get_data (wire, NULL), g_bytes_get_size (wire));

      decoded = decode_one (bytes);
      g_assert_true (bp_event_stream_message_equal (decoded, message));
      g_assert_cmpint (bp_event_stream_message_get_header (decoded, 0)->int_value, ==, cases[i].value);
    }
}

static void
test_encode_bad_header (void)
{
  static const struct {
    BpEventStreamHeaderType type;
    gint64 value;
  } out_of_range[] = {
    { BP_EVENT_STREAM_HEADER_BYTE, 128 },
    { BP_EVENT_STREAM_HEADER_BYTE, -129 },
    { BP_EVENT_STREAM_HEADER_INT16, 32768 },
    { BP_EVENT_STREAM_HEADER_INT32, G_GINT64_CONSTANT (-2147483649) },
  };
  g_autoptr(BpEventStreamMessage) empty_name = bp_event_stream_message_new ();
  g_autoptr(BpEventStreamMessage) duplicate = bp_event_stream_message_new ();
  g_autoptr(BpEventStreamMessage) short_uuid = bp_event_stream_message_new ();
  g_autoptr(BpEventStreamMessage) no_uuid = bp_event_stream_message_new ();
  BpEventStreamHeader header = { (char *) "id", BP_EVENT_STREAM_HEADER_UUID, 0, NULL };

  bp_event_stream_message_add_string_header (empty_name, "", "x");
  assert_encode_fails (empty_name, BP_EVENT_STREAM_ERROR_BAD_HEADER);

  bp_event_stream_message_add_string_header (duplicate, ":event-type", "a");
  add_int_header (duplicate, ":event-type", BP_EVENT_STREAM_HEADER_INT32, 1);
  assert_encode_fails (duplicate, BP_EVENT_STREAM_ERROR_BAD_HEADER);

  add_bytes_header (short_uuid, "id", BP_EVENT_STREAM_HEADER_UUID, 15);
  assert_encode_fails (short_uuid, BP_EVENT_STREAM_ERROR_BAD_HEADER);
  bp_event_stream_message_add_header (no_uuid, &header);
  assert_encode_fails (no_uuid, BP_EVENT_STREAM_ERROR_BAD_HEADER);

  for (guint i = 0; i < G_N_ELEMENTS (out_of_range); i++)
    {
      g_autoptr(BpEventStreamMessage) message = bp_event_stream_message_new ();

      add_int_header (message, "n", out_of_range[i].type, out_of_range[i].value);
      assert_encode_fails (message, BP_EVENT_STREAM_ERROR_BAD_HEADER);
    }
}

/* Short names for the limits, to keep the next test readable. */
#define MAX_NAME    BP_EVENT_STREAM_MAX_HEADER_NAME_LENGTH
#define MAX_VALUE   BP_EVENT_STREAM_MAX_HEADER_VALUE_LENGTH
#define MAX_HEADERS BP_EVENT_STREAM_MAX_HEADERS_LENGTH
#define MAX_MESSAGE BP_EVENT_STREAM_MAX_MESSAGE_LENGTH
#define MIN_MESSAGE BP_EVENT_STREAM_MIN_MESSAGE_LENGTH

static void
test_encode_limits (void)
{
  g_autoptr(BpEventStreamMessage) name_ok = bp_event_stream_message_new ();
  g_autoptr(BpEventStreamMessage) name_long = bp_event_stream_message_new ();
  g_autoptr(BpEventStreamMessage) value_ok = bp_event_stream_message_new ();
  g_autoptr(BpEventStreamMessage) value_long = bp_event_stream_message_new ();
  g_autoptr(BpEventStreamMessage) headers_long = bp_event_stream_message_new ();
  g_autoptr(BpEventStreamMessage) payload_ok = bp_event_stream_message_new ();
  g_autoptr(BpEventStreamMessage) decoded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GBytes) too_big = NULL;
  g_autofree char *name = g_strnfill (MAX_NAME + 1, 'n');

  bp_event_stream_message_add_string_header (name_long, name, "x");
  assert_encode_fails (name_long, BP_EVENT_STREAM_ERROR_TOO_LARGE);
  name[MAX_NAME] = '\0';
  bp_event_stream_message_add_string_header (name_ok, name, "x");
  bytes = encode (name_ok);
  decoded = decode_one (bytes);
  g_assert_cmpstr (bp_event_stream_message_get_string_header (decoded, name), ==, "x");
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&decoded, bp_event_stream_message_unref);

  add_bytes_header (value_long, "s", BP_EVENT_STREAM_HEADER_STRING, MAX_VALUE + 1);
  assert_encode_fails (value_long, BP_EVENT_STREAM_ERROR_TOO_LARGE);
  /* A maximal string value plus a bytes value that makes the header block
   * exactly 128 KiB: each header costs 5 bytes besides its value here. */
  add_bytes_header (value_ok, "s", BP_EVENT_STREAM_HEADER_STRING, MAX_VALUE);
  add_bytes_header (value_ok, "b", BP_EVENT_STREAM_HEADER_BYTES,
                    MAX_HEADERS - 10 - MAX_VALUE);
  bytes = encode (value_ok);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==,
                    MIN_MESSAGE + MAX_HEADERS);
  decoded = decode_one (bytes);
  g_assert_true (bp_event_stream_message_equal (decoded, value_ok));
  g_clear_pointer (&decoded, bp_event_stream_message_unref);

  /* One byte more and the block is over the limit. */
  add_bytes_header (headers_long, "s", BP_EVENT_STREAM_HEADER_STRING, MAX_VALUE);
  add_bytes_header (headers_long, "b", BP_EVENT_STREAM_HEADER_BYTES,
                    MAX_HEADERS - 9 - MAX_VALUE);
  assert_encode_fails (headers_long, BP_EVENT_STREAM_ERROR_TOO_LARGE);

  /* The largest payload a header-less message can carry, then one more byte. */
  too_big = g_bytes_new_take (g_malloc0 (MAX_MESSAGE), MAX_MESSAGE);
  big = g_bytes_new_from_bytes (too_big, 0, MAX_MESSAGE - MIN_MESSAGE);
  g_clear_pointer (&bytes, g_bytes_unref);
  bp_event_stream_message_set_payload (payload_ok, big);
  bytes = encode (payload_ok);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, MAX_MESSAGE);
  decoded = decode_one (bytes);
  g_assert_true (g_bytes_equal (bp_event_stream_message_get_payload (decoded), big));
  g_clear_pointer (&big, g_bytes_unref);
  big = g_bytes_new_from_bytes (too_big, 0, MAX_MESSAGE - MIN_MESSAGE + 1);
  bp_event_stream_message_set_payload (payload_ok, big);
  assert_encode_fails (payload_ok, BP_EVENT_STREAM_ERROR_TOO_LARGE);
}

static void
test_large_payload (void)
{
  g_autoptr(BpEventStreamMessage) message = bp_event_stream_message_new ();
  g_autoptr(BpEventStreamDecoder) decoder = bp_event_stream_decoder_new ();
  g_autoptr(BpEventStreamMessage) decoded = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 1024 * 1024;
  guint8 *data = g_malloc (size);
  const guint8 *raw;
  gsize len;

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 31 + 7);
  payload = g_bytes_new_take (data, size);
  bp_event_stream_message_add_string_header (message, ":event-type", "chunk");
  bp_event_stream_message_set_payload (message, payload);
  bytes = encode (message);
  raw = g_bytes_get_data (bytes, &len);

  /* 64 KiB reads, as the HTTP client does. */
  for (gsize offset = 0; offset < len; offset += 65536)
    {
      g_assert_null (bp_event_stream_decoder_pop (decoder));
      bp_event_stream_decoder_feed (decoder, raw + offset, MIN (65536, len - offset), &error);
      g_assert_no_error (error);
    }
  decoded = bp_event_stream_decoder_pop (decoder);
  g_assert_nonnull (decoded);
  g_assert_true (g_bytes_equal (bp_event_stream_message_get_payload (decoded), payload));
  g_assert_cmpstr (bp_event_stream_message_get_string_header (decoded, ":event-type"), ==, "chunk");
  g_assert_cmphex (bp_event_stream_message_get_message_crc (decoded), ==,
                   bp_event_stream_message_get_message_crc (message));
}

static void
test_string_header (void)
{
  g_autoptr(BpEventStreamMessage) message = bp_event_stream_message_new ();
  g_autoptr(BpEventStreamMessage) with_nul = bp_event_stream_message_new ();
  g_autoptr(GBytes) nul_value = g_bytes_new_static ("a\0b", 3);
  g_autoptr(GBytes) longer = g_bytes_new_static ("abcdef", 6);
  g_autoptr(GBytes) prefix = g_bytes_new_from_bytes (longer, 0, 3);
  BpEventStreamHeader header = { (char *) "copied", BP_EVENT_STREAM_HEADER_STRING, 0, prefix };
  g_autoptr(BpEventStreamMessage) decoded = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bp_event_stream_message_add_string_header (message, ":message-type", "event");
  bp_event_stream_message_add_string_header (message, "empty", "");
  add_int_header (message, "number", BP_EVENT_STREAM_HEADER_INT32, 7);
  bp_event_stream_message_add_header (message, &header);

  g_assert_cmpstr (bp_event_stream_message_get_string_header (message, ":message-type"), ==, "event");
  g_assert_cmpstr (bp_event_stream_message_get_string_header (message, "empty"), ==, "");
  g_assert_null (bp_event_stream_message_get_string_header (message, "number"));
  g_assert_null (bp_event_stream_message_get_string_header (message, "absent"));
  g_assert_null (bp_event_stream_message_get_string_header (message, ":Message-Type"));
  /* A slice of "abcdef" is copied with a NUL after it: it reads "abc". */
  g_assert_cmpstr (bp_event_stream_message_get_string_header (message, "copied"), ==, "abc");

  bytes = encode (message);
  decoded = decode_one (bytes);
  g_assert_true (bp_event_stream_message_equal (decoded, message));
  g_assert_cmpstr (bp_event_stream_message_get_string_header (decoded, "copied"), ==, "abc");
  g_assert_cmpstr (bp_event_stream_message_get_string_header (decoded, "empty"), ==, "");

  /* A NUL inside a string value cannot be a C string: not readable as
   * one, and neither encoded nor decoded. */
  header.name = (char *) "nul";
  header.bytes_value = nul_value;
  bp_event_stream_message_add_header (with_nul, &header);
  g_assert_null (bp_event_stream_message_get_string_header (with_nul, "nul"));
  assert_encode_fails (with_nul, BP_EVENT_STREAM_ERROR_BAD_HEADER);
}

static void
test_crcs_follow_changes (void)
{
  g_autoptr(BpEventStreamMessage) message = bp_event_stream_message_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) empty = hex_bytes (wire_vectors[0].hex);

  g_assert_cmphex (bp_event_stream_message_get_prelude_crc (message), ==, 0);
  g_assert_cmphex (bp_event_stream_message_get_message_crc (message), ==, 0);
  assert_encodes_to (message, empty);
  g_assert_cmphex (bp_event_stream_message_get_message_crc (message), ==, wire_vectors[0].message_crc);

  bp_event_stream_message_set_payload (message, NULL);
  g_assert_cmphex (bp_event_stream_message_get_message_crc (message), ==, 0);
  bytes = encode (message);
  bp_event_stream_message_add_string_header (message, "a", "b");
  g_assert_cmphex (bp_event_stream_message_get_prelude_crc (message), ==, 0);
  g_assert_cmpuint (g_bytes_get_size (bp_event_stream_message_get_payload (message)), ==, 0);
}

static void
add_encode_tests (void)
{
  g_test_add_func ("/bp/event-stream/encode/negative-values", test_encode_negative_values);
  g_test_add_func ("/bp/event-stream/encode/bad-header", test_encode_bad_header);
  g_test_add_func ("/bp/event-stream/encode/limits", test_encode_limits);
  g_test_add_func ("/bp/event-stream/large-payload", test_large_payload);
  g_test_add_func ("/bp/event-stream/message/string-header", test_string_header);
  g_test_add_func ("/bp/event-stream/message/crcs", test_crcs_follow_changes);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) positive = NULL;
  g_autoptr(GPtrArray) negative = NULL;

  bp_test_init (&argc, &argv);

  positive = list_vectors ("positive");
  negative = list_vectors ("negative");

  g_test_add_func ("/bp/event-stream/vector/count", test_vector_count);
  for (guint i = 0; i < positive->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/bp/event-stream/vector/positive/%s",
                                               (char *) g_ptr_array_index (positive, i));
      g_test_add_data_func (path, g_ptr_array_index (positive, i), test_positive_vector);
    }
  for (guint i = 0; i < negative->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/bp/event-stream/vector/negative/%s",
                                               (char *) g_ptr_array_index (negative, i));
      g_test_add_data_func (path, g_ptr_array_index (negative, i), test_negative_vector);
    }
  g_test_add_func ("/bp/event-stream/crc-before-headers", test_crc_before_headers);
  for (guint i = 0; i < G_N_ELEMENTS (wire_vectors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bp/event-stream/wire-format/%s", wire_vectors[i].name);
      g_test_add_data_func (path, &wire_vectors[i], test_wire_vector);
    }

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
  add_encode_tests ();

  return g_test_run ();
}
