import { definePlatform } from '../define.js';

/**
 * Botpress Cloud: `client.createMessage` (a property of the bundled base
 * class, renamed `Client$1` by the bundler) and the chat REST API.
 * Docs: https://botpress.com/reference/createmessage
 */
export default definePlatform({
  platform: 'Botpress',
  docs: 'https://botpress.com/reference/createmessage',
  versions: { '@botpress/client': '0.x - 1' },
  sinks: [{ module: '@botpress/client', type: ['Client', 'Client$1'], method: ['createMessage', 'updateMessage'], payload: ['arg0.payload'] }],
  endpoints: [{ method: 'POST', url: '^https://api\\.botpress\\.cloud/v1/chat/messages$', payload: ['payload'] }],
});
