/* bp-history-row.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_HISTORY_ROW (bp_history_row_get_type ())

G_DECLARE_FINAL_TYPE (BpHistoryRow, bp_history_row, BP, HISTORY_ROW, GtkListBoxRow)

GtkWidget  *bp_history_row_new            (const BpConversationRecord *record,
                                           GDateTime                  *now);
gint64      bp_history_row_get_id         (BpHistoryRow               *self);
const char *bp_history_row_get_title      (BpHistoryRow               *self);
void        bp_history_row_set_title      (BpHistoryRow               *self,
                                           const char                 *title);
void        bp_history_row_start_rename   (BpHistoryRow               *self);
void        bp_history_row_popup_menu     (BpHistoryRow               *self,
                                           const GdkRectangle         *pointing_to);
char       *bp_history_row_format_date    (gint64                      unix_ms,
                                           GDateTime                  *now);
char       *bp_history_row_format_details (guint                       n_messages,
                                           double                      cost_usd);

G_END_DECLS
