/* bp-connection-page.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-connection-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bp-api-key-group.h"
#include "bp-command-row.h"
#include "bp-connection-page.h"
#include "bp-credential-provider.h"
#include "bp-credentials.h"
#include "bp-resolved-settings-group.h"
#include "bp-shared-config.h"

/* Where the credentials, region and endpoint come from, and, when nothing
 * was found, how to get set up (onboarding). */
struct _BpConnectionPage
{
  GtkWidget                parent_instance;

  /* template widgets */
  GtkSpinner              *spinner;
  GtkImage                *status_image;
  GtkLabel                *title_label;
  GtkLabel                *description_label;
  GtkLabel                *error_label;
  GtkWidget               *buttons_box;
  GtkButton               *retry_button;
  GtkWidget               *skip_button;
  GtkWidget               *continue_button;
  GtkWidget               *credentials_group;
  AdwActionRow            *source_row;
  AdwActionRow            *key_id_row;
  GtkLabel                *key_id_label;
  AdwActionRow            *expiration_row;
  GtkLabel                *expiration_label;
  GtkWidget               *keys_group;
  GtkWidget               *sso_group;
  GtkWidget               *api_key_group;
  BpResolvedSettingsGroup *settings_group;

  /* owned references */
  BpCredentialProvider    *provider;            /* (nullable) */
  GSettings               *settings;            /* (nullable) */
  GCancellable            *lookup_cancellable;  /* (nullable) the lookup in flight */

  BpConnectionStatus       status;
  guint                    retrying : 1;  /* the user asked to look again */
};

G_DEFINE_FINAL_TYPE (BpConnectionPage, bp_connection_page, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (BpConnectionStatus, bp_connection_status,
  G_DEFINE_ENUM_VALUE (BP_CONNECTION_STATUS_CHECKING, "checking"),
  G_DEFINE_ENUM_VALUE (BP_CONNECTION_STATUS_READY, "ready"),
  G_DEFINE_ENUM_VALUE (BP_CONNECTION_STATUS_NOT_FOUND, "not-found"),
  G_DEFINE_ENUM_VALUE (BP_CONNECTION_STATUS_FAILED, "failed"))

enum {
  PROP_0,
  PROP_CREDENTIAL_PROVIDER,
  PROP_SETTINGS,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One lookup: the credentials (or why there are none), carried on to the
 * config load that the region and endpoint rows need. */
typedef struct
{
  BpConnectionPage *self;         /* (owned) */
  BpCredentials    *credentials;  /* (owned) (nullable) */
  GError           *error;        /* (owned) (nullable) */
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_clear_object (&lookup->self);
  g_clear_pointer (&lookup->credentials, bp_credentials_unref);
  g_clear_error (&lookup->error);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lookup, lookup_free)

static void
set_status (BpConnectionPage   *self,
            BpConnectionStatus  status)
{
  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/* Keeps the first four and last four characters of an access key id: enough
 * to tell keys apart, as the AWS console does. */
static char *
mask_key_id (const char *key_id)
{
  gsize len = strlen (key_id);

  if (len < 12)
    return g_strdup ("••••••••");

  return g_strdup_printf ("%.4s••••••••%s", key_id, key_id + len - 4);
}

static char *
describe_source (BpCredentials *credentials)
{
  const char *profile = bp_credentials_get_profile (credentials);
  const char *path = bp_credentials_get_source_path (credentials);

  if (profile == NULL)
    profile = "default";
  if (path == NULL)
    path = "?";

  switch (bp_credentials_get_source (credentials))
    {
    case BP_CREDENTIAL_SOURCE_ENVIRONMENT:
      return g_strdup (_("Environment variables"));
    case BP_CREDENTIAL_SOURCE_PROFILE:
      /* Translators: the first %s is an AWS profile name, the second a file path. */
      return g_strdup_printf (_("Access keys of profile %s from %s"), profile, path);
    case BP_CREDENTIAL_SOURCE_CREDENTIAL_PROCESS:
      /* Translators: credential_process is a key of the AWS config file: keep it as is. */
      return g_strdup_printf (_("credential_process of profile %s in %s"), profile, path);
    case BP_CREDENTIAL_SOURCE_SSO:
      return g_strdup_printf (_("IAM Identity Center (SSO) profile %s in %s"), profile, path);
    case BP_CREDENTIAL_SOURCE_API_KEY_ENVIRONMENT:
      return g_strdup (_("Bedrock API key from AWS_BEARER_TOKEN_BEDROCK"));
    case BP_CREDENTIAL_SOURCE_API_KEY_KEYRING:
      return g_strdup (_("Bedrock API key from the keyring"));
    case BP_CREDENTIAL_SOURCE_NONE:
    default:
      return bp_credentials_describe (credentials);
    }
}

static char *
format_expiration (gint64 expiration)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (expiration);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;

  if (when == NULL)
    return g_strdup ("?");

  /* Translators: a date and time in g_date_time_format() syntax. */
  text = g_date_time_format (when, _("%Y-%m-%d %H:%M"));

  if (g_date_time_compare (when, now) <= 0)
    /* Translators: %s is a date and time. */
    return g_strdup_printf (_("%s (expired)"), text);

  return g_steal_pointer (&text);
}

static void
show_header (BpConnectionPage *self,
             const char       *icon_name,
             const char       *css_class,
             const char       *title,
             const char       *description)
{
  gboolean checking = icon_name == NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), checking);
  gtk_spinner_set_spinning (self->spinner, checking);
  gtk_widget_set_visible (GTK_WIDGET (self->status_image), !checking);
  gtk_image_set_from_icon_name (self->status_image, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_image), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_image), "warning");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_image), css_class);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->description_label, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL);
}

static void
show_sections (BpConnectionPage   *self,
               BpConnectionStatus  status)
{
  gboolean onboarding = status == BP_CONNECTION_STATUS_NOT_FOUND;
  gboolean failed = status == BP_CONNECTION_STATUS_FAILED;
  gboolean ready = status == BP_CONNECTION_STATUS_READY;

  gtk_widget_set_visible (self->buttons_box, status != BP_CONNECTION_STATUS_CHECKING);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), onboarding || failed);
  gtk_widget_set_visible (self->skip_button, onboarding || failed);
  gtk_widget_set_visible (self->continue_button, ready);
  gtk_button_set_label (self->retry_button, onboarding ? _("Check _Again") : _("_Retry"));

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), failed);
  gtk_widget_set_visible (self->credentials_group, ready);
  gtk_widget_set_visible (self->keys_group, onboarding);
  gtk_widget_set_visible (self->sso_group, onboarding);
  gtk_widget_set_visible (self->api_key_group, onboarding);
  gtk_widget_set_visible (GTK_WIDGET (self->settings_group), status != BP_CONNECTION_STATUS_CHECKING);
}

static void
show_credentials (BpConnectionPage *self,
                  BpCredentials    *credentials)
{
  g_autofree char *source = describe_source (credentials);
  gint64 expiration = bp_credentials_get_expiration (credentials);
  gboolean bearer = bp_credentials_is_bearer (credentials);

  show_header (self, "emblem-ok-symbolic", "success",
               _("AWS Credentials Found"),
               _("Bedrock Playground signs its requests to Amazon Bedrock with these credentials."));

  adw_action_row_set_subtitle (self->source_row, source);

  gtk_widget_set_visible (GTK_WIDGET (self->key_id_row), !bearer);
  if (!bearer)
    {
      g_autofree char *masked = mask_key_id (bp_credentials_get_access_key_id (credentials));

      gtk_label_set_text (self->key_id_label, masked);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->expiration_row), expiration != 0);
  if (expiration != 0)
    {
      g_autofree char *when = format_expiration (expiration);

      gtk_label_set_text (self->expiration_label, when);
    }

  show_sections (self, BP_CONNECTION_STATUS_READY);
  set_status (self, BP_CONNECTION_STATUS_READY);
}

static void
show_error (BpConnectionPage *self,
            const GError     *error)
{
  if (g_error_matches (error, BP_CREDENTIALS_ERROR, BP_CREDENTIALS_ERROR_NOT_FOUND))
    {
      show_header (self, "dialog-password-symbolic", NULL,
                   _("Set Up Access to Amazon Bedrock"),
                   _("No AWS credentials were found. Use one of these three ways, then check again."));
      show_sections (self, BP_CONNECTION_STATUS_NOT_FOUND);
      set_status (self, BP_CONNECTION_STATUS_NOT_FOUND);
      return;
    }

  show_header (self, "dialog-warning-symbolic", "warning",
               _("AWS Credentials Could Not Be Loaded"), NULL);
  gtk_label_set_text (self->error_label, error->message);
  show_sections (self, BP_CONNECTION_STATUS_FAILED);
  set_status (self, BP_CONNECTION_STATUS_FAILED);
}

static void
show_toast (BpConnectionPage *self,
            const char       *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static void
finish_lookup (Lookup         *lookup,
               BpSharedConfig *config)
{
  BpConnectionPage *self = lookup->self;

  if (lookup->credentials != NULL)
    show_credentials (self, lookup->credentials);
  else
    show_error (self, lookup->error);

  /* The page looks the same after a retry that found nothing new: say so. */
  if (self->retrying && self->status != BP_CONNECTION_STATUS_READY)
    show_toast (self, _("Still no usable AWS credentials"));
  self->retrying = FALSE;

  bp_resolved_settings_group_update (self->settings_group,
                                     bp_credential_provider_get_environment (self->provider),
                                     config, self->settings);
}

static void
load_config_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Lookup) lookup = user_data;
  g_autoptr(BpSharedConfig) config = NULL;
  g_autoptr(GError) error = NULL;

  config = bp_credential_provider_load_config_finish (BP_CREDENTIAL_PROVIDER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A broken file is already what the credentials error says: the region
   * and endpoint then fall back to what the environment gives. */
  if (error != NULL)
    g_debug ("Could not load the shared config: %s", error->message);

  finish_lookup (lookup, config);
}

static void
get_credentials_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  BpCredentialProvider *provider = BP_CREDENTIAL_PROVIDER (object);
  g_autoptr(Lookup) lookup = g_new0 (Lookup, 1);
  GCancellable *cancellable;
  BpSharedConfig *config;

  lookup->self = user_data;
  lookup->credentials = bp_credential_provider_get_credentials_finish (provider, result, &lookup->error);
  if (g_error_matches (lookup->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  config = bp_credential_provider_get_shared_config (provider);
  if (config != NULL)
    {
      finish_lookup (lookup, config);
      return;
    }

  cancellable = lookup->self->lookup_cancellable;
  bp_credential_provider_load_config_async (provider, cancellable,
                                            load_config_cb, g_steal_pointer (&lookup));
}

/**
 * bp_connection_page_refresh:
 * @self: a #BpConnectionPage
 *
 * Looks the credentials up again (the provider's cache applies) and
 * re-resolves the region and endpoint, e.g. after the settings changed.
 * What the page shows stays until the answer arrives.
 */
void
bp_connection_page_refresh (BpConnectionPage *self)
{
  g_return_if_fail (BP_IS_CONNECTION_PAGE (self));

  if (self->provider == NULL)
    return;

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->lookup_cancellable = g_cancellable_new ();

  if (self->status == BP_CONNECTION_STATUS_CHECKING)
    {
      show_header (self, NULL, NULL, _("Looking for AWS Credentials…"), NULL);
      show_sections (self, BP_CONNECTION_STATUS_CHECKING);
    }

  bp_credential_provider_get_credentials_async (self->provider, self->lookup_cancellable,
                                                get_credentials_cb, g_object_ref (self));
}

/**
 * bp_connection_page_retry:
 * @self: a #BpConnectionPage
 *
 * Drops the provider's cache and looks again: for after the user ran
 * `aws configure` or `aws sso login`.
 */
void
bp_connection_page_retry (BpConnectionPage *self)
{
  g_return_if_fail (BP_IS_CONNECTION_PAGE (self));

  if (self->provider == NULL)
    return;

  bp_credential_provider_invalidate (self->provider);
  bp_connection_page_refresh (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  BpConnectionPage *self = BP_CONNECTION_PAGE (widget);

  self->retrying = TRUE;
  bp_connection_page_retry (self);
}

static void
api_key_saved_cb (BpConnectionPage *self)
{
  g_assert (BP_IS_CONNECTION_PAGE (self));

  show_toast (self, _("API key saved to the keyring"));
  bp_connection_page_retry (self);
}

static void
bp_connection_page_dispose (GObject *object)
{
  BpConnectionPage *self = (BpConnectionPage *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->provider);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_CONNECTION_PAGE);

  /* dispose_template() only drops the children bound to fields. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bp_connection_page_parent_class)->dispose (object);
}

static void
bp_connection_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BpConnectionPage *self = BP_CONNECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CREDENTIAL_PROVIDER:
      g_value_set_object (value, self->provider);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_connection_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BpConnectionPage *self = BP_CONNECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CREDENTIAL_PROVIDER:
      bp_connection_page_set_credential_provider (self, g_value_get_object (value));
      break;

    case PROP_SETTINGS:
      bp_connection_page_set_settings (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_connection_page_class_init (BpConnectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_connection_page_dispose;
  object_class->get_property = bp_connection_page_get_property;
  object_class->set_property = bp_connection_page_set_property;

  properties[PROP_CREDENTIAL_PROVIDER] =
    g_param_spec_object ("credential-provider", NULL, NULL,
                         BP_TYPE_CREDENTIAL_PROVIDER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       BP_TYPE_CONNECTION_STATUS,
                       BP_CONNECTION_STATUS_CHECKING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-connection-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, status_image);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, buttons_box);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, skip_button);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, continue_button);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, credentials_group);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, source_row);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, key_id_row);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, key_id_label);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, expiration_row);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, expiration_label);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, keys_group);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, sso_group);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, api_key_group);
  gtk_widget_class_bind_template_child (widget_class, BpConnectionPage, settings_group);
  gtk_widget_class_bind_template_callback (widget_class, api_key_saved_cb);

  gtk_widget_class_install_action (widget_class, "connection.retry", NULL, retry_action);

  g_type_ensure (BP_TYPE_API_KEY_GROUP);
  g_type_ensure (BP_TYPE_COMMAND_ROW);
  g_type_ensure (BP_TYPE_RESOLVED_SETTINGS_GROUP);
}

static void
bp_connection_page_init (BpConnectionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bp_connection_page_get_credential_provider:
 * @self: a #BpConnectionPage
 *
 * Returns: (transfer none) (nullable): the provider the page asks
 */
BpCredentialProvider *
bp_connection_page_get_credential_provider (BpConnectionPage *self)
{
  g_return_val_if_fail (BP_IS_CONNECTION_PAGE (self), NULL);

  return self->provider;
}

/**
 * bp_connection_page_set_credential_provider:
 * @self: a #BpConnectionPage
 * @provider: (nullable): the provider to ask
 *
 * Sets the provider to ask; call bp_connection_page_refresh() to look.
 */
void
bp_connection_page_set_credential_provider (BpConnectionPage     *self,
                                            BpCredentialProvider *provider)
{
  g_return_if_fail (BP_IS_CONNECTION_PAGE (self));
  g_return_if_fail (!provider || BP_IS_CREDENTIAL_PROVIDER (provider));

  if (g_set_object (&self->provider, provider))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIAL_PROVIDER]);
}

/**
 * bp_connection_page_get_settings:
 * @self: a #BpConnectionPage
 *
 * Returns: (transfer none) (nullable): the settings the page reads
 */
GSettings *
bp_connection_page_get_settings (BpConnectionPage *self)
{
  g_return_val_if_fail (BP_IS_CONNECTION_PAGE (self), NULL);

  return self->settings;
}

/**
 * bp_connection_page_set_settings:
 * @self: a #BpConnectionPage
 * @settings: (nullable): the application's settings
 *
 * Sets where the page reads the profile, region and endpoint chosen in
 * Preferences. The page does not watch them: the window refreshes it.
 */
void
bp_connection_page_set_settings (BpConnectionPage *self,
                                 GSettings        *settings)
{
  g_return_if_fail (BP_IS_CONNECTION_PAGE (self));
  g_return_if_fail (!settings || G_IS_SETTINGS (settings));

  if (g_set_object (&self->settings, settings))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

/**
 * bp_connection_page_get_status:
 * @self: a #BpConnectionPage
 *
 * Returns: what the last lookup found
 */
BpConnectionStatus
bp_connection_page_get_status (BpConnectionPage *self)
{
  g_return_val_if_fail (BP_IS_CONNECTION_PAGE (self), BP_CONNECTION_STATUS_CHECKING);

  return self->status;
}
