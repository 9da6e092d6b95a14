/* bp-aws-config.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_AWS_CONFIG_ERROR (bp_aws_config_error_quark ())

typedef enum
{
  BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT,
  BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT,
  BP_AWS_CONFIG_ERROR_INVALID_REGION,
} BpAwsConfigError;

typedef enum
{
  BP_SETTING_SOURCE_DEFAULT,       /* built-in default */
  BP_SETTING_SOURCE_EXPLICIT,      /* command-line flag or the app's preferences */
  BP_SETTING_SOURCE_ENVIRONMENT,   /* detail = variable name */
  BP_SETTING_SOURCE_PROFILE,       /* detail = "profile NAME in FILE" */
} BpSettingSource;

typedef enum
{
  BP_AWS_SERVICE_BEDROCK_RUNTIME,
  BP_AWS_SERVICE_BEDROCK,
} BpAwsService;

struct _BpRegionInfo
{
  char            *region;  /* (owned) */
  BpSettingSource  source;
  char            *detail;  /* (owned) (nullable) */
};

struct _BpEndpoint
{
  char            *url;          /* (owned) "https://bedrock-runtime.us-east-1.amazonaws.com", no trailing slash */
  char            *scheme;       /* (owned) "https" or "http" */
  char            *host;         /* (owned) host only */
  guint            port;         /* 0 = the scheme's default */
  char            *host_header;  /* (owned) host, plus ":port" when not the default: what SigV4 signs */
  char            *base_path;    /* (owned) "" or a path prefix from the override URL, no trailing slash */
  BpSettingSource  source;
  char            *detail;       /* (owned) (nullable) env var name / "profile x in FILE" / "services y in FILE" */
};

GQuark              bp_aws_config_error_quark   (void);

void                bp_region_info_free         (BpRegionInfo        *info);
BpRegionInfo       *bp_resolve_region           (const char * const  *envp,
                                                 BpSharedConfig      *config,
                                                 const char          *profile,
                                                 const char          *explicit_region);

void                bp_endpoint_free            (BpEndpoint          *endpoint);
BpEndpoint         *bp_resolve_endpoint         (const char * const  *envp,
                                                 BpSharedConfig      *config,
                                                 const char          *profile,
                                                 const char          *region,
                                                 BpAwsService         service,
                                                 const char          *explicit_url,
                                                 GError             **error);
BpEndpoint         *bp_endpoint_parse           (const char          *url,
                                                 GError             **error);

gboolean            bp_region_is_valid          (const char          *region);
const char * const *bp_bedrock_regions          (void);
const char         *bp_setting_source_to_string (BpSettingSource      source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpRegionInfo, bp_region_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpEndpoint, bp_endpoint_free)

G_END_DECLS
