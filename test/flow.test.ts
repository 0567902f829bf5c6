import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/engine/finding.js';
import { checkFixture, expectedFindings, findingKeys, fixturePath } from './helpers/fixtures.js';

/** "file:line label" for every step of the finding whose sink call begins on `file:line`. */
async function traceAt(fixture: string, file: string, line: number): Promise<string[]> {
  const dir = fixturePath(fixture);
  const { result } = await checkFixture(fixture);
  const finding = result.findings.find((f: Finding) => path.relative(dir, f.sink.location.file) === file && f.sink.location.line === line);
  expect(finding, `a finding at ${file}:${line}`).toBeDefined();
  return finding!.trace.map((s) => `${path.relative(dir, s.location.file)}:${s.location.line} ${s.label}`);
}

describe.each(['flow-callbacks', 'flow-classes', 'flow-async-events', 'flow-precision'])('fixture %s', (fixture) => {
  it('reports exactly the leaks marked in its sources', async () => {
    const dir = fixturePath(fixture);
    const { result } = await checkFixture(fixture);
    expect(result.diagnostics).toEqual([]);
    expect(findingKeys(result.findings, dir)).toEqual(expectedFindings(dir));
  });
});
