import { definePlatform } from '../define.js';

/**
 * LINE Messaging API: `@line/bot-sdk` 10+ (`messagingApi.MessagingApiClient`,
 * `LineBotClient`), the deprecated `Client` class of 7.x - 9.x that many bots
 * still pin, Yoctol's `messaging-api-line` (`LineClient`, its `Line.create*`
 * message builders and `LineNotify`), and plain HTTP. LINE Notify ended on
 * 2025-03-31 but is kept for old code.
 * Docs: https://developers.line.biz/en/reference/messaging-api/#send-push-message
 * SDK: https://line.github.io/line-bot-sdk-nodejs/
 * messaging-api-line: https://github.com/Yoctol/messaging-apis/tree/main/packages/messaging-api-line
 */
const messages = ['arg0.messages', 'arg0.messages[].text', 'arg0.messages[].altText', 'arg0.messages[].contents', 'arg0.messages[].template'];
const sendMethods = ['pushMessage', 'replyMessage', 'multicast', 'broadcast', 'narrowcast', 'pushMessagesByPhone'];
/** messaging-api-line: every `reply*`, `push*` and `multicast*` takes the target (reply token, user id, ids) first. */
const yoctol = (verbs: string[]): string[] => ['', 'Messages', 'Text', 'Image', 'Video', 'Audio', 'Location'].flatMap((kind) => verbs.map((v) => `${v}${kind}`));
const yoctolWithAltText = (verbs: string[]): string[] =>
  ['Imagemap', 'Flex', 'Template', 'ButtonTemplate', 'ButtonsTemplate', 'ConfirmTemplate', 'CarouselTemplate', 'ImageCarouselTemplate'].flatMap((kind) => verbs.map((v) => `${v}${kind}`));
const verbs = ['reply', 'push', 'multicast'];

export default definePlatform({
  platform: 'LINE',
  docs: 'https://developers.line.biz/en/reference/messaging-api/#send-push-message',
  versions: { '@line/bot-sdk': '7 - 11 (Client up to 9, MessagingApiClient from 8)', 'messaging-api-line': '1' },
  sinks: [
    {
      module: '@line/bot-sdk',
      type: ['MessagingApiClient', 'LineBotClientBase', 'LineBotClient'],
      method: [...sendMethods, ...sendMethods.map((m) => `${m}WithHttpInfo`)],
      payload: messages,
    },
    // Deprecated `Client` (7.x - 9.x): messages are the second argument, or the first for broadcast/narrowcast.
    { module: '@line/bot-sdk', type: 'Client', method: ['pushMessage', 'replyMessage', 'multicast'], payload: ['arg1'] },
    { module: '@line/bot-sdk', type: 'Client', method: ['broadcast', 'narrowcast'], payload: ['arg0'] },
    // messaging-api-line: content second (messages, text, media, location), options third (their quick replies are shown).
    { module: 'messaging-api-line', type: 'LineClient', method: yoctol(verbs), payload: ['arg1', 'arg2.quickReply'] },
    // Alt text second, the imagemap, flex container, template or columns third.
    { module: 'messaging-api-line', type: 'LineClient', method: yoctolWithAltText(verbs), payload: ['arg1', 'arg2', 'arg3.quickReply'] },
    { module: 'messaging-api-line', type: 'LineClient', method: ['narrowcast', 'narrowcastMessages', 'broadcast', 'broadcastMessages'], payload: ['arg0'] },
    { module: 'messaging-api-line', type: 'LineClient', method: ['replyRawBody', 'pushRawBody', 'multicastRawBody', 'narrowcastRawBody'], payload: ['arg0.messages'] },
    { module: 'messaging-api-line', type: 'LineNotify', method: 'sendNotify', payload: ['arg1', 'arg2.imageThumbnail', 'arg2.imageFullsize'] },
  ],
  builders: [
    // `Line.createText(text)`, `Line.createFlex(altText, contents)`: the message object they return carries their arguments.
    ...['Text', 'Image', 'Video', 'Audio', 'Location', 'Imagemap', 'Template', 'ButtonTemplate', 'ButtonsTemplate', 'ConfirmTemplate', 'CarouselTemplate', 'ImageCarouselTemplate', 'Flex'].map(
      (kind) => ({ function: `Line.create${kind}`, module: 'messaging-api-line', from: ['arg0', 'arg1', 'arg2'] }),
    ),
  ],
  endpoints: [
    {
      method: 'POST',
      url: '^https://api\\.line\\.me/v2/bot/message/(push|reply|multicast|broadcast|narrowcast)$|^https://api\\.line\\.me/bot/pnp/push',
      payload: ['messages'],
    },
    { method: 'POST', url: '^https://notify-api\\.line\\.me/api/notify', payload: ['message'], webhookKey: 'line.*notify' },
  ],
});
