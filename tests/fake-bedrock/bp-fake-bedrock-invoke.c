/* bp-fake-bedrock-invoke.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <string.h>

#include "bp-fake-bedrock-private.h"

/* InvokeModel and InvokeModelWithResponseStream for the text families of
 * §3: each request body is read the way its family defines it; images
 * (§4) go to bp-fake-bedrock-image.c. */

#define MALFORMED "Malformed input request: %s, please reformat your input and try again."

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
  g_autofree char *detail = NULL;

  if (*error_message != NULL)
    return;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  *error_message = g_strdup_printf (MALFORMED, detail);
}

static char **
string_array (JsonArray *array)
{
  GPtrArray *strings = g_ptr_array_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (strings, g_strdup (json_node_get_string (node)));
    }
  g_ptr_array_add (strings, NULL);

  return (char **) g_ptr_array_free (strings, FALSE);
}

/* Reads an optional integer limit into @prompt->max_tokens. */
static void
read_max_tokens (JsonObject    *object,
                 const char    *member,
                 gint64         max,
                 gboolean       required,
                 BpFakePrompt  *prompt,
                 char         **error_message)
{
  gint64 value;

  if (!_bp_fake_json_get_int (object, member, &value))
    {
      if (required)
        set_error (error_message, "#: required key [%s] not found", member);
      return;
    }

  if (value < 1)
    set_error (error_message, "#/%s: %" G_GINT64_FORMAT " is not greater or equal to 1",
               member, value);
  else if (max > 0 && value > max)
    set_error (error_message, "#/%s: %" G_GINT64_FORMAT " is not less or equal to %"
               G_GINT64_FORMAT, member, value, max);
  else
    prompt->max_tokens = (guint) value;
}

/* The text after the last @open up to the following @close (or the end). */
static char *
last_turn (const char *prompt,
           const char *open,
           const char *close)
{
  const char *start = g_strrstr (prompt, open);
  const char *end;

  if (start == NULL)
    return g_strdup (prompt);

  start += strlen (open);
  end = strstr (start, close);

  return g_strstrip (end ? g_strndup (start, end - start) : g_strdup (start));
}

static const char *
require_string (JsonObject  *root,
                const char  *member,
                char       **error_message)
{
  const char *value = _bp_fake_json_get_string (root, member);

  if (value == NULL)
    set_error (error_message, "#: required key [%s] not found", member);

  return value;
}

/* Anthropic content: a string or an array of typed blocks. */
static guint
anthropic_content (JsonNode *content,
                   GString  *text)
{
  JsonArray *blocks;
  guint words = 0;

  if (content == NULL)
    return 0;
  if (json_node_get_value_type (content) == G_TYPE_STRING)
    {
      g_string_append (text, json_node_get_string (content));
      return _bp_fake_count_words (json_node_get_string (content));
    }
  if (!JSON_NODE_HOLDS_ARRAY (content))
    return 0;

  blocks = json_node_get_array (content);
  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonNode *node = json_array_get_element (blocks, i);
      JsonObject *block = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *block_text = _bp_fake_json_get_string (block, "text");

      if (block_text != NULL)
        {
          g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", block_text);
          words += _bp_fake_count_words (block_text);
        }
      else if (block != NULL)
        words += anthropic_content (json_object_get_member (block, "content"), text);
    }

  return words;
}

static void
parse_anthropic (JsonObject    *root,
                 BpFakePrompt  *prompt,
                 char         **error_message)
{
  const char *version = require_string (root, "anthropic_version", error_message);
  JsonArray *messages = _bp_fake_json_get_array (root, "messages");
  JsonObject *thinking = _bp_fake_json_get_object (root, "thinking");
  g_autoptr(GString) system = g_string_new (NULL);

  if (version != NULL && strcmp (version, "bedrock-2023-05-31") != 0)
    set_error (error_message, "#/anthropic_version: %s is not a valid enum value", version);
  read_max_tokens (root, "max_tokens", 0, TRUE, prompt, error_message);
  if (messages == NULL || json_array_get_length (messages) == 0)
    set_error (error_message, "#: required key [messages] not found");

  for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
    {
      JsonNode *node = json_array_get_element (messages, i);
      JsonObject *message = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *role = _bp_fake_json_get_string (message, "role");
      g_autoptr(GString) text = g_string_new (NULL);

      if (i == 0 && g_strcmp0 (role, "user") != 0 && *error_message == NULL)
        *error_message = g_strdup ("The model returned the following errors: messages: first "
                                   "message must use the \"user\" role");
      prompt->input_tokens += anthropic_content (json_object_get_member (message, "content"), text);
      if (g_strcmp0 (role, "user") == 0)
        {
          g_free (prompt->user_text);
          prompt->user_text = g_strdup (text->str);
        }
    }

  prompt->input_tokens += anthropic_content (json_object_get_member (root, "system"), system);
  prompt->stop_sequences = string_array (_bp_fake_json_get_array (root, "stop_sequences"));
  prompt->thinking = thinking != NULL &&
                     g_strcmp0 (_bp_fake_json_get_string (thinking, "type"), "disabled") != 0;
}

static void
parse_claude_text (JsonObject    *root,
                   BpFakePrompt  *prompt,
                   char         **error_message)
{
  const char *text = require_string (root, "prompt", error_message);

  read_max_tokens (root, "max_tokens_to_sample", 0, TRUE, prompt, error_message);
  prompt->stop_sequences = string_array (_bp_fake_json_get_array (root, "stop_sequences"));
  if (text == NULL)
    return;

  prompt->input_tokens = _bp_fake_count_words (text);
  prompt->user_text = last_turn (text, "\n\nHuman:", "\n\nAssistant:");

  if (*error_message == NULL && !g_str_has_prefix (text, "\n\nHuman:"))
    *error_message = g_strdup ("Invalid prompt: prompt must start with \"\n\nHuman:\" turn "
                               "after an optional system prompt");
  else if (*error_message == NULL && !g_str_has_suffix (text, "\n\nAssistant:"))
    *error_message = g_strdup ("Invalid prompt: prompt must end with \"\n\nAssistant:\" turn");
}

static void
parse_prompt_family (JsonObject    *root,
                     BpFakeFamily   family,
                     BpFakePrompt  *prompt,
                     char         **error_message)
{
  const char *text = require_string (root, "prompt", error_message);

  if (family == BP_FAKE_FAMILY_LLAMA)
    {
      prompt->max_tokens = 512;
      read_max_tokens (root, "max_gen_len", 2048, FALSE, prompt, error_message);
    }
  else
    {
      prompt->max_tokens = 512;
      read_max_tokens (root, "max_tokens", 8192, FALSE, prompt, error_message);
      prompt->stop_sequences = string_array (_bp_fake_json_get_array (root, "stop"));
    }
  if (text == NULL)
    return;

  prompt->input_tokens = _bp_fake_count_words (text);
  if (family == BP_FAKE_FAMILY_LLAMA && strstr (text, "<|start_header_id|>") != NULL)
    prompt->user_text = last_turn (text, "<|start_header_id|>user<|end_header_id|>", "<|eot_id|>");
  else
    prompt->user_text = last_turn (text, "[INST]", "[/INST]");
}

static void
parse_titan_text (JsonObject    *root,
                  BpFakePrompt  *prompt,
                  char         **error_message)
{
  const char *text = require_string (root, "inputText", error_message);
  JsonObject *config = _bp_fake_json_get_object (root, "textGenerationConfig");

  prompt->max_tokens = 512;
  read_max_tokens (config, "maxTokenCount", 8192, FALSE, prompt, error_message);
  prompt->stop_sequences = string_array (_bp_fake_json_get_array (config, "stopSequences"));
  if (text == NULL)
    return;

  prompt->input_tokens = _bp_fake_count_words (text);
  prompt->user_text = last_turn (text, "User:", "\nBot:");
}

static void
parse_nova (JsonObject    *root,
            BpFakePrompt  *prompt,
            char         **error_message)
{
  const char *schema = _bp_fake_json_get_string (root, "schemaVersion");
  JsonObject *config = _bp_fake_json_get_object (root, "inferenceConfig");
  JsonObject *reasoning = _bp_fake_json_get_object (config, "reasoningConfig");

  if (schema != NULL && strcmp (schema, "messages-v1") != 0)
    set_error (error_message, "#/schemaVersion: %s is not a valid enum value", schema);

  _bp_fake_runtime_parse_converse (root, prompt, error_message);
  read_max_tokens (config, "max_new_tokens", 0, FALSE, prompt, error_message);
  if (reasoning != NULL && g_strcmp0 (_bp_fake_json_get_string (reasoning, "type"), "enabled") == 0)
    prompt->thinking = TRUE;
}

static void
parse_mistral_chat (JsonObject    *root,
                    BpFakePrompt  *prompt,
                    char         **error_message)
{
  JsonArray *messages = _bp_fake_json_get_array (root, "messages");

  if (messages == NULL || json_array_get_length (messages) == 0)
    set_error (error_message, "#: required key [messages] not found");

  for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
    {
      JsonNode *node = json_array_get_element (messages, i);
      JsonObject *message = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *content = _bp_fake_json_get_string (message, "content");

      prompt->input_tokens += _bp_fake_count_words (content);
      if (g_strcmp0 (_bp_fake_json_get_string (message, "role"), "user") == 0)
        {
          g_free (prompt->user_text);
          prompt->user_text = g_strdup (content);
        }
    }

  prompt->max_tokens = 512;
  read_max_tokens (root, "max_tokens", 8192, FALSE, prompt, error_message);
  prompt->stop_sequences = string_array (_bp_fake_json_get_array (root, "stop"));
}

static void
parse_cohere (JsonObject    *root,
              BpFakePrompt  *prompt,
              char         **error_message)
{
  const char *message = require_string (root, "message", error_message);
  JsonArray *history = _bp_fake_json_get_array (root, "chat_history");

  prompt->user_text = g_strdup (message);
  prompt->input_tokens = _bp_fake_count_words (message) +
                         _bp_fake_count_words (_bp_fake_json_get_string (root, "preamble"));
  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      JsonNode *node = json_array_get_element (history, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        prompt->input_tokens += _bp_fake_count_words (
          _bp_fake_json_get_string (json_node_get_object (node), "message"));
    }

  read_max_tokens (root, "max_tokens", 4096, FALSE, prompt, error_message);
  prompt->stop_sequences = string_array (_bp_fake_json_get_array (root, "stop_sequences"));
}

/**
 * _bp_fake_invoke_parse:
 * @family: a text family
 * @root: the native request body
 * @prompt: (out caller-allocates): the prompt, filled as far as possible
 * @error_message: (out) (transfer full): the ValidationException message
 *
 * Returns: whether the body is valid for @family
 */
gboolean
_bp_fake_invoke_parse (BpFakeFamily   family,
                       JsonObject    *root,
                       BpFakePrompt  *prompt,
                       char         **error_message)
{
  switch (family)
    {
    case BP_FAKE_FAMILY_ANTHROPIC:
      parse_anthropic (root, prompt, error_message);
      break;
    case BP_FAKE_FAMILY_CLAUDE_TEXT:
      parse_claude_text (root, prompt, error_message);
      break;
    case BP_FAKE_FAMILY_LLAMA:
    case BP_FAKE_FAMILY_MISTRAL_PROMPT:
      parse_prompt_family (root, family, prompt, error_message);
      break;
    case BP_FAKE_FAMILY_TITAN_TEXT:
      parse_titan_text (root, prompt, error_message);
      break;
    case BP_FAKE_FAMILY_NOVA:
      parse_nova (root, prompt, error_message);
      break;
    case BP_FAKE_FAMILY_MISTRAL_CHAT:
      parse_mistral_chat (root, prompt, error_message);
      break;
    case BP_FAKE_FAMILY_COHERE:
      parse_cohere (root, prompt, error_message);
      break;
    case BP_FAKE_FAMILY_TITAN_IMAGE:
    case BP_FAKE_FAMILY_NOVA_CANVAS:
    case BP_FAKE_FAMILY_STABILITY:
    default:
      g_assert_not_reached ();
    }

  return *error_message == NULL;
}

/* "anthropic.claude-3-haiku-20240307-v1:0" → "claude-3-haiku-20240307". */
static char *
model_name (BpFakeExchange *exchange)
{
  const char *id = exchange->model->id;
  const char *dot = strchr (id, '.');
  char *name;
  char *version;

  if (g_str_has_prefix (id, "fake."))
    return g_strdup (exchange->model_id);

  name = g_strdup (dot != NULL ? dot + 1 : id);
  version = g_strrstr (name, "-v");
  if (version != NULL && g_ascii_isdigit (version[2]))
    *version = '\0';

  return name;
}

/* Limits that depend on the model rather than the family. */
static gboolean
check_model (BpFakeExchange *exchange,
             JsonObject     *root,
             BpFakePrompt   *prompt)
{
  const BpFakeModel *model = exchange->model;
  double value;

  if ((model->flags & BP_FAKE_MODEL_SAMPLING_EXCLUSIVE) != 0 &&
      _bp_fake_json_get_number (root, "temperature", &value) &&
      _bp_fake_json_get_number (root, "top_p", &value))
    {
      _bp_fake_exchange_respond_validation (exchange, "The model returned the following errors: "
                                            "`temperature` and `top_p` cannot both be "
                                            "specified for this model. Please use only one.");
      return FALSE;
    }

  if (model->max_output_tokens > 0 && prompt->max_tokens > model->max_output_tokens)
    {
      g_autofree char *name = model_name (exchange);
      g_autofree char *message = g_strdup_printf ("The model returned the following errors: "
                                                  "max_tokens: %u > %u, which is the maximum "
                                                  "allowed number of output tokens for %s",
                                                  prompt->max_tokens,
                                                  model->max_output_tokens, name);

      _bp_fake_exchange_respond_validation (exchange, message);
      return FALSE;
    }

  if (prompt->max_tokens == 0)
    prompt->max_tokens = model->max_output_tokens;

  return TRUE;
}

static void
set_count_header (BpFakeExchange *exchange,
                  const char     *name,
                  guint           value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  _bp_fake_exchange_set_header (exchange, name, text);
}

static void
respond (BpFakeExchange     *exchange,
         BpFakeInvokeInfo   *info,
         const BpFakePrompt *prompt,
         BpFakeReply        *reply)
{
  if (_bp_fake_exchange_is_streaming (exchange))
    {
      guint tps = exchange->fake->tokens_per_second;

      if (tps > 0)
        info->latency_ms += (guint) ((guint64) _bp_fake_reply_get_output_tokens (reply) * 1000 / tps);
      exchange->stream = _bp_fake_stream_new (exchange);
      _bp_fake_invoke_stream_reply (exchange->stream, info, prompt, reply);
      _bp_fake_stream_start (exchange->stream, TRUE);
      return;
    }

  set_count_header (exchange, "X-Amzn-Bedrock-Input-Token-Count", prompt->input_tokens);
  set_count_header (exchange, "X-Amzn-Bedrock-Output-Token-Count",
                    _bp_fake_reply_get_output_tokens (reply));
  set_count_header (exchange, "X-Amzn-Bedrock-Invocation-Latency", info->latency_ms);
  _bp_fake_exchange_respond_json (exchange, SOUP_STATUS_OK,
                                  _bp_fake_invoke_build_response (info, prompt, reply));
}

/**
 * _bp_fake_invoke_handle:
 * @exchange: an InvokeModel or InvokeModelWithResponseStream request
 */
void
_bp_fake_invoke_handle (BpFakeExchange *exchange)
{
  g_auto(BpFakePrompt) prompt = { 0 };
  g_autofree char *error_message = NULL;
  g_autofree char *name = NULL;
  g_autofree char *response_id = NULL;
  g_autoptr(BpFakeReply) reply = NULL;
  JsonObject *root = exchange->json ? json_node_get_object (exchange->json) : NULL;
  BpFakeInvokeInfo info = { 0 };

  if (exchange->model != NULL && _bp_fake_family_is_image (exchange->model->family))
    {
      _bp_fake_image_handle (exchange);
      return;
    }

  if (exchange->model != NULL && root != NULL)
    _bp_fake_invoke_parse (exchange->model->family, root, &prompt, &error_message);

  if (_bp_fake_faults_apply (exchange, prompt.user_text))
    return;

  if (exchange->model == NULL)
    _bp_fake_exchange_respond_validation (exchange, exchange->model_error);
  else if (root == NULL)
    _bp_fake_exchange_respond_validation (exchange, "Malformed input request: expected a JSON "
                                          "object, please reformat your input and try again.");
  else if (error_message != NULL)
    _bp_fake_exchange_respond_validation (exchange, error_message);
  else if (check_model (exchange, root, &prompt))
    {
      reply = _bp_fake_exchange_make_reply (exchange, &prompt);
      name = model_name (exchange);
      response_id = g_strdup_printf ("msg_bdrk_01%016x", g_str_hash (exchange->request_id));
      info.family = exchange->model->family;
      info.model_name = name;
      info.response_id = response_id;
      info.first_byte_ms = _bp_fake_exchange_latency_ms (exchange);
      info.latency_ms = info.first_byte_ms;
      respond (exchange, &info, &prompt, reply);
    }
}
