/* bp-error-text-bedrock.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-error-text"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bp-bedrock-error.h"
#include "bp-error-text-private.h"
#include "bp-model-id.h"

/* The texts of %BP_BEDROCK_ERROR (wire format §6). The error's message,
 * "Code: the service's message (request id …)", becomes the detail. A few
 * codes name the model and region, and a validation error is told apart
 * further by the service's (English) message. */

/* Retry hints. The client has already retried with backoff by the time an
 * error reaches the user, so these are the pause before the next manual
 * try. */
#define THROTTLED_RETRY_AFTER_MS   10000
#define NOT_READY_RETRY_AFTER_MS   10000
#define UNAVAILABLE_RETRY_AFTER_MS 5000

static const BpErrorEntry bedrock_entries[] = {
  { BP_BEDROCK_ERROR_THROTTLED, N_("Too many requests"),
    N_("Bedrock is limiting your requests to this model. Wait a moment, then try again. If it "
       "keeps happening, ask for a higher quota in the Service Quotas console or use another "
       "region."),
    BP_ERROR_ACTION_RETRY, THROTTLED_RETRY_AFTER_MS },
  { BP_BEDROCK_ERROR_MODEL_NOT_READY, N_("The model is not ready"),
    N_("The model is being prepared to serve requests. Wait a moment, then try again."),
    BP_ERROR_ACTION_RETRY, NOT_READY_RETRY_AFTER_MS },
  { BP_BEDROCK_ERROR_MODEL_TIMEOUT, N_("The model took too long"),
    N_("The model did not finish in time. Try again, or ask for a shorter reply by lowering "
       "the maximum tokens."),
    BP_ERROR_ACTION_RETRY, 0 },
  { BP_BEDROCK_ERROR_SERVICE_UNAVAILABLE, N_("Bedrock is unavailable"),
    N_("Amazon Bedrock is temporarily unavailable. Wait a moment, then try again."),
    BP_ERROR_ACTION_RETRY, UNAVAILABLE_RETRY_AFTER_MS },
  { BP_BEDROCK_ERROR_INTERNAL, N_("Bedrock failed"),
    N_("Amazon Bedrock had an internal error. This is usually temporary: try again."),
    BP_ERROR_ACTION_RETRY, 0 },
  { BP_BEDROCK_ERROR_QUOTA_EXCEEDED, N_("Quota exceeded"),
    N_("The request goes beyond a service quota of your AWS account. Lower the maximum tokens "
       "or the number of images, or ask for a higher quota in the Service Quotas console."),
    BP_ERROR_ACTION_NONE, 0 },
  { BP_BEDROCK_ERROR_INVALID_CREDENTIALS, N_("Credentials rejected"),
    N_("AWS did not accept your credentials: the access key is unknown or the secret key is "
       "wrong. Check the keys of your profile or environment, then try again."),
    BP_ERROR_ACTION_OPEN_CONNECTION, 0 },
  { BP_BEDROCK_ERROR_EXPIRED_CREDENTIALS, N_("Session expired"),
    N_("Your AWS session has expired. Run `aws sso login` or refresh your credentials, then "
       "retry."),
    BP_ERROR_ACTION_OPEN_CONNECTION, 0 },
  { BP_BEDROCK_ERROR_TRUNCATED_STREAM, N_("The reply was cut off"),
    N_("The connection closed before the reply was complete. What arrived is kept; try again "
       "for a whole reply."),
    BP_ERROR_ACTION_RETRY, 0 },
  { BP_BEDROCK_ERROR_CORRUPT_STREAM, N_("The reply could not be read"),
    N_("Part of the response was damaged or not in the expected format. Try again; if it keeps "
       "happening, a proxy may be changing the traffic."),
    BP_ERROR_ACTION_RETRY, 0 },
  { BP_BEDROCK_ERROR_NOT_JSON, N_("Unexpected response"),
    N_("The answer did not come from Bedrock: a proxy, firewall or sign-in page of your network "
       "may have answered instead. Check your network and the endpoint in Preferences, then "
       "try again."),
    BP_ERROR_ACTION_OPEN_PREFERENCES, 0 },
  { BP_BEDROCK_ERROR_NETWORK, N_("Can’t reach Bedrock"),
    N_("Could not connect to Amazon Bedrock. Check your internet connection and proxy "
       "settings, then try again."),
    BP_ERROR_ACTION_RETRY, 0 },
  { BP_BEDROCK_ERROR_TIMEOUT, N_("Request timed out"),
    N_("Bedrock did not answer in time. Check your internet connection, then try again."),
    BP_ERROR_ACTION_RETRY, 0 },
  { BP_BEDROCK_ERROR_MODEL_ERROR, N_("The model failed"),
    N_("The model returned an error while handling the request. Check the request (for "
       "example the attached images), then try again."),
    BP_ERROR_ACTION_RETRY, 0 },
  { BP_BEDROCK_ERROR_MODEL_STREAM_ERROR, N_("The model failed while replying"),
    N_("The model stopped with an error in the middle of the reply. What arrived is kept; try "
       "again."),
    BP_ERROR_ACTION_RETRY, 0 },
  { BP_BEDROCK_ERROR_CLOCK_SKEW, N_("Your clock is wrong"),
    N_("AWS refused the request because your computer’s clock is off. Check your computer’s "
       "clock (turn on automatic date and time), then try again."),
    BP_ERROR_ACTION_NONE, 0 },
  { BP_BEDROCK_ERROR_FAILED, N_("Request failed"),
    N_("The request to Bedrock failed. Try again; the details may say more."),
    BP_ERROR_ACTION_RETRY, 0 },
};

static BpErrorText *
new_with_detail (const BpErrorContext *context,
                 const char           *title,
                 char                 *body,
                 BpErrorAction         action)
{
  return _bp_error_text_new_take (title, body, context->error->message, action);
}

/* The model as the user knows it: its catalogue name, else its id. */
static char *
dup_model_name (const BpErrorContext *context)
{
  BpModelInfo *info = NULL;

  if (context->model_id == NULL)
    return NULL;

  if (context->catalogue != NULL)
    info = bp_model_catalogue_lookup (context->catalogue, context->model_id);

  return g_strdup (info != NULL ? bp_model_info_get_name (info) : context->model_id);
}

static BpErrorText *
access_denied_text (const BpErrorContext *context)
{
  g_autofree char *name = dup_model_name (context);
  char *body;

  if (name == NULL)
    return new_with_detail (context, _("Access denied"),
                            g_strdup (_("Your AWS identity is not allowed to do this. Ask your "
                                        "administrator to allow the Amazon Bedrock actions for "
                                        "it, or use another profile.")),
                            BP_ERROR_ACTION_NONE);

  if (context->region != NULL)
    /* Translators: the first %s is a model name, the second a region such as us-east-1 */
    body = g_strdup_printf (_("Your AWS account has not been granted access to %s in %s. "
                              "Request access on the Model access page of the Bedrock console, "
                              "then try again. If access was granted, ask your administrator "
                              "to allow bedrock:InvokeModel for your IAM identity."),
                            name, context->region);
  else
    /* Translators: %s is a model name */
    body = g_strdup_printf (_("Your AWS account has not been granted access to %s. Request "
                              "access on the Model access page of the Bedrock console, then "
                              "try again. If access was granted, ask your administrator to "
                              "allow bedrock:InvokeModel for your IAM identity."),
                            name);

  return new_with_detail (context, _("No access to this model"), body, BP_ERROR_ACTION_NONE);
}

static gboolean
message_mentions (const char         *message,
                  const char * const *needles)
{
  g_autofree char *lower = g_utf8_strdown (message, -1);

  for (guint i = 0; needles[i] != NULL; i++)
    {
      if (strstr (lower, needles[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

static BpErrorText *
validation_text (const BpErrorContext *context)
{
  static const char * const filtered[] = { "content filter", NULL };
  static const char * const too_long[] = {
    "input is too long", "prompt is too long", "too many input tokens",
    "context window", NULL,
  };
  const char *message = context->error->message;

  if (message_mentions (message, filtered))
    return new_with_detail (context, _("Blocked by the content filter"),
                            g_strdup (_("The request was blocked by the content filter. Change "
                                        "the prompt, then try again.")),
                            BP_ERROR_ACTION_NONE);

  if (message_mentions (message, too_long))
    return new_with_detail (context, _("The conversation is too long"),
                            g_strdup (_("The conversation no longer fits the model’s context "
                                        "window. Start a new chat or lower the maximum tokens, "
                                        "then try again.")),
                            BP_ERROR_ACTION_NONE);

  return new_with_detail (context, _("The request was not accepted"),
                          g_strdup (_("Bedrock did not accept the request. Check the parameters "
                                      "(maximum tokens, temperature, top P, stop sequences) "
                                      "against what the model accepts; the service’s message "
                                      "says what is wrong.")),
                          BP_ERROR_ACTION_NONE);
}

static BpErrorText *
not_found_text (const BpErrorContext *context)
{
  g_autofree char *name = dup_model_name (context);
  char *body;

  if (name == NULL)
    return new_with_detail (context, _("Not found"),
                            g_strdup (_("Bedrock could not find what was asked for. Check the "
                                        "model or profile id, then try again.")),
                            BP_ERROR_ACTION_NONE);

  if (context->region != NULL)
    /* Translators: the first %s is a model name, the second a region such as us-east-1 */
    body = g_strdup_printf (_("Bedrock does not offer %s in %s. Choose another model, or "
                              "another region in Preferences."),
                            name, context->region);
  else
    /* Translators: %s is a model name */
    body = g_strdup_printf (_("Bedrock does not offer %s here. Choose another model, or "
                              "another region in Preferences."),
                            name);

  return new_with_detail (context, _("Model not found"), body, BP_ERROR_ACTION_CHOOSE_MODEL);
}

/* The geography whose profiles a region can use, when the catalogue does
 * not know the model (wire format §5.3). */
static const char *
region_geography (const char *region)
{
  if (region == NULL)
    return NULL;
  if (g_str_has_prefix (region, "us-gov-"))
    return "us-gov";
  if (g_str_has_prefix (region, "us-"))
    return "us";
  if (g_str_has_prefix (region, "eu-"))
    return "eu";
  if (g_str_has_prefix (region, "ap-"))
    return "apac";

  return NULL;
}

/* The inference profile to invoke instead of the base model: the
 * catalogue's pick for the region, else the region's geography before
 * the base id. */
static char *
dup_profile_id (const BpErrorContext *context)
{
  g_autofree char *base = NULL;
  g_autofree char *picked = NULL;
  g_autofree char *geo = NULL;
  const char *region_geo;

  if (context->model_id == NULL ||
      (base = bp_model_id_get_base_id (context->model_id)) == NULL)
    return NULL;

  if (context->catalogue != NULL)
    {
      picked = bp_model_catalogue_pick_invoke_id (context->catalogue, base, context->region);
      geo = bp_model_id_get_geo_prefix (picked);
      if (geo != NULL && g_strcmp0 (picked, context->model_id) != 0)
        return g_steal_pointer (&picked);
    }

  region_geo = region_geography (context->region);
  if (region_geo == NULL)
    return NULL;

  g_free (picked);
  picked = g_strconcat (region_geo, ".", base, NULL);
  if (g_strcmp0 (picked, context->model_id) == 0)
    return NULL;

  return g_steal_pointer (&picked);
}

static BpErrorText *
on_demand_text (const BpErrorContext *context)
{
  g_autofree char *name = dup_model_name (context);
  g_autofree char *profile_id = dup_profile_id (context);
  BpErrorText *self;

  if (profile_id == NULL)
    return new_with_detail (context, _("Use an inference profile"),
                            g_strdup_printf (
                              /* Translators: %s is a model name, or “This model” */
                              _("%s can’t be invoked directly: it needs an inference profile. "
                                "Choose one of its inference profiles (an id that starts with "
                                "us., eu., apac. or global.) in the model picker."),
                              name != NULL ? name : _("This model")),
                            BP_ERROR_ACTION_CHOOSE_MODEL);

  self = new_with_detail (context, _("Use an inference profile"),
                          g_strdup_printf (
                            /* Translators: the first %s is a model name, the second an
                             * inference profile id such as us.anthropic.claude-… */
                            _("%s can’t be invoked directly with on-demand throughput: it needs "
                              "an inference profile. Use the profile %s instead."),
                            name != NULL ? name : _("This model"), profile_id),
                          BP_ERROR_ACTION_USE_INFERENCE_PROFILE);
  self->action_target = g_steal_pointer (&profile_id);

  return self;
}

static BpErrorText *
invalid_model_id_text (const BpErrorContext *context)
{
  BpModelInfo *info = NULL;
  char *body;

  if (context->model_id != NULL && context->catalogue != NULL)
    info = bp_model_catalogue_lookup (context->catalogue, context->model_id);

  if (info != NULL && bp_model_info_get_lifecycle (info) == BP_MODEL_LIFECYCLE_RETIRED)
    /* Translators: %s is a model name */
    body = g_strdup_printf (_("%s has been retired and can no longer be used. Choose another "
                              "model."),
                            bp_model_info_get_name (info));
  else if (context->model_id != NULL)
    /* Translators: %s is a model id such as anthropic.claude-… */
    body = g_strdup_printf (_("Bedrock does not recognise the model id %s: it may be misspelt, "
                              "or the model may have been retired. Choose another model."),
                            context->model_id);
  else
    body = g_strdup (_("Bedrock does not recognise the model id: it may be misspelt, or the "
                       "model may have been retired. Choose another model."));

  return new_with_detail (context, _("Model not available"), body, BP_ERROR_ACTION_CHOOSE_MODEL);
}

/*
 * _bp_error_text_new_bedrock:
 * @context: a %BP_BEDROCK_ERROR and what the caller knows
 *
 * Returns: (transfer full): the text for the error
 */
BpErrorText *
_bp_error_text_new_bedrock (const BpErrorContext *context)
{
  g_assert (context->error->domain == BP_BEDROCK_ERROR);

  switch (context->error->code)
    {
    case BP_BEDROCK_ERROR_ACCESS_DENIED:
      return access_denied_text (context);

    case BP_BEDROCK_ERROR_VALIDATION:
      return validation_text (context);

    case BP_BEDROCK_ERROR_NOT_FOUND:
      return not_found_text (context);

    case BP_BEDROCK_ERROR_ON_DEMAND_NOT_SUPPORTED:
      return on_demand_text (context);

    case BP_BEDROCK_ERROR_INVALID_MODEL_ID:
      return invalid_model_id_text (context);

    default:
      /* The codes that need nothing but the error, and codes of newer
       * versions (the generic text). */
      return _bp_error_text_from_entries (bedrock_entries, G_N_ELEMENTS (bedrock_entries),
                                          context->error);
    }
}
