/* test-shared-config.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bp-shared-config.h"
#include "bp-test-utils.h"

/* Secret-looking values in these tests are the documented AWS examples. */

static BpSharedConfig *
parse_ok (const char *config_text,
          const char *credentials_text)
{
  g_autoptr(GError) error = NULL;
  BpSharedConfig *config;

  config = bp_shared_config_new_from_data (config_text, "/home/u/.aws/config",
                                           credentials_text, "/home/u/.aws/credentials",
                                           &error);
  g_assert_no_error (error);
  g_assert_nonnull (config);

  return config;
}

static const char *
profile_get (BpSharedConfig *config,
             const char     *profile,
             const char     *key)
{
  return bp_shared_config_get (config, BP_CONFIG_SECTION_PROFILE, profile, key, NULL, NULL);
}

static void
assert_profiles (BpSharedConfig *config,
                 const char     *expected)
{
  g_auto(GStrv) names = bp_shared_config_list_profiles (config);
  g_autofree char *joined = g_strjoinv (",", names);

  g_assert_cmpstr (joined, ==, expected);
}

static void
test_section_names (void)
{
  g_autoptr(BpSharedConfig) config = NULL;

  config = parse_ok ("[default]\n"
                     "region = us-east-1\n"
                     "[profile work]\n"
                     "region = us-west-2\n"
                     "[bare]\n"
                     "region = eu-west-1\n"
                     "[profile default]\n"
                     "output = json\n",
                     "[default]\n"
                     "aws_access_key_id = AKIDEXAMPLE\n"
                     "[personal]\n"
                     "aws_access_key_id = AKIDPERSONAL\n"
                     "[profile other]\n"
                     "aws_access_key_id = AKIDOTHER\n");

  g_assert_cmpstr (profile_get (config, "work", "region"), ==, "us-west-2");
  /* A bare [x] in the config file is ignored, as botocore does. */
  g_assert_false (bp_shared_config_has_section (config, BP_CONFIG_SECTION_PROFILE, "bare"));
  g_assert_null (profile_get (config, "bare", "region"));
  /* [profile default] is the default profile too; the sections merge. */
  g_assert_cmpstr (profile_get (config, "default", "region"), ==, "us-east-1");
  g_assert_cmpstr (profile_get (config, "default", "output"), ==, "json");
  /* In the credentials file [x] is profile x and [profile x] is literally "profile x". */
  g_assert_cmpstr (profile_get (config, "personal", "aws_access_key_id"), ==, "AKIDPERSONAL");
  g_assert_cmpstr (profile_get (config, "profile other", "aws_access_key_id"), ==, "AKIDOTHER");
  g_assert_null (profile_get (config, "other", "aws_access_key_id"));

  assert_profiles (config, "default,personal,profile other,work");
}

static void
test_ignored_sections (void)
{
  g_autoptr(BpSharedConfig) config = NULL;

  config = parse_ok ("[profile]\na = 1\n"
                     "[profilex]\na = 2\n"
                     "[profile a b]\na = 3\n"
                     "[sso-session]\na = 4\n"
                     "[profile \"quoted\"]\na = 5\n"
                     "[profile\tTabbed]\na = 6\n"
                     "[Default]\na = 7\n",
                     NULL);

  assert_profiles (config, "Tabbed,quoted");
  g_assert_cmpstr (profile_get (config, "quoted", "a"), ==, "5");
  g_assert_cmpstr (profile_get (config, "Tabbed", "a"), ==, "6");
  g_assert_false (bp_shared_config_has_section (config, BP_CONFIG_SECTION_SSO_SESSION, ""));
  /* Section names are case-sensitive: [Default] is not [default]. */
  g_assert_false (bp_shared_config_has_section (config, BP_CONFIG_SECTION_PROFILE, "default"));
}

static void
test_comments (void)
{
  g_autoptr(BpSharedConfig) config = NULL;

  config = parse_ok ("# a comment\n"
                     "; another\n"
                     "[default] ; trailing comment on a header\n"
                     "  # an indented comment\n"
                     "a = value ;comment\n"
                     "b = value\t# tab then hash\n"
                     "c=value#kept\n"
                     "d=value;kept\n"
                     "e = http://h/x#frag\n"
                     "f = ;only a comment\n"
                     "g = with ; space\n"
                     "[profile x]#glued comment\n"
                     "h = 1\n",
                     NULL);

  g_assert_cmpstr (profile_get (config, "default", "a"), ==, "value");
  g_assert_cmpstr (profile_get (config, "default", "b"), ==, "value");
  g_assert_cmpstr (profile_get (config, "default", "c"), ==, "value#kept");
  g_assert_cmpstr (profile_get (config, "default", "d"), ==, "value;kept");
  g_assert_cmpstr (profile_get (config, "default", "e"), ==, "http://h/x#frag");
  g_assert_cmpstr (profile_get (config, "default", "f"), ==, "");
  g_assert_cmpstr (profile_get (config, "default", "g"), ==, "with");
  g_assert_cmpstr (profile_get (config, "x", "h"), ==, "1");
  g_assert_null (profile_get (config, "default", "# a comment"));
}

static void
test_whitespace_and_case (void)
{
  g_autoptr(BpSharedConfig) config = NULL;

  config = parse_ok ("[ profile   work ]\n"
                     "   region   =   us-west-2   \n"
                     "\toutput\t=\tjson\t\n"
                     "Region = eu-west-1\n"
                     "empty =\n"
                     "spaced key = 1\n"
                     "eq = a=b=c\n",
                     NULL);

  g_assert_cmpstr (profile_get (config, "work", "region"), ==, "us-west-2");
  g_assert_cmpstr (profile_get (config, "work", "output"), ==, "json");
  /* Keys keep their case. */
  g_assert_cmpstr (profile_get (config, "work", "Region"), ==, "eu-west-1");
  g_assert_null (profile_get (config, "work", "REGION"));
  g_assert_cmpstr (profile_get (config, "work", "empty"), ==, "");
  g_assert_cmpstr (profile_get (config, "work", "spaced key"), ==, "1");
  g_assert_cmpstr (profile_get (config, "work", "eq"), ==, "a=b=c");
}

static void
test_crlf_and_bom (void)
{
  g_autoptr(BpSharedConfig) config = NULL;

  config = parse_ok ("\xEF\xBB\xBF[default]\r\n"
                     "region = us-east-1\r\n"
                     "services = local\r\n"
                     "\r\n"
                     "[services local]\r\n"
                     "bedrock_runtime =\r\n"
                     "  endpoint_url = http://127.0.0.1:8080\r\n",
                     "\xEF\xBB\xBF[default]\r\n"
                     "aws_access_key_id = AKIDEXAMPLE\r\n");

  g_assert_cmpstr (profile_get (config, "default", "region"), ==, "us-east-1");
  g_assert_cmpstr (profile_get (config, "default", "aws_access_key_id"), ==, "AKIDEXAMPLE");
  g_assert_cmpstr (bp_shared_config_get (config, BP_CONFIG_SECTION_SERVICES, "local",
                                         "bedrock_runtime", "endpoint_url", NULL),
                   ==, "http://127.0.0.1:8080");
  assert_profiles (config, "default");
}

static void
test_sub_sections (void)
{
  g_autoptr(BpSharedConfig) config = NULL;
  const char *path = NULL;

  /* The example of the wire-format reference, §1.6. */
  config = parse_ok ("[profile work]\n"
                     "region = us-west-2\n"
                     "services = local-bedrock\n"
                     "\n"
                     "[services local-bedrock]\n"
                     "bedrock_runtime =\n"
                     "  endpoint_url = http://127.0.0.1:8080\n"
                     "\n"
                     "  # a comment inside the sub-section\n"
                     "\tother = x ; comment\n"
                     "bedrock =\n"
                     "    endpoint_url = http://127.0.0.1:8081\n"
                     "s3 =\n"
                     "  addressing_style = path\n",
                     NULL);

  g_assert_true (bp_shared_config_has_section (config, BP_CONFIG_SECTION_SERVICES, "local-bedrock"));
  g_assert_cmpstr (bp_shared_config_get (config, BP_CONFIG_SECTION_SERVICES, "local-bedrock",
                                         "bedrock_runtime", "endpoint_url", &path),
                   ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (path, ==, "/home/u/.aws/config");
  g_assert_cmpstr (bp_shared_config_get (config, BP_CONFIG_SECTION_SERVICES, "local-bedrock",
                                         "bedrock_runtime", "other", NULL), ==, "x");
  g_assert_cmpstr (bp_shared_config_get (config, BP_CONFIG_SECTION_SERVICES, "local-bedrock",
                                         "bedrock", "endpoint_url", NULL), ==, "http://127.0.0.1:8081");
  g_assert_cmpstr (bp_shared_config_get (config, BP_CONFIG_SECTION_SERVICES, "local-bedrock",
                                         "s3", "addressing_style", NULL), ==, "path");
  /* The key of a sub-section has an empty value of its own. */
  g_assert_cmpstr (bp_shared_config_get (config, BP_CONFIG_SECTION_SERVICES, "local-bedrock",
                                         "bedrock_runtime", NULL, NULL), ==, "");
  g_assert_null (bp_shared_config_get (config, BP_CONFIG_SECTION_SERVICES, "local-bedrock",
                                       "bedrock_runtime", "missing", NULL));
  g_assert_null (bp_shared_config_get (config, BP_CONFIG_SECTION_SERVICES, "local-bedrock",
                                       "endpoint_url", NULL, NULL));
  g_assert_null (bp_shared_config_get (config, BP_CONFIG_SECTION_SERVICES, "local-bedrock",
                                       "s3", "endpoint_url", NULL));
  /* A services section is no profile. */
  assert_profiles (config, "work");
}

static void
test_continuation (void)
{
  g_autoptr(BpSharedConfig) config = NULL;

  config = parse_ok ("  [default]\n"
                     "a = first\n"
                     "  second\n"
                     "\n"
                     "\tthird ;comment\n"
                     "b = 1\n"
                     "  [not a header]\n"
                     "  c = 2\n"
                     "d = 3\n",
                     NULL);

  g_assert_cmpstr (profile_get (config, "default", "a"), ==, "first\nsecond\nthird");
  /* Lines indented deeper than their key continue it, even ones that look
   * like a header or a key (ConfigParser's rule). */
  g_assert_cmpstr (profile_get (config, "default", "b"), ==, "1\n[not a header]\nc = 2");
  g_assert_cmpstr (profile_get (config, "default", "d"), ==, "3");
  g_assert_null (profile_get (config, "default", "c"));
}

static void
test_indented_keys (void)
{
  g_autoptr(BpSharedConfig) config = NULL;

  /* Keys at the same indentation are separate keys. */
  config = parse_ok ("[default]\n"
                     "  a = 1\n"
                     "  b = 2\n"
                     "    more\n",
                     NULL);

  g_assert_cmpstr (profile_get (config, "default", "a"), ==, "1");
  g_assert_cmpstr (profile_get (config, "default", "b"), ==, "2\nmore");
}

static void
test_duplicates (void)
{
  g_autoptr(BpSharedConfig) config = NULL;

  config = parse_ok ("[profile a]\n"
                     "region = us-east-1\n"
                     "output = json\n"
                     "[profile b]\n"
                     "region = eu-west-1\n"
                     "[profile a]\n"
                     "region = us-west-2\n"
                     "region = ap-south-1\n"
                     "[services s]\n"
                     "bedrock =\n"
                     "  endpoint_url = https://one\n"
                     "[services s]\n"
                     "bedrock =\n"
                     "  other = 1\n",
                     "[a]\nx = 1\n[a]\ny = 2\n");

  g_assert_cmpstr (profile_get (config, "a", "region"), ==, "ap-south-1");
  g_assert_cmpstr (profile_get (config, "a", "output"), ==, "json");
  g_assert_cmpstr (profile_get (config, "a", "x"), ==, "1");
  g_assert_cmpstr (profile_get (config, "a", "y"), ==, "2");
  g_assert_cmpstr (profile_get (config, "b", "region"), ==, "eu-west-1");
  /* A key set again replaces its whole sub-section. */
  g_assert_null (bp_shared_config_get (config, BP_CONFIG_SECTION_SERVICES, "s", "bedrock", "endpoint_url", NULL));
  g_assert_cmpstr (bp_shared_config_get (config, BP_CONFIG_SECTION_SERVICES, "s", "bedrock", "other", NULL), ==, "1");
  assert_profiles (config, "a,b");
}

static void
test_outside_section (void)
{
  g_autoptr(BpSharedConfig) config = NULL;

  config = parse_ok ("region = us-west-2\n"
                     "  continued\n"
                     "[default]\n"
                     "output = json\n"
                     "[bare]\n"
                     "region = eu-west-1\n"
                     "sub =\n"
                     "  endpoint_url = https://x\n",
                     NULL);

  g_assert_null (profile_get (config, "default", "region"));
  g_assert_cmpstr (profile_get (config, "default", "output"), ==, "json");
  assert_profiles (config, "default");
}

static void
test_sso_session (void)
{
  g_autoptr(BpSharedConfig) config = NULL;
  const char *path = NULL;

  config = parse_ok ("[profile dev]\n"
                     "sso_session = corp\n"
                     "sso_account_id = 111122223333\n"
                     "[sso-session corp]\n"
                     "sso_start_url = https://corp.awsapps.com/start\n"
                     "sso_region = us-east-1\n",
                     "[sso-session corp]\n"
                     "sso_region = eu-west-1\n");

  g_assert_true (bp_shared_config_has_section (config, BP_CONFIG_SECTION_SSO_SESSION, "corp"));
  g_assert_false (bp_shared_config_has_section (config, BP_CONFIG_SECTION_PROFILE, "corp"));
  /* Only the config file has sso-session sections; in the credentials
   * file that header is a profile of that literal name. */
  g_assert_cmpstr (bp_shared_config_get (config, BP_CONFIG_SECTION_SSO_SESSION, "corp",
                                         "sso_region", NULL, &path), ==, "us-east-1");
  g_assert_cmpstr (path, ==, "/home/u/.aws/config");
  g_assert_cmpstr (profile_get (config, "sso-session corp", "sso_region"), ==, "eu-west-1");
  assert_profiles (config, "dev,sso-session corp");
}

static void
test_precedence (void)
{
  g_autoptr(BpSharedConfig) config = NULL;
  const char *path = NULL;

  config = parse_ok ("[profile work]\n"
                     "region = us-west-2\n"
                     "aws_access_key_id = AKIDFROMCONFIG\n"
                     "[default]\n"
                     "region = us-east-1\n",
                     "[work]\n"
                     "aws_access_key_id = AKIDFROMCREDENTIALS\n"
                     "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n");

  g_assert_cmpstr (bp_shared_config_get (config, BP_CONFIG_SECTION_PROFILE, "work",
                                         "aws_access_key_id", NULL, &path), ==, "AKIDFROMCREDENTIALS");
  g_assert_cmpstr (path, ==, "/home/u/.aws/credentials");
  g_assert_cmpstr (bp_shared_config_get (config, BP_CONFIG_SECTION_PROFILE, "work",
                                         "region", NULL, &path), ==, "us-west-2");
  g_assert_cmpstr (path, ==, "/home/u/.aws/config");
  path = "sentinel";
  g_assert_null (bp_shared_config_get (config, BP_CONFIG_SECTION_PROFILE, "work", "output", NULL, &path));
  g_assert_null (path);
  g_assert_null (bp_shared_config_get (config, BP_CONFIG_SECTION_PROFILE, "nobody", "region", NULL, NULL));
  g_assert_true (bp_shared_config_has_section (config, BP_CONFIG_SECTION_PROFILE, "work"));
  g_assert_false (bp_shared_config_has_section (config, BP_CONFIG_SECTION_SERVICES, "work"));
  g_assert_cmpstr (bp_shared_config_get_config_path (config), ==, "/home/u/.aws/config");
  g_assert_cmpstr (bp_shared_config_get_credentials_path (config), ==, "/home/u/.aws/credentials");
}

static void
test_list_profiles (void)
{
  g_autoptr(BpSharedConfig) config = NULL;
  g_autoptr(BpSharedConfig) empty = NULL;
  g_autoptr(GError) error = NULL;

  config = parse_ok ("[profile zeta]\n"
                     "[profile Alpha]\n"
                     "[profile beta]\n"
                     "[sso-session s]\n"
                     "[services v]\n"
                     "[default]\n",
                     "[beta]\n"
                     "[aardvark]\n"
                     "[default]\n");
  assert_profiles (config, "default,Alpha,aardvark,beta,zeta");

  empty = bp_shared_config_new_from_data (NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_profiles (empty, "");
  g_assert_null (bp_shared_config_get_config_path (empty));
  g_assert_false (bp_shared_config_has_section (empty, BP_CONFIG_SECTION_PROFILE, "default"));
}

static void
test_ref_counting (void)
{
  BpSharedConfig *config = parse_ok ("[default]\nregion = us-east-1\n", NULL);

  g_assert_true (bp_shared_config_ref (config) == config);
  bp_shared_config_unref (config);
  g_assert_cmpstr (profile_get (config, "default", "region"), ==, "us-east-1");
  bp_shared_config_unref (config);
}

typedef struct
{
  const char *config_text;
  const char *credentials_text;
  const char *message_prefix;
} ErrorCase;

static void
test_parse_errors (void)
{
  static const ErrorCase cases[] = {
    { "[default]\nregion = us-east-1\n[profile work\n", NULL, "/home/u/.aws/config:3: " },
    { "[]\n", NULL, "/home/u/.aws/config:1: " },
    { "\n\n[ \t ]\n", NULL, "/home/u/.aws/config:3: " },
    { "[default] junk\n", NULL, "/home/u/.aws/config:1: " },
    { "[default]\r\n[profile x]]\r\n", NULL, "/home/u/.aws/config:2: " },
    { "[default]\nno equals sign\n", NULL, "/home/u/.aws/config:2: " },
    { "[default]\n= value\n", NULL, "/home/u/.aws/config:2: " },
    { "[services s]\nbedrock =\n  endpoint_url = x\n  nonsense\n", NULL, "/home/u/.aws/config:4: " },
    { "[services s]\nbedrock =\n  = x\n", NULL, "/home/u/.aws/config:3: " },
    { "[default]\nregion = \xC3\x28\n", NULL, "/home/u/.aws/config:2: " },
    /* A bare section is ignored, but its lines must still parse. */
    { "[bare]\njunk\n", NULL, "/home/u/.aws/config:2: " },
    { "[default]\n", "[default]\naws_access_key_id = AKIDEXAMPLE\n[broken\n", "/home/u/.aws/credentials:3: " },
    /* The line holds a secret: the message must not repeat it. */
    { NULL, "[default]\naws_secret_access_key wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n",
      "/home/u/.aws/credentials:2: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpSharedConfig) config = NULL;

      config = bp_shared_config_new_from_data (cases[i].config_text, "/home/u/.aws/config",
                                               cases[i].credentials_text, "/home/u/.aws/credentials",
                                               &error);
      g_assert_null (config);
      g_assert_error (error, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_PARSE);
      g_test_message ("case %u: %s", i, error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message_prefix));
      g_assert_cmpuint (strlen (error->message), >, strlen (cases[i].message_prefix));
      g_assert_null (strstr (error->message, "EXAMPLEKEY"));
    }
}

static void
test_parse_error_without_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpSharedConfig) config = NULL;

  config = bp_shared_config_new_from_data (NULL, NULL, "[x\n", NULL, &error);
  g_assert_null (config);
  g_assert_error (error, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "credentials:1: "));
}

/* Async loading of real files. */

typedef struct
{
  char *dir;
} LoadFixture;

static void
load_fixture_set_up (LoadFixture   *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bp-shared-config-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
load_fixture_tear_down (LoadFixture   *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_chmod (path, 0600);
      if (g_remove (path) != 0)
        g_assert_no_errno (g_rmdir (path));
    }
  g_assert_no_errno (g_rmdir (fixture->dir));
  g_free (fixture->dir);
}

static char *
write_file (LoadFixture *fixture,
            const char  *name,
            const char  *contents,
            gssize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (object);
  *out = g_object_ref (result);
}

static BpSharedConfig *
load (const char    *config_path,
      const char    *credentials_path,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bp_shared_config_load_async (config_path, credentials_path, cancellable, load_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return bp_shared_config_load_finish (result, error);
}

static void
test_load_files (LoadFixture   *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *config_path = write_file (fixture, "config",
                                             "[default]\r\nregion = eu-central-1\r\n"
                                             "[profile work]\nregion = us-west-2\n", -1);
  g_autofree char *credentials_path = write_file (fixture, "credentials",
                                                  "[work]\naws_access_key_id = AKIDEXAMPLE\n", -1);
  g_autoptr(BpSharedConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = NULL;

  config = load (config_path, credentials_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (profile_get (config, "default", "region"), ==, "eu-central-1");
  g_assert_cmpstr (bp_shared_config_get (config, BP_CONFIG_SECTION_PROFILE, "work",
                                         "aws_access_key_id", NULL, &path), ==, "AKIDEXAMPLE");
  g_assert_cmpstr (path, ==, credentials_path);
  g_assert_cmpstr (bp_shared_config_get_config_path (config), ==, config_path);
  assert_profiles (config, "default,work");
}

static void
test_load_missing (LoadFixture   *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *config_path = write_file (fixture, "config", "[profile only]\nregion = us-east-2\n", -1);
  g_autofree char *missing = g_build_filename (fixture->dir, "nope", NULL);
  g_autofree char *missing_dir = g_build_filename (fixture->dir, "nodir", "credentials", NULL);
  g_autofree char *under_file = g_build_filename (config_path, "credentials", NULL);
  g_autoptr(BpSharedConfig) config = NULL;
  g_autoptr(BpSharedConfig) none = NULL;
  g_autoptr(BpSharedConfig) under = NULL;
  g_autoptr(BpSharedConfig) null_paths = NULL;
  g_autoptr(GError) error = NULL;

  config = load (config_path, missing, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (profile_get (config, "only", "region"), ==, "us-east-2");
  /* The path is kept even for an absent file: the UI names it. */
  g_assert_cmpstr (bp_shared_config_get_credentials_path (config), ==, missing);

  none = load (missing, missing_dir, NULL, &error);
  g_assert_no_error (error);
  assert_profiles (none, "");

  /* A path "under" a regular file (ENOTDIR) is absent too. */
  under = load (NULL, under_file, NULL, &error);
  g_assert_no_error (error);
  assert_profiles (under, "");

  null_paths = load (NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_profiles (null_paths, "");
}

static void
test_load_errors (LoadFixture   *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *good = write_file (fixture, "good", "[default]\n", -1);
  g_autofree char *broken = write_file (fixture, "broken", "[default]\n\n[oops\n", -1);
  g_autofree char *binary = write_file (fixture, "binary", "[default]\n\0\n", 12);
  g_autofree char *big_text = g_strnfill (BP_SHARED_CONFIG_MAX_FILE_SIZE + 1, '#');
  g_autofree char *big = write_file (fixture, "big", big_text, -1);
  g_autofree char *limit_text = g_strnfill (BP_SHARED_CONFIG_MAX_FILE_SIZE, '#');
  g_autofree char *limit = write_file (fixture, "limit", limit_text, -1);
  g_autofree char *loop = g_build_filename (fixture->dir, "loop", NULL);
  g_autofree char *long_component = g_strnfill (300, 'x');
  g_autofree char *long_name = g_build_filename (fixture->dir, long_component, NULL);
  g_autoptr(BpSharedConfig) config = NULL;
  g_autoptr(GError) error = NULL;

  config = load (good, broken, NULL, &error);
  g_assert_error (error, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_PARSE);
  g_assert_null (config);
  g_assert_true (g_str_has_prefix (error->message, broken));
  g_assert_nonnull (strstr (error->message, "broken:3: "));
  g_clear_error (&error);

  config = load (binary, NULL, NULL, &error);
  g_assert_error (error, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, binary));
  g_clear_error (&error);

  config = load (big, good, NULL, &error);
  g_assert_error (error, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_READ);
  g_assert_nonnull (strstr (error->message, big));
  g_assert_nonnull (strstr (error->message, "1024 KiB"));
  g_clear_error (&error);

  /* Exactly at the limit is fine. */
  config = load (limit, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&config, bp_shared_config_unref);

  /* Errors that even root gets: a symbolic link loop, a name too long. */
  g_assert_no_errno (symlink (loop, loop));
  config = load (good, loop, NULL, &error);
  g_assert_error (error, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_READ);
  g_assert_null (config);
  g_assert_nonnull (strstr (error->message, loop));
  g_clear_error (&error);

  config = load (long_name, NULL, NULL, &error);
  g_assert_error (error, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_READ);
  g_assert_null (config);
  g_assert_true (g_str_has_prefix (error->message, "Could not read "));
  g_assert_nonnull (strstr (error->message, long_name));
  g_clear_error (&error);

  /* A directory is not a config file. */
  config = load (fixture->dir, NULL, NULL, &error);
  g_assert_error (error, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_READ);
  g_assert_nonnull (strstr (error->message, fixture->dir));
  g_clear_error (&error);
}

static void
test_load_unreadable (LoadFixture   *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *path = write_file (fixture, "credentials", "[default]\n", -1);
  g_autoptr(BpSharedConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_no_errno (g_chmod (path, 0));
  /* root (e.g. in a container) reads it anyway. */
  fd = g_open (path, O_RDONLY, 0);
  if (fd >= 0)
    {
      close (fd);
      g_test_skip ("the file is still readable (running as root?)");
      return;
    }

  config = load (NULL, path, NULL, &error);
  g_assert_error (error, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_READ);
  g_assert_null (config);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_load_cancelled (LoadFixture   *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *path = write_file (fixture, "config", "[default]\n", -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BpSharedConfig) config = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  config = load (path, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (config);
}

static void
test_default_paths (void)
{
  static const char * const home_only[] = { "HOME=/home/u", NULL };
  static const char * const files[] = {
    "HOME=/home/u",
    "AWS_CONFIG_FILE=/etc/aws/config",
    "AWS_SHARED_CREDENTIALS_FILE=~/secret/creds",
    NULL
  };
  static const char * const empty_vars[] = {
    "HOME=/home/v", "AWS_CONFIG_FILE=", "AWS_SHARED_CREDENTIALS_FILE=", NULL
  };
  static const char * const no_home[] = { "AWS_CONFIG_FILE=/x/config", NULL };
  g_autofree char *a = bp_shared_config_default_config_path (home_only);
  g_autofree char *b = bp_shared_config_default_credentials_path (home_only);
  g_autofree char *c = bp_shared_config_default_config_path (files);
  g_autofree char *d = bp_shared_config_default_credentials_path (files);
  g_autofree char *e = bp_shared_config_default_config_path (empty_vars);
  g_autofree char *f = bp_shared_config_default_credentials_path (empty_vars);
  g_autofree char *g = bp_shared_config_default_config_path (no_home);
  g_autofree char *h = bp_shared_config_default_credentials_path (no_home);
  g_autofree char *fallback = g_build_filename (g_get_home_dir (), ".aws", "credentials", NULL);

  g_assert_cmpstr (a, ==, "/home/u/.aws/config");
  g_assert_cmpstr (b, ==, "/home/u/.aws/credentials");
  g_assert_cmpstr (c, ==, "/etc/aws/config");
  g_assert_cmpstr (d, ==, "/home/u/secret/creds");
  g_assert_cmpstr (e, ==, "/home/v/.aws/config");
  g_assert_cmpstr (f, ==, "/home/v/.aws/credentials");
  g_assert_cmpstr (g, ==, "/x/config");
  g_assert_cmpstr (h, ==, fallback);
}

static void
test_pick_profile (void)
{
  static const char * const both[] = { "AWS_PROFILE=work", "AWS_DEFAULT_PROFILE=legacy", NULL };
  static const char * const legacy[] = { "AWS_PROFILE=", "AWS_DEFAULT_PROFILE=legacy", NULL };
  static const char * const none[] = { "HOME=/home/u", NULL };
  const char *var = "sentinel";
  g_autofree char *a = bp_shared_config_pick_profile (both, "cli", &var);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;
  g_autofree char *f = NULL;

  g_assert_cmpstr (a, ==, "cli");
  g_assert_null (var);

  b = bp_shared_config_pick_profile (both, "", &var);
  g_assert_cmpstr (b, ==, "work");
  g_assert_cmpstr (var, ==, "AWS_PROFILE");

  c = bp_shared_config_pick_profile (legacy, NULL, &var);
  g_assert_cmpstr (c, ==, "legacy");
  g_assert_cmpstr (var, ==, "AWS_DEFAULT_PROFILE");

  d = bp_shared_config_pick_profile (none, NULL, &var);
  g_assert_cmpstr (d, ==, "default");
  g_assert_null (var);

  e = bp_shared_config_pick_profile (NULL, NULL, NULL);
  g_assert_cmpstr (e, ==, "default");

  f = bp_shared_config_pick_profile (both, NULL, NULL);
  g_assert_cmpstr (f, ==, "work");
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/shared-config/section-names", test_section_names);
  g_test_add_func ("/bp/shared-config/ignored-sections", test_ignored_sections);
  g_test_add_func ("/bp/shared-config/comments", test_comments);
  g_test_add_func ("/bp/shared-config/whitespace-and-case", test_whitespace_and_case);
  g_test_add_func ("/bp/shared-config/crlf-and-bom", test_crlf_and_bom);
  g_test_add_func ("/bp/shared-config/sub-sections", test_sub_sections);
  g_test_add_func ("/bp/shared-config/continuation", test_continuation);
  g_test_add_func ("/bp/shared-config/indented-keys", test_indented_keys);
  g_test_add_func ("/bp/shared-config/duplicates", test_duplicates);
  g_test_add_func ("/bp/shared-config/outside-section", test_outside_section);
  g_test_add_func ("/bp/shared-config/sso-session", test_sso_session);
  g_test_add_func ("/bp/shared-config/precedence", test_precedence);
  g_test_add_func ("/bp/shared-config/list-profiles", test_list_profiles);
  g_test_add_func ("/bp/shared-config/ref-counting", test_ref_counting);
  g_test_add_func ("/bp/shared-config/parse-errors", test_parse_errors);
  g_test_add_func ("/bp/shared-config/parse-error-without-path", test_parse_error_without_path);
  g_test_add ("/bp/shared-config/load/files", LoadFixture, NULL,
              load_fixture_set_up, test_load_files, load_fixture_tear_down);
  g_test_add ("/bp/shared-config/load/missing", LoadFixture, NULL,
              load_fixture_set_up, test_load_missing, load_fixture_tear_down);
  g_test_add ("/bp/shared-config/load/errors", LoadFixture, NULL,
              load_fixture_set_up, test_load_errors, load_fixture_tear_down);
  g_test_add ("/bp/shared-config/load/unreadable", LoadFixture, NULL,
              load_fixture_set_up, test_load_unreadable, load_fixture_tear_down);
  g_test_add ("/bp/shared-config/load/cancelled", LoadFixture, NULL,
              load_fixture_set_up, test_load_cancelled, load_fixture_tear_down);
  g_test_add_func ("/bp/shared-config/default-paths", test_default_paths);
  g_test_add_func ("/bp/shared-config/pick-profile", test_pick_profile);

  return g_test_run ();
}
