/* test-history-sidebar.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bp-history-row.h"
#include "bp-history-sidebar-private.h"
#include "bp-history-store.h"
#include "bp-test-gtk-utils.h"

/* The history sidebar on a real store in a temporary folder, in a window
 * with a toast overlay, as the chat page holds it. */

enum { RUST, SMOOTHIE, JEJU, N_CONVERSATIONS };

typedef struct
{
  char             *dir;
  BpHistoryStore   *store;                    /* (owned) */
  GtkWindow        *window;                   /* (owned) */
  AdwToastOverlay  *overlay;                  /* (unowned) */
  BpHistorySidebar *sidebar;                  /* (unowned) */
  gint64            ids[N_CONVERSATIONS];
  gint64            activated_id;
  guint             n_activated;
  guint             n_new;
  guint             n_deleted;
} Fixture;

/* Async plumbing: keep the result, iterate the default context until it
 * arrives. */
static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
    }

  g_remove (path);
}

static gint64
create_conversation (BpHistoryStore *store,
                     const char     *title)
{
  g_autoptr(BpConversationRecord) record = bp_conversation_record_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  record->title = g_strdup (title);
  record->model_id = g_strdup ("anthropic.claude-haiku-4-5-20251001-v1:0");
  bp_history_store_create_conversation_async (store, record, NULL, keep_result_cb, &result);
  id = bp_history_store_create_conversation_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static void
append_message (BpHistoryStore *store,
                gint64          conversation_id,
                BpChatRole      role,
                const char     *text,
                double          cost_usd)
{
  g_autoptr(BpMessageRecord) record = bp_message_record_new (conversation_id, role, text);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  record->cost_usd = cost_usd;
  bp_history_store_append_message_async (store, record, NULL, keep_result_cb, &result);
  bp_history_store_append_message_finish (store, wait_result (&result), NULL, &error);
  g_assert_no_error (error);
}

static void
add_conversation (Fixture    *fixture,
                  guint       which,
                  const char *title,
                  const char *prompt,
                  const char *reply,
                  double      cost_usd)
{
  fixture->ids[which] = create_conversation (fixture->store, title);
  append_message (fixture->store, fixture->ids[which], BP_CHAT_ROLE_USER, prompt, -1.0);
  append_message (fixture->store, fixture->ids[which], BP_CHAT_ROLE_ASSISTANT, reply, cost_usd);
}

static void
activated_cb (BpHistorySidebar *sidebar,
              gint64            id,
              Fixture          *fixture)
{
  fixture->activated_id = id;
  fixture->n_activated++;
}

static void
new_requested_cb (BpHistorySidebar *sidebar,
                  Fixture          *fixture)
{
  fixture->n_new++;
}

static void
deleted_cb (BpHistorySidebar *sidebar,
            gint64            id,
            Fixture          *fixture)
{
  fixture->n_deleted++;
}

static gboolean
loaded (gpointer data)
{
  return !_bp_history_sidebar_is_loading (data);
}

static void
wait_loaded (Fixture *fixture)
{
  g_assert_true (bp_test_wait_until (loaded, fixture->sidebar, 5000));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *box, *chat;

  fixture->dir = g_dir_make_tmp ("bp-history-sidebar-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "history.sqlite3", NULL);
  bp_history_store_open_async (path, NULL, keep_result_cb, &result);
  fixture->store = bp_history_store_open_finish (wait_result (&result), &error);
  g_assert_no_error (error);

  /* Oldest first: the sidebar lists the last touched first. */
  if (data == NULL)
    {
      add_conversation (fixture, RUST, "Rust lifetimes", "Explain lifetimes in Rust.",
                        "A lifetime names how long a reference is valid.", 0.0021);
      add_conversation (fixture, SMOOTHIE, "Smoothie ideas", "A smoothie with banana and kiwi?",
                        "Blend the fruit with yoghurt and ice.", 0.0004);
      add_conversation (fixture, JEJU, "Trip to Jeju", "Plan three days on Jeju island.",
                        "Day one: Seongsan Ilchulbong at sunrise.", -1.0);
    }

  /* The sidebar beside a stand-in for the chat, as the chat page has it. */
  fixture->window = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (fixture->window, 720, 480);
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  adw_toast_overlay_set_child (fixture->overlay, box);

  fixture->sidebar = BP_HISTORY_SIDEBAR (bp_history_sidebar_new ());
  gtk_widget_set_size_request (GTK_WIDGET (fixture->sidebar), 280, -1);
  g_signal_connect (fixture->sidebar, "conversation-activated", G_CALLBACK (activated_cb), fixture);
  g_signal_connect (fixture->sidebar, "new-requested", G_CALLBACK (new_requested_cb), fixture);
  g_signal_connect (fixture->sidebar, "conversation-deleted", G_CALLBACK (deleted_cb), fixture);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->sidebar));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  chat = gtk_label_new ("Chat");
  gtk_widget_set_hexpand (chat, TRUE);
  gtk_widget_add_css_class (chat, "dim-label");
  gtk_box_append (GTK_BOX (box), chat);

  bp_history_sidebar_set_store (fixture->sidebar, fixture->store);
  g_assert_true (bp_history_sidebar_get_store (fixture->sidebar) == fixture->store);

  gtk_window_present (fixture->window);
  wait_loaded (fixture);
  bp_test_wait_for_frames (GTK_WIDGET (fixture->sidebar), 2);
}

/* Closes the window and waits until the sidebar is gone (its pending store
 * calls hold it until they return). */
static void
close_window (Fixture *fixture)
{
  gpointer sidebar = fixture->sidebar;

  g_object_add_weak_pointer (G_OBJECT (sidebar), &sidebar);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->window);
  fixture->sidebar = NULL;
  fixture->overlay = NULL;
  while (sidebar != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* The store's worker hands its last references back to this thread: wait
 * until the store is finalized, and its worker thread with it. */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer store = fixture->store;

  if (fixture->window != NULL)
    close_window (fixture);

  g_object_add_weak_pointer (G_OBJECT (store), &store);
  g_clear_object (&fixture->store);
  while (store != NULL)
    g_main_context_iteration (NULL, TRUE);

  rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static void
focus_search (Fixture *fixture)
{
  GtkWidget *entry = bp_test_find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_SEARCH_ENTRY, TRUE);

  g_assert_nonnull (entry);
  gtk_widget_grab_focus (entry);
}

static GPtrArray *
list_rows (Fixture *fixture)
{
  GtkListBox *list_box = _bp_history_sidebar_get_list_box (fixture->sidebar);
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list_box, i)) != NULL; i++)
    g_ptr_array_add (rows, row);

  return rows;
}

static BpHistoryRow *
row_for (Fixture *fixture,
         gint64   id)
{
  g_autoptr(GPtrArray) rows = list_rows (fixture);

  for (guint i = 0; i < rows->len; i++)
    {
      if (bp_history_row_get_id (g_ptr_array_index (rows, i)) == id)
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

static void
assert_rows (Fixture *fixture,
             gint64   first,
             ...)
{
  g_autoptr(GPtrArray) rows = list_rows (fixture);
  va_list args;
  guint n = 0;

  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64), n++)
    {
      g_assert_cmpuint (n, <, rows->len);
      g_assert_cmpint (bp_history_row_get_id (g_ptr_array_index (rows, n)), ==, id);
    }
  va_end (args);

  g_assert_cmpuint (rows->len, ==, n);
}

static char *
stored_title (Fixture *fixture,
              gint64   id)
{
  g_autoptr(BpConversationRecord) record = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bp_history_store_get_conversation_async (fixture->store, id, NULL, keep_result_cb, &result);
  record = bp_history_store_get_conversation_finish (fixture->store, wait_result (&result), &error);
  if (g_error_matches (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NOT_FOUND))
    return NULL;
  g_assert_no_error (error);

  return g_strdup (record->title);
}

static void
test_format (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 8, 21, 9, 30, 0);
  gint64 now_ms = g_date_time_to_unix (now) * 1000;
  struct {
    gint64      offset_ms;
    const char *expected;
  } dates[] = {
    { 0, "Today 09:30" },
    { -(9 * 3600 + 29 * 60) * G_GINT64_CONSTANT (1000), "Today 00:01" },
    { 3600 * 1000, "Today 10:30" },                       /* a clock that went back */
    { -(9 * 3600 + 31 * 60) * G_GINT64_CONSTANT (1000), "Yesterday" },
    { -(33 * 3600 + 31 * 60) * G_GINT64_CONSTANT (1000), "Aug 19" },
    { -(250 * 24 * 3600) * G_GINT64_CONSTANT (1000), "Dec 14, 2025" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *text = bp_history_row_format_date (now_ms + dates[i].offset_ms, now);

      g_assert_cmpstr (text, ==, dates[i].expected);
    }

  {
    g_autofree char *none = bp_history_row_format_details (0, 0);
    g_autofree char *one = bp_history_row_format_details (1, -1.0);
    g_autofree char *priced = bp_history_row_format_details (4, 0.0042);

    g_assert_cmpstr (none, ==, "No messages");
    g_assert_cmpstr (one, ==, "1 message");
    g_assert_cmpstr (priced, ==, "4 messages · $0.0042");
  }
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *sidebar = GTK_WIDGET (fixture->sidebar);
  BpHistoryRow *rust;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "Today %H:");

  assert_rows (fixture, fixture->ids[JEJU], fixture->ids[SMOOTHIE], fixture->ids[RUST], 0);

  rust = row_for (fixture, fixture->ids[RUST]);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (rust), "Rust lifetimes"));
  g_assert_true (bp_test_shows_text (GTK_WIDGET (rust), "2 messages · $0.0021"));
  g_assert_true (bp_test_shows_text (GTK_WIDGET (row_for (fixture, fixture->ids[JEJU])), "2 messages"));
  {
    g_autoptr(GPtrArray) texts = bp_test_collect_texts (GTK_WIDGET (rust), TRUE);
    gboolean dated = FALSE;

    /* The minute may have turned since: compare up to the hour. */
    for (guint i = 0; i < texts->len; i++)
      dated |= g_str_has_prefix (g_ptr_array_index (texts, i), today);
    g_assert_true (dated);
  }

  /* The selection follows the chat page, and survives a reload. */
  bp_history_sidebar_set_selected_id (fixture->sidebar, fixture->ids[SMOOTHIE]);
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row_for (fixture, fixture->ids[SMOOTHIE]))));
  append_message (fixture->store, fixture->ids[RUST], BP_CHAT_ROLE_USER, "And in closures?", -1.0);
  bp_history_sidebar_reload (fixture->sidebar);
  wait_loaded (fixture);
  assert_rows (fixture, fixture->ids[RUST], fixture->ids[JEJU], fixture->ids[SMOOTHIE], 0);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (row_for (fixture, fixture->ids[RUST])), "3 messages · $0.0021"));
  g_assert_cmpint (bp_history_sidebar_get_selected_id (fixture->sidebar), ==, fixture->ids[SMOOTHIE]);
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row_for (fixture, fixture->ids[SMOOTHIE]))));

  g_assert_false (bp_test_shows_text (sidebar, "No conversations yet"));
  bp_test_save_screenshot (GTK_WIDGET (fixture->window), "history-sidebar.png");

  /* Narrow enough to sit beside the chat on a small screen: long titles
   * ellipsize instead of widening it. */
  {
    int min, nat;

    gtk_widget_set_size_request (sidebar, -1, -1);
    gtk_widget_measure (sidebar, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    g_assert_cmpint (min, <=, 200);
    g_assert_cmpint (nat, <=, 320);
  }
}

typedef struct
{
  const char *wanted;
  gboolean    seen;
} SearchWait;

static void
search_changed_cb (GtkSearchEntry *entry,
                   SearchWait     *wait)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), wait->wanted) == 0)
    wait->seen = TRUE;
}

static gboolean
search_seen (gpointer data)
{
  SearchWait *wait = data;

  return wait->seen;
}

/* Types @text and waits for its results. Replacing the text empties the
 * entry first, which the entry reports at once: wait for @text itself,
 * which comes after the entry's delay (~150 ms). */
static void
set_search (Fixture    *fixture,
            const char *text)
{
  GtkWidget *entry = bp_test_find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_SEARCH_ENTRY, TRUE);
  SearchWait wait = { text, FALSE };
  gulong handler;

  g_assert_nonnull (entry);
  handler = g_signal_connect (entry, "search-changed", G_CALLBACK (search_changed_cb), &wait);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (bp_test_wait_until (search_seen, &wait, 2000));
  g_signal_handler_disconnect (entry, handler);

  wait_loaded (fixture);
  bp_test_wait_for_frames (GTK_WIDGET (fixture->sidebar), 1);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *sidebar = GTK_WIDGET (fixture->sidebar);

  /* "banana" is only in a message, never in a title. */
  set_search (fixture, "banana");
  assert_rows (fixture, fixture->ids[SMOOTHIE], 0);

  set_search (fixture, "JEJU");
  assert_rows (fixture, fixture->ids[JEJU], 0);

  set_search (fixture, "zucchini");
  assert_rows (fixture, 0);
  g_assert_true (bp_test_shows_text (sidebar, "No results for “zucchini”"));
  bp_test_save_screenshot (GTK_WIDGET (fixture->window), "history-sidebar-no-results.png");

  set_search (fixture, "  ");
  assert_rows (fixture, fixture->ids[JEJU], fixture->ids[SMOOTHIE], fixture->ids[RUST], 0);
  g_assert_false (bp_test_shows_text (sidebar, "No results for “zucchini”"));
}

static gboolean
title_stored (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *title = stored_title (fixture, fixture->ids[RUST]);

  return g_strcmp0 (title, "Borrowing notes") == 0;
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  BpHistoryRow *rust = row_for (fixture, fixture->ids[RUST]);
  GtkWidget *entry;

  /* From the context menu's action. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "history.rename", "x", fixture->ids[RUST]);
  bp_test_wait_for_frames (GTK_WIDGET (fixture->sidebar), 2);
  entry = bp_test_find_widget (GTK_WIDGET (rust), GTK_TYPE_ENTRY, TRUE);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Rust lifetimes");
  bp_test_save_screenshot (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER), "history-sidebar-rename.png");

  gtk_editable_set_text (GTK_EDITABLE (entry), "  Borrowing notes ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (bp_history_row_get_title (rust), ==, "Borrowing notes");
  g_assert_true (bp_test_shows_text (GTK_WIDGET (rust), "Borrowing notes"));
  g_assert_true (bp_test_wait_until (title_stored, fixture, 5000));

  /* It stays after a reload. */
  bp_history_sidebar_reload (fixture->sidebar);
  wait_loaded (fixture);
  g_assert_cmpstr (bp_history_row_get_title (row_for (fixture, fixture->ids[RUST])), ==, "Borrowing notes");

  /* F2 renames the selected row; an empty title changes nothing. */
  bp_history_sidebar_set_selected_id (fixture->sidebar, fixture->ids[JEJU]);
  focus_search (fixture);
  g_assert_true (bp_test_activate_shortcut (GTK_WIDGET (fixture->sidebar), GDK_KEY_F2, 0));
  bp_test_wait_for_frames (GTK_WIDGET (fixture->sidebar), 2);
  entry = bp_test_find_widget (GTK_WIDGET (row_for (fixture, fixture->ids[JEJU])), GTK_TYPE_ENTRY, TRUE);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (bp_history_row_get_title (row_for (fixture, fixture->ids[JEJU])), ==, "Trip to Jeju");
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;

  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_n_rows (Fixture *fixture,
            guint    n)
{
  g_autoptr(GPtrArray) rows = list_rows (fixture);

  return rows->len == n && !_bp_history_sidebar_is_loading (fixture->sidebar);
}

static gboolean
three_rows (gpointer data)
{
  return has_n_rows (data, 3);
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *title = NULL;
  AdwToast *toast;
  GtkWidget *undo;

  /* Delete acts on the selected row. */
  bp_history_sidebar_set_selected_id (fixture->sidebar, fixture->ids[SMOOTHIE]);
  focus_search (fixture);
  g_assert_true (bp_test_activate_shortcut (GTK_WIDGET (fixture->sidebar), GDK_KEY_Delete, 0));
  assert_rows (fixture, fixture->ids[JEJU], fixture->ids[RUST], 0);
  g_assert_cmpint (bp_history_sidebar_get_selected_id (fixture->sidebar), ==, 0);
  g_assert_cmpuint (fixture->n_deleted, ==, 1);

  toast = _bp_history_sidebar_get_undo_toast (fixture->sidebar);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Conversation deleted");
  bp_test_save_screenshot (GTK_WIDGET (fixture->window), "history-sidebar-deleted.png");

  /* The store hides it at once, a reload does not bring it back. */
  g_assert_null ((title = stored_title (fixture, fixture->ids[SMOOTHIE])));
  bp_history_sidebar_reload (fixture->sidebar);
  wait_loaded (fixture);
  assert_rows (fixture, fixture->ids[JEJU], fixture->ids[RUST], 0);

  /* Undo, as a click on the toast's button. */
  undo = find_button (GTK_WIDGET (fixture->overlay), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  g_assert_true (bp_test_wait_until (three_rows, fixture, 5000));
  assert_rows (fixture, fixture->ids[JEJU], fixture->ids[SMOOTHIE], fixture->ids[RUST], 0);
  title = stored_title (fixture, fixture->ids[SMOOTHIE]);
  g_assert_cmpstr (title, ==, "Smoothie ideas");

  /* The toast goes away after Undo, and purges nothing. */
  bp_test_wait_for_frames (GTK_WIDGET (fixture->sidebar), 3);
  g_assert_null (_bp_history_sidebar_get_undo_toast (fixture->sidebar));
  g_assert_null (find_button (GTK_WIDGET (fixture->overlay), "_Undo"));
  g_clear_pointer (&title, g_free);
  title = stored_title (fixture, fixture->ids[SMOOTHIE]);
  g_assert_cmpstr (title, ==, "Smoothie ideas");
}

static void
assert_purged (Fixture *fixture,
               gint64   id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* The store runs calls in order: this comes after the purge. */
  bp_history_store_undelete_conversation_async (fixture->store, id, NULL, keep_result_cb, &result);
  g_assert_false (bp_history_store_undelete_conversation_finish (fixture->store, wait_result (&result), &error));
  g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NOT_FOUND);
}

static void
test_delete_purge (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwToast *toast;

  /* Two deletions share one toast. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "history.delete", "x", fixture->ids[RUST]);
  gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "history.delete", "x", fixture->ids[JEJU]);
  assert_rows (fixture, fixture->ids[SMOOTHIE], 0);
  toast = _bp_history_sidebar_get_undo_toast (fixture->sidebar);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "2 conversations deleted");

  /* Dismissed without Undo (its close button, or the timeout). */
  adw_toast_dismiss (toast);
  g_assert_null (_bp_history_sidebar_get_undo_toast (fixture->sidebar));
  assert_purged (fixture, fixture->ids[RUST]);
  assert_purged (fixture, fixture->ids[JEJU]);

  bp_history_sidebar_reload (fixture->sidebar);
  wait_loaded (fixture);
  assert_rows (fixture, fixture->ids[SMOOTHIE], 0);

  /* A deletion still pending when the window closes is purged too. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "history.delete", "x", fixture->ids[SMOOTHIE]);
  bp_test_wait_for_frames (GTK_WIDGET (fixture->sidebar), 1);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (fixture->sidebar), "No conversations yet"));
  close_window (fixture);
  assert_purged (fixture, fixture->ids[SMOOTHIE]);
}

static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  GtkListBox *list_box = _bp_history_sidebar_get_list_box (fixture->sidebar);
  BpHistoryRow *jeju = row_for (fixture, fixture->ids[JEJU]);

  gtk_widget_activate (GTK_WIDGET (row_for (fixture, fixture->ids[SMOOTHIE])));
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  g_assert_cmpint (fixture->activated_id, ==, fixture->ids[SMOOTHIE]);
  g_assert_cmpint (bp_history_sidebar_get_selected_id (fixture->sidebar), ==, fixture->ids[SMOOTHIE]);

  /* Arrows move, Enter opens. */
  gtk_widget_grab_focus (GTK_WIDGET (jeju));
  g_assert_true (bp_test_activate_shortcut (GTK_WIDGET (list_box), GDK_KEY_Down, 0));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (row_for (fixture, fixture->ids[SMOOTHIE]))));
  g_assert_true (bp_test_activate_shortcut (GTK_WIDGET (list_box), GDK_KEY_Down, 0));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (row_for (fixture, fixture->ids[RUST]))));
  /* GtkWindow turns Enter into activating the focus widget. */
  g_assert_true (bp_test_activate_shortcut (GTK_WIDGET (fixture->window), GDK_KEY_Return, 0));
  g_assert_cmpuint (fixture->n_activated, ==, 2);
  g_assert_cmpint (fixture->activated_id, ==, fixture->ids[RUST]);
  g_assert_cmpint (bp_history_sidebar_get_selected_id (fixture->sidebar), ==, fixture->ids[RUST]);

  /* Delete acts on the focused row and moves the focus on. */
  g_assert_true (bp_test_activate_shortcut (GTK_WIDGET (fixture->sidebar), GDK_KEY_Delete, 0));
  assert_rows (fixture, fixture->ids[JEJU], fixture->ids[SMOOTHIE], 0);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (row_for (fixture, fixture->ids[SMOOTHIE]))));

  /* New Chat, by its shortcut, leaves no row selected. */
  g_assert_true (bp_test_activate_shortcut (GTK_WIDGET (fixture->sidebar), GDK_KEY_n, GDK_CONTROL_MASK));
  g_assert_cmpuint (fixture->n_new, ==, 1);
  g_assert_cmpint (bp_history_sidebar_get_selected_id (fixture->sidebar), ==, 0);
  g_assert_null (gtk_list_box_get_selected_row (list_box));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *sidebar = GTK_WIDGET (fixture->sidebar);

  assert_rows (fixture, 0);
  g_assert_true (bp_test_shows_text (sidebar, "No conversations yet"));
  bp_test_save_screenshot (GTK_WIDGET (fixture->window), "history-sidebar-empty.png");

  gtk_widget_activate_action (sidebar, "history.new", NULL);
  g_assert_cmpuint (fixture->n_new, ==, 1);

  /* The chat page stored a first conversation. */
  fixture->ids[RUST] = create_conversation (fixture->store, "First steps");
  bp_history_sidebar_set_selected_id (fixture->sidebar, fixture->ids[RUST]);
  bp_history_sidebar_reload (fixture->sidebar);
  wait_loaded (fixture);
  bp_test_wait_for_frames (sidebar, 1);
  assert_rows (fixture, fixture->ids[RUST], 0);
  g_assert_false (bp_test_shows_text (sidebar, "No conversations yet"));
  g_assert_true (bp_test_shows_text (sidebar, "No messages"));
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row_for (fixture, fixture->ids[RUST]))));

  /* Without a store (it is still opening) there is nothing to show, not
   * even "No conversations yet". */
  bp_history_sidebar_set_store (fixture->sidebar, NULL);
  bp_test_wait_for_frames (sidebar, 1);
  assert_rows (fixture, 0);
  g_assert_false (bp_test_shows_text (sidebar, "No conversations yet"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  bp_test_gtk_init (&argc, &argv);

  /* The application loads style.css and the icons; here there is none. */
  g_type_ensure (BP_TYPE_HISTORY_SIDEBAR);
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PREFIX "/icons");

  g_test_add_func ("/bp/history-sidebar/format", test_format);
#define ADD(path, func, empty) \
  g_test_add ("/bp/history-sidebar/" path, Fixture, empty, fixture_set_up, func, fixture_tear_down)
  ADD ("rows", test_rows, NULL);
  ADD ("search", test_search, NULL);
  ADD ("rename", test_rename, NULL);
  ADD ("delete-undo", test_delete_undo, NULL);
  ADD ("delete-purge", test_delete_purge, NULL);
  ADD ("activate", test_activate, NULL);
  ADD ("empty", test_empty, "empty");
#undef ADD

  return g_test_run ();
}
