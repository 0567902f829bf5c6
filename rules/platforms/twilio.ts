import { definePlatform } from '../define.js';

/**
 * Twilio Programmable Messaging (SMS, MMS, WhatsApp), Conversations, Chat and
 * Notify through the `twilio` helper library, the browser/Node Conversations
 * SDK (`@twilio/conversations`), and the REST endpoints. `MessageListInstance`
 * exists in about 100 files of `twilio`: the file tells the messaging ones apart.
 * Docs: https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
 * Conversations: https://www.twilio.com/docs/conversations/api/conversation-message-resource
 * @twilio/conversations: https://sdk.twilio.com/js/conversations/releases/2.6.0/docs/classes/Conversation.html#sendMessage
 */
export default definePlatform({
  platform: 'Twilio',
  docs: 'https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource',
  untested: {
    '@twilio/conversations': 'not installed for tests: about 26 MB (a browser client), more than the CI install budget allows (see fixtures/package.json); modelled from its typings; the server SDK twilio is proven',
  },
  versions: { twilio: '4 - 6', '@twilio/conversations': '2 - 3' },
  sinks: [
    {
      module: 'twilio',
      type: ['MessageListInstance', 'MessageContext'],
      method: ['create', 'update'],
      file: '/lib/rest/(api/v2010/account|conversations/v1/(service/)?conversation|chat/v2/service/channel)/message\\.d\\.ts$',
      payload: ['arg0.body', 'arg0.mediaUrl', 'arg0.contentVariables', 'arg0.attributes'],
    },
    { module: 'twilio', type: 'NotificationListInstance', method: 'create', file: '/lib/rest/notify/', payload: ['arg0.body', 'arg0.title', 'arg0.data', 'arg0.sms', 'arg0.fcm', 'arg0.apn'] },
    { module: '@twilio/conversations', type: 'Conversation', method: 'sendMessage', payload: ['arg0', 'arg1'] },
    { module: '@twilio/conversations', type: 'Message', method: 'updateBody', payload: ['arg0'] },
    // `conversation.prepareMessage().setBody(text).buildAndSend()`: the builder carries the content.
    { module: '@twilio/conversations', type: ['UnsentMessage', 'MessageBuilder'], method: ['send', 'buildAndSend'], payload: ['this'] },
  ],
  endpoints: [
    { method: 'POST', url: '^https://api\\.twilio\\.com/2010-04-01/Accounts/[^/]+/Messages\\.json$', payload: ['Body', 'MediaUrl', 'ContentVariables'] },
    { method: 'POST', url: '^https://conversations\\.twilio\\.com/v1/(Services/[^/]+/)?Conversations/[^/]+/Messages', payload: ['Body', 'Attributes', 'ContentVariables'] },
  ],
});
