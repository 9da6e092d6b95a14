/* test-markdown.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "bp-markdown-test-utils.h"
#include "bp-markdown-view-private.h"
#include "bp-test-gtk-utils.h"

/* The Markdown view's rendering of each construct, set as a whole text.
 * Streaming, the splitter and the screenshots are in
 * test-markdown-stream.c. */

static void
test_headings (Fixture       *fixture,
               gconstpointer  data)
{
  bp_markdown_view_set_text (fixture->view, "# Title\n\n## Sub\n\nBody text\n\n###### Six\n");

  assert_text (fixture, "Title\n\nSub\n\nBody text\n\nSix");
  assert_tag_on (fixture, "Title", "bp-md-h1");
  assert_tag_on (fixture, "Sub", "bp-md-h2");
  assert_tag_on (fixture, "Six", "bp-md-h6");
  g_assert_false (has_tag (fixture, find_offset (fixture, "Body"), "bp-md-h2"));
  g_assert_true (has_tag (fixture, find_offset (fixture, "\n\nSub") + 1, "bp-md-gap"));
  g_assert_cmpstr (bp_markdown_view_get_text (fixture->view), ==,
                   "# Title\n\n## Sub\n\nBody text\n\n###### Six\n");
}

static gboolean
record_link_cb (BpMarkdownView  *view,
                const char      *uri,
                char           **out)
{
  g_free (*out);
  *out = g_strdup (uri);

  return TRUE;
}

static void
test_inline (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *clicked = NULL;
  GtkTextIter iter;

  bp_markdown_view_set_text (fixture->view,
                             "Some *em* and **strong** and ~~gone~~ and `x = 1` and "
                             "[a link](https://example.com/a) and www.example.org and "
                             "line  \nbreak\nsoft");

  assert_text (fixture,
               "Some em and strong and gone and x = 1 and a link and www.example.org and "
               "line\nbreak soft");
  assert_tag_on (fixture, "em", "bp-md-em");
  assert_tag_on (fixture, "strong", "bp-md-strong");
  assert_tag_on (fixture, "gone", "bp-md-del");
  assert_tag_on (fixture, "x = 1", "bp-md-code");
  assert_tag_on (fixture, "a link", "bp-md-link");
  g_assert_false (has_tag (fixture, find_offset (fixture, "Some"), "bp-md-em"));
  g_assert_false (has_tag (fixture, find_offset (fixture, " and a link"), "bp-md-link"));

  g_signal_connect (fixture->view, "activate-link", G_CALLBACK (record_link_cb), &clicked);

  gtk_text_buffer_get_iter_at_offset (view_buffer (fixture), &iter, find_offset (fixture, "link"));
  g_assert_true (_bp_markdown_view_activate_link_at (fixture->view, &iter));
  g_assert_cmpstr (clicked, ==, "https://example.com/a");

  gtk_text_buffer_get_iter_at_offset (view_buffer (fixture), &iter,
                                      find_offset (fixture, "example.org"));
  g_assert_true (_bp_markdown_view_activate_link_at (fixture->view, &iter));
  g_assert_cmpstr (clicked, ==, "http://www.example.org");

  g_clear_pointer (&clicked, g_free);
  gtk_text_buffer_get_iter_at_offset (view_buffer (fixture), &iter, find_offset (fixture, "Some"));
  g_assert_false (_bp_markdown_view_activate_link_at (fixture->view, &iter));
  g_assert_null (clicked);
}

static void
test_lists (Fixture       *fixture,
            gconstpointer  data)
{
  bp_markdown_view_set_text (fixture->view,
                             "- one\n- two\n  - nested\n- three\n\n"
                             "Between\n\n"
                             "3. third\n4. fourth\n\n"
                             "Next\n\n"
                             "- [ ] task\n- [x] done\n");

  assert_text (fixture,
               "\u2022\tone\n\u2022\ttwo\n\u25e6\tnested\n\u2022\tthree\n\n"
               "Between\n\n"
               "3.\tthird\n4.\tfourth\n\n"
               "Next\n\n"
               "\u2610\ttask\n\u2611\tdone");

  /* Bullets hang in the margin; nesting moves both one step in. */
  assert_tag_on (fixture, "\u2022\tone", "bp-md-indent-0-24");
  assert_tag_on (fixture, "\u25e6\tnested", "bp-md-indent-24-24");
  assert_tag_on (fixture, "3.\tthird", "bp-md-indent-0-24");
  g_assert_true (has_tag (fixture, find_offset (fixture, "\u2022\ttwo"), "bp-md-item"));
  g_assert_false (has_tag (fixture, find_offset (fixture, "Between"), "bp-md-indent-0-24"));
}

static void
test_list_numbers (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Each item after a blank line is a segment of its own; the numbers go
   * on as CommonMark says, even when every item says "1.". */
  bp_markdown_view_set_text (fixture->view,
                             "1. a\n\n1. b\n\n   more of b\n\n1. c\n\nPara\n\n1. again\n");

  assert_text (fixture, "1.\ta\n2.\tb\n\nmore of b\n3.\tc\n\nPara\n\n1.\tagain");
  assert_tag_on (fixture, "more of b", "bp-md-indent-24-0");
}

static void
test_quote (Fixture       *fixture,
            gconstpointer  data)
{
  bp_markdown_view_set_text (fixture->view, "> quoted *text*\n> - in a list\n\nafter\n");

  assert_text (fixture, "quoted text\n\n\u2022\tin a list\n\nafter");
  assert_tag_on (fixture, "quoted text", "bp-md-quote");
  assert_tag_on (fixture, "quoted text", "bp-md-indent-18-0");
  assert_tag_on (fixture, "in a list", "bp-md-indent-18-24");
  g_assert_false (has_tag (fixture, find_offset (fixture, "after"), "bp-md-quote"));
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static GtkWidget *
find_button (GtkWidget *root)
{
  return bp_test_find_widget (root, GTK_TYPE_BUTTON, FALSE);
}

static void
test_code_block (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char code[] = "def f(x):\n    return x * 2\n\n\nprint(f(21))";
  g_autofree char *source = g_strdup_printf ("Intro\n\n```python\n%s\n```\n\nAfter\n", code);
  g_autofree char *expected = g_strdup_printf ("Intro\n\n" OBJECT_REPLACEMENT "\n%s\n\nAfter", code);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->view));
  ClipboardRead read = { NULL, FALSE };
  GtkTextChildAnchor *anchor;
  BpMarkdownBlock *block;
  GtkWidget *header;

  bp_markdown_view_set_text (fixture->view, source);

  assert_text (fixture, expected);
  assert_tag_on (fixture, code, "bp-md-code-block");
  assert_tag_on (fixture, code, "bp-md-code-indent-0");
  g_assert_false (has_tag (fixture, find_offset (fixture, "After"), "bp-md-code-block"));

  anchor = anchor_at (fixture, find_offset (fixture, OBJECT_REPLACEMENT));
  g_assert_nonnull (anchor);
  g_assert_true (has_tag (fixture, find_offset (fixture, OBJECT_REPLACEMENT), "bp-md-code-header"));
  block = bp_markdown_renderer_get_block (anchor);
  g_assert_cmpint (block->kind, ==, BP_MARKDOWN_BLOCK_CODE);
  g_assert_cmpstr (block->language, ==, "python");
  g_assert_cmpstr (block->code, ==, code);

  header = anchor_widget (anchor);
  bp_test_wait_for_frames (header, 2);
  g_assert_true (bp_test_shows_text (header, "python"));
  g_assert_true (bp_test_shows_text (header, "Copy"));

  gdk_clipboard_set_text (clipboard, "something else");
  g_signal_emit_by_name (find_button (header), "clicked");
  g_assert_true (bp_test_shows_text (header, "Copied"));

  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_read_cb, &read);
  g_assert_true (bp_test_wait_until (read_done, &read, 5000));
  g_assert_cmpstr (read.text, ==, code);
  g_free (read.text);
}

static void
test_indented_code (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkTextChildAnchor *anchor;

  bp_markdown_view_set_text (fixture->view, "Text\n\n    indented\n      code\n\nafter\n");

  assert_text (fixture, "Text\n\n" OBJECT_REPLACEMENT "\nindented\n  code\n\nafter");
  assert_tag_on (fixture, "indented\n  code", "bp-md-code-block");
  anchor = anchor_at (fixture, find_offset (fixture, OBJECT_REPLACEMENT));
  g_assert_null (bp_markdown_renderer_get_block (anchor)->language);
  g_assert_false (bp_test_shows_text (anchor_widget (anchor), "python"));
}

static void
test_table (Fixture       *fixture,
            gconstpointer  data)
{
  GtkTextChildAnchor *anchor;
  BpMarkdownBlock *block;
  GtkWidget *grid;
  GtkWidget *cell;
  char **row;

  bp_markdown_view_set_text (fixture->view,
                             "Costs:\n\n"
                             "| Model | Price |\n"
                             "|:------|------:|\n"
                             "| **Haiku** & co | 1 < 2 |\n"
                             "| [Llama](https://example.com/l) | 2 |\n"
                             "\nDone\n");

  assert_text (fixture, "Costs:\n\n" OBJECT_REPLACEMENT "\n\nDone");
  anchor = anchor_at (fixture, find_offset (fixture, OBJECT_REPLACEMENT));
  block = bp_markdown_renderer_get_block (anchor);
  g_assert_cmpint (block->kind, ==, BP_MARKDOWN_BLOCK_TABLE);
  g_assert_cmpuint (block->n_columns, ==, 2);
  g_assert_cmpuint (block->rows->len, ==, 3);
  row = g_ptr_array_index (block->rows, 1);
  g_assert_cmpstr (row[0], ==, "<b>Haiku</b> &amp; co");
  g_assert_cmpstr (row[1], ==, "1 &lt; 2");
  row = g_ptr_array_index (block->rows, 2);
  g_assert_cmpstr (row[0], ==, "<a href=\"https://example.com/l\">Llama</a>");
  g_assert_cmpfloat (block->xalign[0], ==, 0.0);
  g_assert_cmpfloat (block->xalign[1], ==, 1.0);

  grid = anchor_widget (anchor);
  g_assert_true (GTK_IS_GRID (grid));
  cell = gtk_grid_get_child_at (GTK_GRID (grid), 0, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==, "Model");
  g_assert_true (gtk_widget_has_css_class (cell, "heading"));
  cell = gtk_grid_get_child_at (GTK_GRID (grid), 0, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==, "Haiku & co");
  cell = gtk_grid_get_child_at (GTK_GRID (grid), 1, 2);
  g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (cell)), ==, 1.0);
}

static void
test_rule_and_entities (Fixture       *fixture,
                        gconstpointer  data)
{
  bp_markdown_view_set_text (fixture->view,
                             "Above\n\n---\n\nTom &amp; Jerry &lt;3 &#54620;&#xAE00; &bogus; &#0;\n\n"
                             "<b>raw html</b>\n");

  assert_text (fixture,
               "Above\n\n \n\nTom & Jerry <3 \355\225\234\352\270\200 &bogus; \357\277\275\n\n"
               "<b>raw html</b>");
  g_assert_true (has_tag (fixture, find_offset (fixture, " \n"), "bp-md-rule"));
  g_assert_true (has_tag (fixture, find_offset (fixture, " \n") + 1, "bp-md-rule"));
}

static void
test_korean (Fixture       *fixture,
             gconstpointer  data)
{
  /* "# 안녕하세요\n\n한국어 **굵게** 텍스트와 `코드`" */
  bp_markdown_view_set_text (fixture->view,
                             "# \354\225\210\353\205\225\355\225\230\354\204\270\354\232\224\n\n"
                             "\355\225\234\352\265\255\354\226\264 **\352\265\265\352\262\214** "
                             "\355\205\215\354\212\244\355\212\270\354\231\200 "
                             "`\354\275\224\353\223\234`\n");

  assert_text (fixture,
               "\354\225\210\353\205\225\355\225\230\354\204\270\354\232\224\n\n"
               "\355\225\234\352\265\255\354\226\264 \352\265\265\352\262\214 "
               "\355\205\215\354\212\244\355\212\270\354\231\200 \354\275\224\353\223\234");
  assert_tag_on (fixture, "\354\225\210\353\205\225\355\225\230\354\204\270\354\232\224", "bp-md-h1");
  assert_tag_on (fixture, "\352\265\265\352\262\214", "bp-md-strong");
  assert_tag_on (fixture, "\354\275\224\353\223\234", "bp-md-code");
  g_assert_false (has_tag (fixture, find_offset (fixture, "\355\225\234"), "bp-md-strong"));
}

int
main (int   argc,
      char *argv[])
{
  bp_test_gtk_init (&argc, &argv);
  load_style ();

#define ADD(path, func) \
  g_test_add ("/bp/markdown/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("headings", test_headings);
  ADD ("inline", test_inline);
  ADD ("lists", test_lists);
  ADD ("list-numbers", test_list_numbers);
  ADD ("quote", test_quote);
  ADD ("code-block", test_code_block);
  ADD ("indented-code", test_indented_code);
  ADD ("table", test_table);
  ADD ("rule-and-entities", test_rule_and_entities);
  ADD ("korean", test_korean);

#undef ADD

  return g_test_run ();
}
