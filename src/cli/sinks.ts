import { carriers, platforms } from '../../rules/index.js';
import type { PlatformModel, SinkSpec } from '../policy/types.js';
import { asList as list } from '../engine/declarations.js';

function callText(sink: SinkSpec): string {
  const types = list(sink.type);
  const methods = list(sink.method);
  const owner = types.length > 1 ? `{${types.join('|')}}` : (types[0] ?? '');
  if (methods.length === 0) return `${owner}(…) (a value typed as the alias)`;
  const calls = methods.map((m) => (m === 'constructor' ? `new ${owner}(…)` : owner ? `${owner}.${m}` : m));
  return calls.join(', ') + (sink.untyped ? '  [untyped: matched by import and name]' : '');
}

/** One line per modelled send call and endpoint: platform, package, version range, call, payload. */
export function describeSinks(models: readonly PlatformModel[] = platforms): string {
  const lines: string[] = [];
  let sinkCount = 0;
  let endpointCount = 0;
  let untested = 0;
  const packages = new Set<string>();
  for (const model of models) {
    lines.push(`${model.platform}  (${model.docs})`);
    for (const sink of model.sinks ?? []) {
      sinkCount++;
      for (const module of list(sink.module)) packages.add(module);
      const modules = list(sink.module)
        .map((m) => `${m}${model.versions?.[m] ? `@${model.versions[m]}` : ''}`)
        .join(', ');
      lines.push(`  ${modules}  ${callText(sink)}  payload: ${sink.payload.join(', ')}`);
    }
    for (const endpoint of model.endpoints ?? []) {
      endpointCount++;
      const named = endpoint.webhookKey ? `  (also URLs read from names matching /${endpoint.webhookKey}/i)` : '';
      lines.push(`  HTTP ${endpoint.method ?? 'any'} /${endpoint.url}/  payload: ${(endpoint.payload ?? ['(whole body)']).join(', ')}${named}`);
    }
    for (const [module, reason] of Object.entries(model.untested ?? {})) {
      untested++;
      lines.push(`  untested: ${module}: ${reason}`);
    }
  }
  const clients = [...new Set(carriers.map((c) => c.name))].join(', ');
  lines.push('');
  lines.push(`HTTP clients followed to the endpoints above: ${clients}`);
  lines.push(`${models.length} platforms, ${packages.size} packages, ${sinkCount} SDK call models, ${endpointCount} endpoints.`);
  if (untested > 0) lines.push(`${untested} of the packages are modelled from their typings but not proven by a test fixture (see "untested" above).`);
  lines.push('Add your own in finleak.config.json under "sinks" and "endpoints" (same shapes as rules/platforms/*.ts).');
  return `${lines.join('\n')}\n`;
}
