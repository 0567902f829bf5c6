import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../engine/finding.js';

/**
 * A baseline is the list of findings a repository already had when it adopted
 * finleak (a JSON file committed next to the code). With a baseline, a check
 * fails only on findings that are not in it; those that are in it are "known",
 * and baseline entries that no longer occur are "fixed".
 *
 * Matching pairs each entry with at most one finding, and each finding with
 * at most one entry. First by fingerprint (no line numbers: see
 * src/engine/fingerprint.ts), so that added lines, moved functions and
 * reformatting keep a finding known. Then, for what is left on both sides, by
 * flow shape (the same flow without names: see `flowShape`), in the same file
 * or the same function: a renamed variable or function, or a function moved
 * to another file, stays known. A different leak that happens to sit in the
 * same function as a fixed one (another field, payload slot or path) is new.
 */

export const BASELINE_FORMAT = 'finleak-baseline';

export interface BaselineEntry {
  fingerprint: string;
  /** The finding's flow shape; entries written before it existed match by fingerprint only. */
  shape?: string;
  /** Source kind, e.g. "BankAccount". */
  source: string;
  platform: string;
  api: string;
  /** Sink file relative to the project folder. */
  file: string;
  /** Function around the sink call, if any. */
  function?: string;
  callee: string;
}

export interface BaselineFile {
  format: typeof BASELINE_FORMAT;
  version: 1;
  findings: BaselineEntry[];
}

export interface BaselineComparison {
  /** Findings not in the baseline: these fail the check. */
  fresh: Finding[];
  /** Findings the baseline already has. */
  known: Finding[];
  /** Baseline entries no finding matches any more. */
  fixed: BaselineEntry[];
}

/** A baseline file that cannot be used: missing, unreadable or not a baseline. Exit code 2. */
export class BaselineError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'BaselineError';
  }
}

export function baselineEntry(finding: Finding, relative: (file: string) => string): BaselineEntry {
  return {
    fingerprint: finding.fingerprint,
    shape: finding.flowShape,
    source: finding.source.kind,
    platform: finding.sink.platform,
    api: finding.sink.api,
    file: relative(finding.sink.location.file),
    ...(finding.sink.enclosingFunction !== undefined ? { function: finding.sink.enclosingFunction } : {}),
    callee: finding.sink.callee,
  };
}

/** Serialises findings as a baseline, sorted so that the file diffs well in review. */
export function formatBaseline(findings: readonly Finding[], relative: (file: string) => string): string {
  return formatEntries(findings.map((f) => baselineEntry(f, relative)));
}

function formatEntries(entries: BaselineEntry[]): string {
  entries.sort((a, b) => a.file.localeCompare(b.file) || (a.function ?? '').localeCompare(b.function ?? '') || a.source.localeCompare(b.source) || a.api.localeCompare(b.api) || a.fingerprint.localeCompare(b.fingerprint));
  const file: BaselineFile = { format: BASELINE_FORMAT, version: 1, findings: entries };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * One baseline from several (the baselines of the shards of a sharded check):
 * each fingerprint as many times as the baseline that has it most often, so an
 * entry two shards both recorded (a send in a package both shards analyse) is
 * kept once, and two identical flows one shard recorded stay two.
 */
export function mergeBaselines(baselines: readonly (readonly BaselineEntry[])[]): string {
  const merged = new Map<string, BaselineEntry[]>();
  for (const entries of baselines) {
    const own = new Map<string, BaselineEntry[]>();
    for (const entry of entries) own.set(entry.fingerprint, [...(own.get(entry.fingerprint) ?? []), entry]);
    for (const [fingerprint, list] of own) if (list.length > (merged.get(fingerprint)?.length ?? 0)) merged.set(fingerprint, list);
  }
  return formatEntries([...merged.values()].flat());
}

export function writeBaseline(file: string, findings: readonly Finding[], relative: (file: string) => string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, formatBaseline(findings, relative));
}

export function readBaseline(file: string): BaselineEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BaselineError('baseline file not found; create it with --update-baseline', file);
    throw new BaselineError(`cannot read the baseline: ${(error as Error).message}`, file);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`the baseline is not valid JSON (${(error as Error).message}); regenerate it with --update-baseline`, file);
  }
  const parsed = data as Partial<BaselineFile> | null;
  if (!parsed || typeof parsed !== 'object' || parsed.format !== BASELINE_FORMAT || parsed.version !== 1 || !Array.isArray(parsed.findings)) {
    throw new BaselineError(`not a finleak baseline (expected "format": "${BASELINE_FORMAT}", "version": 1 and a "findings" array); regenerate it with --update-baseline`, file);
  }
  parsed.findings.forEach((entry, i) => {
    for (const key of ['fingerprint', 'source', 'api', 'file'] as const) {
      if (typeof (entry as unknown as Record<string, unknown>)?.[key] !== 'string') throw new BaselineError(`findings[${i}].${key} must be a string`, file);
    }
  });
  return parsed.findings;
}

export function compareWithBaseline(findings: readonly Finding[], baseline: readonly BaselineEntry[], relative: (file: string) => string): BaselineComparison {
  const remaining = new Set(baseline);
  const known = new Set<Finding>();
  const pair = (sameFlow: (finding: Finding, entry: BaselineEntry) => boolean): void => {
    for (const finding of findings) {
      if (known.has(finding)) continue;
      const entry = [...remaining].find((e) => sameFlow(finding, e));
      if (!entry) continue;
      remaining.delete(entry);
      known.add(finding);
    }
  };
  pair((finding, entry) => entry.fingerprint === finding.fingerprint);
  pair((finding, entry) => {
    if (entry.shape !== finding.flowShape) return false;
    const current = baselineEntry(finding, relative);
    return entry.file === current.file || (entry.function !== undefined && entry.function === current.function);
  });
  return {
    fresh: findings.filter((f) => !known.has(f)),
    known: findings.filter((f) => known.has(f)),
    fixed: [...remaining],
  };
}
