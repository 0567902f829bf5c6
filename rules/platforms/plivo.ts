import { definePlatform } from '../define.js';

/**
 * Plivo SMS: `client.messages.create(src, dst, text)` or the object form, and the REST API.
 * Docs: https://www.plivo.com/docs/messaging/api/message/send-a-message
 */
export default definePlatform({
  platform: 'Plivo',
  docs: 'https://www.plivo.com/docs/messaging/api/message/send-a-message',
  versions: { plivo: '4' },
  sinks: [{ module: 'plivo', type: 'MessageInterface', method: ['create', 'send'], payload: ['arg2', 'arg0.text'] }],
  endpoints: [{ method: 'POST', url: '^https://api\\.plivo\\.com/v1/Account/[^/]+/Message/?$', payload: ['text'] }],
});
