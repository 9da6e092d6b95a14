/* test-tail-model.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-tail-model.h"
#include "bp-test-utils.h"

/* The end of a list, as the conversation view shows it: a conversation
 * loaded newest first shows its last messages, older ones come in on
 * request, and changes where the user works pass through. Every change
 * signal is checked against the model's contents, as a list view sees
 * them. */

typedef struct
{
  GListStore  *source;
  BpTailModel *tail;
  GString     *changes;   /* "position,removed,added;" per signal */
} Fixture;

static void
changed_cb (GListModel *model,
            guint       position,
            guint       removed,
            guint       added,
            Fixture    *f)
{
  g_string_append_printf (f->changes, "%u,%u,%u;", position, removed, added);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->source = g_list_store_new (G_TYPE_OBJECT);
  f->tail = bp_tail_model_new (G_LIST_MODEL (f->source), 10);
  f->changes = g_string_new (NULL);
  g_signal_connect (f->tail, "items-changed", G_CALLBACK (changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->tail);
  g_clear_object (&f->source);
  g_string_free (f->changes, TRUE);
}

/* Objects named by their number, so the view's order can be checked. */
static GObject *
numbered (guint n)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (object, "n", GUINT_TO_POINTER (n + 1));
  return object;
}

static void
append (Fixture *f,
        guint    from,
        guint    to)
{
  for (guint i = from; i < to; i++)
    {
      g_autoptr(GObject) object = numbered (i);

      g_list_store_append (f->source, object);
    }
}

/* The view holds exactly source items @first … @first + @n - 1. */
static void
assert_shows (Fixture *f,
              guint    first,
              guint    n)
{
  GListModel *model = G_LIST_MODEL (f->tail);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpuint (bp_tail_model_get_n_hidden (f->tail), ==, first);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (model, i);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_object_get_data (object, "n")), ==, first + i + 1);
    }
  g_assert_null (g_list_model_get_item (model, n));
}

static void
assert_changes (Fixture    *f,
                const char *expected)
{
  g_assert_cmpstr (f->changes->str, ==, expected);
  g_string_truncate (f->changes, 0);
}

/* A new conversation: every message added at the end is shown. */
static void
test_appends (Fixture       *f,
              gconstpointer  data)
{
  append (f, 0, 3);
  assert_changes (f, "0,0,1;1,0,1;2,0,1;");
  append (f, 3, 25);
  assert_shows (f, 0, 25);
}

/* Loaded newest first (the last message, then the rest above it): the
 * view shows the last ten, and more on request, above them. */
static void
test_load_and_show_more (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) older = g_ptr_array_new_with_free_func (g_object_unref);

  append (f, 99, 100);
  for (guint i = 0; i < 99; i++)
    g_ptr_array_add (older, numbered (i));
  g_list_store_splice (f->source, 0, 0, older->pdata, older->len);
  assert_shows (f, 90, 10);
  assert_changes (f, "0,0,1;0,0,9;");

  g_assert_cmpuint (bp_tail_model_show_more (f->tail, 25), ==, 25);
  assert_shows (f, 65, 35);
  assert_changes (f, "0,0,25;");
  g_assert_cmpuint (bp_tail_model_show_more (f->tail, 100), ==, 65);
  assert_shows (f, 0, 100);
  g_assert_cmpuint (bp_tail_model_show_more (f->tail, 5), ==, 0);
  assert_changes (f, "0,0,65;");
}

/* Edit and resend cuts the shown part; the reply comes at the end; a
 * change among the hidden items is not the view's business; clearing
 * empties it. */
static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GObject) first = numbered (1000);

  append (f, 49, 50);
  {
    g_autoptr(GPtrArray) older = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < 49; i++)
      g_ptr_array_add (older, numbered (i));
    g_list_store_splice (f->source, 0, 0, older->pdata, older->len);
  }
  g_string_truncate (f->changes, 0);
  assert_shows (f, 40, 10);

  g_list_store_splice (f->source, 45, 5, NULL, 0);
  assert_changes (f, "5,5,0;");
  append (f, 45, 47);
  assert_changes (f, "5,0,1;6,0,1;");
  assert_shows (f, 40, 7);

  g_list_store_remove (f->source, 0);
  g_list_store_insert (f->source, 0, first);
  assert_changes (f, "");
  g_assert_cmpuint (bp_tail_model_get_n_hidden (f->tail), ==, 40);

  /* Across the edge: the end again, afresh. */
  g_list_store_splice (f->source, 30, 15, NULL, 0);
  assert_changes (f, "0,7,10;");
  g_assert_cmpuint (bp_tail_model_get_n_hidden (f->tail), ==, 22);

  g_list_store_remove_all (f->source);
  assert_changes (f, "0,10,0;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->tail)), ==, 0);
  g_assert_cmpuint (bp_tail_model_get_n_hidden (f->tail), ==, 0);
}

#define ADD(path, func) \
  g_test_add ("/bp/tail-model/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  ADD ("appends", test_appends);
  ADD ("load-and-show-more", test_load_and_show_more);
  ADD ("changes", test_changes);

  return g_test_run ();
}
