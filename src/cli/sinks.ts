import { carriers, platforms } from '../../rules/index.js';
import type { EndpointSpec, HttpCarrierSpec, PlatformModel, PropagatorSpec, SinkSpec } from '../policy/types.js';
import { asList as list } from '../engine/declarations.js';

function callText(sink: SinkSpec): string {
  const types = list(sink.type);
  const methods = list(sink.method);
  const owner = types.length > 1 ? `{${types.join('|')}}` : (types[0] ?? '');
  if (methods.length === 0) return `${owner}(…) (a value typed as the alias)`;
  const calls = methods.map((m) => (m === 'constructor' ? `new ${owner}(…)` : owner ? `${owner}.${m}` : m));
  const sent = sink.sentBy?.length ? `  [sent by ${sink.sentBy.map((s) => `${list(s.type).join('|') || list(s.module).join('|')}.${list(s.method).join('|')}`).join(', ')}]` : '';
  return calls.join(', ') + (sink.untyped ? '  [untyped: matched by import and name]' : '') + sent;
}

interface Counts {
  platforms: number;
  packages: number;
  sinks: number;
  endpoints: number;
  untested: number;
}

function count(models: readonly PlatformModel[]): Counts {
  const packages = new Set(models.flatMap((m) => (m.sinks ?? []).flatMap((s) => list(s.module))));
  return {
    platforms: models.length,
    packages: packages.size,
    sinks: models.reduce((n, m) => n + (m.sinks?.length ?? 0), 0),
    endpoints: models.reduce((n, m) => n + (m.endpoints?.length ?? 0), 0),
    untested: models.reduce((n, m) => n + Object.keys(m.untested ?? {}).length, 0),
  };
}

/** One line per modelled send call and endpoint: platform, package, version range, call, payload. */
export function describeSinks(models: readonly PlatformModel[] = platforms): string {
  const lines: string[] = [];
  for (const model of models) {
    lines.push(`${model.platform}  (${model.docs})`);
    for (const sink of model.sinks ?? []) {
      const modules = list(sink.module)
        .map((m) => `${m}${model.versions?.[m] ? `@${model.versions[m]}` : ''}`)
        .join(', ');
      lines.push(`  ${modules}  ${callText(sink)}  payload: ${sink.payload.join(', ')}`);
    }
    for (const endpoint of model.endpoints ?? []) {
      const named = endpoint.webhookKey ? `  (also URLs read from names matching /${endpoint.webhookKey}/i)` : '';
      lines.push(`  HTTP ${endpoint.method ?? 'any'} /${endpoint.url}/  payload: ${(endpoint.payload ?? ['(whole body)']).join(', ')}${named}`);
    }
    if (model.builders?.length) lines.push(`  builders: ${model.builders.map((b) => b.function).join(', ')}`);
    for (const [module, reason] of Object.entries(model.untested ?? {})) lines.push(`  untested: ${module}: ${reason}`);
  }
  const counts = count(models);
  const clients = [...new Set(carriers.map((c) => c.name))].join(', ');
  lines.push('');
  lines.push(`HTTP clients followed to the endpoints above: ${clients}`);
  lines.push(`${counts.platforms} platforms, ${counts.packages} packages, ${counts.sinks} SDK call models, ${counts.endpoints} endpoints.`);
  if (counts.untested > 0) lines.push(`${counts.untested} of the packages are modelled from their typings but not proven by a test fixture (see "untested" above).`);
  lines.push('Payload entries are argument paths (`arg1`, `arg0.text`) or parameter names (`param:activity.text`, placed by the overload a call resolves to).');
  lines.push('Add your own in finleak.config.json under "sinks" and "endpoints" (same shapes as rules/platforms/*.ts).');
  return `${lines.join('\n')}\n`;
}

/** The catalogue as data, for tools (`finleak sinks --format json`): the models in the shape a config writes them. */
export interface SinkCatalogue {
  tool: { name: 'finleak'; version: string };
  platforms: {
    platform: string;
    docs: string;
    versions: Record<string, string>;
    untested: Record<string, string>;
    sinks: SinkSpec[];
    endpoints: EndpointSpec[];
    builders: PropagatorSpec[];
  }[];
  httpClients: HttpCarrierSpec[];
  counts: Counts;
}

export function sinkCatalogue(version: string, models: readonly PlatformModel[] = platforms): SinkCatalogue {
  return {
    tool: { name: 'finleak', version },
    platforms: models.map((m) => ({
      platform: m.platform,
      docs: m.docs,
      versions: m.versions ?? {},
      untested: m.untested ?? {},
      sinks: m.sinks ?? [],
      endpoints: m.endpoints ?? [],
      builders: m.builders ?? [],
    })),
    httpClients: carriers,
    counts: count(models),
  };
}
