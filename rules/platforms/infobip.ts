import { definePlatform } from '../define.js';

/**
 * Infobip: `@infobip-api/sdk` declares `channels: any`, so its sends are
 * matched by import and member names; and the REST API (SMS, WhatsApp,
 * Viber, Messages API).
 * Docs: https://www.infobip.com/docs/api/channels/sms/sms-messaging/outbound-sms/send-sms-messages
 */
export default definePlatform({
  platform: 'Infobip',
  docs: 'https://www.infobip.com/docs/api/channels/sms/sms-messaging/outbound-sms/send-sms-messages',
  versions: { '@infobip-api/sdk': '0.x (untyped channels)' },
  sinks: [
    { module: '@infobip-api/sdk', untyped: true, method: ['channels.sms.send', 'channels.whatsapp.send', 'channels.viber.send', 'channels.email.send', 'channels.mms.send'], payload: ['arg0.messages', 'arg0.content', 'arg0.text'] },
  ],
  endpoints: [
    {
      method: 'POST',
      url: '^https://[a-z0-9]+\\.api\\.infobip\\.com/(sms/(1|2|3)/(text/(single|multi|advanced)|messages)|whatsapp/1/message/(text|template|interactive/[a-z]+|document|image)|viber/2/messages|messages-api/1/messages|omni/1/advanced)',
      payload: ['messages', 'content', 'text'],
    },
  ],
});
