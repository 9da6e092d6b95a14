/* bp-invoke-anthropic.c
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

/* Anthropic Claude, Messages API (wire format §3.1): Claude 3 and later. */

#define ANTHROPIC_VERSION "bedrock-2023-05-31"

/* The largest redacted thinking block accepted. */
#define MAX_REDACTED_SIZE (16 * 1024 * 1024)

static void
add_image_block (JsonBuilder         *builder,
                 const BpChatMessage *message,
                 guint                index)
{
  BpChatImageFormat format;
  GBytes *bytes = bp_chat_message_get_image (message, index, &format);

  json_builder_begin_object (builder);
  _bp_json_add_string_member (builder, "type", "image");
  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  _bp_json_add_string_member (builder, "type", "base64");
  _bp_json_add_string_member (builder, "media_type", bp_chat_image_format_to_mime_type (format));
  _bp_json_add_base64_member (builder, "data", bytes);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* Thinking goes back only while thinking is on (that is when Claude needs
 * it), and only signed: Claude refuses thinking blocks without their
 * signature. */
static void
add_thinking_blocks (JsonBuilder         *builder,
                     const BpChatMessage *message)
{
  const char *text = bp_chat_message_get_reasoning_text (message);
  const char *signature = bp_chat_message_get_reasoning_signature (message);
  GBytes *redacted = bp_chat_message_get_redacted_reasoning (message);

  if (text != NULL && signature != NULL)
    {
      json_builder_begin_object (builder);
      _bp_json_add_string_member (builder, "type", "thinking");
      _bp_json_add_string_member (builder, "thinking", text);
      _bp_json_add_string_member (builder, "signature", signature);
      json_builder_end_object (builder);
    }

  if (redacted != NULL)
    {
      json_builder_begin_object (builder);
      _bp_json_add_string_member (builder, "type", "redacted_thinking");
      _bp_json_add_base64_member (builder, "data", redacted);
      json_builder_end_object (builder);
    }
}

static void
add_message (JsonBuilder         *builder,
             const BpChatMessage *message,
             gboolean             with_thinking)
{
  BpChatRole role = bp_chat_message_get_role (message);
  const char *text = bp_chat_message_get_text (message);

  json_builder_begin_object (builder);
  _bp_json_add_string_member (builder, "role", role == BP_CHAT_ROLE_USER ? "user" : "assistant");
  json_builder_set_member_name (builder, "content");
  json_builder_begin_array (builder);
  if (with_thinking && role == BP_CHAT_ROLE_ASSISTANT)
    add_thinking_blocks (builder, message);
  for (guint i = 0; i < bp_chat_message_get_n_images (message); i++)
    add_image_block (builder, message, i);
  if (!_bp_chat_text_is_blank (text))
    {
      json_builder_begin_object (builder);
      _bp_json_add_string_member (builder, "type", "text");
      _bp_json_add_string_member (builder, "text", text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static gboolean
messages_build (JsonBuilder          *builder,
                const BpChatRequest  *request,
                GError              **error)
{
  const char *system_prompt = bp_chat_request_get_system_prompt (request);

  if (!_bp_chat_request_require_max_tokens (request, "InvokeModel", error))
    return FALSE;

  _bp_json_add_string_member (builder, "anthropic_version", ANTHROPIC_VERSION);
  _bp_json_add_int_member (builder, "max_tokens", bp_chat_request_get_max_tokens (request));
  if (system_prompt != NULL)
    _bp_json_add_string_member (builder, "system", system_prompt);

  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < bp_chat_request_get_n_messages (request); i++)
    add_message (builder, bp_chat_request_get_message (request, i),
                 bp_chat_request_is_set (request, BP_CHAT_PARAM_REASONING_BUDGET));
  json_builder_end_array (builder);

  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TEMPERATURE))
    _bp_json_add_double_member (builder, "temperature", bp_chat_request_get_temperature (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_P))
    _bp_json_add_double_member (builder, "top_p", bp_chat_request_get_top_p (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_K))
    _bp_json_add_int_member (builder, "top_k", bp_chat_request_get_top_k (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_STOP_SEQUENCES))
    _bp_json_add_strv_member (builder, "stop_sequences", bp_chat_request_get_stop_sequences (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_REASONING_BUDGET))
    {
      json_builder_set_member_name (builder, "thinking");
      json_builder_begin_object (builder);
      _bp_json_add_string_member (builder, "type", "enabled");
      _bp_json_add_int_member (builder, "budget_tokens", bp_chat_request_get_reasoning_budget (request));
      json_builder_end_object (builder);
    }

  return TRUE;
}

static GBytes *
decode_redacted (const char *data)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  if (data == NULL)
    return NULL;

  bytes = _bp_base64_decode_strict (data, MAX_REDACTED_SIZE, BP_BEDROCK_ERROR_FAILED, &error);
  if (bytes == NULL)
    g_debug ("Ignoring redacted thinking: %s", error->message);

  return bytes;
}

static void
read_block (JsonObject  *block,
            guint        index,
            BpChatReply *reply)
{
  const char *type = _bp_json_get_string (block, "type");
  g_autoptr(GBytes) redacted = NULL;

  if (g_strcmp0 (type, "text") == 0)
    bp_chat_reply_append_text (reply, _bp_json_get_string (block, "text"));
  else if (g_strcmp0 (type, "thinking") == 0)
    {
      bp_chat_reply_append_reasoning_text (reply, _bp_json_get_string (block, "thinking"));
      if (_bp_json_get_string (block, "signature") != NULL)
        bp_chat_reply_set_reasoning_signature (reply, _bp_json_get_string (block, "signature"));
    }
  else if (g_strcmp0 (type, "redacted_thinking") == 0 &&
           (redacted = decode_redacted (_bp_json_get_string (block, "data"))) != NULL)
    bp_chat_reply_append_redacted_reasoning (reply, redacted);
  else if (g_strcmp0 (type, "tool_use") == 0)
    {
      JsonNode *input = json_object_get_member (block, "input");
      g_autofree char *input_json = input != NULL ? _bp_json_to_string (input) : g_strdup ("{}");

      bp_chat_reply_add_tool_use (reply, index, _bp_json_get_string (block, "id"),
                                  _bp_json_get_string (block, "name"), input_json);
    }
}

static void
read_usage (JsonObject *object,
            BpUsage    *usage)
{
  _bp_invoke_read_count (object, "input_tokens", &usage->input_tokens);
  _bp_invoke_read_count (object, "output_tokens", &usage->output_tokens);
  _bp_invoke_read_count (object, "cache_read_input_tokens", &usage->cache_read_input_tokens);
  _bp_invoke_read_count (object, "cache_creation_input_tokens", &usage->cache_write_input_tokens);
}

static gboolean
messages_parse (JsonObject   *root,
                BpChatReply  *reply,
                GError      **error)
{
  JsonArray *content = _bp_json_get_array (root, "content");
  const char *stop_reason = _bp_json_get_string (root, "stop_reason");
  BpUsage usage;

  if (content == NULL)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                           _("The Anthropic response has no content"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (content); i++)
    read_block (_bp_json_array_get_object (content, i), i, reply);

  bp_chat_reply_set_stop_reason (reply, bp_stop_reason_from_string (stop_reason), stop_reason);
  bp_usage_init (&usage);
  read_usage (_bp_json_get_object (root, "usage"), &usage);
  bp_chat_reply_merge_usage (reply, &usage);

  return TRUE;
}

static guint
event_index (JsonObject *chunk)
{
  gint64 index;

  if (!_bp_json_get_int (chunk, "index", &index) || index < 0 || index > G_MAXUINT)
    return 0;

  return (guint) index;
}

static void
feed_block_start (BpInvokeStreamParser *parser,
                  JsonObject           *chunk,
                  GPtrArray            *events)
{
  JsonObject *block = _bp_json_get_object (chunk, "content_block");
  const char *type = _bp_json_get_string (block, "type");
  guint index = event_index (chunk);
  g_autoptr(GBytes) redacted = NULL;

  if (g_strcmp0 (type, "text") == 0)
    _bp_invoke_emit_text (parser, events, BP_STREAM_EVENT_TEXT_DELTA, index,
                          _bp_json_get_string (block, "text"));
  else if (g_strcmp0 (type, "thinking") == 0)
    _bp_invoke_emit_text (parser, events, BP_STREAM_EVENT_REASONING_DELTA, index,
                          _bp_json_get_string (block, "thinking"));
  else if (g_strcmp0 (type, "redacted_thinking") == 0 &&
           (redacted = decode_redacted (_bp_json_get_string (block, "data"))) != NULL)
    {
      BpStreamEvent *event = bp_stream_event_new (BP_STREAM_EVENT_REDACTED_REASONING, index);

      bp_stream_event_set_data (event, redacted);
      _bp_invoke_emit (parser, events, event);
    }
  else if (g_strcmp0 (type, "tool_use") == 0)
    {
      BpStreamEvent *event = bp_stream_event_new (BP_STREAM_EVENT_TOOL_USE_START, index);

      bp_stream_event_set_tool_use (event, _bp_json_get_string (block, "id"),
                                    _bp_json_get_string (block, "name"));
      _bp_invoke_emit (parser, events, event);
    }
}

static void
feed_block_delta (BpInvokeStreamParser *parser,
                  JsonObject           *chunk,
                  GPtrArray            *events)
{
  static const struct
  {
    const char        *type;
    const char        *member;
    BpStreamEventType  event_type;
  } deltas[] = {
    { "text_delta", "text", BP_STREAM_EVENT_TEXT_DELTA },
    { "thinking_delta", "thinking", BP_STREAM_EVENT_REASONING_DELTA },
    { "signature_delta", "signature", BP_STREAM_EVENT_REASONING_SIGNATURE },
    { "input_json_delta", "partial_json", BP_STREAM_EVENT_TOOL_USE_DELTA },
  };
  JsonObject *delta = _bp_json_get_object (chunk, "delta");
  const char *type = _bp_json_get_string (delta, "type");

  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (deltas); i++)
    {
      if (strcmp (type, deltas[i].type) == 0)
        {
          _bp_invoke_emit_text (parser, events, deltas[i].event_type, event_index (chunk),
                                _bp_json_get_string (delta, deltas[i].member));
          return;
        }
    }
}

static void
feed_message_start (BpInvokeStreamParser *parser,
                    JsonObject           *chunk,
                    GPtrArray            *events)
{
  JsonObject *message = _bp_json_get_object (chunk, "message");
  BpStreamEvent *event = bp_stream_event_new (BP_STREAM_EVENT_MESSAGE_START, 0);

  read_usage (_bp_json_get_object (message, "usage"), &parser->usage);
  bp_stream_event_set_usage (event, &parser->usage);
  _bp_invoke_emit (parser, events, event);
}

static gboolean
stream_error (JsonObject  *chunk,
              GError     **error)
{
  JsonObject *details = _bp_json_get_object (chunk, "error");
  const char *type = _bp_json_get_string (details, "type");
  const char *message = _bp_json_get_string (details, "message");

  g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_MODEL_STREAM_ERROR,
               "%s: %s", type != NULL ? type : "error", message != NULL ? message : "");
  return FALSE;
}

/* `message_delta.usage.output_tokens` is cumulative: the last one wins. */
static gboolean
messages_feed (BpInvokeStreamParser  *parser,
               JsonObject            *chunk,
               GPtrArray             *events,
               GError               **error)
{
  const char *type = _bp_json_get_string (chunk, "type");

  if (g_strcmp0 (type, "message_start") == 0)
    feed_message_start (parser, chunk, events);
  else if (g_strcmp0 (type, "content_block_start") == 0)
    feed_block_start (parser, chunk, events);
  else if (g_strcmp0 (type, "content_block_delta") == 0)
    feed_block_delta (parser, chunk, events);
  else if (g_strcmp0 (type, "content_block_stop") == 0)
    _bp_invoke_emit (parser, events,
                     bp_stream_event_new (BP_STREAM_EVENT_BLOCK_STOP, event_index (chunk)));
  else if (g_strcmp0 (type, "message_delta") == 0)
    {
      const char *reason = _bp_json_get_string (_bp_json_get_object (chunk, "delta"), "stop_reason");

      if (reason != NULL)
        {
          g_free (parser->stop_reason);
          parser->stop_reason = g_strdup (reason);
        }
      read_usage (_bp_json_get_object (chunk, "usage"), &parser->usage);
    }
  else if (g_strcmp0 (type, "message_stop") == 0)
    _bp_invoke_emit_stop (parser, events,
                          parser->stop_reason != NULL ? bp_stop_reason_from_string (parser->stop_reason)
                                                      : BP_STOP_REASON_OTHER,
                          parser->stop_reason);
  else if (g_strcmp0 (type, "error") == 0)
    return stream_error (chunk, error);

  return TRUE;
}

const BpInvokeFamilyImpl _bp_invoke_anthropic_messages = {
  .features = BP_CHAT_FEATURE_TOP_K | BP_CHAT_FEATURE_STOP_SEQUENCES |
              BP_CHAT_FEATURE_REASONING_BUDGET | BP_CHAT_FEATURE_IMAGES |
              BP_CHAT_FEATURE_SYSTEM_PROMPT,
  .build = messages_build,
  .parse = messages_parse,
  .feed = messages_feed,
};
