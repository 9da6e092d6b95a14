/* bp-fake-client.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "bp-event-stream.h"
#include "bp-fake-client.h"
#include "bp-sigv4.h"

/* Helpers for the fake's own loopback tests. They assert rather than
 * report, like test code, and drive the default main context. */

#define SIMPLE_CONVERSE "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"%s\"}]}]}"

static const BpFakeAuth default_auth = { BP_FAKE_AUTH_SIGV4 };

/**
 * bp_fake_client_init:
 * @client: (out caller-allocates): a client
 *
 * Starts a fake and a session to talk to it.
 */
void
bp_fake_client_init (BpFakeClient *client)
{
  client->fake = bp_fake_bedrock_new ();
  client->session = soup_session_new ();
}

/**
 * bp_fake_client_clear:
 * @client: a client
 *
 * Stops both and lets pending sources run.
 */
void
bp_fake_client_clear (BpFakeClient *client)
{
  soup_session_abort (client->session);
  g_clear_object (&client->session);
  g_clear_object (&client->fake);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
bp_fake_client_store_result_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
bp_fake_client_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
authorize (BpFakeClient     *client,
           SoupMessage      *msg,
           GBytes           *body,
           const BpFakeAuth *auth)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  GUri *uri = soup_message_get_uri (msg);
  g_autoptr(BpSigV4Request) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", bp_fake_bedrock_get_port (client->fake));
  BpSigV4Config config = { 0 };

  if (auth->mode == BP_FAKE_AUTH_NONE)
    return;
  if (auth->mode == BP_FAKE_AUTH_BEARER)
    {
      g_autofree char *value = g_strconcat ("Bearer ", auth->bearer, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      return;
    }

  request = bp_sigv4_request_new (soup_message_get_method (msg), g_uri_get_path (uri),
                                  g_uri_get_query (uri));
  bp_sigv4_request_add_header (request, "Host", host);
  if (body != NULL)
    bp_sigv4_request_add_header (request, "Content-Type", "application/json");
  bp_sigv4_request_set_body (request, body);

  config.access_key_id = auth->access_key_id ? auth->access_key_id : "AKIDEXAMPLE";
  config.secret_access_key = auth->secret ? auth->secret : BP_FAKE_SECRET_ACCESS_KEY;
  config.session_token = auth->session_token;
  config.region = auth->region ? auth->region : "us-east-1";
  config.service = "bedrock";
  config.unix_time = g_get_real_time () / G_USEC_PER_SEC + auth->time_offset;
  config.normalize_path = TRUE;
  g_assert_true (bp_sigv4_sign (request, &config, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < bp_sigv4_request_get_n_headers (request); i++)
    {
      const char *name, *value;

      bp_sigv4_request_get_nth_header (request, i, &name, &value);
      if (g_ascii_strcasecmp (name, "Host") != 0)
        soup_message_headers_replace (headers, name, value);
    }
}

SoupMessage *
bp_fake_client_new_message (BpFakeClient     *client,
                            const char       *method,
                            const char       *path,
                            const char       *body,
                            const BpFakeAuth *auth)
{
  g_autofree char *url = g_strconcat (bp_fake_bedrock_get_url (client->fake), path, NULL);
  g_autoptr(GBytes) bytes = body ? g_bytes_new (body, strlen (body)) : NULL;
  SoupMessage *msg = soup_message_new (method, url);

  g_assert_nonnull (msg);
  if (bytes != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  authorize (client, msg, bytes, auth ? auth : &default_auth);

  return msg;
}

GBytes *
bp_fake_client_send (BpFakeClient  *client,
                     SoupMessage   *msg,
                     GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  soup_session_send_and_read_async (client->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    bp_fake_client_store_result_cb, &result);
  return soup_session_send_and_read_finish (client->session, bp_fake_client_wait (&result), error);
}

JsonNode *
bp_fake_json_parse (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  json_parser_load_from_data (parser, data, len, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_parser_steal_root (parser);
}

/* One JSONPath match, or NULL. */
JsonNode *
bp_fake_json_query (JsonNode   *root,
                    const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) matches = json_path_query (path, root, &error);
  JsonArray *array;

  g_assert_no_error (error);
  array = json_node_get_array (matches);
  if (json_array_get_length (array) == 0)
    return NULL;

  return json_node_copy (json_array_get_element (array, 0));
}

gboolean
bp_fake_json_has (JsonNode   *root,
                  const char *path)
{
  g_autoptr(JsonNode) node = bp_fake_json_query (root, path);

  return node != NULL;
}

guint
bp_fake_json_array_length (JsonNode   *root,
                           const char *path)
{
  g_autoptr(JsonNode) node = bp_fake_json_query (root, path);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_array_get_length (json_node_get_array (node));
}

char *
bp_fake_json_string (JsonNode   *root,
                     const char *path)
{
  g_autoptr(JsonNode) node = bp_fake_json_query (root, path);

  g_assert_nonnull (node);
  return g_strdup (json_node_get_string (node));
}

gint64
bp_fake_json_int (JsonNode   *root,
                  const char *path)
{
  g_autoptr(JsonNode) node = bp_fake_json_query (root, path);

  g_assert_nonnull (node);
  return json_node_get_int (node);
}

/* Sends a request and returns its JSON body; asserts the status. */
JsonNode *
bp_fake_client_call_json (BpFakeClient     *client,
                          const char       *method,
                          const char       *path,
                          const char       *body,
                          const BpFakeAuth *auth,
                          guint             expected_status)
{
  g_autoptr(SoupMessage) msg = bp_fake_client_new_message (client, method, path, body, auth);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bp_fake_client_send (client, msg, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);
  g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Date"));
  g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                  "x-amzn-RequestId"));

  return bp_fake_json_parse (bytes);
}

char *
bp_fake_converse_body (const char *text)
{
  return g_strdup_printf (SIMPLE_CONVERSE, text);
}

/* Asserts an error response: status, x-amzn-ErrorType code and message. */
void
bp_fake_client_assert_error (BpFakeClient     *client,
                             const char       *path,
                             const char       *body,
                             const BpFakeAuth *auth,
                             guint             status,
                             const char       *code,
                             const char       *message_prefix)
{
  g_autoptr(SoupMessage) msg = bp_fake_client_new_message (client, body ? "POST" : "GET", path,
                                                           body, auth);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bp_fake_client_send (client, msg, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *message = NULL;
  const char *type;

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, status);
  type = soup_message_headers_get_one (soup_message_get_response_headers (msg), "x-amzn-ErrorType");
  g_assert_nonnull (type);
  g_assert_true (g_str_has_prefix (type, code));
  g_assert_cmpint (type[strlen (code)], ==, ':');

  root = bp_fake_json_parse (bytes);
  message = bp_fake_json_string (root, "$.message");
  g_assert_true (g_str_has_prefix (message, message_prefix));
}

void
bp_fake_stream_result_clear (BpFakeStreamResult *stream)
{
  g_clear_pointer (&stream->events, g_ptr_array_unref);
  g_clear_error (&stream->transport_error);
  g_clear_error (&stream->decode_error);
}

void
bp_fake_client_read_stream (BpFakeClient       *client,
                            SoupMessage        *msg,
                            BpFakeStreamResult *out)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(BpEventStreamDecoder) decoder = bp_event_stream_decoder_new ();

  out->events = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_event_stream_message_unref);
  soup_session_send_async (client->session, msg, G_PRIORITY_DEFAULT, NULL,
                           bp_fake_client_store_result_cb, &result);
  input = soup_session_send_finish (client->session, bp_fake_client_wait (&result),
                                    &out->transport_error);
  out->status = soup_message_get_status (msg);
  if (input == NULL)
    return;

  for (;;)
    {
      g_autoptr(GAsyncResult) read_result = NULL;
      g_autoptr(GBytes) bytes = NULL;
      BpEventStreamMessage *message;

      g_input_stream_read_bytes_async (input, 65536, G_PRIORITY_DEFAULT, NULL,
                                       bp_fake_client_store_result_cb, &read_result);
      bytes = g_input_stream_read_bytes_finish (input, bp_fake_client_wait (&read_result),
                                                &out->transport_error);
      if (bytes == NULL || g_bytes_get_size (bytes) == 0)
        break;
      if (!bp_event_stream_decoder_feed (decoder, g_bytes_get_data (bytes, NULL),
                                         g_bytes_get_size (bytes), &out->decode_error))
        break;
      while ((message = bp_event_stream_decoder_pop (decoder)) != NULL)
        g_ptr_array_add (out->events, message);
    }

  out->mid_message = bp_event_stream_decoder_is_mid_message (decoder);
  g_input_stream_close (input, NULL, NULL);
}

const char *
bp_fake_stream_result_event_type (BpFakeStreamResult *stream,
                                  guint               n)
{
  BpEventStreamMessage *message = g_ptr_array_index (stream->events, n);
  const char *type = bp_event_stream_message_get_string_header (message, ":event-type");

  return type ? type : bp_event_stream_message_get_string_header (message, ":exception-type");
}

JsonNode *
bp_fake_stream_result_payload (BpFakeStreamResult *stream,
                               guint               n)
{
  return bp_fake_json_parse (bp_event_stream_message_get_payload (g_ptr_array_index (stream->events,
                                                                                     n)));
}

/* The model-native JSON inside an InvokeModelWithResponseStream chunk. */
JsonNode *
bp_fake_stream_result_chunk (BpFakeStreamResult *stream,
                             guint               n)
{
  g_autoptr(JsonNode) payload = bp_fake_stream_result_payload (stream, n);
  g_autofree char *base64 = bp_fake_json_string (payload, "$.bytes");
  g_autoptr(GBytes) bytes = NULL;
  guchar *decoded;
  gsize len;

  decoded = g_base64_decode (base64, &len);
  bytes = g_bytes_new_take (decoded, len);

  return bp_fake_json_parse (bytes);
}

void
bp_fake_client_open_stream (BpFakeClient       *client,
                            const char         *path,
                            const char         *body,
                            BpFakeStreamResult *out)
{
  g_autoptr(SoupMessage) msg = bp_fake_client_new_message (client, "POST", path, body, NULL);

  bp_fake_client_read_stream (client, msg, out);
}

/* Concatenates the text deltas of a ConverseStream. */
char *
bp_fake_stream_result_text (BpFakeStreamResult *stream)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < stream->events->len; i++)
    {
      g_autoptr(JsonNode) payload = NULL;
      g_autoptr(JsonNode) delta = NULL;

      if (g_strcmp0 (bp_fake_stream_result_event_type (stream, i), "contentBlockDelta") != 0)
        continue;
      payload = bp_fake_stream_result_payload (stream, i);
      delta = bp_fake_json_query (payload, "$.delta.text");
      if (delta != NULL)
        g_string_append (text, json_node_get_string (delta));
    }

  return g_string_free (text, FALSE);
}

/* Reads everything a raw socket receives until the server closes. */
GBytes *
bp_fake_client_raw_exchange (BpFakeClient *client,
                             const char   *request)
{
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) write_result = NULL;
  g_autoptr(GByteArray) received = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  GInputStream *input;

  g_socket_client_connect_to_host_async (socket_client, "127.0.0.1",
                                         bp_fake_bedrock_get_port (client->fake),
                                         NULL, bp_fake_client_store_result_cb, &result);
  connection = g_socket_client_connect_to_host_finish (socket_client, bp_fake_client_wait (&result),
                                                       &error);
  g_assert_no_error (error);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                   request, strlen (request), G_PRIORITY_DEFAULT, NULL,
                                   bp_fake_client_store_result_cb, &write_result);
  g_output_stream_write_all_finish (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                    bp_fake_client_wait (&write_result), NULL, &error);
  g_assert_no_error (error);

  input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  for (;;)
    {
      g_autoptr(GAsyncResult) read_result = NULL;
      g_autoptr(GBytes) bytes = NULL;

      g_input_stream_read_bytes_async (input, 65536, G_PRIORITY_DEFAULT, NULL,
                                       bp_fake_client_store_result_cb, &read_result);
      bytes = g_input_stream_read_bytes_finish (input, bp_fake_client_wait (&read_result), &error);
      g_assert_no_error (error);
      if (g_bytes_get_size (bytes) == 0)
        break;
      g_byte_array_append (received, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&received));
}

guint32
bp_fake_read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Checks a PNG file: signature, chunk CRCs, IHDR, and that the IDAT
 * stream inflates to exactly the rows IHDR announces. */
void
bp_fake_assert_png (const guint8 *data,
                    gsize         len,
                    guint         width,
                    guint         height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autofree guint8 *raw = NULL;
  gsize offset = 8;
  uLongf raw_len, expected_len;
  gboolean seen_end = FALSE;

  g_assert_cmpuint (len, >, 8);
  g_assert_cmpmem (data, 8, signature, 8);

  while (offset + 12 <= len && !seen_end)
    {
      guint32 chunk_len = bp_fake_read_be32 (data + offset);
      const guint8 *type = data + offset + 4;
      const guint8 *chunk = type + 4;

      g_assert_cmpuint (offset + 12 + chunk_len, <=, len);
      g_assert_cmpuint (crc32 (0, type, chunk_len + 4), ==, bp_fake_read_be32 (chunk + chunk_len));
      if (memcmp (type, "IHDR", 4) == 0)
        {
          g_assert_cmpuint (offset, ==, 8);
          g_assert_cmpuint (bp_fake_read_be32 (chunk), ==, width);
          g_assert_cmpuint (bp_fake_read_be32 (chunk + 4), ==, height);
          g_assert_cmpuint (chunk[8], ==, 8);
          g_assert_cmpuint (chunk[9], ==, 2);
        }
      else if (memcmp (type, "IDAT", 4) == 0)
        g_byte_array_append (idat, chunk, chunk_len);
      else if (memcmp (type, "IEND", 4) == 0)
        seen_end = TRUE;
      offset += 12 + chunk_len;
    }

  g_assert_true (seen_end);
  g_assert_cmpuint (offset, ==, len);
  expected_len = (uLongf) height * (width * 3 + 1);
  raw_len = expected_len;
  raw = g_malloc (expected_len);
  g_assert_cmpint (uncompress (raw, &raw_len, idat->data, idat->len), ==, Z_OK);
  g_assert_cmpuint (raw_len, ==, expected_len);
  for (guint y = 0; y < height; y++)
    g_assert_cmpuint (raw[(gsize) y * (width * 3 + 1)], <=, 4);
}
