/* bp-converse-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bp-converse.h"

G_BEGIN_DECLS

/* The Converse schema pieces Nova's native messages-v1 body and stream
 * chunks share. */

void           _bp_converse_add_system        (JsonBuilder          *builder,
                                               const BpChatRequest  *request);
void           _bp_converse_add_messages      (JsonBuilder          *builder,
                                               const BpChatRequest  *request,
                                               gboolean              with_reasoning);
void           _bp_converse_read_content      (JsonArray            *content,
                                               BpChatReply          *reply);
BpStreamEvent *_bp_converse_event_from_object (const char           *event_type,
                                               JsonObject           *object,
                                               GError              **error);
gboolean       _bp_converse_is_event_type     (const char           *event_type);

G_END_DECLS
