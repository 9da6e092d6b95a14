/* bp-cli-chat.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bp-cli-private.h"

/* `chat`: one prompt, one reply. ConverseStream by default, printing each
 * text delta as it arrives; Converse with --no-stream; InvokeModel with the
 * family's own body with --invoke. */

typedef struct
{
  BpCli           *cli;
  BpCliChatParams  params;
  BpChatRequest   *request;    /* (owned) (nullable) */
  char            *model_id;   /* (owned) as given */
  char            *invoke_id;  /* (owned) (nullable) what is sent */
  char            *prompt;     /* (owned) (nullable) */
  gboolean         no_stream;
  gboolean         invoke;
  gboolean         json;
  gboolean         verbose;
  gint64           start_us;   /* when the request was sent */
  gint64           total_ms;   /* the whole call as the user waited for it */
} ChatRun;

static void
chat_run_free (ChatRun *run)
{
  _bp_cli_chat_params_clear (&run->params);
  g_clear_pointer (&run->request, bp_chat_request_unref);
  g_free (run->model_id);
  g_free (run->invoke_id);
  g_free (run->prompt);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChatRun, chat_run_free)

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value);
}

static const char *
stop_reason_name (BpChatReply *reply)
{
  BpStopReason reason = bp_chat_reply_get_stop_reason (reply);

  if (reason == BP_STOP_REASON_OTHER && bp_chat_reply_get_stop_reason_string (reply) != NULL)
    return bp_chat_reply_get_stop_reason_string (reply);

  return bp_stop_reason_to_string (reason);
}

static void
print_json (ChatRun     *run,
            BpChatReply *reply)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const BpUsage *usage = bp_chat_reply_get_usage (reply);
  const char *stop_reason = stop_reason_name (reply);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, bp_chat_reply_get_text (reply));
  json_builder_set_member_name (builder, "stop_reason");
  if (stop_reason != NULL)
    json_builder_add_string_value (builder, stop_reason);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "usage");
  json_builder_begin_object (builder);
  add_int_member (builder, "input_tokens", usage->input_tokens);
  add_int_member (builder, "output_tokens", usage->output_tokens);
  add_int_member (builder, "total_tokens", usage->total_tokens);
  json_builder_end_object (builder);
  add_int_member (builder, "latency_ms", run->total_ms);
  add_int_member (builder, "time_to_first_token_ms",
                  bp_chat_reply_get_time_to_first_token_ms (reply));
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, run->invoke_id);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  _bp_cli_print (run->cli, text);
  _bp_cli_print (run->cli, "\n");
}

static void
print_stats (ChatRun     *run,
             BpChatReply *reply)
{
  const BpUsage *usage = bp_chat_reply_get_usage (reply);
  gint64 total_ms = run->total_ms;
  gint64 first_ms = bp_chat_reply_get_time_to_first_token_ms (reply);
  g_autofree char *in = _bp_cli_format_count (usage->input_tokens);
  g_autofree char *out = _bp_cli_format_count (usage->output_tokens);
  g_autofree char *first = _bp_cli_format_ms (first_ms);
  g_autofree char *total = _bp_cli_format_ms (total_ms);
  g_autofree char *rate = _bp_cli_format_rate (usage->output_tokens, total_ms, first_ms);
  g_autofree char *cost = NULL;

  cost = _bp_cli_format_cost (_bp_cli_estimate_cost (run->cli, run->invoke_id, usage));
  _bp_cli_print_note (_("%s input tokens, %s output tokens · first token %s · total %s · "
                        "%s tokens/s · estimated cost %s · stop %s"),
                      in, out, first, total, rate, cost,
                      stop_reason_name (reply) != NULL ? stop_reason_name (reply) : "—");
}

static void
text_event_cb (BpStreamEvent *event,
               gpointer       user_data)
{
  ChatRun *run = user_data;

  if (!run->json && bp_stream_event_get_event_type (event) == BP_STREAM_EVENT_TEXT_DELTA)
    _bp_cli_print (run->cli, bp_stream_event_get_text (event));
}

static void
reply_done (ChatRun     *run,
            BpChatReply *reply,
            GError      *error)
{
  BpCli *cli = run->cli;

  run->total_ms = (g_get_monotonic_time () - run->start_us) / 1000;
  if (reply == NULL)
    {
      _bp_cli_fail (cli, error);
      return;
    }

  if (run->json)
    print_json (run, reply);
  else if (run->no_stream)
    _bp_cli_print (cli, bp_chat_reply_get_text (reply));
  _bp_cli_end_line (cli);

  if (run->verbose)
    print_stats (run, reply);

  _bp_cli_exit (cli, BP_CLI_EXIT_OK);
}

static void
stream_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ChatRun) run = user_data;
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  BpBedrockClient *client = BP_BEDROCK_CLIENT (object);

  /* On error the partial text is already on stdout: it stays there. */
  if (run->invoke)
    reply = bp_bedrock_client_invoke_chat_stream_finish (client, result, NULL, &error);
  else
    reply = bp_bedrock_client_converse_stream_finish (client, result, NULL, &error);

  reply_done (run, reply, error);
}

static void
whole_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ChatRun) run = user_data;
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  BpBedrockClient *client = BP_BEDROCK_CLIENT (object);

  if (run->invoke)
    reply = bp_bedrock_client_invoke_chat_finish (client, result, &error);
  else
    reply = bp_bedrock_client_converse_finish (client, result, &error);

  reply_done (run, reply, error);
}

static void
send_request (ChatRun *run)
{
  BpCli *cli = run->cli;
  ChatRun *borrowed = run;
  gboolean mapped;

  run->invoke_id = _bp_cli_pick_invoke_id (cli, run->model_id, &mapped);
  if (mapped && run->verbose)
    _bp_cli_print_note (_("%s needs an inference profile: using %s"),
                        run->model_id, run->invoke_id);

  bp_chat_request_set_model_id (run->request, run->invoke_id);
  bp_chat_request_add_message (run->request, BP_CHAT_ROLE_USER, run->prompt);
  run->start_us = g_get_monotonic_time ();

  if (run->no_stream && run->invoke)
    bp_bedrock_client_invoke_chat_async (cli->client, run->request, cli->cancellable,
                                         whole_cb, run);
  else if (run->no_stream)
    bp_bedrock_client_converse_async (cli->client, run->request, cli->cancellable,
                                      whole_cb, run);
  else if (run->invoke)
    bp_bedrock_client_invoke_chat_stream_async (cli->client, run->request,
                                                text_event_cb, borrowed, NULL,
                                                cli->cancellable, stream_cb, run);
  else
    bp_bedrock_client_converse_stream_async (cli->client, run->request,
                                             text_event_cb, borrowed, NULL,
                                             cli->cancellable, stream_cb, run);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ChatRun) run = user_data;
  g_autoptr(GError) error = NULL;

  if (!_bp_cli_connect_finish (run->cli, result, &error))
    {
      _bp_cli_fail (run->cli, error);
      return;
    }

  /* The run now belongs to the request's callback. */
  send_request (g_steal_pointer (&run));
}

static void
start (ChatRun *run)
{
  if (run->prompt == NULL || g_strstrip (run->prompt)[0] == '\0')
    {
      _bp_cli_fail_usage (run->cli, _("No prompt: give it as an argument or on standard input"));
      chat_run_free (run);
      return;
    }

  _bp_cli_connect_async (run->cli, TRUE, connect_cb, run);
}

static void
stdin_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  ChatRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->prompt = _bp_cli_read_stdin_finish (run->cli, result, &error);
  if (run->prompt == NULL)
    {
      _bp_cli_fail (run->cli, error);
      chat_run_free (run);
      return;
    }

  start (run);
}

static gboolean
parse (ChatRun   *run,
       char    ***args)
{
  g_autofree GOptionEntry *params = _bp_cli_chat_params_entries (&run->params);
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_STRING, &run->model_id,
      N_("The model id or inference profile id (required)"), N_("MODEL") },
    { "no-stream", 0, 0, G_OPTION_ARG_NONE, &run->no_stream,
      N_("Wait for the whole reply (Converse instead of ConverseStream)"), NULL },
    { "invoke", 0, 0, G_OPTION_ARG_NONE, &run->invoke,
      N_("Use InvokeModel with the model family’s own request body"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &run->json,
      N_("Print the reply, usage and timing as JSON"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &run->verbose,
      N_("Print usage, timing and estimated cost on stderr"), NULL },
    { NULL }
  };

  if (!_bp_cli_parse_options (run->cli, "chat", _("[PROMPT]"),
                              _("Sends PROMPT (or standard input) to a model and prints the "
                                "reply as it arrives. Only the parameters given are sent."),
                              entries, params, args))
    return FALSE;

  if (run->model_id == NULL || run->model_id[0] == '\0')
    {
      _bp_cli_fail_usage (run->cli, _("chat needs a model: -m MODEL (“%s models” lists them)"),
                          BP_CLI_NAME);
      return FALSE;
    }

  run->request = bp_chat_request_new (run->model_id);
  return _bp_cli_chat_params_apply (run->cli, &run->params, run->request);
}

/**
 * _bp_cli_chat_run:
 * @cli: the run
 * @args: (inout): the arguments
 *
 * Runs `chat`.
 */
void
_bp_cli_chat_run (BpCli   *cli,
                  char  ***args)
{
  g_autoptr(ChatRun) run = g_new0 (ChatRun, 1);

  run->cli = cli;
  if (!parse (run, args))
    return;

  run->prompt = _bp_cli_join_prompt (*args + 1);
  if (run->prompt != NULL)
    {
      start (g_steal_pointer (&run));
      return;
    }

  if (isatty (STDIN_FILENO))
    _bp_cli_print_note (_("Type the prompt, then press Ctrl+D"));
  _bp_cli_read_stdin_async (cli, stdin_cb, g_steal_pointer (&run));
}
