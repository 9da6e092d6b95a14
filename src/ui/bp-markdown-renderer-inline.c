/* bp-markdown-renderer-inline.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-markdown-renderer"

#include "config.h"

#include <string.h>

#include "bp-markdown-renderer-private.h"

/* The md4c span and text callbacks of BpMarkdownRenderer: emphasis, code,
 * links and entities, as tags in the buffer or, inside a table cell, as
 * Pango markup. */

typedef struct
{
  int   start;  /* character offset */
  char *href;   /* (owned) */
} OpenLink;

/* Links open in a browser: a bare "www." autolink needs a scheme, and an
 * e-mail autolink a "mailto:". */
static char *
link_target (const MD_ATTRIBUTE *attribute)
{
  g_autofree char *href = g_strndup (attribute->text, attribute->size);

  if (g_str_has_prefix (href, "www."))
    return g_strconcat ("http://", href, NULL);
  if (strchr (href, ':') == NULL && strchr (href, '@') != NULL)
    return g_strconcat ("mailto:", href, NULL);

  return g_steal_pointer (&href);
}

static const char *
cell_markup (MD_SPANTYPE type,
             gboolean    open)
{
  switch (type)
    {
    case MD_SPAN_EM:
      return open ? "<i>" : "</i>";
    case MD_SPAN_STRONG:
      return open ? "<b>" : "</b>";
    case MD_SPAN_DEL:
      return open ? "<s>" : "</s>";
    case MD_SPAN_U:
      return open ? "<u>" : "</u>";
    case MD_SPAN_CODE:
      return open ? "<tt>" : "</tt>";
    case MD_SPAN_A:
      return open ? NULL : "</a>";
    case MD_SPAN_IMG:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    default:
      return "";
    }
}

static GtkTextTag *
span_tag (BpMarkdownRender *r,
          MD_SPANTYPE       type)
{
  switch (type)
    {
    case MD_SPAN_EM:
      return r->self->tags[BP_MARKDOWN_TAG_EM];
    case MD_SPAN_STRONG:
      return r->self->tags[BP_MARKDOWN_TAG_STRONG];
    case MD_SPAN_DEL:
      return r->self->tags[BP_MARKDOWN_TAG_DEL];
    case MD_SPAN_U:
      return r->self->tags[BP_MARKDOWN_TAG_UNDERLINE];
    case MD_SPAN_CODE:
      return r->self->tags[BP_MARKDOWN_TAG_CODE];
    case MD_SPAN_A:
    case MD_SPAN_IMG:
      return r->self->tags[BP_MARKDOWN_TAG_LINK];
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    default:
      return NULL;
    }
}

int
_bp_markdown_render_enter_span (MD_SPANTYPE  type,
                                void        *detail,
                                void        *user_data)
{
  BpMarkdownRender *r = user_data;
  OpenLink link;

  if (r->cell != NULL)
    {
      if (type == MD_SPAN_A)
        {
          g_autofree char *href = link_target (&((MD_SPAN_A_DETAIL *) detail)->href);
          g_autofree char *escaped = g_markup_escape_text (href, -1);

          g_string_append_printf (r->cell, "<a href=\"%s\">", escaped);
        }
      else
        {
          g_string_append (r->cell, cell_markup (type, TRUE));
        }
      return 0;
    }

  _bp_markdown_render_ensure_line (r);
  g_ptr_array_add (r->spans, span_tag (r, type));

  if (type == MD_SPAN_A || type == MD_SPAN_IMG)
    {
      link.start = gtk_text_buffer_get_char_count (r->buffer);
      link.href = link_target (type == MD_SPAN_A ? &((MD_SPAN_A_DETAIL *) detail)->href
                                                 : &((MD_SPAN_IMG_DETAIL *) detail)->src);
      g_array_append_val (r->open_links, link);
    }

  return 0;
}

int
_bp_markdown_render_leave_span (MD_SPANTYPE  type,
                                void        *detail,
                                void        *user_data)
{
  BpMarkdownRender *r = user_data;
  OpenLink *link;

  if (r->cell != NULL)
    {
      g_string_append (r->cell, cell_markup (type, FALSE));
      return 0;
    }

  g_assert (r->spans->len > 0);
  g_ptr_array_set_size (r->spans, r->spans->len - 1);

  if ((type == MD_SPAN_A || type == MD_SPAN_IMG) && r->open_links->len > 0)
    {
      link = &g_array_index (r->open_links, OpenLink, r->open_links->len - 1);
      if (link->start < gtk_text_buffer_get_char_count (r->buffer))
        _bp_markdown_renderer_add_link (r->self, link->start, gtk_text_buffer_get_char_count (r->buffer),
                                        g_steal_pointer (&link->href));
      g_free (link->href);
      g_array_set_size (r->open_links, r->open_links->len - 1);
    }

  return 0;
}

static const struct
{
  const char *name;
  const char *text;
} entities[] = {
  { "amp", "&" }, { "apos", "'" }, { "copy", "\u00a9" }, { "deg", "\u00b0" },
  { "gt", ">" }, { "hellip", "\u2026" }, { "laquo", "\u00ab" }, { "larr", "\u2190" },
  { "lt", "<" }, { "mdash", "\u2014" }, { "middot", "\u00b7" }, { "nbsp", "\u00a0" },
  { "ndash", "\u2013" }, { "quot", "\"" }, { "raquo", "\u00bb" }, { "rarr", "\u2192" },
  { "reg", "\u00ae" }, { "times", "\u00d7" }, { "trade", "\u2122" },
};

/* md4c hands entities over verbatim, "&amp;", "&#233;" or "&#xE9;": writes
 * the character into @out (6 bytes at most) and returns its length, or 0
 * for a name we do not know, which then shows as written. */
static gsize
decode_entity (const char *text,
               gsize       size,
               char       *out)
{
  g_assert (size >= 3 && text[0] == '&' && text[size - 1] == ';');

  if (text[1] == '#')
    {
      gboolean hex = text[2] == 'x' || text[2] == 'X';
      gsize skip = hex ? 3 : 2;
      g_autofree char *digits = g_strndup (text + skip, size - skip - 1);
      guint64 value = 0;

      /* CommonMark: invalid code points and U+0000 become U+FFFD. */
      if (!g_ascii_string_to_unsigned (digits, hex ? 16 : 10, 1, 0x10FFFF, &value, NULL) ||
          !g_unichar_validate ((gunichar) value))
        value = 0xFFFD;

      return g_unichar_to_utf8 ((gunichar) value, out);
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      gsize name_len = strlen (entities[i].name);

      if (name_len == size - 2 && memcmp (text + 1, entities[i].name, name_len) == 0)
        {
          strcpy (out, entities[i].text);
          return strlen (out);
        }
    }

  return 0;
}

static void
add_text (BpMarkdownRender *r,
          const char       *text,
          gsize             len)
{
  if (r->code != NULL)
    {
      g_string_append_len (r->code, text, len);
      return;
    }

  if (r->cell != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (text, len);

      g_string_append (r->cell, escaped);
      return;
    }

  _bp_markdown_render_insert_styled (r, text, len);
}

int
_bp_markdown_render_text (MD_TEXTTYPE    type,
                          const MD_CHAR *text,
                          MD_SIZE        size,
                          void          *user_data)
{
  BpMarkdownRender *r = user_data;
  char entity[8];
  gsize entity_len;

  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      add_text (r, "\uFFFD", strlen ("\uFFFD"));
      break;

    case MD_TEXT_BR:
      add_text (r, "\n", 1);
      break;

    case MD_TEXT_SOFTBR:
      add_text (r, " ", 1);
      break;

    case MD_TEXT_ENTITY:
      entity_len = decode_entity (text, size, entity);
      if (entity_len > 0)
        add_text (r, entity, entity_len);
      else
        add_text (r, text, size);
      break;

    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_HTML:
    case MD_TEXT_LATEXMATH:
    default:
      add_text (r, text, size);
      break;
    }

  return 0;
}

static void
open_link_clear (gpointer data)
{
  OpenLink *link = data;

  g_clear_pointer (&link->href, g_free);
}

/**
 * _bp_markdown_render_open_links_new:
 *
 * Returns: (transfer full): the stack of links a run is inside
 */
GArray *
_bp_markdown_render_open_links_new (void)
{
  GArray *links = g_array_new (FALSE, FALSE, sizeof (OpenLink));

  g_array_set_clear_func (links, open_link_clear);

  return links;
}
