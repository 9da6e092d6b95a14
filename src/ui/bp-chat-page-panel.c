/* bp-chat-page-panel.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-page"

#include "config.h"

#include "bp-chat-page-private.h"
#include "bp-model-picker.h"

/* The parameter panel on the right: beside the conversation or over it,
 * its region from the client, its model list refreshed from the service,
 * and whether the account has access to the models
 * (GetFoundationModelAvailability): the chosen one when the user chooses
 * it or a call to it is denied, every listed text model after a refresh.
 * Nothing is asked at startup: the app makes no call the user did not
 * ask for. */

static void
client_region_cb (BpChatPage      *self,
                  GParamSpec      *pspec,
                  BpBedrockClient *client)
{
  g_assert (BP_IS_CHAT_PAGE (self));

  if (self->panel != NULL)
    bp_parameter_panel_set_region (self->panel, bp_bedrock_client_get_region (client));

  /* Access is per region: what the service said holds no longer. */
  if (pspec != NULL)
    bp_model_catalogue_forget_access (self->catalogue);
}

static void
access_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BpChatPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_checked = 0;

  /* Without the permission (bedrock:GetFoundationModelAvailability) the
   * picker only shows no access badges: nothing to bother the user with. */
  if (!bp_bedrock_client_check_model_access_finish (BP_BEDROCK_CLIENT (object), result,
                                                    &n_checked, &error))
    g_debug ("Model access not checked: %s", error->message);
  else
    g_debug ("Model access checked for %u models", n_checked);
}

static void
check_access (BpChatPage         *self,
              const char * const *model_ids)
{
  if (self->client == NULL || self->disposed || model_ids[0] == NULL)
    return;

  bp_bedrock_client_check_model_access_async (self->client, self->catalogue, model_ids,
                                              self->cancellable, access_checked_cb,
                                              g_object_ref (self));
}

/**
 * _bp_chat_page_check_model_access:
 * @self: a #BpChatPage
 * @model_id: (nullable): a model or inference profile id
 * @again: whether to ask even when the access is known
 *
 * Asks the service whether the account has access to the model; the
 * picker shows the answer.
 */
void
_bp_chat_page_check_model_access (BpChatPage *self,
                                  const char *model_id,
                                  gboolean    again)
{
  BpModelInfo *info = model_id != NULL ? bp_model_catalogue_lookup (self->catalogue, model_id) : NULL;
  const char *ids[2] = { NULL, NULL };

  if (info == NULL || (!again && bp_model_info_get_access (info) != BP_MODEL_ACCESS_UNKNOWN))
    return;

  ids[0] = bp_model_info_get_id (info);
  check_access (self, ids);
}

/* After a refresh: every text model the region lists, retired ones aside. */
static void
check_listed_access (BpChatPage *self)
{
  g_autoptr(GListModel) models = bp_model_catalogue_list (self->catalogue, NULL, "TEXT",
                                                              BP_MODEL_LIST_DEFAULT);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(BpModelInfo) info = g_list_model_get_item (models, i);

      if (bp_model_info_is_live (info))
        g_ptr_array_add (ids, (gpointer) bp_model_info_get_id (info));
    }
  g_ptr_array_add (ids, NULL);

  check_access (self, (const char * const *) ids->pdata);
}

static void
picker_model_cb (BpChatPage    *self,
                 GParamSpec    *pspec,
                 BpModelPicker *picker)
{
  g_assert (BP_IS_CHAT_PAGE (self));

  _bp_chat_page_check_model_access (self, bp_model_picker_get_model_id (picker), FALSE);
}

static void
refresh_catalogue_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(BpChatPage) self = user_data;
  g_autoptr(GError) error = NULL;
  BpModelPicker *picker;

  if (!bp_bedrock_client_refresh_catalogue_finish (BP_BEDROCK_CLIENT (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr(BpErrorText) text = bp_error_text_new (error, NULL,
                                                        bp_bedrock_client_get_region (BP_BEDROCK_CLIENT (object)));

      _bp_chat_page_toast (self, text->title);
    }
  else if (error == NULL)
    check_listed_access (self);

  if (self->panel != NULL)
    {
      picker = bp_parameter_panel_get_model_picker (self->panel);
      bp_model_picker_set_refreshing (picker, FALSE);
    }
}

static void
refresh_requested_cb (BpChatPage    *self,
                      BpModelPicker *picker)
{
  g_assert (BP_IS_CHAT_PAGE (self));

  if (self->client == NULL || bp_model_picker_get_refreshing (picker))
    return;

  bp_model_picker_set_refreshing (picker, TRUE);
  bp_bedrock_client_refresh_catalogue_async (self->client, self->catalogue, self->cancellable,
                                             refresh_catalogue_cb, g_object_ref (self));
}

/* The panel is beside the conversation, or over it when the page is too
 * narrow for both (folded). Only what the user chooses beside it is
 * remembered. */
void
_bp_chat_page_set_panel_visible (BpChatPage *self,
                                 gboolean    visible)
{
  visible = !!visible;
  if (self->panel_visible == (guint) visible)
    return;

  self->panel_visible = visible;
  adw_flap_set_reveal_flap (self->panel_flap, visible);
  if (!adw_flap_get_folded (self->panel_flap))
    g_settings_set_boolean (self->settings, "parameter-panel-visible", visible);

  _bp_chat_page_notify_panel_visible (self);
}

static void
panel_folded_cb (BpChatPage *self,
                 GParamSpec *pspec,
                 AdwFlap    *flap)
{
  g_assert (BP_IS_CHAT_PAGE (self));

  if (self->disposed)
    return;

  if (adw_flap_get_folded (flap))
    _bp_chat_page_set_panel_visible (self, FALSE);
  else
    _bp_chat_page_set_panel_visible (self, g_settings_get_boolean (self->settings, "parameter-panel-visible"));
}

/* A folded panel also closes by a click beside it. */
static void
panel_revealed_cb (BpChatPage *self,
                   GParamSpec *pspec,
                   AdwFlap    *flap)
{
  g_assert (BP_IS_CHAT_PAGE (self));

  if (!self->disposed)
    _bp_chat_page_set_panel_visible (self, adw_flap_get_reveal_flap (flap));
}

/**
 * _bp_chat_page_follow_client:
 * @self: a #BpChatPage
 * @client: (nullable): the page's new client
 *
 * Stops following the region of the page's client and follows @client's:
 * the region picks the inference profiles of the panel.
 */
void
_bp_chat_page_follow_client (BpChatPage      *self,
                             BpBedrockClient *client)
{
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_func (self->client, client_region_cb, self);

  if (client == NULL)
    return;

  g_signal_connect_object (client, "notify::region", G_CALLBACK (client_region_cb),
                           self, G_CONNECT_SWAPPED);
  client_region_cb (self, NULL, client);
}

/**
 * _bp_chat_page_init_panel:
 * @self: a #BpChatPage
 *
 * Gives the panel the catalogue and follows the panel and its flap.
 */
void
_bp_chat_page_init_panel (BpChatPage *self)
{
  bp_parameter_panel_set_catalogue (self->panel, self->catalogue);

  g_signal_connect_object (self->panel_flap, "notify::folded",
                           G_CALLBACK (panel_folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->panel_flap, "notify::reveal-flap",
                           G_CALLBACK (panel_revealed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (bp_parameter_panel_get_model_picker (self->panel), "refresh-requested",
                           G_CALLBACK (refresh_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (bp_parameter_panel_get_model_picker (self->panel), "notify::model-id",
                           G_CALLBACK (picker_model_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->panel, "changed",
                           G_CALLBACK (_bp_chat_page_update_memory), self, G_CONNECT_SWAPPED);
}
