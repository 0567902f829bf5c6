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

describe('traces through the constructs', () => {
  it('follows elements into a map callback and its result through join', async () => {
    const steps = await traceAt('flow-callbacks', 'src/arrays.ts', 8);
    expect(steps[0]).toBe('src/bank.ts:10 `(await response.json()) as CardTransact…` returns CardTransaction: `amount` (balance)');
    expect(steps).toContain('src/arrays.ts:7 passed to the callback of `txs.map()`');
    expect(steps).toContain('src/arrays.ts:7 passed through `Array.map()`');
    expect(steps.at(-1)).toBe('src/arrays.ts:8 argument `text` of `client.sendText` → Facebook Messenger');
  });

  it('follows a value pushed into an array and joined', async () => {
    const steps = await traceAt('flow-callbacks', 'src/arrays.ts', 55);
    expect(steps).toContain('src/arrays.ts:54 stored by `parts.push()`');
  });

  it('follows a class field set in one method and sent from another', async () => {
    const steps = await traceAt('flow-classes', 'src/notifier.ts', 18);
    expect(steps).toContain('src/notifier.ts:14 stored in `this.line`');
    expect(steps.at(-1)).toBe('src/notifier.ts:18 argument `text` of `client.sendText` → Facebook Messenger');
  });

  it('follows an error message from the throw to the catch block', async () => {
    const steps = await traceAt('flow-async-events', 'src/errors.ts', 28);
    expect(steps).toContain('src/errors.ts:6 thrown');
    expect(steps).toContain('src/errors.ts:27 caught as `error`');
  });

  it('follows emit to the handler registered for the same event', async () => {
    const steps = await traceAt('flow-async-events', 'src/events.ts', 8);
    expect(steps.some((s) => s.startsWith('src/events.ts:17 emitted by `bus.emit('))).toBe(true);
  });
});
