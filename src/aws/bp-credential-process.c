/* bp-credential-process.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-credential-process"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>
#include <json-glib/json-glib.h>

#include "bp-credential-process-private.h"
#include "bp-credentials-private.h"

/* The only output format the AWS SDKs define (wire-format §1.6). */
#define PROCESS_OUTPUT_VERSION 1
/* How much of stderr's first line goes into a message, in characters. */
#define STDERR_LINE_MAX_CHARS 200

typedef struct
{
  /* (owned) */
  char         *profile;
  char         *source_path;
  GSubprocess  *subprocess;
  /* (owned): cancels the pipes on timeout or when the caller cancels */
  GCancellable *run_cancellable;
  /* (owned) (nullable) */
  GSource      *timeout_source;
  /* (owned) (nullable): the caller's, with our handler on it */
  GCancellable *caller_cancellable;
  gulong        cancelled_id;

  guint         timeout_ms;
  gboolean      timed_out;
} ProcessData;

static void
process_data_free (ProcessData *data)
{
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->cancelled_id);
  if (data->timeout_source != NULL)
    g_source_destroy (data->timeout_source);
  g_clear_pointer (&data->timeout_source, g_source_unref);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->run_cancellable);
  g_clear_object (&data->subprocess);
  g_free (data->profile);
  g_free (data->source_path);
  g_free (data);
}

static void
wipe_bytes (GBytes *bytes)
{
  gsize len = 0;
  guint8 *data;

  if (bytes == NULL)
    return;

  data = g_bytes_unref_to_data (bytes, &len);
  gnutls_memset (data, 0, len);
  g_free (data);
}

/* The first non-empty line of @bytes, valid UTF-8, without control
 * characters, at most STDERR_LINE_MAX_CHARS characters. */
static char *
first_line (GBytes *bytes)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len = 0;
  const char *data;

  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  text = g_utf8_make_valid (data != NULL ? data : "", len);
  lines = g_strsplit_set (text, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;

      for (char *p = line; *p != '\0'; p++)
        if ((guchar) *p < 0x20 || *p == 0x7f)
          *p = ' ';

      if (g_utf8_strlen (line, -1) > STDERR_LINE_MAX_CHARS)
        {
          g_autofree char *cut = g_utf8_substring (line, 0, STDERR_LINE_MAX_CHARS);
          return g_strconcat (cut, "…", NULL);
        }

      return g_strdup (line);
    }

  return NULL;
}

static GError *
output_error (const char *profile,
              const char *source_path,
              const char *problem)
{
  return g_error_new (BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_PROCESS_OUTPUT,
                      /* Translators: the first %s is a profile, the second a file,
                       * the third what is wrong with the output */
                      _("The credential_process of profile “%s” in %s printed no usable "
                        "credentials: %s. The command must print JSON with \"Version\": 1, "
                        "\"AccessKeyId\" and \"SecretAccessKey\" (as `aws configure "
                        "export-credentials --format process` does)"),
                      profile, source_path, problem);
}

static const char *
get_string_member (JsonObject *object,
                   const char *name,
                   gboolean   *out_wrong_type)
{
  JsonNode *node = json_object_get_member (object, name);

  *out_wrong_type = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *out_wrong_type = TRUE;
      return NULL;
    }

  return json_node_get_string (node);
}

static gboolean
check_version (JsonObject  *object,
               const char  *profile,
               const char  *source_path,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, "Version");
  g_autofree char *problem = NULL;

  if (node == NULL)
    problem = g_strdup (_("\"Version\" is missing"));
  else if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    problem = g_strdup (_("\"Version\" is not a number"));
  else if (json_node_get_int (node) != PROCESS_OUTPUT_VERSION)
    {
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      /* Translators: %s is the version number the credential process reported */
      problem = g_strdup_printf (_("\"Version\" is %s, only 1 is supported"), version);
    }
  else
    return TRUE;

  g_propagate_error (error, output_error (profile, source_path, problem));
  return FALSE;
}

static const char *
require_string (JsonObject  *object,
                const char  *name,
                const char  *profile,
                const char  *source_path,
                GError     **error)
{
  g_autofree char *problem = NULL;
  gboolean wrong_type;
  const char *value = get_string_member (object, name, &wrong_type);

  if (value != NULL && *value != '\0')
    return value;

  if (wrong_type)
    problem = g_strdup_printf (_("\"%s\" is not a string"), name);
  else
    problem = g_strdup_printf (_("\"%s\" is missing or empty"), name);

  g_propagate_error (error, output_error (profile, source_path, problem));
  return NULL;
}

static gboolean
read_optional (JsonObject  *object,
               const char  *profile,
               const char  *source_path,
               const char **out_token,
               gint64      *out_expiration,
               GError     **error)
{
  g_autofree char *problem = NULL;
  gboolean wrong_type;
  const char *expiration;

  *out_token = get_string_member (object, "SessionToken", &wrong_type);
  if (wrong_type)
    problem = g_strdup (_("\"SessionToken\" is not a string"));

  *out_expiration = 0;
  expiration = get_string_member (object, "Expiration", &wrong_type);
  if (problem == NULL && wrong_type)
    problem = g_strdup (_("\"Expiration\" is not a string"));
  else if (problem == NULL && expiration != NULL &&
           !_bp_credentials_parse_time (expiration, out_expiration))
    problem = g_strdup (_("\"Expiration\" is not an ISO-8601 time"));

  if (problem == NULL && *out_expiration < 0)
    problem = g_strdup (_("\"Expiration\" is before 1970"));

  if (problem == NULL)
    return TRUE;

  g_propagate_error (error, output_error (profile, source_path, problem));
  return FALSE;
}

/* "AccountId" is accepted and not needed: nothing here signs per account. */
BpCredentials *
_bp_credential_process_parse_output (const char  *output,
                                     gsize        length,
                                     const char  *profile,
                                     const char  *source_path,
                                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  BpCredentials *credentials;
  const char *key_id, *secret, *token;
  JsonObject *object;
  gint64 expiration;

  g_return_val_if_fail (output != NULL || length == 0, NULL);
  g_return_val_if_fail (profile != NULL && source_path != NULL, NULL);

  /* The parser's own message may quote the output, which holds secrets. */
  if (!json_parser_load_from_data (parser, output != NULL ? output : "", length, &parse_error))
    {
      g_debug ("credential_process output of profile %s is not JSON", profile);
      g_propagate_error (error, output_error (profile, source_path, _("its output is not JSON")));
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_propagate_error (error, output_error (profile, source_path, _("its output is empty")));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_propagate_error (error, output_error (profile, source_path, _("its output is not a JSON object")));
      return NULL;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  if (!check_version (object, profile, source_path, error) ||
      !(key_id = require_string (object, "AccessKeyId", profile, source_path, error)) ||
      !(secret = require_string (object, "SecretAccessKey", profile, source_path, error)) ||
      !read_optional (object, profile, source_path, &token, &expiration, error))
    return NULL;

  credentials = bp_credentials_new_keys (key_id, secret, token, expiration);
  _bp_credentials_set_origin (credentials, BP_CREDENTIAL_SOURCE_CREDENTIAL_PROCESS,
                              profile, source_path);

  return credentials;
}

static GError *
exit_error (ProcessData *data,
            GBytes      *stderr_bytes)
{
  g_autofree char *line = first_line (stderr_bytes);
  g_autofree char *status = NULL;
  g_autofree char *detail = NULL;

  if (g_subprocess_get_if_exited (data->subprocess))
    /* Translators: how a process ended, "exit status 1" */
    status = g_strdup_printf (_("exit status %d"), g_subprocess_get_exit_status (data->subprocess));
  else
    /* Translators: how a process ended, "signal 9" */
    status = g_strdup_printf (_("signal %d"), g_subprocess_get_term_sig (data->subprocess));

  if (line != NULL)
    /* Translators: the first line of a program's error output, quoted */
    detail = g_strdup_printf (_("“%s”"), line);
  else
    detail = g_strdup (_("it printed no error message"));

  return g_error_new (BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_PROCESS_FAILED,
                      /* Translators: the first %s is a profile, the second a file, the
                       * third "exit status 1", the fourth the process's error output */
                      _("The credential_process of profile “%s” in %s failed (%s): %s. "
                        "Run the command in a terminal to see what it needs, or fix the "
                        "credential_process line"),
                      data->profile, data->source_path, status, detail);
}

static GError *
timeout_error (ProcessData *data)
{
  g_autofree char *duration = NULL;

  if (data->timeout_ms % 1000 == 0)
    duration = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds",
                                             data->timeout_ms / 1000),
                                data->timeout_ms / 1000);
  else
    /* Translators: a duration, "0.5 seconds" */
    duration = g_strdup_printf (_("%.1f seconds"), data->timeout_ms / 1000.0);

  return g_error_new (BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_PROCESS_TIMEOUT,
                      /* Translators: the first %s is a profile, the second a file, the
                       * third a duration ("30 seconds") */
                      _("The credential_process of profile “%s” in %s did not finish within "
                        "%s and was stopped. Check that the command does not wait for input "
                        "(such as an MFA code or a browser login) by running it in a terminal"),
                      data->profile, data->source_path, duration);
}

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GSubprocess *subprocess = G_SUBPROCESS (object);
  g_autoptr(GTask) task = user_data;
  ProcessData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) stdout_bytes = NULL;
  g_autoptr(GBytes) stderr_bytes = NULL;
  g_autoptr(GError) error = NULL;
  BpCredentials *credentials;
  const char *output;
  gsize len = 0;

  g_subprocess_communicate_finish (subprocess, result, &stdout_bytes, &stderr_bytes, &error);

  if (error != NULL)
    {
      /* The process may still run: a timeout or a cancelled caller ends it. */
      g_subprocess_force_exit (subprocess);

      if (data->timed_out)
        g_task_return_error (task, timeout_error (data));
      else if (!g_task_return_error_if_cancelled (task))
        g_task_return_new_error (task, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_PROCESS_FAILED,
                                 _("Could not read the output of the credential_process of "
                                   "profile “%s” in %s: %s"),
                                 data->profile, data->source_path, error->message);
      return;
    }

  if (!g_subprocess_get_successful (subprocess))
    {
      g_task_return_error (task, exit_error (data, stderr_bytes));
      wipe_bytes (g_steal_pointer (&stdout_bytes));
      return;
    }

  output = g_bytes_get_data (stdout_bytes, &len);
  credentials = _bp_credential_process_parse_output (output, len, data->profile,
                                                     data->source_path, &error);
  wipe_bytes (g_steal_pointer (&stdout_bytes));

  if (credentials == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) bp_credentials_unref);
}

static gboolean
timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  ProcessData *data = g_task_get_task_data (task);

  g_debug ("credential_process of profile %s timed out after %u ms",
           data->profile, data->timeout_ms);

  data->timed_out = TRUE;
  g_subprocess_force_exit (data->subprocess);
  g_cancellable_cancel (data->run_cancellable);
  g_clear_pointer (&data->timeout_source, g_source_unref);

  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GCancellable *run_cancellable = user_data;

  g_cancellable_cancel (run_cancellable);
}

static GSubprocess *
spawn (const char          *command_line,
       const char * const  *envp,
       const char          *profile,
       const char          *source_path,
       GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) argv = NULL;
  GSubprocess *subprocess;

  /* GLib's parse errors quote the whole line, which may hold a secret. */
  if (!g_shell_parse_argv (command_line, NULL, &argv, NULL))
    {
      g_set_error (error, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_PROCESS_FAILED,
                   _("The credential_process of profile “%s” in %s is not a valid command "
                     "line (check its quotes)"),
                   profile, source_path);
      return NULL;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_SEARCH_PATH_FROM_ENVP);
  g_subprocess_launcher_set_environ (launcher, (char **) envp);

  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &local_error);
  if (subprocess == NULL)
    g_set_error (error, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_PROCESS_FAILED,
                 _("The credential_process of profile “%s” in %s could not be started: %s. "
                   "Check that the program is installed and the path is right"),
                 profile, source_path, local_error->message);

  return subprocess;
}

/**
 * _bp_credential_process_run_async:
 * @command_line: the profile's credential_process value
 * @envp: the environment the process gets (and whose PATH finds it)
 * @timeout_ms: how long it may run before it is killed
 * @profile: the profile, for messages
 * @source_path: the file the setting is in, for messages
 * @cancellable: (nullable): a #GCancellable; cancelling kills the process
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Runs the process and parses its output.
 */
void
_bp_credential_process_run_async (const char          *command_line,
                                  const char * const  *envp,
                                  guint                timeout_ms,
                                  const char          *profile,
                                  const char          *source_path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ProcessData *data;

  g_return_if_fail (command_line != NULL);
  g_return_if_fail (envp != NULL);
  g_return_if_fail (timeout_ms > 0);
  g_return_if_fail (profile != NULL && source_path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _bp_credential_process_run_async);

  data = g_new0 (ProcessData, 1);
  data->profile = g_strdup (profile);
  data->source_path = g_strdup (source_path);
  data->timeout_ms = timeout_ms;
  data->run_cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) process_data_free);

  data->subprocess = spawn (command_line, envp, profile, source_path, &error);
  if (data->subprocess == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->timeout_source = g_timeout_source_new (timeout_ms);
  g_task_attach_source (task, data->timeout_source, timeout_cb);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                  g_object_ref (data->run_cancellable),
                                                  g_object_unref);
    }

  g_subprocess_communicate_async (data->subprocess, NULL, data->run_cancellable,
                                  communicate_cb, g_steal_pointer (&task));
}

/**
 * _bp_credential_process_run_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the credentials the process printed
 */
BpCredentials *
_bp_credential_process_run_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _bp_credential_process_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
