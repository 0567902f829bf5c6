import { definePlatform } from '../define.js';

/**
 * Facebook Messenger Send API, through the Messaging API SDK and over HTTP.
 * Docs: https://developers.facebook.com/docs/messenger-platform/reference/send-api/
 * SDK: https://github.com/Yoctol/messaging-apis/tree/main/packages/messaging-api-messenger
 */
export default definePlatform({
  platform: 'Facebook Messenger',
  docs: 'https://developers.facebook.com/docs/messenger-platform/reference/send-api/',
  sinks: [
    {
      module: 'messaging-api-messenger',
      type: 'MessengerClient',
      method: [
        'sendText', 'sendMessage', 'sendAttachment', 'sendTemplate', 'sendButtonTemplate',
        'sendGenericTemplate', 'sendReceiptTemplate', 'sendMediaTemplate', 'sendImage', 'sendFile',
        'sendVideo', 'sendAudio', 'sendMessageFormData',
      ],
      payload: ['arg1'],
    },
    { module: 'messaging-api-messenger', type: 'MessengerClient', method: 'sendRawBody', payload: ['arg0'] },
    { module: 'messaging-api-messenger', type: 'MessengerClient', method: 'sendBatch', payload: ['arg0'] },
  ],
  endpoints: [
    {
      method: 'POST',
      url: '^https://graph\\.facebook\\.com/(v\\d+\\.\\d+/)?(me|\\d+)/messages(\\?.*)?$',
      payload: ['message'],
      bodyHas: 'recipient',
    },
  ],
});
