/* bp-chat-page.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-page"

#include "config.h"

#include "bp-chat-page-private.h"
#include "bp-history-types.h"
#include "bp-model-picker.h"
#include "bp-pricing.h"

/**
 * BpChatPage:
 *
 * The Chat page: a streaming, multi-turn conversation with a model.
 *
 * The messages are #BpChatItem objects in a #GListStore shown by a
 * #GtkListView, so only the rows in view exist however long the
 * conversation is. The parameter panel sits on the right; a conversation
 * sidebar can be put in the slot on the left with
 * bp_chat_page_set_sidebar(). Every message is kept in the history store.
 */

G_DEFINE_FINAL_TYPE (BpChatPage, bp_chat_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_CATALOGUE,
  PROP_CLIENT,
  PROP_CONVERSATION_ID,
  PROP_HISTORY_PATH,
  PROP_HISTORY_STORE,
  PROP_PANEL_VISIBLE,
  N_PROPS
};

enum {
  CONVERSATION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* While a reply is in flight: Stop instead of Send, and no regenerate,
 * resend or error action. */
void
_bp_chat_page_update_busy (BpChatPage *self)
{
  gboolean busy = self->reply_item != NULL;

  gtk_stack_set_visible_child_name (self->send_stack, busy ? "stop" : "send");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.stop", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.send", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.regenerate", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.resend", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.error-action", !busy);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_bp_chat_page_notify_panel_visible (BpChatPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANEL_VISIBLE]);
}

void
_bp_chat_page_notify_conversation_id (BpChatPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION_ID]);
}

void
_bp_chat_page_conversation_changed (BpChatPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION_ID]);
  g_signal_emit (self, signals[CONVERSATION_CHANGED], 0, self->conversation->id);
}

static void
bp_chat_page_map (GtkWidget *widget)
{
  BpChatPage *self = BP_CHAT_PAGE (widget);

  GTK_WIDGET_CLASS (bp_chat_page_parent_class)->map (widget);

  /* The page is on screen: a sidebar wants the saved conversations. */
  _bp_chat_page_ensure_store (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->prompt_view));
}

static void
bp_chat_page_constructed (GObject *object)
{
  BpChatPage *self = (BpChatPage *) object;

  G_OBJECT_CLASS (bp_chat_page_parent_class)->constructed (object);

  if (self->history_path == NULL)
    {
      const char *path = g_getenv (BP_CHAT_PAGE_HISTORY_PATH_ENV);

      if (path != NULL && *path != '\0')
        self->history_path = g_strdup (path);
    }

  _bp_chat_page_set_panel_visible (self, g_settings_get_boolean (self->settings, "parameter-panel-visible"));
}

static void
bp_chat_page_dispose (GObject *object)
{
  BpChatPage *self = (BpChatPage *) object;

  /* Callbacks still under way hold the page: from now on they may use its
   * data, which lives until finalize, but no widget. */
  self->disposed = TRUE;
  if (self->scroll_clock != NULL)
    g_clear_signal_handler (&self->scroll_handler, self->scroll_clock);
  g_clear_weak_pointer (&self->scroll_clock);
  g_cancellable_cancel (self->cancellable);
  if (self->send_cancellable != NULL)
    g_cancellable_cancel (self->send_cancellable);
  _bp_chat_page_stop_saving (self);

  /* A reply cut short by closing is kept as it stands. */
  if (self->reply_item != NULL)
    {
      bp_chat_item_set_state (self->reply_item, BP_CHAT_ITEM_STATE_STOPPED);
      _bp_chat_page_save_item (self, self->reply_item);
    }

  _bp_chat_page_follow_client (self, NULL);
  _bp_chat_page_follow_retries (self, NULL);
  _bp_chat_page_stop_countdown (self);
  g_clear_handle_id (&self->show_more_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_CHAT_PAGE);

  g_clear_object (&self->memory_item);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bp_chat_page_parent_class)->dispose (object);
}

static void
bp_chat_page_finalize (GObject *object)
{
  BpChatPage *self = (BpChatPage *) object;

  g_clear_object (&self->send_cancellable);
  g_clear_object (&self->reply_item);
  g_clear_object (&self->store);
  g_clear_object (&self->view_model);
  g_clear_object (&self->messages);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->conversation, bp_conversation_record_free);
  g_clear_pointer (&self->save_states, g_hash_table_unref);
  g_clear_pointer (&self->uncountable_models, g_hash_table_unref);
  g_clear_pointer (&self->history_path, g_free);
  g_clear_pointer (&self->history_error, g_free);

  G_OBJECT_CLASS (bp_chat_page_parent_class)->finalize (object);
}

static void
bp_chat_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BpChatPage *self = BP_CHAT_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, bp_chat_page_get_busy (self));
      break;
    case PROP_CATALOGUE:
      g_value_set_object (value, self->catalogue);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CONVERSATION_ID:
      g_value_set_int64 (value, self->conversation->id);
      break;
    case PROP_HISTORY_PATH:
      g_value_set_string (value, self->history_path);
      break;
    case PROP_HISTORY_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PANEL_VISIBLE:
      g_value_set_boolean (value, self->panel_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_chat_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BpChatPage *self = BP_CHAT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOGUE:
      bp_chat_page_set_catalogue (self, g_value_get_object (value));
      break;
    case PROP_CLIENT:
      bp_chat_page_set_client (self, g_value_get_object (value));
      break;
    case PROP_HISTORY_PATH:
      self->history_path = g_value_dup_string (value);
      break;
    case PROP_HISTORY_STORE:
      bp_chat_page_set_history_store (self, g_value_get_object (value));
      break;
    case PROP_PANEL_VISIBLE:
      _bp_chat_page_set_panel_visible (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_CATALOGUE] =
    g_param_spec_object ("catalogue", NULL, NULL, BP_TYPE_MODEL_CATALOGUE, rw);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, BP_TYPE_BEDROCK_CLIENT, rw);
  properties[PROP_CONVERSATION_ID] =
    g_param_spec_int64 ("conversation-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  /**
   * BpChatPage:history-path:
   *
   * Where the history database is, or %NULL for $BP_HISTORY_PATH, else
   * the default under the user's data directory.
   */
  properties[PROP_HISTORY_PATH] =
    g_param_spec_string ("history-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HISTORY_STORE] =
    g_param_spec_object ("history-store", NULL, NULL, BP_TYPE_HISTORY_STORE, rw);
  properties[PROP_PANEL_VISIBLE] =
    g_param_spec_boolean ("panel-visible", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-chat-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BpChatPage, name)
  BIND (toast_overlay);
  BIND (sidebar_flap);
  BIND (sidebar_slot);
  BIND (sidebar_button);
  BIND (panel_flap);
  BIND (title_label);
  BIND (totals_label);
  BIND (panel_button);
  BIND (history_revealer);
  BIND (history_label);
  BIND (content_stack);
  BIND (scroller);
  BIND (list_view);
  BIND (prompt_view);
  BIND (prompt_placeholder);
  BIND (send_stack);
  BIND (panel);
#undef BIND
}

static void
bp_chat_page_class_init (BpChatPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bp_chat_page_constructed;
  object_class->dispose = bp_chat_page_dispose;
  object_class->finalize = bp_chat_page_finalize;
  object_class->get_property = bp_chat_page_get_property;
  object_class->set_property = bp_chat_page_set_property;

  widget_class->map = bp_chat_page_map;

  install_properties (object_class);

  /**
   * BpChatPage::conversation-changed:
   * @self: the page
   * @conversation_id: the conversation's id in the history
   *
   * Emitted when the conversation shown was created, got a message, or
   * was renamed, after the history has it: a sidebar lists it again.
   */
  signals[CONVERSATION_CHANGED] =
    g_signal_new ("conversation-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (BP_TYPE_PARAMETER_PANEL);
  bind_template (widget_class);
  _bp_chat_page_class_init_actions (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chatpage");
}

static void
bp_chat_page_init (BpChatPage *self)
{
  self->messages = g_list_store_new (BP_TYPE_CHAT_ITEM);
  self->cancellable = g_cancellable_new ();
  self->conversation = bp_conversation_record_new ();
  self->save_states = g_hash_table_new_full (NULL, NULL, g_object_unref, (GDestroyNotify) g_rc_box_release);
  self->uncountable_models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->settings = g_settings_new (APPLICATION_ID);
  self->catalogue = bp_model_catalogue_new_builtin ();
  self->stick_to_bottom = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  _bp_chat_page_init_view (self);
  _bp_chat_page_init_panel (self);

  _bp_chat_page_init_actions (self);
  _bp_chat_page_update_title (self);
  _bp_chat_page_update_busy (self);
}

/**
 * bp_chat_page_new:
 * @history_path: (nullable): the history database, or %NULL for
 *   $BP_HISTORY_PATH, else the default
 *
 * Returns: (transfer floating): a new chat page
 */
GtkWidget *
bp_chat_page_new (const char *history_path)
{
  return g_object_new (BP_TYPE_CHAT_PAGE,
                       "history-path", history_path,
                       NULL);
}

/**
 * bp_chat_page_get_client:
 * @self: a #BpChatPage
 *
 * Returns: (transfer none) (nullable): the client requests go through
 */
BpBedrockClient *
bp_chat_page_get_client (BpChatPage *self)
{
  g_return_val_if_fail (BP_IS_CHAT_PAGE (self), NULL);

  return self->client;
}

/**
 * bp_chat_page_set_client:
 * @self: a #BpChatPage
 * @client: (nullable): a configured client
 *
 * Sets the client requests go through. Its region picks the inference
 * profiles of the parameter panel. The page reads responses with it at
 * %G_PRIORITY_DEFAULT_IDLE (bp_bedrock_client_set_io_priority()).
 */
void
bp_chat_page_set_client (BpChatPage      *self,
                         BpBedrockClient *client)
{
  g_return_if_fail (BP_IS_CHAT_PAGE (self));
  g_return_if_fail (client == NULL || BP_IS_BEDROCK_CLIENT (client));

  if (self->client == client)
    return;

  _bp_chat_page_follow_client (self, client);
  _bp_chat_page_follow_retries (self, client);
  g_set_object (&self->client, client);

  /* A reply that streams faster than it is shown must not hold off the
   * frames that show it: read below the priority of redrawing. */
  if (client != NULL)
    bp_bedrock_client_set_io_priority (client, G_PRIORITY_DEFAULT_IDLE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/**
 * bp_chat_page_get_catalogue:
 * @self: a #BpChatPage
 *
 * Returns: (transfer none): the model catalogue; the bundled one unless
 *   another was set
 */
BpModelCatalogue *
bp_chat_page_get_catalogue (BpChatPage *self)
{
  g_return_val_if_fail (BP_IS_CHAT_PAGE (self), NULL);

  return self->catalogue;
}

/**
 * bp_chat_page_set_catalogue:
 * @self: a #BpChatPage
 * @catalogue: the model catalogue: names, context windows, prices
 */
void
bp_chat_page_set_catalogue (BpChatPage       *self,
                            BpModelCatalogue *catalogue)
{
  g_return_if_fail (BP_IS_CHAT_PAGE (self));
  g_return_if_fail (BP_IS_MODEL_CATALOGUE (catalogue));

  if (!g_set_object (&self->catalogue, catalogue))
    return;

  bp_parameter_panel_set_catalogue (self->panel, catalogue);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOGUE]);
}

/**
 * bp_chat_page_get_parameter_panel:
 * @self: a #BpChatPage
 *
 * Returns: (transfer none): the parameter panel on the right
 */
BpParameterPanel *
bp_chat_page_get_parameter_panel (BpChatPage *self)
{
  g_return_val_if_fail (BP_IS_CHAT_PAGE (self), NULL);

  return self->panel;
}

/**
 * bp_chat_page_get_history_path:
 * @self: a #BpChatPage
 *
 * Returns: (nullable): the history database asked for, %NULL for the
 *   default
 */
const char *
bp_chat_page_get_history_path (BpChatPage *self)
{
  g_return_val_if_fail (BP_IS_CHAT_PAGE (self), NULL);

  return self->history_path;
}

/**
 * bp_chat_page_get_history_store:
 * @self: a #BpChatPage
 *
 * The history opens when it is first needed (or with
 * bp_chat_page_open_history()); #BpChatPage:history-store is notified then.
 *
 * Returns: (transfer none) (nullable): the history, %NULL until it is open
 */
BpHistoryStore *
bp_chat_page_get_history_store (BpChatPage *self)
{
  g_return_val_if_fail (BP_IS_CHAT_PAGE (self), NULL);

  return self->store;
}

/**
 * bp_chat_page_set_history_store:
 * @self: a #BpChatPage
 * @store: an open history store to share
 *
 * Uses @store instead of opening one. Set it before any message is sent.
 */
void
bp_chat_page_set_history_store (BpChatPage     *self,
                                BpHistoryStore *store)
{
  g_return_if_fail (BP_IS_CHAT_PAGE (self));
  g_return_if_fail (store == NULL || BP_IS_HISTORY_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY_STORE]);
}

/**
 * bp_chat_page_open_history:
 * @self: a #BpChatPage
 *
 * Starts opening the history if it is not open yet.
 */
void
bp_chat_page_open_history (BpChatPage *self)
{
  g_return_if_fail (BP_IS_CHAT_PAGE (self));

  _bp_chat_page_ensure_store (self);
}

/**
 * bp_chat_page_get_conversation_id:
 * @self: a #BpChatPage
 *
 * Returns: the history id of the conversation shown, 0 while it is not
 *   stored yet
 */
gint64
bp_chat_page_get_conversation_id (BpChatPage *self)
{
  g_return_val_if_fail (BP_IS_CHAT_PAGE (self), 0);

  return self->conversation->id;
}

/**
 * bp_chat_page_load_conversation:
 * @self: a #BpChatPage
 * @conversation_id: a conversation of the history
 *
 * Stops a reply in flight and shows the conversation @conversation_id,
 * with its model and system prompt.
 */
void
bp_chat_page_load_conversation (BpChatPage *self,
                                gint64      conversation_id)
{
  g_return_if_fail (BP_IS_CHAT_PAGE (self));
  g_return_if_fail (conversation_id > 0);

  _bp_chat_page_load (self, conversation_id);
}

/**
 * bp_chat_page_new_conversation:
 * @self: a #BpChatPage
 *
 * Stops a reply in flight and starts an empty conversation; it is stored
 * when its first message is sent.
 */
void
bp_chat_page_new_conversation (BpChatPage *self)
{
  g_return_if_fail (BP_IS_CHAT_PAGE (self));

  _bp_chat_page_load (self, 0);
}

/**
 * bp_chat_page_set_sidebar:
 * @self: a #BpChatPage
 * @sidebar: (nullable): a widget for the left of the page, such as a list
 *   of saved conversations, or %NULL to remove it
 */
void
bp_chat_page_set_sidebar (BpChatPage *self,
                          GtkWidget  *sidebar)
{
  GtkWidget *child;

  g_return_if_fail (BP_IS_CHAT_PAGE (self));
  g_return_if_fail (sidebar == NULL || GTK_IS_WIDGET (sidebar));

  while ((child = gtk_widget_get_first_child (self->sidebar_slot)) != NULL)
    gtk_box_remove (GTK_BOX (self->sidebar_slot), child);

  if (sidebar != NULL)
    {
      gtk_box_append (GTK_BOX (self->sidebar_slot), sidebar);
      gtk_box_append (GTK_BOX (self->sidebar_slot), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
    }

  gtk_widget_set_visible (self->sidebar_slot, sidebar != NULL);
  gtk_widget_set_visible (self->sidebar_button, sidebar != NULL);
  adw_flap_set_reveal_flap (self->sidebar_flap,
                            sidebar != NULL && !adw_flap_get_folded (self->sidebar_flap));
}

/**
 * bp_chat_page_get_busy:
 * @self: a #BpChatPage
 *
 * Returns: whether a reply is in flight
 */
gboolean
bp_chat_page_get_busy (BpChatPage *self)
{
  g_return_val_if_fail (BP_IS_CHAT_PAGE (self), FALSE);

  return self->reply_item != NULL;
}

/**
 * bp_chat_page_get_messages:
 * @self: a #BpChatPage
 *
 * Returns: (transfer none): the #BpChatItem list shown
 */
GListModel *
bp_chat_page_get_messages (BpChatPage *self)
{
  g_return_val_if_fail (BP_IS_CHAT_PAGE (self), NULL);

  return G_LIST_MODEL (self->messages);
}

/**
 * bp_chat_page_send:
 * @self: a #BpChatPage
 * @prompt: the message
 *
 * Sends @prompt as the user would, when no reply is in flight.
 */
void
bp_chat_page_send (BpChatPage *self,
                   const char *prompt)
{
  g_return_if_fail (BP_IS_CHAT_PAGE (self));
  g_return_if_fail (prompt != NULL);

  _bp_chat_page_send_prompt (self, prompt);
}

/**
 * bp_chat_page_stop:
 * @self: a #BpChatPage
 *
 * Stops the reply in flight; what arrived is kept, marked stopped.
 */
void
bp_chat_page_stop (BpChatPage *self)
{
  g_return_if_fail (BP_IS_CHAT_PAGE (self));

  _bp_chat_page_stop (self);
}
