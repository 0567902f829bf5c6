import { definePlatform } from '../define.js';

/**
 * Matrix (Element and bridges): `matrix-js-sdk`, `matrix-bot-sdk` and the
 * client-server API. matrix-js-sdk overloads put the body second or third
 * (with a thread id before it), so its payload is named by parameter and placed
 * by the overload a call resolves to; the transaction id after it is routing.
 * Docs: https://spec.matrix.org/latest/client-server-api/#put_matrixclientv3roomsroomidsendeventtypetxnid
 * matrix-js-sdk: https://matrix-org.github.io/matrix-js-sdk/classes/matrix.MatrixClient.html#sendTextMessage
 * matrix-bot-sdk: https://turt2live.github.io/matrix-bot-sdk/classes/MatrixClient.html#sendText
 */
export default definePlatform({
  platform: 'Matrix',
  docs: 'https://spec.matrix.org/latest/client-server-api/#put_matrixclientv3roomsroomidsendeventtypetxnid',
  untested: {
    'matrix-js-sdk': 'not installed for tests: about 23 MB, more than the CI install budget allows (see fixtures/package.json); modelled from its typings; matrix-bot-sdk is proven',
  },
  versions: { 'matrix-js-sdk': '>=30', 'matrix-bot-sdk': '0.7 - 0.8' },
  sinks: [
    {
      module: 'matrix-js-sdk',
      type: 'MatrixClient',
      method: ['sendMessage', 'sendTextMessage', 'sendHtmlMessage', 'sendNotice', 'sendHtmlNotice', 'sendEmoteMessage', 'sendHtmlEmote', 'sendEvent'],
      payload: ['param:content', 'param:body', 'param:htmlBody'],
    },
    { module: 'matrix-bot-sdk', type: 'MatrixClient', method: ['sendText', 'sendHtmlText', 'sendNotice', 'sendHtmlNotice', 'sendMessage', 'sendEvent'], payload: ['arg1', 'arg2'] },
    { module: 'matrix-bot-sdk', type: 'MatrixClient', method: ['replyText', 'replyHtmlText', 'replyNotice', 'replyHtmlNotice'], payload: ['arg2', 'arg3'] },
  ],
  endpoints: [{ method: 'PUT', url: '/_matrix/client/(v3|r0)/rooms/[^/]+/send/m\\.room\\.message/[^/]+$', payload: ['body', 'formatted_body'] }],
});
