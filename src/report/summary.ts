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
  /** Calls into libraries without a model that data was assumed to pass through, when the engine counts them. */
  unmodelledCalls?: { name: string; count: number }[];
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

/**
 * `stats.unmodelledCalls`, where the engine reports it: a list of calls (each
 * with a `package` and `callee`, or a `name`, and an optional `count`), tallied by name.
 */
function unmodelledCalls(result: AnalysisResult): { name: string; count: number }[] | undefined {
  const raw = (result.stats as unknown as Record<string, unknown>)['unmodelledCalls'];
  if (!Array.isArray(raw)) return undefined;
  const counts = new Map<string, number>();
  for (const item of raw as Record<string, unknown>[]) {
    const name = typeof item['name'] === 'string' ? item['name'] : [item['package'], item['callee']].filter((p) => typeof p === 'string').join(' ');
    counts.set(name || 'unknown', (counts.get(name || 'unknown') ?? 0) + (typeof item['count'] === 'number' ? item['count'] : 1));
  }
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
