// `npm run bench`: times finleak's full scan against `tsc --noEmit` on the
// same projects, in the same run: a generated bot project of ~50k lines
// (bench/generate.mjs) and fixtures/bank-bot. Reports wall time, CPU time and
// peak memory of each process, and the finleak/tsc ratio (target: <= 0.75).
//
//   node bench/run.mjs [--lines 50000] [--runs 1] [--only generated|bank-bot]
//                      [--finleak dist/src/cli/main.js]
//
// With several runs the two tools alternate and the median is reported. The
// generated project goes to bench/.generated/ (git-ignored) so it resolves the
// SDKs from the root node_modules. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateBotProject } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '1' },
    only: { type: 'string' },
    finleak: { type: 'string', default: path.join(root, 'dist/src/cli/main.js') },
  },
});
const runs = Math.max(1, Number(values.runs));
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const finleak = path.resolve(values.finleak);
const rusage = path.join(root, 'bench/rusage.cjs');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'finleak-bench-'));

const projects = [];
if (!values.only || values.only === 'generated') {
  const dir = path.join(root, 'bench/.generated', `bot-${values.lines}`);
  const generated = generateBotProject(dir, { lines: Number(values.lines) });
  console.log(`generated ${path.relative(root, dir)}: ${generated.files} files, ${generated.lines} lines of TypeScript, ${generated.sendSites} send sites, ${generated.expected.length} expected findings`);
  projects.push({ name: 'generated', dir, lines: generated.lines, expected: generated.expected.length });
}
if (!values.only || values.only === 'bank-bot') {
  const dir = path.join(root, 'fixtures/bank-bot');
  const { lines, expected } = countSources(dir);
  projects.push({ name: 'bank-bot', dir, lines, expected });
}

const rows = [];
for (const project of projects) {
  const tscRuns = [];
  const finleakRuns = [];
  let findings;
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['tsc', 'finleak'] : ['finleak', 'tsc'];
    for (const tool of order) {
      if (tool === 'tsc') {
        const run = timed(project.dir, [tsc, '--noEmit', '-p', 'tsconfig.json']);
        if (run.status !== 0) fail(`tsc --noEmit failed on ${project.dir}:\n${run.stdout}${run.stderr}`);
        tscRuns.push(run);
      } else {
        const run = timed(project.dir, [finleak, 'check', '--project', 'tsconfig.json', '--format', 'json']);
        if (run.status !== 0 && run.status !== 1) fail(`finleak failed (exit ${run.status}) on ${project.dir}:\n${run.stderr}`);
        const report = JSON.parse(run.stdout);
        findings = report.findings.filter((f) => !f.suppressed).length; // a finding suppressed in the code carries no finleak-expect marker
        if (report.diagnostics.length) console.log(`  finleak diagnostics on ${project.name}: ${report.diagnostics.map((d) => d.code).join(', ')}`);
        finleakRuns.push(run);
      }
    }
  }
  rows.push({ project, tsc: median(tscRuns), finleak: median(finleakRuns), findings });
}
rmSync(scratch, { recursive: true, force: true });

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const mb = (kb) => `${Math.round(kb / 1024)} MB`;
console.log('');
console.log(`project     lines   tool      wall      cpu       peak RSS   findings`);
let mismatch = false;
for (const { project, tsc: t, finleak: f, findings } of rows) {
  const ok = findings === project.expected;
  mismatch ||= !ok;
  console.log(`${project.name.padEnd(10)} ${String(project.lines).padStart(6)}   tsc       ${s(t.wallMs).padStart(7)}  ${s(t.cpuMs).padStart(7)}  ${mb(t.maxRssKb).padStart(8)}`);
  console.log(`${''.padEnd(10)} ${''.padStart(6)}   finleak   ${s(f.wallMs).padStart(7)}  ${s(f.cpuMs).padStart(7)}  ${mb(f.maxRssKb).padStart(8)}   ${findings}${ok ? '' : ` (expected ${project.expected})`}`);
  console.log(`${''.padEnd(10)} ${''.padStart(6)}   ratio     ${(f.wallMs / t.wallMs).toFixed(2).padStart(6)}x  ${(f.cpuMs / t.cpuMs).toFixed(2).padStart(6)}x  ${(f.maxRssKb / t.maxRssKb).toFixed(2).padStart(7)}x`);
}
console.log(`\nfinleak / tsc --noEmit; target: wall ratio <= 0.75. Runs per tool: ${runs}${runs > 1 ? ' (median)' : ''}. Load average now: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`);
if (mismatch) {
  console.error('finleak did not report the expected number of findings');
  process.exitCode = 1;
}

/** Runs `node <args>` in `cwd`, measuring wall time here and CPU time and peak RSS inside the child. */
function timed(cwd, args) {
  const file = path.join(scratch, `rusage-${Math.random().toString(36).slice(2)}.json`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ['-r', rusage, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, BENCH_RUSAGE_FILE: file, NO_COLOR: '1' },
  });
  const wallMs = performance.now() - started;
  const usage = JSON.parse(readFileSync(file, 'utf8'));
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, wallMs, cpuMs: usage.userMs + usage.systemMs, maxRssKb: usage.maxRssKb };
}

function median(list) {
  const pick = (key) => [...list].map((r) => r[key]).sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return { wallMs: pick('wallMs'), cpuMs: pick('cpuMs'), maxRssKb: pick('maxRssKb') };
}

function countSources(dir) {
  let lines = 0;
  let expected = 0;
  const walk = (d) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (entry === 'node_modules') continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.[cm]?tsx?$/.test(entry) && !entry.endsWith('.d.ts')) {
        const text = readFileSync(full, 'utf8');
        lines += text.split('\n').length - 1;
        for (const match of text.matchAll(/finleak-expect:\s*([\w$, ]+)/g)) expected += match[1].split(',').filter((k) => k.trim()).length;
      }
    }
  };
  walk(dir);
  return { lines, expected };
}

function fail(message) {
  console.error(message);
  process.exit(2);
}
