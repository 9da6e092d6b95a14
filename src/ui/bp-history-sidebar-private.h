/* bp-history-sidebar-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-history-sidebar.h"

G_BEGIN_DECLS

/* bp-history-sidebar.c holds the widget, the list and the search;
 * bp-history-sidebar-actions.c what the user does to conversations (new,
 * rename, delete, their keys); bp-history-sidebar-undo.c the toasts, with
 * the Undo of a deletion. */
struct _BpHistorySidebar
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkSearchEntry  *search_entry;
  GtkStack        *stack;
  GtkListBox      *list_box;
  AdwStatusPage   *empty_page;

  /* owned references */
  BpHistoryStore  *store;             /* (nullable) */
  GCancellable    *cancellable;       /* cancelled in dispose */
  GCancellable    *list_cancellable;  /* (nullable) the list in flight */
  GHashTable      *hidden_ids;        /* (element-type gint64) deleted, not undone */
  char            *search;            /* (nullable) the words searched for */
  char            *error_message;     /* (nullable) why the list failed */

  /* borrowed references */
  AdwToast        *undo_toast;        /* (nullable) weak: "Conversation deleted" */

  gint64           selected_id;
  guint            n_rows;
  guint            loading : 1;
  guint            updating_list : 1; /* row-selected comes from our own change */
};

/* bp-history-sidebar.c */
BpHistoryRow *_bp_history_sidebar_find_row            (BpHistorySidebar *self,
                                                       gint64            id);
BpHistoryRow *_bp_history_sidebar_current_row         (BpHistorySidebar *self);
void          _bp_history_sidebar_select_row_for_id   (BpHistorySidebar *self);
void          _bp_history_sidebar_note_selected_id    (BpHistorySidebar *self,
                                                       gint64            id);
void          _bp_history_sidebar_remove_row          (BpHistorySidebar *self,
                                                       BpHistoryRow     *row);
void          _bp_history_sidebar_update_empty_state  (BpHistorySidebar *self);

/* bp-history-sidebar-actions.c */
void          _bp_history_sidebar_class_init_actions  (GtkWidgetClass   *widget_class);
void          _bp_history_sidebar_row_rename_cb       (BpHistoryRow     *row,
                                                       const char       *title,
                                                       BpHistorySidebar *self);

/* bp-history-sidebar-undo.c */
void          _bp_history_sidebar_offer_undo          (BpHistorySidebar *self,
                                                       gint64            id);
void          _bp_history_sidebar_show_error          (BpHistorySidebar *self,
                                                       const char       *title);

/* For the tests: the list, the "Conversation deleted" toast while it is
 * pending (dismissing it purges), and whether a list is on its way. */
GtkListBox   *_bp_history_sidebar_get_list_box        (BpHistorySidebar *self);
AdwToast     *_bp_history_sidebar_get_undo_toast      (BpHistorySidebar *self);
gboolean      _bp_history_sidebar_is_loading          (BpHistorySidebar *self);

G_END_DECLS
