/* bp-history-title.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-history-title"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bp-history-types.h"

/* The longest title, in characters, ellipsis included. */
#define MAX_TITLE_CHARS 60

/* A cut at a space earlier than this many characters loses too much: cut
 * inside the word instead. */
#define MIN_WORD_CUT_CHARS (MAX_TITLE_CHARS / 2)

#define ELLIPSIS "…"

/* The first line with something on it, with every run of white space
 * (including Unicode spaces such as U+3000) made one ASCII space, trimmed. */
static char *
first_line (const char *text)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r')
        {
          if (line->len > 0)
            break;
          continue;
        }

      if (g_unichar_isspace (c))
        {
          pending_space = line->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (line, ' ');
      pending_space = FALSE;
      g_string_append_unichar (line, c);
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static gboolean
is_trailing_junk (char c)
{
  return c == ' ' || strchr (",;:-", c) != NULL;
}

/* Cuts @line (longer than MAX_TITLE_CHARS characters) at the last word
 * boundary that leaves room for the ellipsis. */
static char *
shorten (const char *line)
{
  const char *limit = g_utf8_offset_to_pointer (line, MAX_TITLE_CHARS - 1);
  const char *cut = limit;
  g_autofree char *head = NULL;
  gsize len;

  /* A space right at the limit is a boundary too: look at limit itself. */
  for (const char *p = limit; p > line; p--)
    {
      if (*p == ' ')
        {
          if (g_utf8_pointer_to_offset (line, p) >= MIN_WORD_CUT_CHARS)
            cut = p;
          break;
        }
    }

  len = cut - line;
  while (len > 0 && is_trailing_junk (line[len - 1]))
    len--;

  head = g_strndup (line, len);

  return g_strconcat (head, ELLIPSIS, NULL);
}

/**
 * bp_history_title_from_prompt:
 * @prompt: (nullable): the first prompt of a conversation
 *
 * Makes a conversation title from its first prompt: the first line that
 * is not blank, trimmed, at most 60 characters. A longer line is cut at a
 * word boundary (or inside a very long word) and ends in an ellipsis. Cuts
 * fall between characters, never inside one.
 *
 * Returns: (transfer full): the title; "New chat" (translated) when
 *   @prompt has no text
 */
char *
bp_history_title_from_prompt (const char *prompt)
{
  g_autofree char *valid = NULL;
  g_autofree char *line = NULL;

  if (prompt == NULL)
    return g_strdup (_("New chat"));

  valid = g_utf8_make_valid (prompt, -1);
  line = first_line (valid);
  if (*line == '\0')
    return g_strdup (_("New chat"));

  if (g_utf8_strlen (line, -1) <= MAX_TITLE_CHARS)
    return g_steal_pointer (&line);

  return shorten (line);
}
