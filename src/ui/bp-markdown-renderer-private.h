/* bp-markdown-renderer-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <md4c.h>

#include "bp-markdown-renderer.h"

G_BEGIN_DECLS

/* Geometry, in pixels. */
#define BP_MARKDOWN_LIST_HANG    24  /* from a bullet to its item's text */
#define BP_MARKDOWN_QUOTE_INDENT 18
#define BP_MARKDOWN_CODE_PADDING 12 /* from a code block's edge to its text */

typedef enum
{
  BP_MARKDOWN_TAG_H1,
  BP_MARKDOWN_TAG_H2,
  BP_MARKDOWN_TAG_H3,
  BP_MARKDOWN_TAG_H4,
  BP_MARKDOWN_TAG_H5,
  BP_MARKDOWN_TAG_H6,
  BP_MARKDOWN_TAG_STRONG,
  BP_MARKDOWN_TAG_EM,
  BP_MARKDOWN_TAG_DEL,
  BP_MARKDOWN_TAG_UNDERLINE,
  BP_MARKDOWN_TAG_CODE,
  BP_MARKDOWN_TAG_LINK,
  BP_MARKDOWN_TAG_QUOTE,
  BP_MARKDOWN_TAG_CODE_BLOCK,
  BP_MARKDOWN_TAG_CODE_HEADER,
  BP_MARKDOWN_TAG_CODE_LAST,
  BP_MARKDOWN_TAG_ITEM,
  BP_MARKDOWN_TAG_GAP,
  BP_MARKDOWN_TAG_RULE,
  BP_MARKDOWN_N_TAGS
} BpMarkdownTag;

/* What carries over from one appended piece to the next: CommonMark joins
 * a list that follows a list with the same mark into one, so its numbers
 * go on. */
typedef struct
{
  char  list_mark;      /* the mark of the last top-level block if a list, else 0 */
  guint list_ordered : 1;
  guint list_next;      /* the next number of that list when ordered */
} BpMarkdownContinuation;

typedef struct
{
  int   start;          /* character offsets in the buffer */
  int   end;
  char *href;           /* (owned) */
} BpMarkdownLink;

struct _BpMarkdownRenderer
{
  GObject                 parent_instance;

  GtkTextTagTable        *table;           /* (owned) shared by all buffers */
  GtkTextTag             *tags[BP_MARKDOWN_N_TAGS];  /* (unowned) in the table */
  GtkTextBuffer          *buffer;          /* (owned) (nullable) rendered into now */
  GArray                 *links;           /* (unowned) (element-type BpMarkdownLink)
                                            * of the buffer, by end */
  gboolean                continues;       /* text went into an earlier buffer */

  BpMarkdownContinuation  state;
  BpMarkdownContinuation  committed_state;
  int                     committed_offset;
  guint                   committed_links;
};

/* One run of md4c over a piece of text: bp-markdown-renderer-parse.c
 * handles the blocks, bp-markdown-renderer-inline.c spans and text. */
typedef struct
{
  BpMarkdownRenderer *self;
  GtkTextBuffer      *buffer;
  GArray             *containers;   /* (element-type Container) quotes, lists, items */
  GPtrArray          *spans;        /* (element-type GtkTextTag) (nullable items) */
  GArray             *open_links;   /* (element-type OpenLink) */

  /* the line being written */
  GtkTextTag         *line_tag;     /* (nullable) heading tag of the next line */
  int                 line_start;
  guint               line_open : 1;
  guint               line_bullet : 1;
  guint               want_gap : 1;

  /* a code block or table being collected */
  BpMarkdownBlock    *block;        /* (owned) (nullable) */
  GString            *code;         /* (owned) (nullable) */
  GPtrArray          *row;          /* (owned) (nullable) cells of a table row */
  GString            *cell;         /* (owned) (nullable) markup of a table cell */
} BpMarkdownRender;

void        _bp_markdown_render_ensure_line   (BpMarkdownRender   *r);
void        _bp_markdown_render_insert_styled (BpMarkdownRender   *r,
                                               const char         *text,
                                               gsize               len);
GArray     *_bp_markdown_render_open_links_new (void);
int         _bp_markdown_render_enter_span    (MD_SPANTYPE         type,
                                               void               *detail,
                                               void               *user_data);
int         _bp_markdown_render_leave_span    (MD_SPANTYPE         type,
                                               void               *detail,
                                               void               *user_data);
int         _bp_markdown_render_text          (MD_TEXTTYPE         type,
                                               const MD_CHAR      *text,
                                               MD_SIZE             size,
                                               void               *user_data);

void        _bp_markdown_renderer_parse       (BpMarkdownRenderer *self,
                                               const char         *text,
                                               gsize               len);
GtkTextTag *_bp_markdown_renderer_indent_tag  (BpMarkdownRenderer *self,
                                               int                 margin,
                                               int                 hang);
GtkTextTag *_bp_markdown_renderer_code_indent_tag (BpMarkdownRenderer *self,
                                                   int                 margin);
void        _bp_markdown_renderer_add_link    (BpMarkdownRenderer *self,
                                               int                 start,
                                               int                 end,
                                               char               *href);
void        _bp_markdown_renderer_emit_anchor (BpMarkdownRenderer *self,
                                               GtkTextChildAnchor *anchor);
void        _bp_markdown_block_free           (BpMarkdownBlock    *block);

G_END_DECLS
