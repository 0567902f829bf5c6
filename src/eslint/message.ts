import type { Finding } from '../engine/finding.js';
import { relativePath } from '../relative-path.js';

/** Steps that enter or leave one of the project's functions; library calls (`String.replace()`) stay in the full trace. */
const HOP = [/^returned from `(.+?)\(\)`/, /^passed as parameter `.+?` of `(.+?)`/];

/**
 * The path of a finding in one line, for an editor squiggle:
 * "`account.balance` (BankAccount, src/bank/api.ts:14) → formatBalance() → client.sendText".
 * The full trace stays in the CLI and SARIF reports.
 */
export function shortPath(finding: Finding, rootDir: string): string {
  const hops: string[] = [];
  for (const step of finding.trace) {
    for (const pattern of HOP) {
      const name = pattern.exec(step.label)?.[1];
      if (name !== undefined && hops.at(-1) !== `${name}()`) hops.push(`${name}()`);
    }
  }
  return [`\`${finding.source.expression}\` (${finding.source.kind}, ${where(finding.source.location, rootDir)})`, ...hops, finding.sink.callee].join(' → ');
}

export function where(location: { file: string; line: number }, rootDir: string): string {
  return `${relativePath(rootDir, location.file)}:${location.line}`;
}
