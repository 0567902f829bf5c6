import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check, type CheckOutcome } from '../src/check.js';
import type { Finding } from '../src/engine/finding.js';
import { runCli, type CliRun } from './helpers/cli.js';
import { expectedFindings, findingKeys, fixturePath, repoRoot } from './helpers/fixtures.js';
import { codeScanningProblems, sarifSchemaErrors } from './helpers/sarif.js';

/**
 * Monorepos: workspace packages linked through node_modules (fixtures/monorepo, linked by the
 * fixture install: fixtures/package.json lists its packages as workspaces) and tsconfig project
 * references with `paths` aliases (fixtures/monorepo-references). Each is checked from its root
 * and from the app's own tsconfig; both must give exactly the findings marked in the sources.
 */

const workspaces = fixturePath('monorepo');
const references = fixturePath('monorepo-references');

/** "file:line label" of every step, files relative to `dir`. */
const traceOf = (finding: Finding, dir: string): string[] => finding.trace.map((s) => `${path.relative(dir, s.location.file)}:${s.location.line} ${s.label}`);

const findingAt = (outcome: CheckOutcome, dir: string, file: string): Finding => {
  const found = outcome.result.findings.filter((f) => path.relative(dir, f.sink.location.file) === file);
  expect(found, `one finding in ${file}`).toHaveLength(1);
  return found[0]!;
};

describe('workspace packages linked through node_modules', () => {
  let fromRoot: CheckOutcome;
  let fromApp: CheckOutcome;
  beforeAll(async () => {
    [fromRoot, fromApp] = await Promise.all([check({ cwd: workspaces, projects: [] }), check({ project: path.join(workspaces, 'packages/app/tsconfig.json') })]);
  });

  it('at the root, finds the workspaces\' projects and analyses them in one program', () => {
    expect(fromRoot.foundBy).toBe('workspaces');
    expect(fromRoot.rootDir).toBe(workspaces);
    // The app uses notify and db, notify uses db: users first, so the app's program already holds them.
    expect(fromRoot.projects.map((p) => [path.relative(workspaces, p.tsconfig), p.program])).toEqual([
      ['packages/app/tsconfig.json', 0],
      ['packages/notify/tsconfig.json', 0],
      ['packages/db/tsconfig.json', 0],
    ]);
    expect(fromRoot.result.stats).toMatchObject({ projects: 3, programs: 1, files: 7, sendCalls: 3 });
  });

  it.each([
    ['the root', () => fromRoot],
    ["the app's tsconfig", () => fromApp],
  ])('from %s: exactly the leaks marked in the packages, no diagnostics', (_, outcome) => {
    expect(outcome().result.diagnostics).toEqual([]);
    expect(findingKeys(outcome().result.findings, workspaces)).toEqual(expectedFindings(workspaces));
  });

  it('follows the data from the database package through the helper package to the Slack send', () => {
    const expected = [
      'packages/db/src/accounts.ts:7 `(await response.json()) as BankAccount` returns BankAccount: `balance` (balance)',
      'packages/notify/src/lines.ts:4 returned from `findAccount()`',
      'packages/notify/src/lines.ts:4 assigned to `account`',
      'packages/notify/src/lines.ts:5 reads `account.balance`',
      'packages/notify/src/lines.ts:5 interpolated into a template string',
      'packages/app/src/bot.ts:7 returned from `balanceLine()`',
      'packages/app/src/bot.ts:7 assigned to `text`',
      'packages/app/src/bot.ts:8 stored in property `text`',
      'packages/app/src/bot.ts:8 argument `options.text` of `slack.chat.postMessage` → Slack',
    ];
    expect(traceOf(findingAt(fromRoot, workspaces, 'packages/app/src/bot.ts'), workspaces)).toEqual(expected);
    expect(traceOf(findingAt(fromApp, workspaces, 'packages/app/src/bot.ts'), workspaces)).toEqual(expected);
  });

  it('reports paths relative to where it was run from, with fingerprints of their own', () => {
    const root = findingAt(fromRoot, workspaces, 'packages/notify/src/ops.ts');
    const app = findingAt(fromApp, workspaces, 'packages/notify/src/ops.ts');
    expect(traceOf(root, workspaces)).toEqual(traceOf(app, workspaces));
    expect(fromApp.rootDir).toBe(path.join(workspaces, 'packages/app'));
    // The fingerprint holds the sink file relative to the report root, as the baseline does.
    expect(root.fingerprint).not.toBe(app.fingerprint);
  });
});

describe('tsconfig project references and paths aliases', () => {
  let fromRoot: CheckOutcome;
  let fromBot: CheckOutcome;
  beforeAll(async () => {
    [fromRoot, fromBot] = await Promise.all([check({ cwd: references, projects: [] }), check({ project: path.join(references, 'apps/bot/tsconfig.json') })]);
  });

  it("at the root, analyses the root tsconfig's references; projects whose options differ get programs of their own", () => {
    expect(fromRoot.foundBy).toBe('references');
    expect(fromRoot.projects.map((p) => [path.relative(references, p.tsconfig), p.program])).toEqual([
      ['apps/bot/tsconfig.json', 0],
      ['packages/statements/tsconfig.json', 1],
      ['packages/ledger/tsconfig.json', 2],
    ]);
    expect(fromRoot.result.stats).toMatchObject({ projects: 3, programs: 3, files: 5, sendCalls: 3 });
  });

  it.each([
    ['the root', () => fromRoot],
    ["the bot's tsconfig", () => fromBot],
  ])('from %s: exactly the leaks marked, each once, sources read through the references (nothing is built)', (_, outcome) => {
    expect(outcome().result.diagnostics).toEqual([]);
    // packages/statements/src/post.ts is in the bot's program and in the statements package's own: one finding.
    expect(findingKeys(outcome().result.findings, references)).toEqual(expectedFindings(references));
  });

  it('follows the data from the ledger package through the statements package, imported by alias, to the Telegram send', () => {
    const expected = [
      'packages/ledger/src/index.ts:12 `(await response.json()) as LedgerTransa…` returns LedgerTransaction: `amount` (balance)',
      'packages/statements/src/format.ts:4 returned from `entriesOf()`',
      'packages/statements/src/format.ts:4 assigned to `entries`',
      'packages/statements/src/format.ts:5 passed to the callback of `entries.map()`',
      'packages/statements/src/format.ts:5 passed as parameter `entry`',
      'packages/statements/src/format.ts:5 reads `entry.amount`',
      'packages/statements/src/format.ts:5 interpolated into a template string',
      'packages/statements/src/format.ts:5 returned from a callback',
      'packages/statements/src/format.ts:5 passed through `Array.map()`',
      'packages/statements/src/format.ts:5 passed through `Array.join()`',
      'apps/bot/src/bot.ts:7 returned from `statementText()`',
      'apps/bot/src/bot.ts:7 argument `text` of `bot.sendMessage` → Telegram',
    ];
    expect(traceOf(findingAt(fromRoot, references, 'apps/bot/src/bot.ts'), references)).toEqual(expected);
    expect(traceOf(findingAt(fromBot, references, 'apps/bot/src/bot.ts'), references)).toEqual(expected);
  });
});

describe('a package linked from outside the repository', () => {
  it('is a dependency: its code is not analysed, the data enters where the project calls it', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'finleak-repo-'));
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'finleak-elsewhere-'));
    try {
      cpSync(path.join(workspaces, 'packages/notify'), path.join(repo, 'notify'), { recursive: true });
      cpSync(path.join(workspaces, 'packages/db'), path.join(elsewhere, 'db'), { recursive: true });
      cpSync(path.join(workspaces, 'tsconfig.base.json'), path.join(repo, 'tsconfig.base.json'));
      writeFileSync(path.join(repo, 'notify/tsconfig.json'), JSON.stringify({ extends: '../tsconfig.base.json', include: ['src'] }));
      mkdirSync(path.join(repo, '.git'));
      symlinkSync(path.join(repoRoot, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
      mkdirSync(path.join(repo, 'notify/node_modules/@acme'), { recursive: true });
      symlinkSync(path.join(elsewhere, 'db'), path.join(repo, 'notify/node_modules/@acme/db'), 'dir'); // `npm link` to another checkout
      const outcome = await check({ project: path.join(repo, 'notify/tsconfig.json') });
      expect(outcome.result.stats.files).toBe(3); // notify's own three files, none of db's
      const trace = traceOf(findingAt(outcome, repo, 'notify/src/ops.ts'), repo);
      expect(trace[0]).toMatch(/^notify\/src\/ops\.ts:6 /);
    } finally {
      rmSync(repo, { recursive: true, force: true });
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('the projects of a check, listed', () => {
  /** fixtures/monorepo-references in a temp folder, with `files` added (a finleak config). */
  const copy = (files: Record<string, string>): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'finleak-references-'));
    cpSync(references, dir, { recursive: true });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  };

  it('in the config (`projects`: folders, globs, tsconfig files), or by repeating --project', async () => {
    const dir = copy({ 'finleak.config.json': JSON.stringify({ projects: ['apps/*', 'packages/statements/tsconfig.json'] }) });
    try {
      const [configured, listed] = await Promise.all([check({ cwd: dir, projects: [] }), check({ cwd: dir, projects: ['apps/bot', 'packages/ledger/tsconfig.json'] })]);
      expect([configured.foundBy, configured.rootDir, configured.projects.map((p) => path.relative(dir, p.tsconfig))]).toEqual(['config', dir, ['apps/bot/tsconfig.json', 'packages/statements/tsconfig.json']]);
      expect(findingKeys(configured.result.findings, dir)).toEqual(expectedFindings(references));
      expect([listed.foundBy, listed.projects.map((p) => path.relative(dir, p.tsconfig))]).toEqual(['list', ['apps/bot/tsconfig.json', 'packages/ledger/tsconfig.json']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a config entry that matches no tsconfig is a config error naming the key', async () => {
    const dir = copy({ 'finleak.config.json': JSON.stringify({ projects: ['apps/*', 'services/*'] }) });
    try {
      await expect(check({ cwd: dir, projects: [] })).rejects.toThrow(
        `${path.join(dir, 'finleak.config.json')}: projects[1]: "services/*" matches no tsconfig file or folder holding a tsconfig.json (relative to ${dir})`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a workspace package seen only through its built declarations', () => {
  /**
   * A copy of fixtures/monorepo where @acme/db points its package.json at a build
   * (dist/index.d.ts and dist/index.js) instead of its sources, linked as a workspace
   * install links it (node_modules/@acme/db -> ../../db).
   */
  const builtCopy = (config?: object): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'finleak-monorepo-'));
    cpSync(workspaces, dir, { recursive: true });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    for (const [from, to] of [['app', 'db'], ['app', 'notify'], ['notify', 'db']] as const) {
      mkdirSync(path.join(dir, 'packages', from, 'node_modules/@acme'), { recursive: true });
      symlinkSync(`../../../${to}`, path.join(dir, 'packages', from, 'node_modules/@acme', to), 'dir');
    }
    const db = path.join(dir, 'packages/db');
    writeFileSync(path.join(db, 'package.json'), JSON.stringify({ name: '@acme/db', version: '1.0.0', type: 'module', exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } } }));
    mkdirSync(path.join(db, 'dist'));
    writeFileSync(
      path.join(db, 'dist/index.d.ts'),
      'export interface BankAccount { id: string; iban: string; balance: number; currency: string; }\nexport interface Branch { name: string; openingHours: string; }\nexport declare function findAccount(customerId: string): Promise<BankAccount>;\nexport declare function findBranch(customerId: string): Promise<Branch>;\n',
    );
    writeFileSync(path.join(db, 'dist/index.js'), 'export async function findAccount() {}\nexport async function findBranch() {}\n');
    if (config) writeFileSync(path.join(dir, 'finleak.config.json'), JSON.stringify(config));
    return dir;
  };

  it('is an error naming the package and how to point finleak at its sources', async () => {
    const dir = builtCopy();
    try {
      const { result } = await check({ project: path.join(dir, 'packages/notify/tsconfig.json') });
      const gaps = result.diagnostics.filter((d) => d.code === 'built-declarations');
      expect(gaps.map((d) => [d.severity, path.relative(dir, d.location!.file), d.location!.line])).toEqual([
        ['error', 'packages/notify/src/lines.ts', 1],
      ]);
      expect(gaps[0]!.message).toBe(
        'workspace package `@acme/db` is seen through its built declarations (../db/dist/index.d.ts), not its sources: its code is not analysed, so financial data passing through it and its send calls are missed. ' +
          'Point finleak at the sources: map it in this project\'s tsconfig `paths` ("@acme/db": ["../db/src/index.ts"]), or add its tsconfig (../db/tsconfig.json) to this project\'s `references`, ' +
          'or let its package.json `exports` point at its .ts sources; to accept the gap, add ../db/ to `ignore` in the finleak config',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is accepted by an `ignore` glob over the package (in the config at the workspace root, which a package without one uses)', async () => {
    const dir = builtCopy({ ignore: ['../db/'] });
    try {
      const { result, configFile } = await check({ project: path.join(dir, 'packages/notify/tsconfig.json') });
      expect(configFile).toBe(path.join(dir, 'finleak.config.json'));
      expect(result.diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('finleak check at a monorepo root: one report, shards, baselines', () => {
  let sarif: CliRun;
  let shards: CliRun[];
  let merge: CliRun;
  let againstMerged: CliRun;
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'finleak-shards-'));
    sarif = await runCli(['check', '--format', 'sarif'], workspaces);
    shards = await Promise.all(
      [1, 2].map((i) =>
        runCli(['check', '--shard', `${i}/2`, '--format', 'json', '--baseline', path.join(out, `baseline-${i}.json`), '--update-baseline', '--sarif-output', path.join(out, `shard-${i}.sarif`)], references),
      ),
    );
    merge = await runCli(['baseline', 'merge', path.join(out, 'baseline-1.json'), path.join(out, 'baseline-2.json'), '-o', path.join(out, 'merged.json')], references);
    againstMerged = await runCli(['check', '--shard', '2/2', '--format', 'json', '--baseline', path.join(out, 'merged.json')], references);
  });

  it('reports once, in one SARIF run, with paths relative to the repository root', () => {
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([]);
    expect(log.runs).toHaveLength(1);
    const uris = log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation);
    expect(uris).toEqual([
      { uri: 'fixtures/monorepo/packages/app/src/bot.ts', uriBaseId: '%SRCROOT%' },
      { uri: 'fixtures/monorepo/packages/notify/src/ops.ts', uriBaseId: '%SRCROOT%' },
    ]);
    const source = log.runs[0].results[0].codeFlows[0].threadFlows[0].locations[0].location.physicalLocation.artifactLocation.uri;
    expect(source).toBe('fixtures/monorepo/packages/db/src/accounts.ts');
    expect(log.runs[0].properties.projects.map((p: { tsconfig: string }) => p.tsconfig)).toEqual([
      'fixtures/monorepo/packages/app/tsconfig.json',
      'fixtures/monorepo/packages/notify/tsconfig.json',
      'fixtures/monorepo/packages/db/tsconfig.json',
    ]);
  });

  it('--shard: every project in exactly one shard; together they find every leak; each SARIF has its own category', () => {
    const reports = shards.map((run) => {
      expect(run.code, run.stderr).toBe(0); // --update-baseline records the findings
      return JSON.parse(run.stdout);
    });
    const projects = reports.flatMap((r) => r.projects.map((p: { tsconfig: string }) => p.tsconfig)).sort();
    expect(projects).toEqual(['apps/bot/tsconfig.json', 'packages/ledger/tsconfig.json', 'packages/statements/tsconfig.json']);
    expect(reports.map((r) => r.shard)).toEqual(['1/2', '2/2']);
    const found = new Set(reports.flatMap((r) => r.findings.map((f: Finding) => `${f.sink.location.file}:${f.sink.location.line} ${f.source.kind}`)));
    expect([...found].sort()).toEqual(expectedFindings(references));
    const categories = [1, 2].map((i) => JSON.parse(readFileSync(path.join(out, `shard-${i}.sarif`), 'utf8')).runs[0].automationDetails.id);
    expect(categories).toEqual(['finleak/shard-1-of-2/', 'finleak/shard-2-of-2/']);
  });

  it('baselines: one per shard, merged into one that every shard checks against', () => {
    expect(merge.code, merge.stderr).toBe(0);
    const merged = JSON.parse(readFileSync(path.join(out, 'merged.json'), 'utf8'));
    // Both shards record the send in the statements package; the merged baseline has it once.
    expect(merged.findings.map((e: { file: string }) => e.file)).toEqual(['apps/bot/src/bot.ts', 'packages/statements/src/post.ts']);
    expect(againstMerged.code, againstMerged.stderr).toBe(0);
    const report = JSON.parse(againstMerged.stdout);
    expect(report.baseline).toMatchObject({ new: 0, fixed: [] });
  });

  it('--shard needs <index>/<count>', async () => {
    const run = await runCli(['check', '--shard', '3/2'], references);
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([2, 'finleak: --shard 3/2: expected <index>/<count> with 1 <= index <= count, such as --shard 2/4']);
  });
});
