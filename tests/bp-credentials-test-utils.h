/* bp-credentials-test-utils.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Shared by test-credentials.c, test-credential-process.c and test-sso.c:
 * a temporary HOME with ~/.aws files, an explicit environment, and a way
 * to drive the provider from a main loop. Header-only (static inline). */

#include <stdarg.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "bp-credential-provider.h"
#include "bp-credential-provider-private.h"
#include "bp-credentials.h"

G_BEGIN_DECLS

/* Example secrets (public documentation examples and made-up strings).
 * Every error test asserts none of them reaches a message. */
#define TEST_KEY_ID         "AKIDEXAMPLEKEYID0001"
#define TEST_SECRET         "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define TEST_TOKEN          "EXAMPLESESSIONTOKENxyz123"
#define TEST_BEARER         "bedrock-api-key-EXAMPLEBEARERdGVzdA=="
#define TEST_PROCESS_SECRET "processSECRETexample/abc+def"
#define TEST_PROCESS_TOKEN  "processTOKENexample123"
#define TEST_SSO_SECRET     "ssoSECRETexample/zyx+wvu"
#define TEST_SSO_TOKEN      "ssoSESSIONTOKENexample"
#define TEST_SSO_ACCESS     "ssoACCESSTOKENcachedEXAMPLE"

/* 2026-01-01T00:00:00Z: the fake clock's start. */
#define TEST_NOW ((gint64) 1767225600)

typedef struct
{
  char   *home;
  char  **env;
  gint64  now;
} TestHome;

static inline void
test_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            test_rm_rf (child);
          else
            g_assert_cmpint (g_unlink (child), ==, 0);
        }
      g_dir_close (dir);
    }

  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static inline TestHome *
test_home_new (void)
{
  g_autoptr(GError) error = NULL;
  TestHome *home = g_new0 (TestHome, 1);

  home->home = g_dir_make_tmp ("bp-creds-XXXXXX", &error);
  g_assert_no_error (error);
  home->env = g_environ_setenv (NULL, "HOME", home->home, TRUE);
  home->env = g_environ_setenv (home->env, "PATH", "/usr/bin:/bin", TRUE);
  home->now = TEST_NOW;

  return home;
}

static inline void
test_home_free (TestHome *home)
{
  test_rm_rf (home->home);
  g_free (home->home);
  g_strfreev (home->env);
  g_free (home);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestHome, test_home_free)

static inline void
test_home_setenv (TestHome   *home,
                  const char *variable,
                  const char *value)
{
  home->env = g_environ_setenv (home->env, variable, value, TRUE);
}

/* Writes @contents to HOME/@relative_path, creating folders; returns the path. */
G_GNUC_WARN_UNUSED_RESULT static inline char *
test_home_write (TestHome   *home,
                 const char *relative_path,
                 const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (home->home, relative_path, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static inline void
test_home_put (TestHome   *home,
               const char *relative_path,
               const char *contents)
{
  g_free (test_home_write (home, relative_path, contents));
}

static inline gint64
test_home_now_cb (gpointer user_data)
{
  TestHome *home = user_data;

  return home->now;
}

/* A provider reading only @home's environment, on @home's clock. */
static inline BpCredentialProvider *
test_home_provider (TestHome   *home,
                    const char *profile)
{
  BpCredentialProvider *provider;

  provider = g_object_new (BP_TYPE_CREDENTIAL_PROVIDER,
                           "environment", home->env,
                           "profile", profile,
                           NULL);
  _bp_credential_provider_set_now_func (provider, test_home_now_cb, home);

  return provider;
}

typedef struct
{
  BpCredentials *credentials;
  GError        *error;
  gboolean       done;
} TestResult;

static inline void
test_get_credentials_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  TestResult *res = user_data;

  res->credentials = bp_credential_provider_get_credentials_finish (BP_CREDENTIAL_PROVIDER (object),
                                                                    result, &res->error);
  res->done = TRUE;
}

static inline void
test_wait (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs get_credentials_async to completion. */
static inline BpCredentials *
test_get_credentials (BpCredentialProvider  *provider,
                      GCancellable          *cancellable,
                      GError               **error)
{
  TestResult res = { 0 };

  bp_credential_provider_get_credentials_async (provider, cancellable, test_get_credentials_cb, &res);
  test_wait (&res.done);

  g_assert_true ((res.credentials == NULL) != (res.error == NULL));
  if (res.error != NULL)
    g_propagate_error (error, res.error);

  return res.credentials;
}

static inline void
test_assert_no_secrets (const char *text)
{
  static const char * const secrets[] = {
    TEST_SECRET, TEST_TOKEN, TEST_BEARER, TEST_PROCESS_SECRET, TEST_PROCESS_TOKEN,
    TEST_SSO_SECRET, TEST_SSO_TOKEN, TEST_SSO_ACCESS,
  };

  g_assert_nonnull (text);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (strstr (text, secrets[i]));
}

/* Asserts the lookup fails with @code, the message names each of the
 * NULL-terminated strings after @code and holds no secret. */
G_GNUC_NULL_TERMINATED static inline void
test_assert_error (GError     *error,
                   int         code,
                   ...)
{
  va_list args;

  g_assert_error (error, BP_CREDENTIALS_ERROR, code);
  test_assert_no_secrets (error->message);
  g_test_message ("%s", error->message);

  va_start (args, code);
  for (const char *s = va_arg (args, const char *); s != NULL; s = va_arg (args, const char *))
    {
      if (strstr (error->message, s) == NULL)
        g_error ("“%s” is not in the message: %s", s, error->message);
    }
  va_end (args);
}

G_END_DECLS
