/* bp-fake-bedrock-invoke-stream.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include "bp-fake-bedrock-private.h"

/* InvokeModelWithResponseStream chunks per family (§2.6, §3): each chunk
 * event carries one model-native JSON object, base64-encoded; the last
 * one adds "amazon-bedrock-invocationMetrics". */

typedef struct
{
  BpFakeStream           *stream;
  const BpFakeInvokeInfo *info;
  const BpFakePrompt     *prompt;
  BpFakeReply            *reply;
} Context;

static JsonObject *
object_with_string (const char *key,
                    const char *value)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, key, value);
  return object;
}

static void
add (Context    *context,
     JsonObject *inner,
     guint       tokens)
{
  _bp_fake_stream_add_chunk (context->stream, _bp_fake_json_object_node (inner), tokens);
}

/* The last chunk: @inner plus the invocation metrics. */
static void
add_last (Context    *context,
          JsonObject *inner)
{
  json_object_set_object_member (inner, "amazon-bedrock-invocationMetrics",
                                 _bp_fake_invocation_metrics (context->info, context->prompt,
                                                              context->reply));
  add (context, inner, 0);
}

static const char *
stop_word (BpFakeReply *reply,
           const char  *end_turn,
           const char  *max_tokens,
           const char  *stop_sequence)
{
  if (reply->stop == BP_FAKE_STOP_MAX_TOKENS)
    return max_tokens;
  if (reply->stop == BP_FAKE_STOP_STOP_SEQUENCE)
    return stop_sequence;
  return end_turn;
}

/* {"type": TYPE, "index": INDEX, MEMBER: {"type": SUBTYPE, KEY: VALUE}} */
static JsonObject *
anthropic_event (const char *type,
                 guint       index,
                 const char *member,
                 const char *subtype,
                 const char *key,
                 const char *value)
{
  JsonObject *event = object_with_string ("type", type);

  json_object_set_int_member (event, "index", index);
  if (member != NULL)
    {
      JsonObject *inner = object_with_string ("type", subtype);

      json_object_set_string_member (inner, key, value);
      json_object_set_object_member (event, member, inner);
    }

  return event;
}

static void
anthropic_start (Context *context)
{
  JsonObject *event = object_with_string ("type", "message_start");
  JsonObject *message = object_with_string ("id", context->info->response_id);
  JsonObject *usage = json_object_new ();
  BpFakeReply *reply = context->reply;

  json_object_set_string_member (message, "type", "message");
  json_object_set_string_member (message, "role", "assistant");
  json_object_set_string_member (message, "model", context->info->model_name);
  json_object_set_array_member (message, "content", json_array_new ());
  json_object_set_null_member (message, "stop_reason");
  json_object_set_null_member (message, "stop_sequence");
  json_object_set_int_member (usage, "input_tokens", context->prompt->input_tokens);
  json_object_set_int_member (usage, "output_tokens", 1);
  json_object_set_object_member (message, "usage", usage);
  json_object_set_object_member (event, "message", message);
  add (context, event, 0);

  if (reply->reasoning != NULL)
    {
      add (context, anthropic_event ("content_block_start", 0, "content_block", "thinking",
                                     "thinking", ""), 0);
      add (context, anthropic_event ("content_block_delta", 0, "delta", "thinking_delta",
                                     "thinking", reply->reasoning), reply->reasoning_tokens);
      add (context, anthropic_event ("content_block_delta", 0, "delta", "signature_delta",
                                     "signature", reply->signature), 0);
      add (context, anthropic_event ("content_block_stop", 0, NULL, NULL, NULL, NULL), 0);
    }
  add (context, anthropic_event ("content_block_start", reply->reasoning ? 1 : 0,
                                 "content_block", "text", "text", ""), 0);
}

static void
anthropic_end (Context *context)
{
  BpFakeReply *reply = context->reply;
  JsonObject *event = object_with_string ("type", "message_delta");
  JsonObject *delta = object_with_string ("stop_reason", stop_word (reply, "end_turn", "max_tokens",
                                                                    "stop_sequence"));
  JsonObject *usage = json_object_new ();

  add (context, anthropic_event ("content_block_stop", reply->reasoning ? 1 : 0,
                                 NULL, NULL, NULL, NULL), 0);

  if (reply->stop_sequence != NULL)
    json_object_set_string_member (delta, "stop_sequence", reply->stop_sequence);
  else
    json_object_set_null_member (delta, "stop_sequence");
  json_object_set_object_member (event, "delta", delta);
  json_object_set_int_member (usage, "output_tokens", _bp_fake_reply_get_output_tokens (reply));
  json_object_set_object_member (event, "usage", usage);
  add (context, event, 0);

  add_last (context, object_with_string ("type", "message_stop"));
}

/* Nova: Converse-stream events, one per chunk, keyed by name (§3.5). */
static JsonObject *
nova_event (const char *name,
            JsonObject *body)
{
  JsonObject *event = json_object_new ();

  json_object_set_object_member (event, name, body);
  return event;
}

static JsonObject *
nova_delta (guint       index,
            const char *key,
            JsonNode   *value)
{
  JsonObject *delta = json_object_new ();
  JsonObject *body = json_object_new ();

  json_object_set_member (delta, key, value);
  json_object_set_object_member (body, "delta", delta);
  json_object_set_int_member (body, "contentBlockIndex", index);

  return nova_event ("contentBlockDelta", body);
}

static void
nova_start (Context *context)
{
  add (context, nova_event ("messageStart", object_with_string ("role", "assistant")), 0);

  if (context->reply->reasoning != NULL)
    {
      JsonNode *redacted = _bp_fake_json_object_node (object_with_string ("text", "[REDACTED]"));
      JsonObject *stop = json_object_new ();

      add (context, nova_delta (0, "reasoningContent", redacted), context->reply->reasoning_tokens);
      json_object_set_int_member (stop, "contentBlockIndex", 0);
      add (context, nova_event ("contentBlockStop", stop), 0);
    }
}

static void
nova_end (Context *context)
{
  BpFakeReply *reply = context->reply;
  JsonObject *stop = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonObject *usage = json_object_new ();
  guint out = _bp_fake_reply_get_output_tokens (reply);

  json_object_set_int_member (stop, "contentBlockIndex", reply->reasoning ? 1 : 0);
  add (context, nova_event ("contentBlockStop", stop), 0);
  add (context, nova_event ("messageStop",
                            object_with_string ("stopReason",
                                                stop_word (reply, "end_turn", "max_tokens",
                                                           "stop_sequence"))), 0);

  json_object_set_int_member (usage, "inputTokens", context->prompt->input_tokens);
  json_object_set_int_member (usage, "outputTokens", out);
  json_object_set_int_member (usage, "totalTokens", (gint64) context->prompt->input_tokens + out);
  json_object_set_object_member (metadata, "usage", usage);
  json_object_set_object_member (metadata, "metrics", json_object_new ());
  json_object_set_object_member (metadata, "trace", json_object_new ());
  add_last (context, nova_event ("metadata", metadata));
}

static JsonObject *
mistral_entry (BpFakeFamily  family,
               const char   *text,
               const char   *stop_reason)
{
  JsonObject *root = json_object_new ();
  JsonArray *list = json_array_new ();
  JsonObject *entry;

  if (family == BP_FAKE_FAMILY_MISTRAL_PROMPT)
    entry = object_with_string ("text", text);
  else
    {
      JsonObject *message = object_with_string ("role", "assistant");

      json_object_set_string_member (message, "content", text);
      entry = json_object_new ();
      json_object_set_int_member (entry, "index", 0);
      json_object_set_object_member (entry, "message", message);
    }

  if (stop_reason != NULL)
    json_object_set_string_member (entry, "stop_reason", stop_reason);
  else
    json_object_set_null_member (entry, "stop_reason");
  json_array_add_object_element (list, entry);
  json_object_set_array_member (root, family == BP_FAKE_FAMILY_MISTRAL_PROMPT ? "outputs"
                                                                               : "choices", list);

  return root;
}

/* One delta chunk of @piece; @done is the number of pieces sent so far
 * including this one. */
static JsonObject *
delta_chunk (Context    *context,
             const char *piece,
             guint       done,
             gboolean    first)
{
  const BpFakeInvokeInfo *info = context->info;
  JsonObject *chunk;

  switch (info->family)
    {
    case BP_FAKE_FAMILY_ANTHROPIC:
      return anthropic_event ("content_block_delta", context->reply->reasoning ? 1 : 0,
                              "delta", "text_delta", "text", piece);

    case BP_FAKE_FAMILY_CLAUDE_TEXT:
      {
        /* The legacy completion starts with a space. */
        g_autofree char *text = g_strconcat (first ? " " : "", piece, NULL);

        chunk = object_with_string ("completion", text);
      }
      json_object_set_null_member (chunk, "stop_reason");
      json_object_set_null_member (chunk, "stop");
      return chunk;

    case BP_FAKE_FAMILY_LLAMA:
      chunk = object_with_string ("generation", piece);
      if (first)
        json_object_set_int_member (chunk, "prompt_token_count", context->prompt->input_tokens);
      else
        json_object_set_null_member (chunk, "prompt_token_count");
      json_object_set_int_member (chunk, "generation_token_count", done);
      json_object_set_null_member (chunk, "stop_reason");
      return chunk;

    case BP_FAKE_FAMILY_TITAN_TEXT:
      chunk = object_with_string ("outputText", piece);
      json_object_set_int_member (chunk, "index", 0);
      json_object_set_int_member (chunk, "totalOutputTextTokenCount", done);
      json_object_set_null_member (chunk, "completionReason");
      json_object_set_int_member (chunk, "inputTextTokenCount", context->prompt->input_tokens);
      return chunk;

    case BP_FAKE_FAMILY_NOVA:
      return nova_delta (context->reply->reasoning ? 1 : 0, "text",
                         json_node_init_string (json_node_alloc (), piece));

    case BP_FAKE_FAMILY_MISTRAL_PROMPT:
    case BP_FAKE_FAMILY_MISTRAL_CHAT:
      return mistral_entry (info->family, piece, NULL);

    case BP_FAKE_FAMILY_COHERE:
      chunk = json_object_new ();
      json_object_set_boolean_member (chunk, "is_finished", FALSE);
      json_object_set_string_member (chunk, "event_type", "text-generation");
      json_object_set_string_member (chunk, "text", piece);
      return chunk;

    case BP_FAKE_FAMILY_TITAN_IMAGE:
    case BP_FAKE_FAMILY_NOVA_CANVAS:
    case BP_FAKE_FAMILY_STABILITY:
    default:
      g_assert_not_reached ();
    }
}

static void
family_start (Context *context)
{
  JsonObject *chunk;

  switch (context->info->family)
    {
    case BP_FAKE_FAMILY_ANTHROPIC:
      anthropic_start (context);
      break;
    case BP_FAKE_FAMILY_NOVA:
      nova_start (context);
      break;
    case BP_FAKE_FAMILY_COHERE:
      chunk = json_object_new ();
      json_object_set_boolean_member (chunk, "is_finished", FALSE);
      json_object_set_string_member (chunk, "event_type", "stream-start");
      json_object_set_string_member (chunk, "generation_id", context->info->response_id);
      add (context, chunk, 0);
      break;
    default:
      break;
    }
}

static void
family_end (Context *context)
{
  BpFakeReply *reply = context->reply;
  guint out = _bp_fake_reply_get_output_tokens (reply);
  JsonObject *chunk;

  switch (context->info->family)
    {
    case BP_FAKE_FAMILY_ANTHROPIC:
      anthropic_end (context);
      return;
    case BP_FAKE_FAMILY_NOVA:
      nova_end (context);
      return;
    case BP_FAKE_FAMILY_CLAUDE_TEXT:
      chunk = object_with_string ("completion", "");
      json_object_set_string_member (chunk, "stop_reason",
                                     stop_word (reply, "stop_sequence", "max_tokens", "stop_sequence"));
      if (reply->stop == BP_FAKE_STOP_MAX_TOKENS)
        json_object_set_null_member (chunk, "stop");
      else
        json_object_set_string_member (chunk, "stop", reply->stop_sequence ? reply->stop_sequence
                                                                           : "\n\nHuman:");
      break;
    case BP_FAKE_FAMILY_LLAMA:
      chunk = object_with_string ("generation", "");
      json_object_set_null_member (chunk, "prompt_token_count");
      json_object_set_int_member (chunk, "generation_token_count", out);
      json_object_set_string_member (chunk, "stop_reason", stop_word (reply, "stop", "length", "stop"));
      break;
    case BP_FAKE_FAMILY_TITAN_TEXT:
      chunk = object_with_string ("outputText", "");
      json_object_set_int_member (chunk, "index", 0);
      json_object_set_int_member (chunk, "totalOutputTextTokenCount", out);
      json_object_set_string_member (chunk, "completionReason",
                                     stop_word (reply, "FINISH", "LENGTH", "STOP_CRITERIA_MET"));
      json_object_set_int_member (chunk, "inputTextTokenCount", context->prompt->input_tokens);
      break;
    case BP_FAKE_FAMILY_MISTRAL_PROMPT:
    case BP_FAKE_FAMILY_MISTRAL_CHAT:
      chunk = mistral_entry (context->info->family, "", stop_word (reply, "stop", "length", "stop"));
      break;
    case BP_FAKE_FAMILY_COHERE:
      chunk = json_object_new ();
      json_object_set_boolean_member (chunk, "is_finished", TRUE);
      json_object_set_string_member (chunk, "event_type", "stream-end");
      json_object_set_string_member (chunk, "finish_reason",
                                     stop_word (reply, "COMPLETE", "MAX_TOKENS", "COMPLETE"));
      json_object_set_member (chunk, "response",
                              _bp_fake_invoke_build_response (context->info, context->prompt, reply));
      break;
    default:
      g_assert_not_reached ();
    }

  add_last (context, chunk);
}

/**
 * _bp_fake_invoke_stream_reply:
 * @stream: the stream to fill
 * @info: the response's details
 * @prompt: the prompt
 * @reply: the reply
 *
 * Queues the family's stream chunks for @reply.
 */
void
_bp_fake_invoke_stream_reply (BpFakeStream           *stream,
                              const BpFakeInvokeInfo *info,
                              const BpFakePrompt     *prompt,
                              BpFakeReply            *reply)
{
  Context context = { stream, info, prompt, reply };
  guint n = _bp_fake_reply_get_n_pieces (reply);
  guint step = _bp_fake_reply_words_per_delta (reply);

  family_start (&context);

  for (guint i = 0; i < n && !_bp_fake_stream_is_closed (stream); i += step)
    {
      g_autofree char *piece = _bp_fake_reply_dup_pieces (reply, i, step);
      guint tokens = MIN (step, n - i);

      add (&context, delta_chunk (&context, piece, i + tokens, i == 0), tokens);
    }

  family_end (&context);
}
