/* test-png-text.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-image-request.h"
#include "bp-png-text.h"
#include "bp-test-utils.h"

#define SIGNATURE_AND_IHDR 33   /* 8-byte signature + 25-byte IHDR chunk */

/* An independent CRC-32 (bit by bit, polynomial 0xEDB88320), so that the
 * check does not share zlib with the code under test. */
static guint32
slow_crc32 (const guint8 *data,
            gsize         len)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (guint bit = 0; bit < 8; bit++)
        crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }

  return crc ^ 0xffffffffu;
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

typedef struct
{
  char          type[5];
  const guint8 *data;
  guint32       length;
  gsize         offset;
} Chunk;

/* Walks a PNG, asserting every length and CRC; returns the chunks. */
static GArray *
walk_png (GBytes *png)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (png, &len);
  GArray *chunks = g_array_new (FALSE, TRUE, sizeof (Chunk));
  gsize offset = 8;

  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  while (offset < len)
    {
      Chunk chunk;

      g_assert_cmpuint (len - offset, >=, 12);
      chunk.offset = offset;
      chunk.length = be32 (data + offset);
      g_assert_cmpuint (chunk.length, <=, len - offset - 12);
      memcpy (chunk.type, data + offset + 4, 4);
      chunk.type[4] = '\0';
      chunk.data = data + offset + 8;
      g_assert_cmphex (be32 (chunk.data + chunk.length), ==,
                       slow_crc32 (data + offset + 4, chunk.length + 4));
      g_array_append_val (chunks, chunk);
      offset += 12 + chunk.length;
    }
  g_assert_cmpuint (offset, ==, len);

  return chunks;
}

static GBytes *
build_png (const char * const *types,
           const char * const *datas,
           const guint32      *lens)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  for (guint i = 0; types[i] != NULL; i++)
    {
      guint32 len = lens[i];
      guint8 be[4] = { len >> 24, len >> 16, len >> 8, len };
      g_autofree guint8 *crc_input = g_malloc (len + 4);
      guint32 crc;

      memcpy (crc_input, types[i], 4);
      memcpy (crc_input + 4, datas[i], len);
      crc = slow_crc32 (crc_input, len + 4);
      g_byte_array_append (out, be, 4);
      g_byte_array_append (out, crc_input, len + 4);
      be[0] = crc >> 24, be[1] = crc >> 16, be[2] = crc >> 8, be[3] = crc;
      g_byte_array_append (out, be, 4);
    }

  return g_byte_array_free_to_bytes (out);
}

static void
test_read_foreign (void)
{
  g_autoptr(GBytes) png = bp_test_read_data ("images", "tiny-with-text.png", NULL);
  g_autoptr(GHashTable) texts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *compressed = NULL;

  texts = bp_png_read_text_chunks (png, &error);
  g_assert_no_error (error);

  compressed = g_strnfill (0, 0);
  for (guint i = 0; i < 20; i++)
    {
      char *tmp = g_strconcat (compressed, "compressed text ", NULL);

      g_free (compressed);
      compressed = tmp;
    }

  g_assert_cmpuint (g_hash_table_size (texts), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (texts, "Comment"), ==, "café latin-1");
  g_assert_cmpstr (g_hash_table_lookup (texts, "Description"), ==, compressed);
  g_assert_cmpstr (g_hash_table_lookup (texts, "Title"), ==, "등대 그림");
}

static void
test_add_round_trip (void)
{
  g_autoptr(GBytes) png = bp_test_read_data ("images", "tiny.png", NULL);
  static const char * const keys[] = { "Software", "prompt", "negative_prompt", "parameters",
                                       "note", NULL };
  static const char * const values[] = { "Bedrock Playground", "a lighthouse\nat dusk", "café",
                                         "{\"prompt\":\"등대\"}", "tab\there", NULL };
  static const char * const types[] = { "IHDR", "tEXt", "tEXt", "tEXt", "iTXt", "iTXt",
                                        "IDAT", "IEND" };
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GArray) chunks = NULL;
  g_autoptr(GHashTable) texts = NULL;
  g_autoptr(GError) error = NULL;
  gsize in_len, out_len;
  const guint8 *in_data, *out_data;
  const Chunk *chunk;

  out = bp_png_add_text_chunks (png, keys, values, &error);
  g_assert_no_error (error);

  /* Every CRC checks out with an independent CRC, in the right order. */
  chunks = walk_png (out);
  g_assert_cmpuint (chunks->len, ==, G_N_ELEMENTS (types));
  for (guint i = 0; i < chunks->len; i++)
    g_assert_cmpstr (g_array_index (chunks, Chunk, i).type, ==, types[i]);

  /* Latin-1 in tEXt, UTF-8 in an uncompressed iTXt, byte for byte. */
  chunk = &g_array_index (chunks, Chunk, 3);
  g_assert_cmpmem (chunk->data, chunk->length, "negative_prompt\0caf\xe9", 20);
  chunk = &g_array_index (chunks, Chunk, 4);
  g_assert_cmpmem (chunk->data, chunk->length, "parameters\0\0\0\0\0{\"prompt\":\"등대\"}",
                   15 + strlen ("{\"prompt\":\"등대\"}"));

  /* The original bytes are untouched: header and IHDR before, the rest
   * (IDAT, IEND) after. */
  in_data = g_bytes_get_data (png, &in_len);
  out_data = g_bytes_get_data (out, &out_len);
  g_assert_cmpmem (out_data, SIGNATURE_AND_IHDR, in_data, SIGNATURE_AND_IHDR);
  g_assert_cmpmem (out_data + out_len - (in_len - SIGNATURE_AND_IHDR), in_len - SIGNATURE_AND_IHDR,
                   in_data + SIGNATURE_AND_IHDR, in_len - SIGNATURE_AND_IHDR);

  texts = bp_png_read_text_chunks (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (texts), ==, 5);
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_cmpstr (g_hash_table_lookup (texts, keys[i]), ==, values[i]);
}

static void
test_add_request_description (void)
{
  g_autoptr(GBytes) png = bp_test_read_data ("images", "tiny.png", NULL);
  g_autoptr(BpImageRequest) req = bp_image_request_new ("amazon.nova-canvas-v1:0");
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GHashTable) texts = NULL;
  g_autoptr(GArray) chunks = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) values = NULL;

  bp_image_request_set_prompt (req, "등대, 유화");
  bp_image_request_set_seed (req, 12);
  bp_image_request_describe_for_png (req, -1, &keys, &values);

  out = bp_png_add_text_chunks (png, (const char * const *) keys,
                                (const char * const *) values, &error);
  g_assert_no_error (error);
  chunks = walk_png (out);
  g_assert_cmpuint (chunks->len, ==, 3 + g_strv_length (keys));

  texts = bp_png_read_text_chunks (out, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (texts, "prompt"), ==, "등대, 유화");
  g_assert_cmpstr (g_hash_table_lookup (texts, "seed"), ==, "12");
  g_assert_cmpstr (g_hash_table_lookup (texts, "model_id"), ==, "amazon.nova-canvas-v1:0");
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (texts, "parameters"),
                                   "{\"taskType\":\"TEXT_IMAGE\""));
}

static GBytes *
modified_copy (GBytes *png,
               gsize   offset,
               guint8  xor_mask,
               gssize  new_len)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (png, &len);
  guint8 *copy = g_malloc (MAX (len, (gsize) MAX (new_len, 0)) + 1);

  memcpy (copy, data, len);
  if (offset < len)
    copy[offset] ^= xor_mask;
  if (new_len < 0)
    new_len = len;
  if ((gsize) new_len > len)
    memset (copy + len, 0, new_len - len);

  return g_bytes_new_take (copy, new_len);
}

static void
test_malformed (void)
{
  g_autoptr(GBytes) png = bp_test_read_data ("images", "tiny.png", NULL);
  static const char * const no_ihdr_types[] = { "IDAT", "IEND", NULL };
  static const char * const no_ihdr_datas[] = { "x", "", NULL };
  static const guint32 no_ihdr_lens[] = { 1, 0 };
  static const char * const no_idat_types[] = { "IHDR", "IEND", NULL };
  static const char * const no_idat_datas[] = { "\0\0\0\4\0\0\0\3\10\2\0\0\0", "", NULL };
  static const guint32 no_idat_lens[] = { 13, 0 };
  static const char * const keys[] = { "k", NULL };
  static const char * const values[] = { "v", NULL };
  gsize len = g_bytes_get_size (png);
  struct {
    GBytes *bytes;
    int     code;
  } cases[] = {
    { g_bytes_new_static ("\xff\xd8\xff\xe0", 4), BP_PNG_ERROR_NOT_PNG },
    { g_bytes_new_static ("", 0), BP_PNG_ERROR_NOT_PNG },
    { modified_copy (png, 0, 0x01, -1), BP_PNG_ERROR_NOT_PNG },
    /* A flipped bit in IDAT data breaks its CRC. */
    { modified_copy (png, SIGNATURE_AND_IHDR + 10, 0x01, -1), BP_PNG_ERROR_MALFORMED },
    /* Truncated inside IEND, and right after IDAT. */
    { modified_copy (png, len, 0, len - 5), BP_PNG_ERROR_MALFORMED },
    { modified_copy (png, len, 0, len - 12), BP_PNG_ERROR_MALFORMED },
    /* Bytes after IEND. */
    { modified_copy (png, len, 0, len + 3), BP_PNG_ERROR_MALFORMED },
    /* An IDAT length pointing past the end. */
    { modified_copy (png, SIGNATURE_AND_IHDR, 0x80, -1), BP_PNG_ERROR_MALFORMED },
    { build_png (no_ihdr_types, no_ihdr_datas, no_ihdr_lens), BP_PNG_ERROR_MALFORMED },
    { build_png (no_idat_types, no_idat_datas, no_idat_lens), BP_PNG_ERROR_MALFORMED },
    { g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8), BP_PNG_ERROR_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) read_error = NULL;
      g_autoptr(GBytes) out = NULL;
      g_autoptr(GHashTable) texts = NULL;

      g_test_message ("case %u", i);
      out = bp_png_add_text_chunks (cases[i].bytes, keys, values, &error);
      g_assert_null (out);
      g_assert_error (error, BP_PNG_ERROR, cases[i].code);

      texts = bp_png_read_text_chunks (cases[i].bytes, &read_error);
      g_assert_null (texts);
      g_assert_error (read_error, BP_PNG_ERROR, cases[i].code);
      g_bytes_unref (cases[i].bytes);
    }
}

static void
test_bad_keywords (void)
{
  g_autoptr(GBytes) png = bp_test_read_data ("images", "tiny.png", NULL);
  g_autofree char *long_key = g_strnfill (80, 'k');
  const char *bad[] = { "", " lead", "trail ", "dou  ble", long_key, "tab\tkey", "clé" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *keys[] = { bad[i], NULL };
      const char *values[] = { "v", NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) out = NULL;

      out = bp_png_add_text_chunks (png, keys, values, &error);
      g_assert_null (out);
      g_assert_error (error, BP_PNG_ERROR, BP_PNG_ERROR_INVALID_KEYWORD);
    }

  {
    g_autofree char *ok_key = g_strnfill (79, 'k');
    const char *keys[] = { ok_key, "Two words", NULL };
    const char *values[] = { "", "\xff\xfe not UTF-8", NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) out = NULL;

    out = bp_png_add_text_chunks (png, keys, values, &error);
    g_assert_null (out);
    g_assert_error (error, BP_PNG_ERROR, BP_PNG_ERROR_INVALID_TEXT);
  }
}

static void
test_no_keys (void)
{
  g_autoptr(GBytes) png = bp_test_read_data ("images", "tiny.png", NULL);
  const char *none[] = { NULL };
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GHashTable) texts = NULL;
  g_autoptr(GError) error = NULL;

  out = bp_png_add_text_chunks (png, none, none, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (out, png));

  texts = bp_png_read_text_chunks (png, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (texts), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/png-text/read-foreign", test_read_foreign);
  g_test_add_func ("/bp/png-text/add-round-trip", test_add_round_trip);
  g_test_add_func ("/bp/png-text/add-request-description", test_add_request_description);
  g_test_add_func ("/bp/png-text/malformed", test_malformed);
  g_test_add_func ("/bp/png-text/bad-keywords", test_bad_keywords);
  g_test_add_func ("/bp/png-text/no-keys", test_no_keys);

  return g_test_run ();
}
