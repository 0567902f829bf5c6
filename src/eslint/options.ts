import type { JSONSchema4 } from 'json-schema';
import { configSchema } from '../config/schema.js';
import type { UserConfig } from '../policy/types.js';

/** Options of `finleak/no-financial-data-in-messages`. Policy keys override the same keys of the finleak config file. */
export interface RuleOptions extends UserConfig {
  config?: string;
  project?: string;
  reportAtSource?: boolean;
}

/** The keys of the finleak config a rule option may override, described by the config's own schema. */
export const POLICY_KEYS = ['sources', 'sinks', 'endpoints', 'sanitizers', 'ignore'] as const;

export const ruleOptionsSchema: JSONSchema4[] = [
  {
    type: 'object',
    additionalProperties: false,
    properties: {
      config: {
        type: 'string',
        minLength: 1,
        description: 'finleak config file to use. Default: searched from the tsconfig folder, as `finleak check` does.',
      },
      project: {
        type: 'string',
        minLength: 1,
        description:
          'tsconfig.json to analyse when the parser gives no program finleak can share (no `projectService`, or another TypeScript major.minor). Default: the nearest tsconfig.json above the linted file.',
      },
      reportAtSource: {
        type: 'boolean',
        description: 'Also report where the financial data is read, when that file is linted. Default: false (reports only on the send call).',
      },
      ...Object.fromEntries(
        POLICY_KEYS.map((key) => {
          const schema = configSchema.properties[key];
          return [key, { ...schema, description: `${schema.description} Replaces \`${key}\` of the finleak config file.` }];
        }),
      ),
    } as Record<string, JSONSchema4>,
  },
];
