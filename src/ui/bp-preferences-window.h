/* bp-preferences-window.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_PREFERENCES_WINDOW (bp_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (BpPreferencesWindow, bp_preferences_window, BP, PREFERENCES_WINDOW, AdwPreferencesWindow)

BpPreferencesWindow *bp_preferences_window_new          (BpApplication       *application);
gboolean             bp_preferences_window_get_loading  (BpPreferencesWindow *self);

G_END_DECLS
