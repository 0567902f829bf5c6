import { definePlatform } from '../define.js';

/**
 * Slack Web API. Every method of `WebClient` is a function-typed property of
 * the abstract class `Methods`, so the member path names the property chain.
 * Docs: https://api.slack.com/methods/chat.postMessage
 */
const content = ['arg0.text', 'arg0.blocks', 'arg0.attachments', 'arg0.markdown_text'];

export default definePlatform({
  platform: 'Slack',
  docs: 'https://api.slack.com/methods/chat.postMessage',
  sinks: [
    { module: '@slack/web-api', type: 'Methods', method: 'chat.postMessage', payload: [...content, 'arg0.metadata'] },
    {
      module: '@slack/web-api',
      type: 'Methods',
      method: ['chat.postEphemeral', 'chat.scheduleMessage', 'chat.update'],
      payload: content,
    },
    { module: '@slack/web-api', type: 'Methods', method: 'chat.meMessage', payload: ['arg0.text'] },
  ],
});
