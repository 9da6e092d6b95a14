/* bp-tail-model.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BP_TYPE_TAIL_MODEL (bp_tail_model_get_type ())

G_DECLARE_FINAL_TYPE (BpTailModel, bp_tail_model, BP, TAIL_MODEL, GObject)

BpTailModel *bp_tail_model_new          (GListModel  *source,
                                         guint        min_shown);
guint        bp_tail_model_get_n_hidden (BpTailModel *self);
guint        bp_tail_model_show_more    (BpTailModel *self,
                                         guint        n_items);

G_END_DECLS
