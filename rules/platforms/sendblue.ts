import { definePlatform } from '../define.js';

/**
 * Sendblue: iMessage, SMS and RCS for business, through its TypeScript SDK
 * (`sendblue`, generated from the API) and the REST API. The recipient, the
 * sending number and the status callback are routing, not content.
 * Docs: https://docs.sendblue.com/api/resources/messages/methods/send
 * SDK: https://github.com/sendblue-api/sendblue-ts
 */
export default definePlatform({
  platform: 'Sendblue',
  docs: 'https://docs.sendblue.com/api/resources/messages/methods/send',
  versions: { sendblue: '3' },
  sinks: [
    { module: 'sendblue', type: 'Messages', method: 'send', payload: ['arg0.content', 'arg0.media_url', 'arg0.app_card'] },
    { module: 'sendblue', type: 'Groups', method: 'sendMessage', payload: ['arg0.content', 'arg0.media_url'] },
    { module: 'sendblue', type: 'SendCarousel', method: 'send', payload: ['arg0.media_urls'] },
  ],
  endpoints: [
    { method: 'POST', url: '^https://api\\.sendblue\\.(co|com)/api/(send-message|send-group-message|send-carousel)$', payload: ['content', 'media_url', 'media_urls'] },
  ],
});
