import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import type { Finding } from '../src/engine/finding.js';
import { checkFixture, expectedFindings, findingKeys, fixturePath } from './helpers/fixtures.js';

const fixture = 'open-world';
const dir = fixturePath(fixture);

/** "file:line label" for every step of the finding whose sink call begins on `file:line`. */
function stepsOf(findings: readonly Finding[], file: string, line: number): string[] {
  const finding = findings.find((f) => path.relative(dir, f.sink.location.file) === file && f.sink.location.line === line);
  expect(finding, `a finding at ${file}:${line}`).toBeDefined();
  return finding!.trace.map((s) => `${path.relative(dir, s.location.file)}:${s.location.line} ${s.label}`);
}

async function traceAt(file: string, line: number): Promise<string[]> {
  return stepsOf((await checkFixture(fixture)).result.findings, file, line);
}

describe('open world: library calls carry data unless a model says otherwise', () => {
  it('reports exactly the leaks marked in fixtures/open-world, and none of its close safe cases', async () => {
    const { result } = await checkFixture(fixture);
    expect(result.diagnostics).toEqual([]);
    expect(findingKeys(result.findings, dir)).toEqual(expectedFindings(dir));
  });

  it.each([
    ['i18n: i18next t', 'src/i18n.ts', 13, 'src/i18n.ts:13 passed through `i18n.t()`'],
    ['i18n: the function getFixedT returns', 'src/i18n.ts', 16, 'src/i18n.ts:16 passed through `TFunctionNonStrict()`'],
    ['i18n: grammY ctx.t', 'src/i18n.ts', 21, 'src/i18n.ts:21 passed through `I18nFlavor.t()`'],
    ['i18n: FormatJS', 'src/i18n.ts', 29, 'src/i18n.ts:28 passed through `IntlMessageFormat.format()`'],
    ['i18n: Intl.NumberFormat', 'src/i18n.ts', 31, 'src/i18n.ts:30 passed through `NumberFormat.format()`'],
    ['tables: table', 'src/tables.ts', 12, 'src/tables.ts:12 passed through `table()`'],
    ['tables: markdown-table', 'src/tables.ts', 19, 'src/tables.ts:19 passed through `markdownTable()`'],
    ['formatters: sprintf-js', 'src/tables.ts', 25, 'src/tables.ts:25 passed through `sprintf()`'],
    ['formatters: util.format', 'src/tables.ts', 27, 'src/tables.ts:27 passed through `format()`'],
    ['escapers: @telegraf/entity', 'src/escapers.ts', 10, 'src/escapers.ts:10 passed through `HTML()`'],
    ['escapers: escape-html', 'src/escapers.ts', 12, 'src/escapers.ts:12 passed through `escapeHTML()`'],
    ['escapers: he', 'src/escapers.ts', 13, 'src/escapers.ts:13 passed through `encode()`'],
    ['escapers: lodash', 'src/escapers.ts', 14, 'src/escapers.ts:14 passed through `LoDashStatic.escape()`'],
    ['validation: zod parse', 'src/validation.ts', 10, 'src/validation.ts:10 passed through `ZodType.parse()`'],
    ['validation: zod safeParse', 'src/validation.ts', 11, 'src/validation.ts:11 passed through `ZodType.safeParse()`'],
    ['validation: valibot parse', 'src/validation.ts', 13, 'src/validation.ts:13 passed through `parse()`'],
    ['templates: Handlebars compile-then-call', 'src/templates.ts', 12, 'src/templates.ts:12 passed through `TemplateDelegate()`'],
    ['templates: Mustache', 'src/templates.ts', 14, 'src/templates.ts:14 passed through `render()`'],
    ['templates: EJS', 'src/templates.ts', 16, 'src/templates.ts:16 passed through `render()`'],
    ['stores: lru-cache set then get', 'src/stores.ts', 16, 'src/stores.ts:11 stored by `cache.set()`'],
    ['stores: ioredis set then get', 'src/stores.ts', 18, 'src/stores.ts:12 stored by `redis.set()`'],
    ['queues: BullMQ add to the worker', 'src/queues.ts', 13, 'src/queues.ts:9 queued by `statements.add()` (BullMQ), received as `job.data`'],
    ['buffers: grammY InputFile', 'src/buffers.ts', 9, 'src/buffers.ts:9 passed through `InputFile()`'],
    ['buffers: Telegraf { source: Buffer }', 'src/buffers.ts', 16, 'src/buffers.ts:16 passed through `BufferConstructor.from()`'],
    ['LLM: streamed chunks', 'src/llm.ts', 25, 'src/llm.ts:22 answered by the LLM call `Completions.create()` (openai): the answer carries its prompt'],
    ['LLM: OpenAI chat completions', 'src/llm.ts', 13, 'src/llm.ts:9 answered by the LLM call `Completions.create()` (openai): the answer carries its prompt'],
    ['LLM: OpenAI responses', 'src/llm.ts', 15, 'src/llm.ts:14 answered by the LLM call `Responses.create()` (openai): the answer carries its prompt'],
  ])('%s: the trace names the library call', async (_family, file, line, step) => {
    expect(await traceAt(file, line)).toContain(step);
  });

  it('labels a step through an unmodelled package as assumed, and lists the call', async () => {
    const { result } = await checkFixture(fixture);
    expect(await traceAt('src/unmodelled.ts', 10)).toContain('src/unmodelled.ts:10 passed through `summarise()` (statement-kit, no model: assumed to carry its arguments)');
    expect(await traceAt('src/unmodelled.ts', 11)).toContain('src/unmodelled.ts:11 passed through `StatementBuilder.add()` (statement-kit, no model: assumed to carry its arguments)');
    expect(await traceAt('src/unmodelled.ts', 14)).toContain('src/unmodelled.ts:13 passed to the callback of `each()` (statement-kit, no model: assumed to get its arguments)');
    expect(await traceAt('src/unmodelled.ts', 24)).toContain('src/unmodelled.ts:24 passed through `ctx.i18n.t()` (untyped, no model: assumed to carry its arguments)');
    const assumed = result.findings.find((f) => path.relative(dir, f.sink.location.file) === 'src/unmodelled.ts' && f.sink.location.line === 10)!;
    expect(assumed.via).toEqual(['assumed']);
    expect(assumed.trace.filter((s) => s.via === 'assumed').map((s) => s.code)).toEqual(['summarise({ balance: accounts[0]!.balance })']);
    expect(result.stats.unmodelledCalls).toEqual([
      { package: 'untyped', callee: 'ctx.i18n.t', calls: 2, carried: 1, locations: ['src/unmodelled.ts:24:51', 'src/unmodelled.ts:25:51'] },
      { package: 'statement-kit', callee: 'each', calls: 1, carried: 1, locations: ['src/unmodelled.ts:13:3'] },
      { package: 'statement-kit', callee: 'formatStatement', calls: 1, carried: 1, locations: ['src/unmodelled.ts:8:37'] },
      { package: 'statement-kit', callee: 'StatementBuilder.add', calls: 1, carried: 1, locations: ['src/unmodelled.ts:11:70'] },
      { package: 'statement-kit', callee: 'StatementBuilder.render', calls: 1, carried: 1, locations: ['src/unmodelled.ts:11:104'] },
      { package: 'statement-kit', callee: 'summarise', calls: 1, carried: 1, locations: ['src/unmodelled.ts:10:37'] },
      // A receiver that is no name keeps its parentheses, so the callee reads as code.
      { package: 'untyped', callee: '(ctx.session ?? ctx).format', calls: 1, carried: 1, locations: ['src/unmodelled.ts:26:63'] },
    ]);
  });

  it('marks findings through an LLM', async () => {
    const { result } = await checkFixture(fixture);
    const llm = result.findings.filter((f) => f.via?.includes('llm')).map((f) => `${path.relative(dir, f.sink.location.file)}:${f.sink.location.line}`);
    expect(llm).toEqual(['src/llm.ts:13', 'src/llm.ts:15', 'src/llm.ts:25']);
  });

  it('takes propagators from the config (exact and clean models) and turns LLM flows off', async () => {
    const { result } = await check({ project: path.join(dir, 'tsconfig.json'), config: path.join(dir, 'models.finleak.json') });
    const keys = findingKeys(result.findings, dir);
    // summarise is clean now; `each` is clean, but its callback's parameter is typed BankAccount, so it is still a source.
    const expected = expectedFindings(dir).filter((k) => !/^src\/llm\.ts:|^src\/unmodelled\.ts:10 /.test(k));
    expect(keys).toEqual(expected);
    expect(stepsOf(result.findings, 'src/unmodelled.ts', 8)).toContain('src/unmodelled.ts:8 passed through `formatStatement()`');
    expect(result.stats.unmodelledCalls?.map((u) => u.callee)).toEqual(['ctx.i18n.t', 'StatementBuilder.add', 'StatementBuilder.render', '(ctx.session ?? ctx).format']);
  });
});
