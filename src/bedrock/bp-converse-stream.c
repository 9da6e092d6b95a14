/* bp-converse-stream.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-converse"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bp-bedrock-error.h"
#include "bp-chat-json-private.h"
#include "bp-converse-private.h"
#include "bp-converse-stream-private.h"
#include "bp-json-scan-private.h"

/* ConverseStream events (wire format §2.4): the `:event-type` header names
 * the event, the payload is its JSON without a wrapper. Unknown event types,
 * unknown delta kinds and unknown members (such as the `p` padding) are
 * ignored; only a payload that is not a JSON object is an error. */

/* The largest redactedContent delta accepted. */
#define MAX_REDACTED_SIZE (16 * 1024 * 1024)

static const char * const event_types[] = {
  "messageStart", "contentBlockStart", "contentBlockDelta",
  "contentBlockStop", "messageStop", "metadata",
};

/*
 * _bp_converse_is_event_type:
 *
 * Returns: %TRUE if @event_type is a ConverseStream event this parser knows
 */
gboolean
_bp_converse_is_event_type (const char *event_type)
{
  if (event_type == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (event_types); i++)
    {
      if (strcmp (event_type, event_types[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A missing or out-of-range block index counts as 0. */
static guint
index_or_zero (gboolean have_index,
               gint64   index)
{
  if (!have_index || index < 0 || index > G_MAXUINT)
    return 0;

  return (guint) index;
}

static guint
block_index (JsonObject *object)
{
  gint64 index = 0;
  gboolean have_index = _bp_json_get_int (object, "contentBlockIndex", &index);

  return index_or_zero (have_index, index);
}

static BpStreamEvent *
text_event (BpStreamEventType  type,
            guint              index,
            const char        *text)
{
  BpStreamEvent *event = bp_stream_event_new (type, index);

  bp_stream_event_set_text (event, text);
  return event;
}

static BpStreamEvent *
block_start (JsonObject *object)
{
  JsonObject *start = _bp_json_get_object (object, "start");
  JsonObject *tool_use = _bp_json_get_object (start, "toolUse");
  BpStreamEvent *event;

  /* Tool results and images also start blocks; the reply has no place for
   * them yet. */
  if (tool_use == NULL)
    return NULL;

  event = bp_stream_event_new (BP_STREAM_EVENT_TOOL_USE_START, block_index (object));
  bp_stream_event_set_tool_use (event,
                                _bp_json_get_string (tool_use, "toolUseId"),
                                _bp_json_get_string (tool_use, "name"));
  return event;
}

static BpStreamEvent *
reasoning_delta (JsonObject  *reasoning,
                 guint        index,
                 GError     **error)
{
  const char *text = _bp_json_get_string (reasoning, "text");
  const char *signature = _bp_json_get_string (reasoning, "signature");
  const char *redacted = _bp_json_get_string (reasoning, "redactedContent");
  g_autoptr(GBytes) data = NULL;
  BpStreamEvent *event;

  if (text != NULL)
    return text_event (BP_STREAM_EVENT_REASONING_DELTA, index, text);
  if (signature != NULL)
    return text_event (BP_STREAM_EVENT_REASONING_SIGNATURE, index, signature);
  if (redacted == NULL)
    return NULL;

  data = _bp_base64_decode_strict (redacted, MAX_REDACTED_SIZE,
                                   BP_BEDROCK_ERROR_CORRUPT_STREAM, error);
  if (data == NULL)
    return NULL;

  event = bp_stream_event_new (BP_STREAM_EVENT_REDACTED_REASONING, index);
  bp_stream_event_set_data (event, data);
  return event;
}

static BpStreamEvent *
block_delta (JsonObject  *object,
             GError     **error)
{
  JsonObject *delta = _bp_json_get_object (object, "delta");
  JsonObject *reasoning = _bp_json_get_object (delta, "reasoningContent");
  JsonObject *tool_use = _bp_json_get_object (delta, "toolUse");
  const char *text = _bp_json_get_string (delta, "text");
  guint index = block_index (object);

  if (text != NULL)
    return text_event (BP_STREAM_EVENT_TEXT_DELTA, index, text);
  if (reasoning != NULL)
    return reasoning_delta (reasoning, index, error);
  if (tool_use != NULL && _bp_json_get_string (tool_use, "input") != NULL)
    return text_event (BP_STREAM_EVENT_TOOL_USE_DELTA, index,
                       _bp_json_get_string (tool_use, "input"));

  /* Citations, tool results, images: not shown yet. */
  return NULL;
}

static BpStreamEvent *
message_stop (JsonObject *object)
{
  BpStreamEvent *event = bp_stream_event_new (BP_STREAM_EVENT_MESSAGE_STOP, 0);
  const char *reason = _bp_json_get_string (object, "stopReason");

  bp_stream_event_set_stop_reason (event,
                                   reason != NULL ? bp_stop_reason_from_string (reason)
                                                  : BP_STOP_REASON_OTHER,
                                   reason);
  return event;
}

static BpStreamEvent *
metadata (JsonObject *object)
{
  BpStreamEvent *event = bp_stream_event_new (BP_STREAM_EVENT_METADATA, 0);
  gint64 latency = -1;
  BpUsage usage;

  bp_usage_init (&usage);
  _bp_json_read_converse_usage (_bp_json_get_object (object, "usage"), &usage);
  bp_stream_event_set_usage (event, &usage);

  if (!_bp_json_get_int (_bp_json_get_object (object, "metrics"), "latencyMs", &latency))
    latency = -1;
  bp_stream_event_set_latency (event, latency, -1);

  return event;
}

/*
 * _bp_converse_event_from_object:
 * @event_type: a ConverseStream event name
 * @object: its payload
 *
 * Returns: (transfer full) (nullable): the event, or %NULL when there is
 *   nothing to report (or on error, with @error set)
 */
BpStreamEvent *
_bp_converse_event_from_object (const char  *event_type,
                                JsonObject  *object,
                                GError     **error)
{
  g_assert (event_type != NULL);
  g_assert (object != NULL);

  if (strcmp (event_type, "messageStart") == 0)
    return bp_stream_event_new (BP_STREAM_EVENT_MESSAGE_START, 0);
  if (strcmp (event_type, "contentBlockStart") == 0)
    return block_start (object);
  if (strcmp (event_type, "contentBlockDelta") == 0)
    return block_delta (object, error);
  if (strcmp (event_type, "contentBlockStop") == 0)
    return bp_stream_event_new (BP_STREAM_EVENT_BLOCK_STOP, block_index (object));
  if (strcmp (event_type, "messageStop") == 0)
    return message_stop (object);
  if (strcmp (event_type, "metadata") == 0)
    return metadata (object);

  return NULL;
}

/* The fast path. Nearly every event of a reply is a text or reasoning
 * delta such as {"contentBlockIndex":0,"delta":{"text":"…"},"p":"…"}, and
 * one scan reads it for a fraction of what a JsonParser and its tree cost
 * (issue #3). It takes these members, each at most once, in any order, and
 * declines anything else, json-glib then reading the payload as before:
 * both paths give the same event for every payload the fast one takes. */

typedef struct
{
  char              *text;          /* (not owned) decoded delta text */
  BpStreamEventType  type;
  gint64             index;
  gboolean           have_index;
  gboolean           have_delta;
  gboolean           have_padding;
} FastDelta;

/* {"text":"…"} or {"reasoningContent":{"text":"…"}} */
static gboolean
fast_delta (BpJsonScan *scan,
            FastDelta  *fast)
{
  const char *key;
  gsize key_len;

  if (fast->have_delta || !_bp_json_scan_char (scan, '{') ||
      !_bp_json_scan_key (scan, &key, &key_len))
    return FALSE;
  fast->have_delta = TRUE;

  if (_bp_json_scan_key_is (key, key_len, "text"))
    fast->type = BP_STREAM_EVENT_TEXT_DELTA;
  else if (_bp_json_scan_key_is (key, key_len, "reasoningContent") &&
           _bp_json_scan_char (scan, '{') &&
           _bp_json_scan_key (scan, &key, &key_len) &&
           _bp_json_scan_key_is (key, key_len, "text"))
    fast->type = BP_STREAM_EVENT_REASONING_DELTA;
  else
    return FALSE;

  if (!_bp_json_scan_string (scan, fast->text))
    return FALSE;
  if (fast->type == BP_STREAM_EVENT_REASONING_DELTA && !_bp_json_scan_char (scan, '}'))
    return FALSE;

  return _bp_json_scan_char (scan, '}');
}

static gboolean
fast_member (BpJsonScan *scan,
             FastDelta  *fast)
{
  const char *key;
  gsize key_len;

  if (!_bp_json_scan_key (scan, &key, &key_len))
    return FALSE;

  if (_bp_json_scan_key_is (key, key_len, "delta"))
    return fast_delta (scan, fast);

  if (_bp_json_scan_key_is (key, key_len, "contentBlockIndex") && !fast->have_index)
    {
      fast->have_index = TRUE;
      return _bp_json_scan_int (scan, &fast->index);
    }

  /* The padding (§2.4): checked as json-glib would, then dropped. */
  if (_bp_json_scan_key_is (key, key_len, "p") && !fast->have_padding)
    {
      fast->have_padding = TRUE;
      return _bp_json_scan_string (scan, NULL);
    }

  return FALSE;
}

/*
 * _bp_converse_stream_parse_fast:
 * @event_type: a ConverseStream event name
 * @payload: (nullable): its payload
 * @out_event: (out) (transfer full): the event, when handled
 *
 * Reads a `contentBlockDelta` with a text or reasoning text delta without
 * json-glib.
 *
 * Returns: %TRUE with @out_event set if the payload is such a delta in
 *   strict JSON; %FALSE for anything else, to be read by
 *   _bp_converse_stream_parse_slow()
 */
gboolean
_bp_converse_stream_parse_fast (const char     *event_type,
                                GBytes         *payload,
                                BpStreamEvent **out_event)
{
  g_autofree char *text = NULL;
  FastDelta fast = { NULL, };
  BpJsonScan scan;
  const char *data;
  gsize length;

  g_assert (event_type != NULL);
  g_assert (out_event != NULL);

  if (payload == NULL || strcmp (event_type, "contentBlockDelta") != 0)
    return FALSE;

  data = g_bytes_get_data (payload, &length);
  if (length == 0)
    return FALSE;

  /* Decoding never lengthens a string, so the payload's size is room
   * enough for its text and a NUL. */
  fast.text = text = g_malloc (length);
  _bp_json_scan_init (&scan, data, length);

  if (!_bp_json_scan_char (&scan, '{'))
    return FALSE;
  do
    {
      if (!fast_member (&scan, &fast))
        return FALSE;
    }
  while (_bp_json_scan_char (&scan, ','));

  if (!_bp_json_scan_char (&scan, '}') || !_bp_json_scan_at_end (&scan) || !fast.have_delta)
    return FALSE;

  *out_event = text_event (fast.type, index_or_zero (fast.have_index, fast.index), fast.text);
  return TRUE;
}

/*
 * _bp_converse_stream_parse_slow:
 * @event_type: a ConverseStream event name
 * @payload: (nullable): its payload
 *
 * Reads any event with json-glib; see bp_converse_stream_parse_event().
 *
 * Returns: (transfer full) (nullable): the event
 */
BpStreamEvent *
_bp_converse_stream_parse_slow (const char  *event_type,
                                GBytes      *payload,
                                GError     **error)
{
  g_autoptr(JsonObject) object = NULL;

  g_assert (event_type != NULL);

  object = _bp_json_parse_object (payload, BP_BEDROCK_ERROR_CORRUPT_STREAM, error);
  if (object == NULL)
    {
      g_prefix_error (error, _("Bad ConverseStream event ‘%s’: "), event_type);
      return NULL;
    }

  return _bp_converse_event_from_object (event_type, object, error);
}

/**
 * bp_converse_stream_parse_event:
 * @event_type: the `:event-type` header of an `event` message
 * @payload: the message payload
 * @error: return location for a %BP_BEDROCK_ERROR_CORRUPT_STREAM error
 *
 * Turns one ConverseStream event into a #BpStreamEvent: `messageStart`,
 * `contentBlockStart` (tool use), `contentBlockDelta` (text, reasoning text,
 * signature, redacted reasoning, tool input), `contentBlockStop`,
 * `messageStop` and `metadata` (usage, `metrics.latencyMs`).
 *
 * Returns: (transfer full) (nullable): the event; %NULL without an error
 *   for events to ignore (unknown types, block kinds not shown), %NULL with
 *   @error set when the payload is not a JSON object or carries bad base64
 */
BpStreamEvent *
bp_converse_stream_parse_event (const char  *event_type,
                                GBytes      *payload,
                                GError     **error)
{
  BpStreamEvent *event = NULL;

  g_return_val_if_fail (event_type != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_bp_converse_is_event_type (event_type))
    {
      g_debug ("Ignoring ConverseStream event ‘%s’", event_type);
      return NULL;
    }

  if (_bp_converse_stream_parse_fast (event_type, payload, &event))
    return event;

  return _bp_converse_stream_parse_slow (event_type, payload, error);
}
