import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixturePath, repoRoot } from './fixtures.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm run build` first) in `cwd`. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  const main = path.join(repoRoot, 'dist/src/cli/main.js');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [main, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1', GITHUB_WORKSPACE: '', FINLEAK_DATA_CONFIG_ONLY: '', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Copies a fixture project to a fresh temporary folder, to edit it there.
 * Its `node_modules` is a link to the repository's, so the real SDK typings still resolve.
 */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `finleak-${name}-`));
  cpSync(fixturePath(name), dir, { recursive: true });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}
