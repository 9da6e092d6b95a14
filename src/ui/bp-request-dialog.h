/* bp-request-dialog.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-request-snippet.h"
#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_REQUEST_DIALOG (bp_request_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BpRequestDialog, bp_request_dialog, BP, REQUEST_DIALOG, AdwWindow)

BpRequestDialog *bp_request_dialog_new           (GtkWindow              *parent,
                                                  const BpSnippetRequest *request);
const char      *bp_request_dialog_get_url       (BpRequestDialog        *self);
GBytes          *bp_request_dialog_get_body      (BpRequestDialog        *self);
char            *bp_request_dialog_dup_shown_json (BpRequestDialog       *self);
char            *bp_request_dialog_dup_snippet   (BpRequestDialog        *self,
                                                  BpSnippetKind           kind);

G_END_DECLS
