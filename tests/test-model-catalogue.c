/* test-model-catalogue.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "bp-model-catalogue.h"
#include "bp-model-id.h"
#include "bp-pricing.h"
#include "bp-test-utils.h"

#define HAIKU_3   "anthropic.claude-3-haiku-20240307-v1:0"
#define HAIKU_45  "anthropic.claude-haiku-4-5-20251001-v1:0"
#define SONNET_4  "anthropic.claude-sonnet-4-20250514-v1:0"
#define NOVA_LITE "amazon.nova-lite-v1:0"
#define CANVAS    "amazon.nova-canvas-v1:0"

/* Every id of wire format §8.1 and §8.3. */
static const char * const established_ids[] = {
  HAIKU_3, "anthropic.claude-3-opus-20240229-v1:0", "anthropic.claude-3-5-sonnet-20240620-v1:0",
  "anthropic.claude-3-5-sonnet-20241022-v2:0", "anthropic.claude-3-5-haiku-20241022-v1:0",
  "anthropic.claude-3-7-sonnet-20250219-v1:0", SONNET_4, "anthropic.claude-opus-4-20250514-v1:0",
  "anthropic.claude-opus-4-1-20250805-v1:0", "anthropic.claude-sonnet-4-5-20250929-v1:0", HAIKU_45,
  "anthropic.claude-opus-4-5-20251101-v1:0", "amazon.nova-micro-v1:0", NOVA_LITE,
  "amazon.nova-pro-v1:0", "amazon.nova-premier-v1:0", "amazon.nova-2-lite-v1:0",
  "meta.llama3-8b-instruct-v1:0", "meta.llama3-70b-instruct-v1:0",
  "meta.llama3-1-8b-instruct-v1:0", "meta.llama3-1-70b-instruct-v1:0",
  "meta.llama3-2-1b-instruct-v1:0", "meta.llama3-2-3b-instruct-v1:0",
  "meta.llama3-2-11b-instruct-v1:0", "meta.llama3-2-90b-instruct-v1:0",
  "meta.llama3-3-70b-instruct-v1:0", "meta.llama4-scout-17b-instruct-v1:0",
  "meta.llama4-maverick-17b-instruct-v1:0", "mistral.mistral-7b-instruct-v0:2",
  "mistral.mixtral-8x7b-instruct-v0:1", "mistral.mistral-large-2402-v1:0",
  "mistral.mistral-small-2402-v1:0", "mistral.mistral-large-2407-v1:0",
  "mistral.pixtral-large-2502-v1:0", "cohere.command-r-v1:0", "cohere.command-r-plus-v1:0",
  "deepseek.r1-v1:0", "openai.gpt-oss-20b-1:0", "openai.gpt-oss-120b-1:0",
  "amazon.titan-text-express-v1", "amazon.titan-text-lite-v1", "qwen.qwen3-32b-v1:0",
  "qwen.qwen3-coder-480b-a35b-v1:0",
  "amazon.titan-image-generator-v1", "amazon.titan-image-generator-v2:0", CANVAS,
  "stability.sd3-5-large-v1:0", "stability.stable-image-core-v1:1",
  "stability.stable-image-ultra-v1:1",
};

static BpModelCatalogue *
builtin_at_price_date (void)
{
  BpModelCatalogue *cat = bp_model_catalogue_new_builtin ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 8, 21, 12, 0, 0);

  bp_model_catalogue_set_reference_time (cat, now);
  return cat;
}

static void
merge_file (BpModelCatalogue *cat,
            const char       *name)
{
  g_autoptr(GBytes) json = bp_test_read_data ("catalogue", name, NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_str_has_prefix (name, "list-foundation"))
    ok = bp_model_catalogue_merge_foundation_models (cat, json, &error);
  else
    ok = bp_model_catalogue_merge_inference_profiles (cat, json, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static BpModelCatalogue *
merged_us_east_1 (void)
{
  BpModelCatalogue *cat = builtin_at_price_date ();

  merge_file (cat, "list-foundation-models.json");
  merge_file (cat, "list-inference-profiles-1.json");
  merge_file (cat, "list-inference-profiles-2.json");
  return cat;
}

static void
test_model_id (void)
{
  g_autofree char *a = bp_model_id_get_base_id ("us." HAIKU_45);
  g_autofree char *b = bp_model_id_get_base_id ("arn:aws:bedrock:eu-west-1::foundation-model/" HAIKU_45);
  g_autofree char *c = bp_model_id_get_base_id ("arn:aws:bedrock:eu-west-1:123456789012:"
                                                "inference-profile/eu." HAIKU_45);
  g_autofree char *d = bp_model_id_get_base_id ("arn:aws:bedrock:us-east-1:123456789012:"
                                                "application-inference-profile/abcd1234efgh");
  g_autofree char *e = bp_model_id_get_geo_prefix ("us-gov." HAIKU_45);
  g_autofree char *f = bp_model_id_get_geo_prefix (HAIKU_45);
  g_autofree char *g = bp_model_id_get_base_id (HAIKU_45);

  g_assert_cmpstr (a, ==, HAIKU_45);
  g_assert_cmpstr (b, ==, HAIKU_45);
  g_assert_cmpstr (c, ==, HAIKU_45);
  g_assert_null (d);
  g_assert_cmpstr (e, ==, "us-gov");
  g_assert_null (f);
  g_assert_cmpstr (g, ==, HAIKU_45);
  g_assert_true (bp_model_id_is_geo_prefix ("apac"));
  g_assert_false (bp_model_id_is_geo_prefix ("amazon"));
}

static void
test_builtin (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "models.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) resource = NULL;
  gsize len;

  /* The resource is the file, and every model of it loaded. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  resource = g_resources_lookup_data (BP_MODEL_CATALOGUE_RESOURCE, 0, NULL);
  g_assert_nonnull (resource);
  g_assert_cmpmem (g_bytes_get_data (resource, NULL), g_bytes_get_size (resource), contents, len);
  g_assert_cmpuint (bp_model_catalogue_get_n_models (cat), ==, 74);

  g_assert_cmpstr (bp_model_catalogue_get_price_date (cat), ==, "2026-08-21");
  g_assert_cmpstr (bp_model_catalogue_get_currency (cat), ==, "USD");
  g_assert_nonnull (bp_model_catalogue_get_source (cat));

  for (guint i = 0; i < G_N_ELEMENTS (established_ids); i++)
    {
      BpModelInfo *info = bp_model_catalogue_lookup (cat, established_ids[i]);

      g_test_message ("%s", established_ids[i]);
      g_assert_nonnull (info);
      g_assert_cmpstr (bp_model_info_get_id (info), ==, established_ids[i]);
      g_assert_false (bp_model_info_is_unverified (info));
      g_assert_false (bp_model_info_is_live (info));
      g_assert_cmpuint (g_strv_length ((char **) bp_model_info_get_output_modalities (info)), ==, 1);
    }
}

static void
test_builtin_details (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  BpModelInfo *haiku3 = bp_model_catalogue_lookup (cat, HAIKU_3);
  BpModelInfo *haiku45 = bp_model_catalogue_lookup (cat, HAIKU_45);
  BpModelInfo *mistral7b = bp_model_catalogue_lookup (cat, "mistral.mistral-7b-instruct-v0:2");
  BpModelInfo *sonnet37 = bp_model_catalogue_lookup (cat, "anthropic.claude-3-7-sonnet-20250219-v1:0");
  BpModelInfo *opus46 = bp_model_catalogue_lookup (cat, "anthropic.claude-opus-4-6-v1");
  BpModelInfo *canvas = bp_model_catalogue_lookup (cat, CANVAS);
  static const char * const haiku45_prefixes[] = { "global", "us", "eu", "jp", "au", NULL };

  g_assert_cmpstr (bp_model_info_get_name (haiku45), ==, "Claude Haiku 4.5");
  g_assert_cmpstr (bp_model_info_get_provider (haiku45), ==, "Anthropic");
  g_assert_cmpstr (bp_model_info_get_family (haiku45), ==, "anthropic-claude");
  g_assert_cmpuint (bp_model_info_get_context_window (haiku45), ==, 200000);
  g_assert_cmpuint (bp_model_info_get_max_output_tokens (haiku45), ==, 64000);
  g_assert_true (bp_model_info_get_streaming (haiku45));
  g_assert_true (bp_model_info_has_input_modality (haiku45, "IMAGE"));
  g_assert_true (bp_model_info_get_temperature_xor_top_p (haiku45));
  g_assert_false (bp_model_info_get_temperature_xor_top_p (haiku3));
  g_assert_true (bp_model_info_accepts_parameter (haiku45, "reasoning"));
  g_assert_true (bp_model_info_accepts_parameter (haiku45, "top_k"));
  g_assert_false (bp_model_info_accepts_parameter (haiku3, "reasoning"));
  g_assert_false (bp_model_info_accepts_parameter (mistral7b, "system"));
  g_assert_false (bp_model_info_accepts_parameter (haiku45, "no_such_parameter"));
  g_assert_cmpint (bp_model_info_get_invoke (haiku45), ==, BP_MODEL_INVOKE_PROFILE);
  g_assert_cmpint (bp_model_info_get_invoke (haiku3), ==, BP_MODEL_INVOKE_BASE_OR_PROFILE);
  g_assert_cmpstrv (bp_model_info_get_profile_prefixes (haiku45), haiku45_prefixes);
  g_assert_nonnull (bp_model_info_get_notes (haiku45));

  g_assert_cmpstr (bp_model_info_get_status_text (haiku45), ==, "Needs an inference profile");
  g_assert_null (bp_model_info_get_status_text (haiku3));
  g_assert_cmpstr (bp_model_info_get_status_text (sonnet37), ==, "Retired");
  g_assert_nonnull (bp_model_info_get_end_of_life (sonnet37));
  g_assert_cmpint (g_date_time_get_year (bp_model_info_get_end_of_life (sonnet37)), ==, 2026);
  g_assert_cmpstr (bp_model_info_get_status_text (mistral7b), ==, "Legacy");
  g_assert_cmpstr (bp_model_info_get_status_text (opus46), ==, "Unverified");
  g_assert_true (bp_model_info_is_unverified (opus46));

  g_assert_true (bp_model_info_has_output_modality (canvas, "IMAGE"));
  g_assert_false (bp_model_info_get_streaming (canvas));

  /* GObject properties for list item expressions. */
  {
    g_autofree char *name = NULL;
    g_autofree char *status = NULL;

    g_object_get (haiku45, "name", &name, "status-text", &status, NULL);
    g_assert_cmpstr (name, ==, "Claude Haiku 4.5");
    g_assert_cmpstr (status, ==, "Needs an inference profile");
  }
}

static void
test_lookup (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  BpModelInfo *haiku45 = bp_model_catalogue_lookup (cat, HAIKU_45);
  static const char * const spellings[] = {
    "us." HAIKU_45, "global." HAIKU_45, "eu." HAIKU_45, "jp." HAIKU_45, "apac." HAIKU_45,
    "arn:aws:bedrock:us-east-1::foundation-model/" HAIKU_45,
    "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu." HAIKU_45,
  };

  g_assert_nonnull (haiku45);
  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    g_assert_true (bp_model_catalogue_lookup (cat, spellings[i]) == haiku45);

  g_assert_null (bp_model_catalogue_lookup (cat, "anthropic.claude-9"));
  g_assert_null (bp_model_catalogue_lookup (cat, "xx." HAIKU_45));
  g_assert_null (bp_model_catalogue_lookup (cat, "arn:aws:bedrock:us-east-1:123456789012:"
                                                 "application-inference-profile/abcd1234efgh"));
}

static gboolean
list_contains (GListModel *list,
               const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(BpModelInfo) info = g_list_model_get_item (list, i);

      if (g_str_equal (bp_model_info_get_id (info), id))
        return TRUE;
    }

  return FALSE;
}

static void
test_list (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  g_autoptr(GListModel) images = bp_model_catalogue_list (cat, NULL, "IMAGE", BP_MODEL_LIST_DEFAULT);
  g_autoptr(GListModel) claude = bp_model_catalogue_list (cat, "anthropic", "TEXT", BP_MODEL_LIST_DEFAULT);
  g_autoptr(GListModel) claude_all = bp_model_catalogue_list (cat, "Anthropic", NULL,
                                                              BP_MODEL_LIST_INCLUDE_RETIRED |
                                                              BP_MODEL_LIST_INCLUDE_UNVERIFIED);
  g_autoptr(GListModel) everything = bp_model_catalogue_list (cat, NULL, NULL,
                                                              BP_MODEL_LIST_INCLUDE_RETIRED |
                                                              BP_MODEL_LIST_INCLUDE_UNVERIFIED);

  g_assert_cmpuint (g_list_model_get_n_items (everything), ==, bp_model_catalogue_get_n_models (cat));

  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 9);
  g_assert_true (list_contains (images, CANVAS));
  g_assert_true (list_contains (images, "stability.sd3-5-large-v1:0"));
  g_assert_false (list_contains (images, HAIKU_45));

  /* Retired and unverified models only when asked for. */
  g_assert_true (list_contains (claude, HAIKU_45));
  g_assert_false (list_contains (claude, "anthropic.claude-3-7-sonnet-20250219-v1:0"));
  g_assert_false (list_contains (claude, "anthropic.claude-opus-4-6-v1"));
  g_assert_true (list_contains (claude_all, "anthropic.claude-3-7-sonnet-20250219-v1:0"));
  g_assert_true (list_contains (claude_all, "anthropic.claude-opus-4-6-v1"));
  g_assert_false (list_contains (claude_all, NOVA_LITE));

  /* Sorted by name within a provider. */
  for (guint i = 1; i < g_list_model_get_n_items (claude_all); i++)
    {
      g_autoptr(BpModelInfo) a = g_list_model_get_item (claude_all, i - 1);
      g_autoptr(BpModelInfo) b = g_list_model_get_item (claude_all, i);

      g_assert_cmpint (g_utf8_collate (bp_model_info_get_name (a), bp_model_info_get_name (b)), <=, 0);
    }
}

static void
changed_cb (BpModelCatalogue *cat,
            guint            *count)
{
  (*count)++;
}

static void
test_merge_foundation_models (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  guint n_before = bp_model_catalogue_get_n_models (cat);
  guint changed = 0;
  BpModelInfo *info;

  g_signal_connect (cat, "changed", G_CALLBACK (changed_cb), &changed);
  merge_file (cat, "list-foundation-models.json");
  g_assert_cmpuint (changed, ==, 1);

  /* Two unknown models added; the provisioned-only variant skipped. */
  g_assert_cmpuint (bp_model_catalogue_get_n_models (cat), ==, n_before + 2);
  g_assert_null (bp_model_catalogue_lookup (cat, HAIKU_3 ":200k"));

  info = bp_model_catalogue_lookup (cat, "acme.new-model-v1:0");
  g_assert_nonnull (info);
  g_assert_cmpstr (bp_model_info_get_name (info), ==, "Acme New Model");
  g_assert_cmpstr (bp_model_info_get_provider (info), ==, "Acme");
  g_assert_true (bp_model_info_is_live (info));
  g_assert_false (bp_model_info_get_streaming (info));
  g_assert_cmpint (bp_model_info_get_invoke (info), ==, BP_MODEL_INVOKE_BASE);
  g_assert_true (bp_model_info_accepts_parameter (info, "temperature"));
  g_assert_false (bp_model_info_accepts_parameter (info, "top_k"));
  g_assert_cmpfloat (bp_pricing_estimate_text (info, NULL, 1000, 1000), <, 0);

  info = bp_model_catalogue_lookup (cat, "zeta.reasoner-v2:0");
  g_assert_cmpint (bp_model_info_get_invoke (info), ==, BP_MODEL_INVOKE_PROFILE);
  g_assert_cmpint (bp_model_info_get_lifecycle (info), ==, BP_MODEL_LIFECYCLE_ACTIVE);
  g_assert_cmpuint (g_strv_length ((char **) bp_model_info_get_input_modalities (info)), ==, 0);

  /* The live lifecycle wins: the catalogue's retired Claude 3 Opus is
   * legacy, 3.5 Sonnet is past its end of life, v2 is not yet. */
  info = bp_model_catalogue_lookup (cat, "anthropic.claude-3-opus-20240229-v1:0");
  g_assert_cmpint (bp_model_info_get_lifecycle (info), ==, BP_MODEL_LIFECYCLE_LEGACY);
  info = bp_model_catalogue_lookup (cat, "anthropic.claude-3-5-sonnet-20240620-v1:0");
  g_assert_cmpint (bp_model_info_get_lifecycle (info), ==, BP_MODEL_LIFECYCLE_RETIRED);
  g_assert_cmpstr (bp_model_info_get_status_text (info), ==, "Retired");
  info = bp_model_catalogue_lookup (cat, "anthropic.claude-3-5-sonnet-20241022-v2:0");
  g_assert_cmpint (bp_model_info_get_lifecycle (info), ==, BP_MODEL_LIFECYCLE_LEGACY);
  g_assert_cmpint (g_date_time_get_month (bp_model_info_get_end_of_life (info)), ==, 12);

  /* A catalogue name stays; the service confirms an unverified id. */
  info = bp_model_catalogue_lookup (cat, "anthropic.claude-opus-4-6-v1");
  g_assert_false (bp_model_info_is_unverified (info));
  g_assert_true (bp_model_info_is_live (info));
  g_assert_cmpstr (bp_model_info_get_status_text (info), ==, "Needs an inference profile");

  info = bp_model_catalogue_lookup (cat, NOVA_LITE);
  g_assert_cmpint (bp_model_info_get_invoke (info), ==, BP_MODEL_INVOKE_BASE_OR_PROFILE);
  g_assert_cmpstr (bp_model_info_get_name (info), ==, "Nova Lite");
}

static void
test_merge_inference_profiles (void)
{
  g_autoptr(BpModelCatalogue) cat = merged_us_east_1 ();
  BpModelInfo *haiku45 = bp_model_catalogue_lookup (cat, HAIKU_45);
  static const char * const haiku45_profiles[] = {
    "us." HAIKU_45, "global." HAIKU_45, NULL,
  };
  BpModelInfo *info;

  g_assert_cmpstrv (bp_model_info_get_profile_ids (haiku45), haiku45_profiles);

  /* Application profiles resolve by ARN and id, but are not offered. */
  g_assert_true (bp_model_catalogue_lookup (cat, "arn:aws:bedrock:us-east-1:123456789012:"
                                                 "application-inference-profile/abcd1234efgh") == haiku45);
  g_assert_true (bp_model_catalogue_lookup (cat, "abcd1234efgh") == haiku45);
  g_assert_null (bp_model_catalogue_lookup (cat, "zzz"));

  /* A model only a profile names is added, profile-only. */
  info = bp_model_catalogue_lookup (cat, "us.writer.palmyra-x9-v1:0");
  g_assert_nonnull (info);
  g_assert_cmpstr (bp_model_info_get_id (info), ==, "writer.palmyra-x9-v1:0");
  g_assert_cmpstr (bp_model_info_get_name (info), ==, "Writer Palmyra X9");
  g_assert_cmpstr (bp_model_info_get_provider (info), ==, "Writer");
  g_assert_true (bp_model_info_needs_inference_profile (info));
  g_assert_false (bp_model_info_is_live (info));

  /* The live name wins for a model the catalogue did not know. */
  info = bp_model_catalogue_lookup (cat, "us.zeta.reasoner-v2:0");
  g_assert_cmpstr (bp_model_info_get_name (info), ==, "Zeta Reasoner 2");
}

static void
test_merge_errors (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  guint n = bp_model_catalogue_get_n_models (cat);
  const char *bodies[] = { "", "<html>", "[]", "{\"modelSummaries\": {}}", "{\"other\": []}" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) json = g_bytes_new_static (bodies[i], strlen (bodies[i]));
      g_autoptr(GError) error = NULL;

      g_assert_false (bp_model_catalogue_merge_foundation_models (cat, json, &error));
      g_assert_error (error, BP_MODEL_CATALOGUE_ERROR, BP_MODEL_CATALOGUE_ERROR_INVALID_DATA);
      g_clear_error (&error);
      g_assert_false (bp_model_catalogue_merge_inference_profiles (cat, json, &error));
      g_assert_error (error, BP_MODEL_CATALOGUE_ERROR, BP_MODEL_CATALOGUE_ERROR_INVALID_DATA);
    }

  g_assert_cmpuint (bp_model_catalogue_get_n_models (cat), ==, n);
}

static void
test_load_errors (void)
{
  const char *bodies[] = {
    "{\"models\": [{\"id\": \"a\", \"name\": \"A\", \"provider\": \"P\", \"invoke\": \"base\","
    " \"lifecycle\": \"ACTIVE\"}, {\"id\": \"a\", \"name\": \"A\", \"provider\": \"P\","
    " \"invoke\": \"base\", \"lifecycle\": \"ACTIVE\"}]}",
    "{\"models\": [{\"id\": \"a\", \"name\": \"A\", \"provider\": \"P\", \"invoke\": \"maybe\","
    " \"lifecycle\": \"ACTIVE\"}]}",
    "{\"models\": [{\"id\": \"a\", \"name\": \"A\", \"provider\": \"P\", \"invoke\": \"base\","
    " \"lifecycle\": \"ACTIVE\", \"parameters\": [\"temprature\"]}]}",
    "{\"models\": [{\"id\": \"a\", \"provider\": \"P\"}]}",
    "{\"models\": [{\"id\": \"a\", \"name\": \"A\", \"provider\": \"P\", \"invoke\": \"base\","
    " \"lifecycle\": \"ACTIVE\", \"prices\": {\"per_image\": [{\"usd\": \"cheap\"}]}}]}",
    "{\"models\": [1]}",
    "{\"price_date\": \"2026-01-01\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(BpModelCatalogue) cat = bp_model_catalogue_new ();
      g_autoptr(GBytes) json = g_bytes_new_static (bodies[i], strlen (bodies[i]));
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_false (bp_model_catalogue_load_from_bytes (cat, json, &error));
      g_assert_error (error, BP_MODEL_CATALOGUE_ERROR, BP_MODEL_CATALOGUE_ERROR_INVALID_DATA);
    }
}

typedef struct
{
  const char *model;
  const char *region;
  const char *expected;
} PickCase;

static void
check_picks (BpModelCatalogue *cat,
             const PickCase   *cases,
             gsize             n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *id = bp_model_catalogue_pick_invoke_id (cat, cases[i].model, cases[i].region);

      g_test_message ("%s in %s", cases[i].model, cases[i].region);
      g_assert_cmpstr (id, ==, cases[i].expected);
    }
}

static void
test_pick_offline (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  static const PickCase cases[] = {
    /* On-demand models keep their base id. */
    { HAIKU_3, "us-east-1", HAIKU_3 },
    { HAIKU_3, "ap-northeast-1", HAIKU_3 },
    { NOVA_LITE, "eu-west-1", NOVA_LITE },
    { "meta.llama3-8b-instruct-v1:0", "us-west-2", "meta.llama3-8b-instruct-v1:0" },
    /* Profile-only models get the region's geography. */
    { HAIKU_45, "us-east-1", "us." HAIKU_45 },
    { HAIKU_45, "us-west-2", "us." HAIKU_45 },
    { HAIKU_45, "eu-west-1", "eu." HAIKU_45 },
    { HAIKU_45, "ap-northeast-1", "jp." HAIKU_45 },
    { HAIKU_45, "ap-southeast-2", "au." HAIKU_45 },
    { "amazon.nova-2-lite-v1:0", "ap-northeast-1", "jp.amazon.nova-2-lite-v1:0" },
    { SONNET_4, "ap-northeast-1", "apac." SONNET_4 },
    { SONNET_4, "ap-south-1", "apac." SONNET_4 },
    { "anthropic.claude-3-7-sonnet-20250219-v1:0", "ap-southeast-2",
      "apac.anthropic.claude-3-7-sonnet-20250219-v1:0" },
    { "anthropic.claude-opus-4-5-20251101-v1:0", "eu-central-1",
      "eu.anthropic.claude-opus-4-5-20251101-v1:0" },
    /* global. only when no regional profile exists. */
    { HAIKU_45, "ap-south-1", "global." HAIKU_45 },
    { HAIKU_45, "ca-central-1", "global." HAIKU_45 },
    { HAIKU_45, NULL, "global." HAIKU_45 },
    /* No profile known at all: the base id, and the service explains. */
    { "amazon.nova-premier-v1:0", "ap-northeast-1", "amazon.nova-premier-v1:0" },
    { "anthropic.claude-3-5-haiku-20241022-v1:0", "eu-west-1",
      "anthropic.claude-3-5-haiku-20241022-v1:0" },
    /* Explicit profiles, ARNs and unknown ids are left alone. */
    { "eu." HAIKU_45, "us-east-1", "eu." HAIKU_45 },
    { "arn:aws:bedrock:us-east-1::foundation-model/" HAIKU_3, "us-east-1",
      "arn:aws:bedrock:us-east-1::foundation-model/" HAIKU_3 },
    { "acme.unknown-v1:0", "us-east-1", "acme.unknown-v1:0" },
  };

  check_picks (cat, cases, G_N_ELEMENTS (cases));
}

static void
test_pick_live (void)
{
  g_autoptr(BpModelCatalogue) cat = merged_us_east_1 ();
  static const PickCase cases[] = {
    { HAIKU_45, "us-east-1", "us." HAIKU_45 },
    /* The live list (here: us. and global. only) beats the catalogue. */
    { HAIKU_45, "ap-northeast-1", "global." HAIKU_45 },
    { HAIKU_45, "eu-west-1", "global." HAIKU_45 },
    /* Canada is a source of US profiles, known from the live list. */
    { HAIKU_45, "ca-central-1", "us." HAIKU_45 },
    { "zeta.reasoner-v2:0", "us-east-1", "us.zeta.reasoner-v2:0" },
    { "writer.palmyra-x9-v1:0", "us-east-2", "us.writer.palmyra-x9-v1:0" },
    { "meta.llama3-3-70b-instruct-v1:0", "us-east-1", "us.meta.llama3-3-70b-instruct-v1:0" },
    { NOVA_LITE, "us-east-1", NOVA_LITE },
    { "acme.new-model-v1:0", "us-east-1", "acme.new-model-v1:0" },
    /* Profile-only in the catalogue, no live profile listed: base id. */
    { "anthropic.claude-opus-4-1-20250805-v1:0", "us-east-1",
      "anthropic.claude-opus-4-1-20250805-v1:0" },
  };

  check_picks (cat, cases, G_N_ELEMENTS (cases));
}

static void
test_pricing_text (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  BpModelInfo *haiku45 = bp_model_catalogue_lookup (cat, HAIKU_45);
  BpModelInfo *haiku3 = bp_model_catalogue_lookup (cat, HAIKU_3);
  BpModelInfo *micro = bp_model_catalogue_lookup (cat, "amazon.nova-micro-v1:0");
  BpModelInfo *ministral = bp_model_catalogue_lookup (cat, "mistral.ministral-3-8b-instruct");
  double in = 0, out = 0;

  /* Claude Haiku 4.5: global 1 / 5, regional profiles 10 % more. */
  g_assert_cmpfloat_with_epsilon (bp_pricing_estimate_text (haiku45, "global." HAIKU_45,
                                                            1000000, 1000000), 6.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (bp_pricing_estimate_text (haiku45, "us." HAIKU_45,
                                                            1000000, 1000000), 6.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (bp_pricing_estimate_text (haiku45, "global." HAIKU_45, 1000, 500),
                                  0.0035, 1e-12);
  g_assert_cmpfloat_with_epsilon (bp_pricing_estimate_text (haiku45, "eu." HAIKU_45, 1000, 500),
                                  0.00385, 1e-12);
  g_assert_true (bp_model_info_get_text_prices (haiku45, TRUE, &in, &out));
  g_assert_cmpfloat (in, ==, 1.0);
  g_assert_cmpfloat (out, ==, 5.0);

  /* One price for everything when there is no global one. */
  g_assert_cmpfloat_with_epsilon (bp_pricing_estimate_text (haiku3, HAIKU_3, 2000, 1000),
                                  0.00175, 1e-12);
  g_assert_cmpfloat_with_epsilon (bp_pricing_estimate_text (haiku3, "global." HAIKU_3, 2000, 1000),
                                  0.00175, 1e-12);
  g_assert_cmpfloat_with_epsilon (bp_pricing_estimate_text (micro, NULL, 1000000, 0), 0.035, 1e-12);
  g_assert_cmpfloat (bp_pricing_estimate_text (micro, NULL, 0, 0), ==, 0.0);

  g_assert_cmpfloat (bp_pricing_estimate_text (ministral, NULL, 1000, 1000), <, 0);
  g_assert_cmpfloat (bp_pricing_estimate_text (NULL, HAIKU_3, 1000, 1000), <, 0);
}

static void
test_pricing_image (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  BpModelInfo *canvas = bp_model_catalogue_lookup (cat, CANVAS);
  BpModelInfo *titan = bp_model_catalogue_lookup (cat, "amazon.titan-image-generator-v2:0");
  BpModelInfo *sd35 = bp_model_catalogue_lookup (cat, "stability.sd3-5-large-v1:0");
  BpModelInfo *sd3 = bp_model_catalogue_lookup (cat, "stability.sd3-large-v1:0");
  const struct {
    BpModelInfo    *info;
    guint           width, height;
    BpImageQuality  quality;
    guint           n;
    double          usd;
  } cases[] = {
    { canvas, 1024, 1024, BP_IMAGE_QUALITY_STANDARD, 1, 0.04 },
    { canvas, 0, 0, BP_IMAGE_QUALITY_STANDARD, 1, 0.04 },
    { canvas, 1024, 1024, BP_IMAGE_QUALITY_PREMIUM, 1, 0.06 },
    { canvas, 1280, 720, BP_IMAGE_QUALITY_PREMIUM, 1, 0.06 },
    { canvas, 2048, 2048, BP_IMAGE_QUALITY_STANDARD, 1, 0.06 },
    { canvas, 2048, 1024, BP_IMAGE_QUALITY_PREMIUM, 2, 0.16 },
    { canvas, 1024, 1024, BP_IMAGE_QUALITY_STANDARD, 3, 0.12 },
    { canvas, 4096, 2048, BP_IMAGE_QUALITY_STANDARD, 1, -1 },
    { titan, 512, 512, BP_IMAGE_QUALITY_STANDARD, 1, 0.008 },
    { titan, 384, 576, BP_IMAGE_QUALITY_PREMIUM, 1, 0.01 },
    { titan, 1024, 1024, BP_IMAGE_QUALITY_PREMIUM, 1, 0.012 },
    { titan, 1408, 768, BP_IMAGE_QUALITY_STANDARD, 5, 0.05 },
    { sd35, 0, 0, BP_IMAGE_QUALITY_STANDARD, 1, 0.08 },
    { sd3, 0, 0, BP_IMAGE_QUALITY_STANDARD, 1, -1 },
    { NULL, 0, 0, BP_IMAGE_QUALITY_STANDARD, 1, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double usd = bp_pricing_estimate_image (cases[i].info, cases[i].width, cases[i].height,
                                              cases[i].quality, cases[i].n);

      g_test_message ("case %u", i);
      if (cases[i].usd < 0)
        g_assert_cmpfloat (usd, <, 0);
      else
        g_assert_cmpfloat_with_epsilon (usd, cases[i].usd, 1e-12);
    }
}

static void
test_pricing_format (void)
{
  g_autoptr(BpModelCatalogue) cat = builtin_at_price_date ();
  g_autoptr(BpModelCatalogue) empty = bp_model_catalogue_new ();
  g_autofree char *note = bp_pricing_format_price_note (cat);
  g_autofree char *empty_note = bp_pricing_format_price_note (empty);
  const struct {
    double      usd;
    const char *text;
  } cases[] = {
    { 0.0042, "$0.0042" }, { 0.00386, "$0.0039" }, { 0.00004, "<$0.0001" },
    { 0.0001, "$0.0001" }, { 0, "$0.00" }, { 0.5, "$0.5000" }, { 1.0, "$1.00" },
    { 12.3456, "$12.35" }, { 1234.5, "$1234.50" }, { -1, "—" }, { NAN, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = bp_pricing_format_usd (cases[i].usd);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  g_assert_cmpstr (note, ==, "Estimated with prices as of 2026-08-21");
  g_assert_cmpstr (empty_note, ==, "Estimated with bundled reference prices");
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/model-catalogue/model-id", test_model_id);
  g_test_add_func ("/bp/model-catalogue/builtin", test_builtin);
  g_test_add_func ("/bp/model-catalogue/builtin-details", test_builtin_details);
  g_test_add_func ("/bp/model-catalogue/lookup", test_lookup);
  g_test_add_func ("/bp/model-catalogue/list", test_list);
  g_test_add_func ("/bp/model-catalogue/merge/foundation-models", test_merge_foundation_models);
  g_test_add_func ("/bp/model-catalogue/merge/inference-profiles", test_merge_inference_profiles);
  g_test_add_func ("/bp/model-catalogue/merge/errors", test_merge_errors);
  g_test_add_func ("/bp/model-catalogue/load-errors", test_load_errors);
  g_test_add_func ("/bp/model-catalogue/pick/offline", test_pick_offline);
  g_test_add_func ("/bp/model-catalogue/pick/live", test_pick_live);
  g_test_add_func ("/bp/pricing/text", test_pricing_text);
  g_test_add_func ("/bp/pricing/image", test_pricing_image);
  g_test_add_func ("/bp/pricing/format", test_pricing_format);

  return g_test_run ();
}
