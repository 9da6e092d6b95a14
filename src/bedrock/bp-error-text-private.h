/* bp-error-text-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-error-text.h"
#include "bp-model-catalogue.h"

G_BEGIN_DECLS

/* What bp_error_text_new_full() was given, passed to the per-domain
 * mappers. Everything is borrowed. */
typedef struct
{
  const GError     *error;
  BpModelCatalogue *catalogue;  /* (nullable) */
  const char       *model_id;   /* (nullable) */
  const char       *region;     /* (nullable) */
  const char       *profile;    /* (nullable) */
} BpErrorContext;

/* One code of a domain whose text needs nothing but the error. The
 * strings are N_() and translated when used. A %NULL @body means the
 * error's own message is the body (it already names the fix); otherwise
 * the message becomes the detail. */
typedef struct
{
  int            code;
  const char    *title;
  const char    *body;
  BpErrorAction  action;
  guint          retry_after_ms;
} BpErrorEntry;

BpErrorText *_bp_error_text_new_take      (const char         *title,
                                           char               *body,
                                           const char         *detail,
                                           BpErrorAction       action);
BpErrorText *_bp_error_text_from_entries  (const BpErrorEntry *entries,
                                           gsize               n_entries,
                                           const GError       *error);
BpErrorText *_bp_error_text_new_bedrock   (const BpErrorContext *context);

G_END_DECLS
