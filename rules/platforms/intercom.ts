import { definePlatform } from '../define.js';

/**
 * Intercom: messages, conversation replies, ticket replies and notes through
 * `intercom-client` 6+ (the Fern-generated SDK) and the REST API. Data sent
 * here is stored at a third party even when the customer does not see it.
 * Docs: https://developers.intercom.com/docs/references/rest-api/api.intercom.io/conversations/replyconversation
 */
export default definePlatform({
  platform: 'Intercom',
  docs: 'https://developers.intercom.com/docs/references/rest-api/api.intercom.io/conversations/replyconversation',
  versions: { 'intercom-client': '6 - 7' },
  sinks: [
    { module: 'intercom-client', type: ['MessagesClient', 'Messages'], method: 'create', payload: ['arg0.body', 'arg0.subject'] },
    { module: 'intercom-client', type: ['ConversationsClient', 'Conversations'], method: ['reply', 'create'], payload: ['arg0.body', 'arg0.body.body', 'arg0.body.attachment_urls'] },
    { module: 'intercom-client', type: ['TicketsClient', 'Tickets', 'NotesClient', 'Notes'], method: ['reply', 'create'], payload: ['arg0.body'] },
  ],
  endpoints: [
    {
      method: 'POST',
      url: '^https://api(\\.eu|\\.au)?\\.intercom\\.io/(messages|conversations(/[^/]+/(reply|parts))?|tickets/[^/]+/reply|contacts/[^/]+/notes)$',
      payload: ['body', 'subject', 'attachment_urls'],
    },
  ],
});
