/* bp-invoke.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-invoke"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bp-bedrock-error.h"
#include "bp-chat-json-private.h"
#include "bp-chat-request-private.h"
#include "bp-invoke-private.h"

/* InvokeModel and InvokeModelWithResponseStream for text models (wire
 * format §2.5, §2.6, §3): the native body of each family, its whole
 * response, and its stream chunks as #BpStreamEvent. This file dispatches
 * and does what all families share: the `chunk` payload, the
 * `amazon-bedrock-invocationMetrics` of the last chunk, the token headers. */

static const BpInvokeFamilyImpl *
family_impl (BpModelFamily family)
{
  switch (family)
    {
    case BP_MODEL_FAMILY_ANTHROPIC_MESSAGES: return &_bp_invoke_anthropic_messages;
    case BP_MODEL_FAMILY_ANTHROPIC_TEXT:     return &_bp_invoke_anthropic_text;
    case BP_MODEL_FAMILY_LLAMA:              return &_bp_invoke_llama;
    case BP_MODEL_FAMILY_TITAN_TEXT:         return &_bp_invoke_titan_text;
    case BP_MODEL_FAMILY_NOVA:               return &_bp_invoke_nova;
    case BP_MODEL_FAMILY_MISTRAL_PROMPT:     return &_bp_invoke_mistral_prompt;
    case BP_MODEL_FAMILY_MISTRAL_CHAT:       return &_bp_invoke_mistral_chat;
    case BP_MODEL_FAMILY_COHERE_COMMAND_R:   return &_bp_invoke_cohere_command_r;
    case BP_MODEL_FAMILY_UNKNOWN:
    default:
      return NULL;
    }
}

/**
 * bp_invoke_get_features:
 * @family: a #BpModelFamily
 *
 * What the native body of @family can carry. Nothing for
 * %BP_MODEL_FAMILY_UNKNOWN, which has no native body here.
 *
 * Returns: the features
 */
BpChatFeatures
bp_invoke_get_features (BpModelFamily family)
{
  const BpInvokeFamilyImpl *impl = family_impl (family);

  return impl != NULL ? impl->features : BP_CHAT_FEATURE_NONE;
}

/**
 * bp_invoke_build_body:
 * @family: the format to build, usually bp_model_family_from_model_id()
 *   of the request's model
 * @request: a #BpChatRequest
 * @error: return location for a %BP_BEDROCK_ERROR_VALIDATION error
 *
 * Builds the native InvokeModel body of @request for @family: multi-turn
 * conversations go through the family's chat template or message list, the
 * system prompt goes where the family keeps it (or ahead of the prompt),
 * and only set parameters are sent, under the family's own names. A set
 * parameter the family cannot take is an error, as is a missing required
 * one (Anthropic's max tokens).
 *
 * Returns: (transfer full) (nullable): the compact JSON body
 */
GBytes *
bp_invoke_build_body (BpModelFamily   family,
                      BpChatRequest  *request,
                      GError        **error)
{
  const BpInvokeFamilyImpl *impl = family_impl (family);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!bp_chat_request_validate (request, error))
    return NULL;

  if (impl == NULL)
    {
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                   _("No native InvokeModel format is known for %s; use Converse."),
                   bp_chat_request_get_model_id (request));
      return NULL;
    }

  if (!_bp_chat_request_check_features (request, impl->features, "InvokeModel", error))
    return NULL;

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  if (!impl->build (builder, request, error))
    return NULL;
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return _bp_json_to_bytes (root);
}

/**
 * bp_invoke_parse_response:
 * @family: the format of @body
 * @body: the InvokeModel response body
 * @model_id: (nullable): the model id the request named
 * @error: return location for a #GError
 *
 * Parses a whole native response: text, reasoning (Anthropic), stop reason
 * mapped to #BpStopReason (the native spelling kept), and token counts where
 * the body has them. Add the header counts with
 * bp_invoke_apply_response_headers().
 *
 * Returns: (transfer full) (nullable): a complete reply, or %NULL with
 *   %BP_BEDROCK_ERROR_NOT_JSON or %BP_BEDROCK_ERROR_FAILED
 */
BpChatReply *
bp_invoke_parse_response (BpModelFamily   family,
                          GBytes         *body,
                          const char     *model_id,
                          GError        **error)
{
  const BpInvokeFamilyImpl *impl = family_impl (family);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(BpChatReply) reply = NULL;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (impl == NULL)
    {
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                   _("No native InvokeModel format is known for %s"),
                   model_id != NULL ? model_id : bp_model_family_to_string (family));
      return NULL;
    }

  root = _bp_json_parse_object (body, BP_BEDROCK_ERROR_NOT_JSON, error);
  if (root == NULL)
    return NULL;

  reply = bp_chat_reply_new ();
  bp_chat_reply_set_model_id (reply, model_id);
  if (!impl->parse (root, reply, error))
    return NULL;

  bp_chat_reply_set_complete (reply, TRUE);
  return g_steal_pointer (&reply);
}

static gint64
parse_header_count (const char *value)
{
  guint64 number;

  if (value == NULL)
    return -1;

  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT64, &number, NULL))
    return -1;

  return (gint64) number;
}

/**
 * bp_invoke_apply_response_headers:
 * @reply: a reply from bp_invoke_parse_response()
 * @input_token_count: (nullable): `X-Amzn-Bedrock-Input-Token-Count`
 * @output_token_count: (nullable): `X-Amzn-Bedrock-Output-Token-Count`
 * @invocation_latency: (nullable): `X-Amzn-Bedrock-Invocation-Latency` (ms)
 *
 * Adds the InvokeModel response headers, the one family-independent source
 * of token counts. Counts the body already gave are kept; malformed values
 * are ignored.
 */
void
bp_invoke_apply_response_headers (BpChatReply *reply,
                                  const char  *input_token_count,
                                  const char  *output_token_count,
                                  const char  *invocation_latency)
{
  const BpUsage *current;
  gint64 latency;
  BpUsage usage;

  g_return_if_fail (reply != NULL);

  current = bp_chat_reply_get_usage (reply);
  bp_usage_init (&usage);
  if (current->input_tokens < 0)
    usage.input_tokens = parse_header_count (input_token_count);
  if (current->output_tokens < 0)
    usage.output_tokens = parse_header_count (output_token_count);
  bp_chat_reply_merge_usage (reply, &usage);

  latency = parse_header_count (invocation_latency);
  if (latency >= 0)
    bp_chat_reply_set_latency_ms (reply, latency);
}

/**
 * bp_invoke_decode_chunk_payload:
 * @chunk_event_payload: the payload of a `chunk` event,
 *   `{"bytes":"<base64>","p":"…"}`
 * @error: return location for a %BP_BEDROCK_ERROR_CORRUPT_STREAM error
 *
 * Decodes the model-native JSON a chunk carries. The decoded size is
 * checked against %BP_INVOKE_MAX_CHUNK_SIZE before decoding, and the base64
 * must be strict.
 *
 * Returns: (transfer full) (nullable): the inner JSON bytes
 */
GBytes *
bp_invoke_decode_chunk_payload (GBytes  *chunk_event_payload,
                                GError **error)
{
  g_autoptr(JsonObject) object = NULL;
  const char *encoded;
  GBytes *decoded;

  g_return_val_if_fail (chunk_event_payload != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _bp_json_parse_object (chunk_event_payload, BP_BEDROCK_ERROR_CORRUPT_STREAM, error);
  if (object == NULL)
    {
      g_prefix_error (error, _("Bad stream chunk: "));
      return NULL;
    }

  encoded = _bp_json_get_string (object, "bytes");
  if (encoded == NULL)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_CORRUPT_STREAM,
                           _("Bad stream chunk: no “bytes” member"));
      return NULL;
    }

  decoded = _bp_base64_decode_strict (encoded, BP_INVOKE_MAX_CHUNK_SIZE,
                                      BP_BEDROCK_ERROR_CORRUPT_STREAM, error);
  if (decoded == NULL)
    g_prefix_error (error, _("Bad stream chunk: "));

  return decoded;
}

/**
 * bp_invoke_stream_parser_new:
 * @family: the format of the stream's chunks (not
 *   %BP_MODEL_FAMILY_UNKNOWN)
 *
 * Creates the state of one InvokeModelWithResponseStream reply: counts
 * that arrive spread over chunks (Anthropic's input tokens in
 * `message_start`, cumulative output tokens in `message_delta`) are kept
 * here until the end.
 *
 * Returns: (transfer full): a new parser
 */
BpInvokeStreamParser *
bp_invoke_stream_parser_new (BpModelFamily family)
{
  BpInvokeStreamParser *self;

  g_return_val_if_fail (family_impl (family) != NULL, NULL);

  self = g_new0 (BpInvokeStreamParser, 1);
  self->family = family;
  self->impl = family_impl (family);
  bp_usage_init (&self->usage);

  return self;
}

/**
 * bp_invoke_stream_parser_free:
 * @self: (transfer full): a #BpInvokeStreamParser
 */
void
bp_invoke_stream_parser_free (BpInvokeStreamParser *self)
{
  g_return_if_fail (self != NULL);

  g_free (self->stop_reason);
  g_free (self);
}

/**
 * bp_invoke_stream_parser_get_family:
 * @self: a #BpInvokeStreamParser
 *
 * Returns: the family the parser reads
 */
BpModelFamily
bp_invoke_stream_parser_get_family (BpInvokeStreamParser *self)
{
  g_return_val_if_fail (self != NULL, BP_MODEL_FAMILY_UNKNOWN);

  return self->family;
}

static BpStreamEvent *
find_event (GPtrArray         *events,
            BpStreamEventType  type)
{
  for (guint i = events->len; i > 0; i--)
    {
      BpStreamEvent *event = g_ptr_array_index (events, i - 1);

      if (bp_stream_event_get_event_type (event) == type)
        return event;
    }

  return NULL;
}

/* The last chunk carries `amazon-bedrock-invocationMetrics`; a stop without
 * them still reports the counts the family's own members gave. Either way
 * the chunk ends with one METADATA event (the family's, if it made one). */
static void
add_metadata (BpInvokeStreamParser *self,
              JsonObject           *chunk,
              GPtrArray            *events)
{
  JsonObject *metrics = _bp_json_get_object (chunk, "amazon-bedrock-invocationMetrics");
  BpStreamEvent *event = find_event (events, BP_STREAM_EVENT_METADATA);
  gint64 latency = -1;
  gint64 first_byte_latency = -1;
  BpUsage usage;
  BpUsage from_metrics;

  if (metrics == NULL && event == NULL &&
      (find_event (events, BP_STREAM_EVENT_MESSAGE_STOP) == NULL || bp_usage_is_empty (&self->usage)))
    return;

  if (event == NULL)
    {
      event = bp_stream_event_new (BP_STREAM_EVENT_METADATA, 0);
      _bp_invoke_emit (self, events, event);
    }
  else
    {
      latency = bp_stream_event_get_latency_ms (event);
      first_byte_latency = bp_stream_event_get_first_byte_latency_ms (event);
    }

  usage = self->usage;
  bp_usage_merge (&usage, bp_stream_event_get_usage (event));
  bp_usage_init (&from_metrics);
  _bp_json_read_invocation_metrics (metrics, &from_metrics, &latency, &first_byte_latency);
  bp_usage_merge (&usage, &from_metrics);

  bp_stream_event_set_usage (event, &usage);
  bp_stream_event_set_latency (event, latency, first_byte_latency);
}

/**
 * bp_invoke_stream_parser_feed:
 * @self: a #BpInvokeStreamParser
 * @chunk: one decoded chunk (from bp_invoke_decode_chunk_payload())
 * @error: return location for a #GError
 *
 * Turns one chunk into events, in order. The first event of a stream is
 * always %BP_STREAM_EVENT_MESSAGE_START, added if the family has none; the
 * last chunk gives %BP_STREAM_EVENT_MESSAGE_STOP and then
 * %BP_STREAM_EVENT_METADATA with the usage and latency. Unknown members
 * and event kinds are ignored.
 *
 * Returns: (transfer container) (element-type BpStreamEvent) (nullable):
 *   the events, possibly none; %NULL with %BP_BEDROCK_ERROR_CORRUPT_STREAM
 *   when @chunk is not a JSON object, or %BP_BEDROCK_ERROR_MODEL_STREAM_ERROR
 *   when the chunk reports an error
 */
GPtrArray *
bp_invoke_stream_parser_feed (BpInvokeStreamParser  *self,
                              GBytes                *chunk,
                              GError               **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (chunk != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _bp_json_parse_object (chunk, BP_BEDROCK_ERROR_CORRUPT_STREAM, error);
  if (object == NULL)
    {
      g_prefix_error (error, _("Bad stream chunk: "));
      return NULL;
    }

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_stream_event_unref);
  if (!self->impl->feed (self, object, events, error))
    return NULL;

  add_metadata (self, object, events);
  return g_steal_pointer (&events);
}

/*
 * _bp_invoke_emit:
 * @event: (transfer full): the next event
 *
 * Appends @event, after a MESSAGE_START if the stream has not started.
 */
void
_bp_invoke_emit (BpInvokeStreamParser *parser,
                 GPtrArray            *events,
                 BpStreamEvent        *event)
{
  g_assert (parser != NULL);
  g_assert (event != NULL);

  if (!parser->started && bp_stream_event_get_event_type (event) != BP_STREAM_EVENT_MESSAGE_START)
    g_ptr_array_add (events, bp_stream_event_new (BP_STREAM_EVENT_MESSAGE_START, 0));

  parser->started = TRUE;
  g_ptr_array_add (events, event);
}

/*
 * _bp_invoke_emit_text:
 *
 * Emits a text-carrying event unless @text is %NULL or empty (families
 * repeat empty deltas, for example on their last chunk).
 */
void
_bp_invoke_emit_text (BpInvokeStreamParser *parser,
                      GPtrArray            *events,
                      BpStreamEventType     type,
                      guint                 block_index,
                      const char           *text)
{
  BpStreamEvent *event;

  if (text == NULL || text[0] == '\0')
    return;

  event = bp_stream_event_new (type, block_index);
  bp_stream_event_set_text (event, text);
  _bp_invoke_emit (parser, events, event);
}

void
_bp_invoke_emit_stop (BpInvokeStreamParser *parser,
                      GPtrArray            *events,
                      BpStopReason          reason,
                      const char           *raw_reason)
{
  BpStreamEvent *event = bp_stream_event_new (BP_STREAM_EVENT_MESSAGE_STOP, 0);

  bp_stream_event_set_stop_reason (event, reason, raw_reason);
  _bp_invoke_emit (parser, events, event);
}

/*
 * _bp_invoke_map_stop_reason:
 * @raw: (nullable): a family's stop reason
 *
 * Looks @raw up in @map, then among the Converse names; anything else is
 * %BP_STOP_REASON_OTHER.
 */
BpStopReason
_bp_invoke_map_stop_reason (const char            *raw,
                            const BpStopReasonMap *map,
                            gsize                  n_map)
{
  if (raw == NULL)
    return BP_STOP_REASON_NONE;

  for (gsize i = 0; i < n_map; i++)
    {
      if (strcmp (raw, map[i].raw) == 0)
        return map[i].reason;
    }

  return bp_stop_reason_from_string (raw);
}

/*
 * _bp_invoke_read_count:
 *
 * Stores a non-negative integer member in @count; leaves it otherwise.
 */
void
_bp_invoke_read_count (JsonObject *object,
                       const char *member,
                       gint64     *count)
{
  gint64 value;

  if (_bp_json_get_int (object, member, &value) && value >= 0)
    *count = value;
}
