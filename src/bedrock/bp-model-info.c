/* bp-model-info.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-model-info"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-model-access.h"
#include "bp-model-catalogue.h"
#include "bp-model-info-private.h"

/* What we know about one model: the bundled catalogue's entry (data/
 * models.json), updated by what ListFoundationModels and
 * ListInferenceProfiles say in the current region, and whether the account
 * may use it (GetFoundationModelAvailability). Only the catalogue changes
 * it, through the private setters. */


G_DEFINE_FINAL_TYPE (BpModelInfo, bp_model_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PROVIDER,
  PROP_STATUS_TEXT,
  PROP_ACCESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* A null-terminated GPtrArray may have no storage while empty. */
static const char * const *
profile_ids_strv (BpModelInfo *self)
{
  static const char * const empty[] = { NULL };

  return self->profile_ids->pdata != NULL ? (const char * const *) self->profile_ids->pdata
                                          : empty;
}

static void
bp_model_info_finalize (GObject *object)
{
  BpModelInfo *self = (BpModelInfo *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->provider, g_free);
  g_clear_pointer (&self->family, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->input_modalities, g_strfreev);
  g_clear_pointer (&self->output_modalities, g_strfreev);
  g_clear_pointer (&self->profile_prefixes, g_strfreev);
  g_clear_pointer (&self->profile_ids, g_ptr_array_unref);
  g_clear_pointer (&self->end_of_life, g_date_time_unref);
  g_clear_pointer (&self->image_prices, g_array_unref);
  g_clear_pointer (&self->access_explanation, g_free);

  G_OBJECT_CLASS (bp_model_info_parent_class)->finalize (object);
}

static void
bp_model_info_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BpModelInfo *self = BP_MODEL_INFO (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;

    case PROP_STATUS_TEXT:
      g_value_set_string (value, bp_model_info_get_status_text (self));
      break;

    case PROP_ACCESS:
      g_value_set_enum (value, self->access);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_model_info_class_init (BpModelInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_model_info_finalize;
  object_class->get_property = bp_model_info_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROVIDER] =
    g_param_spec_string ("provider", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * BpModelInfo:access:
   *
   * Whether the account may use the model; notified (with
   * #BpModelInfo:status-text) when an availability answer changes it.
   */
  properties[PROP_ACCESS] =
    g_param_spec_enum ("access", NULL, NULL,
                       BP_TYPE_MODEL_ACCESS, BP_MODEL_ACCESS_UNKNOWN,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_model_info_init (BpModelInfo *self)
{
  self->input_modalities = g_new0 (char *, 1);
  self->output_modalities = g_new0 (char *, 1);
  self->profile_prefixes = g_new0 (char *, 1);
  self->profile_ids = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  self->image_prices = g_array_new (FALSE, FALSE, sizeof (BpImagePriceTier));
  self->input_price = self->output_price = -1.0;
  self->global_input_price = self->global_output_price = -1.0;
  self->parameters = BP_MODEL_PARAMS_GENERIC;
  self->invoke = BP_MODEL_INVOKE_BASE;
  self->lifecycle = BP_MODEL_LIFECYCLE_ACTIVE;
}

void
_bp_model_info_add_profile_id (BpModelInfo *self,
                               const char  *profile_id)
{
  g_return_if_fail (BP_IS_MODEL_INFO (self));

  if (!g_strv_contains (profile_ids_strv (self), profile_id))
    g_ptr_array_add (self->profile_ids, g_strdup (profile_id));
}

/* Whether the profile `<geo_prefix>.<id>` is known to exist: from the live
 * list when one was merged (@live_only), else from the catalogue. */
gboolean
_bp_model_info_has_profile (BpModelInfo *self,
                            const char  *geo_prefix,
                            gboolean     live_only)
{
  g_autofree char *profile_id = NULL;

  g_return_val_if_fail (BP_IS_MODEL_INFO (self), FALSE);

  if (!live_only)
    return g_strv_contains ((const char * const *) self->profile_prefixes, geo_prefix);

  profile_id = g_strconcat (geo_prefix, ".", self->id, NULL);
  return g_strv_contains (profile_ids_strv (self), profile_id);
}

const GArray *
_bp_model_info_get_image_prices (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), NULL);

  return self->image_prices;
}

/**
 * _bp_model_info_set_access:
 * @self: a model
 * @access: what GetFoundationModelAvailability said
 * @message: (nullable): the service's errorMessage, kept for
 *   %BP_MODEL_ACCESS_ERROR only
 *
 * Notifies #BpModelInfo:access and #BpModelInfo:status-text when the
 * access or its explanation changed.
 */
void
_bp_model_info_set_access (BpModelInfo   *self,
                           BpModelAccess  access,
                           const char    *message)
{
  g_autofree char *explanation = NULL;

  g_return_if_fail (BP_IS_MODEL_INFO (self));
  g_return_if_fail (access <= BP_MODEL_ACCESS_ERROR);

  explanation = bp_model_access_dup_explanation (access, access == BP_MODEL_ACCESS_ERROR ? message
                                                                                        : NULL);
  if (self->access == access && g_strcmp0 (self->access_explanation, explanation) == 0)
    return;

  self->access = access;
  g_free (self->access_explanation);
  self->access_explanation = g_steal_pointer (&explanation);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
}

static const struct {
  const char   *name;
  BpModelParam  bit;
} param_names[] = {
  { "temperature", BP_MODEL_PARAM_TEMPERATURE },
  { "top_p", BP_MODEL_PARAM_TOP_P },
  { "top_k", BP_MODEL_PARAM_TOP_K },
  { "stop_sequences", BP_MODEL_PARAM_STOP_SEQUENCES },
  { "system", BP_MODEL_PARAM_SYSTEM },
  { "reasoning", BP_MODEL_PARAM_REASONING },
};

/* The bit of a parameter name of the catalogue, or 0 if unknown. */
BpModelParam
_bp_model_param_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (param_names); i++)
    {
      if (g_str_equal (name, param_names[i].name))
        return param_names[i].bit;
    }

  return 0;
}

/* Public getters --------------------------------------------------------- */

/**
 * bp_model_info_get_id:
 * @self: a model
 *
 * Returns: the base model id, e.g. `anthropic.claude-haiku-4-5-20251001-v1:0`
 */
const char *
bp_model_info_get_id (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), NULL);

  return self->id;
}

/**
 * bp_model_info_get_name:
 * @self: a model
 *
 * Returns: the display name, e.g. "Claude Haiku 4.5"
 */
const char *
bp_model_info_get_name (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), NULL);

  return self->name;
}

/**
 * bp_model_info_get_provider:
 * @self: a model
 *
 * Returns: the provider as ListFoundationModels names it, e.g. "Anthropic"
 */
const char *
bp_model_info_get_provider (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), NULL);

  return self->provider;
}

/**
 * bp_model_info_get_family:
 * @self: a model
 *
 * Returns: (nullable): the catalogue's family hint, e.g. "anthropic-claude",
 *   "nova-canvas", or %NULL for models only the service knows
 */
const char *
bp_model_info_get_family (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), NULL);

  return self->family;
}

/**
 * bp_model_info_get_notes:
 * @self: a model
 *
 * Returns: (nullable): the catalogue's remarks on the model (English, from
 *   the reference data: price caveats, lifecycle reports), or %NULL
 */
const char *
bp_model_info_get_notes (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), NULL);

  return self->notes;
}

/**
 * bp_model_info_get_input_modalities:
 * @self: a model
 *
 * Returns: (transfer none) (array zero-terminated=1): "TEXT", "IMAGE", …
 */
const char * const *
bp_model_info_get_input_modalities (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), NULL);

  return (const char * const *) self->input_modalities;
}

/**
 * bp_model_info_get_output_modalities:
 * @self: a model
 *
 * Returns: (transfer none) (array zero-terminated=1): "TEXT", "IMAGE", …
 */
const char * const *
bp_model_info_get_output_modalities (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), NULL);

  return (const char * const *) self->output_modalities;
}

gboolean
bp_model_info_has_input_modality (BpModelInfo *self,
                                  const char  *modality)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), FALSE);
  g_return_val_if_fail (modality != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->input_modalities, modality);
}

gboolean
bp_model_info_has_output_modality (BpModelInfo *self,
                                   const char  *modality)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), FALSE);
  g_return_val_if_fail (modality != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->output_modalities, modality);
}

gboolean
bp_model_info_get_streaming (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), FALSE);

  return self->streaming;
}

/**
 * bp_model_info_get_context_window:
 * @self: a model
 *
 * Returns: the context window in tokens, or 0 when unknown
 */
guint64
bp_model_info_get_context_window (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), 0);

  return self->context_window;
}

/**
 * bp_model_info_get_max_output_tokens:
 * @self: a model
 *
 * Returns: the largest output in tokens, or 0 when unknown
 */
guint64
bp_model_info_get_max_output_tokens (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), 0);

  return self->max_output_tokens;
}

/**
 * bp_model_info_accepts_parameter:
 * @self: a model
 * @name: "temperature", "top_p", "top_k", "stop_sequences", "system" or
 *   "reasoning"
 *
 * Models the catalogue does not know are assumed to take what Converse
 * offers every model (temperature, top_p, stop_sequences, system) and none
 * of the model-specific extras.
 *
 * Returns: whether the parameter panel should offer @name for this model
 */
gboolean
bp_model_info_accepts_parameter (BpModelInfo *self,
                                 const char  *name)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return (self->parameters & _bp_model_param_from_name (name)) != 0;
}

/**
 * bp_model_info_get_temperature_xor_top_p:
 * @self: a model
 *
 * Returns: whether the model refuses temperature and top_p together
 *   (Claude Sonnet/Haiku 4.5 and later, Opus 4.1 and later)
 */
gboolean
bp_model_info_get_temperature_xor_top_p (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), FALSE);

  return self->temperature_xor_top_p;
}

BpModelInvoke
bp_model_info_get_invoke (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), BP_MODEL_INVOKE_BASE);

  return self->invoke;
}

/**
 * bp_model_info_needs_inference_profile:
 * @self: a model
 *
 * Returns: whether the base id cannot be invoked on demand
 */
gboolean
bp_model_info_needs_inference_profile (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), FALSE);

  return self->invoke == BP_MODEL_INVOKE_PROFILE;
}

/**
 * bp_model_info_get_profile_prefixes:
 * @self: a model
 *
 * Returns: (transfer none) (array zero-terminated=1): the geographies the
 *   catalogue lists system profiles for ("us", "eu", "global", …)
 */
const char * const *
bp_model_info_get_profile_prefixes (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), NULL);

  return (const char * const *) self->profile_prefixes;
}

/**
 * bp_model_info_get_profile_ids:
 * @self: a model
 *
 * Returns: (transfer none) (array zero-terminated=1): the system inference
 *   profile ids ListInferenceProfiles returned for this model (empty until
 *   a list is merged)
 */
const char * const *
bp_model_info_get_profile_ids (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), NULL);

  return profile_ids_strv (self);
}

BpModelLifecycle
bp_model_info_get_lifecycle (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), BP_MODEL_LIFECYCLE_ACTIVE);

  return self->lifecycle;
}

/**
 * bp_model_info_get_end_of_life:
 * @self: a model
 *
 * Returns: (transfer none) (nullable): the end of life, when known
 */
GDateTime *
bp_model_info_get_end_of_life (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), NULL);

  return self->end_of_life;
}

/**
 * bp_model_info_is_unverified:
 * @self: a model
 *
 * Returns: whether the id comes from a single unconfirmed source and the
 *   service has not listed it yet (wire format §8.2)
 */
gboolean
bp_model_info_is_unverified (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), FALSE);

  return self->unverified;
}

/**
 * bp_model_info_is_live:
 * @self: a model
 *
 * Returns: whether ListFoundationModels listed the model
 */
gboolean
bp_model_info_is_live (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), FALSE);

  return self->live;
}

/**
 * bp_model_info_get_status_text:
 * @self: a model
 *
 * The most important first: retired, then an access problem ("No access",
 * "Access pending", …), legacy, unverified, needs an inference profile.
 *
 * Returns: (nullable): a short translated note for the model picker
 *   ("Retired", "No access", "Legacy", "Unverified", "Needs an inference
 *   profile", …), or %NULL when there is nothing to say
 */
const char *
bp_model_info_get_status_text (BpModelInfo *self)
{
  const char *access_text;

  g_return_val_if_fail (BP_IS_MODEL_INFO (self), NULL);

  if (self->lifecycle == BP_MODEL_LIFECYCLE_RETIRED)
    return _("Retired");
  if ((access_text = bp_model_access_get_status_text (self->access)) != NULL)
    return access_text;
  if (self->lifecycle == BP_MODEL_LIFECYCLE_LEGACY)
    return _("Legacy");
  /* Translators: the model id was not confirmed by the service yet. */
  if (self->unverified)
    return _("Unverified");
  if (self->invoke == BP_MODEL_INVOKE_PROFILE)
    return _("Needs an inference profile");

  return NULL;
}

/**
 * bp_model_info_get_access:
 * @self: a model
 *
 * Returns: whether the account may use the model, as far as known
 */
BpModelAccess
bp_model_info_get_access (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), BP_MODEL_ACCESS_UNKNOWN);

  return self->access;
}

/**
 * bp_model_info_get_access_explanation:
 * @self: a model
 *
 * Returns: (nullable): one translated sentence saying what is wrong with
 *   the access and how to fix it, or %NULL for %BP_MODEL_ACCESS_UNKNOWN
 *   and %BP_MODEL_ACCESS_GRANTED
 */
const char *
bp_model_info_get_access_explanation (BpModelInfo *self)
{
  g_return_val_if_fail (BP_IS_MODEL_INFO (self), NULL);

  return self->access_explanation;
}

/**
 * bp_model_info_get_text_prices:
 * @self: a model
 * @global: whether the `global.` profile is used
 * @input_per_mtok: (out) (optional): USD per million input tokens
 * @output_per_mtok: (out) (optional): USD per million output tokens
 *
 * Regional and geographic profiles (`us.`, `eu.`, …) and base ids are
 * billed at the regional price; `global.` has its own when it differs.
 *
 * Returns: whether the prices are known
 */
gboolean
bp_model_info_get_text_prices (BpModelInfo *self,
                               gboolean     global,
                               double      *input_per_mtok,
                               double      *output_per_mtok)
{
  double in, out;

  g_return_val_if_fail (BP_IS_MODEL_INFO (self), FALSE);

  in = self->input_price;
  out = self->output_price;
  if (global && self->global_input_price >= 0 && self->global_output_price >= 0)
    {
      in = self->global_input_price;
      out = self->global_output_price;
    }

  if (input_per_mtok != NULL)
    *input_per_mtok = in;
  if (output_per_mtok != NULL)
    *output_per_mtok = out;

  return in >= 0 && out >= 0;
}
