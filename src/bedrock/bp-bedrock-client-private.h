/* bp-bedrock-client-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-bedrock-client.h"
#include "bp-credentials.h"

G_BEGIN_DECLS

/* The client is split by concern: bp-bedrock-client.c (object and
 * configuration), -sign.c (URL, headers, signing, the last-request
 * record), -call.c (send with timeouts and retries, read the body),
 * -errors.c (timeouts, transport errors),
 * -stream.c (event-stream dispatch and the streaming operations),
 * -runtime.c (Converse, InvokeModel, images, CountTokens), -control.c
 * (the control plane) and -access.c (model access checks over many
 * models). */

/* Bodies are read in chunks of this size (conventions §6). */
#define BP_CLIENT_READ_CHUNK        (64 * 1024)
/* How much of an error response is read for its message. */
#define BP_CLIENT_MAX_ERROR_BODY    (64 * 1024)
/* The largest successful body accepted: InvokeModel allows 25 MB requests,
 * and image replies are base64 of several PNGs. */
#define BP_CLIENT_MAX_BODY          (256 * 1024 * 1024)
#define BP_CLIENT_EVENT_STREAM_TYPE "application/vnd.amazon.eventstream"
#define BP_CLIENT_JSON_TYPE         "application/json"

struct _BpBedrockClient
{
  GObject               parent_instance;

  /* owned */
  SoupSession          *session;
  BpCredentialProvider *provider;
  BpRetryPolicy        *retry_policy;
  GMainContext         *context;

  /* (owned) (nullable) */
  char                 *region;
  BpEndpoint           *runtime_endpoint;
  BpEndpoint           *control_endpoint;

  /* 0 = no timeout */
  guint                 connect_timeout_ms;
  guint                 first_byte_timeout_ms;
  guint                 idle_timeout_ms;

  /* Server time minus local time, from the responses' Date headers. */
  gint64                clock_offset_ms;

  /* ListInferenceProfiles maxResults: 1000, smaller in tests. */
  guint                 profiles_page_size;

  /* The priority of reading response bodies. */
  int                   io_priority;

  /* The last request sent, secrets redacted. (owned) (nullable) */
  char                 *last_method;
  char                 *last_url;
  SoupMessageHeaders   *last_headers;
  GBytes               *last_body;
};

typedef enum
{
  BP_CLIENT_PLANE_RUNTIME,
  BP_CLIENT_PLANE_CONTROL,
} BpClientPlane;

typedef struct _BpClientStream BpClientStream;

/* The timers of one attempt (bp_bedrock_client_set_timeouts()). */
typedef enum
{
  BP_CLIENT_TIMER_NONE,
  BP_CLIENT_TIMER_CONNECT,     /* until the request headers are written */
  BP_CLIENT_TIMER_FIRST_BYTE,  /* until the response headers arrive */
  BP_CLIENT_TIMER_IDLE,        /* between reads of the body */
} BpClientTimer;

/* One operation to send: what the runtime and control files hand to the
 * engine in -call.c. */
typedef struct
{
  BpClientPlane   plane;
  const char     *method;         /* static: SOUP_METHOD_GET or _POST */
  char           *path;           /* (owned) percent-encoded, without the base path */
  char           *query;          /* (owned) (nullable) percent-encoded, no '?' */
  GBytes         *body;           /* (owned) (nullable) */
  const char     *accept_header;  /* (nullable) static: "Accept" or "X-Amzn-Bedrock-Accept" */
  BpClientStream *stream;         /* (nullable) borrowed: the caller's stream state */
} BpClientCall;

/* A response the engine read whole (non-streaming calls). */
typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;    /* (owned) */
  GBytes             *body;       /* (owned) never NULL; empty for streams */
} BpClientResponse;

BpClientCall     *_bp_client_call_new              (BpClientPlane        plane,
                                                    const char          *method,
                                                    char                *path,
                                                    char                *query,
                                                    GBytes              *body);
void              _bp_client_call_free             (BpClientCall        *call);
char             *_bp_client_model_path            (const char          *model_id,
                                                    const char          *operation);
void              _bp_client_response_free         (BpClientResponse    *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpClientCall, _bp_client_call_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpClientResponse, _bp_client_response_free)

/* bp-bedrock-client.c */
SoupSession      *_bp_bedrock_client_get_session   (BpBedrockClient     *self);
void              _bp_bedrock_client_set_timeouts_ms (BpBedrockClient   *self,
                                                      guint              connect_ms,
                                                      guint              first_byte_ms,
                                                      guint              idle_ms);
void              _bp_bedrock_client_set_profiles_page_size (BpBedrockClient *self,
                                                             guint            page_size);
const BpEndpoint *_bp_bedrock_client_get_endpoint  (BpBedrockClient     *self,
                                                    BpClientPlane        plane,
                                                    GError             **error);

/* bp-bedrock-client-sign.c */
SoupMessage      *_bp_bedrock_client_build_message (BpBedrockClient     *self,
                                                    const BpClientCall  *call,
                                                    BpCredentials       *credentials,
                                                    const char          *invocation_id,
                                                    guint                attempt,
                                                    guint                max_attempts,
                                                    GError             **error);

/* bp-bedrock-client-errors.c */
GError           *_bp_bedrock_client_timeout_error (BpBedrockClient     *self,
                                                    BpClientPlane        plane,
                                                    BpClientTimer        timer,
                                                    gboolean             streaming);
GError           *_bp_bedrock_client_transport_error (BpBedrockClient   *self,
                                                      BpClientPlane      plane,
                                                      const GError      *error);
GError           *_bp_bedrock_client_body_error    (BpBedrockClient     *self,
                                                    BpClientPlane        plane,
                                                    const GError        *error);
gboolean          _bp_bedrock_client_check_stream_type (SoupMessageHeaders *headers,
                                                        GError            **error);

/* bp-bedrock-client-call.c */
void              _bp_bedrock_client_send_async    (BpBedrockClient     *self,
                                                    BpClientCall        *call,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
BpClientResponse *_bp_bedrock_client_send_finish   (BpBedrockClient     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* bp-bedrock-client-stream.c: what the engine calls while a stream is read */
void              _bp_client_stream_reset          (BpClientStream      *stream);
gboolean          _bp_client_stream_feed           (BpClientStream      *stream,
                                                    GBytes              *chunk,
                                                    GError             **error);
gboolean          _bp_client_stream_end            (BpClientStream      *stream,
                                                    GError             **error);
gboolean          _bp_client_stream_get_delivered  (BpClientStream      *stream);
const char       *_bp_client_stream_get_exception_code (BpClientStream  *stream);

void _bp_bedrock_client_emit_retry_scheduled (BpBedrockClient *self,
                                              GCancellable    *cancellable,
                                              guint            attempt,
                                              guint            max_attempts,
                                              guint            delay_ms,
                                              const GError    *error);

G_END_DECLS
