import type { AnalysisStats } from '../engine/finding.js';

/**
 * What the open world cost: the library calls without a model that data was
 * assumed to pass through. The summary names them so a ✔ is never given over
 * code finleak could not see into.
 */
export function unmodelledSummary(stats: AnalysisStats): string | undefined {
  const list = stats.unmodelledCalls ?? [];
  if (list.length === 0) return undefined;
  const calls = list.reduce((n, entry) => n + entry.calls, 0);
  const carried = list.reduce((n, entry) => n + entry.carried, 0);
  return `data assumed to pass through ${calls} call${calls === 1 ? '' : 's'} of ${list.length} library function${list.length === 1 ? '' : 's'} finleak has no model for (${carried} carried financial data)`;
}

/** The most used unmodelled callees, `t (@grammyjs/i18n) ×17`, and how to make them exact. */
export function unmodelledDetail(stats: AnalysisStats, shown = 5): string | undefined {
  const list = stats.unmodelledCalls ?? [];
  if (list.length === 0) return undefined;
  const named = list.slice(0, shown).map((entry) => `\`${entry.callee}\` (${entry.package})${entry.calls > 1 ? ` ×${entry.calls}` : ''}`);
  const more = list.length > shown ? `, and ${list.length - shown} more` : '';
  return `assumed through ${named.join(', ')}${more}. Model them under \`propagators\` in the finleak config (or list a sanitizer); --format json lists every call in stats.unmodelledCalls.`;
}
