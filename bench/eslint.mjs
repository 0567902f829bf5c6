// `npm run bench:eslint`: what the ESLint plugin costs, in an ESLint process
// as an editor or `npx eslint` runs it (typescript-eslint parser with
// projectService), on fixtures/bank-bot and on a generated bot project
// (default 20k lines, bench/generate.mjs):
//
//   - lint of every project file without finleak's rule, then with it, each
//     in a fresh process: the rule's cost on a cold run;
//   - in each of those processes: one file edited and linted again, three
//     times (ESLint's lintText, as an editor does; median), against the first lint.
//
//   node bench/eslint.mjs [--lines 20000] [--only generated|bank-bot]
//
// Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateBotProject } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '20000' },
    only: { type: 'string' },
    child: { type: 'string' },
    dir: { type: 'string' },
  },
});

if (values.child) {
  await child(values.child, values.dir);
} else {
  const projects = [];
  if (!values.only || values.only === 'bank-bot') projects.push({ name: 'bank-bot', dir: path.join(root, 'fixtures/bank-bot') });
  if (!values.only || values.only === 'generated') {
    const dir = path.join(root, 'bench/.generated', `bot-${values.lines}`);
    const generated = generateBotProject(dir, { lines: Number(values.lines) });
    console.log(`generated ${path.relative(root, dir)}: ${generated.files} files, ${generated.lines} lines, ${generated.sendSites} send sites`);
    projects.push({ name: 'generated', dir });
  }
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const ms = (value) => `${(value / 1000).toFixed(2)} s`;
  for (const project of projects) {
    const without = run('without', project.dir);
    const withRule = run('with', project.dir);
    console.log(`\n${project.name} (${project.dir === root ? '' : path.relative(root, project.dir)}, ${withRule.files} files linted)`);
    console.log(`  eslint without finleak's rule   ${s(without.firstMs).padStart(8)}   (process wall ${s(without.wallMs)})`);
    console.log(`  eslint with the rule            ${s(withRule.firstMs).padStart(8)}   (process wall ${s(withRule.wallMs)}, ${withRule.reports} reports)`);
    console.log(`  rule's share of the cold lint   ${(withRule.firstMs / without.firstMs).toFixed(2).padStart(7)}x`);
    console.log(`  warm re-lint of ${withRule.edited} after an edit, in the same process (median of 3 edits):`);
    console.log(`    without the rule             ${ms(without.relintMs).padStart(8)}`);
    console.log(`    with the rule                ${ms(withRule.relintMs).padStart(8)}   (${((withRule.relintMs / withRule.firstMs) * 100).toFixed(1)}% of the first lint with the rule; ${withRule.relintReports} reports)`);
    console.log(`    cache: ${JSON.stringify(withRule.cache)}`);
  }
  console.log(`\nLoad average now: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`);
}

function run(mode, dir) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, '--dir', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (result.status !== 0) {
    console.error(`eslint ${mode} the rule failed on ${dir}:\n${result.stderr}`);
    process.exit(2);
  }
  return { ...JSON.parse(result.stdout.trim().split('\n').at(-1)), wallMs };
}

/** One ESLint process: lint the project, then (with the rule) edit one file and lint it again. */
async function child(mode, dir) {
  const { ESLint } = await import('eslint');
  const tseslint = (await import('typescript-eslint')).default;
  const finleak = (await import(path.join(root, 'dist/src/eslint/index.js'))).default;
  const { cacheStats } = await import(path.join(root, 'dist/src/eslint/analysis.js'));
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: dir } } },
      ...(mode === 'with' ? [finleak.configs.recommended] : []),
    ],
  });
  const files = projectFiles(path.join(dir, 'src'));
  const reportsOf = (results) => results.reduce((n, r) => n + r.messages.filter((m) => m.ruleId?.startsWith('finleak/')).length, 0);
  let started = performance.now();
  const results = await eslint.lintFiles(files);
  const firstMs = performance.now() - started;
  const out = { files: files.length, firstMs, reports: reportsOf(results) };
  {
    // The file with the most send calls: an edit near a send is the worst case for the cache.
    const edited = files.map((f) => ({ f, n: (readFileSync(f, 'utf8').match(/\.send\w*\(|postMessage\(/g) ?? []).length })).sort((a, b) => b.n - a.n)[0].f;
    // Three edits one after the other (each a new text, as typing gives); the median is reported.
    const times = [];
    let relint;
    for (let edit = 1; edit <= 3; edit++) {
      const text = `${readFileSync(edited, 'utf8')}\nexport const editedInBenchmark = ${edit};\n`;
      started = performance.now();
      relint = await eslint.lintText(text, { filePath: edited });
      times.push(performance.now() - started);
    }
    const relintMs = times.sort((a, b) => a - b)[1];
    Object.assign(out, { edited: path.relative(dir, edited), relintMs, relintReports: reportsOf(relint), ...(mode === 'with' ? { cache: Object.values(cacheStats())[0] } : {}) });
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function projectFiles(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return projectFiles(full);
    return entry.endsWith('.ts') && !entry.endsWith('.d.ts') ? [full] : [];
  });
}
