/* bp-image-request.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-image-request"

#include "config.h"

#include "bp-image-request-private.h"
#include "bp-model-id.h"

/* An image generation request for InvokeModel (wire format §4). The object
 * holds what the user chose; bp_image_request_validate() checks it against
 * the model family's limits and bp_image_request_build_body() writes the
 * family's JSON body. */

G_DEFINE_BOXED_TYPE (BpImageRequest, bp_image_request,
                     bp_image_request_ref, bp_image_request_unref)

G_DEFINE_QUARK (bp-image-request-error-quark, bp_image_request_error)

/* Titan Image Generator sizes (§4.1, v1 list; v2 believed identical). */
static const BpImageSize titan_sizes[] = {
  { 1024, 1024, "1:1" }, { 768, 768, "1:1" }, { 512, 512, "1:1" },
  { 768, 1152, "2:3" }, { 384, 576, "2:3" }, { 1152, 768, "3:2" },
  { 576, 384, "3:2" }, { 768, 1280, "3:5" }, { 384, 640, "3:5" },
  { 1280, 768, "5:3" }, { 640, 384, "5:3" }, { 896, 1152, "7:9" },
  { 448, 576, "7:9" }, { 1152, 896, "9:7" }, { 576, 448, "9:7" },
  { 768, 1408, "6:11" }, { 384, 704, "6:11" }, { 1408, 768, "11:6" },
  { 704, 384, "11:6" }, { 640, 1408, "5:11" }, { 320, 704, "5:11" },
  { 1408, 640, "11:5" }, { 704, 320, "11:5" }, { 1152, 640, "9:5" },
  { 1173, 640, "16:9" },
};

/* Ready-made Nova Canvas sizes (§4.1); any size within the rules works. */
static const BpImageSize nova_presets[] = {
  { 1024, 1024, "1:1" }, { 2048, 2048, "1:1" }, { 512, 512, "1:1" },
  { 1280, 720, "16:9" }, { 720, 1280, "9:16" }, { 1024, 576, "16:9" },
  { 576, 1024, "9:16" }, { 816, 1024, "4:5" }, { 1024, 816, "5:4" },
  { 672, 1024, "2:3" }, { 1024, 672, "3:2" }, { 512, 1024, "1:2" },
  { 1024, 512, "2:1" }, { 336, 1024, "1:3" }, { 1024, 336, "3:1" },
  { 512, 2048, "1:4" }, { 2048, 512, "4:1" },
};

/* Stability AI text-to-image aspect ratios (§4.2). */
static const char * const stability_aspect_ratios[] = {
  "16:9", "1:1", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21", NULL,
};

static const struct {
  const char    *prefix;
  BpImageFamily  family;
} family_prefixes[] = {
  { "amazon.titan-image-generator-v1", BP_IMAGE_FAMILY_TITAN_V1 },
  { "amazon.titan-image-generator-v2", BP_IMAGE_FAMILY_TITAN_V2 },
  { "amazon.nova-canvas-", BP_IMAGE_FAMILY_NOVA_CANVAS },
  { "stability.sd3-5-large", BP_IMAGE_FAMILY_STABILITY_SD35 },
  { "stability.stable-image-core", BP_IMAGE_FAMILY_STABILITY_CORE },
  { "stability.stable-image-ultra", BP_IMAGE_FAMILY_STABILITY_ULTRA },
  { "stability.sd3-large", BP_IMAGE_FAMILY_STABILITY_SD3_LARGE },
};

/**
 * bp_image_family_from_model_id:
 * @model_id: a base model id, inference profile id or foundation model ARN
 *
 * Returns: the image family of @model_id, or %BP_IMAGE_FAMILY_UNKNOWN
 */
BpImageFamily
bp_image_family_from_model_id (const char *model_id)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (model_id != NULL, BP_IMAGE_FAMILY_UNKNOWN);

  if ((base = bp_model_id_get_base_id (model_id)) == NULL)
    return BP_IMAGE_FAMILY_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (family_prefixes); i++)
    {
      if (g_str_has_prefix (base, family_prefixes[i].prefix))
        return family_prefixes[i].family;
    }

  return BP_IMAGE_FAMILY_UNKNOWN;
}

/**
 * bp_image_family_get_name:
 * @family: an image family
 *
 * Returns: the model's product name, for messages (not translated)
 */
const char *
bp_image_family_get_name (BpImageFamily family)
{
  switch (family)
    {
    case BP_IMAGE_FAMILY_TITAN_V1:
      return "Titan Image Generator v1";
    case BP_IMAGE_FAMILY_TITAN_V2:
      return "Titan Image Generator v2";
    case BP_IMAGE_FAMILY_NOVA_CANVAS:
      return "Nova Canvas";
    case BP_IMAGE_FAMILY_STABILITY_SD35:
      return "Stable Diffusion 3.5 Large";
    case BP_IMAGE_FAMILY_STABILITY_CORE:
      return "Stable Image Core";
    case BP_IMAGE_FAMILY_STABILITY_ULTRA:
      return "Stable Image Ultra";
    case BP_IMAGE_FAMILY_STABILITY_SD3_LARGE:
      return "Stable Diffusion 3 Large";
    case BP_IMAGE_FAMILY_UNKNOWN:
    default:
      return "unknown image model";
    }
}

/**
 * bp_image_family_is_stability:
 * @family: an image family
 *
 * Returns: whether @family takes the Stability AI body (§4.2)
 */
gboolean
bp_image_family_is_stability (BpImageFamily family)
{
  return family == BP_IMAGE_FAMILY_STABILITY_SD35 ||
         family == BP_IMAGE_FAMILY_STABILITY_CORE ||
         family == BP_IMAGE_FAMILY_STABILITY_ULTRA ||
         family == BP_IMAGE_FAMILY_STABILITY_SD3_LARGE;
}

/**
 * bp_image_titan_sizes:
 * @n_sizes: (out): the number of sizes
 *
 * Returns: (transfer none) (array length=n_sizes): every width × height
 *   Titan Image Generator accepts, the default (1024×1024) first
 */
const BpImageSize *
bp_image_titan_sizes (gsize *n_sizes)
{
  g_return_val_if_fail (n_sizes != NULL, NULL);

  *n_sizes = G_N_ELEMENTS (titan_sizes);
  return titan_sizes;
}

/**
 * bp_image_nova_canvas_presets:
 * @n_sizes: (out): the number of presets
 *
 * Returns: (transfer none) (array length=n_sizes): ready-made Nova Canvas
 *   sizes, the default (1024×1024) first
 */
const BpImageSize *
bp_image_nova_canvas_presets (gsize *n_sizes)
{
  g_return_val_if_fail (n_sizes != NULL, NULL);

  *n_sizes = G_N_ELEMENTS (nova_presets);
  return nova_presets;
}

/**
 * bp_image_stability_aspect_ratios:
 *
 * Returns: (transfer none) (array zero-terminated=1): the aspect ratios the
 *   Stability AI models accept
 */
const char * const *
bp_image_stability_aspect_ratios (void)
{
  return stability_aspect_ratios;
}

/**
 * bp_image_request_new:
 * @model_id: the model id, profile id or ARN to invoke
 *
 * Creates a request with the defaults: one image, standard quality, PNG,
 * and no size, aspect ratio, seed or CFG scale set.
 *
 * Returns: (transfer full): a new request
 */
BpImageRequest *
bp_image_request_new (const char *model_id)
{
  BpImageRequest *self;

  g_return_val_if_fail (model_id != NULL, NULL);

  self = g_atomic_rc_box_new0 (BpImageRequest);
  self->model_id = g_strdup (model_id);
  self->prompt = g_strdup ("");
  self->negative_prompt = g_strdup ("");
  self->n_images = 1;
  self->quality = BP_IMAGE_QUALITY_STANDARD;
  self->output_format = BP_IMAGE_FORMAT_PNG;

  return self;
}

/**
 * bp_image_request_copy:
 * @self: a request
 *
 * Returns: (transfer full): an independent copy of @self
 */
BpImageRequest *
bp_image_request_copy (const BpImageRequest *self)
{
  BpImageRequest *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_atomic_rc_box_new0 (BpImageRequest);
  *copy = *self;
  copy->model_id = g_strdup (self->model_id);
  copy->prompt = g_strdup (self->prompt);
  copy->negative_prompt = g_strdup (self->negative_prompt);
  copy->aspect_ratio = g_strdup (self->aspect_ratio);

  return copy;
}

/**
 * bp_image_request_ref:
 * @self: a request
 *
 * Returns: (transfer full): @self
 */
BpImageRequest *
bp_image_request_ref (BpImageRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
bp_image_request_clear (BpImageRequest *self)
{
  g_clear_pointer (&self->model_id, g_free);
  g_clear_pointer (&self->prompt, g_free);
  g_clear_pointer (&self->negative_prompt, g_free);
  g_clear_pointer (&self->aspect_ratio, g_free);
}

/**
 * bp_image_request_unref:
 * @self: (transfer full): a request
 *
 * Drops a reference; the last one frees the request.
 */
void
bp_image_request_unref (BpImageRequest *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) bp_image_request_clear);
}

const char *
bp_image_request_get_model_id (const BpImageRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->model_id;
}

/**
 * bp_image_request_set_model_id:
 * @self: a request
 * @model_id: the model id, profile id or ARN to invoke
 *
 * Changes the model; the other parameters stay as they are and may need
 * adjusting (bp_image_request_validate() says which).
 */
void
bp_image_request_set_model_id (BpImageRequest *self,
                               const char     *model_id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (model_id != NULL);

  g_free (self->model_id);
  self->model_id = g_strdup (model_id);
}

/**
 * bp_image_request_get_family:
 * @self: a request
 *
 * Returns: the image family of the request's model
 */
BpImageFamily
bp_image_request_get_family (const BpImageRequest *self)
{
  g_return_val_if_fail (self != NULL, BP_IMAGE_FAMILY_UNKNOWN);

  return bp_image_family_from_model_id (self->model_id);
}

const char *
bp_image_request_get_prompt (const BpImageRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->prompt;
}

/**
 * bp_image_request_set_prompt:
 * @self: a request
 * @prompt: (nullable): the description of the image, UTF-8
 */
void
bp_image_request_set_prompt (BpImageRequest *self,
                             const char     *prompt)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (prompt == NULL || g_utf8_validate (prompt, -1, NULL));

  g_free (self->prompt);
  self->prompt = g_strdup (prompt != NULL ? prompt : "");
}

const char *
bp_image_request_get_negative_prompt (const BpImageRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->negative_prompt;
}

/**
 * bp_image_request_set_negative_prompt:
 * @self: a request
 * @negative_prompt: (nullable): what the image should not contain, UTF-8;
 *   empty or %NULL to send none
 */
void
bp_image_request_set_negative_prompt (BpImageRequest *self,
                                      const char     *negative_prompt)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (negative_prompt == NULL || g_utf8_validate (negative_prompt, -1, NULL));

  g_free (self->negative_prompt);
  self->negative_prompt = g_strdup (negative_prompt != NULL ? negative_prompt : "");
}

guint
bp_image_request_get_n_images (const BpImageRequest *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_images;
}

/**
 * bp_image_request_set_n_images:
 * @self: a request
 * @n_images: how many images to generate; validated later
 */
void
bp_image_request_set_n_images (BpImageRequest *self,
                               guint           n_images)
{
  g_return_if_fail (self != NULL);

  self->n_images = n_images;
}

/**
 * bp_image_request_get_size:
 * @self: a request
 * @width: (out) (optional): the width, or 0
 * @height: (out) (optional): the height, or 0
 *
 * Returns: whether a size is set
 */
gboolean
bp_image_request_get_size (const BpImageRequest *self,
                           guint                *width,
                           guint                *height)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;

  return self->width != 0;
}

/**
 * bp_image_request_set_size:
 * @self: a request
 * @width: the width in pixels, not 0
 * @height: the height in pixels, not 0
 *
 * Sets the size for Titan and Nova Canvas; validated later.
 */
void
bp_image_request_set_size (BpImageRequest *self,
                           guint           width,
                           guint           height)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (width > 0 && height > 0);

  self->width = width;
  self->height = height;
}

void
bp_image_request_unset_size (BpImageRequest *self)
{
  g_return_if_fail (self != NULL);

  self->width = self->height = 0;
}

const char *
bp_image_request_get_aspect_ratio (const BpImageRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->aspect_ratio;
}

/**
 * bp_image_request_set_aspect_ratio:
 * @self: a request
 * @aspect_ratio: (nullable): a Stability AI aspect ratio such as "16:9",
 *   or %NULL to unset it
 */
void
bp_image_request_set_aspect_ratio (BpImageRequest *self,
                                   const char     *aspect_ratio)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (aspect_ratio == NULL || g_utf8_validate (aspect_ratio, -1, NULL));

  g_free (self->aspect_ratio);
  self->aspect_ratio = (aspect_ratio != NULL && *aspect_ratio != '\0') ?
                       g_strdup (aspect_ratio) : NULL;
}

/**
 * bp_image_request_get_seed:
 * @self: a request
 * @seed: (out) (optional): the seed when set
 *
 * Returns: whether a seed is set
 */
gboolean
bp_image_request_get_seed (const BpImageRequest *self,
                           gint64               *seed)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (seed != NULL)
    *seed = self->has_seed ? self->seed : 0;

  return self->has_seed;
}

/**
 * bp_image_request_set_seed:
 * @self: a request
 * @seed: the seed; the range depends on the family and is validated later
 */
void
bp_image_request_set_seed (BpImageRequest *self,
                           gint64          seed)
{
  g_return_if_fail (self != NULL);

  self->seed = seed;
  self->has_seed = TRUE;
}

void
bp_image_request_unset_seed (BpImageRequest *self)
{
  g_return_if_fail (self != NULL);

  self->seed = 0;
  self->has_seed = FALSE;
}

/**
 * bp_image_request_get_cfg_scale:
 * @self: a request
 * @cfg_scale: (out) (optional): the CFG scale when set
 *
 * Returns: whether a CFG scale is set
 */
gboolean
bp_image_request_get_cfg_scale (const BpImageRequest *self,
                                double               *cfg_scale)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (cfg_scale != NULL)
    *cfg_scale = self->has_cfg_scale ? self->cfg_scale : 0.0;

  return self->has_cfg_scale;
}

/**
 * bp_image_request_set_cfg_scale:
 * @self: a request
 * @cfg_scale: how closely to follow the prompt (Titan and Nova Canvas)
 */
void
bp_image_request_set_cfg_scale (BpImageRequest *self,
                                double          cfg_scale)
{
  g_return_if_fail (self != NULL);

  self->cfg_scale = cfg_scale;
  self->has_cfg_scale = TRUE;
}

void
bp_image_request_unset_cfg_scale (BpImageRequest *self)
{
  g_return_if_fail (self != NULL);

  self->cfg_scale = 0.0;
  self->has_cfg_scale = FALSE;
}

BpImageQuality
bp_image_request_get_quality (const BpImageRequest *self)
{
  g_return_val_if_fail (self != NULL, BP_IMAGE_QUALITY_STANDARD);

  return self->quality;
}

void
bp_image_request_set_quality (BpImageRequest *self,
                              BpImageQuality  quality)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (quality <= BP_IMAGE_QUALITY_PREMIUM);

  self->quality = quality;
}

BpImageFormat
bp_image_request_get_output_format (const BpImageRequest *self)
{
  g_return_val_if_fail (self != NULL, BP_IMAGE_FORMAT_PNG);

  return self->output_format;
}

void
bp_image_request_set_output_format (BpImageRequest *self,
                                    BpImageFormat   format)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (format <= BP_IMAGE_FORMAT_JPEG);

  self->output_format = format;
}
