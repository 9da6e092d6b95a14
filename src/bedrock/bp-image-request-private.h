/* bp-image-request-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-image-request.h"

G_BEGIN_DECLS

/* The request is split by concern: bp-image-request.c holds the object and
 * its accessors, bp-image-request-body.c the InvokeModel body and the PNG
 * description, bp-image-request-validate.c the per-family checks. */
struct _BpImageRequest
{
  char           *model_id;        /* (owned) */
  char           *prompt;          /* (owned) never NULL */
  char           *negative_prompt; /* (owned) never NULL */
  char           *aspect_ratio;    /* (owned) (nullable) */
  guint           n_images;
  guint           width;           /* 0 when unset, like height */
  guint           height;
  gint64          seed;
  double          cfg_scale;
  BpImageQuality  quality;
  BpImageFormat   output_format;
  guint           has_seed : 1;
  guint           has_cfg_scale : 1;
};

/* Titan's default size: it must always be sent explicitly (§4.1). */
#define _BP_IMAGE_DEFAULT_SIDE      1024
#define _BP_IMAGE_DEFAULT_ASPECT    "1:1"

G_END_DECLS
