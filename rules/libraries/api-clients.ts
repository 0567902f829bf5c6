import { definePropagators } from '../define.js';

/**
 * API clients whose results are the server's data, not the request's: a bank
 * SDK's response is a source by its own type (rules/sdks), and an HTTP
 * response is data only when a source call (`sources.calls`, rules/bank-http.ts)
 * says so. What the request sent does not flow into the response, and the
 * client object is no data. `*` stands for every callee declared in the package.
 * - Plaid: https://plaid.com/docs/api/
 * - Stripe: https://docs.stripe.com/api
 * - Akahu: https://developers.akahu.nz/docs
 * - axios, got, ky, node-fetch, undici, superagent: their request functions (rules/http.ts)
 * - fetch: https://fetch.spec.whatwg.org/#fetch-method
 * - Prisma Client: https://www.prisma.io/docs/orm/reference/prisma-client-reference#model-queries
 */
export default definePropagators([
  ...['plaid', 'stripe', 'akahu'].map((module) => ({ function: '*', module, from: [] })),
  ...['axios', 'got', 'ky', 'node-fetch', 'undici', 'superagent'].map((module) => ({ function: '*', module, from: [] })),
  { function: 'fetch', module: ['node', 'undici-types', 'lib'], from: [] },
  // Prisma (generated client; no fixture, as the client only exists after `prisma generate`): a
  // written row comes back with the fields it was given, field by field; anything else is the database's.
  {
    function: '*',
    module: ['@prisma/client', '.prisma/client'],
    from: [],
    flows: ['data', 'create', 'update'].map((field) => ({ from: `arg0.${field}`, to: 'return' })),
  },
]);
