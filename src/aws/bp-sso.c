/* bp-sso.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sso"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>
#include <json-glib/json-glib.h>

#include "bp-credentials-private.h"
#include "bp-sso-private.h"

/* The portal's host for a region, as the AWS SDKs build it. */
#define SSO_PORTAL_URL_FORMAT "https://portal.sso.%s.amazonaws.com"
/* GetRoleCredentials (the SDKs' "sso" service, operation on the portal). */
#define SSO_GET_ROLE_CREDENTIALS_PATH "/federation/credentials"
#define SSO_BEARER_HEADER "x-amz-sso_bearer_token"
#define SSO_ENDPOINT_ENV "AWS_ENDPOINT_URL_SSO"

typedef struct
{
  /* (owned) */
  SoupSession *session;
  char        *profile;
  char        *source_path;
  char        *cache_path;
  char        *url;
  /* (owned) (nullable): wiped before it is freed */
  char        *token;

  gint64       now;
} SsoData;

static void
sso_data_free (SsoData *data)
{
  if (data->token != NULL)
    gnutls_memset (data->token, 0, strlen (data->token));
  g_clear_pointer (&data->token, g_free);
  g_clear_object (&data->session);
  g_free (data->profile);
  g_free (data->source_path);
  g_free (data->cache_path);
  g_free (data->url);
  g_free (data);
}

typedef struct
{
  const char *start_url;
  const char *region;
  const char *account_id;
  const char *role_name;
  const char *cache_key;
  const char *path;
} SsoSettings;

/* A value, or NULL when unset or empty. */
static const char *
config_get (BpSharedConfig       *config,
            BpConfigSectionKind   kind,
            const char           *name,
            const char           *key,
            const char          **out_path)
{
  const char *value = bp_shared_config_get (config, kind, name, key, NULL, out_path);

  return value != NULL && *value != '\0' ? value : NULL;
}

gboolean
_bp_sso_profile_uses_sso (BpSharedConfig *config,
                          const char     *profile)
{
  g_return_val_if_fail (config != NULL && profile != NULL, FALSE);

  return config_get (config, BP_CONFIG_SECTION_PROFILE, profile, "sso_session", NULL) != NULL ||
         config_get (config, BP_CONFIG_SECTION_PROFILE, profile, "sso_start_url", NULL) != NULL;
}

char *
_bp_sso_token_cache_path (const char * const *envp,
                          const char         *cache_key)
{
  g_autofree char *sha1 = NULL;
  g_autofree char *name = NULL;
  const char *home;

  g_return_val_if_fail (cache_key != NULL, NULL);

  home = envp != NULL ? g_environ_getenv ((char **) envp, "HOME") : NULL;
  if (home == NULL || *home == '\0')
    home = g_get_home_dir ();

  sha1 = g_compute_checksum_for_string (G_CHECKSUM_SHA1, cache_key, -1);
  name = g_strconcat (sha1, ".json", NULL);

  return g_build_filename (home, ".aws", "sso", "cache", name, NULL);
}

static GError *
incomplete_error (const char *profile,
                  const char *path,
                  const char *what)
{
  return g_error_new (BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE,
                      /* Translators: the first %s is a profile, the second a file, the
                       * third names the missing settings */
                      _("Profile “%s” in %s uses IAM Identity Center (SSO) but %s. "
                        "Run `aws configure sso` to set the profile up again"),
                      profile, path, what);
}

/* The sso_session form reads start URL and region from [sso-session NAME];
 * the legacy form has them in the profile itself. */
static gboolean
read_settings (BpSharedConfig  *config,
               const char      *profile,
               SsoSettings     *s,
               GError         **error)
{
  const char *session;
  g_autofree char *what = NULL;

  session = config_get (config, BP_CONFIG_SECTION_PROFILE, profile, "sso_session", &s->path);
  if (session != NULL)
    {
      s->cache_key = session;
      s->start_url = config_get (config, BP_CONFIG_SECTION_SSO_SESSION, session, "sso_start_url", NULL);
      s->region = config_get (config, BP_CONFIG_SECTION_SSO_SESSION, session, "sso_region", NULL);
      if (!bp_shared_config_has_section (config, BP_CONFIG_SECTION_SSO_SESSION, session))
        what = g_strdup_printf (_("there is no [sso-session %s] section"), session);
      else if (s->start_url == NULL || s->region == NULL)
        what = g_strdup_printf (_("[sso-session %s] lacks sso_start_url or sso_region"), session);
    }
  else
    {
      s->start_url = config_get (config, BP_CONFIG_SECTION_PROFILE, profile, "sso_start_url", &s->path);
      s->region = config_get (config, BP_CONFIG_SECTION_PROFILE, profile, "sso_region", NULL);
      s->cache_key = s->start_url;
      if (s->start_url == NULL || s->region == NULL)
        what = g_strdup (_("it lacks sso_start_url or sso_region"));
    }

  s->account_id = config_get (config, BP_CONFIG_SECTION_PROFILE, profile, "sso_account_id", NULL);
  s->role_name = config_get (config, BP_CONFIG_SECTION_PROFILE, profile, "sso_role_name", NULL);
  if (what == NULL && (s->account_id == NULL || s->role_name == NULL))
    what = g_strdup (_("it lacks sso_account_id or sso_role_name"));

  if (s->path == NULL)
    s->path = bp_shared_config_get_config_path (config);

  if (what == NULL)
    return TRUE;

  g_propagate_error (error, incomplete_error (profile, s->path, what));
  return FALSE;
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* The portal: https://portal.sso.REGION.amazonaws.com, or AWS_ENDPOINT_URL_SSO
 * (which may be http:// only on this machine: the token must not leak). */
static char *
portal_url (const char * const  *envp,
            const char          *region,
            GError             **error)
{
  const char *override = g_environ_getenv ((char **) envp, SSO_ENDPOINT_ENV);
  const char *ignore = g_environ_getenv ((char **) envp, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;

  if (override != NULL && *override != '\0' && g_strcmp0 (ignore, "true") != 0)
    url = g_strdup (override);
  else if (region[strspn (region, "abcdefghijklmnopqrstuvwxyz0123456789-")] == '\0')
    url = g_strdup_printf (SSO_PORTAL_URL_FORMAT, region);

  if (url != NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      !(g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 ||
        (g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 && is_loopback_host (g_uri_get_host (uri)))))
    {
      g_set_error (error, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_SSO_FAILED,
                   _("The IAM Identity Center portal address is not valid (check sso_region, "
                     "or %s, which must be https:// unless it points at this computer)"),
                   SSO_ENDPOINT_ENV);
      return NULL;
    }

  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  return g_steal_pointer (&url);
}

static GError *
login_error (SsoData    *data,
             const char *reason)
{
  return g_error_new (BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_SSO_LOGIN_REQUIRED,
                      /* Translators: the first %s is a profile, the second the reason,
                       * the third the profile again (in a command) */
                      _("Profile “%s” uses IAM Identity Center (SSO) and %s. Run "
                        "`aws sso login --profile %s`, then try again"),
                      data->profile, reason, data->profile);
}

static gboolean
read_token (SsoData     *data,
            const char  *text,
            gsize        len,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *reason = NULL;
  const char *token = NULL, *expires_at = NULL;
  gint64 expires = 0;
  JsonObject *object;

  if (json_parser_load_from_data (parser, text, len, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      object = json_node_get_object (json_parser_get_root (parser));
      token = json_object_get_string_member_with_default (object, "accessToken", NULL);
      expires_at = json_object_get_string_member_with_default (object, "expiresAt", NULL);
    }

  if (token == NULL || *token == '\0' || !_bp_credentials_parse_time (expires_at, &expires))
    reason = g_strdup_printf (_("its cached login in %s is not readable"), data->cache_path);
  else if (expires <= data->now)
    {
      g_autofree char *when = _bp_credentials_format_time (expires);
      reason = g_strdup_printf (_("its login expired at %s"), when);
    }

  if (reason != NULL)
    {
      g_propagate_error (error, login_error (data, reason));
      return FALSE;
    }

  data->token = g_strdup (token);
  return TRUE;
}

static BpCredentials *
parse_role_credentials (SsoData  *data,
                        GBytes   *body,
                        GError  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *key_id = NULL, *secret = NULL, *token = NULL;
  JsonObject *object = NULL;
  gint64 expiration_ms = 0;
  BpCredentials *credentials;
  gsize len = 0;
  const char *text = g_bytes_get_data (body, &len);

  if (json_parser_load_from_data (parser, text != NULL ? text : "", len, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    object = json_node_get_object (json_parser_get_root (parser));
  if (object != NULL && json_object_has_member (object, "roleCredentials") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "roleCredentials")))
    {
      object = json_object_get_object_member (object, "roleCredentials");
      key_id = json_object_get_string_member_with_default (object, "accessKeyId", NULL);
      secret = json_object_get_string_member_with_default (object, "secretAccessKey", NULL);
      token = json_object_get_string_member_with_default (object, "sessionToken", NULL);
      expiration_ms = json_object_get_int_member_with_default (object, "expiration", 0);
    }

  if (key_id == NULL || *key_id == '\0' || secret == NULL || *secret == '\0' || expiration_ms < 0)
    {
      g_set_error (error, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_SSO_FAILED,
                   _("IAM Identity Center sent an unexpected answer for profile “%s” in %s "
                     "(no role credentials in it)"),
                   data->profile, data->source_path);
      return NULL;
    }

  credentials = bp_credentials_new_keys (key_id, secret, token, expiration_ms / 1000);
  _bp_credentials_set_origin (credentials, BP_CREDENTIAL_SOURCE_SSO, data->profile, data->source_path);

  return credentials;
}

static void
wipe_bytes (GBytes *bytes)
{
  gsize len = 0;
  guint8 *data;

  if (bytes == NULL)
    return;

  data = g_bytes_unref_to_data (bytes, &len);
  gnutls_memset (data, 0, len);
  g_free (data);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  SsoData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessage *message;
  BpCredentials *credentials;
  guint status;

  body = soup_session_send_and_read_finish (session, result, &error);
  if (body == NULL)
    {
      if (!g_task_return_error_if_cancelled (task))
        g_task_return_new_error (task, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_SSO_FAILED,
                                 _("Could not reach IAM Identity Center at %s for profile “%s”: "
                                   "%s. Check the network connection and sso_region"),
                                 data->url, data->profile, error->message);
      return;
    }

  message = soup_session_get_async_result_message (session, result);
  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      g_task_return_error (task, login_error (data, _("IAM Identity Center no longer accepts its login")));
      wipe_bytes (g_steal_pointer (&body));
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_new_error (task, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_SSO_FAILED,
                               _("IAM Identity Center refused the credentials of profile “%s” "
                                 "(HTTP %u %s). Check sso_account_id and sso_role_name in %s"),
                               data->profile, status, soup_message_get_reason_phrase (message),
                               data->source_path);
      wipe_bytes (g_steal_pointer (&body));
      return;
    }

  credentials = parse_role_credentials (data, body, &error);
  wipe_bytes (g_steal_pointer (&body));
  if (credentials == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) bp_credentials_unref);
}

static void
send_request (GTask *task)
{
  SsoData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;

  message = soup_message_new (SOUP_METHOD_GET, data->url);
  if (message == NULL)
    {
      g_task_return_new_error (task, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_SSO_FAILED,
                               _("The IAM Identity Center address %s is not valid"), data->url);
      return;
    }

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                SSO_BEARER_HEADER, data->token);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");

  soup_session_send_and_read_async (data->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_cb, g_object_ref (task));
}

static void
load_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SsoData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;
  gboolean ok;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &len, NULL, &error))
    {
      g_autofree char *reason = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;

      g_debug ("No SSO token cache for profile %s: %s", data->profile, error->message);
      reason = g_strdup_printf (_("has no cached login in %s"), data->cache_path);
      g_task_return_error (task, login_error (data, reason));
      return;
    }

  ok = read_token (data, contents, len, &error);
  gnutls_memset (contents, 0, len);
  g_free (contents);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    send_request (task);
}

/**
 * _bp_sso_get_credentials_async:
 * @session: the provider's session (used from this thread only)
 * @config: the shared config
 * @profile: an SSO profile (see _bp_sso_profile_uses_sso())
 * @envp: the environment: HOME, AWS_ENDPOINT_URL_SSO
 * @now: the current time, unix seconds
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets role credentials for the profile's account and role.
 */
void
_bp_sso_get_credentials_async (SoupSession         *session,
                               BpSharedConfig      *config,
                               const char          *profile,
                               const char * const  *envp,
                               gint64               now,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *account = NULL;
  g_autofree char *role = NULL;
  g_autofree char *base = NULL;
  SsoSettings settings = { 0 };
  SsoData *data;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (config != NULL && profile != NULL && envp != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _bp_sso_get_credentials_async);

  if (!read_settings (config, profile, &settings, &error) ||
      !(base = portal_url (envp, settings.region, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (SsoData, 1);
  data->session = g_object_ref (session);
  data->profile = g_strdup (profile);
  data->source_path = g_strdup (settings.path);
  data->now = now;
  data->cache_path = _bp_sso_token_cache_path (envp, settings.cache_key);
  role = g_uri_escape_string (settings.role_name, NULL, FALSE);
  account = g_uri_escape_string (settings.account_id, NULL, FALSE);
  data->url = g_strconcat (base, SSO_GET_ROLE_CREDENTIALS_PATH "?role_name=", role,
                           "&account_id=", account, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) sso_data_free);

  file = g_file_new_for_path (data->cache_path);
  g_file_load_contents_async (file, cancellable, load_token_cb, g_steal_pointer (&task));
}

/**
 * _bp_sso_get_credentials_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the role credentials
 */
BpCredentials *
_bp_sso_get_credentials_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _bp_sso_get_credentials_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
