/* bp-window.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_WINDOW (bp_window_get_type ())

G_DECLARE_FINAL_TYPE (BpWindow, bp_window, BP, WINDOW, AdwApplicationWindow)

BpWindow         *bp_window_new                 (BpApplication *application);
BpConnectionPage *bp_window_get_connection_page (BpWindow      *self);
void              bp_window_show_connection     (BpWindow      *self);
void              bp_window_show_views          (BpWindow      *self);
const char       *bp_window_get_visible_page    (BpWindow      *self);
void              bp_window_set_visible_page    (BpWindow      *self,
                                                 const char    *name);

G_END_DECLS
