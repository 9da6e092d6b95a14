/* bp-sigv4.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_SIGV4_ERROR (bp_sigv4_error_quark ())

/**
 * BpSigV4Error:
 * @BP_SIGV4_ERROR_INVALID_CONFIG: the signing configuration is incomplete or
 *   malformed (missing key id, secret, region or service; bad time or expiry)
 * @BP_SIGV4_ERROR_INVALID_REQUEST: the request cannot be signed (no Host
 *   header, a path that does not start with '/', a malformed header name)
 *
 * Errors of the SigV4 signer. Messages never contain a secret.
 */
typedef enum
{
  BP_SIGV4_ERROR_INVALID_CONFIG,
  BP_SIGV4_ERROR_INVALID_REQUEST,
} BpSigV4Error;

GQuark bp_sigv4_error_quark (void);

/**
 * BpSigV4Config:
 * @access_key_id: the access key id
 * @secret_access_key: the secret access key
 * @session_token: (nullable): the session token of temporary credentials;
 *   %NULL or "" for none
 * @region: the signing region, e.g. "us-east-1"
 * @service: the signing service, "bedrock" for both Bedrock hosts
 * @unix_time: the signing time, seconds since the epoch, UTC
 * @normalize_path: normalize the path (drop "." and empty segments, resolve
 *   ".."); %TRUE for every non-S3 service
 * @omit_session_token: do not sign the session token but add it to the
 *   request after signing (the post-sts-header-after behaviour)
 * @add_content_sha256: add and sign an x-amz-content-sha256 header (header
 *   signing only)
 * @expires_in: presigning only: the X-Amz-Expires value in seconds
 *
 * The inputs of one signature. Nothing here is copied or kept.
 */
typedef struct
{
  const char *access_key_id;
  const char *secret_access_key;
  const char *session_token;
  const char *region;
  const char *service;
  gint64      unix_time;
  gboolean    normalize_path;
  gboolean    omit_session_token;
  gboolean    add_content_sha256;
  guint       expires_in;
} BpSigV4Config;

BpSigV4Request *bp_sigv4_request_new            (const char      *method,
                                                 const char      *path,
                                                 const char      *query);
void            bp_sigv4_request_free           (BpSigV4Request  *request);
void            bp_sigv4_request_add_header     (BpSigV4Request  *request,
                                                 const char      *name,
                                                 const char      *value);
void            bp_sigv4_request_set_header     (BpSigV4Request  *request,
                                                 const char      *name,
                                                 const char      *value);
const char     *bp_sigv4_request_get_header     (BpSigV4Request  *request,
                                                 const char      *name);
guint           bp_sigv4_request_get_n_headers  (BpSigV4Request  *request);
void            bp_sigv4_request_get_nth_header (BpSigV4Request  *request,
                                                 guint            n,
                                                 const char     **name,
                                                 const char     **value);
void            bp_sigv4_request_set_body       (BpSigV4Request  *request,
                                                 GBytes          *body);
const char     *bp_sigv4_request_get_query      (BpSigV4Request  *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpSigV4Request, bp_sigv4_request_free)

gboolean        bp_sigv4_sign                   (BpSigV4Request       *request,
                                                 const BpSigV4Config  *config,
                                                 GError              **error);
gboolean        bp_sigv4_presign                (BpSigV4Request       *request,
                                                 const BpSigV4Config  *config,
                                                 GError              **error);
char           *bp_sigv4_format_amz_date        (gint64                unix_time);
char           *bp_sigv4_uri_encode             (const char           *s,
                                                 gboolean              keep_slash);
char           *bp_sha256_hex                   (gconstpointer         data,
                                                 gsize                 len);

/* Added beyond the contract. */
const char     *bp_sigv4_request_get_method     (BpSigV4Request  *request);
const char     *bp_sigv4_request_get_path       (BpSigV4Request  *request);
GBytes         *bp_sigv4_request_get_body       (BpSigV4Request  *request);
void            bp_sigv4_request_remove_header  (BpSigV4Request  *request,
                                                 const char      *name);

G_END_DECLS
