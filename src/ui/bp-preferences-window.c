/* bp-preferences-window.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-preferences-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

#include "bp-application.h"
#include "bp-aws-config.h"
#include "bp-credential-provider.h"
#include "bp-keyring.h"
#include "bp-preferences-window.h"
#include "bp-shared-config.h"

/* Profile, region and endpoint go to GSettings (profile, region,
 * endpoint-url); "Automatic" and an empty endpoint are stored as "". The
 * API key itself never passes through here: only whether one is stored. */
struct _BpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *profile_row;
  AdwComboRow          *region_row;
  AdwEntryRow          *endpoint_row;
  AdwActionRow         *endpoint_error_row;
  AdwActionRow         *keyring_row;
  GtkWidget            *keyring_remove_button;

  /* owned references */
  GSettings            *settings;
  BpCredentialProvider *provider;
  GCancellable         *cancellable;

  guint                 updating : 1;  /* filling a combo: not a user choice */
  guint                 loading : 1;   /* the profile list is being read */
};

G_DEFINE_FINAL_TYPE (BpPreferencesWindow, bp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Fills @row with "Automatic" and @names, plus the key's current value when
 * it is not among them (a profile since deleted, a region we do not list),
 * and selects the key's value. */
static void
fill_combo (BpPreferencesWindow *self,
            AdwComboRow         *row,
            const char          *key,
            const char * const  *names)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *current = g_settings_get_string (self->settings, key);
  guint selected = 0;

  gtk_string_list_append (model, _("Automatic"));

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (g_strcmp0 (names[i], current) == 0)
        selected = i + 1;
      gtk_string_list_append (model, names[i]);
    }

  if (*current != '\0' && selected == 0)
    {
      gtk_string_list_append (model, current);
      selected = g_list_model_get_n_items (G_LIST_MODEL (model)) - 1;
    }

  self->updating = TRUE;
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
  self->updating = FALSE;
}

static void
store_combo_choice (BpPreferencesWindow *self,
                    AdwComboRow         *row,
                    const char          *key)
{
  guint selected = adw_combo_row_get_selected (row);
  GListModel *model = adw_combo_row_get_model (row);
  const char *value = "";

  if (self->updating || model == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (selected > 0)
    value = gtk_string_list_get_string (GTK_STRING_LIST (model), selected);

  g_settings_set_string (self->settings, key, value);
}

static void
profile_selected_cb (BpPreferencesWindow *self)
{
  g_assert (BP_IS_PREFERENCES_WINDOW (self));

  store_combo_choice (self, self->profile_row, "profile");
}

static void
region_selected_cb (BpPreferencesWindow *self)
{
  g_assert (BP_IS_PREFERENCES_WINDOW (self));

  store_combo_choice (self, self->region_row, "region");
}

static void
set_loading (BpPreferencesWindow *self,
             gboolean             loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_config_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BpPreferencesWindow) self = user_data;
  g_autoptr(BpSharedConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) profiles = NULL;

  config = bp_credential_provider_load_config_finish (BP_CREDENTIAL_PROVIDER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (config == NULL)
    {
      /* The connection page shows the full error; here it explains the
       * short list. */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->profile_row), error->message);
      set_loading (self, FALSE);
      return;
    }

  profiles = bp_shared_config_list_profiles (config);
  fill_combo (self, self->profile_row, "profile", (const char * const *) profiles);
  set_loading (self, FALSE);
}

/* Returns the trimmed URL, or NULL with the reason it cannot be used. The
 * empty string is valid: it means the regional endpoint. */
static char *
validate_endpoint (BpPreferencesWindow  *self,
                   GError              **error)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->endpoint_row))));
  g_autoptr(BpEndpoint) endpoint = NULL;

  if (*url == '\0')
    return g_steal_pointer (&url);

  endpoint = bp_endpoint_parse (url, error);
  if (endpoint == NULL)
    return NULL;

  return g_steal_pointer (&url);
}

static void
show_endpoint_error (BpPreferencesWindow *self,
                     const GError        *error)
{
  if (error != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->endpoint_error_row), error->message);

  gtk_widget_set_visible (GTK_WIDGET (self->endpoint_error_row), error != NULL);

  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->endpoint_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->endpoint_row), "error");
}

static void
endpoint_changed_cb (BpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_assert (BP_IS_PREFERENCES_WINDOW (self));

  url = validate_endpoint (self, &error);
  show_endpoint_error (self, error);
}

static void
endpoint_apply_cb (BpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_assert (BP_IS_PREFERENCES_WINDOW (self));

  url = validate_endpoint (self, &error);
  show_endpoint_error (self, error);

  /* Not saved until it is valid: the message stays beside the field. */
  if (url == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self->endpoint_row));
      return;
    }

  g_settings_set_string (self->settings, "endpoint-url", url);
}

static void
show_keyring_state (BpPreferencesWindow *self,
                    gboolean             stored,
                    const GError        *error)
{
  const char *subtitle;

  if (error != NULL)
    subtitle = error->message;
  else if (stored)
    subtitle = _("A key is stored. It is used when no other credentials are found.");
  else
    subtitle = _("No key is stored");

  adw_action_row_set_subtitle (self->keyring_row, subtitle);
  gtk_widget_set_sensitive (self->keyring_remove_button, stored);
}

static void
lookup_api_key_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BpPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  char *key;

  key = bp_keyring_lookup_api_key_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  show_keyring_state (self, key != NULL, error);

  /* Only whether a key exists matters here. */
  if (key != NULL)
    {
      gnutls_memset (key, 0, strlen (key));
      g_free (key);
    }
}

static void
clear_api_key_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BpPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkApplication *app;

  if (!bp_keyring_clear_api_key_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_keyring_state (self, TRUE, error);
      return;
    }

  show_keyring_state (self, FALSE, NULL);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("API key removed from the keyring")));

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (BP_IS_APPLICATION (app))
    bp_application_reload_credentials (BP_APPLICATION (app));
}

static void
keyring_remove_cb (BpPreferencesWindow *self)
{
  g_assert (BP_IS_PREFERENCES_WINDOW (self));

  gtk_widget_set_sensitive (self->keyring_remove_button, FALSE);
  bp_keyring_clear_api_key_async (self->cancellable, clear_api_key_cb, g_object_ref (self));
}

/* Selects the key's value in @row, adding it when it is not listed. */
static void
sync_combo (BpPreferencesWindow *self,
            AdwComboRow         *row,
            const char          *key)
{
  GtkStringList *model = GTK_STRING_LIST (adw_combo_row_get_model (row));
  g_autofree char *current = g_settings_get_string (self->settings, key);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  guint position = 0;

  for (guint i = 1; i < n_items && position == 0; i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (model, i), current) == 0)
        position = i;
    }

  self->updating = TRUE;
  if (*current != '\0' && position == 0)
    {
      gtk_string_list_append (model, current);
      position = n_items;
    }
  if (adw_combo_row_get_selected (row) != position)
    adw_combo_row_set_selected (row, position);
  self->updating = FALSE;
}

/* Another window or the command line changed a key: follow it. */
static void
settings_changed_cb (BpPreferencesWindow *self,
                     const char          *key)
{
  g_assert (BP_IS_PREFERENCES_WINDOW (self));

  if (g_strcmp0 (key, "profile") == 0)
    sync_combo (self, self->profile_row, "profile");
  else if (g_strcmp0 (key, "region") == 0)
    sync_combo (self, self->region_row, "region");
}

/* GtkWindow:application is not a construct property: it arrives after
 * constructed(), so the window reads its application's state here. */
static void
set_up_application (BpPreferencesWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *endpoint = NULL;

  if (self->settings != NULL || !BP_IS_APPLICATION (app))
    return;

  self->settings = g_object_ref (bp_application_get_settings (BP_APPLICATION (app)));
  self->provider = g_object_ref (bp_application_get_credential_provider (BP_APPLICATION (app)));

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);

  fill_combo (self, self->profile_row, "profile", NULL);
  fill_combo (self, self->region_row, "region", bp_bedrock_regions ());

  endpoint = g_settings_get_string (self->settings, "endpoint-url");
  gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row), endpoint);

  set_loading (self, TRUE);
  bp_credential_provider_load_config_async (self->provider, self->cancellable,
                                            load_config_cb, g_object_ref (self));

  adw_action_row_set_subtitle (self->keyring_row, _("Looking in the keyring…"));
  bp_keyring_lookup_api_key_async (self->cancellable, lookup_api_key_cb, g_object_ref (self));
}

static void
bp_preferences_window_notify (GObject    *object,
                              GParamSpec *pspec)
{
  if (g_strcmp0 (pspec->name, "application") == 0)
    set_up_application (BP_PREFERENCES_WINDOW (object));

  if (G_OBJECT_CLASS (bp_preferences_window_parent_class)->notify != NULL)
    G_OBJECT_CLASS (bp_preferences_window_parent_class)->notify (object, pspec);
}

static void
bp_preferences_window_dispose (GObject *object)
{
  BpPreferencesWindow *self = (BpPreferencesWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->provider);

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (bp_preferences_window_parent_class)->dispose (object);
}

static void
bp_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BpPreferencesWindow *self = BP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_preferences_window_class_init (BpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_preferences_window_dispose;
  object_class->notify = bp_preferences_window_notify;
  object_class->get_property = bp_preferences_window_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, profile_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, region_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, endpoint_error_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, keyring_remove_button);
  gtk_widget_class_bind_template_callback (widget_class, profile_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, region_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, keyring_remove_cb);
}

static void
bp_preferences_window_init (BpPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bp_preferences_window_new:
 * @application: the application whose settings and credential provider
 *   the window edits and reads
 *
 * Returns: (transfer none): a new preferences window, owned by @application
 */
BpPreferencesWindow *
bp_preferences_window_new (BpApplication *application)
{
  g_return_val_if_fail (BP_IS_APPLICATION (application), NULL);

  return g_object_new (BP_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * bp_preferences_window_get_loading:
 * @self: a #BpPreferencesWindow
 *
 * Returns: whether the profile list is still being read
 */
gboolean
bp_preferences_window_get_loading (BpPreferencesWindow *self)
{
  g_return_val_if_fail (BP_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->loading;
}
