/* bp-history-types.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bp-chat-reply.h"
#include "bp-chat-request.h"
#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_CONVERSATION_RECORD (bp_conversation_record_get_type ())
#define BP_TYPE_MESSAGE_RECORD      (bp_message_record_get_type ())
#define BP_TYPE_IMAGE_RECORD        (bp_image_record_get_type ())

/* The plain records the history store reads and writes. Fields are public:
 * fill them, hand the record to the store (which copies what it needs), and
 * free it. Strings are owned by the record (g_free). Numbers that may be
 * unknown are -1 when unknown; costs are negative (BP_PRICE_UNKNOWN) when
 * unknown. Times are Unix time in milliseconds. */

/**
 * BpConversationRecord:
 * @id: the row id, 0 before the conversation is stored
 * @title: (nullable): the title shown in the sidebar
 * @created_at: when it was created (Unix ms)
 * @updated_at: when a message was last appended (Unix ms)
 * @model_id: (nullable): the model picked in the parameter panel
 * @system_prompt: (nullable): the system prompt
 * @parameters_json: (nullable): the parameter panel's settings, as JSON
 *   the UI writes and reads back; the store does not look inside
 * @n_messages: how many messages it holds (filled by the store's reads)
 * @total_cost_usd: the sum of the known costs of its replies (filled by the
 *   store's reads; 0 when none is known)
 *
 * One conversation of the chat page.
 */
struct _BpConversationRecord
{
  gint64  id;
  char   *title;
  gint64  created_at;
  gint64  updated_at;
  char   *model_id;
  char   *system_prompt;
  char   *parameters_json;
  guint   n_messages;
  double  total_cost_usd;
};

/**
 * BpMessageRecord:
 * @id: the row id, 0 before the message is stored
 * @conversation_id: the conversation it belongs to
 * @position: its index in the conversation, from 0; the store assigns it
 * @role: who wrote it
 * @text: (nullable): the text
 * @reasoning: (nullable): the model's reasoning text, if it showed any
 * @model_id: (nullable): the model picked for the reply
 * @invoke_id: (nullable): the id actually invoked (an inference profile id
 *   such as `us.anthropic.…`, or the model id)
 * @stop_reason: (nullable): the Converse stop reason string
 *   (bp_stop_reason_to_string()), or the raw reason of the service
 * @input_tokens: input tokens, or -1
 * @output_tokens: output tokens, or -1
 * @time_to_first_token_ms: time to the first token, or -1
 * @total_ms: the latency of the whole reply, or -1
 * @cost_usd: the estimated cost in US dollars, negative when unknown
 * @request_json: (nullable): the exact request body sent, for "show request"
 * @endpoint: (nullable): the URL the request went to
 * @error_message: (nullable): why the reply failed, when it did
 * @incomplete: %TRUE while the reply streams, and after a failed or
 *   cancelled one: the text is what arrived
 * @created_at: when it was appended (Unix ms)
 *
 * One message of a conversation.
 */
struct _BpMessageRecord
{
  gint64      id;
  gint64      conversation_id;
  guint       position;
  BpChatRole  role;
  char       *text;
  char       *reasoning;
  char       *model_id;
  char       *invoke_id;
  char       *stop_reason;
  gint64      input_tokens;
  gint64      output_tokens;
  gint64      time_to_first_token_ms;
  gint64      total_ms;
  double      cost_usd;
  char       *request_json;
  char       *endpoint;
  char       *error_message;
  gboolean    incomplete;
  gint64      created_at;
};

/**
 * BpImageRecord:
 * @id: the row id, 0 before the image is stored
 * @prompt: (nullable): the prompt
 * @negative_prompt: (nullable): the negative prompt
 * @model_id: (nullable): the model that made the image
 * @seed: the seed, or -1 when unknown
 * @width: the width in pixels, 0 when unknown
 * @height: the height in pixels, 0 when unknown
 * @cost_usd: the estimated cost in US dollars, negative when unknown
 * @parameters_json: (nullable): the image page's settings, as JSON
 * @file_name: (nullable): the PNG's name in the store's images directory;
 *   the store picks it
 * @created_at: when it was added (Unix ms)
 *
 * One generated image. The PNG itself is a file in the images directory
 * beside the database (bp_history_store_dup_image_path()).
 */
struct _BpImageRecord
{
  gint64  id;
  char   *prompt;
  char   *negative_prompt;
  char   *model_id;
  gint64  seed;
  guint   width;
  guint   height;
  double  cost_usd;
  char   *parameters_json;
  char   *file_name;
  gint64  created_at;
};

/**
 * BpHistoryUsage:
 * @n_replies: assistant messages counted
 * @input_tokens: their known input tokens, summed
 * @output_tokens: their known output tokens, summed
 * @cost_usd: their known costs, summed
 * @n_unpriced: replies whose cost is unknown (not in @cost_usd)
 * @n_images: images counted
 * @images_cost_usd: the known costs of the images, summed
 *
 * Usage totals (bp_history_store_get_usage_async()).
 */
struct _BpHistoryUsage
{
  guint   n_replies;
  gint64  input_tokens;
  gint64  output_tokens;
  double  cost_usd;
  guint   n_unpriced;
  guint   n_images;
  double  images_cost_usd;
};

GType                 bp_conversation_record_get_type (void) G_GNUC_CONST;
BpConversationRecord *bp_conversation_record_new      (void);
BpConversationRecord *bp_conversation_record_copy     (const BpConversationRecord *self);
void                  bp_conversation_record_free     (BpConversationRecord       *self);

GType                 bp_message_record_get_type      (void) G_GNUC_CONST;
BpMessageRecord      *bp_message_record_new           (gint64                      conversation_id,
                                                       BpChatRole                  role,
                                                       const char                 *text);
BpMessageRecord      *bp_message_record_copy          (const BpMessageRecord      *self);
void                  bp_message_record_free          (BpMessageRecord            *self);
void                  bp_message_record_set_from_reply (BpMessageRecord           *self,
                                                        const BpChatReply         *reply);

GType                 bp_image_record_get_type        (void) G_GNUC_CONST;
BpImageRecord        *bp_image_record_new             (void);
BpImageRecord        *bp_image_record_copy            (const BpImageRecord        *self);
void                  bp_image_record_free            (BpImageRecord              *self);

char                 *bp_history_title_from_prompt    (const char                 *prompt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpConversationRecord, bp_conversation_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpMessageRecord, bp_message_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpImageRecord, bp_image_record_free)

G_END_DECLS
