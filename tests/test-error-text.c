/* test-error-text.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-aws-config.h"
#include "bp-bedrock-error.h"
#include "bp-chat-memory.h"
#include "bp-credentials-test-utils.h"
#include "bp-error-text.h"
#include "bp-history-store.h"
#include "bp-image-request.h"
#include "bp-image-result.h"
#include "bp-keyring.h"
#include "bp-model-catalogue.h"
#include "bp-shared-config.h"
#include "bp-test-utils.h"

/* User-facing error texts: every code of the core's domains gets a title,
 * a body with the fix and an action; the error's own message is kept as
 * the detail; nothing but the message goes in. */

#define HAIKU_35 "anthropic.claude-3-5-haiku-20241022-v1:0"
#define HAIKU_45 "anthropic.claude-haiku-4-5-20251001-v1:0"

static BpModelCatalogue *catalogue;

typedef struct
{
  int            code;
  const char    *title;
  const char    *body_words[3];
  BpErrorAction  action;
  gboolean       retry_hint;
} Case;

static void
assert_contains (const char *text,
                 const char *needle)
{
  g_assert_nonnull (text);
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in “%s”", needle, text);
}

static void
assert_text_sane (const BpErrorText *text)
{
  g_autofree char *line = bp_error_text_format_one_line (text);

  g_assert_nonnull (text->title);
  g_assert_cmpstr (text->title, !=, "");
  g_assert_nonnull (text->body);
  g_assert_cmpstr (text->body, !=, "");
  g_assert_null (strchr (line, '\n'));
  g_assert_true (g_str_has_prefix (line, text->title));
}

static BpErrorText *
check_case (GQuark      domain,
            const Case *c,
            const char *message,
            const char *model_id,
            const char *region)
{
  g_autoptr(GError) error = g_error_new_literal (domain, c->code, message);
  BpErrorText *text = bp_error_text_new_full (error, catalogue, model_id, region, NULL);

  g_test_message ("%s %d: %s — %s", g_quark_to_string (domain), c->code, text->title, text->body);
  assert_text_sane (text);
  assert_contains (text->title, c->title);
  for (guint i = 0; i < G_N_ELEMENTS (c->body_words) && c->body_words[i] != NULL; i++)
    assert_contains (text->body, c->body_words[i]);
  g_assert_cmpint (text->action, ==, c->action);
  g_assert_true ((text->retry_after_ms > 0) == c->retry_hint);

  return text;
}

static void
test_bedrock_codes (void)
{
  static const Case cases[] = {
    { BP_BEDROCK_ERROR_ACCESS_DENIED, "No access to this model",
      { "Claude Haiku 4.5 in us-east-1", "Model access page" }, BP_ERROR_ACTION_NONE, FALSE },
    { BP_BEDROCK_ERROR_VALIDATION, "not accepted", { "parameters", "maximum tokens" },
      BP_ERROR_ACTION_NONE, FALSE },
    { BP_BEDROCK_ERROR_THROTTLED, "Too many requests", { "Wait a moment", "Service Quotas" },
      BP_ERROR_ACTION_RETRY, TRUE },
    { BP_BEDROCK_ERROR_MODEL_NOT_READY, "not ready", { "try again" }, BP_ERROR_ACTION_RETRY, TRUE },
    { BP_BEDROCK_ERROR_MODEL_TIMEOUT, "too long", { "Try again", "maximum tokens" },
      BP_ERROR_ACTION_RETRY, FALSE },
    { BP_BEDROCK_ERROR_SERVICE_UNAVAILABLE, "unavailable", { "temporarily", "try again" },
      BP_ERROR_ACTION_RETRY, TRUE },
    { BP_BEDROCK_ERROR_INTERNAL, "Bedrock failed", { "internal error", "try again" },
      BP_ERROR_ACTION_RETRY, FALSE },
    { BP_BEDROCK_ERROR_QUOTA_EXCEEDED, "Quota", { "service quota", "Service Quotas console" },
      BP_ERROR_ACTION_NONE, FALSE },
    { BP_BEDROCK_ERROR_NOT_FOUND, "Model not found", { "Claude Haiku 4.5 in us-east-1",
      "Choose another model" }, BP_ERROR_ACTION_CHOOSE_MODEL, FALSE },
    { BP_BEDROCK_ERROR_INVALID_CREDENTIALS, "Credentials rejected", { "access key", "secret key" },
      BP_ERROR_ACTION_OPEN_CONNECTION, FALSE },
    { BP_BEDROCK_ERROR_EXPIRED_CREDENTIALS, "Session expired",
      { "Your AWS session has expired. Run `aws sso login` or refresh your credentials, then "
        "retry." }, BP_ERROR_ACTION_OPEN_CONNECTION, FALSE },
    { BP_BEDROCK_ERROR_TRUNCATED_STREAM, "cut off", { "What arrived is kept", "try again" },
      BP_ERROR_ACTION_RETRY, FALSE },
    { BP_BEDROCK_ERROR_CORRUPT_STREAM, "could not be read", { "damaged", "proxy" },
      BP_ERROR_ACTION_RETRY, FALSE },
    { BP_BEDROCK_ERROR_NOT_JSON, "Unexpected response", { "proxy", "endpoint in Preferences" },
      BP_ERROR_ACTION_OPEN_PREFERENCES, FALSE },
    { BP_BEDROCK_ERROR_NETWORK, "reach Bedrock", { "internet connection", "proxy" },
      BP_ERROR_ACTION_RETRY, FALSE },
    { BP_BEDROCK_ERROR_TIMEOUT, "timed out", { "in time", "try again" }, BP_ERROR_ACTION_RETRY,
      FALSE },
    { BP_BEDROCK_ERROR_MODEL_ERROR, "model failed", { "returned an error", "try again" },
      BP_ERROR_ACTION_RETRY, FALSE },
    { BP_BEDROCK_ERROR_MODEL_STREAM_ERROR, "failed while replying", { "What arrived is kept" },
      BP_ERROR_ACTION_RETRY, FALSE },
    { BP_BEDROCK_ERROR_ON_DEMAND_NOT_SUPPORTED, "inference profile",
      { "Claude Haiku 4.5 can’t be invoked directly", "us.anthropic.claude-haiku-4-5" },
      BP_ERROR_ACTION_USE_INFERENCE_PROFILE, FALSE },
    { BP_BEDROCK_ERROR_INVALID_MODEL_ID, "Model not available", { HAIKU_45, "retired",
      "Choose another model" }, BP_ERROR_ACTION_CHOOSE_MODEL, FALSE },
    { BP_BEDROCK_ERROR_CLOCK_SKEW, "clock", { "Check your computer’s clock" },
      BP_ERROR_ACTION_NONE, FALSE },
    { BP_BEDROCK_ERROR_FAILED, "Request failed", { "Try again" }, BP_ERROR_ACTION_RETRY, FALSE },
  };
  const char *message = "SomeException: the service's own words (request id 1234-abcd)";

  /* Every code of the enum is covered, in order. */
  g_assert_cmpuint (G_N_ELEMENTS (cases), ==, BP_BEDROCK_ERROR_FAILED + 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpErrorText) text = NULL;

      g_assert_cmpint (cases[i].code, ==, i);
      text = check_case (BP_BEDROCK_ERROR, &cases[i], message, HAIKU_45, "us-east-1");
      /* The service's message is kept verbatim as the detail. */
      g_assert_cmpstr (text->detail, ==, message);
    }
}

static void
test_access_denied_sentence (void)
{
  const char *json = "{\"message\":\"You don't have access to the model with the specified "
                     "model ID.\"}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = bp_bedrock_error_new_from_response (403, "AccessDeniedException",
                                                                "req-42", body);
  g_autoptr(BpErrorText) text = bp_error_text_new (error, HAIKU_45, "us-east-1");
  g_autoptr(BpErrorText) no_model = bp_error_text_new (error, NULL, NULL);

  g_assert_cmpstr (text->title, ==, "No access to this model");
  g_assert_true (g_str_has_prefix (text->body,
                                   "Your AWS account has not been granted access to Claude Haiku "
                                   "4.5 in us-east-1. Request access on the Model access page of "
                                   "the Bedrock console, then try again."));
  /* The detail keeps the service's code, message and request id. */
  g_assert_cmpstr (text->detail, ==, "AccessDeniedException: You don't have access to the model "
                                     "with the specified model ID. (request id req-42)");

  g_assert_cmpstr (no_model->title, ==, "Access denied");
  g_assert_cmpstr (no_model->detail, ==, text->detail);
}

static BpErrorText *
on_demand_text (const char *model_id,
                const char *region)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *json = "{\"message\":\"Invocation of model ID anthropic.claude-3-5-haiku-20241022-v1:0 "
                     "with on-demand throughput isn\xe2\x80\x99t supported. Retry your request with "
                     "the ID or ARN of an inference profile that contains this model.\"}";

  body = g_bytes_new_static (json, strlen (json));
  error = bp_bedrock_error_new_from_response (400, "ValidationException", NULL, body);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_ON_DEMAND_NOT_SUPPORTED);

  return bp_error_text_new (error, model_id, region);
}

static void
test_on_demand_profile (void)
{
  g_autoptr(BpErrorText) haiku = on_demand_text (HAIKU_35, "us-east-1");
  g_autoptr(BpErrorText) eu = on_demand_text (HAIKU_35, "eu-west-1");
  g_autoptr(BpErrorText) nova = on_demand_text ("amazon.nova-lite-v1:0", "us-west-2");
  g_autoptr(BpErrorText) unknown = on_demand_text ("acme.unknown-v1:0", "ap-south-1");
  g_autoptr(BpErrorText) nowhere = on_demand_text ("acme.unknown-v1:0", NULL);
  g_autoptr(BpErrorText) no_model = on_demand_text (NULL, "us-east-1");

  g_assert_cmpint (haiku->action, ==, BP_ERROR_ACTION_USE_INFERENCE_PROFILE);
  g_assert_cmpstr (haiku->action_target, ==, "us.anthropic.claude-3-5-haiku-20241022-v1:0");
  assert_contains (haiku->body, "Claude 3.5 Haiku");
  assert_contains (haiku->body, "us.anthropic.claude-3-5-haiku-20241022-v1:0");
  assert_contains (haiku->detail, "on-demand throughput");

  /* The catalogue knows only a US profile for 3.5 Haiku: from Europe the
   * region's geography is the guess. */
  g_assert_cmpstr (eu->action_target, ==, "eu.anthropic.claude-3-5-haiku-20241022-v1:0");

  /* The catalogue says Nova Lite runs on demand, but not in every region:
   * the service has the last word. */
  g_assert_cmpint (nova->action, ==, BP_ERROR_ACTION_USE_INFERENCE_PROFILE);
  g_assert_cmpstr (nova->action_target, ==, "us.amazon.nova-lite-v1:0");

  g_assert_cmpstr (unknown->action_target, ==, "apac.acme.unknown-v1:0");

  /* Without a region or a model there is no profile to name. */
  g_assert_cmpint (nowhere->action, ==, BP_ERROR_ACTION_CHOOSE_MODEL);
  g_assert_null (nowhere->action_target);
  assert_contains (nowhere->body, "acme.unknown-v1:0");
  g_assert_cmpint (no_model->action, ==, BP_ERROR_ACTION_CHOOSE_MODEL);
  g_assert_null (no_model->action_target);
}

static void
test_validation_refined (void)
{
  g_autoptr(GError) filtered = g_error_new_literal (BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                                                    "ValidationException: This request has been "
                                                    "blocked by our content filters.");
  g_autoptr(GError) too_long = g_error_new_literal (BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_VALIDATION,
                                                    "ValidationException: Input is too long for "
                                                    "requested model.");
  g_autoptr(GError) retired = g_error_new_literal (BP_BEDROCK_ERROR,
                                                   BP_BEDROCK_ERROR_INVALID_MODEL_ID,
                                                   "ValidationException: The provided model "
                                                   "identifier is invalid.");
  g_autoptr(BpErrorText) filtered_text = bp_error_text_new (filtered, NULL, NULL);
  g_autoptr(BpErrorText) too_long_text = bp_error_text_new (too_long, NULL, NULL);
  g_autoptr(BpErrorText) retired_text = bp_error_text_new (retired,
                                                           "anthropic.claude-3-opus-20240229-v1:0",
                                                           "us-east-1");

  g_assert_cmpstr (filtered_text->title, ==, "Blocked by the content filter");
  assert_contains (filtered_text->body, "Change the prompt");
  g_assert_cmpstr (too_long_text->title, ==, "The conversation is too long");
  assert_contains (too_long_text->body, "Start a new chat");
  /* The catalogue knows the model was retired. */
  assert_contains (retired_text->body, "Claude 3 Opus has been retired");
  g_assert_cmpint (retired_text->action, ==, BP_ERROR_ACTION_CHOOSE_MODEL);
}

static void
test_credentials_codes (void)
{
  static const Case cases[] = {
    { BP_CREDENTIALS_ERROR_NOT_FOUND, "No AWS credentials", { NULL }, BP_ERROR_ACTION_OPEN_CONNECTION, FALSE },
    { BP_CREDENTIALS_ERROR_PROFILE_NOT_FOUND, "Profile not found", { NULL }, BP_ERROR_ACTION_OPEN_CONNECTION, FALSE },
    { BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE, "Incomplete", { NULL }, BP_ERROR_ACTION_OPEN_CONNECTION, FALSE },
    { BP_CREDENTIALS_ERROR_PROCESS_FAILED, "Credential process", { NULL }, BP_ERROR_ACTION_OPEN_CONNECTION, FALSE },
    { BP_CREDENTIALS_ERROR_PROCESS_TIMEOUT, "timed out", { NULL }, BP_ERROR_ACTION_RETRY, FALSE },
    { BP_CREDENTIALS_ERROR_PROCESS_OUTPUT, "Credential process", { NULL }, BP_ERROR_ACTION_OPEN_CONNECTION, FALSE },
    { BP_CREDENTIALS_ERROR_SSO_LOGIN_REQUIRED, "Sign in", { NULL }, BP_ERROR_ACTION_SIGN_IN_SSO, FALSE },
    { BP_CREDENTIALS_ERROR_SSO_FAILED, "SSO", { NULL }, BP_ERROR_ACTION_SIGN_IN_SSO, FALSE },
    { BP_CREDENTIALS_ERROR_EXPIRED, "expired", { NULL }, BP_ERROR_ACTION_OPEN_CONNECTION, FALSE },
    { BP_CREDENTIALS_ERROR_UNSUPPORTED_PROFILE, "Unsupported profile", { NULL }, BP_ERROR_ACTION_OPEN_CONNECTION, FALSE },
    { BP_CREDENTIALS_ERROR_CONFIG, "configuration", { NULL }, BP_ERROR_ACTION_OPEN_CONNECTION, FALSE },
  };
  const char *message = "Profile “dev” in /home/u/.aws/config needs a fix. Run the fix.";

  g_assert_cmpuint (G_N_ELEMENTS (cases), ==, BP_CREDENTIALS_ERROR_CONFIG + 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpErrorText) text = check_case (BP_CREDENTIALS_ERROR, &cases[i], message, NULL, NULL);

      /* The message already names the profile, the file and the fix. */
      g_assert_cmpstr (text->body, ==, message);
      g_assert_null (text->detail);
      if (text->action == BP_ERROR_ACTION_SIGN_IN_SSO)
        g_assert_cmpstr (text->action_target, ==, "dev");
      else
        g_assert_null (text->action_target);
    }
}

static void
test_sso_login_profile (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpErrorText) text = NULL;
  g_autoptr(BpErrorText) explicit = NULL;

  test_home_put (home, ".aws/config",
                 "[profile sso-dev]\n"
                 "sso_session = corp\n"
                 "sso_account_id = 123456789012\n"
                 "sso_role_name = BedrockUser\n"
                 "[sso-session corp]\n"
                 "sso_start_url = https://example.awsapps.com/start\n"
                 "sso_region = us-east-1\n");
  provider = test_home_provider (home, "sso-dev");
  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_error (error, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_SSO_LOGIN_REQUIRED);

  /* The profile comes from the message when the caller does not say. */
  text = bp_error_text_new (error, NULL, NULL);
  g_assert_cmpint (text->action, ==, BP_ERROR_ACTION_SIGN_IN_SSO);
  g_assert_cmpstr (text->action_target, ==, "sso-dev");
  assert_contains (text->body, "aws sso login --profile sso-dev");

  explicit = bp_error_text_new_full (error, NULL, NULL, NULL, "chosen");
  g_assert_cmpstr (explicit->action_target, ==, "chosen");
}

static void
test_other_domains (void)
{
  static const struct {
    const char *domain;
    Case        c;
  } cases[] = {
    { "aws-config", { BP_AWS_CONFIG_ERROR_INVALID_ENDPOINT, "Invalid endpoint", { "Preferences" }, BP_ERROR_ACTION_OPEN_PREFERENCES, FALSE } },
    { "aws-config", { BP_AWS_CONFIG_ERROR_INSECURE_ENDPOINT, "Insecure endpoint", { "https://" }, BP_ERROR_ACTION_OPEN_PREFERENCES, FALSE } },
    { "aws-config", { BP_AWS_CONFIG_ERROR_INVALID_REGION, "Invalid region", { "Preferences" }, BP_ERROR_ACTION_OPEN_PREFERENCES, FALSE } },
    { "shared-config", { BP_SHARED_CONFIG_ERROR_PARSE, "configuration", { "(the message.)", "Fix or remove the file" }, BP_ERROR_ACTION_OPEN_CONNECTION, FALSE } },
    { "shared-config", { BP_SHARED_CONFIG_ERROR_READ, "configuration", { "(the message.)" }, BP_ERROR_ACTION_OPEN_CONNECTION, FALSE } },
    { "keyring", { BP_KEYRING_ERROR_UNAVAILABLE, "No keyring", { "AWS_BEARER_TOKEN_BEDROCK" }, BP_ERROR_ACTION_OPEN_CONNECTION, FALSE } },
    { "keyring", { BP_KEYRING_ERROR_FAILED, "Keyring", { "Unlock" }, BP_ERROR_ACTION_OPEN_CONNECTION, FALSE } },
    { "image-request", { BP_IMAGE_REQUEST_ERROR_INVALID_PARAMETER, "image settings", { "the message" }, BP_ERROR_ACTION_NONE, FALSE } },
    { "image-request", { BP_IMAGE_REQUEST_ERROR_UNKNOWN_MODEL, "Not an image model", { "the message" }, BP_ERROR_ACTION_CHOOSE_MODEL, FALSE } },
    { "image-result", { BP_IMAGE_RESULT_ERROR_FILTERED, "Image blocked", { "The image was blocked by the content filter: the message. Change the prompt" }, BP_ERROR_ACTION_NONE, FALSE } },
    { "image-result", { BP_IMAGE_RESULT_ERROR_MODEL_FAILED, "could not be made", { "Try again" }, BP_ERROR_ACTION_RETRY, FALSE } },
    { "image-result", { BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE, "Unexpected response", { "Try again" }, BP_ERROR_ACTION_RETRY, FALSE } },
    { "image-result", { BP_IMAGE_RESULT_ERROR_INVALID_IMAGE, "Damaged image", { "decoded" }, BP_ERROR_ACTION_RETRY, FALSE } },
    { "chat-memory", { BP_CHAT_MEMORY_ERROR_TOO_LONG, "Message too long", { "the message" }, BP_ERROR_ACTION_NONE, FALSE } },
    { "history", { BP_HISTORY_STORE_ERROR_OPEN, "open the history", { "write to it" }, BP_ERROR_ACTION_NONE, FALSE } },
    { "history", { BP_HISTORY_STORE_ERROR_CORRUPT, "damaged", { "Move the file aside" }, BP_ERROR_ACTION_NONE, FALSE } },
    { "history", { BP_HISTORY_STORE_ERROR_NEWER_VERSION, "newer version", { "Update the app" }, BP_ERROR_ACTION_NONE, FALSE } },
    { "history", { BP_HISTORY_STORE_ERROR_IO, "save the history", { "Free some disk space" }, BP_ERROR_ACTION_RETRY, FALSE } },
    { "history", { BP_HISTORY_STORE_ERROR_NOT_FOUND, "Not in the history", { "no longer" }, BP_ERROR_ACTION_NONE, FALSE } },
    { "history", { BP_HISTORY_STORE_ERROR_LOCKED, "in use", { "Close other copies" }, BP_ERROR_ACTION_RETRY, FALSE } },
    { "io", { G_IO_ERROR_CANCELLED, "Cancelled", { "cancelled" }, BP_ERROR_ACTION_NONE, FALSE } },
    { "io", { G_IO_ERROR_TIMED_OUT, "Timed out", { "connection" }, BP_ERROR_ACTION_RETRY, FALSE } },
    { "io", { G_IO_ERROR_HOST_NOT_FOUND, "No connection", { "internet connection" }, BP_ERROR_ACTION_RETRY, FALSE } },
    { "io", { G_IO_ERROR_PERMISSION_DENIED, "Permission denied", { "another location" }, BP_ERROR_ACTION_NONE, FALSE } },
    { "io", { G_IO_ERROR_NO_SPACE, "Disk full", { "Free some space" }, BP_ERROR_ACTION_RETRY, FALSE } },
    { "io", { G_IO_ERROR_FAILED, "Something went wrong", { "the message" }, BP_ERROR_ACTION_NONE, FALSE } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *name = cases[i].domain;
      GQuark domain = g_str_equal (name, "aws-config") ? BP_AWS_CONFIG_ERROR
                      : g_str_equal (name, "shared-config") ? BP_SHARED_CONFIG_ERROR
                      : g_str_equal (name, "keyring") ? BP_KEYRING_ERROR
                      : g_str_equal (name, "image-request") ? BP_IMAGE_REQUEST_ERROR
                      : g_str_equal (name, "image-result") ? BP_IMAGE_RESULT_ERROR
                      : g_str_equal (name, "chat-memory") ? BP_CHAT_MEMORY_ERROR
                      : g_str_equal (name, "history") ? BP_HISTORY_STORE_ERROR
                      : G_IO_ERROR;
      g_autoptr(BpErrorText) text = check_case (domain, &cases[i].c, "the message.", NULL, NULL);

      /* The message is the body or the detail, never lost. */
      g_assert_true (strstr (text->body, "the message") != NULL ||
                     g_strcmp0 (text->detail, "the message.") == 0);
    }
}

static void
test_unknown_domain (void)
{
  g_autoptr(GError) error = g_error_new_literal (g_quark_from_static_string ("test-unknown-error"),
                                                 7, "Something odd happened");
  g_autoptr(GError) unknown_code = g_error_new_literal (BP_BEDROCK_ERROR, 999, "A future code");
  g_autoptr(BpErrorText) text = bp_error_text_new (error, NULL, NULL);
  g_autoptr(BpErrorText) future = bp_error_text_new (unknown_code, HAIKU_45, "us-east-1");

  g_assert_cmpstr (text->title, ==, "Something went wrong");
  g_assert_cmpstr (text->body, ==, "Something odd happened");
  g_assert_cmpint (text->action, ==, BP_ERROR_ACTION_NONE);
  g_assert_cmpstr (future->body, ==, "A future code");
}

static void
test_one_line (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                 "first line\nsecond line\r\nthird");
  g_autoptr(BpErrorText) text = bp_error_text_new (error, NULL, NULL);
  g_autoptr(BpErrorText) copy = bp_error_text_copy (text);
  g_autofree char *line = bp_error_text_format_one_line (text);

  g_assert_cmpstr (line, ==, "Something went wrong: first line second line  third");
  g_assert_null (strchr (line, '\n'));
  g_assert_null (strchr (line, '\r'));

  g_assert_cmpstr (copy->title, ==, text->title);
  g_assert_cmpstr (copy->body, ==, text->body);
  g_assert_true (copy->body != text->body);
}

static void
assert_text_has_no_secrets (const BpErrorText *text)
{
  g_autofree char *line = bp_error_text_format_one_line (text);

  test_assert_no_secrets (text->title);
  test_assert_no_secrets (text->body);
  test_assert_no_secrets (line);
  if (text->detail != NULL)
    test_assert_no_secrets (text->detail);
  if (text->action_target != NULL)
    test_assert_no_secrets (text->action_target);
}

static void
test_no_secrets (void)
{
  g_autoptr(TestHome) home = test_home_new ();
  g_autoptr(BpCredentialProvider) provider = NULL;
  g_autoptr(BpCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpErrorText) text = NULL;

  /* A secret key and session token without a key id: the chain fails with
   * the real message, which names the variables but not their values. */
  test_home_setenv (home, "AWS_SECRET_ACCESS_KEY", TEST_SECRET);
  test_home_setenv (home, "AWS_SESSION_TOKEN", TEST_TOKEN);
  provider = test_home_provider (home, NULL);
  credentials = test_get_credentials (provider, NULL, &error);
  g_assert_error (error, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_INCOMPLETE_PROFILE);

  text = bp_error_text_new (error, NULL, NULL);
  assert_contains (text->body, "AWS_ACCESS_KEY_ID");
  assert_text_has_no_secrets (text);

  /* Every Bedrock code, with the model and region. */
  for (int code = 0; code <= BP_BEDROCK_ERROR_FAILED; code++)
    {
      g_autoptr(GError) bedrock = g_error_new_literal (BP_BEDROCK_ERROR, code,
                                                       "UnrecognizedClientException: The security "
                                                       "token included in the request is invalid.");
      g_autoptr(BpErrorText) bedrock_text = bp_error_text_new_full (bedrock, catalogue, HAIKU_45,
                                                                    "us-east-1", "work");

      assert_text_has_no_secrets (bedrock_text);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  bp_test_init (&argc, &argv);
  catalogue = bp_model_catalogue_new_builtin ();

  g_test_add_func ("/bp/error-text/bedrock-codes", test_bedrock_codes);
  g_test_add_func ("/bp/error-text/access-denied-sentence", test_access_denied_sentence);
  g_test_add_func ("/bp/error-text/on-demand-profile", test_on_demand_profile);
  g_test_add_func ("/bp/error-text/validation-refined", test_validation_refined);
  g_test_add_func ("/bp/error-text/credentials-codes", test_credentials_codes);
  g_test_add_func ("/bp/error-text/sso-login-profile", test_sso_login_profile);
  g_test_add_func ("/bp/error-text/other-domains", test_other_domains);
  g_test_add_func ("/bp/error-text/unknown-domain", test_unknown_domain);
  g_test_add_func ("/bp/error-text/one-line", test_one_line);
  g_test_add_func ("/bp/error-text/no-secrets", test_no_secrets);

  ret = g_test_run ();
  g_clear_object (&catalogue);

  return ret;
}
