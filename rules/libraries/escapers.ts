import { definePropagators } from '../define.js';

/**
 * Escapers: the escaped text is the same data, made safe for markup, not for a bank.
 * - @telegraf/entity: https://github.com/telegraf/entity
 * - escape-html: https://github.com/component/escape-html
 * - he: https://github.com/mathiasbynens/he#api
 * - lodash: https://lodash.com/docs/#escape
 */
export default definePropagators([
  ...['HTML', 'MarkdownV2', 'Markdown'].map((fn) => ({ function: fn, module: '@telegraf/entity', from: ['arg0'] })),
  ...['toHTML', 'toMarkdownV2', 'serialiseWith'].map((fn) => ({ function: fn, module: '@telegraf/entity', from: ['arg0'], keepsFields: true })),
  { function: 'escapeHTML', module: 'escape-html', from: ['arg0'] },
  ...['encode', 'decode', 'escape', 'unescape'].map((fn) => ({ function: fn, module: 'he', from: ['arg0'] })),
  ...['escape', 'unescape', 'escapeRegExp'].map((fn) => ({ function: `LoDashStatic.${fn}`, module: 'lodash', from: ['arg0'] })),
]);
