/* test-markdown-stream.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "bp-markdown-split.h"
#include "bp-markdown-test-utils.h"
#include "bp-markdown-view-private.h"
#include "bp-test-gtk-utils.h"

/* The Markdown view fed incrementally: a streamed text renders as the
 * whole text would, in chunks, within a frame budget, without rendering
 * finished blocks again; the block splitter; the screenshots. */

static const char rich_sample[] =
  "# Markdown sample\n"
  "\n"
  "Replies use **bold**, *italic*, ~~struck~~ and `inline code`, with a "
  "[link](https://aws.amazon.com/bedrock/) and an autolink https://example.com.\n"
  "\n"
  "## Lists\n"
  "\n"
  "- First item\n"
  "- Second item, long enough to wrap onto the next line so that the hanging "
  "indent of list items shows\n"
  "  - Nested item\n"
  "  - Another nested item\n"
  "- [x] A finished task\n"
  "\n"
  "1. Install the dependencies\n"
  "2. Build with `meson`\n"
  "3. Run the tests\n"
  "\n"
  "> A block quote: the model said something worth quoting,\n"
  "> over two lines.\n"
  ">\n"
  "> And a second paragraph.\n"
  "\n"
  "```python\n"
  "def hello(name):\n"
  "    return f\"Hello, {name}!\"\n"
  "```\n"
  "\n"
  "| Model | Input | Output |\n"
  "|:------|------:|-------:|\n"
  "| Claude 3 Haiku | $0.25 | $1.25 |\n"
  "| Llama 3 8B | $0.30 | $0.60 |\n"
  "\n"
  "---\n"
  "\n"
  "### Korean\n"
  "\n"
  "\355\225\234\352\265\255\354\226\264 \355\205\215\354\212\244\355\212\270\353\217\204 "
  "**\354\236\230** \353\263\264\354\236\205\353\213\210\353\213\244.\n";

/* Everything that could trip the incremental rendering: fences with blank
 * lines, in list items, unclosed to the end; loose lists numbered "1.";
 * tables; quotes; multibyte text split across deltas. */
static const char tricky_sample[] =
  "Intro paragraph with *emphasis*\nand a soft break.\n"
  "\n"
  "1. First step\n"
  "\n"
  "   ```sh\n"
  "   make\n"
  "\n"
  "   make install\n"
  "   ```\n"
  "\n"
  "1. Second step, **bold**\n"
  "   - nested\n"
  "\n"
  "     nested paragraph\n"
  "\n"
  "1. Third step\n"
  "\n"
  "Text between lists.\n"
  "\n"
  "* star list\n"
  "\n"
  "* star again\n"
  "- dash list\n"
  "\n"
  "> quote\n"
  ">\n"
  "> ```\n"
  "> code in quote\n"
  "> ```\n"
  "\n"
  "~~~\n"
  "```\n"
  "\n"
  "not closed by backticks\n"
  "~~~\n"
  "\n"
  "| a | b |\n"
  "|---|:-:|\n"
  "| 1 | *2* |\n"
  "\n"
  "    indented code\n"
  "\n"
  "    more indented code\n"
  "\n"
  "Setext heading\n"
  "==============\n"
  "\n"
  "***\n"
  "\n"
  "\354\225\210\353\205\225 [link](https://example.com/x) &amp; done.  \n"
  "Hard break above.\n"
  "\n"
  "```python\n"
  "print('unclosed')\n"
  "\n"
  "print('still code')\n";

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static char *long_sample;

static void
append_tag_names (GString *out,
                  char     sign,
                  GSList  *tags)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      g_autofree char *name = NULL;

      g_object_get (l->data, "name", &name, NULL);
      g_ptr_array_add (names, g_steal_pointer (&name));
    }

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "[%c%s]", sign, (char *) g_ptr_array_index (names, i));
}

static void
append_block (GString            *out,
              GtkTextChildAnchor *anchor)
{
  BpMarkdownBlock *block = bp_markdown_renderer_get_block (anchor);
  guint n_widgets = 0;

  g_free (gtk_text_child_anchor_get_widgets (anchor, &n_widgets));
  g_string_append_printf (out, "{anchor %u widgets, kind %d", n_widgets, block->kind);
  if (block->kind == BP_MARKDOWN_BLOCK_CODE)
    {
      g_string_append_printf (out, ", lang %s, code \"%s\"",
                              block->language ? block->language : "-", block->code);
    }
  else
    {
      for (guint i = 0; i < block->rows->len; i++)
        {
          g_autofree char *row = g_strjoinv ("|", g_ptr_array_index (block->rows, i));

          g_string_append_printf (out, ", row \"%s\"", row);
        }
    }
  g_string_append (out, "}");
}

/* Every character with the tags that start and end there, and each anchor
 * with its block: equal strings mean equal renderings. */
static char *
serialize (GtkTextBuffer *buffer)
{
  GString *out = g_string_new (NULL);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);

  for (;;)
    {
      GSList *off = gtk_text_iter_get_toggled_tags (&iter, FALSE);
      GSList *on = gtk_text_iter_get_toggled_tags (&iter, TRUE);
      GtkTextChildAnchor *anchor = gtk_text_iter_get_child_anchor (&iter);

      append_tag_names (out, '-', off);
      append_tag_names (out, '+', on);
      g_slist_free (off);
      g_slist_free (on);

      if (anchor != NULL)
        append_block (out, anchor);
      else if (!gtk_text_iter_is_end (&iter))
        g_string_append_unichar (out, gtk_text_iter_get_char (&iter));

      if (!gtk_text_iter_forward_char (&iter))
        break;
    }

  return g_string_free (out, FALSE);
}

static guint
count_block_widgets (GtkWidget *widget)
{
  guint count = gtk_widget_has_css_class (widget, "markdown-code-header") ||
                gtk_widget_has_css_class (widget, "markdown-table");

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += count_block_widgets (child);

  return count;
}

static guint
count_anchors (GtkTextBuffer *buffer)
{
  GtkTextIter iter;
  guint count = 0;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    count += gtk_text_iter_get_child_anchor (&iter) != NULL;
  while (gtk_text_iter_forward_char (&iter));

  return count;
}

static GtkTextBuffer *
chunk_buffer (BpMarkdownView *view,
              guint           index)
{
  return gtk_text_view_get_buffer (_bp_markdown_view_get_chunk (view, index));
}

/* All chunks, each serialized, with a mark where one ends. */
static char *
serialize_view (BpMarkdownView *view)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < _bp_markdown_view_get_n_chunks (view); i++)
    {
      g_autofree char *chunk = serialize (chunk_buffer (view, i));

      g_string_append_printf (out, "%s<chunk %u>\n", chunk, i);
    }

  return g_string_free (out, FALSE);
}

static guint
count_view_anchors (BpMarkdownView *view)
{
  guint count = 0;

  for (guint i = 0; i < _bp_markdown_view_get_n_chunks (view); i++)
    count += count_anchors (chunk_buffer (view, i));

  return count;
}

/* Streams @text in deltas of random sizes, cut anywhere, even inside a
 * UTF-8 sequence, and lets the view catch up now and then: by frames,
 * by a flush, or not at all. */
static void
stream_text (BpMarkdownView *view,
             const char     *text,
             GRand          *rand)
{
  gsize len = strlen (text);
  gsize pos = 0;

  while (pos < len)
    {
      gsize n = MIN ((gsize) g_rand_int_range (rand, 1, 40), len - pos);
      g_autofree char *delta = g_strndup (text + pos, n);

      bp_markdown_view_append (view, delta);
      pos += n;

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          _bp_markdown_view_flush (view);
          break;
        case 1:
          g_main_context_iteration (NULL, FALSE);
          break;
        default:
          break;
        }
    }

  bp_markdown_view_finish (view);
}

static void
test_stream_equals_set_text (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *sample = data;
  BpMarkdownView *reference = BP_MARKDOWN_VIEW (g_object_ref_sink (bp_markdown_view_new ()));
  g_autofree char *expected = NULL;
  g_autofree char *expected_text = NULL;

  bp_markdown_view_set_text (reference, sample);
  expected = serialize_view (reference);
  expected_text = _bp_markdown_view_dup_rendered_text (reference);
  g_test_message ("%u chunks", _bp_markdown_view_get_n_chunks (reference));

  for (guint32 seed = 1; seed <= 4; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autofree char *streamed = NULL;
      g_autofree char *streamed_text = NULL;

      bp_markdown_view_set_text (fixture->view, NULL);
      stream_text (fixture->view, sample, rand);

      g_assert_cmpstr (bp_markdown_view_get_text (fixture->view), ==, sample);
      streamed = serialize_view (fixture->view);
      g_assert_cmpstr (streamed, ==, expected);
      streamed_text = _bp_markdown_view_dup_rendered_text (fixture->view);
      g_assert_cmpstr (streamed_text, ==, expected_text);

      /* Rolled-back tails took their widgets with them. */
      g_assert_false (_bp_markdown_view_has_pending (fixture->view));
      g_assert_cmpuint (count_block_widgets (GTK_WIDGET (fixture->view)), ==,
                        count_view_anchors (fixture->view));
    }

  g_assert_cmpuint (count_view_anchors (reference), >, 0);
  g_object_unref (reference);
}

/* A text several chunks long: the chunks hold all of it, in order, with
 * the same gaps between blocks as one buffer would. */
static void
test_chunks (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *shown = NULL;
  GtkTextBuffer *second;
  GtkTextTag *gap;
  GtkTextIter start;

  for (guint i = 0; i < 400; i++)
    {
      g_string_append_printf (text, "Paragraph %u with some words in it.\n\n", i);
      g_string_append_printf (expected, "%sParagraph %u with some words in it.", i ? "\n\n" : "", i);
    }

  bp_markdown_view_set_text (fixture->view, text->str);
  g_assert_cmpuint (_bp_markdown_view_get_n_chunks (fixture->view), >, 3);

  /* A chunk after the first starts with the gap line it would have had. */
  shown = _bp_markdown_view_dup_rendered_text (fixture->view);
  g_assert_cmpstr (shown, ==, expected->str);
  second = chunk_buffer (fixture->view, 1);
  gap = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (second), "bp-md-gap");
  gtk_text_buffer_get_start_iter (second, &start);
  g_assert_cmpint (gtk_text_iter_get_char (&start), ==, '\n');
  g_assert_true (gtk_text_iter_has_tag (&start, gap));
}

static void
test_finished_not_rerendered (Fixture       *fixture,
                              gconstpointer  data)
{
  const gsize second = strlen ("First paragraph.\n\n");
  const gsize third = strlen ("First paragraph.\n\nSecond paragraph.\n\n");
  BpMarkdownView *view = fixture->view;

  bp_markdown_view_append (view, "First paragraph.\n\nSecond paragraph.\n\n");
  _bp_markdown_view_flush (view);

  /* The second paragraph could still grow a lazy continuation: open. */
  g_assert_cmpuint (_bp_markdown_view_get_committed (view), ==, second);
  g_assert_cmpuint (_bp_markdown_view_get_render_count (view, 0), ==, 1);
  g_assert_cmpuint (_bp_markdown_view_get_render_count (view, second), ==, 1);

  bp_markdown_view_append (view, "Third");
  _bp_markdown_view_flush (view);
  g_assert_cmpuint (_bp_markdown_view_get_committed (view), ==, third);
  g_assert_cmpuint (_bp_markdown_view_get_render_count (view, second), ==, 2);

  for (guint i = 0; i < 50; i++)
    {
      guint64 before = _bp_markdown_view_get_rendered_bytes (view);
      gsize len;

      bp_markdown_view_append (view, " word");
      _bp_markdown_view_flush (view);

      /* Only the open tail went to the renderer again. */
      len = strlen (bp_markdown_view_get_text (view));
      g_assert_cmpuint (_bp_markdown_view_get_rendered_bytes (view) - before, ==, len - third);
    }

  g_assert_cmpuint (_bp_markdown_view_get_render_count (view, 0), ==, 1);
  g_assert_cmpuint (_bp_markdown_view_get_render_count (view, second), ==, 2);
  g_assert_cmpuint (_bp_markdown_view_get_render_count (view, third), ==, 51);

  bp_markdown_view_finish (view);
  assert_text (fixture, "First paragraph.\n\nSecond paragraph.\n\nThird"
                        " word word word word word word word word word word"
                        " word word word word word word word word word word"
                        " word word word word word word word word word word"
                        " word word word word word word word word word word"
                        " word word word word word word word word word word");
}

static gboolean
nothing_pending (gpointer data)
{
  return !_bp_markdown_view_has_pending (data);
}

static void
test_coalesced_per_frame (Fixture       *fixture,
                          gconstpointer  data)
{
  BpMarkdownView *view = fixture->view;

  bp_test_wait_for_frames (GTK_WIDGET (view), 1);

  for (guint i = 0; i < 200; i++)
    bp_markdown_view_append (view, "abc ");

  /* Appending stores; the frame renders. */
  g_assert_true (_bp_markdown_view_has_pending (view));
  assert_text (fixture, "");
  g_assert_cmpuint (_bp_markdown_view_get_render_count (view, 0), ==, 0);

  g_assert_true (bp_test_wait_until (nothing_pending, view, 5000));
  g_assert_cmpuint (_bp_markdown_view_get_render_count (view, 0), ==, 1);
  g_assert_cmpint (find_offset (fixture, "abc abc"), ==, 0);

  /* Idle: the tick callback is gone and frames render nothing. */
  bp_test_wait_for_frames (GTK_WIDGET (view), 3);
  g_assert_cmpuint (_bp_markdown_view_get_render_count (view, 0), ==, 1);
}

typedef struct
{
  BpMarkdownView *view;
  gsize           first_committed;  /* after the first frame that rendered */
  guint           frames;           /* frames that rendered something */
  gsize           last_committed;
} BudgetWatch;

static void
budget_after_paint_cb (GdkFrameClock *clock,
                       BudgetWatch   *watch)
{
  gsize committed = _bp_markdown_view_get_committed (watch->view);

  if (committed == watch->last_committed)
    return;

  if (watch->frames++ == 0)
    watch->first_committed = committed;
  watch->last_committed = committed;
}

/* A backlog bigger than a frame's budget renders over several frames. */
static void
test_frame_budget (Fixture       *fixture,
                   gconstpointer  data)
{
  BpMarkdownView *view = fixture->view;
  BudgetWatch watch = { view, 0, 0, 0 };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *shown = NULL;
  GdkFrameClock *clock;
  gulong handler;

  bp_test_wait_for_frames (GTK_WIDGET (view), 1);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (view));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (budget_after_paint_cb), &watch);

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "Paragraph %u with some words in it.\n\n", i);
  bp_markdown_view_append (view, text->str);

  g_assert_true (bp_test_wait_until (nothing_pending, view, 30000));
  g_signal_handler_disconnect (clock, handler);

  /* One frame renders one budget's worth (4 KiB and the rest of a line). */
  g_assert_cmpuint (watch.first_committed, >, 0);
  g_assert_cmpuint (watch.first_committed, <, 4096 + 64);
  g_assert_cmpuint (watch.frames, >=, text->len / (4096 + 64));

  g_assert_cmpuint (_bp_markdown_view_get_committed (view), ==,
                    text->len - strlen ("Paragraph 999 with some words in it.\n\n"));
  shown = _bp_markdown_view_dup_rendered_text (view);
  g_assert_true (g_str_has_suffix (shown, "in it.\n\nParagraph 999 with some words in it."));
}

static void
test_unclosed_fence (Fixture       *fixture,
                     gconstpointer  data)
{
  BpMarkdownView *view = fixture->view;
  GtkTextChildAnchor *anchor;

  bp_markdown_view_append (view, "Intro\n\n```c\nint x;\n");
  _bp_markdown_view_flush (view);

  g_assert_cmpuint (_bp_markdown_view_get_committed (view), ==, strlen ("Intro\n\n"));
  assert_tag_on (fixture, "int x;", "bp-md-code-block");
  anchor = anchor_at (fixture, find_offset (fixture, OBJECT_REPLACEMENT));
  g_assert_cmpstr (bp_markdown_renderer_get_block (anchor)->code, ==, "int x;");
  g_assert_cmpstr (bp_markdown_renderer_get_block (anchor)->language, ==, "c");

  /* A blank line inside the fence does not end it. */
  bp_markdown_view_append (view, "\n\nParagraph? No: int y;\n");
  _bp_markdown_view_flush (view);
  g_assert_cmpuint (_bp_markdown_view_get_committed (view), ==, strlen ("Intro\n\n"));
  assert_tag_on (fixture, "Paragraph? No: int y;", "bp-md-code-block");

  bp_markdown_view_append (view, "```\n\nAfter");
  bp_markdown_view_finish (view);
  assert_text (fixture, "Intro\n\n" OBJECT_REPLACEMENT "\nint x;\n\n\nParagraph? No: int y;\n\nAfter");
  anchor = anchor_at (fixture, find_offset (fixture, OBJECT_REPLACEMENT));
  g_assert_cmpstr (bp_markdown_renderer_get_block (anchor)->code, ==,
                   "int x;\n\n\nParagraph? No: int y;");
  g_assert_false (has_tag (fixture, find_offset (fixture, "After"), "bp-md-code-block"));
  g_assert_cmpuint (_bp_markdown_view_get_committed (view), ==,
                    strlen (bp_markdown_view_get_text (view)) - strlen ("After"));
}

static void
test_split_utf8 (Fixture       *fixture,
                 gconstpointer  data)
{
  /* "한국어 **굵게**" and an invalid byte, one byte at a time. */
  static const char text[] = "\355\225\234\352\265\255\354\226\264 **\352\265\265\352\262\214** \377!";

  for (gsize i = 0; text[i] != '\0'; i++)
    {
      char delta[2] = { text[i], '\0' };

      bp_markdown_view_append (fixture->view, delta);
      _bp_markdown_view_flush (fixture->view);
    }
  bp_markdown_view_append (fixture->view, "\355\225");
  bp_markdown_view_finish (fixture->view);

  assert_text (fixture, "\355\225\234\352\265\255\354\226\264 \352\265\265\352\262\214 \357\277\275!\357\277\275");
  assert_tag_on (fixture, "\352\265\265\352\262\214", "bp-md-strong");
}

static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (view_buffer (fixture));
  GtkTextTag *link = gtk_text_tag_table_lookup (table, "bp-md-link");
  g_autoptr(GdkRGBA) light = NULL;
  g_autoptr(GdkRGBA) dark = NULL;

  bp_markdown_view_set_text (fixture->view, rich_sample);
  bp_test_save_screenshot (GTK_WIDGET (fixture->window), "markdown.png");
  g_object_get (link, "foreground-rgba", &light, NULL);

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  bp_test_save_screenshot (GTK_WIDGET (fixture->window), "markdown-dark.png");
  g_object_get (link, "foreground-rgba", &dark, NULL);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);

  g_assert_false (gdk_rgba_equal (light, dark));
}

/* The boundaries bp_markdown_split_next() finds in the first @len bytes. */
static char *
split_all (const char *text,
           gsize       len)
{
  GString *out = g_string_new (NULL);
  gsize from = 0;
  gsize boundary;

  while (bp_markdown_split_next (text, len, from, &boundary))
    {
      g_assert_cmpuint (boundary, >, from);
      g_string_append_printf (out, "%" G_GSIZE_FORMAT " ", boundary);
      from = boundary;
    }

  return g_string_free (out, FALSE);
}

static void
test_split_cases (void)
{
  static const struct {
    const char *text;
    const char *boundaries;
  } cases[] = {
    { "a\n\nb", "3 " },
    { "a\nb\n\n", "" },
    { "a\n \t\nb\n\nc", "5 8 " },
    { "a\n\n b", "" },
    { "```\na\n\nb\n```\n\nc", "14 " },
    { "```\nunclosed\n\nx", "" },
    { "~~~\n```\n\n~~~\n\nx", "14 " },
    { "````\n```\n\nx", "" },
    { "``` a`b\n\nx", "9 " },
    { "- a\n\n  b\n\nc", "10 " },
    { "- a\n\n- b", "5 " },
    { "    code\n\n    more\n\nx", "20 " },
    { "   ```\n   a\n\n   ```\n\nb", "21 " },
    { "\n\na\n\nb", "5 " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *found = split_all (cases[i].text, strlen (cases[i].text));

      g_test_message ("case %u", i);
      g_assert_cmpstr (found, ==, cases[i].boundaries);
    }
}

/* A boundary found in a prefix is a boundary of the whole text, and the
 * whole text has no other boundary before the prefix ends. */
static void
test_split_prefix_stable (void)
{
  const char *samples[] = { rich_sample, tricky_sample };

  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      gsize len = strlen (samples[s]);
      g_autofree char *full = split_all (samples[s], len);

      g_assert_cmpstr (full, !=, "");

      for (gsize prefix = 0; prefix <= len; prefix++)
        {
          g_autofree char *found = split_all (samples[s], prefix);

          g_assert_true (g_str_has_prefix (full, found));
          if (full[strlen (found)] != '\0')
            {
              gsize next = g_ascii_strtoull (full + strlen (found), NULL, 10);

              g_assert_cmpuint (next, >=, prefix);
            }
        }
    }
}

static void
add_stream_tests (void)
{
  long_sample = g_strjoin ("\n", rich_sample, tricky_sample, rich_sample, "Between.\n",
                           tricky_sample, rich_sample, NULL);

  g_test_add ("/bp/markdown/stream-equals-set-text/rich", Fixture, rich_sample,
              fixture_set_up, test_stream_equals_set_text, fixture_tear_down);
  g_test_add ("/bp/markdown/stream-equals-set-text/tricky", Fixture, tricky_sample,
              fixture_set_up, test_stream_equals_set_text, fixture_tear_down);
  g_test_add ("/bp/markdown/stream-equals-set-text/long", Fixture, long_sample,
              fixture_set_up, test_stream_equals_set_text, fixture_tear_down);
  g_test_add ("/bp/markdown/chunks", Fixture, NULL,
              fixture_set_up, test_chunks, fixture_tear_down);
  g_test_add ("/bp/markdown/finished-not-rerendered", Fixture, NULL,
              fixture_set_up, test_finished_not_rerendered, fixture_tear_down);
  g_test_add ("/bp/markdown/coalesced-per-frame", Fixture, NULL,
              fixture_set_up, test_coalesced_per_frame, fixture_tear_down);
  g_test_add ("/bp/markdown/frame-budget", Fixture, NULL,
              fixture_set_up, test_frame_budget, fixture_tear_down);
  g_test_add ("/bp/markdown/unclosed-fence", Fixture, NULL,
              fixture_set_up, test_unclosed_fence, fixture_tear_down);
  g_test_add ("/bp/markdown/split-utf8", Fixture, NULL,
              fixture_set_up, test_split_utf8, fixture_tear_down);
  g_test_add ("/bp/markdown/screenshot", Fixture, NULL,
              fixture_set_up, test_screenshot, fixture_tear_down);
  g_test_add_func ("/bp/markdown/split/cases", test_split_cases);
  g_test_add_func ("/bp/markdown/split/prefix-stable", test_split_prefix_stable);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_gtk_init (&argc, &argv);
  load_style ();
  add_stream_tests ();

  return g_test_run ();
}
