import type { HttpCarrierSpec } from '../src/policy/types.js';
import { defineCarriers } from './define.js';

/**
 * Generic HTTP clients. A call through one of them is a sink only when its
 * URL folds to an endpoint modelled by a platform in `rules/platforms/`
 * (or its webhook URL is read from a variable or key named for a platform).
 * Docs: https://fetch.spec.whatwg.org/#fetch-method, https://axios-http.com/docs/api_intro,
 * https://github.com/sindresorhus/got/blob/main/documentation/2-options.md, https://github.com/sindresorhus/ky#options,
 * https://undici.nodejs.org/#/docs/api/Dispatcher?id=dispatcherrequestoptions-callback,
 * https://ladjs.github.io/superagent/#post--put-requests, https://nodejs.org/api/https.html#httpsrequesturl-options-callback,
 * https://github.com/microsoftgraph/msgraph-sdk-javascript/blob/dev/docs/CallingPattern.md
 */
const verbs = ['post', 'put', 'patch'] as const;

const axios: HttpCarrierSpec[] = [
  ...verbs.map((method) => ({
    name: 'axios',
    module: 'axios',
    type: ['Axios', 'AxiosInstance'],
    method: [method, `${method}Form`],
    url: 'arg0',
    httpMethod: method.toUpperCase(),
    body: 'arg1',
    base: { method: 'create', url: 'arg0.baseURL' },
    prefix: 'arg2.baseURL',
  })),
  { name: 'axios', module: 'axios', type: ['Axios', 'AxiosInstance'], method: 'request', url: 'arg0.url', httpMethodFrom: 'arg0.method', body: 'arg0.data', base: { method: 'create', url: 'arg0.baseURL' }, prefix: 'arg0.baseURL' },
];

export default defineCarriers([
  {
    name: 'fetch',
    module: ['lib', 'node', 'undici-types', 'undici', 'node-fetch'],
    method: 'fetch',
    url: 'arg0',
    httpMethodFrom: 'arg1.method',
    body: 'arg1.body',
  },
  ...axios,
  // got: `got.post(url, { json })`; `post` comes from `Record<HTTPAlias, …>`, so the receiver's alias `Got` is matched.
  // The base URL is a client's (`got.extend({ prefixUrl })`) or the call's own (`{ prefixUrl }`).
  ...verbs.map((method) => ({
    name: 'got',
    module: 'got',
    type: 'Got',
    method,
    url: 'arg0',
    httpMethod: method.toUpperCase(),
    body: 'arg1.json|arg1.body|arg1.form',
    base: { method: 'extend', url: 'arg0.prefixUrl' },
    prefix: 'arg1.prefixUrl',
  })),
  // `got(url, { method, json })`, under whatever name it is imported: the call of got's default export.
  { name: 'got', module: 'got', method: 'got', url: 'arg0', httpMethodFrom: 'arg1.method', body: 'arg1.json|arg1.body|arg1.form', prefix: 'arg1.prefixUrl' },
  ...verbs.map((method) => ({
    name: 'ky',
    module: 'ky',
    type: ['KyInstance', 'Ky'],
    method,
    url: 'arg0',
    httpMethod: method.toUpperCase(),
    body: 'arg1.json|arg1.body',
    base: { method: ['create', 'extend'], url: 'arg0.prefixUrl' },
  })),
  { name: 'undici', module: 'undici', method: 'request', url: 'arg0', httpMethodFrom: 'arg1.method', body: 'arg1.body' },
  // superagent: `superagent.post(url).set(…).send(body)`.
  {
    name: 'superagent',
    module: 'superagent',
    type: ['Request', 'RequestBase', 'SuperAgentRequest'],
    method: 'send',
    url: 'arg0',
    via: { method: ['post', 'put', 'patch'], url: 'arg0', httpMethodFromName: true },
    body: 'arg0',
  },
  // node:http(s): `const req = https.request(url | options); req.write(body); req.end(body)`.
  {
    name: 'node:https',
    module: 'node',
    type: ['ClientRequest', 'OutgoingMessage', 'Writable', 'WritableBase', 'WritableStream'],
    method: ['write', 'end'],
    url: 'arg0',
    via: { method: 'request', url: 'arg0', httpMethodFrom: 'arg1.method|arg0.method' },
    body: 'arg0',
  },
  // @discordjs/rest: `rest.post(Routes.channelMessages(id), { body })`.
  { name: '@discordjs/rest', module: '@discordjs/rest', type: 'REST', method: ['post', 'patch', 'put'], url: 'arg0', body: 'arg1.body' },
  // Microsoft Graph SDK: `client.api('/chats/{id}/messages').post(message)`.
  {
    name: '@microsoft/microsoft-graph-client',
    module: '@microsoft/microsoft-graph-client',
    type: 'GraphRequest',
    method: ['post', 'create', 'put', 'patch', 'update'],
    url: 'arg0',
    httpMethod: 'POST',
    via: { method: 'api', url: 'arg0' },
    body: 'arg0',
  },
]);

/**
 * Words that, as a label of a host the code names, say an HTTP POST there
 * probably carries a chat message: a relay or notification service in front
 * of a platform (`https://tg.example.org/notify`, `notify-svc.internal`). A POST
 * with a message-like body to such a URL, which no platform model matches, is
 * listed as a possible send when financial data reaches its message field.
 */
export const relayWords: readonly string[] = [
  'tg', 'telegram', 'slack', 'discord', 'whatsapp', 'teams', 'messenger', 'chat', 'bot', 'bots',
  'notify', 'notifier', 'notification', 'notifications', 'alert', 'alerts', 'sms', 'push', 'webhook', 'webhooks', 'hook', 'hooks',
];
