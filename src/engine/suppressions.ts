import { ts } from '@ts-morph/common';
import type { Diagnostic, Finding, SourceLocation, Suppression } from './finding.js';

/**
 * In-code suppressions: a comment on the line where a send call begins
 * (`// finleak-ignore-line: <reason>`) or on the line above it
 * (`// finleak-ignore-next-line: <reason>`) suppresses the findings at that call.
 * The reason is required; a directive without one suppresses nothing and is an
 * error. A directive that suppresses nothing is reported, so stale ones do not pile up.
 */

export const DIAGNOSTIC_INVALID_SUPPRESSION = 'invalid-suppression';
export const DIAGNOSTIC_UNUSED_SUPPRESSION = 'unused-suppression';

const MARKER = 'finleak-ignore';
const DIRECTIVE = /^finleak-ignore(?<variant>-next-line|-line)?(?<rest>.*)$/s;

interface Directive extends Suppression {
  /** 1-based line of the send calls it applies to. */
  targetLine: number;
  used: boolean;
}

export interface SuppressionOutcome {
  active: Finding[];
  /** Findings a directive suppressed, each with its `suppression`. */
  suppressed: Finding[];
  diagnostics: Diagnostic[];
}

/**
 * Splits findings into active and suppressed by the directives in `files`
 * (the files whose send calls were reported), and reports directives that are
 * malformed or unused.
 */
export function applySuppressions(findings: readonly Finding[], files: readonly ts.SourceFile[]): SuppressionOutcome {
  const diagnostics: Diagnostic[] = [];
  const byFile = new Map<string, Directive[]>();
  for (const sourceFile of files) {
    if (!sourceFile.text.includes(MARKER)) continue;
    const directives = directivesOf(sourceFile, diagnostics);
    if (directives.length > 0) byFile.set(sourceFile.fileName, directives);
  }
  const active: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const directive = byFile.get(finding.sink.location.file)?.find((d) => d.targetLine === finding.sink.location.line);
    if (!directive) {
      active.push(finding);
      continue;
    }
    directive.used = true;
    suppressed.push({ ...finding, suppression: { reason: directive.reason, location: directive.location } });
  }
  for (const directives of byFile.values()) {
    for (const directive of directives) {
      if (directive.used) continue;
      diagnostics.push({
        severity: 'warning',
        code: DIAGNOSTIC_UNUSED_SUPPRESSION,
        message: `this finleak-ignore comment suppresses nothing: no finding starts at line ${directive.targetLine}; remove it`,
        location: directive.location,
      });
    }
  }
  return { active, suppressed, diagnostics };
}

function directivesOf(sourceFile: ts.SourceFile, diagnostics: Diagnostic[]): Directive[] {
  const directives: Directive[] = [];
  for (const range of commentRanges(sourceFile)) {
    const raw = sourceFile.text.slice(range.pos, range.end);
    const body = (range.kind === ts.SyntaxKind.MultiLineCommentTrivia ? raw.slice(2, -2) : raw.slice(2)).replace(/^[\s*]+/, '').trimEnd();
    if (!body.startsWith(MARKER)) continue;
    const location = rangeLocation(sourceFile, range);
    const match = DIRECTIVE.exec(body)!;
    const { variant, rest = '' } = match.groups as { variant?: string; rest?: string };
    const reason = /^\s*:(.*)$/s.exec(rest)?.[1]?.replace(/\s+/g, ' ').trim();
    if (variant === undefined || /^[\w-]/.test(rest)) {
      diagnostics.push({
        severity: 'error',
        code: DIAGNOSTIC_INVALID_SUPPRESSION,
        message: `unknown finleak directive '${body.split(/[\s:]/)[0]}': write '// finleak-ignore-next-line: <reason>' above the send call or '// finleak-ignore-line: <reason>' on it`,
        location,
      });
      continue;
    }
    if (!reason) {
      diagnostics.push({
        severity: 'error',
        code: DIAGNOSTIC_INVALID_SUPPRESSION,
        message: `finleak-ignore${variant} needs a reason ('// finleak-ignore${variant}: <why this data may be sent>'); it suppresses nothing until it has one`,
        location,
      });
      continue;
    }
    const targetLine = variant === '-next-line' ? location.endLine + 1 : location.line;
    directives.push({ reason, location, targetLine, used: false });
  }
  return directives;
}

/** Every comment of the file that sits before or after a node (which is where a directive can be). */
function commentRanges(sourceFile: ts.SourceFile): ts.CommentRange[] {
  const text = sourceFile.text;
  const seen = new Map<number, ts.CommentRange>();
  const add = (ranges: ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) seen.set(range.pos, range);
  };
  const stack: ts.Node[] = [sourceFile];
  while (stack.length > 0) {
    const node = stack.pop()!;
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  add(ts.getLeadingCommentRanges(text, sourceFile.endOfFileToken.pos));
  return [...seen.values()].sort((a, b) => a.pos - b.pos);
}

function rangeLocation(sourceFile: ts.SourceFile, range: ts.CommentRange): SourceLocation {
  const start = sourceFile.getLineAndCharacterOfPosition(range.pos);
  const end = sourceFile.getLineAndCharacterOfPosition(range.end);
  return { file: sourceFile.fileName, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
