/* bp-chat-reply-usage.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-reply"

#include "config.h"

#include <string.h>

#include "bp-chat-reply.h"

/* The value types of a reply: stop reasons and token usage. */

static const char * const stop_reason_names[] = {
  [BP_STOP_REASON_NONE] = NULL,
  [BP_STOP_REASON_END_TURN] = "end_turn",
  [BP_STOP_REASON_TOOL_USE] = "tool_use",
  [BP_STOP_REASON_MAX_TOKENS] = "max_tokens",
  [BP_STOP_REASON_STOP_SEQUENCE] = "stop_sequence",
  [BP_STOP_REASON_GUARDRAIL_INTERVENED] = "guardrail_intervened",
  [BP_STOP_REASON_CONTENT_FILTERED] = "content_filtered",
  [BP_STOP_REASON_MALFORMED_MODEL_OUTPUT] = "malformed_model_output",
  [BP_STOP_REASON_MALFORMED_TOOL_USE] = "malformed_tool_use",
  [BP_STOP_REASON_MODEL_CONTEXT_WINDOW_EXCEEDED] = "model_context_window_exceeded",
  [BP_STOP_REASON_OTHER] = "other",
};

/**
 * bp_stop_reason_from_string:
 * @converse_reason: (nullable): a Converse `stopReason` value
 *
 * Returns: the matching reason; %BP_STOP_REASON_NONE for %NULL and
 *   %BP_STOP_REASON_OTHER for a value this version does not know
 */
BpStopReason
bp_stop_reason_from_string (const char *converse_reason)
{
  if (converse_reason == NULL)
    return BP_STOP_REASON_NONE;

  for (guint i = BP_STOP_REASON_END_TURN; i < BP_STOP_REASON_OTHER; i++)
    {
      if (strcmp (converse_reason, stop_reason_names[i]) == 0)
        return (BpStopReason) i;
    }

  return BP_STOP_REASON_OTHER;
}

/**
 * bp_stop_reason_to_string:
 * @reason: a #BpStopReason
 *
 * Returns: (nullable): the Converse spelling of @reason ("other" for
 *   %BP_STOP_REASON_OTHER, %NULL for %BP_STOP_REASON_NONE)
 */
const char *
bp_stop_reason_to_string (BpStopReason reason)
{
  g_return_val_if_fail (reason <= BP_STOP_REASON_OTHER, NULL);

  return stop_reason_names[reason];
}

/**
 * bp_usage_init:
 * @usage: a #BpUsage
 *
 * Marks every count unknown (-1).
 */
void
bp_usage_init (BpUsage *usage)
{
  g_return_if_fail (usage != NULL);

  usage->input_tokens = -1;
  usage->output_tokens = -1;
  usage->total_tokens = -1;
  usage->cache_read_input_tokens = -1;
  usage->cache_write_input_tokens = -1;
}

/**
 * bp_usage_merge:
 * @usage: a #BpUsage
 * @newer: later counts
 *
 * Takes every count @newer knows. Output counts that streams repeat are
 * cumulative, so the last one wins. When @newer has no total but both
 * input and output are known, the total is their sum.
 */
void
bp_usage_merge (BpUsage       *usage,
                const BpUsage *newer)
{
  g_return_if_fail (usage != NULL);
  g_return_if_fail (newer != NULL);

  if (newer->input_tokens >= 0)
    usage->input_tokens = newer->input_tokens;
  if (newer->output_tokens >= 0)
    usage->output_tokens = newer->output_tokens;
  if (newer->cache_read_input_tokens >= 0)
    usage->cache_read_input_tokens = newer->cache_read_input_tokens;
  if (newer->cache_write_input_tokens >= 0)
    usage->cache_write_input_tokens = newer->cache_write_input_tokens;

  if (newer->total_tokens >= 0)
    usage->total_tokens = newer->total_tokens;
  else if (usage->input_tokens >= 0 && usage->output_tokens >= 0)
    usage->total_tokens = usage->input_tokens + usage->output_tokens;
}

/**
 * bp_usage_is_empty:
 * @usage: a #BpUsage
 *
 * Returns: %TRUE if no count is known
 */
gboolean
bp_usage_is_empty (const BpUsage *usage)
{
  g_return_val_if_fail (usage != NULL, TRUE);

  return usage->input_tokens < 0 && usage->output_tokens < 0 &&
         usage->total_tokens < 0 && usage->cache_read_input_tokens < 0 &&
         usage->cache_write_input_tokens < 0;
}
