/* bp-credential-provider.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-credential-provider"

#include "config.h"

#include <libsoup/soup.h>

#include "bp-credential-provider-private.h"
#include "bp-credentials-private.h"
#include "bp-keyring.h"
#include "bp-shared-config.h"

/* Credentials that expire are fetched again this long before they do. */
#define REFRESH_MARGIN_SECONDS (5 * 60)
#define DEFAULT_PROCESS_TIMEOUT_MS 30000
/* For the SSO portal: a stuck connection must not hang the lookup. */
#define SESSION_TIMEOUT_SECONDS 30

struct _BpCredentialProvider
{
  GObject                    parent_instance;

  /* (owned) */
  char                     **environment;
  /* (owned) (nullable) */
  char                      *profile;
  gboolean                   use_keyring;
  guint                      process_timeout_ms;

  /* (owned) (nullable) */
  BpCredentials             *cached;
  BpSharedConfig            *config;
  SoupSession               *session;
  /* (nullable): the running lookup; it owns itself until it completes */
  BpCredentialLookup        *lookup;
  /* Bumped by invalidate(): older lookups finish but are not cached. */
  guint                      generation;

  BpCredentialsNowFunc       now_func;
  gpointer                   now_data;
  BpKeyringLookupAsyncFunc   keyring_lookup_async;
  BpKeyringLookupFinishFunc  keyring_lookup_finish;
};

G_DEFINE_FINAL_TYPE (BpCredentialProvider, bp_credential_provider, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENVIRONMENT,
  PROP_PROFILE,
  PROP_USE_KEYRING,
  PROP_PROCESS_TIMEOUT_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * bp_credential_provider_new:
 *
 * Returns: (transfer full): a provider reading the process's environment
 */
BpCredentialProvider *
bp_credential_provider_new (void)
{
  return g_object_new (BP_TYPE_CREDENTIAL_PROVIDER, NULL);
}

static gint64
real_now (gpointer user_data)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gint64
_bp_credential_provider_now (BpCredentialProvider *self)
{
  g_assert (BP_IS_CREDENTIAL_PROVIDER (self));

  return self->now_func (self->now_data);
}

/* Created on first use, on the main thread; only its async API is used. */
SoupSession *
_bp_credential_provider_get_session (BpCredentialProvider *self)
{
  g_assert (BP_IS_CREDENTIAL_PROVIDER (self));

  if (self->session == NULL)
    self->session = soup_session_new_with_options ("timeout", SESSION_TIMEOUT_SECONDS,
                                                   "user-agent", "bedrock-playground/" PACKAGE_VERSION,
                                                   NULL);

  return self->session;
}

void
_bp_credential_provider_keyring_lookup_async (BpCredentialProvider *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data)
{
  g_assert (BP_IS_CREDENTIAL_PROVIDER (self));

  self->keyring_lookup_async (cancellable, callback, user_data);
}

char *
_bp_credential_provider_keyring_lookup_finish (BpCredentialProvider  *self,
                                               GAsyncResult          *result,
                                               GError               **error)
{
  g_assert (BP_IS_CREDENTIAL_PROVIDER (self));

  return self->keyring_lookup_finish (result, error);
}

/* Called by the chain when a lookup reads the files: get_shared_config()
 * then answers with what the latest lookup saw. */
void
_bp_credential_provider_set_config (BpCredentialProvider *self,
                                    guint                 generation,
                                    BpSharedConfig       *config)
{
  g_assert (BP_IS_CREDENTIAL_PROVIDER (self));
  g_assert (config != NULL);

  if (generation != self->generation)
    return;

  g_clear_pointer (&self->config, bp_shared_config_unref);
  self->config = bp_shared_config_ref (config);
}

/* Called by the chain as a lookup completes. */
void
_bp_credential_provider_lookup_done (BpCredentialProvider *self,
                                     BpCredentialLookup   *lookup,
                                     guint                 generation,
                                     BpCredentials        *credentials)
{
  g_assert (BP_IS_CREDENTIAL_PROVIDER (self));

  if (self->lookup == lookup)
    self->lookup = NULL;

  if (credentials != NULL && generation == self->generation)
    {
      g_clear_pointer (&self->cached, bp_credentials_unref);
      self->cached = bp_credentials_ref (credentials);
    }
}

/* Called by the chain when all its callers gave up. */
void
_bp_credential_provider_lookup_abandoned (BpCredentialProvider *self,
                                          BpCredentialLookup   *lookup)
{
  g_assert (BP_IS_CREDENTIAL_PROVIDER (self));

  if (self->lookup == lookup)
    self->lookup = NULL;
}

static gboolean
cache_is_fresh (BpCredentialProvider *self)
{
  gint64 expiration;

  if (self->cached == NULL)
    return FALSE;

  expiration = bp_credentials_get_expiration (self->cached);

  return expiration == 0 || _bp_credential_provider_now (self) < expiration - REFRESH_MARGIN_SECONDS;
}

/**
 * bp_credential_provider_get_credentials_async:
 * @self: a #BpCredentialProvider
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds credentials along the chain, or answers from the cache. Calls made
 * while a lookup runs share it: a credential_process runs once.
 */
void
bp_credential_provider_get_credentials_async (BpCredentialProvider *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BP_IS_CREDENTIAL_PROVIDER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_credential_provider_get_credentials_async);

  if (cache_is_fresh (self))
    {
      g_task_return_pointer (task, bp_credentials_ref (self->cached),
                             (GDestroyNotify) bp_credentials_unref);
      return;
    }

  if (self->lookup == NULL)
    {
      self->lookup = _bp_credential_lookup_new (self, self->generation,
                                                (const char * const *) self->environment,
                                                self->profile, self->use_keyring,
                                                self->process_timeout_ms);
      _bp_credential_lookup_add_waiter (self->lookup, g_steal_pointer (&task));
      _bp_credential_lookup_start (self->lookup);
      return;
    }

  _bp_credential_lookup_add_waiter (self->lookup, g_steal_pointer (&task));
}

/**
 * bp_credential_provider_get_credentials_finish:
 * @self: a #BpCredentialProvider
 * @result: the result passed to the callback
 * @error: return location for a #GError in %BP_CREDENTIALS_ERROR
 *
 * Returns: (transfer full): the credentials
 */
BpCredentials *
bp_credential_provider_get_credentials_finish (BpCredentialProvider  *self,
                                               GAsyncResult          *result,
                                               GError               **error)
{
  g_return_val_if_fail (BP_IS_CREDENTIAL_PROVIDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        bp_credential_provider_get_credentials_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bp_credential_provider_invalidate:
 * @self: a #BpCredentialProvider
 *
 * Drops the cached credentials, e.g. after the settings changed or a request
 * failed as expired. A lookup already running finishes for its callers but
 * its result is not cached.
 */
void
bp_credential_provider_invalidate (BpCredentialProvider *self)
{
  g_return_if_fail (BP_IS_CREDENTIAL_PROVIDER (self));

  g_clear_pointer (&self->cached, bp_credentials_unref);
  self->generation++;
  self->lookup = NULL;
}

/**
 * bp_credential_provider_get_environment:
 * @self: a #BpCredentialProvider
 *
 * Returns: (transfer none) (array zero-terminated=1): the environment read
 */
const char * const *
bp_credential_provider_get_environment (BpCredentialProvider *self)
{
  g_return_val_if_fail (BP_IS_CREDENTIAL_PROVIDER (self), NULL);

  return (const char * const *) self->environment;
}

/**
 * bp_credential_provider_set_environment:
 * @self: a #BpCredentialProvider
 * @environment: (nullable) (array zero-terminated=1): the environment to
 *   read; %NULL for the process's own
 */
void
bp_credential_provider_set_environment (BpCredentialProvider *self,
                                        const char * const   *environment)
{
  g_auto(GStrv) new_env = NULL;

  g_return_if_fail (BP_IS_CREDENTIAL_PROVIDER (self));

  new_env = environment != NULL ? g_strdupv ((char **) environment) : g_get_environ ();
  if (self->environment != NULL &&
      g_strv_equal ((const char * const *) self->environment, (const char * const *) new_env))
    return;

  g_strfreev (self->environment);
  self->environment = g_steal_pointer (&new_env);
  bp_credential_provider_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
}

/**
 * bp_credential_provider_get_profile:
 * @self: a #BpCredentialProvider
 *
 * Returns: (nullable): the explicitly chosen profile
 */
const char *
bp_credential_provider_get_profile (BpCredentialProvider *self)
{
  g_return_val_if_fail (BP_IS_CREDENTIAL_PROVIDER (self), NULL);

  return self->profile;
}

/**
 * bp_credential_provider_set_profile:
 * @self: a #BpCredentialProvider
 * @profile: (nullable): a profile name; %NULL or "" to follow AWS_PROFILE
 */
void
bp_credential_provider_set_profile (BpCredentialProvider *self,
                                    const char           *profile)
{
  g_return_if_fail (BP_IS_CREDENTIAL_PROVIDER (self));

  if (profile != NULL && *profile == '\0')
    profile = NULL;
  if (g_strcmp0 (self->profile, profile) == 0)
    return;

  g_free (self->profile);
  self->profile = g_strdup (profile);
  bp_credential_provider_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

/**
 * bp_credential_provider_get_use_keyring:
 * @self: a #BpCredentialProvider
 *
 * Returns: whether the keyring is the last source
 */
gboolean
bp_credential_provider_get_use_keyring (BpCredentialProvider *self)
{
  g_return_val_if_fail (BP_IS_CREDENTIAL_PROVIDER (self), FALSE);

  return self->use_keyring;
}

/**
 * bp_credential_provider_set_use_keyring:
 * @self: a #BpCredentialProvider
 * @use_keyring: whether to look for an API key in the keyring last
 */
void
bp_credential_provider_set_use_keyring (BpCredentialProvider *self,
                                        gboolean              use_keyring)
{
  g_return_if_fail (BP_IS_CREDENTIAL_PROVIDER (self));

  use_keyring = !!use_keyring;
  if (self->use_keyring == use_keyring)
    return;

  self->use_keyring = use_keyring;
  bp_credential_provider_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USE_KEYRING]);
}

/**
 * bp_credential_provider_get_process_timeout_ms:
 * @self: a #BpCredentialProvider
 *
 * Returns: how long a credential_process may run, in milliseconds
 */
guint
bp_credential_provider_get_process_timeout_ms (BpCredentialProvider *self)
{
  g_return_val_if_fail (BP_IS_CREDENTIAL_PROVIDER (self), 0);

  return self->process_timeout_ms;
}

/**
 * bp_credential_provider_set_process_timeout_ms:
 * @self: a #BpCredentialProvider
 * @timeout_ms: how long a credential_process may run, in milliseconds
 */
void
bp_credential_provider_set_process_timeout_ms (BpCredentialProvider *self,
                                               guint                 timeout_ms)
{
  g_return_if_fail (BP_IS_CREDENTIAL_PROVIDER (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->process_timeout_ms == timeout_ms)
    return;

  self->process_timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROCESS_TIMEOUT_MS]);
}

/**
 * bp_credential_provider_get_shared_config:
 * @self: a #BpCredentialProvider
 *
 * Returns: (transfer none) (nullable): the shared config the last lookup
 *   (or load_config) read, to list profiles and resolve region/endpoint
 */
BpSharedConfig *
bp_credential_provider_get_shared_config (BpCredentialProvider *self)
{
  g_return_val_if_fail (BP_IS_CREDENTIAL_PROVIDER (self), NULL);

  return self->config;
}

static void
load_config_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BpCredentialProvider *self = g_task_get_source_object (task);
  g_autoptr(BpSharedConfig) config = NULL;
  g_autoptr(GError) error = NULL;

  config = bp_shared_config_load_finish (result, &error);
  if (config == NULL)
    {
      if (!g_task_return_error_if_cancelled (task))
        g_task_return_error (task, _bp_credential_config_error (error));
      return;
    }

  _bp_credential_provider_set_config (self, GPOINTER_TO_UINT (g_task_get_task_data (task)), config);
  g_task_return_pointer (task, g_steal_pointer (&config), (GDestroyNotify) bp_shared_config_unref);
}

/**
 * bp_credential_provider_load_config_async:
 * @self: a #BpCredentialProvider
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the shared config and credentials files of this environment, e.g.
 * for the list of profiles. Missing files are fine.
 */
void
bp_credential_provider_load_config_async (BpCredentialProvider *self,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  const char * const *envp;
  g_autoptr(GTask) task = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *credentials_path = NULL;

  g_return_if_fail (BP_IS_CREDENTIAL_PROVIDER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_credential_provider_load_config_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->generation), NULL);

  envp = (const char * const *) self->environment;
  config_path = bp_shared_config_default_config_path (envp);
  credentials_path = bp_shared_config_default_credentials_path (envp);
  bp_shared_config_load_async (config_path, credentials_path, cancellable,
                               load_config_cb, g_steal_pointer (&task));
}

/**
 * bp_credential_provider_load_config_finish:
 * @self: a #BpCredentialProvider
 * @result: the result passed to the callback
 * @error: return location for a #GError (%BP_CREDENTIALS_ERROR_CONFIG)
 *
 * Returns: (transfer full): the shared config
 */
BpSharedConfig *
bp_credential_provider_load_config_finish (BpCredentialProvider  *self,
                                           GAsyncResult          *result,
                                           GError               **error)
{
  g_return_val_if_fail (BP_IS_CREDENTIAL_PROVIDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        bp_credential_provider_load_config_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_bp_credential_provider_set_now_func (BpCredentialProvider *self,
                                      BpCredentialsNowFunc  now_func,
                                      gpointer              user_data)
{
  g_return_if_fail (BP_IS_CREDENTIAL_PROVIDER (self));

  self->now_func = now_func != NULL ? now_func : real_now;
  self->now_data = now_func != NULL ? user_data : NULL;
}

void
_bp_credential_provider_set_keyring_lookup (BpCredentialProvider      *self,
                                            BpKeyringLookupAsyncFunc   lookup_async,
                                            BpKeyringLookupFinishFunc  lookup_finish)
{
  g_return_if_fail (BP_IS_CREDENTIAL_PROVIDER (self));
  g_return_if_fail ((lookup_async == NULL) == (lookup_finish == NULL));

  self->keyring_lookup_async = lookup_async != NULL ? lookup_async : bp_keyring_lookup_api_key_async;
  self->keyring_lookup_finish = lookup_finish != NULL ? lookup_finish : bp_keyring_lookup_api_key_finish;
  bp_credential_provider_invalidate (self);
}

static void
bp_credential_provider_finalize (GObject *object)
{
  BpCredentialProvider *self = (BpCredentialProvider *) object;

  g_clear_pointer (&self->cached, bp_credentials_unref);
  g_clear_pointer (&self->config, bp_shared_config_unref);
  g_clear_pointer (&self->environment, g_strfreev);
  g_clear_pointer (&self->profile, g_free);

  G_OBJECT_CLASS (bp_credential_provider_parent_class)->finalize (object);
}

static void
bp_credential_provider_dispose (GObject *object)
{
  BpCredentialProvider *self = (BpCredentialProvider *) object;

  /* A running lookup holds a reference on us, so there is none to cancel. */
  g_clear_object (&self->session);

  G_OBJECT_CLASS (bp_credential_provider_parent_class)->dispose (object);
}

static void
bp_credential_provider_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  BpCredentialProvider *self = BP_CREDENTIAL_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ENVIRONMENT:
      g_value_set_boxed (value, self->environment);
      break;
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_USE_KEYRING:
      g_value_set_boolean (value, self->use_keyring);
      break;
    case PROP_PROCESS_TIMEOUT_MS:
      g_value_set_uint (value, self->process_timeout_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_credential_provider_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  BpCredentialProvider *self = BP_CREDENTIAL_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ENVIRONMENT:
      bp_credential_provider_set_environment (self, g_value_get_boxed (value));
      break;
    case PROP_PROFILE:
      bp_credential_provider_set_profile (self, g_value_get_string (value));
      break;
    case PROP_USE_KEYRING:
      bp_credential_provider_set_use_keyring (self, g_value_get_boolean (value));
      break;
    case PROP_PROCESS_TIMEOUT_MS:
      bp_credential_provider_set_process_timeout_ms (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_credential_provider_class_init (BpCredentialProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_credential_provider_dispose;
  object_class->finalize = bp_credential_provider_finalize;
  object_class->get_property = bp_credential_provider_get_property;
  object_class->set_property = bp_credential_provider_set_property;

  properties[PROP_ENVIRONMENT] =
    g_param_spec_boxed ("environment", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_USE_KEYRING] =
    g_param_spec_boolean ("use-keyring", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROCESS_TIMEOUT_MS] =
    g_param_spec_uint ("process-timeout-ms", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_PROCESS_TIMEOUT_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_credential_provider_init (BpCredentialProvider *self)
{
  self->environment = g_get_environ ();
  self->process_timeout_ms = DEFAULT_PROCESS_TIMEOUT_MS;
  self->now_func = real_now;
  self->keyring_lookup_async = bp_keyring_lookup_api_key_async;
  self->keyring_lookup_finish = bp_keyring_lookup_api_key_finish;
}
