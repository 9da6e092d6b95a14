/* bp-cli-session.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>

#include "bp-cli-private.h"
#include "bp-credentials.h"
#include "bp-model-id.h"
#include "bp-pricing.h"

/* What the network commands share: the credential provider and client
 * (the same chain as the app), the prompt from stdin, the bundled
 * catalogue for inference-profile ids and prices. */

typedef struct
{
  BpCli    *cli;
  gboolean  need_credentials;
} ConnectData;

static void
credentials_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  ConnectData *data = g_task_get_task_data (task);

  credentials = bp_credential_provider_get_credentials_finish (BP_CREDENTIAL_PROVIDER (object),
                                                               result, &error);
  if (credentials == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_free (data->cli->credentials_description);
  data->cli->credentials_description = bp_credentials_describe (credentials);
  g_task_return_boolean (task, TRUE);
}

static void
configure_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  ConnectData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (!bp_bedrock_client_configure_finish (BP_BEDROCK_CLIENT (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!data->need_credentials)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Looked up once here: the provider caches them for the client, and a
   * missing or broken setup is reported before anything is sent. */
  bp_credential_provider_get_credentials_async (data->cli->provider, cancellable,
                                                credentials_cb,
                                                g_steal_pointer (&task));
}

/**
 * _bp_cli_ensure_client:
 * @cli: the run
 *
 * Makes the credential provider (this process's environment, --profile,
 * the keyring last, as in the app) and the client, once.
 */
void
_bp_cli_ensure_client (BpCli *cli)
{
  if (cli->provider != NULL)
    return;

  cli->provider = bp_credential_provider_new ();
  bp_credential_provider_set_environment (cli->provider, (const char * const *) cli->environ);
  bp_credential_provider_set_profile (cli->provider, cli->profile);
  /* An API key pasted into the app is found too. With no Secret Service
   * the keyring simply has nothing. */
  bp_credential_provider_set_use_keyring (cli->provider, TRUE);
  cli->client = bp_bedrock_client_new (cli->provider);
}

/**
 * _bp_cli_connect_async:
 * @cli: the run
 * @need_credentials: whether to look the credentials up now
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Makes the client and resolves region and endpoints, with the global
 * options as explicit overrides; looks the credentials up if asked.
 */
void
_bp_cli_connect_async (BpCli               *cli,
                       gboolean             need_credentials,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ConnectData *data;

  g_assert (cli != NULL);

  task = g_task_new (NULL, cli->cancellable, callback, user_data);
  g_task_set_source_tag (task, _bp_cli_connect_async);
  data = g_new0 (ConnectData, 1);
  data->cli = cli;
  data->need_credentials = need_credentials;
  g_task_set_task_data (task, data, g_free);

  _bp_cli_ensure_client (cli);
  bp_bedrock_client_configure_async (cli->client, cli->region, cli->endpoint_url,
                                     cli->cancellable, configure_cb, g_steal_pointer (&task));
}

gboolean
_bp_cli_connect_finish (BpCli         *cli,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_assert (g_task_is_valid (result, NULL));
  g_assert (g_task_get_source_tag (G_TASK (result)) == _bp_cli_connect_async);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
splice_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GMemoryOutputStream *output = G_MEMORY_OUTPUT_STREAM (object);
  g_autofree char *text = NULL;
  gsize size;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (output), result, &error) < 0)
    {
      g_prefix_error (&error, _("Could not read standard input: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  size = g_memory_output_stream_get_data_size (output);
  text = g_strndup (g_memory_output_stream_get_data (output), size);
  if (!g_utf8_validate_len (text, size, NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Standard input is not UTF-8 text"));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&text), g_free);
}

/**
 * _bp_cli_read_stdin_async:
 * @cli: the run
 * @callback: called when standard input ended
 * @user_data: data for @callback
 *
 * Reads the whole of standard input without blocking the loop, so Ctrl+C
 * still works while it waits.
 */
void
_bp_cli_read_stdin_async (BpCli               *cli,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GInputStream) input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, cli->cancellable, callback, user_data);
  g_task_set_source_tag (task, _bp_cli_read_stdin_async);

  g_output_stream_splice_async (output, input,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, cli->cancellable,
                                splice_cb, g_steal_pointer (&task));
}

/**
 * _bp_cli_read_stdin_finish:
 * @cli: the run
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): standard input as text, or %NULL
 */
char *
_bp_cli_read_stdin_finish (BpCli         *cli,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_assert (g_task_is_valid (result, NULL));
  g_assert (g_task_get_source_tag (G_TASK (result)) == _bp_cli_read_stdin_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * _bp_cli_get_catalogue:
 * @cli: the run
 *
 * Returns: (transfer none): the model catalogue (the bundled one, plus
 *   what the models command merged)
 */
BpModelCatalogue *
_bp_cli_get_catalogue (BpCli *cli)
{
  if (cli->catalogue == NULL)
    cli->catalogue = bp_model_catalogue_new_builtin ();

  return cli->catalogue;
}

/**
 * _bp_cli_pick_invoke_id:
 * @cli: the run (connected: the region is known)
 * @model_id: the id the user gave
 * @out_mapped: (out): whether it was mapped to an inference profile
 *
 * The id is used as given, except for a base id the catalogue knows runs
 * only through an inference profile: that becomes the profile of the
 * region's geography.
 *
 * Returns: (transfer full): the id to invoke
 */
char *
_bp_cli_pick_invoke_id (BpCli      *cli,
                        const char *model_id,
                        gboolean   *out_mapped)
{
  BpModelCatalogue *catalogue = _bp_cli_get_catalogue (cli);
  g_autofree char *geo = bp_model_id_get_geo_prefix (model_id);
  g_autofree char *picked = NULL;
  BpModelInfo *info;

  *out_mapped = FALSE;

  if (geo != NULL || g_str_has_prefix (model_id, "arn:") ||
      (info = bp_model_catalogue_lookup (catalogue, model_id)) == NULL ||
      !bp_model_info_needs_inference_profile (info))
    return g_strdup (model_id);

  picked = bp_model_catalogue_pick_invoke_id (catalogue, model_id,
                                              bp_bedrock_client_get_region (cli->client));
  *out_mapped = g_strcmp0 (picked, model_id) != 0;

  return g_steal_pointer (&picked);
}

/**
 * _bp_cli_estimate_cost:
 * @cli: the run
 * @invoke_id: the id that was invoked
 * @usage: the reply's usage
 *
 * Returns: the estimated cost in US dollars from the bundled price table,
 *   or %BP_PRICE_UNKNOWN
 */
double
_bp_cli_estimate_cost (BpCli         *cli,
                       const char    *invoke_id,
                       const BpUsage *usage)
{
  BpModelInfo *info;

  if (usage == NULL || usage->input_tokens < 0 || usage->output_tokens < 0)
    return BP_PRICE_UNKNOWN;

  info = bp_model_catalogue_lookup (_bp_cli_get_catalogue (cli), invoke_id);

  return bp_pricing_estimate_text (info, invoke_id,
                                   (guint64) usage->input_tokens,
                                   (guint64) usage->output_tokens);
}
