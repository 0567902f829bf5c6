import path from 'node:path';
import { buildPolicy } from './config/build-policy.js';
import { checkConfigAgainstProgram } from './config/check-against-program.js';
import { loadConfig } from './config/load-config.js';
import type { Diagnostic } from './engine/finding.js';
import { loadProject } from './engine/project.js';
import { inventorySources, type SourceInventory, type SourceTypeEntry } from './engine/source-inventory.js';
import { relativePath } from './relative-path.js';

export interface SourcesOptions {
  project: string;
  config?: string;
}

export interface SourcesOutcome {
  inventory: SourceInventory;
  /** Config entries that refer to nothing in the program (`sources.types`, `sources.fields`), as `finleak check` warns. */
  warnings: Diagnostic[];
  rootDir: string;
  tsconfig: string;
  configFile?: string;
}

/** Config -> policy -> program -> the project's financial types: the whole `finleak sources`, without output. */
export async function listSources(options: SourcesOptions): Promise<SourcesOutcome> {
  const resolved = path.resolve(options.project);
  const tsconfig = resolved.endsWith('.json') ? resolved : path.join(resolved, 'tsconfig.json');
  const rootDir = path.dirname(tsconfig);
  const { config, file: configFile } = await loadConfig(rootDir, options.config);
  const policy = buildPolicy(config, configFile ? path.dirname(configFile) : rootDir);
  const { program } = loadProject(tsconfig);
  const warnings = configFile ? checkConfigAgainstProgram(config, configFile, program, path.dirname(configFile)) : [];
  return { inventory: inventorySources(program, policy, rootDir), warnings, rootDir, tsconfig, ...(configFile ? { configFile } : {}) };
}

/** Plain-text listing: one block per type, with its financial fields and the evidence. */
export function formatSources(outcome: SourcesOutcome): string {
  const { financial, lookAlikes, stats } = outcome.inventory;
  const relative = (file: string): string => relativePath(outcome.rootDir, file);
  const line = (e: SourceTypeEntry): string =>
    `  ${e.name}${e.kind && e.kind !== e.name ? ` (source ${e.kind})` : ''}  ${e.module ?? `${relative(e.location.file)}:${e.location.line}`}\n      ${e.reason}\n`;
  let text = `${financial.length} financial type${financial.length === 1 ? '' : 's'} in ${relative(outcome.tsconfig) || outcome.tsconfig} (${stats.declarations} declarations in ${stats.files} files looked at):\n\n`;
  text += financial.map(line).join('');
  if (lookAlikes.length > 0) {
    text += `\n${lookAlikes.length} look-alike${lookAlikes.length === 1 ? '' : 's'}: a financial-looking name or field, but no financial field on a money or account shape; not sources:\n\n`;
    text += lookAlikes.map(line).join('');
  }
  for (const warning of outcome.warnings) text += `\nwarning: ${warning.message}\n`;
  text += '\nTune with `sources.fields`, `sources.names`, `sources.exclude` and `sources.types` in the finleak config.\n';
  return text;
}
