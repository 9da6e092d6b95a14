/* bp-png-text.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-png-text"

#include "config.h"

#include <string.h>
#include <zlib.h>

#include <glib/gi18n.h>

#include "bp-png-text.h"

/* Text chunks in PNG files (PNG spec, third edition, §11.3.4): generated
 * images are saved as the bytes the service sent, with the prompt and the
 * parameters added as tEXt/iTXt chunks right after IHDR. Every original
 * chunk is copied byte for byte. */

#define PNG_SIGNATURE_SIZE    8           /* §5.2 */
#define PNG_CHUNK_OVERHEAD    12          /* §5.3: length, type, CRC */
#define PNG_MAX_CHUNK_LENGTH  0x7fffffffu /* §5.3: at most 2^31 - 1 */
#define PNG_IHDR_LENGTH       13          /* §11.2.2 */
#define PNG_TEXT_INFLATE_MAX  (1024 * 1024) /* our limit for zTXt / iTXt */

static const guint8 png_signature[PNG_SIGNATURE_SIZE] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
};

typedef struct
{
  gsize         offset;   /* of the length field */
  guint32       length;
  char          type[5];
  const guint8 *data;
} PngChunk;

G_DEFINE_QUARK (bp-png-error-quark, bp_png_error)

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
append_be32 (GByteArray *out,
             guint32     value)
{
  guint8 buf[4] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  g_byte_array_append (out, buf, sizeof buf);
}

/* The CRC covers the type and the data, not the length (§5.3). */
static guint32
chunk_crc (const guint8 *type,
           const guint8 *data,
           guint32       length)
{
  uLong crc = crc32 (0L, Z_NULL, 0);

  crc = crc32 (crc, type, 4);
  if (length > 0)
    crc = crc32 (crc, data, length);

  return (guint32) crc;
}

static gboolean
malformed (GError     **error,
           const char  *format,
           ...) G_GNUC_PRINTF (2, 3);

static gboolean
malformed (GError     **error,
           const char  *format,
           ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, BP_PNG_ERROR, BP_PNG_ERROR_MALFORMED,
               _("The PNG image is damaged: %s"), detail);
  return FALSE;
}

static gboolean
read_chunk (const guint8  *data,
            gsize          len,
            gsize          offset,
            PngChunk      *chunk,
            GError       **error)
{
  guint32 crc;

  if (len - offset < PNG_CHUNK_OVERHEAD)
    return malformed (error, _("it ends inside a chunk header at byte %lu."), (gulong) offset);

  chunk->offset = offset;
  chunk->length = read_be32 (data + offset);
  memcpy (chunk->type, data + offset + 4, 4);
  chunk->type[4] = '\0';
  chunk->data = data + offset + 8;

  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isalpha (chunk->type[i]))
        return malformed (error, _("the chunk at byte %lu has an invalid type."), (gulong) offset);
    }

  if (chunk->length > PNG_MAX_CHUNK_LENGTH || chunk->length > len - offset - PNG_CHUNK_OVERHEAD)
    return malformed (error, _("chunk %s at byte %lu runs past the end of the file."),
                      chunk->type, (gulong) offset);

  crc = read_be32 (chunk->data + chunk->length);
  if (crc != chunk_crc (data + offset + 4, chunk->data, chunk->length))
    return malformed (error, _("chunk %s at byte %lu has a wrong CRC."),
                      chunk->type, (gulong) offset);

  return TRUE;
}

static gboolean
check_chunk_order (const PngChunk  *chunk,
                   guint            index,
                   GError         **error)
{
  gboolean is_ihdr = strcmp (chunk->type, "IHDR") == 0;

  if (index == 0)
    {
      if (!is_ihdr || chunk->length != PNG_IHDR_LENGTH)
        return malformed (error, _("the first chunk is not a valid IHDR."));
      if (read_be32 (chunk->data) == 0 || read_be32 (chunk->data + 4) == 0)
        return malformed (error, _("the image has no pixels."));
    }
  else if (is_ihdr)
    {
      return malformed (error, _("it has more than one IHDR chunk."));
    }

  if (strcmp (chunk->type, "IEND") == 0 && chunk->length != 0)
    return malformed (error, _("the IEND chunk is not empty."));

  return TRUE;
}

/* Walks every chunk, checking lengths, CRCs and the IHDR … IDAT … IEND
 * structure, and returns them in @chunks. */
static gboolean
png_walk (GBytes  *png,
          GArray  *chunks,
          GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (png, &len);
  gboolean saw_idat = FALSE;
  gsize offset;

  if (len < PNG_SIGNATURE_SIZE || memcmp (data, png_signature, PNG_SIGNATURE_SIZE) != 0)
    {
      g_set_error_literal (error, BP_PNG_ERROR, BP_PNG_ERROR_NOT_PNG,
                           _("The file is not a PNG image."));
      return FALSE;
    }

  for (offset = PNG_SIGNATURE_SIZE; offset < len;)
    {
      PngChunk chunk;

      if (chunks->len > 0 &&
          strcmp (g_array_index (chunks, PngChunk, chunks->len - 1).type, "IEND") == 0)
        return malformed (error, _("there are bytes after the IEND chunk."));

      if (!read_chunk (data, len, offset, &chunk, error) ||
          !check_chunk_order (&chunk, chunks->len, error))
        return FALSE;

      saw_idat |= strcmp (chunk.type, "IDAT") == 0;
      g_array_append_val (chunks, chunk);
      offset += PNG_CHUNK_OVERHEAD + (gsize) chunk.length;
    }

  if (chunks->len == 0 ||
      strcmp (g_array_index (chunks, PngChunk, chunks->len - 1).type, "IEND") != 0)
    return malformed (error, _("it is truncated (no IEND chunk)."));

  if (!saw_idat)
    return malformed (error, _("it has no image data (IDAT)."));

  return TRUE;
}

static gboolean
keyword_is_valid (const char *key)
{
  gsize len = strlen (key);

  if (len == 0 || len > BP_PNG_MAX_KEYWORD || key[0] == ' ' || key[len - 1] == ' ' ||
      strstr (key, "  ") != NULL)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (key[i] < 0x20 || key[i] > 0x7e)
        return FALSE;
    }

  return TRUE;
}

/* tEXt holds Latin-1 where only linefeed is allowed among the control
 * characters (§11.3.4.3); anything else goes into a UTF-8 iTXt. */
static gboolean
text_fits_latin1 (const char *value)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!(c == '\n' || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff)))
        return FALSE;
    }

  return TRUE;
}

static void
append_chunk (GByteArray   *out,
              const char   *type,
              const guint8 *data,
              guint32       length)
{
  append_be32 (out, length);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (out, data, length);
  append_be32 (out, chunk_crc ((const guint8 *) type, data, length));
}

static gboolean
append_text_chunk (GByteArray  *out,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  gboolean latin1;

  if (!keyword_is_valid (key))
    {
      g_set_error (error, BP_PNG_ERROR, BP_PNG_ERROR_INVALID_KEYWORD,
                   _("“%s” cannot be a PNG text keyword: use 1 to %u printable ASCII characters "
                     "without leading, trailing or double spaces."),
                   key, BP_PNG_MAX_KEYWORD);
      return FALSE;
    }

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, BP_PNG_ERROR, BP_PNG_ERROR_INVALID_TEXT,
                   _("The PNG text “%s” is not valid UTF-8."), key);
      return FALSE;
    }

  latin1 = text_fits_latin1 (value);
  g_byte_array_append (body, (const guint8 *) key, strlen (key) + 1);
  if (latin1)
    {
      for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
        {
          guint8 c = (guint8) g_utf8_get_char (p);

          g_byte_array_append (body, &c, 1);
        }
    }
  else
    {
      /* Uncompressed, method 0, empty language tag and translated key. */
      static const guint8 itxt_header[4] = { 0, 0, 0, 0 };

      g_byte_array_append (body, itxt_header, sizeof itxt_header);
      g_byte_array_append (body, (const guint8 *) value, strlen (value));
    }

  if (body->len > PNG_MAX_CHUNK_LENGTH - 1)
    {
      g_set_error (error, BP_PNG_ERROR, BP_PNG_ERROR_INVALID_TEXT,
                   _("The PNG text “%s” is too long."), key);
      return FALSE;
    }

  append_chunk (out, latin1 ? "tEXt" : "iTXt", body->data, body->len);
  return TRUE;
}

/**
 * bp_png_add_text_chunks:
 * @png: a PNG file
 * @keys: (array zero-terminated=1): text keywords such as "prompt"
 * @values: (array zero-terminated=1): their UTF-8 values, as many as @keys
 * @error: return location for a %BP_PNG_ERROR
 *
 * Inserts one text chunk per key right after IHDR: tEXt when the value is
 * representable in Latin-1, otherwise an uncompressed iTXt. The input is
 * checked first (signature, IHDR, every chunk's length and CRC, IDAT,
 * IEND); all its chunks are copied unchanged.
 *
 * Returns: (transfer full) (nullable): the new PNG file
 */
GBytes *
bp_png_add_text_chunks (GBytes              *png,
                        const char * const  *keys,
                        const char * const  *values,
                        GError             **error)
{
  g_autoptr(GArray) chunks = g_array_new (FALSE, FALSE, sizeof (PngChunk));
  g_autoptr(GByteArray) text = g_byte_array_new ();
  GByteArray *out;
  const guint8 *data;
  gsize len, ihdr_end;

  g_return_val_if_fail (png != NULL, NULL);
  g_return_val_if_fail (keys != NULL && values != NULL, NULL);
  g_return_val_if_fail (g_strv_length ((char **) keys) == g_strv_length ((char **) values), NULL);

  if (!png_walk (png, chunks, error))
    return NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (!append_text_chunk (text, keys[i], values[i], error))
        return NULL;
    }

  data = g_bytes_get_data (png, &len);
  ihdr_end = PNG_SIGNATURE_SIZE + PNG_CHUNK_OVERHEAD + PNG_IHDR_LENGTH;

  out = g_byte_array_sized_new (len + text->len);
  g_byte_array_append (out, data, ihdr_end);
  g_byte_array_append (out, text->data, text->len);
  g_byte_array_append (out, data + ihdr_end, len - ihdr_end);

  return g_byte_array_free_to_bytes (out);
}

static char *
latin1_to_utf8 (const guint8 *data,
                gsize         len)
{
  GString *str = g_string_sized_new (len + 1);

  for (gsize i = 0; i < len; i++)
    g_string_append_unichar (str, data[i]);

  return g_string_free (str, FALSE);
}

static GBytes *
inflate_bounded (const guint8 *data,
                 gsize         len)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  z_stream zs = { 0 };
  guint8 buf[16384];
  int ret;

  if (len > G_MAXUINT || inflateInit (&zs) != Z_OK)
    return NULL;

  zs.next_in = (Bytef *) data;
  zs.avail_in = (uInt) len;
  do
    {
      zs.next_out = buf;
      zs.avail_out = sizeof buf;
      ret = inflate (&zs, Z_NO_FLUSH);
      if (ret != Z_OK && ret != Z_STREAM_END)
        break;
      g_byte_array_append (out, buf, sizeof buf - zs.avail_out);
      if (out->len > PNG_TEXT_INFLATE_MAX)
        ret = Z_MEM_ERROR;
    }
  while (ret == Z_OK);
  inflateEnd (&zs);

  if (ret != Z_STREAM_END)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Returns the text of a tEXt, zTXt or iTXt chunk, or %NULL (with @key
 * unset) when the chunk does not follow §11.3.4; such chunks are skipped. */
static char *
parse_text_chunk (const PngChunk  *chunk,
                  char           **key)
{
  const guint8 *p = chunk->data;
  const guint8 *end = p + chunk->length;
  const guint8 *nul = memchr (p, '\0', chunk->length);
  const guint8 *nul_key = nul;
  g_autoptr(GBytes) inflated = NULL;
  gboolean compressed = FALSE;
  gboolean utf8 = FALSE;
  gsize size;

  if (nul == NULL || nul == p || nul - p > BP_PNG_MAX_KEYWORD)
    return NULL;
  p = nul + 1;

  if (strcmp (chunk->type, "zTXt") == 0)
    {
      if (p >= end || *p++ != 0)
        return NULL;
      compressed = TRUE;
    }
  else if (strcmp (chunk->type, "iTXt") == 0)
    {
      /* Flag, method, then the language tag and translated keyword. */
      if (end - p < 2 || p[0] > 1 || p[1] != 0)
        return NULL;
      compressed = p[0] == 1;
      utf8 = TRUE;
      p += 2;
      for (guint i = 0; i < 2; i++)
        {
          if ((nul = memchr (p, '\0', end - p)) == NULL)
            return NULL;
          p = nul + 1;
        }
    }

  if (compressed)
    {
      if ((inflated = inflate_bounded (p, end - p)) == NULL)
        return NULL;
      p = g_bytes_get_data (inflated, &size);
      end = p + size;
    }

  *key = latin1_to_utf8 (chunk->data, nul_key - chunk->data);
  if (!utf8)
    return latin1_to_utf8 (p, end - p);
  if (!g_utf8_validate ((const char *) p, end - p, NULL))
    {
      g_clear_pointer (key, g_free);
      return NULL;
    }

  return g_strndup ((const char *) p, end - p);
}

/**
 * bp_png_read_text_chunks:
 * @png: a PNG file
 * @error: return location for a %BP_PNG_ERROR
 *
 * Reads the tEXt, zTXt and iTXt chunks of a PNG file (compressed text up to
 * 1 MiB). When a keyword appears twice, the first chunk wins; text chunks
 * that do not follow the spec are skipped.
 *
 * Returns: (transfer full) (nullable) (element-type utf8 utf8): keyword →
 *   UTF-8 text, or %NULL if @png is not a valid PNG file
 */
GHashTable *
bp_png_read_text_chunks (GBytes  *png,
                         GError **error)
{
  g_autoptr(GArray) chunks = g_array_new (FALSE, FALSE, sizeof (PngChunk));
  g_autoptr(GHashTable) texts = NULL;

  g_return_val_if_fail (png != NULL, NULL);

  if (!png_walk (png, chunks, error))
    return NULL;

  texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < chunks->len; i++)
    {
      const PngChunk *chunk = &g_array_index (chunks, PngChunk, i);
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (strcmp (chunk->type, "tEXt") != 0 && strcmp (chunk->type, "zTXt") != 0 &&
          strcmp (chunk->type, "iTXt") != 0)
        continue;

      if ((value = parse_text_chunk (chunk, &key)) == NULL)
        {
          g_debug ("Skipping a malformed %s chunk at byte %" G_GSIZE_FORMAT,
                   chunk->type, chunk->offset);
          continue;
        }

      if (!g_hash_table_contains (texts, key))
        g_hash_table_insert (texts, g_steal_pointer (&key), g_steal_pointer (&value));
    }

  return g_steal_pointer (&texts);
}
