/* bp-model-info-parse.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-model-info"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bp-model-catalogue.h"
#include "bp-model-info-private.h"

/* Filling a BpModelInfo: from a catalogue entry (data/models.json), and
 * from a ListFoundationModels summary (wire format §5.1), whose values win
 * over the catalogue's. */

/* JSON readers ----------------------------------------------------------- */

static JsonNode *
get_value (JsonObject *object,
           const char *member,
           GType       type)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;

  return node;
}

gboolean
_bp_json_get_double (JsonObject *object,
                     const char *member,
                     double     *value)
{
  JsonNode *node;

  if ((node = get_value (object, member, G_TYPE_DOUBLE)) == NULL &&
      (node = get_value (object, member, G_TYPE_INT64)) == NULL)
    return FALSE;

  *value = json_node_get_double (node);
  return TRUE;
}

/* An array of strings; other elements are skipped. %NULL when absent. */
GStrv
_bp_json_get_strv (JsonObject *object,
                   const char *member)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array = _bp_json_get_array (object, member);

  if (array == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }

  return g_strv_builder_end (builder);
}

static gboolean
get_boolean (JsonObject *object,
             const char *member)
{
  JsonNode *node = get_value (object, member, G_TYPE_BOOLEAN);

  return node != NULL && json_node_get_boolean (node);
}

static guint64
get_uint64 (JsonObject *object,
            const char *member)
{
  JsonNode *node = get_value (object, member, G_TYPE_INT64);

  return node != NULL ? (guint64) MAX (json_node_get_int (node), 0) : 0;
}

/* Lifecycle dates: "2026-04-28" in the catalogue, ISO 8601 date-times in
 * ListFoundationModels. */
static GDateTime *
parse_date (const char *str)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  int year, month, day;
  char end;

  if (str == NULL)
    return NULL;

  if (sscanf (str, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3)
    return g_date_time_new (utc, year, month, day, 0, 0, 0);

  return g_date_time_new_from_iso8601 (str, utc);
}

/* Catalogue entries ------------------------------------------------------ */

static gboolean
invalid_entry (GError     **error,
               const char  *id,
               const char  *what)
{
  g_set_error (error, BP_MODEL_CATALOGUE_ERROR, BP_MODEL_CATALOGUE_ERROR_INVALID_DATA,
               _("Model “%s” in the catalogue has an invalid %s."), id, what);
  return FALSE;
}

static gboolean
parse_parameters (BpModelInfo  *self,
                  JsonObject   *object,
                  GError      **error)
{
  g_auto(GStrv) names = _bp_json_get_strv (object, "parameters");

  if (names == NULL)
    return TRUE;

  self->parameters = 0;
  for (guint i = 0; names[i] != NULL; i++)
    {
      BpModelParam bit = _bp_model_param_from_name (names[i]);

      if (bit == 0)
        return invalid_entry (error, self->id, "parameter");
      self->parameters |= bit;
    }

  self->temperature_xor_top_p = get_boolean (object, "temperature_xor_top_p");
  return TRUE;
}

static gboolean
parse_enums (BpModelInfo  *self,
             JsonObject   *object,
             GError      **error)
{
  const char *invoke = _bp_json_get_string (object, "invoke");
  const char *lifecycle = _bp_json_get_string (object, "lifecycle");

  if (g_strcmp0 (invoke, "base") == 0)
    self->invoke = BP_MODEL_INVOKE_BASE;
  else if (g_strcmp0 (invoke, "profile") == 0)
    self->invoke = BP_MODEL_INVOKE_PROFILE;
  else if (g_strcmp0 (invoke, "base_or_profile") == 0)
    self->invoke = BP_MODEL_INVOKE_BASE_OR_PROFILE;
  else
    return invalid_entry (error, self->id, "invoke");

  if (g_strcmp0 (lifecycle, "ACTIVE") == 0)
    self->lifecycle = BP_MODEL_LIFECYCLE_ACTIVE;
  else if (g_strcmp0 (lifecycle, "LEGACY") == 0)
    self->lifecycle = BP_MODEL_LIFECYCLE_LEGACY;
  else if (g_strcmp0 (lifecycle, "RETIRED") == 0)
    self->lifecycle = BP_MODEL_LIFECYCLE_RETIRED;
  else
    return invalid_entry (error, self->id, "lifecycle");

  return TRUE;
}

static gboolean
parse_image_prices (BpModelInfo  *self,
                    JsonArray    *tiers,
                    GError      **error)
{
  for (guint i = 0; i < json_array_get_length (tiers); i++)
    {
      JsonNode *node = json_array_get_element (tiers, i);
      BpImagePriceTier tier = { 0, -1, -1.0 };
      const char *quality;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid_entry (error, self->id, "image price");
      object = json_node_get_object (node);

      tier.max_pixels = get_uint64 (object, "max_pixels");
      quality = _bp_json_get_string (object, "quality");
      if (quality != NULL)
        tier.quality = g_str_equal (quality, "premium") ? BP_IMAGE_QUALITY_PREMIUM
                                                        : BP_IMAGE_QUALITY_STANDARD;
      if (!_bp_json_get_double (object, "usd", &tier.usd) || tier.usd < 0)
        return invalid_entry (error, self->id, "image price");

      g_array_append_val (self->image_prices, tier);
    }

  return TRUE;
}

static gboolean
parse_prices (BpModelInfo  *self,
              JsonObject   *object,
              GError      **error)
{
  JsonNode *node = json_object_get_member (object, "prices");
  JsonObject *prices;
  JsonArray *tiers;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid_entry (error, self->id, "prices");

  prices = json_node_get_object (node);
  _bp_json_get_double (prices, "input", &self->input_price);
  _bp_json_get_double (prices, "output", &self->output_price);
  _bp_json_get_double (prices, "global_input", &self->global_input_price);
  _bp_json_get_double (prices, "global_output", &self->global_output_price);

  if ((tiers = _bp_json_get_array (prices, "per_image")) != NULL)
    return parse_image_prices (self, tiers, error);

  return TRUE;
}

static void
take_strv (GStrv *field,
           GStrv  value)
{
  if (value == NULL)
    return;

  g_strfreev (*field);
  *field = value;
}

BpModelInfo *
_bp_model_info_new_from_json (JsonObject  *object,
                              GError     **error)
{
  g_autoptr(BpModelInfo) self = NULL;
  const char *id = _bp_json_get_string (object, "id");
  const char *name = _bp_json_get_string (object, "name");
  const char *provider = _bp_json_get_string (object, "provider");

  if (id == NULL || name == NULL || provider == NULL)
    {
      g_set_error (error, BP_MODEL_CATALOGUE_ERROR, BP_MODEL_CATALOGUE_ERROR_INVALID_DATA,
                   _("A model in the catalogue lacks an id, a name or a provider (%s)."),
                   id != NULL ? id : name != NULL ? name : "?");
      return NULL;
    }

  self = g_object_new (BP_TYPE_MODEL_INFO, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->provider = g_strdup (provider);
  self->family = g_strdup (_bp_json_get_string (object, "family"));
  self->notes = g_strdup (_bp_json_get_string (object, "notes"));
  take_strv (&self->input_modalities, _bp_json_get_strv (object, "input_modalities"));
  take_strv (&self->output_modalities, _bp_json_get_strv (object, "output_modalities"));
  take_strv (&self->profile_prefixes, _bp_json_get_strv (object, "profile_prefixes"));
  self->streaming = get_boolean (object, "streaming");
  self->context_window = get_uint64 (object, "context_window");
  self->max_output_tokens = get_uint64 (object, "max_output_tokens");
  self->unverified = get_boolean (object, "unverified");
  self->end_of_life = parse_date (_bp_json_get_string (object, "end_of_life"));
  self->from_catalogue = TRUE;

  if (!parse_parameters (self, object, error) ||
      !parse_enums (self, object, error) ||
      !parse_prices (self, object, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Live updates ----------------------------------------------------------- */

/* Provider names as ListFoundationModels spells them, by id prefix, for
 * models only a profile list told us about. */
static char *
provider_from_id (const char *id)
{
  static const char * const names[][2] = {
    { "ai21", "AI21 Labs" }, { "amazon", "Amazon" }, { "anthropic", "Anthropic" },
    { "cohere", "Cohere" }, { "deepseek", "DeepSeek" }, { "google", "Google" },
    { "meta", "Meta" }, { "mistral", "Mistral AI" }, { "nvidia", "NVIDIA" },
    { "openai", "OpenAI" }, { "qwen", "Qwen" }, { "stability", "Stability AI" },
    { "writer", "Writer" },
  };
  const char *dot = strchr (id, '.');
  g_autofree char *prefix = dot != NULL ? g_strndup (id, dot - id) : g_strdup (id);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (prefix, names[i][0]))
        return g_strdup (names[i][1]);
    }

  return g_steal_pointer (&prefix);
}

BpModelInfo *
_bp_model_info_new_live (const char *id)
{
  BpModelInfo *self = g_object_new (BP_TYPE_MODEL_INFO, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (id);
  self->provider = provider_from_id (id);
  self->streaming = TRUE;

  return self;
}

static void
update_invoke (BpModelInfo *self,
               JsonObject  *summary)
{
  g_auto(GStrv) types = _bp_json_get_strv (summary, "inferenceTypesSupported");
  gboolean on_demand, profile;

  if (types == NULL)
    return;

  on_demand = g_strv_contains ((const char * const *) types, "ON_DEMAND");
  profile = g_strv_contains ((const char * const *) types, "INFERENCE_PROFILE");
  if (on_demand && profile)
    self->invoke = BP_MODEL_INVOKE_BASE_OR_PROFILE;
  else if (on_demand)
    self->invoke = BP_MODEL_INVOKE_BASE;
  else if (profile)
    self->invoke = BP_MODEL_INVOKE_PROFILE;
}

static void
update_lifecycle (BpModelInfo *self,
                  JsonObject  *summary,
                  GDateTime   *now)
{
  JsonNode *node = json_object_get_member (summary, "modelLifecycle");
  g_autoptr(GDateTime) end = NULL;
  JsonObject *lifecycle;
  const char *status;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  lifecycle = json_node_get_object (node);
  status = _bp_json_get_string (lifecycle, "status");
  if ((end = parse_date (_bp_json_get_string (lifecycle, "endOfLifeTime"))) != NULL)
    {
      g_clear_pointer (&self->end_of_life, g_date_time_unref);
      self->end_of_life = g_date_time_ref (end);
    }

  if (g_strcmp0 (status, "ACTIVE") == 0)
    self->lifecycle = BP_MODEL_LIFECYCLE_ACTIVE;
  else if (g_strcmp0 (status, "LEGACY") == 0)
    self->lifecycle = (end != NULL && g_date_time_compare (end, now) <= 0) ?
                      BP_MODEL_LIFECYCLE_RETIRED : BP_MODEL_LIFECYCLE_LEGACY;
}

/* What the service says wins over the catalogue, member by member. */
void
_bp_model_info_update_from_summary (BpModelInfo *self,
                                    JsonObject  *summary,
                                    GDateTime   *now)
{
  const char *name = _bp_json_get_string (summary, "modelName");
  const char *provider = _bp_json_get_string (summary, "providerName");
  JsonNode *streaming = get_value (summary, "responseStreamingSupported", G_TYPE_BOOLEAN);

  g_return_if_fail (BP_IS_MODEL_INFO (self));

  if (!self->from_catalogue && name != NULL)
    {
      g_free (self->name);
      self->name = g_strdup (name);
    }
  if (!self->from_catalogue && provider != NULL)
    {
      g_free (self->provider);
      self->provider = g_strdup (provider);
    }

  take_strv (&self->input_modalities, _bp_json_get_strv (summary, "inputModalities"));
  take_strv (&self->output_modalities, _bp_json_get_strv (summary, "outputModalities"));
  if (streaming != NULL)
    self->streaming = json_node_get_boolean (streaming);

  update_invoke (self, summary);
  update_lifecycle (self, summary, now);
  self->live = TRUE;
  self->unverified = FALSE;
}

/* A model only ListInferenceProfiles told us about: name it after the
 * profile without its geography ("US Anthropic Claude …" → "Anthropic
 * Claude …"); it can only be reached through a profile. */
void
_bp_model_info_set_profile_only_name (BpModelInfo *self,
                                      const char  *profile_name)
{
  static const char * const geo_words[] = { "US ", "EU ", "APAC ", "JP ", "AU ", "Global ",
                                            "GLOBAL ", "US-GOV ", "US GovCloud " };

  g_return_if_fail (BP_IS_MODEL_INFO (self));

  if (self->from_catalogue || self->live || profile_name == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (geo_words); i++)
    {
      if (g_str_has_prefix (profile_name, geo_words[i]))
        {
          profile_name += strlen (geo_words[i]);
          break;
        }
    }

  g_free (self->name);
  self->name = g_strdup (profile_name);
  self->invoke = BP_MODEL_INVOKE_PROFILE;
}

