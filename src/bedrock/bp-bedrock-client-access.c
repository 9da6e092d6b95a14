/* bp-bedrock-client-access.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-bedrock-client"

#include "config.h"

#include <gio/gio.h>

#include "bp-bedrock-client-private.h"
#include "bp-bedrock-error.h"
#include "bp-credentials.h"

/* Checking which models the account may use: one
 * GetFoundationModelAvailability per model, a few at a time, each answer
 * merged into the catalogue as it arrives so the model picker's rows
 * update live (wire format §5.1, §8.4). */

/* Requests in flight at once: enough to check a picker's worth of models
 * quickly, few enough to leave connections for a chat (the session allows
 * eight per host). */
#define MAX_IN_FLIGHT 4

typedef struct
{
  BpModelCatalogue *catalogue;    /* (owned) */
  GPtrArray        *model_ids;    /* (owned) base ids, each once */
  GError           *error;        /* (owned) (nullable) the one that stopped us */
  guint             next;         /* the next model_ids index to ask about */
  guint             n_in_flight;
  guint             n_checked;
} CheckData;

/* One request: the task and which model it asks about. */
typedef struct
{
  GTask *task;                    /* (owned) */
  char  *model_id;                /* (owned) */
} CheckRequest;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->catalogue);
  g_clear_pointer (&data->model_ids, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void
check_request_free (CheckRequest *request)
{
  g_clear_object (&request->task);
  g_free (request->model_id);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckRequest, check_request_free)

/* Errors no other model would escape: IAM does not allow
 * bedrock:GetFoundationModelAvailability, the credentials or the clock are
 * wrong, the network is down, or the caller cancelled. */
static gboolean
stops_the_check (const GError *error)
{
  static const BpBedrockError codes[] = {
    BP_BEDROCK_ERROR_ACCESS_DENIED,
    BP_BEDROCK_ERROR_INVALID_CREDENTIALS,
    BP_BEDROCK_ERROR_EXPIRED_CREDENTIALS,
    BP_BEDROCK_ERROR_CLOCK_SKEW,
    BP_BEDROCK_ERROR_NETWORK,
  };

  if (error->domain == BP_CREDENTIALS_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      if (g_error_matches (error, BP_BEDROCK_ERROR, codes[i]))
        return TRUE;
    }

  return FALSE;
}

static void check_launch (GTask *task);

static void
availability_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CheckRequest) request = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  CheckData *data = g_task_get_task_data (request->task);

  g_assert (data->n_in_flight > 0);
  data->n_in_flight--;

  body = bp_bedrock_client_get_model_availability_finish (BP_BEDROCK_CLIENT (object), result, &error);
  if (body != NULL && bp_model_catalogue_merge_availability (data->catalogue, body, &error))
    data->n_checked++;
  else if (!stops_the_check (error))
    g_debug ("Skipping the access check of %s: %s", request->model_id, error->message);
  else if (data->error == NULL)
    data->error = g_steal_pointer (&error);

  check_launch (request->task);
}

/* Starts requests up to the limit; ends the task once nothing is left in
 * flight and nothing more will be started. */
static void
check_launch (GTask *task)
{
  BpBedrockClient *self = g_task_get_source_object (task);
  CheckData *data = g_task_get_task_data (task);

  while (data->error == NULL && data->next < data->model_ids->len &&
         data->n_in_flight < MAX_IN_FLIGHT)
    {
      CheckRequest *request = g_new0 (CheckRequest, 1);

      request->task = g_object_ref (task);
      request->model_id = g_strdup (g_ptr_array_index (data->model_ids, data->next++));
      data->n_in_flight++;
      bp_bedrock_client_get_model_availability_async (self, request->model_id,
                                                      g_task_get_cancellable (task),
                                                      availability_cb, request);
    }

  if (data->n_in_flight > 0)
    return;

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
}

/* The base id of each model, each once: availability is per base model,
 * and a profile id or ARN names one. An answer about a model the
 * catalogue does not know could not be merged: those are not asked. */
static GPtrArray *
collect_base_ids (BpModelCatalogue   *catalogue,
                  const char * const *model_ids)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; model_ids != NULL && model_ids[i] != NULL; i++)
    {
      BpModelInfo *info = bp_model_catalogue_lookup (catalogue, model_ids[i]);
      const char *base_id;

      if (info == NULL)
        {
          g_debug ("Not checking the access of %s: not in the catalogue", model_ids[i]);
          continue;
        }

      base_id = bp_model_info_get_id (info);
      if (!g_ptr_array_find_with_equal_func (ids, base_id, g_str_equal, NULL))
        g_ptr_array_add (ids, g_strdup (base_id));
    }

  return ids;
}

/**
 * bp_bedrock_client_check_model_access_async:
 * @self: a #BpBedrockClient
 * @catalogue: the catalogue whose models get their access set
 * @model_ids: (array zero-terminated=1) (nullable): the models to check,
 *   any spelling bp_model_catalogue_lookup() takes; each base model is
 *   asked about once, models @catalogue does not know are left out
 * @cancellable: (nullable): a #GCancellable; cancelling stops every request
 * @callback: called when every model was checked or the check stopped
 * @user_data: data for @callback
 *
 * Asks GetFoundationModelAvailability about each model, at most four at a
 * time, and merges every answer into @catalogue as it arrives (see
 * bp_model_catalogue_merge_availability()). A model whose check fails is
 * skipped. Access denied (IAM may not allow
 * bedrock:GetFoundationModelAvailability), credential, signature, clock
 * and network errors stop the check: no new request starts and the task
 * fails with that error once the requests in flight are done.
 */
void
bp_bedrock_client_check_model_access_async (BpBedrockClient     *self,
                                            BpModelCatalogue    *catalogue,
                                            const char * const  *model_ids,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (BP_IS_MODEL_CATALOGUE (catalogue));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_bedrock_client_check_model_access_async);

  data = g_new0 (CheckData, 1);
  data->catalogue = g_object_ref (catalogue);
  data->model_ids = collect_base_ids (catalogue, model_ids);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);

  check_launch (task);
}

/**
 * bp_bedrock_client_check_model_access_finish:
 * @self: a #BpBedrockClient
 * @result: the result
 * @out_n_checked: (out) (optional): how many answers were merged, also
 *   when the check stopped
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every model was checked or skipped (or there was
 *   none); %FALSE with the error that stopped the check
 */
gboolean
bp_bedrock_client_check_model_access_finish (BpBedrockClient  *self,
                                             GAsyncResult     *result,
                                             guint            *out_n_checked,
                                             GError          **error)
{
  CheckData *data;

  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_bedrock_client_check_model_access_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (out_n_checked != NULL)
    *out_n_checked = data->n_checked;

  return g_task_propagate_boolean (G_TASK (result), error);
}
