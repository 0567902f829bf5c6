import { ts } from '@ts-morph/common';
import type { HttpCarrierSpec, SourceCallSpec } from '../policy/types.js';
import { addressOf, asList, calleeDeclarations, calleeName, lastSegment, moduleMatches, pushTo, skipOuter, type DeclarationAddress } from './declarations.js';
import { UNCLASSIFIED, type FieldRules } from './field-rules.js';
import { EVERY_FIELD, summarizeFields, type FinancialMatch } from './financial-types.js';
import { argumentAt, parsePayloadPath, type PayloadPath } from './payload-path.js';
import { displayUrl, foldString, urlMatches } from './url-fold.js';

interface Helper {
  typeAtPath(type: ts.Type, path: readonly string[]): ts.Type | undefined;
  where(node: ts.Node): string;
}

interface CompiledCall {
  spec: SourceCallSpec;
  types: readonly string[];
  methods: readonly string[];
}

interface CompiledUrlCall {
  spec: SourceCallSpec;
  url: RegExp;
  httpMethod: string;
}

interface CompiledClient {
  spec: HttpCarrierSpec;
  types: readonly string[];
  methods: readonly string[];
  url: PayloadPath;
  httpMethodFrom?: PayloadPath;
}


/**
 * Calls modelled in `sources.calls` as returning financial data. Their result
 * is a source where the types do not already say what it is: the whole
 * result, or a part of it typed `any`/`unknown` or not declared at all (what
 * `await (await fetch(url)).json()` or an untyped bank client hands back).
 * A typed part (`response.status`) is not.
 */
export class SourceCalls {
  private readonly byName = new Map<string, CompiledCall[]>();
  private readonly urlCalls: CompiledUrlCall[] = [];
  private readonly clientsByName = new Map<string, CompiledClient[]>();

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
    specs: readonly SourceCallSpec[],
    clients: readonly HttpCarrierSpec[],
    private readonly baseDir: string,
    private readonly helper: Helper,
    private readonly rules: FieldRules,
  ) {
    for (const spec of specs) {
      if (spec.url !== undefined) {
        this.urlCalls.push({ spec, url: new RegExp(spec.url), httpMethod: (spec.httpMethod ?? 'GET').toUpperCase() });
        continue;
      }
      const compiled = { spec, types: asList(spec.type), methods: asList(spec.method) };
      for (const method of compiled.methods) pushTo(this.byName, lastSegment(method), compiled);
    }
    if (this.urlCalls.length > 0) {
      for (const spec of clients) {
        const compiled: CompiledClient = {
          spec,
          types: asList(spec.type),
          methods: asList(spec.method),
          url: parsePayloadPath(spec.url)!,
          ...(spec.httpMethodFrom ? { httpMethodFrom: parsePayloadPath(spec.httpMethodFrom)! } : {}),
        };
        for (const method of compiled.methods) pushTo(this.clientsByName, lastSegment(method), compiled);
      }
    }
  }

  match(node: ts.Node, fields: readonly string[]): FinancialMatch | undefined {
    const call = ts.isExpression(node) ? skipOuter(node) : node;
    if (!ts.isCallExpression(call)) return undefined;
    const name = calleeName(call);
    if (name === undefined) return undefined;
    const methods = this.byName.get(name);
    const clients = this.urlCalls.length > 0 ? this.clientsByName.get(name) : undefined;
    if (!methods && !clients) return undefined;
    if (!this.untypedAt(call, fields)) return undefined;
    for (const declaration of calleeDeclarations(this.checker, call)) {
      const address = addressOf(this.program, declaration);
      const method = methods?.find((m) => this.declarationMatches(m.types, m.methods, m.spec.module ?? [], address));
      if (method) {
        const member = address.type ? `${address.type}.${address.member}` : address.member;
        return {
          kind: method.spec.kind ?? `${address.member.replace(/\W/g, '_')}Result`,
          reason: `result of \`${member}\` (${this.helper.where(declaration)})${this.untypedNote(call)}: listed in \`sources.calls\` as returning financial data`,
          ...this.fieldsAt(call, fields, method.spec),
        };
      }
      for (const client of clients ?? []) {
        if (!this.declarationMatches(client.types, client.methods, client.spec.module, address)) continue;
        const found = this.urlCall(call, client, fields);
        if (found) return found;
      }
    }
    return undefined;
  }

  /**
   * Untyped bank data has no declared fields: the field read first where the
   * types stop (`available` of `(await res.json()).available`) is financial,
   * in the call's category, or in the category a field rule gives its name
   * (`available_balance` is a balance), else `unclassified`; the whole result
   * when nothing of it is read.
   */
  private fieldsAt(call: ts.CallExpression, fields: readonly string[], spec: SourceCallSpec): Pick<FinancialMatch, 'fields' | 'categories' | 'summary'> {
    const type = this.checker.getTypeAtLocation(call);
    let untyped = 0;
    while (untyped < fields.length && !isUntyped(this.checker, this.helper.typeAtPath(type, fields.slice(0, untyped)))) untyped++;
    const field = fields.slice(untyped).find((f) => f !== '[]' && f !== '()' && !/^\d+$/.test(f));
    const category = spec.category ?? (field !== undefined ? this.rules.classify([{ name: field }], [], 'bank data').fields[0]?.category : undefined) ?? UNCLASSIFIED;
    const path = field ?? EVERY_FIELD;
    return { fields: [path], categories: [category], summary: summarizeFields(new Map([[path, category]])) };
  }

  private urlCall(call: ts.CallExpression, client: CompiledClient, fields: readonly string[]): FinancialMatch | undefined {
    const urlNode = argumentAt(call, client.url);
    if (!urlNode) return undefined;
    const folded = foldString(this.checker, urlNode);
    const methodNode = client.httpMethodFrom ? argumentAt(call, client.httpMethodFrom) : undefined;
    const httpMethod = (client.spec.httpMethod ?? (methodNode ? foldString(this.checker, methodNode) : 'GET')).toUpperCase();
    for (const source of this.urlCalls) {
      if (source.httpMethod !== '*' && source.httpMethod !== httpMethod) continue;
      if (!urlMatches(folded, source.url)) continue;
      return {
        kind: source.spec.kind ?? 'BankApiResponse',
        reason: `response of ${httpMethod} ${displayUrl(folded)} through ${client.spec.name}, a bank API listed in \`sources.calls\` (\`${source.spec.url}\`)`,
        ...this.fieldsAt(call, fields, source.spec),
      };
    }
    return undefined;
  }

  /** The whole result, or a part of it the declared types do not describe. */
  private untypedAt(call: ts.CallExpression, fields: readonly string[]): boolean {
    return fields.length === 0 || isUntyped(this.checker, this.helper.typeAtPath(this.checker.getTypeAtLocation(call), fields));
  }

  private untypedNote(call: ts.CallExpression): string {
    const type = this.checker.getAwaitedType(this.checker.getTypeAtLocation(call));
    return type && type.flags & ts.TypeFlags.Any ? ', typed `any`' : type && type.flags & ts.TypeFlags.Unknown ? ', typed `unknown`' : '';
  }

  private declarationMatches(types: readonly string[], methods: readonly string[], module: string | readonly string[], address: DeclarationAddress): boolean {
    if (!methods.some((m) => m === address.member || lastSegment(m) === address.member)) return false;
    if (types.length > 0 && (!address.type || !types.includes(address.type))) return false;
    return moduleMatches(address, module, this.baseDir);
  }
}


/** No declared type says what this is: not there at all, `any` or `unknown` (through a promise too). */
function isUntyped(checker: ts.TypeChecker, type: ts.Type | undefined): boolean {
  if (type === undefined) return true;
  return ((checker.getAwaitedType(type) ?? type).flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
}
