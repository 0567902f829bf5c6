import { defineSdk } from '../define.js';

/**
 * Plaid (`plaid` on npm): accounts with balances and account/routing numbers,
 * transactions, investments and liabilities. API responses (`AccountsGetResponse`,
 * `TransactionsSyncResponse`, ...) contain these types and are found through them.
 * Docs: https://plaid.com/docs/api/accounts/, https://plaid.com/docs/api/products/transactions/
 */
export default defineSdk({
  sdk: 'Plaid',
  docs: 'https://plaid.com/docs/api/',
  module: 'plaid',
  types: [
    'AccountBase',
    'AccountBalance',
    'Transaction',
    'TransactionBase',
    'TransactionStream',
    'InvestmentTransaction',
    'Holding',
    'NumbersACH',
    'NumbersEFT',
    'NumbersInternational',
    'NumbersBACS',
    'AuthGetNumbers',
    'CreditCardLiability',
    'StudentLoan',
    'MortgageLiability',
    'Transfer',
    // Responses, so a finding names the call's result rather than a word match on it.
    'AccountsGetResponse',
    'AuthGetResponse',
    'TransactionsGetResponse',
    'TransactionsSyncResponse',
    'InvestmentsHoldingsGetResponse',
    'InvestmentsTransactionsGetResponse',
    'LiabilitiesGetResponse',
  ],
});
