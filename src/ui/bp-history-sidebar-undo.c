/* bp-history-sidebar-undo.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-history-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-history-sidebar-private.h"
#include "bp-history-store.h"

/* The toasts of the sidebar: "Conversation deleted" with Undo, which
 * purges what it deleted when it goes away without Undo, and errors. */

/* What one "Conversation deleted" toast can undo. It belongs to the toast
 * (object data), so it outlives the sidebar when the window closes first:
 * whatever ends the toast without Undo purges. */
typedef struct
{
  BpHistorySidebar *sidebar;  /* (nullable) weak */
  BpHistoryStore   *store;    /* (owned) */
  GArray           *ids;      /* (element-type gint64) */
  gboolean          settled;  /* undone or purged */
} UndoData;

static void
purge_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!bp_history_store_purge_deleted_finish (BP_HISTORY_STORE (source), result, &error) &&
      error != NULL)
    g_debug ("Could not purge a deleted conversation: %s", error->message);
}

static void
undelete_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!bp_history_store_undelete_conversation_finish (BP_HISTORY_STORE (source), result, &error))
    g_debug ("Could not restore a deleted conversation: %s", error->message);
}

/* Purging is not cancellable: the user asked for it, and nothing waits
 * for the answer. */
static void
undo_data_purge (UndoData *data)
{
  g_assert (!data->settled);

  data->settled = TRUE;
  for (guint i = 0; i < data->ids->len; i++)
    bp_history_store_purge_deleted_async (data->store, g_array_index (data->ids, gint64, i),
                                          NULL, purge_cb, NULL);
}

static void
undo_data_free (UndoData *data)
{
  if (!data->settled)
    undo_data_purge (data);

  g_clear_weak_pointer (&data->sidebar);
  g_clear_object (&data->store);
  g_array_unref (data->ids);
  g_free (data);
}

static void
undo_clicked_cb (AdwToast *toast,
                 UndoData *data)
{
  g_assert (ADW_IS_TOAST (toast));

  if (data->settled)
    return;

  data->settled = TRUE;
  for (guint i = 0; i < data->ids->len; i++)
    {
      gint64 id = g_array_index (data->ids, gint64, i);

      bp_history_store_undelete_conversation_async (data->store, id, NULL, undelete_cb, NULL);
      if (data->sidebar != NULL)
        g_hash_table_remove (data->sidebar->hidden_ids, &id);
    }

  /* The store runs its calls in order: this list sees them restored. */
  if (data->sidebar != NULL)
    bp_history_sidebar_reload (data->sidebar);
}

static void
toast_dismissed_cb (AdwToast *toast,
                    UndoData *data)
{
  g_assert (ADW_IS_TOAST (toast));

  if (data->sidebar != NULL && data->sidebar->undo_toast == toast)
    g_clear_weak_pointer (&data->sidebar->undo_toast);

  if (!data->settled)
    undo_data_purge (data);
}

static void
update_undo_title (AdwToast *toast,
                   UndoData *data)
{
  g_autofree char *title = NULL;

  if (data->ids->len == 1)
    title = g_strdup (_("Conversation deleted"));
  else
    title = g_strdup_printf (ngettext ("%u conversation deleted",
                                       "%u conversations deleted",
                                       data->ids->len),
                             data->ids->len);

  adw_toast_set_title (toast, title);
}

/* Deleting several in a row gathers them on one toast, so one Undo brings
 * back everything that went since the toast appeared. */
void
_bp_history_sidebar_offer_undo (BpHistorySidebar *self,
                                gint64            id)
{
  GtkWidget *overlay;
  UndoData *data;
  AdwToast *toast;

  if (self->undo_toast != NULL)
    {
      data = g_object_get_data (G_OBJECT (self->undo_toast), "bp-undo-data");
      g_array_append_val (data->ids, id);
      update_undo_title (self->undo_toast, data);
      return;
    }

  data = g_new0 (UndoData, 1);
  g_set_weak_pointer (&data->sidebar, self);
  data->store = g_object_ref (self->store);
  data->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (data->ids, id);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_debug ("No toast overlay to offer Undo in: purging at once");
      undo_data_free (data);
      return;
    }

  toast = adw_toast_new ("");
  update_undo_title (toast, data);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "bp-undo-data", data, (GDestroyNotify) undo_data_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), data);
  g_signal_connect (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), data);

  g_set_weak_pointer (&self->undo_toast, toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
_bp_history_sidebar_show_error (BpHistorySidebar *self,
                                const char       *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}
