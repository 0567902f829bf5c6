import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPolicy } from '../src/config/build-policy.js';
import { loadConfig } from '../src/config/load-config.js';
import { analyzeProgram, ProgramAnalyzer } from '../src/engine/analyze.js';
import { compareFindings, type AnalysisResult } from '../src/engine/finding.js';
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
const notify = fixturePath('flow-basics', 'src/notify.ts');
const original = { [calls]: readFileSync(calls, 'utf8'), [format]: readFileSync(format, 'utf8'), [notify]: readFileSync(notify, 'utf8') };

/** Each finding as "file:line kind: trace labels", in order: what a reader of the report sees. */
const shape = (result: Pick<AnalysisResult, 'findings'>): string[] =>
  result.findings.map((f) => `${path.relative(dir, f.sink.location.file)}:${f.sink.location.line} ${f.source.kind}: ${f.trace.map((s) => s.label).join(' | ')}`);

describe('incremental analysis across edits (flow-basics)', async () => {
  const { config } = await loadConfig(dir);
  const policy = buildPolicy(config, dir);
  const project = OwnProgram.forFile(calls);
  const cache = new AnalysisCache();
  /** The ESLint rule's way: a cache of its own, and each file analysed when it is linted (here in reverse order). */
  const editorCache = new AnalysisCache();

  /**
   * Applies the edits (file -> text) and returns the cached and the fresh
   * result of the edited program, and the findings of the file-by-file analysis.
   */
  const edit = (texts: Record<string, string>): { cached: AnalysisResult; fresh: AnalysisResult; byFile: Pick<AnalysisResult, 'findings'> } => {
    let program = project.programFor(calls, original[calls]!);
    for (const [file, text] of Object.entries(texts)) program = project.programFor(file, text);
    const analyzer = new ProgramAnalyzer(program, policy, { rootDir: dir, cache: editorCache });
    const findings = [...analyzer.files].reverse().flatMap((sf) => analyzer.fileResult(sf).findings);
    return {
      cached: analyzeProgram(program, policy, { rootDir: dir, cache }),
      fresh: analyzeProgram(program, policy, { rootDir: dir }),
      byFile: { findings: findings.sort(compareFindings) },
    };
  };

  const first = edit({});

  it('analyses everything on the first run', () => {
    expect(cache.lastStats?.fullReason).toBe('first run');
    expect(shape(first.cached)).toEqual(shape(first.fresh));
    expect(shape(first.byFile)).toEqual(shape(first.fresh));
    expect(first.cached.findings.length).toBeGreaterThan(10);
  });

  it('finds a leak that a new caller in another file sends through an unchanged helper', () => {
    const leaking = original[calls]!.replace("notifySafe(psid, 'Thanks for banking with us')", 'notifySafe(psid, `IBAN ${account.iban}`)');
    expect(leaking).not.toBe(original[calls]);
    const { cached, fresh, byFile } = edit({ [calls]: leaking });
    expect(shape(cached)).toEqual(shape(fresh));
    expect(shape(byFile)).toEqual(shape(fresh));
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
    const { cached, fresh, byFile } = edit({ [format]: safe });
    expect(shape(cached)).toEqual(shape(fresh));
    expect(shape(byFile)).toEqual(shape(fresh));
    expect(shape(cached).length).toBeLessThan(before.length);
  });

  it('finds a leak that an edited file stores into an object that a file it does not import sends', () => {
    // notify.ts sends `outbox.text`; calls.ts (which notify.ts does not import) starts storing an IBAN there.
    const sending = `${original[notify]}\nexport const outbox = { text: '' };\nexport async function sendOutbox(psid: string): Promise<void> {\n  await client.sendText(psid, outbox.text);\n}\n`;
    const before = edit({ [notify]: sending });
    expect(shape(before.cached).some((s) => s.startsWith('src/notify.ts:15'))).toBe(false);
    const storing = `${original[calls]!.replace('import { line, notify,', 'import { line, notify, outbox,')}\nexport function stash(account: BankAccount): void {\n  outbox.text = account.iban;\n}\n`;
    const { cached, fresh, byFile } = edit({ [notify]: sending, [calls]: storing });
    expect(shape(cached)).toEqual(shape(fresh));
    expect(shape(byFile)).toEqual(shape(fresh));
    expect(shape(cached).some((s) => s.startsWith('src/notify.ts:15 BankAccount'))).toBe(true);
    expect(cache.lastStats).toMatchObject({ changedFiles: 1 });
    expect(cache.lastStats!.fullReason).toBeUndefined();
    expect(cache.lastStats!.reusedCalls).toBeGreaterThan(0);
  });

  it('returns to the first result when the edits are undone', () => {
    const { cached } = edit({ [calls]: original[calls]!, [format]: original[format]!, [notify]: original[notify]! });
    expect(shape(cached)).toEqual(shape(first.fresh));
  });
});
