/* test-image-request.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "bp-image-request.h"
#include "bp-test-utils.h"

#define TITAN_V1 "amazon.titan-image-generator-v1"
#define TITAN_V2 "amazon.titan-image-generator-v2:0"
#define NOVA     "amazon.nova-canvas-v1:0"
#define SD35     "stability.sd3-5-large-v1:0"
#define CORE     "stability.stable-image-core-v1:1"
#define ULTRA    "stability.stable-image-ultra-v1:1"
#define SD3      "stability.sd3-large-v1:0"

#define TITAN_SIZES "1024×1024, 768×768, 512×512, 768×1152, 384×576, 1152×768, 576×384, " \
  "768×1280, 384×640, 1280×768, 640×384, 896×1152, 448×576, 1152×896, 576×448, " \
  "768×1408, 384×704, 1408×768, 704×384, 640×1408, 320×704, 1408×640, 704×320, " \
  "1152×640, 1173×640"
#define RATIOS "16:9, 1:1, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21"

/* Family detection ------------------------------------------------------- */

static void
test_family (void)
{
  static const struct {
    const char    *id;
    BpImageFamily  family;
  } cases[] = {
    { TITAN_V1, BP_IMAGE_FAMILY_TITAN_V1 },
    { "amazon.titan-image-generator-v1:0", BP_IMAGE_FAMILY_TITAN_V1 },
    { TITAN_V2, BP_IMAGE_FAMILY_TITAN_V2 },
    { NOVA, BP_IMAGE_FAMILY_NOVA_CANVAS },
    { "us.amazon.nova-canvas-v1:0", BP_IMAGE_FAMILY_NOVA_CANVAS },
    { "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-canvas-v1:0",
      BP_IMAGE_FAMILY_NOVA_CANVAS },
    { "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-canvas-v1:0",
      BP_IMAGE_FAMILY_NOVA_CANVAS },
    { SD35, BP_IMAGE_FAMILY_STABILITY_SD35 },
    { CORE, BP_IMAGE_FAMILY_STABILITY_CORE },
    { "stability.stable-image-core-v1:0", BP_IMAGE_FAMILY_STABILITY_CORE },
    { ULTRA, BP_IMAGE_FAMILY_STABILITY_ULTRA },
    { SD3, BP_IMAGE_FAMILY_STABILITY_SD3_LARGE },
    { "anthropic.claude-3-haiku-20240307-v1:0", BP_IMAGE_FAMILY_UNKNOWN },
    { "amazon.nova-pro-v1:0", BP_IMAGE_FAMILY_UNKNOWN },
    { "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc",
      BP_IMAGE_FAMILY_UNKNOWN },
    { "", BP_IMAGE_FAMILY_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (bp_image_family_from_model_id (cases[i].id), ==, cases[i].family);

  g_assert_true (bp_image_family_is_stability (BP_IMAGE_FAMILY_STABILITY_SD3_LARGE));
  g_assert_false (bp_image_family_is_stability (BP_IMAGE_FAMILY_NOVA_CANVAS));
  g_assert_cmpstr (bp_image_family_get_name (BP_IMAGE_FAMILY_TITAN_V2), ==,
                   "Titan Image Generator v2");
}

/* Validation ------------------------------------------------------------- */

typedef struct
{
  const char     *path;
  const char     *model_id;
  const char     *unit;       /* repeated prompt_len times; NULL: a short prompt */
  guint           prompt_len;
  guint           negative_len;
  guint           n_images;   /* 0: the default */
  guint           width;
  guint           height;
  const char     *aspect;
  gboolean        has_seed;
  gint64          seed;
  gboolean        has_cfg;
  double          cfg;
  BpImageQuality  quality;
  BpImageFormat   format;
  int             code;       /* -1: valid */
  const char     *message;
} ValidationCase;

#define OK (-1)
#define INVALID BP_IMAGE_REQUEST_ERROR_INVALID_PARAMETER

static const ValidationCase validation_cases[] = {
  { "titan/defaults", TITAN_V2, .code = OK },
  { "titan/every-size", TITAN_V2, .width = 1173, .height = 640, .code = OK },
  { "titan/width", TITAN_V2, .width = 1000, .height = 1000, .code = INVALID,
    .message = "Width 1000 is not allowed for Titan Image Generator v2: sizes are " TITAN_SIZES "." },
  { "titan/height", TITAN_V2, .width = 1024, .height = 700, .code = INVALID,
    .message = "Height 700 is not allowed for Titan Image Generator v2: sizes are " TITAN_SIZES "." },
  { "titan/pair", TITAN_V2, .width = 1024, .height = 768, .code = INVALID,
    .message = "Size 1024×768 is not allowed for Titan Image Generator v2: sizes are " TITAN_SIZES "." },
  { "titan/v1-name", TITAN_V1, .width = 1024, .height = 768, .code = INVALID,
    .message = "Size 1024×768 is not allowed for Titan Image Generator v1: sizes are " TITAN_SIZES "." },
  { "titan/empty-prompt", TITAN_V2, .unit = "", .prompt_len = 1, .code = INVALID,
    .message = "The prompt is empty: describe the image for Titan Image Generator v2." },
  { "titan/prompt-512", TITAN_V2, .unit = "é", .prompt_len = 512, .code = OK },
  { "titan/prompt-513", TITAN_V2, .unit = "é", .prompt_len = 513, .code = INVALID,
    .message = "The prompt is 513 characters long, but Titan Image Generator v2 accepts at most 512 characters." },
  { "titan/negative-513", TITAN_V2, .negative_len = 513, .code = INVALID,
    .message = "The negative prompt is 513 characters long, but Titan Image Generator v2 accepts at most 512 characters." },
  { "titan/n-0", TITAN_V2, .n_images = G_MAXUINT, .code = INVALID,
    .message = "Number of images 0 is not allowed for Titan Image Generator v2: choose 1 to 5." },
  { "titan/n-5", TITAN_V2, .n_images = 5, .code = OK },
  { "titan/n-6", TITAN_V2, .n_images = 6, .code = INVALID,
    .message = "Number of images 6 is not allowed for Titan Image Generator v2: choose 1 to 5." },
  { "titan/cfg-1.1", TITAN_V2, .has_cfg = TRUE, .cfg = 1.1, .code = OK },
  { "titan/cfg-10", TITAN_V2, .has_cfg = TRUE, .cfg = 10.0, .code = OK },
  { "titan/cfg-1", TITAN_V2, .has_cfg = TRUE, .cfg = 1.0, .code = INVALID,
    .message = "CFG scale 1 is not allowed for Titan Image Generator v2: choose 1.1 to 10.0." },
  { "titan/cfg-10.5", TITAN_V2, .has_cfg = TRUE, .cfg = 10.5, .code = INVALID,
    .message = "CFG scale 10.5 is not allowed for Titan Image Generator v2: choose 1.1 to 10.0." },
  { "titan/seed-0", TITAN_V2, .has_seed = TRUE, .seed = 0, .code = OK },
  { "titan/seed-max", TITAN_V2, .has_seed = TRUE, .seed = 2147483646, .code = OK },
  { "titan/seed-over", TITAN_V2, .has_seed = TRUE, .seed = 2147483647, .code = INVALID,
    .message = "Seed 2147483647 is not allowed for Titan Image Generator v2: choose 0 to 2147483646." },
  { "titan/seed-negative", TITAN_V2, .has_seed = TRUE, .seed = -1, .code = INVALID,
    .message = "Seed -1 is not allowed for Titan Image Generator v2: choose 0 to 2147483646." },
  { "titan/aspect", TITAN_V2, .aspect = "16:9", .code = INVALID,
    .message = "Aspect ratio 16:9 is not a parameter of Titan Image Generator v2: choose a width and height instead." },
  { "titan/jpeg", TITAN_V2, .format = BP_IMAGE_FORMAT_JPEG, .code = INVALID,
    .message = "Titan Image Generator v2 makes PNG images only: choose PNG as the output format." },
  { "titan/premium", TITAN_V1, .quality = BP_IMAGE_QUALITY_PREMIUM, .code = OK },

  { "nova/2048", NOVA, .width = 2048, .height = 2048, .code = OK },
  { "nova/4-to-1", NOVA, .width = 1280, .height = 320, .code = OK },
  { "nova/4096x1024", NOVA, .width = 4096, .height = 1024, .code = OK },
  { "nova/profile-id", "us." NOVA, .width = 1280, .height = 720, .code = OK },
  { "nova/pixels", NOVA, .width = 4096, .height = 1040, .code = INVALID,
    .message = "Size 4096×1040 is not allowed for Nova Canvas: it has 4259840 pixels and the limit is 4194304 (2048×2048)." },
  { "nova/width-small", NOVA, .width = 304, .height = 1024, .code = INVALID,
    .message = "Width 304 is not allowed for Nova Canvas: each side must be 320 to 4096 pixels." },
  { "nova/height-large", NOVA, .width = 1024, .height = 4112, .code = INVALID,
    .message = "Height 4112 is not allowed for Nova Canvas: each side must be 320 to 4096 pixels." },
  { "nova/width-multiple", NOVA, .width = 1000, .height = 1024, .code = INVALID,
    .message = "Width 1000 is not allowed for Nova Canvas: each side must be a multiple of 16." },
  { "nova/height-multiple", NOVA, .width = 1024, .height = 1000, .code = INVALID,
    .message = "Height 1000 is not allowed for Nova Canvas: each side must be a multiple of 16." },
  { "nova/aspect-ratio", NOVA, .width = 320, .height = 1296, .code = INVALID,
    .message = "Size 320×1296 is not allowed for Nova Canvas: the aspect ratio must be between 1:4 and 4:1." },
  { "nova/prompt-1024", NOVA, .unit = "x", .prompt_len = 1024, .code = OK },
  { "nova/prompt-1025", NOVA, .unit = "x", .prompt_len = 1025, .code = INVALID,
    .message = "The prompt is 1025 characters long, but Nova Canvas accepts at most 1024 characters." },
  { "nova/seed-max", NOVA, .has_seed = TRUE, .seed = 858993459, .code = OK },
  { "nova/seed-over", NOVA, .has_seed = TRUE, .seed = 858993460, .code = INVALID,
    .message = "Seed 858993460 is not allowed for Nova Canvas: choose 0 to 858993459." },
  { "nova/cfg", NOVA, .has_cfg = TRUE, .cfg = 1.05, .code = INVALID,
    .message = "CFG scale 1.05 is not allowed for Nova Canvas: choose 1.1 to 10.0." },

  { "stability/defaults", SD35, .code = OK },
  { "stability/aspect", SD35, .aspect = "21:9", .code = OK },
  { "stability/jpeg", CORE, .format = BP_IMAGE_FORMAT_JPEG, .code = OK },
  { "stability/bad-aspect", SD35, .aspect = "4:3", .code = INVALID,
    .message = "Aspect ratio 4:3 is not allowed for Stable Diffusion 3.5 Large: choose one of " RATIOS "." },
  { "stability/size", CORE, .width = 1024, .height = 1024, .code = INVALID,
    .message = "Stable Image Core does not take a width and height (1024×1024): choose an aspect ratio instead (" RATIOS ")." },
  { "stability/n-2", ULTRA, .n_images = 2, .code = INVALID,
    .message = "Number of images 2 is not allowed for Stable Image Ultra: it makes exactly 1 image per request." },
  { "stability/seed-max", ULTRA, .has_seed = TRUE, .seed = G_GINT64_CONSTANT (4294967294), .code = OK },
  { "stability/seed-over", ULTRA, .has_seed = TRUE, .seed = G_GINT64_CONSTANT (4294967295), .code = INVALID,
    .message = "Seed 4294967295 is not allowed for Stable Image Ultra: choose 0 to 4294967294." },
  { "stability/prompt-10000", SD3, .unit = "y", .prompt_len = 10000, .code = OK },
  { "stability/prompt-10001", SD3, .unit = "y", .prompt_len = 10001, .code = INVALID,
    .message = "The prompt is 10001 characters long, but Stable Diffusion 3 Large accepts at most 10000 characters." },
  { "stability/cfg", CORE, .has_cfg = TRUE, .cfg = 7.0, .code = INVALID,
    .message = "CFG scale is not a parameter of Stable Image Core: leave it unset." },
  { "stability/premium", CORE, .quality = BP_IMAGE_QUALITY_PREMIUM, .code = INVALID,
    .message = "Premium quality is not available for Stable Image Core: choose standard quality." },

  { "unknown-model", "anthropic.claude-3-haiku-20240307-v1:0",
    .code = BP_IMAGE_REQUEST_ERROR_UNKNOWN_MODEL,
    .message = "“anthropic.claude-3-haiku-20240307-v1:0” is not an image model this app knows: "
               "choose Titan Image Generator, Nova Canvas or a Stability AI model." },
};

static char *
repeat (const char *unit,
        guint       n)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (str, unit);

  return g_string_free (str, FALSE);
}

static BpImageRequest *
request_from_case (const ValidationCase *vc)
{
  BpImageRequest *req = bp_image_request_new (vc->model_id);
  g_autofree char *prompt = NULL;
  g_autofree char *negative = NULL;

  prompt = vc->unit != NULL ? repeat (vc->unit, vc->prompt_len) : g_strdup ("a lighthouse at dusk");
  bp_image_request_set_prompt (req, prompt);
  if (vc->negative_len > 0)
    {
      negative = repeat ("n", vc->negative_len);
      bp_image_request_set_negative_prompt (req, negative);
    }
  if (vc->n_images == G_MAXUINT)
    bp_image_request_set_n_images (req, 0);
  else if (vc->n_images > 0)
    bp_image_request_set_n_images (req, vc->n_images);
  if (vc->width > 0)
    bp_image_request_set_size (req, vc->width, vc->height);
  bp_image_request_set_aspect_ratio (req, vc->aspect);
  if (vc->has_seed)
    bp_image_request_set_seed (req, vc->seed);
  if (vc->has_cfg)
    bp_image_request_set_cfg_scale (req, vc->cfg);
  bp_image_request_set_quality (req, vc->quality);
  bp_image_request_set_output_format (req, vc->format);

  return req;
}

static void
test_validate (gconstpointer data)
{
  const ValidationCase *vc = data;
  g_autoptr(BpImageRequest) req = request_from_case (vc);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = bp_image_request_validate (req, &error);
  if (vc->code == OK)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }

  g_assert_error (error, BP_IMAGE_REQUEST_ERROR, vc->code);
  g_assert_false (ok);
  g_assert_cmpstr (error->message, ==, vc->message);
}

static void
test_validate_nan (void)
{
  g_autoptr(BpImageRequest) req = bp_image_request_new (NOVA);
  g_autoptr(GError) error = NULL;

  bp_image_request_set_prompt (req, "x");
  bp_image_request_set_cfg_scale (req, NAN);
  g_assert_false (bp_image_request_validate (req, &error));
  g_assert_error (error, BP_IMAGE_REQUEST_ERROR, BP_IMAGE_REQUEST_ERROR_INVALID_PARAMETER);
}

static void
test_presets_validate (void)
{
  const BpImageSize *sizes;
  gsize n;

  sizes = bp_image_nova_canvas_presets (&n);
  g_assert_cmpuint (n, ==, 17);
  g_assert_cmpuint (sizes[0].width, ==, 1024);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(BpImageRequest) req = bp_image_request_new (NOVA);
      g_autoptr(GError) error = NULL;

      bp_image_request_set_prompt (req, "x");
      bp_image_request_set_size (req, sizes[i].width, sizes[i].height);
      bp_image_request_validate (req, &error);
      g_assert_no_error (error);
    }

  sizes = bp_image_titan_sizes (&n);
  g_assert_cmpuint (n, ==, 25);
  g_assert_cmpuint (sizes[0].width, ==, 1024);
  g_assert_cmpuint (sizes[0].height, ==, 1024);
  g_assert_cmpuint (sizes[24].width, ==, 1173);

  g_assert_cmpuint (g_strv_length ((char **) bp_image_stability_aspect_ratios ()), ==, 9);
}

/* Bodies ----------------------------------------------------------------- */

static void
assert_body (BpImageRequest *req,
             const char     *expected)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *str = NULL;

  bp_image_request_validate (req, &error);
  g_assert_no_error (error);

  body = bp_image_request_build_body (req);
  str = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_assert_cmpstr (str, ==, expected);

  /* And it is JSON. */
  json_parser_load_from_data (parser, str, -1, &error);
  g_assert_no_error (error);
}

static void
test_body_titan_v1 (void)
{
  g_autoptr(BpImageRequest) req = bp_image_request_new (TITAN_V1);

  bp_image_request_set_prompt (req, "a lighthouse at dusk, oil painting");
  bp_image_request_set_negative_prompt (req, "people");
  bp_image_request_set_size (req, 1024, 1024);
  bp_image_request_set_cfg_scale (req, 8.0);
  bp_image_request_set_seed (req, 42);
  assert_body (req,
               "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"a lighthouse at dusk, oil painting\","
               "\"negativeText\":\"people\"},\"imageGenerationConfig\":{\"numberOfImages\":1,"
               "\"width\":1024,\"height\":1024,\"cfgScale\":8.0,\"seed\":42,\"quality\":\"standard\"}}");
}

static void
test_body_titan_v2 (void)
{
  g_autoptr(BpImageRequest) req = bp_image_request_new (TITAN_V2);

  /* An empty negative prompt is left out; the size defaults to 1024². */
  bp_image_request_set_prompt (req, "a cat");
  bp_image_request_set_negative_prompt (req, "");
  bp_image_request_set_n_images (req, 2);
  bp_image_request_set_quality (req, BP_IMAGE_QUALITY_PREMIUM);
  bp_image_request_set_cfg_scale (req, 1.1);
  assert_body (req,
               "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"a cat\"},"
               "\"imageGenerationConfig\":{\"numberOfImages\":2,\"width\":1024,\"height\":1024,"
               "\"cfgScale\":1.1,\"quality\":\"premium\"}}");
}

static void
test_body_nova (void)
{
  g_autoptr(BpImageRequest) req = bp_image_request_new (NOVA);

  bp_image_request_set_prompt (req, "a \"quoted\" word\nnext\ttab \\ é 등대 \x01");
  bp_image_request_set_negative_prompt (req, "blur");
  bp_image_request_set_size (req, 1280, 720);
  bp_image_request_set_cfg_scale (req, 6.5);
  bp_image_request_set_seed (req, 12);
  assert_body (req,
               "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":"
               "\"a \\\"quoted\\\" word\\nnext\\ttab \\\\ é 등대 \\u0001\",\"negativeText\":\"blur\"},"
               "\"imageGenerationConfig\":{\"numberOfImages\":1,\"width\":1280,\"height\":720,"
               "\"cfgScale\":6.5,\"seed\":12,\"quality\":\"standard\"}}");
}

static void
test_body_sd35 (void)
{
  g_autoptr(BpImageRequest) req = bp_image_request_new (SD35);

  bp_image_request_set_prompt (req, "a lighthouse at dusk");
  bp_image_request_set_negative_prompt (req, "people");
  bp_image_request_set_aspect_ratio (req, "16:9");
  bp_image_request_set_seed (req, 0);
  assert_body (req,
               "{\"prompt\":\"a lighthouse at dusk\",\"negative_prompt\":\"people\","
               "\"mode\":\"text-to-image\",\"aspect_ratio\":\"16:9\",\"seed\":0,"
               "\"output_format\":\"png\"}");
}

static void
test_body_core (void)
{
  g_autoptr(BpImageRequest) req = bp_image_request_new (CORE);

  bp_image_request_set_prompt (req, "a fox");
  bp_image_request_set_output_format (req, BP_IMAGE_FORMAT_JPEG);
  assert_body (req, "{\"prompt\":\"a fox\",\"aspect_ratio\":\"1:1\",\"output_format\":\"jpeg\"}");
}

static void
test_body_ultra (void)
{
  g_autoptr(BpImageRequest) req = bp_image_request_new (ULTRA);

  bp_image_request_set_prompt (req, "a fox");
  bp_image_request_set_aspect_ratio (req, "9:21");
  bp_image_request_set_seed (req, G_GINT64_CONSTANT (4294967294));
  assert_body (req,
               "{\"prompt\":\"a fox\",\"aspect_ratio\":\"9:21\",\"seed\":4294967294,"
               "\"output_format\":\"png\"}");
}

static void
test_body_sd3_large (void)
{
  g_autoptr(BpImageRequest) req = bp_image_request_new (SD3);

  bp_image_request_set_prompt (req, "a fox");
  assert_body (req,
               "{\"prompt\":\"a fox\",\"mode\":\"text-to-image\",\"aspect_ratio\":\"1:1\","
               "\"output_format\":\"png\"}");
}

static void
test_copy_and_accessors (void)
{
  g_autoptr(BpImageRequest) req = bp_image_request_new (TITAN_V2);
  g_autoptr(BpImageRequest) copy = NULL;
  guint w = 0, h = 0;
  double cfg = 0;
  gint64 seed = 0;

  g_assert_false (bp_image_request_get_size (req, &w, &h));
  g_assert_false (bp_image_request_get_seed (req, &seed));
  g_assert_false (bp_image_request_get_cfg_scale (req, &cfg));
  g_assert_cmpuint (bp_image_request_get_n_images (req), ==, 1);

  bp_image_request_set_prompt (req, "p");
  bp_image_request_set_size (req, 768, 768);
  bp_image_request_set_seed (req, 7);
  bp_image_request_set_cfg_scale (req, 9.5);
  copy = bp_image_request_copy (req);
  bp_image_request_set_prompt (req, "changed");
  bp_image_request_unset_seed (req);
  bp_image_request_unset_size (req);
  bp_image_request_unset_cfg_scale (req);

  g_assert_cmpstr (bp_image_request_get_prompt (copy), ==, "p");
  g_assert_true (bp_image_request_get_size (copy, &w, &h));
  g_assert_cmpuint (w, ==, 768);
  g_assert_true (bp_image_request_get_seed (copy, &seed));
  g_assert_cmpint (seed, ==, 7);
  g_assert_true (bp_image_request_get_cfg_scale (copy, &cfg));
  g_assert_cmpfloat (cfg, ==, 9.5);
  g_assert_false (bp_image_request_get_seed (req, NULL));
  g_assert_false (bp_image_request_get_size (req, NULL, NULL));

  bp_image_request_set_model_id (copy, NOVA);
  g_assert_cmpint (bp_image_request_get_family (copy), ==, BP_IMAGE_FAMILY_NOVA_CANVAS);
}

static void
test_describe_for_png (void)
{
  g_autoptr(BpImageRequest) req = bp_image_request_new (SD35);
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) values = NULL;
  static const char * const expected_keys[] = {
    "Software", "prompt", "negative_prompt", "model_id", "seed", "parameters", NULL,
  };

  bp_image_request_set_prompt (req, "등대");
  bp_image_request_set_negative_prompt (req, "people");
  bp_image_request_describe_for_png (req, G_GINT64_CONSTANT (2130420379), &keys, &values);

  g_assert_cmpstrv (keys, expected_keys);
  g_assert_cmpstr (values[0], ==, "Bedrock Playground");
  g_assert_cmpstr (values[1], ==, "등대");
  g_assert_cmpstr (values[2], ==, "people");
  g_assert_cmpstr (values[3], ==, SD35);
  g_assert_cmpstr (values[4], ==, "2130420379");
  g_assert_cmpstr (values[5], ==,
                   "{\"prompt\":\"등대\",\"negative_prompt\":\"people\",\"mode\":\"text-to-image\","
                   "\"aspect_ratio\":\"1:1\",\"output_format\":\"png\"}");
  g_clear_pointer (&keys, g_strfreev);
  g_clear_pointer (&values, g_strfreev);

  /* No reported seed and none set, no negative prompt: both keys go. */
  bp_image_request_set_negative_prompt (req, NULL);
  bp_image_request_describe_for_png (req, -1, &keys, &values);
  g_assert_cmpuint (g_strv_length (keys), ==, 4);
  g_assert_false (g_strv_contains ((const char * const *) keys, "seed"));

  /* The request's own seed is used when the service reports none. */
  g_clear_pointer (&keys, g_strfreev);
  g_clear_pointer (&values, g_strfreev);
  bp_image_request_set_seed (req, 99);
  bp_image_request_describe_for_png (req, -1, &keys, &values);
  g_assert_cmpstr (keys[3], ==, "seed");
  g_assert_cmpstr (values[3], ==, "99");
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/image-request/family", test_family);
  for (guint i = 0; i < G_N_ELEMENTS (validation_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bp/image-request/validate/%s",
                                               validation_cases[i].path);

      g_test_add_data_func (path, &validation_cases[i], test_validate);
    }
  g_test_add_func ("/bp/image-request/validate/cfg-nan", test_validate_nan);
  g_test_add_func ("/bp/image-request/presets", test_presets_validate);
  g_test_add_func ("/bp/image-request/body/titan-v1", test_body_titan_v1);
  g_test_add_func ("/bp/image-request/body/titan-v2", test_body_titan_v2);
  g_test_add_func ("/bp/image-request/body/nova-canvas", test_body_nova);
  g_test_add_func ("/bp/image-request/body/sd35", test_body_sd35);
  g_test_add_func ("/bp/image-request/body/core", test_body_core);
  g_test_add_func ("/bp/image-request/body/ultra", test_body_ultra);
  g_test_add_func ("/bp/image-request/body/sd3-large", test_body_sd3_large);
  g_test_add_func ("/bp/image-request/copy", test_copy_and_accessors);
  g_test_add_func ("/bp/image-request/describe-for-png", test_describe_for_png);

  return g_test_run ();
}
