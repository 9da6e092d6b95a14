/* bp-markdown-renderer.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-markdown-renderer"

#include "config.h"

#include <string.h>

#include "bp-markdown-renderer-private.h"

/* Renders Markdown into GtkTextBuffers with tags, always at the end of the
 * current buffer. The text arrives in pieces (segments, see
 * bp-markdown-split.c); commit() marks what is rendered so far as final and
 * rollback() removes everything after that mark, so a streaming view
 * re-renders only its open tail. A long text can go on in a next buffer
 * (set_buffer()) after a commit: all share the renderer's tag table.
 *
 * Tags, by name in the tag table: "bp-md-h1" … "bp-md-h6",
 * "bp-md-strong", "bp-md-em", "bp-md-del", "bp-md-underline", "bp-md-code"
 * (inline), "bp-md-link", "bp-md-quote", "bp-md-code-block" (every line of
 * a code block), "bp-md-code-header" (its first line, which holds the
 * anchor), "bp-md-code-last" (its last line), "bp-md-item" (the first line
 * of a list item), "bp-md-gap" (the empty line between blocks),
 * "bp-md-rule", and for margins in pixels "bp-md-indent-MARGIN-HANG"
 * (HANG: from a bullet to its text) and "bp-md-code-indent-MARGIN". */

struct _BpMarkdownRendererColors
{
  const char *link;
  const char *dim;
  const char *code_background;
  const char *block_background;
  const char *rule;
};

/* Neutral greys with alpha read on either background; links and dimmed
 * text follow libadwaita's accent and foreground colours. */
static const struct _BpMarkdownRendererColors light_colors = {
  "#1c71d8", "rgba(0,0,0,0.62)", "rgba(0,0,0,0.07)", "rgba(0,0,0,0.05)", "rgba(0,0,0,0.15)",
};
static const struct _BpMarkdownRendererColors dark_colors = {
  "#78aeed", "rgba(255,255,255,0.62)", "rgba(255,255,255,0.10)", "rgba(255,255,255,0.06)",
  "rgba(255,255,255,0.18)",
};

#define LINKS_DATA_KEY "bp-markdown-links"

G_DEFINE_FINAL_TYPE (BpMarkdownRenderer, bp_markdown_renderer, G_TYPE_OBJECT)

enum {
  ANCHOR_INSERTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
link_clear (gpointer data)
{
  BpMarkdownLink *link = data;

  g_clear_pointer (&link->href, g_free);
}

void
_bp_markdown_block_free (BpMarkdownBlock *block)
{
  if (block == NULL)
    return;

  g_free (block->language);
  g_free (block->code);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block->xalign);
  g_free (block);
}

static GtkTextTag *
create_tag (BpMarkdownRenderer *self,
            const char         *name,
            const char         *first_property,
            ...)
{
  GtkTextTag *tag = gtk_text_tag_new (name);
  va_list args;

  va_start (args, first_property);
  g_object_set_valist (G_OBJECT (tag), first_property, args);
  va_end (args);

  gtk_text_tag_table_add (self->table, tag);
  g_object_unref (tag);

  return tag;
}

static void
create_heading_tags (BpMarkdownRenderer *self)
{
  static const double scales[] = { 1.6, 1.4, 1.2, 1.1, 1.0, 0.95 };
  static const int above[] = { 8, 6, 4, 2, 2, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      g_autofree char *name = g_strdup_printf ("bp-md-h%u", i + 1);

      self->tags[BP_MARKDOWN_TAG_H1 + i] =
        create_tag (self, name,
                    "scale", scales[i],
                    "weight", i == 0 ? PANGO_WEIGHT_ULTRABOLD : PANGO_WEIGHT_BOLD,
                    "pixels-above-lines", above[i],
                    NULL);
    }
}

static void
create_tags (BpMarkdownRenderer *self)
{
  GtkTextTag **tags = self->tags;

  create_heading_tags (self);

  tags[BP_MARKDOWN_TAG_STRONG] = create_tag (self, "bp-md-strong", "weight", PANGO_WEIGHT_BOLD, NULL);
  tags[BP_MARKDOWN_TAG_EM] = create_tag (self, "bp-md-em", "style", PANGO_STYLE_ITALIC, NULL);
  tags[BP_MARKDOWN_TAG_DEL] = create_tag (self, "bp-md-del", "strikethrough", TRUE, NULL);
  tags[BP_MARKDOWN_TAG_UNDERLINE] =
    create_tag (self, "bp-md-underline", "underline", PANGO_UNDERLINE_SINGLE, NULL);
  tags[BP_MARKDOWN_TAG_CODE] =
    create_tag (self, "bp-md-code", "family", "monospace", "scale", 0.92, NULL);
  tags[BP_MARKDOWN_TAG_LINK] =
    create_tag (self, "bp-md-link", "underline", PANGO_UNDERLINE_SINGLE, NULL);
  tags[BP_MARKDOWN_TAG_QUOTE] = create_tag (self, "bp-md-quote", "style", PANGO_STYLE_ITALIC, NULL);
  tags[BP_MARKDOWN_TAG_CODE_BLOCK] =
    create_tag (self, "bp-md-code-block",
                "family", "monospace",
                "scale", 0.92,
                "wrap-mode", GTK_WRAP_CHAR,
                NULL);
  tags[BP_MARKDOWN_TAG_CODE_HEADER] =
    create_tag (self, "bp-md-code-header",
                "justification", GTK_JUSTIFY_RIGHT,
                "pixels-above-lines", 4,
                NULL);
  tags[BP_MARKDOWN_TAG_CODE_LAST] =
    create_tag (self, "bp-md-code-last", "pixels-below-lines", 10, NULL);
  tags[BP_MARKDOWN_TAG_ITEM] = create_tag (self, "bp-md-item", "pixels-above-lines", 4, NULL);
  /* Half a line between blocks, a hairline for a rule. */
  tags[BP_MARKDOWN_TAG_GAP] = create_tag (self, "bp-md-gap", "scale", 0.5, NULL);
  tags[BP_MARKDOWN_TAG_RULE] = create_tag (self, "bp-md-rule", "size-points", 1.5, NULL);
}

static void
set_tag_color (GtkTextTag *tag,
               const char *property,
               const char *color)
{
  GdkRGBA rgba;

  if (!gdk_rgba_parse (&rgba, color))
    g_assert_not_reached ();

  g_object_set (tag, property, &rgba, NULL);
}

/**
 * bp_markdown_renderer_set_dark:
 * @self: a #BpMarkdownRenderer
 * @dark: whether the text is shown on a dark background
 *
 * Picks the colours of links, quotes, code and rules for a light or a dark
 * style.
 */
void
bp_markdown_renderer_set_dark (BpMarkdownRenderer *self,
                               gboolean            dark)
{
  const struct _BpMarkdownRendererColors *colors = dark ? &dark_colors : &light_colors;

  g_return_if_fail (BP_IS_MARKDOWN_RENDERER (self));

  set_tag_color (self->tags[BP_MARKDOWN_TAG_LINK], "foreground-rgba", colors->link);
  set_tag_color (self->tags[BP_MARKDOWN_TAG_QUOTE], "foreground-rgba", colors->dim);
  set_tag_color (self->tags[BP_MARKDOWN_TAG_CODE], "background-rgba", colors->code_background);
  set_tag_color (self->tags[BP_MARKDOWN_TAG_CODE_BLOCK], "paragraph-background-rgba",
                 colors->block_background);
  set_tag_color (self->tags[BP_MARKDOWN_TAG_RULE], "paragraph-background-rgba", colors->rule);
}

static GtkTextTag *
lookup_tag (BpMarkdownRenderer *self,
            const char         *name)
{
  return gtk_text_tag_table_lookup (self->table, name);
}

/**
 * _bp_markdown_renderer_indent_tag:
 * @self: a #BpMarkdownRenderer
 * @margin: the left margin in pixels
 * @hang: how far the text of the first line hangs out to its bullet, or 0
 *
 * Returns: (transfer none) (nullable): the tag for these margins, made on
 *   first use; %NULL when both are 0
 */
GtkTextTag *
_bp_markdown_renderer_indent_tag (BpMarkdownRenderer *self,
                                  int                 margin,
                                  int                 hang)
{
  g_autofree char *name = NULL;
  PangoTabArray *tabs;
  GtkTextTag *tag;

  if (margin == 0 && hang == 0)
    return NULL;

  name = g_strdup_printf ("bp-md-indent-%d-%d", margin, hang);
  if ((tag = lookup_tag (self, name)) != NULL)
    return tag;

  tag = create_tag (self, name, "left-margin", margin, NULL);
  if (hang == 0)
    return tag;

  /* A negative indent hangs: the first line starts at the margin with its
   * bullet, and a tab stop puts its text where the wrapped lines start. */
  tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, hang);
  g_object_set (tag, "indent", -hang, "tabs", tabs, NULL);
  pango_tab_array_free (tabs);

  return tag;
}

/**
 * _bp_markdown_renderer_code_indent_tag:
 * @self: a #BpMarkdownRenderer
 * @margin: the left margin in pixels, where the block's background starts
 *
 * The background of a paragraph starts at its margin, so the padding of a
 * code block is an indent: it pads each line, not the rare wrapped ones.
 *
 * Returns: (transfer none): the tag for code lines at @margin
 */
GtkTextTag *
_bp_markdown_renderer_code_indent_tag (BpMarkdownRenderer *self,
                                       int                 margin)
{
  g_autofree char *name = g_strdup_printf ("bp-md-code-indent-%d", margin);
  GtkTextTag *tag = lookup_tag (self, name);

  if (tag != NULL)
    return tag;

  return create_tag (self, name,
                     "left-margin", margin,
                     "indent", BP_MARKDOWN_CODE_PADDING,
                     NULL);
}

void
_bp_markdown_renderer_add_link (BpMarkdownRenderer *self,
                                int                 start,
                                int                 end,
                                char               *href)
{
  BpMarkdownLink link = { start, end, href };

  g_assert (start < end);

  g_array_append_val (self->links, link);
}

void
_bp_markdown_renderer_emit_anchor (BpMarkdownRenderer *self,
                                   GtkTextChildAnchor *anchor)
{
  g_signal_emit (self, signals[ANCHOR_INSERTED], 0, anchor);
}

static void
bp_markdown_renderer_dispose (GObject *object)
{
  BpMarkdownRenderer *self = (BpMarkdownRenderer *) object;

  g_clear_object (&self->buffer);
  g_clear_object (&self->table);

  G_OBJECT_CLASS (bp_markdown_renderer_parent_class)->dispose (object);
}

static void
bp_markdown_renderer_class_init (BpMarkdownRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_markdown_renderer_dispose;

  /**
   * BpMarkdownRenderer::anchor-inserted:
   * @self: a #BpMarkdownRenderer
   * @anchor: the new anchor; bp_markdown_renderer_get_block() says for what
   *
   * Emitted when a code block or a table was rendered, so that a view can
   * put a widget at @anchor.
   */
  signals[ANCHOR_INSERTED] =
    g_signal_new ("anchor-inserted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GTK_TYPE_TEXT_CHILD_ANCHOR);
}

static void
bp_markdown_renderer_init (BpMarkdownRenderer *self)
{
  self->table = gtk_text_tag_table_new ();
  create_tags (self);
  bp_markdown_renderer_set_dark (self, FALSE);
}

/**
 * bp_markdown_renderer_new:
 *
 * Returns: (transfer full): a new #BpMarkdownRenderer; give it a buffer
 *   with bp_markdown_renderer_set_buffer() before appending
 */
BpMarkdownRenderer *
bp_markdown_renderer_new (void)
{
  return g_object_new (BP_TYPE_MARKDOWN_RENDERER, NULL);
}

/**
 * bp_markdown_renderer_get_tag_table:
 * @self: a #BpMarkdownRenderer
 *
 * Returns: (transfer none): the table every buffer rendered into must use
 */
GtkTextTagTable *
bp_markdown_renderer_get_tag_table (BpMarkdownRenderer *self)
{
  g_return_val_if_fail (BP_IS_MARKDOWN_RENDERER (self), NULL);

  return self->table;
}

/**
 * bp_markdown_renderer_get_buffer:
 * @self: a #BpMarkdownRenderer
 *
 * Returns: (transfer none) (nullable): the buffer rendered into now
 */
GtkTextBuffer *
bp_markdown_renderer_get_buffer (BpMarkdownRenderer *self)
{
  g_return_val_if_fail (BP_IS_MARKDOWN_RENDERER (self), NULL);

  return self->buffer;
}

static GArray *
buffer_links (GtkTextBuffer *buffer)
{
  GArray *links = g_object_get_data (G_OBJECT (buffer), LINKS_DATA_KEY);

  if (links == NULL)
    {
      links = g_array_new (FALSE, FALSE, sizeof (BpMarkdownLink));
      g_array_set_clear_func (links, link_clear);
      g_object_set_data_full (G_OBJECT (buffer), LINKS_DATA_KEY, links,
                              (GDestroyNotify) g_array_unref);
    }

  return links;
}

/**
 * bp_markdown_renderer_set_buffer:
 * @self: a #BpMarkdownRenderer
 * @buffer: a buffer with the renderer's tag table
 *
 * Renders what comes next at the end of @buffer, which counts as
 * committed as it is. When the text rendered so far went into other
 * buffers, the first block in @buffer keeps the space above it.
 */
void
bp_markdown_renderer_set_buffer (BpMarkdownRenderer *self,
                                 GtkTextBuffer      *buffer)
{
  g_return_if_fail (BP_IS_MARKDOWN_RENDERER (self));
  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (gtk_text_buffer_get_tag_table (buffer) == self->table);

  if (self->buffer != NULL && gtk_text_buffer_get_char_count (self->buffer) > 0)
    self->continues = TRUE;

  g_set_object (&self->buffer, buffer);
  self->links = buffer_links (buffer);
  bp_markdown_renderer_commit (self);
}

/**
 * bp_markdown_renderer_append:
 * @self: a #BpMarkdownRenderer
 * @text: Markdown source, not necessarily nul-terminated
 * @len: length of @text in bytes
 *
 * Renders @text at the end of the buffer as one document. Pieces appended
 * one after the other render like their concatenation when each piece ends
 * where bp_markdown_split_next() puts a boundary.
 */
void
bp_markdown_renderer_append (BpMarkdownRenderer *self,
                             const char         *text,
                             gsize               len)
{
  g_return_if_fail (BP_IS_MARKDOWN_RENDERER (self));
  g_return_if_fail (text != NULL || len == 0);
  g_return_if_fail (len <= G_MAXUINT);
  g_return_if_fail (self->buffer != NULL);

  if (len > 0)
    _bp_markdown_renderer_parse (self, text, len);
}

/**
 * bp_markdown_renderer_commit:
 * @self: a #BpMarkdownRenderer
 *
 * Marks everything rendered so far as final: rollback() keeps it.
 */
void
bp_markdown_renderer_commit (BpMarkdownRenderer *self)
{
  g_return_if_fail (BP_IS_MARKDOWN_RENDERER (self));
  g_return_if_fail (self->buffer != NULL);

  self->committed_offset = gtk_text_buffer_get_char_count (self->buffer);
  self->committed_state = self->state;
  self->committed_links = self->links->len;
}

/**
 * bp_markdown_renderer_rollback:
 * @self: a #BpMarkdownRenderer
 *
 * Removes what was rendered after the last commit, with its widgets and
 * links, and restores the state the next piece starts from.
 */
void
bp_markdown_renderer_rollback (BpMarkdownRenderer *self)
{
  GtkTextIter start, end;

  g_return_if_fail (BP_IS_MARKDOWN_RENDERER (self));

  if (self->buffer == NULL)
    return;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, self->committed_offset);
  gtk_text_buffer_get_end_iter (self->buffer, &end);
  if (!gtk_text_iter_equal (&start, &end))
    gtk_text_buffer_delete (self->buffer, &start, &end);

  g_array_set_size (self->links, self->committed_links);
  self->state = self->committed_state;
}

/**
 * bp_markdown_renderer_clear:
 * @self: a #BpMarkdownRenderer
 *
 * Forgets the buffers and everything rendered: the next text starts anew
 * in the next buffer set.
 */
void
bp_markdown_renderer_clear (BpMarkdownRenderer *self)
{
  g_return_if_fail (BP_IS_MARKDOWN_RENDERER (self));

  g_clear_object (&self->buffer);
  self->links = NULL;
  self->committed_offset = 0;
  self->committed_links = 0;
  self->continues = FALSE;
  memset (&self->state, 0, sizeof self->state);
  memset (&self->committed_state, 0, sizeof self->committed_state);
}

/**
 * bp_markdown_renderer_get_link_at:
 * @self: a #BpMarkdownRenderer
 * @iter: a position in the buffer
 *
 * Returns: (nullable): the target of the link at @iter
 */
const char *
bp_markdown_renderer_get_link_at (BpMarkdownRenderer *self,
                                  const GtkTextIter  *iter)
{
  GArray *links;
  int offset;
  guint low = 0;
  guint high;

  g_return_val_if_fail (BP_IS_MARKDOWN_RENDERER (self), NULL);
  g_return_val_if_fail (iter != NULL, NULL);

  links = g_object_get_data (G_OBJECT (gtk_text_iter_get_buffer (iter)), LINKS_DATA_KEY);
  if (links == NULL)
    return NULL;

  offset = gtk_text_iter_get_offset (iter);
  high = links->len;

  /* Links are recorded as they end: find the first that ends after
   * @offset. Only an image inside a link nests: the image ends first, and
   * the link around it is the next one. */
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_array_index (links, BpMarkdownLink, mid).end <= offset)
        low = mid + 1;
      else
        high = mid;
    }

  for (guint i = low; i < links->len && i < low + 2; i++)
    {
      const BpMarkdownLink *link = &g_array_index (links, BpMarkdownLink, i);

      if (link->start <= offset)
        return link->href;
    }

  return NULL;
}

/**
 * bp_markdown_renderer_get_block:
 * @anchor: an anchor the renderer inserted
 *
 * Returns: (transfer none) (nullable): what @anchor stands for
 */
BpMarkdownBlock *
bp_markdown_renderer_get_block (GtkTextChildAnchor *anchor)
{
  g_return_val_if_fail (GTK_IS_TEXT_CHILD_ANCHOR (anchor), NULL);

  return g_object_get_data (G_OBJECT (anchor), "bp-markdown-block");
}
