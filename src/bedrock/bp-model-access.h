/* bp-model-access.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-model-info.h"
#include "bp-types.h"

G_BEGIN_DECLS

BpModelAccess  bp_model_access_parse           (GBytes         *body,
                                                char          **out_model_id,
                                                char          **out_error_message,
                                                GError        **error);
const char    *bp_model_access_get_status_text (BpModelAccess   access);
char          *bp_model_access_dup_explanation (BpModelAccess   access,
                                                const char     *error_message);

G_END_DECLS
