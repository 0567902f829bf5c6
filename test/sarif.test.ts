import { describe, expect, it } from 'vitest';
import { formatSarif } from '../src/report/sarif.js';
import { checkFixture } from './helpers/fixtures.js';
import { codeScanningProblems, sarifSchemaErrors } from './helpers/sarif.js';

const context = (rootDir: string) => ({ rootDir, toolVersion: '0.1.0', color: false });

describe('SARIF of the example bank bot', () => {
  it('validates against the official SARIF 2.1.0 schema and GitHub code scanning rules', async () => {
    const { result, rootDir } = await checkFixture('bank-bot');
    const log = JSON.parse(formatSarif(result, context(rootDir)));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(result.findings.length + (result.suppressed?.length ?? 0));
  });

  it('gives each result the sink as location, the trace as code flow and a line-free fingerprint', async () => {
    const { result, rootDir } = await checkFixture('bank-bot');
    const log = JSON.parse(formatSarif(result, context(rootDir)));
    const finding = result.findings[0]!;
    const sarif = log.runs[0].results[0];
    // URIs are relative to the repository root, as GitHub code scanning reads them.
    expect(sarif.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^fixtures\/bank-bot\/src\//);
    expect(sarif.locations[0].physicalLocation.region).toMatchObject({ startLine: finding.sink.location.line, startColumn: finding.sink.location.column });
    const steps = sarif.codeFlows[0].threadFlows[0].locations;
    expect(steps.map((s: { location: { message: { text: string } } }) => s.location.message.text)).toEqual(finding.trace.map((s) => s.label));
    expect(steps.map((s: { executionOrder: number }) => s.executionOrder)).toEqual(finding.trace.map((_, i) => i + 1));
    expect(sarif.partialFingerprints.primaryLocationLineHash).toBe(finding.fingerprint);
    expect(log.runs[0].tool.driver.rules[sarif.ruleIndex].id).toBe(sarif.ruleId);
  });

  it('is valid without findings and reports analysis errors as tool notifications', () => {
    const empty = JSON.parse(formatSarif({ findings: [], diagnostics: [], stats: { files: 0, sendCalls: 0, findings: 0, milliseconds: 0 } }, context('/tmp/none')));
    expect(sarifSchemaErrors(empty)).toEqual([]);
    expect(empty.runs[0].invocations[0].executionSuccessful).toBe(true);
    const location = { file: '/tmp/none/src/a.ts', line: 3, column: 5, endLine: 3, endColumn: 9 };
    const failed = JSON.parse(
      formatSarif(
        {
          findings: [],
          diagnostics: [
            { severity: 'error', code: 'depth-limit', message: 'stopped following data', location },
            { severity: 'warning', code: 'unresolved-import', message: "cannot resolve module 'x'" },
          ],
          stats: { files: 1, sendCalls: 1, findings: 0, milliseconds: 0 },
        },
        context('/tmp/none'),
      ),
    );
    expect(sarifSchemaErrors(failed)).toEqual([]);
    expect(failed.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(failed.runs[0].invocations[0].toolExecutionNotifications.map((n: { level: string; descriptor: { id: string } }) => `${n.level} ${n.descriptor.id}`)).toEqual([
      'error depth-limit',
      'warning unresolved-import',
    ]);
  });

  it('the schema check catches a broken log (the validator is not vacuous)', () => {
    expect(sarifSchemaErrors({ version: '2.1.0', runs: [{ tool: {} }] })).not.toEqual([]);
    expect(sarifSchemaErrors({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).not.toEqual([]);
    expect(codeScanningProblems({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rules: [] } }, results: [] }] })).toContain(
      'runs[0].tool.driver.rules must describe the rules',
    );
  });
});
