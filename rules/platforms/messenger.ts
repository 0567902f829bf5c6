import { definePlatform } from '../define.js';

/**
 * Facebook Messenger Send API, through the Messaging API SDK
 * (`messaging-api-messenger`), `fb-messenger-bot-api`, the untyped `fb`
 * Graph client, and over HTTP.
 * Docs: https://developers.facebook.com/docs/messenger-platform/reference/send-api/
 * messaging-api-messenger: https://github.com/Yoctol/messaging-apis/tree/main/packages/messaging-api-messenger
 * fb-messenger-bot-api: https://github.com/crisbeto/fb-messenger-bot-api#readme (template builders: #templates)
 */
export default definePlatform({
  platform: 'Facebook Messenger',
  docs: 'https://developers.facebook.com/docs/messenger-platform/reference/send-api/',
  versions: { 'messaging-api-messenger': '1', 'fb-messenger-bot-api': '4', fb: '2 (untyped)' },
  sinks: [
    {
      module: 'messaging-api-messenger',
      type: 'MessengerClient',
      method: [
        'sendText', 'sendMessage', 'sendAttachment', 'sendTemplate', 'sendButtonTemplate', 'sendGenericTemplate',
        'sendReceiptTemplate', 'sendMediaTemplate', 'sendImage', 'sendFile', 'sendVideo', 'sendAudio', 'sendMessageFormData',
        'sendAirlineBoardingPassTemplate', 'sendAirlineCheckinTemplate', 'sendAirlineItineraryTemplate', 'sendAirlineUpdateTemplate',
        'sendOneTimeNotifReqTemplate',
      ],
      payload: ['arg1', 'arg2'],
    },
    { module: 'messaging-api-messenger', type: 'MessengerClient', method: ['sendRawBody', 'sendBatch'], payload: ['arg0'] },
    {
      module: 'fb-messenger-bot-api',
      type: 'FacebookMessagingAPIClient',
      method: [
        'sendTextMessage', 'sendButtonsMessage', 'sendTemplateMessage', 'sendQuickReplyMessage',
        'sendImageMessage', 'sendAudioMessage', 'sendVideoMessage', 'sendFileMessage',
      ],
      payload: ['arg1', 'arg2'],
    },
    // `fb` has no typings: `FB.api('/me/messages', 'post', { recipient, message })`.
    { module: 'fb', untyped: true, method: ['api', 'napi'], payload: ['arg2.message'] },
  ],
  builders: [
    // fb-messenger-bot-api: `new ReceiptTemplateBuilder().setSummary(…).build()`: every setter returns the builder, `build()` the template.
    ...[
      'ReceiptTemplateBuilder', 'GenericTemplateBuilder', 'ButtonTemplateBuilder', 'ListTemplateBuilder', 'MediaTemplateBuilder', 'OpenGraphTemplateBuilder',
      'AirlineBoardingPassTemplateBuilder', 'AirlineCheckInTemplateBuilder', 'AirlineFlightUpdateTemplateBuilder', 'AirlineItineraryTemplateBuilder',
      'QuickReplyBuilder', 'PostbackButtonBuilder', 'URLButtonBuilder', 'CallButtonBuilder', 'BuyButtonBuilder', 'ShareButtonBuilder',
    ].map((type) => ({ function: `${type}.*`, module: 'fb-messenger-bot-api', from: ['this', 'arg0', 'arg1'] })),
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
