import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPretty } from '../src/report/pretty.js';
import { formatSarif } from '../src/report/sarif.js';
import { checkFixture, expectedFindings, findingKeys, fixturePath, repoRoot } from './helpers/fixtures.js';
import { codeScanningProblems, sarifSchemaErrors } from './helpers/sarif.js';

const dir = fixturePath('bank-bot');

describe('the example bank bot', () => {
  it('reports exactly the leaks marked in its sources', async () => {
    const { result } = await checkFixture('bank-bot');
    expect(result.diagnostics).toEqual([]);
    expect(findingKeys(result.findings, dir)).toEqual(expectedFindings(dir));
  });

  it('traces a leak from the bank API through a helper in another file to the send call', async () => {
    const { result } = await checkFixture('bank-bot');
    const finding = result.findings.find((f) => f.sink.location.file.endsWith('messenger.ts') && f.sink.location.line === 12)!;
    expect(finding.sink).toMatchObject({ platform: 'Facebook Messenger', callee: 'client.sendText', argument: 'argument `text`', matchedBy: 'declaration' });
    const steps = finding.trace.map((s) => `${path.relative(dir, s.location.file)}:${s.location.line} ${s.label}`);
    expect(steps[0]).toBe('src/bank/api.ts:9 `(await response.json()) as BankAccount` returns BankAccount: `balance` (balance)');
    expect(steps).toContain('src/channels/messenger.ts:10 returned from `BankApi.getAccount()`');
    expect(steps).toContain('src/format.ts:3 passed as parameter `account` of `formatBalance`');
    expect(steps).toContain('src/channels/messenger.ts:11 returned from `formatBalance()`');
    expect(steps.at(-1)).toBe('src/channels/messenger.ts:12 argument `text` of `client.sendText` → Facebook Messenger');
  });

  it("prints the README's sample finding exactly (FINLEAK_UPDATE_README=1 rewrites it)", async () => {
    const { result } = await checkFixture('bank-bot');
    const finding = result.findings.find((f) => f.sink.location.file.endsWith('messenger.ts') && f.sink.location.line === 12)!;
    const pretty = formatPretty({ ...result, findings: [finding], diagnostics: [] }, { rootDir: dir, toolVersion: '', color: false });
    const block = pretty.slice(0, pretty.indexOf('\n\n'));
    const readmeFile = path.join(repoRoot, 'README.md');
    const readme = readFileSync(readmeFile, 'utf8');
    const sample = /(<!-- sample-output:start[^\n]*-->\n```\n)([\s\S]*?)\n(```\n<!-- sample-output:end -->)/;
    expect(readme).toMatch(sample);
    if (process.env['FINLEAK_UPDATE_README'] === '1') writeFileSync(readmeFile, readme.replace(sample, (_, open: string, _old: string, close: string) => `${open}${block}\n${close}`));
    else expect(sample.exec(readme)![2]).toBe(block);
  });

  it('recognises Send API and WhatsApp Cloud API calls by the URL they post to', async () => {
    const { result } = await checkFixture('bank-bot');
    const http = result.findings.filter((f) => f.sink.matchedBy === 'url').map((f) => [f.sink.platform, f.sink.url]);
    expect(http).toEqual([
      ['Facebook Messenger', 'https://graph.facebook.com/v21.0/me/messages?access_token=…'],
      ['WhatsApp', 'https://graph.facebook.com/v21.0/…/messages'],
    ]);
  });

  it('gives every finding a fingerprint without line numbers, unique per flow', async () => {
    const { result } = await checkFixture('bank-bot');
    const fingerprints = result.findings.map((f) => f.fingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    for (const f of fingerprints) expect(f).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps a leak suppressed in the code out of the findings, with its reason', async () => {
    const { result } = await checkFixture('bank-bot');
    expect((result.suppressed ?? []).map((f) => `${path.relative(dir, f.sink.location.file)}:${f.sink.location.line} ${f.source.kind} ${f.suppression?.reason}`)).toEqual([
      "src/channels/slack.ts:24 LedgerEntry #treasury-recon is on the bank's own Slack Enterprise Grid (SEC-142)",
    ]);
  });

  it('renders SARIF 2.1.0 with code flows, fingerprints, and `suppressions` on the suppressed result', async () => {
    const { result, rootDir } = await checkFixture('bank-bot');
    const sarif = JSON.parse(formatSarif(result, { rootDir, toolVersion: '0.0.0', color: false }));
    expect(sarif).toMatchObject({ version: '2.1.0', runs: [{ tool: { driver: { name: 'finleak', rules: [{ id: 'financial-data-to-messaging' }] } } }] });
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(result.findings.length + 1);
    for (const r of results) {
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^fixtures\/bank-bot\/src\//);
      expect(r.codeFlows[0].threadFlows[0].locations.length).toBeGreaterThanOrEqual(2);
      expect(r.partialFingerprints['finleakFlow/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
    const suppressed = results.filter((r: { suppressions?: unknown }) => r.suppressions);
    expect(suppressed.map((r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.locations[0]!.physicalLocation.region.startLine)).toEqual([24]);
    expect(suppressed[0].suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: "#treasury-recon is on the bank's own Slack Enterprise Grid (SEC-142)",
        location: { physicalLocation: { artifactLocation: { uri: 'fixtures/bank-bot/src/channels/slack.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 23, startColumn: 3, endLine: 23, endColumn: 100 } } },
      },
    ]);
  });

  it('validates against the official SARIF 2.1.0 schema and GitHub code scanning rules', async () => {
    const { result, rootDir } = await checkFixture('bank-bot');
    const log = JSON.parse(formatSarif(result, { rootDir, toolVersion: '0.1.0', color: false }));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(result.findings.length + (result.suppressed?.length ?? 0));
  });

  it('gives each result the sink as location, the trace as code flow and a line-free fingerprint', async () => {
    const { result, rootDir } = await checkFixture('bank-bot');
    const log = JSON.parse(formatSarif(result, { rootDir, toolVersion: '0.1.0', color: false }));
    const finding = result.findings[0]!;
    const sarif = log.runs[0].results[0];
    // URIs are relative to the repository root, as GitHub code scanning reads them.
    expect(sarif.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^fixtures\/bank-bot\/src\//);
    expect(sarif.locations[0].physicalLocation.region).toMatchObject({ startLine: finding.sink.location.line, startColumn: finding.sink.location.column });
    const steps = sarif.codeFlows[0].threadFlows[0].locations;
    const role = (i: number): string => (i === 0 ? 'source: ' : i === finding.trace.length - 1 ? 'send: ' : '');
    expect(steps.map((s: { location: { message: { text: string } } }) => s.location.message.text)).toEqual(finding.trace.map((s, i) => `${role(i)}${s.label} — ${s.code}`));
    expect(steps.map((s: { executionOrder: number }) => s.executionOrder)).toEqual(finding.trace.map((_, i) => i + 1));
    expect(sarif.partialFingerprints.primaryLocationLineHash).toBe(finding.fingerprint);
    expect(log.runs[0].tool.driver.rules[sarif.ruleIndex].id).toBe(sarif.ruleId);
  });
});
