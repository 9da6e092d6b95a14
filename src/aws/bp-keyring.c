/* bp-keyring.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-keyring"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>
#include <libsecret/secret.h>

#include "bp-keyring.h"

/* One item: the API key pasted into the app. The attribute tells it apart
 * from anything else we might store later under the same schema. */
#define KIND_ATTRIBUTE "kind"
#define KIND_API_KEY   "bedrock-api-key"

G_DEFINE_QUARK (bp-keyring-error-quark, bp_keyring_error)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.bedrockplayground.Playground.ApiKey",
    SECRET_SCHEMA_NONE,
    {
      { KIND_ATTRIBUTE, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* TRUE when the error means there is no Secret Service to talk to: no
 * session bus, or nothing owning org.freedesktop.secrets on it. */
static gboolean
is_unavailable_error (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    return TRUE;

  return error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED;
}

/* Turns a libsecret error into ours; cancellation stays G_IO_ERROR_CANCELLED. */
static GError *
translate_error (GError *error)
{
  GError *ret;

  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (is_unavailable_error (error))
    ret = g_error_new (BP_KEYRING_ERROR, BP_KEYRING_ERROR_UNAVAILABLE,
                       _("The desktop keyring is not available (%s). Install and start a "
                         "Secret Service such as GNOME Keyring, or use an AWS profile instead"),
                       error->message);
  else
    ret = g_error_new (BP_KEYRING_ERROR, BP_KEYRING_ERROR_FAILED,
                       _("The desktop keyring refused the request (%s). Unlock the keyring "
                         "and try again"),
                       error->message);

  g_error_free (error);
  return ret;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, translate_error (error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * bp_keyring_store_api_key_async:
 * @api_key: the Bedrock API key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores @api_key in the default keyring collection, replacing a stored one.
 */
void
bp_keyring_store_api_key_async (const char          *api_key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (api_key != NULL && *api_key != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_keyring_store_api_key_async);

  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT,
                         _("Bedrock Playground API key"), api_key,
                         cancellable, store_cb, g_steal_pointer (&task),
                         KIND_ATTRIBUTE, KIND_API_KEY,
                         NULL);
}

/**
 * bp_keyring_store_api_key_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when stored
 */
gboolean
bp_keyring_store_api_key_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_keyring_store_api_key_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
free_secret (gpointer data)
{
  char *secret = data;

  gnutls_memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      if (is_unavailable_error (error))
        {
          /* Not an error for a lookup: with no keyring nothing can be stored. */
          g_debug ("No Secret Service, so no stored API key: %s", error->message);
          g_error_free (error);
          g_task_return_pointer (task, NULL, NULL);
          return;
        }

      g_task_return_error (task, translate_error (error));
      return;
    }

  if (password == NULL || *password == '\0')
    {
      g_clear_pointer (&password, secret_password_free);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  g_task_return_pointer (task, g_strdup (password), free_secret);
  secret_password_free (password);
}

/**
 * bp_keyring_lookup_api_key_async:
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Looks up the stored API key. Without a Secret Service this finds nothing
 * rather than failing.
 */
void
bp_keyring_lookup_api_key_async (GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_keyring_lookup_api_key_async);

  secret_password_lookup (get_schema (), cancellable, lookup_cb, g_steal_pointer (&task),
                          KIND_ATTRIBUTE, KIND_API_KEY,
                          NULL);
}

/**
 * bp_keyring_lookup_api_key_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the API key, or %NULL when none is
 *   stored (@error unset). Wipe it with gnutls_memset() before freeing.
 */
char *
bp_keyring_lookup_api_key_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_keyring_lookup_api_key_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to remove: fine. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      g_task_return_error (task, translate_error (error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * bp_keyring_clear_api_key_async:
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes the stored API key, if any.
 */
void
bp_keyring_clear_api_key_async (GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_keyring_clear_api_key_async);

  secret_password_clear (get_schema (), cancellable, clear_cb, g_steal_pointer (&task),
                         KIND_ATTRIBUTE, KIND_API_KEY,
                         NULL);
}

/**
 * bp_keyring_clear_api_key_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when no API key is stored any more
 */
gboolean
bp_keyring_clear_api_key_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_keyring_clear_api_key_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
