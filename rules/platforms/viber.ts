import { definePlatform } from '../define.js';

/**
 * Viber bots over the REST API and Yoctol's `messaging-api-viber` client (the
 * official `viber-bot` SDK is untyped and below 10k downloads a month;
 * Bottender's Viber context is in bottender.ts).
 * Docs: https://developers.viber.com/docs/api/rest-bot-api/#send-message
 * messaging-api-viber: https://github.com/Yoctol/messaging-apis/tree/main/packages/messaging-api-viber
 */
const kinds = ['Text', 'Picture', 'Video', 'File', 'Contact', 'Location', 'URL', 'CarouselContent'];

export default definePlatform({
  platform: 'Viber',
  docs: 'https://developers.viber.com/docs/api/rest-bot-api/#send-message',
  versions: { 'messaging-api-viber': '1' },
  sinks: [
    // Receiver (or broadcast list) first, content second; of the options only the keyboard is shown (sender and tracking data are not content).
    {
      module: 'messaging-api-viber',
      type: 'ViberClient',
      method: ['sendMessage', 'broadcastMessage', ...kinds.flatMap((kind) => [`send${kind}`, `broadcast${kind}`])],
      payload: ['arg1', 'arg2.keyboard'],
    },
  ],
  endpoints: [
    { method: 'POST', url: '^https://chatapi\\.viber\\.com/pa/(send_message|broadcast_message|post)$', payload: ['text', 'rich_media', 'keyboard'] },
  ],
});
