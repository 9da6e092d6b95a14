/* test-image-result.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "bp-image-result.h"
#include "bp-test-utils.h"

/* A JPEG needs no more than its signature here: SOI, APP0 "JFIF", EOI. */
static const guint8 jpeg_bytes[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00,
  0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
};

typedef struct
{
  GMainLoop      *loop;
  BpImageResult  *result;
  GError         *error;
} ParseState;

static void
parse_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  ParseState *state = user_data;

  g_assert_null (source);
  state->result = bp_image_result_parse_finish (res, &state->error);
  g_main_loop_quit (state->loop);
}

/* Runs the async parser on a main loop, as the UI does. */
static BpImageResult *
parse_bytes (GBytes         *body,
             BpImageFamily   family,
             GCancellable   *cancellable,
             GError        **error)
{
  ParseState state = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  bp_image_result_parse_async (body, family, cancellable, parse_cb, &state);
  g_main_loop_run (state.loop);
  g_main_loop_unref (state.loop);

  g_assert_true ((state.result == NULL) != (state.error == NULL));
  if (state.error != NULL)
    g_propagate_error (error, state.error);
  return state.result;
}

static BpImageResult *
parse_string (const char     *body,
              BpImageFamily   family,
              GError        **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return parse_bytes (bytes, family, NULL, error);
}

static char *
b64_of (GBytes *bytes)
{
  return g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static GBytes *
tiny_png (void)
{
  return bp_test_read_data ("images", "tiny.png", NULL);
}

static void
assert_image_is (BpImageResult *result,
                 guint          index,
                 GBytes        *expected,
                 const char    *mime_type)
{
  g_assert_true (g_bytes_equal (bp_image_result_get_image (result, index), expected));
  g_assert_cmpstr (bp_image_result_get_mime_type (result, index), ==, mime_type);
}

static void
test_titan_success (void)
{
  g_autoptr(GBytes) png = tiny_png ();
  g_autofree char *b64 = b64_of (png);
  g_autofree char *body = g_strdup_printf ("{\"images\": [\"%s\", \"%s\"], \"error\": null}", b64, b64);
  g_autoptr(BpImageResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = parse_string (body, BP_IMAGE_FAMILY_TITAN_V2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_image_result_get_n_images (result), ==, 2);
  assert_image_is (result, 0, png, "image/png");
  assert_image_is (result, 1, png, "image/png");
  g_assert_false (bp_image_result_get_seed (result, 0, NULL));
  g_assert_cmpuint (bp_image_result_get_n_filtered (result), ==, 0);
}

static void
test_titan_error (void)
{
  g_autoptr(BpImageResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = parse_string ("{\"images\": [], \"error\": \"This request has been blocked by our "
                         "content filters.\"}", BP_IMAGE_FAMILY_NOVA_CANVAS, &error);
  g_assert_null (result);
  g_assert_error (error, BP_IMAGE_RESULT_ERROR, BP_IMAGE_RESULT_ERROR_FILTERED);
  g_assert_cmpstr (error->message, ==,
                   "The image was blocked: This request has been blocked by our content filters.");
}

static void
test_titan_partial (void)
{
  g_autoptr(GBytes) png = tiny_png ();
  g_autofree char *b64 = b64_of (png);
  g_autofree char *body = g_strdup_printf ("{\"images\": [\"%s\"], \"error\": \"One image was "
                                           "blocked.\"}", b64);
  g_autoptr(BpImageResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = parse_string (body, BP_IMAGE_FAMILY_TITAN_V1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_image_result_get_n_images (result), ==, 1);
  g_assert_cmpuint (bp_image_result_get_n_filtered (result), ==, 1);
  g_assert_cmpstr (bp_image_result_get_filtered_reason (result, 0), ==,
                   "The image was blocked: One image was blocked.");
}

static void
test_stability_success (void)
{
  g_autoptr(GBytes) jpeg = g_bytes_new_static (jpeg_bytes, sizeof jpeg_bytes);
  g_autofree char *b64 = b64_of (jpeg);
  g_autofree char *body = g_strdup_printf ("{\"seeds\": [2130420379], \"finish_reasons\": [null], "
                                           "\"images\": [\"%s\"]}", b64);
  g_autoptr(BpImageResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seed = 0;

  result = parse_string (body, BP_IMAGE_FAMILY_STABILITY_CORE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_image_result_get_n_images (result), ==, 1);
  assert_image_is (result, 0, jpeg, "image/jpeg");
  g_assert_true (bp_image_result_get_seed (result, 0, &seed));
  g_assert_cmpint (seed, ==, G_GINT64_CONSTANT (2130420379));
}

static void
test_stability_filtered (void)
{
  static const struct {
    const char *body;
    int         code;
    const char *message;
  } cases[] = {
    { "{\"seeds\": [1], \"finish_reasons\": [\"Filter reason: prompt\"]}",
      BP_IMAGE_RESULT_ERROR_FILTERED, "The prompt was blocked by the content filter." },
    /* An image sent along with a filter reason is not delivered. */
    { "{\"seeds\": [1], \"finish_reasons\": [\"Filter reason: output image\"], "
      "\"images\": [\"iVBORw0KGgo=\"]}",
      BP_IMAGE_RESULT_ERROR_FILTERED, "The generated image was blocked by the content filter." },
    { "{\"finish_reasons\": [\"Filter reason: input image\"]}",
      BP_IMAGE_RESULT_ERROR_FILTERED, "The input image was blocked by the content filter." },
    { "{\"finish_reasons\": [\"Filter reason: something new\"]}",
      BP_IMAGE_RESULT_ERROR_FILTERED,
      "The image was blocked by the content filter (Filter reason: something new)." },
    { "{\"finish_reasons\": [\"Inference error\"], \"images\": []}",
      BP_IMAGE_RESULT_ERROR_MODEL_FAILED,
      "The model could not generate the image (inference error); try again." },
    { "{\"finish_reasons\": [\"Odd\"]}",
      BP_IMAGE_RESULT_ERROR_MODEL_FAILED, "The image was not returned: Odd" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpImageResult) result = NULL;
      g_autoptr(GError) error = NULL;

      result = parse_string (cases[i].body, BP_IMAGE_FAMILY_STABILITY_ULTRA, &error);
      g_assert_null (result);
      g_assert_error (error, BP_IMAGE_RESULT_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_stability_partial (void)
{
  g_autoptr(GBytes) png = tiny_png ();
  g_autofree char *b64 = b64_of (png);
  g_autofree char *body = g_strdup_printf ("{\"seeds\": [11, 22], \"finish_reasons\": "
                                           "[\"Filter reason: output image\", null], "
                                           "\"images\": [\"%s\", \"%s\"]}", b64, b64);
  g_autoptr(BpImageResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seed = 0;

  /* Family unknown: the shape of the body says Stability. */
  result = parse_string (body, BP_IMAGE_FAMILY_UNKNOWN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_image_result_get_n_images (result), ==, 1);
  g_assert_true (bp_image_result_get_seed (result, 0, &seed));
  g_assert_cmpint (seed, ==, 22);
  g_assert_cmpuint (bp_image_result_get_n_filtered (result), ==, 1);
  g_assert_cmpstr (bp_image_result_get_filtered_reason (result, 0), ==,
                   "The generated image was blocked by the content filter.");
}

static void
test_invalid (void)
{
  g_autoptr(GBytes) gif = g_bytes_new_static ("GIF89a\x01\x00\x01\x00", 10);
  g_autofree char *gif_b64 = b64_of (gif);
  g_autofree char *gif_body = g_strdup_printf ("{\"images\": [\"%s\"]}", gif_b64);
  const struct {
    const char    *body;
    BpImageFamily  family;
    int            code;
  } cases[] = {
    { "{\"images\": [\"iVBORw0KGgo*\"]}", BP_IMAGE_FAMILY_TITAN_V2, BP_IMAGE_RESULT_ERROR_INVALID_IMAGE },
    { "{\"images\": [\"iVBORw0KGg\"]}", BP_IMAGE_FAMILY_TITAN_V2, BP_IMAGE_RESULT_ERROR_INVALID_IMAGE },
    { "{\"images\": [\"iVBO\\nRw0\"]}", BP_IMAGE_FAMILY_TITAN_V2, BP_IMAGE_RESULT_ERROR_INVALID_IMAGE },
    { "{\"images\": [\"=AAA\"]}", BP_IMAGE_FAMILY_TITAN_V2, BP_IMAGE_RESULT_ERROR_INVALID_IMAGE },
    { "{\"images\": [\"\"]}", BP_IMAGE_FAMILY_TITAN_V2, BP_IMAGE_RESULT_ERROR_INVALID_IMAGE },
    { gif_body, BP_IMAGE_FAMILY_NOVA_CANVAS, BP_IMAGE_RESULT_ERROR_INVALID_IMAGE },
    { "{\"images\": [42]}", BP_IMAGE_FAMILY_TITAN_V2, BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE },
    { "{\"images\": \"abc\"}", BP_IMAGE_FAMILY_TITAN_V2, BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE },
    { "{\"images\": [], \"error\": {\"odd\": 1}}", BP_IMAGE_FAMILY_TITAN_V2,
      BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE },
    { "{}", BP_IMAGE_FAMILY_TITAN_V2, BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE },
    { "[1, 2]", BP_IMAGE_FAMILY_TITAN_V2, BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE },
    { "<html>Bad gateway</html>", BP_IMAGE_FAMILY_TITAN_V2, BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE },
    { "", BP_IMAGE_FAMILY_TITAN_V2, BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE },
    { "{\"finish_reasons\": [null]}", BP_IMAGE_FAMILY_STABILITY_SD35,
      BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE },
    { "{\"finish_reasons\": 7}", BP_IMAGE_FAMILY_STABILITY_SD35,
      BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpImageResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %.40s", i, cases[i].body);
      result = parse_string (cases[i].body, cases[i].family, &error);
      g_assert_null (result);
      g_assert_error (error, BP_IMAGE_RESULT_ERROR, cases[i].code);
    }
}

static void
append_chunk (GByteArray   *out,
              const char   *type,
              const guint8 *data,
              gsize         len)
{
  guint8 be[4] = { len >> 24, len >> 16, len >> 8, len };
  uLong crc = crc32 (crc32 (0L, Z_NULL, 0), (const Bytef *) type, 4);

  crc = crc32 (crc, data, len);
  g_byte_array_append (out, be, 4);
  g_byte_array_append (out, (const guint8 *) type, 4);
  g_byte_array_append (out, data, len);
  be[0] = crc >> 24, be[1] = crc >> 16, be[2] = crc >> 8, be[3] = crc;
  g_byte_array_append (out, be, 4);
}

/* A 1024×1024 RGBA PNG of noise, stored without compression: ~4 MB. */
static GBytes *
make_large_png (void)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 ihdr[13] = { 0, 0, 4, 0, 0, 0, 4, 0, 8, 6, 0, 0, 0 };
  gsize raw_len = 1024 * (1 + 1024 * 4);
  g_autofree guint8 *raw = g_malloc (raw_len);
  uLongf z_len = compressBound (raw_len);
  g_autofree guint8 *z = g_malloc (z_len);
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (gsize i = 0; i < raw_len; i++)
    raw[i] = (i % (1 + 1024 * 4)) == 0 ? 0 : (guint8) g_rand_int (rand);
  g_assert_cmpint (compress2 (z, &z_len, raw, raw_len, 0), ==, Z_OK);

  g_byte_array_append (out, signature, sizeof signature);
  append_chunk (out, "IHDR", ihdr, sizeof ihdr);
  append_chunk (out, "IDAT", z, z_len);
  append_chunk (out, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (out);
}

static void
test_large (void)
{
  g_autoptr(GBytes) png = make_large_png ();
  g_autofree char *b64 = b64_of (png);
  g_autoptr(GString) body = g_string_new ("{\"images\":[\"");
  g_autoptr(GBytes) body_bytes = NULL;
  g_autoptr(BpImageResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_assert_cmpuint (g_bytes_get_size (png), >, 4 * 1000 * 1000);
  g_string_append (body, b64);
  g_string_append (body, "\"],\"error\":null}");
  body_bytes = g_string_free_to_bytes (g_steal_pointer (&body));

  start = g_get_monotonic_time ();
  result = parse_bytes (body_bytes, BP_IMAGE_FAMILY_TITAN_V2, NULL, &error);
  g_test_message ("parsed a %" G_GSIZE_FORMAT "-byte body in %.1f ms",
                  g_bytes_get_size (body_bytes), (g_get_monotonic_time () - start) / 1000.0);

  g_assert_no_error (error);
  g_assert_cmpuint (bp_image_result_get_n_images (result), ==, 1);
  assert_image_is (result, 0, png, "image/png");
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(BpImageResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  result = parse_bytes (body, BP_IMAGE_FAMILY_TITAN_V2, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/image-result/titan/success", test_titan_success);
  g_test_add_func ("/bp/image-result/titan/error", test_titan_error);
  g_test_add_func ("/bp/image-result/titan/partial", test_titan_partial);
  g_test_add_func ("/bp/image-result/stability/success", test_stability_success);
  g_test_add_func ("/bp/image-result/stability/filtered", test_stability_filtered);
  g_test_add_func ("/bp/image-result/stability/partial", test_stability_partial);
  g_test_add_func ("/bp/image-result/invalid", test_invalid);
  g_test_add_func ("/bp/image-result/large", test_large);
  g_test_add_func ("/bp/image-result/cancelled", test_cancelled);

  return g_test_run ();
}
