import { definePlatform } from '../define.js';

/**
 * Firebase Cloud Messaging push notifications (adjacent to chat: the text
 * shows on the lock screen and passes through Google's and Apple's servers).
 * Docs: https://firebase.google.com/docs/reference/admin/node/firebase-admin.messaging.messaging#messagingsend
 */
export default definePlatform({
  platform: 'Firebase Cloud Messaging',
  docs: 'https://firebase.google.com/docs/reference/admin/node/firebase-admin.messaging.messaging#messagingsend',
  untested: {
    'firebase-admin': 'not installed for tests: about 55 MB in 183 packages, more than the CI install budget allows (see fixtures/package.json); modelled from its typings',
  },
  versions: { 'firebase-admin': '11 - 14' },
  sinks: [
    { module: 'firebase-admin', type: 'Messaging', method: ['send', 'sendEachForMulticast', 'sendMulticast'], payload: ['arg0.notification', 'arg0.data', 'arg0.android', 'arg0.apns', 'arg0.webpush'] },
    { module: 'firebase-admin', type: 'Messaging', method: ['sendEach', 'sendAll'], payload: ['arg0[].notification', 'arg0[].data', 'arg0[].android', 'arg0[].apns', 'arg0[].webpush'] },
  ],
  endpoints: [{ method: 'POST', url: '^https://fcm\\.googleapis\\.com/(v1/projects/[^/]+/messages:send|fcm/send)', payload: ['message', 'notification', 'data'] }],
});
