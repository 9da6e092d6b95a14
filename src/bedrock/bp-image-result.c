/* bp-image-result.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-image-result"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bp-image-result-private.h"

/* The images of an InvokeModel image response (wire format §4): Titan and
 * Nova Canvas answer {"images": [...], "error": ...}, Stability AI
 * {"seeds": [...], "finish_reasons": [...], "images": [...]}. Bodies are
 * megabytes of base64, so parsing and decoding run in a worker thread and
 * only the finished result crosses back. */

typedef struct
{
  GBytes     *bytes;      /* (owned) the file as decoded */
  const char *mime_type;  /* static */
  gint64      seed;
  gboolean    has_seed;
} ImageEntry;

struct _BpImageResult
{
  GArray    *images;      /* (owned) ImageEntry */
  GPtrArray *filtered;    /* (owned) (element-type utf8) translated reasons */
  gboolean   any_filter;  /* whether a reason was a content filter */
};

typedef struct
{
  GBytes        *body;    /* (owned) */
  BpImageFamily  family;
} ParseData;

G_DEFINE_BOXED_TYPE (BpImageResult, bp_image_result,
                     bp_image_result_ref, bp_image_result_unref)

G_DEFINE_QUARK (bp-image-result-error-quark, bp_image_result_error)

/* File signatures (PNG spec §5.2; JPEG starts with SOI then a marker). */
static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
static const guint8 jpeg_signature[3] = { 0xff, 0xd8, 0xff };

static void
image_entry_clear (gpointer data)
{
  ImageEntry *entry = data;

  g_clear_pointer (&entry->bytes, g_bytes_unref);
}

static BpImageResult *
bp_image_result_new (void)
{
  BpImageResult *self = g_atomic_rc_box_new0 (BpImageResult);

  self->images = g_array_new (FALSE, TRUE, sizeof (ImageEntry));
  g_array_set_clear_func (self->images, image_entry_clear);
  self->filtered = g_ptr_array_new_with_free_func (g_free);

  return self;
}

/**
 * bp_image_result_ref:
 * @self: a result
 *
 * Returns: (transfer full): @self
 */
BpImageResult *
bp_image_result_ref (BpImageResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
bp_image_result_clear (BpImageResult *self)
{
  g_clear_pointer (&self->images, g_array_unref);
  g_clear_pointer (&self->filtered, g_ptr_array_unref);
}

/**
 * bp_image_result_unref:
 * @self: (transfer full): a result
 */
void
bp_image_result_unref (BpImageResult *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) bp_image_result_clear);
}

/* Strict standard base64 (RFC 4648 §4): g_base64_decode() skips characters
 * outside the alphabet instead of failing, so check before decoding. */
static gboolean
base64_is_valid (const char *str,
                 gsize       len)
{
  gsize pad = 0;

  if (len == 0 || len % 4 != 0)
    return FALSE;

  if (str[len - 1] == '=')
    pad++;
  if (str[len - 2] == '=')
    pad++;

  for (gsize i = 0; i < len - pad; i++)
    {
      char c = str[i];

      if (!g_ascii_isalnum (c) && c != '+' && c != '/')
        return FALSE;
    }

  return TRUE;
}

static const char *
sniff_mime_type (const guint8 *data,
                 gsize         len)
{
  if (len >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0)
    return "image/png";

  if (len >= sizeof jpeg_signature && memcmp (data, jpeg_signature, sizeof jpeg_signature) == 0)
    return "image/jpeg";

  return NULL;
}

/* The string in @node, or %NULL for a missing node or any other type:
 * json-glib's typed getters complain about wrong types, and the body comes
 * from the network. */
static const char *
node_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
decode_image (JsonNode    *node,
              guint        index,
              ImageEntry  *entry,
              GError     **error)
{
  g_autofree char *buf = NULL;
  const char *str = node_get_string (node);
  gsize len;

  if (str == NULL)
    {
      g_set_error (error, BP_IMAGE_RESULT_ERROR, BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE,
                   _("Image %u in the response is not a base64 string."), index + 1);
      return FALSE;
    }

  len = strlen (str);
  if (!base64_is_valid (str, len))
    {
      g_set_error (error, BP_IMAGE_RESULT_ERROR, BP_IMAGE_RESULT_ERROR_INVALID_IMAGE,
                   _("Image %u in the response is not valid base64."), index + 1);
      return FALSE;
    }

  /* Decode in place: the output is shorter than its base64 text. */
  buf = g_memdup2 (str, len + 1);
  g_base64_decode_inplace (buf, &len);

  if ((entry->mime_type = sniff_mime_type ((const guint8 *) buf, len)) == NULL)
    {
      g_set_error (error, BP_IMAGE_RESULT_ERROR, BP_IMAGE_RESULT_ERROR_INVALID_IMAGE,
                   _("Image %u in the response is neither a PNG nor a JPEG file."), index + 1);
      return FALSE;
    }

  entry->bytes = g_bytes_new_take (g_realloc (g_steal_pointer (&buf), len), len);
  return TRUE;
}

static gboolean
add_image (BpImageResult  *self,
           JsonNode       *node,
           JsonNode       *seed,
           GCancellable   *cancellable,
           GError        **error)
{
  ImageEntry entry = { NULL, NULL, 0, FALSE };

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !decode_image (node, self->images->len, &entry, error))
    return FALSE;

  if (seed != NULL && JSON_NODE_HOLDS_VALUE (seed) &&
      json_node_get_value_type (seed) == G_TYPE_INT64)
    {
      entry.seed = json_node_get_int (seed);
      entry.has_seed = TRUE;
    }

  g_array_append_val (self->images, entry);
  return TRUE;
}

/* Optional arrays: absent or null means empty; anything else is wrong. */
static gboolean
get_optional_array (JsonObject  *root,
                    const char  *name,
                    JsonArray  **array,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (root, name);

  *array = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, BP_IMAGE_RESULT_ERROR, BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE,
                   _("The image response member “%s” is not an array."), name);
      return FALSE;
    }

  *array = json_node_get_array (node);
  return TRUE;
}

static char *
describe_finish_reason (const char *reason)
{
  if (g_str_equal (reason, "Filter reason: prompt"))
    return g_strdup (_("The prompt was blocked by the content filter."));
  if (g_str_equal (reason, "Filter reason: output image"))
    return g_strdup (_("The generated image was blocked by the content filter."));
  if (g_str_equal (reason, "Filter reason: input image"))
    return g_strdup (_("The input image was blocked by the content filter."));
  if (g_str_equal (reason, "Inference error"))
    return g_strdup (_("The model could not generate the image (inference error); try again."));
  if (g_str_has_prefix (reason, "Filter reason"))
    return g_strdup_printf (_("The image was blocked by the content filter (%s)."), reason);

  return g_strdup_printf (_("The image was not returned: %s"), reason);
}

static gboolean
parse_amazon (BpImageResult  *self,
              JsonObject     *root,
              GCancellable   *cancellable,
              GError        **error)
{
  JsonArray *images;
  const char *message;

  if (!get_optional_array (root, "images", &images, error))
    return FALSE;

  for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
    {
      if (!add_image (self, json_array_get_element (images, i), NULL, cancellable, error))
        return FALSE;
    }

  /* "error" is set when the output was blocked (§4.1). */
  message = node_get_string (json_object_get_member (root, "error"));
  if (message != NULL && message[0] != '\0')
    {
      g_ptr_array_add (self->filtered,
                       g_strdup_printf (_("The image was blocked: %s"), message));
      self->any_filter = TRUE;
    }

  return TRUE;
}

static gboolean
parse_stability (BpImageResult  *self,
                 JsonObject     *root,
                 GCancellable   *cancellable,
                 GError        **error)
{
  JsonArray *images, *reasons, *seeds;
  guint n_images, n_reasons, n_seeds;

  if (!get_optional_array (root, "images", &images, error) ||
      !get_optional_array (root, "finish_reasons", &reasons, error) ||
      !get_optional_array (root, "seeds", &seeds, error))
    return FALSE;

  n_images = images != NULL ? json_array_get_length (images) : 0;
  n_reasons = reasons != NULL ? json_array_get_length (reasons) : 0;
  n_seeds = seeds != NULL ? json_array_get_length (seeds) : 0;

  /* finish_reasons[i] is null for a delivered image; a filtered response
   * may carry only finish_reasons (§4.2). */
  for (guint i = 0; i < MAX (n_images, n_reasons); i++)
    {
      const char *text = NULL;

      if (i < n_reasons)
        text = node_get_string (json_array_get_element (reasons, i));

      if (text != NULL)
        {
          g_ptr_array_add (self->filtered, describe_finish_reason (text));
          self->any_filter |= g_str_has_prefix (text, "Filter reason");
          continue;
        }

      if (i >= n_images)
        {
          g_set_error (error, BP_IMAGE_RESULT_ERROR, BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE,
                       _("Image %u is missing from the response."), i + 1);
          return FALSE;
        }

      if (!add_image (self, json_array_get_element (images, i),
                      i < n_seeds ? json_array_get_element (seeds, i) : NULL,
                      cancellable, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_not_empty (BpImageResult  *self,
                 GError        **error)
{
  g_autofree char *reasons = NULL;

  if (self->images->len > 0)
    return TRUE;

  if (self->filtered->len == 0)
    {
      g_set_error_literal (error, BP_IMAGE_RESULT_ERROR, BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE,
                           _("The response contains no images."));
      return FALSE;
    }

  g_ptr_array_add (self->filtered, NULL);
  reasons = g_strjoinv (" ", (char **) self->filtered->pdata);
  g_ptr_array_remove_index (self->filtered, self->filtered->len - 1);

  g_set_error_literal (error, BP_IMAGE_RESULT_ERROR,
                       self->any_filter ? BP_IMAGE_RESULT_ERROR_FILTERED
                                        : BP_IMAGE_RESULT_ERROR_MODEL_FAILED,
                       reasons);
  return FALSE;
}

/*
 * _bp_image_result_parse:
 * @response_body: the InvokeModel response body
 * @family: the family of the model that answered, or
 *   %BP_IMAGE_FAMILY_UNKNOWN to go by the shape of the body
 * @cancellable: (nullable): checked between images
 * @error: return location for a %BP_IMAGE_RESULT_ERROR
 *
 * Returns: (transfer full) (nullable): the result with at least one image
 */
BpImageResult *
_bp_image_result_parse (GBytes        *response_body,
                        BpImageFamily  family,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(BpImageResult) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  gsize size;
  const char *data = g_bytes_get_data (response_body, &size);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (size == 0 || !json_parser_load_from_data (parser, data, size, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, BP_IMAGE_RESULT_ERROR, BP_IMAGE_RESULT_ERROR_INVALID_RESPONSE,
                   _("The image response is not a JSON object: %s"),
                   local_error != NULL ? local_error->message : _("empty or wrong type"));
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  if (family == BP_IMAGE_FAMILY_UNKNOWN &&
      (json_object_has_member (root, "finish_reasons") || json_object_has_member (root, "seeds")))
    family = BP_IMAGE_FAMILY_STABILITY_CORE;

  self = bp_image_result_new ();
  if (bp_image_family_is_stability (family) ? !parse_stability (self, root, cancellable, error)
                                            : !parse_amazon (self, root, cancellable, error))
    return NULL;

  if (!check_not_empty (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
parse_data_free (gpointer data)
{
  ParseData *pd = data;

  g_bytes_unref (pd->body);
  g_free (pd);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseData *data = task_data;
  g_autoptr(GError) error = NULL;
  BpImageResult *result;

  result = _bp_image_result_parse (data->body, data->family, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) bp_image_result_unref);
}

/**
 * bp_image_result_parse_async:
 * @response_body: the InvokeModel response body (JSON)
 * @family: the family of the model that answered; %BP_IMAGE_FAMILY_UNKNOWN
 *   goes by the shape of the body
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Parses the response and decodes its base64 images in a worker thread.
 * Images blocked by a content filter are left out and their reasons kept;
 * if none is left, the task fails with %BP_IMAGE_RESULT_ERROR_FILTERED.
 */
void
bp_image_result_parse_async (GBytes              *response_body,
                             BpImageFamily        family,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ParseData *data;

  g_return_if_fail (response_body != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_image_result_parse_async);

  data = g_new0 (ParseData, 1);
  data->body = g_bytes_ref (response_body);
  data->family = family;
  g_task_set_task_data (task, data, parse_data_free);

  g_task_run_in_thread (task, parse_thread);
}

/**
 * bp_image_result_parse_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a %BP_IMAGE_RESULT_ERROR or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the result, with at least one image
 */
BpImageResult *
bp_image_result_parse_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_image_result_parse_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
bp_image_result_get_n_images (const BpImageResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->images->len;
}

/**
 * bp_image_result_get_image:
 * @self: a result
 * @index: an index below bp_image_result_get_n_images()
 *
 * Returns: (transfer none): the image file bytes exactly as decoded
 */
GBytes *
bp_image_result_get_image (const BpImageResult *self,
                           guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->images->len, NULL);

  return g_array_index (self->images, ImageEntry, index).bytes;
}

/**
 * bp_image_result_get_mime_type:
 * @self: a result
 * @index: an index below bp_image_result_get_n_images()
 *
 * Returns: "image/png" or "image/jpeg", from the file signature
 */
const char *
bp_image_result_get_mime_type (const BpImageResult *self,
                               guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->images->len, NULL);

  return g_array_index (self->images, ImageEntry, index).mime_type;
}

/**
 * bp_image_result_get_seed:
 * @self: a result
 * @index: an index below bp_image_result_get_n_images()
 * @seed: (out) (optional): the seed the service used
 *
 * Returns: whether the service reported a seed (Stability AI does)
 */
gboolean
bp_image_result_get_seed (const BpImageResult *self,
                          guint                index,
                          gint64              *seed)
{
  const ImageEntry *entry;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->images->len, FALSE);

  entry = &g_array_index (self->images, ImageEntry, index);
  if (seed != NULL)
    *seed = entry->seed;

  return entry->has_seed;
}

/**
 * bp_image_result_get_n_filtered:
 * @self: a result
 *
 * Returns: how many images were blocked or failed
 */
guint
bp_image_result_get_n_filtered (const BpImageResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->filtered->len;
}

/**
 * bp_image_result_get_filtered_reason:
 * @self: a result
 * @index: an index below bp_image_result_get_n_filtered()
 *
 * Returns: a translated sentence saying why an image is missing
 */
const char *
bp_image_result_get_filtered_reason (const BpImageResult *self,
                                     guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->filtered->len, NULL);

  return g_ptr_array_index (self->filtered, index);
}
