/* bp-chat-item.c
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chat-item"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-chat-item-private.h"

/**
 * BpChatItem:
 *
 * One message of the chat page: the list model's item that a
 * #BpMessageRow shows while it is on screen. A conversation of a thousand
 * messages is a thousand of these small objects, and only the rows in view
 * exist.
 *
 * While a reply streams, its text grows with bp_chat_item_append_text(),
 * which emits #BpChatItem::text-appended with the delta instead of a
 * notification of the whole text, so the row can hand the delta to its
 * incremental Markdown view.
 */

G_DEFINE_FINAL_TYPE (BpChatItem, bp_chat_item, G_TYPE_OBJECT)

enum {
  TEXT_APPENDED,
  N_SIGNALS
};

GParamSpec *_bp_chat_item_properties[N_PROPS];
static guint signals[N_SIGNALS];

GType
bp_chat_item_state_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { BP_CHAT_ITEM_STATE_DONE, "BP_CHAT_ITEM_STATE_DONE", "done" },
        { BP_CHAT_ITEM_STATE_WAITING, "BP_CHAT_ITEM_STATE_WAITING", "waiting" },
        { BP_CHAT_ITEM_STATE_STREAMING, "BP_CHAT_ITEM_STATE_STREAMING", "streaming" },
        { BP_CHAT_ITEM_STATE_STOPPED, "BP_CHAT_ITEM_STATE_STOPPED", "stopped" },
        { BP_CHAT_ITEM_STATE_FAILED, "BP_CHAT_ITEM_STATE_FAILED", "failed" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("BpChatItemState"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/**
 * _bp_chat_item_replace_string:
 * @field: a string field
 * @value: (nullable): its new value
 *
 * Returns: whether the value changed
 */
gboolean
_bp_chat_item_replace_string (char       **field,
                              const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
bp_chat_item_finalize (GObject *object)
{
  BpChatItem *self = (BpChatItem *) object;

  g_string_free (self->text, TRUE);
  g_string_free (self->reasoning, TRUE);
  g_clear_pointer (&self->model_id, g_free);
  g_clear_pointer (&self->model_name, g_free);
  g_clear_pointer (&self->invoke_id, g_free);
  g_clear_pointer (&self->stop_reason, g_free);
  g_clear_pointer (&self->request_json, g_free);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->error, bp_error_text_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->status_text, g_free);

  G_OBJECT_CLASS (bp_chat_item_parent_class)->finalize (object);
}

static void
bp_chat_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BpChatItem *self = BP_CHAT_ITEM (object);

  switch (prop_id)
    {
    case PROP_SERIAL:
      g_value_set_uint (value, self->serial);
      break;
    case PROP_ROLE:
      g_value_set_int (value, self->role);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text->str);
      break;
    case PROP_REASONING:
      g_value_set_string (value, self->reasoning->str);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_INCOMPLETE:
      g_value_set_boolean (value, bp_chat_item_get_incomplete (self));
      break;
    case PROP_MODEL_ID:
      g_value_set_string (value, self->model_id);
      break;
    case PROP_MODEL_NAME:
      g_value_set_string (value, self->model_name);
      break;
    case PROP_INVOKE_ID:
      g_value_set_string (value, self->invoke_id);
      break;
    case PROP_STOP_REASON:
      g_value_set_string (value, self->stop_reason);
      break;
    case PROP_STATS:
      g_value_set_int64 (value, self->output_tokens);
      break;
    case PROP_REQUEST_JSON:
      g_value_set_string (value, self->request_json);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;
    case PROP_MEMORY_START:
      g_value_set_boolean (value, self->memory_start);
      break;
    case PROP_LAST:
      g_value_set_boolean (value, self->last);
      break;
    case PROP_RECORD_ID:
      g_value_set_int64 (value, self->record_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_chat_item_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BpChatItem *self = BP_CHAT_ITEM (object);

  switch (prop_id)
    {
    case PROP_SERIAL:
      self->serial = g_value_get_uint (value);
      break;
    case PROP_ROLE:
      self->role = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_chat_item_class_init (BpChatItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bp_chat_item_finalize;
  object_class->get_property = bp_chat_item_get_property;
  object_class->set_property = bp_chat_item_set_property;

  _bp_chat_item_properties[PROP_SERIAL] = g_param_spec_uint ("serial", NULL, NULL, 0, G_MAXUINT, 0, co);
  _bp_chat_item_properties[PROP_ROLE] = g_param_spec_int ("role", NULL, NULL,
                                            BP_CHAT_ROLE_USER, BP_CHAT_ROLE_ASSISTANT,
                                            BP_CHAT_ROLE_USER, co);
  _bp_chat_item_properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, ro);
  _bp_chat_item_properties[PROP_REASONING] = g_param_spec_string ("reasoning", NULL, NULL, NULL, ro);
  _bp_chat_item_properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, BP_TYPE_CHAT_ITEM_STATE,
                                              BP_CHAT_ITEM_STATE_DONE, ro);
  _bp_chat_item_properties[PROP_INCOMPLETE] = g_param_spec_boolean ("incomplete", NULL, NULL, FALSE, ro);
  _bp_chat_item_properties[PROP_MODEL_ID] = g_param_spec_string ("model-id", NULL, NULL, NULL, ro);
  _bp_chat_item_properties[PROP_MODEL_NAME] = g_param_spec_string ("model-name", NULL, NULL, NULL, ro);
  _bp_chat_item_properties[PROP_INVOKE_ID] = g_param_spec_string ("invoke-id", NULL, NULL, NULL, ro);
  _bp_chat_item_properties[PROP_STOP_REASON] = g_param_spec_string ("stop-reason", NULL, NULL, NULL, ro);
  /**
   * BpChatItem:stats:
   *
   * Notified when any of the token counts, times or the cost changed; its
   * value is the output tokens.
   */
  _bp_chat_item_properties[PROP_STATS] = g_param_spec_int64 ("stats", NULL, NULL, -1, G_MAXINT64, -1, ro);
  _bp_chat_item_properties[PROP_REQUEST_JSON] = g_param_spec_string ("request-json", NULL, NULL, NULL, ro);
  _bp_chat_item_properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, BP_TYPE_ERROR_TEXT, ro);
  _bp_chat_item_properties[PROP_STATUS_TEXT] = g_param_spec_string ("status-text", NULL, NULL, NULL, ro);
  _bp_chat_item_properties[PROP_MEMORY_START] = g_param_spec_boolean ("memory-start", NULL, NULL, FALSE, ro);
  _bp_chat_item_properties[PROP_LAST] = g_param_spec_boolean ("last", NULL, NULL, FALSE, ro);
  _bp_chat_item_properties[PROP_RECORD_ID] = g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, _bp_chat_item_properties);

  /**
   * BpChatItem::text-appended:
   * @self: the item
   * @delta: the text added at the end
   *
   * Emitted for every piece of a streaming reply. #BpChatItem:text is not
   * notified for these: the whole text is read when a row binds.
   */
  signals[TEXT_APPENDED] =
    g_signal_new ("text-appended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
bp_chat_item_init (BpChatItem *self)
{
  self->text = g_string_new (NULL);
  self->reasoning = g_string_new (NULL);
  self->input_tokens = -1;
  self->output_tokens = -1;
  self->ttft_ms = -1;
  self->total_ms = -1;
  self->cost_usd = -1.0;
}

/**
 * bp_chat_item_new:
 * @serial: a number unique within the page, for actions that name the item
 * @role: who wrote it
 * @text: (nullable): the text so far
 *
 * Returns: (transfer full): a new item, in state %BP_CHAT_ITEM_STATE_DONE
 */
BpChatItem *
bp_chat_item_new (guint       serial,
                  BpChatRole  role,
                  const char *text)
{
  BpChatItem *self = g_object_new (BP_TYPE_CHAT_ITEM,
                                   "serial", serial,
                                   "role", role,
                                   NULL);

  if (text != NULL)
    g_string_assign (self->text, text);

  return self;
}

/* A stored failure has only its one-line message: it is shown as the
 * body of a generic title. */
static BpErrorText *
error_from_message (const char *message)
{
  BpErrorText *error = g_new0 (BpErrorText, 1);

  error->title = g_strdup (_("The reply failed"));
  error->body = g_strdup (message);
  error->action = BP_ERROR_ACTION_NONE;

  return error;
}

/**
 * bp_chat_item_new_from_record:
 * @serial: a number unique within the page
 * @record: a message read from the history
 *
 * Returns: (transfer full): an item showing @record; an incomplete reply
 *   is %BP_CHAT_ITEM_STATE_FAILED when it has an error message, else
 *   %BP_CHAT_ITEM_STATE_STOPPED
 */
BpChatItem *
bp_chat_item_new_from_record (guint                  serial,
                              const BpMessageRecord *record)
{
  BpChatItem *self;

  g_return_val_if_fail (record != NULL, NULL);

  self = bp_chat_item_new (serial, record->role, record->text);
  if (record->reasoning != NULL)
    g_string_assign (self->reasoning, record->reasoning);
  self->model_id = g_strdup (record->model_id);
  self->invoke_id = g_strdup (record->invoke_id);
  self->stop_reason = g_strdup (record->stop_reason);
  self->request_json = g_strdup (record->request_json);
  self->endpoint = g_strdup (record->endpoint);
  self->input_tokens = record->input_tokens;
  self->output_tokens = record->output_tokens;
  self->ttft_ms = record->time_to_first_token_ms;
  self->total_ms = record->total_ms;
  self->cost_usd = record->cost_usd;
  self->record_id = record->id;

  if (record->error_message != NULL)
    {
      self->error_message = g_strdup (record->error_message);
      self->error = error_from_message (record->error_message);
    }

  if (record->incomplete)
    self->state = record->error_message != NULL ? BP_CHAT_ITEM_STATE_FAILED
                                                : BP_CHAT_ITEM_STATE_STOPPED;

  return self;
}

/**
 * bp_chat_item_to_record:
 * @self: a #BpChatItem
 * @conversation_id: the conversation it belongs to
 *
 * Returns: (transfer full): the history record of @self as it stands; a
 *   reply still streaming is incomplete
 */
BpMessageRecord *
bp_chat_item_to_record (BpChatItem *self,
                        gint64      conversation_id)
{
  BpMessageRecord *record;

  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), NULL);

  record = bp_message_record_new (conversation_id, self->role, self->text->str);
  record->id = self->record_id;
  if (self->reasoning->len > 0)
    record->reasoning = g_strdup (self->reasoning->str);
  record->model_id = g_strdup (self->model_id);
  record->invoke_id = g_strdup (self->invoke_id);
  record->stop_reason = g_strdup (self->stop_reason);
  record->request_json = g_strdup (self->request_json);
  record->endpoint = g_strdup (self->endpoint);
  record->error_message = g_strdup (self->error_message);
  record->input_tokens = self->input_tokens;
  record->output_tokens = self->output_tokens;
  record->time_to_first_token_ms = self->ttft_ms;
  record->total_ms = self->total_ms;
  record->cost_usd = self->cost_usd;
  record->incomplete = bp_chat_item_get_incomplete (self);

  return record;
}

/**
 * bp_chat_item_to_message:
 * @self: a #BpChatItem
 *
 * Returns: (transfer full): the turn to send back to the model: the text
 *   only (reasoning is not kept with its signature, so it is not sent)
 */
BpChatMessage *
bp_chat_item_to_message (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), NULL);

  return bp_chat_message_new (self->role, self->text->str);
}

/**
 * bp_chat_item_get_serial:
 * @self: a #BpChatItem
 *
 * Returns: the number that names the item in the page's actions
 */
guint
bp_chat_item_get_serial (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), 0);

  return self->serial;
}

/**
 * bp_chat_item_get_role:
 * @self: a #BpChatItem
 *
 * Returns: who wrote the message
 */
BpChatRole
bp_chat_item_get_role (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), BP_CHAT_ROLE_USER);

  return self->role;
}

/**
 * bp_chat_item_get_text:
 * @self: a #BpChatItem
 *
 * Returns: (not nullable): the text so far
 */
const char *
bp_chat_item_get_text (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), NULL);

  return self->text->str;
}

/**
 * bp_chat_item_set_text:
 * @self: a #BpChatItem
 * @text: (nullable): the whole new text
 *
 * Replaces the text and notifies #BpChatItem:text.
 */
void
bp_chat_item_set_text (BpChatItem *self,
                       const char *text)
{
  g_return_if_fail (BP_IS_CHAT_ITEM (self));

  if (g_strcmp0 (self->text->str, text != NULL ? text : "") == 0)
    return;

  g_string_assign (self->text, text != NULL ? text : "");
  g_object_notify_by_pspec (G_OBJECT (self), _bp_chat_item_properties[PROP_TEXT]);
}

/**
 * bp_chat_item_append_text:
 * @self: a #BpChatItem
 * @delta: more text
 *
 * Appends @delta and emits #BpChatItem::text-appended.
 */
void
bp_chat_item_append_text (BpChatItem *self,
                          const char *delta)
{
  g_return_if_fail (BP_IS_CHAT_ITEM (self));

  if (delta == NULL || *delta == '\0')
    return;

  g_string_append (self->text, delta);
  g_signal_emit (self, signals[TEXT_APPENDED], 0, delta);
}

/**
 * bp_chat_item_get_reasoning:
 * @self: a #BpChatItem
 *
 * Returns: (not nullable): the model's reasoning so far, "" for none
 */
const char *
bp_chat_item_get_reasoning (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), NULL);

  return self->reasoning->str;
}

/**
 * bp_chat_item_append_reasoning:
 * @self: a #BpChatItem
 * @delta: more reasoning text
 *
 * Appends @delta and notifies #BpChatItem:reasoning.
 */
void
bp_chat_item_append_reasoning (BpChatItem *self,
                               const char *delta)
{
  g_return_if_fail (BP_IS_CHAT_ITEM (self));

  if (delta == NULL || *delta == '\0')
    return;

  g_string_append (self->reasoning, delta);
  g_object_notify_by_pspec (G_OBJECT (self), _bp_chat_item_properties[PROP_REASONING]);
}

/**
 * bp_chat_item_get_state:
 * @self: a #BpChatItem
 *
 * Returns: where the message stands
 */
BpChatItemState
bp_chat_item_get_state (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), BP_CHAT_ITEM_STATE_DONE);

  return self->state;
}

/**
 * bp_chat_item_set_state:
 * @self: a #BpChatItem
 * @state: the new state
 *
 * Sets the state; #BpChatItem:incomplete follows it.
 */
void
bp_chat_item_set_state (BpChatItem      *self,
                        BpChatItemState  state)
{
  gboolean was_incomplete;

  g_return_if_fail (BP_IS_CHAT_ITEM (self));

  if (self->state == state)
    return;

  was_incomplete = bp_chat_item_get_incomplete (self);
  self->state = state;

  g_object_notify_by_pspec (G_OBJECT (self), _bp_chat_item_properties[PROP_STATE]);
  if (was_incomplete != bp_chat_item_get_incomplete (self))
    g_object_notify_by_pspec (G_OBJECT (self), _bp_chat_item_properties[PROP_INCOMPLETE]);
}

/**
 * bp_chat_item_get_incomplete:
 * @self: a #BpChatItem
 *
 * Returns: whether the text is not the whole reply: it is still arriving,
 *   or it was stopped or failed
 */
gboolean
bp_chat_item_get_incomplete (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), FALSE);

  return self->state != BP_CHAT_ITEM_STATE_DONE;
}

/**
 * bp_chat_item_is_busy:
 * @self: a #BpChatItem
 *
 * Returns: whether a request for @self is under way
 */
gboolean
bp_chat_item_is_busy (BpChatItem *self)
{
  g_return_val_if_fail (BP_IS_CHAT_ITEM (self), FALSE);

  return self->state == BP_CHAT_ITEM_STATE_WAITING ||
         self->state == BP_CHAT_ITEM_STATE_STREAMING;
}
