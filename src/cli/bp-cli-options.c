/* bp-cli-options.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bp-aws-config.h"
#include "bp-cli-private.h"

/* Option parsing shared by the commands: the global options every command
 * takes, --help, numbers, and the chat parameters of chat and compare. */

static guint
count_entries (const GOptionEntry *entries)
{
  guint n = 0;

  while (entries != NULL && entries[n].long_name != NULL)
    n++;

  return n;
}

static GOptionEntry *
concat_entries (const GOptionEntry *a,
                const GOptionEntry *b,
                const GOptionEntry *c)
{
  guint na = count_entries (a), nb = count_entries (b), nc = count_entries (c);
  GOptionEntry *all = g_new0 (GOptionEntry, na + nb + nc + 1);

  if (na > 0)
    memcpy (all, a, na * sizeof (GOptionEntry));
  if (nb > 0)
    memcpy (all + na, b, nb * sizeof (GOptionEntry));
  if (nc > 0)
    memcpy (all + na + nb, c, nc * sizeof (GOptionEntry));

  return all;
}

/* GOption leaves the "--" that ends the options among the positional
 * arguments: it is not part of the prompt. */
static void
drop_separator (char **args)
{
  for (guint i = 1; args[i] != NULL; i++)
    {
      if (g_str_equal (args[i], "--"))
        {
          g_free (args[i]);
          memmove (&args[i], &args[i + 1], (g_strv_length (&args[i + 1]) + 1) * sizeof (char *));
          return;
        }
    }
}

/* The global options are explicit overrides: a bad one is a usage error,
 * caught before anything is sent. */
static gboolean
check_global_options (BpCli *cli)
{
  g_autoptr(BpEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->region != NULL && !bp_region_is_valid (cli->region))
    {
      _bp_cli_fail_usage (cli, _("--region: “%s” is not a region name such as us-east-1"),
                          cli->region);
      return FALSE;
    }

  if (cli->endpoint_url != NULL &&
      (endpoint = bp_endpoint_parse (cli->endpoint_url, &error)) == NULL)
    {
      _bp_cli_fail_usage (cli, "--endpoint-url: %s", error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * _bp_cli_parse_options:
 * @cli: the run
 * @command: the command word, for the usage line
 * @parameter_string: what follows the options, e.g. "PROMPT"
 * @summary: (nullable): one paragraph for --help
 * @entries: the command's options
 * @extra_entries: (nullable): more options (the chat parameters)
 * @args: (inout): the arguments without the command word; on return the
 *   program name and the positional arguments
 *
 * Parses the command's options plus the global ones. Prints the help and
 * ends the run on --help; ends it with a usage error on a bad option.
 *
 * Returns: %TRUE when the command should go on
 */
gboolean
_bp_cli_parse_options (BpCli               *cli,
                       const char          *command,
                       const char          *parameter_string,
                       const char          *summary,
                       const GOptionEntry  *entries,
                       const GOptionEntry  *extra_entries,
                       char              ***args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree GOptionEntry *all = NULL;
  g_autofree char *usage = NULL;
  gboolean help = FALSE;
  const GOptionEntry global_entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &cli->profile,
      N_("Use this profile of the shared AWS files"), N_("NAME") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &cli->region,
      N_("Send requests to this region"), N_("REGION") },
    { "endpoint-url", 0, 0, G_OPTION_ARG_STRING, &cli->endpoint_url,
      N_("Send requests to this endpoint (HTTPS)"), N_("URL") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help,
      N_("Show the options of this command"), NULL },
    { NULL }
  };

  usage = parameter_string != NULL ? g_strdup_printf ("%s %s", command, parameter_string)
                                   : g_strdup (command);
  context = g_option_context_new (usage);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);

  all = concat_entries (entries, extra_entries, global_entries);
  g_option_context_add_main_entries (context, all, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, args, &error))
    {
      _bp_cli_fail_usage (cli, _("%s (try “%s %s --help”)"),
                          error->message, BP_CLI_NAME, command);
      return FALSE;
    }

  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      g_print ("%s", text);
      _bp_cli_exit (cli, BP_CLI_EXIT_OK);
      return FALSE;
    }

  drop_separator (*args);
  return check_global_options (cli);
}

/**
 * _bp_cli_parse_uint:
 * @cli: the run
 * @option: the option name, for the message
 * @text: what the user wrote
 * @max: the largest value allowed
 * @out_value: (out): the number
 *
 * Returns: %TRUE when @text is a whole number up to @max; otherwise ends
 *   the run with a usage error
 */
gboolean
_bp_cli_parse_uint (BpCli       *cli,
                    const char  *option,
                    const char  *text,
                    guint64      max,
                    guint64     *out_value)
{
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out_value, NULL))
    {
      g_autofree char *max_text = g_strdup_printf ("%" G_GUINT64_FORMAT, max);

      /* Translators: an option name, what the user wrote, then the largest value allowed */
      _bp_cli_fail_usage (cli, _("%s: “%s” is not a whole number from 0 to %s"),
                          option, text, max_text);
      return FALSE;
    }

  return TRUE;
}

/**
 * _bp_cli_parse_double:
 * @cli: the run
 * @option: the option name, for the message
 * @text: what the user wrote
 * @out_value: (out): the number
 *
 * Returns: %TRUE when @text is a finite number (with a '.' as the decimal
 *   separator); otherwise ends the run with a usage error
 */
gboolean
_bp_cli_parse_double (BpCli      *cli,
                      const char *option,
                      const char *text,
                      double     *out_value)
{
  char *end = NULL;
  double value;

  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (text[0] == '\0' || end == NULL || *end != '\0' || errno != 0 || !isfinite (value))
    {
      _bp_cli_fail_usage (cli, _("%s: “%s” is not a number"), option, text);
      return FALSE;
    }

  *out_value = value;
  return TRUE;
}

/**
 * _bp_cli_join_prompt:
 * @args: the positional arguments, after the program name
 *
 * Returns: (transfer full) (nullable): the arguments joined with spaces, or
 *   %NULL when there are none
 */
char *
_bp_cli_join_prompt (char **args)
{
  if (args == NULL || args[0] == NULL)
    return NULL;

  return g_strjoinv (" ", args);
}

/**
 * _bp_cli_chat_params_entries:
 * @params: where the values go
 *
 * Returns: (transfer full): the options of the chat parameters, for
 *   _bp_cli_parse_options(); free with g_free()
 */
GOptionEntry *
_bp_cli_chat_params_entries (BpCliChatParams *params)
{
  const GOptionEntry entries[] = {
    { "system", 0, 0, G_OPTION_ARG_STRING, &params->system,
      N_("The system prompt"), N_("TEXT") },
    { "temperature", 0, 0, G_OPTION_ARG_STRING, &params->temperature,
      N_("Sampling temperature, 0 to 1"), "T" },
    { "top-p", 0, 0, G_OPTION_ARG_STRING, &params->top_p,
      N_("Nucleus sampling, 0 to 1"), "P" },
    { "top-k", 0, 0, G_OPTION_ARG_STRING, &params->top_k,
      N_("Top-K sampling (only some models)"), "K" },
    { "max-tokens", 0, 0, G_OPTION_ARG_STRING, &params->max_tokens,
      N_("The most tokens the reply may have"), "N" },
    { "stop", 0, 0, G_OPTION_ARG_STRING_ARRAY, &params->stop,
      N_("Stop at this text (repeat for more)"), "S" },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

void
_bp_cli_chat_params_clear (BpCliChatParams *params)
{
  g_clear_pointer (&params->system, g_free);
  g_clear_pointer (&params->temperature, g_free);
  g_clear_pointer (&params->top_p, g_free);
  g_clear_pointer (&params->top_k, g_free);
  g_clear_pointer (&params->max_tokens, g_free);
  g_clear_pointer (&params->stop, g_strfreev);
}

/**
 * _bp_cli_chat_params_apply:
 * @cli: the run
 * @params: what was given
 * @request: the request to set them on
 *
 * Sets only the parameters that were given: the others stay unset and are
 * not sent. Ranges are the request validator's business.
 *
 * Returns: %FALSE after a usage error (the run is ending)
 */
gboolean
_bp_cli_chat_params_apply (BpCli           *cli,
                           BpCliChatParams *params,
                           BpChatRequest   *request)
{
  double number;
  guint64 whole;

  if (params->system != NULL)
    bp_chat_request_set_system_prompt (request, params->system);

  if (params->temperature != NULL)
    {
      if (!_bp_cli_parse_double (cli, "--temperature", params->temperature, &number))
        return FALSE;
      bp_chat_request_set_temperature (request, number);
    }

  if (params->top_p != NULL)
    {
      if (!_bp_cli_parse_double (cli, "--top-p", params->top_p, &number))
        return FALSE;
      bp_chat_request_set_top_p (request, number);
    }

  if (params->top_k != NULL)
    {
      if (!_bp_cli_parse_uint (cli, "--top-k", params->top_k, G_MAXUINT, &whole))
        return FALSE;
      bp_chat_request_set_top_k (request, (guint) whole);
    }

  if (params->max_tokens != NULL)
    {
      if (!_bp_cli_parse_uint (cli, "--max-tokens", params->max_tokens, G_MAXUINT, &whole))
        return FALSE;
      bp_chat_request_set_max_tokens (request, (guint) whole);
    }

  if (params->stop != NULL)
    bp_chat_request_set_stop_sequences (request, (const char * const *) params->stop);

  return TRUE;
}
