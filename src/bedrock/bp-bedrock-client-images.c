/* bp-bedrock-client-images.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-bedrock-client"

#include "config.h"

#include "bp-bedrock-client-private.h"

/* Image generation (wire format §4): the request is validated here, before
 * anything is sent, so a bad parameter gets the client-side message; the
 * response's megabytes of base64 are parsed and decoded in a worker thread
 * by bp_image_result_parse_async(). */

static void
image_parse_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  BpImageResult *image_result;

  image_result = bp_image_result_parse_finish (result, &error);
  if (image_result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, image_result, (GDestroyNotify) bp_image_result_unref);
}

static void
image_invoke_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BpClientResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  BpImageFamily family = GPOINTER_TO_INT (g_task_get_task_data (task));

  response = _bp_bedrock_client_send_finish (BP_BEDROCK_CLIENT (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Megabytes of base64 and PNG decoding: off the main thread. */
  bp_image_result_parse_async (response->body, family, g_task_get_cancellable (task),
                               image_parse_cb, g_object_ref (task));
}

/**
 * bp_bedrock_client_generate_image_async:
 * @self: a #BpBedrockClient
 * @request: the image request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the images are decoded
 * @user_data: data for @callback
 *
 * Validates @request (a client-side error names the parameter, and no
 * request is sent), calls InvokeModel with the family's body, then parses
 * and decodes the images in a worker thread.
 */
void
bp_bedrock_client_generate_image_async (BpBedrockClient     *self,
                                        BpImageRequest      *request,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  BpClientCall *call;

  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_bedrock_client_generate_image_async);

  if (!bp_image_request_validate (request, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, GINT_TO_POINTER (bp_image_request_get_family (request)), NULL);
  call = _bp_client_call_new (BP_CLIENT_PLANE_RUNTIME, SOUP_METHOD_POST,
                              _bp_client_model_path (bp_image_request_get_model_id (request), "invoke"),
                              NULL, bp_image_request_build_body (request));
  g_assert (call->body != NULL);
  call->accept_header = "Accept";

  _bp_bedrock_client_send_async (self, call, cancellable, image_invoke_cb, g_steal_pointer (&task));
}

/**
 * bp_bedrock_client_generate_image_finish:
 * @self: a #BpBedrockClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the decoded images (some may have
 *   been filtered: see bp_image_result_get_n_filtered())
 */
BpImageResult *
bp_bedrock_client_generate_image_finish (BpBedrockClient  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_bedrock_client_generate_image_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
