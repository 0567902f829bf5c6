import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSources } from '../src/sources.js';
import { checkFixture, expectedFindings, findingKeys, fixturePath } from './helpers/fixtures.js';

/** Financial data however a codebase types it (issue 7): one test per fixture project, each loaded once. */
describe.each(['source-kinds', 'inferred-sources', 'bank-sdks'])('sources in %s', (name) => {
  const dir = fixturePath(name);

  it('reports exactly the leaks marked in its sources, and no look-alike', async () => {
    const { result } = await checkFixture(name);
    expect(result.diagnostics).toEqual([]);
    expect(findingKeys(result.findings, dir)).toEqual(expectedFindings(dir));
  });
});

const reasonAt = async (name: string, file: string, line: number): Promise<string | undefined> => {
  const { result } = await checkFixture(name);
  return result.findings.find((f) => f.sink.location.file === fixturePath(name, file) && f.sink.location.line === line)?.source.reason;
};

describe('explanations', () => {
  it('says which name word and which field made a type financial', async () => {
    expect(await reasonAt('source-kinds', 'src/bot.ts', 24)).toBe('type `AccountRead` (src/model.ts:2): field `attributes.current_balance` (balance); name matches `Account`');
    expect(await reasonAt('source-kinds', 'src/bot.ts', 32)).toBe('type `CardTxn` (src/model.ts:19): field `merchant` (counterparty); name matches `Card`');
  });

  it('names the untyped call a source came from', async () => {
    expect(await reasonAt('source-kinds', 'src/bot.ts', 55)).toMatch(/^response of GET https:\/\/api\.examplebank\.com\/v1\/customers\/…\/accounts through fetch/);
    expect(await reasonAt('source-kinds', 'src/bot.ts', 65)).toMatch(/^result of `LegacyBankClient\.fetchStatement` \(src\/legacy-bank\.ts:6\), typed `any`/);
  });

  it('explains inferred types by their schema, table or entity', async () => {
    expect(await reasonAt('inferred-sources', 'src/bot.ts', 15)).toMatch(/of schema `transactionSchema` \(src\/schemas\.ts:5\): field `merchant` \(counterparty\); name matches `Transaction`$/);
    expect(await reasonAt('inferred-sources', 'src/bot.ts', 34)).toMatch(/of table `transactions` \(src\/tables\.ts:4\): field `memo` \(transaction-description\); name matches `Transaction`$/);
    expect(await reasonAt('inferred-sources', 'src/bot.ts', 47)).toMatch(/of entity `LedgerLine` \(src\/entities\.ts:5\): field `memo` \(transaction-description\); name matches `Ledger`$/);
  });

  it('names the SDK model of a bank-integration type', async () => {
    expect(await reasonAt('bank-sdks', 'src/bot.ts', 30)).toBe('type `Charge` (stripe): field `description` (transaction-description); Stripe model of account or transaction data');
  });
});

describe('finleak sources', () => {
  it('lists the financial types and the look-alikes of a project with the reason', async () => {
    const { inventory } = await listSources({ project: fixturePath('source-kinds', 'tsconfig.json') });
    const list = (entries: typeof inventory.financial) => entries.map((e) => `${e.kind ?? e.name} ${e.module ?? path.relative(fixturePath('source-kinds'), e.location.file)}`);
    expect(list(inventory.financial)).toEqual([
      'AccountRead src/model.ts',
      'TransactionDto src/model.ts',
      'BankAccountEntity src/model.ts',
      'CardTxn src/model.ts',
      'Holding src/model.ts',
    ]);
    expect(list(inventory.lookAlikes)).toEqual(
      expect.arrayContaining(['LoginAccount src/model.ts', 'ServiceAccount src/model.ts', 'StatementRequest src/model.ts', 'AccountSettings src/model.ts']),
    );
  });
});
