/* bp-pricing.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-image-request.h"
#include "bp-types.h"

G_BEGIN_DECLS

/* What the estimators return when the price is not known: the caller shows
 * "—". Any negative value means the same. */
#define BP_PRICE_UNKNOWN (-1.0)

double  bp_pricing_estimate_text   (BpModelInfo      *info,
                                    const char       *invoke_id,
                                    guint64           input_tokens,
                                    guint64           output_tokens);
double  bp_pricing_estimate_image  (BpModelInfo      *info,
                                    guint             width,
                                    guint             height,
                                    BpImageQuality    quality,
                                    guint             n_images);
char   *bp_pricing_format_usd      (double            usd);
char   *bp_pricing_format_price_note (BpModelCatalogue *catalogue);

G_END_DECLS
