import path from 'node:path';
import { cosmiconfig, defaultLoaders } from 'cosmiconfig';
import type { UserConfig } from '../policy/types.js';
import { ConfigError } from './config-error.js';
import { validateConfig } from './validate-config.js';

export interface LoadedConfig {
  config: UserConfig;
  /** The file it came from; undefined when none was found (built-in policy only). */
  file?: string;
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
}

function explorer(options: LoadConfigOptions) {
  const refuse = (filepath: string): never => {
    throw new ConfigError(
      `refusing to load a ${path.extname(filepath)} config in data-only mode (--config-data-only or FINLEAK_DATA_CONFIG_ONLY=1): loading it would execute code from the analysed repository. Use finleak.config.json or .finleakrc.yaml, or run without data-only mode on trusted code`,
      filepath,
    );
  };
  const loaders = { ...defaultLoaders };
  if (options.dataOnly) for (const ext of codeConfigExtensions) loaders[ext] = refuse;
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
    if (error instanceof ConfigError) throw error;
    const err = error as NodeJS.ErrnoException & { filepath?: string };
    if (err.code === 'ENOENT') throw new ConfigError('config file not found; check the path given to --config', where);
    const file = err.filepath ?? where;
    throw new ConfigError(`cannot read config: ${err.message.split('\n')[0]}`, file);
  }
  if (!result) return { config: {} };
  if (result.isEmpty) return { config: {}, file: result.filepath };
  return { config: validateConfig(result.config, result.filepath), file: result.filepath };
}
