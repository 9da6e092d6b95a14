/* bp-history-sidebar.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_HISTORY_SIDEBAR (bp_history_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (BpHistorySidebar, bp_history_sidebar, BP, HISTORY_SIDEBAR, GtkWidget)

GtkWidget      *bp_history_sidebar_new             (void);
BpHistoryStore *bp_history_sidebar_get_store       (BpHistorySidebar *self);
void            bp_history_sidebar_set_store       (BpHistorySidebar *self,
                                                    BpHistoryStore   *store);
gint64          bp_history_sidebar_get_selected_id (BpHistorySidebar *self);
void            bp_history_sidebar_set_selected_id (BpHistorySidebar *self,
                                                    gint64            id);
void            bp_history_sidebar_reload          (BpHistorySidebar *self);

G_END_DECLS
