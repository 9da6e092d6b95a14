/* fuzz-markdown-split.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-markdown-split.h"

/* libFuzzer target for the splitting of Markdown into segments that the
 * streaming view renders once they are finished. Checks the property that
 * makes a stream end up like set_text(): the boundaries found in any
 * prefix of the text are exactly the boundaries of the whole text that lie
 * before the prefix's end. Plain GLib: no GTK in a fuzzer. */

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

#define MAX_TEXT_LEN 4096

static GArray *
split_all (const char *text,
           gsize       len)
{
  GArray *boundaries = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize from = 0;
  gsize boundary;

  while (bp_markdown_split_next (text, len, from, &boundary))
    {
      if (boundary <= from || boundary > len)
        g_error ("boundary %" G_GSIZE_FORMAT " after %" G_GSIZE_FORMAT, boundary, from);
      g_array_append_val (boundaries, boundary);
      from = boundary;
    }

  return boundaries;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *) data;
  g_autoptr(GArray) full = NULL;
  gsize step;

  if (size > MAX_TEXT_LEN)
    return 0;

  full = split_all (text, size);

  /* Every prefix for short inputs, about 64 of them for longer ones. */
  step = MAX (size / 64, 1);
  for (gsize prefix = 0; prefix <= size; prefix += step)
    {
      g_autoptr(GArray) part = split_all (text, prefix);
      guint i;

      for (i = 0; i < part->len; i++)
        {
          if (i >= full->len ||
              g_array_index (part, gsize, i) != g_array_index (full, gsize, i))
            g_error ("prefix %" G_GSIZE_FORMAT " has boundary %u that the whole text lacks",
                     prefix, i);
        }

      if (i < full->len && g_array_index (full, gsize, i) < prefix)
        g_error ("prefix %" G_GSIZE_FORMAT " misses boundary %u", prefix, i);
    }

  return 0;
}
