import { definePlatform } from '../define.js';

/**
 * Instagram direct messages: the Messenger Platform / Instagram Login send
 * endpoints, and the unofficial `instagram-private-api` client.
 * Docs: https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api
 * instagram-private-api: https://github.com/dilame/instagram-private-api/blob/master/docs/classes/entities_direct_thread_entity.directthreadentity.md
 */
export default definePlatform({
  platform: 'Instagram',
  docs: 'https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api',
  untested: {
    'instagram-private-api': 'not installed for tests: about 36 MB in 104 packages, more than the CI install budget allows (see fixtures/package.json); modelled from its typings',
  },
  versions: { 'instagram-private-api': '1' },
  sinks: [
    { module: 'instagram-private-api', type: 'DirectThreadEntity', method: ['broadcastText', 'broadcastLink'], payload: ['arg0'] },
    { module: 'instagram-private-api', type: 'DirectThreadRepository', method: 'broadcast', payload: ['arg0.form', 'arg0.item'] },
  ],
  endpoints: [
    { method: 'POST', url: '^https://graph\\.instagram\\.com/(v\\d+\\.\\d+/)?(me|\\d+)/messages', payload: ['message'] },
  ],
});
