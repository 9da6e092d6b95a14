/* test-event-stream.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "bp-event-stream-test-utils.h"
#include "bp-event-stream.h"
#include "bp-test-utils.h"

/* The vector files of tests/data/eventstream, the wire-format vectors and
 * the encoder. The decoder over whole streams (chunking, truncation,
 * limits, bad headers) is in test-event-stream-decoder.c. */

/* Helpers */

static GBytes *
base64_bytes (const char *text)
{
  gsize len = 0;
  guchar *data = g_base64_decode (text, &len);

  return g_bytes_new_take (data, len);
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

/* bedrock-wire-format.md §7.6: the vectors are in bp-event-stream-test-utils.h. */

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
  add_encode_tests ();

  return g_test_run ();
}
