/* bp-chat-page-retry.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-bedrock-error.h"
#include "bp-chat-page-private.h"

/* While the client waits to try a failed request again (throttling, a
 * busy or failing service), the reply that waits says so, with a
 * countdown. The client tells which call it retries by the cancellable the
 * call was made with: only the page's own reply counts. */

#define COUNTDOWN_INTERVAL_MS 250

static gboolean
is_busy_error (const GError *error)
{
  return g_error_matches (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_THROTTLED) ||
         g_error_matches (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_QUOTA_EXCEEDED) ||
         g_error_matches (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_MODEL_NOT_READY) ||
         g_error_matches (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_SERVICE_UNAVAILABLE);
}

static char *
format_status (BpChatPage *self,
               gint64      remaining_s)
{
  if (remaining_s <= 0)
    return g_strdup (self->retry_busy ? _("Bedrock is busy, retrying…")
                                      : _("The request failed, retrying…"));

  if (self->retry_busy)
    /* Translators: a countdown while a throttled request waits: seconds,
     * then the attempt about to start and how many there are */
    return g_strdup_printf (_("Bedrock is busy, retrying in %d s (attempt %u of %u)…"),
                            (int) remaining_s, self->retry_attempt, self->retry_max_attempts);

  /* Translators: a countdown while a failed request waits: seconds, then
   * the attempt about to start and how many there are */
  return g_strdup_printf (_("The request failed, retrying in %d s (attempt %u of %u)…"),
                          (int) remaining_s, self->retry_attempt, self->retry_max_attempts);
}

static gboolean
countdown_cb (gpointer user_data)
{
  BpChatPage *self = user_data;
  g_autofree char *status = NULL;
  gint64 remaining_us = self->retry_deadline_us - g_get_monotonic_time ();
  gint64 remaining_s = remaining_us > 0 ? (remaining_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC : 0;

  if (self->reply_item == NULL)
    {
      self->retry_source = 0;
      return G_SOURCE_REMOVE;
    }

  status = format_status (self, remaining_s);
  bp_chat_item_set_status_text (self->reply_item, status);

  if (remaining_s > 0)
    return G_SOURCE_CONTINUE;

  self->retry_source = 0;
  return G_SOURCE_REMOVE;
}

static void
retry_scheduled_cb (BpChatPage      *self,
                    GCancellable    *cancellable,
                    guint            attempt,
                    guint            max_attempts,
                    guint            delay_ms,
                    const GError    *error,
                    BpBedrockClient *client)
{
  g_assert (BP_IS_CHAT_PAGE (self));

  if (self->disposed || self->reply_item == NULL || cancellable == NULL ||
      cancellable != self->send_cancellable)
    return;

  g_debug ("Attempt %u of %u failed, retrying in %u ms", attempt, max_attempts, delay_ms);

  self->retry_deadline_us = g_get_monotonic_time () + (gint64) delay_ms * 1000;
  self->retry_attempt = attempt + 1;
  self->retry_max_attempts = max_attempts;
  self->retry_busy = is_busy_error (error);

  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (countdown_cb (self))
    self->retry_source = g_timeout_add (COUNTDOWN_INTERVAL_MS, countdown_cb, self);
}

/**
 * _bp_chat_page_follow_retries:
 * @self: a #BpChatPage
 * @client: (nullable): the page's new client
 *
 * Shows the retries of @client's calls for the page's reply, and no
 * longer those of the page's current client.
 */
void
_bp_chat_page_follow_retries (BpChatPage      *self,
                              BpBedrockClient *client)
{
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_func (self->client, retry_scheduled_cb, self);

  if (client != NULL)
    g_signal_connect_object (client, "retry-scheduled", G_CALLBACK (retry_scheduled_cb),
                             self, G_CONNECT_SWAPPED);
}

/**
 * _bp_chat_page_stop_countdown:
 * @self: a #BpChatPage
 *
 * Ends the countdown of a retry: the reply arrived or failed.
 */
void
_bp_chat_page_stop_countdown (BpChatPage *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
}
