import { defineSources } from './define.js';

/**
 * What is account or transaction data by default: financial *fields*, by
 * category. Variable names never count: a value is financial because of the
 * fields its static type says it carries, and only those fields taint
 * (`account.balance` is a source, `account.nickname` and `account.id` are not).
 *
 * - `fields`: field words by data category, matched as the head of a field
 *   name in any casing (`balance` matches `current_balance` and `newBalance`,
 *   `iban` matches `debtorIban`; `ibanCountry` and `lowBalanceThreshold` are
 *   not an IBAN or a balance). `confirms` says how much a field says by itself:
 *   an `iban` is financial on any object, an `amount` beside a currency, a date
 *   or a merchant, a `description` only on an object known to be a money or
 *   account shape, and a `name` only on a transaction-like type.
 * - `names`: words of type names (or of the schema, table, entity or model a
 *   type's fields were declared in) that show a money or account shape: strong
 *   evidence for the fields above, never a source by itself. Look-alikes
 *   (`ChannelAccount`, `ServiceAccount`, `AccountSettings`) carry no financial field.
 * - `modifiers`: words that may follow a field word (`amount_cents`, `merchantName`).
 * - `beside`: words of currency and date fields that make an `amount` money
 *   (a field typed `Date` is a date too).
 * - `types`: names that are financial whatever their fields (none built in).
 * - `exclude`: what never counts, whatever the rules above say.
 *
 * Bank-integration SDKs are modelled by package and declaration in
 * `rules/sdks/`; calls returning untyped bank data in `sources.calls` there.
 */

/** Type-name words of transactions, for fields whose meaning depends on it (`name`, `city` of a card purchase). */
const TRANSACTION = ['Transaction', 'Txn', 'Payment', 'Transfer', 'Charge', 'Posting', 'Deposit', 'Withdrawal', 'Purchase', 'Payout', 'Refund', 'Expense', 'Statement', 'Ledger'];

export default defineSources({
  types: [],
  fields: [
    // Balances and amounts.
    { category: 'balance', words: ['balance', 'creditLimit', 'overdraft'], confirms: 'alone' },
    { category: 'balance', words: ['amount', 'money', 'fee', 'debit', 'credit', 'principal', 'total', 'income', 'expense', 'spending', 'spent', 'cost'], confirms: 'beside' },
    // A transaction's `value` is its amount.
    { category: 'balance', words: ['/^value$/i'], on: TRANSACTION },
    // Money objects (`{ value, currency }`, Plaid's `{ available, current, iso_currency_code }`).
    { category: 'balance', words: ['value', 'units', 'available', 'current', 'limit'], besideCurrency: true },
    // Account identifiers.
    { category: 'account-identifier', words: ['iban', 'bban', 'accountNumber', 'acctNumber', 'accountNo', 'acctNo', 'routingNumber', 'sortCode', 'bsb', 'formattedAccount'], confirms: 'alone' },
    { category: 'account-identifier', words: ['bic', 'swift', 'swiftCode'] },
    // A field that is just `number` on an account type is its number (`Account.number`); `phoneNumber` is not.
    { category: 'account-identifier', words: ['/^(number|no)$/i'], on: ['Account', 'Acct'], confirms: 'alone' },
    // Card identifiers.
    { category: 'card', words: ['cardNumber', 'cardNo', 'pan', 'cvv', 'cvc'], confirms: 'alone' },
    { category: 'card', words: ['expiry', 'expiryDate', 'expiration', 'expirationDate', 'expMonth', 'expYear'] },
    { category: 'card', words: ['/^(number|no)$/i'], on: ['Card'], confirms: 'alone' },
    // Counterparty and merchant.
    { category: 'counterparty', words: ['merchant', 'payee', 'payer', 'counterparty', 'creditor', 'debtor', 'beneficiary', 'remitter'], confirms: 'beside' },
    { category: 'counterparty', words: ['merchantCategory', 'merchantCategoryCode', 'mcc'] },
    // Purchase location: where the card was used.
    { category: 'purchase-location', words: ['merchantCity', 'merchantCountry', 'merchantAddress', 'merchantLocation', 'merchantPostcode', 'merchantZip'] },
    // A bare `city` on a card purchase is where it was made (a `billingCity` is not): the whole name.
    { category: 'purchase-location', words: ['/^(city|country|location|address|latitude|longitude|lat|lon|lng|coordinates|geo|postcode)$/i'], on: TRANSACTION },
    // Transaction descriptions and statement lines.
    { category: 'transaction-description', words: ['description', 'memo', 'narrative', 'narration', 'statementLine', 'statementDescriptor', 'remittanceInformation', 'remittanceInfo', 'transactionName', 'bookingText'] },
    // A transaction's own `name` or `reference` is its description (a `holderName` is not): the whole name.
    { category: 'transaction-description', words: ['/^(name|title|label|reference|details|notes?|purpose|text)$/i'], on: TRANSACTION },
  ],
  names: ['Account', 'Acct', 'Balance', 'Card', 'Iban', ...TRANSACTION],
  evidence: [],
  modifiers: ['cents', 'minor', 'major', 'micros', 'pence', 'value', 'amount', 'raw', 'formatted', 'display', 'str', 'string', 'text', 'name', 'decimal', 'original', 'local', 'settled'],
  beside: { currency: ['currency', 'ccy'], date: ['date', 'time', 'timestamp', 'datetime', 'at'] },
  // Libraries whose calls build a schema or table from an object literal: values shaped by it are
  // named after the schema variable or table (`transactionSchema`, `pgTable('transactions', ...)`).
  schemaLibraries: ['zod', 'valibot', 'drizzle-orm', 'kysely'],
  // Validation-error maps (`{ iban?: string[] }`: messages about a field, not its value).
  exclude: { types: ['/Errors$/'], names: [], fields: [], categories: [] },
});
