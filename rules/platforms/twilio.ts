import { definePlatform } from '../define.js';

/**
 * Twilio Programmable Messaging (SMS, MMS, WhatsApp) and Conversations.
 * Docs: https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
 */
export default definePlatform({
  platform: 'Twilio',
  docs: 'https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource',
  sinks: [
    {
      module: 'twilio',
      type: 'MessageListInstance',
      method: 'create',
      file: '/lib/rest/(api/v2010/account|conversations/v1/(service/)?conversation|chat/v2/service/channel)/message\\.d\\.ts$',
      payload: ['arg0.body', 'arg0.mediaUrl', 'arg0.contentVariables', 'arg0.attributes'],
    },
  ],
});
