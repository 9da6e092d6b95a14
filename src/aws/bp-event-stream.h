/* bp-event-stream.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-types.h"

G_BEGIN_DECLS

/* The API contract agreed between modules, unchanged. */

#define BP_EVENT_STREAM_ERROR (bp_event_stream_error_quark ())

typedef enum {
  BP_EVENT_STREAM_ERROR_PRELUDE_CRC,     /* "Prelude checksum mismatch" */
  BP_EVENT_STREAM_ERROR_MESSAGE_CRC,     /* "Message checksum mismatch" */
  BP_EVENT_STREAM_ERROR_BAD_LENGTH,      /* lengths impossible or over the limits */
  BP_EVENT_STREAM_ERROR_BAD_HEADER,      /* unknown type, runs past the block, duplicate, empty name */
  BP_EVENT_STREAM_ERROR_TRUNCATED,       /* input ended mid-message */
  BP_EVENT_STREAM_ERROR_FAILED,          /* decoder already failed: reset first */
  BP_EVENT_STREAM_ERROR_TOO_LARGE,       /* encoder: message over the limit */
} BpEventStreamError;

typedef enum {
  BP_EVENT_STREAM_HEADER_BOOL_TRUE = 0, BP_EVENT_STREAM_HEADER_BOOL_FALSE = 1,
  BP_EVENT_STREAM_HEADER_BYTE = 2, BP_EVENT_STREAM_HEADER_INT16 = 3,
  BP_EVENT_STREAM_HEADER_INT32 = 4, BP_EVENT_STREAM_HEADER_INT64 = 5,
  BP_EVENT_STREAM_HEADER_BYTES = 6, BP_EVENT_STREAM_HEADER_STRING = 7,
  BP_EVENT_STREAM_HEADER_TIMESTAMP = 8, BP_EVENT_STREAM_HEADER_UUID = 9,
} BpEventStreamHeaderType;

typedef struct {
  char                    *name;   /* NUL-terminated */
  BpEventStreamHeaderType  type;
  gint64                   int_value;   /* bool (1/0), byte, int16/32/64, timestamp (ms) */
  GBytes                  *bytes_value; /* bytes, string (no NUL inside the bytes), uuid (16) */
} BpEventStreamHeader;

GQuark bp_event_stream_error_quark (void);

BpEventStreamMessage      *bp_event_stream_message_new               (void);
BpEventStreamMessage      *bp_event_stream_message_ref               (BpEventStreamMessage      *message);
void                       bp_event_stream_message_unref             (BpEventStreamMessage      *message);
void                       bp_event_stream_message_add_string_header (BpEventStreamMessage      *message,
                                                                      const char                *name,
                                                                      const char                *value);
void                       bp_event_stream_message_add_header        (BpEventStreamMessage      *message,
                                                                      const BpEventStreamHeader *header);
guint                      bp_event_stream_message_get_n_headers     (BpEventStreamMessage      *message);
const BpEventStreamHeader *bp_event_stream_message_get_header        (BpEventStreamMessage      *message,
                                                                      guint                      n);
const char                *bp_event_stream_message_get_string_header (BpEventStreamMessage      *message,
                                                                      const char                *name);
void                       bp_event_stream_message_set_payload       (BpEventStreamMessage      *message,
                                                                      GBytes                    *payload);
GBytes                    *bp_event_stream_message_get_payload       (BpEventStreamMessage      *message);
guint32                    bp_event_stream_message_get_prelude_crc   (BpEventStreamMessage      *message);
guint32                    bp_event_stream_message_get_message_crc   (BpEventStreamMessage      *message);
GBytes                    *bp_event_stream_message_encode            (BpEventStreamMessage      *message,
                                                                      GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpEventStreamMessage, bp_event_stream_message_unref)

BpEventStreamDecoder *bp_event_stream_decoder_new            (void);
void                  bp_event_stream_decoder_free           (BpEventStreamDecoder  *decoder);
gboolean              bp_event_stream_decoder_feed           (BpEventStreamDecoder  *decoder,
                                                              const guint8          *data,
                                                              gsize                  len,
                                                              GError               **error);
BpEventStreamMessage *bp_event_stream_decoder_pop            (BpEventStreamDecoder  *decoder);
gboolean              bp_event_stream_decoder_is_mid_message (BpEventStreamDecoder  *decoder);
gboolean              bp_event_stream_decoder_finish         (BpEventStreamDecoder  *decoder,
                                                              GError               **error);
void                  bp_event_stream_decoder_reset          (BpEventStreamDecoder  *decoder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpEventStreamDecoder, bp_event_stream_decoder_free)

/* Additions to the API contract. */

/* AWS event-stream framing (application/vnd.amazon.eventstream). The wire
 * format is described in shared/reference/bedrock-wire-format.md §7; the
 * names follow aws-c-event-stream's include/aws/event-stream/event_stream.h. */

/* total_length (u32) + headers_length (u32) + prelude_crc (u32): §7.1. */
#define BP_EVENT_STREAM_PRELUDE_LENGTH 12
/* The trailing message_crc (u32): §7.1. */
#define BP_EVENT_STREAM_CRC_LENGTH 4
/* A message with no headers and no payload: prelude + message_crc, §7.1. */
#define BP_EVENT_STREAM_MIN_MESSAGE_LENGTH \
  (BP_EVENT_STREAM_PRELUDE_LENGTH + BP_EVENT_STREAM_CRC_LENGTH)
/* The service-side maximum message size, 24 MiB: §7.4. */
#define BP_EVENT_STREAM_MAX_MESSAGE_LENGTH (24 * 1024 * 1024)
/* botocore rejects header sections over 128 KiB: §7.4. */
#define BP_EVENT_STREAM_MAX_HEADERS_LENGTH (128 * 1024)
/* name_len is a u8 and must be at least 1: §7.2. */
#define BP_EVENT_STREAM_MAX_HEADER_NAME_LENGTH 255
/* Byte-array and string values carry a u16 length: §7.2, §7.4. */
#define BP_EVENT_STREAM_MAX_HEADER_VALUE_LENGTH 65535
/* A uuid value is 16 raw bytes: §7.2, type 9. */
#define BP_EVENT_STREAM_UUID_LENGTH 16

gboolean bp_event_stream_message_equal (BpEventStreamMessage *a,
                                        BpEventStreamMessage *b);

G_END_DECLS
