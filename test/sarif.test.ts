import { describe, expect, it } from 'vitest';
import { formatSarif } from '../src/report/sarif.js';
import { codeScanningProblems, sarifSchemaErrors } from './helpers/sarif.js';

const context = (rootDir: string) => ({ rootDir, toolVersion: '0.1.0', color: false });

// The example bot's SARIF is checked in bank-bot.test.ts, on the program that file loads anyway.
describe('SARIF', () => {
  it('is valid without findings and reports analysis errors as tool notifications', () => {
    const empty = JSON.parse(formatSarif({ findings: [], diagnostics: [], stats: { files: 0, sendCalls: 0, sendFiles: 0, findings: 0, milliseconds: 0, phases: { startup: 0, load: 0, bind: 0, sinks: 0, flow: 0, report: 0 } } }, context('/tmp/none')));
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
          stats: { files: 1, sendCalls: 1, sendFiles: 1, findings: 0, milliseconds: 0, phases: { startup: 0, load: 0, bind: 0, sinks: 0, flow: 0, report: 0 } },
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
