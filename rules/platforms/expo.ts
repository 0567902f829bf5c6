import { definePlatform } from '../define.js';

/**
 * Expo push notifications for React Native apps (the text shows on the lock
 * screen and passes through Expo's, Apple's and Google's servers).
 * Docs: https://docs.expo.dev/push-notifications/sending-notifications/
 */
export default definePlatform({
  platform: 'Expo push notifications',
  docs: 'https://docs.expo.dev/push-notifications/sending-notifications/',
  versions: { 'expo-server-sdk': '3 - 6' },
  sinks: [
    // `to` is the device token: routing.
    { module: 'expo-server-sdk', type: 'Expo', method: 'sendPushNotificationsAsync', payload: ['arg0[].title', 'arg0[].subtitle', 'arg0[].body', 'arg0[].data'] },
  ],
  endpoints: [{ method: 'POST', url: '^https://exp\\.host/--/api/v2/push/send', payload: ['title', 'subtitle', 'body', 'data', '[].title', '[].subtitle', '[].body', '[].data'] }],
});
