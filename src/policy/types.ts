/**
 * The policy: what counts as financial data, which calls send a message to a
 * third-party platform, and which functions make data safe. The built-in
 * policy in `rules/` and a user's `finleak.config.*` use these same shapes.
 */

/** A type name, or a regular expression written as `/source/flags`. */
export type TypeNamePattern = string;

export interface SourcesSpec {
  /**
   * Type names (or `/regex/`) whose values are account or transaction data
   * whatever their fields: their fields of a category (below) taint with that
   * category; a listed type without such fields taints as a whole.
   */
  types?: TypeNamePattern[];
  /**
   * Financial fields. A string is a field word that is financial on any
   * object (category `unclassified`); a rule names its category and how much
   * the field says by itself. Matched as words, as the head of a field name:
   * `balance` matches `current_balance` and `newBalance`, not `balanceThreshold`.
   */
  fields?: (string | FieldRuleSpec)[];
  /**
   * Words a type name (or the name of the schema, table, entity or model its
   * fields were declared in) contains when it is a money or account shape
   * (`Account` matches `AccountRead`, `BankAccountEntity`, `bank_accounts`),
   * or `/regex/` tested on the whole name. Strong evidence, not the gate: such
   * a type taints only at its financial fields.
   */
  names?: TypeNamePattern[];
  /** Field words financial on a money or account shape only (category `unclassified`), e.g. `marketValue`. */
  evidence?: string[];
  /**
   * Words that may follow a field word without changing what the field holds
   * (`cents` in `amount_cents`, `formatted` in `balanceFormatted`).
   */
  modifiers?: string[];
  /**
   * Words of the fields that make an `amount` money: a currency or a date
   * (`currency_code`, `bookedAt`), found anywhere in a field name; a field
   * typed `Date` is a date too.
   */
  beside?: { currency?: string[]; date?: string[] };
  /** Packages whose calls build a schema or table from an object literal (zod, valibot, drizzle-orm). */
  schemaLibraries?: string[];
  /**
   * What never counts: type names (or `/regex/`), name words, field words
   * (financial nowhere), and whole categories.
   */
  exclude?: { types?: TypeNamePattern[]; names?: string[]; fields?: string[]; categories?: string[] };
  /** Types declared by a package (a bank-integration SDK) or a project file that are financial as they are. */
  sdkTypes?: SdkTypesSpec[];
  /** Calls whose untyped (`any` / `unknown`) result is financial data: a bank client method, or an HTTP read of a bank API. */
  calls?: SourceCallSpec[];
}

/**
 * One rule for financial fields (`rules/financial.ts`): field words of a data
 * category, and the evidence they need from the object that carries them.
 */
export interface FieldRuleSpec {
  /** Data category shown in findings: `balance`, `account-identifier`, `card`, ...; a new name adds a category. */
  category: string;
  /** Field words (`accountNumber`, `merchant`), or `/regex/` tested on the whole field name. */
  words: string[];
  /**
   * What the field says about its object. `alone`: a field of this name makes
   * any object a money or account shape (`iban`, `balance`). `beside`: it
   * does together with a currency or date field (`beside` words), or with a
   * `beside` field of another category (an `amount` next to a `currency`,
   * `bookedAt` or `merchant`). Omitted: financial only on an object that
   * something else shows to be a money or account shape.
   */
  confirms?: 'alone' | 'beside';
  /**
   * Only on objects whose own type name (or origin) contains one of these
   * words (`name` on a `Transaction`), and, unless `confirms` is `alone`,
   * only beside another financial field: a `PaymentsItem { title, priority }`
   * is no transaction.
   */
  on?: string[];
  /** Only on objects that also have a currency field (`value` in `{ value, currency }`); the field then confirms the object. */
  besideCurrency?: boolean;
}

/** Financial types of one SDK, as modelled in `rules/sdks/*.ts`. */
export interface SdkTypesSpec {
  /** Human name, e.g. "Plaid". */
  sdk?: string;
  /** Link to the API reference of these objects. */
  docs?: string;
  /** npm package whose typings declare the types, or a path relative to the config file. */
  module: string | string[];
  /** Interface, class or type alias names declared there. */
  types: string[];
}

/**
 * A call that returns financial data. Either a function or method (`module`,
 * optional `type`, `method`), or an HTTP request through a modelled client
 * (`fetch`, `axios`) whose URL matches `url`.
 */
export interface SourceCallSpec {
  /** Source kind shown in findings, e.g. "CoreBankingResponse". */
  kind?: string;
  /** Data category of the result where its fields do not say (default `unclassified`). */
  category?: string;
  module?: string | string[];
  type?: string | string[];
  method?: string | string[];
  /** Regular expression source matched against the request URL as far as it is known statically. */
  url?: string;
  /** HTTP method of the request; omitted: GET. `*` for any. */
  httpMethod?: string;
}

/**
 * A send call of a messaging SDK. The call's callee must resolve, through the
 * type checker, to a declaration of `method` inside `type` in `module`.
 */
export interface SinkSpec {
  /** Human name of the platform, e.g. "Slack". Taken from the model when omitted. */
  platform?: string;
  /** npm package whose typings declare the method, or a path relative to the config file. */
  module: string | string[];
  /** Class, interface or type alias that declares the method (omit for top-level functions). */
  type?: string | string[];
  /**
   * Member path inside `type`: `sendText`, or `chat.postMessage` for a
   * function-typed property of a property. Several alternatives may be listed.
   * Omitted: a call of any value whose declared type is the alias `type` (e.g. Bolt's `SayFn`).
   */
  method?: string | string[];
  /** Extra check on the declaring file, a regular expression source tested against its path. */
  file?: string;
  /** Arguments/properties carrying message content: `arg1`, `arg0.text`, `arg0.messages[].text`. */
  payload: string[];
  /**
   * For SDKs without typings: match calls whose receiver is untyped (`any`)
   * but comes from an import or `require` of `module`, by the member path
   * written in `method`. Such findings say they were matched by name.
   */
  untyped?: boolean;
  /**
   * For a command or request object (`method: "constructor"`, payload read from
   * the constructor's arguments): the client methods that send it as their first
   * argument (`client.send(new PublishCommand(input))`, GramJS
   * `client.invoke(new Api.messages.SendMessage({ message }))`). Where the
   * command visibly reaches one of them, that call is the send; a command that
   * leaves the code where it is built is reported where it is built.
   */
  sentBy?: SenderSpec[];
}

/** A client method that sends a command object given as its first argument. */
export interface SenderSpec {
  module: string | string[];
  type?: string | string[];
  method: string | string[];
}

/**
 * A generic HTTP client call. It is a sink only when its URL folds to a
 * modelled messaging endpoint.
 */
export interface HttpCarrierSpec {
  name: string;
  module: string | string[];
  type?: string | string[];
  method?: string | string[];
  file?: string;
  /** Where the URL is: `arg0`, `arg0.url`. */
  url: string;
  /** Fixed HTTP method of this call (e.g. `axios.post`), or where to read it. */
  httpMethod?: string;
  httpMethodFrom?: string;
  /** Where the request body is: `arg1`, `arg1.body`, `arg0.data`. */
  body: string;
  /**
   * The call's receiver is a client made with a base URL (`axios.create({ baseURL })`,
   * `got.extend({ prefixUrl })`): the call's URL is relative to it.
   */
  base?: { method: string | string[]; url: string };
  /** Where the call's own options give a base URL its URL is relative to: `arg1.prefixUrl` (got), `arg2.baseURL` (axios). */
  prefix?: string;
  /**
   * The URL (and HTTP method) are arguments of the call that made the receiver
   * (`https.request(url).end(body)`, `superagent.post(url).send(body)`);
   * `url` and `httpMethodFrom` are then read on that call. `httpMethod: "callee"`
   * takes the HTTP method from that call's name.
   */
  via?: { method: string | string[]; url: string; httpMethodFrom?: string; httpMethodFromName?: boolean };
}

/** A REST endpoint of a messaging platform. */
export interface EndpointSpec {
  platform?: string;
  /** HTTP method, e.g. POST. Omitted: any method. */
  method?: string;
  /** Regular expression source matched against the folded URL. */
  url: string;
  /** JSON body fields carrying message content (`message.text`); omitted: the whole body. */
  payload?: string[];
  /**
   * A top-level body field every request to this endpoint has (WhatsApp's
   * `messaging_product`), to tell apart endpoints whose URLs look alike.
   * Checked only where the body is an object literal in the code.
   */
  bodyHas?: string;
  /**
   * Regular expression source (case-insensitive) for names of environment
   * variables, config keys or variables a webhook URL of this platform is read
   * from (`SLACK_WEBHOOK_URL`, `teams.webhookUrl`), when the URL's host is not
   * known statically. Such findings say the URL was recognised by its name.
   */
  webhookKey?: string;
}

export interface SanitizerSpec {
  /** Function or method name whose result is clean. */
  function?: string;
  /**
   * A clean type (name or `/regex/`): a call whose declared return type is
   * this type (or a promise of it), e.g. a branded `MaskedIban`, ends the flow.
   */
  type?: TypeNamePattern;
  /** Declaring package, or a path relative to the config file. Omitted: any module. */
  module?: string;
}

/** A library function through which data flows from some arguments to its result. */
export interface PropagatorSpec {
  /** `JSON.stringify`, `format`, ... : the declared name (qualified by its namespace or type when given so). */
  function: string;
  module?: string | string[];
  /** Arguments whose data reaches the result: `arg0`, `this` (the receiver). */
  from: string[];
  /** The result keeps the argument's structure (JSON.stringify): field paths pass through. */
  keepsFields?: boolean;
  /**
   * Finer data movements of the call, between value paths. Roots: `this`
   * (receiver), `argN`, `args` (every argument), `return` (the result),
   * `argN()` (what callback argN returns), `argN(i)` (parameter i of callback
   * argN), `thrown` (what the receiver throws or rejects with); then `.field`
   * or `[]` (elements, Map/Set values). `{ from: 'this[]', to: 'arg0(0)' }`:
   * the callback of `map` receives the elements; `{ from: 'arg1', to: 'this[]' }`:
   * `Map.set` stores its value in the map.
   */
  flows?: FlowSpec[];
  /**
   * The call asks a large language model: its answer carries its prompt (the
   * data of `from` and `flows`). Findings through it say so, and the config's
   * `llmFlows: false` turns them off.
   */
  llm?: boolean;
}

/** One data movement of a modelled library call. */
export interface FlowSpec {
  from: string;
  to: string;
}

/**
 * An event emitter: a callback registered with one of `register` for an event
 * receives the arguments after the event name of `emit` calls on the same
 * emitter with the same event name.
 */
export interface EventSpec {
  module: string | string[];
  type?: string | string[];
  register: string[];
  emit: string[];
}

/**
 * A job queue: the data a producer adds to a named queue is what the handler
 * of a consumer of that queue receives (`queue.add(name, data)` ->
 * `new Worker(queueName, async (job) => job.data)`). Queue names are compared
 * where both are string literals; otherwise every producer may feed every consumer.
 */
export interface QueueSpec {
  /** Human name, e.g. "BullMQ". */
  queue: string;
  module: string | string[];
  /** The producer: `Type.method` of the add call, and where its data is (`arg1`). Its receiver was made by `new <queue type>(name)`. */
  producer: { function: string; payload: string };
  /** The consumer: the constructor that takes the queue name (`arg0`) and the handler argument; the handler's first parameter gets the payload at `field`. */
  consumer: { function: string; name: string; handler: number; field: string };
}

/** One messaging platform, as modelled in `rules/platforms/*.ts`. */
export interface PlatformModel {
  platform: string;
  /** Link to the API documentation this model follows. */
  docs: string;
  /** Package name -> the major versions this model was written against (shown by `finleak sinks`). */
  versions?: Record<string, string>;
  /**
   * Packages modelled here that no test fixture imports, each with the reason
   * (cannot be installed, typings too heavy). `finleak sinks` shows them; the
   * registry test requires every other modelled package to fire in a fixture.
   */
  untested?: Record<string, string>;
  sinks?: SinkSpec[];
  endpoints?: EndpointSpec[];
  /**
   * The platform's message builders (`new EmbedBuilder().setDescription(text)`,
   * `MessageFactory.text(text)`): library calls whose result carries the
   * content given to them, in the shape of `rules/propagators.ts`.
   */
  builders?: PropagatorSpec[];
}

/** What a user may write in `finleak.config.*`. */
export interface UserConfig {
  sources?: SourcesSpec;
  sinks?: SinkSpec[];
  endpoints?: EndpointSpec[];
  sanitizers?: SanitizerSpec[];
  /**
   * How library calls move data, in the shape of `rules/propagators.ts`;
   * `from: []` without `flows` declares a call clean. Checked before the
   * built-in models, so an entry here replaces a built-in one.
   */
  propagators?: PropagatorSpec[];
  /** Follow data through an LLM's answer (a prompt holding financial data, the reply sent). Default true. */
  llmFlows?: boolean;
  ignore?: string[];
  /** tsconfig files or folders (globs allowed), relative to the config file: the projects `check` analyses without --project. */
  projects?: string[];
}

/** The resolved policy the engine runs with. */
export interface Policy {
  sources: ResolvedSources;
  sinks: (SinkSpec & { platform: string })[];
  carriers: HttpCarrierSpec[];
  /** Host labels and path segments that make a POST with a message-like body to a host no model names a possible send (`rules/http.ts`). */
  relayWords?: string[];
  endpoints: (EndpointSpec & { platform: string })[];
  sanitizers: SanitizerSpec[];
  propagators: PropagatorSpec[];
  /** Whether data flows through an LLM's answer (`PropagatorSpec.llm`); when false, such calls are clean. */
  llmFlows: boolean;
  /** Event emitters whose `emit` reaches the registered handlers. */
  events?: EventSpec[];
  /** Job queues whose added data reaches the consumers' handlers. */
  queues?: QueueSpec[];
  /** Globs (relative to the project folder) of files whose findings are not reported. */
  ignore: string[];
  /** Folder that relative `module` paths in the policy are resolved against. */
  baseDir: string;
}

/** `sources` of the policy: built-in rules and the user's config together. */
export interface ResolvedSources {
  types: TypeNamePattern[];
  fields: (string | FieldRuleSpec)[];
  names: TypeNamePattern[];
  evidence: string[];
  modifiers: string[];
  beside: { currency: string[]; date: string[] };
  schemaLibraries: string[];
  exclude: { types: TypeNamePattern[]; names: string[]; fields: string[]; categories: string[] };
  sdkTypes: SdkTypesSpec[];
  calls: SourceCallSpec[];
  /** HTTP clients a `url` source call may go through (`fetch`, `axios.get`, ...). */
  httpClients: HttpCarrierSpec[];
}
