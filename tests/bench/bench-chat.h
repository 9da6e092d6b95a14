/* bench-chat.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <time.h>

#include <adwaita.h>

#include "bp-bedrock-client.h"
#include "bp-chat-page.h"
#include "bp-credential-provider.h"
#include "bp-model-catalogue.h"

G_BEGIN_DECLS

/* bench-chat is split by part: bench-chat.c (the page in a window, the
 * table, main), -stream.c (1. streaming), -load.c (2. opening a long
 * conversation, 3. the memory it takes) and -startup.c (4. the app's
 * first frame). */

#define BENCH_MODEL "fake.chat"

/* A chat page in a window, with its own client and catalogue. */
typedef struct
{
  GStrv                 environment;
  BpCredentialProvider *provider;
  BpBedrockClient      *client;
  BpModelCatalogue     *catalogue;
  GtkWindow            *window;     /* (nullable) */
  BpChatPage           *page;       /* (nullable) */
} Bench;

/* bench-chat.c */
void    bench_init        (Bench        *b,
                           const char   *url,
                           const char   *home);
void    bench_open_page   (Bench        *b,
                           const char   *history_path);
void    bench_close_page  (Bench        *b);
void    bench_clear       (Bench        *b);
void    bench_add_result  (const char   *figure,
                           double        value,
                           const char   *unit,
                           double        target);
void    bench_check       (const GError *error);
gint64  bench_cpu_us      (clockid_t     clock);
double  bench_median      (double       *values,
                           guint         n);
void    bench_wait_ms     (guint         ms);
void    bench_wait_frames (GtkWidget    *widget,
                           guint         n);
char   *bench_dup_build_dir (const char *subdir);

/* The parts */
void    bench_run_stream  (const char   *tmp);
void    bench_run_load    (const char   *tmp);
void    bench_run_startup (const char   *tmp);

G_END_DECLS
