import { ts } from '@ts-morph/common';
import type { EndpointSpec, HttpCarrierSpec, Policy, SinkSpec } from '../policy/types.js';
import { addressOf, asList, calleeDeclarations, calleeName, lastSegment, moduleMatches, pushTo, skipOuter, type DeclarationAddress } from './declarations.js';
import { importOrigin, memberChain, producerCall } from './origins.js';
import { argumentAt, parseFieldPath, parsePayloadPath, type PayloadPath } from './payload-path.js';
import { displayUrl, foldString, HOLE, hostUnknown, urlMatches } from './url-fold.js';

/** One place in a send call where message content goes. */
export interface PayloadSlot {
  expression: ts.Expression;
  fields: string[];
  /** e.g. "argument `text`", "`body.message`". */
  label: string;
}

/**
 * How a send call was recognised: by the declaration its callee resolves to,
 * by the URL it posts to, by the name of the variable/env key its webhook URL
 * comes from, or (untyped SDKs) by the import and property names alone.
 */
export type MatchedBy = 'declaration' | 'url' | 'webhook-name' | 'name';

export interface SinkMatch {
  platform: string;
  api: string;
  matchedBy: MatchedBy;
  url?: string;
  /** The generic HTTP client the call goes through (`axios`, `fetch`), for `url` and `webhook-name` matches. */
  httpClient?: string;
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
  body: PayloadPath[];
  httpMethodFrom: PayloadPath[];
}

interface CompiledEndpoint {
  spec: EndpointSpec & { platform: string };
  url: RegExp;
  methods: string[];
  webhookKey?: RegExp;
  payload: string[][];
}

const CONSTRUCTOR = 'constructor';
const HTTP_VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const paths = (spec: string | undefined): PayloadPath[] =>
  (spec ?? '').split('|').flatMap((p) => parsePayloadPath(p.trim()) ?? []);

/** Recognises send calls by their resolved declaration, and HTTP calls by the endpoint they post to. */
export class SinkMatcher {
  private readonly byName = new Map<string, CompiledSink[]>();
  private readonly untypedByName = new Map<string, CompiledSink[]>();
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
        payload: spec.payload.flatMap((p) => parsePayloadPath(p) ?? []),
      };
      if (spec.untyped) {
        for (const method of compiled.methods) pushTo(this.untypedByName, lastSegment(method), compiled);
        continue;
      }
      if (compiled.methods.length === 0) this.aliasSinks.push(compiled);
      for (const method of compiled.methods) {
        // `new PublishCommand(input)`: the call is written with the class name.
        if (method === CONSTRUCTOR) for (const type of compiled.types) pushTo(this.byName, type, compiled);
        else pushTo(this.byName, lastSegment(method), compiled);
      }
    }
    for (const spec of policy.carriers) {
      const compiled: CompiledCarrier = {
        spec,
        methods: asList(spec.method),
        types: asList(spec.type),
        file: spec.file ? new RegExp(spec.file) : undefined,
        url: parsePayloadPath(spec.url)!,
        body: paths(spec.body),
        httpMethodFrom: paths(spec.via?.httpMethodFrom ?? spec.httpMethodFrom),
      };
      for (const method of compiled.methods) pushTo(this.carriersByName, lastSegment(method), compiled);
    }
    this.endpoints = policy.endpoints.map((spec) => ({
      spec,
      url: new RegExp(spec.url),
      methods: spec.method ? spec.method.toUpperCase().split('|') : [],
      webhookKey: spec.webhookKey ? new RegExp(spec.webhookKey, 'i') : undefined,
      payload: (spec.payload ?? ['']).map(parseFieldPath),
    }));
  }

  /** Cheap syntactic pre-filter: can this call be a sink at all? */
  isCandidate(call: ts.CallExpression | ts.NewExpression): boolean {
    const name = calleeName(call);
    if (name !== undefined && (this.byName.has(name) || this.carriersByName.has(name) || this.untypedByName.has(name))) return true;
    return this.aliasSinks.length > 0 && ts.isCallExpression(call) && ts.isIdentifier(skipOuter(call.expression));
  }

  match(call: ts.CallExpression | ts.NewExpression): SinkMatch | undefined {
    const name = calleeName(call);
    const sinks = name !== undefined ? this.byName.get(name) : undefined;
    const carriers = name !== undefined ? this.carriersByName.get(name) : undefined;
    if (sinks || carriers) {
      const isNew = ts.isNewExpression(call);
      for (const declaration of calleeDeclarations(this.checker, call)) {
        const address = addressOf(this.program, declaration);
        const sink = sinks?.find((s) => this.declarationMatches(s, address, isNew));
        if (sink) return this.sdkMatch(call, sink, address);
        const carrier = carriers?.find((c) => this.declarationMatches(c, address, isNew));
        if (carrier) {
          const http = this.httpMatch(call, carrier);
          if (http) return http;
        }
      }
      const receiver = this.receiverAddress(call);
      if (receiver) {
        const sink = sinks?.find((s) => this.receiverMatches(s, receiver));
        if (sink) return this.sdkMatch(call, sink, { ...receiver, member: name! });
        for (const carrier of carriers ?? []) {
          if (!this.receiverMatches(carrier, receiver)) continue;
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
    const untyped = name !== undefined ? this.untypedByName.get(name) : undefined;
    if (untyped) return this.untypedMatch(call, untyped);
    return undefined;
  }

  private declarationMatches(rule: CompiledSink | CompiledCarrier, address: DeclarationAddress, isNew: boolean): boolean {
    const member = address.member === '' && isNew ? CONSTRUCTOR : address.member;
    if (!rule.methods.includes(member)) return false;
    if (rule.types.length > 0 ? !address.type || !rule.types.includes(address.type) : address.type !== undefined) return false;
    if (rule.file && !rule.file.test(address.file)) return false;
    return moduleMatches(address, rule.spec.module, this.policy.baseDir);
  }

  /**
   * Where the receiver's declared type lives, for members that have no
   * declaration of their own (got's `post` comes from `Record<HTTPAlias, …>`).
   */
  private receiverAddress(call: ts.CallExpression | ts.NewExpression): DeclarationAddress | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const type = this.checker.getTypeAtLocation(callee.expression);
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration) return undefined;
    return { ...addressOf(this.program, declaration), type: symbol.name, member: '' };
  }

  private receiverMatches(rule: CompiledSink | CompiledCarrier, receiver: DeclarationAddress): boolean {
    if (!receiver.type || !rule.types.includes(receiver.type)) return false;
    if (rule.file && !rule.file.test(receiver.file)) return false;
    return moduleMatches(receiver, rule.spec.module, this.policy.baseDir);
  }

  /** An untyped SDK: the receiver is `any`, but it comes from an import of the module and the member names match. */
  private untypedMatch(call: ts.CallExpression | ts.NewExpression, rules: CompiledSink[]): SinkMatch | undefined {
    const callee = skipOuter(call.expression);
    const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : ts.isNewExpression(call) ? callee : undefined;
    if (!receiver) return undefined;
    const typed = ts.isNewExpression(call) ? callee : receiver;
    if (!(this.checker.getTypeAtLocation(typed).flags & ts.TypeFlags.Any)) return undefined;
    const module = importOrigin(this.checker, receiver);
    if (!module) return undefined;
    const chain = memberChain(callee);
    for (const rule of rules) {
      if (!asList(rule.spec.module).includes(module)) continue;
      const method = rule.methods.find((m) => chain.endsWith(m) && (chain.length === m.length || chain[chain.length - m.length - 1] === '.'));
      if (!method) continue;
      const slots = this.payloadPaths(call, rule.payload).flatMap((p) => this.slot(call, p, []) ?? []);
      return { platform: rule.spec.platform, api: `${module} ${method} (untyped, matched by name)`, matchedBy: 'name', slots };
    }
    return undefined;
  }

  private sdkMatch(call: ts.CallExpression | ts.NewExpression, sink: CompiledSink, address: DeclarationAddress): SinkMatch {
    const member = address.member || (ts.isNewExpression(call) ? `new ${address.type ?? ''}` : sink.types[0] || '');
    const api = `${address.module} ${address.type && address.member ? `${address.type}.${member}` : member}`;
    const slots = this.payloadPaths(call, sink.payload).flatMap((p) => this.slot(call, p, []) ?? []);
    return { platform: sink.spec.platform, api, matchedBy: 'declaration', slots };
  }

  /**
   * A model lists `arg0` (text given as a string) next to `arg0.text` (options
   * object): when the call passes an object literal there, only the listed
   * properties are payload, so a channel id beside the text is not.
   */
  private payloadPaths(call: ts.CallExpression | ts.NewExpression, payload: PayloadPath[]): PayloadPath[] {
    return payload.filter((p) => {
      if (p.fields.length > 0 || !payload.some((q) => q.index === p.index && q.fields.length > 0)) return true;
      const argument = call.arguments?.[p.index];
      return !argument || !ts.isObjectLiteralExpression(skipOuter(argument));
    });
  }

  private httpMatch(call: ts.CallExpression | ts.NewExpression, carrier: CompiledCarrier): SinkMatch | undefined {
    const via = carrier.spec.via;
    const requestCall = via ? this.producer(call, asList(via.method)) : call;
    if (!requestCall) return undefined;
    const urlNode = argumentAt(requestCall, via ? parsePayloadPath(via.url)! : carrier.url);
    if (!urlNode) return undefined;
    const names: string[] = [];
    let folded = foldString(this.checker, urlNode, names);
    if (carrier.spec.base && !/^[a-z]+:\/\//i.test(folded)) {
      const factory = this.producer(call, asList(carrier.spec.base.method));
      const baseNode = factory && argumentAt(factory, parsePayloadPath(carrier.spec.base.url)!);
      if (baseNode) folded = combineUrls(foldString(this.checker, baseNode, names), folded);
    }
    const httpMethod = this.httpMethodOf(requestCall, carrier);
    let byName: { endpoint: CompiledEndpoint; name: string } | undefined;
    for (const endpoint of this.endpoints) {
      if (endpoint.methods.length > 0 && !endpoint.methods.includes(httpMethod) && !httpMethod.includes(HOLE)) continue;
      if (endpoint.spec.bodyHas && !this.bodyMayHave(call, carrier.body, endpoint.spec.bodyHas)) continue;
      if (urlMatches(folded, endpoint.url)) {
        const url = displayUrl(folded);
        return { platform: endpoint.spec.platform, api: `${displayMethod(httpMethod)} ${url}`, matchedBy: 'url', url, httpClient: carrier.spec.name, slots: this.bodySlots(call, carrier, endpoint) };
      }
      if (!byName && endpoint.webhookKey && hostUnknown(folded)) {
        const name = names.find((n) => endpoint.webhookKey!.test(n));
        if (name) byName = { endpoint, name };
      }
    }
    if (!byName) return undefined;
    const url = displayUrl(folded);
    return {
      platform: byName.endpoint.spec.platform,
      api: `${displayMethod(httpMethod)} ${byName.endpoint.spec.platform} webhook URL read from \`${byName.name}\``,
      matchedBy: 'webhook-name',
      url,
      httpClient: carrier.spec.name,
      slots: this.bodySlots(call, carrier, byName.endpoint),
    };
  }

  private httpMethodOf(requestCall: ts.CallExpression | ts.NewExpression, carrier: CompiledCarrier): string {
    if (carrier.spec.httpMethod) return carrier.spec.httpMethod.toUpperCase();
    if (carrier.spec.via?.httpMethodFromName) return (calleeName(requestCall) ?? HOLE).toUpperCase();
    for (const at of carrier.httpMethodFrom) {
      const node = argumentAt(requestCall, at);
      if (node) return foldString(this.checker, node).toUpperCase();
    }
    if (carrier.httpMethodFrom.length > 0) return 'GET';
    const name = calleeName(requestCall)?.toUpperCase();
    return name && HTTP_VERBS.has(name) ? name : 'GET';
  }

  private bodySlots(call: ts.CallExpression | ts.NewExpression, carrier: CompiledCarrier, endpoint: CompiledEndpoint): PayloadSlot[] {
    return carrier.body.flatMap((body) => endpoint.payload.flatMap((fields) => this.slot(call, body, fields) ?? []));
  }

  /** The call that made the receiver of `call` (through variables and chained calls), if its name is one of `methods`. */
  private producer(call: ts.CallExpression | ts.NewExpression, methods: readonly string[]): ts.CallExpression | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    return producerCall(this.checker, callee.expression, methods);
  }

  /** False only when the body is visibly an object literal (or JSON.stringify of one) without that property. */
  private bodyMayHave(call: ts.CallExpression | ts.NewExpression, bodies: PayloadPath[], field: string): boolean {
    return bodies.some((body) => {
      let node = argumentAt(call, body);
      if (node && ts.isCallExpression(skipOuter(node))) node = (skipOuter(node) as ts.CallExpression).arguments[0];
      node = node && skipOuter(node);
      if (!node || !ts.isObjectLiteralExpression(node)) return true;
      return node.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && p.name.getText().replace(/['"]/g, '') === field));
    });
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
    const signature = this.checker.getResolvedSignature(call);
    const parameter = signature?.parameters[index]?.name ?? `#${index + 1}`;
    const suffix = fields.length ? `.${fields.join('.').replaceAll('.[]', '[]')}` : '';
    return `argument \`${parameter}${suffix}\``;
  }
}

/** axios `baseURL` and got `prefixUrl`: the path is appended to the base, one slash between them. */
function combineUrls(base: string, relative: string): string {
  if (!relative) return base;
  return `${base.replace(/\/+$/, '')}/${relative.replace(/^\/+/, '')}`;
}

const displayMethod = (method: string): string => (method.includes(HOLE) ? 'request' : method);

