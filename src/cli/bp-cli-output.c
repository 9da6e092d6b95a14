/* bp-cli-output.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bp-cli-private.h"
#include "bp-pricing.h"

/* Output: streamed text on stdout, one-line messages on stderr, numbers
 * formatted for people, and tables aligned by display width (a Hangul
 * syllable takes two columns, a combining mark none). */

/* Error lines are cut to this many characters. */
#define MAX_LINE_CHARS 600
/* Columns between two table columns. */
#define COLUMN_GAP 2

/* What stands for an unknown value. */
#define UNKNOWN_VALUE "—"

/**
 * _bp_cli_print:
 * @cli: the run
 * @text: text for stdout
 *
 * Writes @text to stdout at once (streamed replies show as they arrive).
 */
void
_bp_cli_print (BpCli      *cli,
               const char *text)
{
  gsize len;

  g_assert (cli != NULL);

  if (text == NULL || (len = strlen (text)) == 0)
    return;

  fwrite (text, 1, len, stdout);
  fflush (stdout);
  cli->stdout_mid_line = text[len - 1] != '\n';
}

/**
 * _bp_cli_end_line:
 * @cli: the run
 *
 * Ends the line on stdout when text was left without a newline.
 */
void
_bp_cli_end_line (BpCli *cli)
{
  if (cli->stdout_mid_line)
    _bp_cli_print (cli, "\n");
}

/**
 * _bp_cli_one_line:
 * @text: (nullable): a message
 *
 * Returns: (transfer full): @text on one line: runs of white space and
 *   control characters become one space, and it is cut when very long
 */
char *
_bp_cli_one_line (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  gboolean space = FALSE;
  guint n_chars = 0;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }
      if (n_chars >= MAX_LINE_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
      n_chars++;
    }

  return g_string_free (out, FALSE);
}

/**
 * _bp_cli_print_note:
 * @format: a printf() format
 * @...: its arguments
 *
 * Prints an informational line on stderr (not an error).
 */
void
_bp_cli_print_note (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  line = _bp_cli_one_line (message);
  fflush (stdout);
  fprintf (stderr, "%s: %s\n", BP_CLI_NAME, line);
  fflush (stderr);
}

/**
 * _bp_cli_print_error_line:
 * @cli: the run
 * @message: the message
 *
 * Prints "bedrock-playground-cli: MESSAGE" as one line on stderr, after
 * ending a partial line on stdout.
 */
void
_bp_cli_print_error_line (BpCli      *cli,
                          const char *message)
{
  g_autofree char *line = _bp_cli_one_line (message);

  _bp_cli_end_line (cli);
  fprintf (stderr, "%s: %s\n", BP_CLI_NAME, line);
  fflush (stderr);
}

/**
 * _bp_cli_text_width:
 * @text: UTF-8 text
 *
 * Returns: how many terminal columns @text takes
 */
guint
_bp_cli_text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

/**
 * _bp_cli_format_ms:
 * @ms: a duration in milliseconds, or negative when unknown
 *
 * Returns: (transfer full): "850 ms", "2.4 s" or "—"
 */
char *
_bp_cli_format_ms (gint64 ms)
{
  if (ms < 0)
    return g_strdup (UNKNOWN_VALUE);
  if (ms < 1000)
    /* Translators: a duration in milliseconds */
    return g_strdup_printf (_("%d ms"), (int) ms);

  /* Translators: a duration in seconds */
  return g_strdup_printf (_("%.1f s"), (double) ms / 1000.0);
}

/**
 * _bp_cli_format_count:
 * @count: a count, or negative when unknown
 *
 * Returns: (transfer full): the number, or "—"
 */
char *
_bp_cli_format_count (gint64 count)
{
  if (count < 0)
    return g_strdup (UNKNOWN_VALUE);

  return g_strdup_printf ("%" G_GINT64_FORMAT, count);
}

/**
 * _bp_cli_format_cost:
 * @usd: an estimate in US dollars, or negative when unknown
 *
 * Returns: (transfer full): the estimate, or "—"
 */
char *
_bp_cli_format_cost (double usd)
{
  if (usd < 0)
    return g_strdup (UNKNOWN_VALUE);

  return bp_pricing_format_usd (usd);
}

/**
 * _bp_cli_format_rate:
 * @output_tokens: tokens written, or negative when unknown
 * @total_ms: the whole call, or negative when unknown
 * @first_token_ms: time to the first token, or negative when unknown
 *
 * The generation speed: output tokens over the time after the first token
 * when a stream gave one, else over the whole call.
 *
 * Returns: (transfer full): "42.0", or "—"
 */
char *
_bp_cli_format_rate (gint64 output_tokens,
                     gint64 total_ms,
                     gint64 first_token_ms)
{
  gint64 ms = total_ms;

  if (first_token_ms > 0 && total_ms > first_token_ms && output_tokens > 1)
    ms = total_ms - first_token_ms;
  if (output_tokens < 0 || ms <= 0)
    return g_strdup (UNKNOWN_VALUE);

  return g_strdup_printf ("%.1f", (double) output_tokens * 1000.0 / (double) ms);
}

struct _BpCliTable
{
  guint      n_columns;
  GPtrArray *rows;         /* GStrv, the headers first */
  gboolean  *right_align;  /* one per column */
};

/**
 * _bp_cli_table_new:
 * @n_columns: how many columns
 * @headers: (nullable): @n_columns translated headers, or %NULL for none
 *
 * Returns: (transfer full): an empty table
 */
BpCliTable *
_bp_cli_table_new (guint               n_columns,
                   const char * const *headers)
{
  BpCliTable *table = g_new0 (BpCliTable, 1);

  g_assert (n_columns > 0);

  table->n_columns = n_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->right_align = g_new0 (gboolean, n_columns);
  if (headers != NULL)
    _bp_cli_table_add_row (table, headers);

  return table;
}

void
_bp_cli_table_free (BpCliTable *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table->right_align);
  g_free (table);
}

void
_bp_cli_table_set_right_align (BpCliTable *table,
                               guint       column)
{
  g_assert (column < table->n_columns);

  table->right_align[column] = TRUE;
}

/**
 * _bp_cli_table_add_row:
 * @table: a table
 * @cells: one cell per column (%NULL cells are shown as "—"); each is put
 *   on one line
 */
void
_bp_cli_table_add_row (BpCliTable         *table,
                       const char * const *cells)
{
  char **row = g_new0 (char *, table->n_columns + 1);

  for (guint i = 0; i < table->n_columns; i++)
    row[i] = cells[i] != NULL ? _bp_cli_one_line (cells[i]) : g_strdup (UNKNOWN_VALUE);

  g_ptr_array_add (table->rows, row);
}

static void
append_cell (GString    *out,
             const char *cell,
             guint       width,
             gboolean    right_align,
             gboolean    last)
{
  guint pad = width - _bp_cli_text_width (cell);

  if (right_align)
    {
      for (guint i = 0; i < pad; i++)
        g_string_append_c (out, ' ');
      g_string_append (out, cell);
      return;
    }

  g_string_append (out, cell);
  if (!last)
    {
      for (guint i = 0; i < pad; i++)
        g_string_append_c (out, ' ');
    }
}

/**
 * _bp_cli_table_format:
 * @table: a table
 *
 * Returns: (transfer full): the table, headers first, one line per row,
 *   columns aligned
 */
char *
_bp_cli_table_format (BpCliTable *table)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], _bp_cli_text_width (row[c]));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        {
          if (c > 0)
            g_string_append_printf (out, "%*s", COLUMN_GAP, "");
          append_cell (out, row[c], widths[c], table->right_align[c], c + 1 == table->n_columns);
        }
      /* An empty last cell leaves the padding of the one before. */
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
