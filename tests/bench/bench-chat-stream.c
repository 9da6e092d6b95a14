/* bench-chat-stream.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pthread.h>
#include <stdlib.h>

#include "bench-chat.h"
#include "bp-chat-item.h"
#include "bp-fake-bedrock.h"

/* 1. Streaming: a reply of 4,000 and one of 20,000 tokens from the fake at
 * full speed, sent as the user would. The main thread's CPU time from the
 * send to the end of the reply may grow at most 5 times for 5 times the
 * text, and no frame may come more than 50 ms after the last. */

#define STREAM_SHORT_WORDS 4000
#define STREAM_LONG_WORDS  20000
#define SETTLE_MS          300

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

/* Frame times, from the send on: the time between two painted frames
 * (the first one counts from the send), which is what the eye sees, and
 * the work of a frame itself (before-paint to after-paint). While a reply
 * is awaited or streams, its row animates or grows, so frames are due all
 * along. Also the longest the main loop went without running a 5 ms
 * timeout: a stall, frames or not. */

typedef struct
{
  gint64  frame_start;
  gint64  last_paint;
  gint64  last_tick;
  gint64  max_work_us;
  gint64  max_interval_us;
  gint64  max_stall_us;
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
  stats->max_interval_us = MAX (stats->max_interval_us, now - stats->last_paint);
  stats->n_over_50 += now - stats->last_paint > 50000;
  stats->last_paint = now;
  stats->frame_start = 0;
  stats->n_frames++;
}

static gboolean
stall_probe_cb (gpointer data)
{
  FrameStats *stats = data;
  gint64 now = g_get_monotonic_time ();

  stats->max_stall_us = MAX (stats->max_stall_us, now - stats->last_tick);
  stats->last_tick = now;

  return G_SOURCE_CONTINUE;
}

/* 1. Streaming */

typedef struct
{
  double cpu_ms;          /* send to the end of the reply */
  double settled_cpu_ms;  /* and SETTLE_MS more, for the layout of the rest */
  double fake_cpu_ms;
  double wall_ms;
  double max_interval_ms;
  double max_work_ms;
  double max_stall_ms;
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

static void
check_reply (Bench *b,
             guint  n_words)
{
  GListModel *messages = bp_chat_page_get_messages (b->page);
  g_autoptr(BpChatItem) reply = g_list_model_get_item (messages, g_list_model_get_n_items (messages) - 1);
  guint n = count_words (bp_chat_item_get_text (reply));

  if (n < n_words)
    g_error ("bench-chat: the reply has %u words, not %u: %s", n, n_words,
             bp_chat_item_get_error_message (reply));
}

static StreamResult
stream_reply (Bench      *b,
              FakeThread *ft,
              guint       n_words)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b->window));
  g_autofree char *prompt = g_strdup_printf ("Tell me a long story. [[words:%u]]", n_words);
  FrameStats stats = { 0, };
  StreamResult result;
  gint64 cpu_start, fake_start, wall_start;
  guint probe;

  /* Each reply in a conversation of its own: the cost of a reply, not of
   * the ones before it. */
  bp_chat_page_new_conversation (b->page);
  bench_wait_frames (GTK_WIDGET (b->window), 3);

  g_signal_connect (clock, "before-paint", G_CALLBACK (stats_before_paint_cb), &stats);
  g_signal_connect (clock, "after-paint", G_CALLBACK (stats_after_paint_cb), &stats);

  cpu_start = bench_cpu_us (CLOCK_THREAD_CPUTIME_ID);
  fake_start = bench_cpu_us (ft->clock);
  wall_start = stats.last_paint = stats.last_tick = g_get_monotonic_time ();
  probe = g_timeout_add (5, stall_probe_cb, &stats);

  bp_chat_page_send (b->page, prompt);
  if (!bp_chat_page_get_busy (b->page))
    g_error ("bench-chat: the page did not send");
  while (bp_chat_page_get_busy (b->page))
    g_main_context_iteration (NULL, TRUE);

  result.cpu_ms = (bench_cpu_us (CLOCK_THREAD_CPUTIME_ID) - cpu_start) / 1000.0;
  result.fake_cpu_ms = (bench_cpu_us (ft->clock) - fake_start) / 1000.0;
  result.wall_ms = (g_get_monotonic_time () - wall_start) / 1000.0;
  /* A frame was due at the end too: the reply's row grew. */
  stats.max_interval_us = MAX (stats.max_interval_us, g_get_monotonic_time () - stats.last_paint);
  stats.n_over_50 += g_get_monotonic_time () - stats.last_paint > 50000;
  result.max_interval_ms = stats.max_interval_us / 1000.0;
  g_signal_handlers_disconnect_by_func (clock, stats_after_paint_cb, &stats);

  /* The text views lay out what is off screen in idle time, and the
   * history writes the end: count that too, frames and stalls included. */
  bench_wait_ms (SETTLE_MS);
  g_source_remove (probe);
  g_signal_handlers_disconnect_by_data (clock, &stats);
  result.settled_cpu_ms = (bench_cpu_us (CLOCK_THREAD_CPUTIME_ID) - cpu_start) / 1000.0;
  result.max_work_ms = stats.max_work_us / 1000.0;
  result.max_stall_ms = stats.max_stall_us / 1000.0;

  check_reply (b, n_words);
  g_print ("  %5u words in %4.0f ms: main-thread CPU %5.0f ms to the end (%5.0f ms settled), "
           "fake thread %4.0f ms; %3u frames, longest between frames %5.1f ms (%u over 50 ms), "
           "longest frame %5.1f ms, longest stall %5.1f ms\n",
           n_words, result.wall_ms, result.cpu_ms, result.settled_cpu_ms, result.fake_cpu_ms, stats.n_frames,
           result.max_interval_ms, stats.n_over_50, result.max_work_ms, result.max_stall_ms);

  return result;
}

/* Runs of each length: the medians are the figures (a 4,000-token reply
 * takes some 100 ms of CPU, where one stray stall weighs a lot). */
#define STREAM_RUNS 3

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median CPU figures of @runs, and the worst frame figures. */
static StreamResult
summarize (StreamResult *runs)
{
  StreamResult result = runs[0];
  double cpu[STREAM_RUNS], settled[STREAM_RUNS];

  for (guint i = 0; i < STREAM_RUNS; i++)
    {
      cpu[i] = runs[i].cpu_ms;
      settled[i] = runs[i].settled_cpu_ms;
      result.max_interval_ms = MAX (result.max_interval_ms, runs[i].max_interval_ms);
      result.max_work_ms = MAX (result.max_work_ms, runs[i].max_work_ms);
      result.max_stall_ms = MAX (result.max_stall_ms, runs[i].max_stall_ms);
    }
  qsort (cpu, STREAM_RUNS, sizeof cpu[0], compare_double);
  qsort (settled, STREAM_RUNS, sizeof settled[0], compare_double);
  result.cpu_ms = cpu[STREAM_RUNS / 2];
  result.settled_cpu_ms = settled[STREAM_RUNS / 2];

  return result;
}

void
bench_run_stream (const char *tmp)
{
  g_autofree char *history = g_build_filename (tmp, "stream", "history.sqlite3", NULL);
  FakeThread ft = { 0, };
  Bench b = { 0, };
  StreamResult small, large;
  StreamResult small_runs[STREAM_RUNS], large_runs[STREAM_RUNS];

  g_print ("Streaming (the fake at full speed, in its own thread):\n");
  fake_thread_start (&ft);
  bench_init (&b, ft.url, tmp);
  bench_open_page (&b, history);

  for (guint i = 0; i < STREAM_RUNS; i++)
    {
      small_runs[i] = stream_reply (&b, &ft, STREAM_SHORT_WORDS);
      large_runs[i] = stream_reply (&b, &ft, STREAM_LONG_WORDS);
    }
  small = summarize (small_runs);
  large = summarize (large_runs);

  g_print ("  ratio 20000/4000 of the median main-thread CPU: %.2f to the end, %.2f settled\n",
           large.cpu_ms / small.cpu_ms, large.settled_cpu_ms / small.settled_cpu_ms);
  /* Reading yields to redrawing, so much of the rendering comes after the
   * last byte: the settled figures are the ones to judge. */
  bench_add_result ("stream: CPU 20000 / 4000 tokens", large.settled_cpu_ms / small.settled_cpu_ms, "×", 5.0);
  bench_add_result ("stream: longest between frames", MAX (small.max_interval_ms, large.max_interval_ms), "ms", 50.0);

  bench_close_page (&b);
  bench_clear (&b);
  fake_thread_stop (&ft);
}
