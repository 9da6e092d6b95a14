/* bp-markdown-view.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-markdown-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "bp-markdown-split.h"
#include "bp-markdown-view-private.h"
#include "bp-resources.h"

/* Shows Markdown in read-only, selectable text views: a finished text with
 * set_text(), or a streamed one with append() and finish().
 *
 * Streaming is linear: the source is cut into segments (see
 * bp-markdown-split.c); segments that are finished are rendered once and
 * committed, and only the open tail after them is rolled back and rendered
 * again. append() only stores the delta; the rendering happens at most once
 * per frame, and not more often than every RENDER_INTERVAL_US (text that
 * grows thirty times a second reads as smoothly, at half the work), in a
 * tick callback that removes itself when done. set_text()
 * renders the same segments at once, so a streamed text ends up exactly
 * as if it had been set whole.
 *
 * A GtkTextView that is not scrollable itself lays out and draws all its
 * lines whenever it changes, so one view per message would make each frame
 * cost the whole message. The text goes into chunks instead: a new text
 * view starts at a segment boundary once the current one holds
 * CHUNK_CHARS characters, and finished chunks are never touched again. */

/* About 500 tokens: a few paragraphs. */
#define CHUNK_CHARS 2000

/* The shortest time between two renders of a streaming text. */
#define RENDER_INTERVAL_US 33000

/* How much new source one frame renders at most, about 1,000 tokens: far
 * more than a model streams per frame, so it only spreads a backlog (a
 * burst of deltas) over a few frames instead of one long one. */
#define FRAME_BUDGET 4096

G_DEFINE_FINAL_TYPE (BpMarkdownView, bp_markdown_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

enum {
  ACTIVATE_LINK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
render_segment (BpMarkdownView *self,
                gsize           start,
                gsize           end)
{
  gpointer key = GSIZE_TO_POINTER (start);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->render_counts, key));

  g_hash_table_insert (self->render_counts, key, GUINT_TO_POINTER (count + 1));
  self->rendered_bytes += end - start;

  bp_markdown_renderer_append (self->renderer, self->source->str + start, end - start);
}

/* A segment starts a new chunk when the current one is full. Only
 * committed text is in the buffer here, so the choice depends on the
 * segments alone, as it must for set_text() to match a stream. */
static void
ensure_chunk (BpMarkdownView *self)
{
  if (self->current != NULL &&
      gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->current)) < CHUNK_CHARS)
    return;

  if (self->current != NULL)
    _bp_markdown_view_note_quotes (self, self->current);
  _bp_markdown_view_add_chunk (self);
}

/* Where a frame's rendering stops: the end of the line that passes the
 * budget, so that the text cut there is whole characters. */
static gsize
frame_limit (BpMarkdownView *self)
{
  gsize limit = self->rendered + FRAME_BUDGET;
  const char *newline;

  if (limit >= self->source->len)
    return self->source->len;

  newline = memchr (self->source->str + limit, '\n', self->source->len - limit);

  return newline != NULL ? (gsize) (newline - self->source->str) + 1 : self->source->len;
}

/* Renders the source up to @len: finished segments once, then the tail. */
static void
update (BpMarkdownView *self,
        gsize           len)
{
  const char *text = self->source->str;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;
  gsize boundary;

  if (len == self->rendered)
    return;

  bp_markdown_renderer_rollback (self->renderer);

  while (bp_markdown_split_next (text, len, self->committed, &boundary))
    {
      ensure_chunk (self);
      render_segment (self, self->committed, boundary);
      bp_markdown_renderer_commit (self->renderer);
      self->committed = boundary;
    }

  if (self->committed < len)
    {
      ensure_chunk (self);
      render_segment (self, self->committed, len);
    }

  self->rendered = len;
  _bp_markdown_view_note_quotes (self, self->current);

  elapsed = g_get_monotonic_time () - start;
  self->update_us += elapsed;
  self->max_update_us = MAX (self->max_update_us, elapsed);
}

/* A delta may end inside a UTF-8 sequence that the next one completes:
 * those bytes wait. Bytes that can never be valid become U+FFFD, as the
 * buffer takes nothing else. */
static void
append_utf8 (BpMarkdownView *self,
             const char     *delta)
{
  GString *pending = self->pending_utf8;
  const char *p;
  const char *end;

  g_string_append (pending, delta);
  p = pending->str;
  end = pending->str + pending->len;

  while (p < end)
    {
      const char *valid_end;

      g_utf8_validate_len (p, end - p, &valid_end);
      g_string_append_len (self->source, p, valid_end - p);
      p = valid_end;

      if (p == end || g_utf8_get_char_validated (p, end - p) == (gunichar) -2)
        break;

      g_string_append (self->source, "\uFFFD");
      p++;
    }

  g_string_erase (pending, 0, p - pending->str);
}

/* At the end of the text, a character that was never completed. */
static void
drop_pending_utf8 (BpMarkdownView *self)
{
  if (self->pending_utf8->len > 0)
    {
      g_string_truncate (self->pending_utf8, 0);
      g_string_append (self->source, "\uFFFD");
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  BpMarkdownView *self = BP_MARKDOWN_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);

  if (now - self->rendered_at < RENDER_INTERVAL_US)
    return G_SOURCE_CONTINUE;

  self->rendered_at = now;
  update (self, frame_limit (self));

  if (self->rendered < self->source->len)
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
cancel_tick (BpMarkdownView *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
anchor_inserted_cb (BpMarkdownView     *self,
                    GtkTextChildAnchor *anchor,
                    BpMarkdownRenderer *renderer)
{
  GtkWidget *child = _bp_markdown_view_block_widget_new (self, bp_markdown_renderer_get_block (anchor));

  g_assert (self->current != NULL);

  gtk_text_view_add_child_at_anchor (self->current, child, anchor);
}

static void
dark_changed_cb (BpMarkdownView  *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *style_manager)
{
  self->dark = adw_style_manager_get_dark (style_manager);
  bp_markdown_renderer_set_dark (self->renderer, self->dark);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
bp_markdown_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  GTK_WIDGET_CLASS (bp_markdown_view_parent_class)->snapshot (widget, snapshot);

  _bp_markdown_view_snapshot_quotes (BP_MARKDOWN_VIEW (widget), snapshot);
}

static void
bp_markdown_view_dispose (GObject *object)
{
  BpMarkdownView *self = (BpMarkdownView *) object;

  cancel_tick (self);
  self->current = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), BP_TYPE_MARKDOWN_VIEW);
  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (bp_markdown_view_parent_class)->dispose (object);
}

static void
bp_markdown_view_finalize (GObject *object)
{
  BpMarkdownView *self = (BpMarkdownView *) object;

  g_string_free (self->source, TRUE);
  g_string_free (self->pending_utf8, TRUE);
  g_hash_table_unref (self->render_counts);

  G_OBJECT_CLASS (bp_markdown_view_parent_class)->finalize (object);
}

static void
bp_markdown_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BpMarkdownView *self = BP_MARKDOWN_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, bp_markdown_view_get_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_markdown_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BpMarkdownView *self = BP_MARKDOWN_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      bp_markdown_view_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_markdown_view_class_init (BpMarkdownViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The resources are compiled into the static bpui library: naming them
   * makes the linker keep them wherever this widget is used. */
  (void) bp_get_resource ();

  object_class->dispose = bp_markdown_view_dispose;
  object_class->finalize = bp_markdown_view_finalize;
  object_class->get_property = bp_markdown_view_get_property;
  object_class->set_property = bp_markdown_view_set_property;

  widget_class->snapshot = bp_markdown_view_snapshot;

  /**
   * BpMarkdownView:text:
   *
   * The Markdown source shown, including what was appended.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpMarkdownView::activate-link:
   * @self: a #BpMarkdownView
   * @uri: the link's target
   *
   * Emitted when a link is clicked. The default handler opens web and mail
   * links in the browser and ignores the others.
   *
   * Returns: %TRUE when the link was handled
   */
  signals[ACTIVATE_LINK] =
    g_signal_new_class_handler ("activate-link",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (_bp_markdown_view_open_link),
                                g_signal_accumulator_true_handled, NULL,
                                NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-markdown-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BpMarkdownView, chunks);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "markdownview");
}

static void
bp_markdown_view_init (BpMarkdownView *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->source = g_string_new (NULL);
  self->pending_utf8 = g_string_new (NULL);
  self->render_counts = g_hash_table_new (NULL, NULL);
  self->renderer = bp_markdown_renderer_new ();
  g_signal_connect_object (self->renderer, "anchor-inserted",
                           G_CALLBACK (anchor_inserted_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  dark_changed_cb (self, NULL, style_manager);

  _bp_markdown_view_add_chunk (self);
}

/**
 * bp_markdown_view_new:
 *
 * Returns: (transfer floating): a new, empty #BpMarkdownView
 */
GtkWidget *
bp_markdown_view_new (void)
{
  return g_object_new (BP_TYPE_MARKDOWN_VIEW, NULL);
}

/**
 * bp_markdown_view_get_text:
 * @self: a #BpMarkdownView
 *
 * Returns: the Markdown source, including what was appended
 */
const char *
bp_markdown_view_get_text (BpMarkdownView *self)
{
  g_return_val_if_fail (BP_IS_MARKDOWN_VIEW (self), NULL);

  return self->source->str;
}

/**
 * bp_markdown_view_set_text:
 * @self: a #BpMarkdownView
 * @text: (nullable): Markdown source
 *
 * Shows @text, rendered at once. Appending after this continues @text.
 */
void
bp_markdown_view_set_text (BpMarkdownView *self,
                           const char     *text)
{
  g_return_if_fail (BP_IS_MARKDOWN_VIEW (self));

  if (text == NULL)
    text = "";

  if (g_strcmp0 (self->source->str, text) == 0 && self->rendered == self->source->len)
    return;

  cancel_tick (self);
  _bp_markdown_view_reset_chunks (self);
  g_string_truncate (self->source, 0);
  g_string_truncate (self->pending_utf8, 0);
  append_utf8 (self, text);
  drop_pending_utf8 (self);
  self->committed = 0;
  self->rendered = 0;
  update (self, self->source->len);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * bp_markdown_view_append:
 * @self: a #BpMarkdownView
 * @delta: the next piece of a streamed text
 *
 * Appends @delta to the text. The view catches up at the next frame, and
 * renders again only the blocks that are not finished yet.
 */
void
bp_markdown_view_append (BpMarkdownView *self,
                         const char     *delta)
{
  g_return_if_fail (BP_IS_MARKDOWN_VIEW (self));
  g_return_if_fail (delta != NULL);

  if (*delta == '\0')
    return;

  append_utf8 (self, delta);

  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

/**
 * bp_markdown_view_finish:
 * @self: a #BpMarkdownView
 *
 * Says that the streamed text is complete: renders what is pending now
 * and notifies #BpMarkdownView:text.
 */
void
bp_markdown_view_finish (BpMarkdownView *self)
{
  g_return_if_fail (BP_IS_MARKDOWN_VIEW (self));

  drop_pending_utf8 (self);
  cancel_tick (self);
  update (self, self->source->len);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * _bp_markdown_view_get_text_view:
 * @self: a #BpMarkdownView
 *
 * Returns: (transfer none): the text view of the first chunk, which holds
 *   all of a text shorter than a chunk
 */
GtkTextView *
_bp_markdown_view_get_text_view (BpMarkdownView *self)
{
  return _bp_markdown_view_get_chunk (self, 0);
}

/**
 * _bp_markdown_view_dup_rendered_text:
 * @self: a #BpMarkdownView
 *
 * Returns: (transfer full): the text shown, all chunks together, as one
 *   buffer would hold it
 */
char *
_bp_markdown_view_dup_rendered_text (BpMarkdownView *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (BP_IS_MARKDOWN_VIEW (self), NULL);

  for (guint i = 0; i < self->n_chunks; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (_bp_markdown_view_get_chunk (self, i));
      g_autofree char *chunk = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      chunk = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

      /* The newline that would end the last line of the chunk before. */
      if (i > 0 && *chunk != '\0')
        g_string_append_c (text, '\n');
      g_string_append (text, chunk);
    }

  return g_string_free (text, FALSE);
}

guint
_bp_markdown_view_get_n_chunks (BpMarkdownView *self)
{
  g_return_val_if_fail (BP_IS_MARKDOWN_VIEW (self), 0);

  return self->n_chunks;
}

GtkTextView *
_bp_markdown_view_get_chunk (BpMarkdownView *self,
                             guint           index)
{
  GtkWidget *child;

  g_return_val_if_fail (BP_IS_MARKDOWN_VIEW (self), NULL);
  g_return_val_if_fail (index < self->n_chunks, NULL);

  child = gtk_widget_get_first_child (GTK_WIDGET (self->chunks));
  for (guint i = 0; i < index; i++)
    child = gtk_widget_get_next_sibling (child);

  return GTK_TEXT_VIEW (child);
}

gboolean
_bp_markdown_view_has_pending (BpMarkdownView *self)
{
  g_return_val_if_fail (BP_IS_MARKDOWN_VIEW (self), FALSE);

  return self->tick_id != 0;
}

void
_bp_markdown_view_flush (BpMarkdownView *self)
{
  g_return_if_fail (BP_IS_MARKDOWN_VIEW (self));

  cancel_tick (self);
  update (self, self->source->len);
}

gsize
_bp_markdown_view_get_committed (BpMarkdownView *self)
{
  g_return_val_if_fail (BP_IS_MARKDOWN_VIEW (self), 0);

  return self->committed;
}

guint
_bp_markdown_view_get_render_count (BpMarkdownView *self,
                                    gsize           segment_start)
{
  g_return_val_if_fail (BP_IS_MARKDOWN_VIEW (self), 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->render_counts,
                                                GSIZE_TO_POINTER (segment_start)));
}

guint64
_bp_markdown_view_get_rendered_bytes (BpMarkdownView *self)
{
  g_return_val_if_fail (BP_IS_MARKDOWN_VIEW (self), 0);

  return self->rendered_bytes;
}

/* Time spent rendering, in microseconds: in all, and the longest once. */
gint64
_bp_markdown_view_get_update_time (BpMarkdownView *self,
                                   gint64         *max_us)
{
  g_return_val_if_fail (BP_IS_MARKDOWN_VIEW (self), 0);

  if (max_us != NULL)
    *max_us = self->max_update_us;

  return self->update_us;
}

gboolean
_bp_markdown_view_activate_link_at (BpMarkdownView    *self,
                                    const GtkTextIter *iter)
{
  const char *uri;
  gboolean handled = FALSE;

  g_return_val_if_fail (BP_IS_MARKDOWN_VIEW (self), FALSE);

  uri = bp_markdown_renderer_get_link_at (self->renderer, iter);
  if (uri == NULL)
    return FALSE;

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);

  return handled;
}

void
_bp_markdown_view_emit_activate_link (BpMarkdownView *self,
                                      const char     *uri)
{
  gboolean handled = FALSE;

  g_return_if_fail (BP_IS_MARKDOWN_VIEW (self));

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);
}
