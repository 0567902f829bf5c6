import { definePlatform } from '../define.js';

/**
 * Stream Chat: `stream-chat` (client and server) and the newer generated
 * `@stream-io/node-sdk`, and the REST API.
 * Docs: https://getstream.io/chat/docs/node/send_message/
 */
export default definePlatform({
  platform: 'Stream Chat',
  docs: 'https://getstream.io/chat/docs/node/send_message/',
  versions: { 'stream-chat': '8 - 9', '@stream-io/node-sdk': '0.x' },
  sinks: [
    { module: 'stream-chat', type: 'Channel', method: 'sendMessage', payload: ['arg0'] },
    { module: 'stream-chat', type: 'StreamChat', method: 'updateMessage', payload: ['arg0'] },
    { module: 'stream-chat', type: 'StreamChat', method: 'partialUpdateMessage', payload: ['arg1.set'] },
    { module: '@stream-io/node-sdk', type: ['ChannelApi', 'ChatApi', 'StreamChannel', 'StreamChatClient'], method: 'sendMessage', payload: ['arg0.message.text', 'arg0.message.html', 'arg0.message.attachments', 'arg0.message.custom'] },
  ],
  endpoints: [{ method: 'POST', url: '^https://chat(-[a-z-]+)?\\.stream-io-api\\.com/channels/[^/]+/[^/]+/message', payload: ['message'] }],
});
