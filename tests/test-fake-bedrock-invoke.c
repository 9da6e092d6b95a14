/* test-fake-bedrock-invoke.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "bp-fake-client.h"
#include "bp-test-utils.h"

/* The fake Bedrock server's InvokeModel for every model family, its
 * control plane (foundation models, inference profiles), the request log
 * and the environment it hands out, CountTokens and model access,
 * driven by a plain SoupSession and the real signer (bp-fake-client.c).
 * Authentication and the runtime operations are in test-fake-bedrock.c. */

#define HAIKU_3        "anthropic.claude-3-haiku-20240307-v1%3A0"
#define HAIKU_45       "anthropic.claude-haiku-4-5-20251001-v1%3A0"
#define US_HAIKU_45    "us.anthropic.claude-haiku-4-5-20251001-v1%3A0"

typedef BpFakeClient Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  bp_fake_client_init (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  bp_fake_client_clear (f);
}

/* InvokeModel per family */

typedef struct
{
  const char *model;
  const char *body;
  const char *text_path;
} FamilyCase;

static const FamilyCase families[] = {
  { HAIKU_3, "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":200,"
    "\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}", "$.content[0].text" },
  { "anthropic.claude-v2%3A1", "{\"prompt\":\"\\n\\nHuman: hi there\\n\\nAssistant:\","
    "\"max_tokens_to_sample\":200}", "$.completion" },
  { "meta.llama3-1-8b-instruct-v1%3A0", "{\"prompt\":\"<|begin_of_text|><|start_header_id|>user"
    "<|end_header_id|>\\n\\nhi there<|eot_id|><|start_header_id|>assistant<|end_header_id|>\\n\\n\","
    "\"max_gen_len\":200}", "$.generation" },
  { "amazon.titan-text-express-v1", "{\"inputText\":\"User: hi there\\nBot:\","
    "\"textGenerationConfig\":{\"maxTokenCount\":200}}", "$.results[0].outputText" },
  { "amazon.nova-lite-v1%3A0", "{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\","
    "\"content\":[{\"text\":\"hi there\"}]}],\"inferenceConfig\":{\"maxTokens\":200}}",
    "$.output.message.content[0].text" },
  { "mistral.mistral-7b-instruct-v0%3A2", "{\"prompt\":\"<s>[INST] hi there [/INST]\","
    "\"max_tokens\":200}", "$.outputs[0].text" },
  { "mistral.mistral-large-2407-v1%3A0", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}],"
    "\"max_tokens\":200}", "$.choices[0].message.content" },
  { "cohere.command-r-v1%3A0", "{\"message\":\"hi there\",\"max_tokens\":200}", "$.text" },
};

/* The text piece of one decoded stream chunk, per family. */
static const char *
chunk_paths[] = {
  "$.delta.text", "$.completion", "$.generation", "$.outputText",
  "$.contentBlockDelta.delta.text", "$.outputs[0].text", "$.choices[0].message.content", "$.text",
};

static void
test_invoke_family (Fixture       *f,
                    gconstpointer  data)
{
  guint index = GPOINTER_TO_UINT (data);
  const FamilyCase *family = &families[index];
  g_autofree char *path = g_strdup_printf ("/model/%s/invoke", family->model);
  g_autofree char *stream_path = g_strdup_printf ("/model/%s/invoke-with-response-stream",
                                                  family->model);
  g_autoptr(SoupMessage) msg = bp_fake_client_new_message (f, "POST", path, family->body, NULL);
  g_autoptr(GBytes) bytes = bp_fake_client_send (f, msg, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_auto(BpFakeStreamResult) stream = { 0 };
  g_autoptr(GString) streamed = g_string_new (NULL);
  g_autoptr(JsonObject) metrics = NULL;
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  root = bp_fake_json_parse (bytes);
  text = bp_fake_json_string (root, family->text_path);
  g_assert_true (g_str_has_prefix (g_strchug (text), "Hello! You said: hi there. "));
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Amzn-Bedrock-Output-Token-Count"), ==,
                   "24");
  g_assert_nonnull (soup_message_headers_get_one (headers, "X-Amzn-Bedrock-Input-Token-Count"));
  g_assert_nonnull (soup_message_headers_get_one (headers, "X-Amzn-Bedrock-Invocation-Latency"));

  bp_fake_client_open_stream (f, stream_path, family->body, &stream);
  g_assert_no_error (stream.transport_error);
  g_assert_no_error (stream.decode_error);
  g_assert_cmpuint (stream.events->len, >, 24);

  for (guint i = 0; i < stream.events->len; i++)
    {
      g_autoptr(JsonNode) payload = bp_fake_stream_result_payload (&stream, i);
      g_autoptr(JsonNode) inner = bp_fake_stream_result_chunk (&stream, i);
      g_autoptr(JsonNode) piece = bp_fake_json_query (inner, chunk_paths[index]);

      g_assert_cmpstr (bp_fake_stream_result_event_type (&stream, i), ==, "chunk");
      g_assert_true (bp_fake_json_has (payload, "$.p"));
      if (piece != NULL && JSON_NODE_HOLDS_VALUE (piece))
        g_string_append (streamed, json_node_get_string (piece));
      if (i == stream.events->len - 1)
        {
          JsonObject *object = json_node_get_object (inner);

          g_assert_true (json_object_has_member (object, "amazon-bedrock-invocationMetrics"));
          metrics = json_object_ref (json_object_get_object_member (object,
                                                                    "amazon-bedrock-invocationMetrics"));
        }
    }

  g_assert_cmpstr (g_strchug (streamed->str), ==, text);
  g_assert_cmpint (json_object_get_int_member (metrics, "outputTokenCount"), ==, 24);
  g_assert_cmpint (json_object_get_int_member (metrics, "inputTokenCount"), ==,
                   g_ascii_strtoll (soup_message_headers_get_one (headers,
                                                                  "X-Amzn-Bedrock-Input-Token-Count"),
                                    NULL, 10));
}

static void
test_invoke_validation (Fixture       *f,
                        gconstpointer  data)
{
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/invoke",
                               "{\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", NULL,
                               400, "ValidationException", "Malformed input request: #: required key "
                               "[anthropic_version] not found");
  bp_fake_client_assert_error (f, "/model/anthropic.claude-v2%3A1/invoke",
                               "{\"prompt\":\"Say hi\",\"max_tokens_to_sample\":10}", NULL,
                               400, "ValidationException", "Invalid prompt: prompt must start with");
  bp_fake_client_assert_error (f, "/model/anthropic.claude-v2%3A1/invoke",
                               "{\"prompt\":\"\\n\\nHuman: hi\",\"max_tokens_to_sample\":10}", NULL,
                               400, "ValidationException", "Invalid prompt: prompt must end with");
  bp_fake_client_assert_error (f, "/model/meta.llama3-70b-instruct-v1%3A0/invoke",
                               "{\"prompt\":\"hi\",\"max_gen_len\":4096}", NULL,
                               400, "ValidationException", "Malformed input request: #/max_gen_len");
  bp_fake_client_assert_error (f, "/model/" US_HAIKU_45 "/invoke",
                               "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,\"temperature\":0.5,"
                               "\"top_p\":0.5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", NULL,
                               400, "ValidationException", "The model returned the following errors: `temperature`");
}

static void
test_invoke_anthropic_stream_shape (Fixture       *f,
                                    gconstpointer  data)
{
  g_auto(BpFakeStreamResult) stream = { 0 };
  const char *expected[] = {
    "message_start", "content_block_start", "content_block_delta", "content_block_delta",
  };
  const char *tail[] = { "content_block_stop", "message_delta", "message_stop" };
  guint n;

  bp_fake_client_open_stream (f, "/model/" HAIKU_3 "/invoke-with-response-stream", families[0].body,
                              &stream);
  n = stream.events->len;
  g_assert_cmpuint (n, ==, 24 + 5);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonNode) inner = bp_fake_stream_result_chunk (&stream, i);
      g_autofree char *type = bp_fake_json_string (inner, "$.type");

      if (i < G_N_ELEMENTS (expected))
        g_assert_cmpstr (type, ==, expected[i]);
      if (i >= n - G_N_ELEMENTS (tail))
        g_assert_cmpstr (type, ==, tail[i - (n - G_N_ELEMENTS (tail))]);
    }
}

/* Control plane */

static guint
count_models (Fixture    *f,
              const char *query_string_)
{
  g_autofree char *path = g_strconcat ("/foundation-models", query_string_, NULL);
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "GET", path, NULL, NULL, 200);
  g_autoptr(JsonNode) list = bp_fake_json_query (root, "$.modelSummaries");

  return json_array_get_length (json_node_get_array (list));
}

static guint
count_legacy (JsonNode *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) matches = json_path_query ("$.modelSummaries[*].modelLifecycle.status",
                                                 root, &error);
  JsonArray *array = json_node_get_array (matches);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (array); i++)
    n += g_strcmp0 (json_array_get_string_element (array, i), "LEGACY") == 0;

  return n;
}

static void
test_control_foundation_models (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "GET", "/foundation-models", NULL, NULL,
                                                       200);
  g_autoptr(JsonNode) statuses = bp_fake_json_query (root,
                                                     "$.modelSummaries[*].modelLifecycle.status");
  g_autoptr(JsonNode) haiku = bp_fake_client_call_json (f, "GET",
                                                        "/foundation-models/anthropic.claude-haiku-4-5-20251001-v1%3A0",
                                                        NULL, NULL, 200);
  g_autoptr(JsonNode) types = bp_fake_json_query (haiku, "$.modelDetails.inferenceTypesSupported");
  JsonArray *array = json_node_get_array (types);
  guint all = count_models (f, "");
  guint anthropic = count_models (f, "?byProvider=Anthropic");
  guint images = count_models (f, "?byOutputModality=IMAGE");
  guint on_demand = count_models (f, "?byInferenceType=ON_DEMAND");
  guint mistral = count_models (f, "?byProvider=Mistral%20AI&byOutputModality=TEXT");

  g_assert_cmpuint (all, ==, 20);
  g_assert_cmpuint (anthropic, ==, 5);
  g_assert_cmpuint (images, ==, 6);
  g_assert_cmpuint (on_demand, ==, 17);
  g_assert_cmpuint (mistral, ==, 2);
  g_assert_nonnull (statuses);
  g_assert_cmpstr (json_node_get_string (statuses), ==, "ACTIVE");
  g_assert_cmpuint (count_legacy (root), ==, 1);

  /* Haiku 4.5 runs only through a profile. */
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "INFERENCE_PROFILE");

  bp_fake_client_assert_error (f, "/foundation-models?byOutputModality=SMELL", NULL, NULL, 400,
                               "ValidationException", "1 validation error detected");
}

static void
test_control_inference_profiles (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(JsonNode) first = bp_fake_client_call_json (f, "GET", "/inference-profiles", NULL, NULL,
                                                        200);
  g_autofree char *token = bp_fake_json_string (first, "$.nextToken");
  g_autofree char *path = g_strdup_printf ("/inference-profiles?nextToken=%s", token);
  g_autoptr(JsonNode) second = bp_fake_client_call_json (f, "GET", path, NULL, NULL, 200);
  g_autoptr(JsonNode) apps = bp_fake_client_call_json (f, "GET",
                                                       "/inference-profiles?type=APPLICATION", NULL, NULL, 200);
  g_autoptr(JsonNode) small = bp_fake_client_call_json (f, "GET",
                                                        "/inference-profiles?maxResults=5&type=SYSTEM_DEFINED",
                                                        NULL, NULL, 200);
  g_autoptr(JsonNode) list1 = bp_fake_json_query (first, "$.inferenceProfileSummaries");
  g_autoptr(JsonNode) list2 = bp_fake_json_query (second, "$.inferenceProfileSummaries");
  g_autoptr(JsonNode) list3 = bp_fake_json_query (apps, "$.inferenceProfileSummaries");
  g_autoptr(JsonNode) list4 = bp_fake_json_query (small, "$.inferenceProfileSummaries");
  g_autofree char *type = bp_fake_json_string (apps, "$.inferenceProfileSummaries[0].type");
  g_autofree char *arn = bp_fake_json_string (first,
                                              "$.inferenceProfileSummaries[0].inferenceProfileArn");

  /* Two pages by default. */
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list1)), ==, 6);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list2)), ==, 6);
  g_assert_false (bp_fake_json_has (second, "$.nextToken"));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list3)), ==, 1);
  g_assert_cmpstr (type, ==, "APPLICATION");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list4)), ==, 5);
  g_assert_true (bp_fake_json_has (small, "$.nextToken"));
  g_assert_true (g_str_has_prefix (arn,
                                   "arn:aws:bedrock:us-east-1:123456789012:inference-profile/"));
  g_assert_cmpuint (bp_fake_json_array_length (first, "$.inferenceProfileSummaries[0].models"), ==,
                    3);

  bp_fake_client_assert_error (f, "/inference-profiles?nextToken=bogus", NULL, NULL, 400,
                               "ValidationException",
                               "The pagination token is invalid.");
  bp_fake_client_assert_error (f, "/inference-profiles?maxResults=0", NULL, NULL, 400,
                               "ValidationException",
                               "1 validation error detected");
}

static void
test_control_unknown (Fixture       *f,
                      gconstpointer  data)
{
  bp_fake_client_assert_error (f, "/nothing-here", "{}", NULL, 404, "UnknownOperationException",
                               "Unknown operation.");
  /* An unencoded '/' splits the label: no such operation. */
  bp_fake_client_assert_error (f, "/model/arn:aws:bedrock:us-east-1::foundation-model/x/converse",
                               "{}", NULL, 404,
                               "UnknownOperationException", "Unknown operation.");
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_UNKNOWN), ==, 2);
}

/* Statistics */

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("count me");

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonNode) root = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse",
                                                           body, NULL, 200);
    }
  g_assert_cmpuint (bp_fake_bedrock_get_n_requests (f->fake), ==, 3);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_CONVERSE), ==, 3);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_INVOKE_MODEL), ==, 0);

  bp_fake_bedrock_set_log_limit (f->fake, 2);
  g_assert_cmpuint (bp_fake_bedrock_get_n_requests (f->fake), ==, 2);
  bp_fake_bedrock_reset_stats (f->fake);
  g_assert_cmpuint (bp_fake_bedrock_get_n_requests (f->fake), ==, 0);
  g_assert_null (bp_fake_bedrock_get_last_request (f->fake));
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, NULL), ==, 0);
}

static void
test_environ (Fixture       *f,
              gconstpointer  data)
{
  g_auto(GStrv) envp = NULL;

  bp_fake_bedrock_set_bearer_token (f->fake, "tok");
  envp = bp_fake_bedrock_get_environ (f->fake);
  g_assert_cmpstr (g_environ_getenv (envp, "AWS_ENDPOINT_URL"), ==,
                   bp_fake_bedrock_get_url (f->fake));
  g_assert_cmpstr (g_environ_getenv (envp, "AWS_ACCESS_KEY_ID"), ==, "AKIDEXAMPLE");
  g_assert_cmpstr (g_environ_getenv (envp, "AWS_REGION"), ==, "us-east-1");
  g_assert_cmpstr (g_environ_getenv (envp, "AWS_BEARER_TOKEN_BEDROCK"), ==, "tok");
  g_assert_null (g_environ_getenv (envp, "AWS_SESSION_TOKEN"));
  g_assert_true (g_str_has_prefix (bp_fake_bedrock_get_url (f->fake), "http://127.0.0.1:"));
}

/* CountTokens */

static void
test_count_tokens (Fixture       *f,
                   gconstpointer  data)
{
  const char *converse = "{\"input\":{\"converse\":{\"messages\":[{\"role\":\"user\",\"content\":"
                         "[{\"text\":\"one two three\"}]}],\"system\":[{\"text\":\"be brief\"}]}}}";
  const char *native = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,"
                       "\"messages\":[{\"role\":\"user\",\"content\":\"four five six seven\"}]}";
  g_autofree char *base64 = g_base64_encode ((const guchar *) native, strlen (native));
  g_autofree char *invoke = g_strdup_printf ("{\"input\":{\"invokeModel\":{\"body\":\"%s\"}}}",
                                             base64);
  g_autoptr(JsonNode) a = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/count-tokens",
                                                    converse, NULL, 200);
  g_autoptr(JsonNode) b = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/count-tokens",
                                                    invoke, NULL, 200);

  g_assert_cmpint (bp_fake_json_int (a, "$.inputTokens"), ==, 5);
  g_assert_cmpint (bp_fake_json_int (b, "$.inputTokens"), ==, 4);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_COUNT_TOKENS), ==, 2);

  /* Only Anthropic's models count tokens; the others say so. */
  bp_fake_client_assert_error (f, "/model/amazon.nova-lite-v1%3A0/count-tokens", converse, NULL,
                               400, "ValidationException",
                               "The provided model doesn't support counting tokens.");
}

/* Model access */

static void
assert_availability (Fixture      *f,
                     BpFakeAccess  access,
                     const char   *agreement,
                     const char   *authorization,
                     const char   *entitlement,
                     const char   *region)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *model_id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *authorized = NULL;
  g_autofree char *entitled = NULL;
  g_autofree char *in_region = NULL;

  bp_fake_bedrock_set_model_access (f->fake, "anthropic.claude-3-haiku-20240307-v1:0", access);
  g_assert_cmpint (bp_fake_bedrock_get_model_access (f->fake, "anthropic.claude-3-haiku-20240307-v1:0"),
                   ==, access);
  root = bp_fake_client_call_json (f, "GET", "/foundation-model-availability/" HAIKU_3, NULL, NULL, 200);
  model_id = bp_fake_json_string (root, "$.modelId");
  status = bp_fake_json_string (root, "$.agreementAvailability.status");
  authorized = bp_fake_json_string (root, "$.authorizationStatus");
  entitled = bp_fake_json_string (root, "$.entitlementAvailability");
  in_region = bp_fake_json_string (root, "$.regionAvailability");

  g_assert_cmpstr (model_id, ==, "anthropic.claude-3-haiku-20240307-v1:0");
  g_assert_cmpstr (status, ==, agreement);
  g_assert_cmpstr (authorized, ==, authorization);
  g_assert_cmpstr (entitled, ==, entitlement);
  g_assert_cmpstr (in_region, ==, region);
}

static void
test_availability_answers (Fixture       *f,
                           gconstpointer  data)
{
  const BpFakeRequest *request;

  assert_availability (f, BP_FAKE_ACCESS_AUTHORIZED, "AVAILABLE", "AUTHORIZED", "AVAILABLE", "AVAILABLE");
  request = bp_fake_bedrock_get_last_request (f->fake);
  g_assert_cmpstr (request->operation, ==, BP_FAKE_OP_GET_MODEL_AVAILABILITY);
  g_assert_cmpstr (request->method, ==, "GET");
  g_assert_cmpstr (request->path, ==, "/foundation-model-availability/" HAIKU_3);
  g_assert_cmpstr (request->model_id, ==, "anthropic.claude-3-haiku-20240307-v1:0");

  assert_availability (f, BP_FAKE_ACCESS_NOT_AUTHORIZED,
                       "NOT_AVAILABLE", "NOT_AUTHORIZED", "NOT_AVAILABLE", "AVAILABLE");
  assert_availability (f, BP_FAKE_ACCESS_AGREEMENT_PENDING,
                       "PENDING", "AUTHORIZED", "NOT_AVAILABLE", "AVAILABLE");
  assert_availability (f, BP_FAKE_ACCESS_NOT_IN_REGION,
                       "NOT_AVAILABLE", "AUTHORIZED", "NOT_AVAILABLE", "NOT_AVAILABLE");
  assert_availability (f, BP_FAKE_ACCESS_AUTHORIZED, "AVAILABLE", "AUTHORIZED", "AVAILABLE", "AVAILABLE");
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_GET_MODEL_AVAILABILITY), ==, 5);

  /* Base ids only; unsigned requests are refused as everywhere. */
  bp_fake_client_assert_error (f, "/foundation-model-availability/acme.unknown-v1%3A0", NULL, NULL,
                               404, "ResourceNotFoundException",
                               "The specified model identifier could not be found.");
  bp_fake_client_assert_error (f, "/foundation-model-availability/" US_HAIKU_45, NULL, NULL,
                               404, "ResourceNotFoundException", "The specified model");
  bp_fake_client_assert_error (f, "/foundation-model-availability/" HAIKU_3, NULL,
                               &(BpFakeAuth) { BP_FAKE_AUTH_NONE }, 403,
                               "MissingAuthenticationTokenException", "");
}

static void
test_availability_runtime (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *body = bp_fake_converse_body ("Hello");
  static const char * const paths[] = {
    "/model/" HAIKU_3 "/converse", "/model/" HAIKU_3 "/converse-stream",
    "/model/" HAIKU_3 "/invoke", "/model/" HAIKU_3 "/invoke-with-response-stream",
    "/model/us.anthropic.claude-3-haiku-20240307-v1%3A0/converse",
    "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A%3Afoundation-model%2F" HAIKU_3 "/converse",
  };
  g_autoptr(JsonNode) other = NULL;
  g_autoptr(JsonNode) again = NULL;

  /* Every runtime operation, by base id, profile id and ARN. */
  bp_fake_bedrock_set_model_access (f->fake, "anthropic.claude-3-haiku-20240307-v1:0",
                                    BP_FAKE_ACCESS_NOT_AUTHORIZED);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_test_message ("%s", paths[i]);
      bp_fake_client_assert_error (f, paths[i], body, NULL, 403, "AccessDeniedException",
                                   "You don't have access to the model with the specified model ID.");
    }
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/count-tokens",
                               "{\"input\":{\"converse\":{\"messages\":[]}}}", NULL, 403,
                               "AccessDeniedException", "You don't have access");

  /* Other models are not affected. */
  other = bp_fake_client_call_json (f, "POST", "/model/amazon.nova-lite-v1%3A0/converse", body,
                                    NULL, 200);

  bp_fake_bedrock_set_model_access (f->fake, "anthropic.claude-3-haiku-20240307-v1:0",
                                    BP_FAKE_ACCESS_AGREEMENT_PENDING);
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, NULL, 403,
                               "AccessDeniedException", "You don't have access");

  bp_fake_bedrock_set_model_access (f->fake, "anthropic.claude-3-haiku-20240307-v1:0",
                                    BP_FAKE_ACCESS_NOT_IN_REGION);
  bp_fake_client_assert_error (f, "/model/" HAIKU_3 "/converse", body, NULL, 400,
                               "ValidationException", "The provided model identifier is invalid.");

  bp_fake_bedrock_set_model_access (f->fake, "anthropic.claude-3-haiku-20240307-v1:0",
                                    BP_FAKE_ACCESS_AUTHORIZED);
  again = bp_fake_client_call_json (f, "POST", "/model/" HAIKU_3 "/converse", body, NULL, 200);
}

static void
test_operation_denied (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) answer = NULL;

  bp_fake_bedrock_set_operation_denied (f->fake, BP_FAKE_OP_GET_MODEL_AVAILABILITY, TRUE);
  bp_fake_client_assert_error (f, "/foundation-model-availability/" HAIKU_3, NULL, NULL, 403,
                               "AccessDeniedException",
                               "User: arn:aws:iam::123456789012:user/fake-bedrock is not authorized "
                               "to perform: bedrock:GetFoundationModelAvailability");
  g_assert_cmpuint (bp_fake_bedrock_get_last_request (f->fake)->status, ==, 403);
  list = bp_fake_client_call_json (f, "GET", "/foundation-models", NULL, NULL, 200);

  bp_fake_bedrock_set_operation_denied (f->fake, BP_FAKE_OP_GET_MODEL_AVAILABILITY, FALSE);
  answer = bp_fake_client_call_json (f, "GET", "/foundation-model-availability/" HAIKU_3, NULL,
                                     NULL, 200);
}

#define ADD(path, func) \
  g_test_add ("/bp/fake-bedrock/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  static const char * const family_names[] = {
    "anthropic", "claude-text", "llama", "titan-text", "nova", "mistral-prompt",
    "mistral-chat", "cohere",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (family_names) == G_N_ELEMENTS (families));
  G_STATIC_ASSERT (G_N_ELEMENTS (chunk_paths) == G_N_ELEMENTS (families));

  bp_test_init (&argc, &argv);

  ADD ("invoke/validation", test_invoke_validation);
  ADD ("invoke/anthropic-stream-shape", test_invoke_anthropic_stream_shape);
  ADD ("control/foundation-models", test_control_foundation_models);
  ADD ("control/inference-profiles", test_control_inference_profiles);
  ADD ("control/unknown", test_control_unknown);
  ADD ("stats", test_stats);
  ADD ("count-tokens", test_count_tokens);
  ADD ("access/availability", test_availability_answers);
  ADD ("access/runtime", test_availability_runtime);
  ADD ("access/operation-denied", test_operation_denied);
  ADD ("environ", test_environ);

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bp/fake-bedrock/invoke/%s", family_names[i]);

      g_test_add (path, Fixture, GUINT_TO_POINTER (i), fixture_set_up, test_invoke_family,
                  fixture_tear_down);
    }

  return g_test_run ();
}
