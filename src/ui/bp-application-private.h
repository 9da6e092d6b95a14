/* bp-application-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-application.h"

G_BEGIN_DECLS

struct _BpApplication
{
  AdwApplication        parent_instance;

  /* owned references */
  BpCredentialProvider *credential_provider;  /* (nullable) until startup */
  GSettings            *settings;             /* (nullable) until startup */
};

void _bp_application_init_actions (BpApplication *self);

G_END_DECLS
