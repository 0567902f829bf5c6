import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { carriers, platforms } from '../rules/index.js';
import type { Finding } from '../src/engine/finding.js';
import type { EndpointSpec, SinkSpec } from '../src/policy/types.js';
import { checkFixture, expectedFindings, findingKeys, fixturePath, repoRoot } from './helpers/fixtures.js';
import { asList as list } from '../src/engine/declarations.js';

/**
 * The sink catalogue in rules/ on real SDK typings. Each fixture imports the
 * real packages (devDependencies of the repository or of fixtures/package.json); a send call with financial data in a
 * payload argument is marked `// finleak-expect: Kind`, a close call with it
 * only in a non-payload argument (recipient, channel, id) is marked
 * `// finleak-clean: why` and must not fire. One program load per fixture:
 * everything below shares `checkFixture`'s cache.
 */
const FIXTURES = ['sinks-http', 'sinks-sdk', 'sinks-catalogue'];
// The SDKs are devDependencies of the repository (those the example bot uses) or of fixtures/package.json (the rest).
const devDependencies = (manifest: string): string[] => Object.keys((JSON.parse(readFileSync(manifest, 'utf8')) as { devDependencies: Record<string, string> }).devDependencies);
const installed = new Set([...devDependencies(path.join(repoRoot, 'package.json')), ...devDependencies(fixturePath('package.json'))].map((name) => name.replace(/^@types\//, '')));
// Packages whose typings reach the fixtures only through an installed package that depends on them.
for (const name of ['botbuilder-core', 'botframework-connector']) installed.add(name);

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
