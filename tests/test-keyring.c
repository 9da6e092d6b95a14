/* test-keyring.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <libsecret/secret.h>

#include "bp-credentials-test-utils.h"
#include "bp-keyring.h"
#include "bp-test-utils.h"

/* These tests never touch the user's keyring: main() points the session
 * bus at nothing, and the others start a private bus (and, when it is
 * installed, a private gnome-keyring-daemon) in a temporary HOME. */

#define BUS_CONFIG \
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n" \
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n" \
  "<busconfig>\n" \
  "  <type>session</type>\n" \
  "  <listen>unix:tmpdir=%s</listen>\n" \
  "  <policy context=\"default\">\n" \
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n" \
  "    <allow eavesdrop=\"true\"/>\n" \
  "    <allow own=\"*\"/>\n" \
  "  </policy>\n" \
  "</busconfig>\n"

typedef struct
{
  TestHome        *home;
  GSubprocess     *bus_daemon;
  GSubprocess     *keyring_daemon;
  GDBusConnection *bus;
  char            *address;
} PrivateBus;

static void
private_bus_free (PrivateBus *pb)
{
  GDBusConnection *weak = pb->bus;

  /* libsecret keeps a service object on the bus: let go of it first, and
   * give the connection a moment to go, so that a later test gets a new
   * one (a stale one would fail that test). After a round trip libsecret
   * keeps it cached, which is why that test runs last. */
  secret_service_disconnect ();
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_clear_object (&pb->bus);
  for (guint i = 0; weak != NULL && i < 100; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5 * 1000);
    }
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);

  if (pb->keyring_daemon != NULL)
    {
      g_subprocess_force_exit (pb->keyring_daemon);
      g_subprocess_wait (pb->keyring_daemon, NULL, NULL);
    }
  if (pb->bus_daemon != NULL)
    {
      g_subprocess_force_exit (pb->bus_daemon);
      g_subprocess_wait (pb->bus_daemon, NULL, NULL);
    }

  g_clear_object (&pb->keyring_daemon);
  g_clear_object (&pb->bus_daemon);
  g_clear_pointer (&pb->home, test_home_free);
  g_free (pb->address);
  g_free (pb);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrivateBus, private_bus_free)

/* The daemons die with the test, even when it aborts. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
spawn_daemon (GSubprocessLauncher  *launcher,
              const char * const   *argv)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *subprocess;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  subprocess = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  return subprocess;
}

/* A dbus-daemon with no services to activate; the session bus of this
 * process from now on. NULL (test skipped) without dbus-daemon. */
static PrivateBus *
private_bus_new (void)
{
  g_autoptr(PrivateBus) pb = g_new0 (PrivateBus, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *daemon = g_find_program_in_path ("dbus-daemon");
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config_arg = NULL;

  if (daemon == NULL)
    {
      g_test_skip ("dbus-daemon is not installed");
      return NULL;
    }

  pb->home = test_home_new ();
  config = g_strdup_printf (BUS_CONFIG, pb->home->home);
  config_path = test_home_write (pb->home, "bus.conf", config);
  config_arg = g_strconcat ("--config-file=", config_path, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  pb->bus_daemon = spawn_daemon (launcher, (const char * const []) {
                                   daemon, config_arg, "--nofork", "--print-address", NULL });

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (pb->bus_daemon));
  pb->address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pb->address);

  /* Like GTestDBus; but keep the connection from exiting the test when
   * the daemon goes away at the end. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", pb->address, TRUE);
  pb->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_set_exit_on_close (pb->bus, FALSE);

  return g_steal_pointer (&pb);
}

static gboolean
name_has_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

/* gnome-keyring-daemon on the private bus, its login keyring created and
 * unlocked with an empty password. FALSE (test skipped) when unavailable. */
static gboolean
private_bus_start_keyring (PrivateBus *pb)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *data = g_build_filename (pb->home->home, "data", NULL);
  g_autofree char *runtime = g_build_filename (pb->home->home, "run", NULL);

  if (daemon == NULL)
    {
      g_test_skip ("gnome-keyring-daemon is not installed");
      return FALSE;
    }

  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_environ (launcher, pb->home->env);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", pb->address, TRUE);
  pb->keyring_daemon = spawn_daemon (launcher, (const char * const []) {
                                       daemon, "--foreground", "--components=secrets", "--unlock", NULL });

  /* The login keyring's password is read from stdin up to EOF. */
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (pb->keyring_daemon), "test", 4,
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (pb->keyring_daemon), NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 100 && !name_has_owner (pb->bus, "org.freedesktop.secrets"); i++)
    g_usleep (50 * 1000);

  if (!name_has_owner (pb->bus, "org.freedesktop.secrets"))
    {
      g_test_skip ("gnome-keyring-daemon did not start on the private bus");
      return FALSE;
    }

  return TRUE;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

/* Returns the stored key as bearer credentials, NULL when none. */
static BpCredentials *
lookup (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *key = NULL;

  bp_keyring_lookup_api_key_async (NULL, result_cb, &result);
  key = bp_keyring_lookup_api_key_finish (wait_for (&result), error);

  return key != NULL ? bp_credentials_new_bearer (key) : NULL;
}

static gboolean
store (const char  *key,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bp_keyring_store_api_key_async (key, NULL, result_cb, &result);

  return bp_keyring_store_api_key_finish (wait_for (&result), error);
}

static gboolean
clear (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bp_keyring_clear_api_key_async (NULL, result_cb, &result);

  return bp_keyring_clear_api_key_finish (wait_for (&result), error);
}

static void
assert_unavailable (void)
{
  g_autoptr(BpCredentials) found = NULL;
  g_autoptr(GError) error = NULL;

  /* A lookup finds nothing; storing and clearing say the keyring is
   * unavailable, never quoting the key. */
  found = lookup (&error);
  g_assert_no_error (error);
  g_assert_null (found);

  g_assert_false (store (TEST_BEARER, &error));
  g_assert_error (error, BP_KEYRING_ERROR, BP_KEYRING_ERROR_UNAVAILABLE);
  test_assert_no_secrets (error->message);
  g_assert_nonnull (strstr (error->message, "GNOME Keyring"));
  g_clear_error (&error);

  g_assert_false (clear (&error));
  g_assert_error (error, BP_KEYRING_ERROR, BP_KEYRING_ERROR_UNAVAILABLE);
}

static void
test_no_bus (void)
{
  /* main() pointed the session bus at a socket that does not exist. */
  assert_unavailable ();
}

static void
test_no_service (void)
{
  g_autoptr(PrivateBus) pb = private_bus_new ();

  /* A bus where nothing owns org.freedesktop.secrets, as on a desktop
   * without GNOME Keyring. */
  if (pb != NULL)
    assert_unavailable ();
}

static void
test_round_trip (void)
{
  g_autoptr(PrivateBus) pb = private_bus_new ();
  g_autoptr(BpCredentials) found = NULL;
  g_autoptr(BpCredentials) replaced = NULL;
  g_autoptr(BpCredentials) gone = NULL;
  g_autoptr(GError) error = NULL;

  if (pb == NULL || !private_bus_start_keyring (pb))
    return;

  g_assert_true (store ("bedrock-api-key-FIRST", &error));
  g_assert_no_error (error);
  g_assert_true (store (TEST_BEARER, &error));  /* replaces, no second item */
  g_assert_no_error (error);

  found = lookup (&error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (bp_credentials_get_bearer_token (found), ==, TEST_BEARER);

  g_assert_true (clear (&error));
  g_assert_no_error (error);
  gone = lookup (&error);
  g_assert_no_error (error);
  g_assert_null (gone);

  /* Clearing with nothing stored is fine. */
  g_assert_true (clear (&error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *no_bus = g_strdup_printf ("unix:path=%s/bp-no-such-bus-%u",
                                             g_get_tmp_dir (), (guint) getpid ());

  /* Never the real keyring. Set before any thread runs. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", no_bus, TRUE);
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/keyring/no-bus", test_no_bus);
  g_test_add_func ("/bp/keyring/no-service", test_no_service);
  g_test_add_func ("/bp/keyring/round-trip", test_round_trip);

  return g_test_run ();
}
