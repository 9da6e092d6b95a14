/* bp-chat-reply-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-chat-reply.h"

G_BEGIN_DECLS

/* The reply's instance struct, shared by bp-chat-reply.c (accessors) and
 * bp-chat-reply-apply.c (stream events). */

typedef struct
{
  guint    block_index;
  char    *id;      /* (owned) (nullable) */
  char    *name;    /* (owned) (nullable) */
  GString *input;   /* (owned) */
} BpChatReplyToolUse;

struct _BpChatReply
{
  gatomicrefcount  ref_count;
  GString         *text;                 /* (owned) */
  GString         *reasoning_text;       /* (owned) (nullable) */
  char            *reasoning_signature;  /* (owned) (nullable) */
  GBytes          *redacted_reasoning;   /* (owned) (nullable) */
  GPtrArray       *tool_uses;            /* (owned) of BpChatReplyToolUse */
  BpStopReason     stop_reason;
  char            *stop_reason_string;   /* (owned) (nullable) */
  BpUsage          usage;
  gint64           latency_ms;
  gint64           first_byte_latency_ms;
  gint64           ttft_ms;
  gint64           start_time_us;        /* -1 when not given */
  gint64           total_ms;             /* -1 when not known */
  char            *model_id;             /* (owned) (nullable) */
  gboolean         complete;
};

G_END_DECLS
