/* bp-model-row.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_MODEL_ROW (bp_model_row_get_type ())

G_DECLARE_FINAL_TYPE (BpModelRow, bp_model_row, BP, MODEL_ROW, GtkListBoxRow)

GtkWidget   *bp_model_row_new                (BpModelInfo *info);
BpModelInfo *bp_model_row_get_model          (BpModelRow  *self);
gboolean     bp_model_row_get_current        (BpModelRow  *self);
void         bp_model_row_set_current        (BpModelRow  *self,
                                              gboolean     current);
const char  *bp_model_row_get_status_class   (BpModelInfo *info);
void         bp_model_row_show_status        (GtkLabel    *label,
                                              BpModelInfo *info);
char        *bp_model_row_format_tokens      (guint64      tokens);

G_END_DECLS
