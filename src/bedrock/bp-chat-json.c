/* bp-chat-json.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bp-bedrock-error.h"
#include "bp-chat-json-private.h"

static void write_node (GString  *out,
                        JsonNode *node);

static void
write_string (GString    *out,
              const char *str)
{
  g_assert (str != NULL);

  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest decimal that reads back as the same double, so 0.7 stays
 * "0.7"; integral values keep a ".0" so they still read as floats. */
static void
write_double (GString *out,
              double   value)
{
  static const char * const formats[] = {
    "%.1g", "%.2g", "%.3g", "%.4g", "%.5g", "%.6g", "%.7g", "%.8g", "%.9g",
    "%.10g", "%.11g", "%.12g", "%.13g", "%.14g", "%.15g", "%.16g", "%.17g",
  };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (out, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      write_string (out, json_node_get_string (node));
      break;

    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;

    case G_TYPE_DOUBLE:
      write_double (out, json_node_get_double (node));
      break;

    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
write_object (GString    *out,
              JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      write_string (out, name);
      g_string_append_c (out, ':');
      write_node (out, member);
    }
  g_string_append_c (out, '}');
}

static void
write_node (GString  *out,
            JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      write_object (out, json_node_get_object (node));
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      write_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/*
 * _bp_json_to_string:
 * @root: a JSON tree
 *
 * Writes @root as compact JSON: no whitespace, object members in insertion
 * order, UTF-8 left as is, doubles in their shortest exact form.
 *
 * Returns: (transfer full): the JSON text
 */
char *
_bp_json_to_string (JsonNode *root)
{
  GString *out = g_string_new (NULL);

  g_assert (root != NULL);

  write_node (out, root);
  return g_string_free (out, FALSE);
}

/*
 * _bp_json_to_bytes:
 * @root: a JSON tree
 *
 * Like _bp_json_to_string(), as bytes without a trailing NUL.
 *
 * Returns: (transfer full): the JSON bytes
 */
GBytes *
_bp_json_to_bytes (JsonNode *root)
{
  GString *out = g_string_new (NULL);

  g_assert (root != NULL);

  write_node (out, root);
  return g_string_free_to_bytes (out);
}

/*
 * _bp_json_parse_object_data:
 * @data: JSON text, not necessarily NUL-terminated
 * @length: the length of @data
 * @error_code: the %BP_BEDROCK_ERROR code to fail with
 *
 * Returns: (transfer full) (nullable): the root object, or %NULL with
 *   @error set when @data is not a JSON object
 */
JsonObject *
_bp_json_parse_object_data (const char  *data,
                            gsize        length,
                            int          error_code,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (length > G_MAXSSIZE)
    length = G_MAXSSIZE;

  if (length == 0 || data == NULL)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, error_code,
                           _("Expected JSON but the body is empty"));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, BP_BEDROCK_ERROR, error_code,
                   _("The body is not valid JSON: %s"),
                   local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, error_code,
                           _("The body is JSON but not an object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/*
 * _bp_json_parse_object:
 * @bytes: (nullable): JSON bytes
 * @error_code: the %BP_BEDROCK_ERROR code to fail with
 *
 * Returns: (transfer full) (nullable): the root object
 */
JsonObject *
_bp_json_parse_object (GBytes  *bytes,
                       int      error_code,
                       GError **error)
{
  const char *data = NULL;
  gsize length = 0;

  if (bytes != NULL)
    data = g_bytes_get_data (bytes, &length);

  return _bp_json_parse_object_data (data, length, error_code, error);
}

/* Member accessors that tolerate missing members, nulls and wrong types
 * (json-glib's own getters complain loudly about those). */

JsonObject *
_bp_json_get_object (JsonObject *object,
                     const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

JsonArray *
_bp_json_get_array (JsonObject *object,
                    const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

const char *
_bp_json_get_string (JsonObject *object,
                     const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
_bp_json_get_int (JsonObject *object,
                  const char *member,
                  gint64     *value)
{
  JsonNode *node;
  GType type;

  g_assert (value != NULL);

  if (object == NULL)
    return FALSE;

  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }

  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!isfinite (d) || d != floor (d) || fabs (d) > 9007199254740992.0)
        return FALSE;
      *value = (gint64) d;
      return TRUE;
    }

  return FALSE;
}

JsonObject *
_bp_json_array_get_object (JsonArray *array,
                           guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;

  node = json_array_get_element (array, index);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static gboolean
is_base64_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/';
}

/*
 * _bp_base64_decode_strict:
 * @text: standard base64 (RFC 4648, `+/`, `=` padding, no line breaks)
 * @max_decoded: the largest decoded size accepted
 * @error_code: the %BP_BEDROCK_ERROR code to fail with
 *
 * g_base64_decode() skips characters it does not know; the wire format
 * promises strict base64, so anything else means the data is damaged.
 *
 * Returns: (transfer full) (nullable): the decoded bytes
 */
GBytes *
_bp_base64_decode_strict (const char  *text,
                          gsize        max_decoded,
                          int          error_code,
                          GError     **error)
{
  gsize len = strlen (text);
  gsize padding = 0;
  gsize decoded_len;
  guchar *data;

  if (len % 4 != 0)
    goto invalid;

  if (len > 0 && text[len - 1] == '=')
    padding = (len > 1 && text[len - 2] == '=') ? 2 : 1;

  for (gsize i = 0; i < len - padding; i++)
    {
      if (!is_base64_char (text[i]))
        goto invalid;
    }

  decoded_len = len / 4 * 3 - padding;
  if (decoded_len > max_decoded)
    {
      g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, decoded_len);
      g_autofree char *limit = g_strdup_printf ("%" G_GSIZE_FORMAT, max_decoded);

      /* Translators: both %s are byte counts */
      g_set_error (error, BP_BEDROCK_ERROR, error_code,
                   _("Base64 data decodes to %s bytes, more than the limit of %s"),
                   size, limit);
      return NULL;
    }

  if (len == 0)
    return g_bytes_new (NULL, 0);

  data = g_base64_decode (text, &decoded_len);
  return g_bytes_new_take (data, decoded_len);

invalid:
  g_set_error_literal (error, BP_BEDROCK_ERROR, error_code,
                       _("Invalid base64 data"));
  return NULL;
}

void
_bp_json_add_string_member (JsonBuilder *builder,
                            const char  *member,
                            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
_bp_json_add_int_member (JsonBuilder *builder,
                         const char  *member,
                         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

void
_bp_json_add_double_member (JsonBuilder *builder,
                            const char  *member,
                            double       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_double_value (builder, value);
}

void
_bp_json_add_strv_member (JsonBuilder        *builder,
                          const char         *member,
                          const char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

void
_bp_json_add_base64_member (JsonBuilder *builder,
                            const char  *member,
                            GBytes      *bytes)
{
  g_autofree char *encoded = NULL;
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);

  encoded = g_base64_encode (data, size);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, encoded);
}

static void
read_count (JsonObject *object,
            const char *member,
            gint64     *count)
{
  gint64 value;

  if (_bp_json_get_int (object, member, &value) && value >= 0)
    *count = value;
}

/*
 * _bp_json_read_converse_usage:
 * @usage_object: (nullable): a Converse `usage` object
 * @usage: the usage to fill; members absent from @usage_object stay as
 *   they are
 *
 * Reads Converse usage, and the `…TokenCount` spellings Nova's native
 * responses use.
 */
void
_bp_json_read_converse_usage (JsonObject *usage_object,
                              BpUsage    *usage)
{
  if (usage_object == NULL)
    return;

  read_count (usage_object, "inputTokens", &usage->input_tokens);
  read_count (usage_object, "outputTokens", &usage->output_tokens);
  read_count (usage_object, "totalTokens", &usage->total_tokens);
  read_count (usage_object, "cacheReadInputTokenCount", &usage->cache_read_input_tokens);
  read_count (usage_object, "cacheWriteInputTokenCount", &usage->cache_write_input_tokens);
  read_count (usage_object, "cacheReadInputTokens", &usage->cache_read_input_tokens);
  read_count (usage_object, "cacheWriteInputTokens", &usage->cache_write_input_tokens);
}

/*
 * _bp_json_read_invocation_metrics:
 * @metrics: (nullable): an `amazon-bedrock-invocationMetrics` object
 *
 * Reads the counts InvokeModel streams add to their last chunk.
 */
void
_bp_json_read_invocation_metrics (JsonObject *metrics,
                                  BpUsage    *usage,
                                  gint64     *latency_ms,
                                  gint64     *first_byte_latency_ms)
{
  if (metrics == NULL)
    return;

  read_count (metrics, "inputTokenCount", &usage->input_tokens);
  read_count (metrics, "outputTokenCount", &usage->output_tokens);
  read_count (metrics, "cacheReadInputTokenCount", &usage->cache_read_input_tokens);
  read_count (metrics, "cacheWriteInputTokenCount", &usage->cache_write_input_tokens);
  read_count (metrics, "invocationLatency", latency_ms);
  read_count (metrics, "firstByteLatency", first_byte_latency_ms);
}
