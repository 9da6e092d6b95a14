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
 * its region from the client, its model list refreshed from the service. */

static void
client_region_cb (BpChatPage      *self,
                  GParamSpec      *pspec,
                  BpBedrockClient *client)
{
  g_assert (BP_IS_CHAT_PAGE (self));

  if (self->panel != NULL)
    bp_parameter_panel_set_region (self->panel, bp_bedrock_client_get_region (client));
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
  g_signal_connect_object (self->panel, "changed",
                           G_CALLBACK (_bp_chat_page_update_memory), self, G_CONNECT_SWAPPED);
}
