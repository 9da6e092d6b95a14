/* bp-event-stream-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-event-stream.h"

G_BEGIN_DECLS

/* Offsets in the prelude, §7.1: total_length at 0, then headers_length,
 * then prelude_crc, the CRC of the 8 bytes before it. */
#define BP_EVENT_STREAM_HEADERS_LENGTH_OFFSET 4
#define BP_EVENT_STREAM_PRELUDE_CRC_OFFSET 8

/* Sizes inside one header, bedrock-wire-format.md §7.2: name_len is a u8,
 * the type a u8, and byte-array and string values start with a u16 length. */
#define BP_EVENT_STREAM_NAME_LEN_SIZE  1
#define BP_EVENT_STREAM_TYPE_SIZE      1
#define BP_EVENT_STREAM_VALUE_LEN_SIZE 2

/*
 * _bp_event_stream_value_head_size:
 * @type: a valid header type
 *
 * Returns: the size of the value's fixed part: the whole value for the
 *   scalar types and uuid, the u16 length prefix for bytes and string.
 */
static inline gsize
_bp_event_stream_value_head_size (BpEventStreamHeaderType type)
{
  switch (type)
    {
    case BP_EVENT_STREAM_HEADER_BOOL_TRUE:
    case BP_EVENT_STREAM_HEADER_BOOL_FALSE:
      return 0;
    case BP_EVENT_STREAM_HEADER_BYTE:
      return 1;
    case BP_EVENT_STREAM_HEADER_INT16:
      return 2;
    case BP_EVENT_STREAM_HEADER_INT32:
      return 4;
    case BP_EVENT_STREAM_HEADER_INT64:
    case BP_EVENT_STREAM_HEADER_TIMESTAMP:
      return 8;
    case BP_EVENT_STREAM_HEADER_UUID:
      return BP_EVENT_STREAM_UUID_LENGTH;
    case BP_EVENT_STREAM_HEADER_BYTES:
    case BP_EVENT_STREAM_HEADER_STRING:
      return BP_EVENT_STREAM_VALUE_LEN_SIZE;
    default:
      g_assert_not_reached ();
    }
}

/* Big-endian reads: every integer on the wire is big-endian (§7.1). */
static inline guint16
_bp_event_stream_read_u16 (const guint8 *p)
{
  return (guint16) (((guint) p[0] << 8) | p[1]);
}

static inline guint32
_bp_event_stream_read_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static inline guint64
_bp_event_stream_read_u64 (const guint8 *p)
{
  return ((guint64) _bp_event_stream_read_u32 (p) << 32) | _bp_event_stream_read_u32 (p + 4);
}

GBytes     *_bp_event_stream_empty_bytes               (void);
GBytes     *_bp_event_stream_bytes_new_nul_terminated  (const guint8         *data,
                                                        gsize                 len);
void        _bp_event_stream_message_take_header       (BpEventStreamMessage *message,
                                                        BpEventStreamHeader  *header);
void        _bp_event_stream_message_set_crcs          (BpEventStreamMessage *message,
                                                        guint32               prelude_crc,
                                                        guint32               message_crc);
const char *_bp_event_stream_message_find_duplicate    (BpEventStreamMessage *message);
gboolean    _bp_event_stream_parse_headers             (BpEventStreamMessage *message,
                                                        const guint8         *block,
                                                        gsize                 len,
                                                        GError              **error);

G_END_DECLS
