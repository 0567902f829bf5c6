import { isIncomplete, type AnalysisResult, type Diagnostic, type Finding } from '../engine/finding.js';
import type { ReportContext } from './context.js';

/**
 * What the summary reports (HTML, Markdown) count: every finding with its
 * status, grouped by platform, data category and file, and what finleak could
 * not see. Plain data; each reporter draws it its own way.
 */
export type Status = 'new' | 'baselined' | 'suppressed';

export interface Entry {
  finding: Finding;
  status: Status;
  /** Data categories of the source (balance, account identifier, card, ...); the source kind where the finding has none. */
  categories: string[];
}

export interface Tally {
  name: string;
  new: number;
  baselined: number;
  suppressed: number;
}

export interface Summary {
  entries: Entry[];
  byPlatform: Tally[];
  byCategory: Tally[];
  byFile: Tally[];
  /** True when findings carry data categories; otherwise `byCategory` counts source kinds. */
  hasCategories: boolean;
  counts: Record<Status, number>;
  /** Warnings and errors about what was not analysed, one group per code. */
  coverage: { code: string; severity: Diagnostic['severity']; diagnostics: Diagnostic[] }[];
  /** Library functions without a model that data was assumed to pass through: call sites, and those that carried financial data. */
  unmodelledCalls?: { name: string; count: number; carried: number }[];
  incomplete: boolean;
}

/** The data categories of a finding's source, when the engine records them (`source.categories`). */
function categoriesOf(finding: Finding): string[] | undefined {
  const source = finding.source as Finding['source'] & { categories?: unknown; category?: unknown };
  if (Array.isArray(source.categories) && source.categories.length > 0) return source.categories.map(String);
  if (typeof source.category === 'string') return [source.category];
  return undefined;
}

export function summarise(result: AnalysisResult, context: ReportContext, relative: (file: string) => string): Summary {
  const known = context.baseline?.known;
  const entries: Entry[] = [
    ...result.findings.map((finding) => ({ finding, status: (known?.has(finding) ? 'baselined' : 'new') as Status })),
    ...(result.suppressed ?? []).map((finding) => ({ finding, status: 'suppressed' as Status })),
  ].map((e) => ({ ...e, categories: categoriesOf(e.finding) ?? [e.finding.source.kind] }));
  const tally = (keys: (e: Entry) => string[]): Tally[] => {
    const map = new Map<string, Tally>();
    for (const entry of entries) {
      for (const name of new Set(keys(entry))) {
        let t = map.get(name);
        if (!t) map.set(name, (t = { name, new: 0, baselined: 0, suppressed: 0 }));
        t[entry.status]++;
      }
    }
    return [...map.values()].sort((a, b) => b.new - a.new || b.baselined + b.suppressed - (a.baselined + a.suppressed) || a.name.localeCompare(b.name));
  };
  const coverage = new Map<string, Summary['coverage'][number]>();
  for (const d of result.diagnostics) {
    const group = coverage.get(d.code) ?? { code: d.code, severity: d.severity, diagnostics: [] };
    if (d.severity === 'error') group.severity = 'error';
    group.diagnostics.push(d);
    coverage.set(d.code, group);
  }
  const unmodelled = unmodelledCalls(result);
  return {
    entries,
    byPlatform: tally((e) => [e.finding.sink.platform]),
    byCategory: tally((e) => e.categories),
    byFile: tally((e) => [relative(e.finding.sink.location.file)]),
    hasCategories: entries.some((e) => categoriesOf(e.finding) !== undefined),
    counts: { new: entries.filter((e) => e.status === 'new').length, baselined: entries.filter((e) => e.status === 'baselined').length, suppressed: entries.filter((e) => e.status === 'suppressed').length },
    coverage: [...coverage.values()].sort((a, b) => (a.severity === b.severity ? a.code.localeCompare(b.code) : a.severity === 'error' ? -1 : 1)),
    ...(unmodelled ? { unmodelledCalls: unmodelled } : {}),
    incomplete: isIncomplete(result),
  };
}

/** `stats.unmodelledCalls`: per library function, its call sites and those where financial data came through. */
function unmodelledCalls(result: AnalysisResult): Summary['unmodelledCalls'] {
  const calls = result.stats.unmodelledCalls;
  if (!calls?.length) return undefined;
  return calls.map((c) => ({ name: `${c.callee} (${c.package})`, count: c.calls, carried: c.carried }));
}
