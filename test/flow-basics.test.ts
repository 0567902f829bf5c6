import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFixture, expectedFindings, findingKeys, fixturePath } from './helpers/fixtures.js';

const dir = fixturePath('flow-basics');

describe('flow: every construct of issue 2 fires, and its close safe variant does not', () => {
  it('reports exactly the sends marked in fixtures/flow-basics', async () => {
    const { result } = await checkFixture('flow-basics');
    expect(result.diagnostics).toEqual([]);
    expect(findingKeys(result.findings, dir)).toEqual(expectedFindings(dir));
  });

  it('traces a value through a re-exported helper into a sending helper in another file', async () => {
    const { result } = await checkFixture('flow-basics');
    const finding = result.findings.find((f) => f.sink.location.file.endsWith('notify.ts'))!;
    const steps = finding.trace.map((s) => `${path.relative(dir, s.location.file)}:${s.location.line} ${s.label}`);
    expect(steps[0]).toMatch(/^src\/calls\.ts:19 `(await )?loadAccount\(id\)` returns BankAccount: `iban` \(account-identifier\)$/);
    expect(steps).toContain('src/notify.ts:4 passed as parameter `text` of `notify`');
    expect(steps.at(-1)).toBe('src/notify.ts:5 argument `text` of `client.sendText` → Facebook Messenger');
  });
});
