/* test-cli.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bp-fake-bedrock.h"
#include "bp-png-text.h"
#include "bp-test-utils.h"

/* bedrock-playground-cli, run as a subprocess (BP_CLI_PATH) against the
 * fake Bedrock served by this process's main loop. Every run gets an
 * explicit environment: never the developer's AWS_* variables. */

#define HAIKU_3    "anthropic.claude-3-haiku-20240307-v1:0"
#define HAIKU_45   "anthropic.claude-haiku-4-5-20251001-v1:0"
#define PREFIX     "bedrock-playground-cli: "
/* A reply of exactly the greeting: "Hello! You said: hi there." */
#define HI         "hi there [[words:5]]"
#define HI_REPLY   "Hello! You said: hi there.\n"

/* Variables passed through to the CLI: sanitizer and GLib debugging only. */
static const char * const passthrough[] = {
  "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "G_DEBUG", "G_SLICE",
  "MALLOC_CHECK_", "MALLOC_PERTURB_", "G_MESSAGES_DEBUG", "PATH", NULL
};

typedef struct
{
  BpFakeBedrock *fake;
  char          *home;
  char         **env;
} Fixture;

typedef struct
{
  int     status;   /* exit status, or 128 + signal */
  char   *out;
  char   *err;
  gint64  elapsed_ms;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *bus = NULL;

  f->fake = bp_fake_bedrock_new ();
  f->home = g_dir_make_tmp ("bp-cli-XXXXXX", NULL);
  g_assert_nonnull (f->home);

  f->env = bp_fake_bedrock_get_environ (f->fake);
  for (guint i = 0; passthrough[i] != NULL; i++)
    {
      if (g_getenv (passthrough[i]) != NULL)
        f->env = g_environ_setenv (f->env, passthrough[i], g_getenv (passthrough[i]), TRUE);
    }
  /* No keyring: a bus that does not exist. */
  bus = g_strdup_printf ("unix:path=%s/no-bus", f->home);
  f->env = g_environ_setenv (f->env, "DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
  f->env = g_environ_setenv (f->env, "HOME", f->home, TRUE);
  f->env = g_environ_setenv (f->env, "XDG_CONFIG_HOME", f->home, TRUE);
  f->env = g_environ_setenv (f->env, "LC_ALL", "C.UTF-8", TRUE);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->fake);
  remove_tree (f->home);
  g_clear_pointer (&f->home, g_free);
  g_clear_pointer (&f->env, g_strfreev);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
  GError   *error;
} Communicate;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Communicate *c = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &c->out, &c->err,
                                        &c->error);
  c->done = TRUE;
}

static GSubprocess *
spawn (Fixture            *f,
       const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_ptr_array_add (args, (gpointer) g_getenv ("BP_CLI_PATH"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, f->env);
  g_subprocess_launcher_set_cwd (launcher, f->home);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  return proc;
}

/* Serves the fake while the CLI runs, until it exits. */
static void
finish (GSubprocess *proc,
        const char  *stdin_text,
        gint64       start_us,
        Run         *run)
{
  Communicate c = { FALSE };

  g_subprocess_communicate_utf8_async (proc, stdin_text, NULL, communicate_cb, &c);
  while (!c.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (c.error);

  run->elapsed_ms = (g_get_monotonic_time () - start_us) / 1000;
  run->out = c.out;
  run->err = c.err;
  if (g_subprocess_get_if_signaled (proc))
    run->status = 128 + g_subprocess_get_term_sig (proc);
  else
    run->status = g_subprocess_get_exit_status (proc);

  /* Whatever happens, no secret is ever printed. */
  g_assert_null (strstr (run->out, BP_FAKE_SECRET_ACCESS_KEY));
  g_assert_null (strstr (run->err, BP_FAKE_SECRET_ACCESS_KEY));
}

static void
run_cli (Fixture            *f,
         const char         *stdin_text,
         const char * const *argv,
         Run                *run)
{
  g_autoptr(GSubprocess) proc = spawn (f, argv);

  finish (proc, stdin_text, g_get_monotonic_time (), run);
}

#define RUN(f, run, ...) \
  G_STMT_START { \
    const char *argv_[] = { __VA_ARGS__, NULL }; \
    run_cli ((f), NULL, argv_, (run)); \
  } G_STMT_END

/* stderr is exactly one line, "bedrock-playground-cli: …" containing @needle. */
static void
assert_error_line (const Run  *run,
                   const char *needle)
{
  g_autofree char *lower = g_utf8_strdown (run->err, -1);
  g_autofree char *needle_lower = g_utf8_strdown (needle, -1);

  const char *newline = strchr (run->err, '\n');

  g_assert_true (g_str_has_prefix (run->err, PREFIX));
  g_assert_true (newline != NULL && newline[1] == '\0');
  /* No markup ("<$0.0001" is a price, not a tag). */
  for (const char *p = strchr (run->err, '<'); p != NULL; p = strchr (p + 1, '<'))
    g_assert_false (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!');
  if (strstr (lower, needle_lower) == NULL)
    g_error ("“%s” not in stderr: %s", needle, run->err);
}

static guint
count (Fixture    *f,
       const char *operation)
{
  return bp_fake_bedrock_get_request_count (f->fake, operation);
}

static JsonObject *
last_body (Fixture     *f,
           JsonParser **parser)
{
  const BpFakeRequest *request = bp_fake_bedrock_get_last_request (f->fake);
  g_autoptr(GError) error = NULL;

  *parser = json_parser_new ();
  json_parser_load_from_data (*parser, g_bytes_get_data (request->body, NULL),
                              (gssize) g_bytes_get_size (request->body), &error);
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (*parser));
}

/* Basics */

static void
test_version_and_help (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  RUN (f, &run, "--version");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "bedrock-playground-cli " PACKAGE_VERSION));
  run_clear (&run);

  RUN (f, &run, "--help");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "compare"));
  run_clear (&run);

  RUN (f, &run, "image", "--help");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--cfg-scale"));
  g_assert_nonnull (strstr (run.out, "--endpoint-url"));
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { const char *argv[10]; const char *needle; } cases[] = {
    { { NULL }, "No command" },
    { { "frobnicate" }, "frobnicate" },
    { { "chat", "--frob", "-m", "x", "hi" }, "--frob" },
    { { "chat", "hi" }, "-m MODEL" },
    { { "chat", "-m", "x", "--temperature", "warm" }, "warm" },
    { { "chat", "-m", "x", "--max-tokens", "-3", "hi" }, "--max-tokens" },
    { { "models", "--output", "video" }, "video" },
    { { "image", "-m", "amazon.nova-canvas-v1:0", "-o", "x.png", "--size", "big", "p" }, "--size" },
    { { "compare", "-m", "a", "hi" }, "two or more" },
    { { "--region", "Not A Region", "config" }, "--region" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (f, NULL, cases[i].argv, &run);
      g_assert_cmpint (run.status, ==, 2);
      assert_error_line (&run, cases[i].needle);
    }
  g_assert_cmpuint (bp_fake_bedrock_get_n_requests (f->fake), ==, 0);
}

static void
test_config (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  RUN (f, &run, "config");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "us-east-1 (from the environment variable AWS_REGION)"));
  g_assert_nonnull (strstr (run.out, bp_fake_bedrock_get_url (f->fake)));
  g_assert_nonnull (strstr (run.out, "environment variables (AWS_ACCESS_KEY_ID"));
  g_assert_null (strstr (run.out, BP_FAKE_ACCESS_KEY_ID));
  run_clear (&run);

  RUN (f, &run, "whoami", "--region", "eu-west-3");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "eu-west-3 (from --region)"));
}

static void
write_aws_files (Fixture    *f,
                 const char *config,
                 const char *credentials)
{
  g_autofree char *dir = g_build_filename (f->home, ".aws", NULL);
  g_autofree char *config_path = g_build_filename (dir, "config", NULL);
  g_autofree char *credentials_path = g_build_filename (dir, "credentials", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (config_path, config, -1, NULL));
  g_assert_true (g_file_set_contents (credentials_path, credentials, -1, NULL));
}

static void
test_profile (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  f->env = g_environ_unsetenv (f->env, "AWS_ACCESS_KEY_ID");
  f->env = g_environ_unsetenv (f->env, "AWS_SECRET_ACCESS_KEY");
  f->env = g_environ_unsetenv (f->env, "AWS_REGION");
  write_aws_files (f, "[profile work]\nregion = us-east-1\n[default]\nregion = eu-west-1\n",
                   "[work]\naws_access_key_id = " BP_FAKE_ACCESS_KEY_ID "\n"
                   "aws_secret_access_key = " BP_FAKE_SECRET_ACCESS_KEY "\n");

  RUN (f, &run, "--profile", "work", "chat", "-m", HAIKU_3, HI);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, HI_REPLY);
  run_clear (&run);

  RUN (f, &run, "config", "--profile", "work");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "work (from --profile)"));
  g_assert_nonnull (strstr (run.out, "us-east-1 (from profile work in"));
  g_assert_nonnull (strstr (run.out, "static keys in"));
  run_clear (&run);

  RUN (f, &run, "chat", "--profile", "missing", "-m", HAIKU_3, "hi");
  g_assert_cmpint (run.status, ==, 1);
  assert_error_line (&run, "“missing”");
  g_assert_cmpuint (count (f, BP_FAKE_OP_CONVERSE_STREAM), ==, 1);
}

/* models */

/* The display column where @needle starts in @line. */
static glong
column_of (const char *line,
           const char *needle)
{
  const char *p = strstr (line, needle);

  g_assert_nonnull (p);
  return g_utf8_pointer_to_offset (line, p);
}

static void
test_models (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  const char *legacy = NULL;

  RUN (f, &run, "models");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpuint (count (f, BP_FAKE_OP_LIST_FOUNDATION_MODELS), >=, 1);
  g_assert_cmpuint (count (f, BP_FAKE_OP_LIST_INFERENCE_PROFILES), >=, 1);

  lines = g_strsplit (run.out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "ID "));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "anthropic.claude-v2:1 "))
        legacy = lines[i];
    }
  g_assert_nonnull (legacy);
  g_assert_cmpint (column_of (legacy, "Legacy"), ==, column_of (lines[0], "STATUS"));
  /* The fake's models, with profile ids where they need one. */
  g_assert_nonnull (strstr (run.out, "\nmeta.llama3-70b-instruct-v1:0 "));
  g_assert_nonnull (strstr (run.out, "\nus." HAIKU_45 " "));
  g_assert_nonnull (strstr (run.out, "text+image → text"));
  run_clear (&run);

  RUN (f, &run, "models", "--provider", "meta", "--output", "text");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "anthropic."));
  g_assert_nonnull (strstr (run.out, "Llama"));
}

static void
test_models_offline (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  /* Nothing listens on port 1. */
  f->env = g_environ_setenv (f->env, "AWS_ENDPOINT_URL", "http://127.0.0.1:1", TRUE);
  f->env = g_environ_setenv (f->env, "AWS_MAX_ATTEMPTS", "1", TRUE);
  RUN (f, &run, "models", "--output", "image");
  g_assert_cmpint (run.status, ==, 0);
  assert_error_line (&run, "bundled");
  g_assert_nonnull (strstr (run.out, "amazon.nova-canvas-v1:0"));
  g_assert_null (strstr (run.out, HAIKU_3));
}

/* chat */

static void
test_chat_stream (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  RUN (f, &run, "chat", "-m", HAIKU_3, HI);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, HI_REPLY);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpuint (count (f, BP_FAKE_OP_CONVERSE_STREAM), ==, 1);
  g_assert_cmpuint (count (f, BP_FAKE_OP_CONVERSE), ==, 0);
  run_clear (&run);

  RUN (f, &run, "chat", "-m", HAIKU_3, "--no-stream", HI);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, HI_REPLY);
  g_assert_cmpuint (count (f, BP_FAKE_OP_CONVERSE), ==, 1);
  g_assert_cmpuint (count (f, BP_FAKE_OP_CONVERSE_STREAM), ==, 1);
  run_clear (&run);

  /* Words join into one prompt; "--" lets it start with a dash. */
  RUN (f, &run, "chat", "-m", HAIKU_3, "--", "-5", "degrees", "[[words:5]]");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Hello! You said: -5 degrees.\n");
}

static void
test_chat_stdin (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  const char *argv[] = { "chat", "-m", HAIKU_3, NULL };

  run_cli (f, "from stdin [[words:5]]\n", argv, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Hello! You said: from stdin.\n");
  run_clear (&run);

  run_cli (f, "  \n", argv, &run);
  g_assert_cmpint (run.status, ==, 2);
  assert_error_line (&run, "No prompt");
}

static void
test_chat_invoke (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { const char *model; const char *member; } families[] = {
    { "meta.llama3-1-8b-instruct-v1:0", "prompt" },
    { "amazon.titan-text-express-v1", "inputText" },
    { "mistral.mistral-7b-instruct-v0:2", "prompt" },
    { "cohere.command-r-v1:0", "message" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(JsonParser) parser = NULL;

      RUN (f, &run, "chat", "--invoke", "-m", families[i].model, HI);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, HI_REPLY);
      g_assert_cmpuint (count (f, BP_FAKE_OP_INVOKE_MODEL_STREAM), ==, i + 1);
      g_assert_true (json_object_has_member (last_body (f, &parser), families[i].member));
      g_assert_cmpstr (bp_fake_bedrock_get_last_request (f->fake)->model_id, ==, families[i].model);
      run_clear (&run);

      RUN (f, &run, "chat", "--invoke", "--no-stream", "-m", families[i].model, HI);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, HI_REPLY);
      g_assert_cmpuint (count (f, BP_FAKE_OP_INVOKE_MODEL), ==, i + 1);
      g_assert_cmpuint (count (f, BP_FAKE_OP_INVOKE_MODEL_STREAM), ==, i + 1);
    }
}

static void
test_chat_json (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *usage;

  RUN (f, &run, "chat", "--json", "-m", HAIKU_3, HI);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "text"), ==, "Hello! You said: hi there.");
  g_assert_cmpstr (json_object_get_string_member (root, "stop_reason"), ==, "end_turn");
  g_assert_cmpstr (json_object_get_string_member (root, "model"), ==, HAIKU_3);
  g_assert_cmpint (json_object_get_int_member (root, "latency_ms"), >=, 0);
  g_assert_cmpint (json_object_get_int_member (root, "time_to_first_token_ms"), >=, 0);
  usage = json_object_get_object_member (root, "usage");
  g_assert_cmpint (json_object_get_int_member (usage, "output_tokens"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (usage, "input_tokens"), >, 0);
}

static void
test_chat_verbose (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  RUN (f, &run, "chat", "-v", "-m", HAIKU_3, HI);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, HI_REPLY);
  assert_error_line (&run, "5 output tokens");
  g_assert_true (strstr (run.err, "estimated cost $") != NULL ||
                 strstr (run.err, "estimated cost <$") != NULL);
  g_assert_nonnull (strstr (run.err, "tokens/s"));
  g_assert_nonnull (strstr (run.err, "first token"));
}

static void
test_chat_parameters (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *body, *system, *config;
  JsonArray *stop;
  double temperature;

  RUN (f, &run, "chat", "-m", HAIKU_3, "--system", "Be brief", "--temperature", "0.25",
       "--stop", "END", "--stop", "quiet", HI);
  g_assert_cmpint (run.status, ==, 0);

  body = last_body (f, &parser);
  system = json_array_get_object_element (json_object_get_array_member (body, "system"), 0);
  g_assert_cmpstr (json_object_get_string_member (system, "text"), ==, "Be brief");
  config = json_object_get_object_member (body, "inferenceConfig");
  temperature = json_object_get_double_member (config, "temperature");
  g_assert_cmpfloat_with_epsilon (temperature, 0.25, 1e-9);
  stop = json_object_get_array_member (config, "stopSequences");
  g_assert_cmpuint (json_array_get_length (stop), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (stop, 0), ==, "END");
  g_assert_cmpstr (json_array_get_string_element (stop, 1), ==, "quiet");
  /* Only what was given is sent. */
  g_assert_false (json_object_has_member (config, "topP"));
  g_assert_false (json_object_has_member (config, "maxTokens"));
}

static void
test_chat_profile_id (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  RUN (f, &run, "chat", "-v", "-m", HAIKU_45, HI);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, HI_REPLY);
  g_assert_cmpstr (bp_fake_bedrock_get_last_request (f->fake)->model_id, ==, "us." HAIKU_45);
  g_assert_nonnull (strstr (run.err, "using us." HAIKU_45));
  run_clear (&run);

  /* An id that is not a known base id goes as given. */
  RUN (f, &run, "chat", "-m", "fake.model", HI);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (bp_fake_bedrock_get_last_request (f->fake)->model_id, ==, "fake.model");
}

/* image */

static void
assert_png (const char *path,
            const char *prompt,
            const char *seed)
{
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GHashTable) chunks = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  bytes = g_bytes_new (data, len);
  chunks = bp_png_read_text_chunks (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (chunks, "prompt"), ==, prompt);
  if (seed != NULL)
    g_assert_cmpstr (g_hash_table_lookup (chunks, "seed"), ==, seed);
  g_assert_nonnull (g_hash_table_lookup (chunks, "model_id"));
  g_assert_nonnull (g_hash_table_lookup (chunks, "parameters"));
}

static void
test_image (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *file = g_build_filename (f->home, "fox.png", NULL);
  g_autofree char *expected = g_strdup_printf ("%s\n", file);

  RUN (f, &run, "image", "-m", "amazon.titan-image-generator-v2:0", "--seed", "7",
       "-o", file, "A red fox");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  assert_png (file, "A red fox", "7");
}

static void
test_image_names (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *dir = g_build_filename (f->home, "out", NULL);
  g_autofree char *one = g_build_filename (f->home, "cat-1.png", NULL);
  g_autofree char *two = g_build_filename (f->home, "cat-2.png", NULL);
  g_auto(GStrv) paths = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  RUN (f, &run, "image", "-m", "stability.sd3-5-large-v1:0", "-o", dir, "A Cat, sleeping!");
  g_assert_cmpint (run.status, ==, 0);
  paths = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (paths), ==, 2);
  g_assert_true (g_str_has_prefix (paths[0], dir));
  g_assert_true (g_str_has_prefix (paths[0] + strlen (dir), "/a-cat-sleeping-"));
  assert_png (paths[0], "A Cat, sleeping!", NULL);
  run_clear (&run);

  RUN (f, &run, "image", "-m", "amazon.nova-canvas-v1:0", "-n", "2", "-o", "cat.png", "A cat");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "cat-1.png\ncat-2.png\n");
  assert_png (one, "A cat", NULL);
  assert_png (two, "A cat", NULL);
}

static void
test_image_invalid (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *file = g_build_filename (f->home, "small.png", NULL);

  RUN (f, &run, "image", "-m", "amazon.nova-canvas-v1:0", "--size", "100x100", "-o", file, "tiny");
  g_assert_cmpint (run.status, ==, 1);
  assert_error_line (&run, "100");
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpuint (count (f, BP_FAKE_OP_INVOKE_MODEL), ==, 0);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  run_clear (&run);

  /* Every image filtered: nothing written, the reason said. */
  RUN (f, &run, "image", "-m", "amazon.titan-image-generator-v2:0", "-o", file,
       "blocked [[filter]]");
  g_assert_cmpint (run.status, ==, 1);
  assert_error_line (&run, "content filter");
  g_assert_cmpuint (count (f, BP_FAKE_OP_INVOKE_MODEL), ==, 1);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

/* compare */

static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  const char *a, *b, *table;

  RUN (f, &run, "compare", "-m", HAIKU_3, "-m", "amazon.nova-lite-v1:0", HI);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  a = strstr (run.out, "== " HAIKU_3 " ==\n" HI_REPLY);
  b = strstr (run.out, "== amazon.nova-lite-v1:0 ==\n" HI_REPLY);
  table = strstr (run.out, "MODEL ");
  g_assert_true (a != NULL && b != NULL && table != NULL);
  g_assert_true (a < b && b < table);
  g_assert_nonnull (strstr (table, "\n" HAIKU_3 " "));
  g_assert_nonnull (strstr (table, "\namazon.nova-lite-v1:0 "));
  g_assert_cmpuint (count (f, BP_FAKE_OP_CONVERSE_STREAM), ==, 2);
  run_clear (&run);

  RUN (f, &run, "compare", "-m", HAIKU_3, "-m", "anthropic.no-such-model", HI);
  g_assert_cmpint (run.status, ==, 1);
  assert_error_line (&run, "1 of 2 models failed");
  table = strstr (run.out, "MODEL ");
  g_assert_nonnull (table);
  g_assert_nonnull (strstr (table, "\nanthropic.no-such-model "));
  g_assert_nonnull (strstr (table, "model id is not valid"));
}

/* Faults and errors */

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  static const struct
  {
    const char *marker;
    int         status;
    const char *needle;   /* in the error line; NULL: the reply is printed */
    guint       attempts;
  } cases[] = {
    { "[[fault:throttle:2]]", 0, NULL, 3 },
    { "[[fault:error-500:1]]", 0, NULL, 2 },
    { "[[fault:throttle]]", 1, "throttling", 3 },
    { "[[fault:access-denied-403]]", 1, "access", 1 },
    { "[[fault:html-502]]", 1, "proxy", 3 },
    { "[[fault:expired-token-403]]", 1, "expired", 1 },
    { "[[fault:validation-400]]", 1, "not valid", 1 },
    { "[[fault:mid-stream-exception]]", 1, "while answering", 1 },
    { "[[fault:corrupt-crc]]", 1, "corrupt", 1 },
    { "[[fault:model-timeout-408]]", 1, "took too long", 1 },
    { "[[fault:error-503]]", 1, "unavailable", 3 },
    { "[[fault:model-not-ready]]", 1, "not ready", 3 },
    { "[[fault:mid-stream-throttle]]", 1, "throttling", 1 },
    { "[[fault:bad-signature-403]]", 1, "aws configure", 1 },
    { "[[fault:slow-first-byte]]", 0, NULL, 1 },
  };

  bp_fake_bedrock_set_slow_first_byte_ms (f->fake, 300);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *prompt = g_strdup_printf ("%s %s", HI, cases[i].marker);

      bp_fake_bedrock_reset_stats (f->fake);
      RUN (f, &run, "chat", "-m", HAIKU_3, prompt);
      g_test_message ("%s: %d %s", cases[i].marker, run.status, run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_cmpuint (count (f, BP_FAKE_OP_CONVERSE_STREAM), ==, cases[i].attempts);
      if (cases[i].needle == NULL)
        g_assert_cmpstr (run.out, ==, HI_REPLY);
      else
        assert_error_line (&run, cases[i].needle);
    }
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  RUN (f, &run, "chat", "-m", HAIKU_3, "tell me [[words:40]] [[fault:truncated-stream]]");
  g_assert_cmpint (run.status, ==, 1);
  assert_error_line (&run, "cut off");
  /* What arrived stays on stdout, its line ended. */
  g_assert_true (g_str_has_prefix (run.out, "Hello!"));
  g_assert_true (g_str_has_suffix (run.out, "\n"));
}

static void
test_huge (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  RUN (f, &run, "chat", "-m", HAIKU_3, "hi [[fault:huge]]");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Hello! You said: hi."));
  g_assert_cmpuint (strlen (run.out), >, 8 * 1000 * 1000);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  const char *argv[] = { "chat", "-m", HAIKU_3, "wait [[fault:hang]]", NULL };
  g_autoptr(GSubprocess) proc = spawn (f, argv);
  g_auto(Run) run = { 0 };
  gint64 start;

  /* Interrupt once the request is at the fake, hanging. */
  while (count (f, BP_FAKE_OP_CONVERSE_STREAM) == 0)
    g_main_context_iteration (NULL, TRUE);
  start = g_get_monotonic_time ();
  g_subprocess_send_signal (proc, SIGINT);
  finish (proc, NULL, start, &run);

  g_assert_cmpint (run.status, ==, 130);
  g_assert_cmpstr (run.err, ==, PREFIX "cancelled\n");
  g_assert_cmpint (run.elapsed_ms, <, 2000);
}

static void
test_credentials (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  f->env = g_environ_setenv (f->env, "AWS_SECRET_ACCESS_KEY", "not-the-right-secret", TRUE);
  RUN (f, &run, "chat", "-m", HAIKU_3, HI);
  g_assert_cmpint (run.status, ==, 1);
  assert_error_line (&run, "aws configure");
  g_assert_nonnull (strstr (run.err, "secret access key"));
  g_assert_null (strstr (run.err, "not-the-right-secret"));
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  f->env = g_environ_unsetenv (f->env, "AWS_SECRET_ACCESS_KEY");
  f->env = g_environ_unsetenv (f->env, "AWS_ACCESS_KEY_ID");
  bp_fake_bedrock_reset_stats (f->fake);
  RUN (f, &run, "chat", "-m", HAIKU_3, HI);
  g_assert_cmpint (run.status, ==, 1);
  assert_error_line (&run, "No AWS credentials");
  g_assert_nonnull (strstr (run.err, "aws configure"));
  g_assert_cmpuint (bp_fake_bedrock_get_n_requests (f->fake), ==, 0);
}

static void
test_insecure_endpoint (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  RUN (f, &run, "chat", "--endpoint-url", "http://example.com", "-m", HAIKU_3, HI);
  g_assert_cmpint (run.status, ==, 2);
  assert_error_line (&run, "https://");
  g_assert_cmpuint (bp_fake_bedrock_get_n_requests (f->fake), ==, 0);
  run_clear (&run);

  /* The fake's own URL is loopback http: allowed, and it wins over the
   * environment's. */
  f->env = g_environ_setenv (f->env, "AWS_ENDPOINT_URL", "https://bedrock.invalid", TRUE);
  RUN (f, &run, "chat", "--endpoint-url", bp_fake_bedrock_get_url (f->fake), "-m", HAIKU_3, HI);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, HI_REPLY);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_assert_nonnull (g_getenv ("BP_CLI_PATH"));

#define ADD(path, func) \
  g_test_add ("/bp/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("version-and-help", test_version_and_help);
  ADD ("usage-errors", test_usage_errors);
  ADD ("config", test_config);
  ADD ("profile", test_profile);
  ADD ("models", test_models);
  ADD ("models-offline", test_models_offline);
  ADD ("chat/stream", test_chat_stream);
  ADD ("chat/stdin", test_chat_stdin);
  ADD ("chat/invoke", test_chat_invoke);
  ADD ("chat/json", test_chat_json);
  ADD ("chat/verbose", test_chat_verbose);
  ADD ("chat/parameters", test_chat_parameters);
  ADD ("chat/profile-id", test_chat_profile_id);
  ADD ("image/file", test_image);
  ADD ("image/names", test_image_names);
  ADD ("image/invalid", test_image_invalid);
  ADD ("compare", test_compare);
  ADD ("errors/faults", test_faults);
  ADD ("errors/truncated", test_truncated);
  ADD ("errors/huge", test_huge);
  ADD ("errors/cancel", test_cancel);
  ADD ("errors/credentials", test_credentials);
  ADD ("errors/insecure-endpoint", test_insecure_endpoint);
#undef ADD

  return g_test_run ();
}
