/* bp-model-picker-list.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-model-picker"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bp-model-info.h"
#include "bp-model-picker-private.h"
#include "bp-model-row.h"

/* The popover's list: one BpModelRow per model, a provider header above
 * each group, a filter for the search words, and the keyboard: Enter in
 * the search entry picks the first match, Down moves into the list, Up
 * from its first row back to the entry. */

/* Whether every search word occurs in the model's name, id or provider. */
static gboolean
model_matches (BpModelInfo        *info,
               const char * const *words)
{
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;

  if (words == NULL || words[0] == NULL)
    return TRUE;

  haystack = g_strjoin ("\n", bp_model_info_get_name (info), bp_model_info_get_id (info),
                        bp_model_info_get_provider (info), NULL);
  folded = g_utf8_casefold (haystack, -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strstr (folded, words[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  BpModelPicker *self = user_data;

  g_assert (BP_IS_MODEL_PICKER (self));

  return model_matches (bp_model_row_get_model (BP_MODEL_ROW (row)),
                        (const char * const *) self->search_words);
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *provider = bp_model_info_get_provider (bp_model_row_get_model (BP_MODEL_ROW (row)));
  GtkWidget *header;

  if (before != NULL &&
      g_strcmp0 (provider,
                 bp_model_info_get_provider (bp_model_row_get_model (BP_MODEL_ROW (before)))) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_list_box_row_get_header (row);
  if (header != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (header)), provider) == 0)
    return;

  header = gtk_label_new (provider);
  gtk_label_set_xalign (GTK_LABEL (header), 0.0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "model-provider-header");
  gtk_list_box_row_set_header (row, header);
}

static GtkWidget *
create_row (BpModelPicker *self,
            BpModelInfo   *info)
{
  GtkWidget *row = bp_model_row_new (info);

  bp_model_row_set_current (BP_MODEL_ROW (row), info == bp_model_picker_get_model_info (self));

  return row;
}

void
_bp_model_picker_update_current_row (BpModelPicker *self)
{
  BpModelInfo *current = bp_model_picker_get_model_info (self);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (BP_IS_MODEL_ROW (child))
        bp_model_row_set_current (BP_MODEL_ROW (child),
                                  bp_model_row_get_model (BP_MODEL_ROW (child)) == current);
    }
}

/* Rows are added by hand rather than with gtk_list_box_bind_model(): a
 * bound list box ignores filter functions. */
void
_bp_model_picker_fill_list (BpModelPicker *self)
{
  GtkListBoxRow *row;

  g_assert (BP_IS_MODEL_PICKER (self));

  while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (row));

  for (guint i = 0; self->models != NULL && i < g_list_model_get_n_items (self->models); i++)
    {
      g_autoptr(BpModelInfo) info = g_list_model_get_item (self->models, i);

      gtk_list_box_append (self->list_box, create_row (self, info));
    }
}

static GtkListBoxRow *
first_visible_row (BpModelPicker *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (BP_IS_MODEL_ROW (child) && gtk_widget_get_child_visible (child) &&
          gtk_widget_get_sensitive (child))
        return GTK_LIST_BOX_ROW (child);
    }

  return NULL;
}

static void
pick_row (BpModelPicker *self,
          GtkListBoxRow *row)
{
  BpModelInfo *info = bp_model_row_get_model (BP_MODEL_ROW (row));

  bp_model_picker_set_model_id (self, bp_model_info_get_id (info));
  gtk_popover_popdown (self->popover);
}

static void
row_activated_cb (BpModelPicker *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list_box)
{
  g_assert (BP_IS_MODEL_PICKER (self));

  pick_row (self, row);
}

/* Splits the search text into casefolded words. Not
 * g_str_tokenize_and_fold(): it drops punctuation, and "4.5" must match. */
static GStrv
split_words (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_auto(GStrv) parts = g_strsplit_set (folded, " \t\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static void
search_changed_cb (BpModelPicker  *self,
                   GtkSearchEntry *entry)
{
  g_assert (BP_IS_MODEL_PICKER (self));

  g_clear_pointer (&self->search_words, g_strfreev);
  self->search_words = split_words (gtk_editable_get_text (GTK_EDITABLE (entry)));

  gtk_list_box_invalidate_filter (self->list_box);
}

static void
search_activate_cb (BpModelPicker  *self,
                    GtkSearchEntry *entry)
{
  GtkListBoxRow *row;

  g_assert (BP_IS_MODEL_PICKER (self));

  /* Enter picks the best match, so "haiku⏎" is enough. */
  if ((row = first_visible_row (self)) != NULL)
    pick_row (self, row);
}

static void
search_stop_cb (BpModelPicker  *self,
                GtkSearchEntry *entry)
{
  g_assert (BP_IS_MODEL_PICKER (self));

  gtk_popover_popdown (self->popover);
}

static gboolean
search_key_pressed_cb (BpModelPicker         *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  g_assert (BP_IS_MODEL_PICKER (self));

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  /* Arrows go on from the search entry into the list. */
  return gtk_widget_child_focus (GTK_WIDGET (self->list_box), GTK_DIR_TAB_FORWARD);
}

static gboolean
list_keynav_failed_cb (BpModelPicker    *self,
                       GtkDirectionType  direction,
                       GtkListBox       *list_box)
{
  g_assert (BP_IS_MODEL_PICKER (self));

  if (direction != GTK_DIR_UP)
    return FALSE;

  /* Up from the first row goes back to the search entry. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

static void
popover_show_cb (BpModelPicker *self,
                 GtkPopover    *popover)
{
  g_assert (BP_IS_MODEL_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static GtkWidget *
current_row (BpModelPicker *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (BP_IS_MODEL_ROW (child) && bp_model_row_get_current (BP_MODEL_ROW (child)))
        return child;
    }

  return NULL;
}

/* Scrolls the chosen model into view, its provider header above it, at
 * the first frame where the open list has its size. */
static gboolean
scroll_to_current_cb (GtkWidget     *widget,
                      GdkFrameClock *frame_clock,
                      gpointer       user_data)
{
  BpModelPicker *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *row = current_row (self);
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_get_mapped (widget))
    {
      self->scroll_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  if (gtk_adjustment_get_upper (adjustment) <= 0.0 ||
      !gtk_widget_compute_bounds (row, GTK_WIDGET (self->list_box), &bounds))
    return G_SOURCE_CONTINUE;

  gtk_adjustment_set_value (adjustment, bounds.origin.y - 48.0);
  self->scroll_tick_id = 0;

  return G_SOURCE_REMOVE;
}

static void
popover_map_cb (BpModelPicker *self,
                GtkPopover    *popover)
{
  g_assert (BP_IS_MODEL_PICKER (self));

  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_box),
                                                         scroll_to_current_cb, self, NULL);
}

void
_bp_model_picker_class_init_list (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_map_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_keynav_failed_cb);
}

void
_bp_model_picker_init_list (BpModelPicker *self)
{
  GtkEventController *keys;
  GtkWidget *placeholder;

  gtk_list_box_set_filter_func (self->list_box, filter_func, self, NULL);
  gtk_list_box_set_header_func (self->list_box, header_func, self, NULL);

  placeholder = gtk_label_new (_("No models match"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);
  gtk_list_box_set_placeholder (self->list_box, placeholder);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->popover));
}

void
_bp_model_picker_dispose_list (BpModelPicker *self)
{
  if (self->scroll_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_box), self->scroll_tick_id);
      self->scroll_tick_id = 0;
    }
}
