/* bp-fake-bedrock-text.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <string.h>

#include "bp-fake-bedrock-private.h"

/* The fake's "model": it greets, echoes the last user turn and pads the
 * reply with deterministic filler words. One word is one token, so tests
 * can predict every count. */

/* Above this many pieces, stream deltas carry several words each, so a
 * huge reply stays a few tens of thousands of events. */
#define MAX_DELTAS 20000

static const char * const filler_words[] = {
  "bedrock", "granite", "layer", "river", "stone", "quiet", "valley", "north",
  "signal", "lantern", "harbor", "meadow", "copper", "window", "garden", "echo",
  "basalt", "summit", "ridge", "canyon", "pebble", "amber", "cedar", "delta",
  "ember", "fjord", "glacier", "horizon", "island", "juniper", "kelp", "lagoon",
  "marble", "nectar", "orbit", "prairie", "quartz", "reef", "sandstone", "tide",
  "upland", "vapor", "willow", "xenon", "yarrow", "zephyr", "the", "a",
  "and", "of", "under", "over", "slowly", "bright", "calm", "deep",
  "every", "far", "gentle", "high", "inner", "jagged", "kind", "long",
};

typedef struct
{
  guint32 state;
  guint   word_in_sentence;
  guint   sentence_len;
  guint   sentence_in_paragraph;
} Filler;

static guint32
filler_random (Filler *filler)
{
  /* xorshift32: deterministic on every platform. */
  guint32 x = filler->state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  filler->state = x;

  return x;
}

static void
filler_append (Filler  *filler,
               GString *out)
{
  const char *word;

  if (filler->word_in_sentence == 0)
    {
      filler->sentence_len = 6 + filler_random (filler) % 10;
      if (filler->sentence_in_paragraph == 5)
        {
          g_string_append (out, "\n\n");
          filler->sentence_in_paragraph = 0;
        }
      else
        g_string_append_c (out, ' ');
    }
  else
    g_string_append_c (out, ' ');

  word = filler_words[filler_random (filler) % G_N_ELEMENTS (filler_words)];
  if (filler->word_in_sentence == 0)
    {
      g_string_append_c (out, g_ascii_toupper (word[0]));
      g_string_append (out, word + 1);
    }
  else
    g_string_append (out, word);

  if (++filler->word_in_sentence == filler->sentence_len)
    {
      g_string_append_c (out, '.');
      filler->word_in_sentence = 0;
      filler->sentence_in_paragraph++;
    }
}

/**
 * _bp_fake_count_words:
 * @text: (nullable): some text
 *
 * Returns: the number of whitespace-separated words: the fake's tokens
 */
guint
_bp_fake_count_words (const char *text)
{
  gboolean in_word = FALSE;
  guint n = 0;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean space = g_ascii_isspace (*p);

      if (!space && !in_word)
        n++;
      in_word = !space;
    }

  return n;
}

static gboolean
is_marker_char (char c)
{
  return g_ascii_isalnum (c) || c == ':' || c == '-' || c == '_';
}

/* Returns the length of a marker "[[…]]" starting at @p, or 0. */
static gsize
marker_length (const char *p)
{
  gsize i = 2;

  if (p[0] != '[' || p[1] != '[')
    return 0;
  while (is_marker_char (p[i]))
    i++;
  if (i == 2 || p[i] != ']' || p[i + 1] != ']')
    return 0;

  return i + 2;
}

/**
 * _bp_fake_strip_markers:
 * @text: some text
 *
 * Removes every "[[…]]" marker, collapses the spaces that leaves behind and
 * trims the ends.
 *
 * Returns: (transfer full): the clean text
 */
char *
_bp_fake_strip_markers (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0';)
    {
      gsize len = marker_length (p);

      if (len > 0)
        {
          p += len;
          while (*p == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
            p++;
          continue;
        }
      g_string_append_c (out, *p++);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

/**
 * _bp_fake_marker_present:
 * @text: (nullable): some text
 * @name: a marker name
 *
 * Returns: whether @text contains "[[@name]]"
 */
gboolean
_bp_fake_marker_present (const char *text,
                         const char *name)
{
  g_autofree char *marker = NULL;

  if (text == NULL)
    return FALSE;

  marker = g_strdup_printf ("[[%s]]", name);
  return strstr (text, marker) != NULL;
}

/**
 * _bp_fake_marker_get_uint:
 * @text: (nullable): some text
 * @name: a marker name
 * @out_value: (out): the number
 *
 * Finds "[[@name:N]]".
 *
 * Returns: whether the marker is there with a valid number
 */
gboolean
_bp_fake_marker_get_uint (const char *text,
                          const char *name,
                          guint      *out_value)
{
  g_autofree char *prefix = NULL;
  const char *p;
  guint64 value;
  char *end;

  if (text == NULL)
    return FALSE;

  prefix = g_strdup_printf ("[[%s:", name);
  p = strstr (text, prefix);
  if (p == NULL)
    return FALSE;

  p += strlen (prefix);
  if (!g_ascii_isdigit (*p))
    return FALSE;
  value = g_ascii_strtoull (p, &end, 10);
  if (end[0] != ']' || end[1] != ']' || value > G_MAXUINT)
    return FALSE;

  *out_value = (guint) value;
  return TRUE;
}

/**
 * _bp_fake_prompt_clear:
 * @prompt: a prompt
 *
 * Frees what @prompt holds.
 */
void
_bp_fake_prompt_clear (BpFakePrompt *prompt)
{
  g_clear_pointer (&prompt->user_text, g_free);
  g_clear_pointer (&prompt->stop_sequences, g_strfreev);
  memset (prompt, 0, sizeof *prompt);
}

static guint
piece_start (BpFakeReply *reply,
             guint        i)
{
  return i == 0 ? 0 : g_array_index (reply->ends, guint, i - 1);
}

/* Appends @text as pieces: each is a whitespace run plus a word. */
static void
append_pieces (BpFakeReply *reply,
               const char  *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      guint end;

      while (g_ascii_isspace (*p))
        g_string_append_c (reply->text, *p++);
      while (*p != '\0' && !g_ascii_isspace (*p))
        g_string_append_c (reply->text, *p++);
      end = reply->text->len;
      g_array_append_val (reply->ends, end);
    }
}

static void
truncate_at (BpFakeReply *reply,
             guint        offset)
{
  guint n = reply->ends->len;

  while (n > 0 && piece_start (reply, n - 1) >= offset)
    n--;
  g_array_set_size (reply->ends, n);
  if (n > 0 && g_array_index (reply->ends, guint, n - 1) > offset)
    g_array_index (reply->ends, guint, n - 1) = offset;

  /* A piece cut down to its whitespace is no token: drop it. */
  if (n > 0)
    {
      guint start = piece_start (reply, n - 1);
      gboolean blank = TRUE;

      for (guint i = start; i < offset && blank; i++)
        blank = g_ascii_isspace (reply->text->str[i]);
      if (blank)
        {
          g_array_set_size (reply->ends, n - 1);
          offset = start;
        }
    }
  g_string_truncate (reply->text, offset);
}

static void
apply_limits (BpFakeReply        *reply,
              const BpFakePrompt *prompt,
              gboolean            limit_tokens)
{
  const char *first = NULL;
  const char *matched = NULL;
  guint token_cut = G_MAXUINT;

  for (guint i = 0; prompt->stop_sequences != NULL && prompt->stop_sequences[i] != NULL; i++)
    {
      const char *hit;

      if (prompt->stop_sequences[i][0] == '\0')
        continue;
      hit = strstr (reply->text->str, prompt->stop_sequences[i]);
      if (hit != NULL && (first == NULL || hit < first))
        {
          first = hit;
          matched = prompt->stop_sequences[i];
        }
    }

  if (limit_tokens && prompt->max_tokens > 0 && reply->ends->len > prompt->max_tokens)
    token_cut = g_array_index (reply->ends, guint, prompt->max_tokens - 1);

  if (first != NULL && (guint) (first - reply->text->str) < token_cut)
    {
      reply->stop = BP_FAKE_STOP_STOP_SEQUENCE;
      reply->stop_sequence = g_strdup (matched);
      truncate_at (reply, (guint) (first - reply->text->str));
    }
  else if (token_cut != G_MAXUINT)
    {
      reply->stop = BP_FAKE_STOP_MAX_TOKENS;
      truncate_at (reply, token_cut);
    }
}

static void
add_reasoning (BpFakeReply *reply,
               const char  *clean)
{
  g_autofree char *digest = NULL;

  reply->reasoning = g_strdup_printf ("The user wrote \"%s\". I should greet them, repeat "
                                      "what they said and add a few words.", clean);
  reply->reasoning_tokens = _bp_fake_count_words (reply->reasoning);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, reply->reasoning, -1);
  reply->signature = g_strdup_printf ("ZmFrZS1zaWduYXR1cmU%s", digest);
}

/**
 * _bp_fake_reply_new:
 * @prompt: what the client asked
 * @target_words: the reply's length in words (pieces), at least
 * @target_bytes: the reply's length in bytes, at least (0 = no minimum)
 * @limit_tokens: whether @prompt's max_tokens applies
 *
 * Makes the deterministic reply: "Hello! You said: TEXT." and filler words
 * until both targets are met, then cut by stop sequences and max tokens.
 *
 * Returns: (transfer full): the reply
 */
BpFakeReply *
_bp_fake_reply_new (const BpFakePrompt *prompt,
                    guint               target_words,
                    gsize               target_bytes,
                    gboolean            limit_tokens)
{
  BpFakeReply *reply = g_new0 (BpFakeReply, 1);
  g_autofree char *clean = _bp_fake_strip_markers (prompt->user_text ? prompt->user_text : "");
  g_autofree char *greeting = NULL;
  Filler filler = { 0x5eed1234u, 0, 0, 0 };

  reply->text = g_string_sized_new (MAX (target_bytes, 256) + 64);
  reply->ends = g_array_sized_new (FALSE, FALSE, sizeof (guint), MAX (target_words, 64));
  reply->stop = BP_FAKE_STOP_END_TURN;

  if (clean[0] != '\0')
    greeting = g_strdup_printf ("Hello! You said: %s.", clean);
  else
    greeting = g_strdup ("Hello! You sent no text.");
  append_pieces (reply, greeting);

  while (reply->ends->len < target_words || reply->text->len < target_bytes)
    {
      guint end;

      filler_append (&filler, reply->text);
      end = reply->text->len;
      g_array_append_val (reply->ends, end);
    }

  if (prompt->thinking)
    add_reasoning (reply, clean);

  apply_limits (reply, prompt, limit_tokens);

  return reply;
}

/**
 * _bp_fake_reply_free:
 * @reply: (transfer full): a reply
 */
void
_bp_fake_reply_free (BpFakeReply *reply)
{
  g_string_free (reply->text, TRUE);
  g_array_unref (reply->ends);
  g_free (reply->reasoning);
  g_free (reply->signature);
  g_free (reply->stop_sequence);
  g_free (reply);
}

guint
_bp_fake_reply_get_n_pieces (BpFakeReply *reply)
{
  return reply->ends->len;
}

/**
 * _bp_fake_reply_get_output_tokens:
 * @reply: a reply
 *
 * Returns: the reply's output tokens: its pieces plus the reasoning words
 */
guint
_bp_fake_reply_get_output_tokens (BpFakeReply *reply)
{
  return reply->ends->len + reply->reasoning_tokens;
}

/**
 * _bp_fake_reply_dup_pieces:
 * @reply: a reply
 * @first: the first piece
 * @n: how many (clamped to the end)
 *
 * Returns: (transfer full): the text of pieces [@first, @first + @n)
 */
char *
_bp_fake_reply_dup_pieces (BpFakeReply *reply,
                           guint        first,
                           guint        n)
{
  guint start, end;

  g_assert (first < reply->ends->len);

  n = MIN (n, reply->ends->len - first);
  start = piece_start (reply, first);
  end = g_array_index (reply->ends, guint, first + n - 1);

  return g_strndup (reply->text->str + start, end - start);
}

/**
 * _bp_fake_reply_words_per_delta:
 * @reply: a reply
 *
 * Returns: how many pieces one stream delta carries: 1, more for huge
 *   replies
 */
guint
_bp_fake_reply_words_per_delta (BpFakeReply *reply)
{
  guint n = reply->ends->len;

  return n <= MAX_DELTAS ? 1 : (n + MAX_DELTAS - 1) / MAX_DELTAS;
}
