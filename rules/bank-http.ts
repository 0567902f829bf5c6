import { defineCarriers } from './define.js';

/**
 * HTTP clients through which code reads a bank's API. A call through one of
 * them is a source only when its URL matches a `sources.calls` entry with a
 * `url` (the bank's API host is the team's to name). `fetch` and axios's
 * `request` come from `rules/http.ts`; these add axios's reads.
 * Docs: https://axios-http.com/docs/api_intro
 */
export default defineCarriers(
  (['get', 'post', 'put', 'patch'] as const).map((method) => ({
    name: 'axios',
    module: 'axios',
    type: ['Axios', 'AxiosInstance', 'AxiosStatic'],
    method,
    url: 'arg0',
    httpMethod: method.toUpperCase(),
    body: method === 'get' ? 'arg1.data' : 'arg1',
  })),
);
