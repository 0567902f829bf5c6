import { defineSources } from './define.js';

/**
 * What is account or transaction data by default. A value is financial when
 * its static type is, or contains, one of these types, or an object type that
 * carries one of these fields. Variable names never count.
 */
export default defineSources({
  types: ['Account', 'BankAccount', 'Transaction', 'CardTransaction', 'Balance', 'Statement'],
  fields: ['iban', 'accountNumber', 'routingNumber', 'cardNumber', 'pan', 'balance'],
});
