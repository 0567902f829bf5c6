import { definePlatform } from '../define.js';

/**
 * Viber bots over the REST API (the official `viber-bot` SDK is untyped and
 * below 10k downloads a month; Bottender's Viber context is in bottender.ts).
 * Docs: https://developers.viber.com/docs/api/rest-bot-api/#send-message
 */
export default definePlatform({
  platform: 'Viber',
  docs: 'https://developers.viber.com/docs/api/rest-bot-api/#send-message',
  endpoints: [
    { method: 'POST', url: '^https://chatapi\\.viber\\.com/pa/(send_message|broadcast_message|post)$', payload: ['text', 'rich_media', 'keyboard'] },
  ],
});
