/* bp-fake-bedrock.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <string.h>

#include "bp-fake-bedrock-private.h"

/**
 * BpFakeBedrock:
 *
 * A fake Amazon Bedrock (runtime and control plane) on 127.0.0.1 for the
 * loopback tests, the benchmarks and offline use. It verifies SigV4
 * signatures and bearer tokens, serves every operation the app uses with
 * deterministic replies, logs every request byte for byte and injects
 * faults on demand.
 *
 * The server runs on the thread-default main context of the thread that
 * created it; use the object from that thread only.
 */

typedef struct
{
  BpFakeRequest   request;
  gatomicrefcount ref_count;
} RequestBox;

enum {
  PROP_0,
  PROP_URL,
  PROP_PORT,
  PROP_REGION,
  PROP_TOKENS_PER_SECOND,
  PROP_REPLY_WORDS,
  PROP_CLOCK_OFFSET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BpFakeBedrock, bp_fake_bedrock, G_TYPE_OBJECT)

BpFakeRequest *
_bp_fake_request_ref (BpFakeRequest *request)
{
  g_atomic_ref_count_inc (&((RequestBox *) request)->ref_count);
  return request;
}

void
_bp_fake_request_unref (BpFakeRequest *request)
{
  RequestBox *box = (RequestBox *) request;

  if (!g_atomic_ref_count_dec (&box->ref_count))
    return;

  g_free (request->operation);
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->model_id);
  soup_message_headers_unref (request->headers);
  g_bytes_unref (request->body);
  g_free (box);
}

static BpFakeRequest *
record_request (BpFakeBedrock     *self,
                SoupServerMessage *msg)
{
  RequestBox *box = g_new0 (RequestBox, 1);
  BpFakeRequest *request = &box->request;
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  g_atomic_ref_count_init (&box->ref_count);
  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (g_uri_get_path (uri));
  request->query = g_strdup (g_uri_get_query (uri));
  request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (request->headers, name, value);
  request->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  if (self->log_limit > 0 && self->requests->len >= self->log_limit)
    g_ptr_array_remove_range (self->requests, 0, self->requests->len - self->log_limit + 1);
  g_ptr_array_add (self->requests, request);

  return request;
}

static const char *
route_model_operation (const char *operation)
{
  static const struct { const char *path; const char *name; } operations[] = {
    { "converse", BP_FAKE_OP_CONVERSE },
    { "converse-stream", BP_FAKE_OP_CONVERSE_STREAM },
    { "invoke", BP_FAKE_OP_INVOKE_MODEL },
    { "invoke-with-response-stream", BP_FAKE_OP_INVOKE_MODEL_STREAM },
    { "count-tokens", BP_FAKE_OP_COUNT_TOKENS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      if (strcmp (operation, operations[i].path) == 0)
        return operations[i].name;
    }

  return BP_FAKE_OP_UNKNOWN;
}

/* Paths of §2.1 and §5. The model id is one path label, so an ARN with
 * an unencoded '/' does not route. */
static const char *
route (const char  *method,
       const char  *path,
       char       **out_label)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  gboolean get = strcmp (method, "GET") == 0;
  gboolean post = strcmp (method, "POST") == 0;

  if (n < 2 || parts[0][0] != '\0')
    return BP_FAKE_OP_UNKNOWN;

  if (post && n == 4 && strcmp (parts[1], "model") == 0 && parts[2][0] != '\0')
    {
      *out_label = g_strdup (parts[2]);
      return route_model_operation (parts[3]);
    }

  if (get && n == 2 && strcmp (parts[1], "foundation-models") == 0)
    return BP_FAKE_OP_LIST_FOUNDATION_MODELS;

  if (get && n == 3 && strcmp (parts[1], "foundation-models") == 0 && parts[2][0] != '\0')
    {
      *out_label = g_strdup (parts[2]);
      return BP_FAKE_OP_GET_FOUNDATION_MODEL;
    }

  if (get && n == 2 && strcmp (parts[1], "inference-profiles") == 0)
    return BP_FAKE_OP_LIST_INFERENCE_PROFILES;

  if (get && n == 3 && strcmp (parts[1], "foundation-model-availability") == 0 &&
      parts[2][0] != '\0')
    {
      *out_label = g_strdup (parts[2]);
      return BP_FAKE_OP_GET_MODEL_AVAILABILITY;
    }

  return BP_FAKE_OP_UNKNOWN;
}

static gboolean
is_runtime_operation (const char *operation)
{
  return strcmp (operation, BP_FAKE_OP_CONVERSE) == 0 ||
         strcmp (operation, BP_FAKE_OP_CONVERSE_STREAM) == 0 ||
         strcmp (operation, BP_FAKE_OP_INVOKE_MODEL) == 0 ||
         strcmp (operation, BP_FAKE_OP_INVOKE_MODEL_STREAM) == 0 ||
         strcmp (operation, BP_FAKE_OP_COUNT_TOKENS) == 0;
}

/* A model the account may not use (bp_fake_bedrock_set_model_access()),
 * whatever id named it. Returns TRUE when it answered. */
static gboolean
respond_if_no_access (BpFakeExchange *exchange)
{
  if (exchange->model == NULL)
    return FALSE;

  switch (bp_fake_bedrock_get_model_access (exchange->fake, exchange->model->id))
    {
    case BP_FAKE_ACCESS_NOT_AUTHORIZED:
    case BP_FAKE_ACCESS_AGREEMENT_PENDING:
      _bp_fake_exchange_respond_error (exchange, SOUP_STATUS_FORBIDDEN, "AccessDeniedException",
                                       "You don't have access to the model with the specified "
                                       "model ID.");
      return TRUE;

    case BP_FAKE_ACCESS_NOT_IN_REGION:
      _bp_fake_exchange_respond_validation (exchange, "The provided model identifier is invalid.");
      return TRUE;

    case BP_FAKE_ACCESS_AUTHORIZED:
    default:
      return FALSE;
    }
}

/**
 * _bp_fake_bedrock_dispatch:
 * @exchange: an authenticated request
 *
 * Runs the request's operation. Runs again after a slow-first-byte delay.
 */
void
_bp_fake_bedrock_dispatch (BpFakeExchange *exchange)
{
  const char *operation = exchange->operation;

  if (is_runtime_operation (operation))
    {
      if (exchange->model == NULL && exchange->model_error == NULL)
        {
          if (exchange->model_id != NULL)
            exchange->model = _bp_fake_models_resolve (exchange->model_id, &exchange->model_error);
          else
            exchange->model_error = g_strdup ("The provided model identifier is invalid.");
        }
      if (exchange->json == NULL)
        _bp_fake_exchange_parse_json (exchange);
      if (respond_if_no_access (exchange))
        return;
    }

  if (strcmp (operation, BP_FAKE_OP_CONVERSE) == 0 ||
      strcmp (operation, BP_FAKE_OP_CONVERSE_STREAM) == 0)
    _bp_fake_runtime_handle_converse (exchange);
  else if (strcmp (operation, BP_FAKE_OP_COUNT_TOKENS) == 0)
    _bp_fake_runtime_handle_count_tokens (exchange);
  else if (strcmp (operation, BP_FAKE_OP_INVOKE_MODEL) == 0 ||
           strcmp (operation, BP_FAKE_OP_INVOKE_MODEL_STREAM) == 0)
    _bp_fake_invoke_handle (exchange);
  else
    _bp_fake_control_handle (exchange);
}

static void
count_operation (BpFakeBedrock *self,
                 const char    *operation)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->op_counts, operation));

  g_hash_table_replace (self->op_counts, g_strdup (operation), GUINT_TO_POINTER (count + 1));
}

/* IAM denies the action (bp_fake_bedrock_set_operation_denied()). Returns
 * TRUE when it answered. */
static gboolean
respond_if_denied (BpFakeExchange *exchange)
{
  g_autofree char *message = NULL;

  if (!g_hash_table_contains (exchange->fake->denied_operations, exchange->operation))
    return FALSE;

  message = g_strdup_printf ("User: arn:aws:iam::" BP_FAKE_ACCOUNT_ID ":user/fake-bedrock is not "
                             "authorized to perform: bedrock:%s because no identity-based "
                             "policy allows the bedrock:%s action",
                             exchange->operation, exchange->operation);
  _bp_fake_exchange_respond_error (exchange, SOUP_STATUS_FORBIDDEN, "AccessDeniedException",
                                   message);
  return TRUE;
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  BpFakeBedrock *self = user_data;
  BpFakeRequest *record = record_request (self, msg);
  BpFakeExchange *exchange = _bp_fake_exchange_new (self, msg, record);
  g_autofree char *label = NULL;

  self->max_in_flight = MAX (self->max_in_flight, g_hash_table_size (self->exchanges));
  exchange->in_handler = TRUE;
  exchange->operation = route (record->method, record->path, &label);
  record->operation = g_strdup (exchange->operation);
  count_operation (self, exchange->operation);
  if (label != NULL)
    {
      exchange->model_id = g_uri_unescape_string (label, NULL);
      record->model_id = g_strdup (exchange->model_id);
    }

  g_debug ("%s %s → %s", record->method, record->path, exchange->operation);

  if (strcmp (exchange->operation, BP_FAKE_OP_UNKNOWN) == 0)
    _bp_fake_exchange_respond_error (exchange, SOUP_STATUS_NOT_FOUND,
                                     "UnknownOperationException", "Unknown operation.");
  else if (_bp_fake_auth_check (exchange) && !respond_if_denied (exchange))
    _bp_fake_bedrock_dispatch (exchange);

  exchange->in_handler = FALSE;
}

static void
bp_fake_bedrock_dispose (GObject *object)
{
  BpFakeBedrock *self = (BpFakeBedrock *)object;

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  /* Whatever libsoup did not finish (a hanging request) goes now. */
  g_hash_table_remove_all (self->exchanges);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (bp_fake_bedrock_parent_class)->dispose (object);
}

static void
bp_fake_bedrock_finalize (GObject *object)
{
  BpFakeBedrock *self = (BpFakeBedrock *)object;

  g_queue_clear_full (&self->faults, _bp_fake_fault_entry_free);
  g_clear_pointer (&self->exchanges, g_hash_table_unref);
  g_clear_pointer (&self->marker_counts, g_hash_table_unref);
  g_clear_pointer (&self->op_counts, g_hash_table_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->model_access, g_hash_table_unref);
  g_clear_pointer (&self->denied_operations, g_hash_table_unref);
  /* Wipes the secrets. */
  bp_fake_bedrock_set_credentials (self, NULL, NULL, NULL);
  bp_fake_bedrock_set_bearer_token (self, NULL);
  g_free (self->url);
  g_free (self->region);

  G_OBJECT_CLASS (bp_fake_bedrock_parent_class)->finalize (object);
}

static void
bp_fake_bedrock_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BpFakeBedrock *self = BP_FAKE_BEDROCK (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;

    case PROP_TOKENS_PER_SECOND:
      g_value_set_uint (value, self->tokens_per_second);
      break;

    case PROP_REPLY_WORDS:
      g_value_set_uint (value, self->reply_words);
      break;

    case PROP_CLOCK_OFFSET:
      g_value_set_int64 (value, self->clock_offset);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_fake_bedrock_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BpFakeBedrock *self = BP_FAKE_BEDROCK (object);

  switch (prop_id)
    {
    case PROP_REGION:
      bp_fake_bedrock_set_region (self, g_value_get_string (value));
      break;

    case PROP_TOKENS_PER_SECOND:
      bp_fake_bedrock_set_tokens_per_second (self, g_value_get_uint (value));
      break;

    case PROP_REPLY_WORDS:
      bp_fake_bedrock_set_reply_words (self, g_value_get_uint (value));
      break;

    case PROP_CLOCK_OFFSET:
      bp_fake_bedrock_set_clock_offset (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_fake_bedrock_class_init (BpFakeBedrockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_fake_bedrock_dispose;
  object_class->finalize = bp_fake_bedrock_finalize;
  object_class->get_property = bp_fake_bedrock_get_property;
  object_class->set_property = bp_fake_bedrock_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, "us-east-1",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKENS_PER_SECOND] =
    g_param_spec_uint ("tokens-per-second", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPLY_WORDS] =
    g_param_spec_uint ("reply-words", NULL, NULL, 0, G_MAXUINT, BP_FAKE_DEFAULT_REPLY_WORDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK_OFFSET] =
    g_param_spec_int64 ("clock-offset", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_fake_bedrock_init (BpFakeBedrock *self)
{
  /* raw-paths: keep the path exactly as received, percent-encoding and
   * all, since that is what the signature covers. */
  self->server = soup_server_new ("server-header", "fake-bedrock ",
                                  "raw-paths", TRUE,
                                  NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);

  self->access_key_id = g_strdup (BP_FAKE_ACCESS_KEY_ID);
  self->secret_access_key = g_strdup (BP_FAKE_SECRET_ACCESS_KEY);
  self->region = g_strdup ("us-east-1");
  self->reply_words = BP_FAKE_DEFAULT_REPLY_WORDS;
  self->slow_first_byte_ms = BP_FAKE_SLOW_FIRST_BYTE_MS;

  g_queue_init (&self->faults);
  self->marker_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->op_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) _bp_fake_request_unref);
  self->model_access = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->denied_operations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->exchanges = g_hash_table_new_full (NULL, NULL,
                                           (GDestroyNotify) _bp_fake_exchange_free, NULL);
}

/**
 * bp_fake_bedrock_new_with_port:
 * @port: the port on 127.0.0.1, or 0 for any free one
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a listening fake, or %NULL when the
 *   port is taken
 */
BpFakeBedrock *
bp_fake_bedrock_new_with_port (guint    port,
                               GError **error)
{
  g_autoptr(BpFakeBedrock) self = NULL;
  GSList *uris;

  g_return_val_if_fail (port <= G_MAXUINT16, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (BP_TYPE_FAKE_BEDROCK, NULL);
  if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return NULL;

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->port = g_uri_get_port (uris->data);
  self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return g_steal_pointer (&self);
}

/**
 * bp_fake_bedrock_new:
 *
 * Starts a fake on a free port of 127.0.0.1, on the thread-default main
 * context. It accepts the documentation example keys (AKIDEXAMPLE) in
 * region us-east-1.
 *
 * Returns: (transfer full): a new #BpFakeBedrock
 */
BpFakeBedrock *
bp_fake_bedrock_new (void)
{
  g_autoptr(GError) error = NULL;
  BpFakeBedrock *self = bp_fake_bedrock_new_with_port (0, &error);

  if (self == NULL)
    g_error ("Cannot listen on 127.0.0.1: %s", error->message);

  return self;
}

/**
 * bp_fake_bedrock_get_url:
 * @self: a #BpFakeBedrock
 *
 * Returns: the base URL, "http://127.0.0.1:PORT", no trailing slash
 */
const char *
bp_fake_bedrock_get_url (BpFakeBedrock *self)
{
  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), NULL);

  return self->url;
}

/**
 * bp_fake_bedrock_get_port:
 * @self: a #BpFakeBedrock
 *
 * Returns: the port the fake listens on, on 127.0.0.1
 */
guint
bp_fake_bedrock_get_port (BpFakeBedrock *self)
{
  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), 0);

  return self->port;
}

/**
 * bp_fake_bedrock_get_environ:
 * @self: a #BpFakeBedrock
 *
 * The environment a client needs to talk to this fake: AWS_ENDPOINT_URL,
 * AWS_REGION and the accepted credentials (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_BEARER_TOKEN_BEDROCK as
 * configured). Handy as the explicit environment of a test.
 *
 * Returns: (transfer full): a %NULL-terminated environment
 */
char **
bp_fake_bedrock_get_environ (BpFakeBedrock *self)
{
  char **envp = NULL;

  g_return_val_if_fail (BP_IS_FAKE_BEDROCK (self), NULL);

  envp = g_environ_setenv (envp, "AWS_ENDPOINT_URL", self->url, TRUE);
  envp = g_environ_setenv (envp, "AWS_REGION", self->region, TRUE);
  if (self->access_key_id != NULL)
    {
      envp = g_environ_setenv (envp, "AWS_ACCESS_KEY_ID", self->access_key_id, TRUE);
      envp = g_environ_setenv (envp, "AWS_SECRET_ACCESS_KEY", self->secret_access_key, TRUE);
    }
  if (self->session_token != NULL)
    envp = g_environ_setenv (envp, "AWS_SESSION_TOKEN", self->session_token, TRUE);
  if (self->bearer_token != NULL)
    envp = g_environ_setenv (envp, "AWS_BEARER_TOKEN_BEDROCK", self->bearer_token, TRUE);

  return envp;
}
