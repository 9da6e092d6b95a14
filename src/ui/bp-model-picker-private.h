/* bp-model-picker-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-model-picker.h"

G_BEGIN_DECLS

/* bp-model-picker.c holds the widget, its button and its properties;
 * bp-model-picker-list.c the searchable list in the popover. */
struct _BpModelPicker
{
  GtkWidget         parent_instance;

  /* template widgets */
  GtkMenuButton    *button;
  GtkLabel         *name_label;
  GtkLabel         *provider_label;
  GtkLabel         *status_label;
  GtkLabel         *access_label;
  GtkPopover       *popover;
  GtkSearchEntry   *search_entry;
  GtkButton        *refresh_button;
  GtkSpinner       *spinner;
  GtkLabel         *source_label;
  GtkScrolledWindow *scroller;
  GtkListBox       *list_box;

  /* owned references */
  BpModelCatalogue *catalogue;        /* (owned) (nullable) */
  GListModel       *models;           /* (owned) (nullable) the rows' models */
  char             *model_id;         /* (owned) (nullable) */
  BpModelInfo      *shown_info;       /* (owned) (nullable) the model on the button */
  char             *output_modality;  /* (owned) (nullable) */
  GStrv             search_words;     /* (owned) (nullable) casefolded */
  guint             scroll_tick_id;   /* pending scroll to the chosen row */

  gboolean          refreshing;
};

void _bp_model_picker_class_init_list    (GtkWidgetClass *widget_class);
void _bp_model_picker_init_list          (BpModelPicker  *self);
void _bp_model_picker_dispose_list       (BpModelPicker  *self);
void _bp_model_picker_fill_list          (BpModelPicker  *self);
void _bp_model_picker_update_current_row (BpModelPicker  *self);

G_END_DECLS
