import { readFileSync } from 'node:fs';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import { rule } from '../src/eslint/rule.js';
import { fixturePath } from './helpers/fixtures.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const dir = fixturePath('bank-bot');
const file = (relative: string): string => fixturePath('bank-bot', relative);
const REMEDY = "Send a masked value (a sanitizer named in the finleak config) or a link into the bank's own app.";
const ACCOUNT = '`(await response.json()) as BankAccount` (BankAccount, src/bank/api.ts:9) → BankApi.getAccount()';

const ruleTester = new RuleTester({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: dir } } });

const ibanLeak = (wrapped: string): string => `import { MessengerClient } from 'messaging-api-messenger';
import { bank } from '../bank/api.js';
import { maskIban, prettyIban } from '../bank/masking.js';

const client = new MessengerClient({ accessToken: '' });

export async function onIbanQuestion(psid: string, customerId: string): Promise<void> {
  const account = await bank.getAccount(customerId);
  await client.sendText(psid, \`Your IBAN is \${prettyIban(${wrapped})}\`);
  await client.sendText(psid, \`Your IBAN ends in \${maskIban(account.iban)}\`);
}
`;

ruleTester.run('no-financial-data-in-messages', rule as never, {
  valid: [
    { name: 'a masked IBAN (configured sanitizer)', filename: file('src/channels/messenger.ts'), code: ibanLeak('maskIban(account.iban)') },
    {
      name: 'account data that only picks the channel',
      filename: file('src/channels/slack.ts'),
      code: readFileSync(file('src/channels/slack.ts'), 'utf8').replace(/export async function postLedger[\s\S]*?\n}\n/, ''),
    },
    {
      name: 'LedgerEntry is financial only through the config, which the rule options replace here',
      filename: file('src/channels/slack.ts'),
      code: readFileSync(file('src/channels/slack.ts'), 'utf8'),
      options: [{ sources: { types: [] } }] as never,
    },
    { name: 'a file without send calls', filename: file('src/format.ts'), code: readFileSync(file('src/format.ts'), 'utf8') },
  ],
  invalid: [
    {
      name: 'an unmasked IBAN, with the configured sanitizer as a suggestion',
      filename: file('src/channels/messenger.ts'),
      code: ibanLeak('account.iban'),
      errors: [
        {
                    line: 9,
          column: 9,
          endLine: 9,
          endColumn: 74,
          message: `BankAccount data reaches Facebook Messenger: ${ACCOUNT} → prettyIban() → client.sendText. ${REMEDY}`,
          suggestions: [{ messageId: 'maskWith', data: { expression: 'account.iban', sanitizer: 'maskIban' }, output: ibanLeak('maskIban(account.iban)') }],
        },
      ],
    },
    {
      name: 'a ledger entry posted to Slack (type from the config file)',
      filename: file('src/channels/slack.ts'),
      code: readFileSync(file('src/channels/slack.ts'), 'utf8'),
      errors: [{ messageId: 'leak', line: 10, column: 9, endLine: 10, endColumn: 68 }],
    },
    {
      name: 'an account parameter sent by SMS',
      filename: file('src/channels/twilio.ts'),
      code: readFileSync(file('src/channels/twilio.ts'), 'utf8'),
      errors: [
        {
                    line: 7,
          column: 9,
          endLine: 7,
          endColumn: 103,
          message: `BankAccount data reaches Twilio: \`account\` (BankAccount, src/channels/twilio.ts:6) → sms.messages.create. ${REMEDY}`,
        },
      ],
    },
    {
      name: 'a bad policy in the rule options: one clear report, no crash',
      filename: file('src/format.ts'),
      code: readFileSync(file('src/format.ts'), 'utf8'),
      options: [{ sources: { types: ['/[/'] } }] as never,
      errors: [{ messageId: 'analysisError', line: 1, column: 1 }],
    },
  ],
});
