/* bp-image-request-validate.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-image-request"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-image-request-private.h"

/* Client-side checks of an image request against the limits of wire format
 * §4.1 (Titan Image Generator, Nova Canvas) and §4.2 (Stability AI). Each
 * failure names the parameter, the value and what is allowed, because the
 * service's own ValidationException messages rarely do. */

typedef struct
{
  guint  max_text;
  guint  max_images;
  gint64 max_seed;
} FamilyLimits;

static FamilyLimits
family_limits (BpImageFamily family)
{
  switch (family)
    {
    case BP_IMAGE_FAMILY_TITAN_V1:
    case BP_IMAGE_FAMILY_TITAN_V2:
      return (FamilyLimits) { BP_IMAGE_TITAN_MAX_TEXT, BP_IMAGE_MAX_IMAGES,
                              BP_IMAGE_TITAN_MAX_SEED };
    case BP_IMAGE_FAMILY_NOVA_CANVAS:
      return (FamilyLimits) { BP_IMAGE_NOVA_MAX_TEXT, BP_IMAGE_MAX_IMAGES,
                              BP_IMAGE_NOVA_MAX_SEED };
    case BP_IMAGE_FAMILY_STABILITY_SD35:
    case BP_IMAGE_FAMILY_STABILITY_CORE:
    case BP_IMAGE_FAMILY_STABILITY_ULTRA:
    case BP_IMAGE_FAMILY_STABILITY_SD3_LARGE:
      return (FamilyLimits) { BP_IMAGE_STABILITY_MAX_TEXT, 1,
                              BP_IMAGE_STABILITY_MAX_SEED };
    case BP_IMAGE_FAMILY_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (BP_IMAGE_REQUEST_ERROR,
                                                BP_IMAGE_REQUEST_ERROR_INVALID_PARAMETER,
                                                format, args));
  va_end (args);

  return FALSE;
}

static gboolean
check_texts (const BpImageRequest  *self,
             BpImageFamily          family,
             GError               **error)
{
  const char *name = bp_image_family_get_name (family);
  guint max = family_limits (family).max_text;
  guint len;

  if (self->prompt[0] == '\0')
    return invalid (error, _("The prompt is empty: describe the image for %s."), name);

  if ((len = g_utf8_strlen (self->prompt, -1)) > max)
    return invalid (error,
                    _("The prompt is %u characters long, but %s accepts at most %u characters."),
                    len, name, max);

  if ((len = g_utf8_strlen (self->negative_prompt, -1)) > max)
    return invalid (error,
                    _("The negative prompt is %u characters long, but %s accepts at most %u characters."),
                    len, name, max);

  return TRUE;
}

static gboolean
check_count_and_seed (const BpImageRequest  *self,
                      BpImageFamily          family,
                      GError               **error)
{
  const char *name = bp_image_family_get_name (family);
  FamilyLimits limits = family_limits (family);

  if (limits.max_images == 1 && self->n_images != 1)
    return invalid (error,
                    _("Number of images %u is not allowed for %s: it makes exactly 1 image per request."),
                    self->n_images, name);

  if (self->n_images < 1 || self->n_images > limits.max_images)
    return invalid (error, _("Number of images %u is not allowed for %s: choose 1 to %u."),
                    self->n_images, name, limits.max_images);

  if (self->has_seed && (self->seed < 0 || self->seed > limits.max_seed))
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, self->seed);
      g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, limits.max_seed);

      return invalid (error, _("Seed %s is not allowed for %s: choose 0 to %s."),
                      value, name, max);
    }

  return TRUE;
}

static gboolean
check_amazon_options (const BpImageRequest  *self,
                      BpImageFamily          family,
                      GError               **error)
{
  const char *name = bp_image_family_get_name (family);

  /* NaN fails both comparisons, so it is refused too. */
  if (self->has_cfg_scale &&
      !(self->cfg_scale >= BP_IMAGE_MIN_CFG_SCALE && self->cfg_scale <= BP_IMAGE_MAX_CFG_SCALE))
    {
      g_autofree char *value = g_strdup_printf ("%g", self->cfg_scale);
      g_autofree char *min = g_strdup_printf ("%g", BP_IMAGE_MIN_CFG_SCALE);
      g_autofree char *max = g_strdup_printf ("%.1f", BP_IMAGE_MAX_CFG_SCALE);

      /* Translators: CFG scale is how closely the image follows the prompt. */
      return invalid (error, _("CFG scale %s is not allowed for %s: choose %s to %s."),
                      value, name, min, max);
    }

  if (self->aspect_ratio != NULL)
    return invalid (error,
                    _("Aspect ratio %s is not a parameter of %s: choose a width and height instead."),
                    self->aspect_ratio, name);

  if (self->output_format != BP_IMAGE_FORMAT_PNG)
    return invalid (error, _("%s makes PNG images only: choose PNG as the output format."), name);

  return TRUE;
}

static char *
join_titan_sizes (void)
{
  GString *list = g_string_new (NULL);
  const BpImageSize *sizes;
  gsize n_sizes;

  sizes = bp_image_titan_sizes (&n_sizes);
  for (gsize i = 0; i < n_sizes; i++)
    g_string_append_printf (list, "%s%u×%u", i > 0 ? ", " : "", sizes[i].width, sizes[i].height);

  return g_string_free (list, FALSE);
}

static gboolean
check_titan_size (const BpImageRequest  *self,
                  BpImageFamily          family,
                  GError               **error)
{
  const char *name = bp_image_family_get_name (family);
  g_autofree char *list = NULL;
  gboolean width_known = FALSE;
  gboolean height_known = FALSE;
  const BpImageSize *sizes;
  gsize n_sizes;

  if (self->width == 0)
    return TRUE;

  sizes = bp_image_titan_sizes (&n_sizes);
  for (gsize i = 0; i < n_sizes; i++)
    {
      if (sizes[i].width == self->width && sizes[i].height == self->height)
        return TRUE;
      width_known |= sizes[i].width == self->width;
      height_known |= sizes[i].height == self->height;
    }

  list = join_titan_sizes ();
  if (!width_known)
    return invalid (error, _("Width %u is not allowed for %s: sizes are %s."),
                    self->width, name, list);
  if (!height_known)
    return invalid (error, _("Height %u is not allowed for %s: sizes are %s."),
                    self->height, name, list);

  return invalid (error, _("Size %u×%u is not allowed for %s: sizes are %s."),
                  self->width, self->height, name, list);
}

static gboolean
check_nova_side (guint        side,
                 gboolean     is_width,
                 const char  *name,
                 GError     **error)
{
  if (side < BP_IMAGE_NOVA_MIN_SIDE || side > BP_IMAGE_NOVA_MAX_SIDE)
    {
      if (is_width)
        return invalid (error, _("Width %u is not allowed for %s: each side must be %u to %u pixels."),
                        side, name, BP_IMAGE_NOVA_MIN_SIDE, BP_IMAGE_NOVA_MAX_SIDE);
      return invalid (error, _("Height %u is not allowed for %s: each side must be %u to %u pixels."),
                      side, name, BP_IMAGE_NOVA_MIN_SIDE, BP_IMAGE_NOVA_MAX_SIDE);
    }

  if (side % BP_IMAGE_NOVA_SIDE_MULTIPLE != 0)
    {
      if (is_width)
        return invalid (error, _("Width %u is not allowed for %s: each side must be a multiple of %u."),
                        side, name, BP_IMAGE_NOVA_SIDE_MULTIPLE);
      return invalid (error, _("Height %u is not allowed for %s: each side must be a multiple of %u."),
                      side, name, BP_IMAGE_NOVA_SIDE_MULTIPLE);
    }

  return TRUE;
}

static gboolean
check_nova_size (const BpImageRequest  *self,
                 GError               **error)
{
  const char *name = bp_image_family_get_name (BP_IMAGE_FAMILY_NOVA_CANVAS);
  guint64 pixels = (guint64) self->width * self->height;
  guint w = self->width;
  guint h = self->height;

  if (w == 0)
    return TRUE;

  if (!check_nova_side (w, TRUE, name, error) ||
      !check_nova_side (h, FALSE, name, error))
    return FALSE;

  if ((guint64) w > (guint64) h * 4 || (guint64) h > (guint64) w * 4)
    return invalid (error,
                    _("Size %u×%u is not allowed for %s: the aspect ratio must be between 1:4 and 4:1."),
                    w, h, name);

  /* §4.1 gives the limit as 4,194,304 pixels "(2048×2048)" and lists
   * 2048×2048 among the ready-made sizes, so the limit itself is allowed. */
  if (pixels > BP_IMAGE_NOVA_MAX_PIXELS)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, pixels);
      g_autofree char *max = g_strdup_printf ("%" G_GUINT64_FORMAT, BP_IMAGE_NOVA_MAX_PIXELS);

      return invalid (error,
                      _("Size %u×%u is not allowed for %s: it has %s pixels and the limit is %s (2048×2048)."),
                      w, h, name, count, max);
    }

  return TRUE;
}

static gboolean
check_stability_options (const BpImageRequest  *self,
                         BpImageFamily          family,
                         GError               **error)
{
  const char * const *ratios = bp_image_stability_aspect_ratios ();
  const char *name = bp_image_family_get_name (family);
  g_autofree char *list = g_strjoinv (", ", (char **) ratios);

  if (self->width != 0)
    return invalid (error,
                    _("%s does not take a width and height (%u×%u): choose an aspect ratio instead (%s)."),
                    name, self->width, self->height, list);

  if (self->aspect_ratio != NULL && !g_strv_contains (ratios, self->aspect_ratio))
    return invalid (error, _("Aspect ratio %s is not allowed for %s: choose one of %s."),
                    self->aspect_ratio, name, list);

  if (self->has_cfg_scale)
    return invalid (error, _("CFG scale is not a parameter of %s: leave it unset."), name);

  if (self->quality != BP_IMAGE_QUALITY_STANDARD)
    return invalid (error, _("Premium quality is not available for %s: choose standard quality."),
                    name);

  return TRUE;
}

/**
 * bp_image_request_validate:
 * @self: a request
 * @error: return location for a %BP_IMAGE_REQUEST_ERROR
 *
 * Checks the request against the limits of its model family: prompt
 * lengths, number of images, size or aspect ratio, seed, CFG scale,
 * quality and output format. The first problem found is reported with a
 * translated message naming the parameter, its value and what is allowed.
 *
 * Returns: %TRUE if the request can be sent
 */
gboolean
bp_image_request_validate (const BpImageRequest  *self,
                           GError               **error)
{
  BpImageFamily family;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  family = bp_image_request_get_family (self);
  if (family == BP_IMAGE_FAMILY_UNKNOWN)
    {
      g_set_error (error, BP_IMAGE_REQUEST_ERROR, BP_IMAGE_REQUEST_ERROR_UNKNOWN_MODEL,
                   _("“%s” is not an image model this app knows: choose Titan Image Generator, "
                     "Nova Canvas or a Stability AI model."),
                   self->model_id);
      return FALSE;
    }

  if (!check_texts (self, family, error) ||
      !check_count_and_seed (self, family, error))
    return FALSE;

  if (bp_image_family_is_stability (family))
    return check_stability_options (self, family, error);

  if (!check_amazon_options (self, family, error))
    return FALSE;

  if (family == BP_IMAGE_FAMILY_NOVA_CANVAS)
    return check_nova_size (self, error);

  return check_titan_size (self, family, error);
}
