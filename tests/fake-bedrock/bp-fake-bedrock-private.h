/* bp-fake-bedrock-private.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bp-fake-bedrock.h"

G_BEGIN_DECLS

/* The fake is an independent oracle of the wire format described in
 * shared/reference/bedrock-wire-format.md: it shares nothing with
 * src/bedrock, only the signer and the event-stream encoder of src/aws. */

/* How far X-Amz-Date may be from the server's clock (§6.5). */
#define BP_FAKE_MAX_SKEW_SECONDS   300
/* Mid-stream faults strike after this many events. */
#define BP_FAKE_FAULT_AFTER_EVENTS 3
/* The "huge" fault's reply size. */
#define BP_FAKE_HUGE_TEXT_BYTES    (8 * 1024 * 1024)
#define BP_FAKE_HUGE_IMAGE_SIDE    4096
/* Default delay of the slow-first-byte fault. */
#define BP_FAKE_SLOW_FIRST_BYTE_MS 3000
/* Default reply length in words when the prompt does not ask. */
#define BP_FAKE_DEFAULT_REPLY_WORDS 24
/* The account id in every ARN the fake makes up. */
#define BP_FAKE_ACCOUNT_ID         "123456789012"

struct _BpFakeBedrock
{
  GObject     parent_instance;

  /* owned */
  SoupServer *server;
  char       *url;
  guint       port;

  char       *access_key_id;       /* (nullable): SigV4 off when NULL */
  char       *secret_access_key;   /* (nullable) */
  char       *session_token;       /* (nullable) */
  gboolean    session_token_expired;
  char       *bearer_token;        /* (nullable): bearer off when NULL */

  char       *region;
  gint64      clock_offset;        /* seconds added to the real clock */
  guint       tokens_per_second;   /* 0 = as fast as possible */
  guint       reply_words;
  guint       slow_first_byte_ms;
  guint       control_delay_ms;    /* every control-plane answer waits this long */
  GHashTable *model_access;        /* base id → GINT_TO_POINTER (BpFakeAccess) */
  GHashTable *denied_operations;   /* operation names IAM denies (set) */

  GQueue      faults;              /* BpFakeFaultEntry (owned) */
  GHashTable *marker_counts;       /* char * → count of faults served */
  GHashTable *op_counts;           /* char * → GUINT_TO_POINTER (count) */
  GPtrArray  *requests;            /* BpFakeRequest, refcounted */
  guint       log_limit;           /* 0 = keep every request */
  GHashTable *exchanges;           /* BpFakeExchange set: in flight */
  guint       max_in_flight;       /* the most exchanges at once since the last reset */
  guint64     next_request_id;
};

/* Model families of §3 and §4. */
typedef enum
{
  BP_FAKE_FAMILY_ANTHROPIC,        /* Messages API, §3.1 */
  BP_FAKE_FAMILY_CLAUDE_TEXT,      /* legacy text completions, §3.2 */
  BP_FAKE_FAMILY_LLAMA,            /* §3.3 */
  BP_FAKE_FAMILY_TITAN_TEXT,       /* §3.4 */
  BP_FAKE_FAMILY_NOVA,             /* messages-v1, §3.5 */
  BP_FAKE_FAMILY_MISTRAL_PROMPT,   /* §3.6, prompt style */
  BP_FAKE_FAMILY_MISTRAL_CHAT,     /* §3.6, chat style */
  BP_FAKE_FAMILY_COHERE,           /* Command R, §3.7 */
  BP_FAKE_FAMILY_TITAN_IMAGE,      /* §4.1 */
  BP_FAKE_FAMILY_NOVA_CANVAS,      /* §4.1 */
  BP_FAKE_FAMILY_STABILITY,        /* §4.2 */
} BpFakeFamily;

typedef enum
{
  BP_FAKE_MODEL_ON_DEMAND          = 1 << 0,  /* invocable by base id */
  BP_FAKE_MODEL_PROFILE            = 1 << 1,  /* invocable through a profile */
  BP_FAKE_MODEL_LEGACY             = 1 << 2,
  BP_FAKE_MODEL_IMAGE_INPUT        = 1 << 3,
  BP_FAKE_MODEL_SAMPLING_EXCLUSIVE = 1 << 4,  /* temperature xor top_p */
} BpFakeModelFlags;

typedef struct
{
  const char       *id;
  const char       *name;
  const char       *provider;
  BpFakeFamily      family;
  BpFakeModelFlags  flags;
  guint             max_output_tokens;       /* 0 = no limit */
} BpFakeModel;

typedef struct
{
  const char *id;
  const char *name;
  const char *model_id;      /* the base model */
  const char *geography;     /* "us", "eu", "global"; NULL: application */
} BpFakeProfile;

/* A prompt as the fake understands it, whatever the request format. */
typedef struct
{
  char     *user_text;       /* (nullable): the last user turn, markers kept */
  guint     input_tokens;
  guint     max_tokens;      /* 0 = no limit */
  char    **stop_sequences;  /* (nullable) */
  gboolean  thinking;
} BpFakePrompt;

typedef enum
{
  BP_FAKE_STOP_END_TURN,
  BP_FAKE_STOP_MAX_TOKENS,
  BP_FAKE_STOP_STOP_SEQUENCE,
} BpFakeStop;

/* A deterministic reply: the text and its split into word pieces, each
 * piece one output token (its leading whitespace included). */
typedef struct
{
  GString    *text;
  GArray     *ends;           /* guint: end offset of each piece */
  char       *reasoning;      /* (nullable) */
  char       *signature;      /* (nullable) */
  guint       reasoning_tokens;
  BpFakeStop  stop;
  char       *stop_sequence;  /* (nullable): the sequence that matched */
} BpFakeReply;

typedef struct _BpFakeStream BpFakeStream;

/* One request in flight. */
typedef struct
{
  BpFakeBedrock     *fake;          /* borrowed: outlives every exchange */
  SoupServerMessage *msg;           /* owned */
  BpFakeRequest     *record;        /* owned reference */
  const char        *operation;     /* static */
  char              *model_id;      /* (nullable): decoded path label */
  const BpFakeModel *model;         /* (nullable): resolved model */
  char              *model_error;   /* (nullable): why it did not resolve */
  JsonNode          *json;          /* (nullable): the parsed body */
  char              *request_id;
  BpFakeFault        fault;
  gboolean           fault_decided;
  gboolean           in_handler;
  gboolean           paused;
  gboolean           finished;
  gboolean           delayed;       /* the control delay was applied */
  gint64             start_us;
  guint              delay_id;
  gulong             finished_id;
  BpFakeStream      *stream;        /* (nullable) (owned) */
} BpFakeExchange;

/* bp-fake-bedrock.c */
gint64          _bp_fake_bedrock_now              (BpFakeBedrock   *self);
void            _bp_fake_bedrock_dispatch         (BpFakeExchange  *exchange);
void            _bp_fake_request_unref            (BpFakeRequest   *request);
BpFakeRequest  *_bp_fake_request_ref              (BpFakeRequest   *request);

/* bp-fake-bedrock-exchange.c */
BpFakeExchange *_bp_fake_exchange_new             (BpFakeBedrock     *fake,
                                                   SoupServerMessage *msg,
                                                   BpFakeRequest     *record);
void            _bp_fake_exchange_free            (BpFakeExchange  *exchange);
void            _bp_fake_exchange_pause           (BpFakeExchange  *exchange);
void            _bp_fake_exchange_kick            (BpFakeExchange  *exchange);
void            _bp_fake_exchange_set_status      (BpFakeExchange  *exchange,
                                                   guint            status);
void            _bp_fake_exchange_set_header      (BpFakeExchange  *exchange,
                                                   const char      *name,
                                                   const char      *value);
void            _bp_fake_exchange_respond         (BpFakeExchange  *exchange,
                                                   guint            status,
                                                   const char      *content_type,
                                                   GBytes          *body);
void            _bp_fake_exchange_respond_json    (BpFakeExchange  *exchange,
                                                   guint            status,
                                                   JsonNode        *node);
void            _bp_fake_exchange_respond_error   (BpFakeExchange  *exchange,
                                                   guint            status,
                                                   const char      *code,
                                                   const char      *message);
void            _bp_fake_exchange_respond_validation (BpFakeExchange *exchange,
                                                      const char     *message);
gboolean        _bp_fake_exchange_parse_json      (BpFakeExchange  *exchange);
guint           _bp_fake_exchange_latency_ms      (BpFakeExchange  *exchange);
gboolean        _bp_fake_exchange_is_streaming    (BpFakeExchange  *exchange);
BpFakeReply    *_bp_fake_exchange_make_reply      (BpFakeExchange     *exchange,
                                                   const BpFakePrompt *prompt);
GBytes         *_bp_fake_json_to_bytes            (JsonNode        *node);

/* bp-fake-bedrock-auth.c */
gboolean        _bp_fake_auth_check               (BpFakeExchange  *exchange);
void            _bp_fake_auth_respond_bad_signature (BpFakeExchange *exchange);
void            _bp_fake_auth_respond_expired_token (BpFakeExchange *exchange);

/* bp-fake-bedrock-faults.c */
gboolean        _bp_fake_faults_apply             (BpFakeExchange  *exchange,
                                                   const char      *prompt_text);
void            _bp_fake_fault_entry_free         (gpointer         entry);

/* bp-fake-bedrock-models.c */
gboolean        _bp_fake_family_is_image          (BpFakeFamily     family);
const BpFakeModel   *_bp_fake_models_get          (guint           *n_models);
const BpFakeProfile *_bp_fake_profiles_get        (guint           *n_profiles);
const BpFakeModel   *_bp_fake_models_lookup       (const char      *base_id);
const BpFakeModel   *_bp_fake_models_resolve      (const char      *model_id,
                                                   char           **error_message);
char           *_bp_fake_model_arn                (const char      *region,
                                                   const char      *model_id);
char           *_bp_fake_profile_arn              (const char      *region,
                                                   const BpFakeProfile *profile);

/* bp-fake-bedrock-text.c */
guint           _bp_fake_count_words              (const char      *text);
char           *_bp_fake_strip_markers            (const char      *text);
gboolean        _bp_fake_marker_get_uint          (const char      *text,
                                                   const char      *name,
                                                   guint           *out_value);
gboolean        _bp_fake_marker_present           (const char      *text,
                                                   const char      *name);
void            _bp_fake_prompt_clear             (BpFakePrompt    *prompt);
BpFakeReply    *_bp_fake_reply_new                (const BpFakePrompt *prompt,
                                                   guint            target_words,
                                                   gsize            target_bytes,
                                                   gboolean         limit_tokens);
void            _bp_fake_reply_free               (BpFakeReply     *reply);
guint           _bp_fake_reply_get_n_pieces       (BpFakeReply     *reply);
guint           _bp_fake_reply_get_output_tokens  (BpFakeReply     *reply);
char           *_bp_fake_reply_dup_pieces         (BpFakeReply     *reply,
                                                   guint            first,
                                                   guint            n);
guint           _bp_fake_reply_words_per_delta    (BpFakeReply     *reply);

/* bp-fake-bedrock-stream.c */
BpFakeStream   *_bp_fake_stream_new               (BpFakeExchange  *exchange);
void            _bp_fake_stream_free              (BpFakeStream    *stream);
gboolean        _bp_fake_stream_is_closed         (BpFakeStream    *stream);
void            _bp_fake_stream_add_event         (BpFakeStream    *stream,
                                                   const char      *event_type,
                                                   JsonNode        *payload,
                                                   guint            tokens);
void            _bp_fake_stream_add_chunk         (BpFakeStream    *stream,
                                                   JsonNode        *inner,
                                                   guint            tokens);
void            _bp_fake_stream_start             (BpFakeStream    *stream,
                                                   gboolean         invoke);
void            _bp_fake_stream_start_truncated_body (BpFakeStream *stream,
                                                      const char   *content_type,
                                                      GBytes       *body);

/* bp-fake-bedrock-runtime.c */
void            _bp_fake_runtime_handle_converse  (BpFakeExchange  *exchange);
void            _bp_fake_runtime_handle_count_tokens (BpFakeExchange *exchange);
gboolean        _bp_fake_runtime_parse_converse   (JsonObject      *root,
                                                   BpFakePrompt    *prompt,
                                                   char           **error_message);

/* bp-fake-bedrock-invoke.c */
void            _bp_fake_invoke_handle            (BpFakeExchange  *exchange);
gboolean        _bp_fake_invoke_parse             (BpFakeFamily     family,
                                                   JsonObject      *root,
                                                   BpFakePrompt    *prompt,
                                                   char           **error_message);

/* What a native response needs besides the prompt and the reply. */
typedef struct
{
  BpFakeFamily  family;
  const char   *model_name;     /* e.g. "claude-3-haiku-20240307" */
  const char   *response_id;    /* e.g. "msg_bdrk_…" */
  guint         first_byte_ms;
  guint         latency_ms;     /* first byte plus the pacing */
} BpFakeInvokeInfo;

/* bp-fake-bedrock-invoke-body.c */
JsonNode       *_bp_fake_json_object_node         (JsonObject      *object);
JsonObject     *_bp_fake_invocation_metrics       (const BpFakeInvokeInfo *info,
                                                   const BpFakePrompt     *prompt,
                                                   BpFakeReply            *reply);
JsonNode       *_bp_fake_invoke_build_response    (const BpFakeInvokeInfo *info,
                                                   const BpFakePrompt     *prompt,
                                                   BpFakeReply            *reply);

/* bp-fake-bedrock-invoke-stream.c */
void            _bp_fake_invoke_stream_reply      (BpFakeStream           *stream,
                                                   const BpFakeInvokeInfo *info,
                                                   const BpFakePrompt     *prompt,
                                                   BpFakeReply            *reply);

/* bp-fake-bedrock-image.c */
void            _bp_fake_image_handle             (BpFakeExchange  *exchange);

/* bp-fake-png.c */
GBytes         *_bp_fake_png_render               (guint            width,
                                                   guint            height,
                                                   guint64          seed,
                                                   gboolean         noisy);

/* bp-fake-bedrock-control.c */
void            _bp_fake_control_handle           (BpFakeExchange  *exchange);

/* JSON reading helpers (bp-fake-bedrock-exchange.c): NULL / FALSE when the
 * member is absent or of another type. */
JsonObject     *_bp_fake_json_get_object          (JsonObject      *object,
                                                   const char      *member);
JsonArray      *_bp_fake_json_get_array           (JsonObject      *object,
                                                   const char      *member);
const char     *_bp_fake_json_get_string          (JsonObject      *object,
                                                   const char      *member);
gboolean        _bp_fake_json_get_number          (JsonObject      *object,
                                                   const char      *member,
                                                   double          *out_value);
gboolean        _bp_fake_json_get_int             (JsonObject      *object,
                                                   const char      *member,
                                                   gint64          *out_value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpFakeReply, _bp_fake_reply_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BpFakePrompt, _bp_fake_prompt_clear)

G_END_DECLS
