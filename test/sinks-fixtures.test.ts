import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFixture, expectedFindings, findingKeys, fixturePath } from './helpers/fixtures.js';

/**
 * The sink catalogue on real SDK typings: each fixture imports the real
 * packages; a send call with financial data in a payload argument is marked
 * `// finleak-expect: Kind`, a close call with it only in a non-payload
 * argument (recipient, channel, id) is marked `// finleak-clean: why`.
 */
const fixtures = (process.env.FINLEAK_SINK_FIXTURES ?? 'sinks-http,sinks-sdk').split(',');

describe.each(fixtures)('sink fixture %s', (name) => {
  const dir = fixturePath(name);

  it('reports exactly the marked send calls', async () => {
    const { result } = await checkFixture(name);
    expect(result.diagnostics.filter((d) => d.severity === 'error' || d.code === 'unresolved-import')).toEqual([]);
    expect(findingKeys(result.findings, dir)).toEqual(expectedFindings(dir));
  });
});

describe('how a send call was recognised', () => {
  it('says when a webhook URL was recognised by the name it is read from', async () => {
    const { result } = await checkFixture('sinks-http');
    const byName = result.findings.filter((f) => f.sink.matchedBy === 'webhook-name').map((f) => `${path.basename(f.sink.location.file)}:${f.sink.location.line} ${f.sink.platform} ${f.sink.api}`);
    expect(byName).toEqual([
      'webhooks.ts:8 Slack POST Slack webhook URL read from `process.env.SLACK_WEBHOOK_URL`',
      'webhooks.ts:9 Microsoft Teams POST Microsoft Teams webhook URL read from `teamsWebhook`',
      'webhooks.ts:11 Discord POST Discord webhook URL read from `process.env.DISCORD_WEBHOOK`',
      'webhooks.ts:17 Slack POST Slack webhook URL read from `body.response_url`',
    ]);
    for (const f of result.findings.filter((f) => f.sink.matchedBy === 'webhook-name')) expect(f.message).toContain('recognised by the name its webhook URL is read from');
  });
});
