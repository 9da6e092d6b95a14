/* test-model-access.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-model-access.h"
#include "bp-model-catalogue.h"
#include "bp-test-utils.h"

/* Model access: GetFoundationModelAvailability answers parsed into a
 * BpModelAccess, merged into the catalogue, and the status texts and
 * explanations the model picker shows (unit suite; the client and the fake
 * are in test-bedrock-client-access.c and test-fake-bedrock.c). */

#define HAIKU_3    "anthropic.claude-3-haiku-20240307-v1:0"
#define HAIKU_45   "anthropic.claude-haiku-4-5-20251001-v1:0"
#define MISTRAL_7B "mistral.mistral-7b-instruct-v0:2"
#define SONNET_37  "anthropic.claude-3-7-sonnet-20250219-v1:0"
#define OPUS_46    "anthropic.claude-opus-4-6-v1"

/* What the fake answers for BpFakeAccess, and more. */
#define GRANTED_BODY(id) \
  "{\"modelId\":\"" id "\",\"agreementAvailability\":{\"status\":\"AVAILABLE\"}," \
  "\"authorizationStatus\":\"AUTHORIZED\",\"entitlementAvailability\":\"AVAILABLE\"," \
  "\"regionAvailability\":\"AVAILABLE\"}"
#define NOT_GRANTED_BODY(id) \
  "{\"modelId\":\"" id "\",\"agreementAvailability\":{\"status\":\"NOT_AVAILABLE\"}," \
  "\"authorizationStatus\":\"NOT_AUTHORIZED\",\"entitlementAvailability\":\"NOT_AVAILABLE\"," \
  "\"regionAvailability\":\"AVAILABLE\"}"
#define PENDING_BODY(id) \
  "{\"modelId\":\"" id "\",\"agreementAvailability\":{\"status\":\"PENDING\"}," \
  "\"authorizationStatus\":\"AUTHORIZED\",\"entitlementAvailability\":\"NOT_AVAILABLE\"," \
  "\"regionAvailability\":\"AVAILABLE\"}"
#define NOT_IN_REGION_BODY(id) \
  "{\"modelId\":\"" id "\",\"agreementAvailability\":{\"status\":\"NOT_AVAILABLE\"}," \
  "\"authorizationStatus\":\"AUTHORIZED\",\"entitlementAvailability\":\"NOT_AVAILABLE\"," \
  "\"regionAvailability\":\"NOT_AVAILABLE\"}"
#define ERROR_BODY(id) \
  "{\"modelId\":\"" id "\",\"agreementAvailability\":{\"status\":\"ERROR\"," \
  "\"errorMessage\":\"Agreement could not be verified.\"},\"authorizationStatus\":\"AUTHORIZED\"," \
  "\"entitlementAvailability\":\"AVAILABLE\",\"regionAvailability\":\"AVAILABLE\"}"

typedef struct
{
  const char    *body;
  BpModelAccess  expected;
  const char    *model_id;       /* NULL: none expected */
  const char    *error_message;  /* NULL: none expected */
} ParseCase;

static const ParseCase parse_cases[] = {
  { GRANTED_BODY (HAIKU_3), BP_MODEL_ACCESS_GRANTED, HAIKU_3, NULL },
  { NOT_GRANTED_BODY (HAIKU_3), BP_MODEL_ACCESS_NOT_GRANTED, HAIKU_3, NULL },
  { PENDING_BODY (HAIKU_3), BP_MODEL_ACCESS_PENDING, HAIKU_3, NULL },
  { NOT_IN_REGION_BODY (HAIKU_3), BP_MODEL_ACCESS_NOT_IN_REGION, HAIKU_3, NULL },
  { ERROR_BODY (HAIKU_3), BP_MODEL_ACCESS_ERROR, HAIKU_3, "Agreement could not be verified." },
  /* Each refusal alone is enough. */
  { "{\"authorizationStatus\":\"NOT_AUTHORIZED\",\"entitlementAvailability\":\"AVAILABLE\"}",
    BP_MODEL_ACCESS_NOT_GRANTED, NULL, NULL },
  { "{\"authorizationStatus\":\"AUTHORIZED\",\"entitlementAvailability\":\"NOT_AVAILABLE\"}",
    BP_MODEL_ACCESS_NOT_GRANTED, NULL, NULL },
  { "{\"agreementAvailability\":{\"status\":\"NOT_AVAILABLE\"},\"authorizationStatus\":\"AUTHORIZED\"}",
    BP_MODEL_ACCESS_NOT_GRANTED, NULL, NULL },
  /* The region wins over everything, the agreement's state over refusals. */
  { "{\"agreementAvailability\":{\"status\":\"ERROR\",\"errorMessage\":\"x\"},"
    "\"regionAvailability\":\"NOT_AVAILABLE\"}", BP_MODEL_ACCESS_NOT_IN_REGION, NULL, "x" },
  { "{\"agreementAvailability\":{\"status\":\"ERROR\"},\"authorizationStatus\":\"NOT_AUTHORIZED\"}",
    BP_MODEL_ACCESS_ERROR, NULL, NULL },
  { "{\"agreementAvailability\":{\"status\":\"PENDING\"},\"authorizationStatus\":\"NOT_AUTHORIZED\"}",
    BP_MODEL_ACCESS_PENDING, NULL, NULL },
  /* One positive answer and nothing against. */
  { "{\"authorizationStatus\":\"AUTHORIZED\"}", BP_MODEL_ACCESS_GRANTED, NULL, NULL },
  { "{\"entitlementAvailability\":\"AVAILABLE\",\"authorizationStatus\":\"SOMETHING_NEW\"}",
    BP_MODEL_ACCESS_GRANTED, NULL, NULL },
  /* Nothing said about access. */
  { "{}", BP_MODEL_ACCESS_UNKNOWN, NULL, NULL },
  { "{\"modelId\":\"" HAIKU_3 "\",\"regionAvailability\":\"AVAILABLE\"}",
    BP_MODEL_ACCESS_UNKNOWN, HAIKU_3, NULL },
  { "{\"modelId\":\"\",\"authorizationStatus\":\"MAYBE\","
    "\"agreementAvailability\":{\"status\":\"SOMETHING_NEW\"},\"regionAvailability\":\"LATER\"}",
    BP_MODEL_ACCESS_UNKNOWN, NULL, NULL },
  /* Wrong types say nothing either. */
  { "{\"modelId\":5,\"authorizationStatus\":true,\"agreementAvailability\":\"AVAILABLE\","
    "\"entitlementAvailability\":[\"AVAILABLE\"],\"regionAvailability\":null}",
    BP_MODEL_ACCESS_UNKNOWN, NULL, NULL },
  { "{\"agreementAvailability\":{\"status\":\"ERROR\",\"errorMessage\":7}}",
    BP_MODEL_ACCESS_ERROR, NULL, NULL },
};

static void
test_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      g_autoptr(GBytes) body = g_bytes_new_static (c->body, strlen (c->body));
      g_autofree char *model_id = NULL;
      g_autofree char *error_message = NULL;
      g_autoptr(GError) error = NULL;
      BpModelAccess access;

      g_test_message ("case %u: %s", i, c->body);
      access = bp_model_access_parse (body, &model_id, &error_message, &error);
      g_assert_no_error (error);
      g_assert_cmpint (access, ==, c->expected);
      g_assert_cmpstr (model_id, ==, c->model_id);
      g_assert_cmpstr (error_message, ==, c->error_message);

      /* The out arguments are optional. */
      g_assert_cmpint (bp_model_access_parse (body, NULL, NULL, NULL), ==, c->expected);
    }
}

static void
test_parse_errors (void)
{
  static const char * const bodies[] = { "", "not json", "[]", "\"GRANTED\"", "{\"modelId\":" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (bodies[i], strlen (bodies[i]));
      /* Not owned: the out arguments are overwritten, never freed. */
      char *model_id = (char *) "stale";
      char *error_message = (char *) "stale";
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_cmpint (bp_model_access_parse (body, &model_id, &error_message, &error), ==,
                       BP_MODEL_ACCESS_UNKNOWN);
      g_assert_error (error, BP_MODEL_CATALOGUE_ERROR, BP_MODEL_CATALOGUE_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, "GetFoundationModelAvailability"));
      g_assert_null (model_id);
      g_assert_null (error_message);
    }
}

static BpModelCatalogue *
builtin_at_price_date (void)
{
  BpModelCatalogue *cat = bp_model_catalogue_new_builtin ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 8, 21, 12, 0, 0);

  bp_model_catalogue_set_reference_time (cat, now);
  return cat;
}

static void
merge (BpModelCatalogue *cat,
       const char       *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_model_catalogue_merge_availability (cat, bytes, &error));
  g_assert_no_error (error);
}

typedef struct
{
  guint access;
  guint status_text;
} Notified;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  Notified *notified = user_data;

  if (g_str_equal (pspec->name, "access"))
    notified->access++;
  else if (g_str_equal (pspec->name, "status-text"))
    notified->status_text++;
}

static void
changed_cb (BpModelCatalogue *cat,
            gpointer          user_data)
{
  guint *changed = user_data;

  (*changed)++;
}

static void
test_merge (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  BpModelInfo *haiku3 = bp_model_catalogue_lookup (cat, HAIKU_3);
  Notified notified = { 0, };
  guint changed = 0;
  int access = -1;

  g_signal_connect (haiku3, "notify", G_CALLBACK (notify_cb), &notified);
  g_signal_connect (cat, "changed", G_CALLBACK (changed_cb), &changed);
  g_assert_cmpint (bp_model_info_get_access (haiku3), ==, BP_MODEL_ACCESS_UNKNOWN);
  g_assert_null (bp_model_info_get_access_explanation (haiku3));

  merge (cat, NOT_GRANTED_BODY (HAIKU_3));
  g_assert_cmpint (bp_model_info_get_access (haiku3), ==, BP_MODEL_ACCESS_NOT_GRANTED);
  g_assert_cmpstr (bp_model_info_get_status_text (haiku3), ==, "No access");
  g_assert_nonnull (strstr (bp_model_info_get_access_explanation (haiku3), "“Model access”"));
  g_assert_cmpuint (notified.access, ==, 1);
  g_assert_cmpuint (notified.status_text, ==, 1);
  g_object_get (haiku3, "access", &access, NULL);
  g_assert_cmpint (access, ==, BP_MODEL_ACCESS_NOT_GRANTED);

  /* The same answer again changes nothing. */
  merge (cat, NOT_GRANTED_BODY (HAIKU_3));
  g_assert_cmpuint (notified.access, ==, 1);
  g_assert_cmpuint (notified.status_text, ==, 1);

  /* A profile id names its base model. */
  merge (cat, PENDING_BODY ("us." HAIKU_3));
  g_assert_cmpint (bp_model_info_get_access (haiku3), ==, BP_MODEL_ACCESS_PENDING);
  g_assert_cmpstr (bp_model_info_get_status_text (haiku3), ==, "Access pending");
  g_assert_cmpuint (notified.access, ==, 2);
  g_assert_cmpuint (notified.status_text, ==, 2);

  merge (cat, GRANTED_BODY (HAIKU_3));
  g_assert_cmpint (bp_model_info_get_access (haiku3), ==, BP_MODEL_ACCESS_GRANTED);
  g_assert_null (bp_model_info_get_status_text (haiku3));
  g_assert_null (bp_model_info_get_access_explanation (haiku3));
  g_assert_cmpuint (notified.access, ==, 3);
  g_assert_cmpuint (notified.status_text, ==, 3);

  /* The lists did not change. */
  g_assert_cmpuint (changed, ==, 0);

  /* Another region: unknown again, until asked. */
  merge (cat, NOT_GRANTED_BODY (HAIKU_3));
  bp_model_catalogue_forget_access (cat);
  g_assert_cmpint (bp_model_info_get_access (haiku3), ==, BP_MODEL_ACCESS_UNKNOWN);
  g_assert_null (bp_model_info_get_status_text (haiku3));
  g_assert_cmpuint (notified.access, ==, 5);
  g_assert_cmpuint (notified.status_text, ==, 5);
}

static void
test_merge_unknown_and_errors (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  g_autoptr(GBytes) bad = g_bytes_new_static ("<html>", 6);
  g_autoptr(GError) error = NULL;
  guint n_models = bp_model_catalogue_get_n_models (cat);
  BpModelInfo *haiku3 = bp_model_catalogue_lookup (cat, HAIKU_3);

  /* Models the catalogue does not know, and answers without a modelId,
   * are no error and add nothing. */
  merge (cat, NOT_GRANTED_BODY ("acme.unknown-model-v1:0"));
  merge (cat, "{\"authorizationStatus\":\"NOT_AUTHORIZED\"}");
  g_assert_cmpuint (bp_model_catalogue_get_n_models (cat), ==, n_models);
  g_assert_null (bp_model_catalogue_lookup (cat, "acme.unknown-model-v1:0"));
  g_assert_cmpint (bp_model_info_get_access (haiku3), ==, BP_MODEL_ACCESS_UNKNOWN);

  g_assert_false (bp_model_catalogue_merge_availability (cat, bad, &error));
  g_assert_error (error, BP_MODEL_CATALOGUE_ERROR, BP_MODEL_CATALOGUE_ERROR_INVALID_DATA);
  g_assert_cmpint (bp_model_info_get_access (haiku3), ==, BP_MODEL_ACCESS_UNKNOWN);
}

static void
test_status_precedence (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  BpModelInfo *haiku3 = bp_model_catalogue_lookup (cat, HAIKU_3);
  BpModelInfo *haiku45 = bp_model_catalogue_lookup (cat, HAIKU_45);
  BpModelInfo *mistral7b = bp_model_catalogue_lookup (cat, MISTRAL_7B);
  BpModelInfo *sonnet37 = bp_model_catalogue_lookup (cat, SONNET_37);
  BpModelInfo *opus46 = bp_model_catalogue_lookup (cat, OPUS_46);

  /* Before: what the lifecycle and invocation say. */
  g_assert_cmpstr (bp_model_info_get_status_text (sonnet37), ==, "Retired");
  g_assert_cmpstr (bp_model_info_get_status_text (mistral7b), ==, "Legacy");
  g_assert_cmpstr (bp_model_info_get_status_text (opus46), ==, "Unverified");
  g_assert_cmpstr (bp_model_info_get_status_text (haiku45), ==, "Needs an inference profile");

  merge (cat, NOT_GRANTED_BODY (SONNET_37));
  merge (cat, PENDING_BODY (MISTRAL_7B));
  merge (cat, NOT_IN_REGION_BODY (OPUS_46));
  merge (cat, ERROR_BODY (HAIKU_45));
  merge (cat, GRANTED_BODY (HAIKU_3));

  /* Retired wins over access; access over legacy, unverified and needs a
   * profile. */
  g_assert_cmpstr (bp_model_info_get_status_text (sonnet37), ==, "Retired");
  g_assert_cmpint (bp_model_info_get_access (sonnet37), ==, BP_MODEL_ACCESS_NOT_GRANTED);
  g_assert_cmpstr (bp_model_info_get_status_text (mistral7b), ==, "Access pending");
  g_assert_cmpstr (bp_model_info_get_status_text (opus46), ==, "Not in this region");
  g_assert_cmpstr (bp_model_info_get_status_text (haiku45), ==, "Access unknown");
  g_assert_null (bp_model_info_get_status_text (haiku3));

  /* Granted says nothing, so the other notes come back. */
  merge (cat, GRANTED_BODY (MISTRAL_7B));
  merge (cat, GRANTED_BODY (HAIKU_45));
  g_assert_cmpstr (bp_model_info_get_status_text (mistral7b), ==, "Legacy");
  g_assert_cmpstr (bp_model_info_get_status_text (haiku45), ==, "Needs an inference profile");
}

static void
test_explanations (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  BpModelInfo *haiku3 = bp_model_catalogue_lookup (cat, HAIKU_3);
  Notified notified = { 0, };
  g_autofree char *name = g_enum_to_string (BP_TYPE_MODEL_ACCESS, BP_MODEL_ACCESS_NOT_IN_REGION);
  const char *text;

  merge (cat, PENDING_BODY (HAIKU_3));
  text = bp_model_info_get_access_explanation (haiku3);
  g_assert_nonnull (strstr (text, "few minutes"));
  g_assert_nonnull (strstr (text, "refresh"));

  merge (cat, NOT_IN_REGION_BODY (HAIKU_3));
  text = bp_model_info_get_access_explanation (haiku3);
  g_assert_nonnull (strstr (text, "region in Preferences"));
  g_assert_nonnull (strstr (text, "cross-region inference profile"));

  merge (cat, NOT_GRANTED_BODY (HAIKU_3));
  text = bp_model_info_get_access_explanation (haiku3);
  g_assert_nonnull (strstr (text, "Amazon Bedrock console"));
  g_assert_nonnull (strstr (text, "use-case form"));
  g_assert_nonnull (strstr (text, "Marketplace"));

  /* The service's message is part of an error's explanation; a new
   * message is a change. */
  merge (cat, ERROR_BODY (HAIKU_3));
  text = bp_model_info_get_access_explanation (haiku3);
  g_assert_nonnull (strstr (text, "“Agreement could not be verified.”"));
  g_signal_connect (haiku3, "notify", G_CALLBACK (notify_cb), &notified);
  merge (cat, "{\"modelId\":\"" HAIKU_3 "\",\"agreementAvailability\":{\"status\":\"ERROR\"}}");
  text = bp_model_info_get_access_explanation (haiku3);
  g_assert_null (strstr (text, "Agreement could not be verified."));
  g_assert_nonnull (strstr (text, "could not check access"));
  g_assert_cmpuint (notified.access, ==, 1);

  /* The texts of each access. */
  g_assert_null (bp_model_access_get_status_text (BP_MODEL_ACCESS_UNKNOWN));
  g_assert_null (bp_model_access_get_status_text (BP_MODEL_ACCESS_GRANTED));
  g_assert_null (bp_model_access_dup_explanation (BP_MODEL_ACCESS_UNKNOWN, "ignored"));
  g_assert_null (bp_model_access_dup_explanation (BP_MODEL_ACCESS_GRANTED, NULL));
  g_assert_cmpstr (name, ==, "BP_MODEL_ACCESS_NOT_IN_REGION");
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/model-access/parse", test_parse);
  g_test_add_func ("/bp/model-access/parse-errors", test_parse_errors);
  g_test_add_func ("/bp/model-access/merge", test_merge);
  g_test_add_func ("/bp/model-access/merge-unknown-and-errors", test_merge_unknown_and_errors);
  g_test_add_func ("/bp/model-access/status-precedence", test_status_precedence);
  g_test_add_func ("/bp/model-access/explanations", test_explanations);

  return g_test_run ();
}
