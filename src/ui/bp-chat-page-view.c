/* bp-chat-page-view.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-chat-page-private.h"
#include "bp-message-row.h"
#include "bp-pricing.h"

/* What the page shows: the list view of messages and its scrolling, the
 * title and session totals of the toolbar, the prompt entry. */

/* Scrolled this close to the end counts as "at the bottom". */
#define BOTTOM_SLACK 48.0

/* A conversation opens with its last messages (bp-tail-model.c), and
 * shows this many more each time the user scrolls near the top. */
#define SHOWN_AT_FIRST 40
#define SHOWN_MORE     40

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              BpChatPage               *self)
{
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, bp_message_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             BpChatPage               *self)
{
  BpMessageRow *row = BP_MESSAGE_ROW (gtk_list_item_get_child (list_item));

  bp_message_row_set_item (row, gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               BpChatPage               *self)
{
  BpMessageRow *row = BP_MESSAGE_ROW (gtk_list_item_get_child (list_item));

  bp_message_row_set_item (row, NULL);
}

static void
set_up_list (BpChatPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self, 0);

  self->view_model = bp_tail_model_new (G_LIST_MODEL (self->messages), SHOWN_AT_FIRST);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->view_model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->list_view, factory);
}

static gboolean
at_bottom (BpChatPage *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);

  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
         gtk_adjustment_get_upper (adj) - BOTTOM_SLACK;
}

/* Only the user's scrolling decides whether we follow the end: growth of
 * the content does not, so a reply that pushes the end away is followed
 * while the user had been at the bottom. */
static gboolean
show_more_cb (gpointer data)
{
  BpChatPage *self = data;

  self->show_more_source = 0;
  bp_tail_model_show_more (self->view_model, SHOWN_MORE);

  return G_SOURCE_REMOVE;
}

static void
vadjustment_value_cb (BpChatPage    *self,
                      GtkAdjustment *adj)
{
  g_assert (BP_IS_CHAT_PAGE (self));

  self->stick_to_bottom = at_bottom (self);

  /* Near the top, the older messages come in above, once this scroll
   * is handled. */
  if (gtk_adjustment_get_value (adj) < gtk_adjustment_get_page_size (adj) &&
      bp_tail_model_get_n_hidden (self->view_model) > 0 && self->show_more_source == 0)
    self->show_more_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_more_cb, self, NULL);
}

static void
vadjustment_upper_cb (BpChatPage    *self,
                      GParamSpec    *pspec,
                      GtkAdjustment *adj)
{
  g_assert (BP_IS_CHAT_PAGE (self));

  /* The upper bound changes in the middle of the list view's size
   * allocation, where it does not follow its adjustment: scroll after. */
  if (self->stick_to_bottom)
    _bp_chat_page_scroll_to_bottom (self);
}

static void
after_paint_cb (GdkFrameClock *clock,
                BpChatPage    *self)
{
  GtkAdjustment *adj;
  double bottom;
  guint n;

  g_assert (BP_IS_CHAT_PAGE (self));

  g_clear_signal_handler (&self->scroll_handler, clock);
  g_clear_weak_pointer (&self->scroll_clock);

  if (!self->stick_to_bottom || self->disposed)
    return;

  adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->view_model));
  bottom = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  /* More than a screen away, the end is where the list view guesses from
   * the heights of the rows it made: going there by pixels lands among
   * rows it has not made, whose heights move everything again. Going to
   * the last row instead anchors the list on it. */
  if (n > 0 && bottom - gtk_adjustment_get_value (adj) > gtk_adjustment_get_page_size (adj))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", n - 1);
  else
    gtk_adjustment_set_value (adj, bottom);
  self->stick_to_bottom = TRUE;
}

/**
 * _bp_chat_page_scroll_to_bottom:
 * @self: a #BpChatPage
 *
 * Shows the end of the conversation and follows it from now on. The list
 * view only knows its new height after the next layout, so the scrolling
 * happens after the next frame is painted.
 */
void
_bp_chat_page_scroll_to_bottom (BpChatPage *self)
{
  GdkFrameClock *clock;

  self->stick_to_bottom = TRUE;

  if (self->scroll_handler != 0 || self->disposed ||
      (clock = gtk_widget_get_frame_clock (GTK_WIDGET (self))) == NULL)
    return;

  g_set_weak_pointer (&self->scroll_clock, clock);
  self->scroll_handler = g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb),
                                                  self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
messages_changed_cb (BpChatPage *self,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GListModel *model)
{
  g_assert (BP_IS_CHAT_PAGE (self));

  gtk_stack_set_visible_child_name (self->content_stack,
                                    g_list_model_get_n_items (model) > 0 ? "messages" : "empty");
}

static void
prompt_changed_cb (BpChatPage    *self,
                   GtkTextBuffer *buffer)
{
  g_assert (BP_IS_CHAT_PAGE (self));

  gtk_widget_set_visible (self->prompt_placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
}

/**
 * _bp_chat_page_new_item:
 * @self: a #BpChatPage
 * @role: who wrote it
 * @text: (nullable): its text
 *
 * Returns: (transfer full): a new item with the page's next serial
 */
BpChatItem *
_bp_chat_page_new_item (BpChatPage *self,
                        BpChatRole  role,
                        const char *text)
{
  return bp_chat_item_new (++self->next_serial, role, text);
}

/**
 * _bp_chat_page_find_item:
 * @self: a #BpChatPage
 * @serial: an item's serial
 * @position: (out) (optional): where it is
 *
 * Looks from the end, where the items acted on usually are.
 *
 * Returns: (transfer none) (nullable): the item
 */
BpChatItem *
_bp_chat_page_find_item (BpChatPage *self,
                         guint       serial,
                         guint      *position)
{
  GListModel *model = G_LIST_MODEL (self->messages);

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(BpChatItem) item = g_list_model_get_item (model, i - 1);

      if (bp_chat_item_get_serial (item) == serial)
        {
          if (position != NULL)
            *position = i - 1;
          return item;
        }
    }

  return NULL;
}

/**
 * _bp_chat_page_update_last:
 * @self: a #BpChatPage
 *
 * Marks the last item as last and no other: only it can be regenerated.
 */
void
_bp_chat_page_update_last (BpChatPage *self)
{
  GListModel *model = G_LIST_MODEL (self->messages);
  guint n = g_list_model_get_n_items (model);

  /* Only the last two can have changed since the last call. */
  for (guint i = n > 3 ? n - 3 : 0; i < n; i++)
    {
      g_autoptr(BpChatItem) item = g_list_model_get_item (model, i);

      bp_chat_item_set_last (item, i == n - 1);
    }
}

/* The toolbar shows the conversation's title, or says it is new. */
void
_bp_chat_page_update_title (BpChatPage *self)
{
  const char *title = self->conversation->title;

  gtk_label_set_text (self->title_label,
                      title != NULL && *title != '\0' ? title : _("New Conversation"));
}

/* Tokens and estimated cost of the replies since the page was made. */
void
_bp_chat_page_update_totals (BpChatPage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  gint64 tokens = self->session_input_tokens + self->session_output_tokens;

  gtk_widget_set_visible (GTK_WIDGET (self->totals_label), tokens > 0 || self->session_cost_usd > 0);
  if (tokens == 0 && self->session_cost_usd <= 0)
    return;

  /* Counts go through %lld: gettext cannot see into G_GINT64_FORMAT. */
  if (self->session_cost_usd > 0 || self->session_unpriced == 0)
    {
      g_autofree char *usd = bp_pricing_format_usd (self->session_cost_usd);

      /* Translators: totals of this session: tokens, then estimated cost */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Session: %lld token · ≈ %s",
                                           "Session: %lld tokens · ≈ %s", (gulong) tokens),
                              (long long) tokens, usd);
    }
  else
    /* Translators: totals of this session, in tokens */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Session: %lld token",
                                         "Session: %lld tokens", (gulong) tokens),
                            (long long) tokens);

  /* Translators: the tooltip of the session totals */
  tooltip = g_strdup_printf (_("Since the app started: %lld input and %lld output tokens. "
                               "Costs are estimates from the bundled price table."),
                             (long long) self->session_input_tokens,
                             (long long) self->session_output_tokens);

  gtk_label_set_text (self->totals_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->totals_label), tooltip);
}

void
_bp_chat_page_toast (BpChatPage *self,
                     const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The text of the prompt entry, and replacing it (cursor at the end). */
char *
_bp_chat_page_dup_prompt (BpChatPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->prompt_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
_bp_chat_page_set_prompt (BpChatPage *self,
                          const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->prompt_view);
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
}

/**
 * _bp_chat_page_get_model_name:
 * @self: a #BpChatPage
 * @model_id: (nullable): a model id
 *
 * Returns: (nullable): the catalogue's name of @model_id
 */
const char *
_bp_chat_page_get_model_name (BpChatPage *self,
                              const char *model_id)
{
  BpModelInfo *info;

  if (model_id == NULL)
    return NULL;

  info = bp_model_catalogue_lookup (self->catalogue, model_id);

  return info != NULL ? bp_model_info_get_name (info) : NULL;
}

/**
 * _bp_chat_page_init_view:
 * @self: a #BpChatPage
 *
 * Connects the list view to the messages and follows the scrolling and
 * the prompt entry.
 */
void
_bp_chat_page_init_view (BpChatPage *self)
{
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (self->scroller);

  set_up_list (self);
  g_signal_connect_object (self->messages, "items-changed",
                           G_CALLBACK (messages_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->prompt_view), "changed",
                           G_CALLBACK (prompt_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadj, "value-changed", G_CALLBACK (vadjustment_value_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadj, "notify::upper", G_CALLBACK (vadjustment_upper_cb),
                           self, G_CONNECT_SWAPPED);
}
