/* bp-bedrock-client.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "bp-aws-config.h"
#include "bp-chat-reply.h"
#include "bp-chat-request.h"
#include "bp-credential-provider.h"
#include "bp-image-request.h"
#include "bp-image-result.h"
#include "bp-model-catalogue.h"
#include "bp-retry.h"
#include "bp-stream-event.h"
#include "bp-types.h"

G_BEGIN_DECLS

#define BP_TYPE_BEDROCK_CLIENT (bp_bedrock_client_get_type ())

G_DECLARE_FINAL_TYPE (BpBedrockClient, bp_bedrock_client, BP, BEDROCK_CLIENT, GObject)

/* Defaults of bp_bedrock_client_set_timeouts(), in seconds. */
#define BP_BEDROCK_CLIENT_DEFAULT_CONNECT_TIMEOUT     10
#define BP_BEDROCK_CLIENT_DEFAULT_FIRST_BYTE_TIMEOUT  300
#define BP_BEDROCK_CLIENT_DEFAULT_IDLE_TIMEOUT        120

/**
 * BpStreamEventFunc:
 * @event: the decoded event (transfer none)
 * @user_data: the data given with the function
 *
 * Called on the client's main context for every decoded stream event, as
 * it arrives, after the event has been applied to the accumulating reply.
 */
typedef void (*BpStreamEventFunc) (BpStreamEvent *event,
                                   gpointer       user_data);

BpBedrockClient      *bp_bedrock_client_new                    (BpCredentialProvider  *provider);
BpCredentialProvider *bp_bedrock_client_get_provider           (BpBedrockClient       *self);
void                  bp_bedrock_client_set_region             (BpBedrockClient       *self,
                                                                const char            *region);
const char           *bp_bedrock_client_get_region             (BpBedrockClient       *self);
void                  bp_bedrock_client_set_endpoints          (BpBedrockClient       *self,
                                                                const BpEndpoint      *runtime,
                                                                const BpEndpoint      *control);
const BpEndpoint     *bp_bedrock_client_get_runtime_endpoint   (BpBedrockClient       *self);
const BpEndpoint     *bp_bedrock_client_get_control_endpoint   (BpBedrockClient       *self);
void                  bp_bedrock_client_configure_async        (BpBedrockClient       *self,
                                                                const char            *explicit_region,
                                                                const char            *explicit_endpoint_url,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
gboolean              bp_bedrock_client_configure_finish       (BpBedrockClient       *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);
void                  bp_bedrock_client_set_retry_policy       (BpBedrockClient       *self,
                                                                BpRetryPolicy         *policy);
BpRetryPolicy        *bp_bedrock_client_get_retry_policy       (BpBedrockClient       *self);
void                  bp_bedrock_client_set_timeouts           (BpBedrockClient       *self,
                                                                guint                  connect_s,
                                                                guint                  first_byte_s,
                                                                guint                  idle_s);
gint64                bp_bedrock_client_get_clock_offset_ms    (BpBedrockClient       *self);
void                  bp_bedrock_client_set_io_priority        (BpBedrockClient       *self,
                                                                int                    io_priority);
int                   bp_bedrock_client_get_io_priority        (BpBedrockClient       *self);

/* Converse */
void                  bp_bedrock_client_converse_async         (BpBedrockClient       *self,
                                                                BpChatRequest         *request,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
BpChatReply          *bp_bedrock_client_converse_finish        (BpBedrockClient       *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);
void                  bp_bedrock_client_converse_stream_async  (BpBedrockClient       *self,
                                                                BpChatRequest         *request,
                                                                BpStreamEventFunc      event_func,
                                                                gpointer               event_data,
                                                                GDestroyNotify         event_data_free,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
BpChatReply          *bp_bedrock_client_converse_stream_finish (BpBedrockClient       *self,
                                                                GAsyncResult          *result,
                                                                BpChatReply          **out_partial,
                                                                GError               **error);

/* InvokeModel with the family's native body */
void                  bp_bedrock_client_invoke_chat_async      (BpBedrockClient       *self,
                                                                BpChatRequest         *request,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
BpChatReply          *bp_bedrock_client_invoke_chat_finish     (BpBedrockClient       *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);
void                  bp_bedrock_client_invoke_chat_stream_async  (BpBedrockClient    *self,
                                                                   BpChatRequest      *request,
                                                                   BpStreamEventFunc   event_func,
                                                                   gpointer            event_data,
                                                                   GDestroyNotify      event_data_free,
                                                                   GCancellable       *cancellable,
                                                                   GAsyncReadyCallback callback,
                                                                   gpointer            user_data);
BpChatReply          *bp_bedrock_client_invoke_chat_stream_finish (BpBedrockClient    *self,
                                                                   GAsyncResult       *result,
                                                                   BpChatReply       **out_partial,
                                                                   GError            **error);
void                  bp_bedrock_client_invoke_async           (BpBedrockClient       *self,
                                                                const char            *model_id,
                                                                GBytes                *body,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
GBytes               *bp_bedrock_client_invoke_finish          (BpBedrockClient       *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);
GBytes               *bp_bedrock_client_invoke_finish_full     (BpBedrockClient       *self,
                                                                GAsyncResult          *result,
                                                                BpUsage               *out_usage,
                                                                gint64                *out_latency_ms,
                                                                GError               **error);

/* Images */
void                  bp_bedrock_client_generate_image_async   (BpBedrockClient       *self,
                                                                BpImageRequest        *request,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
BpImageResult        *bp_bedrock_client_generate_image_finish  (BpBedrockClient       *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);

/* CountTokens */
void                  bp_bedrock_client_count_tokens_async     (BpBedrockClient       *self,
                                                                BpChatRequest         *request,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
gboolean              bp_bedrock_client_count_tokens_finish    (BpBedrockClient       *self,
                                                                GAsyncResult          *result,
                                                                guint                 *out_tokens,
                                                                GError               **error);

/* Control plane */
void                  bp_bedrock_client_list_foundation_models_async  (BpBedrockClient     *self,
                                                                       const char          *by_provider,
                                                                       const char          *by_output_modality,
                                                                       GCancellable        *cancellable,
                                                                       GAsyncReadyCallback  callback,
                                                                       gpointer             user_data);
GBytes               *bp_bedrock_client_list_foundation_models_finish (BpBedrockClient     *self,
                                                                       GAsyncResult        *result,
                                                                       GError             **error);
void                  bp_bedrock_client_list_inference_profiles_async  (BpBedrockClient    *self,
                                                                        GCancellable       *cancellable,
                                                                        GAsyncReadyCallback callback,
                                                                        gpointer            user_data);
GBytes               *bp_bedrock_client_list_inference_profiles_finish (BpBedrockClient    *self,
                                                                        GAsyncResult       *result,
                                                                        GError            **error);
void                  bp_bedrock_client_refresh_catalogue_async  (BpBedrockClient     *self,
                                                                  BpModelCatalogue    *catalogue,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
gboolean              bp_bedrock_client_refresh_catalogue_finish (BpBedrockClient     *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
void                  bp_bedrock_client_get_model_availability_async  (BpBedrockClient     *self,
                                                                       const char          *model_id,
                                                                       GCancellable        *cancellable,
                                                                       GAsyncReadyCallback  callback,
                                                                       gpointer             user_data);
GBytes               *bp_bedrock_client_get_model_availability_finish (BpBedrockClient     *self,
                                                                       GAsyncResult        *result,
                                                                       GError             **error);
void                  bp_bedrock_client_check_model_access_async      (BpBedrockClient     *self,
                                                                       BpModelCatalogue    *catalogue,
                                                                       const char * const  *model_ids,
                                                                       GCancellable        *cancellable,
                                                                       GAsyncReadyCallback  callback,
                                                                       gpointer             user_data);
gboolean              bp_bedrock_client_check_model_access_finish     (BpBedrockClient     *self,
                                                                       GAsyncResult        *result,
                                                                       guint               *out_n_checked,
                                                                       GError             **error);

/* The "show request" learning aid: the last request sent (the last attempt
 * of the last call), with the Authorization and X-Amz-Security-Token values
 * replaced by BP_BEDROCK_CLIENT_REDACTED. */
#define BP_BEDROCK_CLIENT_REDACTED "(redacted)"

const char           *bp_bedrock_client_get_last_request_method  (BpBedrockClient    *self);
const char           *bp_bedrock_client_get_last_request_url     (BpBedrockClient    *self);
SoupMessageHeaders   *bp_bedrock_client_get_last_request_headers (BpBedrockClient    *self);
GBytes               *bp_bedrock_client_get_last_request_body    (BpBedrockClient    *self);

G_END_DECLS
