/* bp-credential-process-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-credentials.h"

G_BEGIN_DECLS

/* Runs a profile's credential_process (split shell-style, no shell) with
 * @envp as its environment, and parses what it prints. @profile and
 * @source_path only name things in error messages. */
void           _bp_credential_process_run_async    (const char           *command_line,
                                                    const char * const   *envp,
                                                    guint                 timeout_ms,
                                                    const char           *profile,
                                                    const char           *source_path,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
BpCredentials *_bp_credential_process_run_finish   (GAsyncResult         *result,
                                                    GError              **error);

/* The JSON a credential_process prints (Version 1). Never quotes @output in
 * an error: it holds secrets. */
BpCredentials *_bp_credential_process_parse_output (const char           *output,
                                                    gsize                 length,
                                                    const char           *profile,
                                                    const char           *source_path,
                                                    GError              **error);

G_END_DECLS
