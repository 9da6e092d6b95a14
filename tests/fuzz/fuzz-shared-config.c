/* fuzz-shared-config.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-aws-config.h"
#include "bp-shared-config.h"

/* libFuzzer target for the shared config parser. The input is split at its
 * first NUL byte (or, without one, in half) into the config file's text and
 * the credentials file's text; both are parsed, then every profile is read
 * back the way the credential chain and endpoint resolution read it. */

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static const char * const profile_keys[] = {
  "region", "aws_access_key_id", "aws_secret_access_key", "aws_session_token",
  "credential_process", "sso_session", "sso_start_url", "services", "endpoint_url",
  "use_fips_endpoint", "use_dualstack_endpoint", "ignore_configured_endpoint_urls",
};

static void
exercise_profile (BpSharedConfig *config,
                  const char     *profile)
{
  static const char * const empty_env[] = { NULL };
  g_autoptr(BpRegionInfo) region = NULL;
  const char *services;

  g_assert (bp_shared_config_has_section (config, BP_CONFIG_SECTION_PROFILE, profile));

  for (guint i = 0; i < G_N_ELEMENTS (profile_keys); i++)
    {
      const char *path = NULL;
      const char *value = bp_shared_config_get (config, BP_CONFIG_SECTION_PROFILE, profile,
                                                profile_keys[i], NULL, &path);

      if (value != NULL)
        g_assert (strlen (value) <= 1024 * 1024);
    }

  services = bp_shared_config_get (config, BP_CONFIG_SECTION_PROFILE, profile, "services", NULL, NULL);
  if (services != NULL)
    {
      (void) bp_shared_config_has_section (config, BP_CONFIG_SECTION_SERVICES, services);
      (void) bp_shared_config_get (config, BP_CONFIG_SECTION_SERVICES, services,
                                   "bedrock_runtime", "endpoint_url", NULL);
    }

  /* Region and endpoint resolution from the parsed values. */
  region = bp_resolve_region (empty_env, config, profile, NULL);
  for (guint service = BP_AWS_SERVICE_BEDROCK_RUNTIME; service <= BP_AWS_SERVICE_BEDROCK; service++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpEndpoint) endpoint = NULL;

      endpoint = bp_resolve_endpoint (empty_env, config, profile, region->region, service, NULL, &error);
      g_assert ((endpoint == NULL) != (error == NULL));
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const guint8 *nul = memchr (data, '\0', size);
  gsize config_len = nul != NULL ? (gsize) (nul - data) : size / 2;
  gsize credentials_start = nul != NULL ? config_len + 1 : config_len;
  g_autofree char *config_text = g_strndup ((const char *) data, config_len);
  g_autofree char *credentials_text = g_strndup ((const char *) data + credentials_start,
                                                 size - credentials_start);
  g_autoptr(BpSharedConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) profiles = NULL;

  config = bp_shared_config_new_from_data (config_text, "config", credentials_text, "credentials", &error);
  if (config == NULL)
    {
      g_assert (error != NULL && error->domain == BP_SHARED_CONFIG_ERROR);
      return 0;
    }
  g_assert (error == NULL);

  profiles = bp_shared_config_list_profiles (config);
  for (guint i = 0; profiles[i] != NULL; i++)
    {
      if (i > 0)
        g_assert (strcmp (profiles[i], "default") != 0 && strcmp (profiles[i - 1], profiles[i]) != 0);
      exercise_profile (config, profiles[i]);
    }

  return 0;
}
