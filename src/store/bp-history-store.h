/* bp-history-store.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-history-types.h"
#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_HISTORY_STORE  (bp_history_store_get_type ())
#define BP_HISTORY_STORE_ERROR (bp_history_store_error_quark ())

/**
 * BpHistoryStoreError:
 * @BP_HISTORY_STORE_ERROR_OPEN: the database or its folder cannot be
 *   created or opened (permissions, read-only disk). Fix the folder.
 * @BP_HISTORY_STORE_ERROR_CORRUPT: the file is not a database or is
 *   damaged. Move it aside to start a new history.
 * @BP_HISTORY_STORE_ERROR_NEWER_VERSION: a newer version of the app wrote
 *   the database. Update the app.
 * @BP_HISTORY_STORE_ERROR_IO: reading or writing failed (disk full, I/O
 *   error). Free some space and try again.
 * @BP_HISTORY_STORE_ERROR_NOT_FOUND: the conversation, message or image is
 *   not (or no longer) in the history.
 * @BP_HISTORY_STORE_ERROR_LOCKED: another program held the database locked
 *   for longer than the busy timeout. Close other copies of the app.
 *
 * Error codes of %BP_HISTORY_STORE_ERROR. Append new codes; never renumber.
 * Cancellation is %G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  BP_HISTORY_STORE_ERROR_OPEN,
  BP_HISTORY_STORE_ERROR_CORRUPT,
  BP_HISTORY_STORE_ERROR_NEWER_VERSION,
  BP_HISTORY_STORE_ERROR_IO,
  BP_HISTORY_STORE_ERROR_NOT_FOUND,
  BP_HISTORY_STORE_ERROR_LOCKED,
} BpHistoryStoreError;

G_DECLARE_FINAL_TYPE (BpHistoryStore, bp_history_store, BP, HISTORY_STORE, GObject)

GQuark          bp_history_store_error_quark             (void);

char           *bp_history_store_dup_default_path        (void);

/* Opening. The store runs every SQLite call on one worker thread of its
 * own, in the order the calls were made; every result comes back on the
 * thread-default main context of the caller. Cancelling a call that has not
 * started yet skips it; a write that has started completes. */
void            bp_history_store_open_async              (const char            *path,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
BpHistoryStore *bp_history_store_open_finish             (GAsyncResult          *result,
                                                          GError               **error);
const char     *bp_history_store_get_path                (BpHistoryStore        *self);
const char     *bp_history_store_get_images_dir          (BpHistoryStore        *self);

/* Conversations */
void            bp_history_store_create_conversation_async   (BpHistoryStore              *self,
                                                              const BpConversationRecord  *record,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
gint64          bp_history_store_create_conversation_finish  (BpHistoryStore              *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
void            bp_history_store_get_conversation_async      (BpHistoryStore              *self,
                                                              gint64                       conversation_id,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
BpConversationRecord *bp_history_store_get_conversation_finish (BpHistoryStore            *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
void            bp_history_store_update_conversation_async   (BpHistoryStore              *self,
                                                              const BpConversationRecord  *record,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
gboolean        bp_history_store_update_conversation_finish  (BpHistoryStore              *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
void            bp_history_store_rename_conversation_async   (BpHistoryStore              *self,
                                                              gint64                       conversation_id,
                                                              const char                  *title,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
gboolean        bp_history_store_rename_conversation_finish  (BpHistoryStore              *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
void            bp_history_store_delete_conversation_async   (BpHistoryStore              *self,
                                                              gint64                       conversation_id,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
gboolean        bp_history_store_delete_conversation_finish  (BpHistoryStore              *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
void            bp_history_store_undelete_conversation_async (BpHistoryStore              *self,
                                                              gint64                       conversation_id,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
gboolean        bp_history_store_undelete_conversation_finish (BpHistoryStore             *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
void            bp_history_store_purge_deleted_async         (BpHistoryStore              *self,
                                                              gint64                       conversation_id,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
guint           bp_history_store_purge_deleted_finish        (BpHistoryStore              *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
void            bp_history_store_list_conversations_async    (BpHistoryStore              *self,
                                                              const char                  *search,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
GPtrArray      *bp_history_store_list_conversations_finish   (BpHistoryStore              *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);

/* Messages */
void            bp_history_store_load_messages_async         (BpHistoryStore              *self,
                                                              gint64                       conversation_id,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
GPtrArray      *bp_history_store_load_messages_finish        (BpHistoryStore              *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
void            bp_history_store_append_message_async        (BpHistoryStore              *self,
                                                              const BpMessageRecord       *record,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
gint64          bp_history_store_append_message_finish       (BpHistoryStore              *self,
                                                              GAsyncResult                *result,
                                                              guint                       *position,
                                                              GError                     **error);
void            bp_history_store_update_message_async        (BpHistoryStore              *self,
                                                              const BpMessageRecord       *record,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
gboolean        bp_history_store_update_message_finish       (BpHistoryStore              *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
void            bp_history_store_truncate_conversation_async (BpHistoryStore              *self,
                                                              gint64                       conversation_id,
                                                              guint                        n_keep,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
guint           bp_history_store_truncate_conversation_finish (BpHistoryStore             *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
void            bp_history_store_get_usage_async             (BpHistoryStore              *self,
                                                              gint64                       conversation_id,
                                                              gint64                       since_ms,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
gboolean        bp_history_store_get_usage_finish            (BpHistoryStore              *self,
                                                              GAsyncResult                *result,
                                                              BpHistoryUsage              *usage,
                                                              GError                     **error);

/* Images */
void            bp_history_store_add_image_async             (BpHistoryStore              *self,
                                                              const BpImageRecord         *record,
                                                              GBytes                      *image,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
BpImageRecord  *bp_history_store_add_image_finish            (BpHistoryStore              *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
void            bp_history_store_list_images_async           (BpHistoryStore              *self,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
GPtrArray      *bp_history_store_list_images_finish          (BpHistoryStore              *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
void            bp_history_store_delete_image_async          (BpHistoryStore              *self,
                                                              gint64                       image_id,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
gboolean        bp_history_store_delete_image_finish         (BpHistoryStore              *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
char           *bp_history_store_dup_image_path              (BpHistoryStore              *self,
                                                              const BpImageRecord         *record);

G_END_DECLS
