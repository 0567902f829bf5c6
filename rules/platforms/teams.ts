import { definePlatform } from '../define.js';

/**
 * Microsoft Teams outside the Bot Framework: the Teams SDK v2
 * (`@microsoft/teams.apps`, whose handlers get `send` / `reply` destructured),
 * incoming webhooks and Workflows, and Microsoft Graph chat/channel messages.
 * Docs: https://learn.microsoft.com/en-us/microsoftteams/platform/teams-sdk/
 * Webhooks: https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook
 * Graph: https://learn.microsoft.com/en-us/graph/api/chatmessage-post
 */
export default definePlatform({
  platform: 'Microsoft Teams',
  docs: 'https://learn.microsoft.com/en-us/microsoftteams/platform/teams-sdk/',
  versions: { '@microsoft/teams.apps': '2', 'ms-teams-webhook': '2', '@microsoft/microsoft-graph-client': '3' },
  sinks: [
    { module: '@microsoft/teams.apps', type: 'IBaseActivityContext', method: ['send', 'reply'], payload: ['arg0', 'arg0.text', 'arg0.attachments'] },
    { module: '@microsoft/teams.apps', type: 'IStreamer', method: ['emit', 'update'], payload: ['arg0', 'arg0.text'] },
    // `app.reply(conversationId, activity)` and `app.reply(conversationId, messageId, activity)`: the overload places the activity.
    { module: '@microsoft/teams.apps', type: 'App', method: ['send', 'reply'], payload: ['param:activity', 'param:activity.text', 'param:activity.attachments'] },
    { module: 'ms-teams-webhook', type: 'IncomingWebhook', method: ['send', 'sendText', 'sendRawAdaptiveCard'], payload: ['arg0'] },
    { module: 'ms-teams-webhook', type: 'IncomingWebhook', method: 'sendAdaptiveCard', payload: ['arg0', 'arg1'] },
  ],
  endpoints: [
    {
      method: 'POST',
      url: '^https://([a-z0-9-]+\\.)?webhook\\.office\\.com/webhookb2/|^https://outlook\\.office(365)?\\.com/webhook/',
      payload: ['text', 'summary', 'title', 'sections', 'attachments'],
      webhookKey: '(teams|msteams|o365).*(hook|url|uri|endpoint)',
    },
    {
      method: 'POST',
      url: '^https://(prod-\\d+\\.[a-z0-9]+\\.logic\\.azure\\.com(:443)?/workflows/[^/]+/triggers/manual/paths/invoke|[a-z0-9.-]+\\.environment\\.api\\.powerplatform\\.com(:443)?/powerautomate/automations/direct/workflows/)',
      payload: ['attachments', 'text'],
    },
    {
      method: 'POST',
      url: '^https://graph\\.microsoft\\.com/(v1\\.0|beta)/((teams|groups)/[^/]+/channels/[^/]+/messages(/[^/]+/replies)?|chats/[^/]+/messages|users/[^/]+/chats/[^/]+/messages)$',
      payload: ['body', 'subject', 'attachments', 'hostedContents'],
    },
    // Graph SDK: `client.api('/chats/{id}/messages').post(message)`; the path is relative to the Graph root.
    {
      method: 'POST',
      url: '^/?((teams|groups)/[^/]+/channels/[^/]+/messages(/[^/]+/replies)?|(me|users/[^/]+)/chats/[^/]+/messages|chats/[^/]+/messages)$',
      payload: ['body', 'subject', 'attachments', 'hostedContents'],
    },
  ],
});
