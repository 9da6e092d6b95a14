/* bp-fake-bedrock-image.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <string.h>

#include "bp-fake-bedrock-private.h"

/* Image generation through InvokeModel (§4): Titan Image Generator v1/v2
 * and Nova Canvas (TEXT_IMAGE), Stability (SD3.5, Core, Ultra). Requests
 * are validated against the documented ranges; replies are real PNGs,
 * made deterministically from the seed and the requested size.
 *
 * "[[filter]]" in the prompt blocks the output the way a 200 response
 * reports it (Titan's "error", Stability's finish_reasons);
 * "[[filter:400]]" blocks it with a 400 ValidationException. */

#define MALFORMED "Malformed input request: %s, please reformat your input and try again."
#define FILTERED  "This request has been blocked by our content filters."

typedef struct
{
  const char *prompt;        /* borrowed from the request JSON */
  guint       n_images;
  guint       width;
  guint       height;
  guint64     seed;
  char       *error;         /* the first problem, if any */
} ImageRequest;

/* The sizes Titan Image Generator accepts (§4.1). */
static const guint titan_sizes[][2] = {
  { 1024, 1024 }, { 768, 768 }, { 512, 512 }, { 768, 1152 }, { 384, 576 }, { 1152, 768 },
  { 576, 384 }, { 768, 1280 }, { 384, 640 }, { 1280, 768 }, { 640, 384 }, { 896, 1152 },
  { 448, 576 }, { 1152, 896 }, { 576, 448 }, { 768, 1408 }, { 384, 704 }, { 1408, 768 },
  { 704, 384 }, { 640, 1408 }, { 320, 704 }, { 1408, 640 }, { 704, 320 }, { 1152, 640 },
  { 1173, 640 },
};

/* Stability's aspect ratios and the sizes SD3.5 renders them at. */
static const struct { const char *ratio; guint width; guint height; } stability_sizes[] = {
  { "1:1", 1024, 1024 }, { "16:9", 1344, 768 }, { "21:9", 1536, 640 }, { "2:3", 832, 1216 },
  { "3:2", 1216, 832 }, { "4:5", 896, 1088 }, { "5:4", 1088, 896 }, { "9:16", 768, 1344 },
  { "9:21", 640, 1536 },
};

static void
set_error (ImageRequest *request,
           const char   *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
set_error (ImageRequest *request,
           const char   *format,
           ...)
{
  va_list args;
  g_autofree char *detail = NULL;

  if (request->error != NULL)
    return;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  request->error = g_strdup_printf (MALFORMED, detail);
}

static void
check_text (ImageRequest *request,
            JsonObject   *params,
            const char   *member,
            guint         max_len,
            gboolean      required)
{
  JsonNode *node = params ? json_object_get_member (params, member) : NULL;
  glong len;

  if (node == NULL)
    {
      if (required)
        set_error (request, "#/textToImageParams: required key [%s] not found", member);
      return;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_error (request, "#/textToImageParams/%s: expected type: String", member);
      return;
    }

  len = g_utf8_strlen (json_node_get_string (node), -1);
  if (len < 1 || len > (glong) max_len)
    set_error (request, "#/textToImageParams/%s: expected length between 1 and %u, actual: %ld",
               member, max_len, len);
}

static void
check_int (ImageRequest *request,
           JsonObject   *config,
           const char   *member,
           gint64        min,
           gint64        max,
           gint64       *value)
{
  JsonNode *node = config ? json_object_get_member (config, member) : NULL;

  if (node == NULL)
    return;
  if (!_bp_fake_json_get_int (config, member, value))
    set_error (request, "#/imageGenerationConfig/%s: expected type: Integer", member);
  else if (*value < min || *value > max)
    set_error (request, "#/imageGenerationConfig/%s: %" G_GINT64_FORMAT " is not between %"
               G_GINT64_FORMAT " and %" G_GINT64_FORMAT, member, *value, min, max);
}

static void
check_size (ImageRequest *request,
            gboolean      canvas)
{
  guint w = request->width, h = request->height;

  if (!canvas)
    {
      for (guint i = 0; i < G_N_ELEMENTS (titan_sizes); i++)
        {
          if (titan_sizes[i][0] == w && titan_sizes[i][1] == h)
            return;
        }
      set_error (request, "#/imageGenerationConfig: %ux%u is not a supported image size", w, h);
    }
  else if (w < 320 || w > 4096 || h < 320 || h > 4096 || w % 16 != 0 || h % 16 != 0)
    set_error (request, "#/imageGenerationConfig: width and height must be between 320 and "
               "4096 and divisible by 16, not %ux%u", w, h);
  else if (w > 4 * h || h > 4 * w)
    set_error (request, "#/imageGenerationConfig: the aspect ratio of %ux%u is not between "
               "1:4 and 4:1", w, h);
  else if ((guint64) w * h > 4194304)
    set_error (request, "#/imageGenerationConfig: %ux%u has more than 4194304 pixels", w, h);
}

static void
parse_titan (JsonObject   *root,
             gboolean      canvas,
             ImageRequest *request)
{
  const char *task = _bp_fake_json_get_string (root, "taskType");
  JsonObject *params = _bp_fake_json_get_object (root, "textToImageParams");
  JsonObject *config = _bp_fake_json_get_object (root, "imageGenerationConfig");
  const char *quality = _bp_fake_json_get_string (config, "quality");
  gint64 n = 1, width = 1024, height = 1024, seed = canvas ? 12 : 42;
  double cfg_scale;

  request->prompt = _bp_fake_json_get_string (params, "text");

  if (task == NULL)
    set_error (request, "#: required key [taskType] not found");
  else if (strcmp (task, "TEXT_IMAGE") != 0)
    set_error (request, "#/taskType: %s is not supported by the fake Bedrock server", task);
  if (params == NULL)
    set_error (request, "#: required key [textToImageParams] not found");

  check_text (request, params, "text", canvas ? 1024 : 512, TRUE);
  check_text (request, params, "negativeText", canvas ? 1024 : 512, FALSE);
  check_int (request, config, "numberOfImages", 1, 5, &n);
  check_int (request, config, "seed", 0, canvas ? 858993459 : 2147483646, &seed);
  check_int (request, config, "width", 1, 8192, &width);
  check_int (request, config, "height", 1, 8192, &height);
  if (_bp_fake_json_get_number (config, "cfgScale", &cfg_scale) &&
      (cfg_scale < 1.1 || cfg_scale > 10.0))
    set_error (request, "#/imageGenerationConfig/cfgScale: %g is not between 1.1 and 10.0",
               cfg_scale);
  if (quality != NULL && strcmp (quality, "standard") != 0 && strcmp (quality, "premium") != 0)
    set_error (request, "#/imageGenerationConfig/quality: %s is not a valid enum value", quality);

  request->n_images = (guint) n;
  request->width = (guint) width;
  request->height = (guint) height;
  request->seed = (guint64) seed;
  if (request->error == NULL)
    check_size (request, canvas);
}

static void
parse_stability (JsonObject   *root,
                 ImageRequest *request)
{
  const char *ratio = _bp_fake_json_get_string (root, "aspect_ratio");
  const char *format = _bp_fake_json_get_string (root, "output_format");
  const char *mode = _bp_fake_json_get_string (root, "mode");
  const char *negative = _bp_fake_json_get_string (root, "negative_prompt");
  gint64 seed = 0;
  gboolean found = FALSE;

  request->prompt = _bp_fake_json_get_string (root, "prompt");
  request->n_images = 1;

  if (request->prompt == NULL)
    set_error (request, "#: required key [prompt] not found");
  else if (g_utf8_strlen (request->prompt, -1) > 10000)
    set_error (request, "#/prompt: expected maxLength: 10000");
  if (negative != NULL && g_utf8_strlen (negative, -1) > 10000)
    set_error (request, "#/negative_prompt: expected maxLength: 10000");

  if (mode != NULL && strcmp (mode, "text-to-image") != 0 && strcmp (mode, "image-to-image") != 0)
    set_error (request, "#/mode: %s is not a valid enum value", mode);
  else if (g_strcmp0 (mode, "image-to-image") == 0 &&
           (_bp_fake_json_get_string (root, "image") == NULL ||
            !json_object_has_member (root, "strength")))
    set_error (request, "#: image-to-image requires [image, strength]");

  if (format != NULL && strcmp (format, "png") != 0)
    set_error (request, "#/output_format: %s is valid, but the fake Bedrock server only "
               "makes png", format);

  if (json_object_has_member (root, "seed") &&
      (!_bp_fake_json_get_int (root, "seed", &seed) || seed < 0 || seed > G_GINT64_CONSTANT (4294967294)))
    set_error (request, "#/seed: expected an integer between 0 and 4294967294");
  request->seed = seed != 0 ? (guint64) seed
                            : 1 + g_str_hash (request->prompt ? request->prompt : "") % 4294967294u;

  for (guint i = 0; i < G_N_ELEMENTS (stability_sizes); i++)
    {
      if (strcmp (ratio ? ratio : "1:1", stability_sizes[i].ratio) == 0)
        {
          request->width = stability_sizes[i].width;
          request->height = stability_sizes[i].height;
          found = TRUE;
        }
    }
  if (!found)
    set_error (request, "#/aspect_ratio: %s is not a valid enum value", ratio);
}

static char *
render_base64 (ImageRequest *request,
               guint         index,
               gboolean      huge)
{
  g_autoptr(GBytes) png = NULL;

  if (huge)
    png = _bp_fake_png_render (BP_FAKE_HUGE_IMAGE_SIDE, BP_FAKE_HUGE_IMAGE_SIDE,
                               request->seed + index, TRUE);
  else
    png = _bp_fake_png_render (request->width, request->height, request->seed + index, FALSE);

  return g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
}

static void
respond (BpFakeExchange *exchange,
         ImageRequest   *request,
         gboolean        filtered)
{
  gboolean stability = exchange->model->family == BP_FAKE_FAMILY_STABILITY;
  gboolean huge = exchange->fault == BP_FAKE_FAULT_HUGE;
  JsonObject *root = json_object_new ();
  JsonArray *images = json_array_new ();
  g_autofree char *latency = NULL;

  for (guint i = 0; !filtered && i < (huge ? 1 : request->n_images); i++)
    {
      g_autofree char *base64 = render_base64 (request, i, huge);

      json_array_add_string_element (images, base64);
    }

  if (stability)
    {
      JsonArray *seeds = json_array_new ();
      JsonArray *reasons = json_array_new ();

      json_array_add_int_element (seeds, (gint64) request->seed);
      if (filtered)
        json_array_add_string_element (reasons, "Filter reason: prompt");
      else
        json_array_add_null_element (reasons);
      json_object_set_array_member (root, "seeds", seeds);
      json_object_set_array_member (root, "finish_reasons", reasons);
      if (filtered)
        json_array_unref (images);
      else
        json_object_set_array_member (root, "images", images);
    }
  else
    {
      json_object_set_array_member (root, "images", images);
      if (filtered)
        json_object_set_string_member (root, "error", FILTERED);
      else
        json_object_set_null_member (root, "error");
    }

  latency = g_strdup_printf ("%u", _bp_fake_exchange_latency_ms (exchange));
  _bp_fake_exchange_set_header (exchange, "X-Amzn-Bedrock-Invocation-Latency", latency);
  _bp_fake_exchange_respond_json (exchange, SOUP_STATUS_OK, _bp_fake_json_object_node (root));
}

/**
 * _bp_fake_image_handle:
 * @exchange: an InvokeModel request to an image model
 */
void
_bp_fake_image_handle (BpFakeExchange *exchange)
{
  ImageRequest request = { 0 };
  JsonObject *root = exchange->json ? json_node_get_object (exchange->json) : NULL;
  BpFakeFamily family = exchange->model->family;

  if (root != NULL && family == BP_FAKE_FAMILY_STABILITY)
    parse_stability (root, &request);
  else if (root != NULL)
    parse_titan (root, family == BP_FAKE_FAMILY_NOVA_CANVAS, &request);

  if (_bp_fake_faults_apply (exchange, request.prompt))
    {
      g_free (request.error);
      return;
    }

  if (_bp_fake_exchange_is_streaming (exchange))
    _bp_fake_exchange_respond_validation (exchange, "The model is unsupported for streaming.");
  else if (root == NULL)
    _bp_fake_exchange_respond_validation (exchange, "Malformed input request: expected a JSON "
                                          "object, please reformat your input and try again.");
  else if (request.error != NULL)
    _bp_fake_exchange_respond_validation (exchange, request.error);
  else if (_bp_fake_marker_present (request.prompt, "filter:400"))
    _bp_fake_exchange_respond_validation (exchange, FILTERED);
  else
    respond (exchange, &request, _bp_fake_marker_present (request.prompt, "filter"));

  g_free (request.error);
}
