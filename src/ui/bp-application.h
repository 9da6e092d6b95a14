/* bp-application.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_APPLICATION (bp_application_get_type ())

G_DECLARE_FINAL_TYPE (BpApplication, bp_application, BP, APPLICATION, AdwApplication)

BpApplication        *bp_application_new                     (void);
BpCredentialProvider *bp_application_get_credential_provider (BpApplication *self);
GSettings            *bp_application_get_settings            (BpApplication *self);
void                  bp_application_reload_credentials      (BpApplication *self);

G_END_DECLS
