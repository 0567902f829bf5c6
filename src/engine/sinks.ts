import { ts } from '@ts-morph/common';
import type { EndpointSpec, HttpCarrierSpec, Policy, SinkSpec } from '../policy/types.js';
import { addressOf, asList, calleeDeclarations, calleeName, moduleMatches, skipOuter, type DeclarationAddress } from './declarations.js';
import { argumentAt, parseFieldPath, parsePayloadPath, type PayloadPath } from './payload-path.js';
import { displayUrl, foldString, urlMatches } from './url-fold.js';

/** One place in a send call where message content goes. */
export interface PayloadSlot {
  expression: ts.Expression;
  fields: string[];
  /** e.g. "argument `text`", "`body.message`". */
  label: string;
}

export interface SinkMatch {
  platform: string;
  api: string;
  matchedBy: 'declaration' | 'url';
  url?: string;
  slots: PayloadSlot[];
}

interface CompiledSink {
  spec: SinkSpec & { platform: string };
  methods: readonly string[];
  types: readonly string[];
  file?: RegExp;
  payload: PayloadPath[];
}

interface CompiledCarrier {
  spec: HttpCarrierSpec;
  methods: readonly string[];
  types: readonly string[];
  file?: RegExp;
  url: PayloadPath;
  body: PayloadPath;
  httpMethodFrom?: PayloadPath;
}

interface CompiledEndpoint {
  spec: EndpointSpec & { platform: string };
  url: RegExp;
  payload: string[][];
}

const lastSegment = (member: string): string => member.slice(member.lastIndexOf('.') + 1);

/** Recognises send calls by their resolved declaration, and HTTP calls by the endpoint they post to. */
export class SinkMatcher {
  private readonly byName = new Map<string, CompiledSink[]>();
  private readonly aliasSinks: CompiledSink[] = [];
  private readonly carriersByName = new Map<string, CompiledCarrier[]>();
  private readonly endpoints: CompiledEndpoint[];

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
    private readonly policy: Policy,
  ) {
    for (const spec of policy.sinks) {
      const compiled: CompiledSink = {
        spec,
        methods: asList(spec.method),
        types: asList(spec.type),
        file: spec.file ? new RegExp(spec.file) : undefined,
        payload: spec.payload.map((p) => parsePayloadPath(p)!).filter(Boolean),
      };
      if (compiled.methods.length === 0) this.aliasSinks.push(compiled);
      for (const method of compiled.methods) push(this.byName, lastSegment(method), compiled);
    }
    for (const spec of policy.carriers) {
      const compiled: CompiledCarrier = {
        spec,
        methods: asList(spec.method),
        types: asList(spec.type),
        file: spec.file ? new RegExp(spec.file) : undefined,
        url: parsePayloadPath(spec.url)!,
        body: parsePayloadPath(spec.body)!,
        httpMethodFrom: spec.httpMethodFrom ? parsePayloadPath(spec.httpMethodFrom) : undefined,
      };
      for (const method of compiled.methods) push(this.carriersByName, lastSegment(method), compiled);
    }
    this.endpoints = policy.endpoints.map((spec) => ({
      spec,
      url: new RegExp(spec.url),
      payload: (spec.payload ?? ['']).map(parseFieldPath),
    }));
  }

  /** Cheap syntactic pre-filter: can this call be a sink at all? */
  isCandidate(call: ts.CallExpression | ts.NewExpression): boolean {
    const name = calleeName(call);
    if (name !== undefined && (this.byName.has(name) || this.carriersByName.has(name))) return true;
    return this.aliasSinks.length > 0 && ts.isCallExpression(call) && ts.isIdentifier(skipOuter(call.expression));
  }

  match(call: ts.CallExpression | ts.NewExpression): SinkMatch | undefined {
    const name = calleeName(call);
    const sinks = name !== undefined ? this.byName.get(name) : undefined;
    const carriers = name !== undefined ? this.carriersByName.get(name) : undefined;
    if (sinks || carriers) {
      for (const declaration of calleeDeclarations(this.checker, call)) {
        const address = addressOf(this.program, declaration);
        const sink = sinks?.find((s) => this.declarationMatches(s, address));
        if (sink) return this.sdkMatch(call, sink, address);
        const carrier = carriers?.find((c) => this.declarationMatches(c, address));
        if (carrier) {
          const http = this.httpMatch(call, carrier);
          if (http) return http;
        }
      }
    }
    if (this.aliasSinks.length > 0 && ts.isCallExpression(call)) {
      const alias = this.checker.getTypeAtLocation(call.expression).aliasSymbol;
      const declaration = alias?.declarations?.[0];
      if (alias && declaration) {
        const address = addressOf(this.program, declaration);
        const sink = this.aliasSinks.find((s) => s.types.includes(alias.name) && moduleMatches(address, s.spec.module, this.policy.baseDir));
        if (sink) return this.sdkMatch(call, sink, address);
      }
    }
    return undefined;
  }

  private declarationMatches(rule: CompiledSink | CompiledCarrier, address: DeclarationAddress): boolean {
    if (!rule.methods.includes(address.member)) return false;
    if (rule.types.length > 0 ? !address.type || !rule.types.includes(address.type) : address.type !== undefined) return false;
    if (rule.file && !rule.file.test(address.file)) return false;
    return moduleMatches(address, rule.spec.module, this.policy.baseDir);
  }

  private sdkMatch(call: ts.CallExpression | ts.NewExpression, sink: CompiledSink, address: DeclarationAddress): SinkMatch {
    const member = address.member || sink.types[0] || '';
    const api = `${address.module} ${address.type && address.member ? `${address.type}.${member}` : member}`;
    const slots = sink.payload.flatMap((p) => this.slot(call, p, []) ?? []);
    return { platform: sink.spec.platform, api, matchedBy: 'declaration', slots };
  }

  private httpMatch(call: ts.CallExpression | ts.NewExpression, carrier: CompiledCarrier): SinkMatch | undefined {
    const urlNode = argumentAt(call, carrier.url);
    if (!urlNode) return undefined;
    const folded = foldString(this.checker, urlNode);
    const methodNode = carrier.httpMethodFrom ? argumentAt(call, carrier.httpMethodFrom) : undefined;
    const httpMethod = (carrier.spec.httpMethod ?? (methodNode ? foldString(this.checker, methodNode) : 'GET')).toUpperCase();
    for (const endpoint of this.endpoints) {
      if (endpoint.spec.method && endpoint.spec.method.toUpperCase() !== httpMethod && !httpMethod.includes('\u0000')) continue;
      if (!urlMatches(folded, endpoint.url)) continue;
      if (endpoint.spec.bodyHas && !this.bodyMayHave(call, carrier.body, endpoint.spec.bodyHas)) continue;
      const slots = endpoint.payload.flatMap((fields) => this.slot(call, carrier.body, fields) ?? []);
      const url = displayUrl(folded);
      return { platform: endpoint.spec.platform, api: `${httpMethod} ${url}`, matchedBy: 'url', url, slots };
    }
    return undefined;
  }

  /** False only when the body is visibly an object literal (or JSON.stringify of one) without that property. */
  private bodyMayHave(call: ts.CallExpression | ts.NewExpression, body: PayloadPath, field: string): boolean {
    let node = argumentAt(call, body);
    if (node && ts.isCallExpression(skipOuter(node))) node = (skipOuter(node) as ts.CallExpression).arguments[0];
    node = node && skipOuter(node);
    if (!node || !ts.isObjectLiteralExpression(node)) return true;
    return node.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && p.name.getText().replace(/['"]/g, '') === field));
  }

  private slot(call: ts.CallExpression | ts.NewExpression, at: PayloadPath, extra: string[]): PayloadSlot | undefined {
    const receiver = skipOuter(call.expression);
    const expression =
      at.index === -1 ? (ts.isPropertyAccessExpression(receiver) ? receiver.expression : undefined) : call.arguments?.[at.index];
    if (!expression || ts.isSpreadElement(expression)) return undefined;
    const fields = [...at.fields, ...extra];
    return { expression, fields, label: this.slotLabel(call, at.index, fields) };
  }

  private slotLabel(call: ts.CallExpression | ts.NewExpression, index: number, fields: string[]): string {
    if (index === -1) return 'the receiver';
    const signature = ts.isCallExpression(call) ? this.checker.getResolvedSignature(call) : undefined;
    const parameter = signature?.parameters[index]?.name ?? `#${index + 1}`;
    const suffix = fields.length ? `.${fields.join('.').replaceAll('.[]', '[]')}` : '';
    return `argument \`${parameter}${suffix}\``;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
