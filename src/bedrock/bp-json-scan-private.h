/* bp-json-scan-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* A strict, single-pass JSON scanner for fast paths over small payloads of
 * a known shape. It accepts only RFC 8259 JSON in valid UTF-8 and only the
 * pieces its callers ask for; each step returns %FALSE on anything else
 * (a BOM, comments, control characters, \u0000, lone surrogates, leading
 * zeros, fractions, exponents…), so that the caller can hand the payload
 * to json-glib instead and keep json-glib's behaviour for every input the
 * scanner does not vouch for. Steps skip JSON whitespace before their
 * token. */

typedef struct
{
  const char *pos;   /* the next byte */
  const char *end;   /* one past the last byte */
} BpJsonScan;

void     _bp_json_scan_init   (BpJsonScan  *scan,
                               const char  *data,
                               gsize        length);
gboolean _bp_json_scan_char   (BpJsonScan  *scan,
                               char         c);
gboolean _bp_json_scan_at_end (BpJsonScan  *scan);
gboolean _bp_json_scan_key    (BpJsonScan  *scan,
                               const char **key,
                               gsize       *key_len);
gboolean _bp_json_scan_string (BpJsonScan  *scan,
                               char        *out);
gboolean _bp_json_scan_int    (BpJsonScan  *scan,
                               gint64      *value);

/*
 * _bp_json_scan_key_is:
 * @key: a key from _bp_json_scan_key()
 * @key_len: its length
 * @name: the member name to compare with
 *
 * Returns: %TRUE if the key is @name
 */
static inline gboolean
_bp_json_scan_key_is (const char *key,
                      gsize       key_len,
                      const char *name)
{
  return strncmp (key, name, key_len) == 0 && name[key_len] == '\0';
}

G_END_DECLS
