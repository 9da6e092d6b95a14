/* bp-request-dialog.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-request-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bp-request-dialog.h"

/**
 * BpRequestDialog:
 *
 * The "show request" learning aid: the URL and the exact JSON body of a
 * request (shown pretty-printed), with buttons that copy the body, or the
 * request as a boto3 snippet, an AWS CLI command or a curl command. No
 * header is shown, so no signature or token can leak from here.
 */

struct _BpRequestDialog
{
  AdwWindow           parent_instance;

  /* template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkLabel           *url_label;
  GtkTextView        *json_view;

  /* owned */
  BpRequestOperation  operation;
  char               *model_id;
  char               *region;
  char               *endpoint_url;  /* (nullable) */
  GBytes             *body;
  char               *url;
  gboolean            bearer;
};

G_DEFINE_FINAL_TYPE (BpRequestDialog, bp_request_dialog, ADW_TYPE_WINDOW)

static void
fill_snippet_request (BpRequestDialog  *self,
                      BpSnippetRequest *request)
{
  request->operation = self->operation;
  request->model_id = self->model_id;
  request->region = self->region;
  request->endpoint_url = self->endpoint_url;
  request->body = self->body;
  request->bearer = self->bearer;
}

/* The body as sent is compact; people read it indented. Anything that is
 * not JSON is shown as it is. */
static char *
pretty_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  if (!json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return g_strndup (data, size);

  return json_to_string (json_parser_get_root (parser), TRUE);
}

static void
toast (BpRequestDialog *self,
       const char      *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
copy_json_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  BpRequestDialog *self = BP_REQUEST_DIALOG (widget);
  g_autofree char *text = g_strndup (g_bytes_get_data (self->body, NULL),
                                     g_bytes_get_size (self->body));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  toast (self, _("Request body copied"));
}

static gboolean
kind_from_string (const char    *name,
                  BpSnippetKind *kind)
{
  if (g_strcmp0 (name, "boto3") == 0)
    *kind = BP_SNIPPET_BOTO3;
  else if (g_strcmp0 (name, "aws-cli") == 0)
    *kind = BP_SNIPPET_AWS_CLI;
  else if (g_strcmp0 (name, "curl") == 0)
    *kind = BP_SNIPPET_CURL;
  else
    return FALSE;

  return TRUE;
}

static void
copy_snippet_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BpRequestDialog *self = BP_REQUEST_DIALOG (widget);
  g_autofree char *snippet = NULL;
  BpSnippetKind kind;

  if (!kind_from_string (g_variant_get_string (param, NULL), &kind))
    return;

  snippet = bp_request_dialog_dup_snippet (self, kind);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), snippet);

  switch (kind)
    {
    case BP_SNIPPET_BOTO3:
      toast (self, _("boto3 snippet copied"));
      break;
    case BP_SNIPPET_AWS_CLI:
      toast (self, _("AWS CLI command copied"));
      break;
    case BP_SNIPPET_CURL:
    default:
      toast (self, _("curl command copied"));
      break;
    }
}

static void
bp_request_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BP_TYPE_REQUEST_DIALOG);

  G_OBJECT_CLASS (bp_request_dialog_parent_class)->dispose (object);
}

static void
bp_request_dialog_finalize (GObject *object)
{
  BpRequestDialog *self = (BpRequestDialog *) object;

  g_clear_pointer (&self->model_id, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->endpoint_url, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->body, g_bytes_unref);

  G_OBJECT_CLASS (bp_request_dialog_parent_class)->finalize (object);
}

static void
bp_request_dialog_class_init (BpRequestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_request_dialog_dispose;
  object_class->finalize = bp_request_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-request-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BpRequestDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BpRequestDialog, url_label);
  gtk_widget_class_bind_template_child (widget_class, BpRequestDialog, json_view);

  gtk_widget_class_install_action (widget_class, "request.copy-json", NULL, copy_json_action);
  gtk_widget_class_install_action (widget_class, "request.copy-snippet", "s", copy_snippet_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bp_request_dialog_init (BpRequestDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bp_request_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @request: the request to show; its strings and body are copied
 *
 * Returns: (transfer none): a new dialog, owned by GTK's window list;
 *   present it
 */
BpRequestDialog *
bp_request_dialog_new (GtkWindow              *parent,
                       const BpSnippetRequest *request)
{
  BpRequestDialog *self;
  g_autofree char *json = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (request != NULL && request->body != NULL, NULL);

  self = g_object_new (BP_TYPE_REQUEST_DIALOG,
                       "transient-for", parent,
                       NULL);

  self->operation = request->operation;
  self->model_id = g_strdup (request->model_id);
  self->region = g_strdup (request->region);
  self->endpoint_url = g_strdup (request->endpoint_url);
  self->body = g_bytes_ref (request->body);
  self->bearer = request->bearer;
  self->url = bp_request_snippet_get_url (request);

  /* The body has the focus: a selectable label first in the focus chain
   * would open with its text selected. */
  gtk_label_set_text (self->url_label, self->url);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->json_view));
  json = pretty_json (self->body);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->json_view), json, -1);

  return self;
}

/**
 * bp_request_dialog_get_url:
 * @self: a #BpRequestDialog
 *
 * Returns: the URL the request went to
 */
const char *
bp_request_dialog_get_url (BpRequestDialog *self)
{
  g_return_val_if_fail (BP_IS_REQUEST_DIALOG (self), NULL);

  return self->url;
}

/**
 * bp_request_dialog_get_body:
 * @self: a #BpRequestDialog
 *
 * Returns: (transfer none): the body exactly as sent (what Copy JSON
 *   copies)
 */
GBytes *
bp_request_dialog_get_body (BpRequestDialog *self)
{
  g_return_val_if_fail (BP_IS_REQUEST_DIALOG (self), NULL);

  return self->body;
}

/**
 * bp_request_dialog_dup_shown_json:
 * @self: a #BpRequestDialog
 *
 * Returns: (transfer full): the text of the body view
 */
char *
bp_request_dialog_dup_shown_json (BpRequestDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (BP_IS_REQUEST_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->json_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * bp_request_dialog_dup_snippet:
 * @self: a #BpRequestDialog
 * @kind: which snippet
 *
 * Returns: (transfer full): the request as code (what the Copy as buttons
 *   copy)
 */
char *
bp_request_dialog_dup_snippet (BpRequestDialog *self,
                               BpSnippetKind    kind)
{
  BpSnippetRequest request;

  g_return_val_if_fail (BP_IS_REQUEST_DIALOG (self), NULL);

  fill_snippet_request (self, &request);

  return bp_request_snippet_build (&request, kind);
}
