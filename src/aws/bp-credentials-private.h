/* bp-credentials-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-credentials.h"

G_BEGIN_DECLS

/* Records where freshly made credentials came from. Only for the sources in
 * src/aws, and only before the credentials are handed to anyone: after that
 * they are immutable. */
void   _bp_credentials_set_origin      (BpCredentials      *self,
                                        BpCredentialSource  source,
                                        const char         *profile,
                                        const char         *source_path);
/* bp_credentials_describe() without the expiration. */
char  *_bp_credentials_describe_origin (BpCredentials      *self);
/* "AKIA…MPLE": enough of an access key id to recognise it, for messages. */
char  *_bp_credentials_mask_key_id     (const char         *access_key_id);
/* Parses an ISO-8601 time (a missing zone means UTC) into unix seconds. */
gboolean _bp_credentials_parse_time    (const char         *text,
                                        gint64             *out_unix);
/* "2026-11-22 13:00:00 UTC", for messages. */
char  *_bp_credentials_format_time     (gint64              unix_time);

G_END_DECLS
