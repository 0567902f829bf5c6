import { definePropagators } from '../define.js';

/**
 * Hashing carries the data: an unkeyed hash of an account or card number can
 * be reversed by trying every number (PCI DSS requires keyed hashes for card
 * numbers), so a digest is modelled as the data it was made from. A team
 * whose digests are keyed (HMAC with a secret) can list its function as a
 * sanitizer. Identifiers made without input (`randomUUID`) carry nothing.
 * - Node crypto: https://nodejs.org/api/crypto.html#class-hash
 */
export default definePropagators([
  ...['createHash', 'createHmac'].map((fn) => ({ function: fn, module: ['node', 'crypto'], from: [] })),
  ...['Hash', 'Hmac'].flatMap((type) => [
    { function: `${type}.update`, module: ['node', 'crypto'], from: ['this', 'arg0'] },
    { function: `${type}.digest`, module: ['node', 'crypto'], from: ['this'] },
  ]),
]);
