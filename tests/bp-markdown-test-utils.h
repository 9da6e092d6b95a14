/* bp-markdown-test-utils.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Shared by test-markdown.c and test-markdown-stream.c: a Markdown view
 * in a window, the helpers that read what its buffer shows, and the
 * application's style sheet. Header-only (static inline). */

#include <string.h>

#include <adwaita.h>

#include "bp-markdown-view-private.h"
#include "bp-test-gtk-utils.h"

G_BEGIN_DECLS

#define OBJECT_REPLACEMENT "\xef\xbf\xbc"

typedef struct
{
  GtkWindow      *window;  /* (owned) */
  BpMarkdownView *view;    /* (unowned) in the window */
} Fixture;

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (fixture->window, 640, 860);

  fixture->view = BP_MARKDOWN_VIEW (bp_markdown_view_new ());
  gtk_widget_set_margin_start (GTK_WIDGET (fixture->view), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (fixture->view), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (fixture->view), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (fixture->view), 12);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->view));
  gtk_window_set_child (fixture->window, scrolled);
  gtk_window_present (fixture->window);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->window);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The short texts of these tests fit in one chunk. */
static inline GtkTextBuffer *
view_buffer (Fixture *fixture)
{
  g_assert_cmpuint (_bp_markdown_view_get_n_chunks (fixture->view), ==, 1);

  return gtk_text_view_get_buffer (_bp_markdown_view_get_text_view (fixture->view));
}

/* The buffer's text with U+FFFC for each anchor, so that character offsets
 * match the buffer's. */
static inline char *
buffer_slice (Fixture *fixture)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (view_buffer (fixture), &start, &end);

  return gtk_text_buffer_get_slice (view_buffer (fixture), &start, &end, TRUE);
}

static inline int
find_offset (Fixture    *fixture,
             const char *needle)
{
  g_autofree char *slice = buffer_slice (fixture);
  const char *found = strstr (slice, needle);

  if (found == NULL)
    g_error ("\"%s\" is not in the buffer: \"%s\"", needle, slice);

  return (int) g_utf8_pointer_to_offset (slice, found);
}

static inline gboolean
has_tag (Fixture    *fixture,
         int         offset,
         const char *tag_name)
{
  GtkTextBuffer *buffer = view_buffer (fixture);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter iter;

  if (tag == NULL)
    return FALSE;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);

  return gtk_text_iter_has_tag (&iter, tag);
}

static inline void
assert_tag_on (Fixture    *fixture,
               const char *needle,
               const char *tag_name)
{
  int offset = find_offset (fixture, needle);
  glong len = g_utf8_strlen (needle, -1);

  for (int i = offset; i < offset + len; i++)
    {
      if (!has_tag (fixture, i, tag_name))
        g_error ("\"%s\" lacks tag %s at its character %d", needle, tag_name, i - offset);
    }
}

static inline void
assert_text (Fixture    *fixture,
             const char *expected)
{
  g_autofree char *slice = buffer_slice (fixture);

  g_assert_cmpstr (slice, ==, expected);
}

static inline GtkTextChildAnchor *
anchor_at (Fixture *fixture,
           int      offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (view_buffer (fixture), &iter, offset);

  return gtk_text_iter_get_child_anchor (&iter);
}

static inline GtkWidget *
anchor_widget (GtkTextChildAnchor *anchor)
{
  guint n_widgets = 0;
  g_autofree GtkWidget **widgets = gtk_text_child_anchor_get_widgets (anchor, &n_widgets);

  g_assert_cmpuint (n_widgets, ==, 1);

  return widgets[0];
}

/* The application loads its style sheet; these tests make no application. */
static inline void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  g_type_ensure (BP_TYPE_MARKDOWN_VIEW);
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

G_END_DECLS
