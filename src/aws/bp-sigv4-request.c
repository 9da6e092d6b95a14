/* bp-sigv4-request.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sigv4"

#include "config.h"

#include <string.h>

#include "bp-sigv4-private.h"

/* The request the signer reads and rewrites: method, path, query, headers
 * in order with duplicates kept, and the body. Its struct is in
 * bp-sigv4-private.h. */

static void
header_clear (gpointer data)
{
  BpSigV4Header *header = data;

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
  request->headers = g_array_sized_new (FALSE, FALSE, sizeof (BpSigV4Header), 8);
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
  BpSigV4Header header;

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
      const BpSigV4Header *header = &g_array_index (request->headers, BpSigV4Header, i);

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
  BpSigV4Header *header;
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

  header = &g_array_index (request->headers, BpSigV4Header, (guint) first);
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

  return g_array_index (request->headers, BpSigV4Header, (guint) i).value;
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
  const BpSigV4Header *header;

  g_return_if_fail (request != NULL);
  g_return_if_fail (n < request->headers->len);

  header = &g_array_index (request->headers, BpSigV4Header, n);
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
