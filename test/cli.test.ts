import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, repoRoot } from './helpers/fixtures.js';
import { codeScanningProblems, sarifSchemaErrors } from './helpers/sarif.js';
import { tempProject } from './helpers/temp-project.js';

/** The built binary (`npm test` builds it first). */
const bin = path.join(repoRoot, 'dist/src/cli/main.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function finleak(args: string[], cwd = repoRoot): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
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
    expect([format.code, format.stderr.split('\n')[0]]).toEqual([2, "finleak: unknown format 'xml'; use pretty, json, sarif or github"]);
    const option = await finleak(['check', '--frobnicate']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^finleak: .*frobnicate/);
    for (const run of [none, unknown, format, option]) noStackTrace(run);
  });
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
    expect(report.stats).toMatchObject({ files: 1, sendCalls: 2, findings: 0 });
  });

  it('says where the time went: stats.phases add up to the whole run, and --timing prints them', () => {
    const { phases, milliseconds } = JSON.parse(clean.stdout).stats;
    expect(Object.keys(phases)).toEqual(['startup', 'load', 'bind', 'sinks', 'flow', 'report']);
    for (const ms of Object.values(phases)) expect(Number.isInteger(ms) && (ms as number) >= 0).toBe(true);
    expect(milliseconds).toBe(Object.values(phases).reduce((a: number, b) => a + (b as number), 0));
    // The compiler is loaded and the program built in every run: those phases cannot be empty.
    expect(phases.startup).toBeGreaterThan(0);
    expect(phases.load).toBeGreaterThan(0);
    expect(clean.stderr).toMatch(/^finleak: timing: startup \d+\.\d\ds, load \d+\.\d\ds, bind \d+\.\d\ds, sinks \d+\.\d\ds, flow \d+\.\d\ds, report \d+\.\d\ds; total \d+\.\d\ds; peak RSS \d+ MB\n$/);
  });

  it('exits 1 with findings and prints them as JSON', () => {
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.tool).toEqual({ name: 'finleak', version });
    expect(report.findings.map((f: { sink: { location: { file: string; line: number } }; source: { kind: string } }) => `${f.sink.location.file}:${f.sink.location.line} ${f.source.kind}`)).toEqual(['src/bot.ts:13 BankAccount']);
    const trace = report.findings[0].trace.map((s: { location: { file: string; line: number }; label: string }) => `${s.location.file}:${s.location.line} ${s.label}`);
    expect(trace[0]).toBe('src/bot.ts:11 parameter `account` holds BankAccount');
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
