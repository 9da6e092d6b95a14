/* bp-markdown-split.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean bp_markdown_split_next (const char *text,
                                 gsize       len,
                                 gsize       from,
                                 gsize      *boundary);

G_END_DECLS
