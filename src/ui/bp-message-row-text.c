/* bp-message-row-text.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-message-row"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-message-row-private.h"
#include "bp-pricing.h"

/* The words of a message row: the figures of a reply's footer and the
 * labels of the buttons that act on an error. */

static char *
format_seconds (gint64 ms)
{
  if (ms < 10000)
    /* Translators: a duration in seconds, e.g. "0.42 s" */
    return g_strdup_printf (_("%.2f s"), (double) ms / 1000.0);

  /* Translators: a duration in seconds, e.g. "12.5 s" */
  return g_strdup_printf (_("%.1f s"), (double) ms / 1000.0);
}

/* Each part stays on one line: the footer wraps only between parts. */
static void
add_part (GPtrArray  *parts,
          char       *part)
{
  g_auto(GStrv) words = g_strsplit (part, " ", -1);
  g_autofree char *joined = g_strjoinv ("\u00a0", words);
  g_auto(GStrv) pieces = g_strsplit (joined, "/", -1);

  /* No break after a slash either ("tokens/s"): a word joiner holds it. */
  g_ptr_array_add (parts, g_strjoinv ("/\u2060", pieces));
  g_free (part);
}

static void
add_tokens (GPtrArray  *parts,
            BpChatItem *item)
{
  gint64 in = bp_chat_item_get_input_tokens (item);
  gint64 out = bp_chat_item_get_output_tokens (item);
  gint64 ttft = bp_chat_item_get_ttft_ms (item);
  gint64 total = bp_chat_item_get_total_ms (item);

  if (in >= 0 && out >= 0)
    /* Translators: token counts of a reply: input → output */
    add_part (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld → %lld token",
                                                   "%lld → %lld tokens", (gulong) out),
                                      (long long) in, (long long) out));
  else if (out >= 0)
    add_part (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld output token",
                                                   "%lld output tokens", (gulong) out),
                                      (long long) out));

  /* The rate of the stream itself, from the first token to the end; when
   * nearly all of it came at once (no streaming), over the whole time. */
  if (out > 0 && total > 0)
    {
      gint64 span = ttft >= 0 && total - ttft >= total / 5 ? total - ttft : total;

      /* Translators: output speed, e.g. "114 tokens/s" */
      add_part (parts, g_strdup_printf (_("%.0f tokens/s"), (double) out * 1000.0 / (double) span));
    }
}

/**
 * bp_message_row_format_stats:
 * @item: an assistant item
 *
 * Formats the footer of a reply: model, time to first token, total time,
 * tokens in and out, tokens per second and the estimated cost, each part
 * only when it is known.
 *
 * Returns: (transfer full): the footer text
 */
char *
bp_message_row_format_stats (BpChatItem *item)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  const char *model = bp_chat_item_get_model_name (item);
  gint64 ttft = bp_chat_item_get_ttft_ms (item);
  gint64 total = bp_chat_item_get_total_ms (item);
  double cost = bp_chat_item_get_cost_usd (item);

  g_return_val_if_fail (BP_IS_CHAT_ITEM (item), NULL);

  if (model == NULL)
    model = bp_chat_item_get_model_id (item);
  if (model != NULL)
    add_part (parts, g_strdup (model));

  if (ttft >= 0)
    {
      g_autofree char *seconds = format_seconds (ttft);

      /* Translators: time to the first token, e.g. "first token 0.42 s" */
      add_part (parts, g_strdup_printf (_("first token %s"), seconds));
    }
  if (total >= 0)
    {
      g_autofree char *seconds = format_seconds (total);

      /* Translators: the time of the whole reply, e.g. "total 2.10 s" */
      add_part (parts, g_strdup_printf (_("total %s"), seconds));
    }

  add_tokens (parts, item);

  if (cost >= 0)
    {
      g_autofree char *usd = bp_pricing_format_usd (cost);

      /* Translators: the estimated cost of a reply, e.g. "≈ $0.0003" */
      add_part (parts, g_strdup_printf (_("≈ %s"), usd));
    }

  return g_strjoinv (" · ", (char **) parts->pdata);
}

/**
 * _bp_message_row_action_label:
 * @action: what an error offers
 *
 * Returns: (nullable): the label of the button that does it, with a
 *   mnemonic, or %NULL when there is nothing to do
 */
const char *
_bp_message_row_action_label (BpErrorAction action)
{
  switch (action)
    {
    case BP_ERROR_ACTION_RETRY:
      return _("_Retry");
    case BP_ERROR_ACTION_USE_INFERENCE_PROFILE:
      return _("Use _Inference Profile");
    case BP_ERROR_ACTION_OPEN_PREFERENCES:
      return _("Open _Preferences");
    case BP_ERROR_ACTION_OPEN_CONNECTION:
      return _("Open _Connection");
    case BP_ERROR_ACTION_SIGN_IN_SSO:
      return _("_Sign In…");
    case BP_ERROR_ACTION_CHOOSE_MODEL:
      return _("_Choose Model");
    case BP_ERROR_ACTION_NONE:
    default:
      return NULL;
    }
}
