/* bp-model-settings.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-model-settings"

#include "config.h"

#include <string.h>

#include "bp-model-settings.h"

/* The inference parameters the user set, remembered per model in the
 * "model-settings" key (a{sa{sv}}: model id → parameter name → value).
 * Sliders change many times a second, so writes are collected in memory
 * and reach GSettings at most every WRITE_DELAY_MS, and at once on flush
 * and dispose. Only parameters go in; never credentials. */

#define SETTINGS_KEY   "model-settings"
#define WRITE_DELAY_MS 500

struct _BpModelSettings
{
  GObject     parent_instance;

  GSettings  *settings;  /* (owned) */
  GHashTable *by_model;  /* (owned) model id → (owned) a{sv} */
  guint       write_id;  /* pending write, or 0 */
};

G_DEFINE_FINAL_TYPE (BpModelSettings, bp_model_settings, G_TYPE_OBJECT)

static void
reload (BpModelSettings *self)
{
  g_autoptr(GVariant) all = g_settings_get_value (self->settings, SETTINGS_KEY);
  GVariantIter iter;
  const char *model_id;
  GVariant *values;

  g_hash_table_remove_all (self->by_model);

  g_variant_iter_init (&iter, all);
  while (g_variant_iter_next (&iter, "{&s@a{sv}}", &model_id, &values))
    g_hash_table_replace (self->by_model, g_strdup (model_id), values);
}

static void
settings_changed_cb (BpModelSettings *self,
                     const char      *key,
                     GSettings       *settings)
{
  g_assert (BP_IS_MODEL_SETTINGS (self));

  /* Another window wrote the key; our own unwritten changes win. */
  if (self->write_id == 0)
    reload (self);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GVariant *
build_value (BpModelSettings *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer key;

  /* Sorted, so the stored value does not depend on hash order. */
  g_hash_table_iter_init (&iter, self->by_model);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_ids);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sa{sv}}"));
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      g_variant_builder_add (&builder, "{s@a{sv}}", id, g_hash_table_lookup (self->by_model, id));
    }

  return g_variant_builder_end (&builder);
}

static gboolean
write_cb (gpointer data)
{
  BpModelSettings *self = data;

  self->write_id = 0;
  g_settings_set_value (self->settings, SETTINGS_KEY, build_value (self));

  return G_SOURCE_REMOVE;
}

static void
bp_model_settings_dispose (GObject *object)
{
  BpModelSettings *self = (BpModelSettings *) object;

  if (self->settings != NULL)
    bp_model_settings_flush (self);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bp_model_settings_parent_class)->dispose (object);
}

static void
bp_model_settings_finalize (GObject *object)
{
  BpModelSettings *self = (BpModelSettings *) object;

  g_clear_pointer (&self->by_model, g_hash_table_unref);

  G_OBJECT_CLASS (bp_model_settings_parent_class)->finalize (object);
}

static void
bp_model_settings_class_init (BpModelSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_model_settings_dispose;
  object_class->finalize = bp_model_settings_finalize;
}

static void
bp_model_settings_init (BpModelSettings *self)
{
  self->by_model = g_hash_table_new_full (g_str_hash, g_str_equal,
                                          g_free, (GDestroyNotify) g_variant_unref);
}

/**
 * bp_model_settings_new:
 * @settings: (nullable): settings of the app's schema, or %NULL to use
 *   the app's own
 *
 * Returns: (transfer full): a new #BpModelSettings holding what
 *   @settings remembers
 */
BpModelSettings *
bp_model_settings_new (GSettings *settings)
{
  BpModelSettings *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BP_TYPE_MODEL_SETTINGS, NULL);
  self->settings = settings != NULL ? g_object_ref (settings) : g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::" SETTINGS_KEY,
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);

  return self;
}

/**
 * bp_model_settings_get_settings:
 * @self: a #BpModelSettings
 *
 * Returns: (transfer none): the settings the values are kept in
 */
GSettings *
bp_model_settings_get_settings (BpModelSettings *self)
{
  g_return_val_if_fail (BP_IS_MODEL_SETTINGS (self), NULL);

  return self->settings;
}

/**
 * bp_model_settings_lookup:
 * @self: a #BpModelSettings
 * @model_id: a base model id
 *
 * Returns: (transfer full) (nullable): the parameters remembered for
 *   @model_id as an `a{sv}` dictionary, or %NULL if none
 */
GVariant *
bp_model_settings_lookup (BpModelSettings *self,
                          const char      *model_id)
{
  GVariant *values;

  g_return_val_if_fail (BP_IS_MODEL_SETTINGS (self), NULL);
  g_return_val_if_fail (model_id != NULL, NULL);

  values = g_hash_table_lookup (self->by_model, model_id);

  return values != NULL ? g_variant_ref (values) : NULL;
}

/**
 * bp_model_settings_store:
 * @self: a #BpModelSettings
 * @model_id: a base model id
 * @values: (nullable): the parameters as an `a{sv}` dictionary; %NULL or
 *   an empty one forgets @model_id
 *
 * Remembers @values for @model_id. A floating @values is sunk. The write
 * to GSettings happens shortly after, or on bp_model_settings_flush().
 */
void
bp_model_settings_store (BpModelSettings *self,
                         const char      *model_id,
                         GVariant        *values)
{
  g_autoptr(GVariant) owned = values != NULL ? g_variant_ref_sink (values) : NULL;
  GVariant *old;

  g_return_if_fail (BP_IS_MODEL_SETTINGS (self));
  g_return_if_fail (model_id != NULL);
  g_return_if_fail (owned == NULL || g_variant_is_of_type (owned, G_VARIANT_TYPE_VARDICT));

  old = g_hash_table_lookup (self->by_model, model_id);
  if (owned == NULL || g_variant_n_children (owned) == 0)
    {
      if (!g_hash_table_remove (self->by_model, model_id))
        return;
    }
  else if (old != NULL && g_variant_equal (old, owned))
    {
      return;
    }
  else
    {
      g_hash_table_replace (self->by_model, g_strdup (model_id), g_steal_pointer (&owned));
    }

  if (self->write_id == 0)
    self->write_id = g_timeout_add (WRITE_DELAY_MS, write_cb, self);
}

/**
 * bp_model_settings_flush:
 * @self: a #BpModelSettings
 *
 * Writes pending changes to GSettings now.
 */
void
bp_model_settings_flush (BpModelSettings *self)
{
  g_return_if_fail (BP_IS_MODEL_SETTINGS (self));

  if (self->write_id == 0)
    return;

  g_clear_handle_id (&self->write_id, g_source_remove);
  write_cb (self);
}
