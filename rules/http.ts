import { defineCarriers } from './define.js';

/**
 * Generic HTTP clients. A call through one of them is a sink only when its
 * URL folds to an endpoint modelled by a platform in `rules/platforms/`.
 * Docs: https://fetch.spec.whatwg.org/#fetch-method, https://axios-http.com/docs/api_intro
 */
export default defineCarriers([
  {
    name: 'fetch',
    module: ['lib', 'node', 'undici-types', 'undici', 'node-fetch'],
    method: 'fetch',
    url: 'arg0',
    httpMethodFrom: 'arg1.method',
    body: 'arg1.body',
  },
  ...(['post', 'put', 'patch'] as const).map((method) => ({
    name: 'axios',
    module: 'axios',
    type: ['Axios', 'AxiosInstance'],
    method,
    url: 'arg0',
    httpMethod: method.toUpperCase(),
    body: 'arg1',
  })),
  { name: 'axios', module: 'axios', type: 'Axios', method: 'request', url: 'arg0.url', httpMethodFrom: 'arg0.method', body: 'arg0.data' },
]);
