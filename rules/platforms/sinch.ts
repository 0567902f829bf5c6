import { definePlatform } from '../define.js';

/**
 * Sinch SMS and Conversation API through `@sinch/sdk-core` (whose `sms` and
 * `conversation` services are declared in `@sinch/sms` / `@sinch/conversation`),
 * and the REST endpoints.
 * Docs: https://developers.sinch.com/docs/sms/api-reference/sms/tag/Batches/#tag/Batches/operation/SendSMS
 * Conversation: https://developers.sinch.com/docs/conversation/api-reference/conversation/tag/Messages/#tag/Messages/operation/Messages_SendMessage
 */
export default definePlatform({
  platform: 'Sinch',
  docs: 'https://developers.sinch.com/docs/sms/api-reference/sms/tag/Batches/',
  untested: { '@sinch/conversation': 'cannot be installed: @sinch/sdk-core 1.4.3 and 1.5.0 depend on @sinch/conversation versions missing from the registry' },
  versions: { '@sinch/sdk-core': '1', '@sinch/sms': '1', '@sinch/conversation': '1' },
  sinks: [
    { module: '@sinch/sms', type: 'BatchesApi', method: ['send', 'sendTextMessage', 'sendBinaryMessage', 'sendMediaMessage'], payload: ['arg0.sendSMSRequestBody.body', 'arg0.sendSMSRequestBody.parameters', 'arg0.sendSMSRequestBody.udh'] },
    {
      module: '@sinch/conversation',
      type: 'MessagesApi',
      method: ['send', 'sendTextMessage', 'sendCardMessage', 'sendCarouselMessage', 'sendChoiceMessage', 'sendListMessage', 'sendMediaMessage', 'sendTemplateMessage'],
      payload: ['arg0.sendMessageRequestBody.message'],
    },
  ],
  endpoints: [
    { method: 'POST', url: '^https://([a-z]+\\.)?sms\\.api\\.sinch\\.com/xms/v1/[^/]+/batches$', payload: ['body', 'parameters'] },
    { method: 'POST', url: '^https://([a-z]+\\.)?conversation\\.api\\.sinch\\.com/v1/projects/[^/]+/messages:send$', payload: ['message'] },
  ],
});
