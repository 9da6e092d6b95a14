/* bp-history-sidebar-actions.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-history-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-history-row.h"
#include "bp-history-sidebar-private.h"
#include "bp-history-store.h"

/* What the user does to conversations in the sidebar: New Chat, Rename
 * (from the row's popover), Delete (soft, with Undo), and their keys. */

static void
rename_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BpHistorySidebar) self = user_data;
  g_autoptr(GError) error = NULL;

  if (bp_history_store_rename_conversation_finish (BP_HISTORY_STORE (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("Could not rename a conversation: %s", error->message);
  _bp_history_sidebar_show_error (self, _("Could not rename the conversation"));
  bp_history_sidebar_reload (self);
}

void
_bp_history_sidebar_row_rename_cb (BpHistoryRow     *row,
                                   const char       *title,
                                   BpHistorySidebar *self)
{
  g_assert (BP_IS_HISTORY_ROW (row));
  g_assert (BP_IS_HISTORY_SIDEBAR (self));

  if (self->store == NULL)
    return;

  bp_history_row_set_title (row, title);
  bp_history_store_rename_conversation_async (self->store, bp_history_row_get_id (row), title,
                                              self->cancellable, rename_cb, g_object_ref (self));
}

static void
delete_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BpHistorySidebar) self = user_data;
  g_autoptr(GError) error = NULL;

  if (bp_history_store_delete_conversation_finish (BP_HISTORY_STORE (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("Could not delete a conversation: %s", error->message);
  _bp_history_sidebar_show_error (self, _("Could not delete the conversation"));
}

/* Moves the focus off a row about to go, to its neighbour, so Delete can
 * be pressed again. */
static void
focus_neighbour (BpHistorySidebar *self,
                 BpHistoryRow     *row)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->list_box, index + 1);

  if (next == NULL && index > 0)
    next = gtk_list_box_get_row_at_index (self->list_box, index - 1);

  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
delete_conversation (BpHistorySidebar *self,
                     gint64            id)
{
  BpHistoryRow *row = _bp_history_sidebar_find_row (self, id);
  GtkWidget *focus;
  GtkRoot *root;

  if (row == NULL || self->store == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && gtk_widget_get_ancestor (focus, BP_TYPE_HISTORY_ROW) == GTK_WIDGET (row))
    focus_neighbour (self, row);

  g_hash_table_add (self->hidden_ids, g_memdup2 (&id, sizeof id));
  _bp_history_sidebar_remove_row (self, row);
  if (self->selected_id == id)
    _bp_history_sidebar_note_selected_id (self, 0);

  bp_history_store_delete_conversation_async (self->store, id, self->cancellable,
                                              delete_cb, g_object_ref (self));
  _bp_history_sidebar_offer_undo (self, id);
  _bp_history_sidebar_update_empty_state (self);

  g_signal_emit_by_name (self, "conversation-deleted", id);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  BpHistorySidebar *self = BP_HISTORY_SIDEBAR (widget);

  /* The new conversation is not stored yet: nothing to select. */
  _bp_history_sidebar_note_selected_id (self, 0);
  _bp_history_sidebar_select_row_for_id (self);
  g_signal_emit_by_name (self, "new-requested");
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BpHistoryRow *row = _bp_history_sidebar_find_row (BP_HISTORY_SIDEBAR (widget), g_variant_get_int64 (param));

  if (row != NULL)
    bp_history_row_start_rename (row);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  delete_conversation (BP_HISTORY_SIDEBAR (widget), g_variant_get_int64 (param));
}

static gboolean
rename_key_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  BpHistoryRow *row = _bp_history_sidebar_current_row (BP_HISTORY_SIDEBAR (widget));

  if (row == NULL)
    return FALSE;

  bp_history_row_start_rename (row);
  return TRUE;
}

static gboolean
delete_key_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  BpHistoryRow *row = _bp_history_sidebar_current_row (BP_HISTORY_SIDEBAR (widget));

  if (row == NULL)
    return FALSE;

  delete_conversation (BP_HISTORY_SIDEBAR (widget), bp_history_row_get_id (row));
  return TRUE;
}

void
_bp_history_sidebar_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "history.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "history.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "history.delete", "x", delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "history.new", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F2, 0, rename_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_key_cb, NULL);
}
