/* bp-test-gtk-utils.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*BpTestCondition) (gpointer data);

void       bp_test_gtk_init              (int              *argc,
                                          char           ***argv);
gboolean   bp_test_wait_until            (BpTestCondition   condition,
                                          gpointer          data,
                                          guint             timeout_ms);
void       bp_test_wait_for_frames       (GtkWidget        *widget,
                                          guint             n_frames);
void       bp_test_save_screenshot       (GtkWidget        *widget,
                                          const char       *file_name);
GPtrArray *bp_test_collect_texts         (GtkWidget        *root,
                                          gboolean          mapped_only);
gboolean   bp_test_shows_text            (GtkWidget        *root,
                                          const char       *text);
void       bp_test_assert_no_text        (GtkWidget        *root,
                                          const char       *secret);
GtkWidget *bp_test_find_widget           (GtkWidget        *root,
                                          GType             type,
                                          gboolean          mapped_only);
gboolean   bp_test_activate_shortcut     (GtkWidget        *widget,
                                          guint             keyval,
                                          GdkModifierType   modifiers);

G_END_DECLS
