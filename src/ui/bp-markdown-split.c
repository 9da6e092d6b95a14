/* bp-markdown-split.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-markdown-split"

#include "config.h"

#include <string.h>

#include "bp-markdown-split.h"

/* Cuts Markdown source into segments that can be rendered one by one: a
 * segment ends before a line that starts in column 0 with a non-blank
 * character after one or more blank lines, outside a fenced code block. In
 * CommonMark such a line always begins a new top-level block: paragraphs,
 * tables and block quotes end at a blank line, list items and indented code
 * only continue through indented lines, and a fence runs until its closing
 * fence. A new item of the same list is the one exception, and the renderer
 * carries the list's numbering across segments for it.
 *
 * Plain GLib and no allocation, so a fuzz target can check it alone. */

/* CommonMark: a fence may be indented by up to three spaces and is at least
 * three backticks or tildes. */
#define MAX_FENCE_INDENT 3
#define MIN_FENCE_LENGTH 3

typedef struct
{
  char  fence_char;    /* '`' or '~' while inside a fenced code block, else 0 */
  gsize fence_length;  /* length of the opening fence */
  guint has_content : 1;
  guint after_blank : 1;
} SplitState;

static gboolean
is_blank_line (const char *line,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
        return FALSE;
    }

  return TRUE;
}

/* Returns the length of the run of backticks or tildes that opens or closes
 * a fence at the start of @line, and its character in @fence_char; 0 when
 * the line is no fence. */
static gsize
fence_run (const char *line,
           gsize       len,
           char       *fence_char,
           gsize      *run_end)
{
  gsize i = 0;
  gsize start;

  while (i < len && i < MAX_FENCE_INDENT && line[i] == ' ')
    i++;

  if (i >= len || (line[i] != '`' && line[i] != '~'))
    return 0;

  start = i;
  *fence_char = line[i];
  while (i < len && line[i] == *fence_char)
    i++;

  *run_end = i;
  return i - start >= MIN_FENCE_LENGTH ? i - start : 0;
}

static void
scan_fence_line (SplitState *state,
                 const char *line,
                 gsize       len)
{
  char fence_char = 0;
  gsize run_end = 0;
  gsize run = fence_run (line, len, &fence_char, &run_end);

  if (state->fence_char != 0)
    {
      /* A closing fence: the same character, at least as long, and nothing
       * but blanks after it. */
      if (run >= state->fence_length && fence_char == state->fence_char &&
          is_blank_line (line + run_end, len - run_end))
        state->fence_char = 0;
      return;
    }

  if (run == 0)
    return;

  /* The info string of a backtick fence cannot contain a backtick. */
  if (fence_char == '`' && memchr (line + run_end, '`', len - run_end) != NULL)
    return;

  state->fence_char = fence_char;
  state->fence_length = run;
}

/**
 * bp_markdown_split_next:
 * @text: Markdown source, not necessarily nul-terminated
 * @len: length of @text in bytes
 * @from: where the current segment starts: 0 or an earlier boundary
 * @boundary: (out): where the next segment starts
 *
 * Finds the end of the segment that starts at @from. The answer depends
 * only on the bytes before it plus the first byte of the line it starts,
 * so a boundary found in a prefix of a text is a boundary of every longer
 * text: what streaming renders as finished stays right.
 *
 * Returns: whether a boundary follows @from within @len bytes
 */
gboolean
bp_markdown_split_next (const char *text,
                        gsize       len,
                        gsize       from,
                        gsize      *boundary)
{
  SplitState state = { 0, };
  gsize pos = from;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (from <= len, FALSE);
  g_return_val_if_fail (boundary != NULL, FALSE);

  while (pos < len)
    {
      const char *line = text + pos;
      const char *newline = memchr (line, '\n', len - pos);
      gsize line_len;

      if (state.fence_char == 0 && state.after_blank && state.has_content &&
          line[0] != ' ' && line[0] != '\t' && line[0] != '\r' && line[0] != '\n')
        {
          *boundary = pos;
          return TRUE;
        }

      /* Whether a line is blank, or opens or closes a fence, is only known
       * once it is complete. */
      if (newline == NULL)
        return FALSE;

      line_len = newline - line;

      if (state.fence_char == 0 && is_blank_line (line, line_len))
        {
          state.after_blank = state.has_content;
        }
      else
        {
          state.has_content = TRUE;
          state.after_blank = FALSE;
          scan_fence_line (&state, line, line_len);
        }

      pos += line_len + 1;
    }

  return FALSE;
}
