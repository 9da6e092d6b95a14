/* bp-model-catalogue-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bp-model-catalogue.h"

G_BEGIN_DECLS

/* bp-model-catalogue.c loads, looks up, lists and picks; the merging of
 * live control-plane lists is in bp-model-catalogue-merge.c. */
struct _BpModelCatalogue
{
  GObject      parent_instance;

  GPtrArray   *models;       /* (owned) (element-type BpModelInfo) in load order */
  GHashTable  *by_id;        /* (owned) base id → (owned) BpModelInfo */
  GHashTable  *aliases;      /* (owned) live profile id or ARN → (owned) BpModelInfo */
  char        *source;       /* (owned) (nullable) */
  char        *price_date;   /* (owned) (nullable) */
  char        *currency;     /* (owned) (nullable) */
  GDateTime   *now;          /* (owned) (nullable) reference time for lifecycles */
  guint        has_live_models : 1;
  guint        has_live_profiles : 1;
};

void        _bp_model_catalogue_add            (BpModelCatalogue  *self,
                                                BpModelInfo       *info);
JsonObject *_bp_model_catalogue_parse_object   (JsonParser        *parser,
                                                GBytes            *json,
                                                const char        *what,
                                                GError           **error);
void        _bp_model_catalogue_emit_changed   (BpModelCatalogue  *self);

G_END_DECLS
