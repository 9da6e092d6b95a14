/* bp-message-row.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-chat-item.h"
#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_MESSAGE_ROW (bp_message_row_get_type ())

G_DECLARE_FINAL_TYPE (BpMessageRow, bp_message_row, BP, MESSAGE_ROW, GtkWidget)

GtkWidget      *bp_message_row_new               (void);
BpChatItem     *bp_message_row_get_item          (BpMessageRow *self);
void            bp_message_row_set_item          (BpMessageRow *self,
                                                  BpChatItem   *item);
BpMarkdownView *bp_message_row_get_markdown_view (BpMessageRow *self);
char           *bp_message_row_dup_footer_text   (BpMessageRow *self);
void            bp_message_row_begin_edit        (BpMessageRow *self);

char           *bp_message_row_format_stats      (BpChatItem   *item);

G_END_DECLS
