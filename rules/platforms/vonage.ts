import { definePlatform } from '../define.js';

/**
 * Vonage (formerly Nexmo): the Messages API (SMS, WhatsApp, Messenger, Viber,
 * RCS) and SMS API through `@vonage/server-sdk` (whose `messages` / `sms`
 * properties are `@vonage/messages` / `@vonage/sms` clients), the legacy
 * `nexmo` package, and HTTP. `SMS` is both a message class in
 * @vonage/messages and the client in @vonage/sms: the package tells them apart.
 * Docs: https://developer.vonage.com/en/api/messages
 * SDK: https://github.com/Vonage/vonage-node-sdk/tree/3.x/packages/messages
 */
export default definePlatform({
  platform: 'Vonage',
  docs: 'https://developer.vonage.com/en/api/messages',
  versions: { '@vonage/server-sdk': '3', '@vonage/messages': '1', '@vonage/sms': '1', nexmo: '2' },
  sinks: [
    { module: '@vonage/messages', type: 'Messages', method: 'send', payload: ['arg0', 'arg0.text', 'arg0.caption', 'arg0.custom', 'arg0.whatsapp', 'arg0.image', 'arg0.file'] },
    { module: '@vonage/sms', type: 'SMS', method: 'send', payload: ['arg0.text'] },
    { module: 'nexmo', type: 'Message', method: 'sendSms', payload: ['arg2'] },
  ],
  endpoints: [
    { method: 'POST', url: '^https://(api|api-eu|api-us|api-ap)\\.nexmo\\.com/v(0\\.1|1)/messages$|^https://api\\.vonage\\.com/v1/messages', payload: ['text', 'image', 'file', 'custom', 'whatsapp'] },
    { method: 'POST', url: '^https://rest\\.nexmo\\.com/sms/json', payload: ['text'] },
  ],
});
