import { definePlatform } from '../define.js';

/**
 * Slack: the Web API client (`@slack/web-api`, also reached as Bolt's
 * `client` and through the old `@slack/client`), Bolt's `say` / `respond`
 * callables, incoming webhooks, and the HTTP endpoints. Every Web API method
 * is a function-typed property of the abstract class `Methods`, so the member
 * path names the property chain (`chat.postMessage`).
 * Docs: https://api.slack.com/methods/chat.postMessage
 * Bolt: https://tools.slack.dev/bolt-js/concepts/message-sending
 * Webhooks: https://api.slack.com/messaging/webhooks
 */
const content = ['arg0.text', 'arg0.blocks', 'arg0.attachments', 'arg0.markdown_text'];

export default definePlatform({
  platform: 'Slack',
  docs: 'https://api.slack.com/methods/chat.postMessage',
  versions: { '@slack/web-api': '>=5 <=8', '@slack/bolt': '3 - 5', '@slack/webhook': '5 - 8', '@slack/client': '4 - 5' },
  sinks: [
    { module: '@slack/web-api', type: 'Methods', method: 'chat.postMessage', payload: [...content, 'arg0.metadata'] },
    { module: '@slack/web-api', type: 'Methods', method: ['chat.postEphemeral', 'chat.scheduleMessage', 'chat.update'], payload: content },
    { module: '@slack/web-api', type: 'Methods', method: 'chat.meMessage', payload: ['arg0.text'] },
    { module: '@slack/web-api', type: 'Methods', method: ['chat.startStream', 'chat.appendStream', 'chat.stopStream'], payload: ['arg0.markdown_text', 'arg0.chunks', 'arg0.blocks'] },
    { module: '@slack/web-api', type: 'Methods', method: 'chat.unfurl', payload: ['arg0.unfurls', 'arg0.user_auth_message', 'arg0.user_auth_blocks'] },
    {
      module: '@slack/web-api',
      type: 'Methods',
      method: ['files.uploadV2', 'files.upload', 'files.completeUploadExternal'],
      payload: ['arg0.content', 'arg0.file', 'arg0.initial_comment', 'arg0.title', 'arg0.blocks', 'arg0.file_uploads[].content', 'arg0.file_uploads[].file'],
    },
    { module: '@slack/web-api', type: 'WebClient', method: 'filesUploadV2', payload: ['arg0.content', 'arg0.file', 'arg0.initial_comment', 'arg0.file_uploads[].content', 'arg0.file_uploads[].file'] },
    { module: '@slack/web-api', type: 'Methods', method: ['views.publish', 'views.open', 'views.update', 'views.push'], payload: ['arg0.view'] },
    { module: '@slack/web-api', type: 'Methods', method: ['canvases.create', 'canvases.edit'], payload: ['arg0.document_content', 'arg0.title', 'arg0.changes'] },
    { module: '@slack/web-api', type: 'ChatStreamer', method: ['append', 'stop'], payload: ['arg0.markdown_text', 'arg0.chunks', 'arg0.blocks'] },
    { module: '@slack/web-api', type: 'WebClient', method: 'apiCall', payload: ['arg1.text', 'arg1.blocks', 'arg1.attachments', 'arg1.markdown_text'] },
    // Bolt: `say`, `respond` and `ack` arrive destructured from the listener's arguments; matched by their type alias.
    { module: '@slack/bolt', type: ['SayFn', 'RespondFn', 'SayStreamFn', 'SetStatusFn'], payload: ['arg0', 'arg0.text', 'arg0.blocks', 'arg0.attachments', 'arg0.markdown_text', 'arg0.status'] },
    { module: '@slack/webhook', type: 'IncomingWebhook', method: 'send', payload: ['arg0', 'arg0.text', 'arg0.blocks', 'arg0.attachments'] },
  ],
  endpoints: [
    {
      method: 'POST',
      url: '^https://(www\\.)?slack\\.com/api/(chat\\.(postMessage|postEphemeral|scheduleMessage|update|meMessage|startStream|appendStream|stopStream|unfurl)|files\\.(completeUploadExternal|upload)|views\\.(publish|open|update|push)|canvases\\.(create|edit))',
      payload: ['text', 'blocks', 'attachments', 'markdown_text', 'initial_comment', 'view'],
    },
    {
      method: 'POST',
      url: '^https://hooks\\.slack\\.com/(services|actions|triggers|workflows)/',
      payload: ['text', 'blocks', 'attachments'],
      webhookKey: 'slack.*(hook|url|uri|endpoint)|response_url',
    },
  ],
});
