import { definePlatform } from '../define.js';

/**
 * LINE Messaging API: `@line/bot-sdk` 10+ (`messagingApi.MessagingApiClient`,
 * `LineBotClient`), the deprecated `Client` class of 7.x - 9.x that many bots
 * still pin, and plain HTTP. LINE Notify ended on 2025-03-31 but is kept for
 * old code.
 * Docs: https://developers.line.biz/en/reference/messaging-api/#send-push-message
 * SDK: https://line.github.io/line-bot-sdk-nodejs/
 */
const messages = ['arg0.messages', 'arg0.messages[].text', 'arg0.messages[].altText', 'arg0.messages[].contents', 'arg0.messages[].template'];
const sendMethods = ['pushMessage', 'replyMessage', 'multicast', 'broadcast', 'narrowcast', 'pushMessagesByPhone'];

export default definePlatform({
  platform: 'LINE',
  docs: 'https://developers.line.biz/en/reference/messaging-api/#send-push-message',
  versions: { '@line/bot-sdk': '7 - 11 (Client up to 9, MessagingApiClient from 8)' },
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
