/* test-converse-stream-fast.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "bp-bedrock-error.h"
#include "bp-converse-stream-private.h"
#include "bp-test-utils.h"

/* The ConverseStream fast path (a single scan of text and reasoning
 * deltas) against the json-glib path it stands in for: whatever the fast
 * path takes, json-glib must read the same way, and the public parser
 * must give what json-glib gives for every payload. */

#define DELTA "contentBlockDelta"
#define SEED 20260103
#define N_ROUND_TRIPS 4000
#define N_MUTATIONS 20000

#define TEXT BP_STREAM_EVENT_TEXT_DELTA
#define REASONING BP_STREAM_EVENT_REASONING_DELTA

static void
assert_same_event (BpStreamEvent *a,
                   BpStreamEvent *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }

  g_assert_cmpint (bp_stream_event_get_event_type (a), ==, bp_stream_event_get_event_type (b));
  g_assert_cmpuint (bp_stream_event_get_block_index (a), ==, bp_stream_event_get_block_index (b));
  g_assert_cmpstr (bp_stream_event_get_text (a), ==, bp_stream_event_get_text (b));
  if (bp_stream_event_get_data (a) == NULL || bp_stream_event_get_data (b) == NULL)
    g_assert_true (bp_stream_event_get_data (a) == bp_stream_event_get_data (b));
  else
    g_assert_true (g_bytes_equal (bp_stream_event_get_data (a), bp_stream_event_get_data (b)));
}

static void
assert_same_error (const GError *a,
                   const GError *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }

  g_assert_cmpuint (a->domain, ==, b->domain);
  g_assert_cmpint (a->code, ==, b->code);
  g_assert_cmpstr (a->message, ==, b->message);
}

/* Runs the fast path, the json-glib path and the public parser over
 * @length bytes of @json. Returns whether the fast path took the payload,
 * and the json-glib event and error. */
static gboolean
run_paths (const char     *event_type,
           const char     *json,
           gsize           length,
           BpStreamEvent **out_slow,
           GError        **out_error)
{
  g_autoptr(GBytes) payload = g_bytes_new (json, length);
  g_autoptr(BpStreamEvent) fast = NULL;
  g_autoptr(BpStreamEvent) public = NULL;
  g_autoptr(BpStreamEvent) slow = NULL;
  g_autoptr(GError) public_error = NULL;
  g_autoptr(GError) slow_error = NULL;
  gboolean taken;

  taken = _bp_converse_stream_parse_fast (event_type, payload, &fast);
  slow = _bp_converse_stream_parse_slow (event_type, payload, &slow_error);
  public = bp_converse_stream_parse_event (event_type, payload, &public_error);

  if (taken)
    {
      g_assert_nonnull (fast);
      g_assert_no_error (slow_error);
      assert_same_event (fast, slow);
    }
  else
    {
      g_assert_null (fast);
    }
  assert_same_event (public, slow);
  assert_same_error (public_error, slow_error);

  if (out_slow != NULL)
    *out_slow = g_steal_pointer (&slow);
  if (out_error != NULL)
    *out_error = g_steal_pointer (&slow_error);

  return taken;
}

/* Payloads the fast path takes: the event both paths give. */
static const struct
{
  const char        *json;
  BpStreamEventType  type;
  guint              index;
  const char        *text;
} taken_cases[] = {
  { "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello\"}}", TEXT, 0, "Hello" },
  { "{\"contentBlockIndex\":1,\"delta\":{\"text\":\" the\"},\"p\":\"abcdefghijklmnopqrstu\"}",
    TEXT, 1, " the" },
  { "{\"p\":\"abc\",\"contentBlockIndex\":2,\"delta\":{\"text\":\"x\"}}", TEXT, 2, "x" },
  { "{\"contentBlockIndex\":3,\"p\":\"abc\",\"delta\":{\"text\":\"x\"}}", TEXT, 3, "x" },
  { "{\"delta\":{\"text\":\"x\"},\"p\":\"\",\"contentBlockIndex\":4}", TEXT, 4, "x" },
  { "{\"delta\":{\"text\":\"no index\"}}", TEXT, 0, "no index" },
  { "{\"delta\":{\"text\":\"\"},\"p\":\"ab\"}", TEXT, 0, "" },
  { " \r\n\t{ \"contentBlockIndex\" :\t7 ,\n"
    "\"delta\" : { \"text\" : \"a b\" } , \"p\" : \"q\" }\n ",
    TEXT, 7, "a b" },
  { "{\"contentBlockIndex\":-1,\"delta\":{\"text\":\"neg\"}}", TEXT, 0, "neg" },
  { "{\"contentBlockIndex\":-0,\"delta\":{\"text\":\"neg0\"}}", TEXT, 0, "neg0" },
  { "{\"contentBlockIndex\":4294967295,\"delta\":{\"text\":\"max\"}}",
    TEXT, G_MAXUINT, "max" },
  { "{\"contentBlockIndex\":4294967296,\"delta\":{\"text\":\"over\"}}",
    TEXT, 0, "over" },
  { "{\"contentBlockIndex\":999999999999999999,\"delta\":{\"text\":\"big\"}}",
    TEXT, 0, "big" },
  { "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"Hmm\"}},\"p\":\"ab\"}",
    REASONING, 0, "Hmm" },
  { "{\"p\":\"x\",\"delta\":{ \"reasoningContent\" : { \"text\" : \"\\uC0DD\\uAC01\" } },"
    "\"contentBlockIndex\":5}",
    REASONING, 5, "생각" },
  /* Every two-character escape. */
  { "{\"delta\":{\"text\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}}", TEXT, 0, "\"\\/\b\f\n\r\t" },
  { "{\"delta\":{\"text\":\"a\\nb\\tc\\\\d\\/e\\\"\"}}", TEXT, 0, "a\nb\tc\\d/e\"" },
  /* Control characters other than U+0000, escaped. */
  { "{\"delta\":{\"text\":\"\\u0001\\u001f\\u001F\\u007f\"}}", TEXT, 0, "\x01\x1f\x1f\x7f" },
  /* BMP escapes in both cases, and noncharacters, which are valid. */
  { "{\"delta\":{\"text\":\"\\u00e9\\u00E9\\u20AC\\u20ac\\uFFFF\\uFFFE\\uE000\"}}",
    TEXT, 0, "éé€€\xef\xbf\xbf\xef\xbf\xbe\xee\x80\x80" },
  /* Astral characters as surrogate pairs, the first and last included. */
  { "{\"delta\":{\"text\":\"\\uD83D\\uDE00\\ud83d\\ude00\\uD800\\uDC00\\uDBFF\\uDFFF\"}}",
    TEXT, 0, "😀😀\xf0\x90\x80\x80\xf4\x8f\xbf\xbf" },
  /* Korean, raw and escaped. */
  { "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"안녕하세요, 세계!\"},\"p\":\"abc\"}",
    TEXT, 0, "안녕하세요, 세계!" },
  { "{\"delta\":{\"text\":\"\\uC548\\uB155\\uD558\\uC138\\uC694\"}}",
    TEXT, 0, "안녕하세요" },
  /* Raw UTF-8 of every length, DEL and a noncharacter. */
  { "{\"delta\":{\"text\":\"a\xc2\xa9\xe2\x82\xac\xf0\x9f\x98\x80"
    "\x7f\xef\xbf\xbf\xf4\x8f\xbf\xbf\"}}",
    TEXT, 0, "a\xc2\xa9\xe2\x82\xac\xf0\x9f\x98\x80\x7f\xef\xbf\xbf\xf4\x8f\xbf\xbf" },
  /* Padding that needs decoding is checked and dropped. */
  { "{\"delta\":{\"text\":\"t\"},\"p\":\"\\u00e9\\n\\uD83D\\uDE00\xed\x9f\xbf\"}", TEXT, 0, "t" },
};

static void
test_taken (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (taken_cases); i++)
    {
      const char *json = taken_cases[i].json;
      g_autoptr(BpStreamEvent) slow = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %s", i, json);
      g_assert_true (run_paths (DELTA, json, strlen (json), &slow, &error));
      g_assert_no_error (error);
      g_assert_cmpint (bp_stream_event_get_event_type (slow), ==, taken_cases[i].type);
      g_assert_cmpuint (bp_stream_event_get_block_index (slow), ==, taken_cases[i].index);
      g_assert_cmpstr (bp_stream_event_get_text (slow), ==, taken_cases[i].text);
    }
}

typedef enum
{
  SLOW_EVENT,    /* json-glib gives an event */
  SLOW_NOTHING,  /* json-glib ignores the payload */
  SLOW_ERROR,    /* json-glib fails */
} SlowOutcome;

/* Payloads the fast path declines, and what json-glib makes of them. */
static const struct
{
  const char  *json;
  SlowOutcome  slow;
} declined_cases[] = {
  /* Members the fast path does not know. */
  { "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"a\"},\"x\":1}", SLOW_EVENT },
  { "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"a\",\"x\":1}}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\",\"reasoningContent\":{\"text\":\"b\"}}}", SLOW_EVENT },
  { "{\"delta\":{\"reasoningContent\":{\"text\":\"b\"},\"text\":\"a\"}}", SLOW_EVENT },
  { "{\"delta\":{\"reasoningContent\":{\"text\":\"b\",\"signature\":\"c2ln\"}}}", SLOW_EVENT },
  { "{\"delta\":{\"reasoningContent\":{\"signature\":\"c2ln\"}}}", SLOW_EVENT },
  { "{\"delta\":{\"reasoningContent\":{\"redactedContent\":\"AQID\"}}}", SLOW_EVENT },
  { "{\"delta\":{\"toolUse\":{\"input\":\"{\\\"a\\\":\"}}}", SLOW_EVENT },
  { "{\"delta\":{\"citation\":{\"title\":\"x\"}}}", SLOW_NOTHING },
  { "{\"start\":{},\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  /* Duplicate members: json-glib keeps the last. */
  { "{\"delta\":{\"text\":\"a\"},\"delta\":{\"text\":\"b\"}}", SLOW_EVENT },
  { "{\"contentBlockIndex\":1,\"contentBlockIndex\":2,\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  { "{\"p\":\"a\",\"delta\":{\"text\":\"a\"},\"p\":\"b\"}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\",\"text\":\"b\"}}", SLOW_EVENT },
  /* Indexes that are not plain integers. */
  { "{\"contentBlockIndex\":1e0,\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  { "{\"contentBlockIndex\":1E1,\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  { "{\"contentBlockIndex\":2.0,\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  { "{\"contentBlockIndex\":2.5,\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  { "{\"contentBlockIndex\":01,\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  { "{\"contentBlockIndex\":-1e3,\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  { "{\"contentBlockIndex\":1000000000000000000,\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  { "{\"contentBlockIndex\":99999999999999999999,\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  { "{\"contentBlockIndex\":\"1\",\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  { "{\"contentBlockIndex\":null,\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  { "{\"contentBlockIndex\":true,\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  /* Values of other types. */
  { "{\"delta\":{\"text\":\"a\"},\"p\":1}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\"},\"p\":null}", SLOW_EVENT },
  { "{\"delta\":{\"text\":1}}", SLOW_NOTHING },
  { "{\"delta\":{\"text\":null}}", SLOW_NOTHING },
  { "{\"delta\":\"text\"}", SLOW_NOTHING },
  { "{\"delta\":{}}", SLOW_NOTHING },
  { "{\"delta\":{\"reasoningContent\":{}}}", SLOW_NOTHING },
  { "{\"contentBlockIndex\":0}", SLOW_NOTHING },
  { "{\"contentBlockIndex\":0,\"p\":\"abc\"}", SLOW_NOTHING },
  { "{}", SLOW_NOTHING },
  /* Keys spelled with escapes. */
  { "{\"\\u0064elta\":{\"text\":\"a\"}}", SLOW_EVENT },
  { "{\"delta\":{\"te\\u0078t\":\"a\"}}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\"},\"\\u0070\":\"x\"}", SLOW_EVENT },
  /* Strings json-glib reads in its own way. */
  { "{\"delta\":{\"text\":\"a\\u0000b\"}}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\\x41\"}}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\\U0041\"}}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\\uD800b\"}}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\\uDC00b\"}}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\\uDE00\\uD83D\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\\uD800\\u0041\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\\uD800\\n\"}}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\nb\"}}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\tb\"}}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\x1f\"}}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\"},\"p\":\"\x01\"}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\"},\"p\":\"\\q\"}", SLOW_EVENT },
  { "{\"delta\":{\"text\":'a'}}", SLOW_EVENT },
  { "{/* c */\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  { "\xef\xbb\xbf{\"delta\":{\"text\":\"a\"}}", SLOW_EVENT },
  /* Invalid UTF-8: a stray continuation byte, a bad second byte,
   * overlong forms, a surrogate, beyond U+10FFFF, cut sequences. */
  { "{\"delta\":{\"text\":\"a\x80\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\xc3(\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\xc0\xaf\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\xc1\xbf\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\xe0\x80\xaf\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\xed\xa0\x80\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\xf0\x80\x80\xaf\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\xf4\x90\x80\x80\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\xf5\x80\x80\x80\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\xff\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\xe2\x82\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\xf0\x9f\x98\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\"},\"p\":\"\xe2\x82\"}", SLOW_ERROR },
  /* Malformed JSON. */
  { "", SLOW_ERROR },
  { " ", SLOW_ERROR },
  { "not json at all", SLOW_ERROR },
  { "[]", SLOW_ERROR },
  { "\"delta\"", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\"}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\\\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\\u41\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\\u12G4\"}}", SLOW_EVENT },
  { "{\"delta\":{\"text\":\"a\"},}", SLOW_ERROR },
  { "{,\"delta\":{\"text\":\"a\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\"}} x", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\"}}}", SLOW_ERROR },
  { "{\"delta\" {\"text\":\"a\"}}", SLOW_ERROR },
  { "{\"delta\":{\"text\":\"a\"}\"p\":\"b\"}", SLOW_ERROR },
  { "{\f\"delta\":{\"text\":\"a\"}}", SLOW_ERROR },
  { "{\"contentBlockIndex\":+1,\"delta\":{\"text\":\"a\"}}", SLOW_ERROR },
  { "{\"contentBlockIndex\":-,\"delta\":{\"text\":\"a\"}}", SLOW_ERROR },
};

static void
test_declined (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (declined_cases); i++)
    {
      const char *json = declined_cases[i].json;
      g_autoptr(BpStreamEvent) slow = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %s", i, json);
      g_assert_false (run_paths (DELTA, json, strlen (json), &slow, &error));
      switch (declined_cases[i].slow)
        {
        case SLOW_EVENT:
          g_assert_no_error (error);
          g_assert_nonnull (slow);
          break;
        case SLOW_NOTHING:
          g_assert_no_error (error);
          g_assert_null (slow);
          break;
        case SLOW_ERROR:
          g_assert_error (error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_CORRUPT_STREAM);
          g_assert_null (slow);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* A NUL byte anywhere: inside the text, after the object. */
static void
test_declined_nul (void)
{
  static const char inside[] = "{\"delta\":{\"text\":\"a\0b\"}}";
  static const char after[] = "{\"delta\":{\"text\":\"a\"}}\0";
  g_autoptr(GError) inside_error = NULL;
  g_autoptr(GError) after_error = NULL;

  g_assert_false (run_paths (DELTA, inside, sizeof inside - 1, NULL, &inside_error));
  g_assert_error (inside_error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_CORRUPT_STREAM);
  g_assert_false (run_paths (DELTA, after, sizeof after - 1, NULL, &after_error));
  g_assert_error (after_error, BP_BEDROCK_ERROR, BP_BEDROCK_ERROR_CORRUPT_STREAM);
}

/* Other events keep the json-glib path, even with a delta's payload. */
static void
test_other_events (void)
{
  static const char json[] = "{\"contentBlockIndex\":3,\"delta\":{\"text\":\"a\"},\"p\":\"b\"}";
  g_autoptr(GBytes) payload = g_bytes_new_static (json, strlen (json));
  g_autoptr(BpStreamEvent) fast = NULL;
  g_autoptr(BpStreamEvent) stop = NULL;

  g_assert_false (_bp_converse_stream_parse_fast ("contentBlockStop", payload, &fast));
  g_assert_false (_bp_converse_stream_parse_fast ("messageStart", payload, &fast));
  g_assert_false (_bp_converse_stream_parse_fast (DELTA, NULL, &fast));
  g_assert_null (fast);

  g_assert_false (run_paths ("contentBlockStop", json, strlen (json), &stop, NULL));
  g_assert_cmpint (bp_stream_event_get_event_type (stop), ==, BP_STREAM_EVENT_BLOCK_STOP);
  g_assert_cmpuint (bp_stream_event_get_block_index (stop), ==, 3);
}

/* Every prefix of a payload the fast path takes is declined until the
 * closing brace, and json-glib agrees on each. */
static void
test_truncated (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (taken_cases); i++)
    {
      const char *json = taken_cases[i].json;
      const char *last_brace = strrchr (json, '}');

      for (gsize length = 0; length < strlen (json); length++)
        {
          gboolean taken = run_paths (DELTA, json, length, NULL, NULL);

          g_assert_cmpint (taken, ==, json + length > last_brace);
        }
    }
}

/* A random string: mostly ASCII, with controls, JSON's special
 * characters, Latin, Hangul, other BMP characters and astral ones. */
static char *
random_text (GRand *rand)
{
  guint length = g_rand_int_range (rand, 0, 40);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < length; i++)
    {
      gunichar c;

      switch (g_rand_int_range (rand, 0, 8))
        {
        case 0: c = g_rand_int_range (rand, 1, 0x20); break;
        case 1: c = "\"\\/\x7f"[g_rand_int_range (rand, 0, 4)]; break;
        case 2: c = g_rand_int_range (rand, 0x80, 0x800); break;
        case 3: c = g_rand_int_range (rand, 0xAC00, 0xD7A4); break;
        case 4: c = g_rand_int_range (rand, 0x800, 0xD800); break;
        case 5: c = g_rand_int_range (rand, 0xE000, 0x10000); break;
        case 6: c = g_rand_int_range (rand, 0x10000, 0x110000); break;
        default: c = g_rand_int_range (rand, 0x20, 0x7f); break;
        }
      g_string_append_unichar (text, c);
    }

  return g_string_free (text, FALSE);
}

static char
short_escape (gunichar c)
{
  switch (c)
    {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case '\b': return 'b';
    case '\f': return 'f';
    case '\n': return 'n';
    case '\r': return 'r';
    case '\t': return 't';
    default: return 0;
    }
}

static void
append_hex4 (GString  *json,
             gunichar  value,
             gboolean  upper)
{
  if (upper)
    g_string_append_printf (json, "\\u%04X", value);
  else
    g_string_append_printf (json, "\\u%04x", value);
}

static void
append_unicode_escape (GString  *json,
                       gunichar  c,
                       GRand    *rand)
{
  gboolean upper = g_rand_boolean (rand);

  if (c < 0x10000)
    {
      append_hex4 (json, c, upper);
      return;
    }

  append_hex4 (json, 0xD800 + ((c - 0x10000) >> 10), upper);
  append_hex4 (json, 0xDC00 + ((c - 0x10000) & 0x3FF), upper);
}

/* The JSON string for @text, each character written raw, as a short
 * escape or as \u escapes (upper or lower case hex), at random. */
static void
append_json_string (GString    *json,
                    const char *text,
                    GRand      *rand)
{
  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean raw_allowed = c >= 0x20 && c != '"' && c != '\\';
      guint how = g_rand_int_range (rand, 0, 3);

      if (how == 2 && raw_allowed)
        g_string_append_len (json, p, g_utf8_next_char (p) - p);
      else if (how != 1 && short_escape (c) != 0)
        g_string_append_printf (json, "\\%c", short_escape (c));
      else
        append_unicode_escape (json, c, rand);
    }
  g_string_append_c (json, '"');
}

static void
append_member (GString    *json,
               guint       which,
               gint64      index,
               const char *text,
               const char *padding,
               gboolean    reasoning,
               GRand      *rand)
{
  const char *space = g_rand_int_range (rand, 0, 4) == 0 ? " \n\t\r" : "";

  if (which == 0)
    g_string_append_printf (json, "\"contentBlockIndex\"%s:%s%" G_GINT64_FORMAT,
                            space, space, index);
  else if (which == 1)
    {
      g_string_append_printf (json, "\"delta\":%s{%s", space,
                              reasoning ? "\"reasoningContent\":{" : "");
      g_string_append_printf (json, "\"text\"%s:", space);
      append_json_string (json, text, rand);
      g_string_append_printf (json, "%s}%s", reasoning ? "}" : "", space);
    }
  else
    {
      g_string_append (json, "\"p\":");
      append_json_string (json, padding, rand);
    }
}

/* Random texts, indexes, member orders and escapes, written by hand. */
static void
test_random_escapes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);

  for (guint i = 0; i < N_ROUND_TRIPS; i++)
    {
      g_autofree char *text = random_text (rand);
      g_autofree char *padding = random_text (rand);
      g_autoptr(GString) json = g_string_new ("{");
      g_autoptr(BpStreamEvent) slow = NULL;
      gboolean reasoning = g_rand_boolean (rand);
      gint64 index = g_rand_int_range (rand, -3, 100);
      guint order[3] = { 0, 1, 2 };
      guint n_members = 0;

      for (guint j = 2; j > 0; j--)
        {
          guint k = g_rand_int_range (rand, 0, j + 1);
          guint swap = order[j];

          order[j] = order[k];
          order[k] = swap;
        }

      for (guint j = 0; j < 3; j++)
        {
          /* The delta is required; the index and the padding are not. */
          if (order[j] != 1 && g_rand_int_range (rand, 0, 4) == 0)
            continue;
          if (n_members++ > 0)
            g_string_append_c (json, ',');
          append_member (json, order[j], index, text, padding, reasoning, rand);
        }
      g_string_append_c (json, '}');

      g_assert_true (run_paths (DELTA, json->str, json->len, &slow, NULL));
      g_assert_cmpstr (bp_stream_event_get_text (slow), ==, text);
      g_assert_cmpint (bp_stream_event_get_event_type (slow), ==,
                       reasoning ? BP_STREAM_EVENT_REASONING_DELTA : BP_STREAM_EVENT_TEXT_DELTA);
    }
}

/* Random texts as json-glib's generator writes them. */
static void
test_random_generator (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 1);
  guint n_strict = 0;

  for (guint i = 0; i < N_ROUND_TRIPS; i++)
    {
      g_autofree char *text = random_text (rand);
      g_autofree char *padding = random_text (rand);
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(BpStreamEvent) slow = NULL;
      g_autofree char *json = NULL;
      guint index = g_rand_int_range (rand, 0, 1000);
      gboolean strict;
      gsize length;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "contentBlockIndex");
      json_builder_add_int_value (builder, index);
      json_builder_set_member_name (builder, "delta");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, text);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "p");
      json_builder_add_string_value (builder, padding);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, g_rand_boolean (rand));
      json = json_generator_to_data (generator, &length);

      /* json-glib 1.6 writes U+001F raw, which JSON does not allow: the
       * fast path leaves such payloads to json-glib. */
      strict = strchr (text, 0x1f) == NULL && strchr (padding, 0x1f) == NULL;
      g_assert_cmpint (run_paths (DELTA, json, length, &slow, NULL), ==, strict);
      g_assert_cmpstr (bp_stream_event_get_text (slow), ==, text);
      g_assert_cmpuint (bp_stream_event_get_block_index (slow), ==, index);
      n_strict += strict;
    }

  g_test_message ("%u of %u generated payloads in strict JSON", n_strict, N_ROUND_TRIPS);
  g_assert_cmpuint (n_strict, >, N_ROUND_TRIPS / 2);
}

/* Damaged payloads: whatever the fast path still takes, json-glib must
 * read the same way. */
static void
test_random_mutations (void)
{
  static const char bytes[] = "{}[]:,\"\\/u0123456789aAdDeEfF+-. \n\t"
                              "\x01\x7f\x80\xbf\xc3\xe2\xed\xf0\xf4\xff";
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 2);
  guint n_taken = 0;

  for (guint i = 0; i < N_MUTATIONS; i++)
    {
      const char *base = taken_cases[g_rand_int_range (rand, 0, G_N_ELEMENTS (taken_cases))].json;
      g_autoptr(GString) json = g_string_new (base);
      guint n_edits = g_rand_int_range (rand, 1, 3);

      for (guint j = 0; j < n_edits && json->len > 0; j++)
        {
          gsize at = g_rand_int_range (rand, 0, json->len);
          char c = bytes[g_rand_int_range (rand, 0, sizeof bytes - 1)];

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0: json->str[at] = c; break;
            case 1: g_string_erase (json, at, 1); break;
            default: g_string_insert_c (json, at, c); break;
            }
        }

      n_taken += run_paths (DELTA, json->str, json->len, NULL, NULL);
    }

  /* Some edits land in text or padding and leave the payload valid. */
  g_test_message ("%u of %u damaged payloads taken by the fast path", n_taken, N_MUTATIONS);
  g_assert_cmpuint (n_taken, >, 0);
  g_assert_cmpuint (n_taken, <, N_MUTATIONS);
}

int
main (int   argc,
      char *argv[])
{
  bp_test_init (&argc, &argv);

  g_test_add_func ("/bp/converse-stream-fast/taken", test_taken);
  g_test_add_func ("/bp/converse-stream-fast/declined", test_declined);
  g_test_add_func ("/bp/converse-stream-fast/declined-nul", test_declined_nul);
  g_test_add_func ("/bp/converse-stream-fast/other-events", test_other_events);
  g_test_add_func ("/bp/converse-stream-fast/truncated", test_truncated);
  g_test_add_func ("/bp/converse-stream-fast/random-escapes", test_random_escapes);
  g_test_add_func ("/bp/converse-stream-fast/random-generator", test_random_generator);
  g_test_add_func ("/bp/converse-stream-fast/random-mutations", test_random_mutations);

  return g_test_run ();
}
