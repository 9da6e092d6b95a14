/* bp-window.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bp-application.h"
#include "bp-bedrock-client.h"
#include "bp-chat-page.h"
#include "bp-connection-page.h"
#include "bp-history-sidebar.h"
#include "bp-placeholder-page.h"
#include "bp-window.h"

struct _BpWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  BpConnectionPage     *connection_page;
  BpChatPage           *chat_page;

  /* owned references */
  BpBedrockClient      *client;       /* (nullable) until the application is set */
  GCancellable         *cancellable;

  /* borrowed references */
  GSettings            *settings;  /* the application's; (nullable) */

  guint                 switcher_bar_source;

  /* The first answer decides whether the window opens on the onboarding
   * page; later answers only update the banner. */
  guint                 first_status_seen : 1;
  guint                 application_set_up : 1;
};

G_DEFINE_FINAL_TYPE (BpWindow, bp_window, ADW_TYPE_APPLICATION_WINDOW)

static gboolean
showing_views (BpWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "views") == 0;
}

/* The banner names a blocking problem while the views are shown; the
 * connection page explains the same problem in full, so it hides it. */
static void
update_banner (BpWindow *self)
{
  BpConnectionStatus status = bp_connection_page_get_status (self->connection_page);
  gboolean problem = status == BP_CONNECTION_STATUS_NOT_FOUND ||
                     status == BP_CONNECTION_STATUS_FAILED;

  if (status == BP_CONNECTION_STATUS_NOT_FOUND)
    {
      gtk_label_set_text (self->banner_label,
                          _("No AWS credentials found. Bedrock Playground needs them to call Amazon Bedrock."));
      gtk_button_set_label (self->banner_button, _("_Set Up…"));
    }
  else if (status == BP_CONNECTION_STATUS_FAILED)
    {
      gtk_label_set_text (self->banner_label,
                          _("AWS credentials could not be loaded."));
      gtk_button_set_label (self->banner_button, _("_Details…"));
    }

  gtk_revealer_set_reveal_child (self->banner_revealer, problem && showing_views (self));
}

static gboolean
update_switcher_bar_cb (gpointer data)
{
  BpWindow *self = data;

  self->switcher_bar_source = 0;

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    showing_views (self) &&
                                    adw_view_switcher_title_get_title_visible (self->switcher_title));

  return G_SOURCE_REMOVE;
}

static void
update_header (BpWindow *self)
{
  gboolean views = showing_views (self);

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, views);
  adw_view_switcher_title_set_subtitle (self->switcher_title, views ? NULL : _("Connection"));
  update_banner (self);

  /* The title becomes visible in the middle of a size allocation: revealing
   * the bar right then would allocate it at a stale height. Do it after. */
  if (self->switcher_bar_source == 0)
    self->switcher_bar_source = g_idle_add (update_switcher_bar_cb, self);
}

/* The template's widgets go one by one during dispose, and their
 * notifications may still arrive: nothing is left to update then. */
static gboolean
is_disposed (BpWindow *self)
{
  return self->main_stack == NULL || self->connection_page == NULL ||
         self->switcher_title == NULL || self->switcher_bar == NULL ||
         self->banner_revealer == NULL;
}

static void
connection_status_cb (BpWindow *self)
{
  g_assert (BP_IS_WINDOW (self));

  if (is_disposed (self))
    return;

  if (!self->first_status_seen &&
      bp_connection_page_get_status (self->connection_page) != BP_CONNECTION_STATUS_CHECKING)
    {
      self->first_status_seen = TRUE;
      if (bp_connection_page_get_status (self->connection_page) != BP_CONNECTION_STATUS_READY)
        bp_window_show_connection (self);
    }

  update_banner (self);
}

static void
update_header_cb (BpWindow *self)
{
  g_assert (BP_IS_WINDOW (self));

  if (is_disposed (self))
    return;

  update_header (self);
}

static void
configure_client_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The connection page explains a bad region or endpoint; requests made
   * meanwhile fail with the same reason. */
  if (!bp_bedrock_client_configure_finish (BP_BEDROCK_CLIENT (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not configure the Bedrock client: %s", error->message);
}

static char *
dup_setting (BpWindow   *self,
             const char *key)
{
  g_autofree char *value = NULL;

  if (self->settings == NULL)
    return NULL;

  value = g_strstrip (g_settings_get_string (self->settings, key));
  return *value != '\0' ? g_steal_pointer (&value) : NULL;
}

/* The region and endpoint of the preferences are explicit overrides;
 * without them the client resolves both from the environment and the
 * AWS config files, as the SDKs do. */
static void
configure_client (BpWindow *self)
{
  g_autofree char *region = dup_setting (self, "region");
  g_autofree char *endpoint_url = dup_setting (self, "endpoint-url");

  if (self->client == NULL)
    return;

  bp_bedrock_client_configure_async (self->client, region, endpoint_url, self->cancellable,
                                     configure_client_cb, NULL);
}

static void
connection_changed_cb (BpWindow *self)
{
  g_assert (BP_IS_WINDOW (self));

  if (is_disposed (self))
    return;

  configure_client (self);
  bp_connection_page_refresh (self->connection_page);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  BpWindow *self = BP_WINDOW (widget);

  bp_window_show_views (self);
  bp_window_set_visible_page (self, g_variant_get_string (param, NULL));
}

static void
show_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  bp_window_show_connection (BP_WINDOW (widget));
}

static void
show_views_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  bp_window_show_views (BP_WINDOW (widget));
}

static void
restore_size (BpWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 294));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
bp_window_close_request (GtkWindow *window)
{
  BpWindow *self = BP_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (bp_window_parent_class)->close_request (window);
}

/* GtkWindow:application is not a construct property: it arrives after
 * constructed(), so the window connects to its application here. */
static void
set_up_application (BpWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->application_set_up || !BP_IS_APPLICATION (app))
    return;

  self->application_set_up = TRUE;

  self->settings = bp_application_get_settings (BP_APPLICATION (app));
  if (self->settings != NULL)
    restore_size (self);

  g_signal_connect_object (app, "connection-changed",
                           G_CALLBACK (connection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  bp_connection_page_set_settings (self->connection_page, self->settings);
  bp_connection_page_set_credential_provider (self->connection_page,
                                              bp_application_get_credential_provider (BP_APPLICATION (app)));
  bp_connection_page_refresh (self->connection_page);

  if (bp_application_get_credential_provider (BP_APPLICATION (app)) != NULL)
    {
      self->client = bp_bedrock_client_new (bp_application_get_credential_provider (BP_APPLICATION (app)));
      bp_chat_page_set_client (self->chat_page, self->client);
      configure_client (self);
    }
}

static void
bp_window_notify (GObject    *object,
                  GParamSpec *pspec)
{
  if (g_strcmp0 (pspec->name, "application") == 0)
    set_up_application (BP_WINDOW (object));

  if (G_OBJECT_CLASS (bp_window_parent_class)->notify != NULL)
    G_OBJECT_CLASS (bp_window_parent_class)->notify (object, pspec);
}

/* Startup benchmark hook (tests/bench/bench-chat.c): with
 * BP_REPORT_FIRST_FRAME set, the window prints "first-frame MS" when it
 * has painted its first frame, MS being milliseconds since the process
 * started; with BP_EXIT_AFTER_FIRST_FRAME also set, it then closes. */
static gint64
process_age_ms (void)
{
  g_autofree char *stat = NULL;
  const char *fields;
  struct timespec now;
  guint64 start_ticks;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (fields = strrchr (stat, ')')) == NULL)
    return -1;

  /* Field 22 is the start time in clock ticks since boot; the text after
   * the command's ")" begins with field 3. */
  fields++;
  for (guint i = 3; i < 22 && fields != NULL; i++)
    fields = strchr (fields + 1, ' ');
  if (fields == NULL || clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;

  start_ticks = g_ascii_strtoull (fields, NULL, 10);

  return (gint64) now.tv_sec * 1000 + now.tv_nsec / 1000000 -
         (gint64) (start_ticks * 1000 / (guint64) sysconf (_SC_CLK_TCK));
}

static gboolean
close_after_first_frame_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));

  return G_SOURCE_REMOVE;
}

static void
first_frame_cb (GdkFrameClock *clock,
                BpWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);

  g_print ("first-frame %" G_GINT64_FORMAT "\n", process_age_ms ());
  fflush (stdout);

  if (g_getenv ("BP_EXIT_AFTER_FIRST_FRAME") != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_after_first_frame_cb,
                     g_object_ref (self), g_object_unref);
}

static void
bp_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (bp_window_parent_class)->realize (widget);

  if (g_getenv ("BP_REPORT_FIRST_FRAME") != NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (first_frame_cb), widget, 0);
}

static void
bp_window_dispose (GObject *object)
{
  BpWindow *self = (BpWindow *) object;

  self->settings = NULL;
  g_clear_handle_id (&self->switcher_bar_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_WINDOW);

  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bp_window_parent_class)->dispose (object);
}

static void
add_page_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  const char     *page)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, GDK_ALT_MASK,
                                       "win.show-page", "s", page);
}

static void
bp_window_class_init (BpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bp_window_dispose;
  object_class->notify = bp_window_notify;

  widget_class->realize = bp_window_realize;

  window_class->close_request = bp_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BpWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, connection_page);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, chat_page);
  gtk_widget_class_bind_template_callback (widget_class, connection_status_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_header_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-connection", NULL, show_connection_action);
  gtk_widget_class_install_action (widget_class, "win.show-views", NULL, show_views_action);

  add_page_binding (widget_class, GDK_KEY_1, "chat");
  add_page_binding (widget_class, GDK_KEY_2, "image");
  add_page_binding (widget_class, GDK_KEY_3, "compare");

  g_type_ensure (BP_TYPE_CHAT_PAGE);
  g_type_ensure (BP_TYPE_CONNECTION_PAGE);
  g_type_ensure (BP_TYPE_PLACEHOLDER_PAGE);
}

/* The history sidebar sits in the chat page's slot; the window connects
 * the two, so neither knows the other. */
static void
sidebar_activated_cb (BpWindow *self,
                      gint64    conversation_id)
{
  g_assert (BP_IS_WINDOW (self));

  bp_chat_page_load_conversation (self->chat_page, conversation_id);
}

static void
sidebar_new_requested_cb (BpWindow *self)
{
  g_assert (BP_IS_WINDOW (self));

  gtk_widget_activate_action (GTK_WIDGET (self->chat_page), "chat.new", NULL);
}

static void
sidebar_deleted_cb (BpWindow *self,
                    gint64    conversation_id)
{
  g_assert (BP_IS_WINDOW (self));

  if (bp_chat_page_get_conversation_id (self->chat_page) == conversation_id)
    bp_chat_page_new_conversation (self->chat_page);
}

static void
conversation_changed_cb (BpHistorySidebar *sidebar,
                         gint64            conversation_id)
{
  bp_history_sidebar_reload (sidebar);
}

static void
set_up_history_sidebar (BpWindow *self)
{
  GtkWidget *sidebar = bp_history_sidebar_new ();

  g_object_bind_property (self->chat_page, "history-store", sidebar, "store", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->chat_page, "conversation-id", sidebar, "selected-id", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->chat_page, "conversation-changed",
                           G_CALLBACK (conversation_changed_cb), sidebar, G_CONNECT_SWAPPED);
  g_signal_connect_object (sidebar, "conversation-activated",
                           G_CALLBACK (sidebar_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sidebar, "new-requested",
                           G_CALLBACK (sidebar_new_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sidebar, "conversation-deleted",
                           G_CALLBACK (sidebar_deleted_cb), self, G_CONNECT_SWAPPED);

  bp_chat_page_set_sidebar (self->chat_page, sidebar);
}

static void
bp_window_init (BpWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  set_up_history_sidebar (self);

  update_header (self);
}

/**
 * bp_window_new:
 * @application: the application: it gives the window its settings and
 *   credential provider
 *
 * Returns: (transfer none): a new window, owned by @application
 */
BpWindow *
bp_window_new (BpApplication *application)
{
  g_return_val_if_fail (BP_IS_APPLICATION (application), NULL);

  return g_object_new (BP_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * bp_window_get_connection_page:
 * @self: a #BpWindow
 *
 * Returns: (transfer none): the credentials status / onboarding page
 */
BpConnectionPage *
bp_window_get_connection_page (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), NULL);

  return self->connection_page;
}

/**
 * bp_window_show_connection:
 * @self: a #BpWindow
 *
 * Shows the credentials status page in place of Chat, Image and Compare.
 */
void
bp_window_show_connection (BpWindow *self)
{
  g_return_if_fail (BP_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->main_stack, "connection");
}

/**
 * bp_window_show_views:
 * @self: a #BpWindow
 *
 * Goes back from the credentials status page to Chat, Image and Compare.
 */
void
bp_window_show_views (BpWindow *self)
{
  g_return_if_fail (BP_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->main_stack, "views");
}

/**
 * bp_window_get_visible_page:
 * @self: a #BpWindow
 *
 * Returns: (nullable): the name of the page shown: "chat", "image",
 *   "compare", or "connection" while the credentials page is up
 */
const char *
bp_window_get_visible_page (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), NULL);

  if (!showing_views (self))
    return "connection";

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/**
 * bp_window_set_visible_page:
 * @self: a #BpWindow
 * @name: "chat", "image" or "compare"
 *
 * Switches the view stack to the page named @name.
 */
void
bp_window_set_visible_page (BpWindow   *self,
                            const char *name)
{
  g_return_if_fail (BP_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    {
      g_debug ("No page named “%s”", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}
