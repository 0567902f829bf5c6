import { ts } from '@ts-morph/common';
import type { Policy } from '../policy/types.js';
import { DeclarationNeeded } from './declaration-pruning.js';
import { calleeName, pushTo, skipOuter } from './declarations.js';
import { compareFindings, POSSIBLE_SEND_RULE_ID, RULE_ID, type AnalysisResult, type Diagnostic, type Finding, type PossibleSend, type TraceStep, type UnmodelledCall } from './finding.js';
import { EVERY_FIELD, FinancialTypes } from './financial-types.js';
import { fingerprint as fingerprintOf, flowShape, type FingerprintInput } from './fingerprint.js';
import { DepthLimitError, FlowAnalyzer, type Dependencies, type UnmodelledSite } from './flow.js';
import { compileGlobs } from './globs.js';
import { scanFile, type AnalysisCache, type CacheSession, type CallOutcome, type UnmodelledSiteData } from './incremental.js';
import { storingMembers } from './library-models.js';
import { enclosingFunctionName, enclosingScopeName, locationOf, shortText } from './locations.js';
import { PhaseClock } from './phases.js';
import { ProjectCode } from './project-code.js';
import { ProjectIndex } from './project-index.js';
import { rememberingChecker } from './remembering-checker.js';
import { typedModelledPackages } from './missing-packages.js';
import { builtDeclarationGaps } from './workspace-declarations.js';
import { unresolvedImports } from './unresolved-imports.js';
import { POSSIBLE, REPORTED, SinkMatcher, type SinkMatch } from './sinks.js';
import { applySuppressions } from './suppressions.js';
import type { Flow, Step } from './taint.js';
import { relativePath } from '../relative-path.js';

export interface AnalyzeOptions {
  /** Folder that report paths, fingerprints and `ignore` globs are relative to. */
  rootDir: string;
  /** Only report findings whose sink is in one of these files (absolute paths); all files are still analysed. */
  onlyFiles?: (fileName: string) => boolean;
  /**
   * Reuse per-file facts and per-send-call results of earlier runs on the
   * unchanged parts of this program (editor sessions); see incremental.ts.
   */
  cache?: AnalysisCache;
  /** Charges the analysis to the phases bind, sinks and flow (see phases.ts); `stats.phases` is its snapshot. */
  clock?: PhaseClock;
}

/** Analyses a whole TypeScript program against a policy. Pure: no I/O beyond what the program already loaded. */
export function analyzeProgram(program: ts.Program, policy: Policy, options: AnalyzeOptions): AnalysisResult {
  return new ProgramAnalyzer(program, policy, options).run();
}

type SendCandidate = ts.CallExpression | ts.NewExpression;

/** What the analysis found in one file: for an editor, which lints one file at a time. */
export interface FileResult {
  /** Findings whose send call is in the file (not suppressed in the code). */
  findings: Finding[];
  /** Errors located in the file: calls the analysis could not follow, malformed suppressions, coverage gaps. */
  errors: Diagnostic[];
}

/**
 * The analysis of one program, set up once (checker, sink matcher, project
 * tables, flow analysis) and then run whole (`run`, the CLI) or one file at a
 * time (`fileResult`, the ESLint rule: a re-lint after an edit analyses the
 * send calls of the linted file, not those of every file the edit touched).
 * Each candidate send call is analysed at most once per program.
 */
export class ProgramAnalyzer {
  /** The project's own files, in program order. */
  readonly files: readonly ts.SourceFile[];
  private readonly started = performance.now();
  private readonly clock: PhaseClock;
  private readonly checker: ts.TypeChecker;
  private readonly ignored: (relativePath: string) => boolean;
  private readonly session: CacheSession | undefined;
  private readonly matcher: SinkMatcher;
  /** The calls of each project file, and the project's calls by callee name (to find who calls a function). */
  private readonly calls = new Map<ts.SourceFile, readonly SendCandidate[]>();
  private readonly callsByName = new Map<string, ts.CallExpression[]>();
  private readonly financial: FinancialTypes;
  private readonly flow: FlowAnalyzer;
  private readonly outcomes = new Map<SendCandidate, CallOutcome>();
  private readonly perFile = new Map<ts.SourceFile, FileResult>();
  private gaps: Diagnostic[] | undefined;
  private typedModelledCache: ReadonlySet<string> | undefined;

  constructor(
    private readonly program: ts.Program,
    private readonly policy: Policy,
    private readonly options: AnalyzeOptions,
  ) {
    this.clock = options.clock ?? new PhaseClock();
    const outer = this.clock.enter('bind');
    this.checker = rememberingChecker(program.getTypeChecker());
    this.clock.enter('sinks');
    this.ignored = compileGlobs(policy.ignore);
    this.files = ProjectCode.of(program).files();
    const session = (this.session = options.cache?.begin(program, policy, options.rootDir));
    this.matcher = new SinkMatcher(program, this.checker, policy);
    const storing = storingMembers(policy.propagators);
    const index = session ? session.projectIndex(this.files, storing) : new ProjectIndex(storing);
    for (const sourceFile of this.files) {
      const { calls } = session ? session.factsOf(sourceFile) : scanFile(sourceFile, index);
      this.calls.set(sourceFile, calls);
      for (const call of calls) {
        const name = calleeName(call);
        if (name !== undefined && ts.isCallExpression(call)) pushTo(this.callsByName, name, call);
      }
    }
    this.clock.enter('flow');
    this.financial = new FinancialTypes(this.checker, program, { sources: policy.sources, baseDir: policy.baseDir, rootDir: options.rootDir });
    this.flow = new FlowAnalyzer(program, this.checker, policy, this.financial, this.callsByName, { index });
    this.clock.enter(outer);
  }

  /** The whole analysis: every candidate send call of the project, findings in the files `onlyFiles` accepts. */
  run(): AnalysisResult {
    const { clock, checker } = this;
    const outer = clock.enter('sinks');
    const diagnostics: Diagnostic[] = [];
    const candidates: SendCandidate[] = [];
    for (const sourceFile of this.files) {
      for (const syntax of this.program.getSyntacticDiagnostics(sourceFile)) diagnostics.push(fromTsDiagnostic(syntax, 'syntax-error'));
      candidates.push(...this.candidatesOf(sourceFile));
      diagnostics.push(...unresolvedImports(sourceFile, checker, this.typedModelled));
    }
    diagnostics.push(...this.declarationGaps());

    clock.enter('flow');
    const best = new Map<string, Finding>();
    const unmodelled = new Map<string, UnmodelledSiteData>();
    const addUnmodelled = (site: UnmodelledSiteData): void => {
      const known = unmodelled.get(site.location);
      if (known) known.carried ||= site.carried;
      else unmodelled.set(site.location, { ...site });
    };
    const sendCalls: SendCandidate[] = [];
    const possibleSends: PossibleSend[] = [];
    for (const call of candidates) {
      const fileName = call.getSourceFile().fileName;
      const reported = this.isReported(fileName);
      const outcome = this.outcomeOf(call, reported);
      if (outcome.send) sendCalls.push(call);
      diagnostics.push(...outcome.diagnostics);
      outcome.unmodelled?.forEach(addUnmodelled);
      if (!reported) continue;
      if (outcome.possible) possibleSends.push(outcome.possible);
      for (const finding of outcome.findings) best.set(`${finding.source.kind}\u0000${call.pos}\u0000${fileName}`, finding);
    }

    if (!this.session) for (const site of this.flow.unmodelled.values()) addUnmodelled(siteData(site, this.relative));

    const all = [...best.values()].sort(compareFindings);
    const reportedFiles = this.files.filter((sf) => this.isReported(sf.fileName));
    const { active: findings, suppressed, diagnostics: suppressionDiagnostics } = applySuppressions(all, reportedFiles);
    diagnostics.push(...suppressionDiagnostics);
    clock.enter(outer);
    return {
      findings,
      suppressed,
      diagnostics,
      possibleSends: possibleSends.sort((a, b) => a.location.file.localeCompare(b.location.file) || a.location.line - b.location.line || a.location.column - b.location.column),
      stats: {
        files: this.files.length,
        sendCalls: sendCalls.length,
        sendFiles: new Set(sendCalls.map((call) => call.getSourceFile().fileName)).size,
        findings: findings.length,
        milliseconds: Math.round(performance.now() - this.started),
        phases: clock.snapshot(),
        unmodelledCalls: summariseUnmodelled(unmodelled.values()),
      },
      analysed: { files: this.files.map((sf) => sf.fileName), sendCalls: sendCalls.map((call) => locationOf(call)), unmodelled: [...unmodelled.values()] },
    };
  }

  /**
   * The findings and errors of one file, analysing only its own candidate
   * send calls (none for a file that is not the project's code): what `run`
   * reports for this file, without the warnings (syntax errors and unresolved
   * imports are the parser's and the type checker's to report in an editor)
   * and the possible sends.
   */
  fileResult(sourceFile: ts.SourceFile): FileResult {
    let result = this.perFile.get(sourceFile);
    if (result) return result;
    if (!ProjectCode.of(this.program).has(sourceFile)) return { findings: [], errors: [] };
    const errors: Diagnostic[] = [];
    const best = new Map<string, Finding>();
    const reported = this.isReported(sourceFile.fileName);
    for (const call of this.candidatesOf(sourceFile)) {
      const outcome = this.outcomeOf(call, reported);
      errors.push(...outcome.diagnostics);
      if (!reported) continue;
      for (const finding of outcome.findings) best.set(`${finding.source.kind}\u0000${call.pos}`, finding);
    }
    const { active, diagnostics } = applySuppressions([...best.values()].sort(compareFindings), reported ? [sourceFile] : []);
    errors.push(...diagnostics, ...unresolvedImports(sourceFile, this.checker, this.typedModelled), ...this.declarationGaps().filter((d) => d.location?.file === sourceFile.fileName));
    result = { findings: active, errors: errors.filter((d) => d.severity === 'error') };
    this.perFile.set(sourceFile, result);
    return result;
  }

  private readonly relative = (file: string): string => relativePath(this.options.rootDir, file);

  private isReported(fileName: string): boolean {
    return !this.ignored(this.relative(fileName)) && (this.options.onlyFiles?.(fileName) ?? true);
  }

  private candidatesOf(sourceFile: ts.SourceFile): SendCandidate[] {
    return (this.calls.get(sourceFile) ?? []).filter((call) => this.matcher.isCandidate(call));
  }

  /** Modelled packages seen only through their types: an import of one without types is a coverage error. */
  private get typedModelled(): ReadonlySet<string> {
    this.typedModelledCache ??= typedModelledPackages(this.policy);
    return this.typedModelledCache;
  }

  private declarationGaps(): Diagnostic[] {
    this.gaps ??= builtDeclarationGaps(this.program, this.checker, this.options.rootDir, this.ignored);
    return this.gaps;
  }

  /** One candidate call's outcome, analysed once per program (and reused from the cache where an edit cannot have changed it). */
  private outcomeOf(call: SendCandidate, reported: boolean): CallOutcome {
    const known = this.outcomes.get(call);
    if (known) return known;
    const session = this.session;
    const outcome = !session
      ? this.analyseCall(call, reported, this.flow)
      : (session.reuse(call, reported) ?? session.store(call, reported, this.recorded((analyser) => this.analyseCall(call, reported, analyser))));
    this.outcomes.set(call, outcome);
    return outcome;
  }

  /**
   * With a cache, each send call analysed gets its own analyser (sharing the
   * project index), so what it records is everything its answer depended on:
   * no memoised answer of another call's analysis is reused without its dependencies.
   */
  private recorded(work: (analyser: FlowAnalyzer) => CallOutcome): { value: CallOutcome; dependencies: Dependencies } {
    const dependencies: Dependencies = { files: new Set(), names: new Set() };
    const analyser = new FlowAnalyzer(this.program, this.checker, this.policy, this.financial, this.callsByName, { index: this.flow.projectIndex(), dependencies });
    const value = work(analyser);
    return { value: { ...value, unmodelled: [...analyser.unmodelled.values()].map((site) => siteData(site, this.relative)) }, dependencies };
  }

  /**
   * One candidate call: is it a send, and (when reported) which flows reach it. One finding per source kind.
   * A call that only looks like a send is a possible send; the flows reaching it are listed with it.
   */
  private analyseCall(call: SendCandidate, reported: boolean, flow: FlowAnalyzer): CallOutcome {
    const byKind = new Map<string, Finding>();
    let match: SinkMatch | undefined;
    let send = false;
    try {
      match = this.clock.during('sinks', () => this.matcher.match(call));
      if (!match) return { send: false, findings: [], diagnostics: [] };
      send = REPORTED.has(match.matchedBy);
      if (!reported) return { send, findings: [], diagnostics: [] };
      for (const slot of match.slots) {
        const flows = flow.resolveCallers(flow.taintOf(slot.expression, slot.fields));
        markCarried(flows, flow);
        for (const found of flows) {
          const finding = toFinding(found, call, slot.expression, slot.label, match, this.relative);
          const kept = byKind.get(found.kind);
          byKind.set(found.kind, kept ? withPath(kept, finding) : finding);
        }
      }
    } catch (error) {
      if (error instanceof DeclarationNeeded) throw error;
      return { send, findings: send ? [...byKind.values()] : [], diagnostics: [analysisError(error, call)] };
    }
    const findings = [...byKind.values()];
    const possible = POSSIBLE.has(match.matchedBy) && !(match.onlyWithData && findings.length === 0) ? possibleSend(call, match, findings, this.relative) : undefined;
    return { send, findings: send ? findings : [], diagnostics: [], ...(possible ? { possible } : {}) };
  }
}

/** An unmodelled call on the path of a finding carried financial data to a send, whatever its inputs looked like when it was first met. */
function markCarried(flows: readonly Flow[], flow: FlowAnalyzer): void {
  for (const found of flows) {
    for (const step of found.steps) {
      const site = step.via === 'assumed' ? flow.unmodelled.get(step.node) : undefined;
      if (site) site.carried = true;
    }
  }
}

/** A call site as data; its location is the callee's name (`render` in `builder.add(x).render()`), which tells chained calls apart. */
function siteData(site: UnmodelledSite, relative: (file: string) => string): UnmodelledSiteData {
  const callee = skipOuter(site.node.expression);
  const at = locationOf(ts.isPropertyAccessExpression(callee) ? callee.name : site.node);
  return { package: site.package, callee: site.callee, location: `${relative(at.file)}:${at.line}:${at.column}`, carried: site.carried };
}

/** Call sites grouped by package and callee, most sites first. */
/** Call sites the open-world default passed data through, per library function, most sites first. */
export function summariseUnmodelled(sites: Iterable<UnmodelledSiteData>): UnmodelledCall[] {
  const byCallee = new Map<string, UnmodelledCall>();
  for (const site of sites) {
    const key = `${site.package}\u0000${site.callee}`;
    let entry = byCallee.get(key);
    if (!entry) byCallee.set(key, (entry = { package: site.package, callee: site.callee, calls: 0, carried: 0, locations: [] }));
    entry.calls++;
    if (site.carried) entry.carried++;
    entry.locations.push(site.location);
  }
  const list = [...byCallee.values()];
  for (const entry of list) entry.locations.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return list.sort((a, b) => b.calls - a.calls || a.package.localeCompare(b.package) || a.callee.localeCompare(b.callee));
}


function toFinding(flow: Flow, call: ts.CallExpression | ts.NewExpression, argument: ts.Expression, slotLabel: string, match: SinkMatch, relative: (f: string) => string): Finding {
  const callee = shortText(call.expression, 50);
  const sinkStep: Step = { node: argument, label: `${slotLabel} of \`${callee}\` → ${match.platform}` };
  const steps = collapse([...flow.steps, sinkStep]);
  const sourceNode = flow.steps[0]!.node;
  const sourceText = shortText(sourceNode, 50);
  const enclosingFunction = enclosingFunctionName(call);
  const trace = steps.map((s) => {
    const fn = enclosingScopeName(s.node);
    return { location: locationOf(s.node), label: s.label, code: shortText(s.node), ...(s.via ? { via: s.via } : {}), ...(fn !== undefined ? { function: fn } : {}) };
  });
  const via = [...new Set(steps.flatMap((s) => (s.via ? [s.via] : [])))].sort();
  const identity: FingerprintInput = {
    ruleId: RULE_ID,
    kind: flow.kind,
    api: match.api,
    file: relative(call.getSourceFile().fileName),
    sinkFunction: enclosingFunction,
    sourceFunction: enclosingFunctionName(sourceNode),
    call,
    slotLabel,
    steps,
    categories: flow.categories,
  };
  return {
    ruleId: RULE_ID,
    message: messageOf(flow.kind, sourceText, flow.fields, flow.categories, callee, match.platform, match.matchedBy),
    source: {
      kind: flow.kind,
      reason: flow.reason,
      ...(flow.fields ? { fields: [...flow.fields] } : {}),
      ...(flow.categories ? { categories: [...flow.categories] } : {}),
      expression: sourceText,
      location: locationOf(sourceNode),
    },
    sink: {
      platform: match.platform,
      api: match.api,
      callee,
      argument: slotLabel,
      matchedBy: match.matchedBy as Finding['sink']['matchedBy'],
      ...(match.url !== undefined ? { url: match.url } : {}),
      ...(match.httpClient !== undefined ? { httpClient: match.httpClient } : {}),
      location: locationOf(call),
      ...(enclosingFunction !== undefined ? { enclosingFunction } : {}),
    },
    trace,
    fingerprint: fingerprintOf(identity),
    flowShape: flowShape(identity),
    ...(via.length > 0 ? { via } : {}),
  };
}

/** One sink call, one finding per source kind: the kept finding names the fields and categories of every flow of that kind. */
function withFieldsOf(kept: Finding, other: Finding | undefined): Finding {
  if (!other) return kept;
  // Every field (`*`: a listed type, untyped bank data) says it all.
  const every = [kept, other].some((f) => f.source.fields?.includes(EVERY_FIELD));
  const fields = every ? [EVERY_FIELD] : [...new Set([...(kept.source.fields ?? []), ...(other.source.fields ?? [])])];
  const categories = [...new Set([...(kept.source.categories ?? []), ...(other.source.categories ?? [])])];
  const { source, sink } = kept;
  return {
    ...kept,
    message: messageOf(source.kind, source.expression, fields, categories, sink.callee, sink.platform, sink.matchedBy),
    source: { ...source, ...(fields.length ? { fields } : {}), ...(categories.length ? { categories } : {}) },
  };
}

/** The finding's message: what data (its kind, the source expression, the fields that reach the send and their categories), where it goes, what to do. */
function messageOf(kind: string, sourceText: string, fields: readonly string[] | undefined, categories: readonly string[] | undefined, callee: string, platform: string, matchedBy: SinkMatch['matchedBy']): string {
  return `${kind} data (\`${sourceText}\`${fieldsPhrase(fields ?? [], categories ?? [])}) reaches \`${callee}\`, which sends it to ${platform}${MATCH_NOTE[matchedBy as Finding['sink']['matchedBy']] ?? ''}. Send a masked value (a sanitizer listed in the finleak config) or a reference the customer can open in the bank's own app.`;
}

/** ", fields `iban`, `balance`: account-identifier, balance": the fields that reach the send. */
function fieldsPhrase(fields: readonly string[], categories: readonly string[]): string {
  if (fields.length === 0) return '';
  if (fields.length === 1 && fields[0] === EVERY_FIELD) return `, every field: ${categories.join(', ')}`;
  const shown = fields.slice(0, 4).map((f) => (f === EVERY_FIELD ? 'every field' : `\`${f}\``));
  return `, ${fields.length === 1 ? 'field' : 'fields'} ${shown.join(', ')}${fields.length > 4 ? ` and ${fields.length - 4} more` : ''}: ${categories.join(', ')}`;
}

/**
 * One finding for both paths of a source kind into one send call: the shorter
 * path is its `trace` (and decides message and fingerprint), the other joins
 * `otherPaths` unless it goes through the same expressions.
 */
function withPath(kept: Finding, other: Finding): Finding {
  const [first, second] = other.trace.length < kept.trace.length ? [other, kept] : [kept, other];
  const paths = [...(first.otherPaths ?? []), second.trace, ...(second.otherPaths ?? [])];
  const seen = new Set([pathKey(first.trace)]);
  const distinct = paths.filter((p) => !seen.has(pathKey(p)) && seen.add(pathKey(p))).sort((a, b) => a.length - b.length);
  const { otherPaths: _, ...rest } = withFieldsOf(first, second);
  return distinct.length > 0 ? { ...rest, otherPaths: distinct.slice(0, MAX_OTHER_PATHS) } : rest;
}

/** Paths of one finding beyond its trace that are kept (each payload slot brings at most MAX_FLOWS_PER_KIND). */
const MAX_OTHER_PATHS = 7;

/** Paths through the same expressions are one path (two payload slots of one string argument are not two paths). */
const pathKey = (trace: readonly TraceStep[]): string => trace.map((s) => `${s.location.file}:${s.location.line}:${s.location.column}:${s.location.endLine}:${s.location.endColumn}`).join('\n');

/** A call that only looks like a send, with the financial data (one flow per kind) that reaches its payload. */
function possibleSend(call: ts.CallExpression | ts.NewExpression, match: SinkMatch, flows: readonly Finding[], relative: (f: string) => string): PossibleSend {
  const file = relative(call.getSourceFile().fileName);
  const fingerprint = fingerprintOf({ ruleId: POSSIBLE_SEND_RULE_ID, kind: match.matchedBy, api: match.api, file, sinkFunction: enclosingFunctionName(call), sourceFunction: undefined, call, slotLabel: '', steps: [] });
  return {
    matchedBy: match.matchedBy as PossibleSend['matchedBy'],
    api: match.api,
    platform: match.platform,
    callee: shortText(call.expression, 50),
    location: locationOf(call),
    data: flows.map((f) => ({ kind: f.source.kind, expression: f.source.expression, location: f.source.location, argument: f.sink.argument })),
    fingerprint,
  };
}

/** Said in the message when a send call was not recognised by its resolved declaration or a known URL. */
const MATCH_NOTE: Record<Finding['sink']['matchedBy'], string> = {
  declaration: '',
  url: '',
  'webhook-name': ' (recognised by the name its webhook URL is read from, not by a known host)',
  name: ' (the SDK is untyped: recognised by import and method name, not by type)',
};

/**
 * Of two consecutive steps on the same node, keeps the later, more specific
 * one; but never drops the source, nor a step through a library call (a call
 * that is itself the sink's argument still shows what it did to the data).
 */
function collapse(steps: Step[]): Step[] {
  const library = (step: Step): boolean => step.via !== undefined || step.label.startsWith('passed through `');
  return steps.filter((step, i) => i === 0 || i === steps.length - 1 || step.node !== steps[i + 1]!.node || library(step));
}

function fromTsDiagnostic(diagnostic: ts.Diagnostic, code: string): Diagnostic {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (!diagnostic.file || diagnostic.start === undefined) return { severity: 'warning', code, message };
  const start = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const end = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start + (diagnostic.length ?? 0));
  return {
    severity: 'warning',
    code,
    message: `${message} (the rest of the file is still analysed)`,
    location: { file: diagnostic.file.fileName, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
  };
}

function analysisError(error: unknown, call: ts.Node): Diagnostic {
  if (error instanceof DepthLimitError) {
    return {
      severity: 'error',
      code: 'depth-limit',
      message: `stopped following data into this send call: ${error.message} at ${shortText(error.node, 40)}; findings through it may be missing`,
      location: locationOf(call),
    };
  }
  if (error instanceof RangeError) {
    return { severity: 'error', code: 'depth-limit', message: `stopped following data into this send call: ${error.message}`, location: locationOf(call) };
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { severity: 'error', code: 'analysis-error', message: `internal error while analysing this send call: ${detail}`, location: locationOf(call) };
}
