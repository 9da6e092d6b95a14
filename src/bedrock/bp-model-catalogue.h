/* bp-model-catalogue.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-model-info.h"
#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_MODEL_CATALOGUE  (bp_model_catalogue_get_type ())
#define BP_MODEL_CATALOGUE_ERROR (bp_model_catalogue_error_quark ())

G_DECLARE_FINAL_TYPE (BpModelCatalogue, bp_model_catalogue, BP, MODEL_CATALOGUE, GObject)

/**
 * BpModelCatalogueError:
 * @BP_MODEL_CATALOGUE_ERROR_INVALID_DATA: the catalogue JSON or a control
 *   plane response is not JSON or not the expected shape.
 *
 * Error codes of %BP_MODEL_CATALOGUE_ERROR. Append new codes; never
 * renumber.
 */
typedef enum
{
  BP_MODEL_CATALOGUE_ERROR_INVALID_DATA,
} BpModelCatalogueError;

/**
 * BpModelListFlags:
 * @BP_MODEL_LIST_DEFAULT: active and legacy models whose id is confirmed
 * @BP_MODEL_LIST_INCLUDE_RETIRED: also retired models
 * @BP_MODEL_LIST_INCLUDE_UNVERIFIED: also ids no source confirmed yet
 *   (wire format §8.2) and the service has not listed
 */
typedef enum
{
  BP_MODEL_LIST_DEFAULT            = 0,
  BP_MODEL_LIST_INCLUDE_RETIRED    = 1 << 0,
  BP_MODEL_LIST_INCLUDE_UNVERIFIED = 1 << 1,
} BpModelListFlags;

/* The resource the catalogue is compiled into the core library as. */
#define BP_MODEL_CATALOGUE_RESOURCE "/io/github/bedrockplayground/Playground/core/models.json"

GQuark            bp_model_catalogue_error_quark              (void);

BpModelCatalogue *bp_model_catalogue_new                      (void);
BpModelCatalogue *bp_model_catalogue_new_builtin              (void);
gboolean          bp_model_catalogue_load_from_bytes          (BpModelCatalogue  *self,
                                                               GBytes            *json,
                                                               GError           **error);
gboolean          bp_model_catalogue_merge_foundation_models  (BpModelCatalogue  *self,
                                                               GBytes            *json,
                                                               GError           **error);
gboolean          bp_model_catalogue_merge_inference_profiles (BpModelCatalogue  *self,
                                                               GBytes            *json,
                                                               GError           **error);
gboolean          bp_model_catalogue_merge_availability       (BpModelCatalogue  *self,
                                                               GBytes            *body,
                                                               GError           **error);
void              bp_model_catalogue_forget_access            (BpModelCatalogue  *self);
void              bp_model_catalogue_set_reference_time       (BpModelCatalogue  *self,
                                                               GDateTime         *now);

const char       *bp_model_catalogue_get_source               (BpModelCatalogue  *self);
const char       *bp_model_catalogue_get_price_date           (BpModelCatalogue  *self);
const char       *bp_model_catalogue_get_currency             (BpModelCatalogue  *self);
guint             bp_model_catalogue_get_n_models             (BpModelCatalogue  *self);

BpModelInfo      *bp_model_catalogue_lookup                   (BpModelCatalogue  *self,
                                                               const char        *model_id);
GListModel       *bp_model_catalogue_list                     (BpModelCatalogue  *self,
                                                               const char        *provider,
                                                               const char        *output_modality,
                                                               BpModelListFlags   flags);
char             *bp_model_catalogue_pick_invoke_id           (BpModelCatalogue  *self,
                                                               const char        *model_id,
                                                               const char        *region);

G_END_DECLS
