import { ts } from '@ts-morph/common';
import type { Policy } from '../policy/types.js';
import { skipOuter } from './declarations.js';
import type { FinancialMatch, FinancialTypes } from './financial-types.js';
import { Callbacks } from './flow/callbacks.js';
import { Callers } from './flow/callers.js';
import { Calls } from './flow/calls.js';
import { CleanValues } from './flow/clean.js';
import { Events } from './flow/events.js';
import { Exceptions } from './flow/exceptions.js';
import { Expressions } from './flow/expressions.js';
import { Functions } from './flow/functions.js';
import { LibraryCalls, type UnmodelledSite } from './flow/library-calls.js';
import { Queues } from './flow/queues.js';
import { Sources } from './flow/sources.js';
import { Stores } from './flow/stores.js';
import { Variables } from './flow/variables.js';
import { CALL, ELEMENT } from './payload-path.js';
import { ProjectCode } from './project-code.js';
import type { ProjectIndex } from './project-index.js';
import { EMPTY, union, type Flow, type ParamFlow, type Taint } from './taint.js';

export { functionWithBody } from './flow/functions.js';
export type { UnmodelledSite } from './flow/library-calls.js';

/** Thrown when an expression nests deeper than the engine follows; the driver reports it with its location. */
export class DepthLimitError extends Error {
  constructor(readonly node: ts.Node) {
    super('expression nesting too deep to follow');
  }
}

/**
 * What an analysis depended on: the files whose nodes it visited, and the
 * names it looked up in project-wide tables (callers, stores, `new` sites,
 * methods, function values passed as arguments; `super` for super calls).
 * An editor session reuses a cached answer while no file it visited, nor a
 * file those import, changed, and no changed file mentions one of the names.
 */
export interface Dependencies {
  files: Set<string>;
  names: Set<string>;
}

export interface FlowOptions {
  /** The syntactic index of the project's files (built with their calls, see incremental.ts `scanFile`), shared by every analyser of one program. */
  index: ProjectIndex;
  /**
   * Collects what every answer of this analyser depends on. Memoised answers
   * are reused only within the analyser, so one analyser per cached unit of
   * work (a send call) records that unit's dependencies completely.
   */
  dependencies?: Dependencies;
}

/** A property path below a value (`['balance']`, `['[]', 'iban']`); `CALL` stands for the result of calling it. */
export type Fields = readonly string[];

const MAX_DEPTH = 400;
/** Longer field paths are cut off: a cycle that keeps adding fields must end. */
const MAX_FIELDS = 8;

/**
 * Backward, demand-driven data flow. `taintOf(expression, fields)` answers:
 * which financial sources reach the value at this property path of this
 * expression, and which parameters of enclosing functions do. Answers are
 * memoised per (node, path), so a function's return value is summarised once
 * however many call sites ask about it. Stores into variables, class fields
 * and containers, calls of function values, thrown errors and event emitters
 * are looked up on demand through a syntactic index of the project.
 *
 * This class holds the memo and dispatches on the kind of expression; each
 * concern is a part in its own file under `flow/` (the fields below), and the
 * parts ask each other through this analyser.
 */
export class FlowAnalyzer {
  private readonly memo = new Map<ts.Node, Map<string, Taint | 'pending'>>();
  private depth = 0;
  readonly dependencies?: Dependencies;
  /** Library calls without a model that the open-world default passed data through, by call. */
  readonly unmodelled = new Map<ts.Node, UnmodelledSite>();

  /** Where a value becomes a source: financial by type or from a modelled call; property reads. */
  readonly sources: Sources;
  /** Identifiers, parameters, destructuring, and which assignments reach a use. */
  readonly variables: Variables;
  /** Stores below variables, class members and containers, found through the project index. */
  readonly stores: Stores;
  /** Object and array literals, templates, operators. */
  readonly expressions: Expressions;
  /** Call dispatch, calls into project functions and constructors, binding parameters to arguments. */
  readonly calls: Calls;
  /** Function bodies: returns, yields, implementations of interface methods. */
  readonly functions: Functions;
  /** Library calls: models from the policy and the default for TypeScript's lib. */
  readonly library: LibraryCalls;
  /** Values that carry no data: sanitizers, clean types, booleans and void. */
  readonly clean: CleanValues;
  /** Function values: calling one, and callbacks handed to modelled library calls. */
  readonly callbacks: Callbacks;
  /** Who calls a function: direct calls, `new`, setters, hand-offs of function values. */
  readonly callers: Callers;
  /** Thrown errors and what `catch` receives. */
  readonly exceptions: Exceptions;
  /** Event emitters: what `emit` passes to a registered listener. */
  readonly events: Events;
  /** Job queues: what a producer adds reaches the handler of a worker of that queue. */
  readonly queues: Queues;

  constructor(
    readonly program: ts.Program,
    readonly checker: ts.TypeChecker,
    readonly policy: Policy,
    readonly financial: FinancialTypes,
    /** Calls in the project by the callee's last name, to find who calls a function. */
    readonly callsByName: ReadonlyMap<string, readonly ts.CallExpression[]>,
    options: FlowOptions,
  ) {
    this.dependencies = options.dependencies;
    this.sources = new Sources(this);
    this.variables = new Variables(this);
    this.stores = new Stores(this, options.index);
    this.expressions = new Expressions(this);
    this.calls = new Calls(this);
    this.functions = new Functions(this);
    this.library = new LibraryCalls(this);
    this.clean = new CleanValues(this);
    this.callbacks = new Callbacks(this);
    this.callers = new Callers(this);
    this.exceptions = new Exceptions(this);
    this.events = new Events(this);
    this.queues = new Queues(this);
  }

  taintOf(node: ts.Expression, fields: Fields): Taint {
    if (fields.length > MAX_FIELDS) return EMPTY;
    const key = fields.join('.');
    let byPath = this.memo.get(node);
    const known = byPath?.get(key);
    if (known === 'pending') return EMPTY; // recursion: the outer query collects this answer
    if (known) return known;
    if (!byPath) this.memo.set(node, (byPath = new Map()));
    byPath.set(key, 'pending');
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      byPath.delete(key);
      throw new DepthLimitError(node);
    }
    this.dependencies?.files.add(node.getSourceFile().fileName);
    try {
      const derived = this.clean.carriesNoData(node, fields) ? EMPTY : this.derive(skipOuter(node), fields);
      const taint = this.sources.withSource(node, fields, derived);
      byPath.set(key, taint);
      return taint;
    } catch (error) {
      byPath.delete(key);
      throw error;
    } finally {
      this.depth--;
    }
  }

  /** See `Callers.resolve`: parameter flows followed to the callers that fill them. */
  resolveCallers(taint: Taint): Flow[] {
    return this.callers.resolve(taint);
  }

  /** The financial fields of the value at `fields` of `node`, one match per kind (see `Sources.financialAt`). */
  financialAt(node: ts.Node, fields: Fields): FinancialMatch[] {
    return this.sources.financialAt(node, fields);
  }

  projectIndex(): ProjectIndex {
    return this.stores.projectIndex();
  }

  /** What a call passes into one parameter (all trailing arguments for a rest parameter). */
  argumentTaint(call: ts.CallExpression | ts.NewExpression, param: ParamFlow): Taint {
    return this.calls.argumentTaint(call, param);
  }

  returnExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
    return this.functions.returnExpressions(fn);
  }

  /** Code of the project itself, not a declaration file or a library. */
  isProjectNode(node: ts.Node): boolean {
    return ProjectCode.of(this.program).hasNode(node);
  }

  private derive(node: ts.Expression, fields: Fields): Taint {
    if (fields[0] === CALL && (ts.isArrowFunction(node) || ts.isFunctionExpression(node))) return this.functions.result(node, fields.slice(1));
    if (ts.isIdentifier(node)) return this.variables.identifier(node, this.checker.getSymbolAtLocation(node), fields);
    if (ts.isPropertyAccessExpression(node)) return this.sources.propertyRead(node, node.expression, node.name.text, fields);
    if (ts.isElementAccessExpression(node)) {
      const key = node.argumentExpression;
      const name = ts.isStringLiteralLike(key) || ts.isNumericLiteral(key) ? key.text : ELEMENT;
      return this.sources.propertyRead(node, node.expression, name, fields);
    }
    if (ts.isObjectLiteralExpression(node)) return this.expressions.objectLiteral(node, fields);
    if (ts.isArrayLiteralExpression(node)) return this.expressions.arrayLiteral(node, fields);
    if (ts.isTemplateExpression(node) || ts.isTaggedTemplateExpression(node)) return this.expressions.template(node);
    if (ts.isBinaryExpression(node)) return this.expressions.binary(node, fields);
    if (ts.isConditionalExpression(node)) return union([this.taintOf(node.whenTrue, fields), this.taintOf(node.whenFalse, fields)]);
    if (ts.isAwaitExpression(node)) return this.taintOf(node.expression, fields);
    if (ts.isPrefixUnaryExpression(node)) {
      return node.operator === ts.SyntaxKind.ExclamationToken ? EMPTY : this.taintOf(node.operand, []);
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) return this.calls.call(node, fields);
    return EMPTY;
  }
}
