import { createRequire } from 'node:module';
import { ts } from '@ts-morph/common';

/** The TypeScript the engine is compiled against: the one bundled with @ts-morph/common. */
export const engineTypeScriptVersion: string = ts.version;

export type ProgramCompatibility =
  | { compatible: true; version: string }
  | { compatible: false; version: string | undefined; reason: string };

const require = createRequire(import.meta.url);
const verdicts = new WeakMap<object, ProgramCompatibility>();

interface TypeScriptModule {
  version: string;
  createSourceFile(fileName: string, text: string, target: number): object;
}

/**
 * Whether a `ts.Program` made by another copy of TypeScript (the one
 * typescript-eslint's parser loaded) can be handed to the engine. Node kinds,
 * type flags and symbol flags are numbered per TypeScript major.minor, so
 * the program is shared only when its TypeScript has the engine's
 * major.minor; otherwise the caller builds the engine's own program.
 *
 * The program's TypeScript is found by identity, not by guessing paths: of
 * the copies of `typescript` loaded in this process, the one whose source
 * file objects share a prototype with the program's made it.
 */
export function programCompatibility(program: { getSourceFiles(): readonly object[] }): ProgramCompatibility {
  const cached = verdicts.get(program);
  if (cached) return cached;
  const verdict = decide(program);
  verdicts.set(program, verdict);
  return verdict;
}

function decide(program: { getSourceFiles(): readonly object[] }): ProgramCompatibility {
  const sample = program.getSourceFiles()[0];
  if (!sample) return { compatible: false, version: undefined, reason: 'the program has no source files' };
  const prototype = Object.getPrototypeOf(sample) as object;
  const probe = (candidate: TypeScriptModule): boolean =>
    Object.getPrototypeOf(candidate.createSourceFile('finleak-probe.ts', '', 99)) === prototype;
  let version: string | undefined;
  if (probe(ts as unknown as TypeScriptModule)) version = ts.version;
  for (const [id, module] of Object.entries(require.cache)) {
    if (version) break;
    if (!/[\\/]typescript[\\/]lib[\\/]typescript\.js$/.test(id)) continue;
    const candidate = module?.exports as Partial<TypeScriptModule> | undefined;
    if (typeof candidate?.version === 'string' && typeof candidate.createSourceFile === 'function' && probe(candidate as TypeScriptModule)) {
      version = candidate.version;
    }
  }
  if (!version) {
    return { compatible: false, version, reason: 'the TypeScript that built the parser\'s program could not be identified' };
  }
  return sameMinor(version, ts.version)
    ? { compatible: true, version }
    : { compatible: false, version, reason: `the parser uses TypeScript ${version}, finleak's engine TypeScript ${ts.version}` };
}

export function sameMinor(a: string, b: string): boolean {
  const minor = (v: string): string => v.split('.').slice(0, 2).join('.');
  return minor(a) === minor(b);
}
