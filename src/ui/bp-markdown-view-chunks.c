/* bp-markdown-view-chunks.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-markdown-view"

#include "config.h"

#include "bp-markdown-view-private.h"

/* The text views of BpMarkdownView, one per chunk of the text, and the
 * links in them: a pointer over a link, a click that opens it. */

static const char *
link_at (BpMarkdownView *self,
         GtkTextView    *text_view,
         double          x,
         double          y)
{
  GtkTextIter iter;
  int buffer_x, buffer_y;

  gtk_text_view_window_to_buffer_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &buffer_x, &buffer_y);
  if (!gtk_text_view_get_iter_at_location (text_view, &iter, buffer_x, buffer_y))
    return NULL;

  return bp_markdown_renderer_get_link_at (self->renderer, &iter);
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   BpMarkdownView  *self)
{
  GtkWidget *text_view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  const char *uri;

  /* A click that ends a selection is not a link click. */
  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;

  uri = link_at (self, GTK_TEXT_VIEW (text_view), x, y);
  if (uri != NULL)
    _bp_markdown_view_emit_activate_link (self, uri);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           BpMarkdownView           *self)
{
  GtkWidget *text_view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));

  gtk_widget_set_cursor_from_name (text_view,
                                   link_at (self, GTK_TEXT_VIEW (text_view), x, y) != NULL
                                   ? "pointer" : "text");
}

/**
 * _bp_markdown_view_add_chunk:
 * @self: a #BpMarkdownView
 *
 * Adds a text view at the end for the text that comes next.
 */
void
_bp_markdown_view_add_chunk (BpMarkdownView *self)
{
  g_autoptr(GtkTextBuffer) buffer =
    gtk_text_buffer_new (bp_markdown_renderer_get_tag_table (self->renderer));
  GtkWidget *text_view = gtk_text_view_new_with_buffer (buffer);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_text_view_set_editable (GTK_TEXT_VIEW (text_view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (text_view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_inside_wrap (GTK_TEXT_VIEW (text_view), 2);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self, 0);
  gtk_widget_add_controller (text_view, GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, 0);
  gtk_widget_add_controller (text_view, motion);

  gtk_box_append (self->chunks, text_view);
  self->current = GTK_TEXT_VIEW (text_view);
  self->n_chunks++;

  bp_markdown_renderer_set_buffer (self->renderer, buffer);
}

/**
 * _bp_markdown_view_reset_chunks:
 * @self: a #BpMarkdownView
 *
 * Goes back to one empty chunk, as a new view has.
 */
void
_bp_markdown_view_reset_chunks (BpMarkdownView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chunks))) != NULL)
    gtk_box_remove (self->chunks, child);

  self->current = NULL;
  self->n_chunks = 0;
  bp_markdown_renderer_clear (self->renderer);
  _bp_markdown_view_add_chunk (self);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error))
    g_debug ("Could not open a link: %s", error->message);
}
#endif

/**
 * _bp_markdown_view_open_link:
 * @self: a #BpMarkdownView
 * @uri: a link's target
 *
 * The default handler of #BpMarkdownView::activate-link. Only web and mail
 * links open: a model's reply must not make us open local files or call
 * other URI handlers.
 *
 * Returns: %TRUE, the link is handled
 */
gboolean
_bp_markdown_view_open_link (BpMarkdownView *self,
                             const char     *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0 &&
       g_ascii_strcasecmp (scheme, "mailto") != 0))
    {
      g_debug ("Not opening a link with scheme %s", scheme ? scheme : "(none)");
      return TRUE;
    }

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, window, NULL, launch_cb, NULL);
  }
#else
  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
#endif

  return TRUE;
}
