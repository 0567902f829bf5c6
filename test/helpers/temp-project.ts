import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './fixtures.js';

/** The tsconfig every fixture uses (see notes on fixtures). */
export const fixtureTsconfig = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022'],
    types: ['node'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['src'],
};

/**
 * Writes a throwaway project into a fresh temp folder: `files` maps relative
 * paths to contents (a `tsconfig.json` is added unless given). Its
 * node_modules links to the repository's, so it imports the real SDKs.
 */
export function tempProject(files: Record<string, string>, options: { linkNodeModules?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'finleak-test-'));
  const all = { 'tsconfig.json': `${JSON.stringify(fixtureTsconfig, null, 2)}\n`, ...files };
  for (const [name, text] of Object.entries(all)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  if (options.linkNodeModules ?? true) symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}
