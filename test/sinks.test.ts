import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { carriers, platforms } from '../rules/index.js';
import type { Finding } from '../src/engine/finding.js';
import type { EndpointSpec, SinkSpec } from '../src/policy/types.js';
import { checkFixture, expectedFindings, findingKeys, fixturePath, repoRoot } from './helpers/fixtures.js';
import { runCli } from './helpers/cli.js';
import { codeScanningProblems, sarifSchemaErrors } from './helpers/sarif.js';
import { asList as list } from '../src/engine/declarations.js';
import { parseHTML } from 'linkedom';
import { formatHtml } from '../src/report/html.js';
import { formatJson } from '../src/report/json.js';
import { formatMarkdown } from '../src/report/markdown.js';
import { formatSarif } from '../src/report/sarif.js';
import { formatPretty } from '../src/report/pretty.js';
import { check } from '../src/check.js';
import { tempProject } from './helpers/temp-project.js';

/**
 * The sink catalogue in rules/ on real SDK typings, and the mechanisms that
 * recognise sends however the code writes them (sinks-shapes: mapped API
 * types, destructured and bound callables, command objects, builders,
 * adapters, overloads, URLs, possible sends). Each fixture imports the
 * real packages (devDependencies of the repository or of fixtures/package.json); a send call with financial data in a
 * payload argument is marked `// finleak-expect: Kind`, a close call with it
 * only in a non-payload argument (recipient, channel, id) is marked
 * `// finleak-clean: why` and must not fire. One program load per fixture:
 * everything below shares `checkFixture`'s cache.
 */
const FIXTURES = ['sinks-http', 'sinks-sdk', 'sinks-catalogue', 'sinks-shapes'];
// The SDKs are devDependencies of the repository (those the example bot uses) or of fixtures/package.json (the rest).
const devDependencies = (manifest: string): string[] => Object.keys((JSON.parse(readFileSync(manifest, 'utf8')) as { devDependencies: Record<string, string> }).devDependencies);
const installed = new Set([...devDependencies(path.join(repoRoot, 'package.json')), ...devDependencies(fixturePath('package.json'))].map((name) => name.replace(/^@types\//, '')));
// Packages whose typings reach the fixtures only through an installed package that depends on them.
for (const name of ['botbuilder-core', 'botframework-connector', '@grammyjs/types']) installed.add(name);

async function outcomes() {
  return Promise.all(FIXTURES.map(async (name) => ({ name, outcome: await checkFixture(name) })));
}
async function allFindings(): Promise<Finding[]> {
  return (await outcomes()).flatMap(({ outcome }) => outcome.result.findings);
}

/** The packages of this spec that a finding's call proves: same platform, package and member. */
function firedModules(platform: string, spec: SinkSpec, findings: readonly Finding[]): string[] {
  const methods = list(spec.method).map((m) => (m === 'constructor' ? 'new ' : m.slice(m.lastIndexOf('.') + 1)));
  return list(spec.module).filter((module) =>
    findings.some(
      (f) =>
        f.sink.platform === platform &&
        f.sink.api.startsWith(`${module} `) &&
        (methods.length === 0 ? list(spec.type).some((t) => f.sink.api.includes(t)) : methods.some((m) => f.sink.api.includes(m))),
    ),
  );
}

function endpointFires(platform: string, endpoint: EndpointSpec, findings: readonly Finding[]): boolean {
  const pattern = new RegExp(endpoint.url);
  return findings.some((f) => f.sink.platform === platform && f.sink.matchedBy === 'url' && f.sink.url !== undefined && pattern.test(f.sink.url.replaceAll('…', '0')));
}

describe.each(FIXTURES)('sink fixture %s', (name) => {
  it('reports exactly the marked send calls', async () => {
    const { result } = await checkFixture(name);
    expect(result.diagnostics.filter((d) => d.severity === 'error' || d.code === 'unresolved-import')).toEqual([]);
    expect(findingKeys(result.findings, fixturePath(name))).toEqual(expectedFindings(fixturePath(name)));
  });
});

/**
 * Possible sends marked in a fixture, on the line where the call begins:
 * `// finleak-possible: <how> [Kind, …]` (how: body-shape, untyped-receiver or send-name).
 */
function expectedPossible(dir: string, files: readonly string[]): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => {
        const match = /finleak-possible:\s*([\w-]+)\s*([\w, ]*)/.exec(line);
        if (!match) return [];
        const kinds = match[2]!.split(',').map((k) => k.trim()).filter(Boolean).sort();
        return [`${path.relative(dir, file)}:${i + 1} ${match[1]} [${kinds.join(', ')}]`];
      }),
  );
}

describe('the sink catalogue', () => {
  it('heads every platform model with a link to the API docs it models', () => {
    for (const model of platforms) expect(model.docs, model.platform).toMatch(/^https:\/\//);
    expect(new Set(platforms.map((p) => p.platform)).size).toBe(platforms.length);
  });

  it('proves every modelled package in a fixture importing the real package, unless it is listed as untested with a reason', async () => {
    const findings = await allFindings();
    const untested = new Map(platforms.flatMap((m) => Object.entries(m.untested ?? {})));
    const fired = new Set<string>();
    const modelled = new Set<string>();
    for (const model of platforms) {
      for (const spec of model.sinks ?? []) {
        list(spec.module).forEach((m) => modelled.add(m));
        firedModules(spec.platform ?? model.platform, spec, findings).forEach((m) => fired.add(m));
      }
    }
    const unproven = [...modelled].filter((m) => !fired.has(m) && !untested.has(m));
    expect(unproven, 'modelled packages without a firing fixture case').toEqual([]);
    expect([...modelled].filter((m) => fired.has(m) && !installed.has(m)), 'fired without being a devDependency').toEqual([]);
    expect([...untested.keys()].filter((m) => fired.has(m) || !modelled.has(m)), 'listed as untested but proven, or not modelled').toEqual([]);
    for (const [module, reason] of untested) expect(reason.length, module).toBeGreaterThan(20);
  });

  it('proves every REST endpoint through a generic HTTP client', async () => {
    const findings = await allFindings();
    const unproven = platforms.flatMap((m) => (m.endpoints ?? []).filter((e) => !endpointFires(e.platform ?? m.platform, e, findings)).map((e) => `${m.platform}: ${e.url}`));
    expect(unproven).toEqual([]);
    const used = new Set(findings.filter((f) => f.sink.matchedBy === 'url').map((f) => f.sink.httpClient));
    expect([...new Set(carriers.map((c) => c.name))].filter((name) => !used.has(name))).toEqual([]);
  });

  it('pairs every firing platform with a non-payload case that does not fire', async () => {
    const cleanPlatforms = new Set<string>();
    const all = await outcomes();
    for (const { name, outcome } of all) {
      const files = new Map<string, Set<string>>();
      for (const f of outcome.result.findings) {
        const set = files.get(f.sink.location.file) ?? new Set<string>();
        set.add(f.sink.platform);
        files.set(f.sink.location.file, set);
      }
      for (const [file, platformsInFile] of files) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (!line.includes('finleak-clean')) return;
            const firing = outcome.result.findings.some((f) => f.sink.location.file === file && f.sink.location.line === i + 1);
            expect(firing, `${path.relative(fixturePath(name), file)}:${i + 1} must not fire`).toBe(false);
            for (const p of platformsInFile) cleanPlatforms.add(p);
          });
      }
    }
    const firing = new Set(all.flatMap(({ outcome }) => outcome.result.findings.map((f) => f.sink.platform)));
    expect([...firing].filter((p) => !cleanPlatforms.has(p))).toEqual([]);
  });
});

describe('how a send call was recognised', () => {
  it('says when a webhook URL was recognised by the name it is read from', async () => {
    const { result } = await checkFixture('sinks-http');
    const byName = result.findings.filter((f) => f.sink.matchedBy === 'webhook-name').map((f) => `${path.basename(f.sink.location.file)}:${f.sink.location.line} ${f.sink.platform} ${f.sink.api}`);
    expect(byName).toEqual([
      'webhooks.ts:8 Slack POST Slack webhook URL read from `process.env.SLACK_WEBHOOK_URL`',
      'webhooks.ts:9 Microsoft Teams POST Microsoft Teams webhook URL read from `teamsWebhook`',
      'webhooks.ts:11 Discord POST Discord webhook URL read from `process.env.DISCORD_WEBHOOK`',
      'webhooks.ts:17 Slack POST Slack webhook URL read from `body.response_url`',
    ]);
    for (const f of result.findings.filter((f) => f.sink.matchedBy === 'webhook-name')) expect(f.message).toContain('recognised by the name its webhook URL is read from');
  });

  it('says when an untyped SDK call was matched by name', async () => {
    const { result } = await checkFixture('sinks-catalogue');
    const byName = result.findings.filter((f) => f.sink.matchedBy === 'name').map((f) => `${path.basename(f.sink.location.file)}:${f.sink.location.line} ${f.sink.platform}`);
    expect(byName.length).toBeGreaterThan(0);
    for (const f of result.findings.filter((f) => f.sink.matchedBy === 'name')) expect(f.message).toContain('recognised by import and method name, not by type');
  });
});

describe('sends written in other shapes', () => {
  it('names the callables taken out of their object and the commands with the call that sends them', async () => {
    const { result } = await checkFixture('sinks-shapes');
    const at = (file: string) => result.findings.filter((f) => path.basename(f.sink.location.file) === file).map((f) => `${f.sink.location.line} ${f.sink.api} | ${f.sink.argument}`);
    expect(at('bound.ts')).toEqual([
      '14 @microsoft/teams.apps IBaseActivityContext.send (destructured) | argument `activity`',
      '21 grammy Context.reply (bound) | argument `text`',
      '28 telegraf Telegram.sendMessage (bound) | argument `text`',
      '35 chat Thread.post (destructured) | argument `message`',
      '42 @slack/bolt SayFn (copied) | argument `message`',
    ]);
    const commands = result.findings.filter((f) => path.basename(f.sink.location.file) === 'commands.ts' && f.sink.api.includes(' sent by '));
    expect(commands.map((f) => `${f.sink.location.line} ${f.sink.api} | ${f.sink.callee}`)).toEqual([
      '12 telegram new SendMessage sent by TelegramClient.invoke | client.invoke',
      '15 telegram new EditMessage sent by TelegramClient.invoke | client.invoke',
      '21 @aws-sdk/client-sns new PublishCommand sent by Client.send | sns.send',
    ]);
    // The trace ends at the command's payload, on the line that builds it.
    const aws = commands.find((f) => f.sink.callee === 'sns.send')!;
    expect(aws.trace.at(-1)!.location.line).toBe(20);
    expect(aws.trace.at(-1)!.label).toContain('argument `input.Message`');
  });
});

describe('possible sends', () => {
  it('lists exactly the marked calls that only look like sends, with the financial data reaching them, and reports no finding for them', async () => {
    for (const name of FIXTURES) {
      const { result } = await checkFixture(name);
      const dir = fixturePath(name);
      const files = [...new Set([...result.findings.map((f) => f.sink.location.file), ...(result.possibleSends ?? []).map((p) => p.location.file)])];
      const marked = path.join(dir, 'src');
      const sources = readdirSync(marked, { recursive: true }).map((f) => path.join(marked, String(f))).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'));
      const actual = (result.possibleSends ?? [])
        .filter((p) => p.matchedBy !== 'name')
        .map((p) => `${path.relative(dir, p.location.file)}:${p.location.line} ${p.matchedBy} [${[...new Set(p.data.map((d) => d.kind))].sort().join(', ')}]`);
      expect(actual.sort(), name).toEqual(expectedPossible(dir, [...new Set([...sources, ...files])]).sort());
    }
  });

  it('lists every untyped SDK call matched by name as a possible send, beside its finding', async () => {
    const { result } = await checkFixture('sinks-catalogue');
    const byName = result.findings.filter((f) => f.sink.matchedBy === 'name');
    expect(byName.length).toBeGreaterThan(0);
    const listed = (result.possibleSends ?? []).filter((p) => p.matchedBy === 'name');
    for (const f of byName) {
      const entry = listed.find((p) => p.location.file === f.sink.location.file && p.location.line === f.sink.location.line);
      expect(entry?.data.map((d) => d.kind), `${f.sink.location.line}`).toEqual([f.source.kind]);
    }
  });

  it('are note-level results in SARIF and a section of the JSON report, and fail nothing', async () => {
    const outcome = await checkFixture('sinks-shapes');
    const context = { rootDir: outcome.rootDir, toolVersion: '0.0.0', color: false };
    const possible = outcome.result.possibleSends ?? [];
    expect(possible.length).toBeGreaterThan(0);
    const json = JSON.parse(formatJson(outcome.result, context)) as { possibleSends: { location: { file: string } }[]; failing: number };
    expect(json.possibleSends.length).toBe(possible.length);
    expect(json.possibleSends[0]!.location.file).toMatch(/^src\//);
    expect(json.failing).toBe(outcome.result.findings.length);
    const sarif = JSON.parse(formatSarif(outcome.result, context)) as { runs: { results: { ruleId: string; level: string; message: { text: string } }[] }[] };
    const notes = sarif.runs[0]!.results.filter((r) => r.ruleId === 'possible-send');
    expect(notes.length).toBe(possible.length);
    expect(new Set(notes.map((r) => r.level))).toEqual(new Set(['note']));
    expect(notes.some((r) => r.message.text.includes('Financial data reaches it: BankAccount'))).toBe(true);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(codeScanningProblems(sarif)).toEqual([]);
  });

  it('are listed under coverage in the HTML and Markdown reports, with the data that reaches them', async () => {
    const outcome = await checkFixture('sinks-shapes');
    const context = { rootDir: outcome.rootDir, toolVersion: '0.0.0', color: false };
    const possible = outcome.result.possibleSends ?? [];
    const carrying = possible.filter((p) => p.data.length > 0);
    const { document } = parseHTML(formatHtml(outcome.result, context));
    const block = [...document.querySelectorAll('.coverage .cov')].find((d) => d.querySelector('h4')?.textContent?.startsWith('calls that look like a send'));
    expect(block?.querySelector('.count')?.textContent).toBe(String(possible.length));
    const items = [...block!.querySelectorAll('li')].map((li) => li.textContent ?? '');
    expect(items.length).toBe(possible.length);
    expect(items.filter((t) => t.includes('financial data reaches it')).length).toBe(carrying.length);
    expect(items.some((t) => t.startsWith('src/possible.ts:') && t.includes('with a body built elsewhere') && t.includes('BankAccount'))).toBe(true);
    const markdown = formatMarkdown(outcome.result, context);
    expect(markdown).toContain(`calls that look like a send but are not confirmed by the policy: ${possible.length}, financial data reaches ${carrying.length}`);
  });
});

describe('the summary with possible sends', () => {
  const bot = (text: string): Record<string, string> => ({
    'src/relay.ts': `export interface BankAccount { iban: string; balance: number; currency: string }
export async function notify(account: BankAccount): Promise<void> {
  await fetch('https://tg.relay.example/notify', { method: 'POST', body: JSON.stringify({ text: ${text} }) });
}
`,
  });
  const headline = async (files: Record<string, string>): Promise<string> => {
    const project = tempProject(files);
    const outcome = await check({ project });
    expect(outcome.result.findings).toEqual([]);
    return formatPretty(outcome.result, { rootDir: outcome.rootDir, toolVersion: '0.0.0', color: false }).split('\n').find((l) => /^[✔!✖]/.test(l))!;
  };

  it('gives no tick while financial data reaches a call that looks like a send', async () => {
    expect(await headline(bot('`Balance ${account.balance} ${account.currency}`'))).toMatch(/^! No financial data reaches a confirmed messaging send call \(.*\), but it reaches 1 call that looks like one$/);
  });

  it('ticks when only data-free messages reach it', async () => {
    expect(await headline(bot("'Backup finished'"))).toMatch(/^✔ No financial data reaches a messaging send call/);
  });
});

describe('the pretty report of one value holding several kinds', () => {
  it('prints the path once: the other kinds on the same path refer to it', async () => {
    const project = tempProject({
      'src/bot.ts': `import { MessengerClient } from 'messaging-api-messenger';
export interface BankAccount { iban: string; balance: number; currency: string }
export interface CardTransaction { amount: number; currency: string; merchant: string }
const client = new MessengerClient({ accessToken: 't' });
export async function sendStatement(psid: string, statement: { account: BankAccount; last: CardTransaction }): Promise<void> {
  await client.sendText(psid, JSON.stringify(statement));
}
`,
    });
    const outcome = await check({ project });
    expect(outcome.result.findings.map((f) => f.source.kind).sort()).toEqual(['BankAccount', 'CardTransaction']);
    const text = formatPretty(outcome.result, { rootDir: outcome.rootDir, toolVersion: '0.0.0', color: false });
    expect(text.split('\n').filter((l) => l.startsWith('  > '))).toHaveLength(1);
    expect(text).toMatch(/leak {2}CardTransaction data reaches Facebook Messenger[^\n]*\n {2}source: CardTransaction[^\n]*\n {2}path: the same as for BankAccount above\n/);
  });
});

describe('finleak sinks', () => {
  // The built CLI (`npm test` builds it first).
  const cli = (argv: string[]) => runCli(argv, repoRoot);

  it('prints the catalogue as JSON for tools, in the shape a config writes sinks', async () => {
    const { code, stdout } = await cli(['sinks', '--format', 'json']);
    expect(code).toBe(0);
    const catalogue = JSON.parse(stdout) as { platforms: { platform: string; sinks: unknown[]; endpoints: unknown[] }[]; httpClients: { name: string }[]; counts: Record<string, number> };
    expect(catalogue.platforms.map((p) => p.platform)).toEqual(platforms.map((p) => p.platform));
    expect(catalogue.counts.sinks).toBe(platforms.reduce((n, p) => n + (p.sinks?.length ?? 0), 0));
    expect(catalogue.counts.endpoints).toBe(platforms.reduce((n, p) => n + (p.endpoints?.length ?? 0), 0));
    expect(new Set(catalogue.httpClients.map((c) => c.name))).toEqual(new Set(carriers.map((c) => c.name)));
    const sendblue = catalogue.platforms.find((p) => p.platform === 'Sendblue')!;
    expect(sendblue.sinks).toContainEqual({ module: 'sendblue', type: 'Messages', method: 'send', payload: ['arg0.content', 'arg0.media_url', 'arg0.app_card'] });
    const pretty = await cli(['sinks']);
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toContain(`${catalogue.counts.platforms} platforms, ${catalogue.counts.packages} packages`);
  });

  it('refuses unknown options, arguments and formats (exit 2, one line saying which)', async () => {
    const bogus = await cli(['sinks', '--bogus']);
    expect([bogus.code, bogus.stderr.split('\n')[0]]).toEqual([2, "finleak: unknown option '--bogus'"]);
    const typo = await cli(['sinks', '--fromat', 'json']);
    expect([typo.code, typo.stderr.split('\n')[0]]).toEqual([2, "finleak: unknown option '--fromat'; did you mean '--format'?"]);
    const argument = await cli(['sinks', 'slack']);
    expect(argument.code).toBe(2);
    expect(argument.stderr.split('\n')[0]).toMatch(/^finleak: .*'slack'/);
    const format = await cli(['sinks', '--format', 'sarif']);
    expect([format.code, format.stderr.split('\n')[0]]).toEqual([2, "finleak: unknown format 'sarif' for sinks; use pretty or json"]);
  });
});
