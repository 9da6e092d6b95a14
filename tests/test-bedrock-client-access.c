/* test-bedrock-client-access.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-bedrock-client-private.h"
#include "bp-bedrock-client-test-utils.h"
#include "bp-bedrock-error.h"
#include "bp-fake-bedrock.h"
#include "bp-model-access.h"
#include "bp-test-utils.h"

/* Model access against the fake Bedrock server (suite loopback): the
 * GetFoundationModelAvailability request as it goes over the wire, and
 * checking many models at once (live merges, at most four in flight,
 * stopping on errors no model would escape, cancellation). */

#define HAIKU_45    "anthropic.claude-haiku-4-5-20251001-v1:0"
#define NOVA_PRO    "amazon.nova-pro-v1:0"
#define LLAMA3_70B  "meta.llama3-70b-instruct-v1:0"
#define OPUS_3      "anthropic.claude-3-opus-20240229-v1:0"

/* Twelve models the fake and the bundled catalogue both know, a profile id
 * of one of them (asked once), a model only the catalogue knows (the fake
 * answers 404: skipped) and one nobody knows (not asked). */
static const char * const check_ids[] = {
  HAIKU, "anthropic.claude-3-5-haiku-20241022-v1:0", HAIKU_45,
  "anthropic.claude-sonnet-4-5-20250929-v1:0", "amazon.nova-micro-v1:0", "amazon.nova-lite-v1:0",
  NOVA_PRO, "meta.llama3-1-8b-instruct-v1:0", LLAMA3_70B, "mistral.mistral-7b-instruct-v0:2",
  "mistral.mistral-large-2407-v1:0", "cohere.command-r-v1:0",
  "us.amazon.nova-lite-v1:0", OPUS_3, "acme.unknown-model-v1:0",
  NULL
};

#define N_FAKE_MODELS 12

static BpModelCatalogue *
new_catalogue (void)
{
  BpModelCatalogue *catalogue = bp_model_catalogue_new_builtin ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 8, 21, 12, 0, 0);

  bp_model_catalogue_set_reference_time (catalogue, now);
  return catalogue;
}

static gboolean
run_check (Fixture            *f,
           BpModelCatalogue   *catalogue,
           const char * const *model_ids,
           GCancellable       *cancellable,
           guint              *out_n_checked,
           GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bp_bedrock_client_check_model_access_async (f->client, catalogue, model_ids, cancellable,
                                              result_cb, f);
  result = wait_result (f);
  return bp_bedrock_client_check_model_access_finish (f->client, result, out_n_checked, error);
}

/* The request: a signed GET of the control plane, the id percent-encoded
 * in one path label. */
static void
test_availability_request (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(BpEndpoint) control = NULL;
  g_autoptr(BpEndpoint) runtime = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *model_id = NULL;
  g_autofree char *runtime_url = g_strconcat (bp_fake_bedrock_get_url (f->fake), "/not-the-control-plane", NULL);
  g_autofree char *expected_url = g_strconcat (bp_fake_bedrock_get_url (f->fake),
                                               "/foundation-model-availability/"
                                               "anthropic.claude-3-haiku-20240307-v1%3A0", NULL);
  const BpFakeRequest *sent;
  const char *authorization;

  /* Only the control plane reaches the fake's routes. */
  control = bp_endpoint_parse (bp_fake_bedrock_get_url (f->fake), &error);
  g_assert_no_error (error);
  runtime = bp_endpoint_parse (runtime_url, &error);
  g_assert_no_error (error);
  bp_bedrock_client_set_endpoints (f->client, runtime, control);

  bp_fake_bedrock_set_model_access (f->fake, HAIKU, BP_FAKE_ACCESS_AGREEMENT_PENDING);
  bp_bedrock_client_get_model_availability_async (f->client, HAIKU, NULL, result_cb, f);
  result = wait_result (f);
  body = bp_bedrock_client_get_model_availability_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (body);

  sent = bp_fake_bedrock_get_last_request (f->fake);
  g_assert_cmpstr (sent->operation, ==, BP_FAKE_OP_GET_MODEL_AVAILABILITY);
  g_assert_cmpstr (sent->method, ==, "GET");
  g_assert_cmpstr (sent->path, ==, "/foundation-model-availability/anthropic.claude-3-haiku-20240307-v1%3A0");
  g_assert_null (sent->query);
  g_assert_cmpuint (g_bytes_get_size (sent->body), ==, 0);
  g_assert_null (request_header (sent, "Content-Type"));
  authorization = request_header (sent, "Authorization");
  g_assert_true (g_str_has_prefix (authorization, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
  g_assert_nonnull (strstr (authorization, "/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date,"));
  g_assert_cmpuint (sent->status, ==, 200);

  g_assert_cmpint (bp_model_access_parse (body, &model_id, NULL, &error), ==, BP_MODEL_ACCESS_PENDING);
  g_assert_no_error (error);
  g_assert_cmpstr (model_id, ==, HAIKU);
  g_assert_cmpstr (bp_bedrock_client_get_last_request_url (f->client), ==, expected_url);
}

static void
test_availability_not_found (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  bp_bedrock_client_get_model_availability_async (f->client, OPUS_3, NULL, result_cb, f);
  result = wait_result (f);
  body = bp_bedrock_client_get_model_availability_finish (f->client, result, &error);
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_NOT_FOUND);
  g_assert_null (body);
}

typedef struct
{
  Fixture *f;
  guint    n_before_done;
} LiveData;

/* A row of the picker follows notify::status-text. */
static void
status_text_cb (BpModelInfo *info,
                GParamSpec  *pspec,
                LiveData    *live)
{
  if (live->f->result == NULL)
    live->n_before_done++;
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(BpModelCatalogue) catalogue = new_catalogue ();
  g_autoptr(GError) error = NULL;
  LiveData live = { f, 0 };
  guint n_checked = 0;

  bp_fake_bedrock_set_model_access (f->fake, HAIKU, BP_FAKE_ACCESS_NOT_AUTHORIZED);
  bp_fake_bedrock_set_model_access (f->fake, NOVA_PRO, BP_FAKE_ACCESS_AGREEMENT_PENDING);
  bp_fake_bedrock_set_model_access (f->fake, LLAMA3_70B, BP_FAKE_ACCESS_NOT_IN_REGION);
  /* Answers take a while, so requests overlap as much as the client lets
   * them. */
  bp_fake_bedrock_set_control_delay_ms (f->fake, 150);
  bp_fake_bedrock_reset_stats (f->fake);
  g_signal_connect (bp_model_catalogue_lookup (catalogue, HAIKU), "notify::status-text",
                    G_CALLBACK (status_text_cb), &live);
  g_signal_connect (bp_model_catalogue_lookup (catalogue, NOVA_PRO), "notify::status-text",
                    G_CALLBACK (status_text_cb), &live);

  g_assert_true (run_check (f, catalogue, check_ids, NULL, &n_checked, &error));
  g_assert_no_error (error);

  /* Each base model asked once; the unknown one not at all. */
  g_assert_cmpuint (n_checked, ==, N_FAKE_MODELS);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_GET_MODEL_AVAILABILITY),
                    ==, N_FAKE_MODELS + 1);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, NULL), ==, N_FAKE_MODELS + 1);
  g_assert_cmpuint (bp_fake_bedrock_get_max_in_flight (f->fake), ==, 4);

  /* Rows updated as the answers came, before the whole check was done. */
  g_assert_cmpuint (live.n_before_done, ==, 2);

  g_assert_cmpstr (bp_model_info_get_status_text (bp_model_catalogue_lookup (catalogue, HAIKU)), ==,
                   "No access");
  g_assert_cmpstr (bp_model_info_get_status_text (bp_model_catalogue_lookup (catalogue, NOVA_PRO)), ==,
                   "Access pending");
  g_assert_cmpstr (bp_model_info_get_status_text (bp_model_catalogue_lookup (catalogue, LLAMA3_70B)), ==,
                   "Not in this region");
  g_assert_nonnull (bp_model_info_get_access_explanation (bp_model_catalogue_lookup (catalogue, HAIKU)));
  g_assert_cmpint (bp_model_info_get_access (bp_model_catalogue_lookup (catalogue, HAIKU_45)), ==,
                   BP_MODEL_ACCESS_GRANTED);
  g_assert_cmpstr (bp_model_info_get_status_text (bp_model_catalogue_lookup (catalogue, HAIKU_45)), ==,
                   "Needs an inference profile");
  g_assert_cmpint (bp_model_info_get_access (bp_model_catalogue_lookup (catalogue, "amazon.nova-lite-v1:0")),
                   ==, BP_MODEL_ACCESS_GRANTED);
  g_assert_cmpint (bp_model_info_get_access (bp_model_catalogue_lookup (catalogue, OPUS_3)), ==,
                   BP_MODEL_ACCESS_UNKNOWN);
}

static void
test_check_empty (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(BpModelCatalogue) catalogue = new_catalogue ();
  static const char * const none[] = { NULL };
  static const char * const unknown[] = { "acme.unknown-model-v1:0", NULL };
  g_autoptr(GError) error = NULL;
  guint n_checked = 99;

  g_assert_true (run_check (f, catalogue, NULL, NULL, &n_checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_checked, ==, 0);
  g_assert_true (run_check (f, catalogue, none, NULL, NULL, &error));
  g_assert_no_error (error);
  n_checked = 99;
  g_assert_true (run_check (f, catalogue, unknown, NULL, &n_checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_checked, ==, 0);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, NULL), ==, 0);
}

/* IAM does not allow bedrock:GetFoundationModelAvailability: the first
 * requests fail, no more start, and the check fails with that error. */
static void
test_check_access_denied (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(BpModelCatalogue) catalogue = new_catalogue ();
  g_autoptr(GError) error = NULL;
  guint n_checked = 99;

  bp_fake_bedrock_set_operation_denied (f->fake, BP_FAKE_OP_GET_MODEL_AVAILABILITY, TRUE);
  g_assert_false (run_check (f, catalogue, check_ids, NULL, &n_checked, &error));
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "bedrock:GetFoundationModelAvailability"));
  g_assert_cmpuint (n_checked, ==, 0);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_GET_MODEL_AVAILABILITY), ==, 4);
  g_assert_cmpint (bp_model_info_get_access (bp_model_catalogue_lookup (catalogue, HAIKU)), ==,
                   BP_MODEL_ACCESS_UNKNOWN);
}

/* A wrong secret: the signature fails for every model alike. */
static void
test_check_bad_signature (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(BpModelCatalogue) catalogue = new_catalogue ();
  g_autoptr(GError) error = NULL;

  bp_fake_bedrock_set_credentials (f->fake, BP_FAKE_ACCESS_KEY_ID, "not-the-secret-the-client-has", NULL);
  g_assert_false (run_check (f, catalogue, check_ids, NULL, NULL, &error));
  g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_INVALID_CREDENTIALS);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_GET_MODEL_AVAILABILITY), <, N_FAKE_MODELS);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_check_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(BpModelCatalogue) catalogue = new_catalogue ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint n_checked = 99;

  /* Cancelled while the first four wait for their answers. */
  bp_fake_bedrock_set_control_delay_ms (f->fake, 2000);
  g_timeout_add (100, cancel_cb, cancellable);
  g_assert_false (run_check (f, catalogue, check_ids, cancellable, &n_checked, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_checked, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1500 * 1000);
  g_assert_cmpuint (bp_fake_bedrock_get_request_count (f->fake, BP_FAKE_OP_GET_MODEL_AVAILABILITY), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/bp/bedrock-client/access/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("request", test_availability_request);
  ADD ("not-found", test_availability_not_found);
  ADD ("check", test_check);
  ADD ("check-empty", test_check_empty);
  ADD ("check-access-denied", test_check_access_denied);
  ADD ("check-bad-signature", test_check_bad_signature);
  ADD ("check-cancel", test_check_cancel);

#undef ADD

  return g_test_run ();
}
