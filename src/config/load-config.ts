import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cosmiconfig, cosmiconfigSync, defaultLoaders, defaultLoadersSync, type Loaders } from 'cosmiconfig';
import type { UserConfig } from '../policy/types.js';
import { ConfigError } from './config-error.js';
import { validateConfig } from './validate-config.js';

export interface LoadedConfig {
  config: UserConfig;
  /** The file it came from; undefined when none was found (built-in policy only). */
  file?: string;
  /** Folder relative `module` paths resolve against, when it is not the file's (--policy-from). */
  baseDir?: string;
}

const MODULE = 'finleak';

/** Where finleak looks, in order, in each folder from the start folder up to the project root. */
export const searchPlaces = [
  'package.json',
  `.${MODULE}rc`,
  `.${MODULE}rc.json`,
  `.${MODULE}rc.yaml`,
  `.${MODULE}rc.yml`,
  `.${MODULE}rc.js`,
  `.${MODULE}rc.ts`,
  `.${MODULE}rc.mjs`,
  `.${MODULE}rc.cjs`,
  `${MODULE}.config.json`,
  `${MODULE}.config.js`,
  `${MODULE}.config.ts`,
  `${MODULE}.config.mjs`,
  `${MODULE}.config.cjs`,
];

/** Config file extensions whose loading executes code (cosmiconfig imports or transpiles and runs them). */
export const codeConfigExtensions = ['.js', '.ts', '.mjs', '.cjs'] as const;

export interface LoadConfigOptions {
  /**
   * Accept only data configs (JSON, YAML, package.json#finleak): a JavaScript or
   * TypeScript config is refused instead of executed. For pull requests whose
   * code is not trusted (forks): loading their finleak.config.js would run it.
   */
  dataOnly?: boolean;
  /** Refuse a config that pulls in another file with `$import` (--policy-from: it would read the working tree). */
  refuseImports?: boolean;
}

function explorer(options: LoadConfigOptions) {
  const refuse = (filepath: string): never => {
    throw new ConfigError(
      `refusing to load a ${path.extname(filepath)} config in data-only mode (--config-data-only or FINLEAK_DATA_CONFIG_ONLY=1): loading it would execute code from the analysed repository. Use finleak.config.json or .finleakrc.yaml, or run without data-only mode on trusted code`,
      filepath,
    );
  };
  const loaders: Loaders = { ...defaultLoaders };
  if (options.dataOnly) for (const ext of codeConfigExtensions) loaders[ext] = refuse;
  if (options.refuseImports) {
    for (const [ext, loader] of Object.entries(loaders)) {
      loaders[ext] = async (filepath: string, content: string) => {
        const value: unknown = await loader(filepath, content);
        if (value && typeof value === 'object' && '$import' in value) {
          throw new ConfigError('`$import` is not supported with --policy-from: the imported file would be read from the working tree, not from the ref; inline it', filepath, '$import');
        }
        return value;
      };
    }
  }
  return cosmiconfig(MODULE, {
    searchPlaces,
    searchStrategy: 'project',
    loaders,
  });
}

/**
 * Finds and validates the config: `explicitFile` if given (--config), else
 * the first of `searchPlaces` from `startDir` up to the folder with the
 * project's package.json. With `dataOnly`, JavaScript and TypeScript configs are refused.
 */
export async function loadConfig(startDir: string, explicitFile?: string, options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const finder = explorer(options);
  let result;
  const where = explicitFile ? path.resolve(explicitFile) : startDir;
  try {
    result = explicitFile ? await finder.load(where) : await finder.search(startDir);
  } catch (error) {
    throw readError(error, where);
  }
  return validated(result);
}

/**
 * The same search, synchronously (ESLint rules cannot wait). Config files in
 * ES module syntax (`.mjs`, ESM `.js`) cannot be loaded this way: use JSON,
 * YAML, CommonJS or TypeScript for a config the ESLint plugin reads.
 */
export function loadConfigSync(startDir: string, explicitFile?: string): LoadedConfig {
  const finder = cosmiconfigSync(MODULE, { searchPlaces: searchPlaces.filter((place) => !place.endsWith('.mjs')), searchStrategy: 'project', loaders: { ...defaultLoadersSync }, cache: false });
  const where = explicitFile ? path.resolve(explicitFile) : startDir;
  let result;
  try {
    result = explicitFile ? finder.load(where) : finder.search(startDir);
  } catch (error) {
    throw readError(error, where);
  }
  return validated(result);
}

function readError(error: unknown, where: string): ConfigError {
  if (error instanceof ConfigError) return error;
  const err = error as NodeJS.ErrnoException & { filepath?: string };
  if (err.code === 'ENOENT') return new ConfigError('config file not found; check the path given to --config', where);
  const file = err.filepath ?? where;
  if (err.name === 'JSONError') return new ConfigError(jsonErrorReason(err.message, file), file);
  return new ConfigError(`cannot read config: ${err.message.split('\n')[0]}`, file);
}

/**
 * `not valid JSON: line 3, column 31: expected double-quoted property name`,
 * from the parser's message (cosmiconfig's JSONError carries it after a code
 * frame: "Expected ... in JSON at position 50 while parsing ...").
 */
function jsonErrorReason(message: string, file: string): string {
  const detail = /([^\n]*?)(?: in JSON)? at position (\d+)/.exec(message);
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // The position alone still helps.
  }
  const offset = detail ? Number(detail[2]) : text.length;
  const before = text.slice(0, offset).split('\n');
  const where = text ? `line ${before.length}, column ${before.at(-1)!.length + 1}: ` : `position ${offset}: `;
  const what = detail ? detail[1]!.trim() : /Unexpected end of JSON input/.test(message) ? 'unexpected end of the file (a closing `}` or `]` is missing)' : message.split('\n').find((l) => l.trim() && !l.startsWith('JSON Error'))?.trim() ?? 'invalid JSON';
  return `not valid JSON: ${where}${what.charAt(0).toLowerCase()}${what.slice(1)}`;
}

function validated(result: { config: unknown; filepath: string; isEmpty?: boolean } | null): LoadedConfig {
  if (!result) return { config: {} };
  if (result.isEmpty) return { config: {}, file: result.filepath };
  return { config: validateConfig(result.config, result.filepath), file: result.filepath };
}
