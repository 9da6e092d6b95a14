/* bp-credentials.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_CREDENTIALS_ERROR (bp_credentials_error_quark ())
#define BP_TYPE_CREDENTIALS  (bp_credentials_get_type ())

/**
 * BpCredentialsError:
 * @BP_CREDENTIALS_ERROR_NOT_FOUND: nothing anywhere: onboarding
 * @BP_CREDENTIALS_ERROR_PROFILE_NOT_FOUND: the chosen profile is in neither file
 * @BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE: e.g. a key id without a secret
 * @BP_CREDENTIALS_ERROR_PROCESS_FAILED: credential_process exited non-zero
 * @BP_CREDENTIALS_ERROR_PROCESS_TIMEOUT: credential_process took too long
 * @BP_CREDENTIALS_ERROR_PROCESS_OUTPUT: bad JSON, Version != 1, missing keys
 * @BP_CREDENTIALS_ERROR_SSO_LOGIN_REQUIRED: no or expired SSO token
 * @BP_CREDENTIALS_ERROR_SSO_FAILED: the SSO portal call failed
 * @BP_CREDENTIALS_ERROR_EXPIRED: credentials past their expiration
 * @BP_CREDENTIALS_ERROR_UNSUPPORTED_PROFILE: role assumption / web identity
 * @BP_CREDENTIALS_ERROR_CONFIG: a config file could not be parsed
 *
 * Codes name what the user has to do differently. Append, never renumber.
 */
typedef enum {
  BP_CREDENTIALS_ERROR_NOT_FOUND,
  BP_CREDENTIALS_ERROR_PROFILE_NOT_FOUND,
  BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE,
  BP_CREDENTIALS_ERROR_PROCESS_FAILED,
  BP_CREDENTIALS_ERROR_PROCESS_TIMEOUT,
  BP_CREDENTIALS_ERROR_PROCESS_OUTPUT,
  BP_CREDENTIALS_ERROR_SSO_LOGIN_REQUIRED,
  BP_CREDENTIALS_ERROR_SSO_FAILED,
  BP_CREDENTIALS_ERROR_EXPIRED,
  BP_CREDENTIALS_ERROR_UNSUPPORTED_PROFILE,
  BP_CREDENTIALS_ERROR_CONFIG,
} BpCredentialsError;

typedef enum {
  BP_CREDENTIAL_SOURCE_NONE,
  BP_CREDENTIAL_SOURCE_ENVIRONMENT,          /* AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY [/ AWS_SESSION_TOKEN] */
  BP_CREDENTIAL_SOURCE_PROFILE,              /* static keys in a shared file */
  BP_CREDENTIAL_SOURCE_CREDENTIAL_PROCESS,
  BP_CREDENTIAL_SOURCE_SSO,
  BP_CREDENTIAL_SOURCE_API_KEY_ENVIRONMENT,  /* AWS_BEARER_TOKEN_BEDROCK */
  BP_CREDENTIAL_SOURCE_API_KEY_KEYRING,      /* pasted into the app, stored by libsecret */
} BpCredentialSource;

GQuark              bp_credentials_error_quark          (void);
GType               bp_credentials_get_type             (void) G_GNUC_CONST;

BpCredentials      *bp_credentials_new_keys             (const char    *access_key_id,
                                                         const char    *secret_access_key,
                                                         const char    *session_token,
                                                         gint64         expiration);
BpCredentials      *bp_credentials_new_bearer           (const char    *token);
BpCredentials      *bp_credentials_ref                  (BpCredentials *self);
void                bp_credentials_unref                (BpCredentials *self);
gboolean            bp_credentials_is_bearer            (BpCredentials *self);
const char         *bp_credentials_get_access_key_id    (BpCredentials *self);
const char         *bp_credentials_get_secret_access_key (BpCredentials *self);
const char         *bp_credentials_get_session_token    (BpCredentials *self);
const char         *bp_credentials_get_bearer_token     (BpCredentials *self);
gint64              bp_credentials_get_expiration       (BpCredentials *self);
BpCredentialSource  bp_credentials_get_source           (BpCredentials *self);
const char         *bp_credentials_get_profile          (BpCredentials *self);
const char         *bp_credentials_get_source_path      (BpCredentials *self);
char               *bp_credentials_describe             (BpCredentials *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpCredentials, bp_credentials_unref)

G_END_DECLS
