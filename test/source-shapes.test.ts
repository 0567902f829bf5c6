import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFixture, expectedFindings, findingKeys, fixturePath } from './helpers/fixtures.js';

const dir = fixturePath('sources-shapes');

describe('sources are types: every shape of issue 2 fires, and its close look-alike does not', () => {
  it('reports exactly the sends marked in fixtures/sources-shapes', async () => {
    const { result } = await checkFixture('sources-shapes');
    expect(result.diagnostics).toEqual([]);
    expect(findingKeys(result.findings, dir)).toEqual(expectedFindings(dir));
  });

  it('names why a value is financial', async () => {
    const { result } = await checkFixture('sources-shapes');
    const reason = (file: string, line: number) => result.findings.find((f) => path.relative(dir, f.sink.location.file) === file && f.sink.location.line === line)?.source.reason;
    expect(reason('src/named.ts', 7)).toBe('type `BankAccount` (src/model.ts:2): field `iban` (account-identifier); name matches `Account`');
    expect(reason('src/named.ts', 8)).toBe('type `Account` (src/model.ts:7): field `number` (account-identifier); name matches `Account`');
    expect(reason('src/structural.ts', 8)).toBe('type `Wire` (src/model.ts:32): field `accountNumber` (account-identifier)');
  });
});
