/* test-credential-process.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/types.h>

#include "bp-credential-process-private.h"
#include "bp-credentials-test-utils.h"
#include "bp-test-utils.h"

/* Writes [profile proc] with credential_process = /bin/sh SCRIPT @args and
 * returns a provider for it; *@out_path is the config file. */
static BpCredentialProvider *
process_provider (TestHome    *home,
                  const char  *args,
                  char       **out_path)
{
  g_autofree char *script = bp_test_data_path ("credentials", "fake-credential-process.sh", NULL);
  g_autofree char *quoted = g_shell_quote (script);
  g_autofree char *config = NULL;
  g_autofree char *path = NULL;

  config = g_strdup_printf ("[profile proc]\nregion = us-east-1\n"
                            "credential_process = /bin/sh %s %s\n", quoted, args);
  path = test_home_write (home, ".aws/config", config);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);

  return test_home_provider (home, "proc");
}

static void
test_success (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *description = NULL;
  g_autofree char *expected = NULL;

  provider = process_provider (home, "ok 2026-01-01T01:00:00Z", &path);
  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (bp_credentials_get_source (credentials), ==, BP_CREDENTIAL_SOURCE_CREDENTIAL_PROCESS);
  g_assert_cmpstr (bp_credentials_get_access_key_id (credentials), ==, "ASIAPROCESSEXAMPLE");
  g_assert_cmpstr (bp_credentials_get_secret_access_key (credentials), ==, TEST_PROCESS_SECRET);
  g_assert_cmpstr (bp_credentials_get_session_token (credentials), ==, TEST_PROCESS_TOKEN);
  g_assert_cmpint (bp_credentials_get_expiration (credentials), ==, TEST_NOW + 3600);
  g_assert_cmpstr (bp_credentials_get_profile (credentials), ==, "proc");
  g_assert_cmpstr (bp_credentials_get_source_path (credentials), ==, path);

  description = bp_credentials_describe (credentials);
  expected = g_strdup_printf ("profile proc (credential_process in %s), expires 2026-01-01 01:00:00 UTC", path);
  g_assert_cmpstr (description, ==, expected);
  test_assert_no_secrets (description);
}

static const char *
count_key_id (TestHome             *home,
              BpCredentialProvider *provider)
{
  static char key_id[64];
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_no_error (error);
  g_strlcpy (key_id, bp_credentials_get_access_key_id (credentials), sizeof key_id);

  return key_id;
}

static void
test_cache_until_expiration (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autofree char *count_file = g_build_filename (home->home, "count", NULL);

  /* The count file comes from the provider's environment, not ours. */
  test_home_setenv (home, "BP_TEST_COUNT_FILE", count_file);
  provider = process_provider (home, "count 2026-01-01T01:00:00Z", NULL);

  g_assert_cmpstr (count_key_id (home, provider), ==, "ASIACOUNT1");
  home->now += 3000;   /* 10 minutes before expiration: still cached */
  g_assert_cmpstr (count_key_id (home, provider), ==, "ASIACOUNT1");
  home->now += 400;    /* under 5 minutes before: run again */
  g_assert_cmpstr (count_key_id (home, provider), ==, "ASIACOUNT2");
  g_assert_cmpstr (count_key_id (home, provider), ==, "ASIACOUNT3");

  /* Fresh again by the clock: cached; invalidate() forces a run. */
  home->now = TEST_NOW;
  g_assert_cmpstr (count_key_id (home, provider), ==, "ASIACOUNT3");
  bp_credential_provider_invalidate (provider);
  g_assert_cmpstr (count_key_id (home, provider), ==, "ASIACOUNT4");
  g_assert_cmpstr (count_key_id (home, provider), ==, "ASIACOUNT4");
}

static void
test_no_expiration_is_static (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autofree char *count_file = g_build_filename (home->home, "count", NULL);

  test_home_setenv (home, "BP_TEST_COUNT_FILE", count_file);
  provider = process_provider (home, "count", NULL);

  g_assert_cmpstr (count_key_id (home, provider), ==, "ASIACOUNT1");
  home->now += 30 * 24 * 3600;
  g_assert_cmpstr (count_key_id (home, provider), ==, "ASIACOUNT1");
}

static void
test_argv_split (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;

  /* Quotes group, and there is no shell: "$HOME" stays as it is. */
  provider = process_provider (home, "arg 'KEY WITH'\" SPACES\"", NULL);
  g_assert_cmpstr (count_key_id (home, provider), ==, "KEY WITH SPACES");
  g_clear_object (&provider);

  provider = process_provider (home, "arg $HOME", NULL);
  g_assert_cmpstr (count_key_id (home, provider), ==, "$HOME");
}

static void
test_exit_status (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  provider = process_provider (home, "fail", &path);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_PROCESS_FAILED, "“proc”", path, "exit status 3",
                     "Error loading SSO Token: Token for example does not exist",
                     "Run the command in a terminal", NULL);
  /* Only the first line, and nothing of stdout. */
  g_assert_null (strstr (error->message, "second line"));
  g_assert_null (strstr (error->message, "ASIAPROCESSEXAMPLE"));
}

static void
test_exit_long_stderr (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *e200 = g_strnfill (200, 'E');
  g_autofree char *e201 = g_strnfill (201, 'E');
  g_autofree char *cut = g_strconcat (e200, "…", NULL);

  provider = process_provider (home, "fail-long", NULL);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_PROCESS_FAILED, cut, "exit status 1", NULL);
  g_assert_null (strstr (error->message, e201));
}

static void
test_exit_silent (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  provider = process_provider (home, "fail-silent", NULL);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_PROCESS_FAILED, "exit status 2",
                     "printed no error message", NULL);
}

static void
test_cannot_start (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = test_home_write (home, ".aws/config", "[default]\ncredential_process = /nonexistent/helper --x\n");
  provider = test_home_provider (home, NULL);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_PROCESS_FAILED, "“default”", path,
                     "could not be started", "/nonexistent/helper", NULL);
}

static void
test_bad_quotes (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  /* GLib's own parse error would quote the line, secret and all. */
  path = test_home_write (home, ".aws/config",
                          "[default]\ncredential_process = helper --secret " TEST_SECRET " 'oops\n");
  provider = test_home_provider (home, NULL);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_PROCESS_FAILED, path, "not a valid command line", NULL);
}

static gboolean
pid_is_gone (pid_t pid)
{
  for (guint i = 0; i < 200; i++)
    {
      if (kill (pid, 0) != 0 && errno == ESRCH)
        return TRUE;
      g_usleep (10 * 1000);
      g_main_context_iteration (NULL, FALSE);
    }

  return FALSE;
}

static void
test_timeout (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pid_text = NULL;
  g_autofree char *pid_file = g_build_filename (home->home, "pid", NULL);
  gint64 start = g_get_monotonic_time ();

  test_home_setenv (home, "BP_TEST_PID_FILE", pid_file);
  provider = process_provider (home, "sleep", &path);
  g_object_set (provider, "process-timeout-ms", 300, NULL);

  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_PROCESS_TIMEOUT, "“proc”", path, "0.3 seconds", NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  /* The process was killed, not left behind. */
  g_assert_true (g_file_get_contents (pid_file, &pid_text, NULL, NULL));
  g_assert_true (pid_is_gone ((pid_t) g_ascii_strtoll (pid_text, NULL, 10)));
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pid_text = NULL;
  g_autofree char *pid_file = g_build_filename (home->home, "pid", NULL);
  gint64 start = g_get_monotonic_time ();
  BpCredentialProvider *weak = NULL;

  test_home_setenv (home, "BP_TEST_PID_FILE", pid_file);
  provider = process_provider (home, "sleep", NULL);
  g_timeout_add (200, cancel_cb, cancellable);

  g_assert_null (test_get_credentials (provider, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  /* Let the abandoned lookup finish and kill its process; it held the
   * last reference to the provider. */
  g_assert_true (g_file_get_contents (pid_file, &pid_text, NULL, NULL));
  g_assert_true (pid_is_gone ((pid_t) g_ascii_strtoll (pid_text, NULL, 10)));
  g_object_add_weak_pointer (G_OBJECT (provider), (gpointer *) &weak);
  g_clear_object (&provider);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_output_error (const char *mode,
                     const char *expected)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  provider = process_provider (home, mode, &path);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_PROCESS_OUTPUT, "“proc”", path, expected,
                     "\"Version\": 1", NULL);
}

static void
test_bad_output (void)
{
  assert_output_error ("bad-json", "its output is not JSON");
  assert_output_error ("not-object", "not a JSON object");
  assert_output_error ("version2", "\"Version\" is 2, only 1 is supported");
  assert_output_error ("version-string", "\"Version\" is not a number");
  assert_output_error ("missing-secret", "\"SecretAccessKey\" is missing");
  assert_output_error ("missing-key-id", "\"AccessKeyId\" is missing");
  assert_output_error ("bad-expiration", "\"Expiration\" is not an ISO-8601 time");
}

static void
test_expired (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  provider = process_provider (home, "ok 2025-12-31T23:59:59Z", &path);
  g_assert_null (test_get_credentials (provider, NULL, &error));
  test_assert_error (error, BP_CREDENTIALS_ERROR_EXPIRED, "profile proc", path,
                     "2025-12-31 23:59:59 UTC", NULL);
}

static void
assert_parse_fails (const char *json,
                    const char *expected)
{
  g_autoptr(GError) error = NULL;
  BpCredentials *credentials;

  credentials = _bp_credential_process_parse_output (json, strlen (json), "p", "/f", &error);
  g_assert_null (credentials);
  test_assert_error (error, BP_CREDENTIALS_ERROR_PROCESS_OUTPUT, expected, NULL);
}

static void
test_parse (void)
{
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  const char *json = "{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" TEST_PROCESS_SECRET "\","
                     "\"SessionToken\":null,\"Expiration\":\"2026-01-01T01:00:00+01:00\"}";

  credentials = _bp_credential_process_parse_output (json, strlen (json), "p", "/f", &error);
  g_assert_no_error (error);
  g_assert_null (bp_credentials_get_session_token (credentials));
  g_assert_cmpint (bp_credentials_get_expiration (credentials), ==, TEST_NOW);

  assert_parse_fails ("", "its output is empty");
  assert_parse_fails (" \n", "its output is empty");
  assert_parse_fails ("{\"Version\":1.0,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" TEST_PROCESS_SECRET "\"}",
                      "\"Version\" is not a number");
  assert_parse_fails ("{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" TEST_PROCESS_SECRET "\"}",
                      "\"Version\" is missing");
  assert_parse_fails ("{\"Version\":1,\"AccessKeyId\":\"\",\"SecretAccessKey\":\"" TEST_PROCESS_SECRET "\"}",
                      "\"AccessKeyId\" is missing or empty");
  assert_parse_fails ("{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":5}",
                      "\"SecretAccessKey\" is not a string");
  assert_parse_fails ("{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" TEST_PROCESS_SECRET "\","
                      "\"SessionToken\":[]}", "\"SessionToken\" is not a string");
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/credential-process/success", test_success);
  g_test_add_func ("/bp/credential-process/cache-until-expiration", test_cache_until_expiration);
  g_test_add_func ("/bp/credential-process/no-expiration-is-static", test_no_expiration_is_static);
  g_test_add_func ("/bp/credential-process/argv-split", test_argv_split);
  g_test_add_func ("/bp/credential-process/exit-status", test_exit_status);
  g_test_add_func ("/bp/credential-process/exit-long-stderr", test_exit_long_stderr);
  g_test_add_func ("/bp/credential-process/exit-silent", test_exit_silent);
  g_test_add_func ("/bp/credential-process/cannot-start", test_cannot_start);
  g_test_add_func ("/bp/credential-process/bad-quotes", test_bad_quotes);
  g_test_add_func ("/bp/credential-process/timeout", test_timeout);
  g_test_add_func ("/bp/credential-process/cancel", test_cancel);
  g_test_add_func ("/bp/credential-process/bad-output", test_bad_output);
  g_test_add_func ("/bp/credential-process/expired", test_expired);
  g_test_add_func ("/bp/credential-process/parse", test_parse);

  return g_test_run ();
}
