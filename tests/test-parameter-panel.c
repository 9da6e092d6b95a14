/* test-parameter-panel.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "bp-chat-request.h"
#include "bp-converse.h"
#include "bp-model-catalogue.h"
#include "bp-model-info.h"
#include "bp-model-picker.h"
#include "bp-model-row.h"
#include "bp-model-settings.h"
#include "bp-parameter-panel-private.h"
#include "bp-test-gtk-utils.h"
#include "bp-test-utils.h"

#define HAIKU_45    "anthropic.claude-haiku-4-5-20251001-v1:0"
#define SONNET_45   "anthropic.claude-sonnet-4-5-20250929-v1:0"
#define NOVA_LITE   "amazon.nova-lite-v1:0"
#define LLAMA_31_8B "meta.llama3-1-8b-instruct-v1:0"
#define MISTRAL_7B  "mistral.mistral-7b-instruct-v0:2"

typedef struct
{
  BpModelCatalogue *catalogue;       /* (owned) */
  GSettings        *settings;        /* (owned) */
  GtkWindow        *window;          /* (owned) */
  BpParameterPanel *panel;           /* (unowned) the window's child */
  guint             n_changed;
} Fixture;

static void
changed_cb (BpParameterPanel *panel,
            Fixture          *fixture)
{
  fixture->n_changed++;
}

static void
show_panel (Fixture *fixture)
{
  g_autoptr(BpModelSettings) model_settings = bp_model_settings_new (fixture->settings);

  fixture->window = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (fixture->window, 344, 900);

  fixture->panel = BP_PARAMETER_PANEL (bp_parameter_panel_new (model_settings));
  bp_parameter_panel_set_region (fixture->panel, "us-east-1");
  bp_parameter_panel_set_catalogue (fixture->panel, fixture->catalogue);
  g_signal_connect (fixture->panel, "changed", G_CALLBACK (changed_cb), fixture);

  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->panel));
  gtk_window_present (fixture->window);
  bp_test_wait_for_frames (GTK_WIDGET (fixture->panel), 2);
}

static void
close_panel (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->window);
  fixture->panel = NULL;

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 8, 21, 12, 0, 0);

  /* The memory backend lives as long as the process: start clean. */
  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (fixture->settings, "model-id");
  g_settings_reset (fixture->settings, "model-settings");
  g_settings_reset (fixture->settings, "streaming");

  fixture->catalogue = bp_model_catalogue_new_builtin ();
  bp_model_catalogue_set_reference_time (fixture->catalogue, now);

  show_panel (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    close_panel (fixture);

  g_clear_object (&fixture->catalogue);
  g_clear_object (&fixture->settings);
}

/* Picker helpers -------------------------------------------------------- */

static GtkListBox *
picker_list (BpModelPicker *picker)
{
  GtkWidget *list = bp_test_find_widget (GTK_WIDGET (picker), GTK_TYPE_LIST_BOX, FALSE);

  g_assert_nonnull (list);
  return GTK_LIST_BOX (list);
}

static GtkWidget *
picker_entry (BpModelPicker *picker)
{
  GtkWidget *entry = bp_test_find_widget (GTK_WIDGET (picker), GTK_TYPE_SEARCH_ENTRY, FALSE);

  g_assert_nonnull (entry);
  return entry;
}

static GtkPopover *
picker_popover (BpModelPicker *picker)
{
  GtkWidget *popover = bp_test_find_widget (GTK_WIDGET (picker), GTK_TYPE_POPOVER, FALSE);

  g_assert_nonnull (popover);
  return GTK_POPOVER (popover);
}

/* (transfer container) the models of the rows the filter lets through */
static GPtrArray *
visible_models (BpModelPicker *picker)
{
  GPtrArray *models = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (picker_list (picker)));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (BP_IS_MODEL_ROW (row) && gtk_widget_get_child_visible (row))
        g_ptr_array_add (models, bp_model_row_get_model (BP_MODEL_ROW (row)));
    }

  return models;
}

static GPtrArray *
header_texts (BpModelPicker *picker)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (picker_list (picker)));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *header;

      if (!BP_IS_MODEL_ROW (row) || !gtk_widget_get_child_visible (row))
        continue;
      if ((header = gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (row))) != NULL)
        g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (header))));
    }

  return texts;
}

typedef struct
{
  BpModelPicker *picker;
  guint          wanted;
} VisibleWait;

static gboolean
n_visible_is (gpointer data)
{
  VisibleWait *wait = data;
  g_autoptr(GPtrArray) models = visible_models (wait->picker);

  return models->len == wait->wanted;
}

static guint
count_matching (BpModelCatalogue *catalogue,
                const char       *word)
{
  g_autoptr(GListModel) list = bp_model_catalogue_list (catalogue, NULL, "TEXT",
                                                        BP_MODEL_LIST_INCLUDE_RETIRED);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(BpModelInfo) info = g_list_model_get_item (list, i);
      g_autofree char *all = g_strjoin (" ", bp_model_info_get_name (info),
                                        bp_model_info_get_id (info),
                                        bp_model_info_get_provider (info), NULL);
      g_autofree char *folded = g_utf8_casefold (all, -1);

      if (strstr (folded, word) != NULL)
        n++;
    }

  return n;
}

static void
search (BpModelPicker *picker,
        const char    *text,
        guint          wanted)
{
  VisibleWait wait = { picker, wanted };

  gtk_editable_set_text (GTK_EDITABLE (picker_entry (picker)), text);
  /* GtkSearchEntry delays ::search-changed. */
  g_assert_true (bp_test_wait_until (n_visible_is, &wait, 3000));
}

/* Picker tests ---------------------------------------------------------- */

static void
test_picker_lists_providers (Fixture       *fixture,
                             gconstpointer  data)
{
  BpModelPicker *picker = bp_parameter_panel_get_model_picker (fixture->panel);
  g_autoptr(GListModel) text_models = bp_model_catalogue_list (fixture->catalogue, NULL, "TEXT",
                                                               BP_MODEL_LIST_INCLUDE_RETIRED);
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GPtrArray) headers = NULL;
  g_autoptr(GHashTable) providers = g_hash_table_new (g_str_hash, g_str_equal);

  bp_model_picker_popup (picker);
  bp_test_wait_for_frames (GTK_WIDGET (picker_popover (picker)), 2);

  models = visible_models (picker);
  g_assert_cmpuint (models->len, ==, g_list_model_get_n_items (text_models));
  g_assert_cmpuint (models->len, >=, 30);

  for (guint i = 0; i < models->len; i++)
    {
      BpModelInfo *info = g_ptr_array_index (models, i);

      g_assert_true (bp_model_info_has_output_modality (info, "TEXT"));
      g_assert_false (bp_model_info_has_output_modality (info, "IMAGE"));
      g_hash_table_add (providers, (gpointer) bp_model_info_get_provider (info));
    }

  /* One header per provider, in the catalogue's order. */
  headers = header_texts (picker);
  g_assert_cmpuint (headers->len, ==, g_hash_table_size (providers));
  g_assert_true (g_ptr_array_find_with_equal_func (headers, "Anthropic", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (headers, "Amazon", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (headers, "Meta", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (headers, "Mistral AI", g_str_equal, NULL));

  /* Bundled data only: the offline line with the price date. */
  g_assert_true (bp_test_shows_text (GTK_WIDGET (picker_popover (picker)),
                                     "Offline: bundled catalogue (prices as of 2026-08-21)"));

  /* The image page reuses the picker for image models. */
  bp_model_picker_set_output_modality (picker, "IMAGE");
  g_clear_pointer (&models, g_ptr_array_unref);
  models = visible_models (picker);
  g_assert_cmpuint (models->len, >, 0);
  for (guint i = 0; i < models->len; i++)
    g_assert_true (bp_model_info_has_output_modality (g_ptr_array_index (models, i), "IMAGE"));

  bp_model_picker_popdown (picker);
}

static void
test_picker_search (Fixture       *fixture,
                    gconstpointer  data)
{
  BpModelPicker *picker = bp_parameter_panel_get_model_picker (fixture->panel);
  guint n_haiku = count_matching (fixture->catalogue, "haiku");
  g_autoptr(GPtrArray) models = NULL;
  GtkPopover *popover = picker_popover (picker);
  const char *first_id;

  g_assert_cmpuint (n_haiku, >=, 3);

  bp_model_picker_popup (picker);
  bp_test_wait_for_frames (GTK_WIDGET (popover), 2);

  search (picker, "haiku", n_haiku);
  models = visible_models (picker);
  for (guint i = 0; i < models->len; i++)
    g_assert_nonnull (strstr (bp_model_info_get_name (g_ptr_array_index (models, i)), "Haiku"));

  /* Case does not matter; every word must match; ids and providers too. */
  search (picker, "HAIKU 4.5", 1);
  g_clear_pointer (&models, g_ptr_array_unref);
  models = visible_models (picker);
  g_assert_cmpstr (bp_model_info_get_id (g_ptr_array_index (models, 0)), ==, HAIKU_45);
  search (picker, "llama3-1-8b", 1);
  search (picker, "mistral ai", count_matching (fixture->catalogue, "mistral ai"));
  search (picker, "no such model", 0);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (popover), "No models match"));

  /* Enter picks the first match and closes the list. */
  bp_parameter_panel_set_model_id (fixture->panel, NOVA_LITE);
  search (picker, "haiku", n_haiku);
  g_clear_pointer (&models, g_ptr_array_unref);
  models = visible_models (picker);
  first_id = bp_model_info_get_id (g_ptr_array_index (models, 0));
  g_signal_emit_by_name (picker_entry (picker), "activate");
  g_assert_cmpstr (bp_model_picker_get_model_id (picker), ==, first_id);
  g_assert_cmpstr (bp_parameter_panel_get_model_id (fixture->panel), ==, first_id);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

static GtkEventController *
find_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return controller;
    }

  return NULL;
}

static GtkWidget *
focus_of (GtkWidget *widget)
{
  return gtk_root_get_focus (gtk_widget_get_root (widget));
}

/* GTK 4 cannot synthesize key presses: emit what the keys would. */
static void
test_picker_keyboard (Fixture       *fixture,
                      gconstpointer  data)
{
  BpModelPicker *picker = bp_parameter_panel_get_model_picker (fixture->panel);
  GtkWidget *entry = picker_entry (picker);
  GtkEventController *keys = find_key_controller (entry);
  g_autoptr(GPtrArray) models = NULL;
  GtkWidget *focus;
  gboolean handled = FALSE;

  bp_model_picker_popup (picker);
  bp_test_wait_for_frames (GTK_WIDGET (picker_popover (picker)), 2);
  g_assert_true (gtk_widget_is_ancestor (focus_of (entry), entry));

  search (picker, "nova", count_matching (fixture->catalogue, "nova"));
  models = visible_models (picker);

  /* Down: from the search entry to the first match. */
  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_assert_true (handled);
  focus = focus_of (entry);
  g_assert_true (BP_IS_MODEL_ROW (focus));
  g_assert_true (bp_model_row_get_model (BP_MODEL_ROW (focus)) == g_ptr_array_index (models, 0));

  /* Up from the first row: back to the entry. */
  handled = FALSE;
  g_signal_emit_by_name (picker_list (picker), "keynav-failed", GTK_DIR_UP, &handled);
  g_assert_true (handled);
  g_assert_true (gtk_widget_is_ancestor (focus_of (entry), entry));

  /* Activating a row picks it. */
  g_signal_emit_by_name (picker_list (picker), "row-activated", focus);
  g_assert_cmpstr (bp_parameter_panel_get_model_id (fixture->panel), ==,
                   bp_model_info_get_id (g_ptr_array_index (models, 0)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (picker_popover (picker))));
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
test_picker_button_and_refresh (Fixture       *fixture,
                                gconstpointer  data)
{
  BpModelPicker *picker = bp_parameter_panel_get_model_picker (fixture->panel);
  g_autoptr(GBytes) json = bp_test_read_data ("catalogue", "list-foundation-models.json", NULL);
  g_autoptr(GError) error = NULL;
  guint n_requests = 0;

  bp_parameter_panel_set_model_id (fixture->panel, HAIKU_45);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (picker), "Claude Haiku 4.5"));
  g_assert_true (bp_test_shows_text (GTK_WIDGET (picker), "Anthropic"));
  g_assert_true (bp_test_shows_text (GTK_WIDGET (picker), "Needs an inference profile"));

  bp_parameter_panel_set_model_id (fixture->panel, "us.anthropic.claude-haiku-4-5-20251001-v1:0");
  g_assert_true (bp_test_shows_text (GTK_WIDGET (picker), "Claude Haiku 4.5"));

  bp_parameter_panel_set_model_id (fixture->panel, "example.unknown-model-v1:0");
  g_assert_true (bp_test_shows_text (GTK_WIDGET (picker), "example.unknown-model-v1:0"));
  g_assert_true (bp_test_shows_text (GTK_WIDGET (picker), "Not in the catalogue"));

  g_signal_connect (picker, "refresh-requested", G_CALLBACK (count_cb), &n_requests);
  bp_model_picker_popup (picker);
  bp_test_wait_for_frames (GTK_WIDGET (picker_popover (picker)), 2);
  g_signal_emit_by_name (bp_test_find_widget (GTK_WIDGET (picker_popover (picker)),
                                              GTK_TYPE_BUTTON, TRUE), "clicked");
  g_assert_cmpuint (n_requests, ==, 1);

  bp_model_picker_set_refreshing (picker, TRUE);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (picker_popover (picker)), "Updating from Bedrock…"));

  /* The page merges the live list; the catalogue's ::changed updates us. */
  g_assert_true (bp_model_catalogue_merge_foundation_models (fixture->catalogue, json, &error));
  g_assert_no_error (error);
  bp_model_picker_set_refreshing (picker, FALSE);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (picker_popover (picker)), "Updated from Bedrock"));
  bp_model_picker_popdown (picker);
}

/* Panel tests ----------------------------------------------------------- */

static void
set_range (GtkSwitch *set_switch,
           GtkScale  *scale,
           double     value)
{
  gtk_switch_set_active (set_switch, TRUE);
  gtk_range_set_value (GTK_RANGE (scale), value);
}

static void
test_panel_temperature_xor_top_p (Fixture       *fixture,
                                  gconstpointer  data)
{
  BpParameterPanel *panel = fixture->panel;

  bp_parameter_panel_set_model_id (panel, HAIKU_45);
  bp_test_wait_for_frames (GTK_WIDGET (panel), 1);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel->xor_note)));
  g_assert_true (bp_test_shows_text (GTK_WIDGET (panel),
                                     "This model accepts temperature or top P, not both: setting one unsets the other."));
  g_assert_true (bp_test_shows_text (GTK_WIDGET (panel), "Default"));

  gtk_switch_set_active (panel->top_p_switch, TRUE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (panel->top_p_scale)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (panel->temperature_scale)));

  fixture->n_changed = 0;
  set_range (panel->temperature_switch, panel->temperature_scale, 0.35);
  g_assert_true (gtk_switch_get_active (panel->temperature_switch));
  g_assert_false (gtk_switch_get_active (panel->top_p_switch));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (panel->top_p_scale)));
  g_assert_cmpstr (gtk_label_get_text (panel->temperature_value), ==, "0.35");
  g_assert_cmpstr (gtk_label_get_text (panel->top_p_value), ==, "Default");
  g_assert_cmpuint (fixture->n_changed, >=, 1);

  /* A model that takes both keeps both. */
  bp_parameter_panel_set_model_id (panel, LLAMA_31_8B);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel->xor_note)));
  set_range (panel->temperature_switch, panel->temperature_scale, 0.5);
  set_range (panel->top_p_switch, panel->top_p_scale, 0.8);
  g_assert_true (gtk_switch_get_active (panel->temperature_switch));
  g_assert_true (gtk_switch_get_active (panel->top_p_switch));
}

static void
test_panel_rows_per_model (Fixture       *fixture,
                           gconstpointer  data)
{
  BpParameterPanel *panel = fixture->panel;
  GtkAdjustment *max_adj = gtk_spin_button_get_adjustment (panel->max_tokens_spin);

  bp_parameter_panel_set_model_id (panel, HAIKU_45);
  g_assert_true (gtk_widget_get_visible (panel->top_k_row));
  g_assert_true (gtk_widget_get_visible (panel->reasoning_row));
  g_assert_true (gtk_widget_get_visible (panel->stop_row));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel->system_note)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (max_adj), ==, 64000);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (panel->max_tokens_spin), ==, 4096);

  /* Llama 3.1 takes neither top K nor stop sequences; 2048 tokens at most. */
  bp_parameter_panel_set_model_id (panel, LLAMA_31_8B);
  g_assert_false (gtk_widget_get_visible (panel->top_k_row));
  g_assert_false (gtk_widget_get_visible (panel->reasoning_row));
  g_assert_false (gtk_widget_get_visible (panel->stop_row));
  g_assert_cmpfloat (gtk_adjustment_get_upper (max_adj), ==, 2048);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (panel->max_tokens_spin), ==, 2048);

  /* Mistral 7B: top K exists natively but Converse has no place for it;
   * no system prompt at all. */
  bp_parameter_panel_set_model_id (panel, MISTRAL_7B);
  g_assert_false (gtk_widget_get_visible (panel->top_k_row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel->system_note)));
  g_assert_false (gtk_widget_get_sensitive (panel->system_frame));

  /* Nova takes top K, not the reasoning budget. */
  bp_parameter_panel_set_model_id (panel, NOVA_LITE);
  g_assert_true (gtk_widget_get_visible (panel->top_k_row));
  g_assert_false (gtk_widget_get_visible (panel->reasoning_row));
}

static JsonObject *
build_body (BpParameterPanel *panel,
            JsonParser       *parser,
            char            **model_id)
{
  g_autoptr(BpChatRequest) request = bp_chat_request_new ("placeholder");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Hello");
  bp_parameter_panel_apply_to_request (panel, request);
  *model_id = g_strdup (bp_chat_request_get_model_id (request));

  body = bp_converse_build_body (request, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_panel_apply_only_set (Fixture       *fixture,
                           gconstpointer  data)
{
  BpParameterPanel *panel = fixture->panel;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *model_id = NULL;
  JsonObject *body, *config, *extra;

  bp_parameter_panel_set_model_id (panel, HAIKU_45);
  body = build_body (panel, parser, &model_id);
  config = json_object_get_object_member (body, "inferenceConfig");
  g_assert_cmpstr (model_id, ==, "us." HAIKU_45);
  g_assert_cmpint (json_object_get_int_member (config, "maxTokens"), ==, 4096);
  g_assert_false (json_object_has_member (config, "temperature"));
  g_assert_false (json_object_has_member (config, "topP"));
  g_assert_false (json_object_has_member (config, "stopSequences"));
  g_assert_false (json_object_has_member (body, "additionalModelRequestFields"));
  g_assert_false (json_object_has_member (body, "system"));

  bp_parameter_panel_set_region (panel, "eu-west-1");
  g_clear_pointer (&model_id, g_free);
  build_body (panel, parser, &model_id);
  g_assert_cmpstr (model_id, ==, "eu." HAIKU_45);

  set_range (panel->temperature_switch, panel->temperature_scale, 0.25);
  set_range (panel->top_k_switch, panel->top_k_scale, 40);
  _bp_parameter_panel_add_stop_sequence (panel, "END");
  bp_parameter_panel_set_system_prompt (panel, "Answer in one sentence.");
  g_clear_pointer (&model_id, g_free);
  body = build_body (panel, parser, &model_id);
  config = json_object_get_object_member (body, "inferenceConfig");
  extra = json_object_get_object_member (body, "additionalModelRequestFields");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (config, "temperature"), 0.25, 1e-9);
  g_assert_false (json_object_has_member (config, "topP"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (config, "stopSequences"), 0),
                   ==, "END");
  g_assert_cmpint (json_object_get_int_member (extra, "top_k"), ==, 40);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (body, "system"), 0), "text"),
                   ==, "Answer in one sentence.");

  /* Thinking: temperature and top K go back to the model's defaults, and
   * Max tokens stays above the budget. */
  gtk_spin_button_set_value (panel->reasoning_spin, 6000);
  gtk_switch_set_active (panel->reasoning_switch, TRUE);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (panel->temperature_switch)));
  g_clear_pointer (&model_id, g_free);
  body = build_body (panel, parser, &model_id);
  config = json_object_get_object_member (body, "inferenceConfig");
  extra = json_object_get_object_member (body, "additionalModelRequestFields");
  g_assert_false (json_object_has_member (config, "temperature"));
  g_assert_false (json_object_has_member (extra, "top_k"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (extra, "thinking"), "budget_tokens"),
                   ==, 6000);
  g_assert_cmpint (json_object_get_int_member (config, "maxTokens"), >, 6000);
}

static void
test_panel_per_model_settings (Fixture       *fixture,
                               gconstpointer  data)
{
  BpParameterPanel *panel = fixture->panel;
  g_autoptr(GVariant) stored = NULL;
  g_autoptr(GVariant) haiku = NULL;
  g_autoptr(GVariant) stored_after = NULL;
  g_autofree char *system_prompt = NULL;
  g_autofree char *last_model = NULL;
  double temperature;

  bp_parameter_panel_set_model_id (panel, HAIKU_45);
  set_range (panel->temperature_switch, panel->temperature_scale, 0.3);
  gtk_spin_button_set_value (panel->max_tokens_spin, 1000);
  _bp_parameter_panel_add_stop_sequence (panel, "###");

  /* Another model starts from its own defaults. */
  bp_parameter_panel_set_model_id (panel, NOVA_LITE);
  g_assert_false (gtk_switch_get_active (panel->temperature_switch));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (panel->max_tokens_spin), ==, 4096);
  g_assert_cmpuint (panel->stop_sequences->len, ==, 0);
  set_range (panel->top_p_switch, panel->top_p_scale, 0.5);

  /* Back: the values come back. */
  bp_parameter_panel_set_model_id (panel, HAIKU_45);
  g_assert_true (gtk_switch_get_active (panel->temperature_switch));
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (panel->temperature_scale)), 0.3, 1e-9);
  g_assert_false (gtk_switch_get_active (panel->top_p_switch));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (panel->max_tokens_spin), ==, 1000);
  g_assert_cmpuint (panel->stop_sequences->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (panel->stop_sequences, 0), ==, "###");

  /* A profile id shares the base model's values. */
  bp_parameter_panel_set_model_id (panel, NOVA_LITE);
  bp_parameter_panel_set_model_id (panel, "us." HAIKU_45);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (panel->max_tokens_spin), ==, 1000);
  bp_parameter_panel_set_model_id (panel, NOVA_LITE);

  /* Closing writes the settings: a new panel (a restart) has them all. */
  close_panel (fixture);
  last_model = g_settings_get_string (fixture->settings, "model-id");
  g_assert_cmpstr (last_model, ==, NOVA_LITE);
  stored = g_settings_get_value (fixture->settings, "model-settings");
  haiku = g_variant_lookup_value (stored, HAIKU_45, G_VARIANT_TYPE_VARDICT);
  g_assert_nonnull (haiku);
  g_assert_true (g_variant_lookup (haiku, "temperature", "d", &temperature));
  g_assert_cmpfloat_with_epsilon (temperature, 0.3, 1e-9);
  g_assert_null (g_variant_lookup_value (haiku, "top-p", NULL));

  show_panel (fixture);
  panel = fixture->panel;
  g_assert_cmpstr (bp_parameter_panel_get_model_id (panel), ==, NOVA_LITE);
  g_assert_true (gtk_switch_get_active (panel->top_p_switch));
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (panel->top_p_scale)), 0.5, 1e-9);
  bp_parameter_panel_set_model_id (panel, HAIKU_45);
  g_assert_true (gtk_switch_get_active (panel->temperature_switch));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (panel->max_tokens_spin), ==, 1000);

  /* Reset forgets the model's values; the system prompt stays. */
  bp_parameter_panel_set_system_prompt (panel, "Be kind.");
  g_signal_emit_by_name (panel->reset_button, "clicked");
  g_assert_false (gtk_switch_get_active (panel->temperature_switch));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (panel->max_tokens_spin), ==, 4096);
  g_assert_cmpuint (panel->stop_sequences->len, ==, 0);
  system_prompt = bp_parameter_panel_dup_system_prompt (panel);
  g_assert_cmpstr (system_prompt, ==, "Be kind.");
  bp_model_settings_flush (panel->model_settings);
  stored_after = g_settings_get_value (fixture->settings, "model-settings");
  g_assert_null (g_variant_lookup_value (stored_after, HAIKU_45, NULL));
}

/* Screenshot ------------------------------------------------------------ */

static char *
screenshot_path (const char *name)
{
  const char *dir = g_getenv ("BP_SCREENSHOT_DIR");
  g_autofree char *fallback = g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots", NULL);

  if (dir == NULL || *dir == '\0')
    dir = fallback;
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  return g_build_filename (dir, name, NULL);
}

/* Where @popover's widget origin is, relative to @window's: the popup's
 * position on its parent surface, corrected by both surface transforms
 * (client-side shadows). */
static void
popover_offset (GtkWidget *window,
                GtkWidget *popover,
                double    *x,
                double    *y)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  double window_x, window_y, popover_x, popover_y;

  gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);

  *x = gdk_popup_get_position_x (GDK_POPUP (surface)) + popover_x - window_x;
  *y = gdk_popup_get_position_y (GDK_POPUP (surface)) + popover_y - window_y;
}

static void
snapshot_widget (GtkSnapshot *snapshot,
                 GtkWidget   *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);

  gdk_paintable_snapshot (paintable, snapshot,
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget));
}

/* Saves @window with @popover drawn where it sits on screen, in one PNG:
 * a popover is a surface of its own, which a window snapshot leaves out. */
static void
save_with_popover (GtkWidget  *window,
                   GtkWidget  *popover,
                   const char *name)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = screenshot_path (name);
  graphene_rect_t bounds;
  GtkSnapshot *snapshot;
  double x, y;

  bp_test_wait_for_frames (window, 3);
  bp_test_wait_for_frames (popover, 3);
  popover_offset (window, popover, &x, &y);

  graphene_rect_union (&GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                                            gtk_widget_get_height (window)),
                       &GRAPHENE_RECT_INIT (x, y, gtk_widget_get_width (popover),
                                            gtk_widget_get_height (popover)),
                       &bounds);

  snapshot = gtk_snapshot_new ();
  snapshot_widget (snapshot, window);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  snapshot_widget (snapshot, popover);
  node = gtk_snapshot_free_to_node (snapshot);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, &bounds);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static void
test_panel_screenshot (Fixture       *fixture,
                       gconstpointer  data)
{
  BpParameterPanel *panel = fixture->panel;
  BpModelPicker *picker = bp_parameter_panel_get_model_picker (panel);
  GtkAdjustment *adjustment;

  bp_parameter_panel_set_model_id (panel, HAIKU_45);
  set_range (panel->temperature_switch, panel->temperature_scale, 0.7);
  _bp_parameter_panel_add_stop_sequence (panel, "END");
  _bp_parameter_panel_add_stop_sequence (panel, "</answer>");
  bp_parameter_panel_set_system_prompt (panel, "You are a patient tutor. Explain each step, "
                                               "and answer in plain English.");
  bp_test_save_screenshot (GTK_WIDGET (fixture->window), "parameter-panel-top.png");

  bp_model_picker_popup (picker);
  save_with_popover (GTK_WIDGET (fixture->window), GTK_WIDGET (picker_popover (picker)),
                     "parameter-panel.png");

  search (picker, "sonnet", count_matching (fixture->catalogue, "sonnet"));
  save_with_popover (GTK_WIDGET (fixture->window), GTK_WIDGET (picker_popover (picker)),
                     "model-picker-search.png");
  bp_model_picker_popdown (picker);

  /* The rest of the column, scrolled to the end. */
  bp_test_wait_for_frames (GTK_WIDGET (panel), 2);
  adjustment = gtk_scrolled_window_get_vadjustment (panel->scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  bp_test_save_screenshot (GTK_WIDGET (fixture->window), "parameter-panel-bottom.png");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  bp_test_gtk_init (&argc, &argv);

  /* The application loads style.css; here there is no application. */
  g_type_ensure (BP_TYPE_PARAMETER_PANEL);
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

#define ADD(path, func) \
  g_test_add ("/bp/parameter-panel/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("picker/lists-providers", test_picker_lists_providers);
  ADD ("picker/search", test_picker_search);
  ADD ("picker/keyboard", test_picker_keyboard);
  ADD ("picker/button-and-refresh", test_picker_button_and_refresh);
  ADD ("temperature-xor-top-p", test_panel_temperature_xor_top_p);
  ADD ("rows-per-model", test_panel_rows_per_model);
  ADD ("apply-only-set", test_panel_apply_only_set);
  ADD ("per-model-settings", test_panel_per_model_settings);
  ADD ("screenshot", test_panel_screenshot);
#undef ADD

  return g_test_run ();
}
