import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/**
 * V8's code cache for the compiler finleak bundles (ts-morph's 9 MB
 * `typescript.js`): compiling it takes a tenth of a scan of a small bot, and
 * so does compiling the functions of it a run calls. With a code cache V8
 * reads the compiled code instead.
 *
 * - Node >= 22.1: `module.enableCompileCache()` caches every module this
 *   process loads from then on (Node's own cache folder, or NODE_COMPILE_CACHE).
 * - Older Node (20): `typescript.js` alone is compiled here with the cached
 *   data of an earlier run, and put in `require`'s cache where @ts-morph/common
 *   requires it. After a `check` that found no usable cache, `saveCompileCache`
 *   writes one, taken at the end of the run so that it holds the functions the
 *   run compiled. The cache lives in a folder of the temp directory private
 *   to the user; a cache V8 rejects (another Node, other flags) is rewritten.
 *
 * NODE_DISABLE_COMPILE_CACHE=1 turns both off, as it does in Node.
 */
export function useCompileCache(env: NodeJS.ProcessEnv = process.env): void {
  if (env['NODE_DISABLE_COMPILE_CACHE']) return;
  const enable = (module as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (enable) {
    enable();
    return;
  }
  try {
    loaded = loadWithCodeCache();
  } catch {
    loaded = undefined; // no cache, no harm: @ts-morph/common requires the compiler the ordinary way
  }
}

/** Writes the code cache after a run that could not use one. */
export function saveCompileCache(): void {
  if (!loaded || loaded.reused) return;
  try {
    const data = loaded.script.createCachedData();
    mkdirSync(path.dirname(loaded.cacheFile), { recursive: true, mode: 0o700 });
    const temporary = `${loaded.cacheFile}.${process.pid}`;
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, loaded.cacheFile);
  } catch {
    // a read-only or full temp directory: the next run compiles again
  }
}

interface Loaded {
  script: vm.Script;
  cacheFile: string;
  /** V8 accepted an existing cache. */
  reused: boolean;
}

let loaded: Loaded | undefined;

function loadWithCodeCache(): Loaded | undefined {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@ts-morph/common/dist/typescript.js');
  if (require.cache[file]) return undefined;
  const source = readFileSync(file, 'utf8');
  const stat = statSync(file);
  const key = createHash('sha256').update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
  const folder = path.join(os.tmpdir(), `finleak-compile-cache-${process.getuid?.() ?? 'user'}`);
  const cacheFile = path.join(folder, `typescript-${key}.bin`);
  const cachedData = ownCache(folder, cacheFile);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
  });
  const compiled = new module.Module(file);
  compiled.filename = file;
  (script.runInThisContext() as (...args: unknown[]) => void).call(compiled.exports, compiled.exports, createRequire(file), compiled, file, path.dirname(file));
  compiled.loaded = true;
  require.cache[file] = compiled;
  return { script, cacheFile, reused: cachedData !== undefined && !script.cachedDataRejected };
}

/** The cache file, if it is there and only this user could have written it (folder and file owned by the user, closed to others). */
function ownCache(folder: string, cacheFile: string): Buffer | undefined {
  const uid = process.getuid?.();
  for (const entry of [folder, cacheFile]) {
    const stat = statSync(entry, { throwIfNoEntry: false });
    if (!stat) return undefined;
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined;
  }
  return readFileSync(cacheFile);
}
