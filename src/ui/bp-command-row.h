/* bp-command-row.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_COMMAND_ROW (bp_command_row_get_type ())

G_DECLARE_FINAL_TYPE (BpCommandRow, bp_command_row, BP, COMMAND_ROW, AdwPreferencesRow)

GtkWidget  *bp_command_row_new         (const char   *command);
const char *bp_command_row_get_command (BpCommandRow *self);
void        bp_command_row_set_command (BpCommandRow *self,
                                        const char   *command);

G_END_DECLS
