/* bp-aws-config.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-aws-config"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "bp-aws-config.h"
#include "bp-shared-config.h"

/* Region and endpoint resolution with the precedence of botocore
 * (wire-format reference §1.1 and §1.5). */

#define DEFAULT_REGION "us-east-1"

/* A DNS label: the region goes into the host name. */
#define MAX_REGION_LENGTH 63

G_DEFINE_QUARK (bp-aws-config-error-quark, bp_aws_config_error)

static const char * const bedrock_regions[] = {
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "ca-central-1",
  "sa-east-1",
  "eu-central-1",
  "eu-central-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "me-central-1",
  "il-central-1",
  "us-gov-west-1",
  "us-gov-east-1",
  NULL
};

/**
 * bp_bedrock_regions:
 *
 * Returns: (transfer none) (array zero-terminated=1): the regions where
 *   Amazon Bedrock runs, for the region picker
 */
const char * const *
bp_bedrock_regions (void)
{
  return bedrock_regions;
}

/**
 * bp_setting_source_to_string:
 * @source: a #BpSettingSource
 *
 * Returns: (transfer none): a translated name of @source for the UI
 */
const char *
bp_setting_source_to_string (BpSettingSource source)
{
  switch (source)
    {
    case BP_SETTING_SOURCE_DEFAULT:
      return _("Default");
    case BP_SETTING_SOURCE_EXPLICIT:
      return _("Set in the app");
    case BP_SETTING_SOURCE_ENVIRONMENT:
      return _("Environment variable");
    case BP_SETTING_SOURCE_PROFILE:
      return _("AWS config profile");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * bp_region_is_valid:
 * @region: (nullable): a region name
 *
 * A region must be usable as a host name label: lower-case letters, digits
 * and dashes, not starting or ending with a dash ("us-east-1").
 *
 * Returns: whether @region is well-formed (not whether it exists)
 */
gboolean
bp_region_is_valid (const char *region)
{
  gsize len;

  if (region == NULL)
    return FALSE;

  len = strlen (region);
  if (len == 0 || len > MAX_REGION_LENGTH || region[0] == '-' || region[len - 1] == '-')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_islower (region[i]) && !g_ascii_isdigit (region[i]) && region[i] != '-')
        return FALSE;
    }

  return TRUE;
}

static const char *
environ_get (const char * const *envp,
             const char         *variable)
{
  const char *value;

  if (envp == NULL)
    return NULL;

  value = g_environ_getenv ((char **) envp, variable);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* Where a setting came from, for the UI: "profile work in /home/u/.aws/config". */
static char *
describe_profile (const char *name,
                  const char *path)
{
  if (path == NULL)
    /* Translators: %s is a profile name; "profile" is a keyword of the AWS config file. */
    return g_strdup_printf (_("profile %s"), name);

  /* Translators: where a setting came from: "profile work in /home/u/.aws/config". */
  return g_strdup_printf (_("profile %s in %s"), name, path);
}

static char *
describe_services (const char *name,
                   const char *path)
{
  if (path == NULL)
    /* Translators: %s names a [services …] section; "services" is a keyword of the AWS config file. */
    return g_strdup_printf (_("services %s"), name);

  /* Translators: where a setting came from: "services local in /home/u/.aws/config". */
  return g_strdup_printf (_("services %s in %s"), name, path);
}

/**
 * bp_region_info_free:
 * @info: (transfer full) (nullable): a #BpRegionInfo
 */
void
bp_region_info_free (BpRegionInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->region);
  g_free (info->detail);
  g_free (info);
}

static BpRegionInfo *
region_info_new (const char      *region,
                 BpSettingSource  source,
                 char            *detail)
{
  BpRegionInfo *info = g_new0 (BpRegionInfo, 1);

  info->region = g_strdup (region);
  info->source = source;
  info->detail = detail;

  return info;
}

/**
 * bp_resolve_region:
 * @envp: (nullable): the environment to read; %NULL is an empty one
 * @config: (nullable): the shared config files
 * @profile: (nullable): the profile in use; %NULL means "default"
 * @explicit_region: (nullable): a region chosen in the app or on the command line
 *
 * Picks the region: @explicit_region (when not empty), `AWS_REGION`,
 * `AWS_DEFAULT_REGION`, the profile's `region`, then us-east-1. The result
 * is not validated here; bp_resolve_endpoint() does that.
 *
 * Returns: (transfer full): the region and where it came from
 */
BpRegionInfo *
bp_resolve_region (const char * const *envp,
                   BpSharedConfig     *config,
                   const char         *profile,
                   const char         *explicit_region)
{
  static const char * const variables[] = { "AWS_REGION", "AWS_DEFAULT_REGION" };

  if (explicit_region != NULL && explicit_region[0] != '\0')
    return region_info_new (explicit_region, BP_SETTING_SOURCE_EXPLICIT, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = environ_get (envp, variables[i]);

      if (value != NULL)
        return region_info_new (value, BP_SETTING_SOURCE_ENVIRONMENT, g_strdup (variables[i]));
    }

  if (profile == NULL)
    profile = "default";

  if (config != NULL)
    {
      const char *path = NULL;
      const char *value = bp_shared_config_get (config, BP_CONFIG_SECTION_PROFILE, profile,
                                                "region", NULL, &path);

      if (value != NULL && value[0] != '\0')
        return region_info_new (value, BP_SETTING_SOURCE_PROFILE,
                                describe_profile (profile, path));
    }

  return region_info_new (DEFAULT_REGION, BP_SETTING_SOURCE_DEFAULT, NULL);
}

/**
 * bp_endpoint_free:
 * @endpoint: (transfer full) (nullable): a #BpEndpoint
 */
void
bp_endpoint_free (BpEndpoint *endpoint)
{
  if (endpoint == NULL)
    return;

  g_free (endpoint->url);
  g_free (endpoint->scheme);
  g_free (endpoint->host);
  g_free (endpoint->host_header);
  g_free (endpoint->base_path);
  g_free (endpoint->detail);
  g_free (endpoint);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* 127.0.0.0/8 and ::1; a name that merely resolves there does not count. */
  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

static BpEndpoint *
endpoint_new (const char *scheme,
              const char *host,
              int         port,
              const char *path)
{
  BpEndpoint *endpoint = g_new0 (BpEndpoint, 1);
  gboolean is_ipv6 = strchr (host, ':') != NULL;
  int default_port = g_str_equal (scheme, "https") ? 443 : 80;
  g_autofree char *authority = NULL;
  gsize path_len = strlen (path);

  endpoint->scheme = g_strdup (scheme);
  endpoint->host = g_ascii_strdown (host, -1);
  endpoint->port = port > 0 && port != default_port ? (guint) port : 0;

  authority = is_ipv6 ? g_strdup_printf ("[%s]", endpoint->host) : g_strdup (endpoint->host);
  if (endpoint->port != 0)
    endpoint->host_header = g_strdup_printf ("%s:%u", authority, endpoint->port);
  else
    endpoint->host_header = g_strdup (authority);

  while (path_len > 0 && path[path_len - 1] == '/')
    path_len--;
  endpoint->base_path = g_strndup (path, path_len);

  endpoint->url = g_strdup_printf ("%s://%s%s", scheme, endpoint->host_header, endpoint->base_path);

  return endpoint;
}

/* What is wrong with an endpoint URL, as a translated sentence, or NULL. */
static const char *
find_uri_problem (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);

  if (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http"))
    return _("The endpoint must start with https://");

  /* '%' would be an IPv6 zone id, meaningless for a service endpoint. */
  if (host == NULL || host[0] == '\0' || strchr (host, '%') != NULL)
    return _("The endpoint URL has no valid host name");

  if (g_uri_get_userinfo (uri) != NULL)
    return _("The endpoint URL must not contain a user name or password");

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return _("The endpoint URL must not have a query (“?…”) or a fragment (“#…”)");

  if (g_uri_get_port (uri) == 0)
    return _("The endpoint URL has an invalid port");

  return NULL;
}

/**
 * bp_endpoint_parse:
 * @url: an endpoint URL such as "https://bedrock-runtime.us-east-1.amazonaws.com"
 *   or "http://127.0.0.1:8080/prefix"
 * @error: return location for a %BP_AWS_CONFIG_ERROR
 *
 * Parses and checks an endpoint URL: http or https, a host, no user
 * information, query or fragment; plain http only to a loopback host
 * (localhost, 127.0.0.0/8, ::1), else %BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT.
 * Messages never quote the whole URL, which might hold a password.
 *
 * Returns: (transfer full) (nullable): the endpoint, with source
 *   %BP_SETTING_SOURCE_EXPLICIT
 */
BpEndpoint *
bp_endpoint_parse (const char  *url,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  BpEndpoint *endpoint;
  const char *problem;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* ENCODED_PATH keeps the base path as it goes on the wire ("%2F" stays);
   * %-escapes are still checked. */
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_PATH, NULL);
  if (uri == NULL)
    {
      g_set_error (error, BP_AWS_CONFIG_ERROR, BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT,
                   _("The endpoint is not a valid absolute URL such as https://host"));
      return NULL;
    }

  problem = find_uri_problem (uri);
  if (problem != NULL)
    {
      g_set_error_literal (error, BP_AWS_CONFIG_ERROR, BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT, problem);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_str_equal (scheme, "http") && !host_is_loopback (host))
    {
      g_autofree char *authority = strchr (host, ':') != NULL ? g_strdup_printf ("[%s]", host)
                                                               : g_strdup (host);

      /* Translators: %s is a host name, such as example.com. */
      g_set_error (error, BP_AWS_CONFIG_ERROR, BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT,
                   _("The endpoint http://%s would send requests unencrypted: use https:// "
                     "(plain http is only allowed to localhost, 127.0.0.1 and ::1)"),
                   authority);
      return NULL;
    }

  endpoint = endpoint_new (scheme, host, g_uri_get_port (uri), g_uri_get_path (uri));
  endpoint->source = BP_SETTING_SOURCE_EXPLICIT;

  return endpoint;
}

static gboolean
is_true (const char *value)
{
  return value != NULL && g_ascii_strcasecmp (value, "true") == 0;
}

/* A boolean setting: the variable when set, else the profile's key. */
static gboolean
get_flag (const char * const *envp,
          BpSharedConfig     *config,
          const char         *profile,
          const char         *variable,
          const char         *key)
{
  const char *value = environ_get (envp, variable);

  if (value == NULL && config != NULL)
    value = bp_shared_config_get (config, BP_CONFIG_SECTION_PROFILE, profile, key, NULL, NULL);

  return is_true (value);
}

/* The configured override URL with botocore's precedence, or NULL. */
static const char *
find_configured_url (const char * const  *envp,
                     BpSharedConfig      *config,
                     const char          *profile,
                     BpAwsService         service,
                     BpSettingSource     *out_source,
                     char               **out_detail)
{
  const char *service_variable = service == BP_AWS_SERVICE_BEDROCK_RUNTIME
                                 ? "AWS_ENDPOINT_URL_BEDROCK_RUNTIME" : "AWS_ENDPOINT_URL_BEDROCK";
  const char *service_key = service == BP_AWS_SERVICE_BEDROCK_RUNTIME ? "bedrock_runtime" : "bedrock";
  const char *services;
  const char *value;
  const char *path = NULL;

  *out_source = BP_SETTING_SOURCE_ENVIRONMENT;
  if ((value = environ_get (envp, service_variable)) != NULL)
    {
      *out_detail = g_strdup (service_variable);
      return value;
    }
  if ((value = environ_get (envp, "AWS_ENDPOINT_URL")) != NULL)
    {
      *out_detail = g_strdup ("AWS_ENDPOINT_URL");
      return value;
    }

  if (config == NULL)
    return NULL;

  *out_source = BP_SETTING_SOURCE_PROFILE;
  services = bp_shared_config_get (config, BP_CONFIG_SECTION_PROFILE, profile, "services", NULL, NULL);
  if (services != NULL && services[0] != '\0')
    {
      value = bp_shared_config_get (config, BP_CONFIG_SECTION_SERVICES, services,
                                    service_key, "endpoint_url", &path);
      if (value != NULL && value[0] != '\0')
        {
          *out_detail = describe_services (services, path);
          return value;
        }
    }

  value = bp_shared_config_get (config, BP_CONFIG_SECTION_PROFILE, profile, "endpoint_url", NULL, &path);
  if (value != NULL && value[0] != '\0')
    {
      *out_detail = describe_profile (profile, path);
      return value;
    }

  return NULL;
}

static BpEndpoint *
default_endpoint (const char * const *envp,
                  BpSharedConfig     *config,
                  const char         *profile,
                  const char         *region,
                  BpAwsService        service)
{
  gboolean fips = get_flag (envp, config, profile, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint");
  gboolean dual_stack = get_flag (envp, config, profile, "AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint");
  gboolean china = g_str_has_prefix (region, "cn-");
  const char *suffix;
  g_autofree char *host = NULL;
  BpEndpoint *endpoint;

  /* Partition DNS suffixes, wire-format reference §1.1. */
  if (dual_stack)
    suffix = china ? "api.amazonwebservices.com.cn" : "api.aws";
  else
    suffix = china ? "amazonaws.com.cn" : "amazonaws.com";

  host = g_strdup_printf ("%s%s.%s.%s",
                          service == BP_AWS_SERVICE_BEDROCK_RUNTIME ? "bedrock-runtime" : "bedrock",
                          fips ? "-fips" : "", region, suffix);

  endpoint = endpoint_new ("https", host, 0, "");
  endpoint->source = BP_SETTING_SOURCE_DEFAULT;

  return endpoint;
}

/**
 * bp_resolve_endpoint:
 * @envp: (nullable): the environment to read; %NULL is an empty one
 * @config: (nullable): the shared config files
 * @profile: (nullable): the profile in use; %NULL means "default"
 * @region: (nullable): the region, from bp_resolve_region(); may be %NULL
 *   only when an override URL applies
 * @service: which Bedrock endpoint
 * @explicit_url: (nullable): an endpoint set in the app or on the command line
 * @error: return location for a %BP_AWS_CONFIG_ERROR
 *
 * Picks the endpoint as botocore does: @explicit_url, then
 * `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` (or `_BEDROCK`), `AWS_ENDPOINT_URL`,
 * the profile's `services` section, the profile's `endpoint_url`, then the
 * regional host (with the FIPS and dual-stack variants). Setting
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the profile's
 * `ignore_configured_endpoint_urls`) to true skips the environment and
 * profile overrides. The FIPS and dual-stack flags apply only to the
 * regional host. Errors from an override are prefixed with its source.
 *
 * Returns: (transfer full) (nullable): the endpoint and where it came from
 */
BpEndpoint *
bp_resolve_endpoint (const char * const  *envp,
                     BpSharedConfig      *config,
                     const char          *profile,
                     const char          *region,
                     BpAwsService         service,
                     const char          *explicit_url,
                     GError             **error)
{
  BpSettingSource source = BP_SETTING_SOURCE_EXPLICIT;
  g_autofree char *detail = NULL;
  const char *url = NULL;
  BpEndpoint *endpoint;

  g_return_val_if_fail (service == BP_AWS_SERVICE_BEDROCK_RUNTIME || service == BP_AWS_SERVICE_BEDROCK, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (profile == NULL)
    profile = "default";

  /* The region also goes into the signature scope, so check it even when
   * an override URL makes the host independent of it. */
  if (region != NULL && !bp_region_is_valid (region))
    {
      g_set_error (error, BP_AWS_CONFIG_ERROR, BP_AWS_CONFIG_ERROR_INVALID_REGION,
                   _("“%s” is not a valid AWS region name: use lower-case letters, digits and dashes, such as us-east-1"),
                   region);
      return NULL;
    }

  if (explicit_url != NULL && explicit_url[0] != '\0')
    url = explicit_url;
  else if (!get_flag (envp, config, profile, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                      "ignore_configured_endpoint_urls"))
    url = find_configured_url (envp, config, profile, service, &source, &detail);

  if (url == NULL)
    {
      if (region == NULL)
        {
          g_set_error (error, BP_AWS_CONFIG_ERROR, BP_AWS_CONFIG_ERROR_INVALID_REGION,
                       _("No AWS region is set"));
          return NULL;
        }
      return default_endpoint (envp, config, profile, region, service);
    }

  endpoint = bp_endpoint_parse (url, error);
  if (endpoint == NULL)
    {
      if (detail != NULL)
        g_prefix_error (error, "%s: ", detail);
      return NULL;
    }

  endpoint->source = source;
  endpoint->detail = g_steal_pointer (&detail);

  return endpoint;
}
