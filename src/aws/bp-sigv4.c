/* bp-sigv4.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sigv4"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "bp-sigv4-private.h"

/* AWS Signature Version 4 (wire-format §1.3, tests/data/sigv4/README.md).
 * The request object lives here too; the stages are in bp-sigv4-private.h. */

typedef struct
{
  char *name;
  char *lower;
  char *value;
} Header;

struct _BpSigV4Request
{
  char    *method;
  char    *path;
  char    *query;   /* (nullable) */
  GArray  *headers; /* Header, in order, duplicates kept */
  GBytes  *body;    /* (nullable) */
};

G_DEFINE_QUARK (bp-sigv4-error-quark, bp_sigv4_error)

static const char hex_digits[] = "0123456789abcdef";
static const char upper_hex_digits[] = "0123456789ABCDEF";

/* botocore's deny-list, plus the Authorization header the signer writes. */
static const char * const unsigned_headers[] = {
  "authorization", "connection", "expect", "keep-alive", "proxy-authenticate",
  "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
  "user-agent", "x-amzn-trace-id",
};

static void
header_clear (gpointer data)
{
  Header *header = data;

  g_free (header->name);
  g_free (header->lower);
  g_free (header->value);
}

/**
 * bp_sigv4_request_new:
 * @method: the HTTP method, e.g. "POST"
 * @path: the path as sent on the wire (already percent-encoded)
 * @query: (nullable): the query as sent, without the '?'
 *
 * Returns: (transfer full): a request without headers or body
 */
BpSigV4Request *
bp_sigv4_request_new (const char *method,
                      const char *path,
                      const char *query)
{
  BpSigV4Request *request;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  request = g_new0 (BpSigV4Request, 1);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->query = (query != NULL && *query != '\0') ? g_strdup (query) : NULL;
  request->headers = g_array_sized_new (FALSE, FALSE, sizeof (Header), 8);
  g_array_set_clear_func (request->headers, header_clear);

  return request;
}

/**
 * bp_sigv4_request_free:
 * @request: (nullable): a request
 */
void
bp_sigv4_request_free (BpSigV4Request *request)
{
  if (request == NULL)
    return;

  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_array_unref (request->headers);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request);
}

/**
 * bp_sigv4_request_add_header:
 * @request: a request
 * @name: the header name
 * @value: the value, as sent
 *
 * Appends a header; a repeated name is kept as a second header.
 */
void
bp_sigv4_request_add_header (BpSigV4Request *request,
                             const char     *name,
                             const char     *value)
{
  Header header;

  g_return_if_fail (request != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  header.name = g_strdup (name);
  header.lower = g_ascii_strdown (name, -1);
  header.value = g_strdup (value);
  g_array_append_val (request->headers, header);
}

static int
find_header (BpSigV4Request *request,
             const char     *name,
             guint           from)
{
  for (guint i = from; i < request->headers->len; i++)
    {
      const Header *header = &g_array_index (request->headers, Header, i);

      if (g_ascii_strcasecmp (header->name, name) == 0)
        return (int) i;
    }

  return -1;
}

/**
 * bp_sigv4_request_remove_header:
 * @request: a request
 * @name: the header name, any case
 *
 * Removes every header of that name.
 */
void
bp_sigv4_request_remove_header (BpSigV4Request *request,
                                const char     *name)
{
  int i;

  g_return_if_fail (request != NULL);
  g_return_if_fail (name != NULL);

  while ((i = find_header (request, name, 0)) >= 0)
    g_array_remove_index (request->headers, (guint) i);
}

/**
 * bp_sigv4_request_set_header:
 * @request: a request
 * @name: the header name
 * @value: the value
 *
 * Replaces every header of that name (any case) with one header, kept at
 * the place of the first; appends it when there was none.
 */
void
bp_sigv4_request_set_header (BpSigV4Request *request,
                             const char     *name,
                             const char     *value)
{
  Header *header;
  int first;
  int i;

  g_return_if_fail (request != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  first = find_header (request, name, 0);
  if (first < 0)
    {
      bp_sigv4_request_add_header (request, name, value);
      return;
    }

  while ((i = find_header (request, name, (guint) first + 1)) >= 0)
    g_array_remove_index (request->headers, (guint) i);

  header = &g_array_index (request->headers, Header, (guint) first);
  if (strcmp (header->name, name) != 0)
    {
      g_free (header->name);
      header->name = g_strdup (name);
    }
  g_free (header->value);
  header->value = g_strdup (value);
}

/**
 * bp_sigv4_request_get_header:
 * @request: a request
 * @name: the header name, any case
 *
 * Returns: (nullable): the value of the first header of that name
 */
const char *
bp_sigv4_request_get_header (BpSigV4Request *request,
                             const char     *name)
{
  int i;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  i = find_header (request, name, 0);
  if (i < 0)
    return NULL;

  return g_array_index (request->headers, Header, (guint) i).value;
}

/**
 * bp_sigv4_request_get_n_headers:
 * @request: a request
 *
 * Returns: the number of headers, duplicates counted
 */
guint
bp_sigv4_request_get_n_headers (BpSigV4Request *request)
{
  g_return_val_if_fail (request != NULL, 0);

  return request->headers->len;
}

/**
 * bp_sigv4_request_get_nth_header:
 * @request: a request
 * @n: an index below bp_sigv4_request_get_n_headers()
 * @name: (out) (transfer none) (optional): the name as added
 * @value: (out) (transfer none) (optional): the value
 */
void
bp_sigv4_request_get_nth_header (BpSigV4Request  *request,
                                 guint            n,
                                 const char     **name,
                                 const char     **value)
{
  const Header *header;

  g_return_if_fail (request != NULL);
  g_return_if_fail (n < request->headers->len);

  header = &g_array_index (request->headers, Header, n);
  if (name != NULL)
    *name = header->name;
  if (value != NULL)
    *value = header->value;
}

/**
 * bp_sigv4_request_set_body:
 * @request: a request
 * @body: (nullable): the body bytes; %NULL for none
 */
void
bp_sigv4_request_set_body (BpSigV4Request *request,
                           GBytes         *body)
{
  g_return_if_fail (request != NULL);

  if (body != NULL)
    g_bytes_ref (body);
  g_clear_pointer (&request->body, g_bytes_unref);
  request->body = body;
}

/**
 * bp_sigv4_request_get_body:
 * @request: a request
 *
 * Returns: (nullable) (transfer none): the body
 */
GBytes *
bp_sigv4_request_get_body (BpSigV4Request *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return request->body;
}

/**
 * bp_sigv4_request_get_query:
 * @request: a request
 *
 * Returns: (nullable): the query without '?'; after bp_sigv4_presign() the
 *   presigned query
 */
const char *
bp_sigv4_request_get_query (BpSigV4Request *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return request->query;
}

/**
 * bp_sigv4_request_get_method:
 * @request: a request
 *
 * Returns: the method
 */
const char *
bp_sigv4_request_get_method (BpSigV4Request *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return request->method;
}

/**
 * bp_sigv4_request_get_path:
 * @request: a request
 *
 * Returns: the path as given
 */
const char *
bp_sigv4_request_get_path (BpSigV4Request *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return request->path;
}

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

/* Entry checks. */

static gboolean
set_error (GError     **error,
           int          code,
           const char  *message)
{
  g_set_error_literal (error, BP_SIGV4_ERROR, code, message);
  return FALSE;
}

static gboolean
is_token_char (guchar c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

static gboolean
is_token (const char *s)
{
  if (*s == '\0')
    return FALSE;

  for (; *s != '\0'; s++)
    {
      if (!is_token_char ((guchar) *s))
        return FALSE;
    }

  return TRUE;
}

/* Region and service go into the credential scope between slashes. */
static gboolean
is_scope_part (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;

  for (; *s != '\0'; s++)
    {
      if (!g_ascii_isalnum (*s) && *s != '-' && *s != '_' && *s != '.')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_printable_without (const char *s,
                      const char *forbidden)
{
  for (; *s != '\0'; s++)
    {
      if (!g_ascii_isgraph (*s) || strchr (forbidden, *s) != NULL)
        return FALSE;
    }

  return TRUE;
}

static const char *
get_session_token (const BpSigV4Config *config)
{
  if (config->session_token == NULL || *config->session_token == '\0')
    return NULL;

  return config->session_token;
}

gboolean
_bp_sigv4_validate_config (const BpSigV4Config  *config,
                           BpSigV4Mode           mode,
                           GError              **error)
{
  const int code = BP_SIGV4_ERROR_INVALID_CONFIG;
  const char *token = get_session_token (config);

  g_assert (config != NULL);

  /* No message below quotes a value: a secret pasted into the wrong field
   * must not end up in a log. */
  if (config->access_key_id == NULL || *config->access_key_id == '\0')
    return set_error (error, code, _("The AWS credentials have no access key ID"));
  if (!is_printable_without (config->access_key_id, "/,="))
    return set_error (error, code, _("The AWS access key ID is malformed"));
  if (config->secret_access_key == NULL || *config->secret_access_key == '\0')
    return set_error (error, code, _("The AWS credentials have no secret access key"));
  if (token != NULL && !is_printable_without (token, ""))
    return set_error (error, code, _("The AWS session token is malformed"));
  if (config->region == NULL || *config->region == '\0')
    return set_error (error, code, _("No AWS region is set for signing"));
  if (!is_scope_part (config->region))
    return set_error (error, code, _("The AWS region is malformed"));
  if (!is_scope_part (config->service))
    return set_error (error, code, _("No valid AWS service name is set for signing"));
  if (config->unix_time < 0 || config->unix_time > BP_SIGV4_MAX_UNIX_TIME)
    return set_error (error, code, _("The signing time is out of range"));
  if (mode == BP_SIGV4_MODE_QUERY &&
      (config->expires_in == 0 || config->expires_in > BP_SIGV4_MAX_EXPIRES))
    return set_error (error, code, _("A presigned URL must expire within 1 to 604800 seconds"));

  return TRUE;
}

gboolean
_bp_sigv4_validate_request (BpSigV4Request  *request,
                            GError         **error)
{
  const int code = BP_SIGV4_ERROR_INVALID_REQUEST;
  gboolean has_host = FALSE;

  g_assert (request != NULL);

  if (!is_token (request->method))
    return set_error (error, code, _("The request method is malformed"));
  if (request->path[0] != '/')
    return set_error (error, code, _("The request path must start with “/”"));
  for (const char *p = request->path; *p != '\0'; p++)
    {
      if (*p == '?' || *p == '#' || (guchar) *p < 0x20 || *p == 0x7f)
        return set_error (error, code, _("The request path holds a character that must be percent-encoded"));
    }

  for (guint i = 0; i < request->headers->len; i++)
    {
      const Header *header = &g_array_index (request->headers, Header, i);

      if (!is_token (header->name))
        return set_error (error, code, _("A request header name is malformed"));
      if (strcmp (header->lower, "host") == 0)
        has_host = TRUE;
    }

  if (!has_host)
    return set_error (error, code, _("The request has no Host header"));

  return TRUE;
}

/* The stages. */

void
_bp_sigv4_state_init (BpSigV4State        *state,
                      BpSigV4Request      *request,
                      const BpSigV4Config *config,
                      BpSigV4Mode          mode)
{
  guint8 digest[BP_SIGV4_DIGEST_SIZE];
  gconstpointer body = NULL;
  gsize body_len = 0;
  int ret;

  g_assert (state != NULL);
  g_assert (request != NULL);
  g_assert (config != NULL);

  memset (state, 0, sizeof *state);
  state->request = request;
  state->config = config;
  state->mode = mode;

  _bp_sigv4_format_amz_date (config->unix_time, state->amz_date);
  memcpy (state->date_stamp, state->amz_date, BP_SIGV4_DATE_STAMP_SIZE - 1);
  state->date_stamp[BP_SIGV4_DATE_STAMP_SIZE - 1] = '\0';

  state->scope = g_string_sized_new (64);
  g_string_append (state->scope, state->date_stamp);
  g_string_append_c (state->scope, '/');
  g_string_append (state->scope, config->region);
  g_string_append_c (state->scope, '/');
  g_string_append (state->scope, config->service);
  g_string_append (state->scope, "/" BP_SIGV4_TERMINATOR);

  if (request->body != NULL)
    body = g_bytes_get_data (request->body, &body_len);
  ret = gnutls_hash_fast (GNUTLS_DIG_SHA256, body != NULL ? body : "", body_len, digest);
  g_assert (ret == 0);
  _bp_sigv4_hex (digest, state->payload_hash);

  state->sorted_headers = g_array_sized_new (FALSE, FALSE, sizeof (BpSigV4SortedHeader),
                                             request->headers->len);
  state->signed_headers = g_string_sized_new (64);
  state->canonical_request = g_string_sized_new (512);
  state->string_to_sign = g_string_sized_new (160);
}

void
_bp_sigv4_state_clear (BpSigV4State *state)
{
  g_assert (state != NULL);

  gnutls_memset (state->signing_key, 0, sizeof state->signing_key);
  g_clear_pointer (&state->sorted_headers, g_array_unref);
  if (state->scope != NULL)
    g_string_free (g_steal_pointer (&state->scope), TRUE);
  if (state->signed_headers != NULL)
    g_string_free (g_steal_pointer (&state->signed_headers), TRUE);
  if (state->canonical_request != NULL)
    g_string_free (g_steal_pointer (&state->canonical_request), TRUE);
  if (state->string_to_sign != NULL)
    g_string_free (g_steal_pointer (&state->string_to_sign), TRUE);
}

static int
compare_sorted_headers (gconstpointer a,
                        gconstpointer b)
{
  const BpSigV4SortedHeader *ha = a;
  const BpSigV4SortedHeader *hb = b;
  int cmp = strcmp (ha->lower, hb->lower);

  /* Equal names keep request order: their values join in that order. */
  if (cmp != 0)
    return cmp;

  return ha->index < hb->index ? -1 : ha->index > hb->index;
}

void
_bp_sigv4_build_signed_headers (BpSigV4State *state)
{
  GArray *headers = state->request->headers;
  GArray *sorted = state->sorted_headers;

  g_array_set_size (sorted, 0);
  for (guint i = 0; i < headers->len; i++)
    {
      const Header *header = &g_array_index (headers, Header, i);
      BpSigV4SortedHeader entry = { header->lower, header->value, i };

      if (_bp_sigv4_header_is_signable (header->lower))
        g_array_append_val (sorted, entry);
    }
  g_array_sort (sorted, compare_sorted_headers);

  g_string_truncate (state->signed_headers, 0);
  for (guint i = 0; i < sorted->len; i++)
    {
      const BpSigV4SortedHeader *entry = &g_array_index (sorted, BpSigV4SortedHeader, i);

      if (i > 0 && strcmp (entry->lower, g_array_index (sorted, BpSigV4SortedHeader, i - 1).lower) == 0)
        continue;
      if (state->signed_headers->len > 0)
        g_string_append_c (state->signed_headers, ';');
      g_string_append (state->signed_headers, entry->lower);
    }
}

void
_bp_sigv4_build_canonical_request (BpSigV4State *state)
{
  GString *out = state->canonical_request;
  GArray *sorted = state->sorted_headers;
  const char *previous = NULL;

  g_string_truncate (out, 0);
  g_string_append (out, state->request->method);
  g_string_append_c (out, '\n');
  _bp_sigv4_append_canonical_uri (out, state->request->path, state->config->normalize_path);
  g_string_append_c (out, '\n');
  _bp_sigv4_append_canonical_query (out, state->request->query);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < sorted->len; i++)
    {
      const BpSigV4SortedHeader *entry = &g_array_index (sorted, BpSigV4SortedHeader, i);

      if (previous != NULL && strcmp (previous, entry->lower) == 0)
        {
          g_string_append_c (out, ',');
        }
      else
        {
          if (previous != NULL)
            g_string_append_c (out, '\n');
          g_string_append (out, entry->lower);
          g_string_append_c (out, ':');
        }
      _bp_sigv4_append_header_value (out, entry->value);
      previous = entry->lower;
    }
  if (previous != NULL)
    g_string_append_c (out, '\n');

  g_string_append_c (out, '\n');
  g_string_append_len (out, state->signed_headers->str, state->signed_headers->len);
  g_string_append_c (out, '\n');
  g_string_append (out, state->payload_hash);
}

void
_bp_sigv4_build_string_to_sign (BpSigV4State *state)
{
  guint8 digest[BP_SIGV4_DIGEST_SIZE];
  char hex[BP_SIGV4_HEX_SIZE];
  int ret;

  ret = gnutls_hash_fast (GNUTLS_DIG_SHA256, state->canonical_request->str,
                          state->canonical_request->len, digest);
  g_assert (ret == 0);
  _bp_sigv4_hex (digest, hex);

  g_string_truncate (state->string_to_sign, 0);
  g_string_append (state->string_to_sign, BP_SIGV4_ALGORITHM "\n");
  g_string_append (state->string_to_sign, state->amz_date);
  g_string_append_c (state->string_to_sign, '\n');
  g_string_append_len (state->string_to_sign, state->scope->str, state->scope->len);
  g_string_append_c (state->string_to_sign, '\n');
  g_string_append (state->string_to_sign, hex);
}

static void
hmac_sha256 (const void *key,
             gsize       key_len,
             const char *data,
             guint8      out[BP_SIGV4_DIGEST_SIZE])
{
  int ret;

  ret = gnutls_hmac_fast (GNUTLS_MAC_SHA256, key, key_len, data, strlen (data), out);
  g_assert (ret == 0);
}

void
_bp_sigv4_derive_signing_key (BpSigV4State *state)
{
  const BpSigV4Config *config = state->config;
  gsize secret_len = strlen (config->secret_access_key);
  guint8 stack_secret[128];
  guint8 *k_secret = stack_secret;
  guint8 k_date[BP_SIGV4_DIGEST_SIZE];
  guint8 k_region[BP_SIGV4_DIGEST_SIZE];
  guint8 k_service[BP_SIGV4_DIGEST_SIZE];

  if (secret_len + 4 > sizeof stack_secret)
    k_secret = g_malloc (secret_len + 4);
  memcpy (k_secret, "AWS4", 4);
  memcpy (k_secret + 4, config->secret_access_key, secret_len);

  hmac_sha256 (k_secret, secret_len + 4, state->date_stamp, k_date);
  hmac_sha256 (k_date, sizeof k_date, config->region, k_region);
  hmac_sha256 (k_region, sizeof k_region, config->service, k_service);
  hmac_sha256 (k_service, sizeof k_service, BP_SIGV4_TERMINATOR, state->signing_key);

  gnutls_memset (k_secret, 0, secret_len + 4);
  gnutls_memset (k_date, 0, sizeof k_date);
  gnutls_memset (k_region, 0, sizeof k_region);
  gnutls_memset (k_service, 0, sizeof k_service);
  if (k_secret != stack_secret)
    g_free (k_secret);
}

void
_bp_sigv4_compute_signature (BpSigV4State *state)
{
  guint8 digest[BP_SIGV4_DIGEST_SIZE];
  int ret;

  ret = gnutls_hmac_fast (GNUTLS_MAC_SHA256, state->signing_key, sizeof state->signing_key,
                          state->string_to_sign->str, state->string_to_sign->len, digest);
  g_assert (ret == 0);
  _bp_sigv4_hex (digest, state->signature);
}

char *
_bp_sigv4_build_authorization (BpSigV4State *state)
{
  GString *out = g_string_sized_new (256);

  g_string_append (out, BP_SIGV4_ALGORITHM " Credential=");
  g_string_append (out, state->config->access_key_id);
  g_string_append_c (out, '/');
  g_string_append_len (out, state->scope->str, state->scope->len);
  g_string_append (out, ", SignedHeaders=");
  g_string_append_len (out, state->signed_headers->str, state->signed_headers->len);
  g_string_append (out, ", Signature=");
  g_string_append (out, state->signature);

  return g_string_free (out, FALSE);
}

/* The canonical request may hold the session token: redact it in logs. */
static void
log_stages (BpSigV4State *state)
{
  const char *token = get_session_token (state->config);
  g_autoptr(GString) creq = NULL;

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;

  creq = g_string_new_len (state->canonical_request->str, state->canonical_request->len);
  if (token != NULL)
    {
      g_autofree char *encoded = bp_sigv4_uri_encode (token, FALSE);

      g_string_replace (creq, encoded, "<redacted>", 0);
      g_string_replace (creq, token, "<redacted>", 0);
    }

  g_debug ("Canonical request:\n%s", creq->str);
  g_debug ("String to sign:\n%s", state->string_to_sign->str);
}

void
_bp_sigv4_run_stages (BpSigV4State *state)
{
  g_assert (state != NULL);

  _bp_sigv4_build_signed_headers (state);
  _bp_sigv4_build_canonical_request (state);
  _bp_sigv4_build_string_to_sign (state);
  log_stages (state);
  _bp_sigv4_derive_signing_key (state);
  _bp_sigv4_compute_signature (state);
}

/* Entry points. */

/**
 * bp_sigv4_sign:
 * @request: the request to sign, with its Host header
 * @config: the signing inputs
 * @error: return location for a #BP_SIGV4_ERROR
 *
 * Signs with an Authorization header. Sets X-Amz-Date, X-Amz-Security-Token
 * (when there is a token; added after signing when @config asks to omit it),
 * x-amz-content-sha256 (when asked) and Authorization, replacing any earlier
 * ones, so a request can be signed again for a retry.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_sigv4_sign (BpSigV4Request       *request,
               const BpSigV4Config  *config,
               GError              **error)
{
  BpSigV4State state;
  g_autofree char *authorization = NULL;
  const char *token;

  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_bp_sigv4_validate_config (config, BP_SIGV4_MODE_HEADER, error) ||
      !_bp_sigv4_validate_request (request, error))
    return FALSE;

  token = get_session_token (config);
  _bp_sigv4_state_init (&state, request, config, BP_SIGV4_MODE_HEADER);

  bp_sigv4_request_remove_header (request, "Authorization");
  if (token != NULL && !config->omit_session_token)
    bp_sigv4_request_set_header (request, "X-Amz-Security-Token", token);
  else if (token != NULL)
    bp_sigv4_request_remove_header (request, "X-Amz-Security-Token");
  bp_sigv4_request_set_header (request, "X-Amz-Date", state.amz_date);
  if (config->add_content_sha256)
    bp_sigv4_request_set_header (request, "x-amz-content-sha256", state.payload_hash);

  _bp_sigv4_run_stages (&state);

  authorization = _bp_sigv4_build_authorization (&state);
  bp_sigv4_request_set_header (request, "Authorization", authorization);
  if (token != NULL && config->omit_session_token)
    bp_sigv4_request_add_header (request, "X-Amz-Security-Token", token);

  _bp_sigv4_state_clear (&state);

  return TRUE;
}

static gboolean
is_auth_param (const char *item,
               gsize       len)
{
  static const char * const names[] = {
    "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders",
    "X-Amz-Expires", "X-Amz-Security-Token", "X-Amz-Signature",
  };
  const char *eq = memchr (item, '=', len);
  gsize key_len = eq != NULL ? (gsize) (eq - item) : len;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (strlen (names[i]) == key_len && memcmp (names[i], item, key_len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The request's own parameters, minus those of an earlier presigning. */
static void
append_query_without_auth (GString    *out,
                           const char *query)
{
  for (const char *item = query; item != NULL && *item != '\0';)
    {
      const char *amp = strchr (item, '&');
      gsize len = amp != NULL ? (gsize) (amp - item) : strlen (item);

      if (len > 0 && !is_auth_param (item, len))
        {
          if (out->len > 0)
            g_string_append_c (out, '&');
          g_string_append_len (out, item, len);
        }

      item += len + (amp != NULL ? 1 : 0);
    }
}

static void
append_param (GString    *query,
              const char *name,
              const char *value)
{
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append (query, name);
  g_string_append_c (query, '=');
  _bp_sigv4_append_uri_encoded (query, value, strlen (value), FALSE);
}

/**
 * bp_sigv4_presign:
 * @request: the request to presign, with its Host header
 * @config: the signing inputs; @config->expires_in must be set
 * @error: return location for a #BP_SIGV4_ERROR
 *
 * Signs with query parameters (a presigned URL): the request's query becomes
 * its own parameters followed by X-Amz-Algorithm, X-Amz-Credential,
 * X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Expires, X-Amz-Security-Token (when
 * there is a token) and X-Amz-Signature. Headers are not changed.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_sigv4_presign (BpSigV4Request       *request,
                  const BpSigV4Config  *config,
                  GError              **error)
{
  BpSigV4State state;
  g_autofree char *credential = NULL;
  char expires[16];
  const char *token;
  GString *query;

  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_bp_sigv4_validate_config (config, BP_SIGV4_MODE_QUERY, error) ||
      !_bp_sigv4_validate_request (request, error))
    return FALSE;

  token = get_session_token (config);
  _bp_sigv4_state_init (&state, request, config, BP_SIGV4_MODE_QUERY);
  _bp_sigv4_build_signed_headers (&state);

  credential = g_strconcat (config->access_key_id, "/", state.scope->str, NULL);
  g_snprintf (expires, sizeof expires, "%u", config->expires_in);

  query = g_string_sized_new (512);
  append_query_without_auth (query, request->query);
  append_param (query, "X-Amz-Algorithm", BP_SIGV4_ALGORITHM);
  append_param (query, "X-Amz-Credential", credential);
  append_param (query, "X-Amz-Date", state.amz_date);
  append_param (query, "X-Amz-SignedHeaders", state.signed_headers->str);
  append_param (query, "X-Amz-Expires", expires);
  if (token != NULL && !config->omit_session_token)
    append_param (query, "X-Amz-Security-Token", token);
  g_free (request->query);
  request->query = g_strndup (query->str, query->len);

  _bp_sigv4_run_stages (&state);

  if (token != NULL && config->omit_session_token)
    append_param (query, "X-Amz-Security-Token", token);
  append_param (query, "X-Amz-Signature", state.signature);
  g_free (request->query);
  request->query = g_string_free (query, FALSE);

  _bp_sigv4_state_clear (&state);

  return TRUE;
}
