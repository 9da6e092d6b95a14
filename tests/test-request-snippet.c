/* test-request-snippet.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "bp-request-snippet.h"
#include "bp-test-utils.h"

/* A body with everything a quoting bug trips over: quotes of both kinds, a
 * backslash, a dollar sign, backticks, a newline escape and Korean text. */
#define TRICKY_BODY \
  "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"It's \\\"$HOME\\\" `id` \\\\ \\n 안녕\"}]}]," \
  "\"inferenceConfig\":{\"maxTokens\":256}}"

static BpSnippetRequest
make_request (BpRequestOperation  operation,
              const char         *model_id,
              GBytes             *body)
{
  BpSnippetRequest request = {
    .operation = operation,
    .model_id = model_id,
    .region = "us-east-1",
    .endpoint_url = NULL,
    .body = body,
    .bearer = FALSE,
  };

  return request;
}

static void
test_path_encoding (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  BpSnippetRequest request;
  g_autofree char *path1 = NULL;
  g_autofree char *path2 = NULL;
  g_autofree char *url = NULL;

  request = make_request (BP_REQUEST_OPERATION_CONVERSE_STREAM,
                          "us.anthropic.claude-haiku-4-5-20251001-v1:0", body);
  path1 = bp_request_snippet_get_path (&request);
  g_assert_cmpstr (path1, ==, "/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse-stream");

  request = make_request (BP_REQUEST_OPERATION_INVOKE,
                          "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abcd1234", body);
  path2 = bp_request_snippet_get_path (&request);
  g_assert_cmpstr (path2, ==,
                   "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabcd1234/invoke");

  request.region = "cn-north-1";
  url = bp_request_snippet_get_url (&request);
  g_assert_true (g_str_has_prefix (url, "https://bedrock-runtime.cn-north-1.amazonaws.com.cn/model/"));
}

static char *
run_capture (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) out = NULL;
  gsize len;
  const char *data;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));

  data = g_bytes_get_data (out, &len);
  return data != NULL ? g_strndup (data, len) : g_strdup ("");
}

static void
test_shell_quote_round_trip (void)
{
  const char *samples[] = { TRICKY_BODY, "", "'", "''", "a'b'c", "$(rm -rf /)", "\\'" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *quoted = bp_shell_quote_single (samples[i]);
      g_autofree char *script = g_strdup_printf ("printf %%s %s", quoted);
      const char *argv[] = { "/bin/sh", "-c", script, NULL };
      g_autofree char *echoed = run_capture (argv);

      g_assert_cmpstr (echoed, ==, samples[i]);
    }
}

static void
test_curl_sigv4 (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static (TRICKY_BODY, strlen (TRICKY_BODY));
  BpSnippetRequest request = make_request (BP_REQUEST_OPERATION_CONVERSE,
                                           "anthropic.claude-3-haiku-20240307-v1:0", body);
  g_autofree char *snippet = bp_request_snippet_build (&request, BP_SNIPPET_CURL);
  g_autofree char *quoted = bp_shell_quote_single (TRICKY_BODY);
  g_autofree char *data_line = g_strdup_printf ("  --data-raw %s \\\n", quoted);

  g_assert_true (g_str_has_prefix (snippet, "# curl 8.9 or later"));
  g_assert_nonnull (strstr (snippet, "--aws-sigv4 'aws:amz:us-east-1:bedrock'"));
  g_assert_nonnull (strstr (snippet, "--user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\""));
  g_assert_nonnull (strstr (snippet, "x-amz-security-token: $AWS_SESSION_TOKEN"));
  g_assert_nonnull (strstr (snippet, data_line));
  g_assert_true (g_str_has_suffix (snippet,
                                   "  'https://bedrock-runtime.us-east-1.amazonaws.com"
                                   "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse'\n"));
  g_assert_null (strstr (snippet, "Bearer"));
}

static void
test_curl_bearer_stream (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  BpSnippetRequest request = make_request (BP_REQUEST_OPERATION_INVOKE_STREAM,
                                           "meta.llama3-1-8b-instruct-v1:0", body);
  g_autofree char *snippet = NULL;

  request.bearer = TRUE;
  request.endpoint_url = "http://127.0.0.1:8080/";
  snippet = bp_request_snippet_build (&request, BP_SNIPPET_CURL);

  g_assert_nonnull (strstr (snippet, "-H \"Authorization: Bearer $AWS_BEARER_TOKEN_BEDROCK\""));
  g_assert_nonnull (strstr (snippet, "X-Amzn-Bedrock-Accept: application/json"));
  g_assert_nonnull (strstr (snippet, "--output reply.eventstream"));
  g_assert_null (strstr (snippet, "--aws-sigv4"));
  g_assert_nonnull (strstr (snippet,
                            "'http://127.0.0.1:8080/model/meta.llama3-1-8b-instruct-v1%3A0/invoke-with-response-stream'"));
}

static void
test_aws_cli (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static (TRICKY_BODY, strlen (TRICKY_BODY));
  BpSnippetRequest request = make_request (BP_REQUEST_OPERATION_CONVERSE_STREAM,
                                           "amazon.nova-lite-v1:0", body);
  g_autofree char *converse = bp_request_snippet_build (&request, BP_SNIPPET_AWS_CLI);
  g_autofree char *invoke = NULL;
  g_autofree char *quoted = bp_shell_quote_single (TRICKY_BODY);

  g_assert_true (g_str_has_prefix (converse, "# The AWS CLI prints the whole reply"));
  g_assert_nonnull (strstr (converse, "aws bedrock-runtime converse \\\n  --region us-east-1 \\\n"
                                      "  --model-id 'amazon.nova-lite-v1:0' \\\n"));
  g_assert_nonnull (strstr (converse, quoted));

  request.operation = BP_REQUEST_OPERATION_INVOKE;
  request.endpoint_url = "https://vpce.example.com";
  invoke = bp_request_snippet_build (&request, BP_SNIPPET_AWS_CLI);
  g_assert_true (g_str_has_prefix (invoke, "aws bedrock-runtime invoke-model \\\n"));
  g_assert_nonnull (strstr (invoke, "--endpoint-url 'https://vpce.example.com'"));
  g_assert_nonnull (strstr (invoke, "--cli-binary-format raw-in-base64-out"));
  g_assert_true (g_str_has_suffix (invoke, "  response.json\n"));
}

/* The Python literal must give back exactly the JSON that was sent. */
static void
test_boto3_body_literal (void)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autoptr(GBytes) body = g_bytes_new_static (TRICKY_BODY, strlen (TRICKY_BODY));
  BpSnippetRequest request = make_request (BP_REQUEST_OPERATION_CONVERSE,
                                           "anthropic.claude-3-haiku-20240307-v1:0", body);
  g_autofree char *snippet = bp_request_snippet_build (&request, BP_SNIPPET_BOTO3);
  g_autofree char *body_line = NULL;
  g_autofree char *script = NULL;
  g_autofree char *printed = NULL;
  const char *start;
  const char *end;

  g_assert_nonnull (strstr (snippet, "client = boto3.client(\"bedrock-runtime\", region_name=\"us-east-1\")\n"));
  g_assert_nonnull (strstr (snippet, "client.converse(modelId=\"anthropic.claude-3-haiku-20240307-v1:0\", **body)"));
  g_assert_null (strstr (snippet, "b64decode"));

  if (python == NULL)
    {
      g_test_skip ("python3 is not installed");
      return;
    }

  start = strstr (snippet, "body = json.loads(");
  g_assert_nonnull (start);
  end = strchr (start, '\n');
  body_line = g_strndup (start, end - start);
  script = g_strdup_printf ("import json, sys\n%s\nsys.stdout.write(json.dumps(body, ensure_ascii=False, separators=(',', ':')))\n",
                            body_line);

  {
    const char *argv[] = { python, "-c", script, NULL };

    printed = run_capture (argv);
  }
  g_assert_cmpstr (printed, ==, TRICKY_BODY);
}

static void
test_boto3_images_and_streams (void)
{
  static const char image_body[] =
    "{\"messages\":[{\"role\":\"user\",\"content\":[{\"image\":{\"format\":\"png\","
    "\"source\":{\"bytes\":\"iVBORw0KGgo=\"}}},{\"text\":\"What is this?\"}]}]}";
  g_autoptr(GBytes) body = g_bytes_new_static (image_body, strlen (image_body));
  BpSnippetRequest request = make_request (BP_REQUEST_OPERATION_CONVERSE_STREAM,
                                           "amazon.nova-lite-v1:0", body);
  g_autofree char *stream = bp_request_snippet_build (&request, BP_SNIPPET_BOTO3);
  g_autofree char *invoke = NULL;

  g_assert_nonnull (strstr (stream, "base64.b64decode(source[\"bytes\"])"));
  g_assert_nonnull (strstr (stream, "client.converse_stream(modelId=\"amazon.nova-lite-v1:0\", **body)"));

  request.operation = BP_REQUEST_OPERATION_INVOKE_STREAM;
  request.bearer = TRUE;
  request.endpoint_url = "http://127.0.0.1:8080";
  invoke = bp_request_snippet_build (&request, BP_SNIPPET_BOTO3);
  g_assert_nonnull (strstr (invoke, "AWS_BEARER_TOKEN_BEDROCK"));
  g_assert_nonnull (strstr (invoke, "endpoint_url=\"http://127.0.0.1:8080\""));
  g_assert_nonnull (strstr (invoke, "invoke_model_with_response_stream("));
  g_assert_null (strstr (invoke, "b64decode"));
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/request-snippet/path-encoding", test_path_encoding);
  g_test_add_func ("/bp/request-snippet/shell-quote", test_shell_quote_round_trip);
  g_test_add_func ("/bp/request-snippet/curl-sigv4", test_curl_sigv4);
  g_test_add_func ("/bp/request-snippet/curl-bearer-stream", test_curl_bearer_stream);
  g_test_add_func ("/bp/request-snippet/aws-cli", test_aws_cli);
  g_test_add_func ("/bp/request-snippet/boto3-body-literal", test_boto3_body_literal);
  g_test_add_func ("/bp/request-snippet/boto3-images-streams", test_boto3_images_and_streams);

  return g_test_run ();
}
