import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/config-error.js';
import { loadConfig } from '../src/config/load-config.js';
import { tempProject } from './helpers/temp-project.js';

const designShape = {
  sources: { types: ['LedgerEntry', '/^Holding/'] },
  sanitizers: [{ function: 'maskIban' }, { function: 'maskCardNumber', module: './src/lib/masking' }],
};

/** Loads the config of a throwaway project folder; no TypeScript program is built. */
async function configOf(files: Record<string, string>, explicit?: string) {
  const dir = tempProject(files, { linkNodeModules: false });
  const loaded = await loadConfig(dir, explicit && path.join(dir, explicit));
  return { dir, ...loaded, file: loaded.file && path.relative(dir, loaded.file) };
}

async function configError(files: Record<string, string>, explicit?: string): Promise<ConfigError> {
  const error = await configOf(files, explicit).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('config search (cosmiconfig, module "finleak")', () => {
  it('finds finleak.config.json and keeps the shape quoted in DESIGN.md working', async () => {
    const { config, file } = await configOf({ 'finleak.config.json': JSON.stringify(designShape) });
    expect(file).toBe('finleak.config.json');
    expect(config).toEqual(designShape);
  });

  it('finds .finleakrc.json, package.json#finleak, finleak.config.mjs and finleak.config.ts', async () => {
    const rc = await configOf({ '.finleakrc.json': JSON.stringify({ ignore: ['gen/**'] }) });
    expect([rc.file, rc.config]).toEqual(['.finleakrc.json', { ignore: ['gen/**'] }]);
    const pkg = await configOf({ 'package.json': JSON.stringify({ name: 'bot', finleak: { sources: { types: ['Ledger'] } } }) });
    expect([pkg.file, pkg.config]).toEqual(['package.json', { sources: { types: ['Ledger'] } }]);
    const mjs = await configOf({ 'finleak.config.mjs': 'export default { sanitizers: [{ function: "maskIban" }] };\n' });
    expect([mjs.file, mjs.config]).toEqual(['finleak.config.mjs', { sanitizers: [{ function: 'maskIban' }] }]);
    const ts = await configOf({ 'finleak.config.ts': 'const config: { ignore: string[] } = { ignore: ["legacy/**"] };\nexport default config;\n' });
    expect([ts.file, ts.config]).toEqual(['finleak.config.ts', { ignore: ['legacy/**'] }]);
  });

  it('looks up from the project folder to the package root, and nowhere without a config', async () => {
    const dir = tempProject({ 'package.json': '{"name":"mono"}', 'finleak.config.json': JSON.stringify({ ignore: ['x/**'] }), 'apps/bot/src/a.ts': '' }, { linkNodeModules: false });
    const found = await loadConfig(path.join(dir, 'apps/bot'));
    expect(found.file).toBe(path.join(dir, 'finleak.config.json'));
    const none = await configOf({ 'package.json': '{"name":"plain"}' });
    expect(none).toMatchObject({ config: {}, file: undefined });
  });

  it('loads the file given to --config, and names it when it is missing', async () => {
    const explicit = await configOf({ 'conf/finleak.json': JSON.stringify({ ignore: ['a/**'] }) }, 'conf/finleak.json');
    expect(explicit.config).toEqual({ ignore: ['a/**'] });
    const missing = await configError({}, 'nope.json');
    expect(missing.file).toMatch(/nope\.json$/);
    expect(missing.reason).toMatch(/not found/);
  });
});

describe('config validation: every error names the file and the key path', () => {
  it('a missing required key', async () => {
    const error = await configError({ 'finleak.config.json': JSON.stringify({ sanitizers: [{ function: 'maskIban' }, { module: './masking' }] }) });
    expect(error.file).toMatch(/finleak\.config\.json$/);
    expect(error.key).toBe('sanitizers[1].function');
    expect(error.message).toBe(`${error.file}: sanitizers[1].function: missing required key`);
  });

  it('a wrong type', async () => {
    const error = await configError({ 'finleak.config.json': JSON.stringify({ sanitizers: [{ function: 'maskIban' }, { function: 42 }] }) });
    expect([error.key, error.reason]).toEqual(['sanitizers[1].function', 'must be string']);
  });

  it('unknown keys, at the top and nested', async () => {
    const top = await configError({ '.finleakrc.json': JSON.stringify({ source: { types: ['X'] } }) });
    expect(top.key).toBe('source');
    expect(top.reason).toMatch(/^unknown key; allowed keys here: .*sources/);
    const nested = await configError({ 'finleak.config.json': JSON.stringify({ sources: { typs: ['X'] } }) });
    expect([nested.key, nested.reason]).toEqual(['sources.typs', 'unknown key; allowed keys here: types, fields, names, evidence, modifiers, beside, schemaLibraries, exclude, sdkTypes, calls']);
    const sink = await configError({ 'finleak.config.json': JSON.stringify({ sinks: [{ module: 'acme-chat', method: 'send', payload: ['arg1'], argument: 1 }] }) });
    expect(sink.key).toBe('sinks[0].argument');
  });

  it('a bad payload path and a string where a list is expected', async () => {
    const payload = await configError({ 'finleak.config.json': JSON.stringify({ sinks: [{ module: 'acme-chat', method: 'send', payload: ['body'] }] }) });
    expect(payload.key).toBe('sinks[0].payload[0]');
    const list = await configError({ 'finleak.config.json': JSON.stringify({ ignore: 'dist/**' }) });
    expect([list.key, list.reason]).toEqual(['ignore', 'must be array']);
  });

  it('invalid regular expressions', async () => {
    const types = await configError({ 'finleak.config.json': JSON.stringify({ sources: { types: ['Ledger', '/[a-/'] } }) });
    expect(types.key).toBe('sources.types[1]');
    expect(types.reason).toMatch(/^invalid regular expression/);
    const url = await configError({ 'finleak.config.json': JSON.stringify({ endpoints: [{ url: '^https://chat.example/(' }] }) });
    expect(url.key).toBe('endpoints[0].url');
  });

  it('a config that is not an object, and a file that is not valid JSON', async () => {
    const array = await configError({ 'finleak.config.json': '[]' });
    expect(array.reason).toMatch(/must be an object/);
    const truncated = await configError({ 'finleak.config.json': '{ "sources": ' });
    expect(truncated.message).toMatch(/finleak\.config\.json: not valid JSON: line 1, column 14: /);
    // Where, and what was expected: the trailing comma on line 3.
    const comma = await configError({ 'finleak.config.json': '{\n  "sanitizers": [\n    { "function": "maskIban", }\n  ]\n}\n' });
    expect(comma.reason).toBe('not valid JSON: line 3, column 31: expected double-quoted property name');
    const trailing = await configError({ '.finleakrc.json': '{ "ignore": ["a"] }\nx' });
    expect(trailing.reason).toBe('not valid JSON: line 2, column 1: unexpected non-whitespace character after JSON');
  });
});
