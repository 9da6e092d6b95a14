/* bp-history-store.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-history-store"

#include "config.h"

#include "bp-history-store-private.h"

/**
 * BpHistoryStore:
 *
 * The conversations, messages and generated images of the app, in an
 * SQLite database under the user's data directory.
 *
 * The UI thread never waits for SQLite: the store owns one worker thread,
 * the only one that touches the connection, and runs the calls queued to it
 * one after the other, in the order they were made. Each call is an
 * _async/_finish pair whose callback runs on the caller's thread-default
 * main context.
 */

typedef enum
{
  JOB_TASK,
  JOB_PAUSE,
  JOB_QUIT,
} JobKind;

typedef struct
{
  JobKind          kind;
  GTask           *task;     /* (owned) (nullable) */
  GTaskThreadFunc  func;
} WorkerJob;

G_DEFINE_FINAL_TYPE (BpHistoryStore, bp_history_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (bp-history-store-error-quark, bp_history_store_error)

static WorkerJob *
worker_job_new (JobKind          kind,
                GTask           *task,
                GTaskThreadFunc  func)
{
  WorkerJob *job = g_new0 (WorkerJob, 1);

  job->kind = kind;
  job->task = task;
  job->func = func;

  return job;
}

static gboolean
release_task_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* The worker's reference to a task goes back to the task's own context:
 * the task holds the store, and the store must never be finalized on its
 * worker thread (finalize joins that thread). The reference goes when the
 * source does, so also when the context is destroyed first. */
static void
unref_task_on_its_context (GTask *task)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, release_task_cb, task, g_object_unref);
  g_source_set_static_name (source, "[bp-history-store] unref task");
  g_source_attach (source, g_task_get_context (task));
}

static void
run_pause (BpHistoryStore *self)
{
  g_mutex_lock (&self->pause_mutex);
  while (self->paused)
    g_cond_wait (&self->pause_cond, &self->pause_mutex);
  g_mutex_unlock (&self->pause_mutex);
}

static void
run_task (BpHistoryStore *self,
          WorkerJob      *job)
{
  g_assert (G_IS_TASK (job->task));

  if (!g_task_return_error_if_cancelled (job->task))
    job->func (job->task, self,
               g_task_get_task_data (job->task),
               g_task_get_cancellable (job->task));

  unref_task_on_its_context (g_steal_pointer (&job->task));
}

static gpointer
worker_thread (gpointer data)
{
  BpHistoryStore *self = data;
  gboolean quit = FALSE;

  while (!quit)
    {
      g_autofree WorkerJob *job = g_async_queue_pop (self->queue);

      switch (job->kind)
        {
        case JOB_TASK:
          run_task (self, job);
          break;

        case JOB_PAUSE:
          run_pause (self);
          break;

        case JOB_QUIT:
          quit = TRUE;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  _bp_history_db_close (self);

  return NULL;
}

static void
bp_history_store_finalize (GObject *object)
{
  BpHistoryStore *self = (BpHistoryStore *)object;

  if (self->thread != NULL)
    {
      g_assert (g_thread_self () != self->thread);

      g_async_queue_push (self->queue, worker_job_new (JOB_QUIT, NULL, NULL));
      g_thread_join (g_steal_pointer (&self->thread));
    }

  g_assert (self->db == NULL);

  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->images_dir, g_free);
  g_mutex_clear (&self->pause_mutex);
  g_cond_clear (&self->pause_cond);

  G_OBJECT_CLASS (bp_history_store_parent_class)->finalize (object);
}

static void
bp_history_store_class_init (BpHistoryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_history_store_finalize;
}

static void
bp_history_store_init (BpHistoryStore *self)
{
  self->busy_timeout_ms = BP_HISTORY_DEFAULT_BUSY_TIMEOUT_MS;
  self->queue = g_async_queue_new ();
  g_mutex_init (&self->pause_mutex);
  g_cond_init (&self->pause_cond);
}

/**
 * bp_history_store_dup_default_path:
 *
 * Returns: (transfer full): where the history lives by default:
 *   `$XDG_DATA_HOME/bedrock-playground/history.sqlite3`
 */
char *
bp_history_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "bedrock-playground",
                           "history.sqlite3", NULL);
}

BpHistoryOp *
_bp_history_op_new (GTask *task)
{
  BpHistoryOp *op = g_new0 (BpHistoryOp, 1);

  g_task_set_task_data (task, op, (GDestroyNotify) _bp_history_op_free);

  return op;
}

void
_bp_history_op_free (BpHistoryOp *op)
{
  if (op->record != NULL && op->record_free != NULL)
    op->record_free (op->record);
  g_clear_pointer (&op->text, g_free);
  g_clear_pointer (&op->bytes, g_bytes_unref);
  g_free (op);
}

GTask *
_bp_history_store_new_task (BpHistoryStore      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data,
                            gpointer             source_tag)
{
  GTask *task;

  g_assert (BP_IS_HISTORY_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  return task;
}

/* Takes @task and queues @func to run with it on the worker thread. */
void
_bp_history_store_queue (BpHistoryStore  *self,
                         GTask           *task,
                         GTaskThreadFunc  func)
{
  g_assert (BP_IS_HISTORY_STORE (self));
  g_assert (G_IS_TASK (task));
  g_assert (func != NULL);

  g_async_queue_push (self->queue, worker_job_new (JOB_TASK, task, func));
}

gboolean
_bp_history_store_check_result (BpHistoryStore *self,
                                GAsyncResult   *result,
                                gpointer        source_tag)
{
  return g_task_is_valid (result, self) &&
         g_task_get_source_tag (G_TASK (result)) == source_tag;
}

/* Row ids are 64-bit, wider than the gssize of g_task_return_int() on
 * 32-bit systems. */
void
_bp_history_task_return_id (GTask  *task,
                            gint64  id)
{
  g_task_return_pointer (task, g_memdup2 (&id, sizeof id), g_free);
}

/* Returns: the id, or 0 with @error set */
gint64
_bp_history_task_propagate_id (GTask   *task,
                               GError **error)
{
  g_autofree gint64 *id = g_task_propagate_pointer (task, error);

  return id != NULL ? *id : 0;
}

/* Test hook: while paused the worker finishes its current call, then waits,
 * so tests can queue several calls and decide what happens before they run. */
void
_bp_history_store_set_paused (BpHistoryStore *self,
                              gboolean        paused)
{
  g_assert (BP_IS_HISTORY_STORE (self));

  g_mutex_lock (&self->pause_mutex);
  self->paused = !!paused;
  g_cond_broadcast (&self->pause_cond);
  g_mutex_unlock (&self->pause_mutex);

  if (paused)
    g_async_queue_push (self->queue, worker_job_new (JOB_PAUSE, NULL, NULL));
}

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BpHistoryStore *self = source_object;
  g_autoptr(GError) error = NULL;

  if (!_bp_history_db_open (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

void
_bp_history_store_open_full_async (const char          *path,
                                   int                  busy_timeout_ms,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(BpHistoryStore) self = NULL;
  g_autofree char *dir = NULL;
  GTask *task;

  self = g_object_new (BP_TYPE_HISTORY_STORE, NULL);
  self->path = path != NULL ? g_strdup (path) : bp_history_store_dup_default_path ();
  dir = g_path_get_dirname (self->path);
  self->images_dir = g_build_filename (dir, BP_HISTORY_IMAGES_DIR_NAME, NULL);
  self->busy_timeout_ms = busy_timeout_ms;
  self->thread = g_thread_new ("bp-history", worker_thread, self);

  task = _bp_history_store_new_task (self, cancellable, callback, user_data,
                                     bp_history_store_open_async);
  _bp_history_store_queue (self, task, open_worker);
}

/**
 * bp_history_store_open_async:
 * @path: (nullable): the database file, or %NULL for
 *   bp_history_store_dup_default_path()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the store is ready
 * @user_data: data for @callback
 *
 * Opens the history database, creating it and its folder (and the images
 * folder beside it) when missing, and brings its schema up to date.
 */
void
bp_history_store_open_async (const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (path == NULL || *path != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  _bp_history_store_open_full_async (path, BP_HISTORY_DEFAULT_BUSY_TIMEOUT_MS,
                                     cancellable, callback, user_data);
}

/**
 * bp_history_store_open_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError in %BP_HISTORY_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): the open store, or %NULL on error
 */
BpHistoryStore *
bp_history_store_open_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_history_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bp_history_store_get_path:
 * @self: a #BpHistoryStore
 *
 * Returns: the database file
 */
const char *
bp_history_store_get_path (BpHistoryStore *self)
{
  g_return_val_if_fail (BP_IS_HISTORY_STORE (self), NULL);

  return self->path;
}

/**
 * bp_history_store_get_images_dir:
 * @self: a #BpHistoryStore
 *
 * Returns: the folder of the generated images, beside the database
 */
const char *
bp_history_store_get_images_dir (BpHistoryStore *self)
{
  g_return_val_if_fail (BP_IS_HISTORY_STORE (self), NULL);

  return self->images_dir;
}

/**
 * bp_history_store_dup_image_path:
 * @self: a #BpHistoryStore
 * @record: a stored image
 *
 * Returns: (transfer full) (nullable): the PNG file of @record, or %NULL
 *   when it has no file name
 */
char *
bp_history_store_dup_image_path (BpHistoryStore      *self,
                                 const BpImageRecord *record)
{
  g_return_val_if_fail (BP_IS_HISTORY_STORE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  if (record->file_name == NULL || *record->file_name == '\0')
    return NULL;

  return g_build_filename (self->images_dir, record->file_name, NULL);
}
