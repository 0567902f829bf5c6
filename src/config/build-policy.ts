import { bankHttp, carriers, events, financial, platforms, propagators, queues, relayWords, sanitizers, sdks } from '../../rules/index.js';
import type { Policy, UserConfig } from '../policy/types.js';

/** The built-in policy from `rules/`, extended by a user's config. */
export function buildPolicy(config: UserConfig, baseDir: string): Policy {
  return {
    sources: {
      types: [...financial.types, ...(config.sources?.types ?? [])],
      // The config's field rules first: a field word of its own category wins over a built-in one.
      fields: [...(config.sources?.fields ?? []), ...financial.fields],
      names: [...financial.names, ...(config.sources?.names ?? [])],
      evidence: [...(config.sources?.evidence ?? []), ...financial.evidence],
      modifiers: [...financial.modifiers, ...(config.sources?.modifiers ?? [])],
      beside: {
        currency: [...financial.beside.currency, ...(config.sources?.beside?.currency ?? [])],
        date: [...financial.beside.date, ...(config.sources?.beside?.date ?? [])],
      },
      schemaLibraries: [...financial.schemaLibraries, ...(config.sources?.schemaLibraries ?? [])],
      exclude: {
        types: [...financial.exclude.types, ...(config.sources?.exclude?.types ?? [])],
        names: [...financial.exclude.names, ...(config.sources?.exclude?.names ?? [])],
        fields: [...financial.exclude.fields, ...(config.sources?.exclude?.fields ?? [])],
        categories: [...financial.exclude.categories, ...(config.sources?.exclude?.categories ?? [])],
      },
      sdkTypes: [...sdks.filter((s) => s.types.length > 0).map(({ sdk, docs, module, types }) => ({ sdk, docs, module, types })), ...(config.sources?.sdkTypes ?? [])],
      calls: [...sdks.flatMap((s) => s.calls ?? []), ...(config.sources?.calls ?? [])],
      httpClients: [...carriers, ...bankHttp],
    },
    sinks: [
      ...platforms.flatMap((p) => (p.sinks ?? []).map((s) => ({ ...s, platform: s.platform ?? p.platform }))),
      ...(config.sinks ?? []).map((s) => ({ ...s, platform: s.platform ?? 'custom sink' })),
    ],
    carriers,
    relayWords: [...relayWords],
    endpoints: [
      ...platforms.flatMap((p) => (p.endpoints ?? []).map((e) => ({ ...e, platform: e.platform ?? p.platform }))),
      ...(config.endpoints ?? []).map((e) => ({ ...e, platform: e.platform ?? 'custom endpoint' })),
    ],
    sanitizers: [...sanitizers, ...(config.sanitizers ?? [])],
    // The user's models first (the first model matching a callee wins), then a platform's own builders, more specific than the generic ones.
    propagators: [...(config.propagators ?? []), ...platforms.flatMap((p) => p.builders ?? []), ...propagators],
    llmFlows: config.llmFlows ?? true,
    events,
    queues,
    ignore: config.ignore ?? [],
    baseDir,
  };
}
