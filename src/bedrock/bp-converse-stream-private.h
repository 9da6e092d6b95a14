/* bp-converse-stream-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-converse.h"

G_BEGIN_DECLS

/* The two ways bp_converse_stream_parse_event() reads an event, apart so
 * that tests can check they agree: a fast path that scans the hot text
 * deltas once and declines anything else, and json-glib. */

gboolean       _bp_converse_stream_parse_fast (const char     *event_type,
                                               GBytes         *payload,
                                               BpStreamEvent **out_event);
BpStreamEvent *_bp_converse_stream_parse_slow (const char     *event_type,
                                               GBytes         *payload,
                                               GError        **error);

G_END_DECLS
