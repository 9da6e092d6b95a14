/* bench-chat.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bp-chat-page-private.h"
#include "bp-credential-provider.h"
#include "bp-fake-bedrock.h"
#include "bp-message-row.h"
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
 *   xvfb-run -a -s "-screen 0 1280x1024x24" _build/tests/bench/bench-chat [stream|load|startup]…
 *
 * BENCH_APP overrides the app binary (default: this build's). Figures
 * only, and the exit status says whether every target was met. */

#define STREAM_SHORT_WORDS   4000
#define STREAM_LONG_WORDS    20000
#define N_MESSAGES           1000
#define MESSAGE_CHARS        600
#define N_LOAD_RUNS          5
#define N_STARTUP_RUNS       6     /* the first one warms the caches */
#define STARTUP_TIMEOUT_S    30

#define BENCH_MODEL "fake.chat"

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
  double      target;
  gboolean    at_most;  /* else: at least */
} Row;

static GArray *results;  /* of Row */

static void
add_result (const char *figure,
            double      value,
            const char *unit,
            double      target)
{
  Row row = { figure, value, unit, target, TRUE };

  g_array_append_val (results, row);
}

/* Small tools */

static gint64
cpu_us (clockid_t clock)
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

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);

  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
check (const GError *error)
{
  if (error != NULL)
    g_error ("bench-chat: %s", error->message);
}

static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
wait_ms (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }
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

/* The "VmRSS:" line of /proc/self/status, in kB. */
static double
read_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, key)) == NULL)
    return -1;

  return g_ascii_strtod (line + strlen (key), NULL);
}

/* The fake Bedrock in a thread of its own, serving on that thread's
 * context: BpFakeBedrock uses the thread-default context of its creator. */

typedef struct
{
  GThread       *thread;
  GMainLoop     *loop;
  GMutex         mutex;
  GCond          cond;
  char          *url;     /* set once the fake listens */
  clockid_t      clock;   /* the thread's CPU clock */
} FakeThread;

static gpointer
fake_thread_main (gpointer user_data)
{
  FakeThread *ft = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(BpFakeBedrock) fake = NULL;

  g_main_context_push_thread_default (context);
  fake = bp_fake_bedrock_new ();
  bp_fake_bedrock_set_tokens_per_second (fake, 0);
  /* Keep the log of requests small: the bench sends big conversations. */
  bp_fake_bedrock_set_log_limit (fake, 4);

  g_mutex_lock (&ft->mutex);
  ft->loop = g_main_loop_new (context, FALSE);
  pthread_getcpuclockid (pthread_self (), &ft->clock);
  ft->url = g_strdup (bp_fake_bedrock_get_url (fake));
  g_cond_signal (&ft->cond);
  g_mutex_unlock (&ft->mutex);

  g_main_loop_run (ft->loop);

  g_clear_object (&fake);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  return NULL;
}

static void
fake_thread_start (FakeThread *ft)
{
  g_mutex_init (&ft->mutex);
  g_cond_init (&ft->cond);
  ft->thread = g_thread_new ("fake-bedrock", fake_thread_main, ft);

  g_mutex_lock (&ft->mutex);
  while (ft->url == NULL)
    g_cond_wait (&ft->cond, &ft->mutex);
  g_mutex_unlock (&ft->mutex);
}

static void
fake_thread_stop (FakeThread *ft)
{
  g_main_loop_quit (ft->loop);
  g_thread_join (ft->thread);
  g_clear_pointer (&ft->loop, g_main_loop_unref);
  g_clear_pointer (&ft->url, g_free);
  g_mutex_clear (&ft->mutex);
  g_cond_clear (&ft->cond);
}

/* A chat page in a window, with its own client and catalogue. */

typedef struct
{
  GStrv                 environment;
  BpCredentialProvider *provider;
  BpBedrockClient      *client;
  BpModelCatalogue     *catalogue;
  GtkWindow            *window;
  BpChatPage           *page;
} Bench;

static void
configured_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  bp_bedrock_client_configure_finish (BP_BEDROCK_CLIENT (object), result, &error);
  check (error);
  *(gboolean *) user_data = TRUE;
}

static void
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
  check (error);
}

static void
after_paint_count_cb (GdkFrameClock *clock,
                      guint         *count)
{
  (*count)++;
}

/* Lets @n frames be painted, asking for them. */
static void
wait_frames (GtkWidget *widget,
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

static void
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
  while (!gtk_widget_get_mapped (GTK_WIDGET (b->page)) || bp_chat_page_get_history_store (b->page) == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_frames (GTK_WIDGET (b->window), 3);
}

static void
bench_close_page (Bench *b)
{
  gtk_window_destroy (b->window);
  b->window = NULL;
  b->page = NULL;
  wait_ms (200);
}

static void
bench_clear (Bench *b)
{
  g_clear_object (&b->client);
  g_clear_object (&b->catalogue);
  g_clear_object (&b->provider);
  g_clear_pointer (&b->environment, g_strfreev);
}

/* Frame times: the work of a frame (before-paint to after-paint) and the
 * time between two frames, which also counts the main loop being busy
 * elsewhere (reading the stream) while a frame was due. */

typedef struct
{
  gint64  frame_start;
  gint64  last_paint;
  gint64  max_work_us;
  gint64  max_interval_us;
  guint   n_frames;
  guint   n_over_50;
} FrameStats;

static void
stats_before_paint_cb (GdkFrameClock *clock,
                       FrameStats    *stats)
{
  stats->frame_start = g_get_monotonic_time ();
}

static void
stats_after_paint_cb (GdkFrameClock *clock,
                      FrameStats    *stats)
{
  gint64 now = g_get_monotonic_time ();

  if (stats->frame_start != 0)
    stats->max_work_us = MAX (stats->max_work_us, now - stats->frame_start);
  if (stats->last_paint != 0)
    {
      stats->max_interval_us = MAX (stats->max_interval_us, now - stats->last_paint);
      stats->n_over_50 += now - stats->last_paint > 50000;
    }
  stats->last_paint = now;
  stats->frame_start = 0;
  stats->n_frames++;
}

/* 1. Streaming */

typedef struct
{
  double cpu_ms;
  double fake_cpu_ms;
  double wall_ms;
  double max_interval_ms;
  double max_work_ms;
  guint  n_frames;
  guint  n_over_50;
} StreamResult;

static guint
count_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    n += words[i][0] != '\0';

  return n;
}

static StreamResult
stream_reply (Bench      *b,
              FakeThread *ft,
              guint       n_words)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b->window));
  g_autofree char *prompt = g_strdup_printf ("Tell me a long story. [[words:%u]]", n_words);
  GListModel *messages = bp_chat_page_get_messages (b->page);
  g_autoptr(BpChatItem) reply = NULL;
  FrameStats stats = { 0, };
  StreamResult result;
  gint64 cpu_start, fake_start, wall_start;

  g_signal_connect (clock, "before-paint", G_CALLBACK (stats_before_paint_cb), &stats);
  g_signal_connect (clock, "after-paint", G_CALLBACK (stats_after_paint_cb), &stats);

  cpu_start = cpu_us (CLOCK_THREAD_CPUTIME_ID);
  fake_start = cpu_us (ft->clock);
  wall_start = g_get_monotonic_time ();

  bp_chat_page_send (b->page, prompt);
  if (!bp_chat_page_get_busy (b->page))
    g_error ("bench-chat: the page did not send");
  while (bp_chat_page_get_busy (b->page))
    g_main_context_iteration (NULL, TRUE);

  result.cpu_ms = (cpu_us (CLOCK_THREAD_CPUTIME_ID) - cpu_start) / 1000.0;
  result.fake_cpu_ms = (cpu_us (ft->clock) - fake_start) / 1000.0;
  result.wall_ms = (g_get_monotonic_time () - wall_start) / 1000.0;
  result.max_interval_ms = stats.max_interval_us / 1000.0;
  result.max_work_ms = stats.max_work_us / 1000.0;
  result.n_frames = stats.n_frames;
  result.n_over_50 = stats.n_over_50;
  g_signal_handlers_disconnect_by_data (clock, &stats);

  reply = g_list_model_get_item (messages, g_list_model_get_n_items (messages) - 1);
  if (count_words (bp_chat_item_get_text (reply)) < n_words)
    g_error ("bench-chat: the reply has %u words, not %u: %s", count_words (bp_chat_item_get_text (reply)),
             n_words, bp_chat_item_get_error_message (reply));

  g_print ("  %5u words: %7.0f ms main-thread CPU, %6.0f ms wall, fake thread %5.0f ms CPU; "
           "%4u frames, max interval %5.1f ms (%u over 50 ms), max frame work %5.1f ms\n",
           n_words, result.cpu_ms, result.wall_ms, result.fake_cpu_ms, result.n_frames,
           result.max_interval_ms, result.n_over_50, result.max_work_ms);

  /* Let the text views lay out the rest and the history write the end. */
  wait_ms (300);

  return result;
}

static void
run_stream (const char *tmp)
{
  g_autofree char *history = g_build_filename (tmp, "stream", "history.sqlite3", NULL);
  FakeThread ft = { 0, };
  Bench b = { 0, };
  StreamResult small, large;

  g_print ("Streaming (fake at full speed in its own thread):\n");
  fake_thread_start (&ft);
  bench_init (&b, ft.url, tmp);
  bench_open_page (&b, history);

  small = stream_reply (&b, &ft, STREAM_SHORT_WORDS);
  large = stream_reply (&b, &ft, STREAM_LONG_WORDS);

  g_print ("  ratio of main-thread CPU 20000/4000: %.2f\n", large.cpu_ms / small.cpu_ms);
  add_result ("stream: CPU 20000 / 4000 tokens", large.cpu_ms / small.cpu_ms, "×", 5.0);
  add_result ("stream: max frame interval", MAX (small.max_interval_ms, large.max_interval_ms), "ms", 50.0);

  bench_close_page (&b);
  bench_clear (&b);
  fake_thread_stop (&ft);
}

/* 2 and 3. Loading a long conversation, and the memory it takes */

static const char *const words[] = {
  "model", "token", "stream", "latency", "bedrock", "prompt", "reply", "region",
  "profile", "signature", "history", "image", "cost", "the", "a", "of", "and",
};

static char *
make_text (guint i)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean assistant = i % 2 == 1;
  guint w = i;

  if (assistant)
    g_string_append_printf (text, "## Answer %u\n\nHere is **what** you asked, with `code()`:\n\n", i);
  else
    g_string_append_printf (text, "Question %u.", i);

  while (text->len < MESSAGE_CHARS)
    {
      w = w * 7 + 3;
      if (assistant && w % 11 == 0)
        g_string_append_printf (text, "\n\n- item *%s*\n- item %s\n\n", words[w % 5], words[w % 7]);
      else if (assistant && w % 29 == 0)
        g_string_append_printf (text, "\n\n```c\nbp_%s (self);\n```\n\n", words[w % 13]);
      else
        g_string_append_printf (text, " %s", words[w % G_N_ELEMENTS (words)]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64
fill_history (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BpHistoryStore) store = NULL;
  g_autoptr(BpConversationRecord) conversation = bp_conversation_record_new ();
  g_autoptr(GError) error = NULL;
  gpointer weak;
  gint64 id;

  bp_history_store_open_async (path, NULL, keep_result_cb, &result);
  store = bp_history_store_open_finish (wait_result (&result), &error);
  check (error);

  g_clear_object (&result);
  conversation->title = g_strdup ("A long conversation");
  conversation->model_id = g_strdup (BENCH_MODEL);
  bp_history_store_create_conversation_async (store, conversation, NULL, keep_result_cb, &result);
  id = bp_history_store_create_conversation_finish (store, wait_result (&result), &error);
  check (error);

  for (guint i = 0; i < N_MESSAGES; i++)
    {
      g_autofree char *text = make_text (i);
      BpChatRole role = i % 2 ? BP_CHAT_ROLE_ASSISTANT : BP_CHAT_ROLE_USER;
      g_autoptr(BpMessageRecord) record = bp_message_record_new (id, role, text);
      gboolean last = i + 1 == N_MESSAGES;

      if (role == BP_CHAT_ROLE_ASSISTANT)
        {
          record->model_id = g_strdup (BENCH_MODEL);
          record->input_tokens = 100 + i;
          record->output_tokens = 150;
          record->time_to_first_token_ms = 420;
          record->total_ms = 2100;
          record->cost_usd = 0.0008;
        }
      g_clear_object (&result);
      bp_history_store_append_message_async (store, record, NULL, last ? keep_result_cb : NULL, &result);
    }
  bp_history_store_append_message_finish (store, wait_result (&result), NULL, &error);
  check (error);

  /* Wait until the store is gone: its worker thread closes the file. The
   * last result holds the store as its source. */
  g_clear_object (&result);
  weak = store;
  g_object_add_weak_pointer (G_OBJECT (store), &weak);
  g_clear_object (&store);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);

  return id;
}

static gboolean
shows_rows (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  if (BP_IS_MESSAGE_ROW (widget))
    return bp_message_row_get_item (BP_MESSAGE_ROW (widget)) != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_rows (child))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  BpChatPage *page;
  gint64      start;
  gint64      rows_at;    /* the first frame with the rows */
  gint64      bottom_at;  /* the first frame with the end of the conversation */
} LoadWait;

static guint row_min, row_max;

static guint
count_all_rows (GtkWidget *widget)
{
  guint n = BP_IS_MESSAGE_ROW (widget);

  if (n && bp_message_row_get_item (BP_MESSAGE_ROW (widget)))
    {
      guint serial = bp_chat_item_get_serial (bp_message_row_get_item (BP_MESSAGE_ROW (widget)));
      row_min = row_min == 0 ? serial : MIN (row_min, serial);
      row_max = MAX (row_max, serial);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_all_rows (child);
  return n;
}

/* With BENCH_VERBOSE: when each phase of the load happens. */
static void
trace_phase (LoadWait   *wait,
             const char *phase)
{
  if (g_getenv ("BENCH_VERBOSE") != NULL && wait->rows_at == 0)
    g_print ("    %7.1f ms  %s\n", (g_get_monotonic_time () - wait->start) / 1000.0, phase);
}

static void
trace_value_cb (GtkAdjustment *a,
                LoadWait      *wait)
{
  if (g_getenv ("BENCH_VERBOSE") != NULL && wait->rows_at == 0)
    g_print ("    %7.1f ms  value %.0f upper %.0f page %.0f\n", (g_get_monotonic_time () - wait->start) / 1000.0,
             gtk_adjustment_get_value (a), gtk_adjustment_get_upper (a), gtk_adjustment_get_page_size (a));
}

static void
trace_layout_cb (GdkFrameClock *clock,
                 LoadWait      *wait)
{
  trace_phase (wait, "frame: layout");
}

static void
trace_paint_cb (GdkFrameClock *clock,
                LoadWait      *wait)
{
  trace_phase (wait, "frame: paint");
}

static void
trace_items_cb (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                LoadWait   *wait)
{
  if (g_getenv ("BENCH_VERBOSE") != NULL && wait->rows_at == 0)
    {
      guint n;
      row_min = row_max = 0;
      n = count_all_rows (GTK_WIDGET (wait->page->list_view));
      g_print ("    %7.1f ms  %u items added, %u rows (serials %u-%u)\n", (g_get_monotonic_time () - wait->start) / 1000.0, added,
               n, row_min, row_max);
    }
}

static void
load_after_paint_cb (GdkFrameClock *clock,
                     LoadWait      *wait)
{
  if (g_getenv ("BENCH_VERBOSE") != NULL && wait->rows_at == 0)
    {
      GtkAdjustment *a = gtk_scrolled_window_get_vadjustment (wait->page->scroller);
      g_print ("    %7.1f ms  frame painted: value %.0f upper %.0f page %.0f, shows rows %d, stack %s\n",
               (g_get_monotonic_time () - wait->start) / 1000.0, gtk_adjustment_get_value (a),
               gtk_adjustment_get_upper (a), gtk_adjustment_get_page_size (a),
               shows_rows (GTK_WIDGET (wait->page->list_view)),
               gtk_stack_get_visible_child_name (wait->page->content_stack));
    }
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (wait->page->scroller);
  gint64 now = g_get_monotonic_time ();

  if (g_list_model_get_n_items (bp_chat_page_get_messages (wait->page)) != N_MESSAGES ||
      !shows_rows (GTK_WIDGET (wait->page->list_view)))
    return;

  if (wait->rows_at == 0)
    wait->rows_at = now;

  if (gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
      gtk_adjustment_get_upper (adj) - 1)
    wait->bottom_at = now;
}

static void
dump_tree (GtkWidget *widget, int depth)
{
  g_print ("%*s%s halign %d valign %d mode %d visible %d %s\n", depth * 2, "", G_OBJECT_TYPE_NAME (widget),
           gtk_widget_get_halign (widget), gtk_widget_get_valign (widget), gtk_widget_get_request_mode (widget),
           gtk_widget_get_visible (widget), GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "");
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    dump_tree (child, depth + 1);
}

static void
dump_rows (GtkWidget *widget, int depth)
{
  if (depth == 0)
    g_print ("%u rows in all\n", count_all_rows (widget));
  if (BP_IS_MESSAGE_ROW (widget) && gtk_widget_get_mapped (widget))
    {
      static int n;
      if (n++ < 2) dump_tree (widget, 0);
      int min, nat;
      BpChatItem *item = bp_message_row_get_item (BP_MESSAGE_ROW (widget));

      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (widget), &min, &nat, NULL, NULL);
      g_print ("row %u: alloc %dx%d, measured %d/%d, text len %zu\n",
               item ? bp_chat_item_get_serial (item) : 0, gtk_widget_get_width (widget),
               gtk_widget_get_height (widget), min, nat, item ? strlen (bp_chat_item_get_text (item)) : 0);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    dump_rows (child, depth + 1);
}

static void
scroll_through (Bench *b)
{
  if (g_getenv ("BENCH_VERBOSE"))
    dump_rows (GTK_WIDGET (b->page->list_view), 0);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (b->page->scroller);
  guint steps = 0;

  /* From the end, where the page opened, to the start, a page at a time. */
  while (gtk_adjustment_get_value (adj) > 0)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) - gtk_adjustment_get_page_size (adj));
      wait_frames (GTK_WIDGET (b->window), 1);
      steps++;
      if (g_getenv ("BENCH_VERBOSE"))
        g_print ("    step %u: value %.0f upper %.0f page %.0f\n", steps, gtk_adjustment_get_value (adj),
                 gtk_adjustment_get_upper (adj), gtk_adjustment_get_page_size (adj));
      if (steps > 3000)
        break;
    }
  wait_frames (GTK_WIDGET (b->window), 2);
  g_print ("  scrolled to the start in %u steps (list height %.0f px)\n", steps,
           gtk_adjustment_get_upper (adj));
}

static void (*real_label_measure) (GtkWidget *, GtkOrientation, int, int *, int *, int *, int *);
static GHashTable *label_calls;

static void
counting_label_measure (GtkWidget *widget, GtkOrientation o, int for_size, int *min, int *nat, int *minb, int *natb)
{
  const char *text = gtk_label_get_text (GTK_LABEL (widget));
  char *key = g_strdup_printf ("%s %s len%zu parent %s wrap %d", o == GTK_ORIENTATION_HORIZONTAL ? "width" : "height",
                               for_size < 0 ? "for -1" : "for size", strlen (text) / 50 * 50,
                               G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)), gtk_label_get_wrap (GTK_LABEL (widget)));
  gint64 t0 = g_get_monotonic_time ();
  gint64 *v;

  real_label_measure (widget, o, for_size, min, nat, minb, natb);
  v = g_hash_table_lookup (label_calls, key);
  if (v == NULL)
    {
      v = g_new0 (gint64, 2);
      g_hash_table_insert (label_calls, key, v);
    }
  else
    g_free (key);
  v[0]++;
  v[1] += g_get_monotonic_time () - t0;
}

static void
run_load (const char *tmp)
{
  if (g_getenv ("BENCH_COUNT_LABELS"))
    {
      GtkWidgetClass *klass = g_type_class_ref (GTK_TYPE_LABEL);
      real_label_measure = klass->measure;
      klass->measure = counting_label_measure;
      label_calls = g_hash_table_new (g_str_hash, g_str_equal);
    }

  g_autofree char *history = g_build_filename (tmp, "load", "history.sqlite3", NULL);
  Bench b = { 0, };
  double rows_ms[N_LOAD_RUNS], bottom_ms[N_LOAD_RUNS];
  gint64 id, start;
  double rss_mb;

  g_print ("Loading a saved conversation of %u messages:\n", N_MESSAGES);
  start = g_get_monotonic_time ();
  id = fill_history (history);
  g_print ("  history written in %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  bench_init (&b, NULL, tmp);
  bench_open_page (&b, history);

  for (guint run = 0; run < N_LOAD_RUNS; run++)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b.window));
      LoadWait wait = { b.page, 0, 0, 0 };
      gint64 deadline;

      bp_chat_page_new_conversation (b.page);
      wait_frames (GTK_WIDGET (b.window), 3);
      wait_ms (100);

      g_signal_connect (clock, "layout", G_CALLBACK (trace_layout_cb), &wait);
      g_signal_connect (gtk_scrolled_window_get_vadjustment (b.page->scroller), "value-changed", G_CALLBACK (trace_value_cb), &wait);
      g_signal_connect (gtk_scrolled_window_get_vadjustment (b.page->scroller), "changed", G_CALLBACK (trace_value_cb), &wait);
      g_signal_connect (clock, "paint", G_CALLBACK (trace_paint_cb), &wait);
      g_signal_connect (clock, "after-paint", G_CALLBACK (load_after_paint_cb), &wait);
      g_signal_connect_after (bp_chat_page_get_messages (b.page), "items-changed",
                              G_CALLBACK (trace_items_cb), &wait);
      wait.start = g_get_monotonic_time ();
      bp_chat_page_load_conversation (b.page, id);
      while (wait.rows_at == 0)
        g_main_context_iteration (NULL, TRUE);
      /* The page scrolls to the end after the first frame. */
      deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
      while (wait.bottom_at == 0 && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handlers_disconnect_by_data (clock, &wait);
      g_signal_handlers_disconnect_by_data (bp_chat_page_get_messages (b.page), &wait);
      g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_vadjustment (b.page->scroller), &wait);

      rows_ms[run] = (wait.rows_at - wait.start) / 1000.0;
      bottom_ms[run] = wait.bottom_at != 0 ? (wait.bottom_at - wait.start) / 1000.0 : -1;
      g_print ("  run %u: rows painted after %.1f ms, the end after %.1f ms\n",
               run + 1, rows_ms[run], bottom_ms[run]);
    }

  g_print ("  median: rows %.1f ms, end %.1f ms\n",
           median (rows_ms, N_LOAD_RUNS), median (bottom_ms, N_LOAD_RUNS));
  add_result ("load 1000 messages: first rows", median (rows_ms, N_LOAD_RUNS), "ms", 500.0);

  if (g_getenv ("BENCH_NO_SCROLL") == NULL)
    scroll_through (&b);
  else if (g_getenv ("BENCH_VERBOSE"))
    dump_rows (GTK_WIDGET (b.page->list_view), 0);
  rss_mb = read_status_kb ("VmRSS:") / 1024.0;
  g_print ("  VmRSS %.1f MB (peak %.1f MB)\n", rss_mb, read_status_kb ("VmHWM:") / 1024.0);
  add_result ("RSS, 1000 messages open", rss_mb, "MB", 200.0);

  if (label_calls)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, label_calls);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_print ("LABEL %8" G_GINT64_FORMAT " calls %8.1f ms  %s\n", ((gint64 *) value)[0], ((gint64 *) value)[1] / 1000.0, (char *) key);
    }
  bench_close_page (&b);
  bench_clear (&b);
}

/* 4. Startup of the app binary */

/* The build this bench belongs to: BUILD/tests/bench/bench-chat. */
static char *
dup_build_dir (const char *subdir)
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
  check (error);

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

static void
run_startup (const char *tmp)
{
  g_autofree char *app = NULL;
  g_autofree char *schema_dir = NULL;
  g_autofree char *home = g_build_filename (tmp, "startup", NULL);
  g_auto(GStrv) environment = NULL;
  double spawn_ms[N_STARTUP_RUNS - 1], app_ms[N_STARTUP_RUNS - 1];

  app = g_strdup (g_getenv ("BENCH_APP"));
  if (app == NULL)
    app = dup_build_dir ("src" G_DIR_SEPARATOR_S "bedrock-playground");
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
           median (spawn_ms, N_STARTUP_RUNS - 1), median (app_ms, N_STARTUP_RUNS - 1));
  add_result ("startup to first frame", median (spawn_ms, N_STARTUP_RUNS - 1), "ms", 500.0);
}

static gboolean
print_table (void)
{
  gboolean ok = TRUE;

  g_print ("\n%-34s %10s %10s  %s\n", "figure", "value", "target", "result");
  for (guint i = 0; i < results->len; i++)
    {
      Row *row = &g_array_index (results, Row, i);
      gboolean pass = row->value <= row->target;
      g_autofree char *value = g_strdup_printf ("%.1f %s", row->value, row->unit);
      g_autofree char *target = g_strdup_printf ("≤ %.0f %s", row->target, row->unit);

      g_print ("%-34s %10s %10s  %s\n", row->figure, value, target, pass ? "PASS" : "MISS");
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
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bedrock-playground-bench-bus", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_autofree char *schema_dir = dup_build_dir ("data");

      g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
    }

  results = g_array_new (FALSE, FALSE, sizeof (Row));
  tmp = g_dir_make_tmp ("bench-chat-XXXXXX", &error);
  check (error);

  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The memory figure comes first, before streaming grows the heap. */
  if (wanted (argc, argv, "load"))
    run_load (tmp);
  if (wanted (argc, argv, "stream"))
    run_stream (tmp);
  if (wanted (argc, argv, "startup"))
    run_startup (tmp);

  ok = print_table ();
  rm_rf (tmp);
  g_array_unref (results);

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
