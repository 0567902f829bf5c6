import { definePlatform } from '../define.js';

/**
 * Google Chat: `spaces.messages.create/patch/update` through the generated
 * `@googleapis/chat` client (the same class `googleapis` ships as
 * `chat_v1.Resource$Spaces$Messages`), the gRPC client `@google-apps/chat`,
 * and the REST API / incoming webhooks.
 * Docs: https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/create
 */
export default definePlatform({
  platform: 'Google Chat',
  docs: 'https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/create',
  untested: { googleapis: 'not installed for tests (about 200 MB); its chat_v1 classes are generated from the same source as @googleapis/chat, which a fixture proves' },
  versions: { '@googleapis/chat': '>=20', googleapis: '>=100', '@google-apps/chat': '0.x' },
  sinks: [
    { module: ['@googleapis/chat', 'googleapis'], type: 'Resource$Spaces$Messages', method: ['create', 'patch', 'update'], payload: ['arg0.requestBody'] },
    { module: '@google-apps/chat', type: 'ChatServiceClient', method: ['createMessage', 'updateMessage'], payload: ['arg0.message'] },
  ],
  endpoints: [
    {
      method: 'POST|PUT|PATCH',
      url: '^https://chat\\.googleapis\\.com/v1/spaces/[^/]+/messages',
      payload: ['text', 'cardsV2', 'cards', 'accessoryWidgets'],
      webhookKey: '(gchat|google_?chat|hangouts).*(hook|url|uri|endpoint)',
    },
  ],
});
