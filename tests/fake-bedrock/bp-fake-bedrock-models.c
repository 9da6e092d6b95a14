/* bp-fake-bedrock-models.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <string.h>

#include "bp-fake-bedrock-private.h"

/* The fake's small catalogue: enough of every family of §3 and §4, one
 * LEGACY model and a few models that only run through an inference profile
 * (§5.3). Any id starting with "fake." is accepted too and answers in the
 * Anthropic Messages format. */

#define ON_DEMAND BP_FAKE_MODEL_ON_DEMAND
#define PROFILE   BP_FAKE_MODEL_PROFILE
#define LEGACY    BP_FAKE_MODEL_LEGACY
#define IMAGE_IN  BP_FAKE_MODEL_IMAGE_INPUT
#define EXCLUSIVE BP_FAKE_MODEL_SAMPLING_EXCLUSIVE

static const BpFakeModel models[] = {
  { "anthropic.claude-3-haiku-20240307-v1:0", "Claude 3 Haiku", "Anthropic",
    BP_FAKE_FAMILY_ANTHROPIC, ON_DEMAND | PROFILE | IMAGE_IN, 4096 },
  { "anthropic.claude-3-5-haiku-20241022-v1:0", "Claude 3.5 Haiku", "Anthropic",
    BP_FAKE_FAMILY_ANTHROPIC, PROFILE, 8192 },
  { "anthropic.claude-haiku-4-5-20251001-v1:0", "Claude Haiku 4.5", "Anthropic",
    BP_FAKE_FAMILY_ANTHROPIC, PROFILE | IMAGE_IN | EXCLUSIVE, 64000 },
  { "anthropic.claude-sonnet-4-5-20250929-v1:0", "Claude Sonnet 4.5", "Anthropic",
    BP_FAKE_FAMILY_ANTHROPIC, PROFILE | IMAGE_IN | EXCLUSIVE, 64000 },
  { "anthropic.claude-v2:1", "Claude", "Anthropic",
    BP_FAKE_FAMILY_CLAUDE_TEXT, ON_DEMAND | LEGACY, 4096 },
  { "amazon.nova-micro-v1:0", "Nova Micro", "Amazon",
    BP_FAKE_FAMILY_NOVA, ON_DEMAND | PROFILE, 5000 },
  { "amazon.nova-lite-v1:0", "Nova Lite", "Amazon",
    BP_FAKE_FAMILY_NOVA, ON_DEMAND | PROFILE | IMAGE_IN, 5000 },
  { "amazon.nova-pro-v1:0", "Nova Pro", "Amazon",
    BP_FAKE_FAMILY_NOVA, ON_DEMAND | PROFILE | IMAGE_IN, 5000 },
  { "amazon.titan-text-express-v1", "Titan Text G1 - Express", "Amazon",
    BP_FAKE_FAMILY_TITAN_TEXT, ON_DEMAND, 8192 },
  { "amazon.titan-image-generator-v1", "Titan Image Generator G1", "Amazon",
    BP_FAKE_FAMILY_TITAN_IMAGE, ON_DEMAND, 0 },
  { "amazon.titan-image-generator-v2:0", "Titan Image Generator G1 v2", "Amazon",
    BP_FAKE_FAMILY_TITAN_IMAGE, ON_DEMAND, 0 },
  { "amazon.nova-canvas-v1:0", "Nova Canvas", "Amazon",
    BP_FAKE_FAMILY_NOVA_CANVAS, ON_DEMAND, 0 },
  { "meta.llama3-1-8b-instruct-v1:0", "Llama 3.1 8B Instruct", "Meta",
    BP_FAKE_FAMILY_LLAMA, ON_DEMAND | PROFILE, 2048 },
  { "meta.llama3-70b-instruct-v1:0", "Llama 3 70B Instruct", "Meta",
    BP_FAKE_FAMILY_LLAMA, ON_DEMAND, 2048 },
  { "mistral.mistral-7b-instruct-v0:2", "Mistral 7B Instruct", "Mistral AI",
    BP_FAKE_FAMILY_MISTRAL_PROMPT, ON_DEMAND, 8192 },
  { "mistral.mistral-large-2407-v1:0", "Mistral Large (24.07)", "Mistral AI",
    BP_FAKE_FAMILY_MISTRAL_CHAT, ON_DEMAND, 8192 },
  { "cohere.command-r-v1:0", "Command R", "Cohere",
    BP_FAKE_FAMILY_COHERE, ON_DEMAND, 4096 },
  { "stability.sd3-5-large-v1:0", "Stable Diffusion 3.5 Large", "Stability AI",
    BP_FAKE_FAMILY_STABILITY, ON_DEMAND, 0 },
  { "stability.stable-image-core-v1:1", "Stable Image Core 1.1", "Stability AI",
    BP_FAKE_FAMILY_STABILITY, ON_DEMAND, 0 },
  { "stability.stable-image-ultra-v1:1", "Stable Image Ultra 1.1", "Stability AI",
    BP_FAKE_FAMILY_STABILITY, ON_DEMAND, 0 },
};

static const BpFakeModel fake_model = {
  "fake.model", "Fake model", "Fake", BP_FAKE_FAMILY_ANTHROPIC, ON_DEMAND | IMAGE_IN, 0,
};

/* Twelve profiles: two pages at the default page size. */
static const BpFakeProfile profiles[] = {
  { "us.anthropic.claude-3-haiku-20240307-v1:0", "US Anthropic Claude 3 Haiku",
    "anthropic.claude-3-haiku-20240307-v1:0", "us" },
  { "us.anthropic.claude-3-5-haiku-20241022-v1:0", "US Anthropic Claude 3.5 Haiku",
    "anthropic.claude-3-5-haiku-20241022-v1:0", "us" },
  { "us.anthropic.claude-haiku-4-5-20251001-v1:0", "US Anthropic Claude Haiku 4.5",
    "anthropic.claude-haiku-4-5-20251001-v1:0", "us" },
  { "eu.anthropic.claude-haiku-4-5-20251001-v1:0", "EU Anthropic Claude Haiku 4.5",
    "anthropic.claude-haiku-4-5-20251001-v1:0", "eu" },
  { "global.anthropic.claude-haiku-4-5-20251001-v1:0", "Global Anthropic Claude Haiku 4.5",
    "anthropic.claude-haiku-4-5-20251001-v1:0", "global" },
  { "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "US Anthropic Claude Sonnet 4.5",
    "anthropic.claude-sonnet-4-5-20250929-v1:0", "us" },
  { "global.anthropic.claude-sonnet-4-5-20250929-v1:0", "Global Anthropic Claude Sonnet 4.5",
    "anthropic.claude-sonnet-4-5-20250929-v1:0", "global" },
  { "us.amazon.nova-micro-v1:0", "US Nova Micro", "amazon.nova-micro-v1:0", "us" },
  { "us.amazon.nova-lite-v1:0", "US Nova Lite", "amazon.nova-lite-v1:0", "us" },
  { "us.amazon.nova-pro-v1:0", "US Nova Pro", "amazon.nova-pro-v1:0", "us" },
  { "us.meta.llama3-1-8b-instruct-v1:0", "US Meta Llama 3.1 8B Instruct",
    "meta.llama3-1-8b-instruct-v1:0", "us" },
  { "fake0app1prof", "playground-cost-tracking",
    "anthropic.claude-3-haiku-20240307-v1:0", NULL },
};

#define INVALID_ID_MESSAGE "The provided model identifier is invalid."

gboolean
_bp_fake_family_is_image (BpFakeFamily family)
{
  return family == BP_FAKE_FAMILY_TITAN_IMAGE ||
         family == BP_FAKE_FAMILY_NOVA_CANVAS ||
         family == BP_FAKE_FAMILY_STABILITY;
}

const BpFakeModel *
_bp_fake_models_get (guint *n_models)
{
  *n_models = G_N_ELEMENTS (models);
  return models;
}

const BpFakeProfile *
_bp_fake_profiles_get (guint *n_profiles)
{
  *n_profiles = G_N_ELEMENTS (profiles);
  return profiles;
}

/**
 * _bp_fake_models_lookup:
 * @base_id: a base model id
 *
 * Returns: (nullable): the catalogue entry, whatever its inference types
 */
const BpFakeModel *
_bp_fake_models_lookup (const char *base_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      if (strcmp (models[i].id, base_id) == 0)
        return &models[i];
    }

  return NULL;
}

static const BpFakeProfile *
lookup_profile (const char *id,
                gboolean    application)
{
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      if ((profiles[i].geography == NULL) == application &&
          strcmp (profiles[i].id, id) == 0)
        return &profiles[i];
    }

  return NULL;
}

static const BpFakeModel *
resolve_base (const char  *base_id,
              char       **error_message)
{
  const BpFakeModel *model;

  if (g_str_has_prefix (base_id, "fake.") && base_id[5] != '\0')
    return &fake_model;

  model = _bp_fake_models_lookup (base_id);
  if (model == NULL)
    {
      *error_message = g_strdup (INVALID_ID_MESSAGE);
      return NULL;
    }

  if ((model->flags & BP_FAKE_MODEL_ON_DEMAND) == 0)
    {
      /* The typographic apostrophe is what the service sends (§5.3). */
      *error_message = g_strdup_printf ("Invocation of model ID %s with on-demand throughput "
                                        "isn\xe2\x80\x99t supported. Retry your request with the ID "
                                        "or ARN of an inference profile that contains this "
                                        "model.", base_id);
      return NULL;
    }

  return model;
}

static const BpFakeModel *
resolve_profile (const BpFakeProfile  *profile,
                 char                **error_message)
{
  if (profile == NULL)
    {
      *error_message = g_strdup (INVALID_ID_MESSAGE);
      return NULL;
    }

  return _bp_fake_models_lookup (profile->model_id);
}

/* arn:aws:bedrock:REGION:ACCOUNT:TYPE/NAME; NAME may hold ':'. */
static const BpFakeModel *
resolve_arn (const char  *arn,
             char       **error_message)
{
  g_auto(GStrv) parts = g_strsplit (arn, ":", 6);
  const char *slash;
  g_autofree char *type = NULL;

  if (g_strv_length (parts) != 6 || strcmp (parts[2], "bedrock") != 0 ||
      (slash = strchr (parts[5], '/')) == NULL)
    {
      *error_message = g_strdup (INVALID_ID_MESSAGE);
      return NULL;
    }

  type = g_strndup (parts[5], slash - parts[5]);
  if (strcmp (type, "foundation-model") == 0)
    return resolve_base (slash + 1, error_message);
  if (strcmp (type, "inference-profile") == 0)
    return resolve_profile (lookup_profile (slash + 1, FALSE), error_message);
  if (strcmp (type, "application-inference-profile") == 0)
    return resolve_profile (lookup_profile (slash + 1, TRUE), error_message);

  *error_message = g_strdup (INVALID_ID_MESSAGE);
  return NULL;
}

/**
 * _bp_fake_models_resolve:
 * @model_id: the decoded path label: base id, profile id or ARN
 * @error_message: (out) (transfer full): the ValidationException message
 *   when the id does not resolve
 *
 * Returns: (nullable): the model that answers
 */
const BpFakeModel *
_bp_fake_models_resolve (const char  *model_id,
                         char       **error_message)
{
  const BpFakeProfile *profile;

  g_assert (model_id != NULL);
  g_assert (error_message != NULL && *error_message == NULL);

  if (g_str_has_prefix (model_id, "arn:"))
    return resolve_arn (model_id, error_message);

  profile = lookup_profile (model_id, FALSE);
  if (profile != NULL)
    return resolve_profile (profile, error_message);

  return resolve_base (model_id, error_message);
}

/**
 * _bp_fake_model_arn:
 * @region: (nullable): a region, or %NULL for the region-less form
 * @model_id: a base model id
 *
 * Returns: (transfer full): the foundation-model ARN
 */
char *
_bp_fake_model_arn (const char *region,
                    const char *model_id)
{
  return g_strdup_printf ("arn:aws:bedrock:%s::foundation-model/%s",
                          region ? region : "", model_id);
}

/**
 * _bp_fake_profile_arn:
 * @region: the fake's region
 * @profile: a profile
 *
 * Returns: (transfer full): the profile's ARN
 */
char *
_bp_fake_profile_arn (const char          *region,
                      const BpFakeProfile *profile)
{
  return g_strdup_printf ("arn:aws:bedrock:%s:" BP_FAKE_ACCOUNT_ID ":%s/%s", region,
                          profile->geography ? "inference-profile" : "application-inference-profile",
                          profile->id);
}
