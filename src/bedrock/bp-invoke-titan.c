/* bp-invoke-titan.c
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
#include "bp-invoke-private.h"

/* Amazon Titan Text (wire format §3.4). Titan has no system field and no
 * roles: the conversation becomes "User: …" and "Bot: …" lines ending with
 * an open "Bot:", after the system prompt and a blank line, which is how
 * Converse folds it too. A final assistant turn is a prefill. */

static char *
build_input_text (const BpChatRequest *request)
{
  const char *system_prompt = bp_chat_request_get_system_prompt (request);
  guint n = bp_chat_request_get_n_messages (request);
  GString *text = g_string_new (NULL);

  if (system_prompt != NULL)
    g_string_append_printf (text, "%s\n\n", system_prompt);

  for (guint i = 0; i < n; i++)
    {
      BpChatMessage *message = bp_chat_request_get_message (request, i);
      gboolean user = bp_chat_message_get_role (message) == BP_CHAT_ROLE_USER;

      g_string_append_printf (text, "%s%s %s", i > 0 ? "\n" : "",
                              user ? "User:" : "Bot:", bp_chat_message_get_text (message));
      if (user && i + 1 == n)
        g_string_append (text, "\nBot:");
    }

  return g_string_free (text, FALSE);
}

static gboolean
titan_build (JsonBuilder          *builder,
             const BpChatRequest  *request,
             GError              **error)
{
  g_autofree char *input_text = build_input_text (request);
  gboolean any = bp_chat_request_is_set (request, BP_CHAT_PARAM_MAX_TOKENS) ||
                 bp_chat_request_is_set (request, BP_CHAT_PARAM_TEMPERATURE) ||
                 bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_P) ||
                 bp_chat_request_is_set (request, BP_CHAT_PARAM_STOP_SEQUENCES);

  _bp_json_add_string_member (builder, "inputText", input_text);
  if (!any)
    return TRUE;

  json_builder_set_member_name (builder, "textGenerationConfig");
  json_builder_begin_object (builder);
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_MAX_TOKENS))
    _bp_json_add_int_member (builder, "maxTokenCount", bp_chat_request_get_max_tokens (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TEMPERATURE))
    _bp_json_add_double_member (builder, "temperature", bp_chat_request_get_temperature (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_P))
    _bp_json_add_double_member (builder, "topP", bp_chat_request_get_top_p (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_STOP_SEQUENCES))
    _bp_json_add_strv_member (builder, "stopSequences", bp_chat_request_get_stop_sequences (request));
  json_builder_end_object (builder);

  return TRUE;
}

static const BpStopReasonMap stop_reasons[] = {
  { "FINISH", BP_STOP_REASON_END_TURN },
  { "LENGTH", BP_STOP_REASON_MAX_TOKENS },
  { "STOP_CRITERIA_MET", BP_STOP_REASON_STOP_SEQUENCE },
  { "CONTENT_FILTERED", BP_STOP_REASON_CONTENT_FILTERED },
};

static BpStopReason
map_stop_reason (const char *reason)
{
  return _bp_invoke_map_stop_reason (reason, stop_reasons, G_N_ELEMENTS (stop_reasons));
}

static gboolean
titan_parse (JsonObject   *root,
             BpChatReply  *reply,
             GError      **error)
{
  JsonObject *result = _bp_json_array_get_object (_bp_json_get_array (root, "results"), 0);
  const char *output_text = _bp_json_get_string (result, "outputText");
  const char *reason = _bp_json_get_string (result, "completionReason");
  BpUsage usage;

  if (output_text == NULL)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                           _("The Titan response has no output text"));
      return FALSE;
    }

  bp_chat_reply_append_text (reply, output_text);
  bp_chat_reply_set_stop_reason (reply, map_stop_reason (reason), reason);

  bp_usage_init (&usage);
  _bp_invoke_read_count (root, "inputTextTokenCount", &usage.input_tokens);
  _bp_invoke_read_count (result, "tokenCount", &usage.output_tokens);
  bp_chat_reply_merge_usage (reply, &usage);

  return TRUE;
}

static gboolean
titan_feed (BpInvokeStreamParser  *parser,
            JsonObject            *chunk,
            GPtrArray             *events,
            GError               **error)
{
  const char *reason = _bp_json_get_string (chunk, "completionReason");

  _bp_invoke_read_count (chunk, "inputTextTokenCount", &parser->usage.input_tokens);
  _bp_invoke_read_count (chunk, "totalOutputTextTokenCount", &parser->usage.output_tokens);
  _bp_invoke_emit_text (parser, events, BP_STREAM_EVENT_TEXT_DELTA, 0,
                        _bp_json_get_string (chunk, "outputText"));
  if (reason != NULL)
    _bp_invoke_emit_stop (parser, events, map_stop_reason (reason), reason);

  return TRUE;
}

const BpInvokeFamilyImpl _bp_invoke_titan_text = {
  .features = BP_CHAT_FEATURE_STOP_SEQUENCES,
  .build = titan_build,
  .parse = titan_parse,
  .feed = titan_feed,
};
