import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { createReminderDispatcher, type ReminderDispatcher } from '../../src/jobs/reminder-dispatcher.js';
import { createNotifierClient, createSlackNotifier } from '../../src/slack/notifier.js';
import {
  commandBody,
  type FakeSlack,
  postSigned,
  type RecordedRequest,
  slashCommand,
} from '../../support/fake-slack.js';
import { memoryLogger, startTestHttpApp, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/slack-app.js';

type Clock = AppContext['clock'] & { advance(ms: number): void; set(iso: string): void };

let fake: FakeSlack;
let context: AppContext;
let dispatcher: ReminderDispatcher;
let base: string;
let stop: () => Promise<void>;
const log = memoryLogger('warn');

beforeAll(async () => {
  ({ fake, context, base, stop } = await startTestHttpApp(log.logger));
  const notifier = createSlackNotifier(createNotifierClient(TEST_BOT_TOKEN, { slackApiUrl: fake.apiUrl }), {
    logger: log.logger,
  });
  // A real dispatcher on a short tick; the clock only moves when a test moves it.
  dispatcher = createReminderDispatcher({
    reminders: context.commands.reminders,
    subscriptions: context.commands.subscriptions,
    index: context.commands.index,
    notifier,
    clock: context.clock,
    logger: log.logger,
    zone: context.config.timezone,
    tickMs: 50,
    channelIntervalMs: 0,
  });
  dispatcher.start();
});

afterAll(async () => {
  await dispatcher.stop();
  await stop();
});

const clock = () => context.clock as Clock;
const posts = (channel: string) =>
  fake.requests.filter((r) => r.path === '/api/chat.postMessage' && channelOf(r) === channel);
const channelOf = (r: RecordedRequest) => String(r.json?.channel ?? r.form?.channel ?? '');
const textOf = (r: RecordedRequest) =>
  JSON.stringify(r.json?.blocks ?? r.form?.blocks ?? '') + String(r.json?.text ?? r.form?.text ?? '');
/**
 * A whole dispatcher round at the current clock, then its report: the tick in progress (if any) may have
 * claimed before the clock moved, so the one after it is the round that counts. No sleeping: the clock
 * only moves when the test moves it, so a quiet round stays quiet.
 */
async function roundAtCurrentClock() {
  await dispatcher.tick();
  return dispatcher.tick();
}

async function slash(text: string, name: string, fields: { userId?: string; channelId?: string } = {}) {
  const body = commandBody(slashCommand({ text, responseUrl: fake.responseUrl(name), ...fields }));
  const ack = await postSigned(`${base}/slack/events`, TEST_SIGNING_SECRET, body);
  expect(ack.status).toBe(200);
  const [reply] = await fake.waitFor((r) => r.path === `/response/${name}`);
  return textOf(reply);
}

describe('reminders and digests, end to end over HTTP', () => {
  it('delivers a reminder set a few seconds ahead exactly once, as a DM', async () => {
    clock().set('2026-12-03T18:14:50Z'); // ten seconds before the 13:15 New York policy forum
    const confirmation = await slash('remind review of peace operations in 5 seconds', 'remind-1', {
      userId: 'U0REMIND',
    });
    expect(confirmation).toMatch(/The Review of Peace Operations/);
    expect(fake.requests.some((r) => r.path === '/api/users.info')).toBe(true);
    expect(await roundAtCurrentClock()).toMatchObject({ claimed: 0, sent: 0 });
    expect(posts('DU0REMIND')).toHaveLength(0);

    clock().advance(6_000);
    const [delivered] = await fake.waitFor(
      (r) => r.path === '/api/chat.postMessage' && channelOf(r) === 'DU0REMIND',
    );
    expect(textOf(delivered)).toMatch(/The Review of Peace Operations: Findings and Next Steps/);
    expect(fake.requests.some((r) => r.path === '/api/conversations.open')).toBe(true);

    clock().advance(60_000);
    expect(await roundAtCurrentClock()).toMatchObject({ claimed: 0, sent: 0 });
    expect(posts('DU0REMIND')).toHaveLength(1);
  });

  it('posts a weekly digest of exactly the matching upcoming events when the clock reaches it', async () => {
    clock().set('2026-11-29T12:00:00Z'); // a Sunday
    const answer = await slash('subscribe humanitarian weekly monday at 9am', 'subscribe-1', {
      channelId: 'C0DIGEST',
    });
    expect(answer).toMatch(/humanitarian/i);
    expect(await roundAtCurrentClock()).toMatchObject({ claimed: 0, sent: 0 });
    expect(posts('C0DIGEST')).toHaveLength(0);

    clock().set('2026-11-30T14:00:30Z'); // Monday 09:00:30 in New York, the users.info zone
    const [digest] = await fake.waitFor(
      (r) => r.path === '/api/chat.postMessage' && channelOf(r) === 'C0DIGEST',
    );
    const text = textOf(digest);
    expect(text).toMatch(/Protecting Humanitarian Workers in Armed Conflict/);
    expect(text).not.toMatch(/The Review of Peace Operations/);
    expect(text).not.toMatch(/Korean Peninsula/);

    clock().advance(3_600_000);
    expect(await roundAtCurrentClock()).toMatchObject({ claimed: 0, sent: 0 });
    expect(posts('C0DIGEST')).toHaveLength(1);
  });
});
