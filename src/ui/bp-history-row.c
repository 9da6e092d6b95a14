/* bp-history-row.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-history-row"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-history-row.h"
#include "bp-history-types.h"
#include "bp-pricing.h"
#include "bp-resources.h"

/* One saved conversation in the history sidebar: its title, when it was
 * last touched, and its message count and cost in dim type. The row owns
 * its context menu (Rename…, Delete) and the popover that renames it; the
 * sidebar does the work, through its "history." actions and the row's
 * "rename" signal. */
struct _BpHistoryRow
{
  GtkListBoxRow   parent_instance;

  /* template widgets */
  GtkLabel       *title_label;
  GtkLabel       *date_label;
  GtkLabel       *details_label;
  GtkPopoverMenu *menu_popover;
  GtkPopover     *rename_popover;
  GtkEntry       *rename_entry;
  GtkButton      *rename_button;

  gint64          id;
  char           *title;   /* (owned) what the store holds, maybe "" */
};

G_DEFINE_FINAL_TYPE (BpHistoryRow, bp_history_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  RENAME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Calendar day numbers, so that "yesterday" means the day before, not
 * 24 hours ago. */
static guint32
julian_day (GDateTime *time)
{
  GDate date;
  int year, month, day;

  g_date_time_get_ymd (time, &year, &month, &day);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  return g_date_get_julian (&date);
}

/**
 * bp_history_row_format_date:
 * @unix_ms: a time, in Unix milliseconds
 * @now: the current time, in the time zone to show @unix_ms in
 *
 * Formats when a conversation was last touched, relative to @now: "Today
 * 14:02", "Yesterday", "Aug 19" within the same year, "Aug 19, 2025"
 * before.
 *
 * Returns: (transfer full): the text
 */
char *
bp_history_row_format_date (gint64     unix_ms,
                            GDateTime *now)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) when = NULL;
  gint64 days;

  g_return_val_if_fail (now != NULL, NULL);

  utc = g_date_time_new_from_unix_utc (unix_ms / 1000);
  if (utc == NULL)
    return g_strdup ("");
  when = g_date_time_to_timezone (utc, g_date_time_get_timezone (now));

  days = (gint64) julian_day (now) - (gint64) julian_day (when);

  /* A time in the future (a clock that went back) counts as today. */
  if (days <= 0)
    /* Translators: a date format (g_date_time_format) for a conversation
     * touched today, e.g. "Today 14:02".
     * xgettext:no-c-format */
    return g_date_time_format (when, _("Today %H:%M"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (g_date_time_get_year (when) == g_date_time_get_year (now))
    /* Translators: a date format (g_date_time_format) for a day of this
     * year, e.g. "Aug 19".
     * xgettext:no-c-format */
    return g_date_time_format (when, _("%b %-d"));

  /* Translators: a date format (g_date_time_format) for a day of an
   * earlier year, e.g. "Aug 19, 2025".
   * xgettext:no-c-format */
  return g_date_time_format (when, _("%b %-d, %Y"));
}

/**
 * bp_history_row_format_details:
 * @n_messages: how many messages the conversation holds
 * @cost_usd: the known cost of its replies; 0 or negative when none
 *
 * Returns: (transfer full): e.g. "4 messages · $0.0042", or "2 messages"
 *   when no cost is known
 */
char *
bp_history_row_format_details (guint  n_messages,
                               double cost_usd)
{
  g_autofree char *count = NULL;
  g_autofree char *cost = NULL;

  if (n_messages == 0)
    count = g_strdup (_("No messages"));
  else
    count = g_strdup_printf (ngettext ("%u message", "%u messages", n_messages), n_messages);

  if (!(cost_usd > 0))
    return g_steal_pointer (&count);

  cost = bp_pricing_format_usd (cost_usd);

  /* Translators: a message count and a cost, e.g. "4 messages · $0.0042". */
  return g_strdup_printf (_("%s · %s"), count, cost);
}

static void
update_title (BpHistoryRow *self)
{
  const char *shown = self->title;

  if (shown == NULL || *shown == '\0')
    shown = _("Untitled Conversation");

  gtk_label_set_text (self->title_label, shown);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), shown);
}

static void
set_record (BpHistoryRow               *self,
            const BpConversationRecord *record,
            GDateTime                  *now)
{
  g_autofree char *date = bp_history_row_format_date (record->updated_at, now);
  g_autofree char *details = bp_history_row_format_details (record->n_messages,
                                                            record->total_cost_usd);

  self->id = record->id;
  self->title = g_strdup (record->title != NULL ? record->title : "");

  update_title (self);
  gtk_label_set_text (self->date_label, date);
  gtk_label_set_text (self->details_label, details);
}

static gboolean
has_new_title (BpHistoryRow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rename_entry))));

  return *text != '\0' && g_strcmp0 (text, self->title) != 0;
}

static void
rename_changed_cb (BpHistoryRow *self)
{
  g_assert (BP_IS_HISTORY_ROW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->rename_button), has_new_title (self));
}

static void
rename_activate_cb (BpHistoryRow *self)
{
  g_autofree char *title = NULL;

  g_assert (BP_IS_HISTORY_ROW (self));

  if (!has_new_title (self))
    {
      gtk_popover_popdown (self->rename_popover);
      return;
    }

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rename_entry))));
  gtk_popover_popdown (self->rename_popover);
  g_signal_emit (self, signals[RENAME], 0, title);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BpHistoryRow *self = BP_HISTORY_ROW (widget);

  gtk_widget_activate_action (widget, "history.rename", "x", self->id);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BpHistoryRow *self = BP_HISTORY_ROW (widget);

  gtk_widget_activate_action (widget, "history.delete", "x", self->id);
}

static gboolean
menu_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  bp_history_row_popup_menu (BP_HISTORY_ROW (widget), NULL);

  return TRUE;
}

static void
secondary_click_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    BpHistoryRow    *self)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  g_assert (BP_IS_HISTORY_ROW (self));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  bp_history_row_popup_menu (self, &rect);
}

static void
long_press_cb (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               BpHistoryRow        *self)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  g_assert (BP_IS_HISTORY_ROW (self));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  bp_history_row_popup_menu (self, &rect);
}

static void
add_gestures (BpHistoryRow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (secondary_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (long_press_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));
}

static void
bp_history_row_dispose (GObject *object)
{
  BpHistoryRow *self = (BpHistoryRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_HISTORY_ROW);

  G_OBJECT_CLASS (bp_history_row_parent_class)->dispose (object);
}

static void
bp_history_row_finalize (GObject *object)
{
  BpHistoryRow *self = (BpHistoryRow *) object;

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (bp_history_row_parent_class)->finalize (object);
}

static void
bp_history_row_class_init (BpHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  (void) bp_get_resource ();

  object_class->dispose = bp_history_row_dispose;
  object_class->finalize = bp_history_row_finalize;

  /**
   * BpHistoryRow::rename:
   * @self: the row
   * @title: the new title, trimmed and not empty
   *
   * Emitted when the user confirms a new title in the rename popover.
   */
  signals[RENAME] =
    g_signal_new ("rename",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BpHistoryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, BpHistoryRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, BpHistoryRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, BpHistoryRow, menu_popover);
  gtk_widget_class_bind_template_child (widget_class, BpHistoryRow, rename_popover);
  gtk_widget_class_bind_template_child (widget_class, BpHistoryRow, rename_entry);
  gtk_widget_class_bind_template_child (widget_class, BpHistoryRow, rename_button);
  gtk_widget_class_bind_template_callback (widget_class, rename_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rename_activate_cb);

  gtk_widget_class_install_action (widget_class, "row.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "row.delete", NULL, delete_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, menu_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, menu_key_cb, NULL);

  /* No CSS name of its own: the navigation-sidebar style is for "row". */
}

static void
bp_history_row_init (BpHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_gestures (self);
}

/**
 * bp_history_row_new:
 * @record: the conversation to show
 * @now: the current time, for the relative date
 *
 * Returns: (transfer floating): a new #BpHistoryRow
 */
GtkWidget *
bp_history_row_new (const BpConversationRecord *record,
                    GDateTime                  *now)
{
  BpHistoryRow *self;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (BP_TYPE_HISTORY_ROW, NULL);
  set_record (self, record, now);

  return GTK_WIDGET (self);
}

/**
 * bp_history_row_get_id:
 * @self: a #BpHistoryRow
 *
 * Returns: the id of the conversation shown
 */
gint64
bp_history_row_get_id (BpHistoryRow *self)
{
  g_return_val_if_fail (BP_IS_HISTORY_ROW (self), 0);

  return self->id;
}

/**
 * bp_history_row_get_title:
 * @self: a #BpHistoryRow
 *
 * Returns: (transfer none): the stored title, "" when it has none
 */
const char *
bp_history_row_get_title (BpHistoryRow *self)
{
  g_return_val_if_fail (BP_IS_HISTORY_ROW (self), NULL);

  return self->title;
}

/**
 * bp_history_row_set_title:
 * @self: a #BpHistoryRow
 * @title: (nullable): the new title
 */
void
bp_history_row_set_title (BpHistoryRow *self,
                          const char   *title)
{
  g_return_if_fail (BP_IS_HISTORY_ROW (self));

  g_free (self->title);
  self->title = g_strdup (title != NULL ? title : "");
  update_title (self);
}

/**
 * bp_history_row_start_rename:
 * @self: a #BpHistoryRow
 *
 * Opens the rename popover with the current title selected. Enter (or the
 * Rename button) emits #BpHistoryRow::rename; Escape cancels.
 */
void
bp_history_row_start_rename (BpHistoryRow *self)
{
  g_return_if_fail (BP_IS_HISTORY_ROW (self));

  gtk_popover_popdown (GTK_POPOVER (self->menu_popover));
  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), self->title);
  rename_changed_cb (self);
  gtk_popover_popup (self->rename_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->rename_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->rename_entry), 0, -1);
}

/**
 * bp_history_row_popup_menu:
 * @self: a #BpHistoryRow
 * @pointing_to: (nullable): where to point, in row coordinates; %NULL
 *   points at the whole row
 *
 * Shows the row's context menu (Rename…, Delete).
 */
void
bp_history_row_popup_menu (BpHistoryRow       *self,
                           const GdkRectangle *pointing_to)
{
  g_return_if_fail (BP_IS_HISTORY_ROW (self));

  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu_popover), pointing_to);
  gtk_popover_popup (GTK_POPOVER (self->menu_popover));
}
