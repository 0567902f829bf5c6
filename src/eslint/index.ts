import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ESLint, Linter } from 'eslint';
import { RULE_NAME, rule } from './rule.js';

/** This package's manifest, found upwards from this module (the layout differs between src/ and dist/src/). */
function manifest(): { name: string; version: string } {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const found = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (found.name === 'finleak' && found.version) return { name: found.name, version: found.version };
    } catch {
      // no package.json here: keep looking upwards
    }
    if (path.dirname(dir) === dir) return { name: 'finleak', version: '0.0.0' };
  }
}

const { version } = manifest();

/**
 * finleak's ESLint plugin (flat config, ESLint 9 and 10):
 *
 *   import finleak from 'finleak/eslint-plugin';
 *   export default [finleak.configs.recommended];
 */
const plugin = {
  meta: { name: 'finleak/eslint-plugin', version },
  rules: { [RULE_NAME]: rule },
  configs: {} as { recommended: Linter.Config },
} satisfies ESLint.Plugin;

plugin.configs.recommended = {
  name: 'finleak/recommended',
  plugins: { finleak: plugin },
  rules: { [`finleak/${RULE_NAME}`]: 'error' },
};

export default plugin;
export { rule, RULE_NAME };
export type { RuleOptions } from './options.js';
