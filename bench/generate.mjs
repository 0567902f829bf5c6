// Generates a deterministic, realistic chatbot project for `npm run bench`:
// a shared core (HTTP client, money/date/text helpers, i18n, logging, the
// bank's own API), one client per messaging SDK, and many "domains" (cards,
// loans, savings, ...), each with a model, repository, formatting helpers, a
// service class and handlers that send over Messenger, Slack and Telegram.
// Most send sites are safe; some leak account or position data through
// helpers in other files. Each leaking send carries a `// finleak-expect: Kind`
// marker, like the fixtures, so the expected findings are known.
//
// The project must live inside this repository (e.g. bench/.generated/) so
// that its imports resolve the SDKs from the root node_modules.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DOMAIN_WORDS = [
  'cards', 'loans', 'savings', 'payments', 'support', 'onboarding', 'insurance', 'mortgages', 'investments',
  'travel', 'rewards', 'disputes', 'alerts', 'budgets', 'goals', 'transfers', 'standing', 'direct', 'fx',
  'crypto', 'pensions', 'tax', 'business', 'merchants',
];

/** Every channel a domain can send on; `sdks` picks a subset (the test uses Messenger only, for speed). */
export const ALL_SDKS = ['messenger', 'slack', 'telegram'];

const pascal = (word) => word.charAt(0).toUpperCase() + word.slice(1);

/** Small seeded PRNG (mulberry32): the same options always give the same project. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes the project into `dir` (emptied first).
 * @param {string} dir
 * @param {{ lines?: number, sdks?: string[], seed?: number }} [options]
 * @returns {{ dir: string, files: number, lines: number, sendSites: number, expected: string[] }}
 *   expected: "file:line Kind" keys (file relative to dir), the shape of test/helpers/fixtures.ts.
 */
export function generateBotProject(dir, options = {}) {
  const targetLines = options.lines ?? 50_000;
  const sdks = options.sdks ?? ALL_SDKS;
  const rand = random(options.seed ?? 42);
  rmSync(dir, { recursive: true, force: true });
  const files = new Map();
  const add = (file, text) => files.set(file, text.replace(/^\n/, ''));

  add('tsconfig.json', `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022', lib: ['ES2022'], module: 'NodeNext', moduleResolution: 'NodeNext',
        strict: true, skipLibCheck: true, noEmit: true, types: ['node'],
      },
      include: ['src'],
    },
    null,
    2,
  )}\n`);
  add('finleak.config.json', `${JSON.stringify({ sanitizers: [{ function: 'maskAccountNumber', module: './src/core/masking' }] }, null, 2)}\n`);
  for (const [file, text] of coreFiles(sdks)) add(file, text);

  const domains = [];
  let total = () => [...files.values()].reduce((n, t) => n + t.split('\n').length - 1, 0);
  for (let i = 0; total() < targetLines - 400; i++) {
    const word = DOMAIN_WORDS[i % DOMAIN_WORDS.length] + (i >= DOMAIN_WORDS.length ? String(Math.floor(i / DOMAIN_WORDS.length) + 1) : '');
    const domain = { word, P: pascal(word), index: i };
    domains.push(domain);
    for (const [file, text] of domainFiles(domain, sdks, rand)) add(file, text);
  }
  add('src/domains/index.ts', domains.map((d) => `export * as ${d.word} from './${d.word}/index.js';`).join('\n') + '\n');
  add('src/app.ts', appFile(domains, sdks));

  const expected = [];
  let sendSites = 0;
  for (const [file, text] of files) {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    text.split('\n').forEach((line, i) => {
      if (line.includes('// send')) sendSites++;
      const match = /finleak-expect:\s*([\w$, ]+)/.exec(line);
      if (match) for (const kind of match[1].split(',').map((k) => k.trim()).filter(Boolean)) expected.push(`${file}:${i + 1} ${kind}`);
    });
  }
  return { dir, files: files.size, lines: total(), sendSites, expected: expected.sort() };
}

function coreFiles(sdks) {
  const out = [];
  out.push(['src/core/model.ts', `
/** The bank's own data model, as its core-banking API returns it. */
export interface Customer {
  id: string;
  firstName: string;
  lastName: string;
  locale: Locale;
  segment: 'retail' | 'private' | 'business';
  channels: Channel[];
}

export interface BankAccount {
  id: string;
  iban: string;
  balance: number;
  currency: string;
  holder: string;
  openedAt: string;
}

export interface CardTransaction {
  id: string;
  amount: number;
  currency: string;
  merchant: string;
  category: string;
  location: { city: string; country: string };
  bookedAt: string;
}

export interface Page<T> {
  items: T[];
  next?: string;
  total: number;
}

export type Locale = 'en' | 'de' | 'fr';
export type Channel = 'messenger' | 'slack' | 'telegram';
`]);

  out.push(['src/core/errors.ts', `
export class BotError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'BotError';
  }
}

export class HttpError extends BotError {
  constructor(readonly status: number, readonly url: string) {
    super(\`request to \${url} failed with \${status}\`, 'http');
    this.name = 'HttpError';
  }
}

export class NotFoundError extends BotError {
  constructor(what: string) {
    super(\`\${what} not found\`, 'not-found');
    this.name = 'NotFoundError';
  }
}

export function describeError(error: unknown): string {
  if (error instanceof HttpError) return \`The bank is not reachable right now (\${error.status}).\`;
  if (error instanceof NotFoundError) return 'We could not find that. Check the number and try again.';
  return 'Something went wrong. Please try again later.';
}
`]);

  out.push(['src/core/logger.ts', `
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export class Logger {
  private readonly min: number;

  constructor(private readonly scope: string, level: Level = 'info') {
    this.min = ORDER[level];
  }

  child(scope: string): Logger {
    return new Logger(\`\${this.scope}:\${scope}\`);
  }

  debug(message: string, fields: Record<string, string | number> = {}): void {
    this.write('debug', message, fields);
  }

  info(message: string, fields: Record<string, string | number> = {}): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields: Record<string, string | number> = {}): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields: Record<string, string | number> = {}): void {
    this.write('error', message, fields);
  }

  private write(level: Level, message: string, fields: Record<string, string | number>): void {
    if (ORDER[level] < this.min) return;
    const extra = Object.entries(fields).map(([k, v]) => \`\${k}=\${v}\`).join(' ');
    process.stderr.write(\`\${new Date().toISOString()} \${level} [\${this.scope}] \${message} \${extra}\\n\`);
  }
}

export const rootLogger = new Logger('bot');
`]);

  out.push(['src/core/http.ts', `
import { HttpError } from './errors.js';

const CORE_API = process.env.CORE_API ?? 'https://core.examplebank.internal/v2';

/** The bank's own core-banking API: data sent here stays in the bank. */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(\`\${CORE_API}\${path}\`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new HttpError(response.status, path);
  return (await response.json()) as T;
}

export async function postJson(path: string, body: unknown): Promise<void> {
  const response = await fetch(\`\${CORE_API}\${path}\`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new HttpError(response.status, path);
}

export function query(params: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    parts.push(\`\${encodeURIComponent(key)}=\${encodeURIComponent(String(value))}\`);
  }
  return parts.length ? \`?\${parts.join('&')}\` : '';
}
`]);

  out.push(['src/core/money.ts', `
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale: string): Intl.NumberFormat {
  const key = \`\${locale}:\${currency}\`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, found);
  }
  return found;
}

export function formatMoney(amount: number, currency: string, locale = 'en-GB'): string {
  return formatter(currency, locale).format(amount);
}

export function formatPercent(value: number): string {
  return \`\${(value * 100).toFixed(1)}%\`;
}

export function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return roundCents(total);
}
`]);

  out.push(['src/core/dates.ts', `
const DAY = 24 * 60 * 60 * 1000;

export function formatDate(iso: string, locale = 'en-GB'): string {
  return new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function daysBetween(from: string, to: string): number {
  return Math.round((new Date(to).getTime() - new Date(from).getTime()) / DAY);
}

export function relativeDays(iso: string, now = new Date()): string {
  const days = Math.round((new Date(iso).getTime() - now.getTime()) / DAY);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? \`in \${days} days\` : \`\${-days} days ago\`;
}

export function isWeekend(iso: string): boolean {
  const day = new Date(iso).getDay();
  return day === 0 || day === 6;
}
`]);

  out.push(['src/core/text.ts', `
export function truncate(text: string, max = 80): string {
  return text.length <= max ? text : \`\${text.slice(0, max - 1)}…\`;
}

export function pluralize(count: number, one: string, many = \`\${one}s\`): string {
  return \`\${count} \${count === 1 ? one : many}\`;
}

export function capitalize(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[_*[\\]()~\`>#+=|{}.!-]/g, (c) => \`\\\\\${c}\`);
}

export function bulletList(lines: readonly string[]): string {
  return lines.map((line) => \`• \${line}\`).join('\\n');
}
`]);

  out.push(['src/core/masking.ts', `
/** Keeps the last four characters: the sanitizer named in finleak.config.json. */
export function maskAccountNumber(value: string): string {
  return \`•••• \${value.slice(-4)}\`;
}

/** Not a sanitizer: it reformats the full number. */
export function groupDigits(value: string): string {
  return value.replace(/(.{4})/g, '$1 ').trim();
}
`]);

  const keys = ['welcome', 'help', 'goodbye', 'unknown', 'later', 'openApp', 'thanks', 'busy'];
  const words = { en: ['Welcome', 'How can I help', 'Goodbye', 'Sorry, I did not get that', 'Try again later', 'Open the app', 'Thanks', 'We are busy'],
    de: ['Willkommen', 'Wie kann ich helfen', 'Auf Wiedersehen', 'Das habe ich nicht verstanden', 'Später erneut versuchen', 'Öffnen Sie die App', 'Danke', 'Gerade viel los'],
    fr: ['Bienvenue', 'Comment puis-je aider', 'Au revoir', 'Je n’ai pas compris', 'Réessayez plus tard', 'Ouvrez l’application', 'Merci', 'Beaucoup de demandes'] };
  out.push(['src/core/i18n.ts', `
import type { Locale } from './model.js';

export type MessageKey = ${keys.map((k) => `'${k}'`).join(' | ')};

const MESSAGES: Record<Locale, Record<MessageKey, string>> = {
${Object.entries(words).map(([locale, list]) => `  ${locale}: {\n${keys.map((k, i) => `    ${k}: '${list[i].replace(/'/g, "\\'")}, {name}.',`).join('\n')}\n  },`).join('\n')}
};

export function t(locale: Locale, key: MessageKey, params: Record<string, string> = {}): string {
  return MESSAGES[locale][key].replace(/\\{(\\w+)\\}/g, (_, name: string) => params[name] ?? '');
}
`]);

  out.push(['src/core/accounts.ts', `
import { getJson, postJson } from './http.js';
import type { BankAccount, CardTransaction, Customer, Page } from './model.js';

/** Client of the bank's accounts API. */
export class AccountsApi {
  private readonly customers = new Map<string, Customer>();

  async getCustomer(customerId: string): Promise<Customer> {
    const cached = this.customers.get(customerId);
    if (cached) return cached;
    const customer = await getJson<Customer>(\`/customers/\${encodeURIComponent(customerId)}\`);
    this.customers.set(customerId, customer);
    return customer;
  }

  async getAccount(customerId: string): Promise<BankAccount> {
    return getJson<BankAccount>(\`/customers/\${encodeURIComponent(customerId)}/account\`);
  }

  async listTransactions(customerId: string, limit = 20): Promise<CardTransaction[]> {
    const page = await getJson<Page<CardTransaction>>(\`/customers/\${encodeURIComponent(customerId)}/transactions?limit=\${limit}\`);
    return page.items;
  }

  async audit(customerId: string, account: BankAccount): Promise<void> {
    await postJson('/audit', { customerId, account });
  }
}

export const accounts = new AccountsApi();
`]);

  out.push(['src/core/index.ts', `
export * from './dates.js';
export * from './errors.js';
export * from './i18n.js';
export * from './logger.js';
export * from './money.js';
export * from './text.js';
export { accounts, AccountsApi } from './accounts.js';
export type { BankAccount, CardTransaction, Channel, Customer, Locale, Page } from './model.js';
`]);

  if (sdks.includes('messenger')) {
    out.push(['src/channels/messenger.ts', `
import { MessengerClient } from 'messaging-api-messenger';

export const messenger = new MessengerClient({ accessToken: process.env.PAGE_TOKEN ?? '', appSecret: process.env.APP_SECRET ?? '' });

/** Sends a plain notice; every caller passes text without account data. */
export async function notice(psid: string, text: string): Promise<void> {
  await messenger.sendText(psid, text); // send
}
`]);
  }
  if (sdks.includes('slack')) {
    out.push(['src/channels/slack.ts', `
import { WebClient } from '@slack/web-api';

export const slack = new WebClient(process.env.SLACK_TOKEN);
`]);
  }
  if (sdks.includes('telegram')) {
    out.push(['src/channels/telegram.ts', `
import { Telegraf } from 'telegraf';

export const bot = new Telegraf(process.env.TELEGRAM_TOKEN ?? '');

export function chatKey(chatId: number | undefined): string {
  return chatId === undefined ? 'anonymous' : \`tg-\${chatId}\`;
}
`]);
  }
  return out;
}

/** Send templates: `leak` is the kind finleak must report there, or undefined for a safe send. */
function sendTemplates(P, sdks) {
  const all = [
    { sdk: 'messenger', name: `onMessengerOverview`, body: `
    const text = await this.service.overview(customerId);
    await messenger.sendText(psid, text); // send` },
    { sdk: 'messenger', name: `onMessengerPositions`, leak: `${P}Position`, body: `
    const report = await this.service.positionReport(customerId);
    await messenger.sendText(psid, \`Your ${P.toLowerCase()} positions:\\n\${report}\`); // send finleak-expect: ${P}Position` },
    { sdk: 'messenger', name: `onMessengerMasked`, body: `
    const reference = await this.service.maskedReference(customerId);
    await messenger.sendText(psid, reference); // send` },
    { sdk: 'messenger', name: `onMessengerHint`, body: `
    const hint = await this.service.balanceHint(customerId);
    await notice(psid, hint);` },
    { sdk: 'messenger', name: `onMessengerBalance`, leak: 'BankAccount', body: `
    const account = await this.accounts.getAccount(customerId);
    await messenger.sendText(psid, balanceSentence(account)); // send finleak-expect: BankAccount` },
    { sdk: 'messenger', name: `onMessengerOverwritten`, body: `
    const account = await this.accounts.getAccount(customerId);
    let text = \`Balance: \${account.balance}\`;
    text = t('en', 'openApp', { name: account.holder.split(' ')[0] ?? '' }).length > 0 ? 'Open the app to see your balance.' : 'Try later.';
    await messenger.sendText(psid, text); // send` },
    { sdk: 'slack', name: `onSlackDigest`, body: `
    const open = await this.service.openItems(customerId);
    await slack.chat.postMessage({ channel, text: \`Open items:\\n\${open}\` }); // send` },
    { sdk: 'slack', name: `onSlackBalance`, leak: 'BankAccount', body: `
    const account = await this.accounts.getAccount(customerId);
    await slack.chat.postMessage({ channel, text: \`Balance: \${formatMoney(account.balance, account.currency)}\` }); // send finleak-expect: BankAccount` },
    { sdk: 'slack', name: `onSlackHandoff`, body: `
    const account = await this.accounts.getAccount(customerId);
    await slack.chat.postMessage({ channel: account.currency === 'EUR' ? channel : '#support', text: 'A customer needs help.' }); // send` },
    { sdk: 'slack', name: `onSlackEvents`, body: `
    const events = await this.service.recentEvents(customerId);
    await slack.chat.postMessage({ channel, text: events, mrkdwn: true }); // send` },
  ];
  return all.filter((t) => sdks.includes(t.sdk));
}

function telegramTemplates(P, w) {
  return [
    { leak: undefined, code: `
  bot.command('${w}_overview', async (ctx) => {
    await ctx.reply(await service.overview(chatKey(ctx.chat?.id))); // send
  });` },
    { leak: 'CardTransaction', code: `
  bot.command('${w}_last', async (ctx) => {
    const [last] = await accounts.listTransactions(chatKey(ctx.chat?.id), 1);
    if (!last) return;
    await ctx.reply(transactionSentence(last)); // send finleak-expect: CardTransaction
  });` },
    { leak: undefined, code: `
  bot.command('${w}_count', async (ctx) => {
    const transactions = await accounts.listTransactions(chatKey(ctx.chat?.id));
    await ctx.reply(\`You have \${pluralize(transactions.length, 'new transaction')}. Open the app to see them.\`); // send
  });` },
    { leak: undefined, code: `
  bot.command('${w}_help', async (ctx) => {
    const customer = await accounts.getCustomer(chatKey(ctx.chat?.id));
    await ctx.reply(t(customer.locale, 'help', { name: customer.firstName })); // send
  });` },
  ];
}

function domainFiles({ word: w, P }, sdks, rand) {
  const out = [];
  out.push([`src/domains/${w}/model.ts`, `
import type { Customer } from '../../core/model.js';

export type ${P}Status = 'open' | 'pending' | 'closed' | 'archived';

export interface ${P}Item {
  id: string;
  title: string;
  status: ${P}Status;
  createdAt: string;
  updatedAt: string;
  owner: Customer['id'];
  tags: string[];
  priority: number;
}

export interface ${P}Summary {
  customerId: string;
  open: number;
  pending: number;
  closed: number;
  lastUpdate?: string;
}

/** Financial by structure: it carries an account number. */
export interface ${P}Position {
  accountNumber: string;
  amount: number;
  currency: string;
  label: string;
  dueAt: string;
}

export interface ${P}Event {
  kind: 'created' | 'updated' | 'closed';
  itemId: string;
  at: string;
  actor: string;
}

export interface ${P}Query {
  status?: ${P}Status;
  tag?: string;
  limit: number;
  offset: number;
}

export const ${w.toUpperCase()}_STATUSES: readonly ${P}Status[] = ['open', 'pending', 'closed', 'archived'];
`]);

  out.push([`src/domains/${w}/repository.ts`, `
import { getJson, postJson, query } from '../../core/http.js';
import type { Page } from '../../core/model.js';
import type { ${P}Event, ${P}Item, ${P}Position, ${P}Query } from './model.js';

const BASE = '/${w}';

export class ${P}Repository {
  private readonly cache = new Map<string, ${P}Item[]>();
  private readonly hits = { cached: 0, fetched: 0 };

  async items(customerId: string, q: ${P}Query): Promise<${P}Item[]> {
    const key = \`\${customerId}:\${q.status ?? '*'}:\${q.tag ?? '*'}:\${q.offset}:\${q.limit}\`;
    const cached = this.cache.get(key);
    if (cached) {
      this.hits.cached++;
      return cached;
    }
    const page = await getJson<Page<${P}Item>>(\`\${BASE}/customers/\${encodeURIComponent(customerId)}/items\${query({ status: q.status, tag: q.tag, limit: q.limit, offset: q.offset })}\`);
    this.hits.fetched++;
    this.cache.set(key, page.items);
    return page.items;
  }

  async item(id: string): Promise<${P}Item | undefined> {
    try {
      return await getJson<${P}Item>(\`\${BASE}/items/\${encodeURIComponent(id)}\`);
    } catch {
      return undefined;
    }
  }

  async positions(customerId: string): Promise<${P}Position[]> {
    return getJson<${P}Position[]>(\`\${BASE}/customers/\${encodeURIComponent(customerId)}/positions\`);
  }

  async events(customerId: string, limit = 10): Promise<${P}Event[]> {
    const page = await getJson<Page<${P}Event>>(\`\${BASE}/customers/\${encodeURIComponent(customerId)}/events\${query({ limit })}\`);
    return page.items;
  }

  async record(event: ${P}Event): Promise<void> {
    await postJson(\`\${BASE}/events\`, event);
  }

  invalidate(customerId: string): void {
    for (const key of [...this.cache.keys()]) {
      if (key.startsWith(\`\${customerId}:\`)) this.cache.delete(key);
    }
  }

  stats(): string {
    return \`\${this.hits.cached} cached, \${this.hits.fetched} fetched\`;
  }
}
`]);

  out.push([`src/domains/${w}/format.ts`, `
import { capitalize, formatDate, formatMoney, pluralize, relativeDays, truncate } from '../../core/index.js';
import type { BankAccount, CardTransaction } from '../../core/model.js';
import type { ${P}Event, ${P}Item, ${P}Position, ${P}Status, ${P}Summary } from './model.js';

export function statusBadge(status: ${P}Status): string {
  switch (status) {
    case 'open':
      return '🟢 open';
    case 'pending':
      return '🟡 pending';
    case 'closed':
      return '⚪ closed';
    default:
      return '📦 archived';
  }
}

export function itemLine(item: ${P}Item): string {
  return \`\${truncate(item.title, 60)} (\${statusBadge(item.status)}, updated \${formatDate(item.updatedAt)})\`;
}

export function summaryText(summary: ${P}Summary): string {
  const parts = [pluralize(summary.open, 'open item'), pluralize(summary.pending, 'pending item'), pluralize(summary.closed, 'closed item')];
  const last = summary.lastUpdate ? \` Last update \${relativeDays(summary.lastUpdate)}.\` : '';
  return \`${capitalizeLabel(w)}: \${parts.join(', ')}.\${last}\`;
}

export function positionLine(position: ${P}Position): string {
  return \`\${capitalize(position.label)}: \${formatMoney(position.amount, position.currency)} due \${formatDate(position.dueAt)} (account \${position.accountNumber})\`;
}

export function positionsText(positions: readonly ${P}Position[]): string {
  let text = '';
  for (const position of positions) {
    text += positionLine(position) + '\\n';
  }
  return text.trim();
}

export function eventLine(event: ${P}Event): string {
  const verb = event.kind === 'created' ? 'opened' : event.kind === 'updated' ? 'changed' : 'closed';
  return \`\${formatDate(event.at)}: \${event.actor} \${verb} \${event.itemId}\`;
}

export function balanceSentence(account: BankAccount): string {
  const amount = formatMoney(account.balance, account.currency);
  return \`Your balance is \${amount}.\`;
}

export function transactionSentence(tx: CardTransaction): string {
  return \`\${formatMoney(tx.amount, tx.currency)} at \${tx.merchant} in \${tx.location.city}\`;
}

export { positionsText as ${w}PositionsText };
`]);

  out.push([`src/domains/${w}/service.ts`, `
import { AccountsApi, Logger, describeError } from '../../core/index.js';
import { maskAccountNumber } from '../../core/masking.js';
import { eventLine, itemLine, ${w}PositionsText, summaryText } from './format.js';
import type { ${P}Item, ${P}Summary } from './model.js';
import { ${P}Repository } from './repository.js';

abstract class BaseService {
  protected constructor(protected readonly log: Logger) {}

  protected async guarded<T>(what: string, fallback: T, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.log.warn(\`\${what} failed\`, { reason: describeError(error) });
      return fallback;
    }
  }
}

export class ${P}Service extends BaseService {
  constructor(
    private readonly repo: ${P}Repository,
    private readonly accounts: AccountsApi,
    log: Logger,
  ) {
    super(log.child('${w}'));
  }

  async summary(customerId: string): Promise<${P}Summary> {
    const items = await this.repo.items(customerId, { limit: 50, offset: 0 });
    const summary: ${P}Summary = { customerId, open: 0, pending: 0, closed: 0 };
    for (const item of items) {
      if (item.status === 'open') summary.open++;
      else if (item.status === 'pending') summary.pending++;
      else summary.closed++;
      if (!summary.lastUpdate || item.updatedAt > summary.lastUpdate) summary.lastUpdate = item.updatedAt;
    }
    return summary;
  }

  async overview(customerId: string): Promise<string> {
    const summary = await this.summary(customerId);
    return summaryText(summary);
  }

  async openItems(customerId: string): Promise<string> {
    const items = await this.repo.items(customerId, { status: 'open', limit: 20, offset: 0 });
    const lines = items
      .filter((item: ${P}Item) => item.priority > 0)
      .sort((a, b) => b.priority - a.priority)
      .slice(0, 5)
      .map(itemLine);
    return lines.length ? lines.join('\\n') : 'Nothing open.';
  }

  async recentEvents(customerId: string): Promise<string> {
    return this.guarded('events', 'No recent activity.', async () => {
      const events = await this.repo.events(customerId, 5);
      return events.map(eventLine).join('\\n') || 'No recent activity.';
    });
  }

  async positionReport(customerId: string): Promise<string> {
    const positions = await this.repo.positions(customerId);
    return ${w}PositionsText(positions);
  }

  async maskedReference(customerId: string): Promise<string> {
    const positions = await this.repo.positions(customerId);
    const first = positions[0];
    return first ? \`Reference \${maskAccountNumber(first.accountNumber)}\` : 'No reference yet.';
  }

  async balanceHint(customerId: string): Promise<string> {
    const account = await this.accounts.getAccount(customerId);
    return account.balance < 0 ? 'Your account needs attention: please open the app.' : 'All good with your account.';
  }

  async close(customerId: string, id: string): Promise<boolean> {
    const item = await this.repo.item(id);
    if (!item || item.owner !== customerId || item.status === 'closed') return false;
    await this.repo.record({ kind: 'closed', itemId: id, at: new Date().toISOString(), actor: customerId });
    this.repo.invalidate(customerId);
    return true;
  }
}
`]);

  const templates = sendTemplates(P, sdks);
  const chosen = templates.filter(() => rand() < 0.3);
  const handlerMethods = chosen.map((tpl) => {
    const target = tpl.sdk === 'slack' ? 'channel' : 'psid';
    return `
  async ${tpl.name}(${target}: string, customerId: string): Promise<void> {${tpl.body}
  }`;
  });
  const imports = [
    `import { accounts as sharedAccounts, AccountsApi, formatMoney, pluralize, t } from '../../core/index.js';`,
    sdks.includes('messenger') ? `import { messenger, notice } from '../../channels/messenger.js';` : '',
    sdks.includes('slack') ? `import { slack } from '../../channels/slack.js';` : '',
    sdks.includes('telegram') ? `import { bot, chatKey } from '../../channels/telegram.js';` : '',
    `import { balanceSentence, transactionSentence } from './format.js';`,
    `import { ${P}Service } from './service.js';`,
  ].filter(Boolean);
  const tg = sdks.includes('telegram') ? telegramTemplates(P, w).filter(() => rand() < 0.3) : [];
  out.push([`src/domains/${w}/handlers.ts`, `
${imports.join('\n')}

void formatMoney;
void pluralize;
void t;
void balanceSentence;
void transactionSentence;

export class ${P}Handlers {
  constructor(
    private readonly service: ${P}Service,
    private readonly accounts: AccountsApi = sharedAccounts,
  ) {}
${handlerMethods.join('\n')}

  describe(): string {
    return '${P} handlers: ${chosen.map((c) => c.name).join(', ')}';
  }
}

export function register${P}(service: ${P}Service): void {
  const accounts = sharedAccounts;
  void accounts;
  void service;${sdks.includes('telegram') ? tg.map((x) => x.code).join('') : ''}
}
`]);

  out.push([`src/domains/${w}/commands.ts`, commandsFile(w, P)]);

  out.push([`src/domains/${w}/index.ts`, `
export * from './model.js';
export { ${P}Repository } from './repository.js';
export { ${P}Service } from './service.js';
export { ${P}Handlers, register${P} } from './handlers.js';
export { parse${P}Command, ${w}HelpText, validate${P}Query } from './commands.js';
export * as ${w}Format from './format.js';
`]);
  return out;
}

/** Command parsing and validation: plain logic, no sends (most of a real bot's code). */
function commandsFile(w, P) {
  return `
import { capitalize, pluralize } from '../../core/text.js';
import type { ${P}Query, ${P}Status } from './model.js';
import { ${w.toUpperCase()}_STATUSES } from './model.js';

export type ${P}Command =
  | { kind: 'overview' }
  | { kind: 'list'; query: ${P}Query }
  | { kind: 'close'; id: string }
  | { kind: 'help'; topic?: string }
  | { kind: 'unknown'; text: string };

export interface ParseResult {
  command: ${P}Command;
  warnings: string[];
}

const ALIASES: Record<string, ${P}Command['kind']> = {
  overview: 'overview',
  summary: 'overview',
  list: 'list',
  ls: 'list',
  show: 'list',
  close: 'close',
  done: 'close',
  help: 'help',
  '?': 'help',
};

function isStatus(value: string): value is ${P}Status {
  return (${w.toUpperCase()}_STATUSES as readonly string[]).includes(value);
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text.trim()) {
    if (char === '"') {
      quoted = !quoted;
      continue;
    }
    if (char === ' ' && !quoted) {
      if (current) tokens.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  if (current) tokens.push(current);
  return tokens;
}

export function validate${P}Query(query: ${P}Query): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 100) problems.push('limit must be between 1 and 100');
  if (!Number.isInteger(query.offset) || query.offset < 0) problems.push('offset must not be negative');
  if (query.tag !== undefined && !/^[a-z0-9-]{1,32}$/.test(query.tag)) problems.push('tags are lowercase words');
  return problems;
}

export function parse${P}Command(text: string): ParseResult {
  const warnings: string[] = [];
  const [head = '', ...rest] = tokenize(text.replace(/^\\/?${w}[_ ]?/i, ''));
  const kind = ALIASES[head.toLowerCase()];
  switch (kind) {
    case 'overview':
      return { command: { kind: 'overview' }, warnings };
    case 'list': {
      const query: ${P}Query = { limit: 10, offset: 0 };
      for (const token of rest) {
        const [key, value = ''] = token.split('=');
        if (key === 'status' && isStatus(value)) query.status = value;
        else if (key === 'tag') query.tag = value;
        else if (key === 'limit') query.limit = Number(value);
        else if (key === 'page') query.offset = (Math.max(1, Number(value)) - 1) * query.limit;
        else warnings.push(\`ignored \${token}\`);
      }
      warnings.push(...validate${P}Query(query));
      return { command: { kind: 'list', query }, warnings };
    }
    case 'close': {
      const id = rest[0];
      if (!id) return { command: { kind: 'help', topic: 'close' }, warnings: ['close needs an id'] };
      return { command: { kind: 'close', id }, warnings };
    }
    case 'help':
      return { command: rest[0] ? { kind: 'help', topic: rest[0] } : { kind: 'help' }, warnings };
    default:
      return { command: { kind: 'unknown', text }, warnings };
  }
}

export function ${w}HelpText(topic?: string): string {
  const lines = [
    \`\${capitalize('${w}')} commands:\`,
    '  overview: what is open and pending',
    '  list [status=open] [tag=x] [limit=10] [page=1]',
    '  close <id>',
  ];
  if (topic === 'close') lines.push('Closing cannot be undone.');
  lines.push(\`Statuses: \${pluralize(${w.toUpperCase()}_STATUSES.length, 'status', 'statuses')}\`);
  return lines.join('\\n');
}
`;
}

function capitalizeLabel(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function appFile(domains, sdks) {
  return `
import { accounts, rootLogger } from './core/index.js';
${domains.map((d) => `import { ${d.P}Handlers, ${d.P}Repository, ${d.P}Service, register${d.P} } from './domains/${d.word}/index.js';`).join('\n')}
${sdks.includes('telegram') ? "import { bot } from './channels/telegram.js';\n" : ''}
export function start(): string[] {
  const names: string[] = [];
${domains.map((d) => `  {
    const service = new ${d.P}Service(new ${d.P}Repository(), accounts, rootLogger);
    register${d.P}(service);
    names.push(new ${d.P}Handlers(service).describe());
  }`).join('\n')}
${sdks.includes('telegram') ? '  void bot.launch();\n' : ''}  return names;
}
`;
}
