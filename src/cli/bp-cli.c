/* bp-cli.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "bp-cli-private.h"

/* main() and the command dispatch of bedrock-playground-cli. */

typedef void (*BpCliCommandFunc) (BpCli   *cli,
                                  char  ***args);

static const struct
{
  const char       *name;
  BpCliCommandFunc  run;
  const char       *summary;
} commands[] = {
  { "models", _bp_cli_models_run, N_("List the models Bedrock offers, with status and limits") },
  { "chat", _bp_cli_chat_run, N_("Send a prompt to a model and print the reply") },
  { "image", _bp_cli_image_run, N_("Generate images and save them as PNG files") },
  { "compare", _bp_cli_compare_run, N_("Send one prompt to several models at once") },
  { "config", _bp_cli_config_run,
    N_("Show where credentials, region and endpoints come from (also: whoami)") },
  { "whoami", _bp_cli_config_run, NULL },
};

/* Global options that take a value: the dispatcher skips their values
 * while it looks for the command word. */
static const char * const value_options[] = { "--profile", "--region", "--endpoint-url", NULL };

/**
 * _bp_cli_exit:
 * @cli: the run
 * @status: the exit status
 *
 * Ends the run: main() returns @status once the loop stops. Only the first
 * call counts.
 */
void
_bp_cli_exit (BpCli *cli,
              int    status)
{
  g_assert (cli != NULL);

  if (cli->finished)
    return;

  cli->finished = TRUE;
  cli->exit_status = status;
  if (g_main_loop_is_running (cli->loop))
    g_main_loop_quit (cli->loop);
}

static void
cancel_for_signal (BpCli *cli,
                   int    signal_number)
{
  /* A second signal while the first one's cancellation is still being
   * delivered changes nothing: the call ends with "cancelled" either way. */
  if (cli->signal_number != 0)
    return;

  g_debug ("Signal %d received: cancelling", signal_number);
  cli->signal_number = signal_number;
  g_cancellable_cancel (cli->cancellable);
}

static gboolean
sigint_cb (gpointer user_data)
{
  cancel_for_signal (user_data, SIGINT);
  return G_SOURCE_CONTINUE;
}

static gboolean
sigterm_cb (gpointer user_data)
{
  cancel_for_signal (user_data, SIGTERM);
  return G_SOURCE_CONTINUE;
}

static void
print_help (void)
{
  g_print (_("Usage:\n  %s [--profile NAME] [--region REGION] [--endpoint-url URL] "
             "COMMAND [OPTIONS]\n\n"), BP_CLI_NAME);
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (commands[i].summary != NULL)
        g_print ("  %-9s %s\n", commands[i].name, _(commands[i].summary));
    }
  g_print ("\n%s\n", _("Global options (any command):"));
  g_print ("  --profile NAME      %s\n", _("Use this profile of the shared AWS files"));
  g_print ("  --region REGION     %s\n", _("Send requests to this region"));
  g_print ("  --endpoint-url URL  %s\n", _("Send requests to this endpoint (HTTPS)"));
  g_print ("  --version           %s\n", _("Show the version"));
  g_print ("\n");
  g_print (_("Run “%s COMMAND --help” for the options of a command.\n"), BP_CLI_NAME);
}

/* Finds the command word: the first argument that is neither an option nor
 * the value of a global option. Returns its index, or 0. */
static int
find_command (int    argc,
              char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        return 0;
      if (g_strv_contains (value_options, argv[i]))
        {
          i++;
          continue;
        }
      if (argv[i][0] != '-')
        return i;
    }

  return 0;
}

static gboolean
has_option (int         argc,
            char      **argv,
            int         end,
            const char *option)
{
  for (int i = 1; i < end; i++)
    {
      if (g_str_equal (argv[i], option))
        return TRUE;
    }

  return FALSE;
}

static void
dispatch (BpCli  *cli,
          int     argc,
          char  **argv)
{
  int index = find_command (argc, argv);
  int end = index > 0 ? index : argc;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) args = NULL;

  if (has_option (argc, argv, end, "--version"))
    {
      g_print ("%s %s\n", BP_CLI_NAME, PACKAGE_VERSION);
      _bp_cli_exit (cli, BP_CLI_EXIT_OK);
      return;
    }
  if (has_option (argc, argv, end, "--help") || has_option (argc, argv, end, "-h"))
    {
      print_help ();
      _bp_cli_exit (cli, BP_CLI_EXIT_OK);
      return;
    }
  if (index == 0)
    {
      _bp_cli_fail_usage (cli, _("No command given (try “%s --help”)"), BP_CLI_NAME);
      return;
    }

  /* The command's parser sees every argument but the command word, so
   * global options work before and after it. */
  builder = g_strv_builder_new ();
  for (int i = 0; i < argc; i++)
    {
      if (i != index)
        g_strv_builder_add (builder, argv[i]);
    }
  args = g_strv_builder_end (builder);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (commands[i].name, argv[index]))
        {
          commands[i].run (cli, &args);
          return;
        }
    }

  _bp_cli_fail_usage (cli, _("Unknown command “%s” (try “%s --help”)"),
                      argv[index], BP_CLI_NAME);
}

static void
cli_clear (BpCli *cli)
{
  g_clear_object (&cli->client);
  g_clear_object (&cli->provider);
  g_clear_object (&cli->catalogue);
  g_clear_object (&cli->cancellable);
  g_clear_pointer (&cli->loop, g_main_loop_unref);
  g_clear_pointer (&cli->environ, g_strfreev);
  g_clear_pointer (&cli->profile, g_free);
  g_clear_pointer (&cli->region, g_free);
  g_clear_pointer (&cli->endpoint_url, g_free);
  g_clear_pointer (&cli->credentials_description, g_free);
}

int
main (int   argc,
      char *argv[])
{
  BpCli cli = { 0 };
  guint sigint_id, sigterm_id;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (BP_CLI_NAME);

  cli.loop = g_main_loop_new (NULL, FALSE);
  cli.cancellable = g_cancellable_new ();
  cli.environ = g_get_environ ();

  sigint_id = g_unix_signal_add (SIGINT, sigint_cb, &cli);
  sigterm_id = g_unix_signal_add (SIGTERM, sigterm_cb, &cli);

  dispatch (&cli, argc, argv);
  if (!cli.finished)
    g_main_loop_run (cli.loop);

  /* Let cancelled operations deliver their last callbacks, so nothing is
   * left half-freed when the objects go. */
  g_cancellable_cancel (cli.cancellable);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  fflush (stdout);

  cli_clear (&cli);

  return cli.exit_status;
}
