/* bench-chat-startup.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "bench-chat.h"
#include "bp-fake-bedrock.h"

/* 4. The app binary, spawned with an empty home and in-memory settings,
 * paints its first frame within 500 ms: median of 5 runs after one that
 * warms the caches. With BP_REPORT_FIRST_FRAME set, the window prints
 * "first-frame MS" when it has painted (MS since the process started);
 * the time from the spawn to reading that line is the figure. */

#define N_STARTUP_RUNS 6

static GStrv
startup_environment (const char *home,
                     const char *schema_dir)
{
  g_auto(GStrv) environment = g_get_environ ();
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);

  environment = g_environ_setenv (environment, "HOME", home, TRUE);
  environment = g_environ_setenv (environment, "XDG_DATA_HOME", data, TRUE);
  environment = g_environ_setenv (environment, "XDG_CONFIG_HOME", config, TRUE);
  environment = g_environ_setenv (environment, "XDG_CACHE_HOME", cache, TRUE);
  environment = g_environ_setenv (environment, "GSETTINGS_BACKEND", "memory", TRUE);
  environment = g_environ_setenv (environment, "GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  environment = g_environ_setenv (environment, "BP_REPORT_FIRST_FRAME", "1", TRUE);
  environment = g_environ_setenv (environment, "BP_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  /* No session bus (as in the tests): the keyring and portals fail fast. */
  environment = g_environ_setenv (environment, "DBUS_SESSION_BUS_ADDRESS",
                                  "unix:path=/nonexistent/bedrock-playground-bench-bus", TRUE);
  environment = g_environ_setenv (environment, "NO_AT_BRIDGE", "1", TRUE);
  /* Credentials, so the app opens on the chat page as it usually does. */
  environment = g_environ_setenv (environment, "AWS_ACCESS_KEY_ID", BP_FAKE_ACCESS_KEY_ID, TRUE);
  environment = g_environ_setenv (environment, "AWS_SECRET_ACCESS_KEY", BP_FAKE_SECRET_ACCESS_KEY, TRUE);
  environment = g_environ_setenv (environment, "AWS_REGION", "us-east-1", TRUE);
  environment = g_environ_unsetenv (environment, "AWS_PROFILE");
  environment = g_environ_unsetenv (environment, "BP_HISTORY_PATH");

  return g_steal_pointer (&environment);
}

/* Spawns the app and reads its "first-frame MS" line: returns the time
 * from the spawn to the line, and the app's own figure in @app_ms. */
static double
start_app (const char  *app,
           GStrv        environment,
           double      *app_ms)
{
  const char *argv[] = { app, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *line = NULL;
  GPid pid;
  int out_fd, status;
  gint64 start = g_get_monotonic_time ();
  double spawn_ms = -1;

  g_spawn_async_with_pipes (NULL, (char **) argv, environment, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
  bench_check (error);

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  *app_ms = -1;
  while (g_io_channel_read_line (channel, &line, NULL, NULL, &error) == G_IO_STATUS_NORMAL)
    {
      if (g_str_has_prefix (line, "first-frame "))
        {
          spawn_ms = (g_get_monotonic_time () - start) / 1000.0;
          *app_ms = g_ascii_strtod (line + strlen ("first-frame "), NULL);
        }
      g_clear_pointer (&line, g_free);
    }

  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  if (!g_spawn_check_wait_status (status, &error))
    g_printerr ("  the app exited badly: %s\n", error->message);

  return spawn_ms;
}

void
bench_run_startup (const char *tmp)
{
  g_autofree char *app = NULL;
  g_autofree char *schema_dir = NULL;
  g_autofree char *home = g_build_filename (tmp, "startup", NULL);
  g_auto(GStrv) environment = NULL;
  double spawn_ms[N_STARTUP_RUNS - 1], app_ms[N_STARTUP_RUNS - 1];

  app = g_strdup (g_getenv ("BENCH_APP"));
  if (app == NULL)
    app = bench_dup_build_dir ("src" G_DIR_SEPARATOR_S "bedrock-playground");
  if (!g_file_test (app, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("bench-chat: no app binary at %s: set BENCH_APP", app);

  /* main() set it to this build's when it was not set. */
  schema_dir = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));

  g_mkdir_with_parents (home, 0700);
  environment = startup_environment (home, schema_dir);

  g_print ("Startup of %s:\n", app);
  for (guint run = 0; run < N_STARTUP_RUNS; run++)
    {
      double self_ms;
      double ms = start_app (app, environment, &self_ms);

      g_print ("  run %u: first frame %.1f ms after the spawn (the app says %.0f ms)%s\n",
               run + 1, ms, self_ms, run == 0 ? ", cold: not counted" : "");
      if (ms < 0)
        g_error ("bench-chat: the app printed no first-frame line");
      if (run > 0)
        {
          spawn_ms[run - 1] = ms;
          app_ms[run - 1] = self_ms;
        }
    }

  g_print ("  median of %d: %.1f ms (the app's own figure %.0f ms)\n", N_STARTUP_RUNS - 1,
           bench_median (spawn_ms, N_STARTUP_RUNS - 1), bench_median (app_ms, N_STARTUP_RUNS - 1));
  bench_add_result ("startup to first frame", bench_median (spawn_ms, N_STARTUP_RUNS - 1), "ms", 500.0);
}
