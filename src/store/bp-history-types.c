/* bp-history-types.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-history-types"

#include "config.h"

#include "bp-history-types.h"

G_DEFINE_BOXED_TYPE (BpConversationRecord, bp_conversation_record,
                     bp_conversation_record_copy, bp_conversation_record_free)
G_DEFINE_BOXED_TYPE (BpMessageRecord, bp_message_record,
                     bp_message_record_copy, bp_message_record_free)
G_DEFINE_BOXED_TYPE (BpImageRecord, bp_image_record,
                     bp_image_record_copy, bp_image_record_free)

/**
 * bp_conversation_record_new:
 *
 * Returns: (transfer full): an empty record, not stored yet
 */
BpConversationRecord *
bp_conversation_record_new (void)
{
  return g_new0 (BpConversationRecord, 1);
}

/**
 * bp_conversation_record_copy:
 * @self: a #BpConversationRecord
 *
 * Returns: (transfer full): a deep copy of @self
 */
BpConversationRecord *
bp_conversation_record_copy (const BpConversationRecord *self)
{
  BpConversationRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->title = g_strdup (self->title);
  copy->model_id = g_strdup (self->model_id);
  copy->system_prompt = g_strdup (self->system_prompt);
  copy->parameters_json = g_strdup (self->parameters_json);

  return copy;
}

/**
 * bp_conversation_record_free:
 * @self: (nullable): a #BpConversationRecord
 *
 * Frees @self and its strings.
 */
void
bp_conversation_record_free (BpConversationRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->model_id);
  g_free (self->system_prompt);
  g_free (self->parameters_json);
  g_free (self);
}

/**
 * bp_message_record_new:
 * @conversation_id: the conversation it belongs to
 * @role: who wrote it
 * @text: (nullable): its text
 *
 * Returns: (transfer full): a message record with every count and time
 *   unknown (-1) and an unknown cost
 */
BpMessageRecord *
bp_message_record_new (gint64      conversation_id,
                       BpChatRole  role,
                       const char *text)
{
  BpMessageRecord *self = g_new0 (BpMessageRecord, 1);

  self->conversation_id = conversation_id;
  self->role = role;
  self->text = g_strdup (text);
  self->input_tokens = -1;
  self->output_tokens = -1;
  self->time_to_first_token_ms = -1;
  self->total_ms = -1;
  self->cost_usd = -1.0;

  return self;
}

/**
 * bp_message_record_copy:
 * @self: a #BpMessageRecord
 *
 * Returns: (transfer full): a deep copy of @self
 */
BpMessageRecord *
bp_message_record_copy (const BpMessageRecord *self)
{
  BpMessageRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->text = g_strdup (self->text);
  copy->reasoning = g_strdup (self->reasoning);
  copy->model_id = g_strdup (self->model_id);
  copy->invoke_id = g_strdup (self->invoke_id);
  copy->stop_reason = g_strdup (self->stop_reason);
  copy->request_json = g_strdup (self->request_json);
  copy->endpoint = g_strdup (self->endpoint);
  copy->error_message = g_strdup (self->error_message);

  return copy;
}

/**
 * bp_message_record_free:
 * @self: (nullable): a #BpMessageRecord
 *
 * Frees @self and its strings.
 */
void
bp_message_record_free (BpMessageRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->reasoning);
  g_free (self->model_id);
  g_free (self->invoke_id);
  g_free (self->stop_reason);
  g_free (self->request_json);
  g_free (self->endpoint);
  g_free (self->error_message);
  g_free (self);
}

static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

/**
 * bp_message_record_set_from_reply:
 * @self: a #BpMessageRecord of an assistant message
 * @reply: the reply as it stands, streaming or finished
 *
 * Copies what @reply knows into @self: text, reasoning, stop reason (the
 * Converse spelling; for a reason this version does not know, the raw one),
 * token counts, time to first token, latency, and the incomplete flag. The
 * model, invoke id, cost, request body, endpoint and error message are the
 * caller's to set; the model only when @self has none yet.
 */
void
bp_message_record_set_from_reply (BpMessageRecord   *self,
                                  const BpChatReply *reply)
{
  const BpUsage *usage;
  BpStopReason reason;

  g_return_if_fail (self != NULL);
  g_return_if_fail (reply != NULL);

  replace_string (&self->text, bp_chat_reply_get_text (reply));
  replace_string (&self->reasoning, bp_chat_reply_get_reasoning_text (reply));

  if (self->model_id == NULL)
    self->model_id = g_strdup (bp_chat_reply_get_model_id (reply));

  reason = bp_chat_reply_get_stop_reason (reply);
  if (reason == BP_STOP_REASON_OTHER)
    replace_string (&self->stop_reason, bp_chat_reply_get_stop_reason_string (reply));
  else
    replace_string (&self->stop_reason, bp_stop_reason_to_string (reason));

  usage = bp_chat_reply_get_usage (reply);
  self->input_tokens = usage->input_tokens;
  self->output_tokens = usage->output_tokens;
  self->time_to_first_token_ms = bp_chat_reply_get_time_to_first_token_ms (reply);
  self->total_ms = bp_chat_reply_get_latency_ms (reply);
  self->incomplete = !bp_chat_reply_is_complete (reply);
}

/**
 * bp_image_record_new:
 *
 * Returns: (transfer full): an empty image record with an unknown seed and
 *   cost
 */
BpImageRecord *
bp_image_record_new (void)
{
  BpImageRecord *self = g_new0 (BpImageRecord, 1);

  self->seed = -1;
  self->cost_usd = -1.0;

  return self;
}

/**
 * bp_image_record_copy:
 * @self: a #BpImageRecord
 *
 * Returns: (transfer full): a deep copy of @self
 */
BpImageRecord *
bp_image_record_copy (const BpImageRecord *self)
{
  BpImageRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->prompt = g_strdup (self->prompt);
  copy->negative_prompt = g_strdup (self->negative_prompt);
  copy->model_id = g_strdup (self->model_id);
  copy->parameters_json = g_strdup (self->parameters_json);
  copy->file_name = g_strdup (self->file_name);

  return copy;
}

/**
 * bp_image_record_free:
 * @self: (nullable): a #BpImageRecord
 *
 * Frees @self and its strings.
 */
void
bp_image_record_free (BpImageRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->prompt);
  g_free (self->negative_prompt);
  g_free (self->model_id);
  g_free (self->parameters_json);
  g_free (self->file_name);
  g_free (self);
}
