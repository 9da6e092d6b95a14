/* bp-cli-models.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-cli-private.h"

/* `models`: ListFoundationModels + ListInferenceProfiles merged into the
 * bundled catalogue, as a table. Offline, or when the lists cannot be
 * fetched, the bundled catalogue alone, with a note on stderr. */

typedef struct
{
  BpCli *cli;
  char  *provider;         /* (nullable) */
  char  *output_modality;  /* (nullable) "TEXT" or "IMAGE" */
  gboolean live;
} ModelsRun;

static void
models_run_free (ModelsRun *run)
{
  g_free (run->provider);
  g_free (run->output_modality);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ModelsRun, models_run_free)

/* "text+image → text" */
static char *
format_modalities (BpModelInfo *info)
{
  g_autofree char *in = g_strjoinv ("+", (char **) bp_model_info_get_input_modalities (info));
  g_autofree char *out = g_strjoinv ("+", (char **) bp_model_info_get_output_modalities (info));
  g_autofree char *both = g_strdup_printf ("%s → %s", in, out);

  return g_ascii_strdown (both, -1);
}

/* "200K", "1M", "3.5M", "8K" (8192), or the number itself. */
static char *
format_context (guint64 tokens)
{
  if (tokens == 0)
    return NULL;
  if (tokens % 1000000 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "M", tokens / 1000000);
  if (tokens > 1000000 && tokens % 100000 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT "M",
                            tokens / 1000000, tokens % 1000000 / 100000);
  if (tokens % (1024 * 1024) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "M", tokens / (1024 * 1024));
  if (tokens % 1000 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "K", tokens / 1000);
  if (tokens % 1024 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "K", tokens / 1024);

  return g_strdup_printf ("%" G_GUINT64_FORMAT, tokens);
}

static const char *
status_text (BpModelInfo *info)
{
  switch (bp_model_info_get_lifecycle (info))
    {
    case BP_MODEL_LIFECYCLE_RETIRED:
      return _("Retired");
    case BP_MODEL_LIFECYCLE_LEGACY:
      return _("Legacy");
    case BP_MODEL_LIFECYCLE_ACTIVE:
    default:
      break;
    }

  if (bp_model_info_needs_inference_profile (info))
    return _("Needs inference profile");

  return _("Active");
}

static char *
access_notes (ModelsRun   *run,
              BpModelInfo *info)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_null_terminated (3, g_free, TRUE);
  GDateTime *end_of_life = bp_model_info_get_end_of_life (info);
  const char *region = bp_bedrock_client_get_region (run->cli->client);

  if (run->live && !bp_model_info_is_live (info))
    /* Translators: %s is a region such as us-east-1 */
    g_ptr_array_add (notes, g_strdup_printf (_("not listed in %s"), region));
  if (bp_model_info_is_unverified (info))
    g_ptr_array_add (notes, g_strdup (_("id not confirmed by the service")));
  if (end_of_life != NULL)
    {
      g_autofree char *date = g_date_time_format (end_of_life, "%Y-%m-%d");

      /* Translators: %s is a date such as 2026-04-28 */
      g_ptr_array_add (notes, g_strdup_printf (_("end of life %s"), date));
    }
  if (bp_model_info_get_notes (info) != NULL)
    g_ptr_array_add (notes, g_strdup (bp_model_info_get_notes (info)));

  return g_strjoinv ("; ", (char **) notes->pdata);
}

static void
add_model (ModelsRun   *run,
           BpCliTable  *table,
           BpModelInfo *info)
{
  BpModelCatalogue *catalogue = _bp_cli_get_catalogue (run->cli);
  g_autofree char *invoke_id = NULL;
  g_autofree char *modalities = format_modalities (info);
  g_autofree char *context = format_context (bp_model_info_get_context_window (info));
  g_autofree char *notes = access_notes (run, info);
  const char *cells[7];

  invoke_id = bp_model_catalogue_pick_invoke_id (catalogue, bp_model_info_get_id (info),
                                                 bp_bedrock_client_get_region (run->cli->client));
  cells[0] = invoke_id;
  cells[1] = bp_model_info_get_name (info);
  cells[2] = bp_model_info_get_provider (info);
  cells[3] = modalities;
  cells[4] = context;
  cells[5] = status_text (info);
  cells[6] = notes;
  _bp_cli_table_add_row (table, cells);
}

static void
print_models (ModelsRun *run)
{
  g_autoptr(GListModel) models = NULL;
  g_autoptr(BpCliTable) table = NULL;
  g_autofree char *text = NULL;
  const char *headers[] = {
    _("ID"), _("NAME"), _("PROVIDER"), _("MODALITIES"), _("CONTEXT"), _("STATUS"), _("NOTES"),
  };

  models = bp_model_catalogue_list (_bp_cli_get_catalogue (run->cli), run->provider,
                                    run->output_modality, BP_MODEL_LIST_DEFAULT);
  if (g_list_model_get_n_items (models) == 0)
    {
      _bp_cli_print_note (_("No model matches"));
      _bp_cli_exit (run->cli, BP_CLI_EXIT_OK);
      return;
    }

  table = _bp_cli_table_new (G_N_ELEMENTS (headers), headers);
  _bp_cli_table_set_right_align (table, 4);
  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(BpModelInfo) info = g_list_model_get_item (models, i);

      add_model (run, table, info);
    }

  text = _bp_cli_table_format (table);
  _bp_cli_print (run->cli, text);
  _bp_cli_exit (run->cli, BP_CLI_EXIT_OK);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ModelsRun) run = user_data;
  g_autoptr(GError) error = NULL;

  run->live = bp_bedrock_client_refresh_catalogue_finish (BP_BEDROCK_CLIENT (object), result,
                                                          &error);
  if (_bp_cli_error_is_cancelled (error))
    {
      _bp_cli_fail (run->cli, error);
      return;
    }
  if (!run->live)
    {
      g_autofree char *reason = NULL;
      int status;

      reason = _bp_cli_describe_error (run->cli, error, &status);
      _bp_cli_print_note (_("Showing the bundled model catalogue: the model list could not be "
                            "fetched. %s"), reason);
    }

  print_models (run);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ModelsRun) run = user_data;
  g_autoptr(GError) error = NULL;
  BpCli *cli = run->cli;

  if (!_bp_cli_connect_finish (cli, result, &error))
    {
      _bp_cli_fail (cli, error);
      return;
    }

  bp_bedrock_client_refresh_catalogue_async (cli->client, _bp_cli_get_catalogue (cli),
                                             cli->cancellable, refresh_cb,
                                             g_steal_pointer (&run));
}

static gboolean
parse_output (BpCli      *cli,
              const char *output,
              char      **out_modality)
{
  if (output == NULL)
    return TRUE;

  if (g_ascii_strcasecmp (output, "text") == 0 || g_ascii_strcasecmp (output, "image") == 0)
    {
      *out_modality = g_ascii_strup (output, -1);
      return TRUE;
    }

  _bp_cli_fail_usage (cli, _("--output: “%s” is neither text nor image"), output);
  return FALSE;
}

/**
 * _bp_cli_models_run:
 * @cli: the run
 * @args: (inout): the arguments
 *
 * Runs `models`.
 */
void
_bp_cli_models_run (BpCli   *cli,
                    char  ***args)
{
  g_autoptr(ModelsRun) run = g_new0 (ModelsRun, 1);
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "provider", 0, 0, G_OPTION_ARG_STRING, &run->provider,
      N_("Only this provider’s models (e.g. Anthropic)"), "P" },
    { "output", 0, 0, G_OPTION_ARG_STRING, &output,
      N_("Only models that write text or images"), "text|image" },
    { NULL }
  };

  run->cli = cli;
  if (!_bp_cli_parse_options (cli, "models", NULL,
                              _("Lists the models, merging what Bedrock lists in the region with "
                                "the bundled catalogue. ID is the id to invoke: an inference "
                                "profile for models that need one."),
                              entries, NULL, args) ||
      !parse_output (cli, output, &run->output_modality))
    return;

  if ((*args)[1] != NULL)
    {
      _bp_cli_fail_usage (cli, _("models takes no arguments (got “%s”)"), (*args)[1]);
      return;
    }

  _bp_cli_connect_async (cli, FALSE, connect_cb, g_steal_pointer (&run));
}
