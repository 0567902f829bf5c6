import { readFileSync } from 'node:fs';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import { rule } from '../src/eslint/rule.js';
import { fixturePath } from './helpers/fixtures.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// A fixture without heavy SDK typings, with a finleak config (a sanitizer, types named in config):
// every case builds a new program version, and the rule analyses it.
const dir = fixturePath('flow-precision');
const file = (relative: string): string => fixturePath('flow-precision', relative);
const REMEDY = "Send a masked value (a sanitizer named in the finleak config) or a link into the bank's own app.";
const ACCOUNT = '`(await response.json()) as BankAccount` (BankAccount, src/bank.ts:5) → loadAccount()';

/** The whole message text: typescript-eslint's RuleTester compares `message` at run time, though its types admit only `messageId`. */
const fullMessage = (message: string): { messageId: 'leak' } => ({ message }) as never;

const ruleTester = new RuleTester({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: dir } } });

const ibanLeak = (wrapped: string): string => `import { loadAccount } from './bank.js';
import { client } from './client.js';
import { decorateIban, maskIban } from './masking.js';

export async function onIbanQuestion(psid: string, customerId: string): Promise<void> {
  const account = await loadAccount(customerId);
  await client.sendText(psid, \`Your IBAN is \${decorateIban(${wrapped})}\`);
  await client.sendText(psid, \`Your IBAN ends in \${maskIban(account.iban)}\`);
  await client.sendText(account.iban, 'An IBAN that only picks the recipient is not message content');
}
`;

const parameterLeak = `import type { BankAccount } from './model.js';
import { client } from './client.js';

export async function replyWithBalance(psid: string, account: BankAccount): Promise<void> {
  await client.sendText(psid, \`Your balance is \${account.balance}\`);
}
`;

// One value that holds two kinds of financial data, sent whole: one finding per kind, one report naming both.
const wholeStatement = `import type { BankAccount, CardTransaction } from './model.js';
import { client } from './client.js';

export async function sendStatement(psid: string, statement: { account: BankAccount; last: CardTransaction }): Promise<void> {
  await client.sendText(psid, JSON.stringify(statement));
}
`;

ruleTester.run('no-financial-data-in-messages', rule as never, {
  valid: [
    { name: 'a masked IBAN (configured sanitizer)', filename: file('src/precision.ts'), code: ibanLeak('maskIban(account.iban)') },
    { name: 'an IBAN through a typed declassifier (a sanitizer type in the config)', filename: file('src/precision.ts'), code: ibanLeak('toMaskedIban(account.iban)').replace('{ decorateIban, maskIban }', '{ decorateIban, maskIban, toMaskedIban }') },
    {
      name: 'JournalLine and Holding* are financial only through the config, which the rule options replace here',
      filename: file('src/custom-sources.ts'),
      code: readFileSync(file('src/custom-sources.ts'), 'utf8'),
      options: [{ sources: { types: [] } }] as never,
    },
    { name: 'a file without send calls', filename: file('src/masking.ts'), code: readFileSync(file('src/masking.ts'), 'utf8') },
  ],
  invalid: [
    {
      name: 'an unmasked IBAN, with the configured sanitizer as a suggestion',
      filename: file('src/precision.ts'),
      code: ibanLeak('account.iban'),
      errors: [
        {
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 76,
          ...fullMessage(`BankAccount data reaches Facebook Messenger: ${ACCOUNT} → decorateIban() → client.sendText. ${REMEDY}`),
          suggestions: [{ messageId: 'maskWith', data: { expression: 'account.iban', sanitizer: 'maskIban' }, output: ibanLeak('maskIban(account.iban)') }],
        },
      ],
    },
    {
      name: 'two kinds of data in one value sent whole: one report at the send naming both',
      filename: file('src/precision.ts'),
      code: wholeStatement,
      errors: [{ line: 5, ...fullMessage(`BankAccount and CardTransaction data reaches Facebook Messenger: \`statement\` (BankAccount, src/precision.ts:4) → client.sendText. ${REMEDY}`) }],
    },
    {
      name: 'types named in the config file',
      filename: file('src/custom-sources.ts'),
      code: readFileSync(file('src/custom-sources.ts'), 'utf8'),
      errors: [36, 37, 38, 39, 40].map((line) => ({ messageId: 'leak', line })),
    },
    {
      name: 'an account parameter',
      filename: file('src/precision.ts'),
      code: parameterLeak,
      errors: [
        {
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 68,
          ...fullMessage(`BankAccount data reaches Facebook Messenger: \`account\` (BankAccount, src/precision.ts:4) → client.sendText. ${REMEDY}`),
        },
      ],
    },
    {
      name: 'a modelled SDK that is not installed: an error at its import (the file cannot be checked through it)',
      filename: file('src/precision.ts'),
      code: "import { WechatyBuilder } from 'wechaty';\nexport const bot = WechatyBuilder.build();\n",
      errors: [
        {
          line: 1,
          column: 32,
          ...fullMessage(
            "finleak: 'wechaty' has no type declarations under this tsconfig (it is not installed, or it resolves to JavaScript without them), and finleak recognises its send calls and data by their types: calls through it are not analysed. Install it, or make its declarations resolve (its own `types`, a @types package, or the tsconfig's `moduleResolution`), as `tsc` reports for this import",
          ),
        },
      ],
    },
    {
      name: 'a bad policy in the rule options: one clear report, no crash',
      filename: file('src/masking.ts'),
      code: readFileSync(file('src/masking.ts'), 'utf8'),
      options: [{ sources: { types: ['/[/'] } }] as never,
      errors: [{ messageId: 'analysisError', line: 1, column: 1 }],
    },
  ],
});
