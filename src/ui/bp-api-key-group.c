/* bp-api-key-group.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-api-key-group"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

#include "bp-api-key-group.h"
#include "bp-keyring.h"

/* A field to paste a Bedrock API key into and store it in the desktop
 * keyring. The key goes nowhere else: not to GSettings, a file or a log. */
struct _BpApiKeyGroup
{
  AdwPreferencesGroup  parent_instance;

  /* template widgets */
  AdwEntryRow         *api_key_row;
  GtkLabel            *message_label;

  /* owned references */
  GCancellable        *cancellable;

  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (BpApiKeyGroup, bp_api_key_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
has_key_text (BpApiKeyGroup *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->api_key_row));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return TRUE;
    }

  return FALSE;
}

static void
update_actions (BpApiKeyGroup *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "api-key.save",
                                 !self->busy && has_key_text (self));
}

static void
set_busy (BpApiKeyGroup *self,
          gboolean       busy)
{
  if (self->busy == !!busy)
    return;

  self->busy = !!busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->api_key_row), !busy);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_message (BpApiKeyGroup *self,
              const char    *message)
{
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BpApiKeyGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bp_keyring_store_api_key_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (error != NULL)
    {
      /* The keyring's message says what is wrong and never holds the key. */
      show_message (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->api_key_row), "");
  show_message (self, NULL);
  g_signal_emit (self, signals[SAVED], 0);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BpApiKeyGroup *self = BP_API_KEY_GROUP (widget);
  char *key;

  g_assert (BP_IS_API_KEY_GROUP (self));

  if (self->busy)
    return;

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->api_key_row))));
  if (*key != '\0')
    {
      show_message (self, NULL);
      set_busy (self, TRUE);
      bp_keyring_store_api_key_async (key, self->cancellable, store_cb, g_object_ref (self));
    }

  /* The keyring call copied the key: wipe our copy. */
  gnutls_memset (key, 0, strlen (key));
  g_free (key);
}

static void
api_key_changed_cb (BpApiKeyGroup *self)
{
  g_assert (BP_IS_API_KEY_GROUP (self));

  update_actions (self);
}

static void
api_key_activated_cb (BpApiKeyGroup *self)
{
  g_assert (BP_IS_API_KEY_GROUP (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "api-key.save", NULL);
}

static void
bp_api_key_group_dispose (GObject *object)
{
  BpApiKeyGroup *self = (BpApiKeyGroup *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_API_KEY_GROUP);

  G_OBJECT_CLASS (bp_api_key_group_parent_class)->dispose (object);
}

static void
bp_api_key_group_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BpApiKeyGroup *self = BP_API_KEY_GROUP (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_api_key_group_class_init (BpApiKeyGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_api_key_group_dispose;
  object_class->get_property = bp_api_key_group_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpApiKeyGroup::saved:
   *
   * Emitted when the key was stored in the keyring (the field is then
   * cleared): time to look the credentials up again.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-api-key-group.ui");
  gtk_widget_class_bind_template_child (widget_class, BpApiKeyGroup, api_key_row);
  gtk_widget_class_bind_template_child (widget_class, BpApiKeyGroup, message_label);
  gtk_widget_class_bind_template_callback (widget_class, api_key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, api_key_activated_cb);

  gtk_widget_class_install_action (widget_class, "api-key.save", NULL, save_action);
}

static void
bp_api_key_group_init (BpApiKeyGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  update_actions (self);
}

/**
 * bp_api_key_group_get_busy:
 * @self: a #BpApiKeyGroup
 *
 * Returns: whether a key is being stored
 */
gboolean
bp_api_key_group_get_busy (BpApiKeyGroup *self)
{
  g_return_val_if_fail (BP_IS_API_KEY_GROUP (self), FALSE);

  return self->busy;
}
