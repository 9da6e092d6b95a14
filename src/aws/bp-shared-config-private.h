/* bp-shared-config-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BP_CONFIG_N_KINDS 3

typedef struct
{
  char       *value;    /* (owned) the text after '=' on the key line, plus continuation lines */
  GHashTable *subkeys;  /* (owned) (nullable) sub-key → value of an indented sub-section */
} BpConfigEntry;

/* One parsed file. */
typedef struct
{
  char       *path;                         /* (owned) (nullable) for messages and sources */
  GHashTable *sections[BP_CONFIG_N_KINDS];  /* (owned) name → GHashTable (key → BpConfigEntry) */
} BpConfigFile;

void     _bp_config_file_init  (BpConfigFile  *file,
                                const char    *path);
void     _bp_config_file_clear (BpConfigFile  *file);
gboolean _bp_config_file_parse (BpConfigFile  *file,
                                gboolean       is_credentials,
                                const char    *text,
                                GError       **error);

G_END_DECLS
