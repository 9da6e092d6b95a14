/* bp-pricing.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-pricing"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bp-model-catalogue.h"
#include "bp-model-id.h"
#include "bp-model-info-private.h"
#include "bp-pricing.h"

/* Cost estimates from the bundled, dated price table (wire format §8):
 * reference values, never a bill. Text is priced per million tokens, with
 * `global.` profiles cheaper than regional ones for the newest Claude
 * models (§5.3); images per image, by size and quality tier. */

#define TOKENS_PER_PRICE_UNIT 1000000.0
#define SMALLEST_SHOWN_USD    0.0001

/**
 * bp_pricing_estimate_text:
 * @info: (nullable): the model, or %NULL when it is unknown
 * @invoke_id: (nullable): the id the request went to; a `global.` profile
 *   is billed at the global price when the model has one
 * @input_tokens: input tokens of the reply
 * @output_tokens: output tokens of the reply
 *
 * Returns: the estimated cost in USD, or a negative value when the price
 *   is not known
 */
double
bp_pricing_estimate_text (BpModelInfo *info,
                          const char  *invoke_id,
                          guint64      input_tokens,
                          guint64      output_tokens)
{
  g_autofree char *geo = NULL;
  double in_price, out_price;

  g_return_val_if_fail (info == NULL || BP_IS_MODEL_INFO (info), BP_PRICE_UNKNOWN);

  if (info == NULL)
    return BP_PRICE_UNKNOWN;

  if (invoke_id != NULL)
    geo = bp_model_id_get_geo_prefix (invoke_id);

  if (!bp_model_info_get_text_prices (info, g_strcmp0 (geo, "global") == 0,
                                      &in_price, &out_price))
    return BP_PRICE_UNKNOWN;

  return ((double) input_tokens * in_price + (double) output_tokens * out_price) /
         TOKENS_PER_PRICE_UNIT;
}

/* The smallest tier that fits the size and quality; 0 pixels is "any". */
static const BpImagePriceTier *
find_tier (const GArray   *tiers,
           guint64         pixels,
           BpImageQuality  quality)
{
  const BpImagePriceTier *best = NULL;

  for (guint i = 0; i < tiers->len; i++)
    {
      const BpImagePriceTier *tier = &g_array_index (tiers, BpImagePriceTier, i);

      if (tier->quality >= 0 && tier->quality != (int) quality)
        continue;
      if (tier->max_pixels != 0 && pixels > tier->max_pixels)
        continue;
      if (best == NULL || best->max_pixels == 0 ||
          (tier->max_pixels != 0 && tier->max_pixels < best->max_pixels))
        best = tier;
    }

  return best;
}

/**
 * bp_pricing_estimate_image:
 * @info: (nullable): the image model, or %NULL when it is unknown
 * @width: the width, or 0 when the request sets none (1024×1024 is assumed,
 *   the default size of Titan and Nova Canvas; Stability prices are flat)
 * @height: the height, or 0
 * @quality: the requested quality
 * @n_images: how many images
 *
 * Returns: the estimated cost in USD, or a negative value when the price
 *   is not known
 */
double
bp_pricing_estimate_image (BpModelInfo    *info,
                           guint           width,
                           guint           height,
                           BpImageQuality  quality,
                           guint           n_images)
{
  const BpImagePriceTier *tier;
  guint64 pixels;

  g_return_val_if_fail (info == NULL || BP_IS_MODEL_INFO (info), BP_PRICE_UNKNOWN);

  if (info == NULL)
    return BP_PRICE_UNKNOWN;

  if (width == 0 || height == 0)
    width = height = 1024;
  pixels = (guint64) width * height;

  if ((tier = find_tier (_bp_model_info_get_image_prices (info), pixels, quality)) == NULL)
    return BP_PRICE_UNKNOWN;

  return tier->usd * n_images;
}

/**
 * bp_pricing_format_usd:
 * @usd: an amount from the estimators
 *
 * Formats an estimate for the UI: "$0.0042" below a dollar, "$12.34"
 * above, "<$0.0001" for tiny non-zero amounts and "—" for an unknown
 * (negative) price.
 *
 * Returns: (transfer full): the formatted amount
 */
char *
bp_pricing_format_usd (double usd)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (usd) || usd < 0)
    return g_strdup ("—");
  if (usd == 0)
    return g_strdup ("$0.00");
  if (usd < SMALLEST_SHOWN_USD)
    return g_strdup ("<$0.0001");

  g_ascii_formatd (buf, sizeof buf, usd < 1.0 ? "%.4f" : "%.2f", usd);
  return g_strconcat ("$", buf, NULL);
}

/**
 * bp_pricing_format_price_note:
 * @catalogue: the catalogue the prices come from
 *
 * Returns: (transfer full): a translated note for cost displays, e.g.
 *   "Estimated with prices as of 2026-08-21"
 */
char *
bp_pricing_format_price_note (BpModelCatalogue *catalogue)
{
  const char *date;

  g_return_val_if_fail (BP_IS_MODEL_CATALOGUE (catalogue), NULL);

  if ((date = bp_model_catalogue_get_price_date (catalogue)) == NULL)
    return g_strdup (_("Estimated with bundled reference prices"));

  /* Translators: %s is a date such as 2026-08-21. */
  return g_strdup_printf (_("Estimated with prices as of %s"), date);
}
