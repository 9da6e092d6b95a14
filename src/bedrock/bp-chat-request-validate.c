/* bp-chat-request-validate.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-request"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bp-bedrock-error.h"
#include "bp-chat-request-private.h"

/* Client-side checks of a BpChatRequest. They catch what the service would
 * reject anyway, before a round trip, with a sentence that says what to
 * change. All fail with BP_BEDROCK_ERROR_VALIDATION. */

/*
 * _bp_chat_text_is_blank:
 * @text: (nullable): some text
 *
 * Returns: %TRUE if @text is %NULL, empty or only white space
 */
gboolean
_bp_chat_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  /* Invalid text is not blank; other checks report it. */
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

gboolean
_bp_chat_request_has_images (const BpChatRequest *self)
{
  guint n = bp_chat_request_get_n_messages (self);

  for (guint i = 0; i < n; i++)
    {
      if (bp_chat_message_get_n_images (bp_chat_request_get_message (self, i)) > 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
validate_message (const BpChatMessage  *message,
                  guint                 index,
                  const BpChatMessage  *previous,
                  GError              **error)
{
  BpChatRole role = bp_chat_message_get_role (message);
  const char *text = bp_chat_message_get_text (message);
  const char *reasoning = bp_chat_message_get_reasoning_text (message);
  guint n_images = bp_chat_message_get_n_images (message);

  if (previous == NULL && role != BP_CHAT_ROLE_USER)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                           _("The conversation must start with a user message."));
      return FALSE;
    }

  if (previous != NULL && bp_chat_message_get_role (previous) == role)
    {
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                   _("Messages %u and %u have the same role: user and assistant messages must alternate."),
                   index, index + 1);
      return FALSE;
    }

  if (!g_utf8_validate (text, -1, NULL) ||
      (reasoning != NULL && !g_utf8_validate (reasoning, -1, NULL)))
    {
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                   _("Message %u is not valid UTF-8 text."), index + 1);
      return FALSE;
    }

  if (_bp_chat_text_is_blank (text) && n_images == 0)
    {
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                   _("Message %u is empty: write some text or remove it."), index + 1);
      return FALSE;
    }

  if (role != BP_CHAT_ROLE_USER && n_images > 0)
    {
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                   _("Message %u has images, but only user messages can carry images."), index + 1);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_messages (const BpChatRequest  *self,
                   GError              **error)
{
  guint n = bp_chat_request_get_n_messages (self);
  const BpChatMessage *previous = NULL;

  if (n == 0)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                           _("The conversation is empty: write a message first."));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      const BpChatMessage *message = bp_chat_request_get_message (self, i);

      if (!validate_message (message, i, previous, error))
        return FALSE;
      previous = message;
    }

  return TRUE;
}

static gboolean
validate_fraction (double       value,
                   const char  *what,
                   GError     **error)
{
  if (isnan (value) || value < 0.0 || value > 1.0)
    {
      /* Translators: the first %s is a parameter name (Temperature, Top P) */
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                   _("%s must be between 0 and 1 (it is %g)."), what, value);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_stop_sequences (const BpChatRequest  *self,
                         GError              **error)
{
  const char * const *stops = bp_chat_request_get_stop_sequences (self);

  for (guint i = 0; stops != NULL && stops[i] != NULL; i++)
    {
      if (stops[i][0] == '\0' || !g_utf8_validate (stops[i], -1, NULL))
        {
          g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                               _("Stop sequences must be non-empty UTF-8 text."));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
validate_reasoning_budget (const BpChatRequest  *self,
                           GError              **error)
{
  guint budget = bp_chat_request_get_reasoning_budget (self);
  guint max_tokens = bp_chat_request_get_max_tokens (self);

  if (!bp_chat_request_is_set (self, BP_CHAT_PARAM_REASONING_BUDGET))
    return TRUE;

  if (budget < BP_CHAT_MIN_REASONING_BUDGET)
    {
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                   _("The reasoning budget must be at least %u tokens (it is %u)."),
                   BP_CHAT_MIN_REASONING_BUDGET, budget);
      return FALSE;
    }

  if (bp_chat_request_is_set (self, BP_CHAT_PARAM_MAX_TOKENS) && budget >= max_tokens)
    {
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                   _("The reasoning budget (%u tokens) must be smaller than Max tokens (%u): raise Max tokens or lower the budget."),
                   budget, max_tokens);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_params (const BpChatRequest  *self,
                 GError              **error)
{
  if (bp_chat_request_is_set (self, BP_CHAT_PARAM_MAX_TOKENS) &&
      bp_chat_request_get_max_tokens (self) == 0)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                           _("Max tokens must be at least 1."));
      return FALSE;
    }

  if (bp_chat_request_is_set (self, BP_CHAT_PARAM_TEMPERATURE) &&
      !validate_fraction (bp_chat_request_get_temperature (self), _("Temperature"), error))
    return FALSE;

  if (bp_chat_request_is_set (self, BP_CHAT_PARAM_TOP_P) &&
      !validate_fraction (bp_chat_request_get_top_p (self), _("Top P"), error))
    return FALSE;

  return validate_stop_sequences (self, error) &&
         validate_reasoning_budget (self, error);
}

/**
 * bp_chat_request_validate:
 * @self: a #BpChatRequest
 * @error: return location for a %BP_BEDROCK_ERROR_VALIDATION error
 *
 * Checks what every body needs, whatever the model: a model id, a
 * conversation that starts with the user and alternates, no empty message,
 * images only in user messages, valid UTF-8, and parameters in range
 * (max tokens ≥ 1, temperature and top-P in 0–1, non-empty stop sequences,
 * a reasoning budget of at least 1024 tokens and below max tokens when max
 * tokens is set). The body builders call it and then check what the chosen
 * model can express; the UI may call it to explain a greyed-out Send.
 *
 * Returns: %TRUE if the request can be sent
 */
gboolean
bp_chat_request_validate (const BpChatRequest  *self,
                          GError              **error)
{
  const char *system_prompt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (bp_chat_request_get_model_id (self)[0] == '\0')
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                           _("Choose a model first."));
      return FALSE;
    }

  system_prompt = bp_chat_request_get_system_prompt (self);
  if (system_prompt != NULL && !g_utf8_validate (system_prompt, -1, NULL))
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                           _("The system prompt is not valid UTF-8 text."));
      return FALSE;
    }

  return validate_messages (self, error) && validate_params (self, error);
}

static gboolean
unsupported (const char  *what,
             const char  *model_id,
             const char  *api_name,
             GError     **error)
{
  /* Translators: “Top K can't be sent to meta.llama3-8b-instruct-v1:0 with
   * Converse; unset it.” The first %s is a parameter name, the last the API. */
  g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
               _("%s can't be sent to %s with %s; unset it."),
               what, model_id, api_name);
  return FALSE;
}

/*
 * _bp_chat_request_check_features:
 * @self: a validated request
 * @features: what the body for the chosen model can carry
 * @api_name: "Converse" or "InvokeModel", for the message
 *
 * Fails when a set parameter (or an image) has no place in the body, rather
 * than leaving it out silently.
 */
gboolean
_bp_chat_request_check_features (const BpChatRequest  *self,
                                 BpChatFeatures        features,
                                 const char           *api_name,
                                 GError              **error)
{
  const char *model_id = bp_chat_request_get_model_id (self);

  if (!(features & BP_CHAT_FEATURE_TOP_K) &&
      bp_chat_request_is_set (self, BP_CHAT_PARAM_TOP_K))
    return unsupported (_("Top K"), model_id, api_name, error);

  if (!(features & BP_CHAT_FEATURE_STOP_SEQUENCES) &&
      bp_chat_request_is_set (self, BP_CHAT_PARAM_STOP_SEQUENCES))
    return unsupported (_("Stop sequences"), model_id, api_name, error);

  if (!(features & BP_CHAT_FEATURE_REASONING_BUDGET) &&
      bp_chat_request_is_set (self, BP_CHAT_PARAM_REASONING_BUDGET))
    return unsupported (_("A reasoning budget"), model_id, api_name, error);

  if (!(features & BP_CHAT_FEATURE_IMAGES) && _bp_chat_request_has_images (self))
    {
      g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                   _("Images can't be sent to %s with %s; use Converse or remove the images."),
                   model_id, api_name);
      return FALSE;
    }

  return TRUE;
}

/*
 * _bp_chat_request_require_max_tokens:
 *
 * For native bodies where the length limit is a required member.
 */
gboolean
_bp_chat_request_require_max_tokens (const BpChatRequest  *self,
                                     const char           *api_name,
                                     GError              **error)
{
  if (bp_chat_request_is_set (self, BP_CHAT_PARAM_MAX_TOKENS))
    return TRUE;

  g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
               _("%s needs Max tokens for %s: set it."),
               api_name, bp_chat_request_get_model_id (self));
  return FALSE;
}

/*
 * _bp_chat_request_require_last_user:
 *
 * For native bodies that have no way to express an assistant prefill.
 */
gboolean
_bp_chat_request_require_last_user (const BpChatRequest  *self,
                                    const char           *api_name,
                                    GError              **error)
{
  guint n = bp_chat_request_get_n_messages (self);
  BpChatMessage *last = bp_chat_request_get_message (self, n - 1);

  if (bp_chat_message_get_role (last) == BP_CHAT_ROLE_USER)
    return TRUE;

  g_set_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
               _("%s needs the conversation to end with a user message for %s."),
               api_name, bp_chat_request_get_model_id (self));
  return FALSE;
}
