/* bp-credential-provider-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "bp-credential-provider.h"

G_BEGIN_DECLS

/* Test hooks. The provider reads the clock only through the now function,
 * and the keyring only through the lookup pair, so tests can fake both. */

/* The current time, unix seconds. */
typedef gint64 (*BpCredentialsNowFunc)       (gpointer              user_data);
typedef void   (*BpKeyringLookupAsyncFunc)   (GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* Returns (transfer full) (nullable): the API key, %NULL when none is stored. */
typedef char  *(*BpKeyringLookupFinishFunc)  (GAsyncResult         *result,
                                              GError              **error);

/* %NULL restores the real clock. */
void _bp_credential_provider_set_now_func       (BpCredentialProvider      *self,
                                                 BpCredentialsNowFunc       now_func,
                                                 gpointer                   user_data);
/* %NULL restores bp_keyring_lookup_api_key_async/_finish. */
void _bp_credential_provider_set_keyring_lookup (BpCredentialProvider      *self,
                                                 BpKeyringLookupAsyncFunc   lookup_async,
                                                 BpKeyringLookupFinishFunc  lookup_finish);

/* Between bp-credential-provider.c (the object, its cache) and
 * bp-credential-provider-chain.c (one lookup along the chain). */
typedef struct _BpCredentialLookup BpCredentialLookup;

gint64               _bp_credential_provider_now                   (BpCredentialProvider  *self);
SoupSession         *_bp_credential_provider_get_session           (BpCredentialProvider  *self);
void                 _bp_credential_provider_keyring_lookup_async  (BpCredentialProvider  *self,
                                                                    GCancellable          *cancellable,
                                                                    GAsyncReadyCallback    callback,
                                                                    gpointer               user_data);
char                *_bp_credential_provider_keyring_lookup_finish (BpCredentialProvider  *self,
                                                                    GAsyncResult          *result,
                                                                    GError               **error);
void                 _bp_credential_provider_set_config            (BpCredentialProvider  *self,
                                                                    guint                  generation,
                                                                    BpSharedConfig        *config);
/* @credentials (nullable): what the lookup found, to cache */
void                 _bp_credential_provider_lookup_done           (BpCredentialProvider  *self,
                                                                    BpCredentialLookup    *lookup,
                                                                    guint                  generation,
                                                                    BpCredentials         *credentials);
void                 _bp_credential_provider_lookup_abandoned      (BpCredentialProvider  *self,
                                                                    BpCredentialLookup    *lookup);

/* A lookup owns itself from _start() until it has answered every waiter. */
BpCredentialLookup  *_bp_credential_lookup_new                     (BpCredentialProvider  *provider,
                                                                    guint                  generation,
                                                                    const char * const    *environment,
                                                                    const char            *explicit_profile,
                                                                    gboolean               use_keyring,
                                                                    guint                  process_timeout_ms);
/* @task: (transfer full): a caller's task, answered with the lookup's result */
void                 _bp_credential_lookup_add_waiter              (BpCredentialLookup    *lookup,
                                                                    GTask                 *task);
void                 _bp_credential_lookup_start                   (BpCredentialLookup    *lookup);
/* A BP_SHARED_CONFIG_ERROR as BP_CREDENTIALS_ERROR_CONFIG. */
GError              *_bp_credential_config_error                   (const GError          *error);

G_END_DECLS
