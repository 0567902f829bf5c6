import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { loadConfig, searchPlaces, type LoadedConfig } from '../config/load-config.js';
import { commitOf, git, gitTop } from './git.js';
import { relativePath } from '../relative-path.js';

/**
 * `--policy-from <ref>`: the config as of a git ref (the base branch of a pull
 * request), so that a pull request cannot weaken the policy it is judged by
 * (an `ignore` glob, a sanitizer, an excluded type added in the same change).
 *
 * The config is found at the ref the way it is found in the working tree
 * (the same search places, from the project's folder up to the folder with a
 * package.json, or `--config`'s path), and read in data-only mode: a
 * JavaScript or TypeScript config, or a `$import` (which would read the
 * working tree), is refused. No config at the ref means the built-in policy.
 * Relative `module` paths still resolve against the config's folder in the
 * working tree, where the analysed code is.
 */
export async function loadConfigAtRef(ref: string, rootDir: string, explicitFile?: string): Promise<LoadedConfig> {
  const top = gitTop(rootDir, '--policy-from');
  const commit = commitOf(ref, top, '--policy-from');
  const mirror = mkdtempSync(path.join(os.tmpdir(), 'finleak-policy-'));
  try {
    const toMirror = (file: string): string => path.join(mirror, path.relative(top, file));
    const candidates = explicitFile ? [path.resolve(explicitFile)] : searchedFiles(rootDir, top, commit);
    for (const file of candidates) {
      const text = showAt(commit, top, file);
      if (text === undefined) continue;
      mkdirSync(path.dirname(toMirror(file)), { recursive: true });
      writeFileSync(toMirror(file), text);
    }
    // The search stops at the repository's top, as it would at a package.json.
    if (!candidates.includes(path.join(top, 'package.json'))) writeFileSync(path.join(mirror, 'package.json'), '{}');
    const shown = (mirrored: string): string => `${ref}:${relativePath(mirror, mirrored)}`;
    let loaded: LoadedConfig;
    try {
      if (explicitFile && showAt(commit, top, path.resolve(explicitFile)) === undefined) {
        throw new ConfigError(`no such file at ${ref}; --policy-from reads --config's path as of that ref`, `${ref}:${path.relative(top, path.resolve(explicitFile))}`);
      }
      loaded = await loadConfig(toMirror(rootDir), explicitFile ? toMirror(path.resolve(explicitFile)) : undefined, { dataOnly: true, refuseImports: true });
    } catch (error) {
      if (error instanceof ConfigError && error.file.startsWith(mirror)) throw new ConfigError(error.reason, shown(error.file), error.key);
      throw error;
    }
    if (!loaded.file) return { config: loaded.config };
    return { config: loaded.config, file: shown(loaded.file), baseDir: path.join(top, path.relative(mirror, path.dirname(loaded.file))) };
  } finally {
    rmSync(mirror, { recursive: true, force: true });
  }
}

/** The search places in each folder from the project's folder up to the repository's top, as they exist at `commit`. */
function searchedFiles(rootDir: string, top: string, commit: string): string[] {
  const files: string[] = [];
  for (let dir = rootDir; ; dir = path.dirname(dir)) {
    const relative = path.relative(top, dir);
    const listed = git(['ls-tree', '--name-only', '-z', commit, '--', relative ? `${relative}/` : '.'], top, `cannot list ${relative || 'the top folder'} at ${commit}`);
    const names = new Set(listed.split('\0').filter(Boolean).map((p) => path.basename(p)));
    files.push(...searchPlaces.filter((place) => names.has(place)).map((place) => path.join(dir, place)));
    if (names.has('package.json') || dir === top || path.dirname(dir) === dir) return files;
  }
}

function showAt(commit: string, top: string, file: string): string | undefined {
  const relative = relativePath(top, file);
  if (relative.startsWith('..')) throw new ConfigError('--policy-from reads the config from git: it must be inside the repository', file);
  try {
    return git(['show', `${commit}:${relative}`], top, '');
  } catch {
    return undefined;
  }
}
