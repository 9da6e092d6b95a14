/* bp-fake-bedrock-control.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <string.h>

#include "bp-fake-bedrock-private.h"

/* The control plane (§5): ListFoundationModels with its filters,
 * GetFoundationModel, ListInferenceProfiles with maxResults/nextToken
 * pagination (two pages at the default page size) and the type filter,
 * and GetFoundationModelAvailability (§5.1, §8.4). */

#define DEFAULT_PAGE_SIZE 6
#define TOKEN_PREFIX      "ZmFrZS1wYWdl"    /* "fake-page" in base64, then the offset */
#define PROFILE_DATE      "2024-11-04T00:00:00Z"

static JsonArray *
string_list (const char *first,
             ...) G_GNUC_NULL_TERMINATED;

static JsonArray *
string_list (const char *first,
             ...)
{
  JsonArray *array = json_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    json_array_add_string_element (array, s);
  va_end (args);

  return array;
}

static JsonObject *
lifecycle (const BpFakeModel *model)
{
  JsonObject *object = json_object_new ();

  if ((model->flags & BP_FAKE_MODEL_LEGACY) != 0)
    {
      json_object_set_string_member (object, "status", "LEGACY");
      json_object_set_string_member (object, "startOfLifeTime", "2023-11-21T00:00:00Z");
      json_object_set_string_member (object, "legacyTime", "2025-01-21T00:00:00Z");
      json_object_set_string_member (object, "publicExtendedAccessTime", "2025-04-21T00:00:00Z");
      json_object_set_string_member (object, "endOfLifeTime", "2099-07-21T00:00:00Z");
    }
  else
    json_object_set_string_member (object, "status", "ACTIVE");

  return object;
}

static JsonObject *
model_summary (BpFakeBedrock     *fake,
               const BpFakeModel *model)
{
  JsonObject *summary = json_object_new ();
  JsonArray *types = json_array_new ();
  gboolean image = _bp_fake_family_is_image (model->family);
  g_autofree char *arn = _bp_fake_model_arn (fake->region, model->id);

  json_object_set_string_member (summary, "modelArn", arn);
  json_object_set_string_member (summary, "modelId", model->id);
  json_object_set_string_member (summary, "modelName", model->name);
  json_object_set_string_member (summary, "providerName", model->provider);
  json_object_set_array_member (summary, "inputModalities",
                                image || (model->flags & BP_FAKE_MODEL_IMAGE_INPUT) != 0
                                  ? string_list ("TEXT", "IMAGE", NULL)
                                  : string_list ("TEXT", NULL));
  json_object_set_array_member (summary, "outputModalities",
                                string_list (image ? "IMAGE" : "TEXT", NULL));
  json_object_set_boolean_member (summary, "responseStreamingSupported", !image);
  json_object_set_array_member (summary, "customizationsSupported", json_array_new ());
  if ((model->flags & BP_FAKE_MODEL_ON_DEMAND) != 0)
    json_array_add_string_element (types, "ON_DEMAND");
  if ((model->flags & BP_FAKE_MODEL_PROFILE) != 0)
    json_array_add_string_element (types, "INFERENCE_PROFILE");
  json_object_set_array_member (summary, "inferenceTypesSupported", types);
  json_object_set_object_member (summary, "modelLifecycle", lifecycle (model));

  return summary;
}

static gboolean
check_enum (BpFakeExchange     *exchange,
            GHashTable         *params,
            const char         *name,
            const char * const *values)
{
  const char *value = g_hash_table_lookup (params, name);
  g_autofree char *set = NULL;
  g_autofree char *message = NULL;

  if (value == NULL || g_strv_contains (values, value))
    return TRUE;

  set = g_strjoinv (", ", (char **) values);
  message = g_strdup_printf ("1 validation error detected: Value '%s' at '%s' failed to "
                             "satisfy constraint: Member must satisfy enum value set: [%s]",
                             value, name, set);
  _bp_fake_exchange_respond_validation (exchange, message);
  return FALSE;
}

static gboolean
model_matches (const BpFakeModel *model,
               GHashTable        *params)
{
  const char *provider = g_hash_table_lookup (params, "byProvider");
  const char *modality = g_hash_table_lookup (params, "byOutputModality");
  const char *inference = g_hash_table_lookup (params, "byInferenceType");
  gboolean image = _bp_fake_family_is_image (model->family);

  if (provider != NULL && g_ascii_strcasecmp (provider, model->provider) != 0)
    return FALSE;
  if (modality != NULL && strcmp (modality, image ? "IMAGE" : "TEXT") != 0)
    return FALSE;
  if (inference != NULL &&
      (strcmp (inference, "ON_DEMAND") != 0 || (model->flags & BP_FAKE_MODEL_ON_DEMAND) == 0))
    return FALSE;
  /* No fake model can be customised. */
  return g_hash_table_lookup (params, "byCustomizationType") == NULL;
}

static void
list_foundation_models (BpFakeExchange *exchange,
                        GHashTable     *params)
{
  static const char * const modalities[] = { "TEXT", "IMAGE", "EMBEDDING", NULL };
  static const char * const inference_types[] = { "ON_DEMAND", "PROVISIONED", NULL };
  static const char * const customizations[] = {
    "FINE_TUNING", "CONTINUED_PRE_TRAINING", "DISTILLATION", NULL
  };
  JsonObject *root;
  JsonArray *summaries;
  const BpFakeModel *models;
  guint n;

  if (!check_enum (exchange, params, "byOutputModality", modalities) ||
      !check_enum (exchange, params, "byInferenceType", inference_types) ||
      !check_enum (exchange, params, "byCustomizationType", customizations))
    return;

  root = json_object_new ();
  summaries = json_array_new ();
  models = _bp_fake_models_get (&n);
  for (guint i = 0; i < n; i++)
    {
      if (model_matches (&models[i], params))
        json_array_add_object_element (summaries, model_summary (exchange->fake, &models[i]));
    }
  json_object_set_array_member (root, "modelSummaries", summaries);

  _bp_fake_exchange_respond_json (exchange, SOUP_STATUS_OK, _bp_fake_json_object_node (root));
}

static void
get_foundation_model (BpFakeExchange *exchange)
{
  const BpFakeModel *model = exchange->model_id ? _bp_fake_models_lookup (exchange->model_id)
                                                : NULL;
  JsonObject *root;

  if (model == NULL)
    {
      _bp_fake_exchange_respond_error (exchange, SOUP_STATUS_NOT_FOUND,
                                       "ResourceNotFoundException",
                                       "The specified model identifier could not be found.");
      return;
    }

  root = json_object_new ();
  json_object_set_object_member (root, "modelDetails", model_summary (exchange->fake, model));
  _bp_fake_exchange_respond_json (exchange, SOUP_STATUS_OK, _bp_fake_json_object_node (root));
}

/* What GetFoundationModelAvailability says for each BpFakeAccess. */
static const struct
{
  const char *agreement;
  const char *authorization;
  const char *entitlement;
  const char *region;
} availability[] = {
  [BP_FAKE_ACCESS_AUTHORIZED] = { "AVAILABLE", "AUTHORIZED", "AVAILABLE", "AVAILABLE" },
  [BP_FAKE_ACCESS_NOT_AUTHORIZED] = { "NOT_AVAILABLE", "NOT_AUTHORIZED", "NOT_AVAILABLE", "AVAILABLE" },
  [BP_FAKE_ACCESS_AGREEMENT_PENDING] = { "PENDING", "AUTHORIZED", "NOT_AVAILABLE", "AVAILABLE" },
  [BP_FAKE_ACCESS_NOT_IN_REGION] = { "NOT_AVAILABLE", "AUTHORIZED", "NOT_AVAILABLE", "NOT_AVAILABLE" },
};

static void
get_model_availability (BpFakeExchange *exchange)
{
  const BpFakeModel *model = exchange->model_id ? _bp_fake_models_lookup (exchange->model_id)
                                                : NULL;
  JsonObject *root;
  JsonObject *agreement;
  BpFakeAccess access;

  if (model == NULL)
    {
      _bp_fake_exchange_respond_error (exchange, SOUP_STATUS_NOT_FOUND,
                                       "ResourceNotFoundException",
                                       "The specified model identifier could not be found.");
      return;
    }

  access = bp_fake_bedrock_get_model_access (exchange->fake, model->id);
  g_assert ((guint) access < G_N_ELEMENTS (availability));

  root = json_object_new ();
  agreement = json_object_new ();
  json_object_set_string_member (agreement, "status", availability[access].agreement);
  json_object_set_string_member (root, "modelId", model->id);
  json_object_set_object_member (root, "agreementAvailability", agreement);
  json_object_set_string_member (root, "authorizationStatus", availability[access].authorization);
  json_object_set_string_member (root, "entitlementAvailability", availability[access].entitlement);
  json_object_set_string_member (root, "regionAvailability", availability[access].region);

  _bp_fake_exchange_respond_json (exchange, SOUP_STATUS_OK, _bp_fake_json_object_node (root));
}

static void
add_model_arns (JsonArray           *models,
                const char          *region,
                const BpFakeProfile *profile)
{
  static const char * const us[] = { "us-east-1", "us-east-2", "us-west-2", NULL };
  static const char * const eu[] = { "eu-central-1", "eu-west-1", "eu-west-3", NULL };
  const char * const *regions = NULL;
  g_autoptr(GPtrArray) arns = g_ptr_array_new_with_free_func (g_free);

  if (g_strcmp0 (profile->geography, "us") == 0)
    regions = us;
  else if (g_strcmp0 (profile->geography, "eu") == 0)
    regions = eu;

  for (guint i = 0; regions != NULL && regions[i] != NULL; i++)
    g_ptr_array_add (arns, _bp_fake_model_arn (regions[i], profile->model_id));
  if (regions == NULL)
    g_ptr_array_add (arns, _bp_fake_model_arn (region, profile->model_id));
  if (g_strcmp0 (profile->geography, "global") == 0)
    g_ptr_array_add (arns, _bp_fake_model_arn (NULL, profile->model_id));

  for (guint i = 0; i < arns->len; i++)
    {
      JsonObject *model = json_object_new ();

      json_object_set_string_member (model, "modelArn", g_ptr_array_index (arns, i));
      json_array_add_object_element (models, model);
    }
}

static JsonObject *
profile_summary (BpFakeBedrock       *fake,
                 const BpFakeProfile *profile)
{
  JsonObject *summary = json_object_new ();
  JsonArray *models = json_array_new ();
  g_autofree char *arn = _bp_fake_profile_arn (fake->region, profile);
  g_autofree char *description = NULL;

  description = profile->geography != NULL
    ? g_strdup_printf ("Routes requests to %s in the %s geography.", profile->model_id,
                       profile->geography)
    : g_strdup_printf ("Tracks the cost of %s.", profile->model_id);

  json_object_set_string_member (summary, "inferenceProfileName", profile->name);
  json_object_set_string_member (summary, "description", description);
  json_object_set_string_member (summary, "createdAt", PROFILE_DATE);
  json_object_set_string_member (summary, "updatedAt", PROFILE_DATE);
  json_object_set_string_member (summary, "inferenceProfileArn", arn);
  add_model_arns (models, fake->region, profile);
  json_object_set_array_member (summary, "models", models);
  json_object_set_string_member (summary, "inferenceProfileId", profile->id);
  json_object_set_string_member (summary, "status", "ACTIVE");
  json_object_set_string_member (summary, "type", profile->geography ? "SYSTEM_DEFINED"
                                                                     : "APPLICATION");

  return summary;
}

static gboolean
read_paging (BpFakeExchange *exchange,
             GHashTable     *params,
             guint64        *out_size,
             guint64        *out_offset)
{
  const char *max = g_hash_table_lookup (params, "maxResults");
  const char *token = g_hash_table_lookup (params, "nextToken");

  *out_size = DEFAULT_PAGE_SIZE;
  *out_offset = 0;

  if (max != NULL && !g_ascii_string_to_unsigned (max, 10, 1, 1000, out_size, NULL))
    {
      _bp_fake_exchange_respond_validation (exchange, "1 validation error detected: Value at "
                                            "'maxResults' failed to satisfy constraint: Member "
                                            "must have value between 1 and 1000");
      return FALSE;
    }
  if (token != NULL && (!g_str_has_prefix (token, TOKEN_PREFIX) ||
                        !g_ascii_string_to_unsigned (token + strlen (TOKEN_PREFIX), 10, 1,
                                                     G_MAXUINT, out_offset, NULL)))
    {
      _bp_fake_exchange_respond_validation (exchange, "The pagination token is invalid.");
      return FALSE;
    }

  return TRUE;
}

static void
list_inference_profiles (BpFakeExchange *exchange,
                         GHashTable     *params)
{
  static const char * const types[] = { "SYSTEM_DEFINED", "APPLICATION", NULL };
  const char *type = g_hash_table_lookup (params, "type");
  const BpFakeProfile *profiles;
  JsonObject *root;
  JsonArray *summaries;
  guint64 size, offset;
  guint n, matched = 0;

  if (!check_enum (exchange, params, "type", types) ||
      !read_paging (exchange, params, &size, &offset))
    return;

  root = json_object_new ();
  summaries = json_array_new ();
  profiles = _bp_fake_profiles_get (&n);
  for (guint i = 0; i < n; i++)
    {
      gboolean system = profiles[i].geography != NULL;

      if (type != NULL && system != (strcmp (type, "SYSTEM_DEFINED") == 0))
        continue;
      if (matched >= offset && matched < offset + size)
        json_array_add_object_element (summaries, profile_summary (exchange->fake, &profiles[i]));
      matched++;
    }
  json_object_set_array_member (root, "inferenceProfileSummaries", summaries);
  if (offset + size < matched)
    {
      g_autofree char *token = g_strdup_printf (TOKEN_PREFIX "%" G_GUINT64_FORMAT, offset + size);

      json_object_set_string_member (root, "nextToken", token);
    }

  _bp_fake_exchange_respond_json (exchange, SOUP_STATUS_OK, _bp_fake_json_object_node (root));
}

static gboolean
control_delay_cb (gpointer data)
{
  BpFakeExchange *exchange = data;

  exchange->delay_id = 0;
  _bp_fake_bedrock_dispatch (exchange);

  return G_SOURCE_REMOVE;
}

/**
 * _bp_fake_control_handle:
 * @exchange: an authenticated control-plane request
 *
 * Runs again after the control delay (bp_fake_bedrock_set_control_delay_ms()).
 */
void
_bp_fake_control_handle (BpFakeExchange *exchange)
{
  g_autoptr(GHashTable) params = NULL;
  const char *query = exchange->record->query;

  if (exchange->fake->control_delay_ms > 0 && !exchange->delayed)
    {
      exchange->delayed = TRUE;
      _bp_fake_exchange_pause (exchange);
      exchange->delay_id = g_timeout_add (exchange->fake->control_delay_ms, control_delay_cb,
                                          exchange);
      return;
    }

  params = query != NULL ? g_uri_parse_params (query, -1, "&", G_URI_PARAMS_WWW_FORM, NULL)
                         : g_hash_table_new (g_str_hash, g_str_equal);
  if (params == NULL)
    {
      _bp_fake_exchange_respond_validation (exchange, "The query string is malformed.");
      return;
    }

  if (strcmp (exchange->operation, BP_FAKE_OP_LIST_FOUNDATION_MODELS) == 0)
    list_foundation_models (exchange, params);
  else if (strcmp (exchange->operation, BP_FAKE_OP_GET_FOUNDATION_MODEL) == 0)
    get_foundation_model (exchange);
  else if (strcmp (exchange->operation, BP_FAKE_OP_GET_MODEL_AVAILABILITY) == 0)
    get_model_availability (exchange);
  else
    list_inference_profiles (exchange, params);
}
