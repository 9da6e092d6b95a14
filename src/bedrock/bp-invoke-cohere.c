/* bp-invoke-cohere.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-invoke"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-bedrock-error.h"
#include "bp-chat-json-private.h"
#include "bp-chat-request-private.h"
#include "bp-invoke-private.h"

/* Cohere Command R and R+ (wire format §3.7): the last user turn is
 * `message`, the turns before it `chat_history` (USER / CHATBOT), the
 * system prompt `preamble`; top-P and top-K are `p` and `k`. There is no
 * way to express an assistant prefill, so the conversation must end with
 * the user. Token counts come from `meta.billed_units` when present, else
 * from the response headers. */

static const BpStopReasonMap stop_reasons[] = {
  { "COMPLETE", BP_STOP_REASON_END_TURN },
  { "MAX_TOKENS", BP_STOP_REASON_MAX_TOKENS },
  { "STOP_SEQUENCE", BP_STOP_REASON_STOP_SEQUENCE },
  { "ERROR_TOXIC", BP_STOP_REASON_CONTENT_FILTERED },
  { "ERROR_LIMIT", BP_STOP_REASON_MODEL_CONTEXT_WINDOW_EXCEEDED },
};

static BpStopReason
map_stop_reason (const char *reason)
{
  return _bp_invoke_map_stop_reason (reason, stop_reasons, G_N_ELEMENTS (stop_reasons));
}

static void
add_chat_history (JsonBuilder         *builder,
                  const BpChatRequest *request)
{
  guint n = bp_chat_request_get_n_messages (request);

  if (n < 2)
    return;

  json_builder_set_member_name (builder, "chat_history");
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < n; i++)
    {
      BpChatMessage *message = bp_chat_request_get_message (request, i);

      json_builder_begin_object (builder);
      _bp_json_add_string_member (builder, "role",
                                  bp_chat_message_get_role (message) == BP_CHAT_ROLE_USER ? "USER" : "CHATBOT");
      _bp_json_add_string_member (builder, "message", bp_chat_message_get_text (message));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static gboolean
cohere_build (JsonBuilder          *builder,
              const BpChatRequest  *request,
              GError              **error)
{
  guint n = bp_chat_request_get_n_messages (request);
  const char *system_prompt = bp_chat_request_get_system_prompt (request);

  if (!_bp_chat_request_require_last_user (request, "InvokeModel", error))
    return FALSE;

  _bp_json_add_string_member (builder, "message",
                              bp_chat_message_get_text (bp_chat_request_get_message (request, n - 1)));
  add_chat_history (builder, request);
  if (system_prompt != NULL)
    _bp_json_add_string_member (builder, "preamble", system_prompt);
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_MAX_TOKENS))
    _bp_json_add_int_member (builder, "max_tokens", bp_chat_request_get_max_tokens (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TEMPERATURE))
    _bp_json_add_double_member (builder, "temperature", bp_chat_request_get_temperature (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_P))
    _bp_json_add_double_member (builder, "p", bp_chat_request_get_top_p (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_K))
    _bp_json_add_int_member (builder, "k", bp_chat_request_get_top_k (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_STOP_SEQUENCES))
    _bp_json_add_strv_member (builder, "stop_sequences", bp_chat_request_get_stop_sequences (request));

  return TRUE;
}

static void
read_billed_units (JsonObject *response,
                   BpUsage    *usage)
{
  JsonObject *units = _bp_json_get_object (_bp_json_get_object (response, "meta"), "billed_units");

  _bp_invoke_read_count (units, "input_tokens", &usage->input_tokens);
  _bp_invoke_read_count (units, "output_tokens", &usage->output_tokens);
}

static gboolean
cohere_parse (JsonObject   *root,
              BpChatReply  *reply,
              GError      **error)
{
  const char *text = _bp_json_get_string (root, "text");
  const char *reason = _bp_json_get_string (root, "finish_reason");
  BpUsage usage;

  if (text == NULL)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                           _("The Cohere response has no text"));
      return FALSE;
    }

  bp_chat_reply_append_text (reply, text);
  bp_chat_reply_set_stop_reason (reply, map_stop_reason (reason), reason);
  bp_usage_init (&usage);
  read_billed_units (root, &usage);
  bp_chat_reply_merge_usage (reply, &usage);

  return TRUE;
}

static gboolean
cohere_feed (BpInvokeStreamParser  *parser,
             JsonObject            *chunk,
             GPtrArray             *events,
             GError               **error)
{
  const char *event_type = _bp_json_get_string (chunk, "event_type");

  if (g_strcmp0 (event_type, "stream-start") == 0)
    _bp_invoke_emit (parser, events, bp_stream_event_new (BP_STREAM_EVENT_MESSAGE_START, 0));
  else if (g_strcmp0 (event_type, "text-generation") == 0)
    _bp_invoke_emit_text (parser, events, BP_STREAM_EVENT_TEXT_DELTA, 0,
                          _bp_json_get_string (chunk, "text"));
  else if (g_strcmp0 (event_type, "stream-end") == 0)
    {
      const char *reason = _bp_json_get_string (chunk, "finish_reason");

      read_billed_units (_bp_json_get_object (chunk, "response"), &parser->usage);
      _bp_invoke_emit_stop (parser, events,
                            reason != NULL ? map_stop_reason (reason) : BP_STOP_REASON_OTHER,
                            reason);
    }

  return TRUE;
}

const BpInvokeFamilyImpl _bp_invoke_cohere_command_r = {
  .features = BP_CHAT_FEATURE_TOP_K | BP_CHAT_FEATURE_STOP_SEQUENCES |
              BP_CHAT_FEATURE_SYSTEM_PROMPT,
  .build = cohere_build,
  .parse = cohere_parse,
  .feed = cohere_feed,
};
