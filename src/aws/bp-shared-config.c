/* bp-shared-config.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-shared-config"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

#include "bp-shared-config.h"
#include "bp-shared-config-private.h"

/* The shared config (~/.aws/config) and credentials (~/.aws/credentials)
 * files: loading, lookups with the SDKs' precedence, default paths and the
 * profile choice. The INI parser is in bp-shared-config-parse.c. */

enum
{
  FILE_CONFIG,
  FILE_CREDENTIALS,
  N_FILES
};

struct _BpSharedConfig
{
  grefcount    ref_count;
  BpConfigFile files[N_FILES];
};

G_DEFINE_QUARK (bp-shared-config-error-quark, bp_shared_config_error)

/**
 * bp_shared_config_new_from_data:
 * @config_text: (nullable): the text of the config file, %NULL when absent
 * @config_path: (nullable): the config file's path, for messages and sources
 * @credentials_text: (nullable): the text of the credentials file, %NULL when absent
 * @credentials_path: (nullable): the credentials file's path
 * @error: return location for a %BP_SHARED_CONFIG_ERROR_PARSE error
 *
 * Parses the two shared files. Errors name the file and line, never the
 * line's text (it may hold a secret).
 *
 * Returns: (transfer full) (nullable): the parsed configuration
 */
BpSharedConfig *
bp_shared_config_new_from_data (const char  *config_text,
                                const char  *config_path,
                                const char  *credentials_text,
                                const char  *credentials_path,
                                GError     **error)
{
  g_autoptr(BpSharedConfig) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (BpSharedConfig, 1);
  g_ref_count_init (&self->ref_count);
  _bp_config_file_init (&self->files[FILE_CONFIG], config_path);
  _bp_config_file_init (&self->files[FILE_CREDENTIALS], credentials_path);

  if (config_text != NULL &&
      !_bp_config_file_parse (&self->files[FILE_CONFIG], FALSE, config_text, error))
    return NULL;

  if (credentials_text != NULL &&
      !_bp_config_file_parse (&self->files[FILE_CREDENTIALS], TRUE, credentials_text, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * bp_shared_config_ref:
 * @config: a #BpSharedConfig
 *
 * Returns: (transfer full): @config
 */
BpSharedConfig *
bp_shared_config_ref (BpSharedConfig *config)
{
  g_return_val_if_fail (config != NULL, NULL);

  g_ref_count_inc (&config->ref_count);

  return config;
}

/**
 * bp_shared_config_unref:
 * @config: (transfer full): a #BpSharedConfig
 *
 * Drops a reference; the last one wipes and frees the parsed values.
 */
void
bp_shared_config_unref (BpSharedConfig *config)
{
  g_return_if_fail (config != NULL);

  if (!g_ref_count_dec (&config->ref_count))
    return;

  for (guint i = 0; i < N_FILES; i++)
    _bp_config_file_clear (&config->files[i]);
  g_free (config);
}

static int
compare_profile_names (gconstpointer a,
                       gconstpointer b)
{
  const char *name_a = *(const char * const *) a;
  const char *name_b = *(const char * const *) b;
  gboolean default_a = strcmp (name_a, "default") == 0;
  gboolean default_b = strcmp (name_b, "default") == 0;

  if (default_a != default_b)
    return default_a ? -1 : 1;

  return strcmp (name_a, name_b);
}

/**
 * bp_shared_config_list_profiles:
 * @config: a #BpSharedConfig
 *
 * Returns: (transfer full): the profile names of both files, "default"
 *   first, then sorted, without duplicates
 */
char **
bp_shared_config_list_profiles (BpSharedConfig *config)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (config != NULL, NULL);

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  names = g_ptr_array_new ();

  for (guint i = 0; i < N_FILES; i++)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, config->files[i].sections[BP_CONFIG_SECTION_PROFILE]);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        {
          if (g_hash_table_add (seen, name))
            g_ptr_array_add (names, g_strdup (name));
        }
    }

  g_ptr_array_sort (names, compare_profile_names);
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* Profiles: the credentials file first, as in the SDKs. Other sections
 * exist only in the config file. */
static guint
files_for_kind (BpConfigSectionKind  kind,
                guint                order[N_FILES])
{
  if (kind == BP_CONFIG_SECTION_PROFILE)
    {
      order[0] = FILE_CREDENTIALS;
      order[1] = FILE_CONFIG;
      return 2;
    }

  order[0] = FILE_CONFIG;
  return 1;
}

/**
 * bp_shared_config_has_section:
 * @config: a #BpSharedConfig
 * @kind: the kind of section
 * @name: its name ("work" for "[profile work]")
 *
 * Returns: whether either file has that section, even an empty one
 */
gboolean
bp_shared_config_has_section (BpSharedConfig      *config,
                              BpConfigSectionKind  kind,
                              const char          *name)
{
  guint order[N_FILES];
  guint n;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail ((guint) kind < BP_CONFIG_N_KINDS, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  n = files_for_kind (kind, order);
  for (guint i = 0; i < n; i++)
    {
      if (g_hash_table_contains (config->files[order[i]].sections[kind], name))
        return TRUE;
    }

  return FALSE;
}

/**
 * bp_shared_config_get:
 * @config: a #BpSharedConfig
 * @kind: the kind of section
 * @name: the section's name
 * @key: the key, case-sensitive
 * @subkey: (nullable): a key of the indented sub-section under @key
 * @out_path: (out) (optional) (nullable) (transfer none): the path of the
 *   file the value came from
 *
 * Looks a value up. For profiles the credentials file wins over the config
 * file: the first file that has the value gives it.
 *
 * Returns: (nullable) (transfer none): the value, "" for an empty one
 */
const char *
bp_shared_config_get (BpSharedConfig       *config,
                      BpConfigSectionKind   kind,
                      const char           *name,
                      const char           *key,
                      const char           *subkey,
                      const char          **out_path)
{
  guint order[N_FILES];
  guint n;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail ((guint) kind < BP_CONFIG_N_KINDS, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (out_path != NULL)
    *out_path = NULL;

  n = files_for_kind (kind, order);
  for (guint i = 0; i < n; i++)
    {
      const BpConfigFile *file = &config->files[order[i]];
      GHashTable *section = g_hash_table_lookup (file->sections[kind], name);
      BpConfigEntry *entry = section != NULL ? g_hash_table_lookup (section, key) : NULL;
      const char *value = NULL;

      if (entry == NULL)
        continue;

      if (subkey == NULL)
        value = entry->value;
      else if (entry->subkeys != NULL)
        value = g_hash_table_lookup (entry->subkeys, subkey);

      if (value != NULL)
        {
          if (out_path != NULL)
            *out_path = file->path;
          return value;
        }
    }

  return NULL;
}

/**
 * bp_shared_config_get_config_path:
 * @config: a #BpSharedConfig
 *
 * Returns: (nullable): the config file's path as given
 */
const char *
bp_shared_config_get_config_path (BpSharedConfig *config)
{
  g_return_val_if_fail (config != NULL, NULL);

  return config->files[FILE_CONFIG].path;
}

/**
 * bp_shared_config_get_credentials_path:
 * @config: a #BpSharedConfig
 *
 * Returns: (nullable): the credentials file's path as given
 */
const char *
bp_shared_config_get_credentials_path (BpSharedConfig *config)
{
  g_return_val_if_fail (config != NULL, NULL);

  return config->files[FILE_CREDENTIALS].path;
}

typedef struct
{
  char  *paths[N_FILES];  /* (owned) (nullable) */
  char  *texts[N_FILES];  /* (owned) (nullable) NULL = absent */
  gsize  lengths[N_FILES];
  guint  current;         /* the file being read */
} LoadData;

static void
load_data_free (gpointer user_data)
{
  LoadData *data = user_data;

  for (guint i = 0; i < N_FILES; i++)
    {
      g_free (data->paths[i]);
      if (data->texts[i] != NULL)
        gnutls_memset (data->texts[i], 0, data->lengths[i]);
      g_free (data->texts[i]);
    }
  g_free (data);
}

static void load_next (GTask *task);

static gboolean
is_missing_file_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
}

static void
return_read_error (GTask  *task,
                   GError *error)
{
  LoadData *data = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_new_error (task, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_READ,
                           _("Could not read %s: %s"),
                           data->paths[data->current], error->message);
  g_error_free (error);
}

static void
return_too_large (GTask *task)
{
  LoadData *data = g_task_get_task_data (task);

  g_task_return_new_error (task, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_READ,
                           _("%s is larger than %u KiB: it is not an AWS config file"),
                           data->paths[data->current],
                           (guint) (BP_SHARED_CONFIG_MAX_FILE_SIZE / 1024));
}

static void
load_contents_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (!is_missing_file_error (error))
        {
          return_read_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    {
      data->texts[data->current] = contents;
      data->lengths[data->current] = length;
      if (length > BP_SHARED_CONFIG_MAX_FILE_SIZE)
        {
          return_too_large (task);
          return;
        }
      if (memchr (contents, '\0', length) != NULL)
        {
          g_task_return_new_error (task, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_PARSE,
                                   _("%s is not a text file"), data->paths[data->current]);
          return;
        }
    }

  data->current++;
  load_next (g_steal_pointer (&task));
}

static void
query_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      if (!is_missing_file_error (error))
        {
          return_read_error (task, g_steal_pointer (&error));
          return;
        }

      /* A missing file is simply absent, as in the SDKs. */
      g_debug ("%s does not exist", data->paths[data->current]);
      data->current++;
      load_next (g_steal_pointer (&task));
      return;
    }

  /* Checked before reading, so a FIFO or device cannot hang or flood us. */
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_READ,
                               _("%s is not a regular file"), data->paths[data->current]);
      return;
    }

  if (g_file_info_get_size (info) > BP_SHARED_CONFIG_MAX_FILE_SIZE)
    {
      return_too_large (task);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  g_file_load_contents_async (G_FILE (object), cancellable, load_contents_cb,
                              g_steal_pointer (&task));
}

static void
load_next (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  BpSharedConfig *config;

  while (data->current < N_FILES && data->paths[data->current] == NULL)
    data->current++;

  if (data->current < N_FILES)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      file = g_file_new_for_path (data->paths[data->current]);
      g_file_query_info_async (file,
                               G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                               G_FILE_QUERY_INFO_NONE,
                               G_PRIORITY_DEFAULT,
                               cancellable,
                               query_info_cb,
                               g_steal_pointer (&task));
      return;
    }

  config = bp_shared_config_new_from_data (data->texts[FILE_CONFIG], data->paths[FILE_CONFIG],
                                           data->texts[FILE_CREDENTIALS], data->paths[FILE_CREDENTIALS],
                                           &error);
  if (config == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, config, (GDestroyNotify) bp_shared_config_unref);
}

/**
 * bp_shared_config_load_async:
 * @config_path: (nullable): the config file, e.g. from bp_shared_config_default_config_path()
 * @credentials_path: (nullable): the credentials file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when both files are read and parsed
 * @user_data: data for @callback
 *
 * Reads and parses the two files. A file that does not exist is absent,
 * not an error; one that cannot be read, is not a regular file or is larger
 * than %BP_SHARED_CONFIG_MAX_FILE_SIZE is %BP_SHARED_CONFIG_ERROR_READ.
 */
void
bp_shared_config_load_async (const char          *config_path,
                             const char          *credentials_path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_shared_config_load_async);

  data = g_new0 (LoadData, 1);
  data->paths[FILE_CONFIG] = g_strdup (config_path);
  data->paths[FILE_CREDENTIALS] = g_strdup (credentials_path);
  g_task_set_task_data (task, data, load_data_free);

  load_next (g_steal_pointer (&task));
}

/**
 * bp_shared_config_load_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the parsed configuration
 */
BpSharedConfig *
bp_shared_config_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_shared_config_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
environ_get (const char * const *envp,
             const char         *variable)
{
  const char *value;

  if (envp == NULL)
    return NULL;

  value = g_environ_getenv ((char **) envp, variable);

  /* An empty variable counts as unset. */
  return value != NULL && value[0] != '\0' ? value : NULL;
}

static char *
default_path (const char * const *envp,
              const char         *variable,
              const char         *file_name)
{
  const char *value = environ_get (envp, variable);
  const char *home = environ_get (envp, "HOME");

  if (home == NULL)
    home = g_get_home_dir ();

  if (value == NULL)
    return g_build_filename (home, ".aws", file_name, NULL);

  /* botocore expands a leading "~" in these variables. */
  if (strcmp (value, "~") == 0 || g_str_has_prefix (value, "~/"))
    return g_build_filename (home, value + 1, NULL);

  return g_strdup (value);
}

/**
 * bp_shared_config_default_config_path:
 * @envp: (nullable): the environment to read; %NULL is an empty one
 *
 * Returns: (transfer full): `AWS_CONFIG_FILE`, else `$HOME/.aws/config`
 */
char *
bp_shared_config_default_config_path (const char * const *envp)
{
  return default_path (envp, "AWS_CONFIG_FILE", "config");
}

/**
 * bp_shared_config_default_credentials_path:
 * @envp: (nullable): the environment to read; %NULL is an empty one
 *
 * Returns: (transfer full): `AWS_SHARED_CREDENTIALS_FILE`, else
 *   `$HOME/.aws/credentials`
 */
char *
bp_shared_config_default_credentials_path (const char * const *envp)
{
  return default_path (envp, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
}

/**
 * bp_shared_config_pick_profile:
 * @envp: (nullable): the environment to read; %NULL is an empty one
 * @explicit_profile: (nullable): a profile chosen by the user (flag, preferences)
 * @out_source_var: (out) (optional) (nullable) (transfer none): the variable
 *   that named the profile, %NULL when explicit or the default
 *
 * Returns: (transfer full): @explicit_profile when not empty, else
 *   `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else "default"
 */
char *
bp_shared_config_pick_profile (const char * const  *envp,
                               const char          *explicit_profile,
                               const char         **out_source_var)
{
  static const char * const variables[] = { "AWS_PROFILE", "AWS_DEFAULT_PROFILE" };

  if (out_source_var != NULL)
    *out_source_var = NULL;

  if (explicit_profile != NULL && explicit_profile[0] != '\0')
    return g_strdup (explicit_profile);

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = environ_get (envp, variables[i]);

      if (value != NULL)
        {
          if (out_source_var != NULL)
            *out_source_var = variables[i];
          return g_strdup (value);
        }
    }

  return g_strdup ("default");
}
