/* bp-sigv4-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-sigv4.h"

G_BEGIN_DECLS

/* The signer's stages over one state struct, as aws-c-auth splits them
 * (include/aws/auth/private/aws_signing.h), so tests can check each stage and
 * the fake Bedrock server can verify an incoming signature: it rebuilds a
 * request holding only the headers named in SignedHeaders (or the query
 * without X-Amz-Signature), runs the stages and compares the signature. */

#define BP_SIGV4_ALGORITHM      "AWS4-HMAC-SHA256"
#define BP_SIGV4_TERMINATOR     "aws4_request"
/* A SHA-256 digest: the signing key and every intermediate HMAC. */
#define BP_SIGV4_DIGEST_SIZE    32
/* Lowercase hex of a digest plus the NUL. */
#define BP_SIGV4_HEX_SIZE       (2 * BP_SIGV4_DIGEST_SIZE + 1)
/* "YYYYMMDDTHHMMSSZ" plus the NUL. */
#define BP_SIGV4_AMZ_DATE_SIZE  17
/* "YYYYMMDD" plus the NUL. */
#define BP_SIGV4_DATE_STAMP_SIZE 9
/* The longest presigned URL lifetime SigV4 accepts: seven days. */
#define BP_SIGV4_MAX_EXPIRES    604800
/* 9999-12-31T23:59:59Z: the last second an amz-date can spell. */
#define BP_SIGV4_MAX_UNIX_TIME  G_GINT64_CONSTANT (253402300799)

/* One request header, as added: all three strings are owned. */
typedef struct
{
  char *name;
  char *lower;
  char *value;
} BpSigV4Header;

/* Owned by bp-sigv4-request.c; the signer reads it and, when presigning,
 * replaces the query. */
struct _BpSigV4Request
{
  char    *method;
  char    *path;
  char    *query;   /* (nullable) */
  GArray  *headers; /* BpSigV4Header, in order, duplicates kept */
  GBytes  *body;    /* (nullable) */
};

typedef enum
{
  BP_SIGV4_MODE_HEADER,
  BP_SIGV4_MODE_QUERY,
} BpSigV4Mode;

/* One signed header after sorting: @lower points into the request. */
typedef struct
{
  const char *lower;
  const char *value;
  guint       index;
} BpSigV4SortedHeader;

typedef struct
{
  /* borrowed */
  BpSigV4Request      *request;
  const BpSigV4Config *config;
  BpSigV4Mode          mode;

  char   amz_date[BP_SIGV4_AMZ_DATE_SIZE];
  char   date_stamp[BP_SIGV4_DATE_STAMP_SIZE];
  char   payload_hash[BP_SIGV4_HEX_SIZE];
  char   signature[BP_SIGV4_HEX_SIZE];
  /* Wiped by _bp_sigv4_state_clear(). */
  guint8 signing_key[BP_SIGV4_DIGEST_SIZE];

  /* owned */
  GArray  *sorted_headers;     /* BpSigV4SortedHeader, signable ones only */
  GString *scope;              /* 20150830/us-east-1/service/aws4_request */
  GString *signed_headers;     /* host;x-amz-date */
  GString *canonical_request;
  GString *string_to_sign;
} BpSigV4State;

/* Entry checks: run once before any stage. */
gboolean _bp_sigv4_validate_config         (const BpSigV4Config  *config,
                                            BpSigV4Mode           mode,
                                            GError              **error);
gboolean _bp_sigv4_validate_request        (BpSigV4Request       *request,
                                            GError              **error);

/* Fills the dates, scope and payload hash. */
void     _bp_sigv4_state_init              (BpSigV4State         *state,
                                            BpSigV4Request       *request,
                                            const BpSigV4Config  *config,
                                            BpSigV4Mode           mode);
void     _bp_sigv4_state_clear             (BpSigV4State         *state);

/* The stages, in order. Each reads the request as it is now: the entry
 * points add X-Amz-Date and friends (or the X-Amz-* query parameters)
 * before running them. */
void     _bp_sigv4_build_signed_headers    (BpSigV4State         *state);
void     _bp_sigv4_build_canonical_request (BpSigV4State         *state);
void     _bp_sigv4_build_string_to_sign    (BpSigV4State         *state);
void     _bp_sigv4_derive_signing_key      (BpSigV4State         *state);
void     _bp_sigv4_compute_signature       (BpSigV4State         *state);
/* "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…" */
char    *_bp_sigv4_build_authorization     (BpSigV4State         *state);
/* Runs every stage from _bp_sigv4_build_signed_headers() on. */
void     _bp_sigv4_run_stages              (BpSigV4State         *state);

/* Canonicalisation pieces. */
void     _bp_sigv4_append_uri_encoded      (GString              *out,
                                            const char           *s,
                                            gsize                 len,
                                            gboolean              keep_slash);
void     _bp_sigv4_append_canonical_uri    (GString              *out,
                                            const char           *path,
                                            gboolean              normalize);
void     _bp_sigv4_append_canonical_query  (GString              *out,
                                            const char           *query);
void     _bp_sigv4_append_header_value     (GString              *out,
                                            const char           *value);
gboolean _bp_sigv4_header_is_signable      (const char           *lower_name);
void     _bp_sigv4_format_amz_date         (gint64                unix_time,
                                            char                  out[BP_SIGV4_AMZ_DATE_SIZE]);
void     _bp_sigv4_hex                     (const guint8         *digest,
                                            char                  out[BP_SIGV4_HEX_SIZE]);

G_END_DECLS
