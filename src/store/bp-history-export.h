/* bp-history-export.h
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

/* The "format" member of an exported JSON file, and its version. */
#define BP_HISTORY_EXPORT_JSON_FORMAT  "bedrock-playground-conversation"
#define BP_HISTORY_EXPORT_JSON_VERSION 1

char     *bp_history_export_markdown     (const BpConversationRecord  *conversation,
                                          GPtrArray                   *messages);
char     *bp_history_export_json         (const BpConversationRecord  *conversation,
                                          GPtrArray                   *messages);

void      bp_history_export_write_async  (GFile                       *file,
                                          const char                  *contents,
                                          GCancellable                *cancellable,
                                          GAsyncReadyCallback          callback,
                                          gpointer                     user_data);
gboolean  bp_history_export_write_finish (GAsyncResult                *result,
                                          GError                     **error);

G_END_DECLS
