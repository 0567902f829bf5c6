/**
 * JSON Schema of `finleak.config.*`. Published as `finleak/config-schema.json`
 * and used to validate every config before the analysis starts.
 */
const stringOrList = (description: string) => ({
  description,
  anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }],
});

const payloadPath = {
  type: 'string',
  pattern: '^(arg\\d+|this|param:[A-Za-z_$][\\w$]*)((\\.[A-Za-z_$][\\w$]*)|\\[\\])*$',
  description:
    'Argument and property path: `arg1`, `arg0.text`, `arg0.messages[].text`; or `param:` and a parameter name and path (`param:activity.text`), placed by the overload the call resolves to.',
};

const flowPath = {
  type: 'string',
  pattern: '^(this|return|thrown|args|arg\\d+(\\(\\d*\\))?)((\\.[A-Za-z_$][\\w$]*)|\\[\\])*$',
  description: 'Value path of a call: `this[]`, `arg1`, `arg0()`, `arg0(1)`, `return[].value`, `thrown`.',
};

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/finleak/finleak/config-schema.json',
  title: 'finleak configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'Link to this schema, for editors.' },
    sources: {
      type: 'object',
      description: 'What counts as account or transaction data, added to the built-in list.',
      additionalProperties: false,
      properties: {
        types: {
          type: 'array',
          description: 'Type names, or regular expressions written as "/source/flags", whose values are financial whatever their fields: their fields of a category taint with it; a listed type without such fields taints as a whole.',
          items: { type: 'string', minLength: 1 },
        },
        fields: {
          type: 'array',
          description: 'Financial fields, matched as words at the end of a field name ("sortCode" matches "beneficiary_sort_code"). A string is financial on any object (category "unclassified"); a rule names its category.',
          items: {
            anyOf: [
              { type: 'string', minLength: 1 },
              {
                type: 'object',
                additionalProperties: false,
                required: ['category', 'words'],
                properties: {
                  category: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'Data category shown in findings, e.g. "balance" or a new one such as "loyalty".' },
                  words: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Field words ("pointsBalance"), or "/regex/" tested on the whole field name.' },
                  confirms: { enum: ['alone', 'beside'], description: '"alone": the field makes any object financial; "beside": with a currency or date field, or a "beside" field of another category. Omitted: only on an object something else shows to be a money or account shape.' },
                  on: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Only on objects whose own type name (or origin) contains one of these words, e.g. ["Transaction"], and (unless "confirms" is "alone") beside another financial field.' },
                  besideCurrency: { type: 'boolean', description: 'Only on objects that also have a currency field (`value` of `{ value, currency }`).' },
                },
              },
            ],
          },
        },
        names: {
          type: 'array',
          description: 'Extra words (or "/regex/") of type names that show a money or account shape, e.g. "Holding": the fields of such a type that a rule matches are financial.',
          items: { type: 'string', minLength: 1 },
        },
        evidence: {
          type: 'array',
          description: 'Extra field words financial on a money or account shape only (category "unclassified"), e.g. "marketValue", or "/regex/" tested on the whole field name.',
          items: { type: 'string', minLength: 1 },
        },
        modifiers: {
          type: 'array',
          description: 'Extra words that may follow a field word without changing what it holds (built in: cents, minor, formatted, name, ...), e.g. "eur".',
          items: { type: 'string', minLength: 1 },
        },
        beside: {
          type: 'object',
          description: 'Extra words of the fields that make an amount money.',
          additionalProperties: false,
          properties: {
            currency: { type: 'array', description: 'Words of currency fields (built in: currency, ccy).', items: { type: 'string', minLength: 1 } },
            date: { type: 'array', description: 'Words of date fields (built in: date, time, timestamp, at); a field typed Date counts too.', items: { type: 'string', minLength: 1 } },
          },
        },
        schemaLibraries: {
          type: 'array',
          description: 'Extra packages whose calls build a schema or table from an object literal (e.g. "yup"); built in: zod, valibot, drizzle-orm, kysely.',
          items: { type: 'string', minLength: 1 },
        },
        exclude: {
          type: 'object',
          description: 'What never counts as financial.',
          additionalProperties: false,
          properties: {
            types: { type: 'array', description: 'Type names or "/regex/" that are never financial (e.g. "ServiceAccount").', items: { type: 'string', minLength: 1 } },
            names: { type: 'array', description: 'Built-in name words to drop (e.g. "card").', items: { type: 'string', minLength: 1 } },
            fields: { type: 'array', description: 'Field words that are financial nowhere (e.g. "reference").', items: { type: 'string', minLength: 1 } },
            categories: { type: 'array', description: 'Whole data categories to drop (e.g. "purchase-location").', items: { type: 'string', minLength: 1 } },
          },
        },
        sdkTypes: {
          type: 'array',
          description: 'Types declared by a package or project file that are financial as they are, as in rules/sdks.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['module', 'types'],
            properties: {
              sdk: { type: 'string', minLength: 1, description: 'Name shown in explanations.' },
              docs: { type: 'string', minLength: 1, description: 'Link to the API reference.' },
              module: stringOrList('npm package that declares the types, or a path relative to the config file.'),
              types: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Declared type names.' },
            },
          },
        },
        calls: {
          type: 'array',
          description: 'Calls whose untyped (any/unknown) result is financial: a bank client method (module, type, method) or an HTTP read (url).',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              kind: { type: 'string', pattern: '^[\\w$]+$', description: 'Source kind shown in findings, e.g. "CoreBankingResponse".' },
              category: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'Data category of the result where the field read does not say (default "unclassified").' },
              module: stringOrList('npm package that declares the method, or a path relative to the config file.'),
              type: stringOrList('Class, interface or type alias that declares the method.'),
              method: stringOrList('Method or function name (`getBalances`, `accounts.list`).'),
              url: { type: 'string', minLength: 1, description: 'Regular expression matched against the URL of a fetch/axios call, e.g. "^https://api\\.examplebank\\.com/".' },
              httpMethod: { type: 'string', minLength: 1, description: 'HTTP method of the request (default GET; "*" for any).' },
            },
          },
        },
      },
    },
    sinks: {
      type: 'array',
      description: 'Extra send calls of messaging SDKs, in the same shape as the models in rules/platforms.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['module', 'payload'],
        properties: {
          platform: { type: 'string', minLength: 1, description: 'Name shown in findings, e.g. "Acme Chat".' },
          module: stringOrList('npm package that declares the method, or a path relative to the config file.'),
          type: stringOrList('Class, interface or type alias that declares the method.'),
          method: stringOrList('Member path inside `type` (`send`, `chat.postMessage`). Omit to match calls of a value typed as the alias `type`.'),
          file: { type: 'string', minLength: 1, description: 'Regular expression the declaring file path must match.' },
          payload: { type: 'array', minItems: 1, items: payloadPath, description: 'Arguments or properties that carry message content.' },
          untyped: { type: 'boolean', description: 'The SDK has no typings: match calls on an untyped receiver imported or required from `module`, by the member path in `method`.' },
          sentBy: {
            type: 'array',
            description:
              'For a command object (`method: "constructor"`): the client methods that send it as their first argument (`client.send(new Command(input))`). Where it visibly reaches one, that call is reported.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['module', 'method'],
              properties: {
                module: stringOrList('npm package that declares the sending method.'),
                type: stringOrList('Class or interface that declares it.'),
                method: stringOrList('Its name (`send`, `invoke`).'),
              },
            },
          },
        },
      },
    },
    endpoints: {
      type: 'array',
      description: 'Extra messaging REST endpoints: an HTTP call (fetch, axios, ...) to a matching URL is a send.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: {
          platform: { type: 'string', minLength: 1, description: 'Name shown in findings.' },
          method: { type: 'string', minLength: 1, description: 'HTTP method, e.g. "POST". Omit for any.' },
          url: { type: 'string', minLength: 1, description: 'Regular expression matched against the URL as far as it is known statically.' },
          payload: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'JSON body fields that carry message content (`message.text`). Omit for the whole body.' },
          webhookKey: { type: 'string', minLength: 1, description: 'Regular expression for names of env variables or config keys a webhook URL of this platform is read from (e.g. "slack.*(webhook|url)"), used when the host is not known statically.' },
        },
      },
    },
    sanitizers: {
      type: 'array',
      description: 'Functions whose result is clean (masking, tokenising), by name or by their declared return type.',
      items: {
        type: 'object',
        additionalProperties: false,
        anyOf: [{ required: ['function'] }, { required: ['type'] }],
        properties: {
          function: { type: 'string', minLength: 1, description: 'Function or method name.' },
          type: {
            type: 'string',
            minLength: 1,
            description: 'A clean type name or "/regex/": any call whose declared return type is this type (e.g. a branded `MaskedIban`) ends the flow.',
          },
          module: { type: 'string', minLength: 1, description: 'Declaring package, or a path relative to the config file. Omit to trust the name in any module.' },
        },
      },
    },
    propagators: {
      type: 'array',
      description:
        'How library calls move data, in the shape of rules/propagators.ts. A call into a library without a model is assumed to pass the data of its arguments and receiver to its result; a model here makes that step exact, or declares the call clean with `"from": []` and no `flows`. Entries here are checked before the built-in models.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['function', 'from'],
        properties: {
          function: {
            type: 'string',
            minLength: 1,
            description: 'Declared name: a function (`render`), `Type.method`, `Type.*` for any method of a type, or a bare `Type` for its constructor or call signature.',
          },
          module: stringOrList('Declaring package (`i18next`, `lib` for TypeScript\'s own lib), or a path relative to the config file. Omit for any module.'),
          from: { type: 'array', items: payloadPath, description: 'What reaches the whole result: `this` (the receiver), `arg0`, `arg1.text`. `[]` with no `flows`: the result is clean.' },
          keepsFields: { type: 'boolean', description: 'The result keeps the structure of `from` (JSON.stringify): field paths pass through.' },
          flows: {
            type: 'array',
            description: 'Finer movements between value paths: roots `this`, `argN`, `args`, `return`, `argN()` (what callback N returns), `argN(i)` (parameter i of callback N), `thrown`; then `.field` or `[]`.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['from', 'to'],
              properties: { from: flowPath, to: flowPath },
            },
          },
          llm: { type: 'boolean', description: 'The call asks a large language model: its answer carries its prompt. `llmFlows: false` turns such flows off.' },
        },
      },
    },
    llmFlows: {
      type: 'boolean',
      description: 'Report data that reaches a send through an LLM\'s answer (a prompt holding financial data, the model\'s reply sent). Default true; false treats modelled LLM calls as clean.',
    },
    ignore: {
      type: 'array',
      description: 'Globs, relative to the project folder, of files whose findings are not reported.',
      items: { type: 'string', minLength: 1 },
    },
    projects: {
      type: 'array',
      description: 'The projects of a monorepo that `finleak check` analyses when no --project is given: tsconfig files or folders holding a tsconfig.json, relative to the config file; `*` and `**` match folders (e.g. "apps/*", "packages/*/tsconfig.build.json").',
      items: { type: 'string', minLength: 1 },
      minItems: 1,
    },
  },
} as const;
