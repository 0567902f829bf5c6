import { definePlatform } from '../define.js';

/**
 * OneSignal push, SMS and in-app messages (the content shows on the lock
 * screen or in an SMS and passes through OneSignal's servers).
 * Docs: https://documentation.onesignal.com/reference/push-notification
 */
export default definePlatform({
  platform: 'OneSignal',
  docs: 'https://documentation.onesignal.com/reference/push-notification',
  versions: { '@onesignal/node-onesignal': '2 - 5' },
  sinks: [
    // `app_id`, `include_aliases`, `include_subscription_ids` and segments address the message: routing.
    {
      module: '@onesignal/node-onesignal',
      type: ['PromiseDefaultApi', 'DefaultApi'],
      method: ['createNotification', 'createNotificationWithRetry'],
      payload: ['arg0.contents', 'arg0.headings', 'arg0.subtitle', 'arg0.data'],
    },
  ],
  endpoints: [{ method: 'POST', url: '^https://(api\\.)?onesignal\\.com/(api/v1/)?notifications', payload: ['contents', 'headings', 'subtitle', 'data'] }],
});
