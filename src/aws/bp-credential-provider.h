/* bp-credential-provider.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-credentials.h"
#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_CREDENTIAL_PROVIDER (bp_credential_provider_get_type ())

G_DECLARE_FINAL_TYPE (BpCredentialProvider, bp_credential_provider, BP, CREDENTIAL_PROVIDER, GObject)

/* Properties:
 *   "environment"  (GStrv)  the environment to read (default: g_get_environ ()) — tests pass their own
 *   "profile"      (string, nullable) explicit profile (CLI --profile, preferences) — wins over AWS_PROFILE
 *   "use-keyring"  (boolean, default FALSE) look up an API key in the keyring as the last source
 *   "process-timeout-ms" (uint, default 30000)
 * Chain (first that applies wins): AWS_BEARER_TOKEN_BEDROCK → env keys → the profile
 * (static keys → credential_process → SSO → role_arn: UNSUPPORTED_PROFILE with the fix) →
 * keyring API key → NOT_FOUND. An explicitly chosen profile that does not exist is
 * PROFILE_NOT_FOUND, not a fallthrough. Results are cached; credentials with an
 * Expiration are refreshed 5 minutes before it. */
BpCredentialProvider *bp_credential_provider_new                   (void);
void                  bp_credential_provider_get_credentials_async  (BpCredentialProvider  *self,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
BpCredentials        *bp_credential_provider_get_credentials_finish (BpCredentialProvider  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void                  bp_credential_provider_invalidate             (BpCredentialProvider  *self);
const char * const   *bp_credential_provider_get_environment        (BpCredentialProvider  *self);
BpSharedConfig       *bp_credential_provider_get_shared_config      (BpCredentialProvider  *self);
void                  bp_credential_provider_load_config_async      (BpCredentialProvider  *self,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
BpSharedConfig       *bp_credential_provider_load_config_finish     (BpCredentialProvider  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);

/* Additions to the contract: plain accessors for the properties. */
void                  bp_credential_provider_set_environment        (BpCredentialProvider  *self,
                                                                     const char * const    *environment);
const char           *bp_credential_provider_get_profile            (BpCredentialProvider  *self);
void                  bp_credential_provider_set_profile            (BpCredentialProvider  *self,
                                                                     const char            *profile);
gboolean              bp_credential_provider_get_use_keyring        (BpCredentialProvider  *self);
void                  bp_credential_provider_set_use_keyring        (BpCredentialProvider  *self,
                                                                     gboolean               use_keyring);
guint                 bp_credential_provider_get_process_timeout_ms (BpCredentialProvider  *self);
void                  bp_credential_provider_set_process_timeout_ms (BpCredentialProvider  *self,
                                                                     guint                  timeout_ms);

G_END_DECLS
