/* bp-shared-config-parse.c
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

/* The INI dialect of the shared files, as botocore's RawConfigParser reads
 * it, plus the habits the other SDKs share: inline comments after
 * whitespace, merged duplicate sections, "[profile x]" only in the config
 * file, indented sub-sections under a key with an empty value. */

typedef struct
{
  BpConfigFile  *file;            /* (not owned) */
  gboolean       is_credentials;
  const char    *display_path;
  guint          line_no;
  GHashTable    *section;         /* (nullable) current section; NULL outside one or in an ignored one */
  gboolean       in_option;       /* a key line was seen: deeper lines continue it */
  gsize          option_indent;
  gboolean       option_nested;   /* the key line had an empty value: sub-section */
  BpConfigEntry *entry;           /* (nullable) the entry continuation lines go to */
} Parser;

static void
wipe_free (gpointer data)
{
  char *s = data;

  if (s == NULL)
    return;

  /* Credentials files hold secret keys: do not leave them in freed memory. */
  gnutls_memset (s, 0, strlen (s));
  g_free (s);
}

static void
entry_free (gpointer data)
{
  BpConfigEntry *entry = data;

  wipe_free (entry->value);
  g_clear_pointer (&entry->subkeys, g_hash_table_unref);
  g_free (entry);
}

static GHashTable *
section_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}

void
_bp_config_file_init (BpConfigFile *file,
                      const char   *path)
{
  file->path = g_strdup (path);
  for (guint i = 0; i < BP_CONFIG_N_KINDS; i++)
    file->sections[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_hash_table_unref);
}

void
_bp_config_file_clear (BpConfigFile *file)
{
  g_clear_pointer (&file->path, g_free);
  for (guint i = 0; i < BP_CONFIG_N_KINDS; i++)
    g_clear_pointer (&file->sections[i], g_hash_table_unref);
}

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* Cuts a comment that starts with '#' or ';' after whitespace:
 * "a = b ;c" → "a = b", while "a=b#c" keeps its '#'. */
static void
strip_inline_comment (char *text)
{
  for (char *p = text + 1; *p != '\0'; p++)
    {
      if ((*p == '#' || *p == ';') && is_blank (p[-1]))
        {
          *p = '\0';
          return;
        }
    }
}

static gboolean
set_parse_error (Parser      *parser,
                 GError     **error,
                 const char  *what)
{
  g_set_error (error, BP_SHARED_CONFIG_ERROR, BP_SHARED_CONFIG_ERROR_PARSE,
               "%s:%u: %s", parser->display_path, parser->line_no, what);
  return FALSE;
}

/* Splits "PREFIX NAME" into NAME; NULL when @section is not of that form
 * or NAME is empty or has blanks in it (botocore ignores those). */
static char *
split_section_name (const char *section,
                    const char *prefix)
{
  gsize prefix_len = strlen (prefix);
  g_autofree char *name = NULL;
  gsize len;

  if (strncmp (section, prefix, prefix_len) != 0 || !is_blank (section[prefix_len]))
    return NULL;

  name = g_strstrip (g_strdup (section + prefix_len));
  len = strlen (name);
  if (len >= 2 && name[0] == '"' && name[len - 1] == '"')
    {
      memmove (name, name + 1, len - 2);
      name[len - 2] = '\0';
    }

  if (name[0] == '\0' || strpbrk (name, " \t") != NULL)
    return NULL;

  return g_steal_pointer (&name);
}

/* Maps a section header of the config file to a kind and name; FALSE for
 * sections the SDKs ignore there, such as a bare "[x]" other than default. */
static gboolean
classify_config_section (const char           *section,
                         BpConfigSectionKind  *kind,
                         char                **name)
{
  static const struct {
    const char          *prefix;
    BpConfigSectionKind  kind;
  } prefixes[] = {
    { "profile", BP_CONFIG_SECTION_PROFILE },
    { "sso-session", BP_CONFIG_SECTION_SSO_SESSION },
    { "services", BP_CONFIG_SECTION_SERVICES },
  };

  if (strcmp (section, "default") == 0)
    {
      *kind = BP_CONFIG_SECTION_PROFILE;
      *name = g_strdup (section);
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      *name = split_section_name (section, prefixes[i].prefix);
      if (*name != NULL)
        {
          *kind = prefixes[i].kind;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
parse_section_header (Parser      *parser,
                      char        *text,
                      GError     **error)
{
  BpConfigSectionKind kind = BP_CONFIG_SECTION_PROFILE;
  g_autofree char *name = NULL;
  GHashTable *section;
  char *end;
  char *rest;

  g_assert (text[0] == '[');

  parser->section = NULL;

  end = strchr (text, ']');
  if (end == NULL)
    return set_parse_error (parser, error, _("The section header has no closing “]”"));

  for (rest = end + 1; is_blank (*rest); rest++)
    ;
  if (*rest != '\0' && *rest != '#' && *rest != ';')
    return set_parse_error (parser, error, _("Unexpected text after the section header"));

  *end = '\0';
  g_strstrip (text + 1);
  if (text[1] == '\0')
    return set_parse_error (parser, error, _("The section name is empty"));

  if (parser->is_credentials)
    {
      /* The credentials file has only profiles, named as written. */
      name = g_strdup (text + 1);
    }
  else if (!classify_config_section (text + 1, &kind, &name))
    {
      g_debug ("%s:%u: ignoring section “%s”", parser->display_path, parser->line_no, text + 1);
      return TRUE;
    }

  /* Duplicate sections merge: later keys win. */
  section = g_hash_table_lookup (parser->file->sections[kind], name);
  if (section == NULL)
    {
      section = section_new ();
      g_hash_table_insert (parser->file->sections[kind], g_strdup (name), section);
    }
  parser->section = section;

  return TRUE;
}

/* Splits "key = value" in place; FALSE without an '=' or with an empty key. */
static gboolean
split_assignment (char  *text,
                  char **key,
                  char **value)
{
  char *eq = strchr (text, '=');

  if (eq == NULL)
    return FALSE;

  *eq = '\0';
  *key = g_strstrip (text);
  *value = g_strstrip (eq + 1);

  return **key != '\0';
}

static gboolean
parse_option (Parser      *parser,
              char        *text,
              gsize        indent,
              GError     **error)
{
  char *key;
  char *value;
  BpConfigEntry *entry;

  if (!split_assignment (text, &key, &value))
    return set_parse_error (parser, error, _("Expected a line of the form “name = value”"));

  parser->in_option = TRUE;
  parser->option_indent = indent;
  parser->option_nested = value[0] == '\0';
  parser->entry = NULL;

  if (parser->section == NULL)
    {
      g_debug ("%s:%u: ignoring a key outside a usable section",
               parser->display_path, parser->line_no);
      return TRUE;
    }

  entry = g_new0 (BpConfigEntry, 1);
  entry->value = g_strdup (value);
  g_hash_table_replace (parser->section, g_strdup (key), entry);
  parser->entry = entry;

  return TRUE;
}

static gboolean
parse_continuation (Parser      *parser,
                    char        *text,
                    GError     **error)
{
  char *key;
  char *value;

  if (!parser->option_nested)
    {
      /* A continued value: the lines join with newlines, as in ConfigParser. */
      if (parser->entry != NULL)
        {
          char *joined = g_strconcat (parser->entry->value, "\n", text, NULL);

          wipe_free (parser->entry->value);
          parser->entry->value = joined;
        }
      return TRUE;
    }

  if (!split_assignment (text, &key, &value))
    return set_parse_error (parser, error, _("Expected a line of the form “name = value” in the sub-section"));

  if (parser->entry != NULL)
    {
      if (parser->entry->subkeys == NULL)
        parser->entry->subkeys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_free);
      g_hash_table_replace (parser->entry->subkeys, g_strdup (key), g_strdup (value));
    }

  return TRUE;
}

static gboolean
parse_line (Parser      *parser,
            char        *line,
            GError     **error)
{
  gsize indent = 0;
  char *text;

  while (is_blank (line[indent]))
    indent++;
  text = line + indent;

  /* Blank lines and comment lines do not end a multi-line value. */
  if (text[0] == '\0' || text[0] == '#' || text[0] == ';')
    return TRUE;

  strip_inline_comment (text);
  g_strchomp (text);

  if (parser->in_option && indent > parser->option_indent)
    return parse_continuation (parser, text, error);

  parser->in_option = FALSE;
  parser->entry = NULL;

  if (text[0] == '[')
    return parse_section_header (parser, text, error);

  return parse_option (parser, text, indent, error);
}

static guint
count_lines (const char *text,
             const char *end)
{
  guint n = 1;

  for (const char *p = text; p < end; p++)
    n += *p == '\n';

  return n;
}

gboolean
_bp_config_file_parse (BpConfigFile  *file,
                       gboolean       is_credentials,
                       const char    *text,
                       GError       **error)
{
  Parser parser = { 0 };
  const char *invalid = NULL;
  char *copy;
  char *line;
  gboolean ok = TRUE;

  parser.file = file;
  parser.is_credentials = is_credentials;
  parser.display_path = file->path != NULL ? file->path
                        : is_credentials ? "credentials" : "config";

  if (!g_utf8_validate (text, -1, &invalid))
    {
      parser.line_no = count_lines (text, invalid);
      return set_parse_error (&parser, error, _("The file is not valid UTF-8 text"));
    }

  /* A UTF-8 byte order mark, as some Windows editors write one. */
  if (g_str_has_prefix (text, "\xEF\xBB\xBF"))
    text += 3;

  copy = g_strdup (text);
  line = copy;
  while (ok && line != NULL)
    {
      char *next = strchr (line, '\n');
      gsize len;

      if (next != NULL)
        *next++ = '\0';
      len = strlen (line);
      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';

      parser.line_no++;
      ok = parse_line (&parser, line, error);
      line = next;
    }

  gnutls_memset (copy, 0, strlen (text));
  g_free (copy);

  return ok;
}
