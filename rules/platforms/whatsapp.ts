import { definePlatform } from '../define.js';

/**
 * WhatsApp Cloud API: POST /{phone-number-id}/messages on the Graph API.
 * Docs: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
 */
export default definePlatform({
  platform: 'WhatsApp',
  docs: 'https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages',
  endpoints: [
    {
      method: 'POST',
      url: '^https://graph\\.facebook\\.com/(v\\d+\\.\\d+/)?\\d+/messages',
      bodyHas: 'messaging_product',
      payload: ['text', 'template', 'interactive', 'image', 'document', 'video', 'audio', 'location', 'contacts'],
    },
  ],
});
