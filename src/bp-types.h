/* bp-types.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Forward declarations of every type of ours, so headers never have to
 * include each other in circles. Keep sorted within each group. */

/* src/aws */
typedef struct _BpCredentialProvider BpCredentialProvider;
typedef struct _BpCredentials        BpCredentials;
typedef struct _BpEndpoint           BpEndpoint;
typedef struct _BpEventStreamDecoder BpEventStreamDecoder;
typedef struct _BpEventStreamMessage BpEventStreamMessage;
typedef struct _BpRegionInfo         BpRegionInfo;
typedef struct _BpRetryPolicy        BpRetryPolicy;
typedef struct _BpSharedConfig       BpSharedConfig;
typedef struct _BpSigV4Request       BpSigV4Request;

G_END_DECLS
