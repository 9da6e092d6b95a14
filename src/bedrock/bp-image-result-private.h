/* bp-image-result-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-image-result.h"

G_BEGIN_DECLS

/* The parser itself, for the worker thread and the fuzz target: pure CPU,
 * no I/O, so it may run anywhere. */
BpImageResult *_bp_image_result_parse (GBytes         *response_body,
                                       BpImageFamily   family,
                                       GCancellable   *cancellable,
                                       GError        **error);

G_END_DECLS
