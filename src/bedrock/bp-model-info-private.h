/* bp-model-info-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bp-chat-json-private.h"
#include "bp-image-request.h"
#include "bp-model-info.h"

G_BEGIN_DECLS

/* One per-image price: the cheapest tier whose pixel count and quality fit
 * applies. */
typedef struct
{
  guint64 max_pixels;   /* 0: any size */
  int     quality;      /* a BpImageQuality, or -1 for any */
  double  usd;
} BpImagePriceTier;

/* Bits of BpModelInfo.parameters, one per name that the catalogue and
 * bp_model_info_accepts_parameter() use. */
typedef enum
{
  BP_MODEL_PARAM_TEMPERATURE    = 1 << 0,
  BP_MODEL_PARAM_TOP_P          = 1 << 1,
  BP_MODEL_PARAM_TOP_K          = 1 << 2,
  BP_MODEL_PARAM_STOP_SEQUENCES = 1 << 3,
  BP_MODEL_PARAM_SYSTEM         = 1 << 4,
  BP_MODEL_PARAM_REASONING      = 1 << 5,
} BpModelParam;

/* What Converse takes from any text model when the catalogue does not know
 * better (a model only the service has told us about). */
#define BP_MODEL_PARAMS_GENERIC (BP_MODEL_PARAM_TEMPERATURE | BP_MODEL_PARAM_TOP_P | \
                                 BP_MODEL_PARAM_STOP_SEQUENCES | BP_MODEL_PARAM_SYSTEM)

/* bp-model-info.c holds the object and its getters, bp-model-info-parse.c
 * fills it from the catalogue and from the service. */
struct _BpModelInfo
{
  GObject           parent_instance;

  char             *id;                  /* (owned) base model id */
  char             *name;                /* (owned) */
  char             *provider;            /* (owned) */
  char             *family;              /* (owned) (nullable) hint */
  char             *notes;               /* (owned) (nullable) catalogue notes */
  GStrv             input_modalities;    /* (owned) */
  GStrv             output_modalities;   /* (owned) */
  GStrv             profile_prefixes;    /* (owned) from the catalogue */
  GPtrArray        *profile_ids;         /* (owned) live, NULL-terminated */
  GDateTime        *end_of_life;         /* (owned) (nullable) */
  GArray           *image_prices;        /* (owned) BpImagePriceTier */
  char             *access_explanation;  /* (owned) (nullable) translated */
  guint64           context_window;      /* 0: unknown */
  guint64           max_output_tokens;   /* 0: unknown */
  double            input_price;         /* USD per 1M tokens; < 0: unknown */
  double            output_price;
  double            global_input_price;  /* for `global.` profiles; < 0: same */
  double            global_output_price;
  BpModelParam      parameters;
  BpModelInvoke     invoke;
  BpModelLifecycle  lifecycle;
  BpModelAccess     access;
  guint             streaming : 1;
  guint             temperature_xor_top_p : 1;
  guint             unverified : 1;
  guint             live : 1;
  guint             from_catalogue : 1;
};

BpModelParam   _bp_model_param_from_name             (const char   *name);
BpModelInfo   *_bp_model_info_new_from_json          (JsonObject   *object,
                                                      GError      **error);
BpModelInfo   *_bp_model_info_new_live               (const char   *id);
void           _bp_model_info_update_from_summary    (BpModelInfo  *self,
                                                      JsonObject   *summary,
                                                      GDateTime    *now);
void           _bp_model_info_set_profile_only_name  (BpModelInfo  *self,
                                                      const char   *profile_name);
void           _bp_model_info_add_profile_id         (BpModelInfo  *self,
                                                      const char   *profile_id);
gboolean       _bp_model_info_has_profile            (BpModelInfo  *self,
                                                      const char   *geo_prefix,
                                                      gboolean      live_only);
const GArray  *_bp_model_info_get_image_prices       (BpModelInfo  *self);
void           _bp_model_info_set_access             (BpModelInfo  *self,
                                                      BpModelAccess access,
                                                      const char   *message);

/* Small JSON readers shared by the catalogue files: they never complain
 * about a wrong type (the data may come from the network). Strings and
 * arrays use the readers of bp-chat-json-private.h. */
gboolean       _bp_json_get_double                   (JsonObject   *object,
                                                      const char   *member,
                                                      double       *value);
GStrv          _bp_json_get_strv                     (JsonObject   *object,
                                                      const char   *member);

G_END_DECLS
