import { definePlatform } from '../define.js';

/**
 * Microsoft Bot Framework (botbuilder 4.x: `TurnContext` lives in
 * botbuilder-core and is re-exported by botbuilder), its connector client and
 * dialogs, Teams helpers, and the Microsoft 365 Agents SDK (its successor,
 * with its own `TurnContext`). Both packages declare a `TurnContext`: the
 * declaring package tells them apart.
 * Docs: https://learn.microsoft.com/en-us/javascript/api/botbuilder-core/turncontext
 * Agents SDK: https://learn.microsoft.com/en-us/javascript/api/@microsoft/agents-hosting/turncontext
 * Connector: https://learn.microsoft.com/en-us/azure/bot-service/rest-api/bot-framework-rest-connector-send-and-receive-messages
 * Agents SDK proactive messages: https://learn.microsoft.com/en-us/javascript/api/@microsoft/agents-hosting/proactive
 * Agents SDK streaming: https://learn.microsoft.com/en-us/javascript/api/@microsoft/agents-hosting/streamingresponse
 */
const activity = (arg: string): string[] => [arg, `${arg}.text`, `${arg}.speak`, `${arg}.attachments`, `${arg}.summary`, `${arg}.suggestedActions`, `${arg}.value`];

export default definePlatform({
  platform: 'Microsoft Bot Framework',
  docs: 'https://learn.microsoft.com/en-us/javascript/api/botbuilder-core/turncontext',
  untested: {
    'botbuilder-dialogs': 'not installed for tests: about 97 MB with its dependencies (the recognizers-text language packs), and its install script runs npx, which npm refuses under CI; modelled from its typings; the TurnContext.sendActivity a prompt ends in is proven through botbuilder',
  },
  versions: { 'botbuilder-core': '4', botbuilder: '4', 'botframework-connector': '4', 'botbuilder-dialogs': '4', '@microsoft/agents-hosting': '1' },
  sinks: [
    { module: ['botbuilder-core', '@microsoft/agents-hosting'], type: 'TurnContext', method: ['sendActivity', 'updateActivity'], payload: [...activity('arg0'), 'arg1'] },
    { module: ['botbuilder-core', '@microsoft/agents-hosting'], type: 'TurnContext', method: 'sendActivities', payload: ['arg0[].text', 'arg0[].speak', 'arg0[].attachments'] },
    { module: 'botbuilder-core', type: 'TurnContext', method: 'sendTraceActivity', payload: ['arg1', 'arg3'] },
    { module: 'botbuilder', type: 'TeamsInfo', method: ['sendMessageToTeamsChannel', 'sendMessageToListOfUsers', 'sendMessageToAllUsersInTenant', 'sendMessageToAllUsersInTeam', 'sendMessageToListOfChannels'], payload: activity('arg1') },
    { module: 'botframework-connector', type: 'Conversations', method: 'sendToConversation', payload: activity('arg1') },
    { module: 'botframework-connector', type: 'Conversations', method: ['replyToActivity', 'updateActivity'], payload: activity('arg2') },
    { module: 'botframework-connector', type: 'Conversations', method: 'createConversation', payload: ['arg0.activity'] },
    { module: 'botbuilder-dialogs', type: 'DialogContext', method: 'prompt', payload: ['arg1', 'arg1.prompt', 'arg1.retryPrompt', 'arg1.text'] },
    // Microsoft 365 Agents SDK: streamed replies, proactive messages, the adapter and the connector client.
    { module: '@microsoft/agents-hosting', type: 'TurnContext', method: 'sendTraceActivity', payload: ['arg1', 'arg3'] },
    { module: '@microsoft/agents-hosting', type: 'StreamingResponse', method: ['queueTextChunk', 'queueInformativeUpdate', 'setAttachments', 'sendStreamTimedOutNotification'], payload: ['arg0'] },
    { module: '@microsoft/agents-hosting', type: 'Proactive', method: 'sendActivity', payload: activity('arg2') },
    { module: '@microsoft/agents-hosting', type: 'AgentApplication', method: 'sendProactiveActivity', payload: [...activity('arg2'), 'arg3'] },
    { module: '@microsoft/agents-hosting', type: ['CloudAdapter', 'BaseAdapter'], method: 'sendActivities', payload: ['arg1[].text', 'arg1[].speak', 'arg1[].attachments', 'arg1[].summary'] },
    { module: '@microsoft/agents-hosting', type: ['CloudAdapter', 'BaseAdapter'], method: 'updateActivity', payload: activity('arg1') },
    { module: '@microsoft/agents-hosting', type: 'ConnectorClient', method: 'sendToConversation', payload: activity('arg1') },
    { module: '@microsoft/agents-hosting', type: 'ConnectorClient', method: ['replyToActivity', 'updateActivity'], payload: activity('arg2') },
    { module: '@microsoft/agents-hosting', type: 'ConnectorClient', method: 'createConversation', payload: ['arg0.activity'] },
  ],
  endpoints: [
    { method: 'POST|PUT', url: '/v3/conversations/[^/]+/activities(/[^/]+)?$', payload: ['text', 'speak', 'attachments', 'summary'] },
  ],
});
