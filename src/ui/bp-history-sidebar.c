/* bp-history-sidebar.c
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
#include "bp-resources.h"

/* The saved conversations, newest first, with a search over their titles
 * and texts. Deleting is soft at first: the row goes at once and a toast
 * offers Undo; the conversation is purged when the toast goes away without
 * it. The toast lives in the nearest AdwToastOverlay above the sidebar. */
G_DEFINE_FINAL_TYPE (BpHistorySidebar, bp_history_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_ID,
  N_PROPS
};

enum {
  CONVERSATION_ACTIVATED,
  CONVERSATION_DELETED,
  NEW_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

BpHistoryRow *
_bp_history_sidebar_find_row (BpHistorySidebar *self,
                              gint64            id)
{
  GtkListBoxRow *row;

  if (id == 0)
    return NULL;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    {
      if (bp_history_row_get_id (BP_HISTORY_ROW (row)) == id)
        return BP_HISTORY_ROW (row);
    }

  return NULL;
}

/* The row keys act on: the focused one while the list has the focus,
 * else the selected one. */
BpHistoryRow *
_bp_history_sidebar_current_row (BpHistorySidebar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, BP_TYPE_HISTORY_ROW) : NULL;

  if (row != NULL && gtk_widget_is_ancestor (row, GTK_WIDGET (self->list_box)))
    return BP_HISTORY_ROW (row);

  row = GTK_WIDGET (gtk_list_box_get_selected_row (self->list_box));

  return row != NULL ? BP_HISTORY_ROW (row) : NULL;
}

void
_bp_history_sidebar_select_row_for_id (BpHistorySidebar *self)
{
  BpHistoryRow *row = _bp_history_sidebar_find_row (self, self->selected_id);

  self->updating_list = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
  else
    gtk_list_box_unselect_all (self->list_box);
  self->updating_list = FALSE;
}

void
_bp_history_sidebar_note_selected_id (BpHistorySidebar *self,
                                      gint64            id)
{
  if (self->selected_id == id)
    return;

  self->selected_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

void
_bp_history_sidebar_update_empty_state (BpHistorySidebar *self)
{
  g_autofree char *title = NULL;

  if (self->n_rows > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (self->error_message != NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->empty_page, _("Could not load the history"));
      adw_status_page_set_description (self->empty_page, self->error_message);
    }
  else if (self->search != NULL)
    {
      /* Translators: %s is what the user searched for. */
      title = g_strdup_printf (_("No results for “%s”"), self->search);
      adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->empty_page, title);
      adw_status_page_set_description (self->empty_page, _("Try other words"));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "bp-chat-symbolic");
      adw_status_page_set_title (self->empty_page, _("No conversations yet"));
      adw_status_page_set_description (self->empty_page, _("Your chats are saved here"));
    }

  /* Until the store is open and the first list arrives there is nothing
   * to explain yet. */
  gtk_stack_set_visible_child_name (self->stack,
                                    self->store == NULL || self->loading ? "list" : "empty");
}

void
_bp_history_sidebar_remove_row (BpHistorySidebar *self,
                                BpHistoryRow     *row)
{
  self->updating_list = TRUE;
  gtk_list_box_remove (self->list_box, GTK_WIDGET (row));
  self->updating_list = FALSE;
  self->n_rows--;
}

static void
clear_rows (BpHistorySidebar *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    _bp_history_sidebar_remove_row (self, BP_HISTORY_ROW (row));

  g_assert (self->n_rows == 0);
}

static void
rebuild (BpHistorySidebar *self,
         GPtrArray        *records)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  BpHistoryRow *focused = _bp_history_sidebar_current_row (self);
  gint64 focus_id = 0;

  if (focused != NULL && gtk_widget_has_focus (GTK_WIDGET (focused)))
    focus_id = bp_history_row_get_id (focused);

  clear_rows (self);

  for (guint i = 0; i < records->len; i++)
    {
      BpConversationRecord *record = g_ptr_array_index (records, i);
      GtkWidget *row;

      if (g_hash_table_contains (self->hidden_ids, &record->id))
        continue;

      row = bp_history_row_new (record, now);
      g_signal_connect_object (row, "rename", G_CALLBACK (_bp_history_sidebar_row_rename_cb), self, 0);
      gtk_list_box_append (self->list_box, row);
      self->n_rows++;
    }

  _bp_history_sidebar_select_row_for_id (self);

  if ((focused = _bp_history_sidebar_find_row (self, focus_id)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (focused));
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BpHistorySidebar) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = bp_history_store_list_conversations_finish (BP_HISTORY_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  g_clear_object (&self->list_cancellable);
  g_clear_pointer (&self->error_message, g_free);

  if (error != NULL)
    {
      self->error_message = g_strdup (error->message);
      clear_rows (self);
    }
  else
    {
      rebuild (self, records);
    }

  _bp_history_sidebar_update_empty_state (self);
}

static void
search_changed_cb (BpHistorySidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *words = g_strstrip (g_strdup (text));

  g_assert (BP_IS_HISTORY_SIDEBAR (self));

  g_clear_pointer (&self->search, g_free);
  if (*words != '\0')
    self->search = g_steal_pointer (&words);

  bp_history_sidebar_reload (self);
}

static void
stop_search_cb (BpHistorySidebar *self)
{
  g_assert (BP_IS_HISTORY_SIDEBAR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Enter in the search entry opens the first result. */
static void
search_activate_cb (BpHistorySidebar *self)
{
  GtkListBoxRow *row;

  g_assert (BP_IS_HISTORY_SIDEBAR (self));

  if ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_widget_activate (GTK_WIDGET (row));
}

static void
row_selected_cb (BpHistorySidebar *self,
                 GtkListBoxRow    *row)
{
  g_assert (BP_IS_HISTORY_SIDEBAR (self));

  if (self->updating_list)
    return;

  _bp_history_sidebar_note_selected_id (self, row != NULL ? bp_history_row_get_id (BP_HISTORY_ROW (row)) : 0);
}

static void
row_activated_cb (BpHistorySidebar *self,
                  GtkListBoxRow    *row)
{
  gint64 id = bp_history_row_get_id (BP_HISTORY_ROW (row));

  g_assert (BP_IS_HISTORY_SIDEBAR (self));

  _bp_history_sidebar_note_selected_id (self, id);
  _bp_history_sidebar_select_row_for_id (self);
  g_signal_emit (self, signals[CONVERSATION_ACTIVATED], 0, id);
}

static void
bp_history_sidebar_dispose (GObject *object)
{
  BpHistorySidebar *self = (BpHistorySidebar *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->list_cancellable != NULL)
    g_cancellable_cancel (self->list_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_HISTORY_SIDEBAR);

  /* dispose_template() only drops the children bound to fields. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_weak_pointer (&self->undo_toast);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bp_history_sidebar_parent_class)->dispose (object);
}

static void
bp_history_sidebar_finalize (GObject *object)
{
  BpHistorySidebar *self = (BpHistorySidebar *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->hidden_ids, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (bp_history_sidebar_parent_class)->finalize (object);
}

static void
bp_history_sidebar_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BpHistorySidebar *self = BP_HISTORY_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SELECTED_ID:
      g_value_set_int64 (value, self->selected_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_history_sidebar_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BpHistorySidebar *self = BP_HISTORY_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bp_history_sidebar_set_store (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_ID:
      bp_history_sidebar_set_selected_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_signals (BpHistorySidebarClass *klass)
{
  /**
   * BpHistorySidebar::conversation-activated:
   * @self: the sidebar
   * @id: the conversation to open
   */
  signals[CONVERSATION_ACTIVATED] =
    g_signal_new ("conversation-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * BpHistorySidebar::conversation-deleted:
   * @self: the sidebar
   * @id: the conversation the user deleted (Undo may still bring it back)
   *
   * Lets the chat page leave a conversation that is going away.
   */
  signals[CONVERSATION_DELETED] =
    g_signal_new ("conversation-deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * BpHistorySidebar::new-requested:
   * @self: the sidebar
   *
   * The user asked for a new, empty conversation.
   */
  signals[NEW_REQUESTED] =
    g_signal_new ("new-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
bp_history_sidebar_class_init (BpHistorySidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  (void) bp_get_resource ();
  g_type_ensure (BP_TYPE_HISTORY_ROW);

  object_class->dispose = bp_history_sidebar_dispose;
  object_class->finalize = bp_history_sidebar_finalize;
  object_class->get_property = bp_history_sidebar_get_property;
  object_class->set_property = bp_history_sidebar_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BP_TYPE_HISTORY_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_ID] =
    g_param_spec_int64 ("selected-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  install_signals (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-history-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, BpHistorySidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BpHistorySidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, BpHistorySidebar, list_box);
  gtk_widget_class_bind_template_child (widget_class, BpHistorySidebar, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  _bp_history_sidebar_class_init_actions (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "historysidebar");
}

static void
bp_history_sidebar_init (BpHistorySidebar *self)
{
  self->cancellable = g_cancellable_new ();
  self->hidden_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  _bp_history_sidebar_update_empty_state (self);
}

/**
 * bp_history_sidebar_new:
 *
 * Returns: (transfer floating): a new #BpHistorySidebar, empty until it
 *   gets a store
 */
GtkWidget *
bp_history_sidebar_new (void)
{
  return g_object_new (BP_TYPE_HISTORY_SIDEBAR, NULL);
}

/**
 * bp_history_sidebar_get_store:
 * @self: a #BpHistorySidebar
 *
 * Returns: (transfer none) (nullable): the history shown
 */
BpHistoryStore *
bp_history_sidebar_get_store (BpHistorySidebar *self)
{
  g_return_val_if_fail (BP_IS_HISTORY_SIDEBAR (self), NULL);

  return self->store;
}

/**
 * bp_history_sidebar_set_store:
 * @self: a #BpHistorySidebar
 * @store: (nullable): the history to show
 *
 * Shows @store's conversations (loading them asynchronously).
 */
void
bp_history_sidebar_set_store (BpHistorySidebar *self,
                              BpHistoryStore   *store)
{
  g_return_if_fail (BP_IS_HISTORY_SIDEBAR (self));
  g_return_if_fail (!store || BP_IS_HISTORY_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_hash_table_remove_all (self->hidden_ids);
  bp_history_sidebar_reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * bp_history_sidebar_get_selected_id:
 * @self: a #BpHistorySidebar
 *
 * Returns: the id of the selected conversation, 0 for none
 */
gint64
bp_history_sidebar_get_selected_id (BpHistorySidebar *self)
{
  g_return_val_if_fail (BP_IS_HISTORY_SIDEBAR (self), 0);

  return self->selected_id;
}

/**
 * bp_history_sidebar_set_selected_id:
 * @self: a #BpHistorySidebar
 * @id: a conversation id, or 0 for none
 *
 * Selects the conversation the chat page shows. An id that is not listed
 * (yet, or because of the search) is kept and selected once it shows.
 */
void
bp_history_sidebar_set_selected_id (BpHistorySidebar *self,
                                    gint64            id)
{
  g_return_if_fail (BP_IS_HISTORY_SIDEBAR (self));
  g_return_if_fail (id >= 0);

  _bp_history_sidebar_note_selected_id (self, id);
  _bp_history_sidebar_select_row_for_id (self);
}

/**
 * bp_history_sidebar_reload:
 * @self: a #BpHistorySidebar
 *
 * Lists the conversations again, with the current search; call it after
 * the chat page stored or changed a conversation. The selection and the
 * focused row stay.
 */
void
bp_history_sidebar_reload (BpHistorySidebar *self)
{
  g_return_if_fail (BP_IS_HISTORY_SIDEBAR (self));

  if (self->list_cancellable != NULL)
    g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);

  if (self->store == NULL)
    {
      self->loading = FALSE;
      clear_rows (self);
      _bp_history_sidebar_update_empty_state (self);
      return;
    }

  self->loading = TRUE;
  g_debug ("Listing conversations (search: %s)", self->search != NULL ? self->search : "none");
  self->list_cancellable = g_cancellable_new ();
  bp_history_store_list_conversations_async (self->store, self->search, self->list_cancellable,
                                             list_cb, g_object_ref (self));
}

GtkListBox *
_bp_history_sidebar_get_list_box (BpHistorySidebar *self)
{
  g_return_val_if_fail (BP_IS_HISTORY_SIDEBAR (self), NULL);

  return self->list_box;
}

AdwToast *
_bp_history_sidebar_get_undo_toast (BpHistorySidebar *self)
{
  g_return_val_if_fail (BP_IS_HISTORY_SIDEBAR (self), NULL);

  return self->undo_toast;
}

gboolean
_bp_history_sidebar_is_loading (BpHistorySidebar *self)
{
  g_return_val_if_fail (BP_IS_HISTORY_SIDEBAR (self), FALSE);

  return self->loading;
}
