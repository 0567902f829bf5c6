import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { ts } from '@ts-morph/common';
import finleak from '../src/eslint/index.js';
import { checkFixture, fixturePath, repoRoot } from './helpers/fixtures.js';

const RULE = 'finleak/no-financial-data-in-messages';

/**
 * Fixture projects that import heavy SDK or ORM typings (Twilio, Stripe, Plaid, TypeORM, Bot Framework, telegraf,
 * the sink catalogue's SDKs):
 * typescript-eslint and finleak each need tens of seconds to build their programs. The rule runs the same
 * engine there, and their findings are asserted by their own tests; the comparison below covers every
 * other fixture (syntax errors, flows, configured sanitizers and types, source shapes).
 */
const HEAVY = new Set(['bank-bot', 'bank-sdks', 'field-sources', 'flow-async-events', 'inferred-sources', 'source-kinds', 'sinks-catalogue', 'sinks-http', 'sinks-sdk']);

/** Every other fixture project: each folder of fixtures/ with a tsconfig.json, so fixtures added later are covered too. */
const fixtures = readdirSync(path.join(repoRoot, 'fixtures')).filter((name) => existsSync(fixturePath(name, 'tsconfig.json')) && !HEAVY.has(name));

function projectFiles(dir: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  return parsed?.fileNames ?? [];
}

function eslintFor(dir: string, extra: Linter.Config[] = [], fix = false): ESLint {
  return new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    fix,
    overrideConfig: [
      { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: dir } } },
      finleak.configs.recommended,
      ...extra,
    ],
  });
}

const sinkLines = (results: ESLint.LintResult[], dir: string): string[] =>
  results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map((m) => `${path.relative(dir, r.filePath)}:${m.line}`)).sort();

describe.each(fixtures)('ESLint over fixtures/%s', (name) => {
  const dir = fixturePath(name);

  it('reports the send calls `finleak check` reports, on the same lines', async () => {
    const { result } = await checkFixture(name);
    const cli = [...new Set(result.findings.map((f) => `${path.relative(dir, f.sink.location.file)}:${f.sink.location.line}`))].sort();
    const results = await eslintFor(dir).lintFiles(projectFiles(dir));
    // ESLint cannot lint a file with a syntax error; finleak check reports the same files as unparsable.
    const unparsable = [...new Set(result.diagnostics.filter((d) => d.code === 'syntax-error' && d.location).map((d) => path.relative(dir, d.location!.file)))].sort();
    expect(results.filter((r) => r.messages.some((m) => m.fatal)).map((r) => path.relative(dir, r.filePath)).sort(), 'files ESLint could not parse').toEqual(unparsable);
    // finleak still analyses what TypeScript recovered of such a file; ESLint has no report there.
    expect([...new Set(sinkLines(results, dir))]).toEqual(cli.filter((key) => !unparsable.includes(key.slice(0, key.lastIndexOf(':')))));
  });
});

/** A fixer that inserts a header line into every file: finleak's reports must follow the moved code. */
const headerRule: Rule.RuleModule = {
  meta: { type: 'layout', fixable: 'code', schema: [], messages: { header: 'missing header' } },
  create: (context) => ({
    Program(node): void {
      if (!context.sourceCode.text.startsWith('// header')) {
        context.report({ node, messageId: 'header', fix: (fixer) => fixer.insertTextBeforeRange([0, 0], '// header\n') });
      }
    },
  }),
};

describe('ESLint --fix', () => {
  it('reports on the fixed text, on the lines the send calls moved to', async () => {
    const dir = fixturePath('flow-basics');
    const { result } = await checkFixture('flow-basics');
    const moved = [...new Set(result.findings.map((f) => `${path.relative(dir, f.sink.location.file)}:${f.sink.location.line + 1}`))].sort();
    const eslint = eslintFor(dir, [{ plugins: { test: { rules: { header: headerRule } } }, rules: { 'test/header': 'error' } }], true);
    const results = await eslint.lintFiles(projectFiles(dir));
    expect(results.every((r) => r.output?.startsWith('// header\n'))).toBe(true);
    expect([...new Set(sinkLines(results, dir))]).toEqual(moved);
  });
});
