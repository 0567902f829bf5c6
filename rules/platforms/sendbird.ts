import { definePlatform } from '../define.js';

/**
 * Sendbird: `@sendbird/chat` channels and the Platform API.
 * Docs: https://sendbird.com/docs/chat/sdk/v4/javascript/message/sending-a-message/send-a-message
 * Platform API: https://sendbird.com/docs/chat/platform-api/v3/message/messaging-basics/send-a-message
 */
export default definePlatform({
  platform: 'Sendbird',
  docs: 'https://sendbird.com/docs/chat/sdk/v4/javascript/message/sending-a-message/send-a-message',
  versions: { '@sendbird/chat': '4' },
  sinks: [
    { module: '@sendbird/chat', type: ['BaseChannel', 'GroupChannel', 'OpenChannel'], method: ['sendUserMessage', 'updateUserMessage'], payload: ['arg0.message', 'arg0.data', 'arg1.message', 'arg1.data'] },
  ],
  endpoints: [
    { method: 'POST|PUT', url: '^https://api-[A-Za-z0-9-]+\\.sendbird\\.com/v3/(group_channels|open_channels)/[^/]+/messages(/\\d+)?$', payload: ['message', 'data'] },
  ],
});
