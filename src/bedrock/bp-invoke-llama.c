/* bp-invoke-llama.c
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
#include "bp-invoke-private.h"

/* Meta Llama 3.x and 4 (wire format §3.3). The caller applies the chat
 * template: a system header when there is a system prompt, one header per
 * turn, each turn closed by the end-of-turn token, then an open assistant
 * header. A final assistant turn is left open instead (prefill). Llama 4
 * spells the same template with different tokens. Bedrock takes no stop
 * sequences or top-K for Llama. */

typedef struct
{
  const char *header_start;
  const char *header_end;
  const char *end_of_turn;
} LlamaTemplate;

static const LlamaTemplate llama3_template = {
  "<|start_header_id|>", "<|end_header_id|>\n\n", "<|eot_id|>",
};

static const LlamaTemplate llama4_template = {
  "<|header_start|>", "<|header_end|>\n\n", "<|eot|>",
};

static void
append_turn (GString             *prompt,
             const LlamaTemplate *template,
             const char          *role,
             const char          *text,
             gboolean             closed)
{
  g_string_append (prompt, template->header_start);
  g_string_append (prompt, role);
  g_string_append (prompt, template->header_end);
  if (text != NULL)
    g_string_append (prompt, text);
  if (closed)
    g_string_append (prompt, template->end_of_turn);
}

static char *
build_prompt (const BpChatRequest *request)
{
  const char *model_id = bp_chat_request_get_model_id (request);
  const LlamaTemplate *template = strstr (model_id, "llama4") != NULL ? &llama4_template
                                                                       : &llama3_template;
  const char *system_prompt = bp_chat_request_get_system_prompt (request);
  guint n = bp_chat_request_get_n_messages (request);
  GString *prompt = g_string_new ("<|begin_of_text|>");

  if (system_prompt != NULL)
    append_turn (prompt, template, "system", system_prompt, TRUE);

  for (guint i = 0; i < n; i++)
    {
      BpChatMessage *message = bp_chat_request_get_message (request, i);
      gboolean user = bp_chat_message_get_role (message) == BP_CHAT_ROLE_USER;

      append_turn (prompt, template, user ? "user" : "assistant",
                   bp_chat_message_get_text (message), user || i + 1 < n);
      if (user && i + 1 == n)
        append_turn (prompt, template, "assistant", NULL, FALSE);
    }

  return g_string_free (prompt, FALSE);
}

static gboolean
llama_build (JsonBuilder          *builder,
             const BpChatRequest  *request,
             GError              **error)
{
  g_autofree char *prompt = build_prompt (request);

  _bp_json_add_string_member (builder, "prompt", prompt);
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_MAX_TOKENS))
    _bp_json_add_int_member (builder, "max_gen_len", bp_chat_request_get_max_tokens (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TEMPERATURE))
    _bp_json_add_double_member (builder, "temperature", bp_chat_request_get_temperature (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_P))
    _bp_json_add_double_member (builder, "top_p", bp_chat_request_get_top_p (request));

  return TRUE;
}

static const BpStopReasonMap stop_reasons[] = {
  { "stop", BP_STOP_REASON_END_TURN },
  { "length", BP_STOP_REASON_MAX_TOKENS },
};

static void
read_usage (JsonObject *object,
            BpUsage    *usage)
{
  _bp_invoke_read_count (object, "prompt_token_count", &usage->input_tokens);
  _bp_invoke_read_count (object, "generation_token_count", &usage->output_tokens);
}

static gboolean
llama_parse (JsonObject   *root,
             BpChatReply  *reply,
             GError      **error)
{
  const char *generation = _bp_json_get_string (root, "generation");
  const char *reason = _bp_json_get_string (root, "stop_reason");
  BpUsage usage;

  if (generation == NULL)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                           _("The Llama response has no generation"));
      return FALSE;
    }

  bp_chat_reply_append_text (reply, generation);
  bp_chat_reply_set_stop_reason (reply,
                                 _bp_invoke_map_stop_reason (reason, stop_reasons,
                                                             G_N_ELEMENTS (stop_reasons)),
                                 reason);
  bp_usage_init (&usage);
  read_usage (root, &usage);
  bp_chat_reply_merge_usage (reply, &usage);

  return TRUE;
}

/* prompt_token_count comes with the first chunk (null afterwards);
 * generation_token_count grows with each chunk. */
static gboolean
llama_feed (BpInvokeStreamParser  *parser,
            JsonObject            *chunk,
            GPtrArray             *events,
            GError               **error)
{
  const char *reason = _bp_json_get_string (chunk, "stop_reason");

  read_usage (chunk, &parser->usage);
  _bp_invoke_emit_text (parser, events, BP_STREAM_EVENT_TEXT_DELTA, 0,
                        _bp_json_get_string (chunk, "generation"));
  if (reason != NULL)
    _bp_invoke_emit_stop (parser, events,
                          _bp_invoke_map_stop_reason (reason, stop_reasons,
                                                      G_N_ELEMENTS (stop_reasons)),
                          reason);

  return TRUE;
}

const BpInvokeFamilyImpl _bp_invoke_llama = {
  .features = BP_CHAT_FEATURE_SYSTEM_PROMPT,
  .build = llama_build,
  .parse = llama_parse,
  .feed = llama_feed,
};
