import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFixture, expectedFindings, findingKeys, fixturePath, repoRoot } from './helpers/fixtures.js';
import { tempProject } from './helpers/temp-project.js';

const dir = fixturePath('bad-input');

describe('bad input: broken files are reported, the rest is still analysed', () => {
  it('reports a syntax error and an unresolved import with file:line, and still finds the leaks', async () => {
    const { result } = await checkFixture('bad-input');
    const diagnostics = result.diagnostics.map((d) => `${d.severity} ${d.code} ${path.relative(dir, d.location!.file)}:${d.location!.line}`);
    expect(diagnostics).toEqual(['warning syntax-error src/broken.ts:8', 'warning unresolved-import src/unresolved.ts:3']);
    expect(result.diagnostics[0]!.message).toMatch(/Expression expected.*the rest of the file is still analysed/);
    expect(result.diagnostics[1]!.message).toMatch(/^cannot resolve module '\.\/no-such-module\.js'/);
    expect(findingKeys(result.findings, dir)).toEqual(expectedFindings(dir));
  });

  it('survives generated code: a huge concatenation, and nesting too deep to parse, with a clear message and exit 2', async () => {
    const terms = Array.from({ length: 3000 }, (_, i) => `"part ${i} "`).join(' + ');
    const nested = Array.from({ length: 2000 }).reduce<string>((inner) => `("x" + ${inner})`, 'account.iban');
    const header = `import { MessengerClient } from 'messaging-api-messenger';\nimport type { BankAccount } from './model.js';\nconst client = new MessengerClient({ accessToken: 't' });\n`;
    const project = tempProject({
      'src/model.ts': 'export interface BankAccount { iban: string; balance: number }\n',
      'src/huge.ts': `${header}export async function huge(psid: string, account: BankAccount) {\n  await client.sendText(psid, ${terms} + account.iban);\n}\n`,
      'src/deep.ts': `${header}export async function deep(psid: string, account: BankAccount) {\n  await client.sendText(psid, ${nested});\n}\n`,
      'src/fine.ts': `${header}export async function fine(psid: string, account: BankAccount) {\n  await client.sendText(psid, account.iban);\n}\n`,
    });
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [path.join(repoRoot, 'dist/src/cli/main.js'), 'check', '--format', 'json'], { cwd: project, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      ),
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.code).toBe(2); // the analysis is incomplete: one file could not be parsed
    expect(run.stderr).toBe('finleak: the analysis is incomplete (see the errors in the report)\n');
    const report = JSON.parse(run.stdout);
    const diagnostics = report.diagnostics.map((d: { severity: string; code: string; location: { file: string; line: number } }) => `${d.severity} ${d.code} ${d.location.file}:${d.location.line}`);
    expect(diagnostics).toContain('error unparsable-file src/deep.ts:1');
    // Every other send call is still analysed: the plain one, and the 3,000-term concatenation.
    const findings = report.findings.map((f: { sink: { location: { file: string; line: number } } }) => `${f.sink.location.file}:${f.sink.location.line}`);
    expect(findings).toContain('src/fine.ts:5');
    expect(findings.includes('src/huge.ts:5') || diagnostics.includes('error depth-limit src/huge.ts:5')).toBe(true);
  });
});
