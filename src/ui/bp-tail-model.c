/* bp-tail-model.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-tail-model"

#include "config.h"

#include "bp-tail-model.h"

/* The end of a list: what the conversation view shows. GTK 4.8's list
 * view makes and measures some two hundred rows around its anchor, which
 * for Markdown messages takes half a second; a saved conversation opens
 * with its last messages instead, and older ones come in as the user
 * scrolls up (bp_tail_model_show_more()).
 *
 * The model hides the first items of its source. Changes in the part
 * shown, and items added at the end, pass through; items inserted just
 * above the part shown stay hidden, but for what fills the part shown up
 * to its minimum (so a conversation loaded newest first shows its end);
 * a change that straddles the edge shows the end afresh. GtkSliceListModel
 * cannot do this: changing its offset replaces every item, and the list
 * view would lose its place. */

struct _BpTailModel
{
  GObject     parent_instance;

  GListModel *source;     /* (owned) */
  guint       n_source;   /* the source's size as last seen */
  guint       hidden;     /* the items of the source not shown, from its start */
  guint       min_shown;
};

static GType
bp_tail_model_get_item_type (GListModel *model)
{
  BpTailModel *self = BP_TAIL_MODEL (model);

  return g_list_model_get_item_type (self->source);
}

static guint
bp_tail_model_get_n_items (GListModel *model)
{
  BpTailModel *self = BP_TAIL_MODEL (model);

  return self->n_source - self->hidden;
}

static gpointer
bp_tail_model_get_item (GListModel *model,
                        guint       position)
{
  BpTailModel *self = BP_TAIL_MODEL (model);

  if (position >= self->n_source - self->hidden)
    return NULL;

  return g_list_model_get_item (self->source, self->hidden + position);
}

static void
bp_tail_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = bp_tail_model_get_item_type;
  iface->get_n_items = bp_tail_model_get_n_items;
  iface->get_item = bp_tail_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (BpTailModel, bp_tail_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, bp_tail_model_list_model_init))

static void
source_items_changed_cb (BpTailModel *self,
                         guint        position,
                         guint        removed,
                         guint        added,
                         GListModel  *source)
{
  guint old_n = self->n_source;
  guint hidden = self->hidden;
  guint shown = old_n - hidden;

  g_assert (BP_IS_TAIL_MODEL (self));

  self->n_source = g_list_model_get_n_items (source);

  /* Inserted just above the items shown: only what the part shown lacks
   * of its minimum comes into view. */
  if (removed == 0 && position == hidden && position < old_n)
    {
      guint fill = MIN (added, shown < self->min_shown ? self->min_shown - shown : 0);

      self->hidden = hidden + added - fill;
      if (fill > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, fill);
      return;
    }

  /* In the part shown, or added at its end. */
  if (position >= hidden)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position - hidden, removed, added);
      return;
    }

  /* Only hidden items. */
  if (position + removed <= hidden)
    {
      self->hidden = hidden - removed + added;
      return;
    }

  /* Across the edge: the end, afresh. */
  self->hidden = self->n_source > self->min_shown ? self->n_source - self->min_shown : 0;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, shown, self->n_source - self->hidden);
}

static void
bp_tail_model_dispose (GObject *object)
{
  BpTailModel *self = (BpTailModel *) object;

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, source_items_changed_cb, self);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (bp_tail_model_parent_class)->dispose (object);
}

static void
bp_tail_model_class_init (BpTailModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_tail_model_dispose;
}

static void
bp_tail_model_init (BpTailModel *self)
{
}

/**
 * bp_tail_model_new:
 * @source: the whole list
 * @min_shown: how many items at least are shown, when the source has
 *   them
 *
 * Returns: (transfer full): a model of the end of @source: all of it at
 *   first, and then as described above
 */
BpTailModel *
bp_tail_model_new (GListModel *source,
                   guint       min_shown)
{
  BpTailModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);
  g_return_val_if_fail (min_shown > 0, NULL);

  self = g_object_new (BP_TYPE_TAIL_MODEL, NULL);
  self->source = g_object_ref (source);
  self->n_source = g_list_model_get_n_items (source);
  self->min_shown = min_shown;
  g_signal_connect_object (source, "items-changed", G_CALLBACK (source_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * bp_tail_model_get_n_hidden:
 * @self: a #BpTailModel
 *
 * Returns: how many items of the source, from its start, are not shown
 */
guint
bp_tail_model_get_n_hidden (BpTailModel *self)
{
  g_return_val_if_fail (BP_IS_TAIL_MODEL (self), 0);

  return self->hidden;
}

/**
 * bp_tail_model_show_more:
 * @self: a #BpTailModel
 * @n_items: how many more items to show
 *
 * Shows up to @n_items more of the hidden items, the ones just above the
 * part shown.
 *
 * Returns: how many came into view
 */
guint
bp_tail_model_show_more (BpTailModel *self,
                         guint        n_items)
{
  guint n;

  g_return_val_if_fail (BP_IS_TAIL_MODEL (self), 0);

  n = MIN (n_items, self->hidden);
  if (n == 0)
    return 0;

  self->hidden -= n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n);

  return n;
}
