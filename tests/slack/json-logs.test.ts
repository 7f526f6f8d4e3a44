import { describe, expect, it } from 'vitest';
import { createSlackApp, startSlackApp } from '../../src/slack/create-slack-app.js';
import { configSecrets, createLogger } from '../../src/slack/logger.js';
import { commandBody, postSigned, slashCommand, startFakeSlack } from '../../support/fake-slack.js';
import { slackTestContext, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/slack-app.js';

describe('LOG_FORMAT=json through Bolt', () => {
  it('makes Bolt’s, the Web API client’s and our own lines JSON, with no token or secret in any', async () => {
    const fake = await startFakeSlack();
    const context = await slackTestContext(fake);
    const lines: string[] = [];
    const logger = createLogger({
      level: 'debug',
      format: 'json',
      secrets: configSecrets(context.config),
      write: (line) => lines.push(line),
    });
    const app = createSlackApp(context.config, context, { logger });
    try {
      const { port } = await startSlackApp(app, context.config, { port: 0, host: '127.0.0.1' });
      const body = commandBody(slashCommand({ text: 'peacekeeping', responseUrl: fake.responseUrl('j1') }));
      await postSigned(`http://127.0.0.1:${port}/slack/events`, TEST_SIGNING_SECRET, body);
      await fake.waitFor((r) => r.path === '/response/j1');
    } finally {
      await app.stop();
      context.close();
      await fake.close();
    }
    const parsed = lines.map((line) => JSON.parse(line) as { level: string; logger: string; msg: string });
    expect(parsed.length).toBeGreaterThan(3);
    for (const p of parsed) expect(Object.keys(p)).toEqual(['time', 'level', 'logger', 'msg']);
    // Bolt's own debug lines (its receiver and WebClient call auth.test) came through the adapter.
    expect(parsed.some((p) => /auth\.test/.test(p.msg))).toBe(true);
    const all = lines.join('\n');
    expect(all).not.toContain(TEST_BOT_TOKEN.slice(5));
    expect(all).not.toContain(TEST_SIGNING_SECRET);
  });
});
