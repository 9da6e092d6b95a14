/* bp-chat-page-actions.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bp-chat-page-private.h"
#include "bp-credentials.h"
#include "bp-request-dialog.h"
#include "bp-request-snippet.h"

/* The "chat." actions, the keys, and the dialogs of the page. Buttons of
 * message rows name their item by its serial. */

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BpChatPage *self = BP_CHAT_PAGE (widget);
  g_autofree char *prompt = _bp_chat_page_dup_prompt (self);

  if (_bp_chat_page_send_prompt (self, prompt))
    _bp_chat_page_set_prompt (self, NULL);

  gtk_widget_grab_focus (GTK_WIDGET (self->prompt_view));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _bp_chat_page_stop (BP_CHAT_PAGE (widget));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  BpChatPage *self = BP_CHAT_PAGE (widget);

  bp_chat_page_new_conversation (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->prompt_view));
}

static BpChatItem *
item_from_param (BpChatPage *self,
                 GVariant   *param)
{
  return _bp_chat_page_find_item (self, g_variant_get_uint32 (param), NULL);
}

static void
regenerate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  BpChatPage *self = BP_CHAT_PAGE (widget);
  BpChatItem *item = item_from_param (self, param);

  if (item != NULL)
    _bp_chat_page_regenerate (self, item);
}

static void
resend_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BpChatPage *self = BP_CHAT_PAGE (widget);
  const char *text = NULL;
  BpChatItem *item;
  guint32 serial;

  g_variant_get (param, "(u&s)", &serial, &text);
  item = _bp_chat_page_find_item (self, serial, NULL);
  if (item != NULL)
    _bp_chat_page_resend (self, item, text);
}

static void
error_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  BpChatPage *self = BP_CHAT_PAGE (widget);
  BpChatItem *item = item_from_param (self, param);

  if (item != NULL)
    _bp_chat_page_error_action (self, item);
}

static void
show_request_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BpChatPage *self = BP_CHAT_PAGE (widget);
  BpChatItem *item = item_from_param (self, param);

  if (item != NULL)
    _bp_chat_page_show_request (self, item);
}

/* The request dialog. The URL says the operation, and whether the
 * regional endpoint or a custom one was used. */

static BpRequestOperation
operation_from_url (const char *url)
{
  if (g_str_has_suffix (url, "/converse-stream"))
    return BP_REQUEST_OPERATION_CONVERSE_STREAM;
  if (g_str_has_suffix (url, "/invoke-with-response-stream"))
    return BP_REQUEST_OPERATION_INVOKE_STREAM;
  if (g_str_has_suffix (url, "/invoke"))
    return BP_REQUEST_OPERATION_INVOKE;

  return BP_REQUEST_OPERATION_CONVERSE;
}

static void
split_url (const char  *url,
           char       **out_region,
           char       **out_endpoint_url)
{
  const char *model = strstr (url, "/model/");
  g_autofree char *base = model != NULL ? g_strndup (url, model - url) : g_strdup (url);
  const char *prefix = "https://bedrock-runtime.";
  const char *suffix = ".amazonaws.com";

  *out_region = NULL;
  *out_endpoint_url = NULL;

  if (g_str_has_prefix (base, prefix) && g_str_has_suffix (base, suffix) &&
      strlen (base) > strlen (prefix) + strlen (suffix))
    *out_region = g_strndup (base + strlen (prefix), strlen (base) - strlen (prefix) - strlen (suffix));
  else
    *out_endpoint_url = g_steal_pointer (&base);
}

typedef struct
{
  BpChatPage *self;  /* (owned) */
  BpChatItem *item;  /* (owned) */
} ShowRequestData;

static void
open_dialog (BpChatPage *self,
             BpChatItem *item,
             gboolean    bearer)
{
  const char *url = bp_chat_item_get_endpoint (item);
  const char *json = bp_chat_item_get_request_json (item);
  g_autofree char *region = NULL;
  g_autofree char *endpoint_url = NULL;
  g_autoptr(GBytes) body = NULL;
  BpSnippetRequest request = { 0 };
  BpRequestDialog *dialog;

  if (url == NULL || json == NULL || self->disposed)
    return;

  split_url (url, &region, &endpoint_url);
  body = g_bytes_new (json, strlen (json));

  request.operation = operation_from_url (url);
  request.model_id = bp_chat_item_get_invoke_id (item);
  request.region = region;
  if (request.region == NULL)
    request.region = bp_chat_item_get_region (item);
  if (request.region == NULL && self->client != NULL)
    request.region = bp_bedrock_client_get_region (self->client);
  if (request.region == NULL)
    request.region = "us-east-1";
  request.endpoint_url = endpoint_url;
  request.body = body;
  request.bearer = bearer;

  if (request.model_id == NULL)
    request.model_id = bp_chat_item_get_model_id (item);

  dialog = bp_request_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), &request);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
credentials_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ShowRequestData *data = user_data;
  g_autoptr(BpCredentials) credentials = NULL;
  gboolean bearer;

  credentials = bp_credential_provider_get_credentials_finish (BP_CREDENTIAL_PROVIDER (object),
                                                               result, NULL);
  bearer = credentials != NULL && bp_credentials_is_bearer (credentials);
  open_dialog (data->self, data->item, bearer);

  g_object_unref (data->self);
  g_object_unref (data->item);
  g_free (data);
}

/**
 * _bp_chat_page_show_request:
 * @self: a #BpChatPage
 * @item: a reply
 *
 * Shows the request that asked for @item. The snippets sign with SigV4 or
 * with a Bedrock API key as the current credentials do.
 */
void
_bp_chat_page_show_request (BpChatPage *self,
                            BpChatItem *item)
{
  ShowRequestData *data;

  if (self->client == NULL)
    {
      open_dialog (self, item, FALSE);
      return;
    }

  data = g_new0 (ShowRequestData, 1);
  data->self = g_object_ref (self);
  data->item = g_object_ref (item);
  bp_credential_provider_get_credentials_async (bp_bedrock_client_get_provider (self->client),
                                                self->cancellable, credentials_cb, data);
}

/* Export */

static const char *
export_extension (BpChatExportFormat format)
{
  return format == BP_CHAT_EXPORT_MARKDOWN ? ".md" : ".json";
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BpChatPage *self = BP_CHAT_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (!_bp_chat_page_export_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->disposed)
        _bp_chat_page_toast (self, error->message);
      return;
    }

  if (!self->disposed)
    _bp_chat_page_toast (self, _("Conversation exported"));
}

static void
export_to (BpChatPage         *self,
           BpChatExportFormat  format,
           GFile              *file)
{
  _bp_chat_page_export_async (self, format, file, self->cancellable, export_done_cb, NULL);
}

static char *
suggested_name (BpChatPage         *self,
                BpChatExportFormat  format)
{
  const char *title = self->conversation->title;
  g_autofree char *base = g_strdup (title != NULL && *title != '\0' ? title : _("Conversation"));

  g_strdelimit (base, "/\\:*?\"<>|", '-');

  return g_strconcat (base, export_extension (format), NULL);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
file_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BpChatPage) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);
  BpChatExportFormat format = GPOINTER_TO_INT (g_object_get_data (object, "bp-export-format"));

  if (file != NULL)
    export_to (self, format, file);
}

static void
choose_file (BpChatPage         *self,
             BpChatExportFormat  format)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autofree char *name = suggested_name (self, format);

  gtk_file_dialog_set_title (dialog, _("Export Conversation"));
  gtk_file_dialog_set_initial_name (dialog, name);
  g_object_set_data (G_OBJECT (dialog), "bp-export-format", GINT_TO_POINTER (format));
  gtk_file_dialog_save (dialog, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                        self->cancellable, file_dialog_cb, g_object_ref (self));
}
#else
static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     BpChatPage      *self)
{
  BpChatExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "bp-export-format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && !self->disposed)
        export_to (self, format, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_file (BpChatPage         *self,
             BpChatExportFormat  format)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = suggested_name (self, format);

  chooser = gtk_file_chooser_native_new (_("Export Conversation"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "bp-export-format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
#endif

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BpChatPage *self = BP_CHAT_PAGE (widget);
  BpChatExportFormat format = g_strcmp0 (g_variant_get_string (param, NULL), "json") == 0
                              ? BP_CHAT_EXPORT_JSON : BP_CHAT_EXPORT_MARKDOWN;

  if (self->conversation->id == 0)
    {
      _bp_chat_page_toast (self, _("There is nothing to export yet: send a message first."));
      return;
    }

  choose_file (self, format);
}

/* Enter sends, Shift+Enter adds a line; an input method composing a
 * character gets Enter first. */
static gboolean
prompt_key_pressed_cb (BpChatPage            *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  GdkEvent *event;

  g_assert (BP_IS_CHAT_PAGE (self));

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter) ||
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  if (event != NULL && gtk_text_view_im_context_filter_keypress (self->prompt_view, event))
    return TRUE;

  if (!bp_chat_page_get_busy (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "chat.send", NULL);

  return TRUE;
}

/* Installs the "chat." actions and their keys: Escape stops, Ctrl+N starts
 * a new conversation, F9 shows or hides the parameter panel. */
void
_bp_chat_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "chat.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "chat.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "chat.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "chat.regenerate", "u", regenerate_action);
  gtk_widget_class_install_action (widget_class, "chat.resend", "(us)", resend_action);
  gtk_widget_class_install_action (widget_class, "chat.error-action", "u", error_action);
  gtk_widget_class_install_action (widget_class, "chat.show-request", "u", show_request_action);
  gtk_widget_class_install_action (widget_class, "chat.export", "s", export_action);
  gtk_widget_class_install_property_action (widget_class, "chat.toggle-panel", "panel-visible");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chat.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "chat.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "chat.toggle-panel", NULL);
}

/* Enter in the prompt sends it. */
void
_bp_chat_page_init_actions (BpChatPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (prompt_key_pressed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->prompt_view), keys);
}
