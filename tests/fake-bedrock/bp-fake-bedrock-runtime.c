/* bp-fake-bedrock-runtime.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <string.h>

#include "bp-fake-bedrock-private.h"

/* Converse, ConverseStream (§2.3, §2.4) and CountTokens (§2.7). */

#define MESSAGE_FIRST_USER \
  "A conversation must start with a user message. Try again with a conversation that " \
  "starts with a user message."
#define MESSAGE_ALTERNATE \
  "A conversation must alternate between user and assistant roles. Make sure the " \
  "conversation alternates between user and assistant roles and try again."
#define MESSAGE_BOTH_SAMPLING \
  "The model returned the following errors: `temperature` and `top_p` cannot both be " \
  "specified for this model. Please use only one."
#define MESSAGE_NOT_TEXT_MODEL \
  "This action doesn't support the model that you provided. Try again with a supported " \
  "text or chat model."

static void
set_error (char       **error_message,
           const char  *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
set_error (char       **error_message,
           const char  *format,
           ...)
{
  va_list args;

  /* The first problem wins, but parsing goes on for the fault markers. */
  if (*error_message != NULL)
    return;

  va_start (args, format);
  *error_message = g_strdup_vprintf (format, args);
  va_end (args);
}

/* Counts the words of a content block list; collects text into @text. */
static guint
count_blocks (JsonArray *content,
              GString   *text)
{
  guint words = 0;

  for (guint i = 0; content != NULL && i < json_array_get_length (content); i++)
    {
      JsonNode *node = json_array_get_element (content, i);
      JsonObject *block = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *block_text = _bp_fake_json_get_string (block, "text");
      JsonObject *tool_result = _bp_fake_json_get_object (block, "toolResult");

      if (block_text != NULL)
        {
          words += _bp_fake_count_words (block_text);
          if (text != NULL)
            g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", block_text);
        }
      if (tool_result != NULL)
        words += count_blocks (_bp_fake_json_get_array (tool_result, "content"), NULL);
    }

  return words;
}

static void
parse_messages (JsonArray     *messages,
                BpFakePrompt  *prompt,
                char         **error_message)
{
  const char *previous = NULL;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonNode *node = json_array_get_element (messages, i);
      JsonObject *message = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *role = _bp_fake_json_get_string (message, "role");
      JsonArray *content = _bp_fake_json_get_array (message, "content");
      gboolean user = g_strcmp0 (role, "user") == 0;
      g_autoptr(GString) text = g_string_new (NULL);

      if (!user && g_strcmp0 (role, "assistant") != 0)
        set_error (error_message, "1 validation error detected: Value at 'messages.%u.member.role' "
                   "failed to satisfy constraint: Member must satisfy enum value set: "
                   "[user, assistant]", i + 1);
      else if (i == 0 && !user)
        set_error (error_message, "%s", MESSAGE_FIRST_USER);
      else if (previous != NULL && strcmp (previous, role) == 0)
        set_error (error_message, "%s", MESSAGE_ALTERNATE);
      if (content == NULL || json_array_get_length (content) == 0)
        set_error (error_message, "The content field in the Message object at messages.%u is "
                   "empty. Add a ContentBlock object to the content field and try again.", i);

      prompt->input_tokens += count_blocks (content, text);
      if (user)
        {
          g_free (prompt->user_text);
          prompt->user_text = g_strdup (text->str);
        }
      previous = role;
    }
}

static void
parse_inference_config (JsonObject    *config,
                        BpFakePrompt  *prompt,
                        char         **error_message)
{
  JsonArray *stops = _bp_fake_json_get_array (config, "stopSequences");
  gint64 max_tokens;
  double value;

  if (_bp_fake_json_get_int (config, "maxTokens", &max_tokens))
    {
      if (max_tokens < 1 || max_tokens > G_MAXINT32)
        set_error (error_message, "1 validation error detected: Value '%" G_GINT64_FORMAT "' at "
                   "'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have "
                   "value greater than or equal to 1", max_tokens);
      else
        prompt->max_tokens = (guint) max_tokens;
    }

  if (_bp_fake_json_get_number (config, "temperature", &value) && (value < 0 || value > 1))
    set_error (error_message, "1 validation error detected: Value '%g' at "
               "'inferenceConfig.temperature' failed to satisfy constraint: Member must have "
               "value less than or equal to 1", value);
  if (_bp_fake_json_get_number (config, "topP", &value) && (value < 0 || value > 1))
    set_error (error_message, "1 validation error detected: Value '%g' at "
               "'inferenceConfig.topP' failed to satisfy constraint: Member must have value "
               "less than or equal to 1", value);

  if (stops != NULL)
    {
      GPtrArray *array = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (stops); i++)
        {
          const char *stop = json_array_get_string_element (stops, i);

          if (stop == NULL || *stop == '\0')
            set_error (error_message, "1 validation error detected: Value at "
                       "'inferenceConfig.stopSequences' failed to satisfy constraint: Member "
                       "must have length greater than or equal to 1");
          else
            g_ptr_array_add (array, g_strdup (stop));
        }
      g_ptr_array_add (array, NULL);
      prompt->stop_sequences = (char **) g_ptr_array_free (array, FALSE);
    }
}

static gboolean
wants_thinking (JsonObject *extra)
{
  JsonObject *thinking = _bp_fake_json_get_object (extra, "thinking");
  JsonObject *reasoning = _bp_fake_json_get_object (extra, "reasoningConfig");

  return (thinking != NULL && g_strcmp0 (_bp_fake_json_get_string (thinking, "type"), "disabled") != 0) ||
         (reasoning != NULL && g_strcmp0 (_bp_fake_json_get_string (reasoning, "type"), "enabled") == 0);
}

/**
 * _bp_fake_runtime_parse_converse:
 * @root: a Converse request body (or CountTokens' input.converse)
 * @prompt: (out caller-allocates): the prompt
 * @error_message: (out) (transfer full): the ValidationException message
 *
 * Returns: whether the body is valid; @prompt is filled as far as possible
 *   either way
 */
gboolean
_bp_fake_runtime_parse_converse (JsonObject    *root,
                                 BpFakePrompt  *prompt,
                                 char         **error_message)
{
  JsonArray *messages = _bp_fake_json_get_array (root, "messages");
  JsonArray *system = _bp_fake_json_get_array (root, "system");

  if (messages == NULL)
    set_error (error_message, "Malformed input request: #: required key [messages] not "
               "found, please reformat your input and try again.");
  else if (json_array_get_length (messages) == 0)
    set_error (error_message, "%s", MESSAGE_FIRST_USER);
  else
    parse_messages (messages, prompt, error_message);

  prompt->input_tokens += count_blocks (system, NULL);
  parse_inference_config (_bp_fake_json_get_object (root, "inferenceConfig"), prompt,
                          error_message);
  prompt->thinking = wants_thinking (_bp_fake_json_get_object (root,
                                                               "additionalModelRequestFields"));

  return *error_message == NULL;
}

/* Checks that depend on the model. */
static gboolean
check_model (BpFakeExchange *exchange,
             JsonObject     *root,
             BpFakePrompt   *prompt)
{
  const BpFakeModel *model = exchange->model;
  JsonObject *config = _bp_fake_json_get_object (root, "inferenceConfig");
  g_autofree char *message = NULL;
  double value;

  if (_bp_fake_family_is_image (model->family))
    message = g_strdup (MESSAGE_NOT_TEXT_MODEL);
  else if (model->max_output_tokens > 0 && prompt->max_tokens > model->max_output_tokens)
    message = g_strdup_printf ("The maximum tokens you requested exceeds the model limit of "
                               "%u. Try again with a maximum tokens value that is lower than "
                               "%u.", model->max_output_tokens, model->max_output_tokens);
  else if ((model->flags & BP_FAKE_MODEL_SAMPLING_EXCLUSIVE) != 0 &&
           _bp_fake_json_get_number (config, "temperature", &value) &&
           _bp_fake_json_get_number (config, "topP", &value))
    message = g_strdup (MESSAGE_BOTH_SAMPLING);
  else
    return TRUE;

  _bp_fake_exchange_respond_validation (exchange, message);
  return FALSE;
}

static const char *
stop_reason (BpFakeReply *reply)
{
  switch (reply->stop)
    {
    case BP_FAKE_STOP_MAX_TOKENS:
      return "max_tokens";
    case BP_FAKE_STOP_STOP_SEQUENCE:
      return "stop_sequence";
    case BP_FAKE_STOP_END_TURN:
    default:
      return "end_turn";
    }
}

/* additionalModelResponseFields for "/stop_sequence", the one path the
 * fake knows. */
static void
add_response_fields (JsonBuilder *builder,
                     JsonObject  *root,
                     BpFakeReply *reply)
{
  JsonArray *paths = _bp_fake_json_get_array (root, "additionalModelResponseFieldPaths");

  for (guint i = 0; paths != NULL && i < json_array_get_length (paths); i++)
    {
      if (g_strcmp0 (json_array_get_string_element (paths, i), "/stop_sequence") != 0)
        continue;

      json_builder_set_member_name (builder, "additionalModelResponseFields");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "stop_sequence");
      if (reply->stop_sequence != NULL)
        json_builder_add_string_value (builder, reply->stop_sequence);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      return;
    }
}

static void
add_usage (JsonBuilder        *builder,
           const BpFakePrompt *prompt,
           BpFakeReply        *reply,
           guint               latency_ms)
{
  guint output = _bp_fake_reply_get_output_tokens (reply);

  json_builder_set_member_name (builder, "usage");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "inputTokens");
  json_builder_add_int_value (builder, prompt->input_tokens);
  json_builder_set_member_name (builder, "outputTokens");
  json_builder_add_int_value (builder, output);
  json_builder_set_member_name (builder, "totalTokens");
  json_builder_add_int_value (builder, (gint64) prompt->input_tokens + output);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "metrics");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "latencyMs");
  json_builder_add_int_value (builder, latency_ms);
  json_builder_end_object (builder);
}

static void
respond_converse (BpFakeExchange     *exchange,
                  JsonObject         *root,
                  const BpFakePrompt *prompt,
                  BpFakeReply        *reply)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "output");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "assistant");
  json_builder_set_member_name (builder, "content");
  json_builder_begin_array (builder);
  if (reply->reasoning != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reasoningContent");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reasoningText");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, reply->reasoning);
      json_builder_set_member_name (builder, "signature");
      json_builder_add_string_value (builder, reply->signature);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, reply->text->str);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "stopReason");
  json_builder_add_string_value (builder, stop_reason (reply));
  add_usage (builder, prompt, reply, _bp_fake_exchange_latency_ms (exchange));
  add_response_fields (builder, root, reply);
  json_builder_end_object (builder);

  _bp_fake_exchange_respond_json (exchange, SOUP_STATUS_OK, json_builder_get_root (builder));
}

/* {"contentBlockIndex": index, "delta": {kind: value}} or, with
 * @sub_kind, {"delta": {kind: {sub_kind: value}}}. */
static JsonNode *
delta_event (guint       index,
             const char *kind,
             const char *sub_kind,
             const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "contentBlockIndex");
  json_builder_add_int_value (builder, index);
  json_builder_set_member_name (builder, "delta");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, kind);
  if (sub_kind != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, sub_kind);
    }
  json_builder_add_string_value (builder, value);
  if (sub_kind != NULL)
    json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
simple_event (const char *member,
              const char *string_value,
              gint64      int_value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  if (string_value != NULL)
    json_builder_add_string_value (builder, string_value);
  else
    json_builder_add_int_value (builder, int_value);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
stream_reasoning (BpFakeStream *stream,
                  BpFakeReply  *reply)
{
  g_auto(GStrv) words = g_strsplit (reply->reasoning, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *piece = g_strconcat (i > 0 ? " " : "", words[i], NULL);

      _bp_fake_stream_add_event (stream, "contentBlockDelta",
                                 delta_event (0, "reasoningContent", "text", piece), 1);
    }
  _bp_fake_stream_add_event (stream, "contentBlockDelta",
                             delta_event (0, "reasoningContent", "signature", reply->signature), 0);
  _bp_fake_stream_add_event (stream, "contentBlockStop",
                             simple_event ("contentBlockIndex", NULL, 0), 0);
}

static void
stream_converse (BpFakeExchange     *exchange,
                 JsonObject         *root,
                 const BpFakePrompt *prompt,
                 BpFakeReply        *reply)
{
  BpFakeStream *stream = exchange->stream = _bp_fake_stream_new (exchange);
  guint n = _bp_fake_reply_get_n_pieces (reply);
  guint step = _bp_fake_reply_words_per_delta (reply);
  guint index = reply->reasoning != NULL ? 1 : 0;
  guint tps = exchange->fake->tokens_per_second;
  guint latency = _bp_fake_exchange_latency_ms (exchange);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (tps > 0)
    latency += (guint) ((guint64) _bp_fake_reply_get_output_tokens (reply) * 1000 / tps);

  _bp_fake_stream_add_event (stream, "messageStart", simple_event ("role", "assistant", 0), 0);
  if (reply->reasoning != NULL)
    stream_reasoning (stream, reply);

  for (guint i = 0; i < n && !_bp_fake_stream_is_closed (stream); i += step)
    {
      g_autofree char *piece = _bp_fake_reply_dup_pieces (reply, i, step);

      _bp_fake_stream_add_event (stream, "contentBlockDelta",
                                 delta_event (index, "text", NULL, piece), MIN (step, n - i));
    }
  if (n == 0)
    _bp_fake_stream_add_event (stream, "contentBlockDelta", delta_event (index, "text", NULL, ""), 0);
  _bp_fake_stream_add_event (stream, "contentBlockStop",
                             simple_event ("contentBlockIndex", NULL, index), 0);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "stopReason");
  json_builder_add_string_value (builder, stop_reason (reply));
  add_response_fields (builder, root, reply);
  json_builder_end_object (builder);
  _bp_fake_stream_add_event (stream, "messageStop", json_builder_get_root (builder), 0);

  json_builder_reset (builder);
  json_builder_begin_object (builder);
  add_usage (builder, prompt, reply, latency);
  json_builder_end_object (builder);
  _bp_fake_stream_add_event (stream, "metadata", json_builder_get_root (builder), 0);

  _bp_fake_stream_start (stream, FALSE);
}

/**
 * _bp_fake_runtime_handle_converse:
 * @exchange: a Converse or ConverseStream request
 */
void
_bp_fake_runtime_handle_converse (BpFakeExchange *exchange)
{
  g_auto(BpFakePrompt) prompt = { 0 };
  g_autofree char *error_message = NULL;
  g_autoptr(BpFakeReply) reply = NULL;
  JsonObject *root = exchange->json ? json_node_get_object (exchange->json) : NULL;

  if (root != NULL)
    _bp_fake_runtime_parse_converse (root, &prompt, &error_message);

  if (_bp_fake_faults_apply (exchange, prompt.user_text))
    return;

  if (exchange->model == NULL)
    _bp_fake_exchange_respond_validation (exchange, exchange->model_error);
  else if (root == NULL)
    _bp_fake_exchange_respond_validation (exchange, "Malformed input request, please "
                                          "reformat your input and try again.");
  else if (error_message != NULL)
    _bp_fake_exchange_respond_validation (exchange, error_message);
  else if (check_model (exchange, root, &prompt))
    {
      if (prompt.max_tokens == 0)
        prompt.max_tokens = exchange->model->max_output_tokens;
      reply = _bp_fake_exchange_make_reply (exchange, &prompt);

      if (_bp_fake_exchange_is_streaming (exchange))
        stream_converse (exchange, root, &prompt, reply);
      else
        respond_converse (exchange, root, &prompt, reply);
    }
}

static gboolean
count_invoke_body (BpFakeExchange  *exchange,
                   const char      *base64,
                   BpFakePrompt    *prompt,
                   char           **error_message)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree guchar *body = NULL;
  gsize len = 0;

  if (base64 != NULL)
    body = g_base64_decode (base64, &len);
  if (body == NULL || len == 0 ||
      !json_parser_load_from_data (parser, (const char *) body, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      *error_message = g_strdup ("The provided request body is not valid JSON.");
      return FALSE;
    }

  return _bp_fake_invoke_parse (exchange->model->family,
                                json_node_get_object (json_parser_get_root (parser)),
                                prompt, error_message);
}

/**
 * _bp_fake_runtime_handle_count_tokens:
 * @exchange: a CountTokens request
 *
 * {"input": {"converse": {…}}} or {"input": {"invokeModel": {"body":
 * base64}}} → {"inputTokens": N}, counted as the matching operation would.
 * Models other than Anthropic's Messages family (and "fake.*") answer 400
 * ValidationException, as the service does for models that cannot count.
 */
void
_bp_fake_runtime_handle_count_tokens (BpFakeExchange *exchange)
{
  g_auto(BpFakePrompt) prompt = { 0 };
  g_autofree char *error_message = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonObject *root = exchange->json ? json_node_get_object (exchange->json) : NULL;
  JsonObject *input = _bp_fake_json_get_object (root, "input");
  JsonObject *converse = _bp_fake_json_get_object (input, "converse");
  JsonObject *invoke = _bp_fake_json_get_object (input, "invokeModel");

  if (converse != NULL)
    _bp_fake_runtime_parse_converse (converse, &prompt, &error_message);

  if (_bp_fake_faults_apply (exchange, prompt.user_text))
    return;

  if (exchange->model == NULL)
    {
      _bp_fake_exchange_respond_validation (exchange, exchange->model_error);
      return;
    }
  /* Only Anthropic's Messages models count tokens (wire format §2.7). */
  if (exchange->model->family != BP_FAKE_FAMILY_ANTHROPIC)
    error_message = g_strdup ("The provided model doesn't support counting tokens.");
  else if (converse == NULL && invoke == NULL)
    error_message = g_strdup ("Malformed input request: #/input: exactly one of [converse, "
                              "invokeModel] is required, please reformat your input and try "
                              "again.");
  else if (converse == NULL)
    count_invoke_body (exchange, _bp_fake_json_get_string (invoke, "body"), &prompt,
                       &error_message);

  if (error_message != NULL)
    {
      _bp_fake_exchange_respond_validation (exchange, error_message);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "inputTokens");
  json_builder_add_int_value (builder, prompt.input_tokens);
  json_builder_end_object (builder);
  _bp_fake_exchange_respond_json (exchange, SOUP_STATUS_OK, json_builder_get_root (builder));
}
