/* test-sigv4.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-sigv4-private.h"
#include "bp-sigv4-test-utils.h"
#include "bp-test-utils.h"

/* The three Bedrock vectors of wire-format §1.3 and edge cases. The two
 * data-driven AWS suites are in test-sigv4-suites.c. */

#define BEDROCK_TIME   G_GINT64_CONSTANT (1736942400)  /* 2025-01-15T12:00:00Z */

/* Wire-format §1.3 vectors. */

static const BpSigV4Config bedrock_config = {
  .access_key_id = SUITE_KEY_ID,
  .secret_access_key = SUITE_SECRET,
  .region = "us-east-1",
  .service = "bedrock",
  .unix_time = BEDROCK_TIME,
  .normalize_path = TRUE,
};

static BpSigV4Request *
converse_request (const char *path,
                  const char *body)
{
  BpSigV4Request *request = bp_sigv4_request_new ("POST", path, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  bp_sigv4_request_add_header (request, "Host", "bedrock-runtime.us-east-1.amazonaws.com");
  bp_sigv4_request_add_header (request, "Content-Type", "application/json");
  bp_sigv4_request_set_body (request, bytes);

  return request;
}

#define CONVERSE_PATH "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"
#define CONVERSE_BODY \
  "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}],\"inferenceConfig\":{\"maxTokens\":256}}"
#define CONVERSE_SIGNATURE "2c6896d76e0655b63ca68366cba7b08592a6c4079aac6d4219bd5f36265f9616"

static void
test_bedrock_converse (void)
{
  static const char * const drop_auth[] = { "Authorization", NULL };
  g_autoptr(BpSigV4Request) request = converse_request (CONVERSE_PATH, CONVERSE_BODY);
  g_autoptr(BpSigV4Request) verify = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (strlen (CONVERSE_BODY), ==, 95);
  bp_sigv4_sign (request, &bedrock_config, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (bp_sigv4_request_get_header (request, "X-Amz-Date"), ==, "20250115T120000Z");
  g_assert_cmpstr (bp_sigv4_request_get_header (request, "Authorization"), ==,
                   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250115/us-east-1/bedrock/aws4_request, "
                   "SignedHeaders=content-type;host;x-amz-date, Signature=" CONVERSE_SIGNATURE);
  g_assert_null (bp_sigv4_request_get_header (request, "X-Amz-Security-Token"));
  g_assert_null (bp_sigv4_request_get_header (request, "x-amz-content-sha256"));

  verify = copy_request (request, NULL, drop_auth);
  assert_stages (verify, &bedrock_config, BP_SIGV4_MODE_HEADER,
                 "POST\n"
                 "/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse\n"
                 "\n"
                 "content-type:application/json\n"
                 "host:bedrock-runtime.us-east-1.amazonaws.com\n"
                 "x-amz-date:20250115T120000Z\n"
                 "\n"
                 "content-type;host;x-amz-date\n"
                 "d8695502972bd4d482308b656a524b7a7efcebba591a06801fadba6b39700dd1",
                 "AWS4-HMAC-SHA256\n"
                 "20250115T120000Z\n"
                 "20250115/us-east-1/bedrock/aws4_request\n"
                 "284cc81b8ff9787ac68cadeba0811bbdc93c0a2723705231e06b8178c7cac61f",
                 CONVERSE_SIGNATURE);
}

static void
test_bedrock_list_models (void)
{
  static const char * const drop_auth[] = { "Authorization", NULL };
  g_autoptr(BpSigV4Request) request = NULL;
  g_autoptr(BpSigV4Request) verify = NULL;
  g_autoptr(GError) error = NULL;

  request = bp_sigv4_request_new ("GET", "/foundation-models",
                                  "byOutputModality=IMAGE&byProvider=Amazon");
  bp_sigv4_request_add_header (request, "Host", "bedrock.us-east-1.amazonaws.com");
  bp_sigv4_sign (request, &bedrock_config, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (bp_sigv4_request_get_query (request), ==, "byOutputModality=IMAGE&byProvider=Amazon");
  g_assert_cmpstr (bp_sigv4_request_get_header (request, "Authorization"), ==,
                   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250115/us-east-1/bedrock/aws4_request, "
                   "SignedHeaders=host;x-amz-date, "
                   "Signature=ea57a7e476919c03dbfabf9aceb35295b6c61d1c39b62d3138fc28907d7b43e3");

  verify = copy_request (request, bp_sigv4_request_get_query (request), drop_auth);
  assert_stages (verify, &bedrock_config, BP_SIGV4_MODE_HEADER,
                 "GET\n"
                 "/foundation-models\n"
                 "byOutputModality=IMAGE&byProvider=Amazon\n"
                 "host:bedrock.us-east-1.amazonaws.com\n"
                 "x-amz-date:20250115T120000Z\n"
                 "\n"
                 "host;x-amz-date\n"
                 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                 "AWS4-HMAC-SHA256\n"
                 "20250115T120000Z\n"
                 "20250115/us-east-1/bedrock/aws4_request\n"
                 "954a6d12fb7a708fe4a37ac439fbdee135ad504254be887beaaf8f0dc270478d",
                 NULL);
}

static void
test_bedrock_session_token (void)
{
  static const char * const drop_auth[] = { "Authorization", NULL };
  BpSigV4Config config = bedrock_config;
  g_autoptr(BpSigV4Request) request = NULL;
  g_autoptr(BpSigV4Request) verify = NULL;
  g_autoptr(GError) error = NULL;
  BpSigV4State state;

  config.session_token = "EXAMPLESESSIONTOKEN";
  request = converse_request ("/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream", "{}");
  bp_sigv4_sign (request, &config, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (bp_sigv4_request_get_header (request, "X-Amz-Security-Token"), ==, "EXAMPLESESSIONTOKEN");
  g_assert_cmpstr (bp_sigv4_request_get_header (request, "Authorization"), ==,
                   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250115/us-east-1/bedrock/aws4_request, "
                   "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
                   "Signature=57b1fd6491adcc9fd2259c3d16fe69c689de5136380279e103aa26c77bea36aa");

  verify = copy_request (request, NULL, drop_auth);
  _bp_sigv4_state_init (&state, verify, &config, BP_SIGV4_MODE_HEADER);
  _bp_sigv4_run_stages (&state);
  g_assert_true (g_str_has_prefix (state.canonical_request->str,
                                   "POST\n/model/us.anthropic.claude-3-5-haiku-20241022-v1%253A0/converse-stream\n\n"));
  g_assert_cmpstr (state.signed_headers->str, ==, "content-type;host;x-amz-date;x-amz-security-token");
  g_assert_cmpstr (state.payload_hash, ==, "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  g_assert_cmpstr (state.signature, ==, "57b1fd6491adcc9fd2259c3d16fe69c689de5136380279e103aa26c77bea36aa");
  _bp_sigv4_state_clear (&state);
}

/* Edge cases. */

#define DISTINCT_SECRET "SECRET-do-not-print-7c1f"

static void
assert_config_error (const BpSigV4Config *config,
                     gboolean             presign)
{
  g_autoptr(BpSigV4Request) request = converse_request (CONVERSE_PATH, "{}");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = presign ? bp_sigv4_presign (request, config, &error) : bp_sigv4_sign (request, config, &error);
  g_assert_false (ok);
  g_assert_error (error, BP_SIGV4_ERROR, BP_SIGV4_ERROR_INVALID_CONFIG);
  g_assert_null (strstr (error->message, DISTINCT_SECRET));
  g_assert_null (strstr (error->message, "SECRET"));
  /* Nothing was added to the request. */
  g_assert_cmpuint (bp_sigv4_request_get_n_headers (request), ==, 2);
  g_assert_null (bp_sigv4_request_get_query (request));
}

static void
test_config_errors (void)
{
  BpSigV4Config base = bedrock_config;
  BpSigV4Config config;

  base.secret_access_key = DISTINCT_SECRET;
  base.session_token = "SECRET-token";
  base.expires_in = 900;

  config = base, config.access_key_id = NULL;
  assert_config_error (&config, FALSE);
  config = base, config.access_key_id = "";
  assert_config_error (&config, TRUE);
  /* A secret pasted into the key id field is not echoed back. */
  config = base, config.access_key_id = "SECRET/with/slashes+";
  assert_config_error (&config, FALSE);
  config = base, config.secret_access_key = NULL;
  assert_config_error (&config, FALSE);
  config = base, config.secret_access_key = "";
  assert_config_error (&config, TRUE);
  config = base, config.session_token = "SECRET-token\r\nX-Injected: 1";
  assert_config_error (&config, FALSE);
  config = base, config.region = NULL;
  assert_config_error (&config, FALSE);
  config = base, config.region = "us-east-1/x";
  assert_config_error (&config, FALSE);
  config = base, config.service = NULL;
  assert_config_error (&config, FALSE);
  config = base, config.service = "";
  assert_config_error (&config, TRUE);
  config = base, config.unix_time = -1;
  assert_config_error (&config, FALSE);
  config = base, config.unix_time = BP_SIGV4_MAX_UNIX_TIME + 1;
  assert_config_error (&config, FALSE);
  config = base, config.expires_in = 0;
  assert_config_error (&config, TRUE);
  config = base, config.expires_in = BP_SIGV4_MAX_EXPIRES + 1;
  assert_config_error (&config, TRUE);

  /* expires_in only matters for presigning. */
  {
    g_autoptr(BpSigV4Request) request = converse_request (CONVERSE_PATH, "{}");
    g_autoptr(GError) error = NULL;

    config = base, config.expires_in = 0;
    g_assert_true (bp_sigv4_sign (request, &config, &error));
    g_assert_no_error (error);
  }
}

static void
test_request_errors (void)
{
  static const struct {
    const char *method;
    const char *path;
    const char *header;
  } cases[] = {
    { "POST", "/ok", NULL },             /* no Host header */
    { "POST", "model/x", "Host" },      /* relative path */
    { "POST", "/a?b", "Host" },         /* query in the path */
    { "POST", "/a\nb", "Host" },        /* control byte */
    { "PO ST", "/", "Host" },           /* bad method */
    { "POST", "/", "Bad Name" },        /* bad header name */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpSigV4Request) request = bp_sigv4_request_new (cases[i].method, cases[i].path, NULL);
      g_autoptr(GError) error = NULL;

      if (cases[i].header != NULL)
        bp_sigv4_request_add_header (request, cases[i].header, "example.com");
      if (i == G_N_ELEMENTS (cases) - 1)
        bp_sigv4_request_add_header (request, "Host", "example.com");

      g_assert_false (bp_sigv4_sign (request, &bedrock_config, &error));
      g_assert_error (error, BP_SIGV4_ERROR, BP_SIGV4_ERROR_INVALID_REQUEST);
    }
}

static void
test_unsigned_headers (void)
{
  static const char * const denied[] = {
    "Connection", "Expect", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization",
    "TE", "Trailer", "Transfer-Encoding", "Upgrade", "User-Agent", "X-Amzn-Trace-Id",
    "authorization",
  };
  g_autoptr(BpSigV4Request) request = converse_request (CONVERSE_PATH, CONVERSE_BODY);
  g_autoptr(GError) error = NULL;
  const char *authorization;

  for (guint i = 0; i < G_N_ELEMENTS (denied); i++)
    bp_sigv4_request_add_header (request, denied[i], "x");

  bp_sigv4_sign (request, &bedrock_config, &error);
  g_assert_no_error (error);

  /* Same signature as without them, and none is listed. */
  authorization = bp_sigv4_request_get_header (request, "Authorization");
  g_assert_true (g_str_has_suffix (authorization, "SignedHeaders=content-type;host;x-amz-date, Signature="
                                   CONVERSE_SIGNATURE));
  /* The stale Authorization was replaced, X-Amz-Date added, the rest kept. */
  g_assert_cmpuint (bp_sigv4_request_get_n_headers (request), ==, 2 + G_N_ELEMENTS (denied) - 1 + 2);
  g_assert_cmpstr (bp_sigv4_request_get_header (request, "User-Agent"), ==, "x");

  for (guint i = 0; i < G_N_ELEMENTS (denied); i++)
    {
      g_autofree char *lower = g_ascii_strdown (denied[i], -1);

      g_assert_false (_bp_sigv4_header_is_signable (lower));
    }
  g_assert_true (_bp_sigv4_header_is_signable ("content-type"));
  g_assert_true (_bp_sigv4_header_is_signable ("x-amzn-bedrock-accept"));
}

static void
test_resign (void)
{
  g_autoptr(BpSigV4Request) request = converse_request (CONVERSE_PATH, CONVERSE_BODY);
  g_autoptr(BpSigV4Request) fresh = converse_request (CONVERSE_PATH, CONVERSE_BODY);
  BpSigV4Config config = bedrock_config;
  g_autoptr(GError) error = NULL;

  config.session_token = "EXAMPLESESSIONTOKEN";
  config.add_content_sha256 = TRUE;
  bp_sigv4_sign (request, &config, &error);
  g_assert_no_error (error);

  /* A retry signs again, later: nothing is duplicated. */
  config.unix_time += 301;
  bp_sigv4_sign (request, &config, &error);
  g_assert_no_error (error);
  bp_sigv4_sign (fresh, &config, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (bp_sigv4_request_get_n_headers (request), ==, 6);
  g_assert_cmpuint (bp_sigv4_request_get_n_headers (fresh), ==, 6);
  g_assert_cmpstr (bp_sigv4_request_get_header (request, "X-Amz-Date"), ==, "20250115T120501Z");
  g_assert_cmpstr (bp_sigv4_request_get_header (request, "Authorization"), ==,
                   bp_sigv4_request_get_header (fresh, "Authorization"));
  g_assert_cmpstr (bp_sigv4_request_get_header (request, "x-amz-content-sha256"), ==,
                   "d8695502972bd4d482308b656a524b7a7efcebba591a06801fadba6b39700dd1");
  g_assert_true (strstr (bp_sigv4_request_get_header (request, "Authorization"),
                         "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token") != NULL);
}

static void
test_presign_again (void)
{
  g_autoptr(BpSigV4Request) request = bp_sigv4_request_new ("GET", "/foundation-models", "a=1");
  g_autoptr(BpSigV4Request) fresh = bp_sigv4_request_new ("GET", "/foundation-models", "a=1");
  BpSigV4Config config = bedrock_config;
  g_autoptr(GError) error = NULL;

  config.expires_in = 60;
  config.session_token = "tok/en+=";
  bp_sigv4_request_add_header (request, "Host", "bedrock.us-east-1.amazonaws.com");
  bp_sigv4_request_add_header (fresh, "Host", "bedrock.us-east-1.amazonaws.com");
  bp_sigv4_presign (request, &config, &error);
  g_assert_no_error (error);
  bp_sigv4_presign (request, &config, &error);
  g_assert_no_error (error);
  bp_sigv4_presign (fresh, &config, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (bp_sigv4_request_get_query (request), ==, bp_sigv4_request_get_query (fresh));
  g_assert_true (g_str_has_prefix (bp_sigv4_request_get_query (request),
                                   "a=1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20250115%2F"
                                   "us-east-1%2Fbedrock%2Faws4_request&X-Amz-Date=20250115T120000Z&"
                                   "X-Amz-SignedHeaders=host&X-Amz-Expires=60&X-Amz-Security-Token=tok%2Fen%2B%3D&"
                                   "X-Amz-Signature="));
  g_assert_cmpuint (bp_sigv4_request_get_n_headers (request), ==, 1);
}

static void
test_uri_encode (void)
{
  static const struct {
    const char *in;
    gboolean    keep_slash;
    const char *out;
  } cases[] = {
    { "", TRUE, "" },
    { "AZaz09-._~", FALSE, "AZaz09-._~" },
    { "a b/c", TRUE, "a%20b/c" },
    { "a b/c", FALSE, "a%20b%2Fc" },
    { "\xe1\x88\xb4", TRUE, "%E1%88%B4" },
    { "v1%3A0", TRUE, "v1%253A0" },
    { "!*'();:@&=+$,?#[]", FALSE, "%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%3F%23%5B%5D" },
    { "\x7f\x01", FALSE, "%7F%01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = bp_sigv4_uri_encode (cases[i].in, cases[i].keep_slash);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_canonical_uri (void)
{
  static const struct {
    const char *path;
    gboolean    normalize;
    const char *out;
  } cases[] = {
    { "/", TRUE, "/" },
    { "", TRUE, "/" },
    { "/a/./b/../c//", TRUE, "/a/c/" },
    { "/a/./b/../c//", FALSE, "/a/./b/../c//" },
    { "/../..", TRUE, "/" },
    { "/a/b/.", TRUE, "/a/b" },
    /* Normalising never decodes: %2E%2E is not "..", %2F is not '/'. */
    { "/a/%2E%2E/b", TRUE, "/a/%252E%252E/b" },
    { "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%2Fx/converse", TRUE,
      "/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A1%253Ainference-profile%252Fx/converse" },
    { "/model/x%2F..%2Fy/invoke", TRUE, "/model/x%252F..%252Fy/invoke" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      _bp_sigv4_append_canonical_uri (out, cases[i].path, cases[i].normalize);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

static void
test_canonical_query (void)
{
  static const struct {
    const char *query;
    const char *out;
  } cases[] = {
    { "", "" },
    { "b=2&a=1", "a=1&b=2" },
    { "a=2&a=1&a=10", "a=1&a=10&a=2" },
    { "key&x=", "key=&x=" },
    { "a=1&&b=2&", "a=1&b=2" },
    { "q=a%20b&r=a+b&s=%7e&t=%zz", "q=a%20b&r=a%2Bb&s=~&t=%25zz" },
    { "p=/x/y", "p=%2Fx%2Fy" },
    { "Z=1&a=1", "Z=1&a=1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      _bp_sigv4_append_canonical_query (out, cases[i].query);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

static void
test_header_value (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "", "" },
    { "  \t ", "" },
    { " a ", "a" },
    { "a   b\t\tc", "a b c" },
    { "value1\n  value2\n     value3", "value1 value2 value3" },
    { "\"a   b\"", "\"a b\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      _bp_sigv4_append_header_value (out, cases[i].in);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

static void
test_request_headers (void)
{
  g_autoptr(BpSigV4Request) request = bp_sigv4_request_new ("GET", "/", "");
  const char *name, *value;

  g_assert_null (bp_sigv4_request_get_query (request));
  bp_sigv4_request_add_header (request, "A", "1");
  bp_sigv4_request_add_header (request, "B", "2");
  bp_sigv4_request_add_header (request, "a", "3");
  g_assert_cmpstr (bp_sigv4_request_get_header (request, "a"), ==, "1");
  g_assert_cmpuint (bp_sigv4_request_get_n_headers (request), ==, 3);

  bp_sigv4_request_set_header (request, "A", "4");
  g_assert_cmpuint (bp_sigv4_request_get_n_headers (request), ==, 2);
  bp_sigv4_request_get_nth_header (request, 0, &name, &value);
  g_assert_cmpstr (name, ==, "A");
  g_assert_cmpstr (value, ==, "4");

  bp_sigv4_request_set_header (request, "C", "5");
  bp_sigv4_request_get_nth_header (request, 2, &name, &value);
  g_assert_cmpstr (name, ==, "C");
  bp_sigv4_request_remove_header (request, "b");
  g_assert_null (bp_sigv4_request_get_header (request, "B"));
  g_assert_cmpuint (bp_sigv4_request_get_n_headers (request), ==, 2);
}

static void
test_amz_date (void)
{
  static const struct {
    gint64      time;
    const char *out;
  } cases[] = {
    { 0, "19700101T000000Z" },
    { SUITE_TIME, "20150830T123600Z" },
    { BEDROCK_TIME, "20250115T120000Z" },
    { G_GINT64_CONSTANT (1709251199), "20240229T235959Z" },
    { G_GINT64_CONSTANT (951782400), "20000229T000000Z" },
    { BP_SIGV4_MAX_UNIX_TIME, "99991231T235959Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = bp_sigv4_format_amz_date (cases[i].time);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_sha256 (void)
{
  g_autofree char *empty = bp_sha256_hex (NULL, 0);
  g_autofree char *body = bp_sha256_hex (CONVERSE_BODY, strlen (CONVERSE_BODY));

  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (body, ==, "d8695502972bd4d482308b656a524b7a7efcebba591a06801fadba6b39700dd1");
}

/* The canonical request goes to g_debug with tokens redacted. */

static void
capture_handler (const char     *log_domain,
                 GLogLevelFlags  log_level,
                 const char     *message,
                 gpointer        user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "%s\n", message);
}

static void
test_log_redaction (void)
{
  BpSigV4Config config = bedrock_config;
  g_autoptr(BpSigV4Request) request = converse_request (CONVERSE_PATH, "{}");
  g_autoptr(BpSigV4Request) presigned = converse_request (CONVERSE_PATH, "{}");
  g_autoptr(GError) error = NULL;
  GString *captured_log;
  guint handler;

  config.secret_access_key = DISTINCT_SECRET;
  config.session_token = "SECRET/token+value=";
  config.expires_in = 60;

  captured_log = g_string_new (NULL);
  handler = g_log_set_handler ("bp-sigv4", G_LOG_LEVEL_DEBUG, capture_handler, captured_log);
  g_log_set_debug_enabled (TRUE);
  bp_sigv4_sign (request, &config, &error);
  g_assert_no_error (error);
  bp_sigv4_presign (presigned, &config, &error);
  g_assert_no_error (error);
  g_log_set_debug_enabled (FALSE);
  g_log_remove_handler ("bp-sigv4", handler);

  g_assert_nonnull (strstr (captured_log->str, "Canonical request:"));
  g_assert_nonnull (strstr (captured_log->str, "x-amz-security-token:<redacted>"));
  g_assert_nonnull (strstr (captured_log->str, "X-Amz-Security-Token=<redacted>"));
  g_assert_null (strstr (captured_log->str, "SECRET"));
  g_string_free (captured_log, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/sigv4/bedrock/converse", test_bedrock_converse);
  g_test_add_func ("/bp/sigv4/bedrock/list-foundation-models", test_bedrock_list_models);
  g_test_add_func ("/bp/sigv4/bedrock/session-token", test_bedrock_session_token);
  g_test_add_func ("/bp/sigv4/config-errors", test_config_errors);
  g_test_add_func ("/bp/sigv4/request-errors", test_request_errors);
  g_test_add_func ("/bp/sigv4/unsigned-headers", test_unsigned_headers);
  g_test_add_func ("/bp/sigv4/resign", test_resign);
  g_test_add_func ("/bp/sigv4/presign-again", test_presign_again);
  g_test_add_func ("/bp/sigv4/uri-encode", test_uri_encode);
  g_test_add_func ("/bp/sigv4/canonical-uri", test_canonical_uri);
  g_test_add_func ("/bp/sigv4/canonical-query", test_canonical_query);
  g_test_add_func ("/bp/sigv4/header-value", test_header_value);
  g_test_add_func ("/bp/sigv4/request-headers", test_request_headers);
  g_test_add_func ("/bp/sigv4/amz-date", test_amz_date);
  g_test_add_func ("/bp/sigv4/sha256", test_sha256);
  g_test_add_func ("/bp/sigv4/log-redaction", test_log_redaction);

  return g_test_run ();
}
