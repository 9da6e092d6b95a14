/* bp-image-request-body.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-image-request"

#include "config.h"

#include <string.h>

#include "bp-image-request-private.h"

/* A small compact JSON writer: json-glib prints doubles with 17 digits
 * (1.1 becomes 1.1000000000000001), and the body is shown to users as the
 * exact request, so the few values we send are written by hand. */
static void
json_append_string (GString    *out,
                    const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_append_member (GString    *out,
                    gboolean   *first,
                    const char *name)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  json_append_string (out, name);
  g_string_append_c (out, ':');
}

static void
json_append_double (GString *out,
                    double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.6g", value);
  g_string_append (out, buf);
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
build_amazon_body (const BpImageRequest *self,
                   GString              *out)
{
  gboolean first = TRUE;
  gboolean first_param = TRUE;
  guint width = self->width != 0 ? self->width : _BP_IMAGE_DEFAULT_SIDE;
  guint height = self->height != 0 ? self->height : _BP_IMAGE_DEFAULT_SIDE;

  g_string_append_c (out, '{');
  json_append_member (out, &first, "taskType");
  json_append_string (out, "TEXT_IMAGE");
  json_append_member (out, &first, "textToImageParams");
  g_string_append_c (out, '{');
  json_append_member (out, &first_param, "text");
  json_append_string (out, self->prompt);
  /* An empty negativeText fails the 1-character minimum: omit it (§4.1). */
  if (self->negative_prompt[0] != '\0')
    {
      json_append_member (out, &first_param, "negativeText");
      json_append_string (out, self->negative_prompt);
    }
  g_string_append (out, "},");
  g_string_append_printf (out, "\"imageGenerationConfig\":{\"numberOfImages\":%u,"
                          "\"width\":%u,\"height\":%u",
                          self->n_images, width, height);
  if (self->has_cfg_scale)
    {
      g_string_append (out, ",\"cfgScale\":");
      json_append_double (out, self->cfg_scale);
    }
  if (self->has_seed)
    g_string_append_printf (out, ",\"seed\":%" G_GINT64_FORMAT, self->seed);
  g_string_append_printf (out, ",\"quality\":\"%s\"}}",
                          self->quality == BP_IMAGE_QUALITY_PREMIUM ? "premium" : "standard");
}

static void
build_stability_body (const BpImageRequest *self,
                      BpImageFamily         family,
                      GString              *out)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_append_member (out, &first, "prompt");
  json_append_string (out, self->prompt);
  if (self->negative_prompt[0] != '\0')
    {
      json_append_member (out, &first, "negative_prompt");
      json_append_string (out, self->negative_prompt);
    }
  /* Only the SD3 models have an image-to-image mode to choose from. */
  if (family == BP_IMAGE_FAMILY_STABILITY_SD35 ||
      family == BP_IMAGE_FAMILY_STABILITY_SD3_LARGE)
    {
      json_append_member (out, &first, "mode");
      json_append_string (out, "text-to-image");
    }
  json_append_member (out, &first, "aspect_ratio");
  json_append_string (out, self->aspect_ratio != NULL ? self->aspect_ratio
                                                      : _BP_IMAGE_DEFAULT_ASPECT);
  if (self->has_seed)
    {
      json_append_member (out, &first, "seed");
      g_string_append_printf (out, "%" G_GINT64_FORMAT, self->seed);
    }
  json_append_member (out, &first, "output_format");
  json_append_string (out, self->output_format == BP_IMAGE_FORMAT_JPEG ? "jpeg" : "png");
  g_string_append_c (out, '}');
}

/**
 * bp_image_request_build_body:
 * @self: a request that passed bp_image_request_validate()
 *
 * Writes the InvokeModel body of the request's family as compact JSON:
 * `TEXT_IMAGE` with `textToImageParams` and `imageGenerationConfig` for
 * Titan and Nova Canvas (§4.1), the flat Stability AI object otherwise
 * (§4.2). Unset optional values are left out; Titan and Nova Canvas always
 * get an explicit size (1024×1024 unless set), Stability an aspect ratio
 * (1:1 unless set).
 *
 * Returns: (transfer full) (nullable): the body, or %NULL when the model is
 *   not an image model we know
 */
GBytes *
bp_image_request_build_body (const BpImageRequest *self)
{
  BpImageFamily family;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  family = bp_image_request_get_family (self);
  g_return_val_if_fail (family != BP_IMAGE_FAMILY_UNKNOWN, NULL);

  out = g_string_sized_new (256 + strlen (self->prompt) + strlen (self->negative_prompt));
  if (bp_image_family_is_stability (family))
    build_stability_body (self, family, out);
  else
    build_amazon_body (self, out);

  return g_string_free_to_bytes (out);
}

/**
 * bp_image_request_describe_for_png:
 * @self: the request that produced an image
 * @seed: the seed the service reported for the image, or -1 to use the
 *   request's own seed (if any)
 * @keys: (out) (transfer full): text chunk keywords
 * @values: (out) (transfer full): their values, same length as @keys
 *
 * Describes the request as PNG text chunks for bp_png_add_text_chunks():
 * "Software", "prompt", "negative_prompt" (when set), "model_id", "seed"
 * (when known) and "parameters", the exact JSON body that was sent.
 */
void
bp_image_request_describe_for_png (const BpImageRequest  *self,
                                   gint64                 seed,
                                   GStrv                 *keys,
                                   GStrv                 *values)
{
  g_autoptr(GStrvBuilder) kb = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) vb = g_strv_builder_new ();
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (keys != NULL && values != NULL);

  g_strv_builder_add (kb, "Software");
  g_strv_builder_add (vb, "Bedrock Playground");
  g_strv_builder_add (kb, "prompt");
  g_strv_builder_add (vb, self->prompt);
  if (self->negative_prompt[0] != '\0')
    {
      g_strv_builder_add (kb, "negative_prompt");
      g_strv_builder_add (vb, self->negative_prompt);
    }
  g_strv_builder_add (kb, "model_id");
  g_strv_builder_add (vb, self->model_id);

  if (seed < 0 && self->has_seed)
    seed = self->seed;
  if (seed >= 0)
    {
      g_autofree char *str = g_strdup_printf ("%" G_GINT64_FORMAT, seed);

      g_strv_builder_add (kb, "seed");
      g_strv_builder_add (vb, str);
    }

  if (bp_image_request_get_family (self) != BP_IMAGE_FAMILY_UNKNOWN &&
      (body = bp_image_request_build_body (self)) != NULL)
    {
      g_autofree char *json = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

      g_strv_builder_add (kb, "parameters");
      g_strv_builder_add (vb, json);
    }

  *keys = g_strv_builder_end (kb);
  *values = g_strv_builder_end (vb);
}
