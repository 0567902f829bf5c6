import { definePropagators } from './define.js';
import apiClients from './libraries/api-clients.js';
import buffers from './libraries/buffers.js';
import escapers from './libraries/escapers.js';
import validation from './libraries/validation.js';
import hashing from './libraries/hashing.js';
import i18n from './libraries/i18n.js';
import llm from './libraries/llm.js';
import stores from './libraries/stores.js';
import templates from './libraries/templates.js';
import textFormatting from './libraries/text-formatting.js';

/**
 * How library calls move data. A library call without a model is assumed to
 * pass its receiver's and arguments' data to its result (the open world, see
 * src/engine/flow/library-calls.ts); a model makes the step exact, or clean
 * (`from: []` and no `flows`). This file models JavaScript's built-ins and SDK
 * message builders; `libraries/` holds one file per family of packages (i18n,
 * text formatting, escapers, schema validation, templates, stores, buffers, LLM APIs, API
 * clients, hashing). `from` lists what reaches the whole result;
 * `flows` are finer movements between value paths (see `FlowSpec`): into and
 * out of callbacks, into containers (`Map.set`) and out of them (`Map.get`).
 * Methods declared in TypeScript's own lib files that are not listed here
 * (string, number, Intl methods) pass data from their receiver and arguments
 * to their result.
 *
 * Specs:
 * - JSON: https://tc39.es/ecma262/#sec-json.stringify
 * - Array: https://tc39.es/ecma262/#sec-properties-of-the-array-prototype-object
 * - Map/Set/WeakMap: https://tc39.es/ecma262/#sec-keyed-collections
 * - Promise: https://tc39.es/ecma262/#sec-promise-objects
 * - Object: https://tc39.es/ecma262/#sec-properties-of-the-object-constructor
 * - Error: https://tc39.es/ecma262/#sec-error-message
 * - structuredClone: https://html.spec.whatwg.org/multipage/structured-data.html#dom-structuredclone
 *
 * SDK message builders (the built object carries the text to a send call); a
 * bare type name (`EmbedBuilder`) stands for its constructor (`new EmbedBuilder(data)`),
 * `Type.*` for any of its methods:
 * - Bot Framework: https://learn.microsoft.com/en-us/javascript/api/botbuilder-core/messagefactory
 * - discord.js builders: https://discord.js.org/docs/packages/builders/main/EmbedBuilder:Class
 * - Telegraf format: https://telegraf.js.org/modules/Format.html
 * - Twilio Conversations: https://sdk.twilio.com/js/conversations/releases/2.6.0/docs/classes/MessageBuilder.html
 * - whatsapp-api-js: https://whatsappapijs.web.app/classes/messages.Text.html
 */

const ARRAY = ['Array', 'ReadonlyArray'];
const arrayMethod = (name: string, flows: { from: string; to: string }[]) =>
  ARRAY.map((type) => ({ function: `${type}.${name}`, module: 'lib', from: [], flows }));

/** The callback of an iteration method gets the elements (and the array). */
const elementsToCallback = { from: 'this[]', to: 'arg0(0)' };
const args = ['arg0', 'arg1', 'arg2', 'arg3', 'arg4', 'arg5'];
const withReceiver = ['this', ...args];

const builtIns = definePropagators([
  { function: 'JSON.stringify', module: 'lib', from: ['arg0'], keepsFields: true },
  { function: 'structuredClone', module: ['node', 'lib'], from: ['arg0'], keepsFields: true },

  // Arrays: callbacks and what reaches the result.
  ...arrayMethod('map', [elementsToCallback, { from: 'arg0()', to: 'return[]' }]),
  ...arrayMethod('flatMap', [elementsToCallback, { from: 'arg0()[]', to: 'return[]' }, { from: 'arg0()', to: 'return[]' }]),
  ...arrayMethod('forEach', [elementsToCallback]),
  ...arrayMethod('filter', [elementsToCallback, { from: 'this', to: 'return' }]),
  ...arrayMethod('find', [elementsToCallback, { from: 'this[]', to: 'return' }]),
  ...arrayMethod('findLast', [elementsToCallback, { from: 'this[]', to: 'return' }]),
  ...arrayMethod('some', [elementsToCallback]),
  ...arrayMethod('every', [elementsToCallback]),
  ...arrayMethod('findIndex', [elementsToCallback]),
  ...arrayMethod('sort', [elementsToCallback, { from: 'this[]', to: 'arg0(1)' }, { from: 'this', to: 'return' }]),
  ...arrayMethod('toSorted', [elementsToCallback, { from: 'this[]', to: 'arg0(1)' }, { from: 'this', to: 'return' }]),
  ...arrayMethod('reduce', [
    { from: 'arg1', to: 'arg0(0)' },
    { from: 'arg0()', to: 'arg0(0)' },
    { from: 'this[]', to: 'arg0(1)' },
    { from: 'arg0()', to: 'return' },
  ]),
  ...arrayMethod('reduceRight', [
    { from: 'arg1', to: 'arg0(0)' },
    { from: 'arg0()', to: 'arg0(0)' },
    { from: 'this[]', to: 'arg0(1)' },
    { from: 'arg0()', to: 'return' },
  ]),
  ...arrayMethod('join', [{ from: 'this[]', to: 'return' }]),
  ...arrayMethod('push', [{ from: 'args', to: 'this[]' }]),
  ...arrayMethod('unshift', [{ from: 'args', to: 'this[]' }]),
  ...arrayMethod('concat', [{ from: 'this', to: 'return' }, { from: 'args', to: 'return' }, { from: 'args[]', to: 'return[]' }]),
  ...arrayMethod('indexOf', []),
  ...arrayMethod('includes', []),
  { function: 'ArrayConstructor.from', module: 'lib', from: [], flows: [
    { from: 'arg0', to: 'return' },
    { from: 'arg0[]', to: 'arg1(0)' },
    { from: 'arg1()', to: 'return[]' },
  ] },
  { function: 'ArrayConstructor.of', module: 'lib', from: [], flows: [{ from: 'args', to: 'return[]' }] },

  // Keyed collections: values are modelled as elements (`[]`); keys are not followed.
  { function: 'Map.set', module: 'lib', from: [], flows: [{ from: 'arg1', to: 'this[]' }] },
  { function: 'WeakMap.set', module: 'lib', from: [], flows: [{ from: 'arg1', to: 'this[]' }] },
  { function: 'Map.get', module: 'lib', from: [], flows: [{ from: 'this[]', to: 'return' }] },
  { function: 'ReadonlyMap.get', module: 'lib', from: [], flows: [{ from: 'this[]', to: 'return' }] },
  { function: 'WeakMap.get', module: 'lib', from: [], flows: [{ from: 'this[]', to: 'return' }] },
  { function: 'Map.values', module: 'lib', from: [], flows: [{ from: 'this[]', to: 'return[]' }] },
  { function: 'Map.forEach', module: 'lib', from: [], flows: [elementsToCallback] },
  { function: 'Map.has', module: 'lib', from: [] },
  { function: 'Map.delete', module: 'lib', from: [] },
  { function: 'Set.add', module: 'lib', from: [], flows: [{ from: 'arg0', to: 'this[]' }] },
  { function: 'WeakSet.add', module: 'lib', from: [], flows: [{ from: 'arg0', to: 'this[]' }] },
  { function: 'Set.values', module: 'lib', from: [], flows: [{ from: 'this[]', to: 'return[]' }] },
  { function: 'Set.forEach', module: 'lib', from: [], flows: [elementsToCallback] },
  { function: 'Set.has', module: 'lib', from: [] },
  { function: 'Map', module: 'lib', from: [], flows: [{ from: 'arg0[][]', to: 'return[]' }] },
  { function: 'Set', module: 'lib', from: [], flows: [{ from: 'arg0[]', to: 'return[]' }] },

  // Objects.
  { function: 'ObjectConstructor.assign', module: 'lib', from: [], flows: [
    { from: 'arg1', to: 'arg0' },
    { from: 'arg2', to: 'arg0' },
    { from: 'arg3', to: 'arg0' },
    { from: 'args', to: 'return' },
  ] },
  { function: 'ObjectConstructor.values', module: 'lib', from: [], flows: [{ from: 'arg0', to: 'return[]' }] },
  { function: 'ObjectConstructor.entries', module: 'lib', from: [], flows: [{ from: 'arg0', to: 'return[][]' }] },
  { function: 'ObjectConstructor.keys', module: 'lib', from: [] },
  { function: 'ObjectConstructor.fromEntries', module: 'lib', from: [], flows: [{ from: 'arg0[]', to: 'return' }] },

  // Promises: the resolved value is the promise itself to the engine (`await` is transparent).
  { function: 'Promise.then', module: 'lib', from: [], flows: [
    { from: 'this', to: 'arg0(0)' },
    { from: 'arg0()', to: 'return' },
    { from: 'thrown', to: 'arg1(0)' },
    { from: 'arg1()', to: 'return' },
  ] },
  { function: 'Promise.catch', module: 'lib', from: [], flows: [
    { from: 'this', to: 'return' },
    { from: 'thrown', to: 'arg0(0)' },
    { from: 'arg0()', to: 'return' },
  ] },
  { function: 'Promise.finally', module: 'lib', from: [], flows: [{ from: 'this', to: 'return' }] },
  { function: 'PromiseConstructor.all', module: 'lib', from: [], flows: [{ from: 'arg0', to: 'return' }] },
  { function: 'PromiseConstructor.allSettled', module: 'lib', from: [], flows: [{ from: 'arg0[]', to: 'return[].value' }] },
  { function: 'PromiseConstructor.race', module: 'lib', from: [], flows: [{ from: 'arg0[]', to: 'return' }] },
  { function: 'PromiseConstructor.any', module: 'lib', from: [], flows: [{ from: 'arg0[]', to: 'return' }] },
  { function: 'PromiseConstructor.resolve', module: 'lib', from: [], flows: [{ from: 'arg0', to: 'return' }] },

  // Errors: the message and the cause.
  { function: 'Error', module: 'lib', from: [], flows: [{ from: 'arg0', to: 'return.message' }, { from: 'arg1.cause', to: 'return.cause' }] },

  // Strings: positions and comparisons are numbers about the data, not the data.
  { function: 'String.indexOf', module: 'lib', from: [] },
  { function: 'String.lastIndexOf', module: 'lib', from: [] },
  { function: 'String.search', module: 'lib', from: [] },
  { function: 'String.localeCompare', module: 'lib', from: [] },
  // Node's fetch (undici): a response body read is the response's data. https://fetch.spec.whatwg.org/#body-mixin
  ...['json', 'text', 'arrayBuffer', 'blob', 'formData'].map((reader) => ({ function: `BodyMixin.${reader}`, module: ['undici-types', 'undici'], from: ['this'] })),

  // Bodies and SDK builders.
  // Form and query bodies: `new URLSearchParams({ Body: text })`, `params.toString()`.
  { function: 'URLSearchParams', module: ['node', 'lib', 'undici-types'], from: ['arg0'], keepsFields: true },
  { function: 'URLSearchParams.toString', module: ['node', 'lib', 'undici-types'], from: ['this'], keepsFields: true },
  // Bot Framework and the M365 Agents SDK.
  ...['MessageFactory', 'CardFactory'].map((type) => ({ function: `${type}.*`, module: ['botbuilder-core', '@microsoft/agents-hosting', '@microsoft/agents-activity'], from: args })),
  { function: 'Activity.fromObject', module: ['@microsoft/agents-activity', '@microsoft/agents-hosting'], from: ['arg0'], keepsFields: true },
  { function: 'MessageActivity', module: '@microsoft/teams.api', from: args },
  { function: 'MessageActivity.*', module: '@microsoft/teams.api', from: withReceiver },
  // discord.js builders (declared in @discordjs/builders).
  ...['EmbedBuilder', 'ContainerBuilder', 'TextDisplayBuilder', 'AttachmentBuilder', 'ActionRowBuilder', 'ButtonBuilder'].flatMap((type) => [
    { function: type, module: ['@discordjs/builders', 'discord.js'], from: args },
    { function: `${type}.*`, module: ['@discordjs/builders', 'discord.js'], from: withReceiver },
  ]),
  // Telegraf formatting: fmt`…`, bold(…), FmtString.
  ...['fmt', 'bold', 'italic', 'underline', 'strikethrough', 'spoiler', 'code', 'pre', 'link', 'mention', 'join', 'quote'].map((fn) => ({ function: fn, module: 'telegraf', from: args })),
  { function: 'FmtString', module: 'telegraf', from: args },
  // Twilio Conversations: conversation.prepareMessage().setBody(text).build().
  { function: 'MessageBuilder.*', module: '@twilio/conversations', from: withReceiver },
  // whatsapp-api-js: new Text(body), new Image(url, false, caption), new Interactive(...), new Body(text).
  ...['Text', 'Image', 'Document', 'Video', 'Interactive', 'Body', 'Header', 'Footer', 'Template'].map((type) => ({ function: type, module: 'whatsapp-api-js', from: args })),
  // whatsapp-web.js: new MessageMedia(mimetype, base64, filename).
  { function: 'MessageMedia', module: 'whatsapp-web.js', from: ['arg1', 'arg2'] },
]);

export default [...builtIns, ...i18n, ...textFormatting, ...escapers, ...validation, ...templates, ...stores, ...buffers, ...llm, ...apiClients, ...hashing];
