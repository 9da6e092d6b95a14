/* bp-image-request.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_IMAGE_REQUEST  (bp_image_request_get_type ())
#define BP_IMAGE_REQUEST_ERROR (bp_image_request_error_quark ())

/**
 * BpImageRequestError:
 * @BP_IMAGE_REQUEST_ERROR_INVALID_PARAMETER: a parameter is outside what the
 *   model accepts; the message names the parameter, the value and the
 *   allowed range or list.
 * @BP_IMAGE_REQUEST_ERROR_UNKNOWN_MODEL: the model id is not an image model
 *   this client knows how to talk to.
 *
 * Error codes of %BP_IMAGE_REQUEST_ERROR. Append new codes; never renumber.
 */
typedef enum
{
  BP_IMAGE_REQUEST_ERROR_INVALID_PARAMETER,
  BP_IMAGE_REQUEST_ERROR_UNKNOWN_MODEL,
} BpImageRequestError;

/**
 * BpImageFamily:
 * @BP_IMAGE_FAMILY_UNKNOWN: not an image model we know
 * @BP_IMAGE_FAMILY_TITAN_V1: Amazon Titan Image Generator G1 (v1)
 * @BP_IMAGE_FAMILY_TITAN_V2: Amazon Titan Image Generator G1 v2
 * @BP_IMAGE_FAMILY_NOVA_CANVAS: Amazon Nova Canvas
 * @BP_IMAGE_FAMILY_STABILITY_SD35: Stable Diffusion 3.5 Large
 * @BP_IMAGE_FAMILY_STABILITY_CORE: Stable Image Core
 * @BP_IMAGE_FAMILY_STABILITY_ULTRA: Stable Image Ultra
 * @BP_IMAGE_FAMILY_STABILITY_SD3_LARGE: Stable Diffusion 3 Large (legacy)
 *
 * The request and response shape of an image model (wire format §4).
 */
typedef enum
{
  BP_IMAGE_FAMILY_UNKNOWN,
  BP_IMAGE_FAMILY_TITAN_V1,
  BP_IMAGE_FAMILY_TITAN_V2,
  BP_IMAGE_FAMILY_NOVA_CANVAS,
  BP_IMAGE_FAMILY_STABILITY_SD35,
  BP_IMAGE_FAMILY_STABILITY_CORE,
  BP_IMAGE_FAMILY_STABILITY_ULTRA,
  BP_IMAGE_FAMILY_STABILITY_SD3_LARGE,
} BpImageFamily;

/**
 * BpImageQuality:
 * @BP_IMAGE_QUALITY_STANDARD: `standard` (the default)
 * @BP_IMAGE_QUALITY_PREMIUM: `premium` (Titan and Nova Canvas only)
 */
typedef enum
{
  BP_IMAGE_QUALITY_STANDARD,
  BP_IMAGE_QUALITY_PREMIUM,
} BpImageQuality;

/**
 * BpImageFormat:
 * @BP_IMAGE_FORMAT_PNG: PNG (the default, and the only one Titan and Nova
 *   Canvas produce)
 * @BP_IMAGE_FORMAT_JPEG: JPEG (Stability AI models only)
 */
typedef enum
{
  BP_IMAGE_FORMAT_PNG,
  BP_IMAGE_FORMAT_JPEG,
} BpImageFormat;

/**
 * BpImageSize:
 * @width: width in pixels
 * @height: height in pixels
 * @aspect_ratio: (nullable): a label such as "16:9", or %NULL
 *
 * One entry of the size lists offered to the UI.
 */
typedef struct
{
  guint       width;
  guint       height;
  const char *aspect_ratio;
} BpImageSize;

/* Limits of wire format §4.1 and §4.2. */
#define BP_IMAGE_MAX_IMAGES            5
#define BP_IMAGE_TITAN_MAX_TEXT        512
#define BP_IMAGE_NOVA_MAX_TEXT         1024
#define BP_IMAGE_STABILITY_MAX_TEXT    10000
#define BP_IMAGE_MIN_CFG_SCALE         1.1
#define BP_IMAGE_MAX_CFG_SCALE         10.0
#define BP_IMAGE_TITAN_MAX_SEED        G_GINT64_CONSTANT (2147483646)
#define BP_IMAGE_NOVA_MAX_SEED         G_GINT64_CONSTANT (858993459)
#define BP_IMAGE_STABILITY_MAX_SEED    G_GINT64_CONSTANT (4294967294)
#define BP_IMAGE_NOVA_MIN_SIDE         320
#define BP_IMAGE_NOVA_MAX_SIDE         4096
#define BP_IMAGE_NOVA_SIDE_MULTIPLE    16
#define BP_IMAGE_NOVA_MAX_PIXELS       G_GUINT64_CONSTANT (4194304)

GQuark              bp_image_request_error_quark        (void);

BpImageFamily       bp_image_family_from_model_id       (const char            *model_id);
const char         *bp_image_family_get_name            (BpImageFamily          family);
gboolean            bp_image_family_is_stability        (BpImageFamily          family);

const BpImageSize  *bp_image_titan_sizes                (gsize                 *n_sizes);
const BpImageSize  *bp_image_nova_canvas_presets        (gsize                 *n_sizes);
const char * const *bp_image_stability_aspect_ratios    (void);

GType               bp_image_request_get_type           (void) G_GNUC_CONST;
BpImageRequest     *bp_image_request_new                (const char            *model_id);
BpImageRequest     *bp_image_request_copy               (const BpImageRequest  *self);
BpImageRequest     *bp_image_request_ref                (BpImageRequest        *self);
void                bp_image_request_unref              (BpImageRequest        *self);

const char         *bp_image_request_get_model_id       (const BpImageRequest  *self);
void                bp_image_request_set_model_id       (BpImageRequest        *self,
                                                         const char            *model_id);
BpImageFamily       bp_image_request_get_family         (const BpImageRequest  *self);
const char         *bp_image_request_get_prompt         (const BpImageRequest  *self);
void                bp_image_request_set_prompt         (BpImageRequest        *self,
                                                         const char            *prompt);
const char         *bp_image_request_get_negative_prompt (const BpImageRequest *self);
void                bp_image_request_set_negative_prompt (BpImageRequest       *self,
                                                         const char            *negative_prompt);
guint               bp_image_request_get_n_images       (const BpImageRequest  *self);
void                bp_image_request_set_n_images       (BpImageRequest        *self,
                                                         guint                  n_images);
gboolean            bp_image_request_get_size           (const BpImageRequest  *self,
                                                         guint                 *width,
                                                         guint                 *height);
void                bp_image_request_set_size           (BpImageRequest        *self,
                                                         guint                  width,
                                                         guint                  height);
void                bp_image_request_unset_size         (BpImageRequest        *self);
const char         *bp_image_request_get_aspect_ratio   (const BpImageRequest  *self);
void                bp_image_request_set_aspect_ratio   (BpImageRequest        *self,
                                                         const char            *aspect_ratio);
gboolean            bp_image_request_get_seed           (const BpImageRequest  *self,
                                                         gint64                *seed);
void                bp_image_request_set_seed           (BpImageRequest        *self,
                                                         gint64                 seed);
void                bp_image_request_unset_seed         (BpImageRequest        *self);
gboolean            bp_image_request_get_cfg_scale      (const BpImageRequest  *self,
                                                         double                *cfg_scale);
void                bp_image_request_set_cfg_scale      (BpImageRequest        *self,
                                                         double                 cfg_scale);
void                bp_image_request_unset_cfg_scale    (BpImageRequest        *self);
BpImageQuality      bp_image_request_get_quality        (const BpImageRequest  *self);
void                bp_image_request_set_quality        (BpImageRequest        *self,
                                                         BpImageQuality         quality);
BpImageFormat       bp_image_request_get_output_format  (const BpImageRequest  *self);
void                bp_image_request_set_output_format  (BpImageRequest        *self,
                                                         BpImageFormat          format);

gboolean            bp_image_request_validate           (const BpImageRequest  *self,
                                                         GError               **error);
GBytes             *bp_image_request_build_body         (const BpImageRequest  *self);
void                bp_image_request_describe_for_png   (const BpImageRequest  *self,
                                                         gint64                 seed,
                                                         GStrv                 *keys,
                                                         GStrv                 *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpImageRequest, bp_image_request_unref)

G_END_DECLS
