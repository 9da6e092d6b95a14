/* bp-markdown-view-blocks.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-markdown-view"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "bp-markdown-view-private.h"

/* What BpMarkdownView shows beside the text: the header of a code block
 * with its language and a Copy button, tables as grids of labels, and the
 * bars of block quotes. */

#define CODE_DATA_KEY     "bp-markdown-code"
#define COPIED_FEEDBACK_S 2
#define MAX_CELL_CHARS    32
#define QUOTE_BAR_WIDTH   3
#define QUOTE_BAR_GAP     11  /* from the bar to the quoted text */
#define QUOTES_DATA_KEY   "bp-markdown-quotes"

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static gboolean
restore_copy_button_cb (gpointer user_data)
{
  g_autoptr(AdwButtonContent) content = g_weak_ref_get (user_data);

  /* The block may be gone: a rolled-back tail or a closed chat. */
  if (content == NULL)
    return G_SOURCE_REMOVE;

  adw_button_content_set_icon_name (content, "edit-copy-symbolic");
  adw_button_content_set_label (content, _("Copy"));

  return G_SOURCE_REMOVE;
}

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  AdwButtonContent *content = ADW_BUTTON_CONTENT (gtk_button_get_child (button));
  const char *code = g_object_get_data (G_OBJECT (button), CODE_DATA_KEY);
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_assert (code != NULL);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), code);

  adw_button_content_set_icon_name (content, "object-select-symbolic");
  adw_button_content_set_label (content, _("Copied"));

  g_weak_ref_init (ref, content);
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, COPIED_FEEDBACK_S,
                              restore_copy_button_cb,
                              ref, (GDestroyNotify) weak_ref_free);
}

static GtkWidget *
code_header_new (BpMarkdownBlock *block)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  gtk_widget_add_css_class (box, "markdown-code-header");

  if (block->language != NULL)
    {
      GtkWidget *label = gtk_label_new (block->language);

      gtk_widget_add_css_class (label, "markdown-code-language");
      gtk_box_append (GTK_BOX (box), label);
    }

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "edit-copy-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Copy"));
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, _("Copy code"));
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), CODE_DATA_KEY, g_strdup (block->code), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
  gtk_box_append (GTK_BOX (box), button);

  return box;
}

static gboolean
cell_activate_link_cb (GtkLabel       *label,
                       const char     *uri,
                       BpMarkdownView *self)
{
  _bp_markdown_view_emit_activate_link (self, uri);

  return TRUE;
}

/* How many columns of average characters @text needs on its longest line;
 * wide (CJK) characters count twice. */
static int
text_columns (const char *text)
{
  int longest = 0;
  int columns = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        columns = 0;
      else
        columns += g_unichar_iswide (c) ? 2 : 1;
      longest = MAX (longest, columns);
    }

  return longest;
}

static GtkWidget *
table_cell_new (BpMarkdownView *self,
                const char     *markup,
                float           xalign)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *text = NULL;

  /* The renderer escapes all text; still, never let a cell fail loudly. */
  if (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    gtk_label_set_markup (GTK_LABEL (label), markup);
  else
    gtk_label_set_text (GTK_LABEL (label), markup);

  /* GtkTextView gives an anchored widget its minimum size, and a wrapping
   * label's minimum is a word: ask for the width of the text instead, up
   * to a limit past which it wraps. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_CELL_CHARS);
  gtk_label_set_width_chars (GTK_LABEL (label),
                             MIN (text_columns (text ? text : markup) + 1, MAX_CELL_CHARS));
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  g_signal_connect_object (label, "activate-link", G_CALLBACK (cell_activate_link_cb), self, 0);

  return label;
}

static GtkWidget *
table_new (BpMarkdownView  *self,
           BpMarkdownBlock *block)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_widget_add_css_class (grid, "markdown-table");

  for (guint row = 0; row < block->rows->len; row++)
    {
      char **cells = g_ptr_array_index (block->rows, row);

      for (guint column = 0; column < block->n_columns; column++)
        {
          GtkWidget *cell = table_cell_new (self, cells[column], block->xalign[column]);

          if (row == 0)
            gtk_widget_add_css_class (cell, "heading");
          else if (row % 2 == 0)
            gtk_widget_add_css_class (cell, "even");
          gtk_grid_attach (GTK_GRID (grid), cell, column, row, 1, 1);
        }
    }

  return grid;
}

/**
 * _bp_markdown_view_block_widget_new:
 * @self: a #BpMarkdownView
 * @block: a block the renderer anchored
 *
 * Returns: (transfer floating): the widget to show at @block's anchor
 */
GtkWidget *
_bp_markdown_view_block_widget_new (BpMarkdownView  *self,
                                    BpMarkdownBlock *block)
{
  g_return_val_if_fail (BP_IS_MARKDOWN_VIEW (self), NULL);
  g_return_val_if_fail (block != NULL, NULL);

  if (block->kind == BP_MARKDOWN_BLOCK_CODE)
    return code_header_new (block);

  return table_new (self, block);
}

/* Moves @end from the end of a quoted range over the next ones that only
 * an empty line or two separate from it: one bar per quote. */
static void
extend_quote (GtkTextIter *end,
              GtkTextTag  *quote)
{
  GtkTextIter next = *end;
  guint newlines = 0;

  while (gtk_text_iter_get_char (&next) == '\n' && newlines < 2 &&
         !gtk_text_iter_has_tag (&next, quote))
    {
      gtk_text_iter_forward_char (&next);
      newlines++;
    }

  if (newlines > 0 && gtk_text_iter_starts_tag (&next, quote))
    {
      *end = next;
      gtk_text_iter_forward_to_tag_toggle (end, quote);
      extend_quote (end, quote);
    }
}

static void
snapshot_quote_bar (BpMarkdownView    *self,
                    GtkSnapshot       *snapshot,
                    GtkTextView       *text_view,
                    const GtkTextIter *start,
                    const GtkTextIter *end)
{
  const GdkRGBA color = { self->dark, self->dark, self->dark, self->dark ? 0.25 : 0.2 };
  GtkTextIter last = *end;
  GdkRectangle first_char;
  int top, bottom, height;

  gtk_text_iter_backward_char (&last);
  gtk_text_view_get_iter_location (text_view, start, &first_char);
  gtk_text_view_get_line_yrange (text_view, start, &top, &height);
  gtk_text_view_get_line_yrange (text_view, &last, &bottom, &height);
  bottom += height;

  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         first_char.x, top, &first_char.x, &top);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         0, bottom, NULL, &bottom);

  gtk_snapshot_append_color (snapshot, &color,
                             &GRAPHENE_RECT_INIT (first_char.x - QUOTE_BAR_GAP - QUOTE_BAR_WIDTH,
                                                  top, QUOTE_BAR_WIDTH, bottom - top));
}

static void
snapshot_chunk_quotes (BpMarkdownView *self,
                       GtkSnapshot    *snapshot,
                       GtkTextView    *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextTag *quote = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                                 "bp-md-quote");
  GtkTextIter start, end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_starts_tag (&start, quote) && !gtk_text_iter_forward_to_tag_toggle (&start, quote))
    return;

  do
    {
      end = start;
      gtk_text_iter_forward_to_tag_toggle (&end, quote);
      extend_quote (&end, quote);
      snapshot_quote_bar (self, snapshot, text_view, &start, &end);
      start = end;
    }
  while (gtk_text_iter_forward_to_tag_toggle (&start, quote));
}

/**
 * _bp_markdown_view_note_quotes:
 * @self: a #BpMarkdownView
 * @text_view: a chunk that was rendered into
 *
 * Remembers whether @text_view holds a block quote, for the snapshot.
 */
void
_bp_markdown_view_note_quotes (BpMarkdownView *self,
                               GtkTextView    *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextTag *quote = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                                 "bp-md-quote");
  GtkTextIter start;
  gboolean has_quotes;

  g_return_if_fail (BP_IS_MARKDOWN_VIEW (self));

  gtk_text_buffer_get_start_iter (buffer, &start);
  has_quotes = gtk_text_iter_starts_tag (&start, quote) ||
               gtk_text_iter_forward_to_tag_toggle (&start, quote);
  g_object_set_data (G_OBJECT (text_view), QUOTES_DATA_KEY, GINT_TO_POINTER (has_quotes));
}

/**
 * _bp_markdown_view_snapshot_quotes:
 * @self: a #BpMarkdownView
 * @snapshot: where the view draws
 *
 * A text tag cannot draw a block quote's bar: this draws one over each
 * chunk's text view, in the margin of each quote.
 */
void
_bp_markdown_view_snapshot_quotes (BpMarkdownView *self,
                                   GtkSnapshot    *snapshot)
{
  for (GtkWidget *chunk = gtk_widget_get_first_child (GTK_WIDGET (self->chunks));
       chunk != NULL;
       chunk = gtk_widget_get_next_sibling (chunk))
    {
      graphene_rect_t bounds;

      /* Every frame of a stream draws the view again: skip fast the many
       * chunks that quote nothing. */
      if (g_object_get_data (G_OBJECT (chunk), QUOTES_DATA_KEY) == NULL ||
          !gtk_widget_compute_bounds (chunk, GTK_WIDGET (self), &bounds))
        continue;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &bounds.origin);
      snapshot_chunk_quotes (self, snapshot, GTK_TEXT_VIEW (chunk));
      gtk_snapshot_restore (snapshot);
    }
}
