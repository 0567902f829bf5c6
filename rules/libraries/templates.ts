import { definePropagators } from '../define.js';

/**
 * Template engines: the rendered text carries the template and the view's data.
 * Compile-then-call: the compiled function (Handlebars `TemplateDelegate`,
 * lodash `TemplateExecutor`) is matched by its call signature.
 * - Handlebars: https://handlebarsjs.com/api-reference/compilation.html
 * - Mustache.js: https://github.com/janl/mustache.js#usage
 * - EJS: https://ejs.co/#docs
 * - Nunjucks: https://mozilla.github.io/nunjucks/api.html
 * - lodash template: https://lodash.com/docs/#template
 */
export default definePropagators([
  { function: 'compile', module: 'handlebars', from: ['arg0'] },
  { function: 'TemplateDelegate', module: 'handlebars', from: ['arg0'] },
  { function: 'render', module: 'mustache', from: ['arg0', 'arg1', 'arg2'] },
  { function: 'render', module: 'ejs', from: ['arg0', 'arg1'] },
  { function: 'compile', module: 'ejs', from: ['arg0'] },
  { function: 'TemplateFunction', module: 'ejs', from: ['arg0'] },
  { function: 'renderFile', module: 'ejs', from: ['arg1'] },
  ...['render', 'renderString'].map((fn) => ({ function: fn, module: 'nunjucks', from: ['this', 'arg0', 'arg1'] })),
  { function: 'compile', module: 'nunjucks', from: ['arg0'] },
  { function: 'LoDashStatic.template', module: 'lodash', from: ['arg0'] },
  { function: 'TemplateExecutor', module: 'lodash', from: ['arg0'] },
]);
