import { definePlatform } from '../define.js';

/**
 * MessageBird / Bird: SMS, MMS, voice and Conversations through `messagebird`
 * (methods are properties of type literals on the `MessageBird` interface),
 * and the REST APIs.
 * Docs: https://developers.messagebird.com/api/sms-messaging/#send-outbound-sms
 */
export default definePlatform({
  platform: 'MessageBird',
  docs: 'https://developers.messagebird.com/api/sms-messaging/#send-outbound-sms',
  versions: { messagebird: '3 - 4' },
  sinks: [
    { module: 'messagebird', type: 'MessageBird', method: ['messages.create', 'mms.create'], payload: ['arg0.body'] },
    { module: 'messagebird', type: 'MessageBird', method: ['conversations.send', 'conversations.start'], payload: ['arg0.content'] },
    { module: 'messagebird', type: 'MessageBird', method: ['conversations.reply', 'voice_messages.create'], payload: ['arg1.content', 'arg1.body', 'arg0.body'] },
  ],
  endpoints: [
    {
      method: 'POST',
      url: '^https://(rest\\.messagebird\\.com/(messages|mms|voicemessages)|conversations\\.messagebird\\.com/v1/(send|conversations/start|conversations/[^/]+/messages)|api\\.bird\\.com/workspaces/[^/]+/channels/[^/]+/messages)',
      payload: ['body', 'content'],
    },
  ],
});
