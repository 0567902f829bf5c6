import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, repoRoot } from './helpers/fixtures.js';
import { run } from '../src/cli/run.js';
import { codeScanningProblems, sarifSchemaErrors } from './helpers/sarif.js';
import { tempProject } from './helpers/temp-project.js';

/** The built binary (`npm test` builds it first). */
const bin = path.join(repoRoot, 'dist/src/cli/main.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function finleak(args: string[], cwd = repoRoot, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env }, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const noStackTrace = (run: Run): void => {
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
};

const small = fixturePath('cli-small', 'tsconfig.json');
const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

describe('finleak CLI: usage', () => {
  it('--help and --version exit 0', async () => {
    const help = await finleak(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage:\n\s+finleak check \[paths\.\.\.\] \[options\]/);
    expect(help.stdout).toMatch(/--format <name>/);
    const checkHelp = await finleak(['check', '--help']);
    expect([checkHelp.code, checkHelp.stdout]).toEqual([0, help.stdout]);
    const ver = await finleak(['--version']);
    expect([ver.code, ver.stdout]).toEqual([0, `${version}\n`]);
  });

  it('usage errors exit 2 with a one-line reason', async () => {
    const none = await finleak([]);
    expect(none.code).toBe(2);
    const unknown = await finleak(['scan']);
    expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([2, "finleak: unknown command 'scan'"]);
    const format = await finleak(['check', '--project', small, '--format', 'xml']);
    expect([format.code, format.stderr.split('\n')[0]]).toEqual([2, "finleak: unknown format 'xml'; use pretty, json, sarif, github, html, markdown"]);
    const option = await finleak(['check', '--frobnicate']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^finleak: .*frobnicate/);
    for (const run of [none, unknown, format, option]) noStackTrace(run);
  });

  it('says what is missing or mistyped, with "did you mean" and balanced quotes (in process)', async () => {
    const said = async (...argv: string[]): Promise<[number, string]> => {
      let stderr = '';
      const code = await run(argv, { stdout: () => undefined, stderr: (text) => void (stderr += text), color: false, stderrIsTty: false, env: {}, cwd: repoRoot });
      return [code, stderr.split('\n')[0]!];
    };
    expect(await said()).toEqual([2, "finleak: missing command: run 'finleak check' to analyse the project in this folder (./tsconfig.json)"]);
    expect(await said('chek')).toEqual([2, "finleak: unknown command 'chek'; did you mean 'check'?"]);
    expect(await said('--project', 'x')).toEqual([2, "finleak: missing command before '--project': write 'finleak check --project x'"]);
    expect(await said('check', '--baselin', 'b.json')).toEqual([2, "finleak: unknown option '--baselin'; did you mean '--baseline'?"]);
    expect(await said('check', '--no-colour')).toEqual([2, "finleak: unknown option '--no-colour'; did you mean '--no-color'?"]);
    expect(await said('check', '--frobnicate')).toEqual([2, "finleak: unknown option '--frobnicate'"]);
    expect(await said('check', '-x')).toEqual([2, "finleak: unknown option '-x'"]);
    expect(await said('check', '--format', 'jsn')).toEqual([2, "finleak: unknown format 'jsn'; use pretty, json, sarif, github, html, markdown; did you mean 'json'?"]);
    expect(await said('sources', '--formt', 'json')).toEqual([2, "finleak: unknown option '--formt'; did you mean '--format'?"]);
  });

  it('finleak sources accepts --no-color, like check', async () => {
    let stdout = '';
    const code = await run(['sources', '--no-color', '--project', small], { stdout: (text) => void (stdout += text), stderr: () => undefined, color: false, stderrIsTty: false, env: {}, cwd: repoRoot });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^1 financial type in tsconfig\.json .*\n\n  BankAccount  src\/bot\.ts:4\n/);
  });
});

describe('finleak CLI: the compiler\'s code cache', () => {
  // Node >= 22.1 has its own (module.enableCompileCache); finleak keeps one for the compiler on older Node.
  it.skipIf(typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function')(
    'is written after a check, reused by the next, and replaced when V8 rejects it',
    async () => {
      const tmp = mkdtempSync(path.join(os.tmpdir(), 'finleak-cache-test-'));
      const check = async (): Promise<unknown> => {
        const result = await finleak(['check', '--project', small, '--format', 'json'], repoRoot, { TMPDIR: tmp });
        expect(result.code).toBe(1);
        return (JSON.parse(result.stdout) as { findings: unknown }).findings;
      };
      const findings = await check();
      const folder = path.join(tmp, `finleak-compile-cache-${process.getuid!()}`);
      const [name] = readdirSync(folder);
      const cache = path.join(folder, name!);
      const written = statSync(cache);
      expect(written.size).toBeGreaterThan(1_000_000);
      expect(written.mode & 0o077).toBe(0);
      expect(await check()).toEqual(findings);
      expect(statSync(cache).mtimeMs).toBe(written.mtimeMs);
      writeFileSync(cache, 'not a code cache');
      expect(await check()).toEqual(findings);
      expect(statSync(cache).size).toBeGreaterThan(1_000_000);
      rmSync(tmp, { recursive: true, force: true });
    },
  );
});

describe('finleak CLI: project and config errors exit 2 naming the file (and key)', () => {
  it('a missing tsconfig', async () => {
    const run = await finleak(['check', '--project', 'no/such/tsconfig.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`finleak: ${path.join(repoRoot, 'no/such/tsconfig.json')}: tsconfig not found. Pass the project's tsconfig.json with --project <file>.\n`);
  });

  it('a tsconfig that is not valid JSON', async () => {
    const dir = tempProject({ 'tsconfig.json': '{ "compilerOptions": { "strict": true, }\n', 'src/a.ts': 'export const a = 1;\n' }, { linkNodeModules: false });
    const run = await finleak(['check'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^finleak: ${path.join(dir, 'tsconfig.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    noStackTrace(run);
  });

  it('an invalid config: the file and the key path', async () => {
    const dir = tempProject({ 'finleak.config.json': JSON.stringify({ sanitizers: [{ function: 'maskIban' }, { module: './masking' }] }), 'src/a.ts': '' }, { linkNodeModules: false });
    const missingKey = await finleak(['check'], dir);
    expect([missingKey.code, missingKey.stderr]).toEqual([2, `finleak: ${path.join(dir, 'finleak.config.json')}: sanitizers[1].function: missing required key\n`]);
    const other = tempProject({ '.finleakrc.json': JSON.stringify({ sources: { types: ['X'] }, sinkz: [] }), 'src/a.ts': '' }, { linkNodeModules: false });
    const unknownKey = await finleak(['check'], other);
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.stderr).toMatch(new RegExp(`^finleak: .*\\.finleakrc\\.json: sinkz: unknown key; allowed keys here: `));
  });

  it('a config `module` that resolves to nothing: the key and the path looked for; the right path works', async () => {
    const bot = readFileSync(fixturePath('cli-small', 'src/bot.ts'), 'utf8');
    const files = (module: string) => ({
      'finleak.config.json': JSON.stringify({ sanitizers: [{ function: 'maskIban', module }], sources: { types: ['BankAccount', 'LedgerEntri'] } }),
      'src/lib/masking.ts': 'export const maskIban = (iban: string): string => `•••• ${iban.slice(-4)}`;\n',
      'src/bot.ts': `${bot}\nimport { maskIban } from './lib/masking.js';\nexport async function replyWithIban(psid: string, account: BankAccount): Promise<void> {\n  await client.sendText(psid, \`IBAN \${maskIban(account.iban)}\`);\n}\n`,
    });
    const wrong = tempProject(files('./src/lib/mask'));
    const right = tempProject(files('./src/lib/masking'));
    const [broken, working] = await Promise.all([finleak(['check'], wrong), finleak(['check', '--format', 'json'], right)]);
    const target = path.join(wrong, 'src/lib/mask');
    expect([broken.code, broken.stderr]).toEqual([
      2,
      `finleak: ${path.join(wrong, 'finleak.config.json')}: sanitizers[0].module: './src/lib/mask' matches no file: looked for ${target}.ts (and .tsx, .d.ts, .js, ...) and ${target}/index.ts; a path is relative to the config file's folder\n`,
    ]);
    // With the right path the masked send is clean: only the unmasked balance leaks; the misspelt type is a warning.
    const report = JSON.parse(working.stdout);
    expect(report.findings.map((f: { sink: { location: { line: number } } }) => f.sink.location.line)).toEqual([13]);
    expect(report.diagnostics.map((d: { severity: string; code: string; message: string }) => `${d.severity} ${d.code} ${d.message}`)).toEqual([
      `warning config-unmatched ${path.join(right, 'finleak.config.json')}: sources.types[1] "LedgerEntri" matches no type or schema declared in the project or its dependencies, so it has no effect: check its spelling, or remove it`,
    ]);
    expect(working.code).toBe(1);
  });

  it('packages the project declares (or finleak models) that are not installed: exit 2, one line saying to install them', async () => {
    const dir = tempProject(
      {
        'package.json': JSON.stringify({ name: 'bot', dependencies: { 'messaging-api-messenger': '^1.1.0', 'left-pad': '^1.3.0' } }),
        'src/bot.ts': readFileSync(fixturePath('cli-small', 'src/bot.ts'), 'utf8'),
        'src/pad.ts': "import pad from 'left-pad';\nimport { get } from 'undeclared-helper';\nimport { WebClient } from '@slack/web-api';\nexport const padded = [pad, get, WebClient];\n",
        // `require()` and `import()` in TypeScript code: specifiers the program itself does not resolve (a crash once).
        'src/legacy.ts': "declare const require: (id: string) => unknown;\nexport const sms = require('twilio');\nexport const later = () => import('@slack/bolt');\n",
      },
      { linkNodeModules: false },
    );
    const run = await finleak(['check'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    // Declared (left-pad, messaging-api-messenger) or modelled (@slack/web-api, twilio, @slack/bolt); not the undeclared, unmodelled one.
    expect(run.stderr).toBe(
      "finleak: 5 packages the project imports are not installed (@slack/bolt, @slack/web-api, left-pad, messaging-api-messenger, twilio): install the project's dependencies first (for example `npm ci --ignore-scripts`); finleak reads their type declarations to see the send calls and the financial data that go through them\n",
    );
  });

  it('a modelled package installed without type declarations: an error naming the import, no tick, exit 2', async () => {
    // `once` is real JavaScript with no declarations; the config models it as a send, so calls through it cannot be seen.
    const dir = tempProject({
      'finleak.config.json': JSON.stringify({ sinks: [{ platform: 'Pager', module: 'once', method: 'once', payload: ['arg0'] }] }),
      'src/notify.ts': "import once from 'once';\nexport const notify = once((text: string) => text);\n",
    });
    const run = await finleak(['check', '--no-color'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      "src/notify.ts:1:18 error 'once' has no type declarations under this tsconfig (it is not installed, or it resolves to JavaScript without them), and finleak recognises its send calls and data by their types: calls through it are not analysed. Install it, or make its declarations resolve (its own `types`, a @types package, or the tsconfig's `moduleResolution`), as `tsc` reports for this import (untyped-sdk)",
      expect.stringMatching(/^! No financial data reaching a messaging send call in what finleak could analyse \(0 send calls in 0 of 1 files, [\d.]+s\) — 1 analysis error: the result is incomplete$/),
    ]);
  });

  it('--config to a missing file', async () => {
    const run = await finleak(['check', '--project', small, '--config', 'missing.config.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`finleak: ${path.join(repoRoot, 'missing.config.json')}: config file not found; check the path given to --config\n`);
  });
});

describe('finleak CLI: analysis', () => {
  let pretty: Run;
  let json: Run;
  let sarif: Run;
  let clean: Run;
  let sarifFile: string;
  beforeAll(async () => {
    const out = tempProject({}, { linkNodeModules: false });
    sarifFile = path.join(out, 'report.sarif');
    [pretty, json, sarif, clean] = await Promise.all([
      finleak(['check', '--project', small]),
      finleak(['check', '--project', small, '--format', 'json']),
      finleak(['check', '--project', small, '--format', 'sarif', '--output', sarifFile]),
      finleak(['check', '--project', fixturePath('clean-bot', 'tsconfig.json'), '--format', 'json', '--timing']),
    ]);
  });

  it('exits 0 on a project without leaks', () => {
    expect(clean.code).toBe(0);
    const report = JSON.parse(clean.stdout);
    expect(report.findings).toEqual([]);
    expect(report.stats).toMatchObject({ files: 1, sendCalls: 2, sendFiles: 1, findings: 0 });
  });

  it('says where the time went: stats.phases add up to the whole run, and --timing prints them', () => {
    const { phases, milliseconds } = JSON.parse(clean.stdout).stats;
    expect(Object.keys(phases)).toEqual(['startup', 'load', 'bind', 'sinks', 'flow', 'report']);
    for (const ms of Object.values(phases)) expect(Number.isInteger(ms) && (ms as number) >= 0).toBe(true);
    expect(milliseconds).toBe(Object.values(phases).reduce((a: number, b) => a + (b as number), 0));
    // The compiler is loaded and the program built in every run: those phases cannot be empty.
    expect(phases.startup).toBeGreaterThan(0);
    expect(phases.load).toBeGreaterThan(0);
    expect(clean.stderr).toMatch(/^finleak: timing: startup \d+\.\d\ds, load \d+\.\d\ds, bind \d+\.\d\ds, sinks \d+\.\d\ds, flow \d+\.\d\ds, report \d+\.\d\ds; total \d+\.\d\ds; peak RSS \d+ MB(; \d+ declaration files \(and what they import\) not needed, not loaded)?\n$/);
    // The declaration files it did not load are counted the same way in the JSON report.
    const unloaded = JSON.parse(clean.stdout).stats.unloadedDeclarationFiles;
    expect(clean.stderr.includes('not needed, not loaded')).toBe(unloaded > 0);
  });

  it('exits 1 with findings and prints them as JSON', () => {
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.tool).toEqual({ name: 'finleak', version });
    expect(report.findings.map((f: { sink: { location: { file: string; line: number } }; source: { kind: string } }) => `${f.sink.location.file}:${f.sink.location.line} ${f.source.kind}`)).toEqual(['src/bot.ts:13 BankAccount']);
    const trace = report.findings[0].trace.map((s: { location: { file: string; line: number }; label: string }) => `${s.location.file}:${s.location.line} ${s.label}`);
    expect(trace[0]).toBe('src/bot.ts:11 parameter `account` holds BankAccount: `balance` (balance)');
    expect(trace.at(-1)).toBe('src/bot.ts:13 argument `text` of `client.sendText` → Facebook Messenger');
  });

  it('writes valid SARIF to --output and says so on stderr', () => {
    expect(sarif.code).toBe(1);
    expect(sarif.stdout).toBe('');
    expect(sarif.stderr).toBe(`finleak: 1 finding written to ${sarifFile}\n`);
    const log = JSON.parse(readFileSync(sarifFile, 'utf8'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([]);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('fixtures/cli-small/src/bot.ts');
  });

  it('prints readable findings with a code frame and the numbered path (snapshot)', () => {
    expect(pretty.code).toBe(1);
    expect(pretty.stdout.replace(/, \d+\.\ds\)/g, ', <time>)')).toMatchSnapshot();
  });
});
