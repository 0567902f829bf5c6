import { definePlatform } from '../define.js';

/**
 * Vercel Chat SDK (`chat`): one API over Slack, Teams, Google Chat, Discord,
 * Telegram, WhatsApp, ... (`thread.post`, `channel.post`, streamed posts of an
 * `AsyncIterable<string>`), and the platform adapters under it, whose classes
 * implement the SDK's `Adapter` interface (`@chat-adapter/telegram`
 * `TelegramAdapter.postMessage` is `Adapter.postMessage`). Its typings come in
 * hashed chunks (`types-<hash>.d.ts`), so the package and type names are
 * matched, not the file. Thread and message ids are routing.
 * Docs: https://chat-sdk.dev/docs/posting-messages
 * Adapters: https://chat-sdk.dev/docs/adapters
 */
export default definePlatform({
  platform: 'Chat SDK',
  docs: 'https://chat-sdk.dev/docs/posting-messages',
  versions: { chat: '4', '@chat-adapter/whatsapp': '4' },
  sinks: [
    { module: 'chat', type: ['Thread', 'Postable', 'Channel', 'ThreadImpl', 'ChannelImpl', 'SentMessage'], method: ['post', 'schedule', 'edit'], payload: ['arg0'] },
    { module: 'chat', type: ['Thread', 'Postable', 'Channel', 'ThreadImpl', 'ChannelImpl'], method: ['postEphemeral', 'reply'], payload: ['arg1'] },
    // The adapter layer: `adapter.postMessage(threadId, message)`, `adapter.stream(threadId, textStream)`.
    { module: 'chat', type: 'Adapter', method: ['postMessage', 'postChannelMessage', 'stream'], payload: ['arg1'] },
    { module: 'chat', type: 'Adapter', method: ['editMessage', 'postEphemeral', 'reply'], payload: ['arg2'] },
    // WhatsApp templates: the variables are content, the template's name and language are not.
    { module: '@chat-adapter/whatsapp', type: 'WhatsAppAdapter', method: 'sendTemplate', payload: ['arg1.components'] },
  ],
});
