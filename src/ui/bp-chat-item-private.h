/* bp-chat-item-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-chat-item.h"

G_BEGIN_DECLS

/* BpChatItem is split in two: bp-chat-item.c (the object, its text and
 * state, the history records) and bp-chat-item-fields.c (the plain
 * fields and their accessors). */
struct _BpChatItem
{
  GObject          parent_instance;

  guint            serial;
  BpChatRole       role;
  BpChatItemState  state;

  GString         *text;           /* (owned) */
  GString         *reasoning;      /* (owned) */
  char            *model_id;       /* (owned) (nullable) */
  char            *model_name;     /* (owned) (nullable) */
  char            *invoke_id;      /* (owned) (nullable) */
  char            *stop_reason;    /* (owned) (nullable) */
  char            *request_json;   /* (owned) (nullable) */
  char            *endpoint;       /* (owned) (nullable) */
  char            *region;         /* (owned) (nullable) */
  BpErrorText     *error;          /* (owned) (nullable) */
  char            *error_message;  /* (owned) (nullable) */
  char            *status_text;    /* (owned) (nullable) */

  gint64           input_tokens;
  gint64           output_tokens;
  gint64           ttft_ms;
  gint64           total_ms;
  double           cost_usd;
  gint64           record_id;

  guint            memory_start : 1;
  guint            last : 1;
};

enum
{
  PROP_0,
  PROP_SERIAL,
  PROP_ROLE,
  PROP_TEXT,
  PROP_REASONING,
  PROP_STATE,
  PROP_INCOMPLETE,
  PROP_MODEL_ID,
  PROP_MODEL_NAME,
  PROP_INVOKE_ID,
  PROP_STOP_REASON,
  PROP_STATS,
  PROP_REQUEST_JSON,
  PROP_ERROR,
  PROP_STATUS_TEXT,
  PROP_MEMORY_START,
  PROP_LAST,
  PROP_RECORD_ID,
  N_PROPS
};

extern GParamSpec *_bp_chat_item_properties[N_PROPS];

gboolean _bp_chat_item_replace_string (char       **field,
                                       const char  *value);

G_END_DECLS
