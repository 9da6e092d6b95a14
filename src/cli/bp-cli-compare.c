/* bp-cli-compare.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-cli-private.h"

/* `compare`: one prompt to several models at once, all streaming. The
 * answers are printed in the order the models were given: the first one
 * streams live, the others are buffered until it is their turn. Then a
 * table of timing, tokens and cost. */

typedef struct _CompareRun CompareRun;

typedef struct
{
  CompareRun  *run;         /* borrowed */
  char        *model_id;    /* (owned) as given */
  char        *invoke_id;   /* (owned) */
  GString     *text;        /* (owned) what arrived */
  gsize        printed;     /* how much of @text is on stdout */
  BpChatReply *reply;       /* (owned) (nullable) */
  GError      *error;       /* (owned) (nullable) */
  gint64       start_us;    /* when the request was sent */
  gint64       total_ms;    /* the whole call, as waited for */
  gboolean     done;
} CompareSlot;

struct _CompareRun
{
  BpCli           *cli;
  BpCliChatParams  params;
  char           **models;   /* (owned) -m values */
  char            *prompt;   /* (owned) */
  BpChatRequest   *request;  /* (owned) the template */
  GPtrArray       *slots;    /* (owned) CompareSlot */
  guint            current;  /* the slot whose answer is being printed */
  guint            n_running;
};

static void
compare_slot_free (CompareSlot *slot)
{
  g_free (slot->model_id);
  g_free (slot->invoke_id);
  g_string_free (slot->text, TRUE);
  g_clear_pointer (&slot->reply, bp_chat_reply_unref);
  g_clear_error (&slot->error);
  g_free (slot);
}

static void
compare_run_free (CompareRun *run)
{
  _bp_cli_chat_params_clear (&run->params);
  g_strfreev (run->models);
  g_free (run->prompt);
  g_clear_pointer (&run->request, bp_chat_request_unref);
  g_clear_pointer (&run->slots, g_ptr_array_unref);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CompareRun, compare_run_free)

static CompareSlot *
get_slot (CompareRun *run,
          guint       index)
{
  return g_ptr_array_index (run->slots, index);
}

static void
print_heading (CompareRun  *run,
               CompareSlot *slot)
{
  g_autofree char *heading = NULL;

  if (run->current > 0)
    _bp_cli_print (run->cli, "\n");
  if (g_strcmp0 (slot->model_id, slot->invoke_id) != 0)
    heading = g_strdup_printf ("== %s (%s) ==\n", slot->model_id, slot->invoke_id);
  else
    heading = g_strdup_printf ("== %s ==\n", slot->model_id);
  _bp_cli_print (run->cli, heading);
}

/* Prints what the current slot has that is not on stdout yet; moves on to
 * the next slot when the current one is done. */
static void
flush_slots (CompareRun *run)
{
  while (run->current < run->slots->len)
    {
      CompareSlot *slot = get_slot (run, run->current);

      _bp_cli_print (run->cli, slot->text->str + slot->printed);
      slot->printed = slot->text->len;
      if (!slot->done)
        return;

      if (slot->error != NULL)
        {
          int status;
          g_autofree char *message = _bp_cli_describe_error (run->cli, slot->error, &status);

          _bp_cli_end_line (run->cli);
          _bp_cli_print (run->cli, message);
        }
      _bp_cli_end_line (run->cli);

      if (++run->current < run->slots->len)
        print_heading (run, get_slot (run, run->current));
    }
}

static void
add_table_row (CompareRun  *run,
               BpCliTable  *table,
               CompareSlot *slot)
{
  BpChatReply *reply = slot->reply;
  const BpUsage *usage = reply != NULL ? bp_chat_reply_get_usage (reply) : NULL;
  gint64 total_ms = reply != NULL ? slot->total_ms : -1;
  gint64 first_ms = reply != NULL ? bp_chat_reply_get_time_to_first_token_ms (reply) : -1;
  g_autofree char *first = _bp_cli_format_ms (first_ms);
  g_autofree char *total = _bp_cli_format_ms (total_ms);
  g_autofree char *in = _bp_cli_format_count (usage != NULL ? usage->input_tokens : -1);
  g_autofree char *out = _bp_cli_format_count (usage != NULL ? usage->output_tokens : -1);
  g_autofree char *rate = _bp_cli_format_rate (usage != NULL ? usage->output_tokens : -1,
                                               total_ms, first_ms);
  g_autofree char *cost = NULL;
  g_autofree char *result = NULL;
  const char *cells[8];
  int status;

  cost = _bp_cli_format_cost (_bp_cli_estimate_cost (run->cli, slot->invoke_id, usage));
  if (slot->error != NULL)
    result = _bp_cli_describe_error (run->cli, slot->error, &status);
  else
    result = g_strdup (_("ok"));

  cells[0] = slot->invoke_id;
  cells[1] = first;
  cells[2] = total;
  cells[3] = in;
  cells[4] = out;
  cells[5] = rate;
  cells[6] = cost;
  cells[7] = result;
  _bp_cli_table_add_row (table, cells);
}

static void
finish (CompareRun *run)
{
  g_autoptr(BpCliTable) table = NULL;
  g_autofree char *text = NULL;
  guint n_failed = 0;
  const char *headers[] = {
    _("MODEL"), _("FIRST TOKEN"), _("TOTAL"), _("TOKENS IN"), _("TOKENS OUT"), _("TOKENS/S"),
    _("COST"), _("RESULT"),
  };

  table = _bp_cli_table_new (G_N_ELEMENTS (headers), headers);
  for (guint c = 1; c <= 6; c++)
    _bp_cli_table_set_right_align (table, c);

  for (guint i = 0; i < run->slots->len; i++)
    {
      CompareSlot *slot = get_slot (run, i);

      if (_bp_cli_error_is_cancelled (slot->error))
        {
          _bp_cli_fail (run->cli, slot->error);
          return;
        }
      n_failed += slot->error != NULL;
      add_table_row (run, table, slot);
    }

  text = _bp_cli_table_format (table);
  _bp_cli_print (run->cli, "\n");
  _bp_cli_print (run->cli, text);

  if (n_failed > 0)
    {
      /* Translators: the one error line of compare, e.g. "1 of 3 models failed" */
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u of %u models failed",
                                                               "%u of %u models failed",
                                                               run->slots->len),
                                                  n_failed, run->slots->len);
      _bp_cli_print_error_line (run->cli, message);
      _bp_cli_exit (run->cli, BP_CLI_EXIT_FAILED);
      return;
    }

  _bp_cli_exit (run->cli, BP_CLI_EXIT_OK);
}

static void
text_event_cb (BpStreamEvent *event,
               gpointer       user_data)
{
  CompareSlot *slot = user_data;

  if (bp_stream_event_get_event_type (event) != BP_STREAM_EVENT_TEXT_DELTA ||
      slot->run->cli->finished)
    return;

  g_string_append (slot->text, bp_stream_event_get_text (event));
  flush_slots (slot->run);
}

static void
stream_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CompareSlot *slot = user_data;
  CompareRun *run = slot->run;

  slot->reply = bp_bedrock_client_converse_stream_finish (BP_BEDROCK_CLIENT (object), result,
                                                          NULL, &slot->error);
  slot->total_ms = (g_get_monotonic_time () - slot->start_us) / 1000;
  slot->done = TRUE;

  /* Ctrl+C: stop at once; the other calls end cancelled too. */
  if (_bp_cli_error_is_cancelled (slot->error))
    _bp_cli_fail (run->cli, slot->error);
  else if (!run->cli->finished)
    flush_slots (run);

  if (--run->n_running > 0)
    return;

  if (!run->cli->finished)
    finish (run);
  compare_run_free (run);
}

static void
start_models (CompareRun *run)
{
  BpCli *cli = run->cli;

  run->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) compare_slot_free);
  for (guint i = 0; run->models[i] != NULL; i++)
    {
      CompareSlot *slot = g_new0 (CompareSlot, 1);
      gboolean mapped;

      slot->run = run;
      slot->model_id = g_strdup (run->models[i]);
      slot->invoke_id = _bp_cli_pick_invoke_id (cli, slot->model_id, &mapped);
      slot->text = g_string_new (NULL);
      g_ptr_array_add (run->slots, slot);
    }

  print_heading (run, get_slot (run, 0));
  run->n_running = run->slots->len;
  for (guint i = 0; i < run->slots->len; i++)
    {
      CompareSlot *slot = get_slot (run, i);
      g_autoptr(BpChatRequest) request = bp_chat_request_copy (run->request);

      bp_chat_request_set_model_id (request, slot->invoke_id);
      bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, run->prompt);
      slot->start_us = g_get_monotonic_time ();
      bp_bedrock_client_converse_stream_async (cli->client, request, text_event_cb, slot, NULL,
                                               cli->cancellable, stream_cb, slot);
    }
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CompareRun) run = user_data;
  g_autoptr(GError) error = NULL;

  if (!_bp_cli_connect_finish (run->cli, result, &error))
    {
      _bp_cli_fail (run->cli, error);
      return;
    }

  /* The run now belongs to the calls: the last one to end frees it. */
  start_models (g_steal_pointer (&run));
}

static gboolean
parse (CompareRun  *run,
       char      ***args)
{
  g_autofree GOptionEntry *params = _bp_cli_chat_params_entries (&run->params);
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &run->models,
      N_("A model to compare (give two or more)"), N_("MODEL") },
    { NULL }
  };

  if (!_bp_cli_parse_options (run->cli, "compare", _("PROMPT"),
                              _("Sends PROMPT to every model at once and prints the answers "
                                "in the order given, then their timing, tokens and cost."),
                              entries, params, args))
    return FALSE;

  if (run->models == NULL || g_strv_length (run->models) < 2)
    {
      _bp_cli_fail_usage (run->cli, _("compare needs two or more models: -m A -m B"));
      return FALSE;
    }
  run->prompt = _bp_cli_join_prompt (*args + 1);
  if (run->prompt == NULL || g_strstrip (run->prompt)[0] == '\0')
    {
      _bp_cli_fail_usage (run->cli, _("compare needs a PROMPT"));
      return FALSE;
    }

  run->request = bp_chat_request_new (run->models[0]);
  return _bp_cli_chat_params_apply (run->cli, &run->params, run->request);
}

/**
 * _bp_cli_compare_run:
 * @cli: the run
 * @args: (inout): the arguments
 *
 * Runs `compare`.
 */
void
_bp_cli_compare_run (BpCli   *cli,
                     char  ***args)
{
  g_autoptr(CompareRun) run = g_new0 (CompareRun, 1);

  run->cli = cli;
  if (!parse (run, args))
    return;

  _bp_cli_connect_async (cli, TRUE, connect_cb, g_steal_pointer (&run));
}
