/* bp-invoke-mistral.c
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

/* Mistral (wire format §3.6), two formats.
 *
 * Prompt style (7B, Mixtral, Large/Small 24.02): the instruction template
 * `<s>[INST] user [/INST] assistant</s>[INST] user [/INST]`. These models
 * have no system role; the system prompt opens the first instruction,
 * followed by a blank line, as Mistral's own template does.
 *
 * Chat style (Large 2 24.07, Pixtral Large): a message list with a system
 * message. Its response shape is documented loosely and its stream shape
 * not at all; both parsers accept `message` or `delta` and `stop_reason`
 * or `finish_reason`. */

static const BpStopReasonMap stop_reasons[] = {
  { "stop", BP_STOP_REASON_END_TURN },
  { "length", BP_STOP_REASON_MAX_TOKENS },
  { "tool_calls", BP_STOP_REASON_TOOL_USE },
};

static BpStopReason
map_stop_reason (const char *reason)
{
  return _bp_invoke_map_stop_reason (reason, stop_reasons, G_N_ELEMENTS (stop_reasons));
}

static char *
build_prompt (const BpChatRequest *request)
{
  const char *system_prompt = bp_chat_request_get_system_prompt (request);
  guint n = bp_chat_request_get_n_messages (request);
  GString *prompt = g_string_new ("<s>");

  for (guint i = 0; i < n; i++)
    {
      BpChatMessage *message = bp_chat_request_get_message (request, i);
      const char *text = bp_chat_message_get_text (message);

      if (bp_chat_message_get_role (message) == BP_CHAT_ROLE_USER)
        {
          g_string_append (prompt, "[INST] ");
          if (i == 0 && system_prompt != NULL)
            g_string_append_printf (prompt, "%s\n\n", system_prompt);
          g_string_append_printf (prompt, "%s [/INST]", text);
        }
      else
        g_string_append_printf (prompt, " %s%s", text, i + 1 < n ? "</s>" : "");
    }

  return g_string_free (prompt, FALSE);
}

static void
add_common_params (JsonBuilder         *builder,
                   const BpChatRequest *request)
{
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_MAX_TOKENS))
    _bp_json_add_int_member (builder, "max_tokens", bp_chat_request_get_max_tokens (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TEMPERATURE))
    _bp_json_add_double_member (builder, "temperature", bp_chat_request_get_temperature (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_P))
    _bp_json_add_double_member (builder, "top_p", bp_chat_request_get_top_p (request));
}

static gboolean
prompt_build (JsonBuilder          *builder,
              const BpChatRequest  *request,
              GError              **error)
{
  g_autofree char *prompt = build_prompt (request);

  _bp_json_add_string_member (builder, "prompt", prompt);
  add_common_params (builder, request);
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_K))
    _bp_json_add_int_member (builder, "top_k", bp_chat_request_get_top_k (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_STOP_SEQUENCES))
    _bp_json_add_strv_member (builder, "stop", bp_chat_request_get_stop_sequences (request));

  return TRUE;
}

static gboolean
prompt_parse (JsonObject   *root,
              BpChatReply  *reply,
              GError      **error)
{
  JsonArray *outputs = _bp_json_get_array (root, "outputs");
  guint n = outputs != NULL ? json_array_get_length (outputs) : 0;
  const char *reason = NULL;

  if (n == 0)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                           _("The Mistral response has no outputs"));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonObject *output = _bp_json_array_get_object (outputs, i);

      bp_chat_reply_append_text (reply, _bp_json_get_string (output, "text"));
      if (_bp_json_get_string (output, "stop_reason") != NULL)
        reason = _bp_json_get_string (output, "stop_reason");
    }

  bp_chat_reply_set_stop_reason (reply, map_stop_reason (reason), reason);
  return TRUE;
}

static gboolean
prompt_feed (BpInvokeStreamParser  *parser,
             JsonObject            *chunk,
             GPtrArray             *events,
             GError               **error)
{
  JsonObject *output = _bp_json_array_get_object (_bp_json_get_array (chunk, "outputs"), 0);
  const char *reason = _bp_json_get_string (output, "stop_reason");

  _bp_invoke_emit_text (parser, events, BP_STREAM_EVENT_TEXT_DELTA, 0,
                        _bp_json_get_string (output, "text"));
  if (reason != NULL)
    _bp_invoke_emit_stop (parser, events, map_stop_reason (reason), reason);

  return TRUE;
}

const BpInvokeFamilyImpl _bp_invoke_mistral_prompt = {
  .features = BP_CHAT_FEATURE_TOP_K | BP_CHAT_FEATURE_STOP_SEQUENCES,
  .build = prompt_build,
  .parse = prompt_parse,
  .feed = prompt_feed,
};

static void
add_chat_message (JsonBuilder *builder,
                  const char  *role,
                  const char  *content)
{
  json_builder_begin_object (builder);
  _bp_json_add_string_member (builder, "role", role);
  _bp_json_add_string_member (builder, "content", content);
  json_builder_end_object (builder);
}

static gboolean
chat_build (JsonBuilder          *builder,
            const BpChatRequest  *request,
            GError              **error)
{
  const char *system_prompt = bp_chat_request_get_system_prompt (request);

  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  if (system_prompt != NULL)
    add_chat_message (builder, "system", system_prompt);
  for (guint i = 0; i < bp_chat_request_get_n_messages (request); i++)
    {
      BpChatMessage *message = bp_chat_request_get_message (request, i);

      add_chat_message (builder,
                        bp_chat_message_get_role (message) == BP_CHAT_ROLE_USER ? "user" : "assistant",
                        bp_chat_message_get_text (message));
    }
  json_builder_end_array (builder);
  add_common_params (builder, request);

  return TRUE;
}

static const char *
choice_stop_reason (JsonObject *choice)
{
  const char *reason = _bp_json_get_string (choice, "stop_reason");

  return reason != NULL ? reason : _bp_json_get_string (choice, "finish_reason");
}

static const char *
choice_text (JsonObject *choice)
{
  const char *text = _bp_json_get_string (_bp_json_get_object (choice, "message"), "content");

  return text != NULL ? text : _bp_json_get_string (_bp_json_get_object (choice, "delta"), "content");
}

static void
read_chat_usage (JsonObject *root,
                 BpUsage    *usage)
{
  JsonObject *object = _bp_json_get_object (root, "usage");

  _bp_invoke_read_count (object, "prompt_tokens", &usage->input_tokens);
  _bp_invoke_read_count (object, "completion_tokens", &usage->output_tokens);
  _bp_invoke_read_count (object, "total_tokens", &usage->total_tokens);
}

static gboolean
chat_parse (JsonObject   *root,
            BpChatReply  *reply,
            GError      **error)
{
  JsonObject *choice = _bp_json_array_get_object (_bp_json_get_array (root, "choices"), 0);
  const char *reason = choice_stop_reason (choice);
  BpUsage usage;

  if (choice == NULL || choice_text (choice) == NULL)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                           _("The Mistral chat response has no message"));
      return FALSE;
    }

  bp_chat_reply_append_text (reply, choice_text (choice));
  bp_chat_reply_set_stop_reason (reply, map_stop_reason (reason), reason);
  bp_usage_init (&usage);
  read_chat_usage (root, &usage);
  bp_chat_reply_merge_usage (reply, &usage);

  return TRUE;
}

static gboolean
chat_feed (BpInvokeStreamParser  *parser,
           JsonObject            *chunk,
           GPtrArray             *events,
           GError               **error)
{
  JsonObject *choice = _bp_json_array_get_object (_bp_json_get_array (chunk, "choices"), 0);
  const char *reason = choice_stop_reason (choice);

  read_chat_usage (chunk, &parser->usage);
  _bp_invoke_emit_text (parser, events, BP_STREAM_EVENT_TEXT_DELTA, 0, choice_text (choice));
  if (reason != NULL)
    _bp_invoke_emit_stop (parser, events, map_stop_reason (reason), reason);

  return TRUE;
}

const BpInvokeFamilyImpl _bp_invoke_mistral_chat = {
  .features = BP_CHAT_FEATURE_SYSTEM_PROMPT,
  .build = chat_build,
  .parse = chat_parse,
  .feed = chat_feed,
};
