/* bp-history-store-images.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-history-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bp-history-store-private.h"

/* Generated images: the original bytes in a file of the images directory,
 * the prompt and parameters in a row. */

static const char sql_insert[] =
  "INSERT INTO images (created_at, seed, width, height, cost_usd, model_id,"
  "  file_name, prompt, negative_prompt, parameters_json)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char sql_list[] =
  "SELECT id, created_at, seed, width, height, cost_usd, model_id, file_name,"
  "  prompt, negative_prompt, parameters_json"
  " FROM images ORDER BY created_at DESC, id DESC";
static const char sql_file_name[] =
  "SELECT file_name FROM images WHERE id = ?1";
static const char sql_delete[] =
  "DELETE FROM images WHERE id = ?1";

static const guint8 png_signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
static const guint8 jpeg_signature[] = { 0xff, 0xd8, 0xff };

static const char *
sniff_extension (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (len >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0)
    return "png";
  if (len >= sizeof jpeg_signature && memcmp (data, jpeg_signature, sizeof jpeg_signature) == 0)
    return "jpg";

  return "bin";
}

/* A name no file in the images directory has yet. The worker is the only
 * writer of that directory, so the name stays free until it is written. */
static char *
pick_file_name (BpHistoryStore *self,
                gint64          now,
                const char     *extension)
{
  for (guint n = 0; ; n++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;

      name = g_strdup_printf ("image-%" G_GINT64_FORMAT "-%u.%s", now, n, extension);
      path = g_build_filename (self->images_dir, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&name);
    }
}

static gboolean
write_image (BpHistoryStore  *self,
             const char      *file_name,
             GBytes          *bytes,
             GError         **error)
{
  g_autofree char *path = g_build_filename (self->images_dir, file_name, NULL);
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  /* The user may have removed the folder since the store opened. */
  g_mkdir_with_parents (self->images_dir, 0700);

  if (!g_file_set_contents_full (path, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                 0600, &local_error))
    {
      g_set_error (error, BP_HISTORY_STORE_ERROR, BP_HISTORY_STORE_ERROR_IO,
                   _("Could not save the image in “%s” (%s). Check the free disk space "
                     "and try again"),
                   self->images_dir, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
remove_image_file (BpHistoryStore *self,
                   const char     *file_name)
{
  g_autofree char *path = g_build_filename (self->images_dir, file_name, NULL);

  if (g_unlink (path) != 0 && errno != ENOENT)
    g_debug ("Could not remove %s: %s", path, g_strerror (errno));
}

static gboolean
insert_image (BpHistoryStore  *self,
              BpImageRecord   *record,
              GError         **error)
{
  g_autoptr(BpHistoryStatement) stmt = NULL;

  if (!(stmt = _bp_history_db_statement (self, sql_insert, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record->created_at);
  _bp_history_bind_count (stmt, 2, record->seed);
  _bp_history_bind_count (stmt, 3, record->width > 0 ? (gint64) record->width : -1);
  _bp_history_bind_count (stmt, 4, record->height > 0 ? (gint64) record->height : -1);
  _bp_history_bind_cost (stmt, 5, record->cost_usd);
  _bp_history_bind_text (stmt, 6, record->model_id);
  _bp_history_bind_text (stmt, 7, record->file_name);
  _bp_history_bind_text (stmt, 8, record->prompt != NULL ? record->prompt : "");
  _bp_history_bind_text (stmt, 9, record->negative_prompt);
  _bp_history_bind_text (stmt, 10, record->parameters_json);
  if (!_bp_history_db_step_done (self, stmt, error))
    return FALSE;

  record->id = sqlite3_last_insert_rowid (self->db);

  return TRUE;
}

/* The file first: a crash between the two leaves an unlisted file rather
 * than a listed image without one. */
static void
add_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  BpHistoryStore *self = source_object;
  BpHistoryOp *op = task_data;
  BpImageRecord *record = op->record;
  g_autoptr(GError) error = NULL;

  record->created_at = _bp_history_now_ms ();
  g_free (record->file_name);
  record->file_name = pick_file_name (self, record->created_at, sniff_extension (op->bytes));

  if (!write_image (self, record->file_name, op->bytes, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!insert_image (self, record, &error))
    {
      remove_image_file (self, record->file_name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, bp_image_record_copy (record),
                         (GDestroyNotify) bp_image_record_free);
}

/**
 * bp_history_store_add_image_async:
 * @self: a #BpHistoryStore
 * @record: the image's prompt, model, seed, size, cost and parameters; its
 *   id, file name and created_at are ignored: the store assigns them
 * @image: the image file's bytes as the model returned them (PNG, with the
 *   prompt in a text chunk, or JPEG)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Saves a generated image in the images directory and records it.
 */
void
bp_history_store_add_image_async (BpHistoryStore      *self,
                                  const BpImageRecord *record,
                                  GBytes              *image,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  BpHistoryOp *op;
  GTask *task;

  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (record != NULL);
  g_return_if_fail (image != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _bp_history_store_new_task (self, cancellable, callback, user_data,
                                     bp_history_store_add_image_async);
  op = _bp_history_op_new (task);
  op->record = bp_image_record_copy (record);
  op->record_free = (GDestroyNotify) bp_image_record_free;
  op->bytes = g_bytes_ref (image);
  _bp_history_store_queue (self, task, add_worker);
}

/**
 * bp_history_store_add_image_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the stored record, with its id, file
 *   name and time, or %NULL on error
 */
BpImageRecord *
bp_history_store_add_image_finish (BpHistoryStore  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_add_image_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static BpImageRecord *
image_from_row (BpHistoryStatement *stmt)
{
  BpImageRecord *record = bp_image_record_new ();
  gint64 width = _bp_history_column_count (stmt, 3);
  gint64 height = _bp_history_column_count (stmt, 4);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->created_at = sqlite3_column_int64 (stmt, 1);
  record->seed = _bp_history_column_count (stmt, 2);
  record->width = width > 0 && width <= G_MAXUINT ? (guint) width : 0;
  record->height = height > 0 && height <= G_MAXUINT ? (guint) height : 0;
  record->cost_usd = _bp_history_column_cost (stmt, 5);
  record->model_id = _bp_history_column_text (stmt, 6);
  record->file_name = _bp_history_column_text (stmt, 7);
  record->prompt = _bp_history_column_text (stmt, 8);
  record->negative_prompt = _bp_history_column_text (stmt, 9);
  record->parameters_json = _bp_history_column_text (stmt, 10);

  return record;
}

static void
list_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BpHistoryStore *self = source_object;
  g_autoptr(BpHistoryStatement) stmt = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  if (!(stmt = _bp_history_db_statement (self, sql_list, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_image_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, image_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _bp_history_db_set_error (self, rc, &error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&records), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * bp_history_store_list_images_async:
 * @self: a #BpHistoryStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the stored images, the newest first.
 */
void
bp_history_store_list_images_async (BpHistoryStore      *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _bp_history_store_new_task (self, cancellable, callback, user_data,
                                     bp_history_store_list_images_async);
  _bp_history_store_queue (self, task, list_worker);
}

/**
 * bp_history_store_list_images_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type BpImageRecord) (nullable): the
 *   images, or %NULL on error
 */
GPtrArray *
bp_history_store_list_images_finish (BpHistoryStore  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_list_images_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
lookup_file_name (BpHistoryStore  *self,
                  gint64           image_id,
                  GError         **error)
{
  g_autoptr(BpHistoryStatement) stmt = NULL;
  int rc;

  if (!(stmt = _bp_history_db_statement (self, sql_file_name, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, image_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _bp_history_column_text (stmt, 0);

  if (rc == SQLITE_DONE)
    _bp_history_db_set_not_found (error);
  else
    _bp_history_db_set_error (self, rc, error);

  return NULL;
}

static gboolean
delete_row (BpHistoryStore  *self,
            gint64           image_id,
            GError         **error)
{
  g_autoptr(BpHistoryStatement) stmt = NULL;

  if (!(stmt = _bp_history_db_statement (self, sql_delete, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, image_id);

  return _bp_history_db_step_done (self, stmt, error);
}

/* The row first: a crash between the two leaves an unlisted file. */
static void
delete_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BpHistoryStore *self = source_object;
  BpHistoryOp *op = task_data;
  g_autofree char *file_name = NULL;
  g_autoptr(GError) error = NULL;

  if (!(file_name = lookup_file_name (self, op->id, &error)) ||
      !delete_row (self, op->id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  remove_image_file (self, file_name);
  g_task_return_boolean (task, TRUE);
}

/**
 * bp_history_store_delete_image_async:
 * @self: a #BpHistoryStore
 * @image_id: the image
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes an image: its record and its file.
 */
void
bp_history_store_delete_image_async (BpHistoryStore      *self,
                                     gint64               image_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  BpHistoryOp *op;
  GTask *task;

  g_return_if_fail (BP_IS_HISTORY_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _bp_history_store_new_task (self, cancellable, callback, user_data,
                                     bp_history_store_delete_image_async);
  op = _bp_history_op_new (task);
  op->id = image_id;
  _bp_history_store_queue (self, task, delete_worker);
}

/**
 * bp_history_store_delete_image_finish:
 * @self: a #BpHistoryStore
 * @result: the result passed to the callback
 * @error: return location for a #GError; %BP_HISTORY_STORE_ERROR_NOT_FOUND
 *   when there is no such image
 *
 * Returns: %TRUE when deleted
 */
gboolean
bp_history_store_delete_image_finish (BpHistoryStore  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (_bp_history_store_check_result (self, result, bp_history_store_delete_image_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
