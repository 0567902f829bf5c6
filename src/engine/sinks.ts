import { ts } from '@ts-morph/common';
import type { Policy, SenderSpec, SinkSpec } from '../policy/types.js';
import { calleeOrigin, declaredTypeName, type CalleeOrigin } from './callee-origin.js';
import { addressOf, asList, calleeDeclarations, calleeName, lastSegment, moduleMatches, pushTo, skipOuter, type DeclarationAddress } from './declarations.js';
import { callsReceiving, commandAt } from './command-objects.js';
import { compileCarrier, HttpSends, type CompiledCarrier, type HttpSend } from './http-sends.js';
import { importOrigin, memberChain } from './origins.js';
import { handlerParameter, RegisteredHandlers } from './registered-handlers.js';
import { parseSinkPayload, type PayloadPath } from './payload-path.js';
import { ProjectCode } from './project-code.js';

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
 * Three more say a call only looks like a send: an HTTP POST to a host not
 * known statically with a message-like body (`body-shape`), a method named
 * like a modelled send on a receiver typed `any` (`untyped-receiver`), and a
 * send-like name of a library no send model covers (`send-name`).
 */
export type MatchedBy = 'declaration' | 'url' | 'webhook-name' | 'name' | 'body-shape' | 'untyped-receiver' | 'send-name';

export interface SinkMatch {
  platform: string;
  api: string;
  matchedBy: MatchedBy;
  url?: string;
  /** The generic HTTP client the call goes through (`axios`, `fetch`), for HTTP matches. */
  httpClient?: string;
  slots: PayloadSlot[];
  /** A possible send listed only when financial data reaches it. */
  onlyWithData?: boolean;
}

/** Matches that only say a call may be a send: listed as possible sends for a person to confirm or model. */
export const POSSIBLE: ReadonlySet<MatchedBy> = new Set(['name', 'body-shape', 'untyped-receiver', 'send-name']);
/** Possible sends that are still reported as findings when financial data reaches them (an untyped SDK matched by import and name). */
export const REPORTED: ReadonlySet<MatchedBy> = new Set(['declaration', 'url', 'webhook-name', 'name']);

interface CompiledSink {
  spec: SinkSpec & { platform: string };
  methods: readonly string[];
  types: readonly string[];
  file?: RegExp;
  payload: PayloadPath[];
}

interface CompiledSender {
  spec: SenderSpec;
  methods: readonly string[];
  types: readonly string[];
  /** The command sinks this method sends. */
  commands: CompiledSink[];
}

type Rule = Pick<CompiledSink, 'methods' | 'types' | 'file'> & { spec: { module: string | string[] } };

/** The arguments a payload path `argN` indexes: a call's own, after any bound by `.bind(thisArg, …)`. */
interface Arguments {
  call: ts.CallExpression | ts.NewExpression;
  list: readonly ts.Expression[];
}

const CONSTRUCTOR = 'constructor';
const MAX_HERITAGE = 3;
/**
 * Names that say "send a message" on their own, for receivers typed `any`:
 * `ctx.reply`, `bot.sendMessage`, `client.pushText`. Generic verbs that modelled
 * SDKs also use (`send`, `post`, `push`, `create`, `updateMany`) are left out:
 * on an untyped receiver they are as likely `res.send`, `array.push` or an ORM.
 */
const SEND_NAME = /^(send[A-Z]|reply|respond$|say$|broadcast|multicast|narrowcast|post[A-Z]|push[A-Z]|answer[A-Z]|followUp$|edit(Message|Reply)|queueTextChunk$|(create|add|relay)Message$|buildAndSend$)/;

/**
 * Recognises send calls: by the declaration their callee resolves to (also
 * when the callee is a destructured, bound, copied or renamed member, or a
 * method of a library class that implements a modelled interface), by the
 * command object they send, and HTTP calls by the endpoint they post to.
 * Every test starts from what the syntax and the symbol table say; types are
 * computed only where a declaration leaves the question open.
 */
export class SinkMatcher {
  private readonly byName = new Map<string, CompiledSink[]>();
  private readonly untypedByName = new Map<string, CompiledSink[]>();
  private readonly aliasSinks: CompiledSink[] = [];
  private readonly carriersByName = new Map<string, CompiledCarrier[]>();
  private readonly sendersByName = new Map<string, CompiledSender[]>();
  private readonly http: HttpSends;
  private readonly handlers: RegisteredHandlers;
  /** Packages the policy models as something other than a messaging SDK (HTTP clients, libraries, bank SDKs): their send-like names are not sends. */
  private readonly notMessaging: ReadonlySet<string>;

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
    private readonly policy: Policy,
  ) {
    const senders = new Map<SenderSpec, CompiledSender>();
    for (const spec of policy.sinks) {
      const compiled: CompiledSink = {
        spec,
        methods: asList(spec.method),
        types: asList(spec.type),
        ...(spec.file ? { file: new RegExp(spec.file) } : {}),
        payload: spec.payload.flatMap((p) => parseSinkPayload(p) ?? []),
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
      for (const sender of spec.sentBy ?? []) {
        let entry = senders.get(sender);
        if (!entry) {
          entry = { spec: sender, methods: asList(sender.method), types: asList(sender.type), commands: [] };
          senders.set(sender, entry);
          for (const method of entry.methods) pushTo(this.sendersByName, lastSegment(method), entry);
        }
        entry.commands.push(compiled);
      }
    }
    for (const spec of policy.carriers) {
      const compiled = compileCarrier(spec);
      for (const method of compiled.methods) pushTo(this.carriersByName, lastSegment(method), compiled);
    }
    this.http = new HttpSends(checker, policy.endpoints, policy.relayWords ?? []);
    this.handlers = new RegisteredHandlers(program, checker);
    const sinkModules = new Set(policy.sinks.flatMap((s) => asList(s.module)));
    const modelled = [...policy.carriers, ...policy.sources.httpClients, ...policy.propagators, ...policy.sources.sdkTypes, ...policy.sources.calls, ...(policy.events ?? []), ...(policy.queues ?? [])];
    this.notMessaging = new Set(['lib', 'node', ...modelled.flatMap((m) => asList(m.module ?? [])).filter((m) => !sinkModules.has(m))]);
  }

  /** Cheap syntactic pre-filter: can this call be a sink at all? */
  isCandidate(call: ts.CallExpression | ts.NewExpression): boolean {
    const name = calleeName(call);
    if (name !== undefined && (this.byName.has(name) || this.carriersByName.has(name) || this.untypedByName.has(name) || this.sendersByName.has(name) || SEND_NAME.test(name))) return true;
    // A bare name may stand for a destructured, bound or renamed member.
    return ts.isCallExpression(call) && ts.isIdentifier(skipOuter(call.expression));
  }

  match(call: ts.CallExpression | ts.NewExpression): SinkMatch | undefined {
    const name = calleeName(call);
    const own: Arguments = { call, list: call.arguments ?? [] };
    if (name !== undefined && (this.byName.has(name) || this.carriersByName.has(name))) {
      const found = this.matchDeclarations(call, calleeDeclarations(this.checker, call), own, name) ?? this.matchReceiver(call, name, own);
      if (found) return found;
    }
    const sender = name !== undefined ? this.sendersByName.get(name) : undefined;
    if (sender) {
      const sent = this.matchSender(call, sender);
      if (sent) return sent;
    }
    if (ts.isCallExpression(call) && ts.isIdentifier(skipOuter(call.expression))) {
      const found = this.matchBareName(call);
      if (found) return found;
    }
    const untyped = name !== undefined ? this.untypedByName.get(name) : undefined;
    if (untyped) {
      const found = this.untypedMatch(call, untyped);
      if (found) return found;
    }
    const untypedReceiver = name !== undefined && this.byName.has(name) ? this.untypedReceiver(call, name) : undefined;
    return untypedReceiver ?? (name !== undefined && SEND_NAME.test(name) ? this.unmodelledSend(call, name) : undefined);
  }

  /**
   * A method named like a send (`sendMessage`, `reply`, `postMessage`) that
   * no model covers: of a messaging framework finleak does not know, or left
   * out of a known SDK's model. A possible send, listed when financial data
   * reaches one of its arguments. Project code is followed by the flow
   * instead; TypeScript's lib, Node and packages modelled as something else
   * (HTTP clients, stores, bank SDKs) are not sends by name.
   */
  private unmodelledSend(call: ts.CallExpression | ts.NewExpression, name: string): SinkMatch | undefined {
    if (!ts.isCallExpression(call)) return undefined;
    const declaration = calleeDeclarations(this.checker, call)[0];
    if (!declaration || ProjectCode.of(this.program).hasNode(declaration)) return undefined;
    const address = addressOf(this.program, declaration);
    if (this.notMessaging.has(address.module)) return undefined;
    const args: Arguments = { call, list: call.arguments };
    const slots = call.arguments.flatMap((_, i) => this.slot(args, parseSinkPayload(`arg${i}`)!, []) ?? []);
    const member = address.type && address.member ? `${address.type}.${address.member}` : address.member || name;
    return { platform: 'unknown', api: `${address.module} ${member} (named like a send; no model says what it sends)`, matchedBy: 'send-name', slots, onlyWithData: true };
  }

  /** The first declaration (or a member it implements, for library classes) that a sink or HTTP client models. */
  private matchDeclarations(call: ts.CallExpression | ts.NewExpression, declarations: readonly ts.Declaration[], args: Arguments, name: string | undefined, how?: CalleeOrigin['how']): SinkMatch | undefined {
    const isNew = ts.isNewExpression(call);
    const seen = new Set<ts.Declaration>();
    let level = [...declarations];
    for (let depth = 0; depth <= MAX_HERITAGE && level.length > 0; depth++) {
      for (const declaration of level) {
        seen.add(declaration);
        const address = addressOf(this.program, declaration);
        // Rules are looked up by the declared name (a renamed import, a destructured alias) and by the name written.
        const names = new Set([isNew && address.member === '' ? (address.type ?? '') : lastSegment(address.member), ...(name !== undefined ? [name] : [])]);
        const sink = [...names].flatMap((n) => this.byName.get(n) ?? []).find((s) => this.declarationMatches(s, address, isNew));
        if (sink) {
          if (isNew && sink.spec.sentBy && this.sentVisibly(call as ts.NewExpression, sink)) return undefined;
          return this.sdkMatch(call, sink, address, args, declaration, how);
        }
        for (const carrier of [...names].flatMap((n) => this.carriersByName.get(n) ?? [])) {
          if (!this.declarationMatches(carrier, address, isNew)) continue;
          const http = this.http.match(call, carrier);
          if (http) return this.httpMatch(call, http);
        }
        const alias = this.aliasSinks.length > 0 ? declaredTypeName(this.checker, declaration) : undefined;
        if (alias) {
          const aliasSink = this.aliasMatch(alias.name, alias.declaration);
          if (aliasSink) return this.sdkMatch(call, aliasSink, addressOf(this.program, alias.declaration), args, declaration, how);
        }
      }
      level = level.flatMap((d) => this.implemented(d)).filter((d) => !seen.has(d));
    }
    return undefined;
  }

  /**
   * The members a library class method implements or overrides: `postMessage`
   * of `TelegramAdapter implements Adapter` is `Adapter.postMessage` (Chat SDK adapters).
   * Project classes are left to the flow analysis, which follows their bodies.
   */
  private implemented(declaration: ts.Declaration): ts.Declaration[] {
    const owner = declaration.parent;
    const name = (declaration as ts.NamedDeclaration).name;
    if (!owner || !ts.isClassLike(owner) || !owner.heritageClauses || !name || !ts.isIdentifier(name)) return [];
    if (!declaration.getSourceFile().isDeclarationFile) return [];
    return owner.heritageClauses.flatMap((clause) =>
      clause.types.flatMap((heritage) => this.checker.getTypeAtLocation(heritage).getProperty(name.text)?.declarations ?? []),
    );
  }

  /** A bare-name callee: what it is a copy of, or the type alias it is declared with. */
  private matchBareName(call: ts.CallExpression): SinkMatch | undefined {
    const origin = calleeOrigin(this.checker, call);
    if (origin) {
      const args: Arguments = origin.bound ? { call, list: [...origin.bound.arguments.slice(1), ...call.arguments] } : { call, list: call.arguments };
      return this.matchDeclarations(call, origin.declarations, args, undefined, origin.how);
    }
    if (this.aliasSinks.length === 0 || !this.isContextualParameter(call)) return undefined;
    // A callback parameter typed only by its context (`(say) => say(…)`): the one place a type is computed for a bare name.
    const alias = this.checker.getTypeAtLocation(call.expression).aliasSymbol;
    const declaration = alias?.declarations?.[0];
    const sink = alias && declaration ? this.aliasMatch(alias.name, declaration) : undefined;
    return sink && declaration ? this.sdkMatch(call, sink, addressOf(this.program, declaration), { call, list: call.arguments }, declaration) : undefined;
  }

  private isContextualParameter(call: ts.CallExpression): boolean {
    const declaration = this.checker.getSymbolAtLocation(skipOuter(call.expression))?.valueDeclaration;
    return declaration !== undefined && ts.isParameter(declaration) && !declaration.type && ts.isIdentifier(declaration.name);
  }

  private aliasMatch(name: string, declaration: ts.Declaration): CompiledSink | undefined {
    const address = addressOf(this.program, declaration);
    return this.aliasSinks.find((s) => s.types.includes(name) && moduleMatches(address, s.spec.module, this.policy.baseDir));
  }

  /** Members that have no declaration of their own (got's `post` comes from `Record<HTTPAlias, …>`): the receiver's declared type. */
  private matchReceiver(call: ts.CallExpression | ts.NewExpression, name: string, args: Arguments): SinkMatch | undefined {
    const receiver = this.receiverAddress(call);
    if (!receiver) return undefined;
    const sink = this.byName.get(name)?.find((s) => this.receiverMatches(s, receiver));
    if (sink) return this.sdkMatch(call, sink, { ...receiver, member: name }, args);
    for (const carrier of this.carriersByName.get(name) ?? []) {
      if (!this.receiverMatches(carrier, receiver)) continue;
      const http = this.http.match(call, carrier);
      if (http) return this.httpMatch(call, http);
    }
    return undefined;
  }

  private declarationMatches(rule: Rule, address: DeclarationAddress, isNew: boolean): boolean {
    const member = address.member === '' && isNew ? CONSTRUCTOR : address.member;
    if (!rule.methods.includes(member)) return false;
    if (rule.types.length > 0 ? !address.type || !rule.types.includes(address.type) : address.type !== undefined) return false;
    if (rule.file && !rule.file.test(address.file)) return false;
    return moduleMatches(address, rule.spec.module, this.policy.baseDir);
  }

  private receiverAddress(call: ts.CallExpression | ts.NewExpression): DeclarationAddress | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const type = this.checker.getTypeAtLocation(callee.expression);
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration) return undefined;
    return { ...addressOf(this.program, declaration), type: symbol.name, member: '' };
  }

  private receiverMatches(rule: Rule, receiver: DeclarationAddress): boolean {
    if (!receiver.type || !rule.types.includes(receiver.type)) return false;
    if (rule.file && !rule.file.test(receiver.file)) return false;
    return moduleMatches(receiver, rule.spec.module, this.policy.baseDir);
  }

  /**
   * `client.send(command)` / `client.invoke(request)`: a modelled sender whose
   * first argument is (a `const` holding) a `new` of a modelled command. The
   * payload is read from the command's constructor arguments.
   */
  private matchSender(call: ts.CallExpression | ts.NewExpression, senders: readonly CompiledSender[]): SinkMatch | undefined {
    if (!ts.isCallExpression(call)) return undefined;
    const command = commandAt(this.checker, call.arguments[0]);
    if (!command) return undefined;
    for (const address of calleeDeclarations(this.checker, call).map((d) => addressOf(this.program, d))) {
      const sender = senders.find((s) => this.senderMatches(s, address));
      if (!sender) continue;
      for (const declaration of calleeDeclarations(this.checker, command)) {
        const commandAddress = addressOf(this.program, declaration);
        const sink = sender.commands.find((s) => this.declarationMatches(s, commandAddress, true));
        if (!sink) continue;
        const match = this.sdkMatch(command, sink, commandAddress, { call: command, list: command.arguments ?? [] }, declaration);
        return { ...match, api: `${match.api} sent by ${address.type ? `${address.type}.` : ''}${address.member}` };
      }
    }
    return undefined;
  }

  private senderMatches(sender: CompiledSender, address: DeclarationAddress): boolean {
    if (!sender.methods.includes(address.member)) return false;
    if (sender.types.length > 0 && (!address.type || !sender.types.includes(address.type))) return false;
    return moduleMatches(address, sender.spec.module, this.policy.baseDir);
  }

  /** Whether a command built here visibly reaches one of its senders, which then is the send call reported. */
  private sentVisibly(command: ts.NewExpression, sink: CompiledSink): boolean {
    const senders = [...this.sendersByName.values()].flat().filter((s) => s.commands.includes(sink));
    return callsReceiving(this.checker, command).some((call) => {
      const name = calleeName(call);
      if (name === undefined || !senders.some((s) => s.methods.some((m) => lastSegment(m) === name))) return false;
      return calleeDeclarations(this.checker, call).some((d) => senders.some((s) => this.senderMatches(s, addressOf(this.program, d))));
    });
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
      const args: Arguments = { call, list: call.arguments ?? [] };
      const slots = this.payloadPaths(args, rule.payload).flatMap((p) => this.slot(args, p, []) ?? []);
      return { platform: rule.spec.platform, api: `${module} ${method} (untyped, matched by name)`, matchedBy: 'name', slots };
    }
    return undefined;
  }

  /**
   * A method named like a modelled send (`reply`, `sendMessage`) on a receiver
   * typed `any` that no import explains (`async function handler(ctx: any) { ctx.reply(…) }`):
   * a possible send, with the payload of the models that use that name.
   */
  private untypedReceiver(call: ts.CallExpression | ts.NewExpression, name: string): SinkMatch | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(callee)) return undefined;
    if (!(this.checker.getTypeAtLocation(callee.expression).flags & ts.TypeFlags.Any)) return undefined;
    const registered = this.registeredReceiver(call, callee, name);
    if (registered) return registered;
    // An `any` that comes from a modelled package (its typings did not resolve) names the platform even for generic names.
    const module = importOrigin(this.checker, callee.expression);
    const fromModule = module !== undefined ? this.byName.get(name)!.filter((m) => asList(m.spec.module).includes(module)) : [];
    if (fromModule.length === 0 && !SEND_NAME.test(name)) return undefined;
    const models = fromModule.length > 0 ? fromModule : this.byName.get(name)!;
    const platforms = [...new Set(models.map((m) => m.spec.platform))];
    const payload = uniquePaths(models.flatMap((m) => m.payload));
    const args: Arguments = { call, list: call.arguments };
    const slots = this.payloadPaths(args, payload).flatMap((p) => this.slot(args, p, []) ?? []);
    const where = fromModule.length > 0 ? `imported from ${module}, whose typings did not resolve` : `a send method of ${platforms.join(', ')}`;
    return { platform: platforms.length === 1 ? platforms[0]! : 'unknown', api: `\`${name}\` on a receiver typed \`any\` (${where})`, matchedBy: 'untyped-receiver', slots };
  }

  /**
   * An untyped handler parameter (`async (ctx: any) => ctx.reply(…)`) typed by
   * the places its function is registered (`bot.command('x', handler)`): the
   * member resolves there as it would in an inline handler.
   */
  private registeredReceiver(call: ts.CallExpression, callee: ts.PropertyAccessExpression, name: string): SinkMatch | undefined {
    const handler = handlerParameter(this.checker, callee.expression);
    if (!handler) return undefined;
    for (const type of this.handlers.typesOf(handler.parameter, handler.path)) {
      const declarations = type.getProperty(name)?.declarations ?? [];
      const found = this.matchDeclarations(call, declarations, { call, list: call.arguments }, name, 'registered');
      if (found) return found;
    }
    return undefined;
  }

  private sdkMatch(call: ts.CallExpression | ts.NewExpression, sink: CompiledSink, address: DeclarationAddress, args: Arguments, declaration?: ts.Declaration, how?: CalleeOrigin['how']): SinkMatch {
    const member = address.member || (ts.isNewExpression(call) ? `new ${address.type ?? ''}` : sink.types[0] || '');
    const through = how === 'registered' ? ' (typed where its handler is registered)' : how === 'destructured' || how === 'bound' || how === 'copied' ? ` (${how})` : '';
    const api = `${address.module} ${address.type && address.member ? `${address.type}.${member}` : member}${through}`;
    const parameters = declaration ? parameterNames(declaration) : undefined;
    const slots = this.payloadPaths(args, sink.payload).flatMap((p) => this.slot(args, p, [], parameters) ?? []);
    return { platform: sink.spec.platform, api, matchedBy: 'declaration', slots };
  }

  private httpMatch(call: ts.CallExpression | ts.NewExpression, send: HttpSend): SinkMatch {
    const args: Arguments = { call, list: call.arguments ?? [] };
    const slots = send.slots.flatMap((s) => this.slot(args, s.at, s.fields) ?? []);
    return { platform: send.platform, api: send.api, matchedBy: send.matchedBy, url: send.url, httpClient: send.httpClient, slots, ...(send.onlyWithData ? { onlyWithData: true } : {}) };
  }

  /**
   * A model lists `arg0` (text given as a string) next to `arg0.text` (options
   * object): when the call passes an object literal there, only the listed
   * properties are payload, so a channel id beside the text is not.
   */
  private payloadPaths(args: Arguments, written: PayloadPath[]): PayloadPath[] {
    const payload = this.byParameter(args, written);
    return payload.filter((p) => {
      if (p.fields.length > 0 || !payload.some((q) => q.index === p.index && q.fields.length > 0)) return true;
      const argument = args.list[p.index];
      return !argument || !ts.isObjectLiteralExpression(skipOuter(argument));
    });
  }

  /** Payload written as parameter names, placed by the overload the call resolves to (its signature is asked for only then). */
  private byParameter(args: Arguments, payload: PayloadPath[]): PayloadPath[] {
    if (!payload.some((p) => p.param !== undefined)) return payload;
    const parameters = ts.isCallExpression(args.call) || ts.isNewExpression(args.call) ? this.checker.getResolvedSignature(args.call)?.parameters : undefined;
    const offset = args.list.length - (args.call.arguments?.length ?? 0);
    return payload.flatMap((p) => {
      if (p.param === undefined) return [p];
      const index = parameters?.findIndex((s) => s.name === p.param) ?? -1;
      return index < 0 ? [] : [{ index: offset + index, fields: p.fields }];
    });
  }

  private slot(args: Arguments, at: PayloadPath, extra: string[], parameters?: readonly string[]): PayloadSlot | undefined {
    const receiver = skipOuter(args.call.expression);
    const expression = at.index === -1 ? (ts.isPropertyAccessExpression(receiver) ? receiver.expression : undefined) : args.list[at.index];
    if (!expression || ts.isSpreadElement(expression)) return undefined;
    const fields = [...at.fields, ...extra];
    return { expression, fields, label: this.slotLabel(args, at.index, fields, parameters) };
  }

  /**
   * The signature a call resolves to. When its callee's type has one
   * signature, that is the one, and nothing more is asked: resolving the call
   * checks every argument against the parameter types (a Slack request is a
   * union of hundreds of shapes).
   */
  private signatureOf(call: ts.CallExpression | ts.NewExpression): ts.Signature | undefined {
    const type = this.checker.getTypeAtLocation(call.expression);
    const signatures = ts.isNewExpression(call) ? type.getConstructSignatures() : type.getCallSignatures();
    return signatures.length === 1 ? signatures[0] : this.checker.getResolvedSignature(call);
  }

  private slotLabel(args: Arguments, index: number, fields: string[], parameters: readonly string[] | undefined): string {
    if (index === -1) return 'the receiver';
    const parameter = parameters?.[index] ?? this.signatureOf(args.call)?.parameters[index]?.name;
    const suffix = fields.length ? `.${fields.join('.')}`.replaceAll('.[]', '[]') : '';
    return parameter !== undefined ? `argument \`${parameter}${suffix}\`` : `argument ${index + 1}${suffix ? ` (\`${suffix.replace(/^\./, '')}\`)` : ''}`;
  }
}

const parameterNamesOf = new WeakMap<ts.Declaration, string[] | undefined>();

/** Parameter names written in a declaration (a method, a function, or a property typed as a function), without asking for its signature. */
function parameterNames(declaration: ts.Declaration): string[] | undefined {
  if (!parameterNamesOf.has(declaration)) parameterNamesOf.set(declaration, writtenParameterNames(declaration));
  return parameterNamesOf.get(declaration);
}

function writtenParameterNames(declaration: ts.Declaration): string[] | undefined {
  if (isOverload(declaration)) return undefined;
  let signature: ts.Node | undefined = declaration;
  if (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration) || ts.isVariableDeclaration(declaration)) signature = declaration.type;
  if (!signature || !ts.isFunctionLike(signature)) return undefined;
  return signature.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : `#${signature.parameters.indexOf(p) + 1}`));
}

/** One of several signatures written for the same member: only the resolved call tells which applies. */
function isOverload(declaration: ts.Declaration): boolean {
  const name = nameText((declaration as ts.NamedDeclaration).name);
  const parent = declaration.parent;
  if (!name || !parent || !(ts.isClassLike(parent) || ts.isInterfaceDeclaration(parent) || ts.isTypeLiteralNode(parent))) return false;
  return (parent.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>).filter((m) => nameText(m.name) === name).length > 1;
}

/** A member's name as written; plain names without slicing the source text (an SDK interface has hundreds of members). */
function nameText(name: ts.PropertyName | ts.DeclarationName | undefined): string | undefined {
  if (!name) return undefined;
  return ts.isIdentifier(name) || ts.isPrivateIdentifier(name) ? name.text : name.getText();
}

function uniquePaths(paths: PayloadPath[]): PayloadPath[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const key = `${p.index}.${p.fields.join('.')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
