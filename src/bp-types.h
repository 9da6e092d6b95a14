/* bp-types.h
 *
 * Copyright 2026 The Bedrock Playground authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Forward declarations of every type of ours, so headers never have to
 * include each other in circles. Keep sorted within each group. */

/* src/aws */
typedef struct _BpCredentialProvider BpCredentialProvider;
typedef struct _BpCredentials        BpCredentials;
typedef struct _BpEndpoint           BpEndpoint;
typedef struct _BpEventStreamDecoder BpEventStreamDecoder;
typedef struct _BpEventStreamMessage BpEventStreamMessage;
typedef struct _BpRegionInfo         BpRegionInfo;
typedef struct _BpRetryPolicy        BpRetryPolicy;
typedef struct _BpSharedConfig       BpSharedConfig;
typedef struct _BpSigV4Request       BpSigV4Request;

/* src/bedrock: text (chat requests, replies, stream events) */
typedef struct _BpChatMessage        BpChatMessage;
typedef struct _BpChatReply          BpChatReply;
typedef struct _BpChatRequest        BpChatRequest;
typedef struct _BpErrorText          BpErrorText;
typedef struct _BpInvokeStreamParser BpInvokeStreamParser;
typedef struct _BpStreamEvent        BpStreamEvent;

/* src/bedrock: images, model catalogue, pricing */
typedef struct _BpImageRequest       BpImageRequest;
typedef struct _BpImageResult        BpImageResult;
typedef struct _BpModelCatalogue     BpModelCatalogue;
typedef struct _BpModelInfo          BpModelInfo;

/* src/bedrock: the client */
typedef struct _BpBedrockClient      BpBedrockClient;

/* src/store */
typedef struct _BpConversationRecord BpConversationRecord;
typedef struct _BpHistoryStore       BpHistoryStore;
typedef struct _BpHistoryUsage       BpHistoryUsage;
typedef struct _BpImageRecord        BpImageRecord;
typedef struct _BpMessageRecord      BpMessageRecord;

/* src/ui */
typedef struct _BpApiKeyGroup        BpApiKeyGroup;
typedef struct _BpApplication        BpApplication;
typedef struct _BpChatItem           BpChatItem;
typedef struct _BpChatPage           BpChatPage;
typedef struct _BpCommandRow         BpCommandRow;
typedef struct _BpConnectionPage     BpConnectionPage;
typedef struct _BpHistoryRow         BpHistoryRow;
typedef struct _BpHistorySidebar     BpHistorySidebar;
typedef struct _BpMarkdownBlock      BpMarkdownBlock;
typedef struct _BpMarkdownRenderer   BpMarkdownRenderer;
typedef struct _BpMarkdownView       BpMarkdownView;
typedef struct _BpMessageRow         BpMessageRow;
typedef struct _BpModelPicker        BpModelPicker;
typedef struct _BpModelRow           BpModelRow;
typedef struct _BpModelSettings      BpModelSettings;
typedef struct _BpParameterPanel     BpParameterPanel;
typedef struct _BpPlaceholderPage    BpPlaceholderPage;
typedef struct _BpPreferencesWindow  BpPreferencesWindow;
typedef struct _BpRequestDialog      BpRequestDialog;
typedef struct _BpResolvedSettingsGroup BpResolvedSettingsGroup;
typedef struct _BpWindow             BpWindow;

G_END_DECLS
