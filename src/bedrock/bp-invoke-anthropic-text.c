/* bp-invoke-anthropic-text.c
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

/* Anthropic Claude v2 / Instant, legacy Text Completions (wire format
 * §3.2). The conversation becomes one prompt of "\n\nHuman:" and
 * "\n\nAssistant:" turns ending with an open "\n\nAssistant:"; a system
 * prompt is the text before the first Human turn, as Claude 2.1 takes it.
 * A conversation that ends with an assistant turn is a prefill: the prompt
 * ends with that text and the model continues it. */

#define ANTHROPIC_VERSION "bedrock-2023-05-31"
#define HUMAN_TURN "\n\nHuman:"
#define ASSISTANT_TURN "\n\nAssistant:"

static char *
build_prompt (const BpChatRequest *request)
{
  GString *prompt = g_string_new (bp_chat_request_get_system_prompt (request));
  guint n = bp_chat_request_get_n_messages (request);
  BpChatMessage *last = bp_chat_request_get_message (request, n - 1);

  for (guint i = 0; i < n; i++)
    {
      BpChatMessage *message = bp_chat_request_get_message (request, i);
      gboolean user = bp_chat_message_get_role (message) == BP_CHAT_ROLE_USER;

      g_string_append (prompt, user ? HUMAN_TURN : ASSISTANT_TURN);
      g_string_append_c (prompt, ' ');
      g_string_append (prompt, bp_chat_message_get_text (message));
    }

  if (bp_chat_message_get_role (last) == BP_CHAT_ROLE_USER)
    g_string_append (prompt, ASSISTANT_TURN);

  return g_string_free (prompt, FALSE);
}

static gboolean
text_build (JsonBuilder          *builder,
            const BpChatRequest  *request,
            GError              **error)
{
  g_autofree char *prompt = NULL;

  if (!_bp_chat_request_require_max_tokens (request, "InvokeModel", error))
    return FALSE;

  prompt = build_prompt (request);
  _bp_json_add_string_member (builder, "prompt", prompt);
  _bp_json_add_int_member (builder, "max_tokens_to_sample", bp_chat_request_get_max_tokens (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TEMPERATURE))
    _bp_json_add_double_member (builder, "temperature", bp_chat_request_get_temperature (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_P))
    _bp_json_add_double_member (builder, "top_p", bp_chat_request_get_top_p (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_K))
    _bp_json_add_int_member (builder, "top_k", bp_chat_request_get_top_k (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_STOP_SEQUENCES))
    _bp_json_add_strv_member (builder, "stop_sequences", bp_chat_request_get_stop_sequences (request));
  _bp_json_add_string_member (builder, "anthropic_version", ANTHROPIC_VERSION);

  return TRUE;
}

/* Stopping at the next "\n\nHuman:" is how these models end a turn. */
static BpStopReason
map_stop_reason (const char *reason,
                 const char *stop)
{
  static const BpStopReasonMap map[] = {
    { "stop_sequence", BP_STOP_REASON_STOP_SEQUENCE },
    { "max_tokens", BP_STOP_REASON_MAX_TOKENS },
  };

  if (g_strcmp0 (reason, "stop_sequence") == 0 && g_strcmp0 (stop, HUMAN_TURN) == 0)
    return BP_STOP_REASON_END_TURN;

  return _bp_invoke_map_stop_reason (reason, map, G_N_ELEMENTS (map));
}

static gboolean
text_parse (JsonObject   *root,
            BpChatReply  *reply,
            GError      **error)
{
  const char *completion = _bp_json_get_string (root, "completion");
  const char *reason = _bp_json_get_string (root, "stop_reason");

  if (completion == NULL)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                           _("The Claude text completion response has no completion"));
      return FALSE;
    }

  bp_chat_reply_append_text (reply, completion);
  bp_chat_reply_set_stop_reason (reply,
                                 map_stop_reason (reason, _bp_json_get_string (root, "stop")),
                                 reason);
  return TRUE;
}

static gboolean
text_feed (BpInvokeStreamParser  *parser,
           JsonObject            *chunk,
           GPtrArray             *events,
           GError               **error)
{
  const char *reason = _bp_json_get_string (chunk, "stop_reason");

  _bp_invoke_emit_text (parser, events, BP_STREAM_EVENT_TEXT_DELTA, 0,
                        _bp_json_get_string (chunk, "completion"));
  if (reason != NULL)
    _bp_invoke_emit_stop (parser, events,
                          map_stop_reason (reason, _bp_json_get_string (chunk, "stop")),
                          reason);

  return TRUE;
}

const BpInvokeFamilyImpl _bp_invoke_anthropic_text = {
  .features = BP_CHAT_FEATURE_TOP_K | BP_CHAT_FEATURE_STOP_SEQUENCES,
  .build = text_build,
  .parse = text_parse,
  .feed = text_feed,
};
