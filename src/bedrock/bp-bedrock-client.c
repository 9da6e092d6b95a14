/* bp-bedrock-client.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-bedrock-client"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-bedrock-client-private.h"
#include "bp-bedrock-error.h"
#include "bp-shared-config.h"

/* The asynchronous Bedrock client (design.md, conventions §6): one
 * SoupSession, made on the thread that creates the client and used only
 * from its main context, with keep-alive connections shared by every call.
 * This file holds the object and its configuration; the calls live in the
 * other bp-bedrock-client-*.c files. */

/* Parallel streams to one host (the compare page runs several models at
 * once): libsoup's default of two would queue the third. */
#define MAX_CONNS_PER_HOST 8
/* The largest page ListInferenceProfiles allows (wire format §5.2). */
#define MAX_PROFILES_PAGE_SIZE 1000

struct _BpBedrockClientClass
{
  GObjectClass parent_class;
};

G_DEFINE_FINAL_TYPE (BpBedrockClient, bp_bedrock_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROVIDER,
  PROP_REGION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RETRY_SCHEDULED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
bp_bedrock_client_dispose (GObject *object)
{
  BpBedrockClient *self = (BpBedrockClient *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->provider);

  G_OBJECT_CLASS (bp_bedrock_client_parent_class)->dispose (object);
}

static void
bp_bedrock_client_finalize (GObject *object)
{
  BpBedrockClient *self = (BpBedrockClient *)object;

  g_clear_pointer (&self->retry_policy, bp_retry_policy_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->runtime_endpoint, bp_endpoint_free);
  g_clear_pointer (&self->control_endpoint, bp_endpoint_free);
  g_clear_pointer (&self->last_method, g_free);
  g_clear_pointer (&self->last_url, g_free);
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
  g_clear_pointer (&self->last_body, g_bytes_unref);

  G_OBJECT_CLASS (bp_bedrock_client_parent_class)->finalize (object);
}

static void
bp_bedrock_client_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BpBedrockClient *self = BP_BEDROCK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      g_value_set_object (value, self->provider);
      break;

    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_bedrock_client_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BpBedrockClient *self = BP_BEDROCK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      self->provider = g_value_dup_object (value);
      break;

    case PROP_REGION:
      bp_bedrock_client_set_region (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_bedrock_client_class_init (BpBedrockClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_bedrock_client_dispose;
  object_class->finalize = bp_bedrock_client_finalize;
  object_class->get_property = bp_bedrock_client_get_property;
  object_class->set_property = bp_bedrock_client_set_property;

  /**
   * BpBedrockClient:provider:
   *
   * Where the credentials of every call come from.
   */
  properties[PROP_PROVIDER] =
    g_param_spec_object ("provider", NULL, NULL,
                         BP_TYPE_CREDENTIAL_PROVIDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * BpBedrockClient:region:
   *
   * The signing region, e.g. "us-east-1".
   */
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpBedrockClient::retry-scheduled:
   * @self: the client
   * @cancellable: (nullable): the cancellable the failed call was started
   *   with, so a page can tell its own calls apart
   * @attempt: the number of the attempt that failed, from 1
   * @max_attempts: how many attempts the policy allows
   * @delay_ms: how long the client waits before the next attempt
   * @error: why the attempt failed
   *
   * Emitted when a call failed with a retryable error and the client will
   * try again after @delay_ms: a page can show a countdown meanwhile.
   */
  signals[RETRY_SCHEDULED] =
    g_signal_new ("retry-scheduled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 5,
                  G_TYPE_CANCELLABLE, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

void
_bp_bedrock_client_emit_retry_scheduled (BpBedrockClient *self,
                                         GCancellable    *cancellable,
                                         guint            attempt,
                                         guint            max_attempts,
                                         guint            delay_ms,
                                         const GError    *error)
{
  g_assert (BP_IS_BEDROCK_CLIENT (self));

  g_signal_emit (self, signals[RETRY_SCHEDULED], 0,
                 cancellable, attempt, max_attempts, delay_ms, error);
}

static void
bp_bedrock_client_init (BpBedrockClient *self)
{
  /* Bedrock never compresses its responses, and a decoder in the way of an
   * event stream would only buffer it: no Accept-Encoding. */
  self->session = soup_session_new_with_options ("user-agent", "bedrock-playground/" PACKAGE_VERSION,
                                                 "max-conns-per-host", MAX_CONNS_PER_HOST,
                                                 "timeout", 0,
                                                 NULL);
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);

  self->context = g_main_context_ref_thread_default ();
  self->retry_policy = bp_retry_policy_new ();
  self->connect_timeout_ms = BP_BEDROCK_CLIENT_DEFAULT_CONNECT_TIMEOUT * 1000;
  self->first_byte_timeout_ms = BP_BEDROCK_CLIENT_DEFAULT_FIRST_BYTE_TIMEOUT * 1000;
  self->idle_timeout_ms = BP_BEDROCK_CLIENT_DEFAULT_IDLE_TIMEOUT * 1000;
  self->profiles_page_size = MAX_PROFILES_PAGE_SIZE;
  self->io_priority = G_PRIORITY_DEFAULT;
}

/**
 * bp_bedrock_client_new:
 * @provider: where credentials come from
 *
 * Creates a client. Set the region and the endpoints before the first
 * call, with bp_bedrock_client_configure_async() or the setters. The
 * client must be used from the thread (main context) that creates it.
 *
 * Returns: (transfer full): a new #BpBedrockClient
 */
BpBedrockClient *
bp_bedrock_client_new (BpCredentialProvider *provider)
{
  g_return_val_if_fail (BP_IS_CREDENTIAL_PROVIDER (provider), NULL);

  return g_object_new (BP_TYPE_BEDROCK_CLIENT,
                       "provider", provider,
                       NULL);
}

/**
 * bp_bedrock_client_get_provider:
 * @self: a #BpBedrockClient
 *
 * Returns: (transfer none): the credential provider
 */
BpCredentialProvider *
bp_bedrock_client_get_provider (BpBedrockClient *self)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);

  return self->provider;
}

/**
 * bp_bedrock_client_set_region:
 * @self: a #BpBedrockClient
 * @region: (nullable): the signing region
 *
 * Sets the region requests are signed for. It does not move the endpoints:
 * resolve them for the region and call bp_bedrock_client_set_endpoints().
 */
void
bp_bedrock_client_set_region (BpBedrockClient *self,
                              const char      *region)
{
  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));

  if (g_strcmp0 (self->region, region) == 0)
    return;

  g_free (self->region);
  self->region = g_strdup (region);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
}

/**
 * bp_bedrock_client_get_region:
 * @self: a #BpBedrockClient
 *
 * Returns: (nullable): the signing region
 */
const char *
bp_bedrock_client_get_region (BpBedrockClient *self)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);

  return self->region;
}

static BpEndpoint *
endpoint_copy (const BpEndpoint *endpoint)
{
  BpEndpoint *copy;

  if (endpoint == NULL)
    return NULL;

  copy = g_new0 (BpEndpoint, 1);
  copy->url = g_strdup (endpoint->url);
  copy->scheme = g_strdup (endpoint->scheme);
  copy->host = g_strdup (endpoint->host);
  copy->port = endpoint->port;
  copy->host_header = g_strdup (endpoint->host_header);
  copy->base_path = g_strdup (endpoint->base_path != NULL ? endpoint->base_path : "");
  copy->source = endpoint->source;
  copy->detail = g_strdup (endpoint->detail);

  return copy;
}

/**
 * bp_bedrock_client_set_endpoints:
 * @self: a #BpBedrockClient
 * @runtime: (nullable): the bedrock-runtime endpoint
 * @control: (nullable): the bedrock (control plane) endpoint
 *
 * Sets the endpoints (copied), as bp_resolve_endpoint() gives them.
 */
void
bp_bedrock_client_set_endpoints (BpBedrockClient  *self,
                                 const BpEndpoint *runtime,
                                 const BpEndpoint *control)
{
  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));

  g_clear_pointer (&self->runtime_endpoint, bp_endpoint_free);
  g_clear_pointer (&self->control_endpoint, bp_endpoint_free);
  self->runtime_endpoint = endpoint_copy (runtime);
  self->control_endpoint = endpoint_copy (control);
}

/**
 * bp_bedrock_client_get_runtime_endpoint:
 * @self: a #BpBedrockClient
 *
 * Returns: (transfer none) (nullable): the bedrock-runtime endpoint
 */
const BpEndpoint *
bp_bedrock_client_get_runtime_endpoint (BpBedrockClient *self)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);

  return self->runtime_endpoint;
}

/**
 * bp_bedrock_client_get_control_endpoint:
 * @self: a #BpBedrockClient
 *
 * Returns: (transfer none) (nullable): the control-plane endpoint
 */
const BpEndpoint *
bp_bedrock_client_get_control_endpoint (BpBedrockClient *self)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);

  return self->control_endpoint;
}

const BpEndpoint *
_bp_bedrock_client_get_endpoint (BpBedrockClient  *self,
                                 BpClientPlane     plane,
                                 GError          **error)
{
  const BpEndpoint *endpoint;

  g_assert (BP_IS_BEDROCK_CLIENT (self));

  endpoint = plane == BP_CLIENT_PLANE_CONTROL ? self->control_endpoint : self->runtime_endpoint;
  if (endpoint == NULL || self->region == NULL)
    {
      g_set_error_literal (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_FAILED,
                           _("The Bedrock client has no region or endpoint yet"));
      return NULL;
    }

  return endpoint;
}

static gboolean
resolve_configuration (BpBedrockClient  *self,
                       BpSharedConfig   *config,
                       const char       *explicit_region,
                       const char       *explicit_endpoint_url,
                       GError          **error)
{
  const char * const *envp = bp_credential_provider_get_environment (self->provider);
  g_autofree char *profile = NULL;
  g_autoptr(BpRegionInfo) region = NULL;
  g_autoptr(BpEndpoint) runtime = NULL;
  g_autoptr(BpEndpoint) control = NULL;

  profile = bp_shared_config_pick_profile (envp, bp_credential_provider_get_profile (self->provider), NULL);
  region = bp_resolve_region (envp, config, profile, explicit_region);

  /* One explicit URL points both planes at one server, as the AWS CLI's
   * --endpoint-url does: that is what local fakes and proxies serve. */
  runtime = bp_resolve_endpoint (envp, config, profile, region->region,
                                 BP_AWS_SERVICE_BEDROCK_RUNTIME, explicit_endpoint_url, error);
  if (runtime == NULL)
    return FALSE;
  control = bp_resolve_endpoint (envp, config, profile, region->region,
                                 BP_AWS_SERVICE_BEDROCK, explicit_endpoint_url, error);
  if (control == NULL)
    return FALSE;

  bp_bedrock_client_set_region (self, region->region);
  bp_bedrock_client_set_endpoints (self, runtime, control);
  bp_retry_policy_configure_from_environ (self->retry_policy, envp);

  g_debug ("Region %s, runtime %s, control %s", region->region, runtime->url, control->url);
  return TRUE;
}

typedef struct
{
  char *explicit_region;
  char *explicit_endpoint_url;
} ConfigureData;

static void
configure_data_free (ConfigureData *data)
{
  g_free (data->explicit_region);
  g_free (data->explicit_endpoint_url);
  g_free (data);
}

static void
configure_load_config_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BpSharedConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  BpBedrockClient *self = g_task_get_source_object (task);
  ConfigureData *data = g_task_get_task_data (task);

  config = bp_credential_provider_load_config_finish (BP_CREDENTIAL_PROVIDER (object), result, &error);
  if (config == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!resolve_configuration (self, config, data->explicit_region, data->explicit_endpoint_url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * bp_bedrock_client_configure_async:
 * @self: a #BpBedrockClient
 * @explicit_region: (nullable): a region from a flag or the preferences
 * @explicit_endpoint_url: (nullable): an endpoint URL from a flag or the
 *   preferences; it serves both the runtime and the control plane
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Resolves the region and both endpoints from the provider's environment
 * and shared config files (bp_resolve_region(), bp_resolve_endpoint()),
 * explicit values first, and reads AWS_MAX_ATTEMPTS / AWS_RETRY_MODE into
 * the retry policy.
 */
void
bp_bedrock_client_configure_async (BpBedrockClient     *self,
                                   const char          *explicit_region,
                                   const char          *explicit_endpoint_url,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ConfigureData *data;

  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_bedrock_client_configure_async);

  data = g_new0 (ConfigureData, 1);
  data->explicit_region = g_strdup (explicit_region);
  data->explicit_endpoint_url = g_strdup (explicit_endpoint_url);
  g_task_set_task_data (task, data, (GDestroyNotify) configure_data_free);

  bp_credential_provider_load_config_async (self->provider, cancellable,
                                            configure_load_config_cb,
                                            g_steal_pointer (&task));
}

/**
 * bp_bedrock_client_configure_finish:
 * @self: a #BpBedrockClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: whether the region and endpoints were resolved
 */
gboolean
bp_bedrock_client_configure_finish (BpBedrockClient  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_bedrock_client_configure_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bp_bedrock_client_set_retry_policy:
 * @self: a #BpBedrockClient
 * @policy: the retry policy (a reference is taken)
 *
 * Replaces the retry policy (standard mode, three attempts, by default).
 */
void
bp_bedrock_client_set_retry_policy (BpBedrockClient *self,
                                    BpRetryPolicy   *policy)
{
  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (policy != NULL);

  bp_retry_policy_ref (policy);
  g_clear_pointer (&self->retry_policy, bp_retry_policy_unref);
  self->retry_policy = policy;
}

/**
 * bp_bedrock_client_get_retry_policy:
 * @self: a #BpBedrockClient
 *
 * Returns: (transfer none): the retry policy
 */
BpRetryPolicy *
bp_bedrock_client_get_retry_policy (BpBedrockClient *self)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), NULL);

  return self->retry_policy;
}

/**
 * bp_bedrock_client_set_timeouts:
 * @self: a #BpBedrockClient
 * @connect_s: seconds to connect and send the request headers
 * @first_byte_s: seconds from the request to the response headers
 * @idle_s: seconds without data while a response body or stream is read
 *
 * Sets the timeouts of later calls; 0 turns one off. A timeout fails the
 * call with %BP_BEDROCK_ERROR_TIMEOUT, naming which one struck. Defaults:
 * 10 s, 300 s and 120 s.
 */
void
bp_bedrock_client_set_timeouts (BpBedrockClient *self,
                                guint            connect_s,
                                guint            first_byte_s,
                                guint            idle_s)
{
  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));
  g_return_if_fail (connect_s <= G_MAXUINT / 1000);
  g_return_if_fail (first_byte_s <= G_MAXUINT / 1000);
  g_return_if_fail (idle_s <= G_MAXUINT / 1000);

  _bp_bedrock_client_set_timeouts_ms (self, connect_s * 1000, first_byte_s * 1000, idle_s * 1000);
}

/**
 * bp_bedrock_client_set_io_priority:
 * @self: a #BpBedrockClient
 * @io_priority: the #GLib priority of reading response bodies
 *
 * Sets the priority at which response bodies are read (default
 * %G_PRIORITY_DEFAULT). A window that shows a reply as it streams sets a
 * priority below redrawing (%G_PRIORITY_DEFAULT_IDLE): a stream that
 * arrives faster than it is shown would otherwise hold off every frame
 * until it ends.
 */
void
bp_bedrock_client_set_io_priority (BpBedrockClient *self,
                                   int              io_priority)
{
  g_return_if_fail (BP_IS_BEDROCK_CLIENT (self));

  self->io_priority = io_priority;
}

/**
 * bp_bedrock_client_get_io_priority:
 * @self: a #BpBedrockClient
 *
 * Returns: the priority of reading response bodies
 */
int
bp_bedrock_client_get_io_priority (BpBedrockClient *self)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), G_PRIORITY_DEFAULT);

  return self->io_priority;
}

/* Milliseconds, for tests that cannot wait whole seconds. */
void
_bp_bedrock_client_set_timeouts_ms (BpBedrockClient *self,
                                    guint            connect_ms,
                                    guint            first_byte_ms,
                                    guint            idle_ms)
{
  g_assert (BP_IS_BEDROCK_CLIENT (self));

  self->connect_timeout_ms = connect_ms;
  self->first_byte_timeout_ms = first_byte_ms;
  self->idle_timeout_ms = idle_ms;
}

/* Small pages, for tests of the pagination. */
void
_bp_bedrock_client_set_profiles_page_size (BpBedrockClient *self,
                                           guint            page_size)
{
  g_assert (BP_IS_BEDROCK_CLIENT (self));
  g_assert (page_size >= 1 && page_size <= MAX_PROFILES_PAGE_SIZE);

  self->profiles_page_size = page_size;
}

SoupSession *
_bp_bedrock_client_get_session (BpBedrockClient *self)
{
  g_assert (BP_IS_BEDROCK_CLIENT (self));

  return self->session;
}

/**
 * bp_bedrock_client_get_clock_offset_ms:
 * @self: a #BpBedrockClient
 *
 * Returns: how far the servers' clock is ahead of this computer's, as the
 *   responses' Date headers showed it (0 until a skew was seen)
 */
gint64
bp_bedrock_client_get_clock_offset_ms (BpBedrockClient *self)
{
  g_return_val_if_fail (BP_IS_BEDROCK_CLIENT (self), 0);

  return self->clock_offset_ms;
}
