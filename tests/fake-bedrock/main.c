/* main.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <glib-unix.h>

#include "bp-fake-bedrock.h"

/* fake-bedrock: serves the fake Bedrock on 127.0.0.1 until Ctrl+C, for
 * trying the app offline. */

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
print_usage (BpFakeBedrock *fake,
             gboolean       bearer)
{
  g_print ("Fake Bedrock listening on %s\n\n", bp_fake_bedrock_get_url (fake));
  g_print ("Point the app or the AWS CLI at it with (these are the public AWS\n"
           "documentation example keys, not real credentials):\n\n");
  g_print ("  export AWS_ENDPOINT_URL=%s\n", bp_fake_bedrock_get_url (fake));
  g_print ("  export AWS_ACCESS_KEY_ID=%s\n", BP_FAKE_ACCESS_KEY_ID);
  g_print ("  export AWS_SECRET_ACCESS_KEY=%s\n", BP_FAKE_SECRET_ACCESS_KEY);
  g_print ("  export AWS_REGION=%s\n", bp_fake_bedrock_get_region (fake));
  if (bearer)
    g_print ("  export AWS_BEARER_TOKEN_BEDROCK=<the token given with --bearer-token>\n");
  g_print ("\nPrompt markers: [[words:N]] sets the reply length, [[fault:NAME]] or\n"
           "[[fault:NAME:N]] injects a fault (throttle, error-500, error-503,\n"
           "validation-400, access-denied-403, bad-signature-403, expired-token-403,\n"
           "model-not-ready, model-timeout-408, mid-stream-exception, mid-stream-throttle,\n"
           "truncated-stream, corrupt-crc, slow-first-byte, hang, html-502, huge),\n"
           "[[filter]] blocks an image. G_MESSAGES_DEBUG=fake-bedrock logs requests.\n"
           "Press Ctrl+C to stop.\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpFakeBedrock) fake = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *region = NULL;
  g_autofree char *bearer_token = NULL;
  g_auto(GStrv) denied_models = NULL;
  int port = 0;
  int tokens_per_second = 0;
  int reply_words = -1;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (default: any free port)", "N" },
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region, "Region signatures must use (default: us-east-1)", "R" },
    { "tokens-per-second", 't', 0, G_OPTION_ARG_INT, &tokens_per_second, "Streaming pace (default: 0, as fast as possible)", "N" },
    { "reply-words", 'w', 0, G_OPTION_ARG_INT, &reply_words, "Reply length in words when the prompt does not ask", "N" },
    { "bearer-token", 'b', 0, G_OPTION_ARG_STRING, &bearer_token, "Also accept this Bedrock API key", "T" },
    { "deny-model", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &denied_models, "Answer as if access to this base model id was never granted (repeatable)", "ID" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- a fake Amazon Bedrock on 127.0.0.1");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("fake-bedrock: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > G_MAXUINT16 || tokens_per_second < 0)
    {
      g_printerr ("fake-bedrock: --port and --tokens-per-second take non-negative numbers\n");
      return 2;
    }

  fake = bp_fake_bedrock_new_with_port ((guint) port, &error);
  if (fake == NULL)
    {
      g_printerr ("fake-bedrock: cannot listen on 127.0.0.1:%d: %s\n", port, error->message);
      return 1;
    }
  if (region != NULL)
    bp_fake_bedrock_set_region (fake, region);
  if (bearer_token != NULL)
    bp_fake_bedrock_set_bearer_token (fake, bearer_token);
  if (reply_words >= 0)
    bp_fake_bedrock_set_reply_words (fake, (guint) reply_words);
  bp_fake_bedrock_set_tokens_per_second (fake, (guint) tokens_per_second);
  for (guint i = 0; denied_models != NULL && denied_models[i] != NULL; i++)
    bp_fake_bedrock_set_model_access (fake, denied_models[i], BP_FAKE_ACCESS_NOT_AUTHORIZED);
  bp_fake_bedrock_set_log_limit (fake, 64);

  print_usage (fake, bearer_token != NULL);
  for (guint i = 0; denied_models != NULL && denied_models[i] != NULL; i++)
    g_print ("Access to %s is not granted (--deny-model).\n", denied_models[i]);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  g_print ("\nServed %u requests.\n", bp_fake_bedrock_get_request_count (fake, NULL));

  return 0;
}
