/* bp-message-row.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-message-row"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "bp-markdown-view.h"
#include "bp-message-row-private.h"

/**
 * BpMessageRow:
 *
 * The widget of one #BpChatItem in the chat page's list view. The list
 * view recycles rows: bp_message_row_set_item() binds a row to another
 * item, so nothing here may assume a row keeps its item.
 *
 * Buttons that need the page (regenerate, show request, the error's
 * action) activate the page's "chat." actions with the item's serial as
 * target, so they grey out while the page is busy without the row knowing
 * about it. Copy and the edit box are the row's own.
 */

G_DEFINE_FINAL_TYPE (BpMessageRow, bp_message_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_assistant (BpMessageRow *self)
{
  return self->item != NULL && bp_chat_item_get_role (self->item) == BP_CHAT_ROLE_ASSISTANT;
}

static void
update_footer (BpMessageRow *self)
{
  g_autofree char *text = NULL;

  if (is_assistant (self))
    text = bp_message_row_format_stats (self->item);

  gtk_label_set_text (self->footer_label, text != NULL ? text : "");
}

static void
update_reasoning (BpMessageRow *self)
{
  const char *reasoning = self->item != NULL ? bp_chat_item_get_reasoning (self->item) : "";

  if (*reasoning != '\0')
    _bp_message_row_ensure_thinking (self);
  if (self->thinking_expander == NULL)
    return;

  gtk_label_set_text (self->reasoning_label, reasoning);
  gtk_widget_set_visible (GTK_WIDGET (self->thinking_expander), *reasoning != '\0');
}

/* Reasoning can arrive in hundreds of small deltas: the label follows at
 * most once per frame. */
static gboolean
reasoning_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  BpMessageRow *self = BP_MESSAGE_ROW (widget);

  self->reasoning_tick = 0;
  update_reasoning (self);

  return G_SOURCE_REMOVE;
}

static void
queue_reasoning (BpMessageRow *self)
{
  if (self->reasoning_tick == 0)
    self->reasoning_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), reasoning_tick_cb,
                                                         NULL, NULL);
}

static const char *
status_text (BpChatItem *item)
{
  const char *text = bp_chat_item_get_status_text (item);

  if (text != NULL)
    return text;

  return _("Waiting for the reply…");
}

static void
update_status (BpMessageRow *self,
               gboolean      waiting)
{
  if (waiting)
    _bp_message_row_ensure_status (self);
  if (self->status_box == NULL)
    return;

  gtk_widget_set_visible (self->status_box, waiting);
  gtk_spinner_set_spinning (self->spinner, waiting);
  if (waiting)
    gtk_label_set_text (self->status_label, status_text (self->item));
}

static void
update_state (BpMessageRow *self)
{
  BpChatItemState state = self->item != NULL ? bp_chat_item_get_state (self->item)
                                             : BP_CHAT_ITEM_STATE_DONE;
  gboolean waiting = state == BP_CHAT_ITEM_STATE_WAITING;
  gboolean has_text = self->item != NULL && *bp_chat_item_get_text (self->item) != '\0';
  const char *tag = NULL;

  update_status (self, waiting);

  if (state == BP_CHAT_ITEM_STATE_STOPPED)
    tag = _("Stopped");
  else if (state == BP_CHAT_ITEM_STATE_FAILED && has_text)
    tag = _("Incomplete");

  gtk_label_set_text (self->incomplete_label, tag != NULL ? tag : "");
  gtk_widget_set_visible (GTK_WIDGET (self->incomplete_label), tag != NULL);

  if (is_assistant (self))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->markdown_view), has_text);
      if (state != BP_CHAT_ITEM_STATE_WAITING && state != BP_CHAT_ITEM_STATE_STREAMING)
        bp_markdown_view_finish (self->markdown_view);
    }
}

static void
update_error (BpMessageRow *self)
{
  const BpErrorText *error = self->item != NULL ? bp_chat_item_get_error (self->item) : NULL;
  const char *label;
  gboolean last;

  if (error != NULL)
    _bp_message_row_ensure_error (self);
  if (self->error_box == NULL)
    return;

  gtk_widget_set_visible (self->error_box, error != NULL);
  if (error == NULL)
    return;

  gtk_label_set_text (self->error_title, error->title);
  gtk_label_set_text (self->error_body, error->body);
  gtk_label_set_text (self->error_detail, error->detail != NULL ? error->detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_detail), error->detail != NULL);

  label = _bp_message_row_action_label (error->action);
  gtk_widget_set_visible (GTK_WIDGET (self->error_action_button), label != NULL);
  if (label != NULL)
    gtk_button_set_label (self->error_action_button, label);

  /* A separate Retry button unless the action already is one; only the
   * last reply can be asked again. */
  last = bp_chat_item_get_last (self->item);
  gtk_widget_set_visible (self->error_retry_button, last && error->action != BP_ERROR_ACTION_RETRY);
  gtk_widget_set_sensitive (GTK_WIDGET (self->error_action_button),
                            last || error->action != BP_ERROR_ACTION_RETRY);
  _bp_message_row_set_targets (self);
}

static void
update_buttons (BpMessageRow *self)
{
  gboolean assistant = is_assistant (self);
  gboolean busy = self->item != NULL && bp_chat_item_is_busy (self->item);
  gboolean last = self->item != NULL && bp_chat_item_get_last (self->item);

  gtk_widget_set_visible (self->edit_button, self->item != NULL && !assistant);
  gtk_widget_set_visible (self->regenerate_button, assistant && last && !busy);
  gtk_widget_set_visible (self->request_button,
                          assistant && bp_chat_item_get_request_json (self->item) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.copy",
                                 self->item != NULL && *bp_chat_item_get_text (self->item) != '\0');
  _bp_message_row_set_targets (self);
}

static void
item_notify_cb (BpMessageRow *self,
                GParamSpec   *pspec,
                BpChatItem   *item)
{
  const char *name = pspec->name;

  g_assert (BP_IS_MESSAGE_ROW (self));

  if (g_strcmp0 (name, "reasoning") == 0)
    queue_reasoning (self);
  else if (g_strcmp0 (name, "text") == 0)
    {
      gtk_label_set_text (self->user_label, bp_chat_item_get_text (item));
      if (is_assistant (self))
        bp_markdown_view_set_text (self->markdown_view, bp_chat_item_get_text (item));
    }
  else if (g_strcmp0 (name, "memory-start") == 0)
    _bp_message_row_show_memory_separator (self, bp_chat_item_get_memory_start (item));
  else if (g_strcmp0 (name, "error") == 0 || g_strcmp0 (name, "last") == 0)
    update_error (self);
  else if (g_strcmp0 (name, "state") == 0 || g_strcmp0 (name, "status-text") == 0)
    update_state (self);
  else if (g_strcmp0 (name, "stats") == 0 || g_strcmp0 (name, "model-name") == 0 ||
           g_strcmp0 (name, "model-id") == 0)
    update_footer (self);

  update_buttons (self);
}

static void
item_text_appended_cb (BpMessageRow *self,
                       const char   *delta,
                       BpChatItem   *item)
{
  gboolean first;

  g_assert (BP_IS_MESSAGE_ROW (self));

  /* Of the buttons, only Copy depends on the text, and only the first
   * delta changes anything: a reply streams thousands of them. */
  first = *bp_markdown_view_get_text (self->markdown_view) == '\0';

  if (!gtk_widget_get_visible (GTK_WIDGET (self->markdown_view)))
    gtk_widget_set_visible (GTK_WIDGET (self->markdown_view), TRUE);

  bp_markdown_view_append (self->markdown_view, delta);
  if (first)
    update_buttons (self);
}

static void
bind_item (BpMessageRow *self)
{
  BpChatItem *item = self->item;
  gboolean assistant = is_assistant (self);

  if (self->edit_box != NULL)
    gtk_widget_set_visible (self->edit_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->role_label), !assistant);
  gtk_label_set_text (self->role_label, _("You"));
  gtk_widget_set_visible (GTK_WIDGET (self->user_label), !assistant);
  gtk_label_set_text (self->user_label, assistant ? "" : bp_chat_item_get_text (item));
  gtk_widget_set_visible (GTK_WIDGET (self->markdown_view), assistant);
  bp_markdown_view_set_text (self->markdown_view, assistant ? bp_chat_item_get_text (item) : "");
  _bp_message_row_show_memory_separator (self, bp_chat_item_get_memory_start (item));

  if (assistant)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "user");
      gtk_widget_add_css_class (GTK_WIDGET (self), "assistant");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "assistant");
      gtk_widget_add_css_class (GTK_WIDGET (self), "user");
    }

  if (self->thinking_expander != NULL)
    gtk_expander_set_expanded (self->thinking_expander, FALSE);
  update_reasoning (self);
  update_state (self);
  update_error (self);
  update_footer (self);
  update_buttons (self);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BpMessageRow *self = BP_MESSAGE_ROW (widget);
  GtkWidget *overlay;

  if (self->item == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), bp_chat_item_get_text (self->item));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Message copied")));
}

/**
 * bp_message_row_begin_edit:
 * @self: a #BpMessageRow showing a user message
 *
 * Replaces the message with an editor holding its text; sending it
 * resends the conversation from there.
 */
void
bp_message_row_begin_edit (BpMessageRow *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  g_return_if_fail (BP_IS_MESSAGE_ROW (self));

  if (self->item == NULL || is_assistant (self))
    return;

  _bp_message_row_ensure_edit_box (self);
  buffer = gtk_text_view_get_buffer (self->edit_view);
  gtk_text_buffer_set_text (buffer, bp_chat_item_get_text (self->item), -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);

  gtk_widget_set_visible (GTK_WIDGET (self->user_label), FALSE);
  gtk_widget_set_visible (self->edit_box, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->edit_view));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  bp_message_row_begin_edit (BP_MESSAGE_ROW (widget));
}

/**
 * _bp_message_row_cancel_edit:
 * @self: a #BpMessageRow
 *
 * Closes the editor and shows the message again.
 */
void
_bp_message_row_cancel_edit (BpMessageRow *self)
{
  if (self->edit_box != NULL)
    gtk_widget_set_visible (self->edit_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->user_label), self->item != NULL && !is_assistant (self));
}

static void
cancel_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _bp_message_row_cancel_edit (BP_MESSAGE_ROW (widget));
}

/**
 * _bp_message_row_submit_edit:
 * @self: a #BpMessageRow
 *
 * Resends the conversation from this message with the edited text, when
 * the page can (no reply in flight).
 */
void
_bp_message_row_submit_edit (BpMessageRow *self)
{
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (self->item == NULL || self->edit_view == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->edit_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  if (*text == '\0')
    return;

  if (gtk_widget_activate_action (GTK_WIDGET (self), "chat.resend", "(us)",
                                  bp_chat_item_get_serial (self->item), text))
    _bp_message_row_cancel_edit (self);
}

static void
submit_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _bp_message_row_submit_edit (BP_MESSAGE_ROW (widget));
}

static void
bp_message_row_dispose (GObject *object)
{
  BpMessageRow *self = (BpMessageRow *) object;
  GtkWidget *child;

  if (self->reasoning_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reasoning_tick);
      self->reasoning_tick = 0;
    }

  if (self->item_signals != NULL)
    g_signal_group_set_target (self->item_signals, NULL);
  g_clear_object (&self->item_signals);
  g_clear_object (&self->item);

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_MESSAGE_ROW);

  /* The clamp at the top of the template is not bound to a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bp_message_row_parent_class)->dispose (object);
}

static void
bp_message_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BpMessageRow *self = BP_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_message_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BpMessageRow *self = BP_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      bp_message_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-message-row.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BpMessageRow, name)
  BIND (box);
  BIND (role_label);
  BIND (user_label);
  BIND (markdown_view);
  BIND (footer_box);
  BIND (incomplete_label);
  BIND (footer_bin);
  BIND (footer_label);
  BIND (edit_button);
  BIND (regenerate_button);
  BIND (request_button);
#undef BIND
}

static void
bp_message_row_class_init (BpMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_message_row_dispose;
  object_class->get_property = bp_message_row_get_property;
  object_class->set_property = bp_message_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         BP_TYPE_CHAT_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BP_TYPE_MARKDOWN_VIEW);
  bind_template (widget_class);

  gtk_widget_class_install_action (widget_class, "row.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "row.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "row.cancel-edit", NULL, cancel_edit_action);
  gtk_widget_class_install_action (widget_class, "row.submit-edit", NULL, submit_edit_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "messagerow");
}

/* The footer's label wraps, beside the buttons. A horizontal box asks
 * each child for its width at the box's height, and a wrapping label finds
 * that width by laying its text out again and again (a binary search), at
 * every allocation of every row: a third of the time a long conversation
 * took to open. The label's width does not depend on the height here, so
 * the bin around it answers with the label's width for any height. */
static GtkSizeRequestMode
footer_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
footer_measure (GtkWidget      *widget,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child == NULL || !gtk_widget_should_layout (child))
    return;

  gtk_widget_measure (child, orientation,
                      orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
footer_allocate (GtkWidget *widget,
                 int        width,
                 int        height,
                 int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
bp_message_row_init (BpMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (self->footer_bin,
                                 gtk_custom_layout_new (footer_request_mode, footer_measure,
                                                        footer_allocate));

  self->item_signals = g_signal_group_new (BP_TYPE_CHAT_ITEM);
  g_signal_group_connect_object (self->item_signals, "notify",
                                 G_CALLBACK (item_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->item_signals, "text-appended",
                                 G_CALLBACK (item_text_appended_cb), self, G_CONNECT_SWAPPED);
}

/**
 * bp_message_row_new:
 *
 * Returns: (transfer floating): a new row without an item
 */
GtkWidget *
bp_message_row_new (void)
{
  return g_object_new (BP_TYPE_MESSAGE_ROW, NULL);
}

/**
 * bp_message_row_get_item:
 * @self: a #BpMessageRow
 *
 * Returns: (transfer none) (nullable): the item shown
 */
BpChatItem *
bp_message_row_get_item (BpMessageRow *self)
{
  g_return_val_if_fail (BP_IS_MESSAGE_ROW (self), NULL);

  return self->item;
}

/**
 * bp_message_row_set_item:
 * @self: a #BpMessageRow
 * @item: (nullable): the item to show, or %NULL when the row is unbound
 *
 * Shows @item and follows its changes until another item is set.
 */
void
bp_message_row_set_item (BpMessageRow *self,
                         BpChatItem   *item)
{
  g_return_if_fail (BP_IS_MESSAGE_ROW (self));
  g_return_if_fail (item == NULL || BP_IS_CHAT_ITEM (item));

  if (self->item == item)
    return;

  g_set_object (&self->item, item);
  g_signal_group_set_target (self->item_signals, item);

  if (item != NULL)
    bind_item (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * bp_message_row_get_markdown_view:
 * @self: a #BpMessageRow
 *
 * Returns: (transfer none): the view of a reply's text
 */
BpMarkdownView *
bp_message_row_get_markdown_view (BpMessageRow *self)
{
  g_return_val_if_fail (BP_IS_MESSAGE_ROW (self), NULL);

  return self->markdown_view;
}

/**
 * bp_message_row_dup_footer_text:
 * @self: a #BpMessageRow
 *
 * Returns: (transfer full): the footer as shown, for tests
 */
char *
bp_message_row_dup_footer_text (BpMessageRow *self)
{
  g_return_val_if_fail (BP_IS_MESSAGE_ROW (self), NULL);

  return g_strdup (gtk_label_get_text (self->footer_label));
}
