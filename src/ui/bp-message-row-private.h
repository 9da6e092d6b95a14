/* bp-message-row-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-message-row.h"

G_BEGIN_DECLS

/* A list view of a long conversation makes up to two hundred rows at
 * once, and GtkBuilder takes most of a row's cost. So the template holds
 * only what every row shows (text, footer), and bp-message-row-parts.c
 * builds the rest the first time a row needs it: the memory separator,
 * the editor of a sent message, the reasoning, the waiting status and the
 * error card. */
struct _BpMessageRow
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkBox          *box;
  GtkLabel        *role_label;
  GtkLabel        *user_label;
  BpMarkdownView  *markdown_view;
  GtkWidget       *footer_box;
  GtkLabel        *incomplete_label;
  GtkWidget       *footer_bin;
  GtkLabel        *footer_label;
  GtkWidget       *edit_button;
  GtkWidget       *regenerate_button;
  GtkWidget       *request_button;

  /* parts made when first needed; (nullable) */
  GtkWidget       *memory_separator;
  GtkWidget       *edit_box;
  GtkTextView     *edit_view;
  GtkExpander     *thinking_expander;
  GtkLabel        *reasoning_label;
  GtkWidget       *status_box;
  GtkSpinner      *spinner;
  GtkLabel        *status_label;
  GtkWidget       *error_box;
  GtkLabel        *error_title;
  GtkLabel        *error_body;
  GtkLabel        *error_detail;
  GtkWidget       *error_retry_button;
  GtkButton       *error_action_button;

  /* owned references */
  BpChatItem      *item;          /* (nullable) */
  GSignalGroup    *item_signals;

  guint            reasoning_tick;
};

void _bp_message_row_show_memory_separator (BpMessageRow *self,
                                            gboolean      visible);
void _bp_message_row_ensure_edit_box       (BpMessageRow *self);
void _bp_message_row_ensure_thinking       (BpMessageRow *self);
void _bp_message_row_ensure_status         (BpMessageRow *self);
void _bp_message_row_ensure_error          (BpMessageRow *self);
void _bp_message_row_cancel_edit           (BpMessageRow *self);
void _bp_message_row_submit_edit           (BpMessageRow *self);
void _bp_message_row_set_targets           (BpMessageRow *self);

const char *_bp_message_row_action_label   (BpErrorAction action);

G_END_DECLS
