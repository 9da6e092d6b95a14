/* bp-model-catalogue-merge.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-model-catalogue"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-model-access.h"
#include "bp-model-catalogue-private.h"
#include "bp-model-id.h"
#include "bp-model-info-private.h"

/* Merging the control plane's lists into the catalogue (wire format §5.1,
 * §5.2): the live values win, models the catalogue does not know are added
 * with what the service says, and profile ids become lookup aliases.
 * GetFoundationModelAvailability answers set a model's access. */

static JsonArray *
get_summaries (JsonParser  *parser,
               GBytes      *json,
               const char  *what,
               const char  *member,
               GError     **error)
{
  JsonObject *root;
  JsonArray *array;

  if ((root = _bp_model_catalogue_parse_object (parser, json, what, error)) == NULL)
    return NULL;

  if ((array = _bp_json_get_array (root, member)) == NULL)
    {
      g_set_error (error, BP_MODEL_CATALOGUE_ERROR, BP_MODEL_CATALOGUE_ERROR_INVALID_DATA,
                   _("The %s has no “%s” list."), what, member);
      return NULL;
    }

  return array;
}

static JsonObject *
get_object_element (JsonArray *array,
                    guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Variants such as `…-v1:0:200k` are provisioned-throughput only: not
 * something to offer in a playground. */
static gboolean
summary_is_invocable (JsonObject *summary)
{
  g_auto(GStrv) types = _bp_json_get_strv (summary, "inferenceTypesSupported");

  return types == NULL ||
         g_strv_contains ((const char * const *) types, "ON_DEMAND") ||
         g_strv_contains ((const char * const *) types, "INFERENCE_PROFILE");
}

static BpModelInfo *
ensure_model (BpModelCatalogue *self,
              const char       *base_id)
{
  BpModelInfo *info = g_hash_table_lookup (self->by_id, base_id);

  if (info == NULL)
    {
      info = _bp_model_info_new_live (base_id);
      _bp_model_catalogue_add (self, info);
    }

  return info;
}

/**
 * bp_model_catalogue_merge_foundation_models:
 * @self: a catalogue
 * @json: a ListFoundationModels response body (unfiltered is best)
 * @error: return location for a %BP_MODEL_CATALOGUE_ERROR
 *
 * Updates the models the service lists: modalities, streaming, how they
 * can be invoked (`ON_DEMAND`, `INFERENCE_PROFILE`) and lifecycle (a
 * `LEGACY` model past its end of life becomes retired); unknown models are
 * added with the service's name and provider. Provisioned-only variants
 * are skipped. Emits #BpModelCatalogue::changed.
 *
 * Returns: %TRUE on success; on error the catalogue is unchanged
 */
gboolean
bp_model_catalogue_merge_foundation_models (BpModelCatalogue  *self,
                                            GBytes            *json,
                                            GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GDateTime) now = NULL;
  JsonArray *summaries;

  g_return_val_if_fail (BP_IS_MODEL_CATALOGUE (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  summaries = get_summaries (parser, json, _("ListFoundationModels response"),
                             "modelSummaries", error);
  if (summaries == NULL)
    return FALSE;

  now = self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();
  for (guint i = 0; i < json_array_get_length (summaries); i++)
    {
      JsonObject *summary = get_object_element (summaries, i);
      const char *id = summary != NULL ? _bp_json_get_string (summary, "modelId") : NULL;

      if (id == NULL || !summary_is_invocable (summary))
        {
          g_debug ("Skipping model summary %u (%s)", i, id != NULL ? id : "no id");
          continue;
        }

      _bp_model_info_update_from_summary (ensure_model (self, id), summary, now);
    }

  self->has_live_models = TRUE;
  _bp_model_catalogue_emit_changed (self);

  return TRUE;
}

/* The base model behind a profile: its first model ARN, else the profile
 * id without its geography. */
static char *
profile_base_id (JsonObject *profile,
                 const char *profile_id,
                 gboolean    system_defined)
{
  JsonArray *models = _bp_json_get_array (profile, "models");
  JsonObject *first = NULL;
  const char *arn = NULL;

  if (models != NULL && json_array_get_length (models) > 0)
    first = get_object_element (models, 0);
  if (first != NULL)
    arn = _bp_json_get_string (first, "modelArn");
  if (arn != NULL)
    return bp_model_id_get_base_id (arn);

  return system_defined ? bp_model_id_get_base_id (profile_id) : NULL;
}

static void
merge_profile (BpModelCatalogue *self,
               JsonObject       *profile)
{
  const char *id = _bp_json_get_string (profile, "inferenceProfileId");
  const char *arn = _bp_json_get_string (profile, "inferenceProfileArn");
  const char *status = _bp_json_get_string (profile, "status");
  const char *type = _bp_json_get_string (profile, "type");
  g_autofree char *base = NULL;
  g_autofree char *geo = NULL;
  gboolean system_defined;
  BpModelInfo *info;

  if (id == NULL || (status != NULL && g_strcmp0 (status, "ACTIVE") != 0))
    return;

  geo = bp_model_id_get_geo_prefix (id);
  system_defined = type != NULL ? g_str_equal (type, "SYSTEM_DEFINED") : geo != NULL;
  if ((base = profile_base_id (profile, id, system_defined)) == NULL)
    {
      g_debug ("Skipping inference profile %s: no model", id);
      return;
    }

  info = ensure_model (self, base);
  _bp_model_info_set_profile_only_name (info, _bp_json_get_string (profile, "inferenceProfileName"));

  /* Application profiles are looked up by ARN but never picked for the
   * user: they belong to someone's cost tracking. */
  if (system_defined)
    _bp_model_info_add_profile_id (info, id);

  g_hash_table_replace (self->aliases, g_strdup (id), g_object_ref (info));
  if (arn != NULL)
    g_hash_table_replace (self->aliases, g_strdup (arn), g_object_ref (info));
}

/**
 * bp_model_catalogue_merge_inference_profiles:
 * @self: a catalogue
 * @json: one page of a ListInferenceProfiles response body
 * @error: return location for a %BP_MODEL_CATALOGUE_ERROR
 *
 * Records the active profiles of each model, so that
 * bp_model_catalogue_pick_invoke_id() only picks profiles that exist and
 * lookups work by profile id and ARN. Call once per page. Models only a
 * profile names are added as profile-only. Emits
 * #BpModelCatalogue::changed.
 *
 * Returns: %TRUE on success; on error the catalogue is unchanged
 */
gboolean
bp_model_catalogue_merge_inference_profiles (BpModelCatalogue  *self,
                                             GBytes            *json,
                                             GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonArray *profiles;

  g_return_val_if_fail (BP_IS_MODEL_CATALOGUE (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  profiles = get_summaries (parser, json, _("ListInferenceProfiles response"),
                            "inferenceProfileSummaries", error);
  if (profiles == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (profiles); i++)
    {
      JsonObject *profile = get_object_element (profiles, i);

      if (profile != NULL)
        merge_profile (self, profile);
    }

  self->has_live_profiles = TRUE;
  _bp_model_catalogue_emit_changed (self);

  return TRUE;
}

/**
 * bp_model_catalogue_merge_availability:
 * @self: a catalogue
 * @body: a GetFoundationModelAvailability response body
 * @error: return location for a %BP_MODEL_CATALOGUE_ERROR
 *
 * Sets the access of the model the answer's modelId names (a base id, or
 * anything bp_model_catalogue_lookup() takes); the model notifies
 * #BpModelInfo:access and #BpModelInfo:status-text. An answer for a model
 * the catalogue does not know, or without a modelId, changes nothing. The
 * lists do not change, so #BpModelCatalogue::changed is not emitted.
 *
 * Returns: %TRUE unless @body is not a JSON object
 */
gboolean
bp_model_catalogue_merge_availability (BpModelCatalogue  *self,
                                       GBytes            *body,
                                       GError           **error)
{
  g_autofree char *model_id = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) local_error = NULL;
  BpModelAccess access;
  BpModelInfo *info;

  g_return_val_if_fail (BP_IS_MODEL_CATALOGUE (self), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  access = bp_model_access_parse (body, &model_id, &message, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (model_id == NULL || (info = bp_model_catalogue_lookup (self, model_id)) == NULL)
    {
      g_debug ("Ignoring the availability of %s: not in the catalogue",
               model_id != NULL ? model_id : "(no modelId)");
      return TRUE;
    }

  _bp_model_info_set_access (info, access, message);

  return TRUE;
}

/**
 * bp_model_catalogue_forget_access:
 * @self: a catalogue
 *
 * Forgets what the service said about access to every model: access is
 * per account and region, so after a change of either it is unknown
 * again until asked. Models whose access was known notify
 * #BpModelInfo:access and #BpModelInfo:status-text.
 */
void
bp_model_catalogue_forget_access (BpModelCatalogue *self)
{
  g_return_if_fail (BP_IS_MODEL_CATALOGUE (self));

  for (guint i = 0; i < self->models->len; i++)
    _bp_model_info_set_access (g_ptr_array_index (self->models, i), BP_MODEL_ACCESS_UNKNOWN, NULL);
}
