/* bp-shared-config.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_SHARED_CONFIG_ERROR (bp_shared_config_error_quark ())

typedef enum
{
  BP_SHARED_CONFIG_ERROR_PARSE,
  BP_SHARED_CONFIG_ERROR_READ,
} BpSharedConfigError;

typedef enum
{
  BP_CONFIG_SECTION_PROFILE,      /* [default], [profile x] in config; [x] in credentials */
  BP_CONFIG_SECTION_SSO_SESSION,  /* [sso-session x] */
  BP_CONFIG_SECTION_SERVICES,     /* [services x] */
} BpConfigSectionKind;

/* The largest shared config or credentials file we read. */
#define BP_SHARED_CONFIG_MAX_FILE_SIZE (1024 * 1024)

GQuark          bp_shared_config_error_quark              (void);

BpSharedConfig *bp_shared_config_new_from_data            (const char           *config_text,
                                                           const char           *config_path,
                                                           const char           *credentials_text,
                                                           const char           *credentials_path,
                                                           GError              **error);
void            bp_shared_config_load_async               (const char           *config_path,
                                                           const char           *credentials_path,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
BpSharedConfig *bp_shared_config_load_finish              (GAsyncResult         *result,
                                                           GError              **error);
BpSharedConfig *bp_shared_config_ref                      (BpSharedConfig       *config);
void            bp_shared_config_unref                    (BpSharedConfig       *config);
char          **bp_shared_config_list_profiles            (BpSharedConfig       *config);
gboolean        bp_shared_config_has_section              (BpSharedConfig       *config,
                                                           BpConfigSectionKind   kind,
                                                           const char           *name);
const char     *bp_shared_config_get                      (BpSharedConfig       *config,
                                                           BpConfigSectionKind   kind,
                                                           const char           *name,
                                                           const char           *key,
                                                           const char           *subkey,
                                                           const char          **out_path);
const char     *bp_shared_config_get_config_path          (BpSharedConfig       *config);
const char     *bp_shared_config_get_credentials_path     (BpSharedConfig       *config);

char           *bp_shared_config_default_config_path      (const char * const   *envp);
char           *bp_shared_config_default_credentials_path (const char * const   *envp);
char           *bp_shared_config_pick_profile             (const char * const   *envp,
                                                           const char           *explicit_profile,
                                                           const char          **out_source_var);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpSharedConfig, bp_shared_config_unref)

G_END_DECLS
