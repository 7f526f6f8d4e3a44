import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReminderDispatcher } from '../../src/jobs/reminder-dispatcher.js';
import { createSlackApp, startSlackApp } from '../../src/slack/create-slack-app.js';
import { createNotifierClient, createSlackNotifier } from '../../src/slack/notifier.js';
import {
  commandBody,
  type FakeSlack,
  postSigned,
  slashCommand,
  startFakeSlack,
} from '../../support/fake-slack.js';
import {
  memoryLogger,
  slackTestContext,
  startTestHttpApp,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  type TestHttpApp,
} from '../helpers/slack-app.js';
import { addReminder, REVIEW } from '../jobs/helpers.js';

/** Slack's hard limit: a slash command's user sees an error if nothing arrives within this long. */
const SLACK_LIMIT_MS = 3000;

describe('a command while users.info fails', () => {
  let t: TestHttpApp;
  const log = memoryLogger('warn');
  beforeAll(async () => {
    t = await startTestHttpApp(log.logger);
  });
  afterAll(async () => {
    await t.stop();
  });

  it.each([
    ['answers 500', { status: 500 }],
    ['answers 503', { status: 503 }],
    ['never answers', { hang: true }],
  ])(
    'still answers a zoned command within 3 s when users.info %s, in the configured zone',
    async (name, how) => {
      t.fake.failApi('users.info', how);
      const responseName = `zoned-${name.replace(/\W/g, '')}`;
      const body = commandBody(
        slashCommand({
          text: 'subscribe humanitarian weekly monday at 9am',
          responseUrl: t.fake.responseUrl(responseName),
          userId: `U0OUT${name.replace(/\W/g, '').toUpperCase()}`,
          channelId: `C0OUT${name.replace(/\W/g, '').toUpperCase()}`,
        }),
      );
      const ack = await postSigned(`${t.base}/slack/events`, TEST_SIGNING_SECRET, body);
      expect(ack.status).toBe(200);
      const [answer] = await t.fake.waitFor((r) => r.path === `/response/${responseName}`, 1, 10_000);
      expect(answer.at - ack.sentAt).toBeLessThan(SLACK_LIMIT_MS);
      expect(answer.body).toMatch(/humanitarian/i);
      expect(answer.body).not.toMatch(/went wrong/i);
      // One line tells the user which zone the answer used instead of theirs.
      const json = JSON.parse(answer.body) as { text: string; blocks: { type: string }[] };
      const note =
        "I couldn't get your time zone from Slack just now, so times here are in America/New_York.";
      expect(json.text.split('\n').filter((l) => l === note)).toHaveLength(1);
      expect(json.blocks.at(-1)).toEqual({
        type: 'context',
        elements: [{ type: 'plain_text', text: note, emoji: false }],
      });
      expect(log.lines.some((l) => /users\.info failed .*using America\/New_York/.test(l))).toBe(true);
    },
  );

  it('says nothing about zones when users.info answers', async () => {
    t.fake.failApi('users.info', { status: 503 }, 0);
    const body = commandBody(
      slashCommand({ text: 'reminders', responseUrl: t.fake.responseUrl('zoned-ok'), userId: 'U0INZONE' }),
    );
    expect((await postSigned(`${t.base}/slack/events`, TEST_SIGNING_SECRET, body)).status).toBe(200);
    const [answer] = await t.fake.waitFor((r) => r.path === '/response/zoned-ok', 1, 10_000);
    expect(answer.body).not.toMatch(/time zone from Slack/);
  });
});

describe('start-up while Slack is failing', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('logs each auth.test retry and then starts once Slack answers', async () => {
    // Three failures: more than the client's own two retries, so start-up itself must try again.
    fake.failApi('auth.test', { status: 503 }, 3);
    const log = memoryLogger('warn');
    const context = await slackTestContext(fake);
    const app = createSlackApp(context.config, context, { logger: log.logger });
    try {
      await startSlackApp(app, context.config, { port: 0, host: '127.0.0.1', initBackoffMs: 10 });
      const retries = log.lines.filter((l) => /auth\.test failed .*retrying in/.test(l));
      expect(retries.length).toBeGreaterThanOrEqual(1);
      expect(retries[0]).toMatch(/attempt 1 of 5/);
    } finally {
      await app.stop();
      context.close();
    }
  }, 30_000);

  it('gives up with one clear message when Slack never answers', async () => {
    fake.failApi('auth.test', { status: 503 });
    const log = memoryLogger('warn');
    const context = await slackTestContext(fake);
    const app = createSlackApp(context.config, context, { logger: log.logger });
    try {
      await expect(
        startSlackApp(app, context.config, {
          port: 0,
          host: '127.0.0.1',
          initAttempts: 3,
          initBackoffMs: 10,
        }),
      ).rejects.toThrow(/did not answer auth\.test after 3 attempts .*SLACK_API_URL/);
      expect(log.lines.filter((l) => /auth\.test failed/.test(l))).toHaveLength(2);
    } finally {
      context.close();
    }
  }, 60_000);
});

describe('the dispatcher while chat.postMessage fails', () => {
  it('gives up on a hanging post in time, retries later, and delivers once when Slack is back', async () => {
    const fake = await startFakeSlack();
    const context = await slackTestContext(fake);
    const log = memoryLogger('info');
    try {
      const clock = context.clock as typeof context.clock & {
        advance(ms: number): void;
        set(iso: string): void;
      };
      clock.set('2026-11-29T12:00:00Z');
      addReminder(context, 'U0DOWN', REVIEW, '2026-11-29T12:00:00Z');
      const notifier = createSlackNotifier(
        createNotifierClient(TEST_BOT_TOKEN, { slackApiUrl: fake.apiUrl, timeoutMs: 300 }),
        { logger: log.logger },
      );
      const dispatcher = createReminderDispatcher({
        reminders: context.commands.reminders,
        subscriptions: context.commands.subscriptions,
        index: context.commands.index,
        notifier,
        clock,
        logger: log.logger,
        zone: 'America/New_York',
        channelIntervalMs: 0,
      });
      fake.failApi('chat.postMessage', { hang: true }, 1);
      const down = await dispatcher.tick();
      expect(down).toMatchObject({ claimed: 1, sent: 0, retried: 1 });

      fake.failApi('chat.postMessage', { status: 503 }, 1);
      clock.advance(10 * 60_000);
      const stillDown = await dispatcher.tick();
      expect(stillDown.sent).toBe(0);

      clock.advance(30 * 60_000);
      const back = await dispatcher.tick();
      expect(back.sent + back.recovered).toBe(1);
      const delivered = fake.requests.filter((r) => r.path === '/api/chat.postMessage');
      // Three attempts reached Slack; the two failures posted nothing, so one message exists.
      expect(delivered).toHaveLength(3);
    } finally {
      context.close();
      await fake.close();
    }
  }, 60_000);
});
