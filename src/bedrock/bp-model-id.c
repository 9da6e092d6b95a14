/* bp-model-id.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-model-id"

#include "config.h"

#include <string.h>

#include "bp-model-id.h"

/* The three spellings of a model in the `{modelId}` path label (wire format
 * §2.2): a base id (`anthropic.claude-…`), a system inference profile id (a
 * geography, a dot, the base id) or an ARN. */

#define FOUNDATION_MODEL_MARKER  ":foundation-model/"
#define INFERENCE_PROFILE_MARKER ":inference-profile/"

/* Geography prefixes of system-defined inference profiles (§5.3). */
static const char * const geo_prefixes[] = {
  "apac", "au", "eu", "global", "jp", "us", "us-gov",
};

/**
 * bp_model_id_is_geo_prefix:
 * @prefix: a candidate such as "us" or "global"
 *
 * Returns: whether @prefix is the geography of a system inference profile
 */
gboolean
bp_model_id_is_geo_prefix (const char *prefix)
{
  g_return_val_if_fail (prefix != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (geo_prefixes); i++)
    {
      if (strcmp (prefix, geo_prefixes[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * bp_model_id_get_profile_id:
 * @model_id: a model id, profile id or ARN
 *
 * Strips the ARN wrapping of a foundation model or inference profile ARN.
 *
 * Returns: (transfer full) (nullable): the id inside the ARN, @model_id
 *   itself when it is no ARN, or %NULL for ARNs that do not name a model or
 *   a system profile (application inference profiles, provisioned models…)
 */
char *
bp_model_id_get_profile_id (const char *model_id)
{
  const char *marker;

  g_return_val_if_fail (model_id != NULL, NULL);

  if (!g_str_has_prefix (model_id, "arn:"))
    return g_strdup (model_id);

  if ((marker = strstr (model_id, FOUNDATION_MODEL_MARKER)) != NULL)
    return g_strdup (marker + strlen (FOUNDATION_MODEL_MARKER));

  if ((marker = strstr (model_id, INFERENCE_PROFILE_MARKER)) != NULL)
    return g_strdup (marker + strlen (INFERENCE_PROFILE_MARKER));

  return NULL;
}

/**
 * bp_model_id_get_geo_prefix:
 * @model_id: a model id, profile id or ARN
 *
 * Returns: (transfer full) (nullable): the geography of a system inference
 *   profile ("us", "eu", "global", …), or %NULL for a base id
 */
char *
bp_model_id_get_geo_prefix (const char *model_id)
{
  g_autofree char *id = NULL;
  const char *dot;

  g_return_val_if_fail (model_id != NULL, NULL);

  id = bp_model_id_get_profile_id (model_id);
  if (id == NULL || (dot = strchr (id, '.')) == NULL)
    return NULL;

  id[dot - id] = '\0';
  if (!bp_model_id_is_geo_prefix (id))
    return NULL;

  return g_steal_pointer (&id);
}

/**
 * bp_model_id_get_base_id:
 * @model_id: a model id, profile id or ARN
 *
 * Reduces any spelling of a model to its base model id:
 * `arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0`,
 * `us.amazon.nova-pro-v1:0` and `amazon.nova-pro-v1:0` all give
 * `amazon.nova-pro-v1:0`.
 *
 * Returns: (transfer full) (nullable): the base id, or %NULL for an ARN
 *   that names no model (see bp_model_id_get_profile_id())
 */
char *
bp_model_id_get_base_id (const char *model_id)
{
  g_autofree char *id = NULL;
  g_autofree char *geo = NULL;

  g_return_val_if_fail (model_id != NULL, NULL);

  id = bp_model_id_get_profile_id (model_id);
  if (id == NULL)
    return NULL;

  geo = bp_model_id_get_geo_prefix (id);
  if (geo == NULL)
    return g_steal_pointer (&id);

  return g_strdup (id + strlen (geo) + 1);
}
