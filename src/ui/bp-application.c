/* bp-application.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-application"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-application-private.h"
#include "bp-credential-provider.h"
#include "bp-resources.h"
#include "bp-window.h"

G_DEFINE_FINAL_TYPE (BpApplication, bp_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CREDENTIAL_PROVIDER,
  N_PROPS
};

enum {
  CONNECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The settings are the one place the profile reaches the provider: an
 * empty string means "automatic", which the provider spells NULL. */
static void
apply_profile (BpApplication *self)
{
  g_autofree char *profile = g_strstrip (g_settings_get_string (self->settings, "profile"));

  bp_credential_provider_set_profile (self->credential_provider,
                                      *profile != '\0' ? profile : NULL);
}

static void
settings_changed_cb (BpApplication *self,
                     const char    *key,
                     GSettings     *settings)
{
  g_assert (BP_IS_APPLICATION (self));

  if (g_strcmp0 (key, "profile") == 0)
    {
      apply_profile (self);
      bp_application_reload_credentials (self);
      return;
    }

  /* The region and endpoint do not change which credentials apply; the
   * window only has to resolve them again. */
  if (g_strcmp0 (key, "region") == 0 || g_strcmp0 (key, "endpoint-url") == 0)
    g_signal_emit (self, signals[CONNECTION_CHANGED], 0);
}

static void
bp_application_startup (GApplication *app)
{
  BpApplication *self = BP_APPLICATION (app);

  G_APPLICATION_CLASS (bp_application_parent_class)->startup (app);

  if (self->credential_provider == NULL)
    {
      self->credential_provider = bp_credential_provider_new ();
      bp_credential_provider_set_use_keyring (self->credential_provider, TRUE);
    }

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  apply_profile (self);

  _bp_application_init_actions (self);
}

static void
bp_application_activate (GApplication *app)
{
  BpApplication *self = BP_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (bp_window_new (self));

  gtk_window_present (window);
}

static void
bp_application_dispose (GObject *object)
{
  BpApplication *self = (BpApplication *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->credential_provider);

  G_OBJECT_CLASS (bp_application_parent_class)->dispose (object);
}

static void
bp_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BpApplication *self = BP_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CREDENTIAL_PROVIDER:
      g_value_set_object (value, self->credential_provider);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BpApplication *self = BP_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CREDENTIAL_PROVIDER:
      self->credential_provider = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_application_class_init (BpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* The resources are compiled into the static bpui library: naming them
   * here makes the linker keep them, and their constructor registers them. */
  (void) bp_get_resource ();

  object_class->dispose = bp_application_dispose;
  object_class->get_property = bp_application_get_property;
  object_class->set_property = bp_application_set_property;

  app_class->startup = bp_application_startup;
  app_class->activate = bp_application_activate;

  /**
   * BpApplication:credential-provider:
   *
   * The one credential provider of the application. When none is given at
   * construction (tests give one with their own environment), startup
   * makes one that reads the process environment and the keyring.
   */
  properties[PROP_CREDENTIAL_PROVIDER] =
    g_param_spec_object ("credential-provider", NULL, NULL,
                         BP_TYPE_CREDENTIAL_PROVIDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpApplication::connection-changed:
   *
   * Emitted when what decides the credentials, region or endpoint changed
   * (settings, the keyring): windows look them up again.
   */
  signals[CONNECTION_CHANGED] =
    g_signal_new ("connection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
bp_application_init (BpApplication *self)
{
}

/**
 * bp_application_new:
 *
 * Returns: (transfer full): the application
 */
BpApplication *
bp_application_new (void)
{
  return g_object_new (BP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * bp_application_get_credential_provider:
 * @self: a #BpApplication
 *
 * Returns: (transfer none) (nullable): the credential provider, %NULL
 *   before startup
 */
BpCredentialProvider *
bp_application_get_credential_provider (BpApplication *self)
{
  g_return_val_if_fail (BP_IS_APPLICATION (self), NULL);

  return self->credential_provider;
}

/**
 * bp_application_get_settings:
 * @self: a #BpApplication
 *
 * Returns: (transfer none) (nullable): the application's settings, %NULL
 *   before startup
 */
GSettings *
bp_application_get_settings (BpApplication *self)
{
  g_return_val_if_fail (BP_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * bp_application_reload_credentials:
 * @self: a #BpApplication
 *
 * Drops the cached credentials and tells the windows to look again, e.g.
 * after the API key in the keyring was removed.
 */
void
bp_application_reload_credentials (BpApplication *self)
{
  g_return_if_fail (BP_IS_APPLICATION (self));

  if (self->credential_provider != NULL)
    bp_credential_provider_invalidate (self->credential_provider);

  g_signal_emit (self, signals[CONNECTION_CHANGED], 0);
}
