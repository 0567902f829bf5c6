import { definePlatform } from '../define.js';

/**
 * Vonage (formerly Nexmo): the Messages API (SMS, WhatsApp, Messenger, Viber,
 * RCS) and SMS API through `@vonage/server-sdk` (whose `messages` / `sms`
 * properties are `@vonage/messages` / `@vonage/sms` clients), the legacy
 * `nexmo` package, and HTTP. `SMS` is both a message class in
 * @vonage/messages and the client in @vonage/sms: the package tells them apart.
 * Docs: https://developer.vonage.com/en/api/messages
 * SDK: https://github.com/Vonage/vonage-node-sdk/tree/3.x/packages/messages
 * Message classes: https://github.com/Vonage/vonage-node-sdk/tree/3.x/packages/messages/lib/classes
 */
export default definePlatform({
  platform: 'Vonage',
  docs: 'https://developer.vonage.com/en/api/messages',
  versions: { '@vonage/server-sdk': '3', '@vonage/messages': '1', '@vonage/sms': '1', nexmo: '2' },
  sinks: [
    // The message's content fields; `to`, `from`, `clientRef` and `webhookUrl` are routing.
    { module: '@vonage/messages', type: 'Messages', method: 'send', payload: ['arg0.text', 'arg0.caption', 'arg0.custom', 'arg0.whatsapp', 'arg0.image', 'arg0.file', 'arg0.template', 'arg0.video', 'arg0.audio'] },
    { module: '@vonage/sms', type: 'SMS', method: 'send', payload: ['arg0.text'] },
    { module: 'nexmo', type: 'Message', method: 'sendSms', payload: ['arg2'] },
  ],
  builders: [
    // Message classes keep their fields: `new SMS({ to, from, text, clientRef })` has the text at `.text` and nothing else
    // there; the positional form `new SMS(text, to, from, clientRef)` puts its first argument there.
    ...['SMS', 'MMSText', 'MMSImage', 'WhatsAppText', 'WhatsAppImage', 'WhatsAppTemplate', 'WhatsAppCustom', 'MessengerText', 'MessengerImage', 'ViberText', 'ViberImage', 'RCSText', 'RCSCustom'].map(
      (type) => ({ function: type, module: '@vonage/messages', from: [], flows: [{ from: 'arg0', to: 'return' }] }),
    ),
  ],
  endpoints: [
    { method: 'POST', url: '^https://(api|api-eu|api-us|api-ap)\\.nexmo\\.com/v(0\\.1|1)/messages$|^https://api\\.vonage\\.com/v1/messages', payload: ['text', 'image', 'file', 'custom', 'whatsapp'] },
    { method: 'POST', url: '^https://rest\\.nexmo\\.com/sms/json', payload: ['text'] },
  ],
});
