/* bp-message-row-parts.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-message-row"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-markdown-view.h"
#include "bp-message-row-private.h"

/* The parts of a message row that few rows show, built in code the first
 * time a row needs them (see bp-message-row-private.h for why). */

static GtkWidget *
new_label (const char *text,
           const char *first_class,
           ...)
{
  GtkWidget *label = gtk_label_new (text);
  const char *css_class = first_class;
  va_list args;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);

  va_start (args, first_class);
  for (; css_class != NULL; css_class = va_arg (args, const char *))
    gtk_widget_add_css_class (label, css_class);
  va_end (args);

  return label;
}

static GtkWidget *
new_separator (void)
{
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

  gtk_widget_set_hexpand (separator, TRUE);
  gtk_widget_set_valign (separator, GTK_ALIGN_CENTER);

  return separator;
}

/**
 * _bp_message_row_show_memory_separator:
 * @self: a #BpMessageRow
 * @visible: whether the model's memory begins at this message
 *
 * Shows or hides the line above the message that says older messages are
 * no longer sent.
 */
void
_bp_message_row_show_memory_separator (BpMessageRow *self,
                                       gboolean      visible)
{
  GtkWidget *label;

  if (self->memory_separator == NULL)
    {
      if (!visible)
        return;

      self->memory_separator = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_set_margin_bottom (self->memory_separator, 12);
      gtk_widget_add_css_class (self->memory_separator, "memory-separator");

      label = new_label (_("Messages above this line are beyond the model’s memory"), "caption", NULL);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 0.5);

      gtk_box_append (GTK_BOX (self->memory_separator), new_separator ());
      gtk_box_append (GTK_BOX (self->memory_separator), label);
      gtk_box_append (GTK_BOX (self->memory_separator), new_separator ());
      gtk_box_prepend (self->box, self->memory_separator);
    }

  gtk_widget_set_visible (self->memory_separator, visible);
}

static gboolean
edit_key_pressed_cb (BpMessageRow          *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  GdkEvent *event;

  g_assert (BP_IS_MESSAGE_ROW (self));

  if (keyval == GDK_KEY_Escape)
    {
      _bp_message_row_cancel_edit (self);
      return TRUE;
    }

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter) ||
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
    return FALSE;

  /* An input method composing a character takes Enter first. */
  event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  if (event != NULL && gtk_text_view_im_context_filter_keypress (self->edit_view, event))
    return TRUE;

  _bp_message_row_submit_edit (self);
  return TRUE;
}

static GtkWidget *
new_button (const char *label,
            const char *action_name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  if (action_name != NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);

  return button;
}

static GtkWidget *
new_edit_frame (BpMessageRow *self)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->edit_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->edit_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->edit_view, FALSE);
  gtk_text_view_set_top_margin (self->edit_view, 8);
  gtk_text_view_set_bottom_margin (self->edit_view, 8);
  gtk_text_view_set_left_margin (self->edit_view, 10);
  gtk_text_view_set_right_margin (self->edit_view, 10);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit message"),
                                  -1);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (edit_key_pressed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->edit_view), keys);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 300);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->edit_view));

  gtk_widget_add_css_class (frame, "prompt-frame");
  gtk_frame_set_child (GTK_FRAME (frame), scroller);

  return frame;
}

/**
 * _bp_message_row_ensure_edit_box:
 * @self: a #BpMessageRow
 *
 * Makes the editor of a sent message (hidden), below the message.
 */
void
_bp_message_row_ensure_edit_box (BpMessageRow *self)
{
  GtkWidget *buttons;
  GtkWidget *send;

  if (self->edit_box != NULL)
    return;

  self->edit_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_visible (self->edit_box, FALSE);
  gtk_box_append (GTK_BOX (self->edit_box), new_edit_frame (self));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), new_button (_("_Cancel"), "row.cancel-edit"));
  send = new_button (_("_Send"), "row.submit-edit");
  gtk_widget_add_css_class (send, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), send);
  gtk_box_append (GTK_BOX (self->edit_box), buttons);

  gtk_box_insert_child_after (self->box, self->edit_box, GTK_WIDGET (self->user_label));
}

/**
 * _bp_message_row_ensure_thinking:
 * @self: a #BpMessageRow
 *
 * Makes the collapsed "Thinking" section above a reply's text.
 */
void
_bp_message_row_ensure_thinking (BpMessageRow *self)
{
  if (self->thinking_expander != NULL)
    return;

  self->reasoning_label = GTK_LABEL (new_label (NULL, "reasoning", NULL));
  gtk_label_set_selectable (self->reasoning_label, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->reasoning_label), 6);

  self->thinking_expander = GTK_EXPANDER (gtk_expander_new (_("Thinking")));
  gtk_widget_add_css_class (GTK_WIDGET (self->thinking_expander), "thinking");
  gtk_expander_set_child (self->thinking_expander, GTK_WIDGET (self->reasoning_label));

  gtk_box_insert_child_after (self->box, GTK_WIDGET (self->thinking_expander),
                              GTK_WIDGET (self->user_label));
}

/**
 * _bp_message_row_ensure_status:
 * @self: a #BpMessageRow
 *
 * Makes the spinner and the line that say a reply is awaited.
 */
void
_bp_message_row_ensure_status (BpMessageRow *self)
{
  if (self->status_box != NULL)
    return;

  self->status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  self->status_label = GTK_LABEL (new_label (NULL, "dim-label", NULL));
  gtk_box_append (GTK_BOX (self->status_box), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (self->status_box), GTK_WIDGET (self->status_label));

  gtk_box_insert_child_after (self->box, self->status_box, GTK_WIDGET (self->markdown_view));
}

static GtkWidget *
new_error_header (BpMessageRow *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "message-error-icon");

  self->error_title = GTK_LABEL (new_label (NULL, "heading", NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->error_title), TRUE);

  gtk_box_append (GTK_BOX (header), icon);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->error_title));

  return header;
}

/**
 * _bp_message_row_ensure_error:
 * @self: a #BpMessageRow
 *
 * Makes the card that says why a reply failed, with its buttons.
 */
void
_bp_message_row_ensure_error (BpMessageRow *self)
{
  GtkWidget *buttons;

  if (self->error_box != NULL)
    return;

  self->error_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->error_box, "card");
  gtk_widget_add_css_class (self->error_box, "message-error");
  gtk_box_append (GTK_BOX (self->error_box), new_error_header (self));

  self->error_body = GTK_LABEL (new_label (NULL, NULL));
  gtk_label_set_selectable (self->error_body, TRUE);
  gtk_box_append (GTK_BOX (self->error_box), GTK_WIDGET (self->error_body));

  self->error_detail = GTK_LABEL (new_label (NULL, "caption", "dim-label", NULL));
  gtk_label_set_selectable (self->error_detail, TRUE);
  gtk_box_append (GTK_BOX (self->error_box), GTK_WIDGET (self->error_detail));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 6);
  self->error_retry_button = new_button (_("_Retry"), NULL);
  self->error_action_button = GTK_BUTTON (new_button (NULL, NULL));
  gtk_button_set_use_underline (self->error_action_button, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_action_button), "suggested-action");
  gtk_box_append (GTK_BOX (buttons), self->error_retry_button);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->error_action_button));
  gtk_box_append (GTK_BOX (self->error_box), buttons);

  gtk_box_insert_child_after (self->box, self->error_box,
                              gtk_widget_get_prev_sibling (self->footer_box));
  _bp_message_row_set_targets (self);
}

static void
set_target (GtkWidget  *button,
            const char *action_name,
            GVariant   *target)
{
  /* Pointing a button at an action looks the action up through every
   * ancestor, which rebinding two hundred rows pays for dearly: a hidden
   * button is pointed when it is shown. */
  if (button == NULL || !gtk_widget_get_visible (button))
    return;

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
}

/**
 * _bp_message_row_set_targets:
 * @self: a #BpMessageRow with an item
 *
 * Points the buttons that act through the page at the item's serial. They
 * get their action with their first item, never without a target; a
 * hidden button gets them when it is shown, so call this after showing.
 */
void
_bp_message_row_set_targets (BpMessageRow *self)
{
  g_autoptr(GVariant) target = NULL;

  if (self->item == NULL)
    return;

  target = g_variant_ref_sink (g_variant_new_uint32 (bp_chat_item_get_serial (self->item)));
  set_target (self->regenerate_button, "chat.regenerate", target);
  set_target (self->request_button, "chat.show-request", target);
  set_target (self->error_retry_button, "chat.regenerate", target);
  set_target (GTK_WIDGET (self->error_action_button), "chat.error-action", target);
}
