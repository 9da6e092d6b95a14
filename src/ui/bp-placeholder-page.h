/* bp-placeholder-page.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_PLACEHOLDER_PAGE (bp_placeholder_page_get_type ())

G_DECLARE_FINAL_TYPE (BpPlaceholderPage, bp_placeholder_page, BP, PLACEHOLDER_PAGE, GtkWidget)

const char *bp_placeholder_page_get_command (BpPlaceholderPage *self);
void        bp_placeholder_page_set_command (BpPlaceholderPage *self,
                                             const char        *command);

G_END_DECLS
