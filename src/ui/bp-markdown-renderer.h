/* bp-markdown-renderer.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_MARKDOWN_RENDERER (bp_markdown_renderer_get_type ())

G_DECLARE_FINAL_TYPE (BpMarkdownRenderer, bp_markdown_renderer, BP, MARKDOWN_RENDERER, GObject)

/**
 * BpMarkdownBlockKind:
 * @BP_MARKDOWN_BLOCK_CODE: a fenced or indented code block
 * @BP_MARKDOWN_BLOCK_TABLE: a table
 *
 * What a child anchor of the renderer stands for.
 */
typedef enum
{
  BP_MARKDOWN_BLOCK_CODE,
  BP_MARKDOWN_BLOCK_TABLE,
} BpMarkdownBlockKind;

/**
 * BpMarkdownBlock:
 * @kind: what the anchor stands for
 * @language: (nullable): code: the language named after the opening fence
 * @code: code: the text of the block, without its last newline
 * @n_columns: table: how many columns
 * @rows: table: (element-type GStrv): one array of @n_columns cells per
 *   row, each cell Pango markup; row 0 is the header
 * @xalign: table: the alignment of each column, 0 (left) to 1 (right)
 *
 * A block the buffer cannot show as text alone. The renderer inserts a
 * #GtkTextChildAnchor for it and the view puts a widget there.
 */
struct _BpMarkdownBlock
{
  BpMarkdownBlockKind  kind;
  char                *language;
  char                *code;
  guint                n_columns;
  GPtrArray           *rows;
  float               *xalign;
};

BpMarkdownRenderer *bp_markdown_renderer_new            (void);
GtkTextTagTable    *bp_markdown_renderer_get_tag_table  (BpMarkdownRenderer *self);
GtkTextBuffer      *bp_markdown_renderer_get_buffer     (BpMarkdownRenderer *self);
void                bp_markdown_renderer_set_buffer     (BpMarkdownRenderer *self,
                                                         GtkTextBuffer      *buffer);
void                bp_markdown_renderer_set_dark       (BpMarkdownRenderer *self,
                                                         gboolean            dark);
void                bp_markdown_renderer_append         (BpMarkdownRenderer *self,
                                                         const char         *text,
                                                         gsize               len);
void                bp_markdown_renderer_commit         (BpMarkdownRenderer *self);
void                bp_markdown_renderer_rollback       (BpMarkdownRenderer *self);
void                bp_markdown_renderer_clear          (BpMarkdownRenderer *self);
const char         *bp_markdown_renderer_get_link_at    (BpMarkdownRenderer *self,
                                                         const GtkTextIter  *iter);
BpMarkdownBlock    *bp_markdown_renderer_get_block      (GtkTextChildAnchor *anchor);

G_END_DECLS
