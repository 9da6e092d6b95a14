/* test-sso.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "bp-credentials-test-utils.h"
#include "bp-sso-private.h"
#include "bp-test-utils.h"

/* sha1 ("my-sso") and sha1 ("https://legacy.awsapps.com/start"), computed
 * with Python's hashlib: the names the AWS CLI gives the token caches. */
#define SESSION_CACHE ".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json"
#define LEGACY_CACHE  ".aws/sso/cache/79e435d7a515078e81c9dffc35f38d5687ebd3a7.json"

/* 2026-01-01T01:00:00Z in milliseconds. */
#define ROLE_EXPIRATION_MS "1767229200000"

static const char sso_config[] =
  "[profile sso-new]\n"
  "sso_session = my-sso\n"
  "sso_account_id = 123456789012\n"
  "sso_role_name = BedrockUser\n"
  "region = us-east-1\n"
  "\n"
  "[sso-session my-sso]\n"
  "sso_start_url = https://example.awsapps.com/start\n"
  "sso_region = us-east-1\n"
  "sso_registration_scopes = sso:account:access\n"
  "\n"
  "[profile sso-legacy]\n"
  "sso_start_url = https://legacy.awsapps.com/start\n"
  "sso_region = us-west-2\n"
  "sso_account_id = 210987654321\n"
  "sso_role_name = Legacy Role\n"
  "\n"
  "[profile no-section]\n"
  "sso_session = missing\n"
  "sso_account_id = 1\n"
  "sso_role_name = R\n"
  "\n"
  "[profile no-role]\n"
  "sso_session = my-sso\n"
  "sso_account_id = 123456789012\n";

typedef enum {
  PORTAL_OK,
  PORTAL_UNAUTHORIZED,
  PORTAL_SERVER_ERROR,
  PORTAL_BAD_BODY,
} PortalMode;

typedef struct
{
  TestHome    *home;
  SoupServer  *server;
  char        *config_path;
  PortalMode   mode;
  guint        n_requests;
  char        *last_token;
  char        *last_role;
  char        *last_account;
} Fixture;

static void
portal_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *body = "{\"roleCredentials\":{\"accessKeyId\":\"ASIASSOEXAMPLE\","
                     "\"secretAccessKey\":\"" TEST_SSO_SECRET "\","
                     "\"sessionToken\":\"" TEST_SSO_TOKEN "\","
                     "\"expiration\":" ROLE_EXPIRATION_MS "}}";

  fixture->n_requests++;
  g_assert_cmpstr (soup_server_message_get_method (message), ==, "GET");
  g_free (fixture->last_token);
  fixture->last_token = g_strdup (soup_message_headers_get_one (headers, "x-amz-sso_bearer_token"));
  g_free (fixture->last_role);
  fixture->last_role = g_strdup (query != NULL ? g_hash_table_lookup (query, "role_name") : NULL);
  g_free (fixture->last_account);
  fixture->last_account = g_strdup (query != NULL ? g_hash_table_lookup (query, "account_id") : NULL);

  if (fixture->mode == PORTAL_UNAUTHORIZED || g_strcmp0 (fixture->last_token, TEST_SSO_ACCESS) != 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_UNAUTHORIZED, NULL);
      body = "{\"message\":\"Session token not found or invalid\"}";
    }
  else if (fixture->mode == PORTAL_SERVER_ERROR)
    {
      soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      body = "{}";
    }
  else
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      if (fixture->mode == PORTAL_BAD_BODY)
        body = "{\"roleCredentials\":{\"accessKeyId\":\"ASIASSOEXAMPLE\"}}";
    }

  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;

  fixture->home = test_home_new ();
  fixture->config_path = test_home_write (fixture->home, ".aws/config", sso_config);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/federation/credentials", portal_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  g_assert_nonnull (uris);
  url = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  test_home_setenv (fixture->home, "AWS_ENDPOINT_URL_SSO", url);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->home, test_home_free);
  g_free (fixture->config_path);
  g_free (fixture->last_token);
  g_free (fixture->last_role);
  g_free (fixture->last_account);
}

static void
write_token (Fixture    *fixture,
             const char *relative_path,
             const char *expires_at)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"startUrl\": \"https://example.awsapps.com/start\", \"region\": \"us-east-1\", "
                          "\"accessToken\": \"" TEST_SSO_ACCESS "\", \"expiresAt\": \"%s\"}", expires_at);
  g_free (test_home_write (fixture->home, relative_path, json));
}

static BpCredentials *
get_credentials (Fixture     *fixture,
                 const char  *profile,
                 GError     **error)
{
  g_autoptr(BpCredentialProvider) provider = test_home_provider (fixture->home, profile);

  return test_get_credentials (provider, NULL, error);
}

static void
test_cache_path (void)
{
  const char *env[] = { "HOME=/home/u", NULL };
  g_autofree char *session = _bp_sso_token_cache_path (env, "my-sso");
  g_autofree char *legacy = _bp_sso_token_cache_path (env, "https://legacy.awsapps.com/start");

  g_assert_cmpstr (session, ==, "/home/u/" SESSION_CACHE);
  g_assert_cmpstr (legacy, ==, "/home/u/" LEGACY_CACHE);
}

static void
test_session_form (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  write_token (fixture, SESSION_CACHE, "2026-01-01T08:00:00Z");
  credentials = get_credentials (fixture, "sso-new", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->n_requests, ==, 1);
  g_assert_cmpstr (fixture->last_token, ==, TEST_SSO_ACCESS);
  g_assert_cmpstr (fixture->last_role, ==, "BedrockUser");
  g_assert_cmpstr (fixture->last_account, ==, "123456789012");

  g_assert_cmpint (bp_credentials_get_source (credentials), ==, BP_CREDENTIAL_SOURCE_SSO);
  g_assert_cmpstr (bp_credentials_get_access_key_id (credentials), ==, "ASIASSOEXAMPLE");
  g_assert_cmpstr (bp_credentials_get_secret_access_key (credentials), ==, TEST_SSO_SECRET);
  g_assert_cmpstr (bp_credentials_get_session_token (credentials), ==, TEST_SSO_TOKEN);
  g_assert_cmpint (bp_credentials_get_expiration (credentials), ==, TEST_NOW + 3600);
  g_assert_cmpstr (bp_credentials_get_profile (credentials), ==, "sso-new");
  g_assert_cmpstr (bp_credentials_get_source_path (credentials), ==, fixture->config_path);

  description = bp_credentials_describe (credentials);
  g_assert_nonnull (strstr (description, "profile sso-new (IAM Identity Center in "));
  test_assert_no_secrets (description);
}

static void
test_legacy_form (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  /* Old AWS CLI versions wrote "UTC" instead of "Z". */
  write_token (fixture, LEGACY_CACHE, "2026-01-01T08:00:00UTC");
  credentials = get_credentials (fixture, "sso-legacy", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->last_role, ==, "Legacy Role");
  g_assert_cmpstr (fixture->last_account, ==, "210987654321");
  g_assert_cmpstr (bp_credentials_get_access_key_id (credentials), ==, "ASIASSOEXAMPLE");
}

static void
test_missing_cache (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = g_build_filename (fixture->home->home, SESSION_CACHE, NULL);

  /* A token for the other profile does not count. */
  write_token (fixture, LEGACY_CACHE, "2026-01-01T08:00:00Z");
  g_assert_null (get_credentials (fixture, "sso-new", &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_SSO_LOGIN_REQUIRED, "“sso-new”",
                     "`aws sso login --profile sso-new`", cache, NULL);
  g_assert_cmpuint (fixture->n_requests, ==, 0);
}

static void
test_expired_token (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  write_token (fixture, SESSION_CACHE, "2025-12-31T23:59:00Z");
  g_assert_null (get_credentials (fixture, "sso-new", &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_SSO_LOGIN_REQUIRED, "expired at 2025-12-31 23:59:00 UTC",
                     "`aws sso login --profile sso-new`", NULL);
  g_assert_cmpuint (fixture->n_requests, ==, 0);
}

static void
test_unreadable_token (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_free (test_home_write (fixture->home, SESSION_CACHE, "{\"accessToken\": \"" TEST_SSO_ACCESS "\"}"));
  g_assert_null (get_credentials (fixture, "sso-new", &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_SSO_LOGIN_REQUIRED, "not readable",
                     "`aws sso login --profile sso-new`", NULL);
}

static void
test_portal_unauthorized (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->mode = PORTAL_UNAUTHORIZED;
  write_token (fixture, SESSION_CACHE, "2026-01-01T08:00:00Z");
  g_assert_null (get_credentials (fixture, "sso-new", &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_SSO_LOGIN_REQUIRED, "“sso-new”",
                     "`aws sso login --profile sso-new`", NULL);
  g_assert_cmpuint (fixture->n_requests, ==, 1);
}

static void
test_portal_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->mode = PORTAL_SERVER_ERROR;
  write_token (fixture, SESSION_CACHE, "2026-01-01T08:00:00Z");
  g_assert_null (get_credentials (fixture, "sso-new", &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_SSO_FAILED, "“sso-new”", "HTTP 500",
                     fixture->config_path, NULL);

  g_clear_error (&error);
  fixture->mode = PORTAL_BAD_BODY;
  g_assert_null (get_credentials (fixture, "sso-new", &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_SSO_FAILED, "unexpected answer", NULL);
}

static void
test_portal_unreachable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Port 1 on loopback: nothing listens there. */
  test_home_setenv (fixture->home, "AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:1");
  write_token (fixture, SESSION_CACHE, "2026-01-01T08:00:00Z");
  g_assert_null (get_credentials (fixture, "sso-new", &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_SSO_FAILED, "Could not reach", "“sso-new”", NULL);
}

static void
test_insecure_endpoint (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The token must not travel in clear text off this machine. */
  test_home_setenv (fixture->home, "AWS_ENDPOINT_URL_SSO", "http://portal.example.com");
  write_token (fixture, SESSION_CACHE, "2026-01-01T08:00:00Z");
  g_assert_null (get_credentials (fixture, "sso-new", &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_SSO_FAILED, "AWS_ENDPOINT_URL_SSO", "https://", NULL);
}

static void
test_incomplete (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (get_credentials (fixture, "no-section", &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE, "“no-section”",
                     "[sso-session missing]", fixture->config_path, "aws configure sso", NULL);

  g_clear_error (&error);
  g_assert_null (get_credentials (fixture, "no-role", &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE, "“no-role”", "sso_role_name", NULL);
  g_assert_cmpuint (fixture->n_requests, ==, 0);
}

static void
test_cached (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(BpCredentialProvider) provider = test_home_provider (fixture->home, "sso-new");
  g_autoptr(BpCredentials) first = NULL;
  g_autoptr(BpCredentials) second = NULL;
  g_autoptr(BpCredentials) third = NULL;
  g_autoptr(GError) error = NULL;

  write_token (fixture, SESSION_CACHE, "2026-01-01T08:00:00Z");
  first = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  second = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (first == second);
  g_assert_cmpuint (fixture->n_requests, ==, 1);

  /* Four minutes before the role credentials expire: fetch again. */
  fixture->home->now = TEST_NOW + 3600 - 240;
  third = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_requests, ==, 2);
}

static void
add_sso_test (const char *path,
              void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/sso/cache-path", test_cache_path);
  add_sso_test ("/bp/sso/session-form", test_session_form);
  add_sso_test ("/bp/sso/legacy-form", test_legacy_form);
  add_sso_test ("/bp/sso/missing-cache", test_missing_cache);
  add_sso_test ("/bp/sso/expired-token", test_expired_token);
  add_sso_test ("/bp/sso/unreadable-token", test_unreadable_token);
  add_sso_test ("/bp/sso/portal-unauthorized", test_portal_unauthorized);
  add_sso_test ("/bp/sso/portal-failure", test_portal_failure);
  add_sso_test ("/bp/sso/portal-unreachable", test_portal_unreachable);
  add_sso_test ("/bp/sso/insecure-endpoint", test_insecure_endpoint);
  add_sso_test ("/bp/sso/incomplete", test_incomplete);
  add_sso_test ("/bp/sso/cached", test_cached);

  return g_test_run ();
}
