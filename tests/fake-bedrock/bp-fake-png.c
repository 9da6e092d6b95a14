/* bp-fake-png.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-bedrock"

#include "config.h"

#include <math.h>
#include <string.h>
#include <zlib.h>

#include "bp-fake-bedrock-private.h"

/* A minimal PNG encoder for the fake image models: 8-bit RGB, one IDAT
 * stream, rows filtered with "Sub" so that the picture (a vertical
 * gradient with a disc) is mostly zero bytes and even 4096×4096 costs
 * little to compress. The "noisy" variant fills a band with random bytes
 * to make the file several megabytes. */

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

#define PNG_COLOR_TYPE_RGB 2
#define PNG_FILTER_NONE    0
#define PNG_FILTER_SUB     1
#define BYTES_PER_PIXEL    3

static void
append_u32 (GByteArray *out,
            guint32     value)
{
  guint8 be[4] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  g_byte_array_append (out, be, sizeof be);
}

static void
append_chunk (GByteArray   *out,
              const char   *type,
              const guint8 *data,
              gsize         len)
{
  uLong crc = crc32 (0, (const Bytef *) type, 4);

  g_assert (len <= G_MAXUINT32);

  if (len > 0)
    crc = crc32_z (crc, data, len);
  append_u32 (out, (guint32) len);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (out, data, len);
  append_u32 (out, (guint32) crc);
}

static void
deflate_bytes (z_stream     *z,
               GByteArray   *out,
               const guint8 *data,
               gsize         len,
               int           flush)
{
  guint8 buffer[64 * 1024];
  int ret;

  z->next_in = (Bytef *) data;
  z->avail_in = (uInt) len;
  do
    {
      z->next_out = buffer;
      z->avail_out = sizeof buffer;
      ret = deflate (z, flush);
      g_assert (ret != Z_STREAM_ERROR);
      g_byte_array_append (out, buffer, sizeof buffer - z->avail_out);
    }
  while (z->avail_out == 0);
}

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

typedef struct
{
  guint  width;
  guint  height;
  guint8 top[3];
  guint8 bottom[3];
  guint8 disc[3];
  guint  noise_rows;
  guint64 state;
} Picture;

/* One "Sub"-filtered row: the first pixel as is, then differences to the
 * left neighbour, which are zero except where the disc starts and ends. */
static void
fill_row (Picture *picture,
          guint    y,
          guint8  *row)
{
  guint w = picture->width;
  double t = picture->height > 1 ? (double) y / (picture->height - 1) : 0;
  double cx = w / 2.0, cy = picture->height / 2.0, r = MIN (w, picture->height) / 3.0;
  double dy = y + 0.5 - cy;
  guint8 bg[3];
  guint x0 = w, x1 = w;

  if (y < picture->noise_rows)
    {
      row[0] = PNG_FILTER_NONE;
      for (gsize i = 1; i <= (gsize) w * BYTES_PER_PIXEL; i += 8)
        {
          guint64 bits = splitmix64 (&picture->state);

          memcpy (row + i, &bits, MIN (8, (gsize) w * BYTES_PER_PIXEL + 1 - i));
        }
      return;
    }

  for (guint c = 0; c < 3; c++)
    bg[c] = (guint8) (picture->top[c] + t * (picture->bottom[c] - picture->top[c]));

  if (dy * dy < r * r)
    {
      double half = sqrt (r * r - dy * dy);

      x0 = (guint) CLAMP (cx - half, 0, w);
      x1 = (guint) CLAMP (cx + half, 0, w);
    }

  memset (row, 0, (gsize) w * BYTES_PER_PIXEL + 1);
  row[0] = PNG_FILTER_SUB;
  for (guint c = 0; c < 3; c++)
    {
      row[1 + c] = x0 == 0 && x1 > 0 ? picture->disc[c] : bg[c];
      if (x0 > 0 && x0 < x1)
        row[1 + x0 * BYTES_PER_PIXEL + c] = (guint8) (picture->disc[c] - bg[c]);
      if (x1 > x0 && x1 < w)
        row[1 + x1 * BYTES_PER_PIXEL + c] = (guint8) (bg[c] - picture->disc[c]);
    }
}

static void
pick_colors (Picture *picture,
             guint64  seed)
{
  guint64 state = seed;
  guint64 a = splitmix64 (&state);
  guint64 b = splitmix64 (&state);

  for (guint c = 0; c < 3; c++)
    {
      picture->top[c] = (a >> (8 * c)) & 0xff;
      picture->bottom[c] = (a >> (8 * (c + 3))) & 0xff;
      picture->disc[c] = (b >> (8 * c)) & 0xff;
    }
  picture->state = b;
}

/**
 * _bp_fake_png_render:
 * @width: the width in pixels, at least 1
 * @height: the height in pixels, at least 1
 * @seed: picks the colours (and the noise)
 * @noisy: fill the top eighth with random bytes, so the file is large
 *
 * Renders a deterministic picture: the same arguments give the same bytes.
 *
 * Returns: (transfer full): a valid PNG file
 */
GBytes *
_bp_fake_png_render (guint    width,
                     guint    height,
                     guint64  seed,
                     gboolean noisy)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autofree guint8 *row = NULL;
  gsize row_len = (gsize) width * BYTES_PER_PIXEL + 1;
  guint8 ihdr[13];
  Picture picture = { width, height, { 0 }, { 0 }, { 0 }, noisy ? height / 8 : 0, 0 };
  z_stream z = { 0 };
  int ret;

  g_assert (width > 0 && height > 0);

  pick_colors (&picture, seed);
  row = g_malloc (row_len);

  ret = deflateInit (&z, Z_BEST_SPEED);
  g_assert (ret == Z_OK);
  for (guint y = 0; y < height; y++)
    {
      fill_row (&picture, y, row);
      deflate_bytes (&z, idat, row, row_len, Z_NO_FLUSH);
    }
  deflate_bytes (&z, idat, NULL, 0, Z_FINISH);
  deflateEnd (&z);

  ihdr[0] = width >> 24; ihdr[1] = (width >> 16) & 0xff; ihdr[2] = (width >> 8) & 0xff; ihdr[3] = width & 0xff;
  ihdr[4] = height >> 24; ihdr[5] = (height >> 16) & 0xff; ihdr[6] = (height >> 8) & 0xff; ihdr[7] = height & 0xff;
  ihdr[8] = 8;                    /* bit depth */
  ihdr[9] = PNG_COLOR_TYPE_RGB;
  ihdr[10] = 0;                   /* deflate */
  ihdr[11] = 0;                   /* adaptive filtering */
  ihdr[12] = 0;                   /* no interlace */

  g_byte_array_append (png, png_signature, sizeof png_signature);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "IDAT", idat->data, idat->len);
  append_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
