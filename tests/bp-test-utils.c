/* bp-test-utils.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdarg.h>

#include "bp-test-utils.h"

/**
 * bp_test_init:
 * @argc: the program's argc
 * @argv: the program's argv
 *
 * Fixes the locale before anything reads it, then initialises GTest.
 */
void
bp_test_init (int    *argc,
              char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (argc, argv, NULL);
}

static char *
build_path_va (const char *first_element,
               va_list     args)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  g_ptr_array_add (parts, (gpointer) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (gpointer) "data");
  for (const char *e = first_element; e != NULL; e = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) e);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

/**
 * bp_test_data_path:
 * @first_element: the first path element under tests/data
 * @...: more elements, then %NULL
 *
 * Returns: (transfer full): the path of a file under tests/data
 */
char *
bp_test_data_path (const char *first_element,
                   ...)
{
  va_list args;
  char *path;

  va_start (args, first_element);
  path = build_path_va (first_element, args);
  va_end (args);

  return path;
}

/**
 * bp_test_read_data:
 * @first_element: the first path element under tests/data
 * @...: more elements, then %NULL
 *
 * Reads a file under tests/data; a missing file fails the test.
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
bp_test_read_data (const char *first_element,
                   ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize len = 0;
  va_list args;

  va_start (args, first_element);
  path = build_path_va (first_element, args);
  va_end (args);

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}
