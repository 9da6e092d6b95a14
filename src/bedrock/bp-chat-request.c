/* bp-chat-request.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-request"

#include "config.h"

#include "bp-chat-request-private.h"

/* A text request: the model, the conversation and the parameters the user
 * set. It is a reference-counted boxed struct rather than a GObject: it has
 * no signals, the UI rebuilds it for every send, and the client keeps a
 * reference while the call runs. References are atomic; changes are not
 * locked, so finish changing a request before handing it on. */

struct _BpChatRequest
{
  gatomicrefcount  ref_count;
  char            *model_id;          /* (owned) never %NULL */
  char            *system_prompt;     /* (owned) (nullable) */
  GPtrArray       *messages;          /* (owned) of BpChatMessage */

  guint            set_params;        /* one bit per BpChatParam */
  guint            max_tokens;
  double           temperature;
  double           top_p;
  guint            top_k;
  char           **stop_sequences;    /* (owned) (nullable) */
  guint            reasoning_budget;
};

G_DEFINE_BOXED_TYPE (BpChatRequest, bp_chat_request,
                     bp_chat_request_ref, bp_chat_request_unref)

#define PARAM_BIT(param) (1u << (param))

/**
 * bp_chat_request_new:
 * @model_id: (nullable): a model id, inference profile id or ARN
 *
 * Returns: (transfer full): a new request with no messages and no parameter
 *   set
 */
BpChatRequest *
bp_chat_request_new (const char *model_id)
{
  BpChatRequest *self = g_new0 (BpChatRequest, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->model_id = g_strdup (model_id != NULL ? model_id : "");
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_chat_message_unref);

  return self;
}

/**
 * bp_chat_request_copy:
 * @self: a #BpChatRequest
 *
 * Copies the model id, system prompt and parameters. The messages are
 * shared (referenced, not copied): treat messages in a sent request as
 * read-only. The compare page uses this to send one prompt to many models.
 *
 * Returns: (transfer full): a new request
 */
BpChatRequest *
bp_chat_request_copy (const BpChatRequest *self)
{
  BpChatRequest *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = bp_chat_request_new (self->model_id);
  copy->system_prompt = g_strdup (self->system_prompt);
  for (guint i = 0; i < self->messages->len; i++)
    g_ptr_array_add (copy->messages, bp_chat_message_ref (g_ptr_array_index (self->messages, i)));
  copy->set_params = self->set_params;
  copy->max_tokens = self->max_tokens;
  copy->temperature = self->temperature;
  copy->top_p = self->top_p;
  copy->top_k = self->top_k;
  copy->stop_sequences = g_strdupv (self->stop_sequences);
  copy->reasoning_budget = self->reasoning_budget;

  return copy;
}

/**
 * bp_chat_request_ref:
 * @self: a #BpChatRequest
 *
 * Returns: (transfer full): @self
 */
BpChatRequest *
bp_chat_request_ref (BpChatRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * bp_chat_request_unref:
 * @self: (transfer full): a #BpChatRequest
 */
void
bp_chat_request_unref (BpChatRequest *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->model_id);
  g_free (self->system_prompt);
  g_ptr_array_unref (self->messages);
  g_strfreev (self->stop_sequences);
  g_free (self);
}

/**
 * bp_chat_request_get_model_id:
 * @self: a #BpChatRequest
 *
 * Returns: the model id, "" when none is set
 */
const char *
bp_chat_request_get_model_id (const BpChatRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->model_id;
}

/**
 * bp_chat_request_set_model_id:
 * @self: a #BpChatRequest
 * @model_id: (nullable): a model id, inference profile id or ARN
 */
void
bp_chat_request_set_model_id (BpChatRequest *self,
                              const char    *model_id)
{
  g_return_if_fail (self != NULL);

  g_free (self->model_id);
  self->model_id = g_strdup (model_id != NULL ? model_id : "");
}

/**
 * bp_chat_request_get_system_prompt:
 * @self: a #BpChatRequest
 *
 * Returns: (nullable): the system prompt
 */
const char *
bp_chat_request_get_system_prompt (const BpChatRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->system_prompt;
}

/**
 * bp_chat_request_set_system_prompt:
 * @self: a #BpChatRequest
 * @system_prompt: (nullable): the system prompt; %NULL, "" or only white
 *   space means none, and nothing is sent
 */
void
bp_chat_request_set_system_prompt (BpChatRequest *self,
                                   const char    *system_prompt)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->system_prompt, g_free);
  if (!_bp_chat_text_is_blank (system_prompt))
    self->system_prompt = g_strdup (system_prompt);
}

/**
 * bp_chat_request_append_message:
 * @self: a #BpChatRequest
 * @message: a message to add at the end of the conversation
 */
void
bp_chat_request_append_message (BpChatRequest *self,
                                BpChatMessage *message)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (message != NULL);

  g_ptr_array_add (self->messages, bp_chat_message_ref (message));
}

/**
 * bp_chat_request_add_message:
 * @self: a #BpChatRequest
 * @role: who wrote it
 * @text: (nullable): its text
 *
 * Creates a message and appends it.
 *
 * Returns: (transfer none): the new message, to add images or reasoning
 */
BpChatMessage *
bp_chat_request_add_message (BpChatRequest *self,
                             BpChatRole     role,
                             const char    *text)
{
  BpChatMessage *message;

  g_return_val_if_fail (self != NULL, NULL);

  message = bp_chat_message_new (role, text);
  g_ptr_array_add (self->messages, message);

  return message;
}

/**
 * bp_chat_request_get_n_messages:
 * @self: a #BpChatRequest
 *
 * Returns: the number of messages
 */
guint
bp_chat_request_get_n_messages (const BpChatRequest *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->messages->len;
}

/**
 * bp_chat_request_get_message:
 * @self: a #BpChatRequest
 * @index: a message index
 *
 * Returns: (transfer none): the message
 */
BpChatMessage *
bp_chat_request_get_message (const BpChatRequest *self,
                             guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->messages->len, NULL);

  return g_ptr_array_index (self->messages, index);
}

/**
 * bp_chat_request_truncate_messages:
 * @self: a #BpChatRequest
 * @n_messages: how many messages to keep
 *
 * Drops the messages after the first @n_messages (to regenerate a reply,
 * or to edit an earlier turn).
 */
void
bp_chat_request_truncate_messages (BpChatRequest *self,
                                   guint          n_messages)
{
  g_return_if_fail (self != NULL);

  if (n_messages < self->messages->len)
    g_ptr_array_set_size (self->messages, n_messages);
}

/**
 * bp_chat_request_is_set:
 * @self: a #BpChatRequest
 * @param: a parameter
 *
 * Returns: %TRUE if @param was set and is sent
 */
gboolean
bp_chat_request_is_set (const BpChatRequest *self,
                        BpChatParam          param)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (param <= BP_CHAT_PARAM_REASONING_BUDGET, FALSE);

  return (self->set_params & PARAM_BIT (param)) != 0;
}

/**
 * bp_chat_request_unset:
 * @self: a #BpChatRequest
 * @param: a parameter
 *
 * Unsets @param: it is left out of the body and the model's default
 * applies.
 */
void
bp_chat_request_unset (BpChatRequest *self,
                       BpChatParam    param)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (param <= BP_CHAT_PARAM_REASONING_BUDGET);

  self->set_params &= ~PARAM_BIT (param);
  if (param == BP_CHAT_PARAM_STOP_SEQUENCES)
    g_clear_pointer (&self->stop_sequences, g_strfreev);
}

/**
 * bp_chat_request_get_max_tokens:
 * @self: a #BpChatRequest
 *
 * Returns: the maximum output tokens, 0 when unset
 */
guint
bp_chat_request_get_max_tokens (const BpChatRequest *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return bp_chat_request_is_set (self, BP_CHAT_PARAM_MAX_TOKENS) ? self->max_tokens : 0;
}

/**
 * bp_chat_request_set_max_tokens:
 * @self: a #BpChatRequest
 * @max_tokens: the maximum output tokens (0 fails validation)
 */
void
bp_chat_request_set_max_tokens (BpChatRequest *self,
                                guint          max_tokens)
{
  g_return_if_fail (self != NULL);

  self->max_tokens = max_tokens;
  self->set_params |= PARAM_BIT (BP_CHAT_PARAM_MAX_TOKENS);
}

/**
 * bp_chat_request_get_temperature:
 * @self: a #BpChatRequest
 *
 * Returns: the temperature, 0 when unset
 */
double
bp_chat_request_get_temperature (const BpChatRequest *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return bp_chat_request_is_set (self, BP_CHAT_PARAM_TEMPERATURE) ? self->temperature : 0.0;
}

/**
 * bp_chat_request_set_temperature:
 * @self: a #BpChatRequest
 * @temperature: the temperature, 0–1 (others fail validation)
 */
void
bp_chat_request_set_temperature (BpChatRequest *self,
                                 double         temperature)
{
  g_return_if_fail (self != NULL);

  self->temperature = temperature;
  self->set_params |= PARAM_BIT (BP_CHAT_PARAM_TEMPERATURE);
}

/**
 * bp_chat_request_get_top_p:
 * @self: a #BpChatRequest
 *
 * Returns: top-P, 0 when unset
 */
double
bp_chat_request_get_top_p (const BpChatRequest *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return bp_chat_request_is_set (self, BP_CHAT_PARAM_TOP_P) ? self->top_p : 0.0;
}

/**
 * bp_chat_request_set_top_p:
 * @self: a #BpChatRequest
 * @top_p: top-P, 0–1 (others fail validation)
 */
void
bp_chat_request_set_top_p (BpChatRequest *self,
                           double         top_p)
{
  g_return_if_fail (self != NULL);

  self->top_p = top_p;
  self->set_params |= PARAM_BIT (BP_CHAT_PARAM_TOP_P);
}

/**
 * bp_chat_request_get_top_k:
 * @self: a #BpChatRequest
 *
 * Returns: top-K, 0 when unset
 */
guint
bp_chat_request_get_top_k (const BpChatRequest *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return bp_chat_request_is_set (self, BP_CHAT_PARAM_TOP_K) ? self->top_k : 0;
}

/**
 * bp_chat_request_set_top_k:
 * @self: a #BpChatRequest
 * @top_k: top-K; only some models take it (see #BpChatFeatures)
 */
void
bp_chat_request_set_top_k (BpChatRequest *self,
                           guint          top_k)
{
  g_return_if_fail (self != NULL);

  self->top_k = top_k;
  self->set_params |= PARAM_BIT (BP_CHAT_PARAM_TOP_K);
}

/**
 * bp_chat_request_get_stop_sequences:
 * @self: a #BpChatRequest
 *
 * Returns: (nullable) (array zero-terminated=1): the stop sequences, %NULL
 *   when unset
 */
const char * const *
bp_chat_request_get_stop_sequences (const BpChatRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->stop_sequences;
}

/**
 * bp_chat_request_set_stop_sequences:
 * @self: a #BpChatRequest
 * @stop_sequences: (nullable) (array zero-terminated=1): the stop
 *   sequences; %NULL or an empty array unsets the parameter
 */
void
bp_chat_request_set_stop_sequences (BpChatRequest      *self,
                                    const char * const *stop_sequences)
{
  g_return_if_fail (self != NULL);

  bp_chat_request_unset (self, BP_CHAT_PARAM_STOP_SEQUENCES);
  if (stop_sequences == NULL || stop_sequences[0] == NULL)
    return;

  self->stop_sequences = g_strdupv ((char **) stop_sequences);
  self->set_params |= PARAM_BIT (BP_CHAT_PARAM_STOP_SEQUENCES);
}

/**
 * bp_chat_request_get_reasoning_budget:
 * @self: a #BpChatRequest
 *
 * Returns: the extended-thinking budget in tokens, 0 when unset
 */
guint
bp_chat_request_get_reasoning_budget (const BpChatRequest *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return bp_chat_request_is_set (self, BP_CHAT_PARAM_REASONING_BUDGET) ? self->reasoning_budget : 0;
}

/**
 * bp_chat_request_set_reasoning_budget:
 * @self: a #BpChatRequest
 * @budget_tokens: the extended-thinking budget: at least
 *   %BP_CHAT_MIN_REASONING_BUDGET and below max tokens (Claude only)
 */
void
bp_chat_request_set_reasoning_budget (BpChatRequest *self,
                                      guint          budget_tokens)
{
  g_return_if_fail (self != NULL);

  self->reasoning_budget = budget_tokens;
  self->set_params |= PARAM_BIT (BP_CHAT_PARAM_REASONING_BUDGET);
}
