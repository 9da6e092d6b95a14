/* bp-converse.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-chat-reply.h"
#include "bp-chat-request.h"
#include "bp-model-family.h"
#include "bp-stream-event.h"
#include "bp-types.h"

G_BEGIN_DECLS

BpChatFeatures  bp_converse_get_features       (const char     *model_id);
GBytes         *bp_converse_build_body         (BpChatRequest  *request,
                                                GError        **error);
BpChatReply    *bp_converse_parse_response     (GBytes         *body,
                                                const char     *model_id,
                                                GError        **error);
BpStreamEvent  *bp_converse_stream_parse_event (const char     *event_type,
                                                GBytes         *payload,
                                                GError        **error);

G_END_DECLS
