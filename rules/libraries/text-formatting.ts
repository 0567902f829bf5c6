import { definePropagators } from '../define.js';

/**
 * Text tables and printf-style formatters: the text carries every cell and value.
 * - table: https://github.com/gajus/table#table
 * - markdown-table: https://github.com/wooorm/markdown-table#markdowntabletable-options
 * - cli-table3 (an Array subclass: `push` and `toString` are Array's, modelled in propagators.ts): https://github.com/cli-table/cli-table3
 * - Node util.format: https://nodejs.org/api/util.html#utilformatformat-args
 * - sprintf-js: https://github.com/alexei/sprintf.js
 */
const args = ['arg0', 'arg1', 'arg2', 'arg3', 'arg4', 'arg5'];

export default definePropagators([
  { function: 'table', module: 'table', from: ['arg0'] },
  { function: 'markdownTable', module: 'markdown-table', from: ['arg0'] },
  { function: 'format', module: ['node', 'util'], from: args },
  { function: 'formatWithOptions', module: ['node', 'util'], from: args },
  { function: 'inspect', module: ['node', 'util'], from: ['arg0'] },
  { function: 'sprintf', module: 'sprintf-js', from: args },
  { function: 'vsprintf', module: 'sprintf-js', from: ['arg0', 'arg1'] },
]);
