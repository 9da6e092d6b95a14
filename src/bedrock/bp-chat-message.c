/* bp-chat-message.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-message"

#include "config.h"

#include <string.h>

#include "bp-chat-request.h"

/* One turn of a conversation. Declared in bp-chat-request.h, which is the
 * header callers use; the message lives in its own file to keep both short. */

typedef struct
{
  BpChatImageFormat  format;
  GBytes            *bytes;   /* (owned) */
} ChatImage;

struct _BpChatMessage
{
  gatomicrefcount    ref_count;
  BpChatRole         role;
  char              *text;                 /* (owned) never %NULL */
  GArray            *images;               /* (owned) of ChatImage */
  char              *reasoning_text;       /* (owned) (nullable) */
  char              *reasoning_signature;  /* (owned) (nullable) */
  GBytes            *redacted_reasoning;   /* (owned) (nullable) */
};

G_DEFINE_BOXED_TYPE (BpChatMessage, bp_chat_message,
                     bp_chat_message_ref, bp_chat_message_unref)

static const struct
{
  const char *name;
  const char *mime_type;
} image_formats[] = {
  [BP_CHAT_IMAGE_FORMAT_PNG]  = { "png", "image/png" },
  [BP_CHAT_IMAGE_FORMAT_JPEG] = { "jpeg", "image/jpeg" },
  [BP_CHAT_IMAGE_FORMAT_GIF]  = { "gif", "image/gif" },
  [BP_CHAT_IMAGE_FORMAT_WEBP] = { "webp", "image/webp" },
};

/**
 * bp_chat_image_format_to_string:
 * @format: a #BpChatImageFormat
 *
 * Returns: the Converse name of @format: `png`, `jpeg`, `gif` or `webp`
 */
const char *
bp_chat_image_format_to_string (BpChatImageFormat format)
{
  g_return_val_if_fail (format <= BP_CHAT_IMAGE_FORMAT_WEBP, NULL);

  return image_formats[format].name;
}

/**
 * bp_chat_image_format_to_mime_type:
 * @format: a #BpChatImageFormat
 *
 * Returns: the MIME type of @format, such as `image/png`
 */
const char *
bp_chat_image_format_to_mime_type (BpChatImageFormat format)
{
  g_return_val_if_fail (format <= BP_CHAT_IMAGE_FORMAT_WEBP, NULL);

  return image_formats[format].mime_type;
}

/**
 * bp_chat_image_format_from_string:
 * @str: a format name (`png`, `jpeg`, `jpg`, …) or MIME type, any case
 * @format: (out): where to store the format
 *
 * Returns: %TRUE if @str names a supported format
 */
gboolean
bp_chat_image_format_from_string (const char        *str,
                                  BpChatImageFormat *format)
{
  g_return_val_if_fail (str != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_ascii_strncasecmp (str, "image/", 6) == 0)
    str += 6;

  if (g_ascii_strcasecmp (str, "jpg") == 0)
    str = "jpeg";

  for (guint i = 0; i < G_N_ELEMENTS (image_formats); i++)
    {
      if (g_ascii_strcasecmp (str, image_formats[i].name) == 0)
        {
          *format = (BpChatImageFormat) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * bp_chat_image_format_sniff:
 * @bytes: the first bytes (or all) of an image file
 * @format: (out): where to store the format
 *
 * Recognises PNG, JPEG, GIF and WebP by their magic numbers, so an attached
 * file is labelled by its content rather than its name.
 *
 * Returns: %TRUE if @bytes start like a supported image
 */
gboolean
bp_chat_image_format_sniff (GBytes            *bytes,
                            BpChatImageFormat *format)
{
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  data = g_bytes_get_data (bytes, &size);

  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    *format = BP_CHAT_IMAGE_FORMAT_PNG;
  else if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    *format = BP_CHAT_IMAGE_FORMAT_JPEG;
  else if (size >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    *format = BP_CHAT_IMAGE_FORMAT_GIF;
  else if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    *format = BP_CHAT_IMAGE_FORMAT_WEBP;
  else
    return FALSE;

  return TRUE;
}

static void
chat_image_clear (gpointer data)
{
  ChatImage *image = data;

  g_clear_pointer (&image->bytes, g_bytes_unref);
}

/**
 * bp_chat_message_new:
 * @role: who wrote the message
 * @text: (nullable): the message text; %NULL is the same as ""
 *
 * Creates a message. A #BpChatMessage is reference counted (atomically) but
 * not locked: finish changing it before it is handed to another thread.
 *
 * Returns: (transfer full): a new message
 */
BpChatMessage *
bp_chat_message_new (BpChatRole  role,
                     const char *text)
{
  BpChatMessage *self;

  g_return_val_if_fail (role == BP_CHAT_ROLE_USER || role == BP_CHAT_ROLE_ASSISTANT, NULL);

  self = g_new0 (BpChatMessage, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->role = role;
  self->text = g_strdup (text != NULL ? text : "");
  self->images = g_array_new (FALSE, FALSE, sizeof (ChatImage));
  g_array_set_clear_func (self->images, chat_image_clear);

  return self;
}

/**
 * bp_chat_message_ref:
 * @self: a #BpChatMessage
 *
 * Returns: (transfer full): @self
 */
BpChatMessage *
bp_chat_message_ref (BpChatMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * bp_chat_message_unref:
 * @self: (transfer full): a #BpChatMessage
 *
 * Drops a reference; the last one frees the message.
 */
void
bp_chat_message_unref (BpChatMessage *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->text);
  g_array_unref (self->images);
  g_free (self->reasoning_text);
  g_free (self->reasoning_signature);
  g_clear_pointer (&self->redacted_reasoning, g_bytes_unref);
  g_free (self);
}

/**
 * bp_chat_message_get_role:
 * @self: a #BpChatMessage
 *
 * Returns: who wrote the message
 */
BpChatRole
bp_chat_message_get_role (const BpChatMessage *self)
{
  g_return_val_if_fail (self != NULL, BP_CHAT_ROLE_USER);

  return self->role;
}

/**
 * bp_chat_message_get_text:
 * @self: a #BpChatMessage
 *
 * Returns: the text, never %NULL
 */
const char *
bp_chat_message_get_text (const BpChatMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

/**
 * bp_chat_message_set_text:
 * @self: a #BpChatMessage
 * @text: (nullable): the new text
 */
void
bp_chat_message_set_text (BpChatMessage *self,
                          const char    *text)
{
  g_return_if_fail (self != NULL);

  g_free (self->text);
  self->text = g_strdup (text != NULL ? text : "");
}

/**
 * bp_chat_message_add_image:
 * @self: a #BpChatMessage
 * @format: the image format
 * @bytes: the raw file bytes (not base64)
 *
 * Attaches an image. Images go before the text in the request, as the
 * providers recommend; only user messages may carry them.
 */
void
bp_chat_message_add_image (BpChatMessage     *self,
                           BpChatImageFormat  format,
                           GBytes            *bytes)
{
  ChatImage image;

  g_return_if_fail (self != NULL);
  g_return_if_fail (format <= BP_CHAT_IMAGE_FORMAT_WEBP);
  g_return_if_fail (bytes != NULL);

  image.format = format;
  image.bytes = g_bytes_ref (bytes);
  g_array_append_val (self->images, image);
}

/**
 * bp_chat_message_get_n_images:
 * @self: a #BpChatMessage
 *
 * Returns: the number of attached images
 */
guint
bp_chat_message_get_n_images (const BpChatMessage *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->images->len;
}

/**
 * bp_chat_message_get_image:
 * @self: a #BpChatMessage
 * @index: an image index
 * @format: (out) (optional): where to store the format
 *
 * Returns: (transfer none): the image's raw bytes
 */
GBytes *
bp_chat_message_get_image (const BpChatMessage *self,
                           guint                index,
                           BpChatImageFormat   *format)
{
  const ChatImage *image;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->images->len, NULL);

  image = &g_array_index (self->images, ChatImage, index);
  if (format != NULL)
    *format = image->format;

  return image->bytes;
}

/**
 * bp_chat_message_set_reasoning:
 * @self: a #BpChatMessage
 * @text: (nullable): the reasoning text the model returned
 * @signature: (nullable): its signature
 *
 * Keeps an assistant turn's reasoning so it can be sent back unchanged, as
 * Claude requires during tool use with extended thinking. While the request
 * has a reasoning budget, the builders send it as a reasoning block before
 * the text (Anthropic's native body only when the signature is there, since
 * Claude rejects unsigned thinking); otherwise it stays out.
 */
void
bp_chat_message_set_reasoning (BpChatMessage *self,
                               const char    *text,
                               const char    *signature)
{
  g_return_if_fail (self != NULL);

  g_free (self->reasoning_text);
  g_free (self->reasoning_signature);
  self->reasoning_text = g_strdup (text);
  self->reasoning_signature = g_strdup (signature);
}

/**
 * bp_chat_message_get_reasoning_text:
 * @self: a #BpChatMessage
 *
 * Returns: (nullable): the reasoning text
 */
const char *
bp_chat_message_get_reasoning_text (const BpChatMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->reasoning_text;
}

/**
 * bp_chat_message_get_reasoning_signature:
 * @self: a #BpChatMessage
 *
 * Returns: (nullable): the reasoning signature
 */
const char *
bp_chat_message_get_reasoning_signature (const BpChatMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->reasoning_signature;
}

/**
 * bp_chat_message_set_redacted_reasoning:
 * @self: a #BpChatMessage
 * @data: (nullable): the encrypted reasoning the model returned
 */
void
bp_chat_message_set_redacted_reasoning (BpChatMessage *self,
                                        GBytes        *data)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->redacted_reasoning, g_bytes_unref);
  if (data != NULL)
    self->redacted_reasoning = g_bytes_ref (data);
}

/**
 * bp_chat_message_get_redacted_reasoning:
 * @self: a #BpChatMessage
 *
 * Returns: (transfer none) (nullable): the encrypted reasoning
 */
GBytes *
bp_chat_message_get_redacted_reasoning (const BpChatMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->redacted_reasoning;
}
