import path from 'node:path';
import type { Rule } from 'eslint';
import type { ts } from '@ts-morph/common';
import { ConfigError } from '../config/config-error.js';
import type { Finding } from '../engine/finding.js';
import { ProjectError } from '../engine/project.js';
import { analysisOf, type ProgramAnalysis } from './analysis.js';
import { shortPath, where } from './message.js';
import { ruleOptionsSchema, type RuleOptions } from './options.js';
import { OwnProgram } from './own-program.js';
import { sanitizerSuggestions } from './suggest.js';
import { programCompatibility } from './typescript-version.js';

export const RULE_NAME = 'no-financial-data-in-messages';
export const DOCS_URL = `https://github.com/finleak/finleak/blob/main/docs/rules/${RULE_NAME}.md`;

export const rule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow bank account and transaction data in calls that send messages to third-party platforms',
      recommended: true,
      url: DOCS_URL,
    },
    hasSuggestions: true,
    schema: ruleOptionsSchema,
    messages: {
      leak: '{{kind}} data reaches {{platform}}: {{path}}. Send a masked value (a sanitizer named in the finleak config) or a link into the bank\'s own app.',
      source: '{{kind}} data read here reaches {{platform}} at {{sink}}: {{path}}.',
      analysisError: 'finleak: {{reason}}',
      maskWith: 'Mask `{{expression}}` with `{{sanitizer}}()` (a sanitizer in the finleak config).',
    },
  },

  create(context) {
    const options = (context.options[0] ?? {}) as RuleOptions;
    const fileName = path.resolve(context.filename);
    return {
      Program(): void {
        const text = context.sourceCode.text;
        let analysis: ProgramAnalysis;
        let program: ts.Program;
        try {
          ({ program, analysis } = analyse(context, fileName, text, options));
        } catch (error) {
          reportFailure(context, error);
          return;
        }
        for (const diagnostic of analysis.errorsIn(fileName)) {
          const location = diagnostic.location!;
          context.report({ loc: toLoc(location), messageId: 'analysisError', data: { reason: diagnostic.message } });
        }
        // One report per send call: a whole response object sent carries several kinds (one finding each), one squiggle says so.
        for (const findings of bySendCall(analysis.findingsIn(fileName))) {
          const finding = findings[0]!;
          const data = {
            kind: kindsOf(findings),
            platform: finding.sink.platform,
            path: shortPath(finding, analysis.rootDir),
            sink: where(finding.sink.location, analysis.rootDir),
          };
          if (path.resolve(finding.sink.location.file) === fileName) {
            const seen = new Set<string>();
            const suggest = findings
              .flatMap((f) => sanitizerSuggestions(program, f, analysis.policy))
              .filter((s) => !seen.has(`${s.expression}\u0000${s.sanitizer}`) && seen.add(`${s.expression}\u0000${s.sanitizer}`))
              .map((s) => ({
                messageId: 'maskWith',
                data: { expression: s.expression, sanitizer: s.sanitizer },
                fix: (fixer: Rule.RuleFixer) => s.edits.map((e) => fixer.replaceTextRange([e.start, e.end], e.text)),
              }));
            context.report({ loc: toLoc(finding.sink.location), messageId: 'leak', data, ...(suggest.length ? { suggest } : {}) });
          } else {
            context.report({ loc: toLoc(finding.source.location), messageId: 'source', data });
          }
        }
      },
    };
  },
};

/**
 * The program to analyse and its analysis. The parser's program is shared
 * when its TypeScript has the engine's major.minor and its text of this file
 * is what ESLint lints; otherwise finleak builds its own (correct, slower).
 */
function analyse(context: Rule.RuleContext, fileName: string, text: string, options: RuleOptions): { program: ts.Program; analysis: ProgramAnalysis } {
  const shared = (context.sourceCode.parserServices as { program?: ts.Program | null } | undefined)?.program ?? undefined;
  if (shared && !options.project && programCompatibility(shared).compatible && shared.getSourceFile(fileName)?.text === text) {
    const configFile = shared.getCompilerOptions().configFilePath as string | undefined;
    const rootDir = configFile ? path.dirname(configFile) : context.cwd;
    return { program: shared, analysis: analysisOf(shared, rootDir, options) };
  }
  const own = OwnProgram.forFile(fileName, options.project);
  const program = own.programFor(fileName, text);
  const rootDir = own.configFile ? path.dirname(own.configFile) : path.dirname(fileName);
  return { program, analysis: analysisOf(program, rootDir, options) };
}

/** A config, project or internal error: one report at the top of the file; never a crash of the ESLint run. */
function reportFailure(context: Rule.RuleContext, error: unknown): void {
  const known = error instanceof ConfigError || error instanceof ProjectError;
  const reason = known
    ? `${error.message}. This file was not checked for financial data in messages; fix the file named here and lint again.`
    : `internal error, this file was not checked: ${error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 3).join(' ') : String(error)}`;
  context.report({ loc: { line: 1, column: 0 }, messageId: 'analysisError', data: { reason } });
}

function toLoc(location: Finding['sink']['location']): { start: { line: number; column: number }; end: { line: number; column: number } } {
  return { start: { line: location.line, column: location.column - 1 }, end: { line: location.endLine, column: location.endColumn - 1 } };
}

/** Findings grouped by the place they are reported: the send call (or, at the source, the read), in order. */
function bySendCall(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const { file, line, column } = finding.sink.location;
    const at = finding.source.location;
    const key = `${file}:${line}:${column}\u0000${at.file}:${at.line}:${at.column}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.values()];
}

/** "AccountBase", "AccountBase and Transaction", "AccountBase, NumbersACH and 5 more kinds". */
function kindsOf(findings: readonly Finding[]): string {
  const kinds = [...new Set(findings.map((f) => f.source.kind))];
  if (kinds.length <= 2) return kinds.join(' and ');
  return `${kinds.slice(0, 2).join(', ')} and ${kinds.length - 2} more kinds (${kinds.slice(2).join(', ')})`;
}
