/* bp-request-snippet.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The learning aid of design.md: any request shown as code a user can run.
 * Snippets refer to credentials through the usual environment variables and
 * never contain a secret. */

typedef enum
{
  BP_SNIPPET_BOTO3,
  BP_SNIPPET_AWS_CLI,
  BP_SNIPPET_CURL,
} BpSnippetKind;

typedef enum
{
  BP_REQUEST_OPERATION_CONVERSE,
  BP_REQUEST_OPERATION_CONVERSE_STREAM,
  BP_REQUEST_OPERATION_INVOKE,
  BP_REQUEST_OPERATION_INVOKE_STREAM,
} BpRequestOperation;

typedef struct
{
  BpRequestOperation  operation;
  const char         *model_id;      /* as invoked: base id, profile id or ARN */
  const char         *region;
  const char         *endpoint_url;  /* (nullable) a custom endpoint; NULL for the regional one */
  GBytes             *body;          /* the exact JSON body sent */
  gboolean            bearer;        /* authenticated with a Bedrock API key */
} BpSnippetRequest;

const char *bp_request_operation_get_path_suffix (BpRequestOperation      operation);
char       *bp_request_snippet_get_path          (const BpSnippetRequest *request);
char       *bp_request_snippet_get_url           (const BpSnippetRequest *request);
char       *bp_request_snippet_build             (const BpSnippetRequest *request,
                                                  BpSnippetKind           kind);
char       *bp_shell_quote_single                (const char             *text);

G_END_DECLS
