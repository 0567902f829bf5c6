import { definePropagators } from './define.js';

/**
 * Library functions through which data reaches the result. Methods declared in
 * TypeScript's own lib files (string, number, array, Intl methods) already
 * pass data from their receiver and arguments; these are the ones declared
 * elsewhere, or that keep the structure of their input.
 * Spec: https://tc39.es/ecma262/#sec-json.stringify
 */
export default definePropagators([
  { function: 'JSON.stringify', module: 'lib', from: ['arg0'], keepsFields: true },
  { function: 'format', module: ['node', 'util'], from: ['arg0', 'arg1', 'arg2', 'arg3', 'arg4', 'arg5'] },
  { function: 'inspect', module: ['node', 'util'], from: ['arg0'] },
  { function: 'from', module: ['node', 'buffer'], from: ['arg0'] },
]);
