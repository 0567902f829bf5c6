import { definePlatform } from '../define.js';

/**
 * Botkit 4 (built on Bot Framework adapters): `bot.say`, `bot.reply` and
 * conversation templates.
 * Docs: https://github.com/howdyai/botkit/blob/main/packages/docs/reference/core.md#say
 */
export default definePlatform({
  platform: 'Botkit',
  docs: 'https://github.com/howdyai/botkit/blob/main/packages/docs/reference/core.md#say',
  untested: {
    botkit: 'not installed for tests: about 144 MB in 219 packages, more than the CI install budget allows (see fixtures/package.json); modelled from its typings; the Bot Framework classes it builds on are proven through botbuilder',
  },
  versions: { botkit: '4' },
  sinks: [
    { module: 'botkit', type: 'BotWorker', method: 'say', payload: ['arg0', 'arg0.text', 'arg0.attachments', 'arg0.blocks', 'arg0.channelData'] },
    { module: 'botkit', type: 'BotWorker', method: ['reply', 'replyEphemeral', 'replyPublic', 'replyPrivate', 'replyInThread', 'replyInteractive'], payload: ['arg1', 'arg1.text', 'arg1.attachments', 'arg1.blocks'] },
    { module: 'botkit', type: 'BotkitConversation', method: ['say', 'ask', 'addMessage', 'addQuestion'], payload: ['arg0', 'arg0.text'] },
  ],
});
