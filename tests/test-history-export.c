/* test-history-export.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bp-history-export.h"
#include "bp-test-utils.h"

/* Export of a conversation as Markdown and JSON, and the atomic write. */

#define HAIKU "anthropic.claude-3-5-haiku-20241022-v1:0"
/* 2026-03-01 09:30 UTC; the tests run with TZ=UTC. */
#define CREATED_AT G_GINT64_CONSTANT (1772357400000)

static const char expected_markdown[] =
  "# Trip ideas\n"
  "\n"
  "- **Model:** `" HAIKU "`\n"
  "- **Date:** 2026-03-01 09:30\n"
  "- **System prompt:**\n"
  "\n"
  "  > Be brief.\n"
  "  >\n"
  "  > Answer in English.\n"
  "\n"
  "## You\n"
  "\n"
  "Where should I go in spring?\n"
  "\n"
  "## Assistant (" HAIKU ")\n"
  "\n"
  "<details>\n"
  "<summary>Reasoning</summary>\n"
  "\n"
  "The user wants ideas.\n"
  "\n"
  "</details>\n"
  "\n"
  "Try **Jeju**:\n"
  "\n"
  "- Cherry blossoms\n"
  "- Hiking\n"
  "\n"
  "*12 input tokens · 1 output token · 1.2 s · $0.0012*\n"
  "\n"
  "## You\n"
  "\n"
  "And in winter? Use {\"ski\": [1]}\n"
  "\n"
  "## Assistant (" HAIKU ")\n"
  "\n"
  "Ski in Pyeong\n"
  "\n"
  "*(incomplete)*\n"
  "\n"
  "*800 ms*\n";

typedef struct
{
  BpConversationRecord *conversation;
  GPtrArray            *messages;
} Fixture;

static BpMessageRecord *
add_message (Fixture    *fixture,
             BpChatRole  role,
             const char *text)
{
  BpMessageRecord *message = bp_message_record_new (7, role, text);

  message->id = 100 + fixture->messages->len;
  message->position = fixture->messages->len;
  message->created_at = CREATED_AT + 1000 * fixture->messages->len;
  if (role == BP_CHAT_ROLE_ASSISTANT)
    message->model_id = g_strdup (HAIKU);
  g_ptr_array_add (fixture->messages, message);

  return message;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  BpMessageRecord *reply;

  fixture->conversation = bp_conversation_record_new ();
  fixture->conversation->id = 7;
  fixture->conversation->title = g_strdup ("Trip ideas");
  fixture->conversation->created_at = CREATED_AT;
  fixture->conversation->updated_at = CREATED_AT + 60000;
  fixture->conversation->model_id = g_strdup (HAIKU);
  fixture->conversation->system_prompt = g_strdup ("Be brief.\n\nAnswer in English.");
  fixture->conversation->parameters_json = g_strdup ("{\"temperature\":0.7}");
  fixture->conversation->n_messages = 4;
  fixture->conversation->total_cost_usd = 0.0012;
  fixture->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_message_record_free);

  add_message (fixture, BP_CHAT_ROLE_USER, "Where should I go in spring?");

  reply = add_message (fixture, BP_CHAT_ROLE_ASSISTANT,
                       "Try **Jeju**:\n\n- Cherry blossoms\n- Hiking");
  reply->reasoning = g_strdup ("The user wants ideas.");
  reply->invoke_id = g_strdup ("us." HAIKU);
  reply->stop_reason = g_strdup ("end_turn");
  reply->input_tokens = 12;
  reply->output_tokens = 1;
  reply->time_to_first_token_ms = 310;
  reply->total_ms = 1234;
  reply->cost_usd = 0.0012;
  reply->request_json = g_strdup ("{\"messages\":[{\"role\":\"user\"}]}");
  reply->endpoint = g_strdup ("https://bedrock-runtime.us-east-1.amazonaws.com");

  add_message (fixture, BP_CHAT_ROLE_USER, "And in winter? Use {\"ski\": [1]}");

  reply = add_message (fixture, BP_CHAT_ROLE_ASSISTANT, "Ski in Pyeong");
  reply->incomplete = TRUE;
  reply->total_ms = 800;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->conversation, bp_conversation_record_free);
  g_clear_pointer (&fixture->messages, g_ptr_array_unref);
}

static void
test_markdown (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *markdown = bp_history_export_markdown (fixture->conversation,
                                                          fixture->messages);

  g_assert_cmpstr (markdown, ==, expected_markdown);
}

static void
test_markdown_minimal (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(BpConversationRecord) conversation = bp_conversation_record_new ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_message_record_free);
  BpMessageRecord *failed = bp_message_record_new (1, BP_CHAT_ROLE_ASSISTANT, NULL);
  g_autofree char *markdown = NULL;

  /* No title, model, date or stats; a reply that failed before any text. */
  failed->incomplete = TRUE;
  failed->error_message = g_strdup ("Request timed out");
  g_ptr_array_add (messages, bp_message_record_new (1, BP_CHAT_ROLE_USER, "Hi"));
  g_ptr_array_add (messages, failed);

  markdown = bp_history_export_markdown (conversation, messages);
  g_assert_cmpstr (markdown, ==,
                   "# Conversation\n"
                   "\n"
                   "## You\n"
                   "\n"
                   "Hi\n"
                   "\n"
                   "## Assistant\n"
                   "\n"
                   "*(incomplete: Request timed out)*\n");
}

static void
assert_member_string (JsonObject *object,
                      const char *member,
                      const char *expected)
{
  g_assert_true (json_object_has_member (object, member));
  if (expected == NULL)
    g_assert_true (json_object_get_null_member (object, member));
  else
    g_assert_cmpstr (json_object_get_string_member (object, member), ==, expected);
}

/* Unknown values (-1) are written as null. */
static void
assert_member_int (JsonObject *object,
                   const char *member,
                   gint64      expected)
{
  g_assert_true (json_object_has_member (object, member));
  if (expected < 0)
    g_assert_true (json_object_get_null_member (object, member));
  else
    g_assert_cmpint (json_object_get_int_member (object, member), ==, expected);
}

static void
assert_message_json (JsonObject            *object,
                     const BpMessageRecord *message)
{
  g_assert_cmpuint (json_object_get_size (object), ==, 19);
  assert_member_int (object, "id", message->id);
  assert_member_int (object, "conversation_id", message->conversation_id);
  assert_member_int (object, "position", message->position);
  assert_member_string (object, "role", message->role == BP_CHAT_ROLE_USER ? "user" : "assistant");
  assert_member_string (object, "text", message->text);
  assert_member_string (object, "reasoning", message->reasoning);
  assert_member_string (object, "model_id", message->model_id);
  assert_member_string (object, "invoke_id", message->invoke_id);
  assert_member_string (object, "stop_reason", message->stop_reason);
  assert_member_int (object, "input_tokens", message->input_tokens);
  assert_member_int (object, "output_tokens", message->output_tokens);
  assert_member_int (object, "time_to_first_token_ms", message->time_to_first_token_ms);
  assert_member_int (object, "total_ms", message->total_ms);
  if (message->cost_usd < 0)
    g_assert_true (json_object_get_null_member (object, "cost_usd"));
  else
    g_assert_cmpfloat (json_object_get_double_member (object, "cost_usd"), ==, message->cost_usd);
  assert_member_string (object, "request_json", message->request_json);
  assert_member_string (object, "endpoint", message->endpoint);
  assert_member_string (object, "error_message", message->error_message);
  g_assert_true (json_object_get_boolean_member (object, "incomplete") == message->incomplete);
  assert_member_int (object, "created_at", message->created_at);
}

static void
test_json_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *json = bp_history_export_json (fixture->conversation, fixture->messages);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  BpConversationRecord *conversation = fixture->conversation;
  JsonObject *root;
  JsonArray *messages;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  assert_member_string (root, "format", BP_HISTORY_EXPORT_JSON_FORMAT);
  assert_member_int (root, "version", BP_HISTORY_EXPORT_JSON_VERSION);
  assert_member_int (root, "id", conversation->id);
  assert_member_string (root, "title", conversation->title);
  assert_member_int (root, "created_at", conversation->created_at);
  assert_member_int (root, "updated_at", conversation->updated_at);
  assert_member_string (root, "model_id", conversation->model_id);
  assert_member_string (root, "system_prompt", conversation->system_prompt);
  assert_member_string (root, "parameters_json", conversation->parameters_json);
  assert_member_int (root, "n_messages", conversation->n_messages);
  g_assert_cmpfloat (json_object_get_double_member (root, "total_cost_usd"), ==, 0.0012);

  messages = json_object_get_array_member (root, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, fixture->messages->len);
  for (guint i = 0; i < fixture->messages->len; i++)
    assert_message_json (json_array_get_object_element (messages, i),
                         g_ptr_array_index (fixture->messages, i));
}

static void
test_json_layout (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *json = bp_history_export_json (fixture->conversation, fixture->messages);
  g_autofree char *empty = bp_history_export_json (fixture->conversation, none);

  /* Two spaces per level, one member per line, a final newline. */
  g_assert_true (g_str_has_prefix (json, "{\n"
                                         "  \"format\": \"bedrock-playground-conversation\",\n"
                                         "  \"version\": 1,\n"
                                         "  \"id\": 7,\n"
                                         "  \"title\": \"Trip ideas\",\n"));
  g_assert_true (g_str_has_suffix (json, "      \"created_at\": 1772357403000\n"
                                         "    }\n"
                                         "  ]\n"
                                         "}\n"));
  /* Costs in their shortest exact form, not 0.0011999999999999999. */
  g_assert_nonnull (strstr (json, "\n  \"total_cost_usd\": 0.0012,\n"));
  g_assert_nonnull (strstr (json, "\n      \"cost_usd\": 0.0012,\n"));
  g_assert_nonnull (strstr (json, "\n      \"cost_usd\": null,\n"));
  /* Braces and quotes inside strings do not move the indentation. */
  g_assert_nonnull (strstr (json, "\n      \"text\": \"And in winter? Use {\\\"ski\\\": [1]}\",\n"));
  g_assert_true (g_str_has_suffix (empty, "  \"messages\": []\n}\n"));
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} WriteResult;

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  WriteResult *res = user_data;

  res->ok = bp_history_export_write_finish (result, &res->error);
  res->done = TRUE;
}

static gboolean
write_file (GFile         *file,
            const char    *contents,
            GCancellable  *cancellable,
            GError       **error)
{
  WriteResult res = { 0 };

  bp_history_export_write_async (file, contents, cancellable, write_cb, &res);
  while (!res.done)
    g_main_context_iteration (NULL, TRUE);

  if (res.error != NULL)
    g_propagate_error (error, res.error);

  return res.ok;
}

static void
assert_dir_holds_only (const char *dir_path,
                       const char *name)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *entry;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_assert_cmpstr (entry, ==, name);
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
}

static void
test_write_atomic (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bp-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "trip.md", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "no-such-folder", "trip.md", NULL);
  g_autofree char *markdown = bp_history_export_markdown (fixture->conversation,
                                                          fixture->messages);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  g_file_set_contents (path, "an older export that is longer than nothing", -1, &error);
  g_assert_no_error (error);

  /* The existing file is replaced, and no temporary file is left. */
  g_assert_true (write_file (file, markdown, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, markdown);
  assert_dir_holds_only (dir, "trip.md");

  /* A cancelled write leaves the file as it was. */
  g_cancellable_cancel (cancellable);
  g_assert_false (write_file (file, "new", cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, markdown);
  assert_dir_holds_only (dir, "trip.md");

  g_assert_false (write_file (missing, markdown, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Dates in the Markdown are local time. */
  g_setenv ("TZ", "UTC", TRUE);
  bp_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/bp/history-export/markdown", test_markdown);
  ADD ("/bp/history-export/markdown-minimal", test_markdown_minimal);
  ADD ("/bp/history-export/json-round-trip", test_json_round_trip);
  ADD ("/bp/history-export/json-layout", test_json_layout);
  ADD ("/bp/history-export/write-atomic", test_write_atomic);
#undef ADD

  return g_test_run ();
}
