/* bp-sigv4-canonical.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sigv4"

#include "config.h"

#include <string.h>

#include <gnutls/crypto.h>

#include "bp-sigv4-private.h"

/* The canonical forms SigV4 hashes (wire-format §1.3): URI encoding, the
 * canonical path, query and header values, the amz-date and lowercase hex. */

static const char hex_digits[] = "0123456789abcdef";
static const char upper_hex_digits[] = "0123456789ABCDEF";

/* botocore's deny-list, plus the Authorization header the signer writes. */
static const char * const unsigned_headers[] = {
  "authorization", "connection", "expect", "keep-alive", "proxy-authenticate",
  "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
  "user-agent", "x-amzn-trace-id",
};

/* Encoding and canonicalisation. */

static inline gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '~';
}

void
_bp_sigv4_hex (const guint8 *digest,
               char          out[BP_SIGV4_HEX_SIZE])
{
  for (guint i = 0; i < BP_SIGV4_DIGEST_SIZE; i++)
    {
      out[2 * i] = hex_digits[digest[i] >> 4];
      out[2 * i + 1] = hex_digits[digest[i] & 0xf];
    }
  out[2 * BP_SIGV4_DIGEST_SIZE] = '\0';
}

void
_bp_sigv4_append_uri_encoded (GString    *out,
                              const char *s,
                              gsize       len,
                              gboolean    keep_slash)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) s[i];

      if (is_unreserved (c) || (keep_slash && c == '/'))
        {
          g_string_append_c (out, (char) c);
        }
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, upper_hex_digits[c >> 4]);
          g_string_append_c (out, upper_hex_digits[c & 0xf]);
        }
    }
}

/**
 * bp_sigv4_uri_encode:
 * @s: a string
 * @keep_slash: leave '/' unescaped (for paths)
 *
 * Percent-encodes every byte outside RFC 3986's unreserved set
 * (A-Z a-z 0-9 - . _ ~) with uppercase hex, as SigV4 wants.
 *
 * Returns: (transfer full): the encoded string
 */
char *
bp_sigv4_uri_encode (const char *s,
                     gboolean    keep_slash)
{
  GString *out;
  gsize len;

  g_return_val_if_fail (s != NULL, NULL);

  len = strlen (s);
  out = g_string_sized_new (len + 16);
  _bp_sigv4_append_uri_encoded (out, s, len, keep_slash);

  return g_string_free (out, FALSE);
}

/**
 * bp_sha256_hex:
 * @data: (array length=len) (nullable): bytes
 * @len: their length
 *
 * Returns: (transfer full): the lowercase hex SHA-256 of the bytes
 */
char *
bp_sha256_hex (gconstpointer data,
               gsize         len)
{
  guint8 digest[BP_SIGV4_DIGEST_SIZE];
  char *hex;
  int ret;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  ret = gnutls_hash_fast (GNUTLS_DIG_SHA256, data != NULL ? data : "", len, digest);
  g_assert (ret == 0);

  hex = g_malloc (BP_SIGV4_HEX_SIZE);
  _bp_sigv4_hex (digest, hex);

  return hex;
}

/* Segments for normalisation: offsets into the path, never decoded, so an
 * encoded "%2F" or "%2E%2E" stays a plain part of its segment. */
typedef struct
{
  gsize start;
  gsize len;
} Segment;

static void
append_normalized_path (GString    *out,
                        const char *path)
{
  Segment stack_segments[32];
  g_autofree Segment *heap_segments = NULL;
  Segment *segments = stack_segments;
  gsize path_len = strlen (path);
  guint n_slashes = 0;
  guint n = 0;

  for (const char *p = path; *p != '\0'; p++)
    n_slashes += (*p == '/');
  if (n_slashes + 1 > G_N_ELEMENTS (stack_segments))
    segments = heap_segments = g_new (Segment, n_slashes + 1);

  for (gsize start = 0; start <= path_len;)
    {
      const char *slash = strchr (path + start, '/');
      gsize end = slash != NULL ? (gsize) (slash - path) : path_len;
      gsize len = end - start;

      if (len == 2 && path[start] == '.' && path[start + 1] == '.')
        n = n > 0 ? n - 1 : 0;
      else if (len > 0 && !(len == 1 && path[start] == '.'))
        segments[n++] = (Segment) { start, len };

      start = end + 1;
    }

  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (out, '/');
      _bp_sigv4_append_uri_encoded (out, path + segments[i].start, segments[i].len, FALSE);
    }

  /* A trailing slash is kept; the root stays a single slash. */
  if (n == 0 || (path_len > 0 && path[path_len - 1] == '/'))
    g_string_append_c (out, '/');
}

void
_bp_sigv4_append_canonical_uri (GString    *out,
                                const char *path,
                                gboolean    normalize)
{
  g_assert (out != NULL);
  g_assert (path != NULL);

  if (*path == '\0')
    g_string_append_c (out, '/');
  else if (normalize)
    append_normalized_path (out, path);
  else
    _bp_sigv4_append_uri_encoded (out, path, strlen (path), TRUE);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes %XX (a malformed escape stays literal), then encodes again. */
static void
append_reencoded (GString    *out,
                  GString    *scratch,
                  const char *s,
                  gsize       len)
{
  g_string_truncate (scratch, 0);

  for (gsize i = 0; i < len; i++)
    {
      int hi, lo;

      if (s[i] == '%' && i + 2 < len &&
          (hi = hex_value (s[i + 1])) >= 0 && (lo = hex_value (s[i + 2])) >= 0)
        {
          g_string_append_c (scratch, (char) ((hi << 4) | lo));
          i += 2;
        }
      else
        {
          g_string_append_c (scratch, s[i]);
        }
    }

  _bp_sigv4_append_uri_encoded (out, scratch->str, scratch->len, FALSE);
}

typedef struct
{
  gsize key;   /* offsets into one buffer of NUL-separated strings */
  gsize value;
} QueryParam;

static int
compare_params (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const QueryParam *pa = a;
  const QueryParam *pb = b;
  const char *buffer = user_data;
  int cmp;

  cmp = strcmp (buffer + pa->key, buffer + pb->key);
  if (cmp != 0)
    return cmp;

  return strcmp (buffer + pa->value, buffer + pb->value);
}

void
_bp_sigv4_append_canonical_query (GString    *out,
                                  const char *query)
{
  g_autoptr(GString) buffer = NULL;
  g_autoptr(GString) scratch = NULL;
  g_autoptr(GArray) params = NULL;

  g_assert (out != NULL);

  if (query == NULL || *query == '\0')
    return;

  buffer = g_string_sized_new (strlen (query) * 2);
  scratch = g_string_sized_new (64);
  params = g_array_new (FALSE, FALSE, sizeof (QueryParam));

  for (const char *item = query; *item != '\0';)
    {
      const char *amp = strchr (item, '&');
      gsize len = amp != NULL ? (gsize) (amp - item) : strlen (item);
      const char *eq = memchr (item, '=', len);
      gsize key_len = eq != NULL ? (gsize) (eq - item) : len;
      QueryParam param;

      if (len > 0)
        {
          param.key = buffer->len;
          append_reencoded (buffer, scratch, item, key_len);
          g_string_append_c (buffer, '\0');
          param.value = buffer->len;
          if (eq != NULL)
            append_reencoded (buffer, scratch, eq + 1, len - key_len - 1);
          g_string_append_c (buffer, '\0');
          g_array_append_val (params, param);
        }

      item += len + (amp != NULL ? 1 : 0);
    }

  g_array_sort_with_data (params, compare_params, buffer->str);

  for (guint i = 0; i < params->len; i++)
    {
      const QueryParam *param = &g_array_index (params, QueryParam, i);

      if (i > 0)
        g_string_append_c (out, '&');
      g_string_append (out, buffer->str + param->key);
      g_string_append_c (out, '=');
      g_string_append (out, buffer->str + param->value);
    }
}

static inline gboolean
is_header_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void
_bp_sigv4_append_header_value (GString    *out,
                               const char *value)
{
  gboolean pending_space = FALSE;

  g_assert (out != NULL);
  g_assert (value != NULL);

  while (is_header_space (*value))
    value++;

  for (; *value != '\0'; value++)
    {
      if (is_header_space (*value))
        {
          pending_space = TRUE;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, *value);
    }
}

gboolean
_bp_sigv4_header_is_signable (const char *lower_name)
{
  g_assert (lower_name != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (unsigned_headers); i++)
    {
      if (strcmp (lower_name, unsigned_headers[i]) == 0)
        return FALSE;
    }

  return TRUE;
}

/* Howard Hinnant's civil_from_days: proleptic Gregorian, day 0 = 1970-01-01. */
static void
civil_from_days (gint64  days,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 d = doy - (153 * mp + 2) / 5 + 1;
  gint64 m = mp < 10 ? mp + 3 : mp - 9;

  *year = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
  *month = (int) m;
  *day = (int) d;
}

void
_bp_sigv4_format_amz_date (gint64 unix_time,
                           char   out[BP_SIGV4_AMZ_DATE_SIZE])
{
  gint64 days = unix_time / 86400;
  gint64 secs = unix_time % 86400;
  int year, month, day;

  if (secs < 0)
    {
      secs += 86400;
      days--;
    }
  civil_from_days (days, &year, &month, &day);

  g_snprintf (out, BP_SIGV4_AMZ_DATE_SIZE, "%04d%02d%02dT%02d%02d%02dZ",
              CLAMP (year, 0, 9999), month, day,
              (int) (secs / 3600), (int) (secs / 60 % 60), (int) (secs % 60));
}

/**
 * bp_sigv4_format_amz_date:
 * @unix_time: seconds since the epoch, UTC
 *
 * Returns: (transfer full): the X-Amz-Date form, "20150830T123600Z"
 */
char *
bp_sigv4_format_amz_date (gint64 unix_time)
{
  char *out = g_malloc (BP_SIGV4_AMZ_DATE_SIZE);

  _bp_sigv4_format_amz_date (unix_time, out);

  return out;
}
