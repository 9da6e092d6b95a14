/* bp-cli-errors.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-bedrock-error.h"
#include "bp-cli-private.h"
#include "bp-image-request.h"
#include "bp-image-result.h"

/* Errors become one line on stderr: a sentence saying what went wrong and
 * what to do, with the core's message (the service's code, its words and
 * the request id) in parentheses. The core's messages never hold a
 * secret; the sentences here name sources, never values. */

/**
 * _bp_cli_error_is_cancelled:
 * @error: an error
 *
 * Returns: whether @error is a cancellation
 */
gboolean
_bp_cli_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static const char *
credentials_source (BpCli *cli)
{
  if (cli->credentials_description != NULL)
    return cli->credentials_description;

  /* Translators: stands for where the credentials came from, when unknown */
  return _("your AWS configuration");
}

/* The sentence for a Bedrock error, without the core's message. */
static char *
bedrock_sentence (BpCli        *cli,
                  const GError *error)
{
  const char *region = cli->client != NULL ? bp_bedrock_client_get_region (cli->client) : NULL;

  if (region == NULL)
    region = cli->region != NULL ? cli->region : "?";

  switch ((BpBedrockError) error->code)
    {
    case BP_BEDROCK_ERROR_ACCESS_DENIED:
      return g_strdup_printf (_("Access denied: check that your IAM policy allows "
                                "bedrock:InvokeModel for this model and that access to the model "
                                "is granted in the Bedrock console for %s"), region);
    case BP_BEDROCK_ERROR_VALIDATION:
      return g_strdup (_("The request is not valid"));
    case BP_BEDROCK_ERROR_THROTTLED:
      return g_strdup (_("Bedrock is throttling the requests: wait a moment and try again, or "
                         "ask for a higher quota"));
    case BP_BEDROCK_ERROR_MODEL_NOT_READY:
      return g_strdup (_("The model is not ready yet: try again in a minute"));
    case BP_BEDROCK_ERROR_MODEL_TIMEOUT:
      return g_strdup (_("The model took too long: try a shorter prompt or a lower --max-tokens"));
    case BP_BEDROCK_ERROR_SERVICE_UNAVAILABLE:
      return g_strdup (_("Bedrock is unavailable right now: try again later"));
    case BP_BEDROCK_ERROR_INTERNAL:
      return g_strdup (_("Bedrock had an internal error: try again"));
    case BP_BEDROCK_ERROR_QUOTA_EXCEEDED:
      return g_strdup (_("A service quota was exceeded: ask for a higher quota or make the "
                         "request smaller"));
    case BP_BEDROCK_ERROR_NOT_FOUND:
      return g_strdup_printf (_("Not found: “%s models” lists the model ids"), BP_CLI_NAME);
    case BP_BEDROCK_ERROR_INVALID_CREDENTIALS:
      return g_strdup_printf (_("AWS did not accept the credentials from %s: check the access key "
                                "id and the secret access key, or set them up again with "
                                "`aws configure`"), credentials_source (cli));
    case BP_BEDROCK_ERROR_EXPIRED_CREDENTIALS:
      return g_strdup_printf (_("The credentials from %s have expired: refresh them (for "
                                "example with `aws sso login`) and try again"),
                              credentials_source (cli));
    case BP_BEDROCK_ERROR_TRUNCATED_STREAM:
      return g_strdup (_("The reply was cut off: the connection ended in the middle of it"));
    case BP_BEDROCK_ERROR_CORRUPT_STREAM:
      return g_strdup (_("The reply could not be read: the response is corrupt"));
    case BP_BEDROCK_ERROR_NOT_JSON:
      return g_strdup (_("The endpoint did not answer like Bedrock (a proxy may be in the way): "
                         "check the endpoint and try again"));
    case BP_BEDROCK_ERROR_NETWORK:
      return g_strdup (_("Could not reach Bedrock: check the network connection and the "
                         "endpoint"));
    case BP_BEDROCK_ERROR_TIMEOUT:
      return g_strdup (_("The request timed out"));
    case BP_BEDROCK_ERROR_MODEL_ERROR:
      return g_strdup (_("The model failed to answer"));
    case BP_BEDROCK_ERROR_MODEL_STREAM_ERROR:
      return g_strdup (_("The model failed while answering"));
    case BP_BEDROCK_ERROR_ON_DEMAND_NOT_SUPPORTED:
      return g_strdup_printf (_("This model runs only through an inference profile: use a "
                                "profile id such as us.MODEL (“%s models” shows them)"),
                              BP_CLI_NAME);
    case BP_BEDROCK_ERROR_INVALID_MODEL_ID:
      return g_strdup_printf (_("The model id is not valid: “%s models” lists the ids"),
                              BP_CLI_NAME);
    case BP_BEDROCK_ERROR_CLOCK_SKEW:
      return g_strdup (_("This computer’s clock is wrong: set the date and time and try again"));
    case BP_BEDROCK_ERROR_FAILED:
    default:
      return NULL;
    }
}

static char *
describe_bedrock_error (BpCli        *cli,
                        const GError *error)
{
  g_autofree char *sentence = bedrock_sentence (cli, error);

  if (sentence == NULL)
    return g_strdup (error->message);

  /* Translators: a sentence saying what to do, then the service's own
   * message (its error code, words and request id) */
  return g_strdup_printf (_("%s — %s"), sentence, error->message);
}

static char *
describe_image_error (const GError *error)
{
  const char *sentence;

  if (error->domain == BP_IMAGE_REQUEST_ERROR)
    sentence = _("The image request is not valid");
  else if (error->code == BP_IMAGE_RESULT_ERROR_FILTERED)
    sentence = _("No image: a content filter blocked it; change the prompt");
  else if (error->code == BP_IMAGE_RESULT_ERROR_MODEL_FAILED)
    sentence = _("The model failed to make the image: try again");
  else
    sentence = _("The image response could not be read");

  return g_strdup_printf (_("%s — %s"), sentence, error->message);
}

/**
 * _bp_cli_describe_error:
 * @cli: the run
 * @error: what went wrong
 * @out_status: (out): the exit status it calls for
 *
 * Returns: (transfer full): the message for the user
 */
char *
_bp_cli_describe_error (BpCli        *cli,
                        const GError *error,
                        int          *out_status)
{
  g_assert (error != NULL);

  *out_status = BP_CLI_EXIT_FAILED;

  if (_bp_cli_error_is_cancelled (error))
    {
      *out_status = 128 + (cli->signal_number != 0 ? cli->signal_number : 2);
      /* Translators: the whole message after Ctrl+C; keep it short */
      return g_strdup (_("cancelled"));
    }

  if (error->domain == BP_BEDROCK_ERROR)
    return describe_bedrock_error (cli, error);

  if (error->domain == BP_IMAGE_REQUEST_ERROR || error->domain == BP_IMAGE_RESULT_ERROR)
    return describe_image_error (error);

  /* The others (credentials, config files, endpoints, the keyring, files)
   * already say what to fix, naming profiles and files. */
  return g_strdup (error->message);
}

/**
 * _bp_cli_fail:
 * @cli: the run
 * @error: what went wrong
 *
 * Prints the one-line message for @error and ends the run with the status
 * it calls for. Does nothing once the run has ended.
 */
void
_bp_cli_fail (BpCli        *cli,
              const GError *error)
{
  g_autofree char *message = NULL;
  int status;

  if (cli->finished)
    return;

  message = _bp_cli_describe_error (cli, error, &status);
  _bp_cli_print_error_line (cli, message);
  _bp_cli_exit (cli, status);
}

/**
 * _bp_cli_fail_usage:
 * @cli: the run
 * @format: a printf() format for the message
 * @...: its arguments
 *
 * Prints a usage error and ends the run with status 2.
 */
void
_bp_cli_fail_usage (BpCli      *cli,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (cli->finished)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  _bp_cli_print_error_line (cli, message);
  _bp_cli_exit (cli, BP_CLI_EXIT_USAGE);
}
