/* bp-chat-item.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bp-chat-request.h"
#include "bp-error-text.h"
#include "bp-history-types.h"
#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_CHAT_ITEM       (bp_chat_item_get_type ())
#define BP_TYPE_CHAT_ITEM_STATE (bp_chat_item_state_get_type ())

G_DECLARE_FINAL_TYPE (BpChatItem, bp_chat_item, BP, CHAT_ITEM, GObject)

/**
 * BpChatItemState:
 * @BP_CHAT_ITEM_STATE_DONE: a finished message (every user message)
 * @BP_CHAT_ITEM_STATE_WAITING: the request is out, no reply text yet
 * @BP_CHAT_ITEM_STATE_STREAMING: reply text is arriving
 * @BP_CHAT_ITEM_STATE_STOPPED: the user stopped the reply; the text is
 *   what arrived
 * @BP_CHAT_ITEM_STATE_FAILED: an error ended the reply; the text is what
 *   arrived, #BpChatItem:error says why
 *
 * Where a message of the chat page stands.
 */
typedef enum
{
  BP_CHAT_ITEM_STATE_DONE,
  BP_CHAT_ITEM_STATE_WAITING,
  BP_CHAT_ITEM_STATE_STREAMING,
  BP_CHAT_ITEM_STATE_STOPPED,
  BP_CHAT_ITEM_STATE_FAILED,
} BpChatItemState;

GType            bp_chat_item_state_get_type  (void) G_GNUC_CONST;

BpChatItem      *bp_chat_item_new             (guint                  serial,
                                               BpChatRole             role,
                                               const char            *text);
BpChatItem      *bp_chat_item_new_from_record (guint                  serial,
                                               const BpMessageRecord *record);
BpMessageRecord *bp_chat_item_to_record       (BpChatItem            *self,
                                               gint64                 conversation_id);
BpChatMessage   *bp_chat_item_to_message      (BpChatItem            *self);

guint            bp_chat_item_get_serial      (BpChatItem            *self);
BpChatRole       bp_chat_item_get_role        (BpChatItem            *self);
const char      *bp_chat_item_get_text        (BpChatItem            *self);
void             bp_chat_item_set_text        (BpChatItem            *self,
                                               const char            *text);
void             bp_chat_item_append_text     (BpChatItem            *self,
                                               const char            *delta);
const char      *bp_chat_item_get_reasoning   (BpChatItem            *self);
void             bp_chat_item_append_reasoning (BpChatItem           *self,
                                                const char           *delta);
BpChatItemState  bp_chat_item_get_state       (BpChatItem            *self);
void             bp_chat_item_set_state       (BpChatItem            *self,
                                               BpChatItemState        state);
gboolean         bp_chat_item_get_incomplete  (BpChatItem            *self);
gboolean         bp_chat_item_is_busy         (BpChatItem            *self);

const char      *bp_chat_item_get_model_id    (BpChatItem            *self);
void             bp_chat_item_set_model_id    (BpChatItem            *self,
                                               const char            *model_id);
const char      *bp_chat_item_get_model_name  (BpChatItem            *self);
void             bp_chat_item_set_model_name  (BpChatItem            *self,
                                               const char            *model_name);
const char      *bp_chat_item_get_invoke_id   (BpChatItem            *self);
void             bp_chat_item_set_invoke_id   (BpChatItem            *self,
                                               const char            *invoke_id);
const char      *bp_chat_item_get_stop_reason (BpChatItem            *self);
void             bp_chat_item_set_stop_reason (BpChatItem            *self,
                                               const char            *stop_reason);

gint64           bp_chat_item_get_input_tokens  (BpChatItem          *self);
gint64           bp_chat_item_get_output_tokens (BpChatItem          *self);
gint64           bp_chat_item_get_ttft_ms       (BpChatItem          *self);
gint64           bp_chat_item_get_total_ms      (BpChatItem          *self);
double           bp_chat_item_get_cost_usd      (BpChatItem          *self);
void             bp_chat_item_set_stats         (BpChatItem          *self,
                                                 gint64               input_tokens,
                                                 gint64               output_tokens,
                                                 gint64               ttft_ms,
                                                 gint64               total_ms,
                                                 double               cost_usd);

const char      *bp_chat_item_get_request_json (BpChatItem           *self);
const char      *bp_chat_item_get_endpoint     (BpChatItem           *self);
void             bp_chat_item_set_request      (BpChatItem           *self,
                                                const char           *endpoint,
                                                const char           *request_json);
const char      *bp_chat_item_get_region       (BpChatItem           *self);
void             bp_chat_item_set_region       (BpChatItem           *self,
                                                const char           *region);

const BpErrorText *bp_chat_item_get_error     (BpChatItem            *self);
void             bp_chat_item_set_error       (BpChatItem            *self,
                                               const BpErrorText     *error);
const char      *bp_chat_item_get_error_message (BpChatItem          *self);
const char      *bp_chat_item_get_status_text (BpChatItem            *self);
void             bp_chat_item_set_status_text (BpChatItem            *self,
                                               const char            *status_text);

gboolean         bp_chat_item_get_memory_start (BpChatItem           *self);
void             bp_chat_item_set_memory_start (BpChatItem           *self,
                                                gboolean              memory_start);
gboolean         bp_chat_item_get_last        (BpChatItem            *self);
void             bp_chat_item_set_last        (BpChatItem            *self,
                                               gboolean               last);
gint64           bp_chat_item_get_record_id   (BpChatItem            *self);
void             bp_chat_item_set_record_id   (BpChatItem            *self,
                                               gint64                 record_id);

G_END_DECLS
