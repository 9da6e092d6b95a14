/* bp-model-access.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-model-access"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bp-chat-json-private.h"
#include "bp-model-access.h"
#include "bp-model-catalogue-private.h"

/* Whether the account may use a model: the answer of
 * GetFoundationModelAvailability (wire format §5.1, §8.4) boiled down to
 * one BpModelAccess, and the texts the model picker shows for it. Every
 * member of the answer is optional and unknown values say nothing. */

G_DEFINE_ENUM_TYPE (BpModelAccess, bp_model_access,
  G_DEFINE_ENUM_VALUE (BP_MODEL_ACCESS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (BP_MODEL_ACCESS_GRANTED, "granted"),
  G_DEFINE_ENUM_VALUE (BP_MODEL_ACCESS_NOT_GRANTED, "not-granted"),
  G_DEFINE_ENUM_VALUE (BP_MODEL_ACCESS_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (BP_MODEL_ACCESS_NOT_IN_REGION, "not-in-region"),
  G_DEFINE_ENUM_VALUE (BP_MODEL_ACCESS_ERROR, "error"))

/* What one member of the answer says. */
typedef enum
{
  SAYS_NOTHING,   /* absent, not a string, or a value we do not know */
  SAYS_YES,
  SAYS_NO,
} Says;

static Says
read_member (JsonObject *object,
             const char *member,
             const char *yes,
             const char *no)
{
  const char *value = _bp_json_get_string (object, member);

  if (g_strcmp0 (value, yes) == 0)
    return SAYS_YES;
  if (g_strcmp0 (value, no) == 0)
    return SAYS_NO;

  return SAYS_NOTHING;
}

/* The region decides first (nothing else helps there), then the
 * agreement's error and pending states (they say what is going on with a
 * request), then any refusal, then any approval. */
static BpModelAccess
classify (Says        region,
          const char *agreement,
          Says        agreement_says,
          Says        authorization,
          Says        entitlement)
{
  if (region == SAYS_NO)
    return BP_MODEL_ACCESS_NOT_IN_REGION;
  if (g_strcmp0 (agreement, "ERROR") == 0)
    return BP_MODEL_ACCESS_ERROR;
  if (g_strcmp0 (agreement, "PENDING") == 0)
    return BP_MODEL_ACCESS_PENDING;
  if (authorization == SAYS_NO || entitlement == SAYS_NO || agreement_says == SAYS_NO)
    return BP_MODEL_ACCESS_NOT_GRANTED;
  if (authorization == SAYS_YES || entitlement == SAYS_YES || agreement_says == SAYS_YES)
    return BP_MODEL_ACCESS_GRANTED;

  return BP_MODEL_ACCESS_UNKNOWN;
}

/**
 * bp_model_access_parse:
 * @body: a GetFoundationModelAvailability response body
 * @out_model_id: (out) (optional) (nullable) (transfer full): the answer's
 *   modelId, %NULL when absent
 * @out_error_message: (out) (optional) (nullable) (transfer full): the
 *   agreement's errorMessage, %NULL when absent
 * @error: return location for a %BP_MODEL_CATALOGUE_ERROR
 *
 * `{"modelId", "agreementAvailability": {"status", "errorMessage"},
 * "authorizationStatus", "entitlementAvailability", "regionAvailability"}`:
 * regionAvailability `NOT_AVAILABLE` wins, then an agreement in `ERROR` or
 * `PENDING`, then any `NOT_AUTHORIZED` / `NOT_AVAILABLE`, then any
 * positive answer. Absent members and unknown values say nothing.
 *
 * Returns: the access; %BP_MODEL_ACCESS_UNKNOWN with @error set when
 *   @body is not a JSON object
 */
BpModelAccess
bp_model_access_parse (GBytes  *body,
                       char   **out_model_id,
                       char   **out_error_message,
                       GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root;
  JsonObject *agreement;
  const char *status;
  const char *model_id;
  BpModelAccess access;

  g_return_val_if_fail (body != NULL, BP_MODEL_ACCESS_UNKNOWN);
  g_return_val_if_fail (error == NULL || *error == NULL, BP_MODEL_ACCESS_UNKNOWN);

  if (out_model_id != NULL)
    *out_model_id = NULL;
  if (out_error_message != NULL)
    *out_error_message = NULL;

  /* Translators: fills “The %s is not a JSON object: %s”;
   * GetFoundationModelAvailability is the name of an API call. */
  root = _bp_model_catalogue_parse_object (parser, body, _("GetFoundationModelAvailability response"),
                                           error);
  if (root == NULL)
    return BP_MODEL_ACCESS_UNKNOWN;

  agreement = _bp_json_get_object (root, "agreementAvailability");
  status = _bp_json_get_string (agreement, "status");
  access = classify (read_member (root, "regionAvailability", "AVAILABLE", "NOT_AVAILABLE"),
                     status,
                     read_member (agreement, "status", "AVAILABLE", "NOT_AVAILABLE"),
                     read_member (root, "authorizationStatus", "AUTHORIZED", "NOT_AUTHORIZED"),
                     read_member (root, "entitlementAvailability", "AVAILABLE", "NOT_AVAILABLE"));

  model_id = _bp_json_get_string (root, "modelId");
  if (out_model_id != NULL && model_id != NULL && model_id[0] != '\0')
    *out_model_id = g_strdup (model_id);
  if (out_error_message != NULL)
    *out_error_message = g_strdup (_bp_json_get_string (agreement, "errorMessage"));

  return access;
}

/**
 * bp_model_access_get_status_text:
 * @access: an access
 *
 * Returns: (nullable): the short translated note for the model picker, or
 *   %NULL for %BP_MODEL_ACCESS_UNKNOWN and %BP_MODEL_ACCESS_GRANTED
 */
const char *
bp_model_access_get_status_text (BpModelAccess access)
{
  switch (access)
    {
    case BP_MODEL_ACCESS_NOT_GRANTED:
      /* Translators: a model the AWS account may not use (yet). */
      return _("No access");

    case BP_MODEL_ACCESS_PENDING:
      /* Translators: access to a model was requested and is being processed. */
      return _("Access pending");

    case BP_MODEL_ACCESS_NOT_IN_REGION:
      /* Translators: the model is not offered in the AWS region in use. */
      return _("Not in this region");

    case BP_MODEL_ACCESS_ERROR:
      /* Translators: Amazon Bedrock could not say whether the account may
       * use the model. */
      return _("Access unknown");

    case BP_MODEL_ACCESS_UNKNOWN:
    case BP_MODEL_ACCESS_GRANTED:
    default:
      return NULL;
    }
}

/**
 * bp_model_access_dup_explanation:
 * @access: an access
 * @error_message: (nullable): the service's errorMessage, used for
 *   %BP_MODEL_ACCESS_ERROR
 *
 * Returns: (transfer full) (nullable): one translated sentence with what
 *   is wrong and the fix, or %NULL for %BP_MODEL_ACCESS_UNKNOWN and
 *   %BP_MODEL_ACCESS_GRANTED
 */
char *
bp_model_access_dup_explanation (BpModelAccess  access,
                                 const char    *error_message)
{
  switch (access)
    {
    case BP_MODEL_ACCESS_NOT_GRANTED:
      /* Translators: “Model access” is the name of a page of the Amazon
       * Bedrock console; keep it as the English console shows it. */
      return g_strdup (_("Your AWS account has no access to this model: request it in the "
                         "Amazon Bedrock console under “Model access” (some models also need "
                         "a use-case form or an AWS Marketplace agreement)."));

    case BP_MODEL_ACCESS_PENDING:
      return g_strdup (_("Your request for access to this model is still being processed: try "
                         "again in a few minutes and refresh the model list."));

    case BP_MODEL_ACCESS_NOT_IN_REGION:
      return g_strdup (_("This model is not offered in the current region: choose another "
                         "region in Preferences, or a cross-region inference profile."));

    case BP_MODEL_ACCESS_ERROR:
      if (error_message != NULL && error_message[0] != '\0')
        {
          /* Translators: %s is Amazon Bedrock's own message, in English;
           * “Model access” is a page of the Amazon Bedrock console. */
          return g_strdup_printf (_("Amazon Bedrock could not check access to this model "
                                    "(“%s”): try again later, or look under “Model access” "
                                    "in the Amazon Bedrock console."), error_message);
        }
      /* Translators: “Model access” is a page of the Amazon Bedrock console. */
      return g_strdup (_("Amazon Bedrock could not check access to this model: try again "
                         "later, or look under “Model access” in the Amazon Bedrock console."));

    case BP_MODEL_ACCESS_UNKNOWN:
    case BP_MODEL_ACCESS_GRANTED:
    default:
      return NULL;
    }
}
