import { ts } from '@ts-morph/common';
import type { EndpointSpec, HttpCarrierSpec } from '../policy/types.js';
import { asList, calleeName, skipOuter } from './declarations.js';
import { producerCall } from './origins.js';
import { argumentAt, parseFieldPath, parsePayloadPath, type PayloadPath } from './payload-path.js';
import { displayUrl, foldStrings, HOLE, hostUnknown, propertyValue, urlMatches } from './url-fold.js';

/** A generic HTTP client call (`fetch`, `axios.post`, `got`), compiled from its policy entry. */
export interface CompiledCarrier {
  spec: HttpCarrierSpec;
  methods: readonly string[];
  types: readonly string[];
  file?: RegExp;
  url: PayloadPath;
  body: PayloadPath[];
  httpMethodFrom: PayloadPath[];
  prefix?: PayloadPath;
}

interface CompiledEndpoint {
  spec: EndpointSpec & { platform: string };
  url: RegExp;
  methods: string[];
  webhookKey?: RegExp;
  payload: string[][];
}

/** Where an HTTP request carries message content, relative to the call's arguments. */
export interface BodySlot {
  at: PayloadPath;
  fields: string[];
}

export interface HttpSend {
  platform: string;
  api: string;
  matchedBy: 'url' | 'webhook-name' | 'body-shape';
  url: string;
  httpClient: string;
  slots: BodySlot[];
  /** Listed as a possible send only when financial data reaches its slots (a body built elsewhere says nothing by its shape). */
  onlyWithData?: boolean;
}

const HTTP_VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** Body fields that hold the text of a message on most platforms: a POST with one of them to an unknown host looks like a send. */
const MESSAGE_FIELDS = ['text', 'message', 'body', 'content', 'msg'];
const paths = (spec: string | undefined): PayloadPath[] => (spec ?? '').split('|').flatMap((p) => parsePayloadPath(p.trim()) ?? []);

export function compileCarrier(spec: HttpCarrierSpec): CompiledCarrier {
  return {
    spec,
    methods: asList(spec.method),
    types: asList(spec.type),
    ...(spec.file ? { file: new RegExp(spec.file) } : {}),
    url: parsePayloadPath(spec.url)!,
    body: paths(spec.body),
    httpMethodFrom: paths(spec.via?.httpMethodFrom ?? spec.httpMethodFrom),
    ...(spec.prefix ? { prefix: parsePayloadPath(spec.prefix)! } : {}),
  };
}

/**
 * Tells whether a call through a generic HTTP client posts to a modelled
 * messaging endpoint: its URL folded through constants (and the base URL of
 * the client or of the call's options), or a webhook URL read from a name
 * that names a platform. A POST whose JSON body has a message field is a
 * possible send (`body-shape`) when its host is not known statically, or when
 * its host is named for relaying messages and financial data reaches that field.
 */
export class HttpSends {
  private readonly endpoints: CompiledEndpoint[];
  private readonly relayWords: ReadonlySet<string>;

  constructor(
    private readonly checker: ts.TypeChecker,
    endpoints: readonly (EndpointSpec & { platform: string })[],
    relayWords: readonly string[] = [],
  ) {
    this.relayWords = new Set(relayWords.map((w) => w.toLowerCase()));
    this.endpoints = endpoints.map((spec) => ({
      spec,
      url: new RegExp(spec.url),
      methods: spec.method ? spec.method.toUpperCase().split('|') : [],
      ...(spec.webhookKey ? { webhookKey: new RegExp(spec.webhookKey, 'i') } : {}),
      payload: (spec.payload ?? ['']).map(parseFieldPath),
    }));
  }

  match(call: ts.CallExpression | ts.NewExpression, carrier: CompiledCarrier): HttpSend | undefined {
    const via = carrier.spec.via;
    const requestCall = via ? this.producer(call, asList(via.method)) : call;
    if (!requestCall) return undefined;
    const urlNode = argumentAt(requestCall, via ? parsePayloadPath(via.url)! : carrier.url, this.checker);
    if (!urlNode) return undefined;
    const names: string[] = [];
    let urls = foldStrings(this.checker, urlNode, names);
    const base = this.baseOf(call, requestCall, carrier, names);
    if (base) urls = urls.flatMap((url) => (/^[a-z]+:\/\//i.test(url) ? [url] : base.map((b) => combineUrls(b, url))));
    const httpMethod = this.httpMethodOf(requestCall, carrier);
    const client = carrier.spec.name;
    let byName: { endpoint: CompiledEndpoint; name: string; url: string } | undefined;
    for (const endpoint of this.endpoints) {
      if (endpoint.methods.length > 0 && !endpoint.methods.includes(httpMethod) && !httpMethod.includes(HOLE)) continue;
      if (endpoint.spec.bodyHas && !this.bodyMayHave(call, carrier.body, endpoint.spec.bodyHas)) continue;
      const url = urls.find((u) => urlMatches(u, endpoint.url));
      if (url !== undefined) {
        const shown = displayUrl(url);
        return { platform: endpoint.spec.platform, api: `${displayMethod(httpMethod)} ${shown}`, matchedBy: 'url', url: shown, httpClient: client, slots: this.bodySlots(carrier, endpoint.payload) };
      }
      if (!byName && endpoint.webhookKey && urls.some(hostUnknown)) {
        const name = names.find((n) => endpoint.webhookKey!.test(n));
        if (name) byName = { endpoint, name, url: urls.find(hostUnknown)! };
      }
    }
    if (byName) {
      return {
        platform: byName.endpoint.spec.platform,
        api: `${displayMethod(httpMethod)} ${byName.endpoint.spec.platform} webhook URL read from \`${byName.name}\``,
        matchedBy: 'webhook-name',
        url: displayUrl(byName.url),
        httpClient: client,
        slots: this.bodySlots(carrier, byName.endpoint.payload),
      };
    }
    return this.bodyShaped(call, carrier, urls, httpMethod, names);
  }

  /** The base URL the call's URL is relative to: from the call's own options (`prefixUrl`), or from the client it was made with (`axios.create({ baseURL })`). */
  private baseOf(call: ts.CallExpression | ts.NewExpression, requestCall: ts.CallExpression | ts.NewExpression, carrier: CompiledCarrier, names: string[]): string[] | undefined {
    const own = carrier.prefix && argumentAt(requestCall, carrier.prefix, this.checker);
    if (own) return foldStrings(this.checker, own, names);
    if (!carrier.spec.base) return undefined;
    const factory = this.producer(call, asList(carrier.spec.base.method));
    const baseNode = factory && argumentAt(factory, parsePayloadPath(carrier.spec.base.url)!, this.checker);
    return baseNode ? foldStrings(this.checker, baseNode, names) : undefined;
  }

  /**
   * A POST (or PUT/PATCH) to a host not known statically, whose body is
   * visibly an object (or `JSON.stringify` of one) with a message field: it
   * looks like a send, so it is listed for a person to confirm or model. To a
   * host the code names but no model does, only with financial data in it.
   */
  private bodyShaped(call: ts.CallExpression | ts.NewExpression, carrier: CompiledCarrier, urls: string[], httpMethod: string, names: string[]): HttpSend | undefined {
    if (!['POST', 'PUT', 'PATCH'].includes(httpMethod) || urls.length === 0) return undefined;
    // A host the code names but no platform model does: a relay in front of a platform (`https://tg.example.org/notify`)
    // when its host says so, listed only when financial data reaches its message field; otherwise (the bank's own API) not.
    const named = urls.filter((u) => !hostUnknown(u));
    const relay = named.find((u) => this.namesRelay(u));
    if (named.length > 0 && relay === undefined) return undefined;
    const from = relay !== undefined ? `${displayUrl(relay)} (a host no platform model names)` : names.length > 0 ? `a URL read from \`${names[0]}\`` : 'a URL not known statically';
    let opaque: PayloadPath | undefined;
    for (const body of carrier.body) {
      const object = this.bodyObject(call, body);
      if (!object) {
        if (!opaque && argumentAt(call, body, this.checker)) opaque = body;
        continue;
      }
      const fields = MESSAGE_FIELDS.filter((field) => propertyValue(object, field) !== undefined);
      if (fields.length === 0) continue;
      return {
        platform: 'unknown',
        api: `${httpMethod} to ${from} with a message-like body (${fields.map((f) => `\`${f}\``).join(', ')})`,
        matchedBy: 'body-shape',
        url: displayUrl(urls[0]!),
        httpClient: carrier.spec.name,
        slots: fields.map((field) => ({ at: body, fields: [field] })),
        ...(relay !== undefined ? { onlyWithData: true } : {}),
      };
    }
    // A body built elsewhere (`fetch(this.url, { method: 'POST', body })`): listed when financial data reaches it.
    if (!opaque || relay !== undefined) return undefined;
    return {
      platform: 'unknown',
      api: `${httpMethod} to ${from} with a body built elsewhere`,
      matchedBy: 'body-shape',
      url: displayUrl(urls[0]!),
      httpClient: carrier.spec.name,
      slots: [{ at: opaque, fields: [] }],
      onlyWithData: true,
    };
  }

  /**
   * Whether a label of the URL's host is one of the relay words (`tg.example.org`, `notify-svc.internal`). Only the
   * host: a path such as `/chat.postMessage` or `/notify` on the bank's own API says too little.
   */
  private namesRelay(url: string): boolean {
    const host = /^[a-z]+:\/\/([^/?#]*)/i.exec(url)?.[1];
    return host !== undefined && host.split(/[.:-]/).some((label) => this.relayWords.has(label.toLowerCase()));
  }

  /** The object literal a body argument is, directly or as the first argument of a call around it (`JSON.stringify({ … })`). */
  private bodyObject(call: ts.CallExpression | ts.NewExpression, body: PayloadPath): ts.ObjectLiteralExpression | undefined {
    let node = argumentAt(call, body, this.checker);
    if (node && ts.isCallExpression(skipOuter(node))) node = (skipOuter(node) as ts.CallExpression).arguments[0];
    node = node && skipOuter(node);
    return node && ts.isObjectLiteralExpression(node) ? node : undefined;
  }

  private httpMethodOf(requestCall: ts.CallExpression | ts.NewExpression, carrier: CompiledCarrier): string {
    if (carrier.spec.httpMethod) return carrier.spec.httpMethod.toUpperCase();
    if (carrier.spec.via?.httpMethodFromName) return (calleeName(requestCall) ?? HOLE).toUpperCase();
    for (const at of carrier.httpMethodFrom) {
      const node = argumentAt(requestCall, at, this.checker);
      if (node) return (foldStrings(this.checker, node)[0] ?? HOLE).toUpperCase();
    }
    if (carrier.httpMethodFrom.length > 0) return 'GET';
    const name = calleeName(requestCall)?.toUpperCase();
    return name && HTTP_VERBS.has(name) ? name : 'GET';
  }

  private bodySlots(carrier: CompiledCarrier, payload: readonly string[][]): BodySlot[] {
    return carrier.body.flatMap((at) => payload.map((fields) => ({ at, fields: [...fields] })));
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
      const object = this.bodyObject(call, body);
      return !object || object.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && p.name.getText().replace(/['"]/g, '') === field));
    });
  }
}

/** axios `baseURL` and got `prefixUrl`: the path is appended to the base, one slash between them. */
function combineUrls(base: string, relative: string): string {
  if (!relative) return base;
  return `${base.replace(/\/+$/, '')}/${relative.replace(/^\/+/, '')}`;
}

const displayMethod = (method: string): string => (method.includes(HOLE) ? 'request' : method);
