import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ts } from '@ts-morph/common';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../src/ci/changed-lines.js';
import { copyFixture, runCli, type CliRun } from './helpers/cli.js';

// CLI runs of the built binary on copies of fixtures/ci-bot (no SDK typings: fast to load).
// The example bot's SARIF is checked in bank-bot.test.ts, on the program that file loads anyway.
const SLOW = { timeout: 900_000 };

interface JsonFinding {
  fingerprint: string;
  source: { kind: string };
  sink: { location: { file: string; line: number }; enclosingFunction?: string };
  suppressed?: boolean;
  suppression?: { reason: string; location: { line: number } };
  baseline?: 'new' | 'known';
}
interface JsonReport {
  findings: JsonFinding[];
  failing: number;
  suppressed: number;
  baseline?: { file: string; updated?: boolean; new: number; known: number; fixed: { fingerprint: string; function?: string }[] };
  diagnostics: { severity: string; code: string; message: string; location?: { file: string; line: number } }[];
  stats: { files: number; sendCalls: number; sendFiles: number };
}

const json = (run: CliRun): JsonReport => JSON.parse(run.stdout) as JsonReport;
const lineOf = (file: string, needle: string): number => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
/** 1-based line of the first `await fetch(` after the declaration of `fn`. */
function sinkLine(file: string, fn: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.includes(`function ${fn}(`));
  return lines.findIndex((l, i) => i > start && l.trim().startsWith('await fetch(')) + 1;
}
const where = (f: JsonFinding): string => `${f.sink.location.file}:${f.sink.location.line} ${f.source.kind} ${f.sink.enclosingFunction ?? ''}`;

const NEW_LEAK = `
export async function sendIbanAgain(psid: string, customerId: string): Promise<void> {
  const account = await getAccount(customerId);
  await fetch(SEND_API, { method: 'POST', body: JSON.stringify({ recipient: { id: psid }, message: { text: \`IBAN \${account.iban}\` } }) });
}
`;

/** Inserts 20 unrelated lines above every sink (the lines marked finleak-expect). */
function insertAboveSinks(text: string): string {
  const filler = Array.from({ length: 20 }, (_, i) => `  // unrelated line ${i + 1}: the code above the send call grew`);
  return text
    .split('\n')
    .flatMap((line) => (line.includes('finleak-expect') ? [...filler, line] : [line]))
    .join('\n');
}

/** Reformats a file: printed by the TypeScript printer (4-space indent), double quotes, member calls on their own line. */
function reformat(text: string): string {
  const sourceFile = ts.createSourceFile('file.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const doubleQuotes: ts.TransformerFactory<ts.SourceFile> = (context) => (root) => {
    const visit = (node: ts.Node): ts.Node => (ts.isStringLiteral(node) ? ts.factory.createStringLiteral(node.text, false) : ts.visitEachChild(node, visit, context));
    return ts.visitNode(root, visit) as ts.SourceFile;
  };
  const transformed = ts.transform(sourceFile, [doubleQuotes]).transformed[0]!;
  const printed = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed }).printFile(transformed);
  return printed.replace(/(\w)\.(\w+)\(/g, '$1\n        .$2(');
}

// The three projects are prepared and checked concurrently: each run mostly waits on its own program load.
let dir: string;
let written: CliRun;
let again: CliRun;
let editedDir: string;
let edited: CliRun;
let suppressionDir: string;
let suppressionRun: CliRun;
let changedDir: string;
let changedRun: CliRun;

async function baselineRuns(): Promise<void> {
  dir = copyFixture('ci-bot');
  written = await runCli(['check', '--baseline', 'finleak-baseline.json', '--update-baseline', '--format', 'json'], dir);
  const againRun = runCli(['check', '--baseline', 'finleak-baseline.json', '--format', 'json'], dir);

  editedDir = copyFixture('ci-bot');
  copyFileSync(path.join(dir, 'finleak-baseline.json'), path.join(editedDir, 'finleak-baseline.json'));
  for (const name of ['messenger.ts', 'format.ts', 'bank.ts']) {
    const file = path.join(editedDir, 'src', name);
    writeFileSync(file, reformat(insertAboveSinks(readFileSync(file, 'utf8'))));
  }
  const messenger = path.join(editedDir, 'src/messenger.ts');
  // One leak fixed (the IBAN is no longer sent from sendIban), one added (sendIbanAgain).
  const fixedText = readFileSync(messenger, 'utf8').replace('"Your IBAN: " + account.iban', '"Your IBAN is in the app."');
  writeFileSync(messenger, fixedText + NEW_LEAK);
  [again, edited] = await Promise.all([againRun, runCli(['check', '--baseline', 'finleak-baseline.json', '--format', 'json'], editedDir)]);
}

const HANDLERS = (balanceText: string, ibanText: string): string => `import { getAccount } from './bank.js';

const SEND_API = 'https://graph.facebook.com/v21.0/me/messages';
type Handler = (psid: string, customerId: string) => Promise<void>;

/** Several handlers registered in one function: their send calls share the enclosing function. */
export function registerHandlers(on: (command: string, handler: Handler) => void): void {
  on('balance', async (psid, customerId) => {
    const account = await getAccount(customerId);
    await fetch(SEND_API, { method: 'POST', body: JSON.stringify({ recipient: { id: psid }, message: { text: ${balanceText} } }) });
  });
  on('iban', async (psid, customerId) => {
    const account = await getAccount(customerId);
    await fetch(SEND_API, { method: 'POST', body: JSON.stringify({ recipient: { id: psid }, message: { text: ${ibanText} } }) });
  });
}
`;

// Fix one leak and add another in the same function; rename a function and a variable on a path;
// move a function to another file. Only the added leak is new.
let refactorDir: string;
let refactored: CliRun;

async function refactorRuns(): Promise<void> {
  const dir = copyFixture('ci-bot');
  refactorDir = dir;
  const handlers = path.join(dir, 'src/handlers.ts');
  writeFileSync(handlers, HANDLERS('`Balance: ${account.balance}`', "'Your IBAN is in the app.'"));
  const recorded = await runCli(['check', '--baseline', 'finleak-baseline.json', '--update-baseline', '--format', 'json'], dir);
  expect(recorded.stderr).toContain('wrote 4 findings');
  writeFileSync(handlers, HANDLERS("'Your balance is in the app.'", '`IBAN: ${account.iban}`'));
  const messenger = path.join(dir, 'src/messenger.ts');
  let text = readFileSync(messenger, 'utf8');
  const purchase = /export async function sendLastPurchase[\s\S]*?\n}\n/.exec(text)![0];
  const renamed = 'export async function sendAccountBalance(psid: string, customerId: string): Promise<void> {\n  const acct = await getAccount(customerId);\n  const text = `Your balance is ${balanceLine(acct)}`;';
  const original = 'export async function sendBalance(psid: string, customerId: string): Promise<void> {\n  const account = await getAccount(customerId);\n  const text = `Your balance is ${balanceLine(account)}`;';
  expect(text).toContain(original);
  text = text.replace(purchase, '').replace(original, renamed).replace('getAccount, getTransactions', 'getAccount');
  writeFileSync(messenger, text);
  writeFileSync(path.join(dir, 'src/purchases.ts'), `import { getTransactions } from './bank.js';\nimport { purchaseLine } from './format.js';\n\nconst SEND_API = 'https://graph.facebook.com/v21.0/me/messages';\n\n${purchase}`);
  refactored = await runCli(['check', '--baseline', 'finleak-baseline.json', '--format', 'json'], dir);
}

async function suppressionRuns(): Promise<void> {
  const dir = copyFixture('ci-bot');
  suppressionDir = dir;
  const file = path.join(dir, 'src/messenger.ts');
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = (needle: string): number => lines.findIndex((l) => l.includes(needle));
  // A valid one on the line of the sendIban sink.
  const iban = at("'Your IBAN: '");
  lines[iban] = lines[iban]!.replace(/\/\/ finleak-expect.*$/, '// finleak-ignore-line: the IBAN is the customer\'s own, sent to their verified page (SEC-142)');
  // Above sendGreeting's send call, which leaks nothing: unused.
  const greeting = lines.findIndex((l) => l.includes('message: { text } }) });') && !l.includes('finleak-expect'));
  lines.splice(greeting, 0, '  // finleak-ignore-next-line: greeting only');
  // Above sendBalance's sink, without a reason: an error, and it suppresses nothing.
  lines.splice(at('message: { text } }) }); // finleak-expect'), 0, '  // finleak-ignore-next-line');
  writeFileSync(file, lines.join('\n'));
  suppressionRun = await runCli(['check', '--format', 'json', '--sarif-output', 'finleak.sarif'], dir);
}

async function changedSinceRuns(): Promise<void> {
  const dir = copyFixture('ci-bot');
  changedDir = dir;
  const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=finleak', '-c', 'user.email=finleak@example.com', ...args], { cwd: dir, encoding: 'utf8' });
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'the bot as it was');
  // Second commit: a new send call that receives old data, and old send calls that receive new data.
  const format = path.join(dir, 'src/format.ts');
  writeFileSync(format, readFileSync(format, 'utf8').replace('`${tx.amount} at ${tx.merchant}`', '`${tx.amount} EUR at ${tx.merchant}`'));
  writeFileSync(
    path.join(dir, 'src/alerts.ts'),
    [
      "import { getAccount } from './bank.js';",
      '',
      'export async function lowBalanceAlert(psid: string, customerId: string): Promise<void> {',
      '  const account = await getAccount(customerId);',
      "  await fetch('https://graph.facebook.com/v21.0/me/messages', { method: 'POST', body: JSON.stringify({ recipient: { id: psid }, message: { text: `Low balance: ${account.balance}` } }) });",
      '}',
      '',
    ].join('\n'),
  );
  git('add', '.');
  git('commit', '-q', '-m', 'alerts, amounts in EUR');
  changedRun = await runCli(['check', '--changed-since', 'HEAD~1', '--format', 'github'], dir);
}

beforeAll(() => Promise.all([baselineRuns(), refactorRuns(), suppressionRuns(), changedSinceRuns()]).then(() => undefined), SLOW.timeout);

describe('baseline', () => {
  it('--update-baseline writes every finding, by fingerprint and without line numbers, and passes', () => {
    expect(written.stderr).toContain('wrote 3 findings to the baseline finleak-baseline.json');
    expect(written.code).toBe(0);
    const file = JSON.parse(readFileSync(path.join(dir, 'finleak-baseline.json'), 'utf8'));
    expect(file).toMatchObject({ format: 'finleak-baseline', version: 1 });
    expect(file.findings.map((e: { function: string; source: string }) => `${e.function} ${e.source}`)).toEqual(['sendBalance BankAccount', 'sendIban BankAccount', 'sendLastPurchase CardTransaction']);
    for (const entry of file.findings) {
      expect(Object.keys(entry).sort()).toEqual(['api', 'callee', 'file', 'fingerprint', 'function', 'platform', 'shape', 'source']);
      expect(entry.file).toBe('src/messenger.ts');
    }
  });

  it('round-trips: the unchanged project has no new findings and nothing fixed', () => {
    expect(again.code).toBe(0);
    const report = json(again);
    expect(report.baseline).toMatchObject({ new: 0, known: 3, fixed: [] });
    expect(report.failing).toBe(0);
    expect(report.findings.map((f) => f.baseline)).toEqual(['known', 'known', 'known']);
    // Four files analysed, one of them holds the send calls.
    expect(report.stats).toMatchObject({ files: 4, sendCalls: 4, sendFiles: 1 });
  });

  it('keeps matching after 20 lines are inserted above each sink and the files are reformatted', () => {
    const report = json(edited);
    const baseline = JSON.parse(readFileSync(path.join(editedDir, 'finleak-baseline.json'), 'utf8'));
    const known = report.findings.filter((f) => f.baseline === 'known');
    expect(known.map(where)).toEqual([
      `src/messenger.ts:${sinkLine(path.join(editedDir, 'src/messenger.ts'), 'sendBalance')} BankAccount sendBalance`,
      `src/messenger.ts:${sinkLine(path.join(editedDir, 'src/messenger.ts'), 'sendLastPurchase')} CardTransaction sendLastPurchase`,
    ]);
    // Matched by fingerprint, not by the looser same-function fallback.
    const fingerprints = new Set(baseline.findings.map((e: { fingerprint: string }) => e.fingerprint));
    for (const f of known) expect(fingerprints.has(f.fingerprint)).toBe(true);
  });

  it('reports a new leak added after the baseline, and the one that disappeared as fixed', () => {
    expect(edited.code).toBe(1);
    const report = json(edited);
    const messenger = path.join(editedDir, 'src/messenger.ts');
    expect(report.findings.filter((f) => f.baseline === 'new').map(where)).toEqual([`src/messenger.ts:${sinkLine(messenger, 'sendIbanAgain')} BankAccount sendIbanAgain`]);
    expect(report.failing).toBe(1);
    expect(report.baseline!.fixed.map((e) => e.function)).toEqual(['sendIban']);
  });

  it('does not let a new leak hide behind a fixed one in the same function, and keeps renamed and moved code known', () => {
    const report = json(refactored);
    const handlers = readFileSync(path.join(refactorDir, 'src/handlers.ts'), 'utf8').split('\n');
    const ibanSink = handlers.findIndex((l) => l.includes('`IBAN: ${account.iban}`')) + 1;
    expect(report.findings.filter((f) => f.baseline === 'new').map(where)).toEqual([`src/handlers.ts:${ibanSink} BankAccount registerHandlers`]);
    expect(report.findings.filter((f) => f.baseline === 'known').map(where)).toEqual([
      `src/messenger.ts:${sinkLine(path.join(refactorDir, 'src/messenger.ts'), 'sendAccountBalance')} BankAccount sendAccountBalance`,
      `src/messenger.ts:${sinkLine(path.join(refactorDir, 'src/messenger.ts'), 'sendIban')} BankAccount sendIban`,
      `src/purchases.ts:${sinkLine(path.join(refactorDir, 'src/purchases.ts'), 'sendLastPurchase')} CardTransaction sendLastPurchase`,
    ]);
    expect(report.baseline!.fixed.map((e) => `${e.function}`)).toEqual(['registerHandlers']);
    expect(refactored.code).toBe(1);
  });

  it('refuses a missing baseline file with exit code 2, before analysing', SLOW, async () => {
    const run = await runCli(['check', '--baseline', 'nope.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nope.json: baseline file not found; create it with --update-baseline');
  });
});

describe('suppressions in code', () => {
  it('suppresses the finding at the call, keeps it in the report as suppressed, with its reason', () => {
    const report = json(suppressionRun);
    const suppressed = report.findings.filter((f) => f.suppressed);
    expect(suppressed.map(where)).toEqual([`src/messenger.ts:${lineOf(path.join(suppressionDir, 'src/messenger.ts'), 'finleak-ignore-line')} BankAccount sendIban`]);
    expect(suppressed[0]!.suppression!.reason).toBe("the IBAN is the customer's own, sent to their verified page (SEC-142)");
    expect(report.suppressed).toBe(1);
  });

  it('treats a suppression without a reason as an error that suppresses nothing', () => {
    const report = json(suppressionRun);
    const file = path.join(suppressionDir, 'src/messenger.ts');
    const invalid = report.diagnostics.filter((d) => d.code === 'invalid-suppression');
    const bare = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.trim() === '// finleak-ignore-next-line') + 1;
    expect(invalid.map((d) => [d.severity, d.location?.line])).toEqual([['error', bare]]);
    expect(invalid[0]!.message).toContain('needs a reason');
    expect(report.findings.filter((f) => !f.suppressed).map((f) => f.sink.enclosingFunction)).toEqual(['sendBalance', 'sendLastPurchase']);
    expect(report.failing).toBe(2);
    expect(suppressionRun.code).toBe(1);
  });

  it('reports a suppression that matches no finding', () => {
    const report = json(suppressionRun);
    const unused = report.diagnostics.filter((d) => d.code === 'unused-suppression');
    expect(unused.map((d) => [d.severity, d.location?.line])).toEqual([['warning', lineOf(path.join(suppressionDir, 'src/messenger.ts'), 'greeting only')]]);
  });

  it('writes SARIF 2.1.0 with code flows and fingerprints on every result (--sarif-output)', () => {
    const sarif = JSON.parse(readFileSync(path.join(suppressionDir, 'finleak.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['financial-data-to-messaging']);
    for (const result of sarif.runs[0].results) {
      expect(result.ruleId).toBe('financial-data-to-messaging');
      expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'src/messenger.ts', uriBaseId: '%SRCROOT%' });
      const steps = result.codeFlows[0].threadFlows[0].locations;
      expect(steps.length).toBeGreaterThanOrEqual(2);
      for (const step of steps) expect(step.location.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(result.partialFingerprints['finleakFlow/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
    const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: { descriptor: { id: string }; level: string }) => `${n.level} ${n.descriptor.id}`);
    expect(notifications.sort()).toEqual(['error invalid-suppression', 'warning unused-suppression']);
  });

  it('writes suppressed findings to SARIF with `suppressions`, not dropped', () => {
    const sarif = JSON.parse(readFileSync(path.join(suppressionDir, 'finleak.sarif'), 'utf8'));
    const results = sarif.runs[0].results as { suppressions?: unknown[]; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    expect(results).toHaveLength(3);
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.suppressions).toEqual([
      expect.objectContaining({ kind: 'inSource', status: 'accepted', justification: "the IBAN is the customer's own, sent to their verified page (SEC-142)" }),
    ]);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(true);
  });
});

describe('--changed-since', () => {
  it('reports exactly the findings whose path touches a changed line, as GitHub annotations', () => {
    const errors = changedRun.stdout.split('\n').filter((l) => l.startsWith('::error '));
    const places = errors.map((l) => /file=([^,]+),line=(\d+)/.exec(l)!.slice(1).join(':'));
    expect(places).toEqual([`src/alerts.ts:5`, `src/messenger.ts:${lineOf(path.join(changedDir, 'src/messenger.ts'), 'Last purchase')}`]);
    expect(changedRun.code).toBe(1);
    // The whole path is in the annotation's message (escaped newlines).
    expect(errors[1]).toContain('%0A');
    expect(errors[1]).toContain('src/format.ts:8:');
    expect(changedRun.stdout).toContain('paths touching lines changed since HEAD~1');
  });

  it('refuses an unknown ref with exit code 2, before analysing', SLOW, async () => {
    const bad = await runCli(['check', '--changed-since', 'no-such-branch'], changedDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown git ref 'no-such-branch'");
  });

  it('reads changed lines from a zero-context diff, including pure deletions', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3 +3 @@',
      '@@ -10,2 +10,3 @@',
      '@@ -20,2 +21,0 @@',
      'diff --git a/gone.ts b/gone.ts',
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
    ].join('\n');
    const changed = parseUnifiedDiff(diff, '/repo');
    expect([...changed.keys()]).toEqual(['/repo/src/a.ts']);
    expect([...(changed.get('/repo/src/a.ts') as Set<number>)].sort((a, b) => a - b)).toEqual([3, 10, 11, 12, 21, 22]);
  });
});

describe('--policy-from: the config as of the base branch', () => {
  let dir: string;
  let weakened: CliRun;
  let fromBase: CliRun;
  let codeAtRef: CliRun;
  let other: string;
  beforeAll(async () => {
    dir = copyFixture('ci-bot');
    const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=finleak', '-c', 'user.email=finleak@example.com', ...args], { cwd: dir, encoding: 'utf8' });
    writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
    writeFileSync(path.join(dir, 'finleak.config.json'), JSON.stringify({ sources: { types: ['BankAccount'] } }));
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'base branch');
    // The pull request weakens the policy it is judged by: it ignores every file and declares a sanitizer.
    git('checkout', '-q', '-b', 'pr');
    writeFileSync(path.join(dir, 'finleak.config.json'), JSON.stringify({ ignore: ['src/**'], sanitizers: [{ function: 'balanceLine' }] }));
    git('commit', '-q', '-am', 'pr');
    other = copyFixture('ci-bot');
    writeFileSync(path.join(other, '.finleakrc.cjs'), "require('node:fs').writeFileSync(__dirname + '/executed', 'yes');\nmodule.exports = {};\n");
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: other });
    execFileSync('git', ['-c', 'user.name=f', '-c', 'user.email=f@example.com', 'commit', '-q', '--allow-empty', '-m', 'x'], { cwd: other });
    execFileSync('git', ['add', '.finleakrc.cjs', 'src', 'tsconfig.json'], { cwd: other });
    execFileSync('git', ['-c', 'user.name=f', '-c', 'user.email=f@example.com', 'commit', '-q', '-m', 'code config'], { cwd: other });
    [weakened, fromBase, codeAtRef] = await Promise.all([
      runCli(['check', '--format', 'json'], dir),
      runCli(['check', '--format', 'json', '--policy-from', 'main'], dir),
      runCli(['check', '--policy-from', 'HEAD'], other),
    ]);
  }, SLOW.timeout);

  it('passes with the weakened config of the working tree, fails with the base branch config', () => {
    expect([weakened.code, json(weakened).findings.length]).toEqual([0, 0]);
    expect(fromBase.code).toBe(1);
    expect(json(fromBase).findings.map((f) => f.sink.enclosingFunction)).toEqual(['sendBalance', 'sendLastPurchase', 'sendIban']);
    expect(fromBase.stderr).toBe('');
  });

  it('reads data configs only: a JavaScript config at the ref is refused, not executed', () => {
    expect(codeAtRef.code).toBe(2);
    expect(codeAtRef.stderr).toMatch(/^finleak: HEAD:\.finleakrc\.cjs: refusing to load a \.cjs config in data-only mode/);
    expect(existsSync(path.join(other, 'executed'))).toBe(false);
  });
});

describe('data-only config mode', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'finleak-data-only-'));
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [], lib: ['ES2022'] }, include: ['index.ts'] }));
    writeFileSync(path.join(dir, 'index.ts'), 'export const answer = 42;\n');
    writeFileSync(path.join(dir, 'evil.cjs'), "require('node:fs').writeFileSync(__dirname + '/executed', 'yes');\nmodule.exports = {};\n");
  });

  it('refuses a JavaScript config instead of executing it (flag or environment variable)', SLOW, async () => {
    copyFileSync(path.join(dir, 'evil.cjs'), path.join(dir, 'finleak.config.cjs'));
    const byFlag = await runCli(['check', '--config-data-only'], dir);
    const byEnv = await runCli(['check'], dir, { FINLEAK_DATA_CONFIG_ONLY: '1' });
    for (const run of [byFlag, byEnv]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('finleak.config.cjs: refusing to load a .cjs config in data-only mode');
    }
    expect(existsSync(path.join(dir, 'executed'))).toBe(false);
  });

  it('refuses code a JSON config pulls in with $import', SLOW, async () => {
    const json = path.join(dir, 'data.json');
    writeFileSync(json, JSON.stringify({ $import: './evil.cjs' }));
    const run = await runCli(['check', '--config-data-only', '--config', json], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('refusing to load a .cjs config');
    expect(existsSync(path.join(dir, 'executed'))).toBe(false);
  });

  it('accepts a JSON config', SLOW, async () => {
    const json = path.join(dir, 'plain.json');
    writeFileSync(json, JSON.stringify({ sources: { types: ['LedgerEntry'] } }));
    const run = await runCli(['check', '--config-data-only', '--config', json, '--format', 'json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
