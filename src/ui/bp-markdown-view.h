/* bp-markdown-view.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_MARKDOWN_VIEW (bp_markdown_view_get_type ())

G_DECLARE_FINAL_TYPE (BpMarkdownView, bp_markdown_view, BP, MARKDOWN_VIEW, GtkWidget)

GtkWidget  *bp_markdown_view_new      (void);
const char *bp_markdown_view_get_text (BpMarkdownView *self);
void        bp_markdown_view_set_text (BpMarkdownView *self,
                                       const char     *text);
void        bp_markdown_view_append   (BpMarkdownView *self,
                                       const char     *delta);
void        bp_markdown_view_finish   (BpMarkdownView *self);

G_END_DECLS
