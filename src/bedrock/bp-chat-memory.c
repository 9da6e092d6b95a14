/* bp-chat-memory.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-memory"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bp-chat-memory.h"

/* The chat page sends the whole conversation every turn (Converse keeps no
 * state). When it would not fit the model's context window minus the room
 * kept for the reply (max tokens), the oldest turns are left out of the
 * request; the history keeps them. What fits is judged from the token
 * counts the service reported for earlier turns where the page knows them,
 * and from an estimate otherwise. Where the model can count tokens
 * (CountTokens), the page asks the service for the whole request's count
 * when the estimate comes near the limit, and the estimate is calibrated
 * by it.
 *
 * The estimate counts characters by Unicode script. Tokenizers of the
 * models on Bedrock average about four characters per token for English and
 * other Latin-script text (spaces, digits and ASCII punctuation included),
 * but only one and a half to two characters per token for Chinese,
 * Japanese and Korean, and two to three for most other scripts. The
 * weights below are those figures in twelfths of a token, leaning high,
 * because sending too much fails the whole request while leaving out one
 * turn too many does not. */

/* Weights of one character, in twelfths of a token. */
#define UNITS_PER_TOKEN 12
#define UNITS_LATIN     3   /* 4 characters per token */
#define UNITS_CJK       8   /* 1.5 characters per token */
#define UNITS_OTHER     5   /* 2.4 characters per token */
/* Opaque bytes (redacted reasoning) count like Latin text. */
#define BYTES_PER_TOKEN 4

G_DEFINE_QUARK (bp-chat-memory-error-quark, bp_chat_memory_error)

static guint
char_units (gunichar c)
{
  if (c < 0x80)
    return UNITS_LATIN;

  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_LATIN:
    case G_UNICODE_SCRIPT_INHERITED:
      return UNITS_LATIN;

    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
    case G_UNICODE_SCRIPT_YI:
      return UNITS_CJK;

    default:
      /* Other scripts, and non-ASCII symbols of the common script such as
       * emoji and CJK punctuation. */
      return UNITS_OTHER;
    }
}

/**
 * bp_chat_memory_estimate_tokens:
 * @text: (nullable): UTF-8 text
 *
 * Estimates how many tokens @text takes, without a tokenizer: about four
 * characters per token for Latin-script text, one and a half for Chinese,
 * Japanese and Korean, 2.4 for other scripts and for symbols such as
 * emoji. Text that is not valid UTF-8 counts four bytes per token.
 *
 * Returns: the estimated tokens, rounded up; 0 for %NULL or ""
 */
guint64
bp_chat_memory_estimate_tokens (const char *text)
{
  guint64 units = 0;
  gsize length;

  if (text == NULL || text[0] == '\0')
    return 0;

  length = strlen (text);
  if (!g_utf8_validate (text, (gssize) length, NULL))
    return (length + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    units += char_units (g_utf8_get_char (p));

  return (units + UNITS_PER_TOKEN - 1) / UNITS_PER_TOKEN;
}

/**
 * bp_chat_memory_estimate_message:
 * @message: a chat message
 *
 * Estimates the tokens @message takes in a request: its text and reasoning
 * (bp_chat_memory_estimate_tokens()), %BP_CHAT_MEMORY_TOKENS_PER_IMAGE for
 * each image, redacted reasoning at four bytes per token, and
 * %BP_CHAT_MEMORY_TOKENS_PER_MESSAGE for the framing.
 *
 * Returns: the estimated tokens
 */
guint64
bp_chat_memory_estimate_message (const BpChatMessage *message)
{
  GBytes *redacted;
  guint64 tokens = BP_CHAT_MEMORY_TOKENS_PER_MESSAGE;

  g_return_val_if_fail (message != NULL, 0);

  tokens += bp_chat_memory_estimate_tokens (bp_chat_message_get_text (message));
  tokens += bp_chat_memory_estimate_tokens (bp_chat_message_get_reasoning_text (message));
  tokens += (guint64) bp_chat_message_get_n_images (message) * BP_CHAT_MEMORY_TOKENS_PER_IMAGE;

  redacted = bp_chat_message_get_redacted_reasoning (message);
  if (redacted != NULL)
    tokens += (g_bytes_get_size (redacted) + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;

  return tokens;
}

static guint64
message_tokens (const BpChatRequest *request,
                guint                index,
                const gint64        *known_tokens)
{
  if (known_tokens != NULL && known_tokens[index] >= 0)
    return (guint64) known_tokens[index];

  return bp_chat_memory_estimate_message (bp_chat_request_get_message (request, index));
}

/**
 * bp_chat_memory_estimate_request:
 * @request: a request
 * @known_tokens: (nullable) (array): as for bp_chat_memory_fit()
 *
 * Estimates the input tokens of the whole of @request: its system prompt
 * and every message, taking the counts in @known_tokens where they are
 * known.
 *
 * Returns: the estimated tokens
 */
guint64
bp_chat_memory_estimate_request (const BpChatRequest *request,
                                 const gint64        *known_tokens)
{
  guint64 tokens;

  g_return_val_if_fail (request != NULL, 0);

  tokens = bp_chat_memory_estimate_tokens (bp_chat_request_get_system_prompt (request));
  for (guint i = 0; i < bp_chat_request_get_n_messages (request); i++)
    tokens += message_tokens (request, i, known_tokens);

  return tokens;
}

/* @tokens of an estimate of @estimated in all, where the service counted
 * @counted: the estimate's error is spread over every part alike. */
static guint64
calibrate (guint64 tokens,
           guint64 counted,
           guint64 estimated)
{
  if (estimated == 0)
    return tokens;

  return (guint64) ((double) tokens * (double) counted / (double) estimated + 0.999);
}

static gboolean
is_user (const BpChatRequest *request,
         guint                index)
{
  return bp_chat_message_get_role (bp_chat_request_get_message (request, index)) == BP_CHAT_ROLE_USER;
}

/* The message every request must keep: the last user message, or the first
 * message when there is no user message at all. */
static guint
required_index (const BpChatRequest *request)
{
  for (guint i = bp_chat_request_get_n_messages (request); i > 0; i--)
    {
      if (is_user (request, i - 1))
        return i - 1;
    }

  return 0;
}

static void
set_too_long_error (GError  **error,
                    guint64   needed,
                    guint64   context_window,
                    guint64   max_tokens)
{
  g_autofree char *needed_str = g_strdup_printf ("%" G_GUINT64_FORMAT, needed);
  g_autofree char *window_str = g_strdup_printf ("%" G_GUINT64_FORMAT, context_window);
  g_autofree char *max_str = g_strdup_printf ("%" G_GUINT64_FORMAT, max_tokens);

  g_set_error (error, BP_CHAT_MEMORY_ERROR, BP_CHAT_MEMORY_ERROR_TOO_LONG,
               /* Translators: the numbers are token counts: the estimate of the
                * message with the system prompt, the model's context window, and
                * the part of it kept for the reply (max tokens). */
               _("The message is too long for this model: with the system prompt it takes "
                 "about %s tokens, but the context window holds %s tokens, %s of which are "
                 "kept for the reply. Shorten the message or the system prompt, or lower the "
                 "maximum tokens of the reply."),
               needed_str, window_str, max_str);
}

/**
 * bp_chat_memory_fit:
 * @request: the request with the whole conversation
 * @context_window: the model's context window in tokens, or 0 when it is
 *   unknown (then nothing is left out)
 * @max_tokens: the tokens kept for the reply (the request's max tokens)
 * @known_tokens: (nullable) (array): one count per message of @request:
 *   the tokens the service reported for it, or -1 when unknown (then the
 *   message is estimated with bp_chat_memory_estimate_message())
 * @counted_tokens: the input tokens of the whole of @request as the
 *   service counted them (CountTokens), or -1 when not counted
 * @out_first_kept: (out) (optional): the index of the first message to send
 * @error: return location for a %BP_CHAT_MEMORY_ERROR_TOO_LONG error
 *
 * Finds how many of the oldest messages must be left out so that the
 * system prompt and the rest fit @context_window minus @max_tokens. The
 * first message kept is always a user message, so whole turns are left
 * out, and the last user message (with anything after it) is always kept:
 * if even that does not fit, this fails with a message that gives the
 * estimate and the window.
 *
 * With @counted_tokens, a request that fits is sent whole whatever the
 * estimate says; one that does not has its parts' estimates scaled so
 * that they add up to the count, and is trimmed by those.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_chat_memory_fit (const BpChatRequest  *request,
                    guint64               context_window,
                    guint64               max_tokens,
                    const gint64         *known_tokens,
                    gint64                counted_tokens,
                    guint                *out_first_kept,
                    GError              **error)
{
  guint n, required, first_kept;
  guint64 budget, used, estimated = 0;

  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = bp_chat_request_get_n_messages (request);
  if (out_first_kept != NULL)
    *out_first_kept = 0;
  if (context_window == 0 || n == 0)
    return TRUE;

  budget = context_window > max_tokens ? context_window - max_tokens : 0;
  if (counted_tokens >= 0)
    {
      if ((guint64) counted_tokens <= budget)
        return TRUE;
      estimated = bp_chat_memory_estimate_request (request, known_tokens);
    }

  used = bp_chat_memory_estimate_tokens (bp_chat_request_get_system_prompt (request));
  if (counted_tokens >= 0)
    used = calibrate (used, (guint64) counted_tokens, estimated);
  required = required_index (request);
  first_kept = required;

  for (guint i = n; i > 0; i--)
    {
      guint index = i - 1;
      guint64 tokens = message_tokens (request, index, known_tokens);

      if (counted_tokens >= 0)
        tokens = calibrate (tokens, (guint64) counted_tokens, estimated);
      used += tokens;
      if (index > required)
        continue;

      if (used > budget)
        {
          if (index == required)
            {
              set_too_long_error (error, used, context_window, max_tokens);
              return FALSE;
            }
          break;
        }

      if (is_user (request, index))
        first_kept = index;
    }

  if (out_first_kept != NULL)
    *out_first_kept = first_kept;

  return TRUE;
}

/**
 * bp_chat_memory_trim_request:
 * @request: the request with the whole conversation
 * @first_kept: the index of the first message to keep, from
 *   bp_chat_memory_fit()
 *
 * Builds the request actually sent: a copy of @request (model, system
 * prompt, parameters) with the messages before @first_kept left out. The
 * messages are shared, not copied.
 *
 * Returns: (transfer full): the new request
 */
BpChatRequest *
bp_chat_memory_trim_request (const BpChatRequest *request,
                             guint                first_kept)
{
  g_autoptr(BpChatRequest) trimmed = NULL;
  guint n;

  g_return_val_if_fail (request != NULL, NULL);

  n = bp_chat_request_get_n_messages (request);
  g_return_val_if_fail (first_kept <= n, NULL);

  trimmed = bp_chat_request_copy (request);
  bp_chat_request_truncate_messages (trimmed, 0);
  for (guint i = first_kept; i < n; i++)
    bp_chat_request_append_message (trimmed, bp_chat_request_get_message (request, i));

  return g_steal_pointer (&trimmed);
}
