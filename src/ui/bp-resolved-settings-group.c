/* bp-resolved-settings-group.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-resolved-settings-group"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-aws-config.h"
#include "bp-resolved-settings-group.h"
#include "bp-shared-config.h"

/* The profile, region and Bedrock Runtime endpoint in effect, each with
 * where it came from: Preferences, an environment variable, a profile in
 * a file, or the default. */
struct _BpResolvedSettingsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* template widgets */
  AdwActionRow        *profile_row;
  AdwActionRow        *region_row;
  AdwActionRow        *endpoint_row;
  GtkLabel            *profile_value_label;
  GtkLabel            *region_value_label;
  GtkLabel            *endpoint_value_label;
};

G_DEFINE_FINAL_TYPE (BpResolvedSettingsGroup, bp_resolved_settings_group, ADW_TYPE_PREFERENCES_GROUP)

static char *
describe_source (BpSettingSource  source,
                 const char      *detail,
                 const char      *default_text)
{
  switch (source)
    {
    case BP_SETTING_SOURCE_EXPLICIT:
      return g_strdup (_("Set in Preferences"));

    case BP_SETTING_SOURCE_ENVIRONMENT:
    case BP_SETTING_SOURCE_PROFILE:
      if (detail != NULL)
        /* Translators: %s is an environment variable such as AWS_REGION, or
         * "profile NAME in FILE". */
        return g_strdup_printf (_("From %s"), detail);
      return g_strdup (bp_setting_source_to_string (source));

    case BP_SETTING_SOURCE_DEFAULT:
    default:
      return g_strdup (default_text);
    }
}

/* The value sits on the right, where it came from underneath the title. */
static void
set_row (AdwActionRow *row,
         GtkLabel     *value_label,
         const char   *value,
         const char   *source,
         gboolean      is_error)
{
  gtk_label_set_text (value_label, value);
  gtk_widget_set_tooltip_text (GTK_WIDGET (value_label), value);
  adw_action_row_set_subtitle (row, source);

  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static char *
get_setting (GSettings  *settings,
             const char *key)
{
  g_autofree char *value = NULL;

  if (settings == NULL)
    return NULL;

  value = g_strstrip (g_settings_get_string (settings, key));
  if (*value == '\0')
    return NULL;

  return g_steal_pointer (&value);
}

static char *
show_profile (BpResolvedSettingsGroup *self,
              const char * const      *envp,
              const char              *explicit_profile)
{
  const char *source_var = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *source = NULL;

  profile = bp_shared_config_pick_profile (envp, explicit_profile, &source_var);

  if (explicit_profile != NULL)
    source = g_strdup (_("Set in Preferences"));
  else if (source_var != NULL)
    source = g_strdup_printf (_("From %s"), source_var);
  else
    source = g_strdup (_("Default profile"));

  set_row (self->profile_row, self->profile_value_label, profile, source, FALSE);

  return g_steal_pointer (&profile);
}

static void
show_endpoint (BpResolvedSettingsGroup *self,
               const char * const      *envp,
               BpSharedConfig          *config,
               const char              *profile,
               const char              *region,
               const char              *explicit_url)
{
  g_autoptr(BpEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;

  endpoint = bp_resolve_endpoint (envp, config, profile, region,
                                  BP_AWS_SERVICE_BEDROCK_RUNTIME, explicit_url, &error);
  if (endpoint == NULL)
    {
      /* Translators: shown beside an endpoint URL that is invalid or insecure. */
      set_row (self->endpoint_row, self->endpoint_value_label,
               _("Not usable"), error->message, TRUE);
      return;
    }

  source = describe_source (endpoint->source, endpoint->detail, _("Regional endpoint"));
  set_row (self->endpoint_row, self->endpoint_value_label, endpoint->url, source, FALSE);
}

static void
bp_resolved_settings_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BP_TYPE_RESOLVED_SETTINGS_GROUP);

  G_OBJECT_CLASS (bp_resolved_settings_group_parent_class)->dispose (object);
}

static void
bp_resolved_settings_group_class_init (BpResolvedSettingsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_resolved_settings_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-resolved-settings-group.ui");
  gtk_widget_class_bind_template_child (widget_class, BpResolvedSettingsGroup, profile_row);
  gtk_widget_class_bind_template_child (widget_class, BpResolvedSettingsGroup, region_row);
  gtk_widget_class_bind_template_child (widget_class, BpResolvedSettingsGroup, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, BpResolvedSettingsGroup, profile_value_label);
  gtk_widget_class_bind_template_child (widget_class, BpResolvedSettingsGroup, region_value_label);
  gtk_widget_class_bind_template_child (widget_class, BpResolvedSettingsGroup, endpoint_value_label);
}

static void
bp_resolved_settings_group_init (BpResolvedSettingsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bp_resolved_settings_group_update:
 * @self: a #BpResolvedSettingsGroup
 * @environment: the environment the credential provider reads
 * @config: (nullable): the shared config files, when they could be read
 * @settings: (nullable): the application's settings (profile, region,
 *   endpoint-url chosen in Preferences)
 *
 * Resolves the profile, region and endpoint the way requests will, and
 * shows each with where it came from.
 */
void
bp_resolved_settings_group_update (BpResolvedSettingsGroup *self,
                                   const char * const      *environment,
                                   BpSharedConfig          *config,
                                   GSettings               *settings)
{
  g_autofree char *explicit_profile = NULL;
  g_autofree char *explicit_region = NULL;
  g_autofree char *explicit_url = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *region_source = NULL;
  g_autoptr(BpRegionInfo) region = NULL;

  g_return_if_fail (BP_IS_RESOLVED_SETTINGS_GROUP (self));
  g_return_if_fail (!settings || G_IS_SETTINGS (settings));

  explicit_profile = get_setting (settings, "profile");
  explicit_region = get_setting (settings, "region");
  explicit_url = get_setting (settings, "endpoint-url");

  profile = show_profile (self, environment, explicit_profile);

  region = bp_resolve_region (environment, config, profile, explicit_region);
  region_source = describe_source (region->source, region->detail, _("Default region"));
  set_row (self->region_row, self->region_value_label, region->region, region_source, FALSE);

  show_endpoint (self, environment, config, profile, region->region, explicit_url);
}
