/* test-chat-page-errors.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-chat-page-test-utils.h"
#include "bp-fake-bedrock.h"
#include "bp-message-row.h"
#include "bp-model-picker.h"
#include "bp-test-gtk-utils.h"

/* The chat page's errors against the in-process fake Bedrock: a history
 * that cannot open, access denied, throttling with its retries, and the
 * on-demand error that offers the inference profile. */

/* A history that cannot open: the page says the conversation is not
 * saved, and the chat works all the same. */
static void
test_history_unavailable (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (f->tmp, "not-a-folder", NULL);

  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_free (f->history_path);
  f->history_path = g_build_filename (blocker, "history.sqlite3", NULL);

  make_page (f, FAKE_MODEL);
  type_and_send (f, "Still here?");
  wait_idle (f);

  g_assert_cmpint (bp_chat_item_get_state (last_item (f)), ==, BP_CHAT_ITEM_STATE_DONE);
  g_assert_null (bp_chat_page_get_history_store (f->page));
  g_assert_true (gtk_revealer_get_reveal_child (f->page->history_revealer));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (f->page->history_label),
                                   "The conversation is not being saved: "));
}

/* (3) Access denied: the message with its fix in the reply's row, and the
 * prompt back in the entry. */
static void
test_access_denied (Fixture       *f,
                    gconstpointer  data)
{
  const char *prompt = "[[fault:access-denied-403]] Hello there";
  g_autofree char *entry = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  const BpErrorText *error;
  BpMessageRow *row;
  BpChatItem *reply;
  gboolean found_fix = FALSE;

  make_page (f, FAKE_MODEL);
  type_and_send (f, prompt);
  wait_idle (f);

  reply = last_item (f);
  error = bp_chat_item_get_error (reply);
  g_assert_nonnull (error);
  g_assert_cmpint (bp_chat_item_get_state (reply), ==, BP_CHAT_ITEM_STATE_FAILED);
  g_assert_cmpstr (error->title, ==, "No access to this model");

  row = find_row (f, reply);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (row), "No access to this model"));
  texts = bp_test_collect_texts (GTK_WIDGET (row), TRUE);
  for (guint i = 0; i < texts->len; i++)
    found_fix |= strstr (g_ptr_array_index (texts, i), "Model access page") != NULL;
  g_assert_true (found_fix);

  entry = prompt_text (f);
  g_assert_cmpstr (entry, ==, prompt);

  bp_test_save_screenshot (GTK_WIDGET (f->window), "chat-error.png");

  /* Sending again replaces the failed turn rather than stacking it. */
  type_and_send (f, "Hello again");
  wait_idle (f);
  g_assert_cmpuint (n_items (f), ==, 2);
  g_assert_cmpstr (bp_chat_item_get_text (get_item (f, 0)), ==, "Hello again");
  g_assert_cmpint (bp_chat_item_get_state (last_item (f)), ==, BP_CHAT_ITEM_STATE_DONE);
}

static gboolean
access_known (gpointer data)
{
  return bp_model_info_get_access (data) != BP_MODEL_ACCESS_UNKNOWN;
}

static gboolean
access_granted (gpointer data)
{
  return bp_model_info_get_access (data) == BP_MODEL_ACCESS_GRANTED;
}

/* (3b) A model the account has no access to: the picker says so as soon
 * as the model is chosen (GetFoundationModelAvailability), with the fix
 * under it; sending still gives the error, and keeps the prompt. */
static void
test_model_access (Fixture       *f,
                   gconstpointer  data)
{
  BpParameterPanel *panel;
  BpModelPicker *picker;
  BpModelInfo *info = bp_model_catalogue_lookup (f->catalogue, HAIKU_3);
  g_autofree char *entry = NULL;
  GtkWidget *popover;
  guint n_checks;

  bp_fake_bedrock_set_model_access (f->fake, HAIKU_3, BP_FAKE_ACCESS_NOT_AUTHORIZED);
  make_page (f, HAIKU_3);
  g_object_set (f->page, "panel-visible", TRUE, NULL);
  panel = bp_chat_page_get_parameter_panel (f->page);
  picker = bp_parameter_panel_get_model_picker (panel);

  g_assert_true (bp_test_wait_until (access_known, info, 10000));
  g_assert_cmpint (bp_model_info_get_access (info), ==, BP_MODEL_ACCESS_NOT_GRANTED);
  n_checks = bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_GET_MODEL_AVAILABILITY);
  g_assert_cmpuint (n_checks, >=, 1);
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  g_assert_true (bp_test_shows_text (GTK_WIDGET (picker), "No access"));
  g_assert_true (bp_test_shows_text (GTK_WIDGET (picker),
                                     "Your AWS account has no access to this model: request it in "
                                     "the Amazon Bedrock console under “Model access” (some models "
                                     "also need a use-case form or an AWS Marketplace agreement)."));

  /* The list says it too, on the model's row. */
  bp_model_picker_popup (picker);
  popover = bp_test_find_widget (GTK_WIDGET (picker), GTK_TYPE_POPOVER, FALSE);
  g_assert_nonnull (popover);
  bp_test_wait_for_frames (popover, 3);
  g_assert_true (bp_test_shows_text (popover, "No access"));
  bp_test_save_screenshot (popover, "model-picker-no-access.png");
  gtk_popover_popdown (GTK_POPOVER (popover));
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 2);

  type_and_send (f, "Hello, Haiku");
  wait_idle (f);
  g_assert_cmpstr (bp_chat_item_get_error (last_item (f))->title, ==, "No access to this model");
  entry = prompt_text (f);
  g_assert_cmpstr (entry, ==, "Hello, Haiku");
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  bp_test_save_screenshot (GTK_WIDGET (f->window), "chat-no-access.png");

  /* Access granted meanwhile: the denied call asks again, and the picker
   * no longer warns. */
  bp_fake_bedrock_set_model_access (f->fake, HAIKU_3, BP_FAKE_ACCESS_AUTHORIZED);
  type_and_send (f, "[[fault:access-denied-403:1]] Hello again");
  wait_idle (f);
  g_assert_true (bp_test_wait_until (access_granted, info, 10000));
  /* Each denied call asked again. */
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_GET_MODEL_AVAILABILITY), ==,
                    n_checks + 2);
  bp_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  g_assert_false (bp_test_shows_text (GTK_WIDGET (picker), "No access"));
}

/* The text models the region lists: what a refresh asks about. */
static GPtrArray *
listed_text_models (Fixture *f)
{
  g_autoptr(GListModel) text = bp_model_catalogue_list (f->catalogue, NULL, "TEXT", BP_MODEL_LIST_DEFAULT);
  GPtrArray *listed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (text); i++)
    {
      BpModelInfo *info = g_list_model_get_item (text, i);

      if (bp_model_info_is_live (info))
        g_ptr_array_add (listed, info);
      else
        g_object_unref (info);
    }

  return listed;
}

static gboolean
listed_access_known (gpointer data)
{
  g_autoptr(GPtrArray) listed = listed_text_models (data);

  for (guint i = 0; i < listed->len; i++)
    {
      if (bp_model_info_get_access (g_ptr_array_index (listed, i)) == BP_MODEL_ACCESS_UNKNOWN)
        return FALSE;
    }

  return listed->len > 0;
}

static guint
n_availability_requests (Fixture    *f,
                         const char *model_id)
{
  g_autofree char *escaped = g_uri_escape_string (model_id, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/foundation-model-availability/", escaped, NULL);
  guint n = 0;

  for (guint i = 0; i < bp_fake_bedrock_get_n_requests (f->fake); i++)
    n += g_strcmp0 (bp_fake_bedrock_get_request (f->fake, i)->path, path) == 0;

  return n;
}

/* (3c) Refresh lists the region's models and asks about access to every
 * text model listed, once: the list shows which ones the account cannot
 * use. */
static void
test_model_access_refresh (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) listed = NULL;
  BpModelPicker *picker;
  GtkWidget *popover;

  bp_fake_bedrock_set_model_access (f->fake, "amazon.nova-pro-v1:0", BP_FAKE_ACCESS_NOT_AUTHORIZED);
  bp_fake_bedrock_set_model_access (f->fake, "meta.llama3-70b-instruct-v1:0",
                                    BP_FAKE_ACCESS_AGREEMENT_PENDING);
  make_page (f, FAKE_MODEL);
  picker = bp_parameter_panel_get_model_picker (bp_chat_page_get_parameter_panel (f->page));

  g_signal_emit_by_name (picker, "refresh-requested");
  g_assert_true (bp_test_wait_until (listed_access_known, f, 10000));

  g_assert_cmpint (bp_model_info_get_access (bp_model_catalogue_lookup (f->catalogue, "amazon.nova-pro-v1:0")),
                   ==, BP_MODEL_ACCESS_NOT_GRANTED);
  g_assert_cmpint (bp_model_info_get_access (bp_model_catalogue_lookup (f->catalogue,
                                                                        "meta.llama3-70b-instruct-v1:0")),
                   ==, BP_MODEL_ACCESS_PENDING);
  g_assert_cmpint (bp_model_info_get_access (bp_model_catalogue_lookup (f->catalogue, HAIKU_3)), ==,
                   BP_MODEL_ACCESS_GRANTED);

  /* Once per listed text model; not about the image models. */
  listed = listed_text_models (f);
  g_assert_cmpuint (listed->len, >=, 10);
  for (guint i = 0; i < listed->len; i++)
    g_assert_cmpuint (n_availability_requests (f, bp_model_info_get_id (g_ptr_array_index (listed, i))), ==, 1);
  g_assert_cmpuint (n_availability_requests (f, "amazon.titan-image-generator-v2:0"), ==, 0);
  g_assert_cmpint (bp_model_info_get_access (bp_model_catalogue_lookup (f->catalogue,
                                                                        "amazon.titan-image-generator-v2:0")),
                   ==, BP_MODEL_ACCESS_UNKNOWN);

  bp_model_picker_popup (picker);
  popover = bp_test_find_widget (GTK_WIDGET (picker), GTK_TYPE_POPOVER, FALSE);
  bp_test_wait_for_frames (popover, 3);
  g_assert_true (bp_test_shows_text (popover, "Updated from Bedrock"));
  g_assert_true (bp_test_shows_text (popover, "No access"));
  g_assert_true (bp_test_shows_text (popover, "Access pending"));
  gtk_popover_popdown (GTK_POPOVER (popover));
}

/* Throttled: the reply says Bedrock is busy while the client waits to
 * retry, then the retry succeeds; when every attempt is throttled, the
 * error says what to do. */

/* Close to the policy's longest first delay (500 ms for throttling), so a
 * loaded machine still has time to show the countdown before the retry. */
static double
long_jitter (gpointer user_data)
{
  return 0.999;
}

static gboolean
row_shows_retry (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) texts = NULL;
  GtkWidget *row;

  if (n_items (f) < 2 || (row = GTK_WIDGET (find_row (f, last_item (f)))) == NULL)
    return FALSE;

  texts = bp_test_collect_texts (row, TRUE);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (texts, i), "Bedrock is busy, retrying"))
      return TRUE;

  return FALSE;
}

static gboolean
shows_retry (gpointer data)
{
  Fixture *f = data;
  const char *status;

  if (n_items (f) < 2)
    return FALSE;

  status = bp_chat_item_get_status_text (last_item (f));
  return status != NULL && g_str_has_prefix (status, "Bedrock is busy, retrying");
}

static void
test_throttled (Fixture       *f,
                gconstpointer  data)
{
  const BpErrorText *error;
  BpChatItem *reply;

  bp_retry_policy_set_random_func (bp_bedrock_client_get_retry_policy (f->client),
                                   long_jitter, NULL);
  make_page (f, FAKE_MODEL);

  type_and_send (f, "[[fault:throttle:1]] Hello");
  g_assert_true (bp_test_wait_until (shows_retry, f, 10000));
  /* The item says so, and so does its row on screen. */
  g_assert_true (bp_test_wait_until (row_shows_retry, f, 10000));

  wait_idle (f);
  reply = last_item (f);
  g_assert_cmpint (bp_chat_item_get_state (reply), ==, BP_CHAT_ITEM_STATE_DONE);
  g_assert_null (bp_chat_item_get_status_text (reply));
  g_assert_true (g_str_has_prefix (bp_chat_item_get_text (reply), "Hello! You said: Hello."));
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE_STREAM), ==, 2);

  /* Throttled every time: after the last attempt, the clear message. */
  type_and_send (f, "[[fault:throttle]] Again");
  g_assert_true (bp_test_wait_until (shows_retry, f, 10000));
  wait_idle (f);
  reply = last_item (f);
  error = bp_chat_item_get_error (reply);
  g_assert_nonnull (error);
  g_assert_cmpint (bp_chat_item_get_state (reply), ==, BP_CHAT_ITEM_STATE_FAILED);
  g_assert_cmpint (error->action, ==, BP_ERROR_ACTION_RETRY);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE_STREAM), ==, 5);
}

/* (5) The on-demand error offers the inference profile; one click
 * switches the model and succeeds. */

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_use_inference_profile (Fixture       *f,
                            gconstpointer  data)
{
  const BpErrorText *error;
  const BpFakeRequest *request;
  GtkWidget *button;
  BpChatItem *reply;

  make_page (f, HAIKU_45);
  type_and_send (f, "Hi");
  wait_idle (f);

  reply = last_item (f);
  error = bp_chat_item_get_error (reply);
  g_assert_nonnull (error);
  g_assert_cmpint (error->action, ==, BP_ERROR_ACTION_USE_INFERENCE_PROFILE);
  g_assert_cmpstr (error->action_target, ==, US_HAIKU_45);

  button = find_button_with_label (GTK_WIDGET (find_row (f, reply)), "Use _Inference Profile");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  wait_idle (f);

  g_assert_cmpuint (n_items (f), ==, 2);
  reply = last_item (f);
  g_assert_null (bp_chat_item_get_error (reply));
  g_assert_cmpint (bp_chat_item_get_state (reply), ==, BP_CHAT_ITEM_STATE_DONE);
  g_assert_true (g_str_has_prefix (bp_chat_item_get_text (reply), "Hello! You said: Hi."));
  g_assert_cmpstr (bp_parameter_panel_get_model_id (bp_chat_page_get_parameter_panel (f->page)),
                   ==, US_HAIKU_45);

  request = bp_fake_bedrock_get_last_request (f->fake);
  g_assert_cmpstr (request->model_id, ==, US_HAIKU_45);
  g_assert_cmpuint (request->status, ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = chat_page_test_init (&argc, &argv);

  add_test ("/bp/chat-page/history-unavailable", test_history_unavailable);
  add_test ("/bp/chat-page/access-denied", test_access_denied);
  add_test ("/bp/chat-page/model-access", test_model_access);
  add_test ("/bp/chat-page/model-access-refresh", test_model_access_refresh);
  add_test ("/bp/chat-page/throttled", test_throttled);
  add_test ("/bp/chat-page/use-inference-profile", test_use_inference_profile);

  return g_test_run ();
}
