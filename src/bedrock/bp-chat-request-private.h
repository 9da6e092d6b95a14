/* bp-chat-request-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-chat-request.h"
#include "bp-model-family.h"

G_BEGIN_DECLS

gboolean _bp_chat_text_is_blank              (const char           *text);
gboolean _bp_chat_request_has_images         (const BpChatRequest  *self);
gboolean _bp_chat_request_check_features     (const BpChatRequest  *self,
                                              BpChatFeatures        features,
                                              const char           *api_name,
                                              GError              **error);
gboolean _bp_chat_request_require_max_tokens (const BpChatRequest  *self,
                                              const char           *api_name,
                                              GError              **error);
gboolean _bp_chat_request_require_last_user  (const BpChatRequest  *self,
                                              const char           *api_name,
                                              GError              **error);

G_END_DECLS
