/* bp-credential-provider-chain.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-credential-provider"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

#include "bp-credential-process-private.h"
#include "bp-credential-provider-private.h"
#include "bp-credentials-private.h"
#include "bp-shared-config.h"
#include "bp-sso-private.h"

/* One walk along the chain. Callers that ask while it runs wait for the
 * same answer; when every one of them has cancelled, the walk is cancelled. */
struct _BpCredentialLookup
{
  /* (owned) */
  BpCredentialProvider  *provider;
  GPtrArray             *waiters;
  GCancellable          *cancellable;
  char                 **environment;
  /* (owned) (nullable) */
  char                  *explicit_profile;
  BpSharedConfig        *config;
  char                  *profile;

  /* (nullable): AWS_PROFILE or AWS_DEFAULT_PROFILE when it named the profile */
  const char            *profile_var;
  guint                  generation;
  guint                  process_timeout_ms;
  gboolean               use_keyring;
  /* The profile exists but holds none of the credential settings. */
  gboolean               profile_has_nothing;
};

typedef struct
{
  /* (unowned) */
  BpCredentialLookup *lookup;
  /* (owned) */
  GTask              *task;
  /* (owned) (nullable): fires when the caller cancels */
  GSource            *cancel_source;
} Waiter;

static void try_keyring (BpCredentialLookup *lookup);

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancel_source != NULL)
    g_source_destroy (waiter->cancel_source);
  g_clear_pointer (&waiter->cancel_source, g_source_unref);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static void
lookup_free (BpCredentialLookup *lookup)
{
  g_clear_pointer (&lookup->waiters, g_ptr_array_unref);
  g_clear_object (&lookup->cancellable);
  g_clear_object (&lookup->provider);
  g_clear_pointer (&lookup->environment, g_strfreev);
  g_clear_pointer (&lookup->config, bp_shared_config_unref);
  g_free (lookup->explicit_profile);
  g_free (lookup->profile);
  g_free (lookup);
}

BpCredentialLookup *
_bp_credential_lookup_new (BpCredentialProvider *provider,
                           guint                 generation,
                           const char * const   *environment,
                           const char           *explicit_profile,
                           gboolean              use_keyring,
                           guint                 process_timeout_ms)
{
  BpCredentialLookup *lookup = g_new0 (BpCredentialLookup, 1);

  lookup->provider = g_object_ref (provider);
  lookup->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  lookup->cancellable = g_cancellable_new ();
  lookup->environment = g_strdupv ((char **) environment);
  lookup->explicit_profile = g_strdup (explicit_profile);
  lookup->generation = generation;
  lookup->use_keyring = use_keyring;
  lookup->process_timeout_ms = process_timeout_ms;

  return lookup;
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;
  BpCredentialLookup *lookup = waiter->lookup;

  g_task_return_error_if_cancelled (waiter->task);
  g_ptr_array_remove (lookup->waiters, waiter);

  if (lookup->waiters->len == 0)
    {
      g_debug ("Every caller cancelled: cancelling the credential lookup");
      g_cancellable_cancel (lookup->cancellable);
      _bp_credential_provider_lookup_abandoned (lookup->provider, lookup);
    }

  return G_SOURCE_REMOVE;
}

void
_bp_credential_lookup_add_waiter (BpCredentialLookup *lookup,
                                  GTask              *task)
{
  Waiter *waiter = g_new0 (Waiter, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  waiter->lookup = lookup;
  waiter->task = task;

  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (waiter_cancelled_cb), waiter, NULL);
      g_source_set_priority (waiter->cancel_source, g_task_get_priority (task));
      g_source_attach (waiter->cancel_source, g_task_get_context (task));
    }

  g_ptr_array_add (lookup->waiters, waiter);
}

/* Credentials already past their expiration are an error, whatever the
 * source: requests signed with them would fail anyway. */
static GError *
check_not_expired (BpCredentialLookup *lookup,
                   BpCredentials      *credentials)
{
  gint64 expiration = bp_credentials_get_expiration (credentials);
  g_autofree char *origin = NULL;
  g_autofree char *when = NULL;

  if (expiration == 0 || expiration > _bp_credential_provider_now (lookup->provider))
    return NULL;

  origin = _bp_credentials_describe_origin (credentials);
  when = _bp_credentials_format_time (expiration);

  return g_error_new (BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_EXPIRED,
                      /* Translators: the first %s says where the credentials came from */
                      _("The credentials from %s expired at %s. Refresh them (for example "
                        "by logging in again) and try again"),
                      origin, when);
}

/* Ends the lookup: answers every waiter and frees it.
 * @credentials: (transfer full) (nullable), @error: (transfer full) (nullable) */
static void
lookup_complete (BpCredentialLookup *lookup,
                 BpCredentials      *credentials,
                 GError             *error)
{
  g_assert ((credentials == NULL) != (error == NULL));

  if (credentials != NULL && (error = check_not_expired (lookup, credentials)) != NULL)
    g_clear_pointer (&credentials, bp_credentials_unref);

  if (credentials != NULL)
    {
      g_autofree char *origin = bp_credentials_describe (credentials);
      g_debug ("Credentials from %s", origin);
    }

  _bp_credential_provider_lookup_done (lookup->provider, lookup, lookup->generation, credentials);

  for (guint i = 0; i < lookup->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (lookup->waiters, i);

      if (credentials != NULL)
        g_task_return_pointer (waiter->task, bp_credentials_ref (credentials),
                               (GDestroyNotify) bp_credentials_unref);
      else
        g_task_return_error (waiter->task, g_error_copy (error));
    }

  g_clear_pointer (&credentials, bp_credentials_unref);
  g_clear_error (&error);
  lookup_free (lookup);
}

static void
fail (BpCredentialLookup *lookup,
      GError             *error)
{
  lookup_complete (lookup, NULL, error);
}

static const char *
env_get (BpCredentialLookup *lookup,
         const char         *name)
{
  const char *value = g_environ_getenv (lookup->environment, name);

  /* An empty variable counts as unset, as in the SDKs. */
  return value != NULL && *value != '\0' ? value : NULL;
}

static GError *
incomplete_env_error (const char *missing,
                      const char *present)
{
  return g_error_new (BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE,
                      /* Translators: both %s are environment variable names */
                      _("%s is not set but %s is. Set both, or unset %s to use a profile"),
                      missing, present, present);
}

/* AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY [+ AWS_SESSION_TOKEN]. Returns
 * %NULL without an error when the variables are not set. */
static BpCredentials *
credentials_from_env_keys (BpCredentialLookup  *lookup,
                           GError             **error)
{
  const char *key_id = env_get (lookup, "AWS_ACCESS_KEY_ID");
  const char *secret = env_get (lookup, "AWS_SECRET_ACCESS_KEY");
  const char *token = env_get (lookup, "AWS_SESSION_TOKEN");
  const char *expiration_text = env_get (lookup, "AWS_CREDENTIAL_EXPIRATION");
  BpCredentials *credentials;
  gint64 expiration = 0;

  if (key_id == NULL && secret == NULL)
    return NULL;
  if (key_id == NULL || secret == NULL)
    {
      g_propagate_error (error, key_id == NULL
                                ? incomplete_env_error ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
                                : incomplete_env_error ("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID"));
      return NULL;
    }

  if (token == NULL)
    token = env_get (lookup, "AWS_SECURITY_TOKEN");

  if (expiration_text != NULL &&
      (!_bp_credentials_parse_time (expiration_text, &expiration) || expiration < 0))
    {
      g_set_error (error, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_CONFIG,
                   _("AWS_CREDENTIAL_EXPIRATION is not an ISO-8601 time such as "
                     "2026-11-22T13:00:00Z. Fix or unset it"));
      return NULL;
    }

  credentials = bp_credentials_new_keys (key_id, secret, token, expiration);
  _bp_credentials_set_origin (credentials, BP_CREDENTIAL_SOURCE_ENVIRONMENT, NULL, NULL);

  return credentials;
}

GError *
_bp_credential_config_error (const GError *error)
{
  return g_error_new (BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_CONFIG,
                      /* Translators: %s is the parser's message, naming file and line */
                      _("Could not read the AWS configuration: %s. Fix the file, or point "
                        "AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE elsewhere"),
                      error->message);
}

static const char *
profile_get (BpCredentialLookup  *lookup,
             const char          *key,
             const char         **out_path)
{
  const char *value = bp_shared_config_get (lookup->config, BP_CONFIG_SECTION_PROFILE,
                                            lookup->profile, key, NULL, out_path);

  return value != NULL && *value != '\0' ? value : NULL;
}

static BpCredentials *
credentials_from_static_keys (BpCredentialLookup  *lookup,
                              GError             **error)
{
  const char *key_path = NULL, *secret_path = NULL;
  const char *key_id = profile_get (lookup, "aws_access_key_id", &key_path);
  const char *secret = profile_get (lookup, "aws_secret_access_key", &secret_path);
  BpCredentials *credentials;

  if (key_id == NULL && secret == NULL)
    return NULL;

  if (key_id == NULL || secret == NULL)
    {
      g_set_error (error, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE,
                   /* Translators: "Profile “work” in FILE has aws_access_key_id but no
                    * aws_secret_access_key. Add aws_secret_access_key to it, …" */
                   _("Profile “%s” in %s has %s but no %s. Add %s to it, or remove %s"),
                   lookup->profile, key_id != NULL ? key_path : secret_path,
                   key_id != NULL ? "aws_access_key_id" : "aws_secret_access_key",
                   key_id != NULL ? "aws_secret_access_key" : "aws_access_key_id",
                   key_id != NULL ? "aws_secret_access_key" : "aws_access_key_id",
                   key_id != NULL ? "aws_access_key_id" : "aws_secret_access_key");
      return NULL;
    }

  credentials = bp_credentials_new_keys (key_id, secret,
                                         profile_get (lookup, "aws_session_token", NULL), 0);
  _bp_credentials_set_origin (credentials, BP_CREDENTIAL_SOURCE_PROFILE, lookup->profile, key_path);

  return credentials;
}

static void
process_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  BpCredentialLookup *lookup = user_data;
  GError *error = NULL;
  BpCredentials *credentials;

  credentials = _bp_credential_process_run_finish (result, &error);
  lookup_complete (lookup, credentials, error);
}

static void
sso_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  BpCredentialLookup *lookup = user_data;
  GError *error = NULL;
  BpCredentials *credentials;

  credentials = _bp_sso_get_credentials_finish (result, &error);
  lookup_complete (lookup, credentials, error);
}

/* Role assumption and web identity need STS, which we do not speak: the
 * AWS CLI can do it for us as a credential_process. */
static gboolean
check_supported (BpCredentialLookup  *lookup,
                 GError             **error)
{
  static const char * const keys[] = { "role_arn", "web_identity_token_file" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *path = NULL;

      if (profile_get (lookup, keys[i], &path) == NULL)
        continue;

      g_set_error (error, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_UNSUPPORTED_PROFILE,
                   /* Translators: the first %s is a profile, the second a file, the third
                    * a setting (role_arn); keep the command in backticks as it is */
                   _("Profile “%s” in %s uses %s, which Bedrock Playground cannot do itself. "
                     "To use it, create a profile with `credential_process = aws configure "
                     "export-credentials --profile %s --format process` and select it"),
                   lookup->profile, path, keys[i], lookup->profile);
      return FALSE;
    }

  return TRUE;
}

static GError *
profile_not_found_error (BpCredentialLookup *lookup)
{
  BpSharedConfig *config = lookup->config;
  g_autofree char *source = NULL;

  if (lookup->profile_var != NULL)
    /* Translators: says who chose the profile: "set by AWS_PROFILE" */
    source = g_strdup_printf (_("set by %s"), lookup->profile_var);
  else
    source = g_strdup (_("chosen in the settings or with --profile"));

  return g_error_new (BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_PROFILE_NOT_FOUND,
                      /* Translators: the first %s is a profile, the second who chose it,
                       * the others are files */
                      _("Profile “%s” (%s) is neither in %s nor in %s. Add it to one of "
                        "these files (for example with `aws configure --profile %s`), or "
                        "choose another profile"),
                      lookup->profile, source,
                      bp_shared_config_get_config_path (config),
                      bp_shared_config_get_credentials_path (config),
                      lookup->profile);
}

/* The profile's own sources, in the SDKs' order. */
static void
resolve_profile (BpCredentialLookup *lookup)
{
  const char * const *envp = (const char * const *) lookup->environment;
  BpCredentials *credentials;
  const char *command, *path = NULL;
  GError *error = NULL;

  if ((credentials = credentials_from_static_keys (lookup, &error)) != NULL || error != NULL)
    {
      lookup_complete (lookup, credentials, error);
      return;
    }

  if ((command = profile_get (lookup, "credential_process", &path)) != NULL)
    {
      _bp_credential_process_run_async (command, envp, lookup->process_timeout_ms,
                                        lookup->profile, path, lookup->cancellable,
                                        process_cb, lookup);
      return;
    }

  if (_bp_sso_profile_uses_sso (lookup->config, lookup->profile))
    {
      _bp_sso_get_credentials_async (_bp_credential_provider_get_session (lookup->provider),
                                     lookup->config, lookup->profile, envp,
                                     _bp_credential_provider_now (lookup->provider),
                                     lookup->cancellable, sso_cb, lookup);
      return;
    }

  if (!check_supported (lookup, &error))
    {
      fail (lookup, error);
      return;
    }

  lookup->profile_has_nothing = TRUE;
  try_keyring (lookup);
}

static void
config_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BpCredentialLookup *lookup = user_data;
  g_autoptr(GError) error = NULL;
  gboolean explicit_choice;

  lookup->config = bp_shared_config_load_finish (result, &error);
  if (lookup->config == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (lookup, g_steal_pointer (&error));
      else
        fail (lookup, _bp_credential_config_error (error));
      return;
    }

  _bp_credential_provider_set_config (lookup->provider, lookup->generation, lookup->config);

  lookup->profile = bp_shared_config_pick_profile ((const char * const *) lookup->environment,
                                                   lookup->explicit_profile, &lookup->profile_var);
  explicit_choice = lookup->explicit_profile != NULL || lookup->profile_var != NULL;

  if (bp_shared_config_has_section (lookup->config, BP_CONFIG_SECTION_PROFILE, lookup->profile))
    resolve_profile (lookup);
  else if (explicit_choice)
    fail (lookup, profile_not_found_error (lookup));
  else
    try_keyring (lookup);
}

static void
not_found (BpCredentialLookup *lookup)
{
  BpSharedConfig *config = lookup->config;
  const char *tail = lookup->use_keyring ? _(", or enter a Bedrock API key in the preferences") : "";
  gboolean explicit_choice = lookup->explicit_profile != NULL || lookup->profile_var != NULL;

  if (lookup->profile_has_nothing)
    fail (lookup, g_error_new (BP_CREDENTIALS_ERROR,
                               explicit_choice ? BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE
                                               : BP_CREDENTIALS_ERROR_NOT_FOUND,
                               /* Translators: the first %s is a profile, then two files;
                                * the last %s may add ", or enter a Bedrock API key …" */
                               _("Profile “%s” (in %s or %s) has no credentials. Add "
                                 "aws_access_key_id and aws_secret_access_key, "
                                 "credential_process or sso_session to it, or set "
                                 "AWS_BEARER_TOKEN_BEDROCK%s"),
                               lookup->profile, bp_shared_config_get_config_path (config),
                               bp_shared_config_get_credentials_path (config), tail));
  else
    fail (lookup, g_error_new (BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_NOT_FOUND,
                               /* Translators: the first %s is a profile, then two files;
                                * the last %s may add ", or enter a Bedrock API key …" */
                               _("No AWS credentials were found: AWS_BEARER_TOKEN_BEDROCK and "
                                 "AWS_ACCESS_KEY_ID are not set, and there is no profile “%s” "
                                 "in %s or %s. Set up a profile with `aws configure` or set "
                                 "AWS_BEARER_TOKEN_BEDROCK%s"),
                               lookup->profile, bp_shared_config_get_config_path (config),
                               bp_shared_config_get_credentials_path (config), tail));
}

static void
keyring_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  BpCredentialLookup *lookup = user_data;
  GError *error = NULL;
  BpCredentials *credentials;
  char *key;

  key = _bp_credential_provider_keyring_lookup_finish (lookup->provider, result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, _("Could not look up the Bedrock API key in the keyring: "));
      fail (lookup, error);
      return;
    }

  if (key == NULL || *key == '\0')
    {
      g_free (key);
      not_found (lookup);
      return;
    }

  credentials = bp_credentials_new_bearer (key);
  _bp_credentials_set_origin (credentials, BP_CREDENTIAL_SOURCE_API_KEY_KEYRING, NULL, NULL);
  gnutls_memset (key, 0, strlen (key));
  g_free (key);

  lookup_complete (lookup, credentials, NULL);
}

static void
try_keyring (BpCredentialLookup *lookup)
{
  if (!lookup->use_keyring)
    {
      not_found (lookup);
      return;
    }

  _bp_credential_provider_keyring_lookup_async (lookup->provider, lookup->cancellable,
                                                keyring_cb, lookup);
}

/* Starts the walk: environment first (no I/O), then the shared files. */
void
_bp_credential_lookup_start (BpCredentialLookup *lookup)
{
  const char * const *envp = (const char * const *) lookup->environment;
  const char *bearer = env_get (lookup, "AWS_BEARER_TOKEN_BEDROCK");
  g_autofree char *config_path = NULL;
  g_autofree char *credentials_path = NULL;
  BpCredentials *credentials;
  GError *error = NULL;

  if (bearer != NULL)
    {
      credentials = bp_credentials_new_bearer (bearer);
      _bp_credentials_set_origin (credentials, BP_CREDENTIAL_SOURCE_API_KEY_ENVIRONMENT, NULL, NULL);
      lookup_complete (lookup, credentials, NULL);
      return;
    }

  /* As in botocore, a profile chosen explicitly (not by AWS_PROFILE) wins
   * over AWS_ACCESS_KEY_ID in the environment. */
  if (lookup->explicit_profile == NULL &&
      ((credentials = credentials_from_env_keys (lookup, &error)) != NULL || error != NULL))
    {
      lookup_complete (lookup, credentials, error);
      return;
    }

  config_path = bp_shared_config_default_config_path (envp);
  credentials_path = bp_shared_config_default_credentials_path (envp);
  bp_shared_config_load_async (config_path, credentials_path, lookup->cancellable,
                               config_loaded_cb, lookup);
}
