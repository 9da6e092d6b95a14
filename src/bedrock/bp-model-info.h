/* bp-model-info.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_MODEL_INFO (bp_model_info_get_type ())

G_DECLARE_FINAL_TYPE (BpModelInfo, bp_model_info, BP, MODEL_INFO, GObject)

/**
 * BpModelLifecycle:
 * @BP_MODEL_LIFECYCLE_ACTIVE: offered normally
 * @BP_MODEL_LIFECYCLE_LEGACY: still invocable, scheduled for retirement
 * @BP_MODEL_LIFECYCLE_RETIRED: past its end of life; calls fail
 */
typedef enum
{
  BP_MODEL_LIFECYCLE_ACTIVE,
  BP_MODEL_LIFECYCLE_LEGACY,
  BP_MODEL_LIFECYCLE_RETIRED,
} BpModelLifecycle;

/**
 * BpModelInvoke:
 * @BP_MODEL_INVOKE_BASE: invoke with the base model id (on-demand)
 * @BP_MODEL_INVOKE_PROFILE: only through an inference profile
 * @BP_MODEL_INVOKE_BASE_OR_PROFILE: either works
 *
 * How a model can be invoked (wire format §5.3).
 */
typedef enum
{
  BP_MODEL_INVOKE_BASE,
  BP_MODEL_INVOKE_PROFILE,
  BP_MODEL_INVOKE_BASE_OR_PROFILE,
} BpModelInvoke;

/**
 * BpModelAccess:
 * @BP_MODEL_ACCESS_UNKNOWN: not asked (yet), or the answer said nothing
 * @BP_MODEL_ACCESS_GRANTED: the account may invoke the model
 * @BP_MODEL_ACCESS_NOT_GRANTED: `NOT_AUTHORIZED`, entitlement
 *   `NOT_AVAILABLE` or agreement `NOT_AVAILABLE`: access must be requested
 * @BP_MODEL_ACCESS_PENDING: the agreement is `PENDING`: a request is being
 *   processed
 * @BP_MODEL_ACCESS_NOT_IN_REGION: regionAvailability `NOT_AVAILABLE` (wins
 *   over the others)
 * @BP_MODEL_ACCESS_ERROR: the agreement is in `ERROR`; the service's
 *   errorMessage is part of the explanation
 *
 * Whether the account may use a model, from GetFoundationModelAvailability
 * (wire format §5.1, §8.4).
 */
typedef enum
{
  BP_MODEL_ACCESS_UNKNOWN,
  BP_MODEL_ACCESS_GRANTED,
  BP_MODEL_ACCESS_NOT_GRANTED,
  BP_MODEL_ACCESS_PENDING,
  BP_MODEL_ACCESS_NOT_IN_REGION,
  BP_MODEL_ACCESS_ERROR,
} BpModelAccess;

#define BP_TYPE_MODEL_ACCESS (bp_model_access_get_type ())

GType               bp_model_access_get_type            (void) G_GNUC_CONST;

const char         *bp_model_info_get_id                (BpModelInfo *self);
const char         *bp_model_info_get_name              (BpModelInfo *self);
const char         *bp_model_info_get_provider          (BpModelInfo *self);
const char         *bp_model_info_get_family            (BpModelInfo *self);
const char         *bp_model_info_get_notes             (BpModelInfo *self);
const char * const *bp_model_info_get_input_modalities  (BpModelInfo *self);
const char * const *bp_model_info_get_output_modalities (BpModelInfo *self);
gboolean            bp_model_info_has_input_modality    (BpModelInfo *self,
                                                         const char  *modality);
gboolean            bp_model_info_has_output_modality   (BpModelInfo *self,
                                                         const char  *modality);
gboolean            bp_model_info_get_streaming         (BpModelInfo *self);
guint64             bp_model_info_get_context_window    (BpModelInfo *self);
guint64             bp_model_info_get_max_output_tokens (BpModelInfo *self);
gboolean            bp_model_info_accepts_parameter     (BpModelInfo *self,
                                                         const char  *name);
gboolean            bp_model_info_get_temperature_xor_top_p (BpModelInfo *self);
BpModelInvoke       bp_model_info_get_invoke            (BpModelInfo *self);
gboolean            bp_model_info_needs_inference_profile (BpModelInfo *self);
const char * const *bp_model_info_get_profile_prefixes  (BpModelInfo *self);
const char * const *bp_model_info_get_profile_ids       (BpModelInfo *self);
BpModelLifecycle    bp_model_info_get_lifecycle         (BpModelInfo *self);
GDateTime          *bp_model_info_get_end_of_life       (BpModelInfo *self);
gboolean            bp_model_info_is_unverified         (BpModelInfo *self);
gboolean            bp_model_info_is_live               (BpModelInfo *self);
const char         *bp_model_info_get_status_text       (BpModelInfo *self);
BpModelAccess       bp_model_info_get_access            (BpModelInfo *self);
const char         *bp_model_info_get_access_explanation (BpModelInfo *self);
gboolean            bp_model_info_get_text_prices       (BpModelInfo *self,
                                                         gboolean     global,
                                                         double      *input_per_mtok,
                                                         double      *output_per_mtok);

G_END_DECLS
