/* test-history-store-messages.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-history-store-private.h"
#include "bp-history-store-test-utils.h"
#include "bp-test-utils.h"

/* The history store's messages: order, streaming updates, truncation, the
 * record made from a reply, usage totals and images. */

static void
update_message (BpHistoryStore        *store,
                const BpMessageRecord *record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bp_history_store_update_message_async (store, record, NULL, keep_result_cb, &result);
  g_assert_true (bp_history_store_update_message_finish (store, wait_result (&result), &error));
  g_assert_no_error (error);
}

static void
fill_message (BpMessageRecord *record,
              guint            i)
{
  record->model_id = g_strdup ("amazon.nova-lite-v1:0");
  record->invoke_id = g_strdup ("us.amazon.nova-lite-v1:0");
  record->stop_reason = g_strdup ("end_turn");
  record->input_tokens = 10 + i;
  record->output_tokens = 20 + i;
  record->time_to_first_token_ms = 300;
  record->total_ms = 1200;
  record->cost_usd = 0.001;
  record->request_json = g_strdup_printf ("{\"n\":%u}", i);
  record->endpoint = g_strdup ("https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse-stream");
  record->reasoning = g_strdup ("thinking");
}

static void
test_messages_in_order (Fixture       *fixture,
                        gconstpointer  data)
{
  BpHistoryStore *store = fixture->store;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(GError) error = NULL;
  BpConversationRecord *conversation;
  gint64 id = create_conversation (store, "Chat");
  gint64 other = create_conversation (store, "Other");

  for (guint i = 0; i < 6; i++)
    {
      BpChatRole role = i % 2 ? BP_CHAT_ROLE_ASSISTANT : BP_CHAT_ROLE_USER;
      g_autofree char *text = g_strdup_printf ("message %u", i);
      g_autoptr(BpMessageRecord) record = bp_message_record_new (id, role, text);
      guint position = 99;

      if (role == BP_CHAT_ROLE_ASSISTANT)
        fill_message (record, i);
      g_assert_cmpint (append_record (store, record, &position, &error), >, 0);
      g_assert_no_error (error);
      g_assert_cmpuint (position, ==, i);
      append_message (store, other, role, "elsewhere");
    }

  messages = load_messages (store, id);
  g_assert_cmpuint (messages->len, ==, 6);
  for (guint i = 0; i < messages->len; i++)
    {
      BpMessageRecord *m = g_ptr_array_index (messages, i);
      g_autofree char *text = g_strdup_printf ("message %u", i);

      g_assert_cmpuint (m->position, ==, i);
      g_assert_cmpint (m->conversation_id, ==, id);
      g_assert_cmpstr (m->text, ==, text);
      g_assert_cmpint (m->created_at, >, 0);
      g_assert_false (m->incomplete);
      if (i % 2 == 0)
        {
          g_assert_cmpint (m->role, ==, BP_CHAT_ROLE_USER);
          g_assert_cmpint (m->input_tokens, ==, -1);
          g_assert_cmpint (m->total_ms, ==, -1);
          g_assert_true (m->cost_usd < 0);
          g_assert_null (m->model_id);
          g_assert_null (m->request_json);
          continue;
        }
      g_assert_cmpint (m->role, ==, BP_CHAT_ROLE_ASSISTANT);
      g_assert_cmpstr (m->model_id, ==, "amazon.nova-lite-v1:0");
      g_assert_cmpstr (m->invoke_id, ==, "us.amazon.nova-lite-v1:0");
      g_assert_cmpstr (m->stop_reason, ==, "end_turn");
      g_assert_cmpint (m->input_tokens, ==, 10 + i);
      g_assert_cmpint (m->output_tokens, ==, 20 + i);
      g_assert_cmpint (m->time_to_first_token_ms, ==, 300);
      g_assert_cmpint (m->total_ms, ==, 1200);
      g_assert_cmpfloat_with_epsilon (m->cost_usd, 0.001, 1e-12);
      g_assert_cmpstr (m->reasoning, ==, "thinking");
      g_assert_nonnull (strstr (m->endpoint, "converse-stream"));
      g_assert_null (m->error_message);
    }

  conversations = list_conversations (store, NULL);
  conversation = g_ptr_array_index (conversations, 0);
  g_assert_cmpstr (conversation->title, ==, "Other");
  conversation = g_ptr_array_index (conversations, 1);
  g_assert_cmpuint (conversation->n_messages, ==, 6);
  g_assert_cmpfloat_with_epsilon (conversation->total_cost_usd, 0.003, 1e-12);

  {
    g_autoptr(BpMessageRecord) orphan = bp_message_record_new (424242, BP_CHAT_ROLE_USER, "x");

    g_assert_cmpint (append_record (store, orphan, NULL, &error), ==, 0);
    g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NOT_FOUND);
  }
}

/* A reply is appended when its request goes out, saved as it streams,
 * and what was saved survives the app going away mid-stream. */
static void
test_streaming_update (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(BpChatReply) reply = bp_chat_reply_new ();
  g_autoptr(BpMessageRecord) record = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  BpMessageRecord *saved;
  BpUsage usage;
  gint64 id = create_conversation (fixture->store, "Streaming");

  append_message (fixture->store, id, BP_CHAT_ROLE_USER, "Tell me a story");
  record = bp_message_record_new (id, BP_CHAT_ROLE_ASSISTANT, NULL);
  record->model_id = g_strdup ("anthropic.claude-3-haiku-20240307-v1:0");
  record->request_json = g_strdup ("{\"messages\":[]}");
  record->endpoint = g_strdup ("https://example.invalid/converse-stream");
  record->incomplete = TRUE;
  record->id = append_record (fixture->store, record, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->id, >, 0);

  /* Updates never write the request body or the endpoint. */
  g_free (record->request_json);
  record->request_json = g_strdup ("not saved by an update");
  g_free (record->endpoint);
  record->endpoint = NULL;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *delta = g_strdup_printf ("chunk %u. ", i);

      bp_chat_reply_append_text (reply, delta);
      g_string_append (expected, delta);
      bp_message_record_set_from_reply (record, reply);
      /* Fire and forget, as a page does every second. */
      bp_history_store_update_message_async (fixture->store, record, NULL, NULL, NULL);
    }
  update_message (fixture->store, record);

  /* The app goes away mid-stream. */
  close_store (&fixture->store);
  fixture->store = open_store (fixture->path);

  messages = load_messages (fixture->store, id);
  g_assert_cmpuint (messages->len, ==, 2);
  saved = g_ptr_array_index (messages, 1);
  g_assert_cmpint (saved->id, ==, record->id);
  g_assert_cmpstr (saved->text, ==, expected->str);
  g_assert_true (saved->incomplete);
  g_assert_null (saved->stop_reason);
  g_assert_cmpint (saved->output_tokens, ==, -1);
  g_assert_cmpstr (saved->model_id, ==, "anthropic.claude-3-haiku-20240307-v1:0");
  g_assert_cmpstr (saved->request_json, ==, "{\"messages\":[]}");
  g_assert_cmpstr (saved->endpoint, ==, "https://example.invalid/converse-stream");

  /* The end of the stream. */
  bp_usage_init (&usage);
  usage.input_tokens = 12;
  usage.output_tokens = 345;
  bp_chat_reply_merge_usage (reply, &usage);
  bp_chat_reply_set_stop_reason (reply, BP_STOP_REASON_END_TURN, "end_turn");
  bp_chat_reply_set_latency_ms (reply, 2500);
  bp_chat_reply_set_complete (reply, TRUE);
  bp_message_record_set_from_reply (record, reply);
  record->cost_usd = 0.0123;
  update_message (fixture->store, record);

  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = load_messages (fixture->store, id);
  saved = g_ptr_array_index (messages, 1);
  g_assert_false (saved->incomplete);
  g_assert_cmpstr (saved->stop_reason, ==, "end_turn");
  g_assert_cmpint (saved->input_tokens, ==, 12);
  g_assert_cmpint (saved->output_tokens, ==, 345);
  g_assert_cmpint (saved->total_ms, ==, 2500);
  g_assert_cmpfloat_with_epsilon (saved->cost_usd, 0.0123, 1e-12);

  /* A message that is gone. */
  record->id = 987654;
  bp_history_store_update_message_async (fixture->store, record, NULL, keep_result_cb, &result);
  g_assert_false (bp_history_store_update_message_finish (fixture->store, wait_result (&result), &error));
  g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NOT_FOUND);
}

static void
test_truncate (Fixture       *fixture,
               gconstpointer  data)
{
  BpHistoryStore *store = fixture->store;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BpMessageRecord *last;
  gint64 id = create_conversation (store, "Edit and resend");
  gint64 other = create_conversation (store, "Untouched");
  g_autoptr(BpMessageRecord) edited = bp_message_record_new (id, BP_CHAT_ROLE_USER, "edited");
  guint position = 0;

  for (guint i = 0; i < 6; i++)
    {
      append_message (store, id, i % 2 ? BP_CHAT_ROLE_ASSISTANT : BP_CHAT_ROLE_USER, "turn");
      append_message (store, other, BP_CHAT_ROLE_USER, "other");
    }

  /* Edit the user message at position 2: keep 0 and 1, then append. */
  bp_history_store_truncate_conversation_async (store, id, 2, NULL, keep_result_cb, &result);
  g_assert_cmpuint (bp_history_store_truncate_conversation_finish (store, wait_result (&result), &error), ==, 4);
  g_assert_no_error (error);

  append_record (store, edited, &position, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (position, ==, 2);

  messages = load_messages (store, id);
  g_assert_cmpuint (messages->len, ==, 3);
  last = g_ptr_array_index (messages, 2);
  g_assert_cmpstr (last->text, ==, "edited");
  g_assert_cmpuint (last->position, ==, 2);

  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = load_messages (store, other);
  g_assert_cmpuint (messages->len, ==, 6);

  /* Past the end: nothing to do. */
  g_clear_object (&result);
  bp_history_store_truncate_conversation_async (store, id, 10, NULL, keep_result_cb, &result);
  g_assert_cmpuint (bp_history_store_truncate_conversation_finish (store, wait_result (&result), &error), ==, 0);
  g_assert_no_error (error);
}

static void
append_reply (BpHistoryStore *store,
              gint64          conversation_id,
              gint64          input_tokens,
              gint64          output_tokens,
              double          cost_usd)
{
  g_autoptr(BpMessageRecord) record = bp_message_record_new (conversation_id, BP_CHAT_ROLE_ASSISTANT, "r");
  g_autoptr(GError) error = NULL;

  record->input_tokens = input_tokens;
  record->output_tokens = output_tokens;
  record->cost_usd = cost_usd;
  append_record (store, record, NULL, &error);
  g_assert_no_error (error);
}

static void
add_image (BpHistoryStore *store,
           double          cost_usd)
{
  g_autoptr(BpImageRecord) record = bp_image_record_new ();
  g_autoptr(BpImageRecord) added = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  record->prompt = g_strdup ("a lighthouse");
  record->cost_usd = cost_usd;
  bp_history_store_add_image_async (store, record, bytes, NULL, keep_result_cb, &result);
  added = bp_history_store_add_image_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
}

static void
get_usage (BpHistoryStore *store,
           gint64          conversation_id,
           gint64          since_ms,
           BpHistoryUsage *usage)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bp_history_store_get_usage_async (store, conversation_id, since_ms, NULL, keep_result_cb, &result);
  g_assert_true (bp_history_store_get_usage_finish (store, wait_result (&result), usage, &error));
  g_assert_no_error (error);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  BpHistoryStore *store = fixture->store;
  BpHistoryUsage usage;
  gint64 start = g_get_real_time () / 1000 - 1;
  gint64 first = create_conversation (store, "One");
  gint64 second = create_conversation (store, "Two");
  gint64 deleted = create_conversation (store, "Deleted");

  append_message (store, first, BP_CHAT_ROLE_USER, "question");
  append_reply (store, first, 100, 50, 0.01);
  append_reply (store, first, 200, 80, -1);     /* unpriced */
  append_reply (store, first, -1, -1, -1);      /* failed: no tokens, no cost */
  append_reply (store, second, 1, 2, 0.5);
  append_reply (store, deleted, 1000, 1000, 9.0);
  g_assert_true (by_id (store, deleted, bp_history_store_delete_conversation_async,
                        bp_history_store_delete_conversation_finish, NULL));
  add_image (store, 0.04);
  add_image (store, -1);

  get_usage (store, 0, 0, &usage);
  g_assert_cmpuint (usage.n_replies, ==, 4);
  g_assert_cmpint (usage.input_tokens, ==, 301);
  g_assert_cmpint (usage.output_tokens, ==, 132);
  g_assert_cmpfloat_with_epsilon (usage.cost_usd, 0.51, 1e-9);
  g_assert_cmpuint (usage.n_unpriced, ==, 1);
  g_assert_cmpuint (usage.n_images, ==, 2);
  g_assert_cmpfloat_with_epsilon (usage.images_cost_usd, 0.04, 1e-9);

  get_usage (store, first, start, &usage);
  g_assert_cmpuint (usage.n_replies, ==, 3);
  g_assert_cmpint (usage.input_tokens, ==, 300);
  g_assert_cmpint (usage.output_tokens, ==, 130);
  g_assert_cmpfloat_with_epsilon (usage.cost_usd, 0.01, 1e-9);
  g_assert_cmpuint (usage.n_unpriced, ==, 1);
  g_assert_cmpuint (usage.n_images, ==, 0);

  /* Since a time after all of it. */
  get_usage (store, 0, g_get_real_time () / 1000 + 3600 * 1000, &usage);
  g_assert_cmpuint (usage.n_replies, ==, 0);
  g_assert_cmpint (usage.input_tokens, ==, 0);
  g_assert_cmpfloat (usage.cost_usd, ==, 0.0);
  g_assert_cmpuint (usage.n_images, ==, 0);
}

static void
test_images (Fixture       *fixture,
             gconstpointer  data)
{
  BpHistoryStore *store = fixture->store;
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0, 'I', 'E', 'N', 'D' };
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 1, 2, 3 };
  g_autoptr(GBytes) png_bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) jpeg_bytes = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(BpImageRecord) record = bp_image_record_new ();
  g_autoptr(BpImageRecord) first = NULL;
  g_autoptr(BpImageRecord) second = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *contents = NULL;
  BpImageRecord *listed;
  gsize len = 0;

  record->prompt = g_strdup ("a lighthouse at dusk");
  record->negative_prompt = g_strdup ("people");
  record->model_id = g_strdup ("amazon.titan-image-generator-v2:0");
  record->seed = 42;
  record->width = 1024;
  record->height = 768;
  record->cost_usd = 0.01;
  record->parameters_json = g_strdup ("{\"cfgScale\":8}");
  record->file_name = g_strdup ("../../escape.png");   /* ignored */

  bp_history_store_add_image_async (store, record, png_bytes, NULL, keep_result_cb, &result);
  first = bp_history_store_add_image_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->id, >, 0);
  g_assert_true (g_str_has_suffix (first->file_name, ".png"));
  g_assert_null (strchr (first->file_name, '/'));
  g_assert_cmpint (first->created_at, >, 0);

  first_path = bp_history_store_dup_image_path (store, first);
  g_assert_true (g_str_has_prefix (first_path, bp_history_store_get_images_dir (store)));
  g_file_get_contents (first_path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, png, sizeof png);

  g_clear_object (&result);
  bp_history_store_add_image_async (store, record, jpeg_bytes, NULL, keep_result_cb, &result);
  second = bp_history_store_add_image_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (second->file_name, ".jpg"));
  g_assert_cmpstr (second->file_name, !=, first->file_name);

  g_clear_object (&result);
  bp_history_store_list_images_async (store, NULL, keep_result_cb, &result);
  images = bp_history_store_list_images_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (images->len, ==, 2);
  listed = g_ptr_array_index (images, 0);
  g_assert_cmpint (listed->id, ==, second->id);
  listed = g_ptr_array_index (images, 1);
  g_assert_cmpint (listed->id, ==, first->id);
  g_assert_cmpstr (listed->prompt, ==, "a lighthouse at dusk");
  g_assert_cmpstr (listed->negative_prompt, ==, "people");
  g_assert_cmpstr (listed->model_id, ==, "amazon.titan-image-generator-v2:0");
  g_assert_cmpint (listed->seed, ==, 42);
  g_assert_cmpuint (listed->width, ==, 1024);
  g_assert_cmpuint (listed->height, ==, 768);
  g_assert_cmpfloat_with_epsilon (listed->cost_usd, 0.01, 1e-12);
  g_assert_cmpstr (listed->parameters_json, ==, "{\"cfgScale\":8}");
  g_assert_cmpstr (listed->file_name, ==, first->file_name);

  g_assert_true (by_id (store, first->id, bp_history_store_delete_image_async,
                        bp_history_store_delete_image_finish, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (first_path, G_FILE_TEST_EXISTS));
  g_assert_false (by_id (store, first->id, bp_history_store_delete_image_async,
                         bp_history_store_delete_image_finish, &error));
  g_assert_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_NOT_FOUND);
}

static void
test_record_from_reply (void)
{
  g_autoptr(BpChatReply) reply = bp_chat_reply_new ();
  g_autoptr(BpMessageRecord) record = bp_message_record_new (1, BP_CHAT_ROLE_ASSISTANT, "old");
  g_autoptr(BpMessageRecord) copy = NULL;
  BpUsage usage;

  bp_message_record_set_from_reply (record, reply);
  g_assert_cmpstr (record->text, ==, "");
  g_assert_null (record->stop_reason);
  g_assert_true (record->incomplete);
  g_assert_cmpint (record->input_tokens, ==, -1);
  g_assert_cmpint (record->time_to_first_token_ms, ==, -1);

  bp_chat_reply_append_text (reply, "Hello");
  bp_chat_reply_append_reasoning_text (reply, "Let me think");
  bp_chat_reply_set_model_id (reply, "us.amazon.nova-pro-v1:0");
  bp_chat_reply_set_time_to_first_token_ms (reply, 420);
  bp_chat_reply_set_latency_ms (reply, 1800);
  bp_usage_init (&usage);
  usage.input_tokens = 7;
  usage.output_tokens = 9;
  bp_chat_reply_merge_usage (reply, &usage);
  bp_chat_reply_set_stop_reason (reply, BP_STOP_REASON_OTHER, "banana_peel");
  bp_chat_reply_set_complete (reply, TRUE);
  record->cost_usd = 0.5;

  bp_message_record_set_from_reply (record, reply);
  g_assert_cmpstr (record->text, ==, "Hello");
  g_assert_cmpstr (record->reasoning, ==, "Let me think");
  g_assert_cmpstr (record->model_id, ==, "us.amazon.nova-pro-v1:0");
  g_assert_cmpstr (record->stop_reason, ==, "banana_peel");
  g_assert_cmpint (record->input_tokens, ==, 7);
  g_assert_cmpint (record->output_tokens, ==, 9);
  g_assert_cmpint (record->time_to_first_token_ms, ==, 420);
  g_assert_cmpint (record->total_ms, ==, 1800);
  g_assert_false (record->incomplete);
  g_assert_cmpfloat (record->cost_usd, ==, 0.5);

  bp_chat_reply_set_stop_reason (reply, BP_STOP_REASON_MAX_TOKENS, "length");
  bp_message_record_set_from_reply (record, reply);
  g_assert_cmpstr (record->stop_reason, ==, "max_tokens");

  copy = bp_message_record_copy (record);
  g_assert_true (copy->text != record->text);
  g_assert_cmpstr (copy->text, ==, record->text);
  g_assert_cmpint (copy->output_tokens, ==, 9);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/history-store/record-from-reply", test_record_from_reply);
  add_store_test ("messages/in-order", test_messages_in_order);
  add_store_test ("messages/streaming-update", test_streaming_update);
  add_store_test ("messages/truncate", test_truncate);
  add_store_test ("usage", test_usage);
  add_store_test ("images", test_images);

  return g_test_run ();
}
