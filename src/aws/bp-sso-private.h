/* bp-sso-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "bp-credentials.h"
#include "bp-shared-config.h"

G_BEGIN_DECLS

/* TRUE when @profile is an IAM Identity Center (SSO) profile: it has
 * sso_session or sso_start_url. */
gboolean       _bp_sso_profile_uses_sso         (BpSharedConfig       *config,
                                                 const char           *profile);
/* $HOME/.aws/sso/cache/<sha1 hex of @cache_key>.json, HOME from @envp. The
 * key is the sso_session name, or the sso_start_url of a legacy profile. */
char          *_bp_sso_token_cache_path         (const char * const   *envp,
                                                 const char           *cache_key);
/* Reads the cached SSO token the AWS CLI wrote at `aws sso login`, then
 * trades it for role credentials at the portal. @now: unix seconds. */
void           _bp_sso_get_credentials_async    (SoupSession          *session,
                                                 BpSharedConfig       *config,
                                                 const char           *profile,
                                                 const char * const   *envp,
                                                 gint64                now,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
BpCredentials *_bp_sso_get_credentials_finish   (GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
