import path from 'node:path';
import { ts } from '@ts-morph/common';
import { addressOf, moduleMatches } from '../engine/declarations.js';
import type { Finding, SourceLocation, TraceStep } from '../engine/finding.js';
import { shortText } from '../engine/locations.js';
import { ProjectCode } from '../engine/project-code.js';
import type { Policy, SanitizerSpec } from '../policy/types.js';
import { relativePath } from '../relative-path.js';

/**
 * Where a finding can be fixed by masking: the value on its path, inside the
 * send call's payload argument, to wrap in a configured sanitizer (`function`
 * sanitizers only) whose parameter accepts the value's type and whose result
 * fits where the value is used, and the import the wrap needs. Decided on the
 * type checker of the program the finding came from; nothing is changed here
 * (apply.ts does that, with ts-morph).
 */
export interface FixPlan {
  /** Absolute path of the file to edit (the send call's file). */
  file: string;
  /** Range of the expression to wrap, as offsets in the file's text. */
  start: number;
  end: number;
  /** The wrapped expression, shortened, for messages. */
  expression: string;
  sanitizer: string;
  /** The name the wrap calls: the sanitizer's, or the alias it is imported under where a local of that name exists. */
  callee: string;
  /** The import to add; absent when the sanitizer is already in scope. */
  import?: { name: string; alias?: string; moduleSpecifier: string };
}

export type FixDecision = { plan: FixPlan } | { reason: string; declare: string };

interface Candidate {
  expression: ts.Expression;
  type: ts.Type;
  /** Words of the code on the path from the source to this expression (`account`, `card`, `number`). */
  provenance: ReadonlySet<string>;
}

export function planFix(program: ts.Program, finding: Finding, policy: Policy): FixDecision {
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(finding.sink.location.file);
  if (!sourceFile) return { reason: 'the send call is in a file outside the program', declare: '' };
  const candidates = candidatesOf(sourceFile, finding, checker);
  const functions = policy.sanitizers.filter((s): s is SanitizerSpec & { function: string } => s.function !== undefined);
  const tried: string[] = [];
  for (const candidate of candidates) {
    for (const spec of meantFor(functions, candidate.provenance)) {
      const found = sanitizerFor(program, checker, spec, candidate.expression, policy);
      if (!found) {
        tried.push(`${spec.function} (not found${spec.module ? ` in ${spec.module}` : ''})`);
        continue;
      }
      if (!fits(checker, found.type, candidate)) continue;
      const alias = found.import && found.shadowed ? freeName(checker, candidate.expression, `${spec.function}Sanitizer`) : undefined;
      return {
        plan: {
          file: sourceFile.fileName,
          start: candidate.expression.getStart(sourceFile),
          end: candidate.expression.end,
          expression: shortText(candidate.expression, 40),
          sanitizer: spec.function,
          callee: alias ?? spec.function,
          ...(found.import ? { import: { name: spec.function, ...(alias ? { alias } : {}), moduleSpecifier: found.import } } : {}),
        },
      };
    }
  }
  return refusal(candidates, functions, tried, checker, readOutside(program, finding), policy);
}

/**
 * Expressions of the finding's paths that lie inside the send call's payload
 * argument (so wrapping one changes only what is sent), closest to the source
 * first: `account.iban` before the template literal around it.
 */
function candidatesOf(sourceFile: ts.SourceFile, finding: Finding, checker: ts.TypeChecker): Candidate[] {
  const argument = finding.trace.at(-1)!.location;
  const inside = (l: SourceLocation): boolean =>
    l.file === sourceFile.fileName && (l.line > argument.line || (l.line === argument.line && l.column >= argument.column)) && (l.endLine < argument.endLine || (l.endLine === argument.endLine && l.endColumn <= argument.endColumn));
  const seen = new Set<ts.Node>();
  const out: Candidate[] = [];
  for (const path of [finding.trace, ...(finding.otherPaths ?? [])]) {
    path.forEach((step, i) => {
      if (!inside(step.location)) return;
      const expression = expressionAt(sourceFile, step.location);
      if (!expression || seen.has(expression)) return;
      seen.add(expression);
      const provenance = new Set(path.slice(0, i + 1).flatMap((s) => wordsOf(s.code)));
      out.push({ expression, type: checker.getTypeAtLocation(expression), provenance });
    });
  }
  return out;
}

/** Words of a sanitizer's name that say nothing about which data it is for. */
const GENERIC = new Set(['mask', 'masked', 'redact', 'redacted', 'sanitize', 'sanitise', 'sanitized', 'hide', 'anonymize', 'anonymise', 'obfuscate', 'scrub', 'safe', 'clean', 'to', 'for', 'of', 'value', 'data', 'text', 'string']);

/**
 * The sanitizers meant for this data: a sanitizer named for data (`maskIban`,
 * `maskCardNumber`) only where all its data words occur on the path
 * (`account.iban`, `account.cardNumber`), most specific first; a generic one
 * (`redact`, `mask`) anywhere, after those. A string-typed `maskIban` would
 * otherwise "fix" a balance or a whole JSON document.
 */
function meantFor<T extends { function: string }>(specs: readonly T[], provenance: ReadonlySet<string>): T[] {
  return specs
    .map((spec, i) => ({ spec, i, words: wordsOf(spec.function).filter((w) => !GENERIC.has(w)) }))
    .filter(({ words }) => words.every((w) => provenance.has(w)))
    .sort((a, b) => b.words.length - a.words.length || a.i - b.i)
    .map((x) => x.spec);
}

const wordsOf = (text: string): string[] => text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/**
 * The sanitizer's type and how to reach it from the send call's file: already
 * in scope (the same declaration), or an import of its module (the configured
 * `module`, or the one project file that exports a function of that name).
 */
function sanitizerFor(program: ts.Program, checker: ts.TypeChecker, spec: SanitizerSpec & { function: string }, at: ts.Expression, policy: Policy): { type: ts.Type; import?: string; shadowed?: boolean } | undefined {
  const matches = (declaration: ts.Declaration | undefined): boolean => declaration !== undefined && (!spec.module || moduleMatches(addressOf(program, declaration), spec.module, policy.baseDir));
  const inScope = checker.getSymbolsInScope(at, ts.SymbolFlags.Value | ts.SymbolFlags.Alias).find((s) => s.name === spec.function);
  if (inScope) {
    const resolved = inScope.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(inScope) : inScope;
    if (matches(resolved.valueDeclaration ?? resolved.declarations?.[0])) return { type: checker.getTypeOfSymbolAtLocation(inScope, at) };
  }
  for (const file of moduleFiles(program, spec, policy)) {
    const moduleSymbol = checker.getSymbolAtLocation(file);
    const exported = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === spec.function);
    if (!exported) continue;
    const resolved = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = resolved.valueDeclaration ?? resolved.declarations?.[0];
    if (!declaration || !matches(declaration)) continue;
    return { type: checker.getTypeOfSymbol(resolved), import: moduleSpecifier(program, at.getSourceFile(), file, spec.module), ...(inScope ? { shadowed: true } : {}) };
  }
  return undefined;
}

/** `name`, or `name2`, `name3`, ... : the first that nothing in scope at `at` is called. */
function freeName(checker: ts.TypeChecker, at: ts.Node, name: string): string {
  const taken = new Set(checker.getSymbolsInScope(at, ts.SymbolFlags.Value | ts.SymbolFlags.Alias | ts.SymbolFlags.Type | ts.SymbolFlags.Namespace).map((s) => s.name));
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) if (!taken.has(`${name}${i}`)) return `${name}${i}`;
}

/** Source files the sanitizer may be imported from. */
function moduleFiles(program: ts.Program, spec: SanitizerSpec, policy: Policy): ts.SourceFile[] {
  const module = spec.module;
  if (module === undefined) {
    return [...ProjectCode.of(program).files()];
  }
  if (module.startsWith('.') || path.isAbsolute(module)) {
    const target = path.resolve(policy.baseDir, module);
    return program.getSourceFiles().filter((sf) => {
      const file = sf.fileName.replace(/\.(d\.)?[mc]?[jt]sx?$/, '');
      return file === target || file === path.join(target, 'index');
    });
  }
  const resolved = ts.resolveModuleName(module, path.join(policy.baseDir, 'index.ts'), program.getCompilerOptions(), ts.sys).resolvedModule;
  const file = resolved && program.getSourceFile(resolved.resolvedFileName);
  return file ? [file] : [];
}

/**
 * How the send call's file imports `target`: a package by its name; a project
 * file by a relative path written the way the file's other relative imports are
 * (with a `.js` extension under Node16/NodeNext resolution or where they have one).
 */
function moduleSpecifier(program: ts.Program, from: ts.SourceFile, target: ts.SourceFile, configured: string | undefined): string {
  if (configured && !configured.startsWith('.') && !path.isAbsolute(configured)) return configured;
  let relative = relativePath(path.dirname(from.fileName), target.fileName);
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const others = from.statements.flatMap((s) => (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text.startsWith('.') ? [s.moduleSpecifier.text] : []));
  const resolution = program.getCompilerOptions().moduleResolution;
  const withExtension = others.length > 0 ? others.some((o) => /\.[mc]?js$/.test(o)) : resolution === ts.ModuleResolutionKind.Node16 || resolution === ts.ModuleResolutionKind.NodeNext;
  const bare = relative.replace(/\.(d\.)?([mc]?)[jt]sx?$/, '');
  return withExtension ? `${bare}.${/\.[mc]ts$/.test(target.fileName) ? `${target.fileName.endsWith('.mts') ? 'm' : 'c'}js` : 'js'}` : bare.replace(/\/index$/, '');
}

/** The sanitizer takes the value as its one required argument, and its result can stand where the value stood. */
function fits(checker: ts.TypeChecker, sanitizer: ts.Type, candidate: Candidate): boolean {
  const expected = checker.getContextualType(candidate.expression);
  return sanitizer.getCallSignatures().some((signature) => {
    const [first, ...rest] = signature.parameters;
    if (!first || rest.some((p) => !isOptional(p))) return false;
    if (!checker.isTypeAssignableTo(candidate.type, checker.getTypeOfSymbol(first))) return false;
    return !expected || checker.isTypeAssignableTo(signature.getReturnType(), expected);
  });
}

function isOptional(parameter: ts.Symbol): boolean {
  const declaration = parameter.valueDeclaration;
  return declaration !== undefined && ts.isParameter(declaration) && (declaration.questionToken !== undefined || declaration.initializer !== undefined || declaration.dotDotDotToken !== undefined);
}

/** Why nothing fits, and the sanitizer that would: named for the value, typed for it, where the configured ones live. */
/**
 * Why nothing fits, and the sanitizer that would: named and typed for the data.
 * Where the path reads the financial field outside the send call's payload
 * (in a formatter, a caller), that read is where a reviewer masks it, so the
 * advice points there; `fix` itself edits only inside the payload.
 */
function refusal(
  candidates: Candidate[],
  functions: readonly { function: string; module?: string }[],
  tried: string[],
  checker: ts.TypeChecker,
  read: { expression: ts.Expression; step: TraceStep; otherPaths: number } | undefined,
  policy: Policy,
): { reason: string; declare: string } {
  const first = candidates[0];
  if (!first) return { reason: 'no expression of its path lies inside the send call\'s payload argument', declare: '' };
  const typeOf = (e: ts.Expression): string => checker.typeToString(checker.getBaseTypeOfLiteralType(checker.getTypeAtLocation(e)), undefined, ts.TypeFormatFlags.NoTruncation);
  const expression = shortText(first.expression, 40);
  const missing = tried.length > 0 ? `; ${[...new Set(tried)].join(', ')}` : '';
  const reason =
    functions.length === 0
      ? 'no sanitizer function is configured'
      : `no configured sanitizer (${functions.map((f) => `${f.function}()`).join(', ')}) is meant for \`${expression}\` (${typeOf(first.expression)}), takes it and returns what the send call accepts${missing}`;
  const target = read?.expression ?? first.expression;
  const name = `mask${pascal(nameOf(target, checker))}`;
  const home = functions.find((f) => f.module?.startsWith('.'))?.module;
  const declare = `declare \`export function ${name}(value: ${typeOf(target)}): string\`${home ? ` in ${home}` : ''}, list it in the finleak config ("sanitizers": [{ "function": "${name}"${home ? `, "module": "${home}"` : ''} }])`;
  if (!read) return { reason, declare: `${declare} and run fix again: it wraps \`${expression}\`` };
  const at = `${relativePath(policy.baseDir, read.step.location.file)}:${read.step.location.line}${read.step.function ? `, in ${read.step.function.includes(' ') ? read.step.function : `${read.step.function}()`}` : ''}`;
  const others = read.otherPaths > 0 ? `, and the same on the other ${read.otherPaths === 1 ? 'path' : `${read.otherPaths} paths`}` : '';
  return { reason, declare: `${declare} and wrap \`${shortText(read.expression, 40)}\` in it where the path reads it (${at})${others}; fix edits only inside the send call's payload` };
}

/**
 * The last field the primary path reads before it reaches the send call's
 * payload argument (`t.imported_payee` after `result.matched`: the innermost
 * read is the financial field itself), when that read lies outside the payload.
 */
function readOutside(program: ts.Program, finding: Finding): { expression: ts.Expression; step: TraceStep; otherPaths: number } | undefined {
  const argument = finding.trace.at(-1)!.location;
  let last: TraceStep | undefined;
  for (const step of finding.trace.slice(0, -1)) if (step.label.startsWith('reads `')) last = step;
  if (!last) return undefined;
  const l = last.location;
  const inPayload = l.file === argument.file && (l.line > argument.line || (l.line === argument.line && l.column >= argument.column)) && (l.endLine < argument.endLine || (l.endLine === argument.endLine && l.endColumn <= argument.endColumn));
  const sourceFile = inPayload ? undefined : program.getSourceFile(l.file);
  const expression = sourceFile && expressionAt(sourceFile, l);
  return expression ? { expression, step: last, otherPaths: finding.otherPaths?.length ?? 0 } : undefined;
}

/** What the data is called: `balance` for `balance.toFixed(2)`, `account` for `JSON.stringify(account)`, `iban` for `account.iban`. */
function nameOf(expression: ts.Expression, checker: ts.TypeChecker): string {
  let node: ts.Expression = expression;
  for (let i = 0; i < 5; i++) {
    if (ts.isCallExpression(node)) {
      const argument = node.arguments[0];
      const receiver = ts.isPropertyAccessExpression(node.expression) ? node.expression.expression : undefined;
      node = argument && !ts.isLiteralExpression(argument) ? argument : (receiver ?? node.expression);
    }
    else if (ts.isTemplateExpression(node) && node.templateSpans[0]) node = node.templateSpans[0].expression;
    else if (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node) || ts.isAsExpression(node) || ts.isElementAccessExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
    else break;
  }
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isIdentifier(node)) return node.text;
  const symbol = checker.getTypeAtLocation(node).getSymbol();
  return symbol && !symbol.name.startsWith('__') ? symbol.name : 'Value';
}

/** `imported_payee` → `ImportedPayee`, `cardNumber` → `CardNumber`. */
const pascal = (name: string): string => name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') || 'Value';

/** The expression spanning exactly this location, if it is a value that can be wrapped in a call. */
function expressionAt(sourceFile: ts.SourceFile, location: SourceLocation): ts.Expression | undefined {
  const start = sourceFile.getPositionOfLineAndCharacter(location.line - 1, location.column - 1);
  const end = sourceFile.getPositionOfLineAndCharacter(location.endLine - 1, location.endColumn - 1);
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.end < end || node.pos > start) return;
    if (node.getStart(sourceFile) === start && node.end === end && ts.isExpression(node) && isWrappable(node)) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function isWrappable(node: ts.Expression): boolean {
  const parent = node.parent;
  if (ts.isIdentifier(node)) {
    const isName = (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isPropertyAssignment(parent) || ts.isFunctionDeclaration(parent)) && parent.name === node;
    if (isName || ts.isShorthandPropertyAssignment(parent)) return false;
  }
  if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return false;
  if ((ts.isPropertyAccessExpression(parent) && parent.name === (node as ts.Node)) || (ts.isCallExpression(parent) && parent.expression === node)) return false;
  if (ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent)) return false;
  return !ts.isStringLiteralLike(node) && !ts.isNumericLiteral(node) && !ts.isObjectLiteralExpression(node);
}
