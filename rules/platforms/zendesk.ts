import { definePlatform } from '../define.js';

/**
 * Zendesk Support tickets (`node-zendesk`), and Sunshine Conversations whose
 * `sunshine-conversations-client` is untyped (matched by import and name).
 * Docs: https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-ticket
 * Sunshine: https://developer.zendesk.com/api-reference/conversations/#tag/Messages/operation/PostMessage
 */
export default definePlatform({
  platform: 'Zendesk',
  docs: 'https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-ticket',
  versions: { 'node-zendesk': '5 - 6', 'sunshine-conversations-client': '9 - 14 (untyped)' },
  sinks: [
    { module: 'node-zendesk', type: 'Tickets', method: ['create', 'createMany'], payload: ['arg0.ticket', 'arg0.tickets'] },
    { module: 'node-zendesk', type: 'Tickets', method: 'update', payload: ['arg1.ticket'] },
    { module: 'node-zendesk', type: 'Tickets', method: 'updateMany', payload: ['arg0.tickets', 'arg1.ticket', 'arg1.tickets'] },
    { module: 'sunshine-conversations-client', untyped: true, method: 'postMessage', payload: ['arg2.content'] },
  ],
  endpoints: [
    {
      method: 'POST|PUT',
      url: '^https://[a-z0-9-]+\\.zendesk\\.com/api/v2/(tickets(/\\d+)?(\\.json)?|tickets/(create|update)_many|requests(/\\d+)?)(\\.json)?',
      payload: ['ticket', 'tickets', 'request'],
    },
    {
      method: 'POST',
      url: '^https://(api\\.smooch\\.io|api\\.[a-z]{2}-\\d\\.smooch\\.io|[a-z0-9-]+\\.zendesk\\.com/sc)/v2/apps/[^/]+/conversations/[^/]+/messages$',
      payload: ['content'],
    },
  ],
});
