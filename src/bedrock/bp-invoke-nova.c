/* bp-invoke-nova.c
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
#include "bp-converse-private.h"
#include "bp-invoke-private.h"

/* Amazon Nova understanding models, native messages-v1 (wire format §3.5):
 * the Converse schema with a schemaVersion, top-K inside inferenceConfig,
 * and stream chunks that wrap one Converse event each, keyed by its name.
 * Nova returns its reasoning as "[REDACTED]", so none is sent back. */

static gboolean
nova_build (JsonBuilder          *builder,
            const BpChatRequest  *request,
            GError              **error)
{
  gboolean any = bp_chat_request_is_set (request, BP_CHAT_PARAM_MAX_TOKENS) ||
                 bp_chat_request_is_set (request, BP_CHAT_PARAM_TEMPERATURE) ||
                 bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_P) ||
                 bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_K) ||
                 bp_chat_request_is_set (request, BP_CHAT_PARAM_STOP_SEQUENCES);

  _bp_json_add_string_member (builder, "schemaVersion", "messages-v1");
  _bp_converse_add_system (builder, request);
  _bp_converse_add_messages (builder, request, FALSE);
  if (!any)
    return TRUE;

  json_builder_set_member_name (builder, "inferenceConfig");
  json_builder_begin_object (builder);
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_MAX_TOKENS))
    _bp_json_add_int_member (builder, "maxTokens", bp_chat_request_get_max_tokens (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TEMPERATURE))
    _bp_json_add_double_member (builder, "temperature", bp_chat_request_get_temperature (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_P))
    _bp_json_add_double_member (builder, "topP", bp_chat_request_get_top_p (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_TOP_K))
    _bp_json_add_int_member (builder, "topK", bp_chat_request_get_top_k (request));
  if (bp_chat_request_is_set (request, BP_CHAT_PARAM_STOP_SEQUENCES))
    _bp_json_add_strv_member (builder, "stopSequences", bp_chat_request_get_stop_sequences (request));
  json_builder_end_object (builder);

  return TRUE;
}

static gboolean
nova_parse (JsonObject   *root,
            BpChatReply  *reply,
            GError      **error)
{
  JsonObject *message = _bp_json_get_object (_bp_json_get_object (root, "output"), "message");
  const char *reason = _bp_json_get_string (root, "stopReason");
  BpUsage usage;

  if (message == NULL)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                           _("The Nova response has no output message"));
      return FALSE;
    }

  _bp_converse_read_content (_bp_json_get_array (message, "content"), reply);
  bp_chat_reply_set_stop_reason (reply, bp_stop_reason_from_string (reason), reason);

  bp_usage_init (&usage);
  _bp_json_read_converse_usage (_bp_json_get_object (root, "usage"), &usage);
  bp_chat_reply_merge_usage (reply, &usage);

  return TRUE;
}

static gboolean
nova_feed (BpInvokeStreamParser  *parser,
           JsonObject            *chunk,
           GPtrArray             *events,
           GError               **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, chunk);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_autoptr(GError) local_error = NULL;
      BpStreamEvent *event;

      if (!_bp_converse_is_event_type (name) || !JSON_NODE_HOLDS_OBJECT (member))
        continue;

      event = _bp_converse_event_from_object (name, json_node_get_object (member), &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (event != NULL)
        _bp_invoke_emit (parser, events, event);
    }

  return TRUE;
}

const BpInvokeFamilyImpl _bp_invoke_nova = {
  .features = BP_CHAT_FEATURE_TOP_K | BP_CHAT_FEATURE_STOP_SEQUENCES |
              BP_CHAT_FEATURE_IMAGES | BP_CHAT_FEATURE_SYSTEM_PROMPT,
  .build = nova_build,
  .parse = nova_parse,
  .feed = nova_feed,
};
