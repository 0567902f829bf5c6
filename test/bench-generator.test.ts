import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBotProject } from '../bench/generate.mjs';
import { check } from '../src/check.js';
import { findingKeys, repoRoot } from './helpers/fixtures.js';

// The benchmark's generated project, at a tiny size and with one SDK: the
// engine must report exactly the leaks the generator marked (no timing here;
// speed is `npm run bench`).
const dir = path.join(repoRoot, 'bench/.generated', `test-${process.pid}`);

describe('the benchmark project generator', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a bot whose marked leaks are exactly what finleak reports', async () => {
    const project = generateBotProject(dir, { lines: 2500, sdks: ['messenger'] });
    expect(project.sendSites).toBeGreaterThan(5);
    expect(project.expected.length).toBeGreaterThan(0);
    const { result } = await check({ project: path.join(dir, 'tsconfig.json') });
    expect(result.diagnostics).toEqual([]);
    expect(findingKeys(result.findings, dir)).toEqual(project.expected);
  });
});
