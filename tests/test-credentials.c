/* test-credentials.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-credentials-private.h"
#include "bp-credentials-test-utils.h"
#include "bp-keyring.h"
#include "bp-shared-config.h"
#include "bp-test-utils.h"

#define UNSUPPORTED_FIX \
  "create a profile with `credential_process = aws configure export-credentials " \
  "--profile assumed --format process` and select it"

/* The fake keyring the provider's hook talks to. */
static guint fake_keyring_calls;
static const char *fake_keyring_value;
static gboolean fake_keyring_fails;

static void
fake_keyring_lookup_async (GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  fake_keyring_calls++;
  if (fake_keyring_fails)
    g_task_return_new_error (task, BP_KEYRING_ERROR, BP_KEYRING_ERROR_FAILED, "the keyring is locked");
  else
    g_task_return_pointer (task, g_strdup (fake_keyring_value), g_free);
}

static char *
fake_keyring_lookup_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static BpCredentialProvider *
keyring_provider (TestHome   *home,
                  const char *profile,
                  const char *stored_key)
{
  BpCredentialProvider *provider = test_home_provider (home, profile);

  fake_keyring_calls = 0;
  fake_keyring_value = stored_key;
  fake_keyring_fails = FALSE;
  _bp_credential_provider_set_keyring_lookup (provider, fake_keyring_lookup_async,
                                              fake_keyring_lookup_finish);
  g_object_set (provider, "use-keyring", TRUE, NULL);

  return provider;
}

static void
test_describe_no_secret (void)
{
  g_autoptr(BpCredentials) keys = bp_credentials_new_keys ("AKIAIOSFODNN7EXAMPLE", TEST_SECRET, TEST_TOKEN, 0);
  g_autoptr(BpCredentials) bearer = bp_credentials_new_bearer (TEST_BEARER);
  g_autoptr(BpCredentials) profile = bp_credentials_new_keys ("AKIAIOSFODNN7EXAMPLE", TEST_SECRET, NULL, TEST_NOW);
  g_autofree char *d1 = bp_credentials_describe (keys);
  g_autofree char *d2 = bp_credentials_describe (bearer);
  g_autofree char *d3 = NULL;

  _bp_credentials_set_origin (profile, BP_CREDENTIAL_SOURCE_PROFILE, "work", "/home/u/.aws/credentials");
  d3 = bp_credentials_describe (profile);

  g_assert_cmpstr (d1, ==, "access key AKIA…MPLE");
  g_assert_cmpstr (d2, ==, "Bedrock API key");
  g_assert_cmpstr (d3, ==, "profile work (static keys in /home/u/.aws/credentials, AKIA…MPLE), "
                           "expires 2026-01-01 00:00:00 UTC");
  test_assert_no_secrets (d1);
  test_assert_no_secrets (d2);
  test_assert_no_secrets (d3);
  g_assert_null (strstr (d3, "AKIAIOSFODNN7EXAMPLE"));
}

static void
test_mask_key_id (void)
{
  g_autofree char *long_id = _bp_credentials_mask_key_id ("AKIAIOSFODNN7EXAMPLE");
  g_autofree char *short_id = _bp_credentials_mask_key_id ("AKIDEXAMPLE");
  g_autofree char *tiny = _bp_credentials_mask_key_id ("AKID");

  g_assert_cmpstr (long_id, ==, "AKIA…MPLE");
  g_assert_cmpstr (short_id, ==, "…MPLE");
  g_assert_cmpstr (tiny, ==, "…");
}

static void
test_accessors (void)
{
  g_autoptr(BpCredentials) keys = bp_credentials_new_keys (TEST_KEY_ID, TEST_SECRET, "", 42);
  g_autoptr(BpCredentials) bearer = bp_credentials_new_bearer (TEST_BEARER);
  BpCredentials *extra = bp_credentials_ref (keys);

  g_assert_true (extra == keys);
  bp_credentials_unref (extra);

  g_assert_false (bp_credentials_is_bearer (keys));
  g_assert_cmpstr (bp_credentials_get_access_key_id (keys), ==, TEST_KEY_ID);
  g_assert_cmpstr (bp_credentials_get_secret_access_key (keys), ==, TEST_SECRET);
  g_assert_null (bp_credentials_get_session_token (keys));  /* "" means none */
  g_assert_null (bp_credentials_get_bearer_token (keys));
  g_assert_cmpint (bp_credentials_get_expiration (keys), ==, 42);
  g_assert_cmpint (bp_credentials_get_source (keys), ==, BP_CREDENTIAL_SOURCE_NONE);
  g_assert_null (bp_credentials_get_profile (keys));

  g_assert_true (bp_credentials_is_bearer (bearer));
  g_assert_cmpstr (bp_credentials_get_bearer_token (bearer), ==, TEST_BEARER);
  g_assert_null (bp_credentials_get_access_key_id (bearer));
  g_assert_true (G_TYPE_IS_BOXED (BP_TYPE_CREDENTIALS));
}

static void
test_bearer_env_wins (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  test_home_put (home, ".aws/credentials", "[default]\naws_access_key_id = AKIDPROFILE\n"
                                             "aws_secret_access_key = " TEST_SECRET "\n");
  test_home_setenv (home, "AWS_BEARER_TOKEN_BEDROCK", TEST_BEARER);
  test_home_setenv (home, "AWS_ACCESS_KEY_ID", TEST_KEY_ID);
  test_home_setenv (home, "AWS_SECRET_ACCESS_KEY", TEST_SECRET);
  provider = test_home_provider (home, "default");

  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bp_credentials_is_bearer (credentials));
  g_assert_cmpstr (bp_credentials_get_bearer_token (credentials), ==, TEST_BEARER);
  g_assert_cmpint (bp_credentials_get_source (credentials), ==, BP_CREDENTIAL_SOURCE_API_KEY_ENVIRONMENT);

  description = bp_credentials_describe (credentials);
  g_assert_cmpstr (description, ==, "Bedrock API key from AWS_BEARER_TOKEN_BEDROCK");
}

static void
test_env_keys (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  test_home_put (home, ".aws/credentials", "[default]\naws_access_key_id = AKIDPROFILE\n"
                                             "aws_secret_access_key = profilesecret\n");
  test_home_setenv (home, "AWS_ACCESS_KEY_ID", TEST_KEY_ID);
  test_home_setenv (home, "AWS_SECRET_ACCESS_KEY", TEST_SECRET);
  test_home_setenv (home, "AWS_SESSION_TOKEN", TEST_TOKEN);
  test_home_setenv (home, "AWS_CREDENTIAL_EXPIRATION", "2026-01-01T01:00:00Z");
  test_home_setenv (home, "AWS_BEARER_TOKEN_BEDROCK", "");  /* empty = unset */
  provider = test_home_provider (home, NULL);

  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_credentials_get_source (credentials), ==, BP_CREDENTIAL_SOURCE_ENVIRONMENT);
  g_assert_cmpstr (bp_credentials_get_access_key_id (credentials), ==, TEST_KEY_ID);
  g_assert_cmpstr (bp_credentials_get_secret_access_key (credentials), ==, TEST_SECRET);
  g_assert_cmpstr (bp_credentials_get_session_token (credentials), ==, TEST_TOKEN);
  g_assert_cmpint (bp_credentials_get_expiration (credentials), ==, TEST_NOW + 3600);
  g_assert_null (bp_credentials_get_profile (credentials));

  description = bp_credentials_describe (credentials);
  test_assert_no_secrets (description);
  g_assert_nonnull (strstr (description, "AKID…0001"));
}

static void
test_env_legacy_security_token (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  test_home_setenv (home, "AWS_ACCESS_KEY_ID", TEST_KEY_ID);
  test_home_setenv (home, "AWS_SECRET_ACCESS_KEY", TEST_SECRET);
  test_home_setenv (home, "AWS_SECURITY_TOKEN", TEST_TOKEN);
  provider = test_home_provider (home, NULL);

  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bp_credentials_get_session_token (credentials), ==, TEST_TOKEN);
  g_assert_cmpint (bp_credentials_get_expiration (credentials), ==, 0);
}

static void
test_env_key_without_secret (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  /* A complete default profile must not hide the mistake. */
  test_home_put (home, ".aws/credentials", "[default]\naws_access_key_id = AKIDPROFILE\n"
                                             "aws_secret_access_key = " TEST_SECRET "\n");
  test_home_setenv (home, "AWS_ACCESS_KEY_ID", TEST_KEY_ID);
  test_home_setenv (home, "AWS_SESSION_TOKEN", TEST_TOKEN);
  provider = test_home_provider (home, NULL);

  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_null (credentials);
  test_assert_error (error, BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE,
                     "AWS_SECRET_ACCESS_KEY is not set", "AWS_ACCESS_KEY_ID", NULL);
}

static void
test_env_secret_without_key (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  test_home_setenv (home, "AWS_SECRET_ACCESS_KEY", TEST_SECRET);
  provider = test_home_provider (home, NULL);

  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE,
                     "AWS_ACCESS_KEY_ID is not set", NULL);
}

static void
test_env_expired (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  test_home_setenv (home, "AWS_ACCESS_KEY_ID", TEST_KEY_ID);
  test_home_setenv (home, "AWS_SECRET_ACCESS_KEY", TEST_SECRET);
  test_home_setenv (home, "AWS_SESSION_TOKEN", TEST_TOKEN);
  test_home_setenv (home, "AWS_CREDENTIAL_EXPIRATION", "2025-12-31T23:00:00Z");
  provider = test_home_provider (home, NULL);

  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_EXPIRED,
                     "environment variables", "2025-12-31 23:00:00 UTC", NULL);

  /* And a value that is not a time at all. */
  g_clear_error (&error);
  test_home_setenv (home, "AWS_CREDENTIAL_EXPIRATION", "tomorrow");
  bp_credential_provider_set_environment (provider, (const char * const *) home->env);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_CONFIG, "AWS_CREDENTIAL_EXPIRATION", NULL);
}

static void
assert_profile_keys (BpCredentials *credentials,
                     const char    *key_id,
                     const char    *profile,
                     const char    *path)
{
  g_assert_nonnull (credentials);
  g_assert_cmpint (bp_credentials_get_source (credentials), ==, BP_CREDENTIAL_SOURCE_PROFILE);
  g_assert_cmpstr (bp_credentials_get_access_key_id (credentials), ==, key_id);
  g_assert_cmpstr (bp_credentials_get_profile (credentials), ==, profile);
  g_assert_cmpstr (bp_credentials_get_source_path (credentials), ==, path);
}

static void
test_profile_credentials_file (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *description = NULL;

  path = test_home_write (home, ".aws/credentials",
                          "[default]\naws_access_key_id = " TEST_KEY_ID "\n"
                          "aws_secret_access_key = " TEST_SECRET "\n"
                          "aws_session_token = " TEST_TOKEN "\n");
  provider = test_home_provider (home, NULL);

  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  assert_profile_keys (credentials, TEST_KEY_ID, "default", path);
  g_assert_cmpstr (bp_credentials_get_secret_access_key (credentials), ==, TEST_SECRET);
  g_assert_cmpstr (bp_credentials_get_session_token (credentials), ==, TEST_TOKEN);

  description = bp_credentials_describe (credentials);
  test_assert_no_secrets (description);
  g_assert_nonnull (strstr (description, "profile default"));
  g_assert_nonnull (strstr (description, path));
}

static void
test_profile_config_file (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = test_home_write (home, ".aws/config",
                          "[default]\nregion = us-west-2\n\n[profile work]\n"
                          "aws_access_key_id = AKIDCONFIGFILE\n"
                          "aws_secret_access_key = " TEST_SECRET "\n");
  test_home_setenv (home, "AWS_PROFILE", "work");
  provider = test_home_provider (home, NULL);

  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  assert_profile_keys (credentials, "AKIDCONFIGFILE", "work", path);
  g_assert_null (bp_credentials_get_session_token (credentials));
}

static void
test_profile_credentials_file_wins (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  test_home_put (home, ".aws/config", "[default]\naws_access_key_id = AKIDFROMCONFIG\n"
                                        "aws_secret_access_key = configsecret\n");
  path = test_home_write (home, ".aws/credentials", "[default]\naws_access_key_id = AKIDFROMCREDS\n"
                                                    "aws_secret_access_key = " TEST_SECRET "\n");
  provider = test_home_provider (home, NULL);

  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  assert_profile_keys (credentials, "AKIDFROMCREDS", "default", path);
  g_assert_cmpstr (bp_credentials_get_secret_access_key (credentials), ==, TEST_SECRET);
}

static void
test_profile_file_variables (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  /* The default location holds other keys: the variable must win. */
  test_home_put (home, ".aws/credentials", "[default]\naws_access_key_id = AKIDDEFAULTFILE\n"
                                             "aws_secret_access_key = x\n");
  path = test_home_write (home, "elsewhere/creds", "[default]\naws_access_key_id = AKIDOTHERFILE\n"
                                                   "aws_secret_access_key = " TEST_SECRET "\n");
  test_home_setenv (home, "AWS_SHARED_CREDENTIALS_FILE", path);
  provider = test_home_provider (home, NULL);

  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  assert_profile_keys (credentials, "AKIDOTHERFILE", "default", path);
}

static const char two_profiles[] =
  "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = " TEST_SECRET "\n"
  "[work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = " TEST_SECRET "\n"
  "[home]\naws_access_key_id = AKIDHOME\naws_secret_access_key = " TEST_SECRET "\n";

static void
test_profile_aws_profile (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(BpCredentials) legacy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_home_write (home, ".aws/credentials", two_profiles);

  test_home_setenv (home, "AWS_PROFILE", "work");
  test_home_setenv (home, "AWS_DEFAULT_PROFILE", "home");
  provider = test_home_provider (home, NULL);
  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  assert_profile_keys (credentials, "AKIDWORK", "work", path);

  /* Without AWS_PROFILE, botocore's legacy AWS_DEFAULT_PROFILE counts. */
  home->env = g_environ_unsetenv (home->env, "AWS_PROFILE");
  bp_credential_provider_set_environment (provider, (const char * const *) home->env);
  legacy = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  assert_profile_keys (legacy, "AKIDHOME", "home", path);
}

static void
test_profile_explicit_wins (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_home_write (home, ".aws/credentials", two_profiles);

  test_home_setenv (home, "AWS_PROFILE", "work");
  /* As in botocore, an explicitly chosen profile also beats env keys. */
  test_home_setenv (home, "AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT");
  test_home_setenv (home, "AWS_SECRET_ACCESS_KEY", TEST_SECRET);
  provider = test_home_provider (home, "home");

  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  assert_profile_keys (credentials, "AKIDHOME", "home", path);
}

static void
test_profile_missing_explicit (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *creds = test_home_write (home, ".aws/credentials", two_profiles);
  g_autofree char *config = g_build_filename (home->home, ".aws", "config", NULL);

  provider = keyring_provider (home, "nosuch", TEST_BEARER);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_PROFILE_NOT_FOUND,
                     "“nosuch”", creds, config, "--profile", NULL);
  /* No fall-through to the keyring for a profile the user asked for. */
  g_assert_cmpuint (fake_keyring_calls, ==, 0);
}

static void
test_profile_missing_aws_profile (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *creds = test_home_write (home, ".aws/credentials", two_profiles);

  test_home_setenv (home, "AWS_PROFILE", "typo");
  provider = keyring_provider (home, NULL, TEST_BEARER);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_PROFILE_NOT_FOUND,
                     "“typo”", "AWS_PROFILE", creds, NULL);
  g_assert_cmpuint (fake_keyring_calls, ==, 0);
}

static void
test_profile_incomplete (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = test_home_write (home, ".aws/config", "[profile half]\naws_access_key_id = " TEST_KEY_ID "\n"
                                               "aws_session_token = " TEST_TOKEN "\n");
  provider = test_home_provider (home, "half");
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE,
                     "“half”", path, "no aws_secret_access_key", NULL);

  /* The other way round. */
  g_clear_error (&error);
  test_home_put (home, ".aws/config", "[profile half]\naws_secret_access_key = " TEST_SECRET "\n");
  bp_credential_provider_invalidate (provider);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE,
                     "“half”", path, "no aws_access_key_id", NULL);
}

static void
test_profile_unsupported (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = test_home_write (home, ".aws/config",
                          "[profile assumed]\nrole_arn = arn:aws:iam::123456789012:role/Bedrock\n"
                          "source_profile = default\n\n"
                          "[profile federated]\nweb_identity_token_file = /tmp/token\n"
                          "role_arn = arn:aws:iam::123456789012:role/Web\n");
  test_home_put (home, ".aws/credentials", "[default]\naws_access_key_id = " TEST_KEY_ID "\n"
                                             "aws_secret_access_key = " TEST_SECRET "\n");
  provider = keyring_provider (home, "assumed", TEST_BEARER);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_UNSUPPORTED_PROFILE,
                     "“assumed”", path, "role_arn", UNSUPPORTED_FIX, NULL);
  g_assert_cmpuint (fake_keyring_calls, ==, 0);

  g_clear_error (&error);
  bp_credential_provider_set_profile (provider, "federated");
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_UNSUPPORTED_PROFILE,
                     "“federated”", "--profile federated --format process", NULL);
}

static void
test_profile_without_credentials (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  test_home_put (home, ".aws/config", "[default]\nregion = eu-west-1\n[profile bare]\nregion = us-east-1\n");

  /* The default profile with only a region: nothing found. */
  provider = test_home_provider (home, NULL);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_NOT_FOUND, "“default”", "has no credentials", NULL);

  /* A profile the user chose: it is incomplete. */
  g_clear_error (&error);
  bp_credential_provider_set_profile (provider, "bare");
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE, "“bare”", "credential_process", NULL);
}

static void
test_keyring_fallback (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  /* A default profile with only a region falls through to the keyring. */
  test_home_put (home, ".aws/config", "[default]\nregion = eu-west-1\n");
  provider = keyring_provider (home, NULL, TEST_BEARER);

  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fake_keyring_calls, ==, 1);
  g_assert_cmpint (bp_credentials_get_source (credentials), ==, BP_CREDENTIAL_SOURCE_API_KEY_KEYRING);
  g_assert_cmpstr (bp_credentials_get_bearer_token (credentials), ==, TEST_BEARER);

  description = bp_credentials_describe (credentials);
  g_assert_cmpstr (description, ==, "Bedrock API key from the keyring");
}

static void
test_keyring_not_used (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  provider = keyring_provider (home, NULL, TEST_BEARER);
  g_object_set (provider, "use-keyring", FALSE, NULL);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_NOT_FOUND, NULL);
  g_assert_cmpuint (fake_keyring_calls, ==, 0);
  g_assert_null (strstr (error->message, "preferences"));

  /* Nothing stored: not found, and the message mentions the preferences. */
  g_clear_error (&error);
  fake_keyring_value = NULL;
  g_object_set (provider, "use-keyring", TRUE, NULL);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_NOT_FOUND, "preferences", NULL);
  g_assert_cmpuint (fake_keyring_calls, ==, 1);

  /* A failing keyring is reported, not mistaken for "nothing". */
  g_clear_error (&error);
  fake_keyring_fails = TRUE;
  bp_credential_provider_invalidate (provider);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  g_assert_error (error, BP_KEYRING_ERROR, BP_KEYRING_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "keyring is locked"));
}

static void
test_not_found (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = test_home_provider (home, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_build_filename (home->home, ".aws", "config", NULL);
  g_autofree char *creds = g_build_filename (home->home, ".aws", "credentials", NULL);

  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_NOT_FOUND, "“default”", config, creds,
                     "AWS_BEARER_TOKEN_BEDROCK", "aws configure", NULL);
  g_assert_nonnull (bp_credential_provider_get_shared_config (provider));
}

static void
test_config_error (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = test_home_write (home, ".aws/credentials", "[default]\naws_secret_access_key " TEST_SECRET "\n");
  provider = test_home_provider (home, NULL);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_CONFIG, path, NULL);
}

static void
test_cache_and_invalidate (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) first = NULL;
  g_autoptr(BpCredentials) second = NULL;
  g_autoptr(BpCredentials) third = NULL;
  g_autoptr(GError) error = NULL;

  test_home_put (home, ".aws/credentials", "[default]\naws_access_key_id = AKIDFIRST\n"
                                             "aws_secret_access_key = " TEST_SECRET "\n");
  provider = test_home_provider (home, NULL);
  first = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);

  /* Static keys are cached until invalidated. */
  test_home_put (home, ".aws/credentials", "[default]\naws_access_key_id = AKIDSECOND\n"
                                             "aws_secret_access_key = " TEST_SECRET "\n");
  home->now += 365 * 24 * 3600;
  second = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (second == first);

  bp_credential_provider_invalidate (provider);
  third = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bp_credentials_get_access_key_id (third), ==, "AKIDSECOND");
}

static void
test_concurrent_calls_share (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  TestResult a = { 0 }, b = { 0 };

  test_home_put (home, ".aws/credentials", "[default]\naws_access_key_id = " TEST_KEY_ID "\n"
                                             "aws_secret_access_key = " TEST_SECRET "\n");
  provider = test_home_provider (home, NULL);
  bp_credential_provider_get_credentials_async (provider, NULL, test_get_credentials_cb, &a);
  bp_credential_provider_get_credentials_async (provider, NULL, test_get_credentials_cb, &b);
  test_wait (&a.done);
  test_wait (&b.done);

  g_assert_no_error (a.error);
  g_assert_no_error (b.error);
  g_assert_true (a.credentials == b.credentials);
  bp_credentials_unref (a.credentials);
  bp_credentials_unref (b.credentials);
}

static void
test_cancel (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BpCredentials) later = NULL;
  g_autoptr(GError) error = NULL;
  TestResult a = { 0 }, b = { 0 };

  test_home_put (home, ".aws/credentials", "[default]\naws_access_key_id = " TEST_KEY_ID "\n"
                                             "aws_secret_access_key = " TEST_SECRET "\n");
  provider = test_home_provider (home, NULL);

  /* One of two callers cancels: the other still gets the credentials. */
  bp_credential_provider_get_credentials_async (provider, cancellable, test_get_credentials_cb, &a);
  bp_credential_provider_get_credentials_async (provider, NULL, test_get_credentials_cb, &b);
  g_cancellable_cancel (cancellable);
  test_wait (&a.done);
  test_wait (&b.done);
  g_assert_error (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_no_error (b.error);
  g_clear_error (&a.error);
  g_clear_pointer (&b.credentials, bp_credentials_unref);

  /* The only caller cancels: the lookup stops, and a new one works. */
  bp_credential_provider_invalidate (provider);
  g_cancellable_reset (cancellable);
  a.done = FALSE;
  bp_credential_provider_get_credentials_async (provider, cancellable, test_get_credentials_cb, &a);
  g_cancellable_cancel (cancellable);
  test_wait (&a.done);
  g_assert_error (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&a.error);

  later = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bp_credentials_get_access_key_id (later), ==, TEST_KEY_ID);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_properties (void)
{
  g_autoptr(BpCredentialProvider) provider = bp_credential_provider_new ();
  const char *env[] = { "HOME=/nonexistent", NULL };
  g_auto(GStrv) got_env = NULL;
  g_autofree char *profile = NULL;
  guint timeout = 0, notifies = 0;
  gboolean use_keyring = TRUE;

  g_object_get (provider, "profile", &profile, "use-keyring", &use_keyring,
                "process-timeout-ms", &timeout, NULL);
  g_assert_null (profile);
  g_assert_false (use_keyring);
  g_assert_cmpuint (timeout, ==, 30000);
  g_assert_nonnull (bp_credential_provider_get_environment (provider));

  g_signal_connect (provider, "notify", G_CALLBACK (notify_count_cb), &notifies);
  g_object_set (provider, "environment", env, NULL);
  g_object_set (provider, "environment", env, NULL);
  g_assert_cmpuint (notifies, ==, 1);
  g_object_get (provider, "environment", &got_env, NULL);
  g_assert_cmpstrv (got_env, env);

  g_object_set (provider, "profile", "work", NULL);
  g_object_set (provider, "profile", "work", NULL);
  g_assert_cmpuint (notifies, ==, 2);
  g_object_set (provider, "profile", "", NULL);  /* "" = not chosen */
  g_assert_null (bp_credential_provider_get_profile (provider));
  g_assert_cmpuint (notifies, ==, 3);

  g_object_set (provider, "use-keyring", TRUE, "process-timeout-ms", 500, NULL);
  g_object_set (provider, "use-keyring", TRUE, "process-timeout-ms", 500, NULL);
  g_assert_cmpuint (notifies, ==, 5);
  g_assert_true (bp_credential_provider_get_use_keyring (provider));
  g_assert_cmpuint (bp_credential_provider_get_process_timeout_ms (provider), ==, 500);
}

static void
load_config_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BpSharedConfig **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = bp_credential_provider_load_config_finish (BP_CREDENTIAL_PROVIDER (object), result, &error);
  g_assert_no_error (error);
}

static void
test_shared_config (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(BpSharedConfig) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) profiles = NULL;
  const char *expected[] = { "default", "home", "work", NULL };

  test_home_put (home, ".aws/credentials", two_profiles);
  provider = test_home_provider (home, NULL);
  g_assert_null (bp_credential_provider_get_shared_config (provider));

  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bp_credential_provider_get_shared_config (provider));

  bp_credential_provider_load_config_async (provider, NULL, load_config_cb, &loaded);
  while (loaded == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (bp_credential_provider_get_shared_config (provider) == loaded);
  profiles = bp_shared_config_list_profiles (loaded);
  g_assert_cmpstrv (profiles, expected);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/credentials/describe-no-secret", test_describe_no_secret);
  g_test_add_func ("/bp/credentials/mask-key-id", test_mask_key_id);
  g_test_add_func ("/bp/credentials/accessors", test_accessors);
  g_test_add_func ("/bp/credentials/env/bearer-wins", test_bearer_env_wins);
  g_test_add_func ("/bp/credentials/env/keys", test_env_keys);
  g_test_add_func ("/bp/credentials/env/legacy-security-token", test_env_legacy_security_token);
  g_test_add_func ("/bp/credentials/env/key-without-secret", test_env_key_without_secret);
  g_test_add_func ("/bp/credentials/env/secret-without-key", test_env_secret_without_key);
  g_test_add_func ("/bp/credentials/env/expired", test_env_expired);
  g_test_add_func ("/bp/credentials/profile/credentials-file", test_profile_credentials_file);
  g_test_add_func ("/bp/credentials/profile/config-file", test_profile_config_file);
  g_test_add_func ("/bp/credentials/profile/credentials-file-wins", test_profile_credentials_file_wins);
  g_test_add_func ("/bp/credentials/profile/file-variables", test_profile_file_variables);
  g_test_add_func ("/bp/credentials/profile/aws-profile", test_profile_aws_profile);
  g_test_add_func ("/bp/credentials/profile/explicit-wins", test_profile_explicit_wins);
  g_test_add_func ("/bp/credentials/profile/missing-explicit", test_profile_missing_explicit);
  g_test_add_func ("/bp/credentials/profile/missing-aws-profile", test_profile_missing_aws_profile);
  g_test_add_func ("/bp/credentials/profile/incomplete", test_profile_incomplete);
  g_test_add_func ("/bp/credentials/profile/unsupported", test_profile_unsupported);
  g_test_add_func ("/bp/credentials/profile/without-credentials", test_profile_without_credentials);
  g_test_add_func ("/bp/credentials/keyring/fallback", test_keyring_fallback);
  g_test_add_func ("/bp/credentials/keyring/not-used", test_keyring_not_used);
  g_test_add_func ("/bp/credentials/not-found", test_not_found);
  g_test_add_func ("/bp/credentials/config-error", test_config_error);
  g_test_add_func ("/bp/credentials/cache", test_cache_and_invalidate);
  g_test_add_func ("/bp/credentials/concurrent", test_concurrent_calls_share);
  g_test_add_func ("/bp/credentials/cancel", test_cancel);
  g_test_add_func ("/bp/credentials/properties", test_properties);
  g_test_add_func ("/bp/credentials/shared-config", test_shared_config);

  return g_test_run ();
}
