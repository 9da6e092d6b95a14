/* bp-test-utils.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void    bp_test_init          (int         *argc,
                               char      ***argv);
char   *bp_test_data_path     (const char  *first_element,
                               ...) G_GNUC_NULL_TERMINATED;
GBytes *bp_test_read_data     (const char  *first_element,
                               ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
