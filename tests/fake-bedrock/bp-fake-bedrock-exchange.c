/* bp-fake-bedrock-exchange.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <string.h>

#include "bp-fake-bedrock-private.h"

/* One request in flight: the response helpers every operation uses, the
 * common headers (Date, x-amzn-RequestId), JSON error bodies (§6.1) and
 * the pause/unpause dance of an asynchronous SoupServer response. */

/* The most words a "[[words:N]]" marker may ask for. */
#define MAX_REPLY_WORDS (4 * 1024 * 1024)

static void
finished_cb (SoupServerMessage *msg,
             BpFakeExchange    *exchange)
{
  g_assert (exchange->msg == msg);

  exchange->finished = TRUE;
  /* Frees @exchange. */
  g_hash_table_remove (exchange->fake->exchanges, exchange);
}

/**
 * _bp_fake_exchange_new:
 * @fake: the fake
 * @msg: the message being served
 * @record: its log record
 *
 * Returns: (transfer none): a new exchange, owned by @fake until @msg
 *   finishes
 */
BpFakeExchange *
_bp_fake_exchange_new (BpFakeBedrock     *fake,
                       SoupServerMessage *msg,
                       BpFakeRequest     *record)
{
  BpFakeExchange *exchange = g_new0 (BpFakeExchange, 1);

  exchange->fake = fake;
  exchange->msg = g_object_ref (msg);
  exchange->record = _bp_fake_request_ref (record);
  exchange->operation = BP_FAKE_OP_UNKNOWN;
  exchange->start_us = g_get_monotonic_time ();
  exchange->request_id = g_strdup_printf ("5eed0000-fa4e-4b0c-8000-%012" G_GINT64_MODIFIER "x",
                                          (guint64) ++fake->next_request_id);
  exchange->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (finished_cb), exchange);
  g_hash_table_add (fake->exchanges, exchange);

  return exchange;
}

/**
 * _bp_fake_exchange_free:
 * @exchange: (transfer full): an exchange
 */
void
_bp_fake_exchange_free (BpFakeExchange *exchange)
{
  g_clear_signal_handler (&exchange->finished_id, exchange->msg);
  g_clear_handle_id (&exchange->delay_id, g_source_remove);
  g_clear_pointer (&exchange->stream, _bp_fake_stream_free);
  g_clear_pointer (&exchange->json, json_node_unref);
  g_clear_pointer (&exchange->record, _bp_fake_request_unref);
  g_clear_object (&exchange->msg);
  g_free (exchange->model_id);
  g_free (exchange->model_error);
  g_free (exchange->request_id);
  g_free (exchange);
}

/**
 * _bp_fake_exchange_pause:
 * @exchange: an exchange
 *
 * Holds the response back until _bp_fake_exchange_kick().
 */
void
_bp_fake_exchange_pause (BpFakeExchange *exchange)
{
  if (exchange->paused || exchange->finished)
    return;

  soup_server_message_pause (exchange->msg);
  exchange->paused = TRUE;
}

/**
 * _bp_fake_exchange_kick:
 * @exchange: an exchange
 *
 * Lets libsoup write what the response has now. Inside the request
 * handler libsoup goes on by itself unless the exchange was paused.
 */
void
_bp_fake_exchange_kick (BpFakeExchange *exchange)
{
  if (exchange->finished || (exchange->in_handler && !exchange->paused))
    return;

  soup_server_message_unpause (exchange->msg);
  exchange->paused = FALSE;
}

/**
 * _bp_fake_exchange_set_status:
 * @exchange: an exchange
 * @status: an HTTP status
 *
 * Sets the status and the headers every response carries: an RFC 7231
 * Date from the server's clock (offset included) and x-amzn-RequestId.
 */
void
_bp_fake_exchange_set_status (BpFakeExchange *exchange,
                              guint           status)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (exchange->msg);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (_bp_fake_bedrock_now (exchange->fake));
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);

  soup_server_message_set_status (exchange->msg, status, NULL);
  soup_message_headers_replace (headers, "Date", date);
  soup_message_headers_replace (headers, "x-amzn-RequestId", exchange->request_id);
  exchange->record->status = status;
}

void
_bp_fake_exchange_set_header (BpFakeExchange *exchange,
                              const char     *name,
                              const char     *value)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (exchange->msg),
                                name, value);
}

/**
 * _bp_fake_exchange_respond:
 * @exchange: an exchange
 * @status: the HTTP status
 * @content_type: the body's type
 * @body: the body
 *
 * Sends a whole response, or half of it and then a shut-down connection
 * under the truncated-stream fault.
 */
void
_bp_fake_exchange_respond (BpFakeExchange *exchange,
                           guint           status,
                           const char     *content_type,
                           GBytes         *body)
{
  _bp_fake_exchange_set_status (exchange, status);

  if (exchange->fault == BP_FAKE_FAULT_TRUNCATED_STREAM && status == SOUP_STATUS_OK)
    {
      g_assert (exchange->stream == NULL);
      exchange->stream = _bp_fake_stream_new (exchange);
      _bp_fake_stream_start_truncated_body (exchange->stream, content_type, body);
      return;
    }

  soup_server_message_set_response (exchange->msg, content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  _bp_fake_exchange_kick (exchange);
}

/**
 * _bp_fake_json_to_bytes:
 * @node: a JSON node
 *
 * Returns: (transfer full): the compact JSON text
 */
GBytes *
_bp_fake_json_to_bytes (JsonNode *node)
{
  char *text = json_to_string (node, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

/**
 * _bp_fake_exchange_respond_json:
 * @exchange: an exchange
 * @status: the HTTP status
 * @node: (transfer full): the body
 */
void
_bp_fake_exchange_respond_json (BpFakeExchange *exchange,
                                guint           status,
                                JsonNode       *node)
{
  g_autoptr(JsonNode) owned = node;
  g_autoptr(GBytes) body = _bp_fake_json_to_bytes (owned);

  _bp_fake_exchange_respond (exchange, status, "application/json", body);
}

static gboolean
is_front_end_error (const char *code)
{
  static const char * const codes[] = {
    "ExpiredTokenException", "IncompleteSignatureException", "InvalidSignatureException",
    "MissingAuthenticationTokenException", "UnrecognizedClientException",
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      if (strcmp (code, codes[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * _bp_fake_exchange_respond_error:
 * @exchange: an exchange
 * @status: the HTTP status
 * @code: the error code, e.g. "ValidationException"
 * @message: the message
 *
 * Sends a REST-JSON error (§6.1): x-amzn-ErrorType with the URL suffix the
 * service adds, and {"message": …}.
 */
void
_bp_fake_exchange_respond_error (BpFakeExchange *exchange,
                                 guint           status,
                                 const char     *code,
                                 const char     *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *error_type = NULL;

  g_debug ("%s %s: %u %s: %s", exchange->record->method, exchange->record->path,
           status, code, message);

  error_type = g_strdup_printf ("%s:http://internal.amazon.com/coral/%s/", code,
                                is_front_end_error (code) ? "com.amazon.coral.service"
                                                          : "com.amazon.bedrock");
  _bp_fake_exchange_set_header (exchange, "x-amzn-ErrorType", error_type);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);

  _bp_fake_exchange_respond_json (exchange, status, json_builder_get_root (builder));
}

void
_bp_fake_exchange_respond_validation (BpFakeExchange *exchange,
                                      const char     *message)
{
  _bp_fake_exchange_respond_error (exchange, SOUP_STATUS_BAD_REQUEST,
                                   "ValidationException", message);
}

/**
 * _bp_fake_exchange_parse_json:
 * @exchange: an exchange
 *
 * Parses the request body into @exchange->json when it is a JSON object.
 *
 * Returns: whether it is
 */
gboolean
_bp_fake_exchange_parse_json (BpFakeExchange *exchange)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len;
  const char *data = g_bytes_get_data (exchange->record->body, &len);

  g_clear_pointer (&exchange->json, json_node_unref);
  if (len == 0 || !json_parser_load_from_data (parser, data, len, NULL))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;

  exchange->json = json_parser_steal_root (parser);
  return TRUE;
}

guint
_bp_fake_exchange_latency_ms (BpFakeExchange *exchange)
{
  return (guint) MAX (1, (g_get_monotonic_time () - exchange->start_us) / 1000);
}

gboolean
_bp_fake_exchange_is_streaming (BpFakeExchange *exchange)
{
  return strcmp (exchange->operation, BP_FAKE_OP_CONVERSE_STREAM) == 0 ||
         strcmp (exchange->operation, BP_FAKE_OP_INVOKE_MODEL_STREAM) == 0;
}

/**
 * _bp_fake_exchange_make_reply:
 * @exchange: an exchange
 * @prompt: the parsed prompt
 *
 * The reply is as long as a "[[words:N]]" marker asks, else the fake's
 * reply-words setting; the huge fault makes it about 8 MiB and ignores
 * max tokens.
 *
 * Returns: (transfer full): the reply
 */
BpFakeReply *
_bp_fake_exchange_make_reply (BpFakeExchange     *exchange,
                              const BpFakePrompt *prompt)
{
  guint words = exchange->fake->reply_words;

  if (exchange->fault == BP_FAKE_FAULT_HUGE)
    return _bp_fake_reply_new (prompt, 0, BP_FAKE_HUGE_TEXT_BYTES, FALSE);

  _bp_fake_marker_get_uint (prompt->user_text, "words", &words);

  return _bp_fake_reply_new (prompt, MIN (words, MAX_REPLY_WORDS), 0, TRUE);
}

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  return object != NULL ? json_object_get_member (object, member) : NULL;
}

JsonObject *
_bp_fake_json_get_object (JsonObject *object,
                          const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
_bp_fake_json_get_array (JsonObject *object,
                         const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
_bp_fake_json_get_string (JsonObject *object,
                          const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
_bp_fake_json_get_number (JsonObject *object,
                          const char *member,
                          double     *out_value)
{
  JsonNode *node = get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out_value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out_value = json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

gboolean
_bp_fake_json_get_int (JsonObject *object,
                       const char *member,
                       gint64     *out_value)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *out_value = json_node_get_int (node);
  return TRUE;
}
