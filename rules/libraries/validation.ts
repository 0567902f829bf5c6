import { definePropagators } from '../define.js';

/**
 * Schema validation: the parsed value is the input, checked and perhaps
 * narrowed, field by field (`Schema.parse(body).amount` is `body.amount`).
 * What a schema's own type says (a transactions schema) makes the result a
 * source by itself (rules/financial.ts); these models carry data that came in.
 * - zod: https://zod.dev/basics#parsing-data
 * - valibot: https://valibot.dev/guides/parse-data/
 */
export default definePropagators([
  ...['parse', 'parseAsync'].map((method) => ({ function: `ZodType.${method}`, module: 'zod', from: [], flows: [{ from: 'arg0', to: 'return' }] })),
  ...['safeParse', 'safeParseAsync'].map((method) => ({ function: `ZodType.${method}`, module: 'zod', from: [], flows: [{ from: 'arg0', to: 'return.data' }] })),
  ...['parse', 'parseAsync'].map((fn) => ({ function: fn, module: 'valibot', from: [], flows: [{ from: 'arg1', to: 'return' }] })),
  ...['safeParse', 'safeParseAsync'].map((fn) => ({ function: fn, module: 'valibot', from: [], flows: [{ from: 'arg1', to: 'return.output' }] })),
]);
