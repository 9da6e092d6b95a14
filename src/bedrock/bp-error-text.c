/* bp-error-text.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-error-text"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bp-aws-config.h"
#include "bp-bedrock-error.h"
#include "bp-chat-memory.h"
#include "bp-credentials.h"
#include "bp-error-text-private.h"
#include "bp-history-store.h"
#include "bp-image-request.h"
#include "bp-image-result.h"
#include "bp-keyring.h"
#include "bp-shared-config.h"

/* The errors of the core as the user reads them: the domain and code pick
 * a translated title and a body that says what happened and what to do;
 * the error's own message (developer text, often the service's words) is
 * kept verbatim as the detail. Only the GError message goes in, and the
 * core never puts a secret there. Bedrock's codes, which need the model
 * and region, are in bp-error-text-bedrock.c. */

G_DEFINE_BOXED_TYPE (BpErrorText, bp_error_text, bp_error_text_copy, bp_error_text_free)

/* Credentials messages name the profile, the file and the fix already. */
static const BpErrorEntry credentials_entries[] = {
  { BP_CREDENTIALS_ERROR_NOT_FOUND, N_("No AWS credentials"), NULL, BP_ERROR_ACTION_OPEN_CONNECTION, 0 },
  { BP_CREDENTIALS_ERROR_PROFILE_NOT_FOUND, N_("Profile not found"), NULL, BP_ERROR_ACTION_OPEN_CONNECTION, 0 },
  { BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE, N_("Incomplete credentials"), NULL, BP_ERROR_ACTION_OPEN_CONNECTION, 0 },
  { BP_CREDENTIALS_ERROR_PROCESS_FAILED, N_("Credential process failed"), NULL, BP_ERROR_ACTION_OPEN_CONNECTION, 0 },
  { BP_CREDENTIALS_ERROR_PROCESS_TIMEOUT, N_("Credential process timed out"), NULL, BP_ERROR_ACTION_RETRY, 0 },
  { BP_CREDENTIALS_ERROR_PROCESS_OUTPUT, N_("Credential process failed"), NULL, BP_ERROR_ACTION_OPEN_CONNECTION, 0 },
  { BP_CREDENTIALS_ERROR_SSO_LOGIN_REQUIRED, N_("Sign in with AWS SSO"), NULL, BP_ERROR_ACTION_SIGN_IN_SSO, 0 },
  { BP_CREDENTIALS_ERROR_SSO_FAILED, N_("AWS SSO sign-in failed"), NULL, BP_ERROR_ACTION_SIGN_IN_SSO, 0 },
  { BP_CREDENTIALS_ERROR_EXPIRED, N_("Credentials expired"), NULL, BP_ERROR_ACTION_OPEN_CONNECTION, 0 },
  { BP_CREDENTIALS_ERROR_UNSUPPORTED_PROFILE, N_("Unsupported profile"), NULL, BP_ERROR_ACTION_OPEN_CONNECTION, 0 },
  { BP_CREDENTIALS_ERROR_CONFIG, N_("AWS configuration problem"), NULL, BP_ERROR_ACTION_OPEN_CONNECTION, 0 },
};

static const BpErrorEntry aws_config_entries[] = {
  { BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT, N_("Invalid endpoint"),
    N_("The Bedrock endpoint address is not valid. Correct it in Preferences, or in the "
       "environment variable or profile that sets it."),
    BP_ERROR_ACTION_OPEN_PREFERENCES, 0 },
  { BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT, N_("Insecure endpoint"),
    N_("The Bedrock endpoint does not use HTTPS, so your requests would travel unencrypted. "
       "Use an https:// address in Preferences."),
    BP_ERROR_ACTION_OPEN_PREFERENCES, 0 },
  { BP_AWS_CONFIG_ERROR_INVALID_REGION, N_("Invalid region"),
    N_("The AWS region is not valid. Choose a region where Bedrock is offered in Preferences."),
    BP_ERROR_ACTION_OPEN_PREFERENCES, 0 },
};

static const BpErrorEntry keyring_entries[] = {
  { BP_KEYRING_ERROR_UNAVAILABLE, N_("No keyring"),
    N_("No keyring service (such as GNOME Keyring) is running, so the API key cannot be "
       "stored. Start one, or set AWS_BEARER_TOKEN_BEDROCK instead."),
    BP_ERROR_ACTION_OPEN_CONNECTION, 0 },
  { BP_KEYRING_ERROR_FAILED, N_("Keyring error"),
    N_("The keyring did not store or return the API key. Unlock the keyring, then try "
       "again."),
    BP_ERROR_ACTION_OPEN_CONNECTION, 0 },
};

static const BpErrorEntry image_request_entries[] = {
  { BP_IMAGE_REQUEST_ERROR_INVALID_PARAMETER, N_("Invalid image settings"), NULL, BP_ERROR_ACTION_NONE, 0 },
  { BP_IMAGE_REQUEST_ERROR_UNKNOWN_MODEL, N_("Not an image model"), NULL, BP_ERROR_ACTION_CHOOSE_MODEL, 0 },
};

/* BP_IMAGE_RESULT_ERROR_FILTERED quotes the reason: see image_result_text(). */
static const BpErrorEntry image_result_entries[] = {
  { BP_IMAGE_RESULT_ERROR_MODEL_FAILED, N_("The image could not be made"),
    N_("The model failed to generate the image. Try again, perhaps with another seed or "
       "prompt."),
    BP_ERROR_ACTION_RETRY, 0 },
  { BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE, N_("Unexpected response"),
    N_("The model’s answer could not be read. Try again."),
    BP_ERROR_ACTION_RETRY, 0 },
  { BP_IMAGE_RESULT_ERROR_INVALID_IMAGE, N_("Damaged image"),
    N_("The model sent an image that could not be decoded. Try again."),
    BP_ERROR_ACTION_RETRY, 0 },
};

static const BpErrorEntry chat_memory_entries[] = {
  { BP_CHAT_MEMORY_ERROR_TOO_LONG, N_("Message too long"), NULL, BP_ERROR_ACTION_NONE, 0 },
};

static const BpErrorEntry history_store_entries[] = {
  { BP_HISTORY_STORE_ERROR_OPEN, N_("Cannot open the history"),
    N_("The history database could not be opened. Check that its folder exists and that you "
       "can write to it."),
    BP_ERROR_ACTION_NONE, 0 },
  { BP_HISTORY_STORE_ERROR_CORRUPT, N_("History damaged"),
    N_("The history database is damaged. Move the file aside to start a new history."),
    BP_ERROR_ACTION_NONE, 0 },
  { BP_HISTORY_STORE_ERROR_NEWER_VERSION, N_("History from a newer version"),
    N_("A newer version of Bedrock Playground wrote the history. Update the app to open it."),
    BP_ERROR_ACTION_NONE, 0 },
  { BP_HISTORY_STORE_ERROR_IO, N_("Could not save the history"),
    N_("Reading or writing the history failed. Free some disk space, then try again."),
    BP_ERROR_ACTION_RETRY, 0 },
  { BP_HISTORY_STORE_ERROR_NOT_FOUND, N_("Not in the history"),
    N_("The conversation or image is no longer in the history."),
    BP_ERROR_ACTION_NONE, 0 },
  { BP_HISTORY_STORE_ERROR_LOCKED, N_("History in use"),
    N_("Another program is using the history. Close other copies of Bedrock Playground, "
       "then try again."),
    BP_ERROR_ACTION_RETRY, 0 },
};

/*
 * _bp_error_text_new_take:
 * @title: the translated title
 * @body: (transfer full): the translated body
 * @detail: (nullable): the detail
 * @action: the action
 *
 * Returns: (transfer full): a new text
 */
BpErrorText *
_bp_error_text_new_take (const char    *title,
                         char          *body,
                         const char    *detail,
                         BpErrorAction  action)
{
  BpErrorText *self = g_new0 (BpErrorText, 1);

  g_assert (title != NULL);
  g_assert (body != NULL);

  self->title = g_strdup (title);
  self->body = body;
  self->detail = g_strdup (detail);
  self->action = action;

  return self;
}

static BpErrorText *
new_generic (const GError *error)
{
  return _bp_error_text_new_take (_("Something went wrong"), g_strdup (error->message), NULL,
                                  BP_ERROR_ACTION_NONE);
}

/*
 * _bp_error_text_from_entries:
 * @entries: the texts of a domain
 * @n_entries: how many
 * @error: an error of that domain
 *
 * Returns: (transfer full): the entry's text for @error, or the generic
 *   one for a code the table lacks
 */
BpErrorText *
_bp_error_text_from_entries (const BpErrorEntry *entries,
                             gsize               n_entries,
                             const GError       *error)
{
  for (gsize i = 0; i < n_entries; i++)
    {
      const BpErrorEntry *entry = &entries[i];
      BpErrorText *self;

      if (entry->code != error->code)
        continue;

      if (entry->body == NULL)
        self = _bp_error_text_new_take (_(entry->title), g_strdup (error->message), NULL,
                                        entry->action);
      else
        self = _bp_error_text_new_take (_(entry->title), g_strdup (_(entry->body)),
                                        error->message, entry->action);
      self->retry_after_ms = entry->retry_after_ms;
      return self;
    }

  return new_generic (error);
}

/* The profile an SSO message names between “ and ”, when the caller did
 * not say which profile is in use. */
static char *
quoted_profile (const char *message)
{
  const char *start = strstr (message, "“");
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("“");
  end = strstr (start, "”");
  if (end == NULL || end == start)
    return NULL;

  return g_strndup (start, (gsize) (end - start));
}

static BpErrorText *
credentials_text (const BpErrorContext *context)
{
  BpErrorText *self = _bp_error_text_from_entries (credentials_entries,
                                                   G_N_ELEMENTS (credentials_entries),
                                                   context->error);

  if (self->action == BP_ERROR_ACTION_SIGN_IN_SSO)
    self->action_target = context->profile != NULL ? g_strdup (context->profile)
                                                   : quoted_profile (context->error->message);

  return self;
}

/* The messages name the file but not the fix. */
static BpErrorText *
shared_config_text (const GError *error)
{
  return _bp_error_text_new_take (_("AWS configuration problem"),
                                  /* Translators: %s says which file and what is wrong with it */
                                  g_strdup_printf (_("Your AWS config or credentials file could "
                                                     "not be read (%s). Fix or remove the file, "
                                                     "then try again."),
                                                   error->message),
                                  NULL, BP_ERROR_ACTION_OPEN_CONNECTION);
}

static BpErrorText *
image_result_text (const GError *error)
{
  g_autofree char *reason = NULL;
  gsize len;

  if (error->code != BP_IMAGE_RESULT_ERROR_FILTERED)
    return _bp_error_text_from_entries (image_result_entries, G_N_ELEMENTS (image_result_entries),
                                        error);

  reason = g_strstrip (g_strdup (error->message));
  len = strlen (reason);
  if (len > 0 && reason[len - 1] == '.')
    reason[len - 1] = '\0';

  return _bp_error_text_new_take (_("Image blocked"),
                                  /* Translators: %s is the filter's reason, in English */
                                  g_strdup_printf (_("The image was blocked by the content filter: "
                                                     "%s. Change the prompt, then try again."),
                                                   reason),
                                  NULL, BP_ERROR_ACTION_NONE);
}

static BpErrorText *
io_text (const GError *error)
{
  switch (error->code)
    {
    case G_IO_ERROR_CANCELLED:
      return _bp_error_text_new_take (_("Cancelled"), g_strdup (_("The request was cancelled.")),
                                      error->message, BP_ERROR_ACTION_NONE);

    case G_IO_ERROR_TIMED_OUT:
      return _bp_error_text_new_take (_("Timed out"),
                                      g_strdup (_("The operation took too long. Check your "
                                                  "connection, then try again.")),
                                      error->message, BP_ERROR_ACTION_RETRY);

    case G_IO_ERROR_HOST_NOT_FOUND:
    case G_IO_ERROR_HOST_UNREACHABLE:
    case G_IO_ERROR_NETWORK_UNREACHABLE:
    case G_IO_ERROR_CONNECTION_REFUSED:
    case G_IO_ERROR_CONNECTION_CLOSED:
    case G_IO_ERROR_PROXY_FAILED:
      return _bp_error_text_new_take (_("No connection"),
                                      g_strdup (_("Could not connect. Check your internet "
                                                  "connection and proxy settings, then try "
                                                  "again.")),
                                      error->message, BP_ERROR_ACTION_RETRY);

    case G_IO_ERROR_PERMISSION_DENIED:
      return _bp_error_text_new_take (_("Permission denied"),
                                      g_strdup (_("You are not allowed to use this file or "
                                                  "folder. Choose another location, or change "
                                                  "its permissions.")),
                                      error->message, BP_ERROR_ACTION_NONE);

    case G_IO_ERROR_NO_SPACE:
      return _bp_error_text_new_take (_("Disk full"),
                                      g_strdup (_("There is not enough free space. Free some "
                                                  "space, then try again.")),
                                      error->message, BP_ERROR_ACTION_RETRY);

    default:
      return new_generic (error);
    }
}

static BpErrorText *
text_for_domain (const BpErrorContext *context)
{
  const GError *error = context->error;

#define FROM(entries) _bp_error_text_from_entries (entries, G_N_ELEMENTS (entries), error)

  if (error->domain == BP_BEDROCK_ERROR)
    return _bp_error_text_new_bedrock (context);
  if (error->domain == BP_CREDENTIALS_ERROR)
    return credentials_text (context);
  if (error->domain == BP_AWS_CONFIG_ERROR)
    return FROM (aws_config_entries);
  if (error->domain == BP_SHARED_CONFIG_ERROR)
    return shared_config_text (error);
  if (error->domain == BP_KEYRING_ERROR)
    return FROM (keyring_entries);
  if (error->domain == BP_IMAGE_REQUEST_ERROR)
    return FROM (image_request_entries);
  if (error->domain == BP_IMAGE_RESULT_ERROR)
    return image_result_text (error);
  if (error->domain == BP_CHAT_MEMORY_ERROR)
    return FROM (chat_memory_entries);
  if (error->domain == BP_HISTORY_STORE_ERROR)
    return FROM (history_store_entries);
  if (error->domain == G_IO_ERROR)
    return io_text (error);

#undef FROM

  return new_generic (error);
}

/**
 * bp_error_text_new:
 * @error: an error from the core
 * @model_id: (nullable): the model the request was for, as picked
 * @region: (nullable): the region the request went to
 *
 * Like bp_error_text_new_full() with the bundled catalogue (loaded only
 * when @model_id is given) and no profile.
 *
 * Returns: (transfer full): the text
 */
BpErrorText *
bp_error_text_new (const GError *error,
                   const char   *model_id,
                   const char   *region)
{
  g_autoptr(BpModelCatalogue) catalogue = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (model_id != NULL && error->domain == BP_BEDROCK_ERROR)
    catalogue = bp_model_catalogue_new_builtin ();

  return bp_error_text_new_full (error, catalogue, model_id, region, NULL);
}

/**
 * bp_error_text_new_full:
 * @error: an error from the core
 * @catalogue: (nullable): the catalogue, for the model's name and its
 *   inference profiles
 * @model_id: (nullable): the model the request was for, as picked
 * @region: (nullable): the region the request went to
 * @profile: (nullable): the AWS profile in use, for the SSO sign-in action
 *
 * Describes @error for the user: a title, a body with the fix, the error's
 * own message as the detail, and an action the UI can offer. Every code of
 * the core's domains has its own text; other errors get a generic title
 * with their message as the body. Cancellation (%G_IO_ERROR_CANCELLED)
 * gets a text too, but the UI should stay silent about it.
 *
 * Returns: (transfer full): the text
 */
BpErrorText *
bp_error_text_new_full (const GError     *error,
                        BpModelCatalogue *catalogue,
                        const char       *model_id,
                        const char       *region,
                        const char       *profile)
{
  BpErrorContext context = { error, catalogue, model_id, region, profile };

  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (catalogue == NULL || BP_IS_MODEL_CATALOGUE (catalogue), NULL);

  return text_for_domain (&context);
}

/**
 * bp_error_text_copy:
 * @self: a text
 *
 * Returns: (transfer full): a copy of @self
 */
BpErrorText *
bp_error_text_copy (const BpErrorText *self)
{
  BpErrorText *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = _bp_error_text_new_take (self->title, g_strdup (self->body), self->detail,
                                  self->action);
  copy->action_target = g_strdup (self->action_target);
  copy->retry_after_ms = self->retry_after_ms;

  return copy;
}

/**
 * bp_error_text_free:
 * @self: (nullable): a text
 *
 * Frees @self.
 */
void
bp_error_text_free (BpErrorText *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->body);
  g_free (self->detail);
  g_free (self->action_target);
  g_free (self);
}

/**
 * bp_error_text_format_one_line:
 * @self: a text
 *
 * Formats @self for the command line: "title: body" on one line, line
 * breaks turned into spaces. The detail is not included.
 *
 * Returns: (transfer full): the line, without a trailing newline
 */
char *
bp_error_text_format_one_line (const BpErrorText *self)
{
  char *line;

  g_return_val_if_fail (self != NULL, NULL);

  /* Translators: an error on the command line: its title, then its text */
  line = g_strdup_printf (_("%s: %s"), self->title, self->body);
  for (char *p = line; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r')
        *p = ' ';
    }

  return line;
}
