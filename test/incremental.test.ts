import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPolicy } from '../src/config/build-policy.js';
import { loadConfig } from '../src/config/load-config.js';
import { analyzeProgram } from '../src/engine/analyze.js';
import type { AnalysisResult } from '../src/engine/finding.js';
import { AnalysisCache } from '../src/engine/incremental.js';
import { OwnProgram } from '../src/eslint/own-program.js';
import { fixturePath } from './helpers/fixtures.js';

/**
 * An editor session in miniature: the same project re-analysed after edits,
 * with the cache the ESLint rule keeps. After every edit the incremental
 * result must equal a fresh analysis of the edited program, and the cache
 * must have reused the send calls the edit cannot have changed.
 */
const dir = fixturePath('flow-basics');
const calls = fixturePath('flow-basics', 'src/calls.ts');
const format = fixturePath('flow-basics', 'src/format.ts');
const original = { [calls]: readFileSync(calls, 'utf8'), [format]: readFileSync(format, 'utf8') };

/** Each finding as "file:line kind: trace labels", in order: what a reader of the report sees. */
const shape = (result: AnalysisResult): string[] =>
  result.findings.map((f) => `${path.relative(dir, f.sink.location.file)}:${f.sink.location.line} ${f.source.kind}: ${f.trace.map((s) => s.label).join(' | ')}`);

describe('incremental analysis across edits (flow-basics)', async () => {
  const { config } = await loadConfig(dir);
  const policy = buildPolicy(config, dir);
  const project = OwnProgram.forFile(calls);
  const cache = new AnalysisCache();

  /** Applies the edits (file -> text) and returns the cached and the fresh result of the edited program. */
  const edit = (texts: Record<string, string>): { cached: AnalysisResult; fresh: AnalysisResult } => {
    let program = project.programFor(calls, original[calls]!);
    for (const [file, text] of Object.entries(texts)) program = project.programFor(file, text);
    return { cached: analyzeProgram(program, policy, { rootDir: dir, cache }), fresh: analyzeProgram(program, policy, { rootDir: dir }) };
  };

  const first = edit({});

  it('analyses everything on the first run', () => {
    expect(cache.lastStats?.fullReason).toBe('first run');
    expect(shape(first.cached)).toEqual(shape(first.fresh));
    expect(first.cached.findings.length).toBeGreaterThan(10);
  });

  it('finds a leak that a new caller in another file sends through an unchanged helper', () => {
    const leaking = original[calls]!.replace("notifySafe(psid, 'Thanks for banking with us')", 'notifySafe(psid, `IBAN ${account.iban}`)');
    expect(leaking).not.toBe(original[calls]);
    const { cached, fresh } = edit({ [calls]: leaking });
    expect(shape(cached)).toEqual(shape(fresh));
    expect(shape(cached).some((s) => s.startsWith('src/notify.ts:10 BankAccount'))).toBe(true);
    const stats = cache.lastStats!;
    expect(stats.fullReason).toBeUndefined();
    expect(stats.changedFiles).toBe(1);
    expect(stats.reusedCalls).toBeGreaterThan(0);
  });

  it('drops the leaks of a helper edited to return no account data, in the files that call it', () => {
    const safe = original[format]!.replace('return `IBAN ${account.iban}, balance ${account.balance.toFixed(2)}`;', "return 'Your account details are in the app.';");
    expect(safe).not.toBe(original[format]);
    const before = shape(edit({}).cached);
    const { cached, fresh } = edit({ [format]: safe });
    expect(shape(cached)).toEqual(shape(fresh));
    expect(shape(cached).length).toBeLessThan(before.length);
  });

  it('returns to the first result when the edits are undone', () => {
    const { cached } = edit({ [calls]: original[calls]!, [format]: original[format]! });
    expect(shape(cached)).toEqual(shape(first.fresh));
  });
});
