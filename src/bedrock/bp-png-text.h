/* bp-png-text.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_PNG_ERROR (bp_png_error_quark ())

/**
 * BpPngError:
 * @BP_PNG_ERROR_NOT_PNG: the bytes do not start with the PNG signature.
 * @BP_PNG_ERROR_MALFORMED: the chunk structure is broken: truncated, a bad
 *   CRC, no IHDR first, no IDAT, or no IEND last.
 * @BP_PNG_ERROR_INVALID_KEYWORD: a text keyword is empty, longer than 79
 *   bytes, not printable ASCII, or has leading, trailing or double spaces.
 * @BP_PNG_ERROR_INVALID_TEXT: a text value is not UTF-8 or too long.
 *
 * Error codes of %BP_PNG_ERROR. Append new codes; never renumber.
 */
typedef enum
{
  BP_PNG_ERROR_NOT_PNG,
  BP_PNG_ERROR_MALFORMED,
  BP_PNG_ERROR_INVALID_KEYWORD,
  BP_PNG_ERROR_INVALID_TEXT,
} BpPngError;

/* PNG spec §11.3.4.2: keywords are 1–79 bytes. */
#define BP_PNG_MAX_KEYWORD 79

GQuark      bp_png_error_quark        (void);

GBytes     *bp_png_add_text_chunks    (GBytes              *png,
                                       const char * const  *keys,
                                       const char * const  *values,
                                       GError             **error);
GHashTable *bp_png_read_text_chunks   (GBytes              *png,
                                       GError             **error);

G_END_DECLS
