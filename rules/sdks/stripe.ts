import { defineSdk } from '../define.js';

/**
 * Stripe (`stripe` on npm): balances, bank accounts and cards on file, and the
 * money movements (charges, payment intents, payouts, refunds, transfers).
 * Docs: https://docs.stripe.com/api/balance, https://docs.stripe.com/api/customer_bank_accounts,
 * https://docs.stripe.com/api/charges
 */
export default defineSdk({
  sdk: 'Stripe',
  docs: 'https://docs.stripe.com/api',
  module: 'stripe',
  types: [
    'Balance',
    'BalanceTransaction',
    'BankAccount',
    'Card',
    'CashBalance',
    'Charge',
    'CustomerBalanceTransaction',
    'CustomerCashBalanceTransaction',
    'PaymentIntent',
    'Payout',
    'Refund',
    'Transfer',
  ],
});
