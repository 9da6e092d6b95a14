/* bp-chat-request.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_CHAT_MESSAGE (bp_chat_message_get_type ())
#define BP_TYPE_CHAT_REQUEST (bp_chat_request_get_type ())

/**
 * BpChatRole:
 * @BP_CHAT_ROLE_USER: a turn written by the user
 * @BP_CHAT_ROLE_ASSISTANT: a turn written by the model
 *
 * The author of a #BpChatMessage. The system prompt is not a role: it is a
 * property of the #BpChatRequest.
 */
typedef enum
{
  BP_CHAT_ROLE_USER,
  BP_CHAT_ROLE_ASSISTANT,
} BpChatRole;

/**
 * BpChatImageFormat:
 * @BP_CHAT_IMAGE_FORMAT_PNG: image/png
 * @BP_CHAT_IMAGE_FORMAT_JPEG: image/jpeg
 * @BP_CHAT_IMAGE_FORMAT_GIF: image/gif
 * @BP_CHAT_IMAGE_FORMAT_WEBP: image/webp
 *
 * The image formats a chat message can carry (Converse `image.format`).
 */
typedef enum
{
  BP_CHAT_IMAGE_FORMAT_PNG,
  BP_CHAT_IMAGE_FORMAT_JPEG,
  BP_CHAT_IMAGE_FORMAT_GIF,
  BP_CHAT_IMAGE_FORMAT_WEBP,
} BpChatImageFormat;

/**
 * BpChatParam:
 * @BP_CHAT_PARAM_MAX_TOKENS: maximum output tokens
 * @BP_CHAT_PARAM_TEMPERATURE: sampling temperature, 0–1
 * @BP_CHAT_PARAM_TOP_P: nucleus sampling, 0–1
 * @BP_CHAT_PARAM_TOP_K: top-K sampling (only some models)
 * @BP_CHAT_PARAM_STOP_SEQUENCES: stop sequences
 * @BP_CHAT_PARAM_REASONING_BUDGET: extended-thinking budget in tokens
 *   (Claude only; at least 1024 and below max tokens)
 *
 * The inference parameters of a #BpChatRequest. Each one is either set or
 * unset, and only set parameters are sent: newer models reject some
 * combinations (Claude 4.5 refuses temperature together with top-P).
 */
typedef enum
{
  BP_CHAT_PARAM_MAX_TOKENS,
  BP_CHAT_PARAM_TEMPERATURE,
  BP_CHAT_PARAM_TOP_P,
  BP_CHAT_PARAM_TOP_K,
  BP_CHAT_PARAM_STOP_SEQUENCES,
  BP_CHAT_PARAM_REASONING_BUDGET,
} BpChatParam;

/* The smallest extended-thinking budget Anthropic accepts. */
#define BP_CHAT_MIN_REASONING_BUDGET 1024

const char *bp_chat_image_format_to_string    (BpChatImageFormat  format);
const char *bp_chat_image_format_to_mime_type (BpChatImageFormat  format);
gboolean    bp_chat_image_format_from_string  (const char        *str,
                                               BpChatImageFormat *format);
gboolean    bp_chat_image_format_sniff        (GBytes            *bytes,
                                               BpChatImageFormat *format);

GType          bp_chat_message_get_type                (void) G_GNUC_CONST;
BpChatMessage *bp_chat_message_new                     (BpChatRole           role,
                                                        const char          *text);
BpChatMessage *bp_chat_message_ref                     (BpChatMessage       *self);
void           bp_chat_message_unref                   (BpChatMessage       *self);
BpChatRole     bp_chat_message_get_role                (const BpChatMessage *self);
const char    *bp_chat_message_get_text                (const BpChatMessage *self);
void           bp_chat_message_set_text                (BpChatMessage       *self,
                                                        const char          *text);
void           bp_chat_message_add_image               (BpChatMessage       *self,
                                                        BpChatImageFormat    format,
                                                        GBytes              *bytes);
guint          bp_chat_message_get_n_images            (const BpChatMessage *self);
GBytes        *bp_chat_message_get_image               (const BpChatMessage *self,
                                                        guint                index,
                                                        BpChatImageFormat   *format);
void           bp_chat_message_set_reasoning           (BpChatMessage       *self,
                                                        const char          *text,
                                                        const char          *signature);
const char    *bp_chat_message_get_reasoning_text      (const BpChatMessage *self);
const char    *bp_chat_message_get_reasoning_signature (const BpChatMessage *self);
void           bp_chat_message_set_redacted_reasoning  (BpChatMessage       *self,
                                                        GBytes              *data);
GBytes        *bp_chat_message_get_redacted_reasoning  (const BpChatMessage *self);

GType          bp_chat_request_get_type          (void) G_GNUC_CONST;
BpChatRequest *bp_chat_request_new               (const char          *model_id);
BpChatRequest *bp_chat_request_copy              (const BpChatRequest *self);
BpChatRequest *bp_chat_request_ref               (BpChatRequest       *self);
void           bp_chat_request_unref             (BpChatRequest       *self);
const char    *bp_chat_request_get_model_id      (const BpChatRequest *self);
void           bp_chat_request_set_model_id      (BpChatRequest       *self,
                                                  const char          *model_id);
const char    *bp_chat_request_get_system_prompt (const BpChatRequest *self);
void           bp_chat_request_set_system_prompt (BpChatRequest       *self,
                                                  const char          *system_prompt);
void           bp_chat_request_append_message    (BpChatRequest       *self,
                                                  BpChatMessage       *message);
BpChatMessage *bp_chat_request_add_message       (BpChatRequest       *self,
                                                  BpChatRole           role,
                                                  const char          *text);
guint          bp_chat_request_get_n_messages    (const BpChatRequest *self);
BpChatMessage *bp_chat_request_get_message       (const BpChatRequest *self,
                                                  guint                index);
void           bp_chat_request_truncate_messages (BpChatRequest       *self,
                                                  guint                n_messages);

gboolean            bp_chat_request_is_set               (const BpChatRequest *self,
                                                          BpChatParam          param);
void                bp_chat_request_unset                (BpChatRequest       *self,
                                                          BpChatParam          param);
guint               bp_chat_request_get_max_tokens       (const BpChatRequest *self);
void                bp_chat_request_set_max_tokens       (BpChatRequest       *self,
                                                          guint                max_tokens);
double              bp_chat_request_get_temperature      (const BpChatRequest *self);
void                bp_chat_request_set_temperature      (BpChatRequest       *self,
                                                          double               temperature);
double              bp_chat_request_get_top_p            (const BpChatRequest *self);
void                bp_chat_request_set_top_p            (BpChatRequest       *self,
                                                          double               top_p);
guint               bp_chat_request_get_top_k            (const BpChatRequest *self);
void                bp_chat_request_set_top_k            (BpChatRequest       *self,
                                                          guint                top_k);
const char * const *bp_chat_request_get_stop_sequences   (const BpChatRequest *self);
void                bp_chat_request_set_stop_sequences   (BpChatRequest       *self,
                                                          const char * const  *stop_sequences);
guint               bp_chat_request_get_reasoning_budget (const BpChatRequest *self);
void                bp_chat_request_set_reasoning_budget (BpChatRequest       *self,
                                                          guint                budget_tokens);

gboolean bp_chat_request_validate (const BpChatRequest  *self,
                                   GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpChatMessage, bp_chat_message_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpChatRequest, bp_chat_request_unref)

G_END_DECLS
