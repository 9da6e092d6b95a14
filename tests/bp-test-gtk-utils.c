/* bp-test-gtk-utils.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "bp-test-gtk-utils.h"

#if defined(__SANITIZE_ADDRESS__)
/* GLib leaks its first quark array on purpose once a process has more
 * than 2048 quarks, which a window full of widgets reaches. tests/lsan.supp
 * names it by its library-constructor frame, which only a full unwind of
 * the allocation shows: libglib has no frame pointers. Every GUI test
 * links this file, so they all get the full unwind. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
#endif

/**
 * bp_test_gtk_init:
 * @argc: the program's argc
 * @argv: the program's argv
 *
 * Fixes the locale, keeps the test away from the session bus (so no real
 * keyring or portal is ever touched), turns animations off so screenshots
 * never catch a transition, then initialises GTest, GTK and libadwaita.
 */
void
bp_test_gtk_init (int    *argc,
                  char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bedrock-playground-test-bus", TRUE);
  g_unsetenv ("DBUS_SYSTEM_BUS_ADDRESS");

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                NULL);
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * bp_test_wait_until:
 * @condition: checked after each main loop iteration
 * @data: for @condition
 * @timeout_ms: how long to wait at most
 *
 * Returns: whether @condition became true in time
 */
gboolean
bp_test_wait_until (BpTestCondition condition,
                    gpointer        data,
                    guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  timeout_id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);

  return condition (data);
}

typedef struct
{
  GtkWidget *widget;
  guint      count;
  guint      wanted;
} FrameWait;

static void
after_paint_cb (GdkFrameClock *clock,
                FrameWait     *wait)
{
  wait->count++;
  if (wait->count < wait->wanted)
    gtk_widget_queue_draw (wait->widget);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
enough_frames (gpointer data)
{
  FrameWait *wait = data;

  return wait->count >= wait->wanted;
}

/**
 * bp_test_wait_for_frames:
 * @widget: a widget in a shown window
 * @n_frames: how many frames to let pass
 *
 * Waits until @widget is mapped and @n_frames frames were painted, then
 * runs what those frames queued, so that layout, styles and icons have
 * settled before asserting or snapshotting.
 */
void
bp_test_wait_for_frames (GtkWidget *widget,
                         guint      n_frames)
{
  FrameWait wait = { widget, 0, n_frames };
  GdkFrameClock *clock;
  gulong handler;

  g_assert_true (bp_test_wait_until (is_mapped, widget, 5000));

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);

  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &wait);
  gtk_widget_queue_draw (widget);
  g_assert_true (bp_test_wait_until (enough_frames, &wait, 10000));
  g_signal_handler_disconnect (clock, handler);

  /* Work queued during those frames (idles after a layout) runs now. The
   * bound keeps a running animation from holding the test forever. */
  for (guint i = 0; i < 100 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static char *
screenshot_dir (void)
{
  const char *dir = g_getenv ("BP_SCREENSHOT_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);

  return g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots", NULL);
}

/**
 * bp_test_save_screenshot:
 * @widget: a mapped widget, usually a window
 * @file_name: e.g. "preferences.png"
 *
 * Renders @widget with its window's own renderer and saves a PNG in
 * $BP_SCREENSHOT_DIR, else $G_TEST_BUILDDIR/screenshots.
 */
void
bp_test_save_screenshot (GtkWidget  *widget,
                         const char *file_name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = screenshot_dir ();
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  bp_test_wait_for_frames (widget, 3);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static void
collect_texts (GtkWidget *widget,
               gboolean   mapped_only,
               GPtrArray *texts)
{
  if (mapped_only && !gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  else if (GTK_IS_EDITABLE (widget))
    g_ptr_array_add (texts, g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, mapped_only, texts);
}

/**
 * bp_test_collect_texts:
 * @root: where to start
 * @mapped_only: skip widgets that are not on screen
 *
 * Returns: (transfer full) (element-type utf8): the text of every label and
 *   editable under @root
 */
GPtrArray *
bp_test_collect_texts (GtkWidget *root,
                       gboolean   mapped_only)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  collect_texts (root, mapped_only, texts);

  return texts;
}

/**
 * bp_test_shows_text:
 * @root: where to start
 * @text: the text to find
 *
 * Returns: whether a mapped label or editable under @root holds exactly
 *   @text
 */
gboolean
bp_test_shows_text (GtkWidget  *root,
                    const char *text)
{
  g_autoptr(GPtrArray) texts = bp_test_collect_texts (root, TRUE);

  for (guint i = 0; i < texts->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * bp_test_assert_no_text:
 * @root: where to start
 * @secret: a string that must not appear
 *
 * Fails when any label or editable under @root, shown or not, contains
 * @secret. The failure message does not repeat @secret.
 */
void
bp_test_assert_no_text (GtkWidget  *root,
                        const char *secret)
{
  g_autoptr(GPtrArray) texts = bp_test_collect_texts (root, FALSE);

  g_assert_cmpuint (texts->len, >, 0);

  for (guint i = 0; i < texts->len; i++)
    {
      if (strstr (g_ptr_array_index (texts, i), secret) != NULL)
        g_error ("A secret appears in text widget %u of %u", i, texts->len);
    }
}

/**
 * bp_test_find_widget:
 * @root: where to start
 * @type: the type wanted
 * @mapped_only: skip widgets that are not on screen
 *
 * Returns: (transfer none) (nullable): the first widget of @type under
 *   @root, depth first
 */
GtkWidget *
bp_test_find_widget (GtkWidget *root,
                     GType      type,
                     gboolean   mapped_only)
{
  if (mapped_only && !gtk_widget_get_mapped (root))
    return NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = bp_test_find_widget (child, type, mapped_only);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
activate_in_controller (GtkShortcutController *controller,
                        GtkWidget             *widget,
                        GtkShortcutTrigger    *wanted)
{
  GListModel *model = G_LIST_MODEL (controller);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (model, i);

      if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
        continue;

      return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                           GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                           widget,
                                           gtk_shortcut_get_arguments (shortcut));
    }

  return FALSE;
}

/**
 * bp_test_activate_shortcut:
 * @widget: the widget whose shortcuts to look in
 * @keyval: e.g. %GDK_KEY_1
 * @modifiers: e.g. %GDK_ALT_MASK
 *
 * GTK 4 cannot synthesize key presses, so this finds the shortcut that
 * @widget's shortcut controllers (class key bindings included) hold for
 * the key and activates its action, as a key press would.
 *
 * Returns: whether a shortcut for the key was found and activated
 */
gboolean
bp_test_activate_shortcut (GtkWidget       *widget,
                           guint            keyval,
                           GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller) &&
          activate_in_controller (GTK_SHORTCUT_CONTROLLER (controller), widget, wanted))
        return TRUE;
    }

  return FALSE;
}
