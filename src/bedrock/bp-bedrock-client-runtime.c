/* bp-bedrock-client-runtime.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-bedrock-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bp-bedrock-client-private.h"
#include "bp-bedrock-error.h"
#include "bp-converse.h"
#include "bp-invoke.h"

/* The non-streaming runtime operations (wire format §2.3, §2.5, §2.7):
 * Converse, InvokeModel (native chat bodies and raw bodies) and
 * CountTokens. Each builds its body with the module that owns the format,
 * sends it through the engine in -call.c and parses the whole response. */

/* The members of a Converse body that CountTokens' `converse` input takes
 * (§2.7); inferenceConfig is not one of them. */
static const char * const count_tokens_members[] = {
  "messages", "system", "toolConfig", "additionalModelRequestFields",
};

typedef struct
{
  char               *model_id;
  BpModelFamily       family;       /* UNKNOWN: Converse */
  gint64              start_us;
  SoupMessageHeaders *headers;      /* (nullable): raw InvokeModel's response headers */
} OpData;

static void
op_data_free (OpData *data)
{
  g_free (data->model_id);
  g_clear_pointer (&data->headers, soup_message_headers_unref);
  g_free (data);
}

static GTask *
op_task_new (BpBedrockClient     *self,
             const char          *model_id,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  OpData *data = g_new0 (OpData, 1);

  g_task_set_source_tag (task, source_tag);
  data->model_id = g_strdup (model_id);
  data->start_us = g_get_monotonic_time ();
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);

  return task;
}

/* Sends @body to /model/{id}/@operation; @callback gets the task back. */
static void
send_model_call (BpBedrockClient     *self,
                 GTask               *task,
                 const char          *operation,
                 GBytes              *body,
                 gboolean             accept_json,
                 GAsyncReadyCallback  callback)
{
  OpData *data = g_task_get_task_data (task);
  BpClientCall *call;

  call = _bp_client_call_new (BP_CLIENT_PLANE_RUNTIME, SOUP_METHOD_POST,
                              _bp_client_model_path (data->model_id, operation), NULL,
                              g_bytes_ref (body));
  if (accept_json)
    call->accept_header = "Accept";

  _bp_bedrock_client_send_async (self, call, g_task_get_cancellable (task),
                                 callback, g_object_ref (task));
}

/* InvokeModel's family-independent token counts (§2.5). */
static void
apply_token_headers (BpChatReply        *reply,
                     SoupMessageHeaders *headers)
{
  const char *input = soup_message_headers_get_one (headers, "X-Amzn-Bedrock-Input-Token-Count");
  const char *output = soup_message_headers_get_one (headers, "X-Amzn-Bedrock-Output-Token-Count");
  const char *latency = soup_message_headers_get_one (headers, "X-Amzn-Bedrock-Invocation-Latency");

  bp_invoke_apply_response_headers (reply, input, output, latency);
}

/* A whole reply arrives at once: its first token with it. */
static void
finish_chat_reply (BpChatReply *reply,
                   OpData      *data)
{
  gint64 elapsed_ms = (g_get_monotonic_time () - data->start_us) / 1000;

  if (bp_chat_reply_get_model_id (reply) == NULL)
    bp_chat_reply_set_model_id (reply, data->model_id);
  bp_chat_reply_set_start_time (reply, data->start_us);
  if (bp_chat_reply_get_time_to_first_token_ms (reply) < 0)
    bp_chat_reply_set_time_to_first_token_ms (reply, elapsed_ms);
  bp_chat_reply_set_total_time_ms (reply, elapsed_ms);
}

static void
chat_reply_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BpClientResponse) response = NULL;
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  OpData *data = g_task_get_task_data (task);

  response = _bp_bedrock_client_send_finish (BP_BEDROCK_CLIENT (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->family == BP_MODEL_FAMILY_UNKNOWN)
    reply = bp_converse_parse_response (response->body, data->model_id, &error);
  else
    reply = bp_invoke_parse_response (data->family, response->body, data->model_id, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->family != BP_MODEL_FAMILY_UNKNOWN)
    apply_token_headers (reply, response->headers);

  finish_chat_reply (reply, data);
  g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) bp_chat_reply_unref);
}

static BpChatReply *
chat_reply_finish (BpBedrockClient  *self,
                   GAsyncResult     *result,
                   gpointer          source_tag,
                   GError          **error)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bp_bedrock_client_converse_async:
 * @self: a #BpBedrockClient
 * @request: the chat request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the reply is in
 * @user_data: data for @callback
 *
 * Calls Converse with the body bp_converse_build_body() makes.
 */
void
bp_bedrock_client_converse_async (BpBedrockClient     *self,
                                  BpChatRequest       *request,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = op_task_new (self, bp_chat_request_get_model_id (request), cancellable,
                      callback, user_data, bp_bedrock_client_converse_async);

  body = bp_converse_build_body (request, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  send_model_call (self, task, "converse", body, FALSE, chat_reply_cb);
}

/**
 * bp_bedrock_client_converse_finish:
 * @self: a #BpBedrockClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the reply, with usage, the
 *   service's latency and the client's time to first token (here: until
 *   the whole reply had arrived)
 */
BpChatReply *
bp_bedrock_client_converse_finish (BpBedrockClient  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  return chat_reply_finish (self, result, bp_bedrock_client_converse_async, error);
}

/**
 * bp_bedrock_client_invoke_chat_async:
 * @self: a #BpBedrockClient
 * @request: the chat request, sent in its model family's native body
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the reply is in
 * @user_data: data for @callback
 *
 * Calls InvokeModel with the native body of the model's family
 * (bp_invoke_build_body()), the "raw request" mode. Token counts come from
 * the body or the X-Amzn-Bedrock-*-Token-Count headers.
 */
void
bp_bedrock_client_invoke_chat_async (BpBedrockClient     *self,
                                     BpChatRequest       *request,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  OpData *data;

  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = op_task_new (self, bp_chat_request_get_model_id (request), cancellable,
                      callback, user_data, bp_bedrock_client_invoke_chat_async);
  data = g_task_get_task_data (task);

  data->family = bp_model_family_from_model_id (data->model_id);
  if (data->family == BP_MODEL_FAMILY_UNKNOWN)
    {
      g_task_return_new_error (task, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                               _("No native request format is known for model ‘%s’: use Converse"),
                               data->model_id);
      return;
    }

  body = bp_invoke_build_body (data->family, request, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  send_model_call (self, task, "invoke", body, TRUE, chat_reply_cb);
}

/**
 * bp_bedrock_client_invoke_chat_finish:
 * @self: a #BpBedrockClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the reply
 */
BpChatReply *
bp_bedrock_client_invoke_chat_finish (BpBedrockClient  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  return chat_reply_finish (self, result, bp_bedrock_client_invoke_chat_async, error);
}

static void
invoke_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BpClientResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  OpData *data = g_task_get_task_data (task);

  response = _bp_bedrock_client_send_finish (BP_BEDROCK_CLIENT (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->headers = soup_message_headers_ref (response->headers);
  g_task_return_pointer (task, g_bytes_ref (response->body), (GDestroyNotify) g_bytes_unref);
}

/**
 * bp_bedrock_client_invoke_async:
 * @self: a #BpBedrockClient
 * @model_id: the model id, inference profile id or ARN
 * @body: the model-native JSON body, sent as it is
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the response is in
 * @user_data: data for @callback
 *
 * Calls InvokeModel with a body the caller wrote.
 */
void
bp_bedrock_client_invoke_async (BpBedrockClient     *self,
                                const char          *model_id,
                                GBytes              *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (model_id != NULL && model_id[0] != '\0');
  g_return_if_fail (body != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = op_task_new (self, model_id, cancellable, callback, user_data,
                      bp_bedrock_client_invoke_async);
  send_model_call (self, task, "invoke", body, TRUE, invoke_cb);
}

/**
 * bp_bedrock_client_invoke_finish:
 * @self: a #BpBedrockClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the response body
 */
GBytes *
bp_bedrock_client_invoke_finish (BpBedrockClient  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  return bp_bedrock_client_invoke_finish_full (self, result, NULL, NULL, error);
}

/**
 * bp_bedrock_client_invoke_finish_full:
 * @self: a #BpBedrockClient
 * @result: the result
 * @out_usage: (out) (optional): the token counts of the response headers
 *   (-1 where absent)
 * @out_latency_ms: (out) (optional): X-Amzn-Bedrock-Invocation-Latency,
 *   or -1
 * @error: return location for a #GError
 *
 * Like bp_bedrock_client_invoke_finish(), with the token headers.
 *
 * Returns: (transfer full) (nullable): the response body
 */
GBytes *
bp_bedrock_client_invoke_finish_full (BpBedrockClient  *self,
                                      GAsyncResult     *result,
                                      BpUsage          *out_usage,
                                      gint64           *out_latency_ms,
                                      GError          **error)
{
  g_autoptr(BpChatReply) counts = NULL;
  OpData *data;
  GBytes *body;

  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_bedrock_client_invoke_async, NULL);

  body = g_task_propagate_pointer (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));

  /* The reply only parses the headers. */
  counts = bp_chat_reply_new ();
  if (body != NULL && data->headers != NULL)
    apply_token_headers (counts, data->headers);
  if (out_usage != NULL)
    *out_usage = *bp_chat_reply_get_usage (counts);
  if (out_latency_ms != NULL)
    *out_latency_ms = bp_chat_reply_get_latency_ms (counts);

  return body;
}

/* {"input":{"converse":{messages, system, …}}} from the Converse body, so
 * the Converse builder stays the one place that writes messages. */
static GBytes *
build_count_tokens_body (BpChatRequest  *request,
                         GError        **error)
{
  g_autoptr(GBytes) converse = bp_converse_build_body (request, error);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  gsize length;

  if (converse == NULL)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (converse, NULL),
                                   (gssize) g_bytes_get_size (converse), error))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "converse");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (count_tokens_members); i++)
    {
      JsonNode *member = json_object_get_member (object, count_tokens_members[i]);

      if (member == NULL)
        continue;
      json_builder_set_member_name (builder, count_tokens_members[i]);
      json_builder_add_value (builder, json_node_copy (member));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  length = strlen (text);
  return g_bytes_new_take (g_steal_pointer (&text), length);
}

static gboolean
parse_input_tokens (GBytes  *body,
                    gint64  *out_tokens,
                    GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonNode *member;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   (gssize) g_bytes_get_size (body), &local_error))
    {
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_NOT_JSON,
                   _("The CountTokens response is not JSON: %s"), local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  member = JSON_NODE_HOLDS_OBJECT (root) ? json_object_get_member (json_node_get_object (root), "inputTokens") : NULL;
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_INT64 ||
      json_node_get_int (member) < 0 || json_node_get_int (member) > G_MAXUINT)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                           _("The CountTokens response has no valid inputTokens"));
      return FALSE;
    }

  *out_tokens = json_node_get_int (member);
  return TRUE;
}

static void
count_tokens_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BpClientResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 tokens;

  response = _bp_bedrock_client_send_finish (BP_BEDROCK_CLIENT (object), result, &error);
  if (response == NULL || !parse_input_tokens (response->body, &tokens, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_int (task, (gssize) tokens);
}

/**
 * bp_bedrock_client_count_tokens_async:
 * @self: a #BpBedrockClient
 * @request: the chat request to count
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the count is in
 * @user_data: data for @callback
 *
 * Calls CountTokens with the request's Converse messages and system
 * prompt. Only some models support it; others answer with a validation
 * error.
 */
void
bp_bedrock_client_count_tokens_async (BpBedrockClient     *self,
                                      BpChatRequest       *request,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = op_task_new (self, bp_chat_request_get_model_id (request), cancellable,
                      callback, user_data, bp_bedrock_client_count_tokens_async);

  body = build_count_tokens_body (request, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  send_model_call (self, task, "count-tokens", body, FALSE, count_tokens_cb);
}

/**
 * bp_bedrock_client_count_tokens_finish:
 * @self: a #BpBedrockClient
 * @result: the result
 * @out_tokens: (out) (optional): the number of input tokens
 * @error: return location for a #GError
 *
 * Returns: whether the count is known
 */
gboolean
bp_bedrock_client_count_tokens_finish (BpBedrockClient  *self,
                                       GAsyncResult     *result,
                                       guint            *out_tokens,
                                       GError          **error)
{
  gssize tokens;

  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_bedrock_client_count_tokens_async, FALSE);

  tokens = g_task_propagate_int (G_TASK (result), error);
  if (tokens < 0)
    return FALSE;

  if (out_tokens != NULL)
    *out_tokens = (guint) tokens;
  return TRUE;
}
