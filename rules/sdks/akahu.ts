import { defineSdk } from '../define.js';

/**
 * Akahu (`akahu` on npm), New Zealand's open-banking API: connected bank
 * accounts with balances, their transactions, payments and transfers.
 * Docs: https://developers.akahu.nz/reference/get_accounts, https://developers.akahu.nz/reference/get_transactions
 */
export default defineSdk({
  sdk: 'Akahu',
  docs: 'https://developers.akahu.nz/reference',
  module: 'akahu',
  types: [
    'Account',
    'AccountBalance',
    'Transaction',
    'RawTransaction',
    'EnrichedTransaction',
    'PendingTransaction',
    'RawPendingTransaction',
    'EnrichedPendingTransaction',
    'Payment',
    'Transfer',
  ],
});
