/* bp-image-result.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-image-request.h"
#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_IMAGE_RESULT  (bp_image_result_get_type ())
#define BP_IMAGE_RESULT_ERROR (bp_image_result_error_quark ())

/**
 * BpImageResultError:
 * @BP_IMAGE_RESULT_ERROR_FILTERED: every image was blocked by a content
 *   filter; the message says which filter (prompt, output image…). Change
 *   the prompt.
 * @BP_IMAGE_RESULT_ERROR_MODEL_FAILED: the model reported an inference error
 *   for every image and no filter was involved. Try again.
 * @BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE: the body is not JSON or not the
 *   shape of the family's response.
 * @BP_IMAGE_RESULT_ERROR_INVALID_IMAGE: an image is not valid base64, or the
 *   decoded bytes are neither PNG nor JPEG.
 *
 * Error codes of %BP_IMAGE_RESULT_ERROR. Append new codes; never renumber.
 */
typedef enum
{
  BP_IMAGE_RESULT_ERROR_FILTERED,
  BP_IMAGE_RESULT_ERROR_MODEL_FAILED,
  BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE,
  BP_IMAGE_RESULT_ERROR_INVALID_IMAGE,
} BpImageResultError;

GQuark          bp_image_result_error_quark          (void);

GType           bp_image_result_get_type             (void) G_GNUC_CONST;
BpImageResult  *bp_image_result_ref                  (BpImageResult        *self);
void            bp_image_result_unref                (BpImageResult        *self);

void            bp_image_result_parse_async          (GBytes               *response_body,
                                                      BpImageFamily         family,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
BpImageResult  *bp_image_result_parse_finish         (GAsyncResult         *result,
                                                      GError              **error);

guint           bp_image_result_get_n_images         (const BpImageResult  *self);
GBytes         *bp_image_result_get_image            (const BpImageResult  *self,
                                                      guint                 index);
const char     *bp_image_result_get_mime_type        (const BpImageResult  *self,
                                                      guint                 index);
gboolean        bp_image_result_get_seed             (const BpImageResult  *self,
                                                      guint                 index,
                                                      gint64               *seed);
guint           bp_image_result_get_n_filtered       (const BpImageResult  *self);
const char     *bp_image_result_get_filtered_reason  (const BpImageResult  *self,
                                                      guint                 index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpImageResult, bp_image_result_unref)

G_END_DECLS
