/* bench-client.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "bp-bedrock-client-private.h"
#include "bp-converse.h"
#include "bp-event-stream.h"
#include "bp-fake-bedrock.h"
#include "bp-sigv4.h"

/* How fast the Bedrock client is, against the in-process fake server:
 *
 *   1. Converse round trip: median and p99 of 200 calls over one
 *      kept-alive connection, after 10 warm-up calls.
 *   2. ConverseStream decode + dispatch of a 20,000-token reply: (a) end
 *      to end through the client, the fake at full speed; (b) the
 *      client's decode path alone (decoder, Converse stream parser,
 *      reply) on a pre-encoded stream fed in 64 KiB chunks.
 *   3. SigV4: building and signing a small Converse POST.
 *
 *   bench-client [round-trip|stream|decode|sigv4]...
 *
 * With no argument it runs them all; name some to run only those (to
 * profile one, say).
 *
 * Figures only: nothing here fails on time. It exits with an error only
 * when a call fails or a reply comes back wrong. */

#define HAIKU             "anthropic.claude-3-haiku-20240307-v1:0"
/* The fake's own model: no output limit, so 20,000 tokens come whole. */
#define STREAM_MODEL      "fake.model"
#define N_WARMUP          10
#define N_CALLS           200
#define STREAM_TOKENS     20000
#define STREAM_RUNS       5
#define CHUNK_SIZE        (64 * 1024)
#define MIN_SECONDS       1.0
#define PADDING_ALPHABET  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#define MB                1e6

typedef struct
{
  BpFakeBedrock        *fake;
  BpCredentialProvider *provider;
  BpBedrockClient      *client;
  char                 *tmpdir;
} Bench;

typedef struct
{
  const char *figure;
  char       *value;       /* (owned) with its unit */
  const char *target;
  const char *verdict;     /* PASS, MISS or "-" */
} Row;

static GArray *rows;       /* Row */

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->value);
}

static void
add_row (const char *figure,
         char       *value,
         const char *target,
         int         pass)
{
  Row row = { figure, value, target, pass < 0 ? "-" : pass ? "PASS" : "MISS" };

  g_array_append_val (rows, row);
}

static void
check (const GError *error)
{
  if (error != NULL)
    {
      g_printerr ("bench-client: %s\n", error->message);
      exit (EXIT_FAILURE);
    }
}

static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest rank on sorted values: the smallest value with at least
 * @percent % of the values at or below it. */
static double
percentile (const double *sorted,
            guint         n,
            double        percent)
{
  guint rank = (guint) (percent / 100.0 * n + 0.999999);

  return sorted[CLAMP (rank, 1, n) - 1];
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);

  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* The CPU time of this thread: the benchmarks that run on one thread
 * also report it, as other processes may share the machine. */
static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *
cpu_model (void)
{
  g_autofree char *cpuinfo = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    return g_strdup ("unknown CPU");

  lines = g_strsplit (cpuinfo, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');

      if (g_str_has_prefix (lines[i], "model name") && colon != NULL)
        return g_strstrip (g_strdup (colon + 1));
    }

  return g_strdup ("unknown CPU");
}

static void
print_machine (void)
{
  g_autofree char *model = cpu_model ();
  g_autofree char *loadavg = NULL;
  const char *build =
#if defined(__SANITIZE_ADDRESS__)
    "sanitizer build: the figures are meaningless";
#elif defined(__OPTIMIZE__)
    "optimized build";
#else
    "unoptimized build: the figures are pessimistic";
#endif

  if (!g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    loadavg = g_strdup ("?");

  g_print ("machine: nproc %u, %s; %s; GLib %u.%u.%u, libsoup %u.%u.%u\n",
           g_get_num_processors (), model, build,
           glib_major_version, glib_minor_version, glib_micro_version,
           soup_get_major_version (), soup_get_minor_version (), soup_get_micro_version ());
  g_print ("load average before the run: %s", loadavg);
}

static void
print_rows (void)
{
  g_print ("\n%-46s %20s  %-12s %s\n", "figure", "value", "target", "result");
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      g_print ("%-46s %20s  %-12s %s\n", row->figure, row->value, row->target, row->verdict);
    }
  g_print ("\n1 MB = 10^6 bytes. Verdicts use wall-clock time. The fake server and\n"
           "the client share one process and one main loop, so the round trip and\n"
           "(a) measure both, the fake building its reply included.\n");
}

/* Never the real ~/.aws: the fake's environment and missing files in a
 * scratch directory. */
static void
bench_setup (Bench *bench)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *credentials = NULL;
  g_auto(GStrv) envp = NULL;

  bench->tmpdir = g_dir_make_tmp ("bench-client-XXXXXX", &error);
  check (error);
  config = g_build_filename (bench->tmpdir, "config", NULL);
  credentials = g_build_filename (bench->tmpdir, "credentials", NULL);

  bench->fake = bp_fake_bedrock_new ();
  bp_fake_bedrock_set_log_limit (bench->fake, 8);
  envp = bp_fake_bedrock_get_environ (bench->fake);
  envp = g_environ_setenv (envp, "AWS_CONFIG_FILE", config, TRUE);
  envp = g_environ_setenv (envp, "AWS_SHARED_CREDENTIALS_FILE", credentials, TRUE);
  envp = g_environ_setenv (envp, "HOME", bench->tmpdir, TRUE);

  bench->provider = bp_credential_provider_new ();
  bp_credential_provider_set_environment (bench->provider, (const char * const *) envp);
  bench->client = bp_bedrock_client_new (bench->provider);

  bp_bedrock_client_configure_async (bench->client, NULL, NULL, NULL, keep_result_cb, &result);
  bp_bedrock_client_configure_finish (bench->client, wait_result (&result), &error);
  check (error);
}

static void
bench_teardown (Bench *bench)
{
  g_clear_object (&bench->client);
  g_clear_object (&bench->provider);
  g_clear_object (&bench->fake);

  /* Let closes and the fake's last callbacks run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_rmdir (bench->tmpdir);
  g_clear_pointer (&bench->tmpdir, g_free);
}

/* The TCP connections to @port seen in /proc/net/tcp, open or in
 * TIME_WAIT, counted by their client-side port. */
static guint
count_connections (guint port)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autofree char *table = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/net/tcp", &table, NULL, NULL))
    return 0;

  lines = g_strsplit (table, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      guint local, remote, state;

      if (sscanf (lines[i], " %*u: %*x:%x %*x:%x %x", &local, &remote, &state) != 3 ||
          state == 0x0A /* LISTEN */)
        continue;
      if (local == port)
        g_hash_table_add (seen, GUINT_TO_POINTER (remote));
      else if (remote == port)
        g_hash_table_add (seen, GUINT_TO_POINTER (local));
    }

  return g_hash_table_size (seen);
}

static double
converse_once (Bench         *bench,
               BpChatRequest *request)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  bp_bedrock_client_converse_async (bench->client, request, NULL, keep_result_cb, &result);
  reply = bp_bedrock_client_converse_finish (bench->client, wait_result (&result), &error);
  check (error);
  if (!g_str_has_prefix (bp_chat_reply_get_text (reply), "Hello! You said: Hi there."))
    g_error ("unexpected Converse reply ‘%s’", bp_chat_reply_get_text (reply));

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
bench_round_trip (Bench *bench)
{
  g_autoptr(BpChatRequest) request = bp_chat_request_new (HAIKU);
  guint port = bp_fake_bedrock_get_port (bench->fake);
  double times[N_CALLS];
  double med;
  guint connections;

  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "Hi there.");
  bp_chat_request_set_max_tokens (request, 256);
  bp_fake_bedrock_set_reply_words (bench->fake, 5);

  for (guint i = 0; i < N_WARMUP; i++)
    converse_once (bench, request);
  for (guint i = 0; i < N_CALLS; i++)
    times[i] = converse_once (bench, request);
  connections = count_connections (port);

  med = median (times, N_CALLS);
  add_row ("Converse round trip, median of 200",
           g_strdup_printf ("%.3f ms", med), "<= 0.5 ms", med <= 0.5);
  add_row ("Converse round trip, p99 (nearest rank)",
           g_strdup_printf ("%.3f ms", percentile (times, N_CALLS, 99)), "-", -1);
  add_row ("  min / max",
           g_strdup_printf ("%.3f / %.3f ms", times[0], times[N_CALLS - 1]), "-", -1);
  add_row ("  TCP connections used for the 210 calls",
           g_strdup_printf ("%u", connections), "1", connections == 1);
}

typedef struct
{
  guint   n_events;
  guint64 body_bytes;
} StreamCount;

static void
count_event_cb (BpStreamEvent *event,
                gpointer       user_data)
{
  StreamCount *count = user_data;

  count->n_events++;
}

/* The client's messages are private: collect metrics on every message
 * its session sends, to read the event-stream bytes received. */
static void
request_queued_cb (SoupSession *session,
                   SoupMessage *msg,
                   gpointer     user_data)
{
  soup_message_add_flags (msg, SOUP_MESSAGE_COLLECT_METRICS);
}

static void
request_unqueued_cb (SoupSession *session,
                     SoupMessage *msg,
                     gpointer     user_data)
{
  StreamCount *count = user_data;
  SoupMessageMetrics *metrics = soup_message_get_metrics (msg);

  if (metrics != NULL)
    count->body_bytes += soup_message_metrics_get_response_body_size (metrics);
}

static double
stream_once (Bench         *bench,
             BpChatRequest *request,
             StreamCount   *count)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BpChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  bp_bedrock_client_converse_stream_async (bench->client, request, count_event_cb, count, NULL,
                                           NULL, keep_result_cb, &result);
  reply = bp_bedrock_client_converse_stream_finish (bench->client, wait_result (&result),
                                                    NULL, &error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  check (error);
  if (bp_chat_reply_get_usage (reply)->output_tokens != STREAM_TOKENS)
    g_error ("the stream gave %" G_GINT64_FORMAT " output tokens, not %d",
             bp_chat_reply_get_usage (reply)->output_tokens, STREAM_TOKENS);

  /* The session drops the message once the stream is closed. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return seconds;
}

static void
bench_stream_end_to_end (Bench *bench)
{
  g_autoptr(BpChatRequest) request = bp_chat_request_new (STREAM_MODEL);
  SoupSession *session = _bp_bedrock_client_get_session (bench->client);
  double mb_s[STREAM_RUNS], events_s[STREAM_RUNS];
  StreamCount count = { 0, };
  gulong queued_id, unqueued_id;

  bp_chat_request_add_message (request, BP_CHAT_ROLE_USER, "[[words:20000]] Tell me a long story.");
  bp_fake_bedrock_set_tokens_per_second (bench->fake, 0);

  queued_id = g_signal_connect (session, "request-queued", G_CALLBACK (request_queued_cb), NULL);
  unqueued_id = g_signal_connect (session, "request-unqueued", G_CALLBACK (request_unqueued_cb), &count);

  stream_once (bench, request, &count);  /* warm-up */
  for (guint run = 0; run < STREAM_RUNS; run++)
    {
      double seconds;

      memset (&count, 0, sizeof count);
      seconds = stream_once (bench, request, &count);
      if (count.body_bytes == 0)
        g_error ("libsoup reported no response body bytes");
      mb_s[run] = count.body_bytes / MB / seconds;
      events_s[run] = count.n_events / seconds;
    }

  g_clear_signal_handler (&queued_id, session);
  g_clear_signal_handler (&unqueued_id, session);

  add_row ("ConverseStream (a) end to end, client + fake",
           g_strdup_printf ("%.1f MB/s", median (mb_s, STREAM_RUNS)), "-", -1);
  add_row ("  events dispatched",
           g_strdup_printf ("%.0f events/s", median (events_s, STREAM_RUNS)), "-", -1);
  add_row ("  event-stream bytes / events per reply",
           g_strdup_printf ("%" G_GUINT64_FORMAT " B / %u", count.body_bytes, count.n_events),
           "-", -1);
}

static void
append_event (GByteArray *stream,
              const char *event_type,
              const char *json,
              GRand      *rand)
{
  g_autoptr(BpEventStreamMessage) message = bp_event_stream_message_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint padding = g_rand_int_range (rand, 1, strlen (PADDING_ALPHABET) + 1);
  char *payload;

  /* Bedrock's random-length "p" member, last, as in the fake (§2.4). */
  g_assert (g_str_has_suffix (json, "}"));
  payload = g_strdup_printf ("%.*s,\"p\":\"%.*s\"}", (int) strlen (json) - 1, json,
                             (int) padding, PADDING_ALPHABET);

  bp_event_stream_message_add_string_header (message, ":event-type", event_type);
  bp_event_stream_message_add_string_header (message, ":content-type", "application/json");
  bp_event_stream_message_add_string_header (message, ":message-type", "event");
  bp_event_stream_message_set_payload (message, g_bytes_new_take (payload, strlen (payload)));
  bytes = bp_event_stream_message_encode (message, &error);
  check (error);
  g_byte_array_append (stream, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A ConverseStream reply of STREAM_TOKENS one-word text deltas, as the
 * service sends it: messageStart, the deltas, contentBlockStop,
 * messageStop, metadata. */
static GBytes *
build_stream (gsize *out_text_len)
{
  static const char * const words[] = {
    " the", " model", " streams", " a", " reply", " token", " by", " token,",
    " and", " every", " delta", " arrives", " in", " its", " own", " message.",
  };
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x5eed);
  g_autofree char *metadata = NULL;
  gsize text_len = 0;

  append_event (stream, "messageStart", "{\"role\":\"assistant\"}", rand);
  for (guint i = 0; i < STREAM_TOKENS; i++)
    {
      const char *word = words[(i * 7 + 3) % G_N_ELEMENTS (words)];
      g_autofree char *json = g_strdup_printf ("{\"contentBlockIndex\":0,\"delta\":{\"text\":\"%s\"}}", word);

      append_event (stream, "contentBlockDelta", json, rand);
      text_len += strlen (word);
    }
  append_event (stream, "contentBlockStop", "{\"contentBlockIndex\":0}", rand);
  append_event (stream, "messageStop", "{\"stopReason\":\"end_turn\"}", rand);
  metadata = g_strdup_printf ("{\"usage\":{\"inputTokens\":12,\"outputTokens\":%d,"
                              "\"totalTokens\":%d},\"metrics\":{\"latencyMs\":1891}}",
                              STREAM_TOKENS, STREAM_TOKENS + 12);
  append_event (stream, "metadata", metadata, rand);

  *out_text_len = text_len;

  return g_byte_array_free_to_bytes (g_steal_pointer (&stream));
}

/* What the client does with each whole message (bp-bedrock-client-stream.c,
 * dispatch_message, dispatch_event and deliver), for events. */
static void
dispatch (BpChatReply          *reply,
          BpEventStreamMessage *message,
          StreamCount          *count)
{
  g_autoptr(BpStreamEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  const char *type = bp_event_stream_message_get_string_header (message, ":message-type");
  const char *event_type = bp_event_stream_message_get_string_header (message, ":event-type");

  if (g_strcmp0 (type, "event") != 0 || event_type == NULL)
    g_error ("unexpected message type ‘%s’", type);

  event = bp_converse_stream_parse_event (event_type, bp_event_stream_message_get_payload (message),
                                          &error);
  check (error);
  if (event != NULL)
    {
      bp_chat_reply_apply_event_at (reply, event, g_get_monotonic_time ());
      count_event_cb (event, count);
    }
}

/* Feeds @stream in CHUNK_SIZE pieces, as the client reads it, and
 * dispatches each message into @reply; with no @reply, only counts them:
 * the framing alone. */
static void
decode_once (GBytes      *stream,
             BpChatReply *reply,
             StreamCount *count)
{
  g_autoptr(BpEventStreamDecoder) decoder = bp_event_stream_decoder_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (stream, &size);

  for (gsize offset = 0; offset < size; offset += CHUNK_SIZE)
    {
      BpEventStreamMessage *message;

      bp_event_stream_decoder_feed (decoder, data + offset, MIN (CHUNK_SIZE, size - offset), &error);
      check (error);
      while ((message = bp_event_stream_decoder_pop (decoder)) != NULL)
        {
          if (reply != NULL)
            dispatch (reply, message, count);
          else
            count->n_events++;
          bp_event_stream_message_unref (message);
        }
    }
  bp_event_stream_decoder_finish (decoder, &error);
  check (error);
}

typedef struct
{
  GBytes      *stream;
  gsize        text_len;
  gboolean     decoder_only;
  StreamCount  count;
} DecodeRun;

static void
decode_run (DecodeRun *run)
{
  g_autoptr(BpChatReply) reply = NULL;

  memset (&run->count, 0, sizeof run->count);
  if (run->decoder_only)
    {
      decode_once (run->stream, NULL, &run->count);
      return;
    }

  reply = bp_chat_reply_new ();
  bp_chat_reply_set_model_id (reply, HAIKU);
  bp_chat_reply_set_start_time (reply, g_get_monotonic_time ());
  decode_once (run->stream, reply, &run->count);

  if (strlen (bp_chat_reply_get_text (reply)) != run->text_len ||
      bp_chat_reply_get_stop_reason (reply) != BP_STOP_REASON_END_TURN ||
      bp_chat_reply_get_usage (reply)->output_tokens != STREAM_TOKENS ||
      !bp_chat_reply_is_complete (reply))
    g_error ("the decoded reply is wrong");
}

/* One warm-up, then at least five runs and MIN_SECONDS; the medians of
 * the wall-clock and CPU seconds of a run. */
static void
time_decode (DecodeRun *run,
             double    *out_wall,
             double    *out_cpu)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  double total = 0;

  decode_run (run);
  while (wall->len < 5 || total < MIN_SECONDS)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_seconds ();
      double seconds, cpu_seconds;

      decode_run (run);
      cpu_seconds = thread_cpu_seconds () - cpu_start;
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      total += seconds;
      g_array_append_val (wall, seconds);
      g_array_append_val (cpu, cpu_seconds);
    }

  *out_wall = median ((double *) (gpointer) wall->data, wall->len);
  *out_cpu = median ((double *) (gpointer) cpu->data, cpu->len);
}

static void
bench_stream_decode (void)
{
  DecodeRun run = { NULL, };
  double wall, cpu, mb_s;
  gsize size;

  run.stream = build_stream (&run.text_len);
  size = g_bytes_get_size (run.stream);

  time_decode (&run, &wall, &cpu);
  mb_s = size / MB / wall;
  add_row ("ConverseStream (b) decode + parse + apply only",
           g_strdup_printf ("%.1f MB/s", mb_s), ">= 100 MB/s", mb_s >= 100);
  add_row ("  events dispatched",
           g_strdup_printf ("%.0f events/s", run.count.n_events / wall), "-", -1);
  add_row ("  per CPU second (this thread)",
           g_strdup_printf ("%.1f MB/s", size / MB / cpu), "-", -1);
  add_row ("  stream bytes / events",
           g_strdup_printf ("%zu B / %u", size, run.count.n_events), "-", -1);

  /* Where the time goes: the framing alone, without JSON or the reply. */
  run.decoder_only = TRUE;
  time_decode (&run, &wall, &cpu);
  add_row ("  of which event-stream decoder alone",
           g_strdup_printf ("%.1f MB/s", size / MB / wall), "-", -1);

  g_bytes_unref (run.stream);
}

static gboolean
sign_once (GBytes *body)
{
  g_autoptr(BpSigV4Request) request = NULL;
  g_autoptr(GError) error = NULL;
  BpSigV4Config config = {
    .access_key_id = BP_FAKE_ACCESS_KEY_ID,
    .secret_access_key = BP_FAKE_SECRET_ACCESS_KEY,
    .region = "us-east-1",
    .service = "bedrock",
    .unix_time = 1767225600,  /* 2026-01-01T00:00:00Z */
    .normalize_path = TRUE,
  };

  request = bp_sigv4_request_new ("POST", "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", NULL);
  bp_sigv4_request_add_header (request, "Host", "bedrock-runtime.us-east-1.amazonaws.com");
  bp_sigv4_request_add_header (request, "Content-Type", "application/json");
  bp_sigv4_request_set_body (request, body);
  bp_sigv4_sign (request, &config, &error);
  check (error);

  return bp_sigv4_request_get_header (request, "Authorization") != NULL;
}

static void
bench_sigv4 (void)
{
  static const char json[] =
    "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi there.\"}]}],"
    "\"inferenceConfig\":{\"maxTokens\":256}}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  double wall[3], cpu[3];
  double rate;

  for (guint i = 0; i < 1000; i++)
    sign_once (body);

  /* Three runs of a second. */
  for (guint run = 0; run < G_N_ELEMENTS (wall); run++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_seconds ();
      guint n = 0;

      while (g_get_monotonic_time () < start + G_USEC_PER_SEC)
        for (guint i = 0; i < 500; i++)
          n += sign_once (body);
      cpu[run] = n / (thread_cpu_seconds () - cpu_start);
      wall[run] = n / ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
    }

  rate = median (wall, G_N_ELEMENTS (wall));
  add_row ("SigV4: build + sign a small Converse POST",
           g_strdup_printf ("%.0f signatures/s", rate), ">= 50,000/s", rate >= 50000);
  add_row ("  per CPU second (this thread)",
           g_strdup_printf ("%.0f signatures/s", median (cpu, G_N_ELEMENTS (cpu))), "-", -1);
}

static gboolean
wanted (int         argc,
        char       *argv[],
        const char *section)
{
  if (argc < 2)
    return TRUE;

  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], section) == 0)
      return TRUE;

  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { NULL, };

  setlocale (LC_ALL, "");
  rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (rows, row_clear);

  print_machine ();

  if (wanted (argc, argv, "round-trip") || wanted (argc, argv, "stream"))
    {
      bench_setup (&bench);
      if (wanted (argc, argv, "round-trip"))
        bench_round_trip (&bench);
      if (wanted (argc, argv, "stream"))
        bench_stream_end_to_end (&bench);
      bench_teardown (&bench);
    }
  if (wanted (argc, argv, "decode"))
    bench_stream_decode ();
  if (wanted (argc, argv, "sigv4"))
    bench_sigv4 ();

  print_rows ();
  g_clear_pointer (&rows, g_array_unref);

  return EXIT_SUCCESS;
}
