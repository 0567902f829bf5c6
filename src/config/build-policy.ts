import { carriers, events, financial, platforms, propagators, sanitizers } from '../../rules/index.js';
import type { Policy, UserConfig } from '../policy/types.js';

/** The built-in policy from `rules/`, extended by a user's config. */
export function buildPolicy(config: UserConfig, baseDir: string): Policy {
  return {
    sources: {
      types: [...financial.types, ...(config.sources?.types ?? [])],
      fields: [...financial.fields, ...(config.sources?.fields ?? [])],
    },
    sinks: [
      ...platforms.flatMap((p) => (p.sinks ?? []).map((s) => ({ ...s, platform: s.platform ?? p.platform }))),
      ...(config.sinks ?? []).map((s) => ({ ...s, platform: s.platform ?? 'custom sink' })),
    ],
    carriers,
    endpoints: [
      ...platforms.flatMap((p) => (p.endpoints ?? []).map((e) => ({ ...e, platform: e.platform ?? p.platform }))),
      ...(config.endpoints ?? []).map((e) => ({ ...e, platform: e.platform ?? 'custom endpoint' })),
    ],
    sanitizers: [...sanitizers, ...(config.sanitizers ?? [])],
    propagators,
    events,
    ignore: config.ignore ?? [],
    baseDir,
  };
}
