/* bp-chat-json-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bp-chat-reply.h"
#include "bp-types.h"

G_BEGIN_DECLS

/* JSON helpers shared by the Converse and InvokeModel builders and parsers.
 * The writer is ours rather than JsonGenerator's: json-glib 1.6 prints 0.7
 * as 0.69999999999999996 and other versions print doubles differently, while
 * request bodies are shown to users and compared byte for byte in tests. */

GBytes     *_bp_json_to_bytes          (JsonNode    *root);
char       *_bp_json_to_string         (JsonNode    *root);
JsonObject *_bp_json_parse_object      (GBytes      *bytes,
                                        int          error_code,
                                        GError     **error);
JsonObject *_bp_json_parse_object_data (const char  *data,
                                        gsize        length,
                                        int          error_code,
                                        GError     **error);

JsonObject *_bp_json_get_object       (JsonObject *object,
                                       const char *member);
JsonArray  *_bp_json_get_array        (JsonObject *object,
                                       const char *member);
const char *_bp_json_get_string       (JsonObject *object,
                                       const char *member);
gboolean    _bp_json_get_int          (JsonObject *object,
                                       const char *member,
                                       gint64     *value);
JsonObject *_bp_json_array_get_object (JsonArray  *array,
                                       guint       index);

GBytes *_bp_base64_decode_strict (const char  *text,
                                  gsize        max_decoded,
                                  int          error_code,
                                  GError     **error);

void _bp_json_add_string_member (JsonBuilder        *builder,
                                 const char         *member,
                                 const char         *value);
void _bp_json_add_int_member    (JsonBuilder        *builder,
                                 const char         *member,
                                 gint64              value);
void _bp_json_add_double_member (JsonBuilder        *builder,
                                 const char         *member,
                                 double              value);
void _bp_json_add_strv_member   (JsonBuilder        *builder,
                                 const char         *member,
                                 const char * const *values);
void _bp_json_add_base64_member (JsonBuilder        *builder,
                                 const char         *member,
                                 GBytes             *bytes);

void _bp_json_read_converse_usage     (JsonObject *usage_object,
                                       BpUsage    *usage);
void _bp_json_read_invocation_metrics (JsonObject *metrics,
                                       BpUsage    *usage,
                                       gint64     *latency_ms,
                                       gint64     *first_byte_latency_ms);

G_END_DECLS
