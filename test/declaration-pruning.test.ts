import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, type CheckOutcome } from '../src/check.js';
import { DeclarationNeeded } from '../src/engine/declaration-pruning.js';
import { declaredTypeNames } from '../src/engine/declared-names.js';
import { loadProgram, readProject } from '../src/engine/project.js';
import { repoRoot } from './helpers/fixtures.js';
import { tempProject } from './helpers/temp-project.js';

/**
 * Declaration files no part of the analysis reaches are not loaded (twilio's
 * client types a getter per REST domain; the project calls one). The findings
 * must be those of the whole program: either the type checker never reaches
 * a file that was not loaded, or `check` analyses again with every file.
 */
const model = 'export interface BankAccount { iban: string; balance: number; currency: string }\n';
const bot = (extra = ''): string => `import twilio from 'twilio';
import type { BankAccount } from './model.js';

const client = twilio('AC1', 'token');

export async function notify(to: string, account: BankAccount): Promise<void> {
  await client.messages.create({ to, from: '+15550000000', body: \`Balance \${account.balance} \${account.currency}\` });
}
${extra}`;
// A type over every member of the client: the checker resolves the type of each REST domain's getter.
const everyMember = `
type AnyDomain = (typeof client)[keyof typeof client];
export async function report(to: string, domain: AnyDomain): Promise<void> {
  await client.messages.create({ to, from: '+15550000000', body: String(domain) });
}
`;

/** What a reader of the report sees; the run statistics differ by design (time, files loaded). */
const findingsOf = (outcome: CheckOutcome): unknown =>
  outcome.result.findings.map((f) => ({ file: path.basename(f.sink.location.file), line: f.sink.location.line, kind: f.source.kind, trace: f.trace.map((s) => s.label) }));

describe('declaration files the analysis cannot reach are not loaded', () => {
  it('leaves out the SDK types the project never reaches, with the findings of the whole program', async () => {
    const project = tempProject({ 'src/model.ts': model, 'src/bot.ts': bot() });
    const pruned = await check({ project });
    const whole = await check({ project, loadAllDeclarations: true });
    expect(findingsOf(pruned)).toEqual(findingsOf(whole));
    expect(findingsOf(pruned)).toEqual([{ file: 'bot.ts', line: 7, kind: 'BankAccount', trace: expect.any(Array) }]);
    expect(pruned.result.stats.unloadedDeclarationFiles).toBeGreaterThan(30);
    expect(pruned.result.stats.reloadedDeclarations).toBeUndefined();
    expect(whole.result.stats.unloadedDeclarationFiles).toBeUndefined();

    const { program, unloaded } = loadProgram([readProject(path.join(project, 'tsconfig.json'))], { loadAll: false });
    const loaded = (suffix: string): boolean => program.getSourceFiles().some((sf) => sf.fileName.endsWith(suffix));
    expect(loaded('twilio/lib/rest/api/v2010/account/message.d.ts')).toBe(true); // client.messages
    expect(loaded('twilio/lib/rest/Accounts.d.ts')).toBe(false); // client.accounts: never spelt
    expect(unloaded).toContainEqual(expect.stringMatching(/twilio\/lib\/rest\/Accounts\.d\.ts$/));
  });

  it('analyses again with every file loaded when the type checker reaches one that was not', async () => {
    const project = tempProject({ 'src/model.ts': model, 'src/bot.ts': bot(everyMember) });
    const { program } = loadProgram([readProject(path.join(project, 'tsconfig.json'))], { loadAll: false });
    const checker = program.getTypeChecker();
    const alias = program.getSourceFiles().find((sf) => sf.fileName.endsWith('bot.ts'))!.statements.find((s) => s.getText().startsWith('type AnyDomain'))!;
    expect(() => checker.getTypeAtLocation(alias)).toThrow(DeclarationNeeded);

    const pruned = await check({ project });
    const whole = await check({ project, loadAllDeclarations: true });
    expect(pruned.result.stats.reloadedDeclarations).toBe(true);
    expect(findingsOf(pruned)).toEqual(findingsOf(whole));
    expect(pruned.result.findings.map((f) => f.sink.location.line)).toContain(7);
  });

  it('does not ask the types of a library object\'s members when none of their names is a financial field', async () => {
    // An unmodelled call on \`openai.models\` is assumed to carry its receiver: whether \`openai\` has financial fields is
    // decided from the OpenAI client's member names (beta, chat, files, ...), without loading what each member's type is.
    const project = tempProject(
      {
        'src/bot.ts': `import OpenAI from 'openai';
import { Bot } from 'grammy';
const openai = new OpenAI({ apiKey: 'key' });
const bot = new Bot('token');
export async function models(chatId: number): Promise<void> {
  const page = await openai.models.list();
  await bot.api.sendMessage(chatId, \`Models: \${page.data[0]?.id}\`);
}
`,
      },
      { linkNodeModules: false },
    );
    symlinkSync(path.join(repoRoot, 'fixtures/node_modules'), path.join(project, 'node_modules'), 'dir');
    const pruned = await check({ project });
    expect(pruned.result.stats.reloadedDeclarations).toBeUndefined();
    expect(pruned.result.stats.unloadedDeclarationFiles).toBeGreaterThan(0);
    expect(findingsOf(pruned)).toEqual([]);
    expect(findingsOf(pruned)).toEqual(findingsOf(await check({ project, loadAllDeclarations: true })));
  });

  it('looks in every declaration file before it calls a sources.types entry unmatched', async () => {
    // SafelistInstance is declared in a twilio file the analysis never reaches; the misspelt one nowhere.
    const config = JSON.stringify({ sources: { types: ['SafelistInstance', 'SafelistInstanse'] } });
    const project = tempProject({ 'src/model.ts': model, 'src/bot.ts': bot(), 'finleak.config.json': config });
    const unmatched = (outcome: CheckOutcome): string[] => outcome.result.diagnostics.filter((d) => d.code === 'config-unmatched').map((d) => d.message.replace(/^.*?: /, ''));
    const { program } = loadProgram([readProject(path.join(project, 'tsconfig.json'))], { loadAll: false });
    expect(declaredTypeNames(program).has('SafelistInstance')).toBe(false);
    const pruned = await check({ project });
    expect(unmatched(pruned)).toEqual([expect.stringMatching(/^sources\.types\[1\] "SafelistInstanse" matches no type/)]);
    expect(unmatched(pruned)).toEqual(unmatched(await check({ project, loadAllDeclarations: true })));
    expect(pruned.result.stats.reloadedDeclarations).toBe(true);
  });
});
