import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { parseHTML } from 'linkedom';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { ts } from '@ts-morph/common';
import type { CheckOutcome } from '../src/check.js';
import finleak from '../src/eslint/index.js';
import { loadProject } from '../src/engine/project.js';
import { formatHtml } from '../src/report/html.js';
import { formatMarkdown } from '../src/report/markdown.js';
import { formatSarif } from '../src/report/sarif.js';
import type { ReportContext } from '../src/report/context.js';
import { copyFixture, runCli } from './helpers/cli.js';
import { checkFixture, expectedFindings, findingKeys, fixturePath } from './helpers/fixtures.js';
import { sarifSchemaErrors } from './helpers/sarif.js';
import { tempProject } from './helpers/temp-project.js';

const dir = fixturePath('report-fix');
const rel = (file: string): string => path.relative(dir, file);
let outcome: CheckOutcome;
let context: ReportContext;

beforeAll(async () => {
  outcome = await checkFixture('report-fix');
  context = { rootDir: outcome.rootDir, toolVersion: '0.0.0-test', color: false, sourceUrl: 'https://github.com/acme/bank-bot/blob/0123abc/' };
});

describe('fixtures/report-fix', () => {
  it('reports exactly the leaks marked in its sources', () => {
    expect(findingKeys(outcome.result.findings, dir)).toEqual(expectedFindings(dir));
  });

  it('keeps both paths into the shared send, one per source, shortest first', () => {
    const shared = outcome.result.findings.find((f) => rel(f.sink.location.file) === 'src/bot.ts' && f.sink.location.line === 12)!;
    const paths = [shared.trace, ...(shared.otherPaths ?? [])];
    expect(paths.map((p) => `${rel(p[0]!.location.file)}:${p[0]!.location.line} ${p.find((s) => s.label.startsWith('reads'))!.label}`).sort()).toEqual([
      'src/bank.ts:13 reads `checking.balance`',
      'src/bank.ts:18 reads `savings.balance`',
    ]);
    expect(paths.every((p) => p.at(-1)!.label === 'argument `text` of `client.sendText` → Facebook Messenger')).toBe(true);
    expect(shared.trace.map((s) => s.function)).toContain('sendBalanceLine');
  });
});

describe('--format html', () => {
  let document: ReturnType<typeof parseHTML>['document'];
  beforeAll(() => {
    ({ document } = parseHTML(formatHtml(outcome.result, context)));
  });

  it('has every finding with its send call location and one graph', () => {
    const articles = [...document.querySelectorAll('article.finding')];
    expect(articles).toHaveLength(outcome.result.findings.length);
    outcome.result.findings.forEach((finding, i) => {
      const article = articles[i]!;
      const sink = `${rel(finding.sink.location.file)}:${finding.sink.location.line}:${finding.sink.location.column}`;
      expect(article.querySelector('.where')!.textContent).toContain(sink);
      expect(article.getAttribute('data-file')).toBe(rel(finding.sink.location.file));
      expect(article.getAttribute('data-platform')).toBe('Facebook Messenger');
      expect(article.querySelectorAll('svg.graph')).toHaveLength(1);
    });
  });

  it('links every step node of every graph to its code excerpt, the step line marked', () => {
    for (const article of document.querySelectorAll('article.finding')) {
      const nodes = [...article.querySelectorAll('svg.graph a.node')];
      expect(nodes.length).toBeGreaterThan(2);
      for (const node of nodes) {
        const target = document.getElementById(node.getAttribute('href')!.slice(1));
        expect(target, node.getAttribute('href')!).not.toBeNull();
        expect(target!.querySelector('pre.excerpt .line.hit mark')).not.toBeNull();
      }
      expect(article.querySelectorAll('.step')).toHaveLength(nodes.length);
    }
  });

  it('draws the two paths into one send as one graph: two sources, one send, a shared tail', () => {
    const article = [...document.querySelectorAll('article.finding')].find((a) => a.querySelector('.where')!.textContent!.includes('src/bot.ts:12:'))!;
    expect(article.querySelectorAll('svg.graph a.node-source')).toHaveLength(2);
    expect(article.querySelectorAll('svg.graph a.node-sink')).toHaveLength(1);
    expect(article.querySelectorAll('.paths li')).toHaveLength(2);
    const boxes = [...article.querySelectorAll('svg.graph .box-fn')].map((t) => t.textContent);
    expect(boxes.filter((b) => b === 'sendBalanceLine()')).toHaveLength(1);
    expect(boxes).toEqual(expect.arrayContaining(['loadAccount()', 'loadSavings()', 'sendBalances()']));
  });

  it('loads nothing from anywhere: no external resource, a policy that forbids them', () => {
    expect(document.querySelectorAll('[src], link, iframe, object, embed, img')).toHaveLength(0);
    const hrefs = [...document.querySelectorAll('[href]')].map((e) => e.getAttribute('href')!);
    expect(hrefs.filter((h) => !h.startsWith('#') && !h.startsWith(context.sourceUrl!))).toEqual([]);
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toContain("default-src 'none'");
    expect([...document.querySelectorAll('style')].map((s) => s.textContent).join('')).not.toMatch(/url\(|@import|@font-face/);
  });

  it('summarises by platform, data category and file, with filters for each', () => {
    const table = (caption: string) => [...document.querySelectorAll('table.tally')].find((t) => t.querySelector('caption')!.textContent === caption)!;
    const rows = (caption: string) => [...table(caption).querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent).join(' '));
    expect(rows('By platform')).toEqual(['Facebook Messenger 5 0']);
    expect(rows('By data category')).toEqual(['account-identifier 3 0', 'balance 2 0', 'card 2 0']);
    expect(rows('By file')).toEqual(['src/bot.ts 3 0', 'src/card.ts 1 0', 'src/shadowed.ts 1 0']);
    const selects = [...document.querySelectorAll('form#filters select')].map((s) => s.getAttribute('name'));
    expect(selects).toEqual(['platform', 'category', 'file', 'status']);
    expect(document.querySelector('form#filters input[type=search]')).not.toBeNull();
  });
});

describe('--format markdown', () => {
  it('renders the summary and a Mermaid flowchart per finding', () => {
    const markdown = formatMarkdown(outcome.result, context);
    expect(markdown.match(/```mermaid\nflowchart LR\n/g)).toHaveLength(outcome.result.findings.length);
    expect(markdown).toMatchSnapshot();
  });
});

describe('--format sarif', () => {
  it('gives every distinct path its own code flow with step messages, and a message that stands alone', () => {
    const log = JSON.parse(formatSarif(outcome.result, context));
    expect(sarifSchemaErrors(log)).toEqual([]);
    const results = log.runs[0].results as { message: { text: string }; codeFlows: { threadFlows: { locations: { location: { message: { text: string } } }[] }[] }[] }[];
    const shared = results[outcome.result.findings.findIndex((f) => f.sink.location.line === 12 && rel(f.sink.location.file) === 'src/bot.ts')]!;
    expect(shared.codeFlows).toHaveLength(2);
    expect(shared.codeFlows.every((c) => c.threadFlows.length === 1)).toBe(true);
    const messages = shared.codeFlows.map((c) => c.threadFlows[0]!.locations.map((l) => l.location.message.text));
    expect(messages.map((m) => m.find((t) => t.startsWith('reads'))).sort()).toEqual(['reads `checking.balance` — checking.balance', 'reads `savings.balance` — savings.balance']);
    expect(messages.every((m) => m[0]!.startsWith('source: ') && m.at(-1)!.startsWith('send: '))).toBe(true);
    expect(shared.message.text).toMatch(/Source: BankAccount at src\/bank\.ts:1[38]\. Path: load(Account|Savings)\(\) → sendBalances\(\) → sendBalanceLine\(\) → Facebook Messenger\. 2 paths reach this call/);
  });
});

describe('finleak fix', () => {
  it('clears the fixable findings, says why the others remain, and leaves a project that type-checks', async () => {
    const copy = copyFixture('report-fix');
    const fixed = await runCli(['fix'], copy);
    expect(fixed.stderr).toBe('');
    expect(fixed.code).toBe(1);
    expect(fixed.stdout).toContain("src/bot.ts:7:9  BankAccount → Facebook Messenger through `client.sendText`\n  fixed  wrapped `account.iban` in maskIban() (import maskIban from './masking.js')");
    expect(fixed.stdout).toContain("src/card.ts:7:9  BankAccount → Facebook Messenger through `client.sendText`\n  fixed  wrapped `account.cardNumber` in maskCardNumber() (import maskCardNumber from './masking.js')");
    expect(fixed.stdout).toContain("fixed  wrapped `account.iban` in maskIbanSanitizer() (import maskIban as maskIbanSanitizer from './masking.js')");
    expect(fixed.stdout).toContain(
      'src/bot.ts:12:9  BankAccount → Facebook Messenger through `client.sendText`\n  not fixed  no configured sanitizer (maskIban(), maskCardNumber()) is meant for `balance.toFixed(2)` (string), takes it and returns what the send call accepts\n' +
        '    to fix it: declare `export function maskBalance(value: number): string` in ./src/masking, list it in the finleak config ("sanitizers": [{ "function": "maskBalance", "module": "./src/masking" }]) and wrap `savings.balance` in it where the path reads it (src/bot.ts:19, in sendBalances()), and the same on the other path; fix edits only inside the send call\'s payload',
    );
    expect(fixed.stdout).toContain(
      'not fixed  no configured sanitizer (maskIban(), maskCardNumber()) is meant for `JSON.stringify(account)` (string), takes it and returns what the send call accepts\n' +
        '    to fix it: declare `export function maskAccount(value: string): string` in ./src/masking, list it in the finleak config ("sanitizers": [{ "function": "maskAccount", "module": "./src/masking" }]) and run fix again: it wraps `JSON.stringify(account)`',
    );
    expect(fixed.stdout).toContain('! fixed 3 of 5 findings in 3 files; 2 remain (reasons above)');

    const after = await runCli(['check', '--format', 'json'], copy);
    const remaining = (JSON.parse(after.stdout) as { findings: { sink: { location: { file: string; line: number } } }[] }).findings.map((f) => `${f.sink.location.file}:${f.sink.location.line}`);
    // One import line more above them.
    expect(remaining).toEqual(['src/bot.ts:13', 'src/bot.ts:26']);

    const { program } = loadProject(path.join(copy, 'tsconfig.json'));
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))).toEqual([]);
    expect(readFileSync(path.join(copy, 'src/shadowed.ts'), 'utf8')).toContain("import { maskIban as maskIbanSanitizer } from './masking.js';\n");
  });

  it('--dry-run prints the same edits as a unified diff and writes nothing', async () => {
    const copy = copyFixture('report-fix');
    const run = await runCli(['fix', '--dry-run'], copy);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("--- a/src/card.ts\n+++ b/src/card.ts\n@@ -1,8 +1,9 @@\n import { loadAccount } from './bank.js';\n import { client } from './client.js';\n+import { maskCardNumber } from './masking.js';\n");
    expect(run.stdout).toContain("-  await client.sendText(psid, 'Your card: ' + account.cardNumber); // finleak-expect: BankAccount\n+  await client.sendText(psid, 'Your card: ' + maskCardNumber(account.cardNumber)); // finleak-expect: BankAccount\n");
    expect(run.stderr).toContain('! would fix 3 of 5 findings in 3 files; 2 remain (reasons above); nothing written (--dry-run)');
    expect(readFileSync(path.join(copy, 'src/card.ts'), 'utf8')).toBe(readFileSync(fixturePath('report-fix', 'src/card.ts'), 'utf8'));
  });

  it('makes the edit the ESLint suggestion makes, file by file', async () => {
    const copy = copyFixture('report-fix');
    await runCli(['fix'], copy);
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: dir } } }, finleak.configs.recommended],
    });
    for (const file of ['src/bot.ts', 'src/card.ts', 'src/shadowed.ts']) {
      const [result] = await eslint.lintFiles([path.join(dir, file)]);
      const suggestions = result!.messages.flatMap((m) => m.suggestions ?? []);
      expect(suggestions, file).toHaveLength(1);
      const original = readFileSync(path.join(dir, file), 'utf8');
      const { range, text } = suggestions[0]!.fix;
      expect(original.slice(0, range[0]) + text + original.slice(range[1]), file).toBe(readFileSync(path.join(copy, file), 'utf8'));
    }
  });

  it('rolls back an edit that would not compile, and says why', async () => {
    const project = tempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['ES2022'], types: ['node'], module: 'commonjs', moduleResolution: 'node10', verbatimModuleSyntax: true, strict: true, skipLibCheck: true, noEmit: true }, include: ['src'] }),
      'finleak.config.json': JSON.stringify({ sanitizers: [{ function: 'maskIban', module: './src/masking' }] }),
      'src/masking.ts': 'export function maskIban(iban: string): string {\n  return iban.slice(-4);\n}\n',
      // A CommonJS project under verbatimModuleSyntax: the `import { maskIban } from` the fix would add is an error here.
      'src/bot.ts': [
        "import messenger = require('messaging-api-messenger');",
        '',
        'interface BankAccount { iban: string; balance: number }',
        '',
        "const client = new messenger.MessengerClient({ accessToken: 'token' });",
        '',
        'export async function sendIban(psid: string, account: BankAccount): Promise<void> {',
        '  await client.sendText(psid, `Your IBAN is ${account.iban}`);',
        '}',
        '',
      ].join('\n'),
    });
    const before = readFileSync(path.join(project, 'src/bot.ts'), 'utf8');
    const run = await runCli(['fix'], project);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("not fixed  wrapping `account.iban` in maskIban() (imported from './masking') would not compile, so the file was left as it was: bot.ts:1: TS1295 ECMAScript imports and exports cannot be written in a CommonJS file under 'verbatimModuleSyntax'.");
    expect(readFileSync(path.join(project, 'src/bot.ts'), 'utf8')).toBe(before);
  });
});
