import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ts as engineTs } from '@ts-morph/common';
import { programCompatibility, sameMinor } from '../src/eslint/typescript-version.js';

const require = createRequire(import.meta.url);
/** The project's own TypeScript: the copy typescript-eslint's parser loads (another module instance than the engine's). */
const projectTs = require('typescript') as typeof import('typescript');

// Typed as one copy: comparing the two copies' CreateProgramOptions exceeds the type checker's stack depth.
const programOf = (tsModule: typeof projectTs | typeof engineTs): { getSourceFiles(): readonly object[] } => {
  const t = tsModule as typeof projectTs;
  return t.createProgram({ rootNames: ['probe.ts'], options: { noLib: true }, host: { ...t.createCompilerHost({}), getSourceFile: (name: string) => t.createSourceFile(name, 'export const x = 1;', 99), fileExists: () => true } as never });
};

describe("sharing the parser's program with the engine", () => {
  it('identifies the TypeScript that built a program and shares it when major.minor match', () => {
    expect(projectTs).not.toBe(engineTs);
    const verdict = programCompatibility(programOf(projectTs));
    expect(verdict.version).toBe(projectTs.version);
    expect(verdict.compatible).toBe(sameMinor(projectTs.version, engineTs.version));
  });

  it('refuses a program whose TypeScript cannot be identified, with the reason', () => {
    const verdict = programCompatibility({ getSourceFiles: () => [{ kind: 312 }] });
    expect(verdict).toEqual({ compatible: false, version: undefined, reason: "the TypeScript that built the parser's program could not be identified" });
  });

  it('compares major.minor only', () => {
    expect(sameMinor('6.0.3', '6.0.2')).toBe(true);
    expect(sameMinor('5.9.3', '6.0.2')).toBe(false);
    expect(sameMinor('6.1.0', '6.0.2')).toBe(false);
  });
});
