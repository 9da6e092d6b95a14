/* bp-cli-image.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bp-cli-private.h"
#include "bp-image-request.h"
#include "bp-image-result.h"
#include "bp-png-text.h"

/* `image`: generate, then write each PNG with the prompt, seed and
 * parameters in its text chunks, atomically (g_file_replace_contents
 * writes a temporary file and renames it over the target). */

/* The longest file-name stem made from a prompt, in characters. */
#define MAX_SLUG_CHARS 48
/* The most images one command asks for (the models allow fewer). */
#define MAX_IMAGES     100

typedef struct
{
  char  *model_id;
  char  *output;
  char  *n_images;
  char  *size;
  char  *aspect;
  char  *seed;
  char  *cfg_scale;
  char  *quality;
  char  *negative;
} ImageOptions;

typedef struct
{
  BpCli          *cli;
  ImageOptions    options;
  BpImageRequest *request;      /* (owned) */
  BpImageResult  *result;       /* (owned) (nullable) */
  gboolean        output_is_dir;
  guint           next;         /* the image being written */
  char           *path;         /* (owned) (nullable) the file being written */
} ImageRun;

static void
image_run_free (ImageRun *run)
{
  g_free (run->options.model_id);
  g_free (run->options.output);
  g_free (run->options.n_images);
  g_free (run->options.size);
  g_free (run->options.aspect);
  g_free (run->options.seed);
  g_free (run->options.cfg_scale);
  g_free (run->options.quality);
  g_free (run->options.negative);
  g_clear_pointer (&run->request, bp_image_request_unref);
  g_clear_pointer (&run->result, bp_image_result_unref);
  g_free (run->path);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImageRun, image_run_free)

/* "A red fox, at dawn!" → "a-red-fox-at-dawn"; letters of any script stay. */
static char *
slugify (const char *prompt)
{
  GString *out = g_string_new (NULL);
  guint n_chars = 0;
  gboolean dash = FALSE;

  for (const char *p = prompt; *p != '\0' && n_chars < MAX_SLUG_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        {
          dash = out->len > 0;
          continue;
        }
      if (dash)
        {
          g_string_append_c (out, '-');
          n_chars++;
        }
      dash = FALSE;
      g_string_append_unichar (out, g_unichar_tolower (c));
      n_chars++;
    }

  if (out->len == 0)
    g_string_append (out, "image");

  return g_string_free (out, FALSE);
}

static gboolean
seed_is_unique (BpImageResult *result,
                guint          index,
                gint64         seed)
{
  for (guint i = 0; i < bp_image_result_get_n_images (result); i++)
    {
      gint64 other;

      if (i != index && bp_image_result_get_seed (result, i, &other) && other == seed)
        return FALSE;
    }

  return TRUE;
}

/* -o DIR: "<slug>-<seed>.png", or "<slug>-<n>.png" when the seed is unknown
 * or shared; -o FILE: FILE for one image, "FILE-<n>.png" for several. */
static char *
output_path (ImageRun *run,
             guint     index)
{
  guint n = bp_image_result_get_n_images (run->result);
  const char *output = run->options.output;
  g_autofree char *stem = NULL;
  gint64 seed;

  if (run->output_is_dir)
    {
      g_autofree char *slug = slugify (bp_image_request_get_prompt (run->request));
      g_autofree char *name = NULL;

      if (bp_image_result_get_seed (run->result, index, &seed) &&
          seed_is_unique (run->result, index, seed))
        name = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".png", slug, seed);
      else
        name = g_strdup_printf ("%s-%u.png", slug, index + 1);
      return g_build_filename (output, name, NULL);
    }

  if (n == 1)
    return g_strdup (output);

  stem = g_strdup (output);
  if (g_str_has_suffix (stem, ".png") || g_str_has_suffix (stem, ".PNG"))
    stem[strlen (stem) - 4] = '\0';
  return g_strdup_printf ("%s-%u.png", stem, index + 1);
}

static void write_next (ImageRun *run);

static void
replace_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ImageRun) run = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (!_bp_cli_error_is_cancelled (error))
        g_prefix_error (&error, _("Could not write %s: "), run->path);
      _bp_cli_fail (run->cli, error);
      return;
    }

  _bp_cli_print (run->cli, run->path);
  _bp_cli_print (run->cli, "\n");
  run->next++;
  write_next (g_steal_pointer (&run));
}

static GBytes *
with_text_chunks (ImageRun  *run,
                  guint      index,
                  GError   **error)
{
  GBytes *image = bp_image_result_get_image (run->result, index);
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) values = NULL;
  gint64 seed = -1;

  if (g_strcmp0 (bp_image_result_get_mime_type (run->result, index), "image/png") != 0)
    return g_bytes_ref (image);

  if (!bp_image_result_get_seed (run->result, index, &seed))
    seed = -1;
  bp_image_request_describe_for_png (run->request, seed, &keys, &values);

  return bp_png_add_text_chunks (image, (const char * const *) keys,
                                 (const char * const *) values, error);
}

static void
write_next (ImageRun *run)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  BpCli *cli = run->cli;

  if (run->next >= bp_image_result_get_n_images (run->result))
    {
      _bp_cli_exit (cli, BP_CLI_EXIT_OK);
      image_run_free (run);
      return;
    }

  if ((bytes = with_text_chunks (run, run->next, &error)) == NULL)
    {
      _bp_cli_fail (cli, error);
      image_run_free (run);
      return;
    }

  g_free (run->path);
  run->path = output_path (run, run->next);
  file = g_file_new_for_commandline_arg (run->path);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       cli->cancellable, replace_cb, run);
}

static void
generate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ImageRun) run = user_data;
  g_autoptr(GError) error = NULL;

  run->result = bp_bedrock_client_generate_image_finish (BP_BEDROCK_CLIENT (object), result,
                                                         &error);
  if (run->result == NULL)
    {
      _bp_cli_fail (run->cli, error);
      return;
    }

  for (guint i = 0; i < bp_image_result_get_n_filtered (run->result); i++)
    _bp_cli_print_note (_("An image was blocked by a content filter: %s"),
                        bp_image_result_get_filtered_reason (run->result, i));

  write_next (g_steal_pointer (&run));
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ImageRun) run = user_data;
  g_autoptr(GError) error = NULL;
  BpCli *cli = run->cli;
  BpImageRequest *request;

  if (!_bp_cli_connect_finish (cli, result, &error))
    {
      _bp_cli_fail (cli, error);
      return;
    }

  /* The client validates first: a bad parameter fails here, unsent. */
  request = run->request;
  bp_bedrock_client_generate_image_async (cli->client, request, cli->cancellable,
                                          generate_cb, g_steal_pointer (&run));
}

static void
query_output_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ImageRun) run = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  BpCli *cli = run->cli;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info != NULL)
    run->output_is_dir = g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    run->output_is_dir = g_str_has_suffix (run->options.output, G_DIR_SEPARATOR_S);
  else
    {
      if (!_bp_cli_error_is_cancelled (error))
        g_prefix_error (&error, "%s: ", run->options.output);
      _bp_cli_fail (cli, error);
      return;
    }

  _bp_cli_connect_async (cli, TRUE, connect_cb, g_steal_pointer (&run));
}

static gboolean
apply_size (ImageRun *run)
{
  const char *size = run->options.size;
  g_auto(GStrv) parts = NULL;
  guint64 width, height;

  if (size != NULL && run->options.aspect != NULL)
    {
      _bp_cli_fail_usage (run->cli, _("Give --size or --aspect, not both"));
      return FALSE;
    }
  if (run->options.aspect != NULL)
    bp_image_request_set_aspect_ratio (run->request, run->options.aspect);
  if (size == NULL)
    return TRUE;

  parts = g_strsplit (size, "x", 3);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT16, &width, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT16, &height, NULL))
    {
      _bp_cli_fail_usage (run->cli, _("--size: “%s” is not WIDTHxHEIGHT such as 1024x1024"),
                          size);
      return FALSE;
    }

  bp_image_request_set_size (run->request, (guint) width, (guint) height);
  return TRUE;
}

static gboolean
apply_options (ImageRun *run)
{
  ImageOptions *o = &run->options;
  guint64 whole;
  double number;

  if (o->n_images != NULL)
    {
      if (!_bp_cli_parse_uint (run->cli, "-n", o->n_images, MAX_IMAGES, &whole))
        return FALSE;
      bp_image_request_set_n_images (run->request, (guint) whole);
    }
  if (o->seed != NULL)
    {
      if (!_bp_cli_parse_uint (run->cli, "--seed", o->seed, G_MAXINT64, &whole))
        return FALSE;
      bp_image_request_set_seed (run->request, (gint64) whole);
    }
  if (o->cfg_scale != NULL)
    {
      if (!_bp_cli_parse_double (run->cli, "--cfg-scale", o->cfg_scale, &number))
        return FALSE;
      bp_image_request_set_cfg_scale (run->request, number);
    }
  if (o->quality != NULL)
    {
      if (g_ascii_strcasecmp (o->quality, "standard") != 0 &&
          g_ascii_strcasecmp (o->quality, "premium") != 0)
        {
          _bp_cli_fail_usage (run->cli, _("--quality: “%s” is neither standard nor premium"),
                              o->quality);
          return FALSE;
        }
      bp_image_request_set_quality (run->request,
                                    g_ascii_strcasecmp (o->quality, "premium") == 0
                                      ? BP_IMAGE_QUALITY_PREMIUM : BP_IMAGE_QUALITY_STANDARD);
    }
  if (o->negative != NULL)
    bp_image_request_set_negative_prompt (run->request, o->negative);

  return apply_size (run);
}

static gboolean
parse (ImageRun   *run,
       char     ***args)
{
  ImageOptions *o = &run->options;
  g_autofree char *prompt = NULL;
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_STRING, &o->model_id,
      N_("The image model (required)"), N_("MODEL") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
      N_("A directory, or the file to write (required)"), N_("FILE_OR_DIR") },
    { "number", 'n', 0, G_OPTION_ARG_STRING, &o->n_images, N_("How many images"), "N" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &o->size, N_("Image size"), N_("WxH") },
    { "aspect", 0, 0, G_OPTION_ARG_STRING, &o->aspect, N_("Aspect ratio (Stability models)"), "R" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &o->seed, N_("Seed, for repeatable images"), "S" },
    { "cfg-scale", 0, 0, G_OPTION_ARG_STRING, &o->cfg_scale,
      N_("How closely to follow the prompt"), "C" },
    { "quality", 0, 0, G_OPTION_ARG_STRING, &o->quality, N_("standard or premium"), "Q" },
    { "negative", 0, 0, G_OPTION_ARG_STRING, &o->negative,
      N_("What the image should not show"), N_("TEXT") },
    { NULL }
  };

  if (!_bp_cli_parse_options (run->cli, "image", _("PROMPT"),
                              _("Generates images from PROMPT and writes them as PNG files "
                                "with the prompt, seed and parameters in their text chunks."),
                              entries, NULL, args))
    return FALSE;

  if (o->model_id == NULL || o->output == NULL || o->output[0] == '\0')
    {
      _bp_cli_fail_usage (run->cli, _("image needs -m MODEL and -o FILE_OR_DIR"));
      return FALSE;
    }
  if ((prompt = _bp_cli_join_prompt (*args + 1)) == NULL || g_strstrip (prompt)[0] == '\0')
    {
      _bp_cli_fail_usage (run->cli, _("image needs a PROMPT"));
      return FALSE;
    }

  run->request = bp_image_request_new (o->model_id);
  bp_image_request_set_prompt (run->request, prompt);
  return apply_options (run);
}

/**
 * _bp_cli_image_run:
 * @cli: the run
 * @args: (inout): the arguments
 *
 * Runs `image`.
 */
void
_bp_cli_image_run (BpCli   *cli,
                   char  ***args)
{
  g_autoptr(ImageRun) run = g_new0 (ImageRun, 1);
  g_autoptr(GFile) output = NULL;

  run->cli = cli;
  if (!parse (run, args))
    return;

  /* Where the files go is settled before paying for the images. */
  output = g_file_new_for_commandline_arg (run->options.output);
  g_file_query_info_async (output, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, cli->cancellable, query_output_cb,
                           g_steal_pointer (&run));
}
