/* bp-markdown-view-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-markdown-renderer.h"
#include "bp-markdown-view.h"

G_BEGIN_DECLS

/* BpMarkdownView is split by concern: bp-markdown-view.c streams,
 * bp-markdown-view-chunks.c keeps the text views and their links, and
 * bp-markdown-view-blocks.c makes the widgets of code blocks and tables and
 * draws the bars of quotes. */
struct _BpMarkdownView
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkBox             *chunks;         /* one GtkTextView per chunk of the text */

  /* owned */
  BpMarkdownRenderer *renderer;
  GString            *source;         /* the whole Markdown text, valid UTF-8 */
  GString            *pending_utf8;   /* the start of a character split by a delta */
  GHashTable         *render_counts;  /* segment start → times rendered */

  /* borrowed */
  GtkTextView        *current;        /* (nullable) the last chunk, rendered into */

  gsize               committed;      /* source bytes in finished segments */
  gsize               rendered;       /* source length at the last update */
  guint64             rendered_bytes; /* source bytes handed to the renderer */
  gint64              update_us;      /* time spent in update(), for benchmarks */
  gint64              max_update_us;
  guint               n_chunks;
  guint               tick_id;
  gint64              rendered_at;    /* frame time of the last render while streaming */
  guint               dark : 1;
};

void         _bp_markdown_view_add_chunk          (BpMarkdownView    *self);
void         _bp_markdown_view_reset_chunks       (BpMarkdownView    *self);
gboolean     _bp_markdown_view_open_link          (BpMarkdownView    *self,
                                                   const char        *uri);
GtkWidget   *_bp_markdown_view_block_widget_new    (BpMarkdownView    *self,
                                                   BpMarkdownBlock   *block);
void         _bp_markdown_view_note_quotes        (BpMarkdownView    *self,
                                                   GtkTextView       *text_view);
void         _bp_markdown_view_snapshot_quotes    (BpMarkdownView    *self,
                                                   GtkSnapshot       *snapshot);
void         _bp_markdown_view_emit_activate_link (BpMarkdownView    *self,
                                                   const char        *uri);

/* For tests and benchmarks: the insides of the streaming renderer. */
GtkTextView *_bp_markdown_view_get_text_view      (BpMarkdownView    *self);
char        *_bp_markdown_view_dup_rendered_text  (BpMarkdownView    *self);
guint        _bp_markdown_view_get_n_chunks       (BpMarkdownView    *self);
GtkTextView *_bp_markdown_view_get_chunk          (BpMarkdownView    *self,
                                                   guint              index);
gboolean     _bp_markdown_view_has_pending        (BpMarkdownView    *self);
void         _bp_markdown_view_flush              (BpMarkdownView    *self);
gsize        _bp_markdown_view_get_committed      (BpMarkdownView    *self);
guint        _bp_markdown_view_get_render_count   (BpMarkdownView    *self,
                                                   gsize              segment_start);
guint64      _bp_markdown_view_get_rendered_bytes (BpMarkdownView    *self);
gint64       _bp_markdown_view_get_update_time    (BpMarkdownView    *self,
                                                   gint64            *max_us);
gboolean     _bp_markdown_view_activate_link_at   (BpMarkdownView    *self,
                                                   const GtkTextIter *iter);

G_END_DECLS
