/* bp-connection-page.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-types.h"

G_BEGIN_DECLS

/**
 * BpConnectionStatus:
 * @BP_CONNECTION_STATUS_CHECKING: the first lookup has not finished yet
 * @BP_CONNECTION_STATUS_READY: credentials were found
 * @BP_CONNECTION_STATUS_NOT_FOUND: nothing anywhere: the page is onboarding
 * @BP_CONNECTION_STATUS_FAILED: a source was found but could not be used
 */
typedef enum {
  BP_CONNECTION_STATUS_CHECKING,
  BP_CONNECTION_STATUS_READY,
  BP_CONNECTION_STATUS_NOT_FOUND,
  BP_CONNECTION_STATUS_FAILED,
} BpConnectionStatus;

#define BP_TYPE_CONNECTION_STATUS (bp_connection_status_get_type ())
#define BP_TYPE_CONNECTION_PAGE   (bp_connection_page_get_type ())

GType bp_connection_status_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (BpConnectionPage, bp_connection_page, BP, CONNECTION_PAGE, GtkWidget)

BpCredentialProvider *bp_connection_page_get_credential_provider (BpConnectionPage     *self);
void                  bp_connection_page_set_credential_provider (BpConnectionPage     *self,
                                                                  BpCredentialProvider *provider);
GSettings            *bp_connection_page_get_settings            (BpConnectionPage     *self);
void                  bp_connection_page_set_settings            (BpConnectionPage     *self,
                                                                  GSettings            *settings);
BpConnectionStatus    bp_connection_page_get_status              (BpConnectionPage     *self);
void                  bp_connection_page_refresh                 (BpConnectionPage     *self);
void                  bp_connection_page_retry                   (BpConnectionPage     *self);

G_END_DECLS
