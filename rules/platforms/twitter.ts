import { definePlatform } from '../define.js';

/**
 * X / Twitter direct messages through `twitter-api-v2`.
 * Docs: https://docs.x.com/x-api/direct-messages/create-dm-message-by-participant-id
 * SDK: https://github.com/PLhery/node-twitter-api-v2/blob/master/doc/v2.md#send-a-new-message-to-a-dm-conversation
 */
export default definePlatform({
  platform: 'X (Twitter) DMs',
  docs: 'https://docs.x.com/x-api/direct-messages/create-dm-message-by-participant-id',
  versions: { 'twitter-api-v2': '1' },
  sinks: [
    { module: 'twitter-api-v2', type: 'TwitterApiv2ReadWrite', method: ['sendDmInConversation', 'sendDmToParticipant'], payload: ['arg1.text', 'arg1.attachments'] },
    { module: 'twitter-api-v2', type: 'TwitterApiv2ReadWrite', method: 'createDmConversation', payload: ['arg0.message'] },
  ],
});
