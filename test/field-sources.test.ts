import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/engine/finding.js';
import { formatJson } from '../src/report/json.js';
import { formatSarif } from '../src/report/sarif.js';
import { listSources } from '../src/sources.js';
import { checkFixture, expectedFindings, findingKeys, fixturePath } from './helpers/fixtures.js';
import { sarifSchemaErrors } from './helpers/sarif.js';

/** Financial data is fields (issue 12): one program per fixture, loaded once. */
const dir = fixturePath('field-sources');
const at = (findings: readonly Finding[], file: string, line: number): Finding => {
  const found = findings.find((f) => path.relative(dir, f.sink.location.file) === file && f.sink.location.line === line);
  if (!found) throw new Error(`no finding at ${file}:${line}`);
  return found;
};

describe('sources are fields: every source shape fires, every harmless field and precision case is silent', () => {
  it('reports exactly the sends marked in fixtures/field-sources', async () => {
    const { result } = await checkFixture('field-sources');
    expect(result.diagnostics).toEqual([]);
    expect(findingKeys(result.findings, dir)).toEqual(expectedFindings(dir));
  });

  it('starts every trace at the financial field, and names it and its category', async () => {
    const { result } = await checkFixture('field-sources');
    for (const finding of result.findings) {
      expect(finding.source.fields?.length, finding.message).toBeGreaterThan(0);
      expect(finding.source.fields!.some((field) => finding.trace[0]!.label.includes(`\`${field}\``)), finding.trace[0]!.label).toBe(true);
    }
    const source = (file: string, line: number) => {
      const { source: s, trace } = at(result.findings, file, line);
      return [s.kind, s.fields, s.categories, trace[0]!.label];
    };
    expect(source('src/harmless.ts', 35)).toEqual(['BankAccount', ['balance'], ['balance'], '`loadAccount(id)` returns BankAccount: `balance` (balance)']);
    expect(source('src/shapes.ts', 31)).toEqual(['DepositBooked', ['payerName'], ['counterparty'], 'parameter `deposit` holds DepositBooked: `payerName` (counterparty)']);
    expect(source('src/shapes.ts', 37)).toEqual(['ExecutedTransfer', ['amountMinor'], ['balance'], 'parameter `transfer` holds ExecutedTransfer: `amountMinor` (balance)']);
    expect(source('src/shapes.ts', 38)).toEqual(['ExecutedTransfer', ['merchant_city'], ['purchase-location'], 'parameter `transfer` holds ExecutedTransfer: `merchant_city` (purchase-location)']);
    expect(source('src/inferred.ts', 13)).toEqual(['transactions', ['label', 'amount'], ['transaction-description', 'balance'], expect.stringContaining('returns transactions: `label` (transaction-description)')]);
    expect(source('src/inferred.ts', 66)).toEqual(['Transaction', ['amount.value'], ['balance'], 'parameter `tx` holds Transaction: `amount.value` (balance)']);
  });

  it('sends the financial fields of a whole object, and says which', async () => {
    const { result } = await checkFixture('field-sources');
    const whole = at(result.findings, 'src/harmless.ts', 44);
    expect([whole.source.fields, whole.source.categories]).toEqual([['iban', 'balance'], ['account-identifier', 'balance']]);
    expect(whole.message).toMatch(/^BankAccount data \(`loadAccount\(id\)`, fields `iban`, `balance`: account-identifier, balance\) reaches `bot\.sendMessage`/);
    expect(whole.source.reason).toBe('type `BankAccount` (src/harmless.ts:8): fields `iban` (account-identifier), `balance` (balance); name matches `Account`');
  });

  it('says what showed a money shape when the name does not', async () => {
    const { result } = await checkFixture('field-sources');
    expect(at(result.findings, 'src/shapes.ts', 33).source.reason).toBe(
      'type `MatchPayload` (src/shapes.ts:9): field `transactionName` (transaction-description); `amount` beside `currency`',
    );
    expect(at(result.findings, 'src/inferred.ts', 39).source.reason).toMatch(/with the fields of type `LedgerPostingTable` \(src\/inferred\.ts:\d+\): field `memo` \(transaction-description\); name matches `Posting`$/);
  });

  it('puts the data categories in JSON and SARIF results', async () => {
    const { result, rootDir } = await checkFixture('field-sources');
    const context = { rootDir, toolVersion: '0.1.0', color: false };
    const json = JSON.parse(formatJson(result, context));
    expect(json.findings.map((f: Finding) => f.source.categories).flat()).toEqual(expect.arrayContaining(['balance', 'account-identifier', 'card', 'counterparty', 'purchase-location', 'transaction-description']));
    const sarif = JSON.parse(formatSarif(result, context));
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const card = sarif.runs[0].results.find((r: { properties: { sourceKind: string } }) => r.properties.sourceKind === 'PaymentCard');
    expect(card.properties).toMatchObject({ categories: ['card'], fields: ['cardNumber'] });
  });
});

describe('finleak sources agrees with check', () => {
  it('lists each type check reports, with its field-level reason, and turns down the look-alikes', async () => {
    const { result } = await checkFixture('field-sources');
    const { inventory } = await listSources({ project: fixturePath('field-sources', 'tsconfig.json') });
    const financial = new Map(inventory.financial.map((e) => [e.kind ?? e.name, e]));
    for (const finding of result.findings) {
      const entry = financial.get(finding.source.kind);
      expect(entry, `${finding.source.kind} is reported by check`).toBeDefined();
      // Categories, not names: a query may alias a column (`label: transactions.name`).
      expect(entry!.categories, finding.source.kind).toEqual(expect.arrayContaining(finding.source.categories!));
    }
    expect(financial.get('BankAccount')?.reason).toBe('type `BankAccount` (src/harmless.ts:8): fields `iban` (account-identifier), `balance` (balance); name matches `Account`');
    const lookAlikes = new Map(inventory.lookAlikes.map((e) => [e.name, e.reason]));
    expect(lookAlikes.get('ServiceAccount')).toBe('type `ServiceAccount` (src/lookalikes.ts:12): name matches `Account`, but no financial field');
    expect(lookAlikes.get('CartLine')).toBe(
      'type `CartLine` (src/shapes.ts:54): `amount` (balance), but nothing shows a money or account shape (no currency or date beside it, no account or transaction name)',
    );
    // A class holding an account is not itself financial: what it holds is.
    expect([...financial.keys()]).not.toContain('AccountView');
    expect(lookAlikes.get('IbanHint')).toBe('type `IbanHint` (src/shapes.ts:45): name matches `Iban`, but no financial field');
  });

  it('judges a schema the way check judges the values it parses', async () => {
    const { inventory } = await listSources({ project: fixturePath('inferred-sources', 'tsconfig.json') });
    expect(inventory.financial.map((e) => `${e.name}: ${e.fields?.join(', ')}`)).toEqual(
      expect.arrayContaining(['transactionSchema: amount, merchant', 'AccountSchema: current_balance', 'transactions: amountCents, memo', 'LedgerLine: amount, memo']),
    );
    expect(inventory.lookAlikes.map((e) => e.name)).toEqual(expect.arrayContaining(['accountPrefsSchema', 'accountSessions', 'Robot']));
  });
});

describe('field rules in the config', () => {
  const configDir = fixturePath('field-config');

  it('adds field words and categories, removes categories and fields', async () => {
    const { result } = await checkFixture('field-config');
    expect(findingKeys(result.findings, configDir)).toEqual(expectedFindings(configDir));
    expect(result.findings.map((f) => `${f.source.kind} ${f.source.categories?.join(',')}`)).toEqual([
      'Member loyalty',
      'MexicanPayee account-identifier',
      'Posting unclassified',
      'CardTransaction balance',
    ]);
  });

  it('warns about a `sources.types` or `sources.fields` entry that matches nothing', async () => {
    const { result } = await checkFixture('field-config');
    const config = fixturePath('field-config', 'finleak.config.json');
    const expected = [
      `warning config-unmatched: ${config}: sources.types[0] "LedgerEntri" matches no type or schema declared in the project or its dependencies, so it has no effect: check its spelling, or remove it`,
      `warning config-unmatched: ${config}: sources.fields[3] "loyaltyTierCode" matches no field declared in the project, so it has no effect: check its spelling, or remove it`,
    ];
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`)).toEqual(expected);
    const { warnings } = await listSources({ project: fixturePath('field-config', 'tsconfig.json') });
    expect(warnings.map((d) => `${d.severity} ${d.code}: ${d.message}`)).toEqual(expected);
  });
});
