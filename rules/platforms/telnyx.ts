import { definePlatform } from '../define.js';

/**
 * Telnyx Messaging: `client.messages.send(...)` in telnyx 2+ (`create` in
 * older releases), and the REST API.
 * Docs: https://developers.telnyx.com/api/messaging/send-message
 */
export default definePlatform({
  platform: 'Telnyx',
  docs: 'https://developers.telnyx.com/api/messaging/send-message',
  untested: {
    telnyx: 'not installed for tests: about 19 MB, more than the CI install budget allows (see fixtures/package.json); modelled from its typings',
  },
  versions: { telnyx: '1 - 7' },
  sinks: [
    {
      module: 'telnyx',
      type: 'Messages',
      method: ['send', 'create', 'sendLongCode', 'sendNumberPool', 'sendShortCode', 'sendGroupMms', 'sendWithAlphanumericSender', 'schedule'],
      payload: ['arg0.text', 'arg0.subject', 'arg0.media_urls'],
    },
  ],
  endpoints: [
    { method: 'POST', url: '^https://api\\.telnyx\\.com/v2/messages(/(long_code|number_pool|short_code|group_mms|alphanumeric_sender_id|schedule))?$', payload: ['text', 'subject', 'media_urls'] },
  ],
});
