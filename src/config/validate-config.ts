import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { UserConfig } from '../policy/types.js';
import { ConfigError } from './config-error.js';
import { configSchema } from './schema.js';

let compiled: ValidateFunction | undefined;

/** The schema's validator, loaded and compiled on first use: a run without a config file needs neither (about 0.1 s). */
function validator(): ValidateFunction {
  if (!compiled) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
    compiled = new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  }
  return compiled;
}

/** `/sanitizers/1/function` -> `sanitizers[1].function`. */
function keyPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function describe(error: ErrorObject): { key: string; reason: string } {
  const key = keyPath(error.instancePath);
  if (error.keyword === 'additionalProperties') {
    const unknown = String(error.params['additionalProperty']);
    const allowed = Object.keys(schemaAt(error.schemaPath)).join(', ');
    return { key: key ? `${key}.${unknown}` : unknown, reason: `unknown key; allowed keys here: ${allowed}` };
  }
  if (error.keyword === 'required') {
    const missing = String(error.params['missingProperty']);
    return { key: key ? `${key}.${missing}` : missing, reason: 'missing required key' };
  }
  if (error.keyword === 'pattern' && error.instancePath.includes('payload')) {
    return { key, reason: 'not a payload path; write `arg1`, `arg0.text`, `arg0.items[].text` or `param:content` (a parameter name)' };
  }
  if (error.keyword === 'anyOf' && /^\/sources\/fields\/\d+$/.test(error.instancePath)) {
    return { key, reason: 'must be a field word or a rule such as { "category": "balance", "words": ["pointsBalance"] }' };
  }
  if (error.keyword === 'anyOf') return { key, reason: 'must be a string or a non-empty list of strings' };
  return { key, reason: error.message ?? 'invalid value' };
}

/** The `properties` object of the schema node an error points at. */
function schemaAt(schemaPath: string): Record<string, unknown> {
  let node: unknown = configSchema;
  for (const part of schemaPath.replace(/^#\//, '').split('/').slice(0, -1)) node = (node as Record<string, unknown>)[part];
  return ((node as { properties?: Record<string, unknown> }).properties ?? {}) as Record<string, unknown>;
}

/** Checks a parsed config against the schema and compiles its regular expressions; throws ConfigError naming the first bad key. */
export function validateConfig(value: unknown, file: string): UserConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError('the config must be an object, e.g. { "sources": { "types": ["LedgerEntry"] } }', file);
  }
  const validate = validator();
  if (!validate(value)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'type' || !validate.errors?.some((o) => o.keyword === 'anyOf' && o.instancePath === e.instancePath));
    const { key, reason } = describe(errors[0] ?? validate.errors![0]!);
    throw new ConfigError(reason, file, key || undefined);
  }
  const config = value as UserConfig;
  const checkRegex = (source: string, key: string): void => {
    try {
      new RegExp(source);
    } catch (error) {
      throw new ConfigError(`invalid regular expression: ${(error as Error).message}`, file, key);
    }
  };
  const checkPattern = (entry: string, key: string): void => {
    const regex = /^\/(.+)\/([a-z]*)$/.exec(entry);
    if (!regex) return;
    try {
      new RegExp(regex[1]!, regex[2]);
    } catch (error) {
      throw new ConfigError(`invalid regular expression: ${(error as Error).message}`, file, key);
    }
  };
  const checkPatterns = (entries: readonly string[] | undefined, key: string): void => entries?.forEach((entry, i) => checkPattern(entry, `${key}[${i}]`));
  checkPatterns(config.sources?.types, 'sources.types');
  checkPatterns(config.sources?.names, 'sources.names');
  checkPatterns(config.sources?.evidence, 'sources.evidence');
  config.sources?.fields?.forEach((field, i) =>
    typeof field === 'string' ? checkPattern(field, `sources.fields[${i}]`) : checkPatterns(field.words, `sources.fields[${i}].words`),
  );
  checkPatterns(config.sources?.exclude?.fields, 'sources.exclude.fields');
  checkPatterns(config.sources?.exclude?.types, 'sources.exclude.types');
  config.sources?.calls?.forEach((call, i) => {
    if (call.url) checkRegex(call.url, `sources.calls[${i}].url`);
    else if (!call.module || !call.method) {
      throw new ConfigError('a source call needs `module` and `method` (a bank client method) or `url` (an HTTP read of a bank API)', file, `sources.calls[${i}]`);
    }
  });
  config.endpoints?.forEach((endpoint, i) => checkRegex(endpoint.url, `endpoints[${i}].url`));
  config.endpoints?.forEach((endpoint, i) => endpoint.webhookKey && checkRegex(endpoint.webhookKey, `endpoints[${i}].webhookKey`));
  config.sinks?.forEach((sink, i) => sink.file && checkRegex(sink.file, `sinks[${i}].file`));
  return config;
}
