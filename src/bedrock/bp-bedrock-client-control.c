/* bp-bedrock-client-control.c
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
#include "bp-sigv4.h"

/* The control plane on the bedrock endpoint (wire format §5):
 * ListFoundationModels, ListInferenceProfiles (every page, merged),
 * GetFoundationModelAvailability and the catalogue refresh that merges
 * both lists into a BpModelCatalogue. Checking the access of many models
 * is in bp-bedrock-client-access.c. */

/* A service that keeps answering with a next page is broken: stop. */
#define MAX_PROFILE_PAGES  100

/* Appends name=value to @query, the value percent-encoded (a space is
 * %20, as in "byProvider=Mistral%20AI"). */
static void
append_param (GString    *query,
              const char *name,
              const char *value)
{
  g_autofree char *encoded = NULL;

  if (value == NULL || value[0] == '\0')
    return;

  encoded = bp_sigv4_uri_encode (value, FALSE);
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append_printf (query, "%s=%s", name, encoded);
}

static char *
steal_query (GString *query)
{
  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }

  return g_string_free (query, FALSE);
}

/* The calls whose answer is the whole response body. */
static void
return_body_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BpClientResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = _bp_bedrock_client_send_finish (BP_BEDROCK_CLIENT (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_bytes_ref (response->body), (GDestroyNotify) g_bytes_unref);
}

/**
 * bp_bedrock_client_list_foundation_models_async:
 * @self: a #BpBedrockClient
 * @by_provider: (nullable): only this provider's models, e.g. "Mistral AI"
 * @by_output_modality: (nullable): "TEXT", "IMAGE" or "EMBEDDING"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the list is in
 * @user_data: data for @callback
 *
 * Calls ListFoundationModels (GET /foundation-models) on the control plane.
 */
void
bp_bedrock_client_list_foundation_models_async (BpBedrockClient     *self,
                                                const char          *by_provider,
                                                const char          *by_output_modality,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GString *query;
  BpClientCall *call;

  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_bedrock_client_list_foundation_models_async);

  /* Sorted by name, as the canonical query will be. */
  query = g_string_new (NULL);
  append_param (query, "byOutputModality", by_output_modality);
  append_param (query, "byProvider", by_provider);

  call = _bp_client_call_new (BP_CLIENT_PLANE_CONTROL, SOUP_METHOD_GET,
                              g_strdup ("/foundation-models"), steal_query (query), NULL);
  _bp_bedrock_client_send_async (self, call, cancellable, return_body_cb, g_steal_pointer (&task));
}

/**
 * bp_bedrock_client_list_foundation_models_finish:
 * @self: a #BpBedrockClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the response body,
 *   `{"modelSummaries":[…]}`
 */
GBytes *
bp_bedrock_client_list_foundation_models_finish (BpBedrockClient  *self,
                                                 GAsyncResult     *result,
                                                 GError          **error)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_bedrock_client_list_foundation_models_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bp_bedrock_client_get_model_availability_async:
 * @self: a #BpBedrockClient
 * @model_id: a base model id, e.g. `anthropic.claude-3-haiku-20240307-v1:0`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Calls GetFoundationModelAvailability
 * (GET /foundation-model-availability/{modelId}) on the control plane.
 */
void
bp_bedrock_client_get_model_availability_async (BpBedrockClient     *self,
                                                const char          *model_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *encoded = NULL;
  BpClientCall *call;

  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (model_id != NULL && model_id[0] != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_bedrock_client_get_model_availability_async);

  /* One path label, percent-encoded like the runtime's /model/{id}. */
  encoded = bp_sigv4_uri_encode (model_id, FALSE);
  call = _bp_client_call_new (BP_CLIENT_PLANE_CONTROL, SOUP_METHOD_GET,
                              g_strconcat ("/foundation-model-availability/", encoded, NULL),
                              NULL, NULL);
  _bp_bedrock_client_send_async (self, call, cancellable, return_body_cb, g_steal_pointer (&task));
}

/**
 * bp_bedrock_client_get_model_availability_finish:
 * @self: a #BpBedrockClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the response body, for
 *   bp_model_catalogue_merge_availability() or bp_model_access_parse()
 */
GBytes *
bp_bedrock_client_get_model_availability_finish (BpBedrockClient  *self,
                                                 GAsyncResult     *result,
                                                 GError          **error)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_bedrock_client_get_model_availability_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  JsonArray *summaries;    /* (owned) every page's, in order */
  char      *next_token;   /* (owned) (nullable) */
  guint      n_pages;
} ProfilesData;

static void
profiles_data_free (ProfilesData *data)
{
  g_clear_pointer (&data->summaries, json_array_unref);
  g_free (data->next_token);
  g_free (data);
}

static void fetch_profiles_page (GTask *task);

/* Adds one page's summaries and remembers its nextToken. */
static gboolean
take_profiles_page (ProfilesData  *data,
                    GBytes        *body,
                    GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *summaries;
  const char *next_token = NULL;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   (gssize) g_bytes_get_size (body), &local_error))
    {
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_NOT_JSON,
                   _("The inference profile list is not JSON: %s"), local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  summaries = object != NULL ? json_object_get_member (object, "inferenceProfileSummaries") : NULL;
  if (summaries != NULL && JSON_NODE_HOLDS_ARRAY (summaries))
    {
      JsonArray *array = json_node_get_array (summaries);

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (data->summaries, json_node_copy (json_array_get_element (array, i)));
    }

  if (object != NULL && json_object_has_member (object, "nextToken"))
    {
      JsonNode *token = json_object_get_member (object, "nextToken");

      if (JSON_NODE_HOLDS_VALUE (token) && json_node_get_value_type (token) == G_TYPE_STRING)
        next_token = json_node_get_string (token);
    }

  if (next_token != NULL && next_token[0] != '\0' && g_strcmp0 (next_token, data->next_token) == 0)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                           _("The inference profile list repeats its page token"));
      return FALSE;
    }

  g_free (data->next_token);
  data->next_token = (next_token != NULL && next_token[0] != '\0') ? g_strdup (next_token) : NULL;
  return TRUE;
}

static GBytes *
merged_profiles (ProfilesData *data)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  char *text;

  json_object_set_array_member (object, "inferenceProfileSummaries", json_array_ref (data->summaries));
  json_node_set_object (root, object);
  text = json_to_string (root, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

static void
profiles_page_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BpClientResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  ProfilesData *data = g_task_get_task_data (task);

  response = _bp_bedrock_client_send_finish (BP_BEDROCK_CLIENT (object), result, &error);
  if (response == NULL || !take_profiles_page (data, response->body, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->next_token == NULL)
    {
      g_task_return_pointer (task, merged_profiles (data), (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (data->n_pages >= MAX_PROFILE_PAGES)
    {
      g_task_return_new_error (task, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                               _("The inference profile list has more than %u pages"),
                               MAX_PROFILE_PAGES);
      return;
    }

  fetch_profiles_page (g_steal_pointer (&task));
}

static void
fetch_profiles_page (GTask *task)
{
  ProfilesData *data = g_task_get_task_data (task);
  BpBedrockClient *self = g_task_get_source_object (task);
  GString *query = g_string_new (NULL);
  g_autofree char *page_size = g_strdup_printf ("%u", self->profiles_page_size);
  BpClientCall *call;

  /* Sorted by name, as the canonical query will be. */
  append_param (query, "maxResults", page_size);
  append_param (query, "nextToken", data->next_token);
  append_param (query, "type", "SYSTEM_DEFINED");
  data->n_pages++;

  call = _bp_client_call_new (BP_CLIENT_PLANE_CONTROL, SOUP_METHOD_GET,
                              g_strdup ("/inference-profiles"), steal_query (query), NULL);
  _bp_bedrock_client_send_async (self, call, g_task_get_cancellable (task), profiles_page_cb, task);
}

/**
 * bp_bedrock_client_list_inference_profiles_async:
 * @self: a #BpBedrockClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Calls ListInferenceProfiles for the system-defined (cross-region)
 * profiles, following nextToken until the last page.
 */
void
bp_bedrock_client_list_inference_profiles_async (BpBedrockClient     *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ProfilesData *data;

  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_bedrock_client_list_inference_profiles_async);

  data = g_new0 (ProfilesData, 1);
  data->summaries = json_array_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) profiles_data_free);

  fetch_profiles_page (g_steal_pointer (&task));
}

/**
 * bp_bedrock_client_list_inference_profiles_finish:
 * @self: a #BpBedrockClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): every page's summaries in one
 *   `{"inferenceProfileSummaries":[…]}`
 */
GBytes *
bp_bedrock_client_list_inference_profiles_finish (BpBedrockClient  *self,
                                                  GAsyncResult     *result,
                                                  GError          **error)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_bedrock_client_list_inference_profiles_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
refresh_profiles_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  BpModelCatalogue *catalogue = g_task_get_task_data (task);

  body = bp_bedrock_client_list_inference_profiles_finish (BP_BEDROCK_CLIENT (object), result, &error);
  if (body == NULL || !bp_model_catalogue_merge_inference_profiles (catalogue, body, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
refresh_models_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  BpModelCatalogue *catalogue = g_task_get_task_data (task);
  GCancellable *cancellable;

  body = bp_bedrock_client_list_foundation_models_finish (BP_BEDROCK_CLIENT (object), result, &error);
  if (body == NULL || !bp_model_catalogue_merge_foundation_models (catalogue, body, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  bp_bedrock_client_list_inference_profiles_async (BP_BEDROCK_CLIENT (object), cancellable,
                                                   refresh_profiles_cb, g_steal_pointer (&task));
}

/**
 * bp_bedrock_client_refresh_catalogue_async:
 * @self: a #BpBedrockClient
 * @catalogue: the catalogue to update
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when both lists are merged
 * @user_data: data for @callback
 *
 * Lists the foundation models and the system-defined inference profiles
 * and merges both into @catalogue (models first, so profiles find their
 * base models).
 */
void
bp_bedrock_client_refresh_catalogue_async (BpBedrockClient     *self,
                                           BpModelCatalogue    *catalogue,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (BP_IS_MODEL_CATALOGUE (catalogue));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_bedrock_client_refresh_catalogue_async);
  g_task_set_task_data (task, g_object_ref (catalogue), g_object_unref);

  bp_bedrock_client_list_foundation_models_async (self, NULL, NULL, cancellable,
                                                  refresh_models_cb, g_steal_pointer (&task));
}

/**
 * bp_bedrock_client_refresh_catalogue_finish:
 * @self: a #BpBedrockClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: whether both lists were fetched and merged
 */
gboolean
bp_bedrock_client_refresh_catalogue_finish (BpBedrockClient  *self,
                                            GAsyncResult     *result,
                                            GError          **error)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_bedrock_client_refresh_catalogue_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
