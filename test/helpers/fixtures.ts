import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, type CheckOutcome } from '../../src/check.js';
import type { Finding } from '../../src/engine/finding.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturePath = (...parts: string[]): string => path.join(repoRoot, 'fixtures', ...parts);

/**
 * Expected findings are written in the fixture beside the sink call, on the
 * line where the call begins: `// finleak-expect: BankAccount` (several kinds
 * separated by commas). Returns "file:line kind" keys, file relative to the fixture.
 */
export function expectedFindings(fixtureDir: string): string[] {
  const keys: string[] = [];
  for (const file of sourceFiles(fixtureDir)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const match = /finleak-expect:\s*([\w$.,` ]+)/.exec(line);
        if (!match) return;
        for (const kind of match[1]!.split(',').map((k) => k.trim()).filter(Boolean)) {
          keys.push(`${path.relative(fixtureDir, file)}:${i + 1} ${kind}`);
        }
      });
  }
  return keys.sort();
}

/** The same key shape for actual findings. */
export function findingKeys(findings: readonly Finding[], fixtureDir: string): string[] {
  return findings.map((f) => `${path.relative(fixtureDir, f.sink.location.file)}:${f.sink.location.line} ${f.source.kind}`).sort();
}

const cache = new Map<string, Promise<CheckOutcome>>();

/** Runs the real engine on a fixture project once per test file run. */
export function checkFixture(name: string): Promise<CheckOutcome> {
  let outcome = cache.get(name);
  if (!outcome) {
    outcome = check({ project: fixturePath(name, 'tsconfig.json') });
    cache.set(name, outcome);
  }
  return outcome;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (entry === 'node_modules') return [];
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.[cm]?[jt]sx?$/.test(entry) && !entry.endsWith('.d.ts') ? [full] : [];
  });
}
