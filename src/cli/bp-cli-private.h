/* bp-cli-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-bedrock-client.h"
#include "bp-chat-request.h"
#include "bp-credential-provider.h"
#include "bp-model-catalogue.h"
#include "bp-types.h"

G_BEGIN_DECLS

/* bedrock-playground-cli: the core without GTK. One BpCli lives for the
 * whole run; each command parses its options, starts its async work on the
 * main loop and ends it with _bp_cli_exit() or _bp_cli_fail(). */

#define BP_CLI_NAME "bedrock-playground-cli"

/* Exit statuses. */
#define BP_CLI_EXIT_OK      0
#define BP_CLI_EXIT_FAILED  1
#define BP_CLI_EXIT_USAGE   2

typedef struct _BpCli BpCli;

struct _BpCli
{
  /* owned */
  GMainLoop            *loop;
  GCancellable         *cancellable;  /* cancelled by Ctrl+C / SIGTERM */
  char                **environ;

  /* Global options (owned, nullable): explicit overrides like the AWS CLI's. */
  char                 *profile;
  char                 *region;
  char                 *endpoint_url;

  /* Set by _bp_cli_connect_async() (owned, nullable). */
  BpCredentialProvider *provider;
  BpBedrockClient      *client;
  BpModelCatalogue     *catalogue;
  char                 *credentials_description;

  int                   exit_status;
  int                   signal_number;  /* the signal that cancelled us, or 0 */
  gboolean              finished;
  gboolean              stdout_mid_line;
};

/* Parameters chat and compare share (owned strings, nullable = not given). */
typedef struct
{
  char  *system;
  char  *temperature;
  char  *top_p;
  char  *top_k;
  char  *max_tokens;
  char **stop;
} BpCliChatParams;

/* bp-cli.c */
void          _bp_cli_exit                  (BpCli               *cli,
                                             int                  status);

/* bp-cli-errors.c */
void          _bp_cli_fail                  (BpCli               *cli,
                                             const GError        *error);
void          _bp_cli_fail_usage            (BpCli               *cli,
                                             const char          *format,
                                             ...) G_GNUC_PRINTF (2, 3);
char         *_bp_cli_describe_error        (BpCli               *cli,
                                             const GError        *error,
                                             int                 *out_status);
gboolean      _bp_cli_error_is_cancelled    (const GError        *error);

/* bp-cli-options.c */
gboolean      _bp_cli_parse_options         (BpCli               *cli,
                                             const char          *command,
                                             const char          *parameter_string,
                                             const char          *summary,
                                             const GOptionEntry  *entries,
                                             const GOptionEntry  *extra_entries,
                                             char              ***args);
gboolean      _bp_cli_parse_uint            (BpCli               *cli,
                                             const char          *option,
                                             const char          *text,
                                             guint64              max,
                                             guint64             *out_value);
gboolean      _bp_cli_parse_double          (BpCli               *cli,
                                             const char          *option,
                                             const char          *text,
                                             double              *out_value);
char         *_bp_cli_join_prompt           (char               **args);
GOptionEntry *_bp_cli_chat_params_entries   (BpCliChatParams     *params);
void          _bp_cli_chat_params_clear     (BpCliChatParams     *params);
gboolean      _bp_cli_chat_params_apply     (BpCli               *cli,
                                             BpCliChatParams     *params,
                                             BpChatRequest       *request);

/* bp-cli-output.c */
void          _bp_cli_print                 (BpCli               *cli,
                                             const char          *text);
void          _bp_cli_end_line              (BpCli               *cli);
void          _bp_cli_print_note            (const char          *format,
                                             ...) G_GNUC_PRINTF (1, 2);
void          _bp_cli_print_error_line      (BpCli               *cli,
                                             const char          *message);
char         *_bp_cli_one_line              (const char          *text);
guint         _bp_cli_text_width            (const char          *text);
char         *_bp_cli_format_ms             (gint64               ms);
char         *_bp_cli_format_count          (gint64               count);
char         *_bp_cli_format_cost           (double               usd);
char         *_bp_cli_format_rate           (gint64               output_tokens,
                                             gint64               total_ms,
                                             gint64               first_token_ms);

typedef struct _BpCliTable BpCliTable;

BpCliTable   *_bp_cli_table_new             (guint                n_columns,
                                             const char * const  *headers);
void          _bp_cli_table_free            (BpCliTable          *table);
void          _bp_cli_table_set_right_align (BpCliTable          *table,
                                             guint                column);
void          _bp_cli_table_add_row         (BpCliTable          *table,
                                             const char * const  *cells);
char         *_bp_cli_table_format          (BpCliTable          *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpCliTable, _bp_cli_table_free)

/* bp-cli-session.c */
void          _bp_cli_ensure_client         (BpCli               *cli);
void          _bp_cli_connect_async         (BpCli               *cli,
                                             gboolean             need_credentials,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      _bp_cli_connect_finish        (BpCli               *cli,
                                             GAsyncResult        *result,
                                             GError             **error);
void          _bp_cli_read_stdin_async      (BpCli               *cli,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char         *_bp_cli_read_stdin_finish     (BpCli               *cli,
                                             GAsyncResult        *result,
                                             GError             **error);
BpModelCatalogue *_bp_cli_get_catalogue     (BpCli               *cli);
char         *_bp_cli_pick_invoke_id        (BpCli               *cli,
                                             const char          *model_id,
                                             gboolean            *out_mapped);
double        _bp_cli_estimate_cost         (BpCli               *cli,
                                             const char          *invoke_id,
                                             const BpUsage       *usage);

/* The commands: each parses @args (owned by the caller) and starts. */
void          _bp_cli_config_run            (BpCli               *cli,
                                             char              ***args);
void          _bp_cli_models_run            (BpCli               *cli,
                                             char              ***args);
void          _bp_cli_chat_run              (BpCli               *cli,
                                             char              ***args);
void          _bp_cli_image_run             (BpCli               *cli,
                                             char              ***args);
void          _bp_cli_compare_run           (BpCli               *cli,
                                             char              ***args);

G_END_DECLS
