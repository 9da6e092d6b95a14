/* bp-fake-client.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bp-fake-bedrock.h"

G_BEGIN_DECLS

/* A minimal client for tests that talk to the fake directly: a plain
 * SoupSession, the real SigV4 signer and the real event-stream decoder,
 * nothing of src/bedrock. Failures are test assertions. */

typedef struct
{
  BpFakeBedrock *fake;
  SoupSession   *session;
} BpFakeClient;

typedef enum
{
  BP_FAKE_AUTH_SIGV4,
  BP_FAKE_AUTH_BEARER,
  BP_FAKE_AUTH_NONE,
} BpFakeAuthMode;

/* How a request authenticates; a NULL BpFakeAuth signs with the example
 * keys in us-east-1. */
typedef struct
{
  BpFakeAuthMode  mode;
  const char     *access_key_id;   /* NULL: AKIDEXAMPLE */
  const char     *secret;          /* NULL: the example secret */
  const char     *session_token;
  const char     *region;          /* NULL: us-east-1 */
  const char     *bearer;
  gint64          time_offset;     /* seconds added to the clock when signing */
} BpFakeAuth;

/* An event stream as a client saw it. */
typedef struct
{
  GPtrArray *events;               /* BpEventStreamMessage, whole and verified */
  GError    *transport_error;
  GError    *decode_error;
  gboolean   mid_message;          /* the decoder held a partial message at the end */
  guint      status;
} BpFakeStreamResult;

void                bp_fake_client_init              (BpFakeClient        *client);
void                bp_fake_client_clear             (BpFakeClient        *client);

void                bp_fake_client_store_result_cb   (GObject             *object,
                                                      GAsyncResult        *result,
                                                      gpointer             user_data);
GAsyncResult       *bp_fake_client_wait              (GAsyncResult       **result);

SoupMessage        *bp_fake_client_new_message       (BpFakeClient        *client,
                                                      const char          *method,
                                                      const char          *path,
                                                      const char          *body,
                                                      const BpFakeAuth    *auth);
GBytes             *bp_fake_client_send              (BpFakeClient        *client,
                                                      SoupMessage         *msg,
                                                      GError             **error);
JsonNode           *bp_fake_client_call_json         (BpFakeClient        *client,
                                                      const char          *method,
                                                      const char          *path,
                                                      const char          *body,
                                                      const BpFakeAuth    *auth,
                                                      guint                expected_status);
void                bp_fake_client_assert_error      (BpFakeClient        *client,
                                                      const char          *path,
                                                      const char          *body,
                                                      const BpFakeAuth    *auth,
                                                      guint                status,
                                                      const char          *code,
                                                      const char          *message_prefix);
void                bp_fake_client_read_stream       (BpFakeClient        *client,
                                                      SoupMessage         *msg,
                                                      BpFakeStreamResult  *out);
void                bp_fake_client_open_stream       (BpFakeClient        *client,
                                                      const char          *path,
                                                      const char          *body,
                                                      BpFakeStreamResult  *out);
GBytes             *bp_fake_client_raw_exchange      (BpFakeClient        *client,
                                                      const char          *request);
char               *bp_fake_converse_body            (const char          *text);

void                bp_fake_stream_result_clear      (BpFakeStreamResult  *result);
const char         *bp_fake_stream_result_event_type (BpFakeStreamResult  *result,
                                                      guint                n);
JsonNode           *bp_fake_stream_result_payload    (BpFakeStreamResult  *result,
                                                      guint                n);
JsonNode           *bp_fake_stream_result_chunk      (BpFakeStreamResult  *result,
                                                      guint                n);
char               *bp_fake_stream_result_text       (BpFakeStreamResult  *result);

JsonNode           *bp_fake_json_parse               (GBytes              *bytes);
JsonNode           *bp_fake_json_query               (JsonNode            *root,
                                                      const char          *path);
gboolean            bp_fake_json_has                 (JsonNode            *root,
                                                      const char          *path);
guint               bp_fake_json_array_length        (JsonNode            *root,
                                                      const char          *path);
char               *bp_fake_json_string              (JsonNode            *root,
                                                      const char          *path);
gint64              bp_fake_json_int                 (JsonNode            *root,
                                                      const char          *path);

guint32             bp_fake_read_be32                (const guint8        *p);
void                bp_fake_assert_png               (const guint8        *data,
                                                      gsize                len,
                                                      guint                width,
                                                      guint                height);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BpFakeStreamResult, bp_fake_stream_result_clear)

G_END_DECLS
