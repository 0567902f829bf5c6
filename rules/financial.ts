import { defineSources } from './define.js';

/**
 * What is account or transaction data by default. Variable names never count:
 * a value is financial because of its static type.
 *
 * - `names`: a type whose name contains one of these words (any casing, any
 *   affix: `AccountRead`, `TransactionDto`, `BankAccountEntity`, `CardTxn`,
 *   a `bank_accounts` table) is a *candidate*. Types inferred from a schema,
 *   table, model or entity (zod, valibot, Drizzle, Prisma, TypeORM) are named
 *   after it. A candidate is financial only when its structure confirms it:
 * - `evidence`: a field, at any depth, whose name contains one of these words
 *   (`balance` matches `current_balance`, `accountNumber` matches
 *   `bank_account_number`) or matches a `/regex/` entry as a whole, or a
 *   `currency` beside a numeric field. This keeps
 *   look-alikes out: Bot Framework's `ChannelAccount` (id, name, role), a
 *   portal `LoginAccount` (username, lastLogin), a cloud `ServiceAccount`.
 * - `fields`: fields that make any object type financial, whatever its name.
 * - `types`: names that are financial whatever their fields (none built in).
 * - `exclude`: what never counts, whatever the rules above say.
 *
 * Bank-integration SDKs are modelled by package and declaration in
 * `rules/sdks/`; calls returning untyped bank data in `sources.calls` there.
 */
export default defineSources({
  types: [],
  fields: ['iban', 'accountNumber', 'routingNumber', 'cardNumber', 'pan', 'balance'],
  names: ['Account', 'Acct', 'Transaction', 'Txn', 'Balance', 'Statement', 'Card'],
  evidence: [
    'amount', 'balance', 'iban', 'bban', 'accountNumber', 'acctNumber', 'accountNo', 'routingNumber', 'sortCode', 'cardNumber', 'pan',
    // A field that is just `number` on an account or card type is its number (`Account.number`); `phoneNumber` is not.
    '/^(number|no)$/i',
  ],
  // Libraries whose calls build a schema or table from an object literal: values shaped by it are
  // named after the schema variable or table (`transactionSchema`, `pgTable('transactions', ...)`).
  schemaLibraries: ['zod', 'valibot', 'drizzle-orm'],
  // Validation-error maps (`{ iban?: string[] }`: messages about a field, not its value).
  exclude: { types: ['/Errors$/'], names: [], fields: [] },
});
