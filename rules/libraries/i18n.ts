import { definePropagators } from '../define.js';

/**
 * Translation and message formatting: the translated text carries the
 * interpolation values (and the key, which a missing translation returns).
 * The receiver (a context, an i18n instance) is not the data.
 * - i18next: https://www.i18next.com/overview/api#t, https://www.i18next.com/overview/api#getfixedt
 * - grammY i18n: https://grammy.dev/plugins/i18n
 * - grammY fluent: https://github.com/grammyjs/fluent
 * - telegraf-i18n: https://github.com/telegraf/telegraf-i18n
 * - FormatJS intl-messageformat: https://formatjs.github.io/docs/intl-messageformat
 * - FormatJS @formatjs/intl: https://formatjs.github.io/docs/intl
 */
const args = ['arg0', 'arg1', 'arg2'];

export default definePropagators([
  // i18next: i18next.t(key, values), the exported `t`, and the function getFixedT returns (TFunction).
  { function: 'i18n.t', module: 'i18next', from: args },
  { function: 't', module: 'i18next', from: args },
  { function: 'TFunction', module: 'i18next', from: args },
  { function: 'TFunctionNonStrict', module: 'i18next', from: args },
  // grammY i18n: ctx.t / ctx.translate, and i18n.t(locale, key, values).
  { function: 'I18nFlavor.t', module: '@grammyjs/i18n', from: args },
  { function: 'I18nFlavor.translate', module: '@grammyjs/i18n', from: args },
  { function: 'I18n.t', module: '@grammyjs/i18n', from: args },
  { function: 'I18n.translate', module: '@grammyjs/i18n', from: args },
  // grammY fluent and telegraf-i18n: ctx.t / ctx.i18n.t, by member name.
  { function: 't', module: '@grammyjs/fluent', from: args },
  { function: 'translate', module: '@grammyjs/fluent', from: args },
  { function: 't', module: ['telegraf-i18n', '@edjopato/telegraf-i18n'], from: args },
  // FormatJS: the message pattern (the constructor's argument) and the values.
  { function: 'IntlMessageFormat', module: 'intl-messageformat', from: ['arg0'] },
  { function: 'IntlMessageFormat.format', module: 'intl-messageformat', from: ['this', 'arg0'] },
  { function: 'IntlMessageFormat.formatToParts', module: 'intl-messageformat', from: ['this', 'arg0'] },
  { function: 'formatMessage', module: '@formatjs/intl', from: args },
]);
