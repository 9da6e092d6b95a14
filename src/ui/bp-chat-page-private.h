/* bp-chat-page-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-bedrock-client.h"
#include "bp-chat-item.h"
#include "bp-chat-page.h"
#include "bp-history-store.h"
#include "bp-model-catalogue.h"
#include "bp-parameter-panel.h"
#include "bp-tail-model.h"

G_BEGIN_DECLS

/* How often a streaming reply is written to the history. */
#define BP_CHAT_PAGE_SAVE_INTERVAL_MS 1000

/* What the page knows of an item's place in the history (see
 * bp-chat-page-history.c); reference-counted with g_rc_box. */
typedef struct
{
  gint64   conversation_id;  /* 0 until the conversation exists */
  gboolean in_flight;        /* a write of the item is under way */
  gboolean dirty;            /* the item changed since its last write */
  gboolean forgotten;        /* the item was removed: write nothing more */
} SaveState;

typedef enum
{
  BP_CHAT_EXPORT_MARKDOWN,
  BP_CHAT_EXPORT_JSON,
} BpChatExportFormat;

/* The page is split by concern: bp-chat-page.c (widget, properties,
 * public API), -view.c (list view, scrolling, toolbar, prompt), -panel.c
 * (the parameter panel beside or over the conversation), -memory.c (the
 * turns a request carries, the context window, CountTokens), -send.c
 * (requests, the reply stream, errors), -edit.c (regenerate, edit
 * and resend, error actions, stop), -retry.c (the countdown of a retry),
 * -history.c (the history store:
 * opening, saving), -load.c (opening a conversation, export) and
 * -actions.c (the "chat." actions, keys, dialogs). */
struct _BpChatPage
{
  GtkWidget             parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *sidebar_flap;
  GtkWidget            *sidebar_slot;
  GtkWidget            *sidebar_button;
  AdwFlap              *panel_flap;
  GtkLabel             *title_label;
  GtkLabel             *totals_label;
  GtkToggleButton      *panel_button;
  GtkRevealer          *history_revealer;
  GtkLabel             *history_label;
  GtkStack             *content_stack;
  GtkScrolledWindow    *scroller;
  GtkListView          *list_view;
  GtkTextView          *prompt_view;
  GtkWidget            *prompt_placeholder;
  GtkStack             *send_stack;
  BpParameterPanel     *panel;

  /* owned references */
  GListStore           *messages;         /* of BpChatItem */
  BpTailModel          *view_model;       /* the end of messages, as shown */
  BpBedrockClient      *client;           /* (nullable) */
  BpModelCatalogue     *catalogue;
  BpHistoryStore       *store;            /* (nullable) until opened */
  GSettings            *settings;
  GCancellable         *cancellable;      /* the page's life: cancelled in dispose */
  GCancellable         *send_cancellable; /* (nullable) the reply in flight */
  BpChatItem           *reply_item;       /* (nullable) the reply in flight */
  BpChatItem           *memory_item;      /* (nullable) where the memory begins */
  BpConversationRecord *conversation;     /* id 0 until created in the history */
  GHashTable           *save_states;      /* BpChatItem → (rc) SaveState */
  GHashTable           *uncountable_models; /* (element-type utf8) no CountTokens */
  char                 *history_path;     /* (nullable) */
  char                 *history_error;    /* (nullable) */

  GdkFrameClock        *scroll_clock;     /* (nullable) weak */
  gulong                scroll_handler;   /* scroll to the end after the next paint */
  guint                 next_serial;
  guint                 save_source;
  guint                 show_more_source; /* older messages come into view */
  gint64                pending_load_id;  /* a load waiting for the store, or 0 */
  gint64                send_start_us;

  /* The countdown of a retry of the reply in flight. */
  guint                 retry_source;
  gint64                retry_deadline_us;
  guint                 retry_attempt;
  guint                 retry_max_attempts;

  /* Totals of the replies received since the page was made. */
  gint64                session_input_tokens;
  gint64                session_output_tokens;
  double                session_cost_usd;
  guint                 session_unpriced;

  guint                 opening_store : 1;
  guint                 store_failed : 1;    /* opening failed: not tried again */
  guint                 creating_conversation : 1;
  guint                 stick_to_bottom : 1;
  guint                 panel_visible : 1;
  guint                 disposed : 1;
  guint                 retry_busy : 1;
};

/* bp-chat-page-view.c */
void        _bp_chat_page_init_view            (BpChatPage         *self);
BpChatItem *_bp_chat_page_new_item             (BpChatPage         *self,
                                                BpChatRole          role,
                                                const char         *text);
BpChatItem *_bp_chat_page_find_item            (BpChatPage         *self,
                                                guint               serial,
                                                guint              *position);
void        _bp_chat_page_update_last          (BpChatPage         *self);
void        _bp_chat_page_update_title         (BpChatPage         *self);
void        _bp_chat_page_update_totals        (BpChatPage         *self);
void        _bp_chat_page_toast                (BpChatPage         *self,
                                                const char         *message);
char       *_bp_chat_page_dup_prompt           (BpChatPage         *self);
void        _bp_chat_page_set_prompt           (BpChatPage         *self,
                                                const char         *text);
void        _bp_chat_page_scroll_to_bottom     (BpChatPage         *self);
const char *_bp_chat_page_get_model_name       (BpChatPage         *self,
                                                const char         *model_id);

/* bp-chat-page.c */
void        _bp_chat_page_update_busy          (BpChatPage         *self);
void        _bp_chat_page_notify_panel_visible (BpChatPage         *self);
void        _bp_chat_page_conversation_changed (BpChatPage         *self);
void        _bp_chat_page_notify_conversation_id (BpChatPage       *self);

/* bp-chat-page-panel.c */
void        _bp_chat_page_init_panel           (BpChatPage         *self);
void        _bp_chat_page_set_panel_visible    (BpChatPage         *self,
                                                gboolean            visible);
void        _bp_chat_page_follow_client        (BpChatPage         *self,
                                                BpBedrockClient    *client);
void        _bp_chat_page_check_model_access   (BpChatPage         *self,
                                                const char         *model_id,
                                                gboolean            again);

/* bp-chat-page-retry.c */
void        _bp_chat_page_follow_retries       (BpChatPage         *self,
                                                BpBedrockClient    *client);
void        _bp_chat_page_stop_countdown       (BpChatPage         *self);

/* bp-chat-page-memory.c */
gboolean    _bp_chat_page_is_empty_reply       (BpChatItem         *item);
GPtrArray  *_bp_chat_page_collect_turns        (BpChatPage         *self);
BpChatRequest *_bp_chat_page_build_request     (BpChatPage         *self,
                                                GPtrArray          *turns);
BpModelInfo *_bp_chat_page_current_info        (BpChatPage         *self);
int         _bp_chat_page_fit                  (BpChatPage         *self,
                                                BpChatRequest      *request,
                                                GPtrArray          *turns,
                                                gint64              counted_tokens,
                                                GError            **error);
gboolean    _bp_chat_page_wants_count          (BpChatPage         *self,
                                                BpChatRequest      *request,
                                                GPtrArray          *turns);
void        _bp_chat_page_count_tokens_async   (BpChatPage         *self,
                                                BpChatRequest      *request,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
gint64      _bp_chat_page_count_tokens_finish  (BpChatPage         *self,
                                                GAsyncResult       *result,
                                                GError            **error);
void        _bp_chat_page_set_memory_item      (BpChatPage         *self,
                                                BpChatItem         *item);
void        _bp_chat_page_update_memory        (BpChatPage         *self);

/* bp-chat-page-send.c */
gboolean    _bp_chat_page_send_prompt          (BpChatPage         *self,
                                                const char         *prompt);
void        _bp_chat_page_start_reply          (BpChatPage         *self,
                                                const char         *prompt);
gboolean    _bp_chat_page_check_model          (BpChatPage         *self);

/* bp-chat-page-edit.c */
void        _bp_chat_page_regenerate           (BpChatPage         *self,
                                                BpChatItem         *item);
void        _bp_chat_page_resend               (BpChatPage         *self,
                                                BpChatItem         *item,
                                                const char         *text);
void        _bp_chat_page_error_action         (BpChatPage         *self,
                                                BpChatItem         *item);
void        _bp_chat_page_stop                 (BpChatPage         *self);
void        _bp_chat_page_remove_from          (BpChatPage         *self,
                                                guint               position);

/* bp-chat-page-history.c */
void        _bp_chat_page_show_problem         (BpChatPage         *self,
                                                const GError       *error);
void        _bp_chat_page_ensure_store         (BpChatPage         *self);
void        _bp_chat_page_save_item            (BpChatPage         *self,
                                                BpChatItem         *item);
void        _bp_chat_page_forget_item          (BpChatPage         *self,
                                                BpChatItem         *item);
void        _bp_chat_page_truncate_history     (BpChatPage         *self,
                                                guint               n_keep);
void        _bp_chat_page_save_conversation    (BpChatPage         *self);
void        _bp_chat_page_start_saving         (BpChatPage         *self);
void        _bp_chat_page_stop_saving          (BpChatPage         *self);

/* bp-chat-page-load.c */
void        _bp_chat_page_load                 (BpChatPage         *self,
                                                gint64              conversation_id);
void        _bp_chat_page_export_async         (BpChatPage         *self,
                                                BpChatExportFormat  format,
                                                GFile              *file,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
gboolean    _bp_chat_page_export_finish        (BpChatPage         *self,
                                                GAsyncResult       *result,
                                                GError            **error);

/* bp-chat-page-actions.c */
void        _bp_chat_page_class_init_actions   (GtkWidgetClass     *widget_class);
void        _bp_chat_page_init_actions         (BpChatPage         *self);
void        _bp_chat_page_show_request         (BpChatPage         *self,
                                                BpChatItem         *item);

G_END_DECLS
