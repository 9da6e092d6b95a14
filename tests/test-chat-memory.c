/* test-chat-memory.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-chat-memory.h"
#include "bp-test-utils.h"

/* Chat memory: token estimates, and which of the oldest turns are left out
 * of a request that would not fit the context window. */

#define MAX_TOKENS 1000

/* 400 ASCII characters: 100 tokens, 104 with the message framing. */
#define MESSAGE_TOKENS (100 + BP_CHAT_MEMORY_TOKENS_PER_MESSAGE)

static char *
latin_text (guint n_chars)
{
  char *text = g_malloc (n_chars + 1);

  memset (text, 'x', n_chars);
  text[n_chars] = '\0';
  return text;
}

/* u0 a1 u2 a3 u4: two finished turns and a new question, every message
 * MESSAGE_TOKENS long. */
static BpChatRequest *
new_conversation (void)
{
  BpChatRequest *request = bp_chat_request_new ("anthropic.claude-3-5-haiku-20241022-v1:0");
  g_autofree char *text = latin_text (400);

  for (guint i = 0; i < 5; i++)
    bp_chat_request_add_message (request, i % 2 == 0 ? BP_CHAT_ROLE_USER : BP_CHAT_ROLE_ASSISTANT,
                                 text);
  bp_chat_request_set_max_tokens (request, MAX_TOKENS);

  return request;
}

/* The window in which exactly @n_messages of MESSAGE_TOKENS fit. */
static guint64
window_for (guint n_messages)
{
  return (guint64) n_messages * MESSAGE_TOKENS + MAX_TOKENS;
}

static void
test_estimate_latin (void)
{
  g_autofree char *long_text = latin_text (4000);

  g_assert_cmpuint (bp_chat_memory_estimate_tokens (NULL), ==, 0);
  g_assert_cmpuint (bp_chat_memory_estimate_tokens (""), ==, 0);
  /* Four characters per token, rounded up. */
  g_assert_cmpuint (bp_chat_memory_estimate_tokens ("a"), ==, 1);
  g_assert_cmpuint (bp_chat_memory_estimate_tokens ("Hello, world"), ==, 3);
  g_assert_cmpuint (bp_chat_memory_estimate_tokens ("Hello, world!"), ==, 4);
  g_assert_cmpuint (bp_chat_memory_estimate_tokens (long_text), ==, 1000);
  /* Accented Latin letters count like ASCII ones. */
  g_assert_cmpuint (bp_chat_memory_estimate_tokens ("café crème"), ==, 3);
  /* Bytes that are not UTF-8 count four to a token. */
  g_assert_cmpuint (bp_chat_memory_estimate_tokens ("\xff\xfe\xfd\xfc\xfb"), ==, 2);
}

static void
test_estimate_korean (void)
{
  const char *korean = "안녕하세요 오늘 날씨가 정말 좋네요";
  const char *english = "Hello, the weather is really nice today";
  guint64 ko_tokens = bp_chat_memory_estimate_tokens (korean);
  guint64 en_tokens = bp_chat_memory_estimate_tokens (english);
  glong ko_chars = g_utf8_strlen (korean, -1);
  glong en_chars = g_utf8_strlen (english, -1);

  /* 15 syllables at 1.5 per token and 4 spaces at 4 per token. */
  g_assert_cmpuint (ko_tokens, ==, 11);
  g_assert_cmpuint (en_tokens, ==, 10);
  /* Per character, Korean costs more than twice what English does. */
  g_assert_cmpfloat ((double) ko_tokens / ko_chars, >, 2.0 * en_tokens / en_chars);

  /* Chinese and Japanese weigh like Korean; other scripts in between. */
  g_assert_cmpuint (bp_chat_memory_estimate_tokens ("你好世界"), ==, 3);
  g_assert_cmpuint (bp_chat_memory_estimate_tokens ("こんにちは"), ==, 4);
  g_assert_cmpuint (bp_chat_memory_estimate_tokens ("Привет"), ==, 3);
}

static void
test_estimate_images (void)
{
  g_autoptr(BpChatMessage) message = bp_chat_message_new (BP_CHAT_ROLE_USER, "What is this?");
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);

  g_assert_cmpuint (bp_chat_memory_estimate_message (message), ==,
                    BP_CHAT_MEMORY_TOKENS_PER_MESSAGE + 4);

  bp_chat_message_add_image (message, BP_CHAT_IMAGE_FORMAT_PNG, png);
  bp_chat_message_add_image (message, BP_CHAT_IMAGE_FORMAT_PNG, png);
  g_assert_cmpuint (bp_chat_memory_estimate_message (message), ==,
                    BP_CHAT_MEMORY_TOKENS_PER_MESSAGE + 4 + 2 * BP_CHAT_MEMORY_TOKENS_PER_IMAGE);

  /* Reasoning sent back with a reply counts too. */
  bp_chat_message_set_reasoning (message, "Let me think.", "sig");
  g_assert_cmpuint (bp_chat_memory_estimate_message (message), ==,
                    BP_CHAT_MEMORY_TOKENS_PER_MESSAGE + 4 + 4 + 2 * BP_CHAT_MEMORY_TOKENS_PER_IMAGE);
}

static void
assert_fit_counted (BpChatRequest *request,
                    guint64        context_window,
                    const gint64  *known,
                    gint64         counted,
                    guint          expected_first)
{
  g_autoptr(GError) error = NULL;
  guint first_kept = G_MAXUINT;

  g_assert_true (bp_chat_memory_fit (request, context_window, MAX_TOKENS, known, counted,
                                     &first_kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first_kept, ==, expected_first);
}

static void
assert_fit (BpChatRequest *request,
            guint64        context_window,
            const gint64  *known,
            guint          expected_first)
{
  assert_fit_counted (request, context_window, known, -1, expected_first);
}

static void
test_fit_all (void)
{
  g_autoptr(BpChatRequest) request = new_conversation ();
  g_autoptr(BpChatRequest) empty = bp_chat_request_new ("amazon.nova-lite-v1:0");

  assert_fit (request, 200000, NULL, 0);
  assert_fit (request, window_for (5), NULL, 0);
  /* An unknown window leaves nothing out. */
  assert_fit (request, 0, NULL, 0);
  assert_fit (empty, 1, NULL, 0);
}

static void
test_drop_oldest_pairs (void)
{
  g_autoptr(BpChatRequest) request = new_conversation ();

  /* One token short of all five: the first turn (u0 a1) goes. */
  assert_fit (request, window_for (5) - 1, NULL, 2);
  /* Room for four messages: a1 would fit, but a request starts with the
   * user, so u2 is the first kept. */
  assert_fit (request, window_for (4), NULL, 2);
  assert_fit (request, window_for (3), NULL, 2);
  /* Room for two, then one: only the last question is left. */
  assert_fit (request, window_for (2), NULL, 4);
  assert_fit (request, window_for (1), NULL, 4);
}

static void
test_keeps_last_user_message (void)
{
  g_autoptr(BpChatRequest) request = new_conversation ();

  /* A trailing assistant message (a prefill) is kept with the last user
   * message, which is the one that must fit. */
  bp_chat_request_add_message (request, BP_CHAT_ROLE_ASSISTANT, "Sure");
  assert_fit (request, window_for (1) + BP_CHAT_MEMORY_TOKENS_PER_MESSAGE + 1, NULL, 4);
}

static void
test_too_long (void)
{
  g_autoptr(BpChatRequest) request = new_conversation ();
  g_autoptr(GError) error = NULL;
  guint first_kept = G_MAXUINT;
  g_autofree char *needed = g_strdup_printf ("%u", MESSAGE_TOKENS);
  g_autofree char *window = g_strdup_printf ("%u", MESSAGE_TOKENS - 1 + MAX_TOKENS);

  g_assert_false (bp_chat_memory_fit (request, window_for (1) - 1, MAX_TOKENS, NULL, -1,
                                      &first_kept, &error));
  g_assert_error (error, BP_CHAT_MEMORY_ERROR, BP_CHAT_MEMORY_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, needed));
  g_assert_nonnull (strstr (error->message, window));
  g_assert_nonnull (strstr (error->message, "Shorten the message"));
  g_assert_cmpuint (first_kept, ==, 0);
  g_clear_error (&error);

  /* Max tokens as large as the window leaves no room at all. */
  g_assert_false (bp_chat_memory_fit (request, MAX_TOKENS, MAX_TOKENS, NULL, -1, NULL, &error));
  g_assert_error (error, BP_CHAT_MEMORY_ERROR, BP_CHAT_MEMORY_ERROR_TOO_LONG);
}

static void
test_system_prompt_counted (void)
{
  g_autoptr(BpChatRequest) request = new_conversation ();
  g_autofree char *system = latin_text (4 * MESSAGE_TOKENS);
  g_autoptr(GError) error = NULL;

  assert_fit (request, window_for (3), NULL, 2);

  /* A system prompt as long as a message takes the room of a message. */
  bp_chat_request_set_system_prompt (request, system);
  assert_fit (request, window_for (3), NULL, 4);
  assert_fit (request, window_for (4), NULL, 2);

  g_assert_false (bp_chat_memory_fit (request, window_for (1), MAX_TOKENS, NULL, -1, NULL, &error));
  g_assert_error (error, BP_CHAT_MEMORY_ERROR, BP_CHAT_MEMORY_ERROR_TOO_LONG);
}

static void
test_known_counts_preferred (void)
{
  g_autoptr(BpChatRequest) request = new_conversation ();
  const gint64 small[] = { 10, 10, 10, 10, -1 };
  const gint64 large[] = { -1, -1, 5000, -1, -1 };

  /* With the service's counts, all five fit a window meant for two. */
  assert_fit (request, window_for (2), small, 0);
  /* A large known count for u2 pushes the first kept turn past it. */
  assert_fit (request, window_for (20), large, 4);
  assert_fit (request, window_for (20), NULL, 0);
}

/* The service's count of the whole request (CountTokens) overrules the
 * estimate: what it says fits is sent whole, and what does not is trimmed
 * by estimates scaled to add up to the count. */
static void
test_counted (void)
{
  g_autoptr(BpChatRequest) request = new_conversation ();
  g_autoptr(GError) error = NULL;
  guint first_kept = G_MAXUINT;

  g_assert_cmpuint (bp_chat_memory_estimate_request (request, NULL), ==, 5 * MESSAGE_TOKENS);

  /* The estimate keeps two messages, but the count says all five fit. */
  assert_fit (request, window_for (2), NULL, 4);
  assert_fit_counted (request, window_for (2), NULL, 2 * MESSAGE_TOKENS, 0);
  assert_fit_counted (request, window_for (2), NULL, 2 * MESSAGE_TOKENS + 1, 2);

  /* The estimate keeps all five, but the count is twice the estimate:
   * every message takes the room of two. */
  assert_fit (request, window_for (5), NULL, 0);
  assert_fit_counted (request, window_for (5), NULL, 10 * MESSAGE_TOKENS, 4);
  assert_fit_counted (request, window_for (6), NULL, 10 * MESSAGE_TOKENS, 2);

  /* Counted far beyond the window, even the last message does not fit,
   * and the message gives the calibrated figure. */
  g_assert_false (bp_chat_memory_fit (request, window_for (5), MAX_TOKENS, NULL,
                                      50 * MESSAGE_TOKENS, &first_kept, &error));
  g_assert_error (error, BP_CHAT_MEMORY_ERROR, BP_CHAT_MEMORY_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "about 1040 tokens"));
}

static void
test_trim_request (void)
{
  g_autoptr(BpChatRequest) request = new_conversation ();
  g_autoptr(BpChatRequest) trimmed = NULL;
  g_autoptr(BpChatRequest) whole = NULL;

  bp_chat_request_set_system_prompt (request, "Be brief.");
  bp_chat_request_set_temperature (request, 0.5);

  trimmed = bp_chat_memory_trim_request (request, 2);
  g_assert_cmpuint (bp_chat_request_get_n_messages (trimmed), ==, 3);
  g_assert_cmpuint (bp_chat_request_get_n_messages (request), ==, 5);
  for (guint i = 0; i < 3; i++)
    g_assert_true (bp_chat_request_get_message (trimmed, i) ==
                   bp_chat_request_get_message (request, i + 2));
  g_assert_cmpint (bp_chat_message_get_role (bp_chat_request_get_message (trimmed, 0)), ==,
                   BP_CHAT_ROLE_USER);
  g_assert_cmpstr (bp_chat_request_get_model_id (trimmed), ==,
                   "anthropic.claude-3-5-haiku-20241022-v1:0");
  g_assert_cmpstr (bp_chat_request_get_system_prompt (trimmed), ==, "Be brief.");
  g_assert_cmpuint (bp_chat_request_get_max_tokens (trimmed), ==, MAX_TOKENS);
  g_assert_cmpfloat (bp_chat_request_get_temperature (trimmed), ==, 0.5);
  g_assert_false (bp_chat_request_is_set (trimmed, BP_CHAT_PARAM_TOP_P));

  whole = bp_chat_memory_trim_request (request, 0);
  g_assert_cmpuint (bp_chat_request_get_n_messages (whole), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/chat-memory/estimate-latin", test_estimate_latin);
  g_test_add_func ("/bp/chat-memory/estimate-korean", test_estimate_korean);
  g_test_add_func ("/bp/chat-memory/estimate-images", test_estimate_images);
  g_test_add_func ("/bp/chat-memory/fit-all", test_fit_all);
  g_test_add_func ("/bp/chat-memory/drop-oldest-pairs", test_drop_oldest_pairs);
  g_test_add_func ("/bp/chat-memory/keeps-last-user-message", test_keeps_last_user_message);
  g_test_add_func ("/bp/chat-memory/too-long", test_too_long);
  g_test_add_func ("/bp/chat-memory/system-prompt-counted", test_system_prompt_counted);
  g_test_add_func ("/bp/chat-memory/known-counts-preferred", test_known_counts_preferred);
  g_test_add_func ("/bp/chat-memory/counted", test_counted);
  g_test_add_func ("/bp/chat-memory/trim-request", test_trim_request);

  return g_test_run ();
}
