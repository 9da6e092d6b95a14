/* bp-bedrock-client-test-utils.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Shared by test-bedrock-client.c and test-bedrock-client-faults.c: a
 * fixture with the fake Bedrock server, a credential provider that reads
 * only the fake's environment and a client with a retry policy that never
 * waits, plus helpers to run converse calls and streams from the main
 * loop. Header-only (static inline). */

#include <string.h>

#include <glib/gstdio.h>

#include "bp-bedrock-client-private.h"
#include "bp-converse.h"
#include "bp-fake-bedrock.h"

G_BEGIN_DECLS

#define HAIKU  "anthropic.claude-3-haiku-20240307-v1:0"

typedef struct
{
  BpFakeBedrock        *fake;
  BpCredentialProvider *provider;
  BpBedrockClient      *client;
  BpRetryPolicy        *policy;
  char                 *tmpdir;
  GAsyncResult         *result;
} Fixture;

static inline double
zero_random (gpointer user_data)
{
  return 0.0;
}

static inline void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static inline GAsyncResult *
wait_result (Fixture *f)
{
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (&f->result);
}

/* Builds the provider and client from the fake's current settings. */
static inline void
fixture_configure (Fixture *f)
{
  g_auto(GStrv) envp = bp_fake_bedrock_get_environ (f->fake);
  g_autofree char *config = g_build_filename (f->tmpdir, "config", NULL);
  g_autofree char *credentials = g_build_filename (f->tmpdir, "credentials", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Never the real ~/.aws: missing files in a scratch directory. */
  envp = g_environ_setenv (envp, "AWS_CONFIG_FILE", config, TRUE);
  envp = g_environ_setenv (envp, "AWS_SHARED_CREDENTIALS_FILE", credentials, TRUE);
  envp = g_environ_setenv (envp, "HOME", f->tmpdir, TRUE);

  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  f->provider = bp_credential_provider_new ();
  bp_credential_provider_set_environment (f->provider, (const char * const *) envp);
  f->client = bp_bedrock_client_new (f->provider);
  bp_bedrock_client_set_retry_policy (f->client, f->policy);

  bp_bedrock_client_configure_async (f->client, NULL, NULL, NULL, result_cb, f);
  result = wait_result (f);
  g_assert_true (bp_bedrock_client_configure_finish (f->client, result, &error));
  g_assert_no_error (error);

  _bp_bedrock_client_set_timeouts_ms (f->client, 2000, 5000, 5000);
}

static inline void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->tmpdir = g_dir_make_tmp ("test-bedrock-client-XXXXXX", NULL);
  g_assert_nonnull (f->tmpdir);
  f->fake = bp_fake_bedrock_new ();
  f->policy = bp_retry_policy_new ();
  bp_retry_policy_set_random_func (f->policy, zero_random, NULL);
  fixture_configure (f);
}

static inline void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  g_clear_object (&f->fake);
  g_clear_pointer (&f->policy, bp_retry_policy_unref);
  g_assert_null (f->result);

  /* Let closes and the fake's last callbacks run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpint (g_rmdir (f->tmpdir), ==, 0);
  g_free (f->tmpdir);
}

static inline BpChatRequest *
new_request (const char *model_id,
             const char *prompt)
{
  BpChatRequest *request = bp_chat_request_new (model_id);

  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, prompt);
  bp_chat_request_set_max_tokens (request, 256);

  return request;
}

static inline BpChatReply *
run_converse (Fixture        *f,
              BpChatRequest  *request,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bp_bedrock_client_converse_async (f->client, request, NULL, result_cb, f);
  result = wait_result (f);
  return bp_bedrock_client_converse_finish (f->client, result, error);
}

typedef struct
{
  Fixture      *f;
  GPtrArray    *events;        /* BpStreamEvent */
  guint         n_text;
  GString      *text;
  gint64        first_text_us;
  gint64        last_text_us;
  GCancellable *cancel;        /* (nullable): cancelled at cancel_at events */
  guint         cancel_at;
} StreamLog;

static inline void
stream_log_init (StreamLog *log,
                 Fixture   *f)
{
  memset (log, 0, sizeof *log);
  log->f = f;
  log->events = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_stream_event_unref);
  log->text = g_string_new (NULL);
}

static inline void
stream_log_clear (StreamLog *log)
{
  g_ptr_array_unref (log->events);
  g_string_free (log->text, TRUE);
  g_clear_object (&log->cancel);
}

static inline void
event_cb (BpStreamEvent *event,
          gpointer       user_data)
{
  StreamLog *log = user_data;

  /* Each event arrives while the call is still running. */
  g_assert_null (log->f->result);

  g_ptr_array_add (log->events, bp_stream_event_ref (event));
  if (bp_stream_event_get_event_type (event) == BP_STREAM_EVENT_TEXT_DELTA)
    {
      log->last_text_us = g_get_monotonic_time ();
      if (log->n_text++ == 0)
        log->first_text_us = log->last_text_us;
      g_string_append (log->text, bp_stream_event_get_text (event));
    }

  if (log->cancel != NULL && log->events->len == log->cancel_at)
    g_cancellable_cancel (log->cancel);
}

static inline BpChatReply *
run_stream (Fixture        *f,
            BpChatRequest  *request,
            gboolean        invoke,
            StreamLog      *log,
            BpChatReply   **partial,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (invoke)
    bp_bedrock_client_invoke_chat_stream_async (f->client, request, event_cb, log, NULL,
                                                log->cancel, result_cb, f);
  else
    bp_bedrock_client_converse_stream_async (f->client, request, event_cb, log, NULL,
                                             log->cancel, result_cb, f);
  result = wait_result (f);

  if (invoke)
    return bp_bedrock_client_invoke_chat_stream_finish (f->client, result, partial, error);
  return bp_bedrock_client_converse_stream_finish (f->client, result, partial, error);
}

static inline const char *
request_header (const BpFakeRequest *request,
                const char          *name)
{
  return soup_message_headers_get_one (request->headers, name);
}

G_END_DECLS
