/** What the engine returns: plain data, no TypeScript nodes, no terminal or SARIF knowledge. */

import type { PhaseTimes } from './phases.js';

export interface SourceLocation {
  /** Absolute path of the file. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine: number;
  endColumn: number;
}

export interface TraceStep {
  location: SourceLocation;
  /** What happens to the data here, e.g. "reads `account.balance`". */
  label: string;
  /** The expression at this step, shortened to one line. */
  code: string;
  /**
   * Set where the data went through a library call without an exact model:
   * `assumed`, a call finleak has no model of (assumed to carry its arguments);
   * `llm`, an LLM's answer (assumed to carry its prompt).
   */
  via?: 'assumed' | 'llm';
  /** The function the step is in: its name (`formatBalance`, `BankBot.onMessage`), or for an anonymous one where it is passed (`callback of bot.on`); absent at a module's top level. */
  function?: string;
}

export interface FindingSource {
  /** The financial type that makes the data a source, e.g. "BankAccount". */
  kind: string;
  /** Why that type is financial, e.g. "type name matches `BankAccount`". */
  reason: string;
  /** The financial fields of that type that reach the send, e.g. `["balance", "iban"]`. */
  fields?: string[];
  /**
   * Their data categories, e.g. `["balance", "account-identifier"]` (the
   * categories of `rules/financial.ts` and the config), so a bank can tune
   * severity per category. In JSON output and in SARIF result `properties`.
   */
  categories?: string[];
  expression: string;
  location: SourceLocation;
}

export interface FindingSink {
  platform: string;
  /** The modelled API, e.g. "messaging-api-messenger MessengerClient.sendText" or "POST https://graph.facebook.com/…/messages". */
  api: string;
  /** The callee as written, e.g. "client.sendText". */
  callee: string;
  /** The payload slot that receives the data, e.g. "argument `text`". */
  argument: string;
  /**
   * How the call was recognised: by its resolved declaration; by the URL it
   * posts to; by the name of the env variable or config key its webhook URL
   * is read from (`webhook-name`, host unknown statically); or, for SDKs
   * without typings, by import and member names only (`name`, not by type).
   */
  matchedBy: 'declaration' | 'url' | 'webhook-name' | 'name';
  url?: string;
  /** For `url` and `webhook-name` matches: the generic HTTP client the request goes through (`axios`, `fetch`). */
  httpClient?: string;
  location: SourceLocation;
  /** Name of the function that contains the sink call, if any. */
  enclosingFunction?: string;
}

export interface Finding {
  ruleId: string;
  message: string;
  source: FindingSource;
  sink: FindingSink;
  /** Every step from the source expression (first) to the sink argument (last): the shortest path. */
  trace: TraceStep[];
  /**
   * The other distinct paths of this source kind into the same send call (from
   * other source expressions, or into other payload slots), shortest first;
   * absent when `trace` is the only one.
   */
  otherPaths?: TraceStep[][];
  /** Stable under unrelated edits: no line numbers in it. */
  fingerprint: string;
  /**
   * The flow without names, files or functions (source kind, sink API and call
   * shape, payload slot, what each step does and the properties it touches):
   * stable under renames and moves, for matching a baseline entry whose
   * fingerprint changed.
   */
  flowShape: string;
  /** The kinds of `via` steps in the trace: the finding rests on an assumed library step or an LLM's answer. */
  via?: ('assumed' | 'llm')[];
  /** Set when a `finleak-ignore` comment at the sink call suppresses the finding. */
  suppression?: Suppression;
}

/** An in-code suppression: `// finleak-ignore-next-line: <reason>` above the sink call, or `finleak-ignore-line` on it. */
export interface Suppression {
  reason: string;
  /** The comment that carries it. */
  location: SourceLocation;
}

export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Machine-readable kind, e.g. "syntax-error", "unresolved-import", "analysis-error". */
  code: string;
  message: string;
  location?: SourceLocation;
}

/**
 * A call that may send a message but that finleak could not confirm from the
 * policy: listed so a team can confirm it (and model it in its config) or
 * dismiss it. It never fails a check on its own.
 */
export interface PossibleSend {
  /**
   * `name`: an untyped SDK, matched by import and method name (still a
   * finding when financial data reaches it); `body-shape`: an HTTP POST to a
   * host not known statically whose JSON body has a message field;
   * `untyped-receiver`: a method named like a modelled send on a receiver typed `any`;
   * `send-name`: a method named like a send of a library no send model covers
   * (listed only when financial data reaches an argument).
   */
  matchedBy: 'name' | 'body-shape' | 'untyped-receiver' | 'send-name';
  /** What it would be, e.g. "POST to a URL read from `process.env.NOTIFY_URL` with a message-like body (`text`)". */
  api: string;
  /** The platform it would send to, when the name or import tells; else "unknown". */
  platform: string;
  callee: string;
  location: SourceLocation;
  /** Financial data that reaches what would be its payload, one entry per source kind. */
  data: PossibleSendData[];
  /** Stable under unrelated edits, like a finding's. */
  fingerprint: string;
}

export interface PossibleSendData {
  kind: string;
  /** The source expression, e.g. "account.balance". */
  expression: string;
  location: SourceLocation;
  /** The payload slot it reaches, e.g. "argument `text`". */
  argument: string;
}

export interface AnalysisStats {
  files: number;
  sendCalls: number;
  /** Files that hold at least one send call. */
  sendFiles: number;
  findings: number;
  /** Wall time: of the analysis for the engine, of the whole run for `check` and the CLI. */
  milliseconds: number;
  /** Where that time went (see src/engine/phases.ts). */
  phases: PhaseTimes;
  /**
   * Library functions without a model that data was assumed to pass through
   * on its way to a send call (the open-world default), most call sites first:
   * where a model or a sanitizer in the config would make the analysis exact.
   */
  unmodelledCalls?: UnmodelledCall[];
  /**
   * Declaration files of dependencies the analysis cannot reach, which `check`
   * did not load (see engine/declaration-pruning.ts); `reloadedDeclarations`
   * when the analysis reached one after all and was redone with every file loaded.
   */
  unloadedDeclarationFiles?: number;
  reloadedDeclarations?: boolean;
  /** Projects (tsconfigs) analysed and the programs they were analysed in, when `check` analysed more than one project. */
  projects?: number;
  programs?: number;
}

export interface UnmodelledCall {
  /** Declaring package; for an untyped (`any`) callee, `<module>, untyped` or `untyped`. */
  package: string;
  /** The callee as declared (`I18nContext.t`), or as written for an untyped call. */
  callee: string;
  /** Call sites the default passed data through. */
  calls: number;
  /** Of those, the sites where financial data came through (on a finding's path, or straight from a source). */
  carried: number;
  /** The call sites, `file:line:column` relative to the project folder. */
  locations: string[];
}

export interface AnalysisResult {
  /** Findings that count (not suppressed in the code). */
  findings: Finding[];
  /** Findings a `finleak-ignore` comment suppressed; reported as suppressed, never silently dropped. */
  suppressed?: Finding[];
  diagnostics: Diagnostic[];
  /** Calls that look like sends but are not confirmed by the policy (see `PossibleSend`). */
  possibleSends?: PossibleSend[];
  stats: AnalysisStats;
  /** What was analysed: the project's files and the send calls found in them (to count each once across programs). */
  analysed?: AnalysedCode;
}

export interface AnalysedCode {
  files: string[];
  sendCalls: SourceLocation[];
  /** Each call site the open-world default passed data through (what `stats.unmodelledCalls` summarises). */
  unmodelled: { package: string; callee: string; location: string; carried: boolean }[];
}

export const RULE_ID = 'financial-data-to-messaging';
/** The rule of possible sends (note level). */
export const POSSIBLE_SEND_RULE_ID = 'possible-send';

/** Report order: by sink file, line and column, then source kind. */
export const compareFindings = (a: Finding, b: Finding): number =>
  a.sink.location.file.localeCompare(b.sink.location.file) || a.sink.location.line - b.sink.location.line || a.sink.location.column - b.sink.location.column || a.source.kind.localeCompare(b.source.kind);

/**
 * Diagnostics about finleak comments in the analysed code (a suppression
 * without a reason): they fail a check like a finding does, but the analysis
 * itself is complete.
 */
export const CODE_DIAGNOSTICS: ReadonlySet<string> = new Set(['invalid-suppression', 'unused-suppression']);

/** True when the analysis hit errors, so findings may be missing. */
export const isIncomplete = (result: AnalysisResult): boolean => result.diagnostics.some((d) => d.severity === 'error' && !CODE_DIAGNOSTICS.has(d.code));

/** True when the code has errors in its finleak comments. */
export const hasCodeErrors = (result: AnalysisResult): boolean => result.diagnostics.some((d) => d.severity === 'error' && CODE_DIAGNOSTICS.has(d.code));
