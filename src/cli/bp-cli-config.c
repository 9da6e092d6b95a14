/* bp-cli-config.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-aws-config.h"
#include "bp-cli-private.h"
#include "bp-credentials.h"
#include "bp-shared-config.h"

/* `config` (or `whoami`): where the credentials, the region and the
 * endpoints come from, resolved exactly as the other commands resolve
 * them. Never a secret: bp_credentials_describe() masks the key id. */

typedef struct
{
  BpCli      *cli;
  BpCliTable *table;
} ConfigRun;

static void
config_run_free (ConfigRun *run)
{
  g_clear_pointer (&run->table, _bp_cli_table_free);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConfigRun, config_run_free)

static void
add_line (ConfigRun  *run,
          const char *label,
          const char *value)
{
  const char *cells[] = { label, value };

  _bp_cli_table_add_row (run->table, cells);
}

static char *
describe_source (BpSettingSource  source,
                 const char      *detail,
                 const char      *flag)
{
  switch (source)
    {
    case BP_SETTING_SOURCE_EXPLICIT:
      /* Translators: %s is a command-line option such as --region */
      return g_strdup_printf (_("from %s"), flag);
    case BP_SETTING_SOURCE_ENVIRONMENT:
      /* Translators: %s is an environment variable name */
      return g_strdup_printf (_("from the environment variable %s"), detail);
    case BP_SETTING_SOURCE_PROFILE:
      /* Translators: %s is "profile NAME in FILE" */
      return g_strdup_printf (_("from %s"), detail);
    case BP_SETTING_SOURCE_DEFAULT:
    default:
      return g_strdup (_("default"));
    }
}

static void
add_endpoint (ConfigRun      *run,
              BpSharedConfig *config,
              const char     *profile,
              const char     *region,
              BpAwsService    service,
              const char     *label)
{
  const char * const *envp = (const char * const *) run->cli->environ;
  g_autoptr(BpEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *source = NULL;

  endpoint = bp_resolve_endpoint (envp, config, profile, region, service,
                                  run->cli->endpoint_url, &error);
  if (endpoint == NULL)
    {
      /* Translators: %s is why an endpoint cannot be used */
      value = g_strdup_printf (_("unusable: %s"), error->message);
      add_line (run, label, value);
      return;
    }

  source = describe_source (endpoint->source, endpoint->detail, "--endpoint-url");
  value = g_strdup_printf ("%s (%s)", endpoint->url, source);
  add_line (run, label, value);
}

static void
add_profile_and_region (ConfigRun      *run,
                        BpSharedConfig *config)
{
  const char * const *envp = (const char * const *) run->cli->environ;
  g_autofree char *profile = NULL;
  g_autofree char *profile_value = NULL;
  g_autofree char *region_value = NULL;
  g_autofree char *source = NULL;
  g_autofree char *files = NULL;
  g_autoptr(BpRegionInfo) region = NULL;
  const char *variable = NULL;

  profile = bp_shared_config_pick_profile (envp, run->cli->profile, &variable);
  if (run->cli->profile != NULL && run->cli->profile[0] != '\0')
    source = g_strdup_printf (_("from %s"), "--profile");
  else if (variable != NULL)
    source = g_strdup_printf (_("from the environment variable %s"), variable);
  else
    source = g_strdup (_("default"));
  profile_value = g_strdup_printf ("%s (%s)", profile, source);
  add_line (run, _("Profile:"), profile_value);

  files = g_strdup_printf ("%s, %s", bp_shared_config_get_config_path (config),
                           bp_shared_config_get_credentials_path (config));
  add_line (run, _("Shared files:"), files);

  region = bp_resolve_region (envp, config, profile, run->cli->region);
  g_free (source);
  source = describe_source (region->source, region->detail, "--region");
  region_value = g_strdup_printf ("%s (%s)", region->region, source);
  add_line (run, _("Region:"), region_value);

  add_endpoint (run, config, profile, region->region, BP_AWS_SERVICE_BEDROCK_RUNTIME,
                _("Runtime endpoint:"));
  add_endpoint (run, config, profile, region->region, BP_AWS_SERVICE_BEDROCK,
                _("Control endpoint:"));
}

static void
print_table (ConfigRun *run)
{
  g_autofree char *text = _bp_cli_table_format (run->table);

  _bp_cli_print (run->cli, text);
}

static void
credentials_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ConfigRun) run = user_data;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  credentials = bp_credential_provider_get_credentials_finish (BP_CREDENTIAL_PROVIDER (object),
                                                               result, &error);
  if (_bp_cli_error_is_cancelled (error))
    {
      _bp_cli_fail (run->cli, error);
      return;
    }

  description = credentials != NULL ? bp_credentials_describe (credentials)
                                    : g_strdup (_("none found"));
  add_line (run, _("Credentials:"), description);
  print_table (run);

  if (error != NULL)
    {
      _bp_cli_fail (run->cli, error);
      return;
    }

  _bp_cli_exit (run->cli, BP_CLI_EXIT_OK);
}

static void
load_config_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ConfigRun) run = user_data;
  g_autoptr(BpSharedConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  BpCli *cli = run->cli;

  config = bp_credential_provider_load_config_finish (BP_CREDENTIAL_PROVIDER (object),
                                                      result, &error);
  if (config == NULL)
    {
      _bp_cli_fail (cli, error);
      return;
    }

  add_profile_and_region (run, config);
  bp_credential_provider_get_credentials_async (cli->provider, cli->cancellable,
                                                credentials_cb, g_steal_pointer (&run));
}

/**
 * _bp_cli_config_run:
 * @cli: the run
 * @args: (inout): the arguments
 *
 * Runs `config`.
 */
void
_bp_cli_config_run (BpCli   *cli,
                    char  ***args)
{
  g_autoptr(ConfigRun) run = NULL;
  const GOptionEntry entries[] = { { NULL } };

  if (!_bp_cli_parse_options (cli, "config", NULL,
                              _("Shows where the credentials, the region and the endpoints come "
                                "from. Secrets are never shown."),
                              entries, NULL, args))
    return;

  if ((*args)[1] != NULL)
    {
      _bp_cli_fail_usage (cli, _("config takes no arguments (got “%s”)"), (*args)[1]);
      return;
    }

  run = g_new0 (ConfigRun, 1);
  run->cli = cli;
  run->table = _bp_cli_table_new (2, NULL);

  _bp_cli_ensure_client (cli);
  bp_credential_provider_load_config_async (cli->provider, cli->cancellable,
                                            load_config_cb, g_steal_pointer (&run));
}
