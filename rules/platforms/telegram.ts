import { definePlatform } from '../define.js';

/**
 * Telegram Bot API through Telegraf and node-telegram-bot-api.
 * Docs: https://core.telegram.org/bots/api#sendmessage
 * Telegraf: https://telegraf.js.org/classes/Context.html
 * node-telegram-bot-api: https://github.com/yagop/node-telegram-bot-api/blob/master/doc/api.md
 */
export default definePlatform({
  platform: 'Telegram',
  docs: 'https://core.telegram.org/bots/api#sendmessage',
  sinks: [
    {
      module: 'telegraf',
      type: 'Context',
      method: ['reply', 'sendMessage', 'replyWithHTML', 'replyWithMarkdown', 'replyWithMarkdownV2', 'editMessageText', 'editMessageCaption'],
      payload: ['arg0'],
    },
    {
      module: 'telegraf',
      type: 'Context',
      method: ['replyWithPhoto', 'replyWithDocument', 'replyWithVideo', 'replyWithAudio', 'replyWithVoice', 'sendPhoto', 'sendDocument'],
      payload: ['arg1.caption'],
    },
    { module: 'telegraf', type: 'Telegram', method: 'sendMessage', payload: ['arg1'] },
    { module: 'node-telegram-bot-api', type: 'TelegramBot', method: 'sendMessage', payload: ['arg1'] },
    { module: 'node-telegram-bot-api', type: 'TelegramBot', method: ['editMessageText', 'editMessageCaption'], payload: ['arg0'] },
    {
      module: 'node-telegram-bot-api',
      type: 'TelegramBot',
      method: ['sendPhoto', 'sendVideo', 'sendAudio', 'sendDocument', 'sendAnimation', 'sendVoice'],
      payload: ['arg2.caption'],
    },
  ],
});
