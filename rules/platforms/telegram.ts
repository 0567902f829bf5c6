import { definePlatform } from '../define.js';

/**
 * Telegram Bot API through Telegraf, grammY (also its raw API), node-telegram-bot-api
 * (0.6x with `@types/node-telegram-bot-api`, and 2.x whose methods take one
 * params object), Yoctol's `messaging-api-telegram`, GramJS (`telegram`,
 * MTProto user/bot client, also raw requests through `invoke`) and plain HTTP.
 * Docs: https://core.telegram.org/bots/api#sendmessage
 * Telegraf: https://telegraf.js.org/classes/Context.html
 * grammY: https://grammy.dev/ref/core/context, raw API: https://grammy.dev/advanced/reliability#the-raw-api
 * node-telegram-bot-api: https://github.com/yagop/node-telegram-bot-api/blob/master/doc/api.md
 * messaging-api-telegram: https://github.com/Yoctol/messaging-apis/tree/main/packages/messaging-api-telegram
 * GramJS: https://gram.js.org/beta/classes/TelegramClient.html#sendMessage, requests: https://gram.js.org/tl/messages/SendMessage
 */
const replyText = ['reply', 'sendMessage', 'replyWithHTML', 'replyWithMarkdown', 'replyWithMarkdownV2', 'editMessageText', 'replyWithDraft', 'replyWithRichMessage'];
const replyMedia = ['replyWithPhoto', 'replyWithDocument', 'replyWithVideo', 'replyWithAudio', 'replyWithVoice', 'replyWithAnimation', 'sendPhoto', 'sendDocument'];
const apiMedia = ['sendPhoto', 'sendDocument', 'sendVideo', 'sendAudio', 'sendAnimation', 'sendVoice'];
/**
 * Bot API methods that send or edit content, as declared in @grammyjs/types `ApiMethods`: grammY's raw
 * API (`bot.api.raw.sendMessage({ chat_id, text })`) is a mapped type over them, so its members resolve there.
 */
const rawMethods = [
  'sendMessage', 'sendRichMessage', 'sendMessageDraft', 'sendRichMessageDraft', ...apiMedia, 'sendVideoNote', 'sendLivePhoto', 'sendPaidMedia',
  'sendMediaGroup', 'sendPoll', 'sendChecklist', 'sendInvoice', 'sendVenue', 'sendContact', 'sendLocation', 'copyMessage',
  'editMessageText', 'editEphemeralMessageText', 'editMessageCaption', 'editEphemeralMessageCaption', 'editMessageMedia', 'editEphemeralMessageMedia', 'editMessageChecklist',
  'answerCallbackQuery', 'answerInlineQuery', 'answerWebAppQuery',
];
const rawPayload = [
  'arg0.text', 'arg0.rich_message', 'arg0.caption', 'arg0.media', 'arg0.question', 'arg0.options', 'arg0.checklist', 'arg0.title', 'arg0.description',
  'arg0.address', 'arg0.first_name', 'arg0.last_name', 'arg0.latitude', 'arg0.longitude', 'arg0.results', 'arg0.result',
];
/** GramJS raw requests sent with `client.invoke(request)`: the request object is built first, then sent. */
const invoke = [{ module: 'telegram', type: ['TelegramClient', 'TelegramBaseClient'], method: 'invoke' }];

export default definePlatform({
  platform: 'Telegram',
  docs: 'https://core.telegram.org/bots/api#sendmessage',
  versions: { telegraf: '4', grammy: '1', '@grammyjs/types': '3 - 5 (grammY raw API)', 'node-telegram-bot-api': '0.6x (@types) and 2.x', 'messaging-api-telegram': '1', telegram: '2' },
  sinks: [
    // Telegraf: Context (also NarrowedContext<…> and subclasses) and ctx.telegram.
    { module: 'telegraf', type: 'Context', method: [...replyText, 'editMessageCaption', 'answerCbQuery'], payload: ['arg0', 'arg1.caption'] },
    { module: 'telegraf', type: 'Context', method: replyMedia, payload: ['arg0', 'arg1.caption'] },
    { module: 'telegraf', type: 'Context', method: ['replyWithMediaGroup', 'answerInlineQuery'], payload: ['arg0'] },
    { module: 'telegraf', type: 'Context', method: ['replyWithPoll', 'replyWithContact'], payload: ['arg0', 'arg1'] },
    { module: 'telegraf', type: 'Context', method: 'replyWithInvoice', payload: ['arg0.title', 'arg0.description'] },
    { module: 'telegraf', type: 'Telegram', method: ['sendMessage', 'answerCbQuery', 'answerInlineQuery', 'sendCopy', 'sendMediaGroup'], payload: ['arg1'] },
    { module: 'telegraf', type: 'Telegram', method: ['editMessageText', 'editMessageCaption'], payload: ['arg3'] },
    { module: 'telegraf', type: 'Telegram', method: [...apiMedia], payload: ['arg1', 'arg2.caption'] },
    { module: 'telegraf', type: 'Telegram', method: 'sendPoll', payload: ['arg1', 'arg2'] },
    { module: 'telegraf', type: 'ApiClient', method: 'callApi', payload: ['arg1'] },
    // grammY: Context (FilteredContext<…>, flavoured contexts) and bot.api / ctx.api.
    { module: 'grammy', type: 'Context', method: [...replyText, 'answerCallbackQuery'], payload: ['arg0', 'arg1.caption'] },
    { module: 'grammy', type: 'Context', method: replyMedia, payload: ['arg0', 'arg1.caption'] },
    { module: 'grammy', type: 'Context', method: ['replyWithMediaGroup', 'answerInlineQuery', 'editMessageCaption'], payload: ['arg0', 'arg0.caption'] },
    { module: 'grammy', type: 'Context', method: ['replyWithPoll', 'replyWithInvoice'], payload: ['arg0', 'arg1'] },
    { module: 'grammy', type: 'Api', method: ['sendMessage', 'sendRichMessage', 'sendMediaGroup', 'answerInlineQuery', 'answerCallbackQuery'], payload: ['arg1'] },
    { module: 'grammy', type: 'Api', method: ['editMessageText', 'editMessageCaption', 'sendMessageDraft'], payload: ['arg2', 'arg2.caption'] },
    { module: 'grammy', type: 'Api', method: apiMedia, payload: ['arg1', 'arg2.caption'] },
    { module: 'grammy', type: 'Api', method: 'sendPoll', payload: ['arg1', 'arg2'] },
    // node-telegram-bot-api 0.6x (typings from @types/node-telegram-bot-api): positional arguments.
    { module: 'node-telegram-bot-api', type: 'TelegramBot', method: ['sendMessage', 'sendMediaGroup', 'answerInlineQuery'], payload: ['arg1'] },
    { module: 'node-telegram-bot-api', type: 'TelegramBot', method: ['editMessageText', 'editMessageCaption'], payload: ['arg0'] },
    { module: 'node-telegram-bot-api', type: 'TelegramBot', method: apiMedia, payload: ['arg1', 'arg2.caption'] },
    { module: 'node-telegram-bot-api', type: 'TelegramBot', method: ['sendPoll', 'sendInvoice', 'sendContact'], payload: ['arg1', 'arg2'] },
    { module: 'node-telegram-bot-api', type: 'TelegramBot', method: 'answerCallbackQuery', payload: ['arg0.text', 'arg1.text'] },
    { module: 'node-telegram-bot-api', type: 'TelegramBot', method: 'sendVenue', payload: ['arg3', 'arg4'] },
    // node-telegram-bot-api 2.x (own typings, .d.ts and .d.cts): one params object.
    {
      module: 'node-telegram-bot-api',
      type: 'Api',
      method: [
        'sendMessage', 'sendRichMessage', 'sendMessageDraft', 'sendRichMessageDraft', 'editMessageText', 'editEphemeralMessageText',
        'editMessageCaption', 'editEphemeralMessageCaption', ...apiMedia, 'sendPaidMedia', 'sendMediaGroup', 'sendPoll',
        'answerCallbackQuery', 'answerInlineQuery', 'answerWebAppQuery',
      ],
      payload: ['arg0.text', 'arg0.caption', 'arg0.rich_message', 'arg0.media', 'arg0.question', 'arg0.options', 'arg0.results'],
    },
    { module: 'node-telegram-bot-api', type: 'Context', method: 'reply', payload: ['arg0', 'arg0.text', 'arg1'] },
    { module: '@grammyjs/types', type: 'ApiMethods', method: rawMethods, payload: rawPayload },
    // messaging-api-telegram: chat id first, content second, options third (only the caption of the options is content).
    { module: 'messaging-api-telegram', type: 'TelegramClient', method: 'sendMessage', payload: ['arg1'] },
    { module: 'messaging-api-telegram', type: 'TelegramClient', method: [...apiMedia, 'sendVideoNote'], payload: ['arg1', 'arg2.caption'] },
    { module: 'messaging-api-telegram', type: 'TelegramClient', method: ['sendMediaGroup', 'sendVenue', 'sendContact', 'sendLocation'], payload: ['arg1'] },
    { module: 'messaging-api-telegram', type: 'TelegramClient', method: 'sendPoll', payload: ['arg1', 'arg2'] },
    { module: 'messaging-api-telegram', type: 'TelegramClient', method: 'sendInvoice', payload: ['arg1.title', 'arg1.description'] },
    { module: 'messaging-api-telegram', type: 'TelegramClient', method: ['editMessageText', 'editMessageCaption', 'editMessageMedia'], payload: ['arg0'] },
    { module: 'messaging-api-telegram', type: 'TelegramClient', method: 'editMessageLiveLocation', payload: ['arg0'] },
    { module: 'messaging-api-telegram', type: 'TelegramClient', method: 'answerCallbackQuery', payload: ['arg1.text'] },
    { module: 'messaging-api-telegram', type: 'TelegramClient', method: 'answerInlineQuery', payload: ['arg1'] },
    // GramJS (MTProto).
    { module: 'telegram', type: 'TelegramClient', method: ['sendMessage', 'sendFile', 'editMessage'], payload: ['arg1.message', 'arg1.file', 'arg1.caption', 'arg1.text'] },
    { module: 'telegram', type: 'CustomMessage', method: ['reply', 'respond'], payload: ['arg0.message', 'arg0.file'] },
    { module: 'telegram', type: ['SendMessage', 'EditMessage'], method: 'constructor', file: '/tl/api\\.d\\.ts$', payload: ['arg0.message'], sentBy: invoke },
    { module: 'telegram', type: 'SendMedia', method: 'constructor', file: '/tl/api\\.d\\.ts$', payload: ['arg0.message', 'arg0.media'], sentBy: invoke },
    { module: 'telegram', type: 'SendMultiMedia', method: 'constructor', file: '/tl/api\\.d\\.ts$', payload: ['arg0.multiMedia'], sentBy: invoke },
  ],
  endpoints: [
    {
      method: 'POST|GET',
      url: '^https://api\\.telegram\\.org/bot[^/]+/(sendMessage|editMessageText|editMessageCaption|send(Photo|Document|Video|Audio|Animation|Voice|MediaGroup|Poll|Invoice|Contact|Venue|MessageDraft|RichMessage)|answerCallbackQuery|answerInlineQuery|copyMessage|forwardMessage)',
      payload: ['text', 'caption', 'media', 'question', 'options', 'results'],
      webhookKey: 'telegram.*(url|uri|endpoint)',
    },
  ],
});
