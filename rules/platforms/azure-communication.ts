import { definePlatform } from '../define.js';

/**
 * Azure Communication Services: SMS (`@azure/communication-sms`) and Chat
 * (`@azure/communication-chat`), and the SMS REST endpoint.
 * Docs: https://learn.microsoft.com/en-us/javascript/api/@azure/communication-sms/smsclient#@azure-communication-sms-smsclient-send
 * Chat: https://learn.microsoft.com/en-us/javascript/api/@azure/communication-chat/chatthreadclient#@azure-communication-chat-chatthreadclient-sendmessage
 */
export default definePlatform({
  platform: 'Azure Communication Services',
  docs: 'https://learn.microsoft.com/en-us/javascript/api/@azure/communication-sms/smsclient',
  versions: { '@azure/communication-sms': '1', '@azure/communication-chat': '1' },
  sinks: [
    { module: '@azure/communication-sms', type: 'SmsClient', method: 'send', payload: ['arg0.message'] },
    { module: '@azure/communication-chat', type: 'ChatThreadClient', method: 'sendMessage', payload: ['arg0.content', 'arg1.metadata'] },
    { module: '@azure/communication-chat', type: 'ChatThreadClient', method: 'updateMessage', payload: ['arg1.content', 'arg1.metadata'] },
  ],
  endpoints: [{ method: 'POST', url: '^https://[a-z0-9-]+\\.communication\\.azure\\.com/sms(\\?|$)', payload: ['message'] }],
});
