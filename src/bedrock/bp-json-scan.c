/* bp-json-scan.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-json-scan"

#include "config.h"

#include <string.h>

#include "bp-json-scan-private.h"

/* The grammar is RFC 8259's, the UTF-8 rules RFC 3629's (table 3-7 of the
 * Unicode standard): no overlong forms, no surrogates, nothing above
 * U+10FFFF. That is what g_utf8_validate() accepts, which json-glib runs
 * on every document before parsing it. */

/* More digits than this could overflow a gint64; such numbers are left to
 * json-glib. */
#define MAX_INT_DIGITS 18

/* A \uXXXX escape: backslash, `u`, four hex digits. */
#define UNICODE_ESCAPE_LEN 6

static inline void
skip_whitespace (BpJsonScan *scan)
{
  while (scan->pos < scan->end &&
         (*scan->pos == ' ' || *scan->pos == '\n' || *scan->pos == '\r' || *scan->pos == '\t'))
    scan->pos++;
}

/* A byte that stands for itself inside a string: printable ASCII other
 * than the quote and the backslash. */
static inline gboolean
is_plain (guchar c)
{
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

static inline void
emit (char       **out,
      const void  *bytes,
      gsize        n)
{
  if (*out == NULL)
    return;

  memcpy (*out, bytes, n);
  *out += n;
}

/*
 * _bp_json_scan_init:
 * @scan: the scanner to set up
 * @data: (nullable): JSON text, not necessarily NUL-terminated
 * @length: the length of @data
 */
void
_bp_json_scan_init (BpJsonScan *scan,
                    const char *data,
                    gsize       length)
{
  g_assert (scan != NULL);
  g_assert (data != NULL || length == 0);

  scan->pos = data;
  scan->end = data != NULL ? data + length : NULL;
}

/*
 * _bp_json_scan_char:
 * @c: a structural character: `{`, `}`, `:`, `,`, `[` or `]`
 *
 * Returns: %TRUE if @c comes next (and is consumed)
 */
gboolean
_bp_json_scan_char (BpJsonScan *scan,
                    char        c)
{
  g_assert (scan != NULL);

  skip_whitespace (scan);
  if (scan->pos == scan->end || *scan->pos != c)
    return FALSE;

  scan->pos++;
  return TRUE;
}

/*
 * _bp_json_scan_at_end:
 *
 * Returns: %TRUE if only whitespace is left
 */
gboolean
_bp_json_scan_at_end (BpJsonScan *scan)
{
  g_assert (scan != NULL);

  skip_whitespace (scan);
  return scan->pos == scan->end;
}

/*
 * _bp_json_scan_key:
 * @key: (out) (transfer none): the key, pointing into the scanned data
 *   and not NUL-terminated
 * @key_len: (out): its length
 *
 * Scans a member name and the colon after it. Only printable ASCII names
 * without escapes are accepted: a fast path looks for known names, and
 * anything else is not one of them.
 *
 * Returns: %TRUE if a key and its colon came next
 */
gboolean
_bp_json_scan_key (BpJsonScan  *scan,
                   const char **key,
                   gsize       *key_len)
{
  const char *start;

  g_assert (scan != NULL);
  g_assert (key != NULL);
  g_assert (key_len != NULL);

  if (!_bp_json_scan_char (scan, '"'))
    return FALSE;

  start = scan->pos;
  while (scan->pos < scan->end && is_plain (*scan->pos))
    scan->pos++;
  if (scan->pos == scan->end || *scan->pos != '"')
    return FALSE;

  *key = start;
  *key_len = scan->pos - start;
  scan->pos++;

  return _bp_json_scan_char (scan, ':');
}

static gboolean
read_hex4 (const guchar *p,
           gunichar     *value)
{
  *value = 0;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      *value = *value << 4 | (gunichar) digit;
    }

  return TRUE;
}

/* A \uXXXX escape at @p, or two for a surrogate pair. Returns the byte
 * after it, or %NULL for U+0000, a lone surrogate or a short escape. */
static const guchar *
scan_unicode_escape (const guchar  *p,
                     const guchar  *end,
                     char         **out)
{
  char utf8[6];
  gunichar c, low;

  if (end - p < UNICODE_ESCAPE_LEN || !read_hex4 (p + 2, &c) || c == 0 ||
      (c >= 0xDC00 && c <= 0xDFFF))
    return NULL;
  p += UNICODE_ESCAPE_LEN;

  if (c >= 0xD800 && c <= 0xDBFF)
    {
      if (end - p < UNICODE_ESCAPE_LEN || p[0] != '\\' || p[1] != 'u' ||
          !read_hex4 (p + 2, &low) || low < 0xDC00 || low > 0xDFFF)
        return NULL;
      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
      p += UNICODE_ESCAPE_LEN;
    }

  emit (out, utf8, g_unichar_to_utf8 (c, utf8));
  return p;
}

/* The escape at @p (a backslash); returns the byte after it or %NULL. */
static const guchar *
scan_escape (const guchar  *p,
             const guchar  *end,
             char         **out)
{
  char c;

  if (end - p < 2)
    return NULL;

  switch (p[1])
    {
    case '"': c = '"'; break;
    case '\\': c = '\\'; break;
    case '/': c = '/'; break;
    case 'b': c = '\b'; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'u': return scan_unicode_escape (p, end, out);
    default: return NULL;
    }

  emit (out, &c, 1);
  return p + 2;
}

/* The UTF-8 sequence at @p, which is not plain ASCII; returns the byte
 * after it or %NULL when it is a control character or not valid UTF-8. */
static const guchar *
scan_utf8 (const guchar  *p,
           const guchar  *end,
           char         **out)
{
  guchar lead = p[0];
  guchar low = 0x80, high = 0xBF;
  guint n_more;

  if (lead >= 0xC2 && lead <= 0xDF)
    n_more = 1;
  else if (lead >= 0xE0 && lead <= 0xEF)
    n_more = 2;
  else if (lead >= 0xF0 && lead <= 0xF4)
    n_more = 3;
  else
    return NULL;

  /* The second byte's range rules out overlong forms (E0, F0),
   * surrogates (ED) and code points above U+10FFFF (F4). */
  if (lead == 0xE0)
    low = 0xA0;
  else if (lead == 0xED)
    high = 0x9F;
  else if (lead == 0xF0)
    low = 0x90;
  else if (lead == 0xF4)
    high = 0x8F;

  if ((gsize) (end - p) <= n_more || p[1] < low || p[1] > high)
    return NULL;
  for (guint i = 2; i <= n_more; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        return NULL;
    }

  emit (out, p, n_more + 1);
  return p + n_more + 1;
}

/*
 * _bp_json_scan_string:
 * @out: (nullable): where to write the decoded string and a NUL, with
 *   room for as many bytes as are left to scan (decoding never
 *   lengthens a JSON string); %NULL to only check the string
 *
 * Scans a string, decoding its escapes to UTF-8. Fails on raw control
 * characters, invalid UTF-8, unknown escapes, \u0000 and lone surrogates.
 *
 * Returns: %TRUE if a valid string came next
 */
gboolean
_bp_json_scan_string (BpJsonScan *scan,
                      char       *out)
{
  const guchar *p;
  const guchar *end;

  g_assert (scan != NULL);

  if (!_bp_json_scan_char (scan, '"'))
    return FALSE;

  p = (const guchar *) scan->pos;
  end = (const guchar *) scan->end;
  while (p != NULL && p < end)
    {
      const guchar *run = p;

      while (p < end && is_plain (*p))
        p++;
      emit (&out, run, p - run);

      if (p == end)
        break;
      if (*p == '"')
        {
          if (out != NULL)
            *out = '\0';
          scan->pos = (const char *) (p + 1);
          return TRUE;
        }

      if (*p == '\\')
        p = scan_escape (p, end, &out);
      else
        p = scan_utf8 (p, end, &out);
    }

  return FALSE;
}

/*
 * _bp_json_scan_int:
 * @value: (out): the number
 *
 * Scans an integer: an optional minus sign and up to 18 digits, without
 * leading zeros, fraction or exponent.
 *
 * Returns: %TRUE if such an integer came next
 */
gboolean
_bp_json_scan_int (BpJsonScan *scan,
                   gint64     *value)
{
  gboolean negative;
  guint n_digits = 0;
  gint64 number = 0;

  g_assert (scan != NULL);
  g_assert (value != NULL);

  skip_whitespace (scan);
  negative = scan->pos < scan->end && *scan->pos == '-';
  if (negative)
    scan->pos++;

  while (scan->pos < scan->end && g_ascii_isdigit (*scan->pos))
    {
      if (++n_digits > MAX_INT_DIGITS || (n_digits == 2 && number == 0))
        return FALSE;
      number = number * 10 + (*scan->pos - '0');
      scan->pos++;
    }

  if (n_digits == 0 ||
      (scan->pos < scan->end && (*scan->pos == '.' || *scan->pos == 'e' || *scan->pos == 'E')))
    return FALSE;

  *value = negative ? -number : number;
  return TRUE;
}
