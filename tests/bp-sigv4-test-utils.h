/* bp-sigv4-test-utils.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Shared by test-sigv4.c and test-sigv4-suites.c: the example credentials
 * of the AWS suites, and a verifier that rebuilds a signed request and
 * checks every stage. Header-only (static inline). The secrets below are
 * the public AWS documentation examples. */

#include <glib.h>

#include "bp-sigv4-private.h"

G_BEGIN_DECLS

#define SUITE_KEY_ID   "AKIDEXAMPLE"
#define SUITE_SECRET   "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define SUITE_REGION   "us-east-1"
#define SUITE_SERVICE  "service"
#define SUITE_TIME     G_GINT64_CONSTANT (1440938160)  /* 2015-08-30T12:36:00Z */

static inline GBytes *
dup_body (BpSigV4Request *request)
{
  GBytes *body = bp_sigv4_request_get_body (request);

  return body != NULL ? g_bytes_ref (body) : NULL;
}

/* A copy of @request without the headers of @drop: what a verifier rebuilds. */
static inline BpSigV4Request *
copy_request (BpSigV4Request     *request,
              const char         *query,
              const char * const *drop)
{
  BpSigV4Request *copy = bp_sigv4_request_new (bp_sigv4_request_get_method (request),
                                               bp_sigv4_request_get_path (request), query);
  g_autoptr(GBytes) body = dup_body (request);

  for (guint i = 0; i < bp_sigv4_request_get_n_headers (request); i++)
    {
      const char *name, *value;

      bp_sigv4_request_get_nth_header (request, i, &name, &value);
      if (drop == NULL || !g_strv_contains (drop, name))
        bp_sigv4_request_add_header (copy, name, value);
    }
  bp_sigv4_request_set_body (copy, body);

  return copy;
}

/* Runs the stages the way a verifier does and checks each intermediate. */
static inline void
assert_stages (BpSigV4Request      *request,
               const BpSigV4Config *config,
               BpSigV4Mode          mode,
               const char          *creq,
               const char          *sts,
               const char          *signature)
{
  BpSigV4State state;

  g_assert_true (_bp_sigv4_validate_config (config, mode, NULL));
  g_assert_true (_bp_sigv4_validate_request (request, NULL));
  _bp_sigv4_state_init (&state, request, config, mode);
  _bp_sigv4_run_stages (&state);
  g_assert_cmpstr (state.canonical_request->str, ==, creq);
  g_assert_cmpstr (state.string_to_sign->str, ==, sts);
  if (signature != NULL)
    g_assert_cmpstr (state.signature, ==, signature);
  _bp_sigv4_state_clear (&state);

  /* The key is wiped. */
  for (guint i = 0; i < sizeof state.signing_key; i++)
    g_assert_cmpuint (state.signing_key[i], ==, 0);
}

G_END_DECLS
