/* bp-request-snippet.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-request-snippet"

#include "config.h"

#include <string.h>

#include "bp-request-snippet.h"
#include "bp-sigv4.h"

/**
 * bp_request_operation_get_path_suffix:
 * @operation: a runtime operation
 *
 * Returns: the last path segment of the operation, e.g. "converse-stream"
 */
const char *
bp_request_operation_get_path_suffix (BpRequestOperation operation)
{
  switch (operation)
    {
    case BP_REQUEST_OPERATION_CONVERSE:
      return "converse";
    case BP_REQUEST_OPERATION_CONVERSE_STREAM:
      return "converse-stream";
    case BP_REQUEST_OPERATION_INVOKE:
      return "invoke";
    case BP_REQUEST_OPERATION_INVOKE_STREAM:
      return "invoke-with-response-stream";
    default:
      g_return_val_if_reached ("converse");
    }
}

static gboolean
is_stream (BpRequestOperation operation)
{
  return operation == BP_REQUEST_OPERATION_CONVERSE_STREAM ||
         operation == BP_REQUEST_OPERATION_INVOKE_STREAM;
}

static gboolean
is_converse (BpRequestOperation operation)
{
  return operation == BP_REQUEST_OPERATION_CONVERSE ||
         operation == BP_REQUEST_OPERATION_CONVERSE_STREAM;
}

/**
 * bp_request_snippet_get_path:
 * @request: the request
 *
 * Returns: (transfer full): the path as sent on the wire: the model id is one
 *   path label, so ':' and '/' in it are percent-encoded
 */
char *
bp_request_snippet_get_path (const BpSnippetRequest *request)
{
  g_autofree char *model = NULL;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->model_id != NULL, NULL);

  model = bp_sigv4_uri_encode (request->model_id, FALSE);

  return g_strdup_printf ("/model/%s/%s", model,
                          bp_request_operation_get_path_suffix (request->operation));
}

static char *
endpoint_base (const BpSnippetRequest *request)
{
  if (request->endpoint_url != NULL && request->endpoint_url[0] != '\0')
    {
      gsize len = strlen (request->endpoint_url);

      while (len > 0 && request->endpoint_url[len - 1] == '/')
        len--;
      return g_strndup (request->endpoint_url, len);
    }

  return g_strdup_printf ("https://bedrock-runtime.%s.%s", request->region,
                          g_str_has_prefix (request->region, "cn-") ?
                            "amazonaws.com.cn" : "amazonaws.com");
}

/**
 * bp_request_snippet_get_url:
 * @request: the request
 *
 * Returns: (transfer full): the full URL the request goes to
 */
char *
bp_request_snippet_get_url (const BpSnippetRequest *request)
{
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  base = endpoint_base (request);
  path = bp_request_snippet_get_path (request);

  return g_strconcat (base, path, NULL);
}

/**
 * bp_shell_quote_single:
 * @text: any text
 *
 * Quotes @text for a POSIX shell with single quotes, so nothing inside is
 * expanded (unlike g_shell_quote(), it never adds a backslash-newline).
 *
 * Returns: (transfer full): the quoted text
 */
char *
bp_shell_quote_single (const char *text)
{
  GString *out = g_string_new ("'");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (out, "'\\''");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');

  return g_string_free (out, FALSE);
}

/* A Python string literal in single quotes that holds @text exactly. */
static char *
python_quote (const char *text)
{
  GString *out = g_string_new ("'");

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\'':
          g_string_append (out, "\\'");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '\'');

  return g_string_free (out, FALSE);
}

static char *
body_text (const BpSnippetRequest *request)
{
  gsize len = 0;
  const char *data = request->body ? g_bytes_get_data (request->body, &len) : NULL;

  return data ? g_strndup (data, len) : g_strdup ("{}");
}

static gboolean
body_has_image_blocks (const char *body)
{
  return strstr (body, "\"image\":{") != NULL;
}

static void
append_boto3_client (GString                *out,
                     const BpSnippetRequest *request)
{
  g_string_append_printf (out, "client = boto3.client(\"bedrock-runtime\", region_name=\"%s\"",
                          request->region);
  if (request->endpoint_url != NULL && request->endpoint_url[0] != '\0')
    g_string_append_printf (out, ",\n                      endpoint_url=\"%s\"", request->endpoint_url);
  g_string_append (out, ")\n");
}

static char *
build_boto3 (const BpSnippetRequest *request)
{
  g_autofree char *body = body_text (request);
  g_autofree char *quoted = python_quote (body);
  GString *out = g_string_new (NULL);

  g_string_append (out, "import json\n\nimport boto3\n\n");
  if (request->bearer)
    g_string_append (out, "# boto3 1.39 or later sends AWS_BEARER_TOKEN_BEDROCK from the environment.\n");
  append_boto3_client (out, request);
  g_string_append_printf (out, "body = json.loads(%s)\n", quoted);

  if (is_converse (request->operation) && body_has_image_blocks (body))
    g_string_append (out,
                     "\n# boto3 takes image bytes, not base64 text.\n"
                     "import base64\n"
                     "for message in body[\"messages\"]:\n"
                     "    for block in message[\"content\"]:\n"
                     "        if \"image\" in block:\n"
                     "            source = block[\"image\"][\"source\"]\n"
                     "            source[\"bytes\"] = base64.b64decode(source[\"bytes\"])\n");
  g_string_append_c (out, '\n');

  switch (request->operation)
    {
    case BP_REQUEST_OPERATION_CONVERSE:
      g_string_append_printf (out,
                              "response = client.converse(modelId=\"%s\", **body)\n"
                              "print(response[\"output\"][\"message\"][\"content\"][0][\"text\"])\n",
                              request->model_id);
      break;

    case BP_REQUEST_OPERATION_CONVERSE_STREAM:
      g_string_append_printf (out,
                              "response = client.converse_stream(modelId=\"%s\", **body)\n"
                              "for event in response[\"stream\"]:\n"
                              "    delta = event.get(\"contentBlockDelta\", {}).get(\"delta\", {})\n"
                              "    print(delta.get(\"text\", \"\"), end=\"\", flush=True)\n"
                              "print()\n",
                              request->model_id);
      break;

    case BP_REQUEST_OPERATION_INVOKE:
      g_string_append_printf (out,
                              "response = client.invoke_model(modelId=\"%s\", body=json.dumps(body))\n"
                              "print(json.dumps(json.loads(response[\"body\"].read()), indent=2))\n",
                              request->model_id);
      break;

    case BP_REQUEST_OPERATION_INVOKE_STREAM:
      g_string_append_printf (out,
                              "response = client.invoke_model_with_response_stream(\n"
                              "    modelId=\"%s\", body=json.dumps(body))\n"
                              "for event in response[\"body\"]:\n"
                              "    print(json.loads(event[\"chunk\"][\"bytes\"]))\n",
                              request->model_id);
      break;

    default:
      g_assert_not_reached ();
    }

  return g_string_free (out, FALSE);
}

static char *
build_aws_cli (const BpSnippetRequest *request)
{
  g_autofree char *body = body_text (request);
  g_autofree char *quoted_body = bp_shell_quote_single (body);
  g_autofree char *quoted_model = bp_shell_quote_single (request->model_id);
  GString *out = g_string_new (NULL);

  if (is_stream (request->operation))
    g_string_append (out, "# The AWS CLI prints the whole reply at the end; it does not stream.\n");
  if (request->bearer)
    g_string_append (out, "# AWS CLI 2.27 or later sends AWS_BEARER_TOKEN_BEDROCK from the environment.\n");

  if (is_converse (request->operation))
    g_string_append_printf (out, "aws bedrock-runtime converse \\\n"
                                 "  --region %s \\\n", request->region);
  else
    g_string_append_printf (out, "aws bedrock-runtime invoke-model \\\n"
                                 "  --region %s \\\n", request->region);

  if (request->endpoint_url != NULL && request->endpoint_url[0] != '\0')
    {
      g_autofree char *quoted_url = bp_shell_quote_single (request->endpoint_url);

      g_string_append_printf (out, "  --endpoint-url %s \\\n", quoted_url);
    }

  g_string_append_printf (out, "  --model-id %s \\\n", quoted_model);

  if (is_converse (request->operation))
    g_string_append_printf (out, "  --cli-input-json %s\n", quoted_body);
  else
    g_string_append_printf (out,
                            "  --content-type application/json \\\n"
                            "  --accept application/json \\\n"
                            "  --cli-binary-format raw-in-base64-out \\\n"
                            "  --body %s \\\n"
                            "  response.json\n",
                            quoted_body);

  return g_string_free (out, FALSE);
}

static char *
build_curl (const BpSnippetRequest *request)
{
  g_autofree char *body = body_text (request);
  g_autofree char *quoted_body = bp_shell_quote_single (body);
  g_autofree char *url = bp_request_snippet_get_url (request);
  g_autofree char *quoted_url = bp_shell_quote_single (url);
  GString *out = g_string_new (NULL);

  if (!request->bearer)
    g_string_append (out, "# curl 8.9 or later: older versions sign paths with %3A wrongly.\n");
  if (is_stream (request->operation))
    g_string_append (out, "# The reply is a binary AWS event stream, saved to reply.eventstream.\n");

  g_string_append (out, "curl --silent --show-error \\\n");
  if (request->bearer)
    g_string_append (out, "  -H \"Authorization: Bearer $AWS_BEARER_TOKEN_BEDROCK\" \\\n");
  else
    g_string_append_printf (out,
                            "  --aws-sigv4 'aws:amz:%s:bedrock' \\\n"
                            "  --user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" \\\n"
                            "  ${AWS_SESSION_TOKEN:+-H \"x-amz-security-token: $AWS_SESSION_TOKEN\"} \\\n",
                            request->region);
  g_string_append (out, "  -H 'Content-Type: application/json' \\\n");
  if (request->operation == BP_REQUEST_OPERATION_INVOKE_STREAM)
    g_string_append (out, "  -H 'X-Amzn-Bedrock-Accept: application/json' \\\n");
  else if (request->operation == BP_REQUEST_OPERATION_INVOKE)
    g_string_append (out, "  -H 'Accept: application/json' \\\n");
  if (is_stream (request->operation))
    g_string_append (out, "  --no-buffer --output reply.eventstream \\\n");
  g_string_append_printf (out, "  --data-raw %s \\\n", quoted_body);
  g_string_append_printf (out, "  %s\n", quoted_url);

  return g_string_free (out, FALSE);
}

/**
 * bp_request_snippet_build:
 * @request: the request that was sent
 * @kind: what to build
 *
 * Builds code that sends the same request: a boto3 program, an AWS CLI
 * command or a curl command. Credentials come from the environment variables
 * the AWS tools read; no secret is ever part of a snippet.
 *
 * Returns: (transfer full): the snippet
 */
char *
bp_request_snippet_build (const BpSnippetRequest *request,
                          BpSnippetKind           kind)
{
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->model_id != NULL, NULL);
  g_return_val_if_fail (request->region != NULL, NULL);

  switch (kind)
    {
    case BP_SNIPPET_BOTO3:
      return build_boto3 (request);
    case BP_SNIPPET_AWS_CLI:
      return build_aws_cli (request);
    case BP_SNIPPET_CURL:
      return build_curl (request);
    default:
      g_return_val_if_reached (NULL);
    }
}
