/* bp-markdown-renderer-parse.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-markdown-renderer"

#include "config.h"

#include <string.h>

#include "bp-markdown-renderer-private.h"

/* The md4c block callbacks of BpMarkdownRenderer (the inline ones are in
 * bp-markdown-renderer-inline.c). Every line of text the buffer
 * gets is one "line" here: a paragraph, a heading, the text of a tight list
 * item. Its tags are applied over its whole range when it closes, with one
 * indent tag computed from the containers around it (quotes, list items).
 * Lines are separated by a newline, blocks also by an empty "gap" line, so
 * that copied text keeps its paragraphs. */

/* GitHub's dialect (tables, strikethrough, autolinks, task lists). Raw HTML
 * is shown as text: a text view cannot render it. */
#define PARSER_FLAGS (MD_DIALECT_GITHUB | MD_FLAG_NOHTML)

#define BLOCK_DATA_KEY "bp-markdown-block"

typedef enum
{
  CONTAINER_QUOTE,
  CONTAINER_LIST,
  CONTAINER_ITEM,
} ContainerKind;

typedef struct
{
  ContainerKind kind;
  char          mark;            /* list: '-', '+', '*', or '.', ')' when ordered */
  guint         ordered : 1;     /* list */
  guint         bullet_pending : 1;  /* item: its first line is still to come */
  guint         next_number;     /* ordered list */
  char          bullet[24];      /* item: "•", "12." … */
} Container;

static const char *const bullets[] = { "\u2022", "\u25e6", "\u25aa" };

static int
end_offset (BpMarkdownRender *r)
{
  return gtk_text_buffer_get_char_count (r->buffer);
}

static void
insert (BpMarkdownRender *r,
        const char       *text,
        gssize            len,
        GtkTextTag       *tag)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (r->buffer, &end);
  if (tag != NULL)
    gtk_text_buffer_insert_with_tags (r->buffer, &end, text, len, tag, NULL);
  else
    gtk_text_buffer_insert (r->buffer, &end, text, len);
}

static void
apply_tag (BpMarkdownRender *r,
           GtkTextTag       *tag,
           int               start,
           int               end)
{
  GtkTextIter start_iter, end_iter;

  if (tag == NULL || start >= end)
    return;

  gtk_text_buffer_get_iter_at_offset (r->buffer, &start_iter, start);
  gtk_text_buffer_get_iter_at_offset (r->buffer, &end_iter, end);
  gtk_text_buffer_apply_tag (r->buffer, tag, &start_iter, &end_iter);
}

static Container *
innermost (BpMarkdownRender *r,
           ContainerKind     kind)
{
  for (guint i = r->containers->len; i > 0; i--)
    {
      Container *container = &g_array_index (r->containers, Container, i - 1);

      if (container->kind == kind)
        return container;
    }

  return NULL;
}

static guint
count_containers (BpMarkdownRender *r,
                  ContainerKind     kind)
{
  guint count = 0;

  for (guint i = 0; i < r->containers->len; i++)
    count += g_array_index (r->containers, Container, i).kind == kind;

  return count;
}

/* The left margin of lines in the current containers. */
static int
container_margin (BpMarkdownRender *r)
{
  return count_containers (r, CONTAINER_QUOTE) * BP_MARKDOWN_QUOTE_INDENT +
         count_containers (r, CONTAINER_ITEM) * BP_MARKDOWN_LIST_HANG;
}

static GtkTextTag *
indent_tag (BpMarkdownRender *r,
            gboolean          bullet)
{
  if (bullet)
    return _bp_markdown_renderer_indent_tag (r->self,
                                             container_margin (r) - BP_MARKDOWN_LIST_HANG,
                                             BP_MARKDOWN_LIST_HANG);

  return _bp_markdown_renderer_indent_tag (r->self, container_margin (r), 0);
}

static gboolean
ends_with_tag (BpMarkdownRender *r,
               GtkTextTag       *tag)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (r->buffer, &end);

  return gtk_text_iter_backward_char (&end) && gtk_text_iter_has_tag (&end, tag);
}

static void
begin_line (BpMarkdownRender *r)
{
  GtkTextTag *rule = r->self->tags[BP_MARKDOWN_TAG_RULE];
  Container *item = innermost (r, CONTAINER_ITEM);

  g_assert (!r->line_open);

  if (end_offset (r) > 0)
    {
      /* The newline that ends a rule is part of its line: keep it thin. */
      insert (r, "\n", 1, ends_with_tag (r, rule) ? rule : NULL);
      if (r->want_gap)
        insert (r, "\n", 1, r->self->tags[BP_MARKDOWN_TAG_GAP]);
    }
  else if (r->self->continues && r->want_gap)
    {
      /* The text goes on from an earlier buffer: keep the gap. */
      insert (r, "\n", 1, r->self->tags[BP_MARKDOWN_TAG_GAP]);
    }

  r->want_gap = FALSE;
  r->line_open = TRUE;
  r->line_start = end_offset (r);
  r->line_bullet = item != NULL && item->bullet_pending;

  if (r->line_bullet)
    {
      item->bullet_pending = FALSE;
      insert (r, item->bullet, -1, NULL);
      insert (r, "\t", 1, NULL);
    }
}

static void
close_line (BpMarkdownRender *r)
{
  int end;

  if (!r->line_open)
    return;

  end = end_offset (r);
  apply_tag (r, indent_tag (r, r->line_bullet), r->line_start, end);
  apply_tag (r, r->line_tag, r->line_start, end);
  if (innermost (r, CONTAINER_QUOTE) != NULL)
    apply_tag (r, r->self->tags[BP_MARKDOWN_TAG_QUOTE], r->line_start, end);
  if (r->line_bullet)
    apply_tag (r, r->self->tags[BP_MARKDOWN_TAG_ITEM], r->line_start, r->line_start + 1);

  r->line_open = FALSE;
  r->line_tag = NULL;
}

static void
ensure_line (BpMarkdownRender *r)
{
  if (!r->line_open)
    begin_line (r);
}

void
_bp_markdown_render_ensure_line (BpMarkdownRender *r)
{
  ensure_line (r);
}

/* Adds text to the current line, styled by the spans it is in. */
void
_bp_markdown_render_insert_styled (BpMarkdownRender *r,
                                   const char       *text,
                                   gsize             len)
{
  int start;

  ensure_line (r);
  start = end_offset (r);
  insert (r, text, len, NULL);

  for (guint i = 0; i < r->spans->len; i++)
    apply_tag (r, g_ptr_array_index (r->spans, i), start, end_offset (r));
}

/* A list item whose first block cannot carry the bullet (a nested list, a
 * code block, a table, a rule) gets a line of its own for it. */
static void
flush_bullet (BpMarkdownRender *r)
{
  Container *item = innermost (r, CONTAINER_ITEM);

  if (item != NULL && item->bullet_pending)
    {
      begin_line (r);
      close_line (r);
    }
}

static void
block_start (BpMarkdownRender *r,
             gboolean          takes_bullet)
{
  Container *item = innermost (r, CONTAINER_ITEM);

  close_line (r);

  /* The first block of a list item sits on the bullet's line, spaced like
   * an item; every other block gets a gap above. */
  if (item != NULL && item->bullet_pending && takes_bullet)
    return;

  flush_bullet (r);
  r->want_gap = TRUE;
}

static void
push_container (BpMarkdownRender *r,
                Container        *container)
{
  g_array_append_val (r->containers, *container);
}

static void
pop_container (BpMarkdownRender *r)
{
  g_assert (r->containers->len > 0);

  g_array_set_size (r->containers, r->containers->len - 1);
}

static void
enter_list (BpMarkdownRender *r,
            gboolean          ordered,
            char              mark,
            guint             start)
{
  BpMarkdownContinuation *state = &r->self->state;
  Container list = { CONTAINER_LIST, mark, ordered, FALSE, start, "" };
  gboolean top_level = r->containers->len == 0;

  close_line (r);

  if (top_level && state->list_mark == mark && state->list_ordered == ordered)
    {
      /* The same list as the last block: it goes on, numbers included. */
      list.next_number = state->list_next;
    }
  else if (!top_level &&
           g_array_index (r->containers, Container, r->containers->len - 1).kind == CONTAINER_ITEM)
    {
      /* A nested list is spaced like the items around it. */
      flush_bullet (r);
    }
  else
    {
      r->want_gap = TRUE;
    }

  push_container (r, &list);
}

static void
enter_item (BpMarkdownRender   *r,
            MD_BLOCK_LI_DETAIL *detail)
{
  Container item = { CONTAINER_ITEM, 0, FALSE, TRUE, 0, "" };
  Container *list = innermost (r, CONTAINER_LIST);
  guint depth = count_containers (r, CONTAINER_LIST);

  g_assert (list != NULL);

  close_line (r);

  if (detail->is_task)
    g_strlcpy (item.bullet, detail->task_mark == ' ' ? "\u2610" : "\u2611", sizeof item.bullet);
  else if (list->ordered)
    g_snprintf (item.bullet, sizeof item.bullet, "%u%c", list->next_number++, list->mark);
  else
    g_strlcpy (item.bullet, bullets[MIN (depth, G_N_ELEMENTS (bullets)) - 1], sizeof item.bullet);

  push_container (r, &item);
}

static void
leave_item (BpMarkdownRender *r)
{
  flush_bullet (r);
  close_line (r);
  pop_container (r);
}

static char *
attribute_to_string (const MD_ATTRIBUTE *attribute)
{
  return g_strndup (attribute->text, attribute->size);
}

static BpMarkdownBlock *
block_new (BpMarkdownBlockKind kind)
{
  BpMarkdownBlock *block = g_new0 (BpMarkdownBlock, 1);

  block->kind = kind;

  return block;
}

static void
insert_anchor (BpMarkdownRender *r,
               BpMarkdownBlock  *block)
{
  g_autoptr(GtkTextChildAnchor) anchor = gtk_text_child_anchor_new ();
  GtkTextIter end;

  g_object_set_data_full (G_OBJECT (anchor), BLOCK_DATA_KEY, block,
                          (GDestroyNotify) _bp_markdown_block_free);
  gtk_text_buffer_get_end_iter (r->buffer, &end);
  gtk_text_buffer_insert_child_anchor (r->buffer, &end, anchor);
  _bp_markdown_renderer_emit_anchor (r->self, anchor);
}

static void
enter_code (BpMarkdownRender     *r,
            MD_BLOCK_CODE_DETAIL *detail)
{
  block_start (r, FALSE);

  r->block = block_new (BP_MARKDOWN_BLOCK_CODE);
  if (detail->lang.size > 0)
    r->block->language = attribute_to_string (&detail->lang);
  r->code = g_string_new (NULL);
}

/* A code block is a header line holding the anchor (language and Copy
 * button), then the code, all on a tinted background. */
static void
leave_code (BpMarkdownRender *r)
{
  GtkTextTag **tags = r->self->tags;
  BpMarkdownBlock *block = g_steal_pointer (&r->block);
  g_autoptr(GString) code = g_steal_pointer (&r->code);
  const char *last_newline;
  int start;
  int last_line;

  if (code->len > 0 && code->str[code->len - 1] == '\n')
    g_string_truncate (code, code->len - 1);
  block->code = g_strdup (code->str);

  /* Blank lines before the closing fence are copied, not shown: an empty
   * last line would have no character to carry its background. */
  while (code->len > 0 && code->str[code->len - 1] == '\n')
    g_string_truncate (code, code->len - 1);

  begin_line (r);
  start = r->line_start;
  r->line_open = FALSE;

  insert_anchor (r, block);
  apply_tag (r, tags[BP_MARKDOWN_TAG_CODE_HEADER], start, start + 1);

  if (code->len > 0)
    {
      insert (r, "\n", 1, NULL);
      last_newline = strrchr (code->str, '\n');
      last_line = end_offset (r);
      if (last_newline != NULL)
        last_line += g_utf8_strlen (code->str, last_newline - code->str) + 1;
      insert (r, code->str, code->len, NULL);
      apply_tag (r, tags[BP_MARKDOWN_TAG_CODE_LAST], last_line, end_offset (r));
    }

  apply_tag (r, tags[BP_MARKDOWN_TAG_CODE_BLOCK], start, end_offset (r));
  apply_tag (r, _bp_markdown_renderer_code_indent_tag (r->self, container_margin (r)),
             start, end_offset (r));
}

static void
enter_table (BpMarkdownRender      *r,
             MD_BLOCK_TABLE_DETAIL *detail)
{
  block_start (r, FALSE);

  r->block = block_new (BP_MARKDOWN_BLOCK_TABLE);
  r->block->n_columns = MAX (detail->col_count, 1);
  r->block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  r->block->xalign = g_new0 (float, r->block->n_columns);
}

static void
enter_cell (BpMarkdownRender   *r,
            MD_BLOCK_TD_DETAIL *detail)
{
  static const float xalign[] = { 0.0, 0.0, 0.5, 1.0 };
  BpMarkdownBlock *block = r->block;

  g_assert (r->row != NULL);

  if (block->rows->len == 0 && r->row->len < block->n_columns &&
      detail->align < G_N_ELEMENTS (xalign))
    block->xalign[r->row->len] = xalign[detail->align];

  r->cell = g_string_new (NULL);
}

static void
leave_cell (BpMarkdownRender *r)
{
  g_autoptr(GString) cell = g_steal_pointer (&r->cell);

  if (r->row->len < r->block->n_columns)
    g_ptr_array_add (r->row, g_string_free (g_steal_pointer (&cell), FALSE));
}

static void
leave_row (BpMarkdownRender *r)
{
  g_autoptr(GPtrArray) row = g_steal_pointer (&r->row);

  while (row->len < r->block->n_columns)
    g_ptr_array_add (row, g_strdup (""));
  g_ptr_array_add (row, NULL);

  g_ptr_array_add (r->block->rows, g_ptr_array_steal (row, NULL));
}

static void
leave_table (BpMarkdownRender *r)
{
  begin_line (r);
  insert_anchor (r, g_steal_pointer (&r->block));
  close_line (r);
}

static void
insert_rule (BpMarkdownRender *r)
{
  block_start (r, FALSE);
  begin_line (r);
  r->line_tag = r->self->tags[BP_MARKDOWN_TAG_RULE];
  insert (r, " ", 1, NULL);
  close_line (r);
}

static int
enter_block_cb (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  BpMarkdownRender *r = user_data;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      block_start (r, TRUE);
      push_container (r, &(Container) { CONTAINER_QUOTE, 0, FALSE, FALSE, 0, "" });
      break;

    case MD_BLOCK_UL:
      enter_list (r, FALSE, ((MD_BLOCK_UL_DETAIL *) detail)->mark, 0);
      break;

    case MD_BLOCK_OL:
      enter_list (r, TRUE, ((MD_BLOCK_OL_DETAIL *) detail)->mark_delimiter,
                  ((MD_BLOCK_OL_DETAIL *) detail)->start);
      break;

    case MD_BLOCK_LI:
      enter_item (r, detail);
      break;

    case MD_BLOCK_HR:
      insert_rule (r);
      break;

    case MD_BLOCK_H:
      block_start (r, TRUE);
      r->line_tag = r->self->tags[BP_MARKDOWN_TAG_H1 +
                                  CLAMP (((MD_BLOCK_H_DETAIL *) detail)->level, 1, 6) - 1];
      break;

    case MD_BLOCK_CODE:
      enter_code (r, detail);
      break;

    case MD_BLOCK_HTML:
    case MD_BLOCK_P:
      block_start (r, TRUE);
      break;

    case MD_BLOCK_TABLE:
      enter_table (r, detail);
      break;

    case MD_BLOCK_TR:
      r->row = g_ptr_array_new_with_free_func (g_free);
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      enter_cell (r, detail);
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
    default:
      break;
    }

  return 0;
}

/* After a top-level block: remember whether it was a list, for the next
 * piece of text to continue. */
static void
note_top_level (BpMarkdownRender *r,
                const Container  *list)
{
  BpMarkdownContinuation *state = &r->self->state;

  if (r->containers->len > 0)
    return;

  state->list_mark = list != NULL ? list->mark : 0;
  state->list_ordered = list != NULL && list->ordered;
  state->list_next = list != NULL ? list->next_number : 0;
}

static int
leave_block_cb (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  BpMarkdownRender *r = user_data;
  Container list;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      close_line (r);
      pop_container (r);
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      close_line (r);
      list = *innermost (r, CONTAINER_LIST);
      pop_container (r);
      note_top_level (r, &list);
      return 0;

    case MD_BLOCK_LI:
      leave_item (r);
      return 0;

    case MD_BLOCK_CODE:
      leave_code (r);
      break;

    case MD_BLOCK_TABLE:
      leave_table (r);
      break;

    case MD_BLOCK_TR:
      leave_row (r);
      return 0;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      leave_cell (r);
      return 0;

    case MD_BLOCK_HTML:
    case MD_BLOCK_P:
    case MD_BLOCK_H:
      close_line (r);
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
      return 0;

    case MD_BLOCK_HR:
    default:
      break;
    }

  note_top_level (r, NULL);

  return 0;
}

void
_bp_markdown_renderer_parse (BpMarkdownRenderer *self,
                             const char         *text,
                             gsize               len)
{
  MD_PARSER parser = {
    .abi_version = 0,
    .flags = PARSER_FLAGS,
    .enter_block = enter_block_cb,
    .leave_block = leave_block_cb,
    .enter_span = _bp_markdown_render_enter_span,
    .leave_span = _bp_markdown_render_leave_span,
    .text = _bp_markdown_render_text,
  };
  BpMarkdownRender r = { 0, };

  g_assert (BP_IS_MARKDOWN_RENDERER (self));
  g_assert (len <= G_MAXUINT);

  r.self = self;
  r.buffer = self->buffer;
  r.containers = g_array_new (FALSE, FALSE, sizeof (Container));
  r.spans = g_ptr_array_new ();
  r.open_links = _bp_markdown_render_open_links_new ();

  /* md4c fails only when out of memory; what it rendered stays. */
  if (md_parse (text, (MD_SIZE) len, &parser, &r) != 0)
    g_debug ("md4c could not parse %" G_GSIZE_FORMAT " bytes", len);

  close_line (&r);

  g_clear_pointer (&r.block, _bp_markdown_block_free);
  if (r.code != NULL)
    g_string_free (r.code, TRUE);
  if (r.cell != NULL)
    g_string_free (r.cell, TRUE);
  g_clear_pointer (&r.row, g_ptr_array_unref);
  g_array_unref (r.open_links);
  g_ptr_array_unref (r.spans);
  g_array_unref (r.containers);
}
