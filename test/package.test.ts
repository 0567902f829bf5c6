import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/fixtures.js';

// The first hour of a new user, for real: the packed tarball installed from the npm registry into
// fresh projects, as the README says. Needs the registry (the installs are `--prefer-offline`, so a
// warm npm cache makes them fast); when it is unreachable the tests are skipped and say so.
// One project has TypeScript 7 as its `typescript`; the other is a default `npm init -y` (commonjs)
// project with the README's ESLint setup pasted in.

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}
const npm = (args: string[], cwd: string): Promise<Run> => exec('npm', ['--loglevel=warn', ...args], cwd);
const npx = (args: string[], cwd: string): Promise<Run> => exec('npx', ['--no-install', ...args], cwd);

/** A registry that cannot be reached is a reason to skip, not a failure. */
const OFFLINE = /E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH)|network|request to .* failed/i;

const TSCONFIG = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [], strict: true, noEmit: true }, include: ['src'] };

/** A bot of the user's own: the balance goes to Messenger's Send API over fetch (line 10); the greeting does not leak. */
const BOT = `export interface BankAccount {
  iban: string;
  balance: number;
}

const SEND_API = 'https://graph.facebook.com/v21.0/me/messages';

export async function sendBalance(psid: string, account: BankAccount): Promise<void> {
  const text = \`Your balance is \${account.balance.toFixed(2)} EUR\`;
  await fetch(SEND_API, { method: 'POST', body: JSON.stringify({ recipient: { id: psid }, message: { text } }) });
}

export async function sendGreeting(psid: string, name: string): Promise<void> {
  await fetch(SEND_API, { method: 'POST', body: JSON.stringify({ recipient: { id: psid }, message: { text: \`Hello \${name}\` } }) });
}
`;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'finleak-user-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The README's ESLint config, as a user would copy it. */
function readmeEslintConfig(): string {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const block = /<!-- eslint-config:start[^\n]*-->\n```js\n([\s\S]*?)```\n<!-- eslint-config:end -->/.exec(readme);
  if (!block) throw new Error('README.md: no ESLint config between the eslint-config markers');
  return block[1]!;
}

/** The README's install command for the plugin, with the packed tarball in place of the registry's `finleak`. */
function readmeEslintInstall(tarball: string): string[] {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const command = /^npm install --save-dev (eslint typescript-eslint finleak)$/m.exec(readme);
  if (!command) throw new Error('README.md: the ESLint section no longer says `npm install --save-dev eslint typescript-eslint finleak`');
  return ['install', '--save-dev', ...command[1]!.split(' ').map((name) => (name === 'finleak' ? tarball : name))];
}

let skipped: string | undefined;
let tarballFiles: string[];
let ts7: { dir: string; install: Run; check: Run; typescript: string };
let eslint: { dir: string; install: Run; lint: Run; type: string };

beforeAll(async () => {
  // dist/ is built by `npm test`; packing (prepack/postpack) leaves the `prepare` script out of the packed manifest.
  const out = mkdtempSync(path.join(tmpdir(), 'finleak-pack-'));
  const pack = await npm(['pack', '--json', '--pack-destination', out], repoRoot);
  expect(pack.code, pack.stderr).toBe(0);
  const packed = (JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[])[0]!;
  tarballFiles = packed.files.map((f) => f.path);
  expect(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).toContain('"prepare"');
  const tarball = path.join(out, packed.filename);

  const ts7Dir = project({
    'package.json': JSON.stringify({ name: 'ts7-bot', version: '1.0.0', private: true, devDependencies: { typescript: '^7.0.2' } }, null, 2),
    'tsconfig.json': JSON.stringify(TSCONFIG, null, 2),
    'src/bot.ts': BOT,
  });
  const eslintDir = project({ 'tsconfig.json': JSON.stringify(TSCONFIG, null, 2), 'src/bot.ts': BOT, 'eslint.config.mjs': readmeEslintConfig() });
  const init = await npm(['init', '-y'], eslintDir);
  expect(init.code, init.stderr).toBe(0);

  const [ts7Install, eslintInstall] = await Promise.all([
    npm(['install', '--prefer-offline', '--save-dev', tarball], ts7Dir),
    npm(['--prefer-offline', ...readmeEslintInstall(tarball)], eslintDir),
  ]);
  const offline = [ts7Install, eslintInstall].find((run) => run.code !== 0 && OFFLINE.test(run.stderr));
  if (offline) {
    skipped = `the npm registry is unreachable: ${offline.stderr.split('\n').find((l) => OFFLINE.test(l))?.trim()}`;
    console.warn(`package.test.ts: skipped, ${skipped}`);
    return;
  }
  const [check, lint] = await Promise.all([npx(['finleak', 'check'], ts7Dir), npx(['eslint', 'src'], eslintDir)]);
  ts7 = { dir: ts7Dir, install: ts7Install, check, typescript: (JSON.parse(readFileSync(path.join(ts7Dir, 'node_modules/typescript/package.json'), 'utf8')) as { version: string }).version };
  eslint = { dir: eslintDir, install: eslintInstall, lint, type: (JSON.parse(readFileSync(path.join(eslintDir, 'package.json'), 'utf8')) as { type?: string }).type ?? 'commonjs' };
}, 600_000);

describe('the packed package', () => {
  it('holds the built code, the rules, the docs, the changelog and the licence, and no tests or fixtures', () => {
    expect(tarballFiles).toEqual(expect.arrayContaining(['dist/src/cli/main.js', 'dist/src/eslint/index.js', 'dist/rules/index.js', 'README.md', 'CHANGELOG.md', 'LICENSE', 'docs/cli.md', 'package.json']));
    expect(tarballFiles.filter((f) => /^(test|fixtures|src|bench)\//.test(f) || f.endsWith('.test.js'))).toEqual([]);
  });

  it('installs into a fresh project whose typescript is 7, without warnings, and `npx finleak check` reports the leak', (ctx) => {
    if (skipped) return ctx.skip(skipped);
    expect(ts7.install.code, ts7.install.stderr).toBe(0);
    expect(ts7.install.stderr.split('\n').filter((l) => /warn/i.test(l))).toEqual([]);
    expect(ts7.typescript).toMatch(/^7\./);
    expect(ts7.check.stderr).toBe('');
    expect(ts7.check.stdout).toContain('src/bot.ts:10:9  leak  BankAccount data reaches Facebook Messenger through `fetch`');
    expect(ts7.check.stdout).toMatch(/✖ 1 leak of financial data to messaging platforms in 1 file \(2 send calls in 1 file, /);
    expect(ts7.check.code).toBe(1);
  });

  it("lints with the README's ESLint setup pasted into a default (commonjs) npm init project", (ctx) => {
    if (skipped) return ctx.skip(skipped);
    expect(eslint.install.code, eslint.install.stderr).toBe(0);
    expect(eslint.type).toBe('commonjs');
    expect(eslint.lint.stderr).toBe('');
    expect(eslint.lint.stdout).toMatch(/src\/bot\.ts\n\s+10:9\s+error\s+BankAccount data reaches Facebook Messenger/);
    expect(eslint.lint.stdout).toContain('finleak/no-financial-data-in-messages');
    expect(eslint.lint.stdout).toMatch(/1 problem \(1 error, 0 warnings\)/);
    expect(eslint.lint.code).toBe(1);
  });
});
