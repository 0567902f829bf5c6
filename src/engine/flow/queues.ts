import { ts } from '@ts-morph/common';
import type { QueueSpec } from '../../policy/types.js';
import { addressOf, calleeDeclarations, lastSegment, moduleMatches, skipOuter } from '../declarations.js';
import type { FlowAnalyzer } from '../flow.js';
import { shortText } from '../locations.js';
import { parsePayloadPath, pathInside } from '../payload-path.js';
import { EMPTY, extend, union, type ParamFlow, type Taint } from '../taint.js';

/**
 * Job queues (`rules/queues.ts`): the data a producer adds to a queue
 * (`queue.add('send', data)`) is what the handler of a consumer of the same
 * queue receives (`new Worker('statements', async (job) => job.data)`).
 */
export class Queues {
  constructor(private readonly flow: FlowAnalyzer) {}

  /** The queue model of a consumer call whose handler is argument `index`. */
  consumerOf(declarations: readonly ts.Declaration[], index: number): QueueSpec | undefined {
    return (this.flow.policy.queues ?? []).find((spec) => spec.consumer.handler === index && declarations.some((d) => this.declares(d, spec, spec.consumer.function)));
  }

  /** What the producers of a consumer's queue pass into parameter `param` of its handler. */
  intoHandler(consumer: ts.CallExpression | ts.NewExpression, spec: QueueSpec, param: ParamFlow): Taint {
    const inside = param.index === 0 ? pathInside([spec.consumer.field], param.fields) : undefined;
    const payload = parsePayloadPath(spec.producer.payload);
    if (!inside || !payload) return EMPTY;
    const name = this.literalAt(consumer, spec.consumer.name);
    const { stores, checker } = this.flow;
    const parts: Taint[] = [];
    for (const call of stores.lookup(this.flow.callsByName, lastSegment(spec.producer.function))) {
      if (!calleeDeclarations(checker, call).some((d) => this.declares(d, spec, spec.producer.function))) continue;
      const queue = this.queueNameOf(call);
      if (name !== undefined && queue !== undefined && name !== queue) continue;
      const arg = call.arguments[payload.index];
      if (!arg || ts.isSpreadElement(arg)) continue;
      const label = `queued by \`${shortText(call.expression, 40)}()\` (${spec.queue}), received as \`job.${spec.consumer.field}\``;
      parts.push(extend(this.flow.taintOf(arg, [...payload.fields, ...inside]), { node: call, label }));
    }
    return union(parts);
  }

  private declares(declaration: ts.Declaration, spec: QueueSpec, fn: string): boolean {
    const address = addressOf(this.flow.program, declaration);
    const qualified = address.type ? (address.member ? `${address.type}.${address.member}` : address.type) : address.member;
    return qualified === fn && moduleMatches(address, spec.module, this.flow.policy.baseDir);
  }

  /** The queue a producer call adds to: the name its receiver was constructed with (`new Queue('statements')`). */
  private queueNameOf(call: ts.CallExpression): string | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const receiver = skipOuter(callee.expression);
    const declaration = this.flow.stores.symbolOf(ts.isPropertyAccessExpression(receiver) ? receiver.name : receiver)?.valueDeclaration;
    const init = declaration && (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
    return init && ts.isNewExpression(init) ? this.literalAt(init, 'arg0') : undefined;
  }

  private literalAt(call: ts.CallExpression | ts.NewExpression, path: string): string | undefined {
    const at = parsePayloadPath(path);
    const arg = at && at.index >= 0 ? call.arguments?.[at.index] : undefined;
    return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
  }
}
