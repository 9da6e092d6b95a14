/* bp-model-catalogue.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-model-catalogue"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bp-core-resources.h"
#include "bp-model-catalogue-private.h"
#include "bp-model-id.h"
#include "bp-model-info-private.h"

/* The models the app knows: the bundled, dated catalogue (data/models.json,
 * compiled into the core library) so everything works offline, merged with
 * what the control plane lists in the current region (wire format §5). */

G_DEFINE_FINAL_TYPE (BpModelCatalogue, bp_model_catalogue, G_TYPE_OBJECT)

G_DEFINE_QUARK (bp-model-catalogue-error-quark, bp_model_catalogue_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
bp_model_catalogue_finalize (GObject *object)
{
  BpModelCatalogue *self = (BpModelCatalogue *) object;

  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->aliases, g_hash_table_unref);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->price_date, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (bp_model_catalogue_parent_class)->finalize (object);
}

static void
bp_model_catalogue_class_init (BpModelCatalogueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_model_catalogue_finalize;

  /**
   * BpModelCatalogue::changed:
   *
   * Emitted after a live list was merged: lists taken before are stale.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
bp_model_catalogue_init (BpModelCatalogue *self)
{
  self->models = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* The core resources are registered by hand, once: a static library drops
 * the object file of an unreferenced constructor, so the generated one is
 * disabled (--manual-register) and the first catalogue registers them. */
static void
ensure_resources_registered (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      bp_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

void
_bp_model_catalogue_add (BpModelCatalogue *self,
                         BpModelInfo      *info)
{
  g_assert (BP_IS_MODEL_CATALOGUE (self));
  g_assert (BP_IS_MODEL_INFO (info));

  g_ptr_array_add (self->models, info);
  g_hash_table_replace (self->by_id, g_strdup (bp_model_info_get_id (info)),
                        g_object_ref (info));
}

void
_bp_model_catalogue_emit_changed (BpModelCatalogue *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

JsonObject *
_bp_model_catalogue_parse_object (JsonParser  *parser,
                                  GBytes      *json,
                                  const char  *what,
                                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (json, &size);

  if (size == 0 || !json_parser_load_from_data (parser, data, size, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, BP_MODEL_CATALOGUE_ERROR, BP_MODEL_CATALOGUE_ERROR_INVALID_DATA,
                   /* Translators: the first %s is e.g. "ListFoundationModels response". */
                   _("The %s is not a JSON object: %s"), what,
                   local_error != NULL ? local_error->message : _("empty or wrong type"));
      return NULL;
    }

  return json_node_get_object (json_parser_get_root (parser));
}

/**
 * bp_model_catalogue_new:
 *
 * Returns: (transfer full): an empty catalogue
 */
BpModelCatalogue *
bp_model_catalogue_new (void)
{
  return g_object_new (BP_TYPE_MODEL_CATALOGUE, NULL);
}

/**
 * bp_model_catalogue_new_builtin:
 *
 * Loads the catalogue bundled with the app (%BP_MODEL_CATALOGUE_RESOURCE).
 * The bundled data is checked by the test suite, so failing to load it is
 * a programming error.
 *
 * Returns: (transfer full): the bundled catalogue
 */
BpModelCatalogue *
bp_model_catalogue_new_builtin (void)
{
  g_autoptr(BpModelCatalogue) self = bp_model_catalogue_new ();
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GError) error = NULL;

  ensure_resources_registered ();

  json = g_resources_lookup_data (BP_MODEL_CATALOGUE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                  &error);
  if (json == NULL || !bp_model_catalogue_load_from_bytes (self, json, &error))
    g_critical ("The bundled model catalogue is broken: %s", error->message);

  return g_steal_pointer (&self);
}

static gboolean
load_models (BpModelCatalogue  *self,
             JsonArray         *models,
             GError           **error)
{
  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonNode *node = json_array_get_element (models, i);
      BpModelInfo *info;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, BP_MODEL_CATALOGUE_ERROR, BP_MODEL_CATALOGUE_ERROR_INVALID_DATA,
                       _("Entry %u of the model catalogue is not an object."), i + 1);
          return FALSE;
        }

      if ((info = _bp_model_info_new_from_json (json_node_get_object (node), error)) == NULL)
        return FALSE;

      if (g_hash_table_contains (self->by_id, bp_model_info_get_id (info)))
        {
          g_set_error (error, BP_MODEL_CATALOGUE_ERROR, BP_MODEL_CATALOGUE_ERROR_INVALID_DATA,
                       _("Model “%s” is in the catalogue twice."), bp_model_info_get_id (info));
          g_object_unref (info);
          return FALSE;
        }

      _bp_model_catalogue_add (self, info);
    }

  return TRUE;
}

/**
 * bp_model_catalogue_load_from_bytes:
 * @self: a catalogue
 * @json: a catalogue in the format of data/models.json
 * @error: return location for a %BP_MODEL_CATALOGUE_ERROR
 *
 * Adds the models of @json. An id that is already in the catalogue is an
 * error; models before the bad entry stay loaded.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_model_catalogue_load_from_bytes (BpModelCatalogue  *self,
                                    GBytes            *json,
                                    GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root;
  JsonArray *models;

  g_return_val_if_fail (BP_IS_MODEL_CATALOGUE (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if ((root = _bp_model_catalogue_parse_object (parser, json, _("model catalogue"), error)) == NULL)
    return FALSE;

  if ((models = _bp_json_get_array (root, "models")) == NULL)
    {
      g_set_error_literal (error, BP_MODEL_CATALOGUE_ERROR, BP_MODEL_CATALOGUE_ERROR_INVALID_DATA,
                           _("The model catalogue has no “models” list."));
      return FALSE;
    }

  g_free (self->source);
  self->source = g_strdup (_bp_json_get_string (root, "source"));
  g_free (self->price_date);
  self->price_date = g_strdup (_bp_json_get_string (root, "price_date"));
  g_free (self->currency);
  self->currency = g_strdup (_bp_json_get_string (root, "currency"));

  return load_models (self, models, error);
}

/**
 * bp_model_catalogue_set_reference_time:
 * @self: a catalogue
 * @now: (nullable): the time lifecycle dates are compared with, or %NULL
 *   for the system clock
 *
 * A legacy model whose end of life has passed is shown as retired; tests
 * fix the time here.
 */
void
bp_model_catalogue_set_reference_time (BpModelCatalogue *self,
                                       GDateTime        *now)
{
  g_return_if_fail (BP_IS_MODEL_CATALOGUE (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
}

/**
 * bp_model_catalogue_get_source:
 * @self: a catalogue
 *
 * Returns: (nullable): where the bundled data comes from
 */
const char *
bp_model_catalogue_get_source (BpModelCatalogue *self)
{
  g_return_val_if_fail (BP_IS_MODEL_CATALOGUE (self), NULL);

  return self->source;
}

/**
 * bp_model_catalogue_get_price_date:
 * @self: a catalogue
 *
 * Returns: (nullable): the date of the price table, "YYYY-MM-DD"
 */
const char *
bp_model_catalogue_get_price_date (BpModelCatalogue *self)
{
  g_return_val_if_fail (BP_IS_MODEL_CATALOGUE (self), NULL);

  return self->price_date;
}

/**
 * bp_model_catalogue_get_currency:
 * @self: a catalogue
 *
 * Returns: (nullable): the currency of the prices ("USD")
 */
const char *
bp_model_catalogue_get_currency (BpModelCatalogue *self)
{
  g_return_val_if_fail (BP_IS_MODEL_CATALOGUE (self), NULL);

  return self->currency;
}

guint
bp_model_catalogue_get_n_models (BpModelCatalogue *self)
{
  g_return_val_if_fail (BP_IS_MODEL_CATALOGUE (self), 0);

  return self->models->len;
}

/**
 * bp_model_catalogue_lookup:
 * @self: a catalogue
 * @model_id: a base model id, a system inference profile id (`us.…`,
 *   `global.…`), a foundation model or inference profile ARN, or an
 *   application inference profile ARN seen in a merged profile list
 *
 * Returns: (transfer none) (nullable): the model, or %NULL if unknown
 */
BpModelInfo *
bp_model_catalogue_lookup (BpModelCatalogue *self,
                           const char       *model_id)
{
  g_autofree char *base = NULL;
  BpModelInfo *info;

  g_return_val_if_fail (BP_IS_MODEL_CATALOGUE (self), NULL);
  g_return_val_if_fail (model_id != NULL, NULL);

  if ((info = g_hash_table_lookup (self->by_id, model_id)) != NULL ||
      (info = g_hash_table_lookup (self->aliases, model_id)) != NULL)
    return info;

  if ((base = bp_model_id_get_base_id (model_id)) == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_id, base);
}

static gboolean
model_matches (BpModelInfo      *info,
               const char       *provider,
               const char       *output_modality,
               BpModelListFlags  flags)
{
  if (provider != NULL && g_ascii_strcasecmp (provider, bp_model_info_get_provider (info)) != 0)
    return FALSE;

  if (output_modality != NULL && !bp_model_info_has_output_modality (info, output_modality))
    return FALSE;

  if (!(flags & BP_MODEL_LIST_INCLUDE_RETIRED) &&
      bp_model_info_get_lifecycle (info) == BP_MODEL_LIFECYCLE_RETIRED)
    return FALSE;

  if (!(flags & BP_MODEL_LIST_INCLUDE_UNVERIFIED) && bp_model_info_is_unverified (info))
    return FALSE;

  return TRUE;
}

static int
compare_models (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  BpModelInfo *ia = (BpModelInfo *) a;
  BpModelInfo *ib = (BpModelInfo *) b;
  int cmp;

  if ((cmp = g_utf8_collate (bp_model_info_get_provider (ia), bp_model_info_get_provider (ib))) != 0)
    return cmp;

  return g_utf8_collate (bp_model_info_get_name (ia), bp_model_info_get_name (ib));
}

/**
 * bp_model_catalogue_list:
 * @self: a catalogue
 * @provider: (nullable): only this provider ("Anthropic"; any case)
 * @output_modality: (nullable): only models producing this ("TEXT", "IMAGE")
 * @flags: which lifecycles to include
 *
 * Returns: (transfer full): a #GListModel of #BpModelInfo sorted by
 *   provider and name
 */
GListModel *
bp_model_catalogue_list (BpModelCatalogue *self,
                         const char       *provider,
                         const char       *output_modality,
                         BpModelListFlags  flags)
{
  g_autoptr(GListStore) store = g_list_store_new (BP_TYPE_MODEL_INFO);

  g_return_val_if_fail (BP_IS_MODEL_CATALOGUE (self), NULL);

  for (guint i = 0; i < self->models->len; i++)
    {
      BpModelInfo *info = g_ptr_array_index (self->models, i);

      if (model_matches (info, provider, output_modality, flags))
        g_list_store_insert_sorted (store, info, compare_models, NULL);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* Profile geographies to try for a source region, best first (§5.3).
 * Japan and Australia have their own profiles for a few models; Canada and
 * South America are sources of some US profiles, which only the live list
 * can confirm. */
static void
region_geographies (const char  *region,
                    gboolean     live,
                    const char **geos)
{
  guint n = 0;

  if (region == NULL)
    {
      geos[0] = NULL;
      return;
    }

  if (g_str_has_prefix (region, "us-gov-"))
    {
      geos[n++] = "us-gov";
    }
  else if (g_str_has_prefix (region, "us-"))
    {
      geos[n++] = "us";
    }
  else if (g_str_has_prefix (region, "eu-"))
    {
      geos[n++] = "eu";
    }
  else if (g_str_equal (region, "ap-northeast-1") || g_str_equal (region, "ap-northeast-3"))
    {
      geos[n++] = "jp";
      geos[n++] = "apac";
    }
  else if (g_str_equal (region, "ap-southeast-2") || g_str_equal (region, "ap-southeast-4"))
    {
      geos[n++] = "au";
      geos[n++] = "apac";
    }
  else if (g_str_has_prefix (region, "ap-"))
    {
      geos[n++] = "apac";
    }
  else if (live && (g_str_has_prefix (region, "ca-") || g_str_has_prefix (region, "sa-")))
    {
      geos[n++] = "us";
    }

  geos[n] = NULL;
}

/**
 * bp_model_catalogue_pick_invoke_id:
 * @self: a catalogue
 * @model_id: the model the user picked (any spelling)
 * @region: (nullable): the region requests go to, e.g. "eu-west-1"
 *
 * Chooses what to put in `{modelId}`: the base id when the model can be
 * invoked on demand; otherwise the system inference profile of the
 * region's geography (`us.`, `eu.`, `jp.` or `au.` before `apac.`), and
 * `global.` only when no regional profile exists. Only profiles known to
 * exist count: those of the merged ListInferenceProfiles when one was
 * merged, else the catalogue's. Ids that already name a profile or an ARN,
 * and unknown models, are returned unchanged.
 *
 * Returns: (transfer full): the id to invoke
 */
char *
bp_model_catalogue_pick_invoke_id (BpModelCatalogue *self,
                                   const char       *model_id,
                                   const char       *region)
{
  g_autofree char *geo = NULL;
  const char *geos[4];
  gboolean live;
  BpModelInfo *info;
  const char *id;

  g_return_val_if_fail (BP_IS_MODEL_CATALOGUE (self), NULL);
  g_return_val_if_fail (model_id != NULL, NULL);

  geo = bp_model_id_get_geo_prefix (model_id);
  if (geo != NULL || g_str_has_prefix (model_id, "arn:") ||
      (info = bp_model_catalogue_lookup (self, model_id)) == NULL)
    return g_strdup (model_id);

  id = bp_model_info_get_id (info);
  if (!bp_model_info_needs_inference_profile (info))
    return g_strdup (id);

  live = self->has_live_profiles;
  region_geographies (region, live, geos);
  for (guint i = 0; geos[i] != NULL; i++)
    {
      if (_bp_model_info_has_profile (info, geos[i], live))
        return g_strconcat (geos[i], ".", id, NULL);
    }

  if (_bp_model_info_has_profile (info, "global", live))
    return g_strconcat ("global.", id, NULL);

  /* No profile is known: the base id lets the service say what is wrong. */
  return g_strdup (id);
}
