/* bp-history-export.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-history-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bp-chat-json-private.h"
#include "bp-history-export.h"
#include "bp-pricing.h"

/* "Export a conversation as Markdown or JSON" of the chat page and the CLI.
 * Markdown is for reading: a heading per turn, the text verbatim (replies
 * already are Markdown), reasoning folded in a <details> block and one
 * line of figures per reply. JSON is for programs: every field of the
 * records, unknown values as null. It is written with the core's own JSON
 * writer, which prints doubles in their shortest exact form (json-glib 1.6
 * prints 0.7 as 0.69999999999999996), then indented. */

#define DATE_FORMAT "%Y-%m-%d %H:%M"

static char *
format_date (gint64 unix_ms)
{
  g_autoptr(GDateTime) date = NULL;

  if (unix_ms <= 0)
    return NULL;

  date = g_date_time_new_from_unix_local (unix_ms / 1000);
  return date != NULL ? g_date_time_format (date, DATE_FORMAT) : NULL;
}

/* The model, date and system prompt as a list, after a blank line; nothing
 * when none is known. */
static void
append_metadata (GString                    *out,
                 const BpConversationRecord *conversation)
{
  g_autofree char *date = format_date (conversation->created_at);
  g_autoptr(GString) list = g_string_new (NULL);

  if (conversation->model_id != NULL)
    /* Translators: a line of an exported conversation; %s is a model id */
    g_string_append_printf (list, _("- **Model:** `%s`\n"), conversation->model_id);
  if (date != NULL)
    /* Translators: a line of an exported conversation; %s is a date */
    g_string_append_printf (list, _("- **Date:** %s\n"), date);

  if (conversation->system_prompt != NULL && conversation->system_prompt[0] != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (conversation->system_prompt, "\n", -1);

      g_string_append_printf (list, "- **%s:**\n\n", _("System prompt"));
      for (guint i = 0; lines[i] != NULL; i++)
        g_string_append_printf (list, lines[i][0] != '\0' ? "  > %s\n" : "  >%s\n", lines[i]);
    }

  if (list->len > 0)
    g_string_append_printf (out, "\n%s", list->str);
}

static char *
format_tokens (gint64   count,
               gboolean output)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, count);
  gulong n = (gulong) MIN (count, G_MAXLONG);

  if (output)
    return g_strdup_printf (ngettext ("%s output token", "%s output tokens", n), number);

  return g_strdup_printf (ngettext ("%s input token", "%s input tokens", n), number);
}

static char *
format_duration (gint64 ms)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (ms < 1000)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, ms);

      /* Translators: a duration in milliseconds */
      return g_strdup_printf (_("%s ms"), number);
    }

  g_ascii_formatd (buf, sizeof buf, "%.1f", (double) ms / 1000.0);
  /* Translators: a duration in seconds, such as 2.4 */
  return g_strdup_printf (_("%s s"), buf);
}

/* "12 input tokens · 5 output tokens · 1.2 s · $0.0001", or NULL when
 * nothing is known. */
static char *
format_stats (const BpMessageRecord *message)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (message->input_tokens >= 0)
    g_ptr_array_add (parts, format_tokens (message->input_tokens, FALSE));
  if (message->output_tokens >= 0)
    g_ptr_array_add (parts, format_tokens (message->output_tokens, TRUE));
  if (message->total_ms >= 0)
    g_ptr_array_add (parts, format_duration (message->total_ms));
  if (message->cost_usd >= 0)
    g_ptr_array_add (parts, bp_pricing_format_usd (message->cost_usd));

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
append_paragraph (GString    *out,
                  const char *text)
{
  gsize len = strlen (text);

  g_string_append (out, "\n");
  g_string_append (out, text);
  if (len == 0 || text[len - 1] != '\n')
    g_string_append_c (out, '\n');
}

static void
append_reply_tail (GString               *out,
                   const BpMessageRecord *message)
{
  g_autofree char *stats = format_stats (message);

  if (message->incomplete && message->error_message != NULL)
    /* Translators: marks a reply that failed; %s is why */
    g_string_append_printf (out, _("\n*(incomplete: %s)*\n"), message->error_message);
  else if (message->incomplete)
    g_string_append_printf (out, "\n*%s*\n", _("(incomplete)"));

  if (stats != NULL)
    g_string_append_printf (out, "\n*%s*\n", stats);
}

static void
append_message (GString               *out,
                const BpMessageRecord *message)
{
  gboolean assistant = message->role == BP_CHAT_ROLE_ASSISTANT;

  if (!assistant)
    g_string_append_printf (out, "\n## %s\n", _("You"));
  else if (message->model_id != NULL)
    /* Translators: the heading of a reply; %s is the model id */
    g_string_append_printf (out, _("\n## Assistant (%s)\n"), message->model_id);
  else
    g_string_append_printf (out, "\n## %s\n", _("Assistant"));

  if (message->reasoning != NULL && message->reasoning[0] != '\0')
    {
      g_string_append_printf (out, "\n<details>\n<summary>%s</summary>\n", _("Reasoning"));
      append_paragraph (out, message->reasoning);
      g_string_append (out, "\n</details>\n");
    }

  if (message->text != NULL && message->text[0] != '\0')
    append_paragraph (out, message->text);

  if (assistant)
    append_reply_tail (out, message);
}

/**
 * bp_history_export_markdown:
 * @conversation: the conversation
 * @messages: (element-type BpMessageRecord): its messages, in order
 *
 * Writes the conversation as Markdown: its title as the heading, the model,
 * date and system prompt, then a "## You" or "## Assistant (model)"
 * section per message with the text verbatim, the reasoning in a
 * <details> block, and for replies a line with the tokens, time and cost,
 * after "(incomplete)" when the reply did not finish. Labels are
 * translated; dates are local time.
 *
 * Returns: (transfer full): the Markdown text
 */
char *
bp_history_export_markdown (const BpConversationRecord *conversation,
                            GPtrArray                  *messages)
{
  GString *out;

  g_return_val_if_fail (conversation != NULL, NULL);
  g_return_val_if_fail (messages != NULL, NULL);

  out = g_string_new ("# ");
  g_string_append (out, conversation->title != NULL && conversation->title[0] != '\0'
                        ? conversation->title : _("Conversation"));
  g_string_append_c (out, '\n');
  append_metadata (out, conversation);

  for (guint i = 0; i < messages->len; i++)
    append_message (out, g_ptr_array_index (messages, i));

  return g_string_free (out, FALSE);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Counts and times that are unknown (negative) become null. */
static void
add_known_int (JsonBuilder *builder,
               const char  *member,
               gint64       value)
{
  json_builder_set_member_name (builder, member);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_known_cost (JsonBuilder *builder,
                const char  *member,
                double       usd)
{
  json_builder_set_member_name (builder, member);
  if (usd >= 0)
    json_builder_add_double_value (builder, usd);
  else
    json_builder_add_null_value (builder);
}

static void
add_message (JsonBuilder           *builder,
             const BpMessageRecord *message)
{
  json_builder_begin_object (builder);
  _bp_json_add_int_member (builder, "id", message->id);
  _bp_json_add_int_member (builder, "conversation_id", message->conversation_id);
  _bp_json_add_int_member (builder, "position", message->position);
  _bp_json_add_string_member (builder, "role",
                              message->role == BP_CHAT_ROLE_ASSISTANT ? "assistant" : "user");
  add_string (builder, "text", message->text);
  add_string (builder, "reasoning", message->reasoning);
  add_string (builder, "model_id", message->model_id);
  add_string (builder, "invoke_id", message->invoke_id);
  add_string (builder, "stop_reason", message->stop_reason);
  add_known_int (builder, "input_tokens", message->input_tokens);
  add_known_int (builder, "output_tokens", message->output_tokens);
  add_known_int (builder, "time_to_first_token_ms", message->time_to_first_token_ms);
  add_known_int (builder, "total_ms", message->total_ms);
  add_known_cost (builder, "cost_usd", message->cost_usd);
  add_string (builder, "request_json", message->request_json);
  add_string (builder, "endpoint", message->endpoint);
  add_string (builder, "error_message", message->error_message);
  json_builder_set_member_name (builder, "incomplete");
  json_builder_add_boolean_value (builder, message->incomplete);
  _bp_json_add_int_member (builder, "created_at", message->created_at);
  json_builder_end_object (builder);
}

static void
add_conversation (JsonBuilder                *builder,
                  const BpConversationRecord *conversation)
{
  _bp_json_add_int_member (builder, "id", conversation->id);
  add_string (builder, "title", conversation->title);
  _bp_json_add_int_member (builder, "created_at", conversation->created_at);
  _bp_json_add_int_member (builder, "updated_at", conversation->updated_at);
  add_string (builder, "model_id", conversation->model_id);
  add_string (builder, "system_prompt", conversation->system_prompt);
  add_string (builder, "parameters_json", conversation->parameters_json);
  _bp_json_add_int_member (builder, "n_messages", conversation->n_messages);
  _bp_json_add_double_member (builder, "total_cost_usd", conversation->total_cost_usd);
}

static void
append_newline_indent (GString *out,
                       guint    depth)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

/* What follows a structural character of compact JSON; @p may move on past
 * the "}" or "]" of an empty object or array. */
static void
indent_after (GString     *out,
              const char **p,
              guint       *depth,
              gboolean    *in_string)
{
  const char *q = *p;

  switch (*q)
    {
    case '"':
      *in_string = TRUE;
      break;

    case '{':
    case '[':
      if (q[1] == '}' || q[1] == ']')
        g_string_append_c (out, *++q);
      else
        append_newline_indent (out, ++*depth);
      break;

    case ',':
      append_newline_indent (out, *depth);
      break;

    case ':':
      g_string_append_c (out, ' ');
      break;

    default:
      break;
    }

  *p = q;
}

/* Indents compact JSON by two spaces per level. Strings are copied as they
 * are; empty objects and arrays stay "{}" and "[]". */
static char *
indent_json (const char *compact)
{
  GString *out = g_string_sized_new (strlen (compact) * 2);
  gboolean in_string = FALSE;
  guint depth = 0;

  for (const char *p = compact; *p != '\0'; p++)
    {
      char c = *p;

      g_string_append_c (out, c);
      if (in_string)
        {
          if (c == '\\' && p[1] != '\0')
            g_string_append_c (out, *++p);
          else if (c == '"')
            in_string = FALSE;
          if (in_string)
            continue;
        }
      else
        {
          indent_after (out, &p, &depth, &in_string);
        }

      if (!in_string && (p[1] == '}' || p[1] == ']'))
        append_newline_indent (out, --depth);
    }

  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/**
 * bp_history_export_json:
 * @conversation: the conversation
 * @messages: (element-type BpMessageRecord): its messages, in order
 *
 * Writes the conversation as JSON, indented by two spaces: an object with
 * "format" (%BP_HISTORY_EXPORT_JSON_FORMAT), "version", every field of
 * @conversation, and "messages", an array with every field of each message
 * ("role" is "user" or "assistant"). Unknown counts, times and costs, and
 * unset strings, are null; times are Unix milliseconds.
 *
 * Returns: (transfer full): the JSON text, ending in a newline
 */
char *
bp_history_export_json (const BpConversationRecord *conversation,
                        GPtrArray                  *messages)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *compact = NULL;

  g_return_val_if_fail (conversation != NULL, NULL);
  g_return_val_if_fail (messages != NULL, NULL);

  json_builder_begin_object (builder);
  _bp_json_add_string_member (builder, "format", BP_HISTORY_EXPORT_JSON_FORMAT);
  _bp_json_add_int_member (builder, "version", BP_HISTORY_EXPORT_JSON_VERSION);
  add_conversation (builder, conversation);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < messages->len; i++)
    add_message (builder, g_ptr_array_index (messages, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  compact = _bp_json_to_string (root);
  return indent_json (compact);
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * bp_history_export_write_async:
 * @file: where to write
 * @contents: the text to write (bp_history_export_markdown() or
 *   bp_history_export_json()); copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Writes @contents to @file atomically: to a temporary file beside it,
 * then renamed over it, so an existing file is replaced whole or not at
 * all. No backup is kept.
 */
void
bp_history_export_write_async (GFile               *file,
                               const char          *contents,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (contents != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_history_export_write_async);

  bytes = g_bytes_new (contents, strlen (contents));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       cancellable, replace_contents_cb,
                                       g_steal_pointer (&task));
}

/**
 * bp_history_export_write_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError (%G_IO_ERROR)
 *
 * Returns: %TRUE if the file was written
 */
gboolean
bp_history_export_write_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_history_export_write_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
