/* bp-chat-page.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_CHAT_PAGE (bp_chat_page_get_type ())

G_DECLARE_FINAL_TYPE (BpChatPage, bp_chat_page, BP, CHAT_PAGE, GtkWidget)

/* The environment variable that overrides where the history lives (tests,
 * a second profile); the "history-path" property wins over it. */
#define BP_CHAT_PAGE_HISTORY_PATH_ENV "BP_HISTORY_PATH"

GtkWidget        *bp_chat_page_new                  (const char       *history_path);
BpBedrockClient  *bp_chat_page_get_client           (BpChatPage       *self);
void              bp_chat_page_set_client           (BpChatPage       *self,
                                                     BpBedrockClient  *client);
BpModelCatalogue *bp_chat_page_get_catalogue        (BpChatPage       *self);
void              bp_chat_page_set_catalogue        (BpChatPage       *self,
                                                     BpModelCatalogue *catalogue);
BpParameterPanel *bp_chat_page_get_parameter_panel  (BpChatPage       *self);
const char       *bp_chat_page_get_history_path     (BpChatPage       *self);
BpHistoryStore   *bp_chat_page_get_history_store    (BpChatPage       *self);
void              bp_chat_page_set_history_store    (BpChatPage       *self,
                                                     BpHistoryStore   *store);
void              bp_chat_page_open_history         (BpChatPage       *self);
gint64            bp_chat_page_get_conversation_id  (BpChatPage       *self);
void              bp_chat_page_load_conversation    (BpChatPage       *self,
                                                     gint64            conversation_id);
void              bp_chat_page_new_conversation     (BpChatPage       *self);
void              bp_chat_page_set_sidebar          (BpChatPage       *self,
                                                     GtkWidget        *sidebar);
gboolean          bp_chat_page_get_busy             (BpChatPage       *self);
GListModel       *bp_chat_page_get_messages         (BpChatPage       *self);
void              bp_chat_page_send                 (BpChatPage       *self,
                                                     const char       *prompt);
void              bp_chat_page_stop                 (BpChatPage       *self);

G_END_DECLS
