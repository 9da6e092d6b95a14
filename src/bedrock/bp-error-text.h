/* bp-error-text.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_ERROR_TEXT (bp_error_text_get_type ())

/**
 * BpErrorAction:
 * @BP_ERROR_ACTION_NONE: nothing the app can do for the user
 * @BP_ERROR_ACTION_RETRY: trying again may work (after
 *   #BpErrorText.retry_after_ms when it is not 0)
 * @BP_ERROR_ACTION_USE_INFERENCE_PROFILE: invoke the inference profile
 *   #BpErrorText.action_target instead of the base model id
 * @BP_ERROR_ACTION_OPEN_PREFERENCES: the fix is in the preferences
 *   (region, endpoint)
 * @BP_ERROR_ACTION_OPEN_CONNECTION: the fix is in the credentials (the
 *   connection page)
 * @BP_ERROR_ACTION_SIGN_IN_SSO: sign in with IAM Identity Center (`aws sso
 *   login`); #BpErrorText.action_target is the profile, when known
 * @BP_ERROR_ACTION_CHOOSE_MODEL: pick another model (the id is unknown,
 *   retired, or not for this page)
 *
 * What the UI can offer next to an error. Append new actions; never
 * renumber.
 */
typedef enum
{
  BP_ERROR_ACTION_NONE,
  BP_ERROR_ACTION_RETRY,
  BP_ERROR_ACTION_USE_INFERENCE_PROFILE,
  BP_ERROR_ACTION_OPEN_PREFERENCES,
  BP_ERROR_ACTION_OPEN_CONNECTION,
  BP_ERROR_ACTION_SIGN_IN_SSO,
  BP_ERROR_ACTION_CHOOSE_MODEL,
} BpErrorAction;

/**
 * BpErrorText:
 * @title: (not nullable): a short, translated title, such as "No access to
 *   this model"
 * @body: (not nullable): what happened and the fix, translated, in full
 *   sentences
 * @detail: (nullable): the error's own message verbatim (for a Bedrock
 *   error, the service's code and message and the request id), to show in
 *   smaller print; %NULL when @body already is that message
 * @action: what the UI can offer
 * @action_target: (nullable): the inference profile id for
 *   %BP_ERROR_ACTION_USE_INFERENCE_PROFILE, the profile name for
 *   %BP_ERROR_ACTION_SIGN_IN_SSO
 * @retry_after_ms: how long to wait before retrying, or 0 for no hint
 *
 * A user-facing description of a #GError. All strings are owned.
 */
struct _BpErrorText
{
  char          *title;
  char          *body;
  char          *detail;
  BpErrorAction  action;
  char          *action_target;
  guint          retry_after_ms;
};

GType        bp_error_text_get_type        (void) G_GNUC_CONST;
BpErrorText *bp_error_text_new             (const GError      *error,
                                            const char        *model_id,
                                            const char        *region);
BpErrorText *bp_error_text_new_full        (const GError      *error,
                                            BpModelCatalogue  *catalogue,
                                            const char        *model_id,
                                            const char        *region,
                                            const char        *profile);
BpErrorText *bp_error_text_copy            (const BpErrorText *self);
void         bp_error_text_free            (BpErrorText       *self);
char        *bp_error_text_format_one_line (const BpErrorText *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpErrorText, bp_error_text_free)

G_END_DECLS
