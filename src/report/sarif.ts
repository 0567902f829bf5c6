import type { AnalysisResult, Diagnostic, Finding, PossibleSend, SourceLocation, TraceStep } from '../engine/finding.js';
import { boxTitle, pathsOf } from './path-graph.js';
import { isIncomplete, POSSIBLE_SEND_RULE_ID, RULE_ID } from '../engine/finding.js';
import { relativePath, repositoryRoot, type ReportContext } from './context.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const RULE = {
  id: RULE_ID,
  name: 'FinancialDataToMessaging',
  shortDescription: { text: 'Bank account or transaction data reaches a third-party messaging send call.' },
  fullDescription: {
    text:
      'A value whose static type is bank account or transaction data (an account, a balance, a card transaction, ' +
      'a statement, or an object carrying an IBAN, account, routing or card number) flows into the content of a ' +
      'message sent through a third-party messaging platform (Messenger, WhatsApp, Slack, Telegram, Discord, Twilio, ' +
      'Bot Framework, ...). The platform operator then holds that data.',
  },
  help: {
    text:
      'Follow the code flow from the source to the send call. Either stop sending the value, send a masked form ' +
      'produced by a sanitizer listed in the finleak config (sanitizers: [{ "function": "maskIban" }]), or send a ' +
      'link that opens the data in the bank\'s own authenticated channel.',
    markdown:
      'Follow the code flow from the source to the send call. Then either:\n\n' +
      '- stop sending the value,\n' +
      '- send a masked form produced by a sanitizer listed in the finleak config (`"sanitizers": [{ "function": "maskIban" }]`), or\n' +
      "- send a link that opens the data in the bank's own authenticated channel.",
  },
  defaultConfiguration: { level: 'error' },
  // GitHub code scanning ranks security results by `security-severity` (7.0-8.9 shows as "high").
  properties: { tags: ['security', 'privacy', 'financial-data'], precision: 'high', 'problem.severity': 'error', 'security-severity': '8.0' },
};

const POSSIBLE_SEND_RULE = {
  id: POSSIBLE_SEND_RULE_ID,
  name: 'PossibleMessagingSend',
  shortDescription: { text: 'A call that looks like a third-party messaging send but is not confirmed by the policy.' },
  fullDescription: {
    text:
      'finleak recognised this call only by name (an untyped SDK, a send method on a receiver typed `any`, or a send-like ' +
      'method of a library no model covers) or by the shape of an HTTP request (a POST with a message-like JSON body to a ' +
      'host not known statically, or to a host whose name says it relays messages). It is listed so that a person can ' +
      'confirm it: if it sends messages, model it under "sinks" or "endpoints" in the finleak config.',
  },
  help: {
    text: 'If the call sends a message to a third-party platform, add it to the finleak config ("sinks" for an SDK method, "endpoints" for a URL); otherwise nothing needs to be done.',
  },
  defaultConfiguration: { level: 'note' },
  properties: { tags: ['privacy', 'financial-data', 'coverage'], precision: 'low' },
};

/**
 * SARIF 2.1.0: one result per finding, each of its paths as a code flow, diagnostics as tool notifications.
 * File URIs are relative to `%SRCROOT%`, the root of the git repository around the project (or the
 * project folder outside a repository), because GitHub code scanning reads relative URIs as
 * relative to the repository root. Columns count UTF-16 code units, as TypeScript does.
 * Findings suppressed in the code are results with `suppressions` (kind inSource, with the reason);
 * with a baseline, each result has a `baselineState` (new or unchanged) and the fixed baseline
 * entries are listed in the run's properties. Possible sends are note-level results of a second
 * rule, `possible-send`, described only when there are some.
 */
export function formatSarif(result: AnalysisResult, context: ReportContext): string {
  const srcRoot = repositoryRoot(context.rootDir);
  const physical = (l: SourceLocation) => ({
    artifactLocation: { uri: encodeURI(relativePath(srcRoot, l.file)), uriBaseId: '%SRCROOT%' },
    region: { startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: l.endColumn },
  });
  // The possible-send rule is described only in runs that have such results.
  const possible = result.possibleSends ?? [];
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'finleak', semanticVersion: context.toolVersion, version: context.toolVersion, rules: possible.length > 0 ? [RULE, POSSIBLE_SEND_RULE] : [RULE] } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToUri(srcRoot) } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: !isIncomplete(result),
            toolExecutionNotifications: result.diagnostics.map((d) => notification(d, physical)),
          },
        ],
        results: [
          ...[...result.findings, ...(result.suppressed ?? [])].map((f) => sarifResult(f, physical, context)),
          ...possible.map((p) => possibleSendResult(p, physical)),
        ],
        // GitHub code scanning keeps the alerts of each category apart: each shard uploads its own.
        ...(context.shard ? { automationDetails: { id: `finleak/shard-${context.shard.replace('/', '-of-')}/` } } : {}),
        ...(context.baseline || context.changedSince || context.projects ? { properties: runProperties(context, srcRoot) } : {}),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function runProperties(context: ReportContext, srcRoot: string) {
  return {
    ...(context.baseline
      ? { baseline: { file: context.baseline.file, fixed: context.baseline.fixed.map((e) => ({ ...e })) } }
      : {}),
    ...(context.changedSince ? { changedSince: context.changedSince } : {}),
    ...(context.projects ? { projects: context.projects.map((p) => ({ ...p, tsconfig: relativePath(srcRoot, p.tsconfig) })) } : {}),
  };
}

function sarifResult(finding: Finding, physical: (l: SourceLocation) => object, context: ReportContext) {
  const suppression = finding.suppression;
  const paths = pathsOf(finding);
  return {
    ruleId: RULE_ID,
    ruleIndex: 0,
    level: 'error',
    message: { text: primaryMessage(finding, paths, context) },
    locations: [{ physicalLocation: physical(finding.sink.location) }],
    relatedLocations: [
      { id: 1, physicalLocation: physical(finding.source.location), message: { text: `source: ${finding.source.kind} (${finding.source.reason})` } },
    ],
    // One code flow per distinct path, each its own thread flow: the paths are alternatives, not
    // threads running together, and viewers (GitHub code scanning among them) list code flows as paths.
    codeFlows: paths.map((path, p) => ({
      message: { text: `${finding.source.kind} → ${finding.sink.platform}${paths.length > 1 ? ` (path ${p + 1} of ${paths.length}, from \`${path[0]!.code}\`)` : ''}` },
      threadFlows: [
        {
          locations: path.map((step, i) => ({
            location: { physicalLocation: physical(step.location), message: { text: stepMessage(step, i, path.length) } },
            executionOrder: i + 1,
            importance: i === 0 || i === path.length - 1 ? 'essential' : 'important',
          })),
        },
      ],
    })),
    // GitHub code scanning matches alerts across runs by `primaryLocationLineHash` only; ours has no
    // line numbers in it, so an alert survives unrelated edits above it.
    partialFingerprints: { primaryLocationLineHash: finding.fingerprint, 'finleakFlow/v1': finding.fingerprint },
    ...(context.baseline ? { baselineState: context.baseline.known.has(finding) ? 'unchanged' : 'new' } : {}),
    ...(suppression
      ? {
          suppressions: [
            {
              kind: 'inSource',
              status: 'accepted',
              justification: suppression.reason,
              location: { physicalLocation: physical(suppression.location) },
            },
          ],
        }
      : {}),
    properties: {
      sourceKind: finding.source.kind,
      ...(finding.source.categories ? { categories: finding.source.categories } : {}),
      ...(finding.source.fields ? { fields: finding.source.fields } : {}),
      platform: finding.sink.platform,
      api: finding.sink.api,
      matchedBy: finding.sink.matchedBy,
    },
  };
}

/**
 * The result's message stands on its own for viewers that show no code flow:
 * the finding's message, where the data comes from, and the functions its
 * path goes through.
 */
function primaryMessage(finding: Finding, paths: TraceStep[][], context: ReportContext): string {
  const at = (l: SourceLocation): string => `${relativePath(context.rootDir, l.file)}:${l.line}`;
  const hops: string[] = [];
  for (const step of finding.trace) {
    const name = boxTitle(step);
    if (hops.at(-1) !== name) hops.push(name);
  }
  const more = paths.length > 1 ? ` ${paths.length} paths reach this call; the code flows show each.` : '';
  return `${finding.message} Source: ${finding.source.kind} at ${at(finding.source.location)}. Path: ${hops.join(' → ')} → ${finding.sink.platform}.${more}`;
}

/** What happens at a step, with the code it happens on. */
function stepMessage(step: TraceStep, i: number, length: number): string {
  const role = i === 0 ? 'source: ' : i === length - 1 ? 'send: ' : '';
  return `${role}${step.label} — ${step.code}`;
}

/** A possible send: a note, with the financial data reaching it as related locations. */
function possibleSendResult(possible: PossibleSend, physical: (l: SourceLocation) => object) {
  const data = possible.data.length > 0 ? ` Financial data reaches it: ${possible.data.map((d) => `${d.kind} (\`${d.expression}\`) in ${d.argument}`).join('; ')}.` : '';
  return {
    ruleId: POSSIBLE_SEND_RULE.id,
    ruleIndex: 1,
    level: 'note',
    message: { text: `\`${possible.callee}\` may send a message: ${possible.api}.${data} Confirm it and model it in the finleak config, or dismiss it.` },
    locations: [{ physicalLocation: physical(possible.location) }],
    ...(possible.data.length > 0
      ? { relatedLocations: possible.data.map((d, i) => ({ id: i + 1, physicalLocation: physical(d.location), message: { text: `source: ${d.kind}` } })) }
      : {}),
    partialFingerprints: { primaryLocationLineHash: possible.fingerprint, 'finleakPossibleSend/v1': possible.fingerprint },
    properties: { matchedBy: possible.matchedBy, platform: possible.platform, sourceKinds: possible.data.map((d) => d.kind) },
  };
}

function notification(diagnostic: Diagnostic, physical: (l: SourceLocation) => object) {
  return {
    level: diagnostic.severity === 'error' ? 'error' : 'warning',
    message: { text: diagnostic.message },
    descriptor: { id: diagnostic.code },
    ...(diagnostic.location ? { locations: [{ physicalLocation: physical(diagnostic.location) }] } : {}),
  };
}

function pathToUri(folder: string): string {
  const withSlash = folder.endsWith('/') ? folder : `${folder}/`;
  return `file://${encodeURI(withSlash.split('\\').join('/'))}`;
}
