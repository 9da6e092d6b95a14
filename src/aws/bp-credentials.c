/* bp-credentials.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-credentials"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

#include "bp-credentials.h"
#include "bp-credentials-private.h"

/* Characters of an access key id shown at each end ("AKIA…MPLE"). */
#define KEY_ID_SHOWN_CHARS 4
/* Shorter key ids show only their tail, so that most of it stays hidden. */
#define KEY_ID_MIN_LEN_FOR_PREFIX 16

struct _BpCredentials
{
  gatomicrefcount     ref_count;
  BpCredentialSource  source;
  gint64              expiration;

  /* (owned) (nullable) */
  char               *profile;
  char               *source_path;
  char               *access_key_id;

  /* (owned) (nullable): wiped before they are freed */
  char               *secret_access_key;
  char               *session_token;
  char               *bearer_token;
};

G_DEFINE_QUARK (bp-credentials-error-quark, bp_credentials_error)
G_DEFINE_BOXED_TYPE (BpCredentials, bp_credentials, bp_credentials_ref, bp_credentials_unref)

static void
wipe_and_free (char **secret)
{
  if (*secret != NULL)
    {
      gnutls_memset (*secret, 0, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}

static BpCredentials *
credentials_alloc (void)
{
  BpCredentials *self = g_new0 (BpCredentials, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->source = BP_CREDENTIAL_SOURCE_NONE;

  return self;
}

/**
 * bp_credentials_new_keys:
 * @access_key_id: the access key id
 * @secret_access_key: the secret access key
 * @session_token: (nullable): the session token of temporary credentials
 * @expiration: when they expire, unix seconds; 0 when they do not
 *
 * Returns: (transfer full): new SigV4 credentials
 */
BpCredentials *
bp_credentials_new_keys (const char *access_key_id,
                         const char *secret_access_key,
                         const char *session_token,
                         gint64      expiration)
{
  BpCredentials *self;

  g_return_val_if_fail (access_key_id != NULL && *access_key_id != '\0', NULL);
  g_return_val_if_fail (secret_access_key != NULL && *secret_access_key != '\0', NULL);
  g_return_val_if_fail (expiration >= 0, NULL);

  self = credentials_alloc ();
  self->access_key_id = g_strdup (access_key_id);
  self->secret_access_key = g_strdup (secret_access_key);
  if (session_token != NULL && *session_token != '\0')
    self->session_token = g_strdup (session_token);
  self->expiration = expiration;

  return self;
}

/**
 * bp_credentials_new_bearer:
 * @token: a Bedrock API key
 *
 * Returns: (transfer full): new bearer credentials
 */
BpCredentials *
bp_credentials_new_bearer (const char *token)
{
  BpCredentials *self;

  g_return_val_if_fail (token != NULL && *token != '\0', NULL);

  self = credentials_alloc ();
  self->bearer_token = g_strdup (token);

  return self;
}

/**
 * bp_credentials_ref:
 * @self: credentials
 *
 * Returns: (transfer full): @self
 */
BpCredentials *
bp_credentials_ref (BpCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * bp_credentials_unref:
 * @self: (transfer full): credentials
 *
 * Drops a reference; the last one wipes the secrets and frees them.
 */
void
bp_credentials_unref (BpCredentials *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  wipe_and_free (&self->secret_access_key);
  wipe_and_free (&self->session_token);
  wipe_and_free (&self->bearer_token);
  wipe_and_free (&self->access_key_id);
  g_free (self->profile);
  g_free (self->source_path);
  g_free (self);
}

void
_bp_credentials_set_origin (BpCredentials      *self,
                            BpCredentialSource  source,
                            const char         *profile,
                            const char         *source_path)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->source == BP_CREDENTIAL_SOURCE_NONE);

  self->source = source;
  self->profile = g_strdup (profile);
  self->source_path = g_strdup (source_path);
}

/**
 * bp_credentials_is_bearer:
 * @self: credentials
 *
 * Returns: %TRUE for a Bedrock API key (sent as `Authorization: Bearer`)
 */
gboolean
bp_credentials_is_bearer (BpCredentials *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->bearer_token != NULL;
}

/**
 * bp_credentials_get_access_key_id:
 * @self: credentials
 *
 * Returns: (nullable): the access key id; %NULL for bearer credentials
 */
const char *
bp_credentials_get_access_key_id (BpCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->access_key_id;
}

/**
 * bp_credentials_get_secret_access_key:
 * @self: credentials
 *
 * Returns: (nullable): the secret access key; %NULL for bearer credentials
 */
const char *
bp_credentials_get_secret_access_key (BpCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->secret_access_key;
}

/**
 * bp_credentials_get_session_token:
 * @self: credentials
 *
 * Returns: (nullable): the session token of temporary credentials
 */
const char *
bp_credentials_get_session_token (BpCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->session_token;
}

/**
 * bp_credentials_get_bearer_token:
 * @self: credentials
 *
 * Returns: (nullable): the Bedrock API key
 */
const char *
bp_credentials_get_bearer_token (BpCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->bearer_token;
}

/**
 * bp_credentials_get_expiration:
 * @self: credentials
 *
 * Returns: when they expire, unix seconds; 0 when they do not
 */
gint64
bp_credentials_get_expiration (BpCredentials *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->expiration;
}

/**
 * bp_credentials_get_source:
 * @self: credentials
 *
 * Returns: where the credentials came from
 */
BpCredentialSource
bp_credentials_get_source (BpCredentials *self)
{
  g_return_val_if_fail (self != NULL, BP_CREDENTIAL_SOURCE_NONE);

  return self->source;
}

/**
 * bp_credentials_get_profile:
 * @self: credentials
 *
 * Returns: (nullable): the profile they came from
 */
const char *
bp_credentials_get_profile (BpCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->profile;
}

/**
 * bp_credentials_get_source_path:
 * @self: credentials
 *
 * Returns: (nullable): the file they came from
 */
const char *
bp_credentials_get_source_path (BpCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->source_path;
}

char *
_bp_credentials_mask_key_id (const char *access_key_id)
{
  gsize len;

  if (access_key_id == NULL)
    return g_strdup ("…");

  len = strlen (access_key_id);
  if (len >= KEY_ID_MIN_LEN_FOR_PREFIX)
    return g_strdup_printf ("%.*s…%s", KEY_ID_SHOWN_CHARS, access_key_id,
                            access_key_id + len - KEY_ID_SHOWN_CHARS);
  if (len > KEY_ID_SHOWN_CHARS)
    return g_strdup_printf ("…%s", access_key_id + len - KEY_ID_SHOWN_CHARS);

  return g_strdup ("…");
}

gboolean
_bp_credentials_parse_time (const char *text,
                            gint64     *out_unix)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *copy = NULL;

  g_assert (out_unix != NULL);

  if (text == NULL)
    return FALSE;

  /* Old AWS CLI versions wrote "2018-03-21T19:16:00UTC" into caches. */
  copy = g_strstrip (g_strdup (text));
  if (g_str_has_suffix (copy, "UTC"))
    strcpy (copy + strlen (copy) - 3, "Z");

  dt = g_date_time_new_from_iso8601 (copy, utc);
  if (dt == NULL)
    return FALSE;

  *out_unix = g_date_time_to_unix (dt);
  return TRUE;
}

char *
_bp_credentials_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  if (dt == NULL)
    return g_strdup ("?");

  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S UTC");
}

char *
_bp_credentials_describe_origin (BpCredentials *self)
{
  g_autofree char *masked = _bp_credentials_mask_key_id (self->access_key_id);
  const char *profile = self->profile != NULL ? self->profile : "?";
  const char *path = self->source_path != NULL ? self->source_path : "?";

  g_return_val_if_fail (self != NULL, NULL);

  switch (self->source)
    {
    case BP_CREDENTIAL_SOURCE_ENVIRONMENT:
      /* Translators: the last part is a shortened access key id, "AKIA…MPLE" */
      return g_strdup_printf (_("environment variables (AWS_ACCESS_KEY_ID %s)"), masked);
    case BP_CREDENTIAL_SOURCE_PROFILE:
      /* Translators: "profile work (static keys in /home/u/.aws/credentials, AKIA…MPLE)" */
      return g_strdup_printf (_("profile %s (static keys in %s, %s)"), profile, path, masked);
    case BP_CREDENTIAL_SOURCE_CREDENTIAL_PROCESS:
      return g_strdup_printf (_("profile %s (credential_process in %s)"), profile, path);
    case BP_CREDENTIAL_SOURCE_SSO:
      return g_strdup_printf (_("profile %s (IAM Identity Center in %s)"), profile, path);
    case BP_CREDENTIAL_SOURCE_API_KEY_ENVIRONMENT:
      return g_strdup (_("Bedrock API key from AWS_BEARER_TOKEN_BEDROCK"));
    case BP_CREDENTIAL_SOURCE_API_KEY_KEYRING:
      return g_strdup (_("Bedrock API key from the keyring"));
    case BP_CREDENTIAL_SOURCE_NONE:
    default:
      if (self->bearer_token != NULL)
        return g_strdup (_("Bedrock API key"));
      return g_strdup_printf (_("access key %s"), masked);
    }
}

/**
 * bp_credentials_describe:
 * @self: credentials
 *
 * Says where the credentials came from, for the UI and the CLI, e.g.
 * "profile work (credential_process in /home/u/.aws/config)". Never shows
 * a secret: at most a shortened access key id.
 *
 * Returns: (transfer full): a translated description
 */
char *
bp_credentials_describe (BpCredentials *self)
{
  g_autofree char *origin = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  origin = _bp_credentials_describe_origin (self);
  if (self->expiration == 0)
    return g_steal_pointer (&origin);

  when = _bp_credentials_format_time (self->expiration);
  /* Translators: "profile work (credential_process in FILE), expires 2026-11-22 13:00:00 UTC" */
  return g_strdup_printf (_("%s, expires %s"), origin, when);
}
