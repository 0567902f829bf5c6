import { definePlatform } from '../define.js';

/**
 * WhatsApp: the Cloud API over HTTP (POST /{phone-number-id}/messages on the
 * Graph API) and through `whatsapp-api-js`, plus the WhatsApp Web clients
 * Baileys (`@whiskeysockets/baileys`, `baileys`) and `whatsapp-web.js`.
 * Docs: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
 * whatsapp-api-js: https://whatsappapijs.web.app/classes/index.WhatsAppAPI.html#sendMessage
 * Baileys: https://baileys.wiki/docs/socket/sending-messages
 * whatsapp-web.js: https://docs.wwebjs.dev/Client.html#sendMessage
 */
const baileysContent = ['arg1.text', 'arg1.caption', 'arg1.image', 'arg1.document', 'arg1.video', 'arg1.poll', 'arg1.contacts', 'arg1.buttons', 'arg1.sections'];

export default definePlatform({
  platform: 'WhatsApp',
  docs: 'https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages',
  untested: {
    'whatsapp-web.js': 'not installed for tests: about 71 MB in 202 packages (puppeteer), more than the CI install budget allows (see fixtures/package.json); modelled from its typings',
    '@whiskeysockets/baileys': 'cannot be installed from the npm registry alone: it depends on GitHub repositories (libsignal-node, eslint-config)',
    baileys: 'same package as @whiskeysockets/baileys, same GitHub dependencies',
  },
  versions: { 'whatsapp-api-js': '4 - 6', '@whiskeysockets/baileys': '6 - 7', baileys: '6 - 7', 'whatsapp-web.js': '1' },
  sinks: [
    { module: 'whatsapp-api-js', type: 'WhatsAppAPI', method: ['sendMessage', 'broadcastMessage'], payload: ['arg2'] },
    { module: 'whatsapp-api-js', type: 'OnMessageArgs', method: 'reply', payload: ['arg0'] },
    // Baileys: `sendMessage` is a property of the anonymous type makeWASocket returns.
    { module: ['@whiskeysockets/baileys', 'baileys'], method: 'sendMessage', payload: baileysContent },
    { module: ['@whiskeysockets/baileys', 'baileys'], method: 'relayMessage', payload: ['arg1'] },
    { module: 'whatsapp-web.js', type: 'Client', method: 'sendMessage', payload: ['arg1', 'arg2.caption'] },
    { module: 'whatsapp-web.js', type: ['Message', 'Chat', 'Channel', 'GroupNotification'], method: ['reply', 'sendMessage', 'edit'], payload: ['arg0', 'arg1.caption', 'arg2.caption'] },
  ],
  endpoints: [
    {
      method: 'POST',
      url: '^https://graph\\.facebook\\.com/(v\\d+\\.\\d+/)?\\d+/messages',
      bodyHas: 'messaging_product',
      payload: ['text', 'template', 'interactive', 'image', 'document', 'video', 'audio', 'location', 'contacts'],
      webhookKey: 'whatsapp.*(url|uri|endpoint)',
    },
    { method: 'POST', url: '^https://graph\\.facebook\\.com/(v\\d+\\.\\d+/)?\\d+/media$', payload: ['file'] },
  ],
});
