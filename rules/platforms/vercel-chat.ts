import { definePlatform } from '../define.js';

/**
 * Vercel Chat SDK (`chat`): one API over Slack, Teams, Google Chat, Discord,
 * ... (`thread.post`, `channel.post`). Its typings come in a hashed chunk
 * (`types-<hash>.d.ts`), so the package and type names are matched, not the file.
 * Docs: https://chat-sdk.dev/docs/posting-messages
 */
export default definePlatform({
  platform: 'Chat SDK',
  docs: 'https://chat-sdk.dev/docs/posting-messages',
  versions: { chat: '4' },
  sinks: [
    { module: 'chat', type: ['Thread', 'Postable', 'Channel', 'ThreadImpl', 'ChannelImpl', 'SentMessage'], method: ['post', 'schedule', 'edit'], payload: ['arg0'] },
    { module: 'chat', type: ['Thread', 'Postable', 'Channel', 'ThreadImpl', 'ChannelImpl'], method: ['postEphemeral', 'reply'], payload: ['arg1'] },
  ],
});
