/* bp-model-family.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-model-family"

#include "config.h"

#include <string.h>

#include "bp-model-family.h"

/* Which native InvokeModel format a model id speaks (wire format §3), from
 * the id alone: base ids, geographic inference-profile ids (`us.`, `eu.`,
 * `apac.`, `global.`, `jp.`, `au.`, `us-gov.`, and any future prefix in
 * front of a known provider) and ARNs whose resource names a model.
 * Application inference profiles and provisioned models hide the model
 * behind an opaque id: they are UNKNOWN, and chat goes through Converse. */

static const char * const providers[] = {
  "anthropic", "amazon", "meta", "mistral", "cohere", "ai21", "deepseek",
  "openai", "qwen", "google", "nvidia", "writer", "stability", "twelvelabs",
};

static const struct
{
  const char    *prefix;
  BpModelFamily  family;
} prefixes[] = {
  /* Longer, more specific prefixes first. */
  { "anthropic.claude-instant", BP_MODEL_FAMILY_ANTHROPIC_TEXT },
  { "anthropic.claude-v", BP_MODEL_FAMILY_ANTHROPIC_TEXT },
  { "anthropic.claude", BP_MODEL_FAMILY_ANTHROPIC_MESSAGES },
  { "meta.llama3", BP_MODEL_FAMILY_LLAMA },
  { "meta.llama4", BP_MODEL_FAMILY_LLAMA },
  { "amazon.titan-text", BP_MODEL_FAMILY_TITAN_TEXT },
  { "amazon.titan-tg1", BP_MODEL_FAMILY_TITAN_TEXT },
  { "amazon.nova-canvas", BP_MODEL_FAMILY_UNKNOWN },
  { "amazon.nova-reel", BP_MODEL_FAMILY_UNKNOWN },
  { "amazon.nova-sonic", BP_MODEL_FAMILY_UNKNOWN },
  { "amazon.nova-2-sonic", BP_MODEL_FAMILY_UNKNOWN },
  { "amazon.nova-", BP_MODEL_FAMILY_NOVA },
  { "mistral.mistral-large-2407", BP_MODEL_FAMILY_MISTRAL_CHAT },
  { "mistral.pixtral", BP_MODEL_FAMILY_MISTRAL_CHAT },
  { "mistral.mistral-7b", BP_MODEL_FAMILY_MISTRAL_PROMPT },
  { "mistral.mixtral", BP_MODEL_FAMILY_MISTRAL_PROMPT },
  { "mistral.mistral-large-2402", BP_MODEL_FAMILY_MISTRAL_PROMPT },
  { "mistral.mistral-small-2402", BP_MODEL_FAMILY_MISTRAL_PROMPT },
  { "cohere.command-r", BP_MODEL_FAMILY_COHERE_COMMAND_R },
};

static gboolean
is_provider (const char *segment,
             gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      if (strlen (providers[i]) == length && strncmp (segment, providers[i], length) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The model part of an ARN's resource, `foundation-model/ID`,
 * `inference-profile/ID`, `custom-model/ID/suffix`, …: the segment after
 * the first '/'. */
static char *
arn_resource_id (const char *arn)
{
  const char *slash = strchr (arn, '/');
  const char *end;

  if (slash == NULL)
    return g_strdup ("");

  end = strchr (slash + 1, '/');
  if (end == NULL)
    return g_strdup (slash + 1);

  return g_strndup (slash + 1, (gsize) (end - slash - 1));
}

/* Strips an ARN down to its model and drops a geographic profile prefix:
 * `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-3-70b-instruct-v1:0`
 * becomes `meta.llama3-3-70b-instruct-v1:0`. Ids without a known provider
 * (application inference profiles) come back as they are after the ARN
 * part. (bp_model_id_get_base_id() is the catalogue's public version; this
 * one also skips prefixes it has never seen when a provider follows.) */
static char *
base_model_id (const char *model_id)
{
  g_autofree char *id = NULL;
  const char *dot;
  const char *second_dot;

  g_assert (model_id != NULL);

  if (g_str_has_prefix (model_id, "arn:"))
    id = arn_resource_id (model_id);
  else
    id = g_strdup (model_id);

  dot = strchr (id, '.');
  if (dot == NULL || is_provider (id, (gsize) (dot - id)))
    return g_steal_pointer (&id);

  second_dot = strchr (dot + 1, '.');
  if (second_dot != NULL && is_provider (dot + 1, (gsize) (second_dot - dot - 1)))
    return g_strdup (dot + 1);

  return g_steal_pointer (&id);
}

/**
 * bp_model_family_from_model_id:
 * @model_id: a model id, inference profile id or ARN
 *
 * Returns: the family whose native body the model takes, or
 *   %BP_MODEL_FAMILY_UNKNOWN (use Converse)
 */
BpModelFamily
bp_model_family_from_model_id (const char *model_id)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (model_id != NULL, BP_MODEL_FAMILY_UNKNOWN);

  base = base_model_id (model_id);

  /* Embedding models share their family's prefix but take no chat. */
  if (strstr (base, "embed") != NULL)
    return BP_MODEL_FAMILY_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      if (g_str_has_prefix (base, prefixes[i].prefix))
        return prefixes[i].family;
    }

  return BP_MODEL_FAMILY_UNKNOWN;
}

/**
 * bp_model_family_to_string:
 * @family: a #BpModelFamily
 *
 * Returns: a stable name for logs and tests, such as `anthropic-messages`
 */
const char *
bp_model_family_to_string (BpModelFamily family)
{
  static const char * const names[] = {
    [BP_MODEL_FAMILY_UNKNOWN] = "unknown",
    [BP_MODEL_FAMILY_ANTHROPIC_MESSAGES] = "anthropic-messages",
    [BP_MODEL_FAMILY_ANTHROPIC_TEXT] = "anthropic-text",
    [BP_MODEL_FAMILY_LLAMA] = "llama",
    [BP_MODEL_FAMILY_TITAN_TEXT] = "titan-text",
    [BP_MODEL_FAMILY_NOVA] = "nova",
    [BP_MODEL_FAMILY_MISTRAL_PROMPT] = "mistral-prompt",
    [BP_MODEL_FAMILY_MISTRAL_CHAT] = "mistral-chat",
    [BP_MODEL_FAMILY_COHERE_COMMAND_R] = "cohere-command-r",
  };

  g_return_val_if_fail (family <= BP_MODEL_FAMILY_COHERE_COMMAND_R, NULL);

  return names[family];
}
