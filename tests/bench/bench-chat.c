/* bench-chat.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bench-chat.h"
#include "bp-chat-page-private.h"
#include "bp-fake-bedrock.h"
#include "bp-parameter-panel-private.h"

/* The chat page's performance targets (issue #4, §7), through the real
 * page in a window, against the fake Bedrock at full speed:
 *
 *   stream   main-thread CPU from sending to the end of a reply of 4,000
 *            and of 20,000 tokens: the long one may cost at most 5 times
 *            the short one, and no frame may take over 50 ms;
 *   load     a saved 1,000-message conversation shows its rows within
 *            500 ms (median of 5), and the process then stays under 200 MB
 *            of RSS, after scrolling through it once;
 *   startup  the app binary paints its first frame within 500 ms of being
 *            spawned (median of 5, after one run to warm the caches).
 *
 * The fake runs in a thread of its own, on its own main context, so the
 * main thread does only the app's work; its CPU time is printed apart.
 *
 *   xvfb-run -a -s "-screen 0 1280x1024x24" _build/tests/bench/bench-chat [load|stream|startup]…
 *
 * BENCH_APP overrides the app binary (default: this build's);
 * BENCH_VERBOSE=1 traces each load. Figures only: the exit status says
 * whether every target was met. */

static const char catalogue_json[] =
  "{\"source\": \"bench\", \"price_date\": \"2026-01-01\", \"currency\": \"USD\", \"models\": ["
  "{\"id\": \"" BENCH_MODEL "\", \"provider\": \"Fake\", \"name\": \"Fake Chat\","
  " \"family\": \"anthropic-claude\", \"input_modalities\": [\"TEXT\"],"
  " \"output_modalities\": [\"TEXT\"], \"streaming\": true, \"context_window\": 1000000,"
  " \"max_output_tokens\": 64000, \"parameters\": [\"temperature\", \"system\"],"
  " \"invoke\": \"base\", \"lifecycle\": \"ACTIVE\", \"prices\": {\"input\": 3, \"output\": 15}}"
  "]}";

typedef struct
{
  const char *figure;
  double      value;
  const char *unit;
  double      target;  /* at most */
} Result;

static GArray *results;  /* of Result */

void
bench_add_result (const char *figure,
                  double      value,
                  const char *unit,
                  double      target)
{
  Result result = { figure, value, unit, target };

  g_array_append_val (results, result);
}

void
bench_check (const GError *error)
{
  if (error != NULL)
    g_error ("bench-chat: %s", error->message);
}

gint64
bench_cpu_us (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);

  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Runs the main loop for @ms, busy or not. */
void
bench_wait_ms (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }
}

static void
after_paint_count_cb (GdkFrameClock *clock,
                      guint         *count)
{
  (*count)++;
}

/* Lets @n frames be painted, asking for them. */
void
bench_wait_frames (GtkWidget *widget,
                   guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint count = 0;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_count_cb), &count);

  while (count < n)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, id);
}

/* Returns: (transfer full): @subdir of the build this bench belongs to,
 * BUILD/tests/bench/bench-chat */
char *
bench_dup_build_dir (const char *subdir)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bench_dir = NULL;
  g_autofree char *tests_dir = NULL;
  g_autofree char *build_dir = NULL;

  if (exe == NULL)
    g_error ("bench-chat: cannot find where the bench is");

  bench_dir = g_path_get_dirname (exe);
  tests_dir = g_path_get_dirname (bench_dir);
  build_dir = g_path_get_dirname (tests_dir);

  return g_build_filename (build_dir, subdir, NULL);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      rm_rf (child);
    }

  g_remove (path);
}

static void
configured_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  bp_bedrock_client_configure_finish (BP_BEDROCK_CLIENT (object), result, &error);
  bench_check (error);
  *(gboolean *) user_data = TRUE;
}

/* A client of the fake at @url (or of nothing), explicit credentials and
 * a catalogue of one model that writes up to 64,000 tokens. */
void
bench_init (Bench      *b,
            const char *url,
            const char *home)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GBytes) json = g_bytes_new_static (catalogue_json, sizeof catalogue_json - 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = g_strconcat ("AWS_ENDPOINT_URL=", url != NULL ? url : "http://127.0.0.1:9", NULL);
  g_autofree char *home_var = g_strconcat ("HOME=", home, NULL);
  gboolean done = FALSE;

  g_strv_builder_add (builder, "AWS_ACCESS_KEY_ID=" BP_FAKE_ACCESS_KEY_ID);
  g_strv_builder_add (builder, "AWS_SECRET_ACCESS_KEY=" BP_FAKE_SECRET_ACCESS_KEY);
  g_strv_builder_add (builder, "AWS_REGION=us-east-1");
  g_strv_builder_add (builder, endpoint);
  g_strv_builder_add (builder, home_var);
  b->environment = g_strv_builder_end (builder);

  b->provider = bp_credential_provider_new ();
  bp_credential_provider_set_environment (b->provider, (const char * const *) b->environment);
  bp_credential_provider_set_use_keyring (b->provider, FALSE);

  b->client = bp_bedrock_client_new (b->provider);
  bp_bedrock_client_configure_async (b->client, NULL, NULL, NULL, configured_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  b->catalogue = bp_model_catalogue_new ();
  bp_model_catalogue_load_from_bytes (b->catalogue, json, &error);
  bench_check (error);
}

/* Shows a page of @history_path in a window, once its history is open. */
void
bench_open_page (Bench      *b,
                 const char *history_path)
{
  BpParameterPanel *panel;

  b->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (b->window, 1200, 900);

  b->page = BP_CHAT_PAGE (bp_chat_page_new (history_path));
  bp_chat_page_set_catalogue (b->page, b->catalogue);
  bp_chat_page_set_client (b->page, b->client);
  panel = bp_chat_page_get_parameter_panel (b->page);
  bp_parameter_panel_set_model_id (panel, BENCH_MODEL);
  /* The default Max tokens (4,096) would cut the long reply. */
  gtk_spin_button_set_value (panel->max_tokens_spin, 32000);

  gtk_window_set_child (b->window, GTK_WIDGET (b->page));
  gtk_window_present (b->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (b->page)) ||
         bp_chat_page_get_history_store (b->page) == NULL)
    g_main_context_iteration (NULL, TRUE);
  bench_wait_frames (GTK_WIDGET (b->window), 3);
}

void
bench_close_page (Bench *b)
{
  gtk_window_destroy (b->window);
  b->window = NULL;
  b->page = NULL;

  /* Let the page's last writes and its store close. */
  bench_wait_ms (200);
}

void
bench_clear (Bench *b)
{
  g_clear_object (&b->client);
  g_clear_object (&b->catalogue);
  g_clear_object (&b->provider);
  g_clear_pointer (&b->environment, g_strfreev);
}

static gboolean
print_table (void)
{
  gboolean ok = TRUE;

  g_print ("\n%-34s %10s %10s  %s\n", "figure", "value", "target", "result");
  for (guint i = 0; i < results->len; i++)
    {
      Result *result = &g_array_index (results, Result, i);
      gboolean pass = result->value <= result->target;
      g_autofree char *value = g_strdup_printf ("%.1f %s", result->value, result->unit);
      g_autofree char *target = g_strdup_printf ("≤ %.0f %s", result->target, result->unit);

      g_print ("%-34s %10s %10s  %s\n", result->figure, value, target, pass ? "PASS" : "MISS");
      ok &= pass;
    }

  return ok;
}

static gboolean
wanted (int          argc,
        char        *argv[],
        const char  *part)
{
  if (argc < 2)
    return TRUE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], part))
        return TRUE;
    }

  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  gboolean ok;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* No session bus, as in the tests: nothing reaches a real keyring. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bedrock-playground-bench-bus", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_autofree char *schema_dir = bench_dup_build_dir ("data");

      g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
    }

  results = g_array_new (FALSE, FALSE, sizeof (Result));
  tmp = g_dir_make_tmp ("bench-chat-XXXXXX", &error);
  bench_check (error);

  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The memory figure comes first, before streaming grows the heap. */
  if (wanted (argc, argv, "load"))
    bench_run_load (tmp);
  if (wanted (argc, argv, "stream"))
    bench_run_stream (tmp);
  if (wanted (argc, argv, "startup"))
    bench_run_startup (tmp);

  ok = print_table ();
  rm_rf (tmp);
  g_array_unref (results);

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
