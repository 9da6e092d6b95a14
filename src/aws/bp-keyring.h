/* bp-keyring.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BP_KEYRING_ERROR (bp_keyring_error_quark ())

/**
 * BpKeyringError:
 * @BP_KEYRING_ERROR_UNAVAILABLE: no Secret Service (e.g. no gnome-keyring) on the session bus
 * @BP_KEYRING_ERROR_FAILED: the keyring refused or failed the request
 */
typedef enum {
  BP_KEYRING_ERROR_UNAVAILABLE,
  BP_KEYRING_ERROR_FAILED,
} BpKeyringError;

GQuark    bp_keyring_error_quark           (void);

/* The Bedrock API key in the desktop keyring (libsecret), never in a file. */
void      bp_keyring_store_api_key_async   (const char           *api_key,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  bp_keyring_store_api_key_finish  (GAsyncResult         *result,
                                            GError              **error);
void      bp_keyring_lookup_api_key_async  (GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
char     *bp_keyring_lookup_api_key_finish (GAsyncResult         *result,
                                            GError              **error);
void      bp_keyring_clear_api_key_async   (GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  bp_keyring_clear_api_key_finish  (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
