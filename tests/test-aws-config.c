/* test-aws-config.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-aws-config.h"
#include "bp-shared-config.h"
#include "bp-test-utils.h"

#define CONFIG_PATH "/home/u/.aws/config"
#define CREDENTIALS_PATH "/home/u/.aws/credentials"

static BpSharedConfig *
parse_ok (const char *config_text,
          const char *credentials_text)
{
  g_autoptr(GError) error = NULL;
  BpSharedConfig *config;

  config = bp_shared_config_new_from_data (config_text, CONFIG_PATH,
                                           credentials_text, CREDENTIALS_PATH, &error);
  g_assert_no_error (error);

  return config;
}

static void
assert_region (BpRegionInfo    *info,
               const char      *region,
               BpSettingSource  source,
               const char      *detail)
{
  g_assert_nonnull (info);
  g_assert_cmpstr (info->region, ==, region);
  g_assert_cmpint (info->source, ==, source);
  g_assert_cmpstr (info->detail, ==, detail);
}

static void
test_region_precedence (void)
{
  static const char * const both[] = { "AWS_REGION=eu-west-1", "AWS_DEFAULT_REGION=eu-west-2", NULL };
  static const char * const legacy[] = { "AWS_REGION=", "AWS_DEFAULT_REGION=eu-west-2", NULL };
  static const char * const none[] = { "HOME=/home/u", NULL };
  g_autoptr(BpSharedConfig) config = NULL;
  g_autoptr(BpRegionInfo) explicit_info = NULL;
  g_autoptr(BpRegionInfo) env = NULL;
  g_autoptr(BpRegionInfo) env_legacy = NULL;
  g_autoptr(BpRegionInfo) profile = NULL;
  g_autoptr(BpRegionInfo) default_profile = NULL;
  g_autoptr(BpRegionInfo) from_credentials = NULL;
  g_autoptr(BpRegionInfo) empty_region = NULL;
  g_autoptr(BpRegionInfo) fallback = NULL;
  g_autoptr(BpRegionInfo) no_config = NULL;

  config = parse_ok ("[default]\nregion = ap-south-1\n"
                     "[profile work]\nregion = us-west-2\n"
                     "[profile blank]\nregion =\n",
                     "[keys]\nregion = ca-central-1\n");

  explicit_info = bp_resolve_region (both, config, "work", "sa-east-1");
  assert_region (explicit_info, "sa-east-1", BP_SETTING_SOURCE_EXPLICIT, NULL);

  env = bp_resolve_region (both, config, "work", "");
  assert_region (env, "eu-west-1", BP_SETTING_SOURCE_ENVIRONMENT, "AWS_REGION");

  env_legacy = bp_resolve_region (legacy, config, "work", NULL);
  assert_region (env_legacy, "eu-west-2", BP_SETTING_SOURCE_ENVIRONMENT, "AWS_DEFAULT_REGION");

  profile = bp_resolve_region (none, config, "work", NULL);
  assert_region (profile, "us-west-2", BP_SETTING_SOURCE_PROFILE, "profile work in " CONFIG_PATH);

  default_profile = bp_resolve_region (NULL, config, NULL, NULL);
  assert_region (default_profile, "ap-south-1", BP_SETTING_SOURCE_PROFILE, "profile default in " CONFIG_PATH);

  from_credentials = bp_resolve_region (none, config, "keys", NULL);
  assert_region (from_credentials, "ca-central-1", BP_SETTING_SOURCE_PROFILE, "profile keys in " CREDENTIALS_PATH);

  empty_region = bp_resolve_region (none, config, "blank", NULL);
  assert_region (empty_region, "us-east-1", BP_SETTING_SOURCE_DEFAULT, NULL);

  fallback = bp_resolve_region (none, config, "missing", NULL);
  assert_region (fallback, "us-east-1", BP_SETTING_SOURCE_DEFAULT, NULL);

  no_config = bp_resolve_region (none, NULL, "work", NULL);
  assert_region (no_config, "us-east-1", BP_SETTING_SOURCE_DEFAULT, NULL);
}

static void
test_region_valid (void)
{
  static const char * const valid[] = {
    "us-east-1", "cn-north-1", "us-gov-west-1", "eu-central-2", "local", "a", "x1",
  };
  static const char * const invalid[] = {
    "", "US-EAST-1", "us east 1", "us_east_1", "-us-east-1", "us-east-1-", "us-east-1.",
    "us-east-1/", "ü", "us-east-1\n",
    "a123456789012345678901234567890123456789012345678901234567890123",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (bp_region_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (bp_region_is_valid (invalid[i]));
  g_assert_false (bp_region_is_valid (NULL));
  /* 63 characters is the longest DNS label. */
  g_assert_true (bp_region_is_valid ("a12345678901234567890123456789012345678901234567890123456789012"));
}

static BpEndpoint *
resolve_ok (const char * const *envp,
            BpSharedConfig     *config,
            const char         *profile,
            const char         *region,
            BpAwsService        service,
            const char         *explicit_url)
{
  g_autoptr(GError) error = NULL;
  BpEndpoint *endpoint;

  endpoint = bp_resolve_endpoint (envp, config, profile, region, service, explicit_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (endpoint);

  return endpoint;
}

static void
assert_endpoint (BpEndpoint      *endpoint,
                 const char      *url,
                 BpSettingSource  source,
                 const char      *detail)
{
  g_assert_cmpstr (endpoint->url, ==, url);
  g_assert_cmpint (endpoint->source, ==, source);
  g_assert_cmpstr (endpoint->detail, ==, detail);
}

static void
test_endpoint_default (void)
{
  static const struct {
    const char   *region;
    BpAwsService  service;
    const char   *host;
  } cases[] = {
    { "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, "bedrock-runtime.us-east-1.amazonaws.com" },
    { "us-east-1", BP_AWS_SERVICE_BEDROCK, "bedrock.us-east-1.amazonaws.com" },
    { "eu-central-2", BP_AWS_SERVICE_BEDROCK_RUNTIME, "bedrock-runtime.eu-central-2.amazonaws.com" },
    { "us-gov-west-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, "bedrock-runtime.us-gov-west-1.amazonaws.com" },
    { "cn-north-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, "bedrock-runtime.cn-north-1.amazonaws.com.cn" },
    { "cn-northwest-1", BP_AWS_SERVICE_BEDROCK, "bedrock.cn-northwest-1.amazonaws.com.cn" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpEndpoint) endpoint = NULL;
      g_autofree char *url = g_strconcat ("https://", cases[i].host, NULL);

      endpoint = resolve_ok (NULL, NULL, NULL, cases[i].region, cases[i].service, NULL);
      assert_endpoint (endpoint, url, BP_SETTING_SOURCE_DEFAULT, NULL);
      g_assert_cmpstr (endpoint->scheme, ==, "https");
      g_assert_cmpstr (endpoint->host, ==, cases[i].host);
      g_assert_cmpstr (endpoint->host_header, ==, cases[i].host);
      g_assert_cmpuint (endpoint->port, ==, 0);
      g_assert_cmpstr (endpoint->base_path, ==, "");
    }
}

static void
test_endpoint_variants (void)
{
  static const char * const fips[] = { "AWS_USE_FIPS_ENDPOINT=true", NULL };
  static const char * const dual[] = { "AWS_USE_DUALSTACK_ENDPOINT=TRUE", NULL };
  static const char * const both[] = { "AWS_USE_FIPS_ENDPOINT=true", "AWS_USE_DUALSTACK_ENDPOINT=true", NULL };
  static const char * const off[] = { "AWS_USE_FIPS_ENDPOINT=false", "AWS_USE_DUALSTACK_ENDPOINT=false", NULL };
  static const char * const override[] = { "AWS_USE_FIPS_ENDPOINT=true", "AWS_ENDPOINT_URL=https://proxy.example", NULL };
  static const struct {
    const char * const *envp;
    const char         *profile;
    const char         *region;
    BpAwsService        service;
    const char         *url;
  } cases[] = {
    { fips, NULL, "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, "https://bedrock-runtime-fips.us-east-1.amazonaws.com" },
    { fips, NULL, "us-gov-west-1", BP_AWS_SERVICE_BEDROCK, "https://bedrock-fips.us-gov-west-1.amazonaws.com" },
    { dual, NULL, "eu-west-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, "https://bedrock-runtime.eu-west-1.api.aws" },
    { both, NULL, "us-west-2", BP_AWS_SERVICE_BEDROCK_RUNTIME, "https://bedrock-runtime-fips.us-west-2.api.aws" },
    { both, NULL, "us-west-2", BP_AWS_SERVICE_BEDROCK, "https://bedrock-fips.us-west-2.api.aws" },
    { dual, NULL, "cn-north-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, "https://bedrock-runtime.cn-north-1.api.amazonwebservices.com.cn" },
    { both, NULL, "cn-north-1", BP_AWS_SERVICE_BEDROCK, "https://bedrock-fips.cn-north-1.api.amazonwebservices.com.cn" },
    /* From the profile, and the environment overriding the profile. */
    { NULL, "fips", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, "https://bedrock-runtime-fips.us-east-1.amazonaws.com" },
    { NULL, "dual", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, "https://bedrock-runtime.us-east-1.api.aws" },
    { off, "fips", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, "https://bedrock-runtime.us-east-1.amazonaws.com" },
    { off, "dual", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, "https://bedrock-runtime.us-east-1.amazonaws.com" },
    /* The variants apply only to the regional host. */
    { override, NULL, "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, "https://proxy.example" },
  };
  g_autoptr(BpSharedConfig) config = parse_ok ("[profile fips]\nuse_fips_endpoint = true\n"
                                               "[profile dual]\nuse_dualstack_endpoint = True\n",
                                               NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpEndpoint) endpoint = NULL;

      endpoint = resolve_ok (cases[i].envp, config, cases[i].profile, cases[i].region, cases[i].service, NULL);
      g_assert_cmpstr (endpoint->url, ==, cases[i].url);
      g_assert_cmpstr (endpoint->host_header, ==, cases[i].url + strlen ("https://"));
    }
}

static const char *precedence_config =
  "[profile work]\n"
  "region = us-west-2\n"
  "services = local\n"
  "endpoint_url = https://profile.example\n"
  "[profile plain]\n"
  "endpoint_url = https://plain.example/base/\n"
  "[profile dangling]\n"
  "services = nowhere\n"
  "endpoint_url = https://dangling.example\n"
  "[profile ignoring]\n"
  "ignore_configured_endpoint_urls = true\n"
  "endpoint_url = https://ignored.example\n"
  "[services local]\n"
  "bedrock_runtime =\n"
  "  endpoint_url = http://127.0.0.1:8080\n"
  "bedrock =\n"
  "  endpoint_url = http://127.0.0.1:8081\n";

static void
test_endpoint_precedence (void)
{
  static const char * const all[] = {
    "AWS_ENDPOINT_URL_BEDROCK_RUNTIME=https://runtime-env.example",
    "AWS_ENDPOINT_URL_BEDROCK=https://control-env.example",
    "AWS_ENDPOINT_URL=https://global-env.example",
    NULL
  };
  static const char * const global[] = {
    "AWS_ENDPOINT_URL_BEDROCK_RUNTIME=",
    "AWS_ENDPOINT_URL=https://global-env.example",
    NULL
  };
  g_autoptr(BpSharedConfig) config = parse_ok (precedence_config, NULL);
  g_autoptr(BpEndpoint) e1 = resolve_ok (all, config, "work", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME,
                                         "https://explicit.example");
  g_autoptr(BpEndpoint) e2 = resolve_ok (all, config, "work", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, "");
  g_autoptr(BpEndpoint) e3 = resolve_ok (all, config, "work", "us-east-1", BP_AWS_SERVICE_BEDROCK, NULL);
  g_autoptr(BpEndpoint) e4 = resolve_ok (global, config, "work", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL);
  g_autoptr(BpEndpoint) e5 = resolve_ok (NULL, config, "work", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL);
  g_autoptr(BpEndpoint) e6 = resolve_ok (NULL, config, "work", "us-east-1", BP_AWS_SERVICE_BEDROCK, NULL);
  g_autoptr(BpEndpoint) e7 = resolve_ok (NULL, config, "plain", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL);
  g_autoptr(BpEndpoint) e8 = resolve_ok (NULL, config, "dangling", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL);
  g_autoptr(BpEndpoint) e9 = resolve_ok (NULL, config, "nobody", "eu-west-3", BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL);
  g_autoptr(BpEndpoint) e10 = resolve_ok (NULL, NULL, "work", "eu-west-3", BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL);

  assert_endpoint (e1, "https://explicit.example", BP_SETTING_SOURCE_EXPLICIT, NULL);
  assert_endpoint (e2, "https://runtime-env.example", BP_SETTING_SOURCE_ENVIRONMENT, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME");
  assert_endpoint (e3, "https://control-env.example", BP_SETTING_SOURCE_ENVIRONMENT, "AWS_ENDPOINT_URL_BEDROCK");
  assert_endpoint (e4, "https://global-env.example", BP_SETTING_SOURCE_ENVIRONMENT, "AWS_ENDPOINT_URL");
  assert_endpoint (e5, "http://127.0.0.1:8080", BP_SETTING_SOURCE_PROFILE, "services local in " CONFIG_PATH);
  assert_endpoint (e6, "http://127.0.0.1:8081", BP_SETTING_SOURCE_PROFILE, "services local in " CONFIG_PATH);
  assert_endpoint (e7, "https://plain.example/base", BP_SETTING_SOURCE_PROFILE, "profile plain in " CONFIG_PATH);
  g_assert_cmpstr (e7->base_path, ==, "/base");
  /* A services section that does not exist is skipped. */
  assert_endpoint (e8, "https://dangling.example", BP_SETTING_SOURCE_PROFILE, "profile dangling in " CONFIG_PATH);
  assert_endpoint (e9, "https://bedrock-runtime.eu-west-3.amazonaws.com", BP_SETTING_SOURCE_DEFAULT, NULL);
  assert_endpoint (e10, "https://bedrock-runtime.eu-west-3.amazonaws.com", BP_SETTING_SOURCE_DEFAULT, NULL);
}

static void
test_endpoint_ignore (void)
{
  static const char * const ignore[] = {
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true",
    "AWS_ENDPOINT_URL_BEDROCK_RUNTIME=https://runtime-env.example",
    "AWS_ENDPOINT_URL=https://global-env.example",
    NULL
  };
  static const char * const not_ignored[] = {
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false",
    NULL
  };
  static const char * const ignore_upper[] = { "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=TRUE", NULL };
  static const char * const ignore_other[] = { "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=yes", NULL };
  g_autoptr(BpSharedConfig) config = parse_ok (precedence_config, NULL);
  g_autoptr(BpEndpoint) e1 = resolve_ok (ignore, config, "work", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL);
  g_autoptr(BpEndpoint) e2 = resolve_ok (ignore, config, "work", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME,
                                         "http://localhost:9000");
  g_autoptr(BpEndpoint) e3 = resolve_ok (NULL, config, "ignoring", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL);
  g_autoptr(BpEndpoint) e4 = resolve_ok (not_ignored, config, "ignoring", "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL);
  g_autoptr(BpEndpoint) e5 = resolve_ok (ignore_upper, config, "work", "us-east-1", BP_AWS_SERVICE_BEDROCK, NULL);
  g_autoptr(BpEndpoint) e6 = resolve_ok (ignore_other, config, "work", "us-east-1", BP_AWS_SERVICE_BEDROCK, NULL);

  assert_endpoint (e1, "https://bedrock-runtime.us-east-1.amazonaws.com", BP_SETTING_SOURCE_DEFAULT, NULL);
  /* An explicit endpoint is not "configured": the flag leaves it alone. */
  assert_endpoint (e2, "http://localhost:9000", BP_SETTING_SOURCE_EXPLICIT, NULL);
  assert_endpoint (e3, "https://bedrock-runtime.us-east-1.amazonaws.com", BP_SETTING_SOURCE_DEFAULT, NULL);
  assert_endpoint (e4, "https://ignored.example", BP_SETTING_SOURCE_PROFILE, "profile ignoring in " CONFIG_PATH);
  assert_endpoint (e5, "https://bedrock.us-east-1.amazonaws.com", BP_SETTING_SOURCE_DEFAULT, NULL);
  assert_endpoint (e6, "http://127.0.0.1:8081", BP_SETTING_SOURCE_PROFILE, "services local in " CONFIG_PATH);
}

typedef struct
{
  const char *input;
  const char *url;
  const char *scheme;
  const char *host;
  guint       port;
  const char *host_header;
  const char *base_path;
} ParseCase;

static void
test_endpoint_parse (void)
{
  static const ParseCase cases[] = {
    { "https://bedrock-runtime.us-east-1.amazonaws.com", "https://bedrock-runtime.us-east-1.amazonaws.com",
      "https", "bedrock-runtime.us-east-1.amazonaws.com", 0, "bedrock-runtime.us-east-1.amazonaws.com", "" },
    { "https://example.com/", "https://example.com", "https", "example.com", 0, "example.com", "" },
    { "HTTPS://Example.COM:443/Prefix/", "https://example.com/Prefix", "https", "example.com", 0, "example.com", "/Prefix" },
    { "https://example.com:8443/a/b//", "https://example.com:8443/a/b", "https", "example.com", 8443, "example.com:8443", "/a/b" },
    { "https://example.com/a%2Fb/c%20d", "https://example.com/a%2Fb/c%20d", "https", "example.com", 0, "example.com", "/a%2Fb/c%20d" },
    { "https://example.com:80", "https://example.com:80", "https", "example.com", 80, "example.com:80", "" },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080", "http", "127.0.0.1", 8080, "127.0.0.1:8080", "" },
    { "http://127.0.0.1:80/", "http://127.0.0.1", "http", "127.0.0.1", 0, "127.0.0.1", "" },
    { "http://127.255.3.4:443", "http://127.255.3.4:443", "http", "127.255.3.4", 443, "127.255.3.4:443", "" },
    { "http://localhost:9000/bedrock", "http://localhost:9000/bedrock", "http", "localhost", 9000, "localhost:9000", "/bedrock" },
    { "http://LocalHost", "http://localhost", "http", "localhost", 0, "localhost", "" },
    { "http://[::1]:8080/", "http://[::1]:8080", "http", "::1", 8080, "[::1]:8080", "" },
    { "http://[::1]", "http://[::1]", "http", "::1", 0, "[::1]", "" },
    { "https://[2001:db8::1]:8443", "https://[2001:db8::1]:8443", "https", "2001:db8::1", 8443, "[2001:db8::1]:8443", "" },
    { "https://bücher.example", "https://xn--bcher-kva.example", "https", "xn--bcher-kva.example", 0, "xn--bcher-kva.example", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpEndpoint) endpoint = bp_endpoint_parse (cases[i].input, &error);

      g_test_message ("case %u: %s", i, cases[i].input);
      g_assert_no_error (error);
      g_assert_cmpstr (endpoint->url, ==, cases[i].url);
      g_assert_cmpstr (endpoint->scheme, ==, cases[i].scheme);
      g_assert_cmpstr (endpoint->host, ==, cases[i].host);
      g_assert_cmpuint (endpoint->port, ==, cases[i].port);
      g_assert_cmpstr (endpoint->host_header, ==, cases[i].host_header);
      g_assert_cmpstr (endpoint->base_path, ==, cases[i].base_path);
      g_assert_cmpint (endpoint->source, ==, BP_SETTING_SOURCE_EXPLICIT);
      g_assert_null (endpoint->detail);
    }
}

static void
test_endpoint_parse_errors (void)
{
  static const struct {
    const char       *input;
    BpAwsConfigError  code;
  } cases[] = {
    { "http://example.com", BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT },
    { "http://bedrock-runtime.us-east-1.amazonaws.com", BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT },
    { "http://10.0.0.1:8080", BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT },
    { "http://128.0.0.1", BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT },
    { "http://[::2]", BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT },
    { "http://[::ffff:127.0.0.1]", BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT },
    { "http://127.1", BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT },
    { "http://0x7f.0.0.1", BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT },
    { "http://127.0.0.1.nip.io", BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT },
    { "http://localhost.example.com", BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT },
    { "", BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT },
    { "bedrock-runtime.us-east-1.amazonaws.com", BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT },
    { "ftp://example.com", BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT },
    { "https:example.com", BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT },
    { "https:///path", BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT },
    { "https://user:hunter2@example.com", BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT },
    { "https://example.com/?x=1", BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT },
    { "https://example.com?", BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT },
    { "https://example.com/#top", BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT },
    { "https://example.com:99999", BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT },
    { "https://example.com:0", BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT },
    { "https://example.com/%zz", BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT },
    { "https://[fe80::1%25eth0]/", BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpEndpoint) endpoint = bp_endpoint_parse (cases[i].input, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_null (endpoint);
      g_assert_error (error, BP_AWS_CONFIG_ERROR, (int) cases[i].code);
      g_assert_null (strstr (error->message, "hunter2"));
      if (cases[i].code == BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT)
        g_assert_nonnull (strstr (error->message, "https://"));
    }
}

static void
test_endpoint_error_source (void)
{
  static const char * const insecure_env[] = { "AWS_ENDPOINT_URL=http://example.com:8080", NULL };
  static const char * const secret_env[] = { "AWS_ENDPOINT_URL_BEDROCK=https://me:hunter2@example.com", NULL };
  g_autoptr(BpSharedConfig) config = parse_ok ("[profile bad]\nendpoint_url = http://192.168.1.10\n", NULL);
  g_autoptr(GError) error = NULL;
  BpEndpoint *endpoint;

  endpoint = bp_resolve_endpoint (insecure_env, NULL, NULL, "us-east-1", BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL, &error);
  g_assert_null (endpoint);
  g_assert_error (error, BP_AWS_CONFIG_ERROR, BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT);
  g_assert_true (g_str_has_prefix (error->message, "AWS_ENDPOINT_URL: "));
  g_assert_nonnull (strstr (error->message, "example.com"));
  g_clear_error (&error);

  endpoint = bp_resolve_endpoint (secret_env, NULL, NULL, "us-east-1", BP_AWS_SERVICE_BEDROCK, NULL, &error);
  g_assert_null (endpoint);
  g_assert_error (error, BP_AWS_CONFIG_ERROR, BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT);
  g_assert_true (g_str_has_prefix (error->message, "AWS_ENDPOINT_URL_BEDROCK: "));
  g_assert_null (strstr (error->message, "hunter2"));
  g_clear_error (&error);

  endpoint = bp_resolve_endpoint (NULL, config, "bad", "us-east-1", BP_AWS_SERVICE_BEDROCK, NULL, &error);
  g_assert_null (endpoint);
  g_assert_error (error, BP_AWS_CONFIG_ERROR, BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT);
  g_assert_true (g_str_has_prefix (error->message, "profile bad in " CONFIG_PATH ": "));
  g_clear_error (&error);

  endpoint = bp_resolve_endpoint (NULL, NULL, NULL, "us-east-1", BP_AWS_SERVICE_BEDROCK, "http://example.com", &error);
  g_assert_null (endpoint);
  g_assert_error (error, BP_AWS_CONFIG_ERROR, BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT);
  g_assert_true (g_str_has_prefix (error->message, "The endpoint"));
}

static void
test_endpoint_invalid_region (void)
{
  static const char * const regions[] = { "US-EAST-1", "us east 1", "", "-x", "us-east-1.evil.com" };
  static const char * const override[] = { "AWS_ENDPOINT_URL=http://127.0.0.1:8080", NULL };
  g_autoptr(BpEndpoint) no_region = NULL;
  g_autoptr(GError) error = NULL;
  BpEndpoint *endpoint;

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      endpoint = bp_resolve_endpoint (NULL, NULL, NULL, regions[i], BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL, &error);
      g_assert_null (endpoint);
      g_assert_error (error, BP_AWS_CONFIG_ERROR, BP_AWS_CONFIG_ERROR_INVALID_REGION);
      g_clear_error (&error);

      /* The region is checked even when an override sets the host: it is signed. */
      endpoint = bp_resolve_endpoint (override, NULL, NULL, regions[i], BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL, &error);
      g_assert_null (endpoint);
      g_assert_error (error, BP_AWS_CONFIG_ERROR, BP_AWS_CONFIG_ERROR_INVALID_REGION);
      g_clear_error (&error);
    }

  endpoint = bp_resolve_endpoint (NULL, NULL, NULL, NULL, BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL, &error);
  g_assert_null (endpoint);
  g_assert_error (error, BP_AWS_CONFIG_ERROR, BP_AWS_CONFIG_ERROR_INVALID_REGION);
  g_clear_error (&error);

  no_region = resolve_ok (override, NULL, NULL, NULL, BP_AWS_SERVICE_BEDROCK_RUNTIME, NULL);
  assert_endpoint (no_region, "http://127.0.0.1:8080", BP_SETTING_SOURCE_ENVIRONMENT, "AWS_ENDPOINT_URL");
}

static void
test_bedrock_regions (void)
{
  const char * const *regions = bp_bedrock_regions ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (; regions[n] != NULL; n++)
    {
      g_assert_true (bp_region_is_valid (regions[n]));
      g_assert_true (g_hash_table_add (seen, (gpointer) regions[n]));
    }

  g_assert_cmpuint (n, ==, 26);
  g_assert_cmpstr (regions[0], ==, "us-east-1");
  g_assert_true (g_hash_table_contains (seen, "eu-central-1"));
  g_assert_true (g_hash_table_contains (seen, "ap-northeast-1"));
  g_assert_true (g_hash_table_contains (seen, "us-gov-west-1"));
  g_assert_false (g_hash_table_contains (seen, "cn-north-1"));
}

static void
test_setting_source_names (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (int source = BP_SETTING_SOURCE_DEFAULT; source <= BP_SETTING_SOURCE_PROFILE; source++)
    {
      const char *name = bp_setting_source_to_string (source);

      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, "");
      g_assert_true (g_hash_table_add (seen, (gpointer) name));
    }
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/aws-config/region/precedence", test_region_precedence);
  g_test_add_func ("/bp/aws-config/region/valid", test_region_valid);
  g_test_add_func ("/bp/aws-config/endpoint/default", test_endpoint_default);
  g_test_add_func ("/bp/aws-config/endpoint/variants", test_endpoint_variants);
  g_test_add_func ("/bp/aws-config/endpoint/precedence", test_endpoint_precedence);
  g_test_add_func ("/bp/aws-config/endpoint/ignore", test_endpoint_ignore);
  g_test_add_func ("/bp/aws-config/endpoint/parse", test_endpoint_parse);
  g_test_add_func ("/bp/aws-config/endpoint/parse-errors", test_endpoint_parse_errors);
  g_test_add_func ("/bp/aws-config/endpoint/error-source", test_endpoint_error_source);
  g_test_add_func ("/bp/aws-config/endpoint/invalid-region", test_endpoint_invalid_region);
  g_test_add_func ("/bp/aws-config/bedrock-regions", test_bedrock_regions);
  g_test_add_func ("/bp/aws-config/setting-source-names", test_setting_source_names);

  return g_test_run ();
}
