import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { emptyReport } from '../../src/jobs/delivery.js';
import { createSlackApp, startSlackApp } from '../../src/slack/create-slack-app.js';
import { createInFlight } from '../../src/slack/in-flight.js';
import { type BotMetrics, createMetrics } from '../../src/slack/metrics.js';
import type { SqliteReminderRepository } from '../../src/storage/reminder-repository.js';
import {
  commandBody,
  type FakeSlack,
  postSigned,
  slashCommand,
  startFakeSlack,
} from '../../support/fake-slack.js';
import { memoryLogger, slackTestContext, TEST_SIGNING_SECRET } from '../helpers/slack-app.js';

let fake: FakeSlack;
let context: AppContext;
let metrics: BotMetrics;
let base: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  fake = await startFakeSlack();
  context = await slackTestContext(fake);
  metrics = createMetrics({ backlog: () => context.leases.backlog(context.clock.now().getTime()) });
  const app = createSlackApp(
    context.config,
    { ...context, metrics },
    { logger: memoryLogger('error').logger, inFlight: createInFlight() },
  );
  const { port } = await startSlackApp(app, context.config, { port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
  stop = async () => {
    await app.stop();
    context.close();
    await fake.close();
  };
});
afterAll(async () => {
  await stop();
});

async function slash(text: string, name: string) {
  const body = commandBody(slashCommand({ text, responseUrl: fake.responseUrl(name), userId: 'U0METRIC' }));
  expect((await postSigned(`${base}/slack/events`, TEST_SIGNING_SECRET, body)).status).toBe(200);
  await fake.waitFor((r) => r.path === `/response/${name}`);
}

/** One sample's value from the exposition text, by its name and labels as printed. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics on the HTTP receiver', () => {
  it('counts commands by subcommand and outcome, with ack and answer latency histograms', async () => {
    await slash('peacekeeping finland', 'm1');
    await slash('themes', 'm2');
    await slash(`speaker:${'x'.repeat(200)}`, 'm3');
    // The listener records its metrics right after the answer is posted.
    await new Promise((resolve) => setTimeout(resolve, 50));

    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'event_bot_commands_total{command="search",outcome="answered"}')).toBe(1);
    expect(sample(text, 'event_bot_commands_total{command="themes",outcome="answered"}')).toBe(1);
    expect(sample(text, 'event_bot_commands_total{command="search",outcome="refused"}')).toBe(1);
    expect(sample(text, 'event_bot_ack_seconds_count')).toBe(3);
    expect(sample(text, 'event_bot_ack_seconds_bucket{le="3"}')).toBe(3);
    expect(sample(text, 'event_bot_answer_seconds_count{command="search"}')).toBe(2);
    expect(sample(text, 'event_bot_answer_seconds_count{command="themes"}')).toBe(1);
    expect(text).toContain('# TYPE event_bot_answer_seconds histogram');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('reports the dispatcher backlog from the store at each scrape, and deliveries by outcome', async () => {
    const reminders = context.commands.reminders as SqliteReminderRepository;
    const nowMs = context.clock.now().getTime();
    for (const user of ['U1', 'U2', 'U3']) {
      reminders.add(
        {
          userId: user,
          eventId: 'e',
          eventTitle: 'E',
          eventStartMs: nowMs + 86_400_000,
          zone: 'UTC',
          spec: { kind: 'at', atMs: nowMs - 1000 },
          dueMs: nowMs - 1000,
        },
        { nowMs, cap: 10 },
      );
    }
    reminders.queue.claim({ nowMs, limit: 1, leaseMs: 60_000, token: 't', perKey: 1 });
    metrics.tick({ ...emptyReport(), claimed: 5, sent: 3, retried: 1, failed: 1 });

    const text = await (await fetch(`${base}/metrics`)).text();
    expect(sample(text, 'event_bot_dispatcher_backlog{state="due"}')).toBe(2);
    expect(sample(text, 'event_bot_dispatcher_backlog{state="claimed"}')).toBe(1);
    expect(sample(text, 'event_bot_deliveries_total{outcome="sent"}')).toBe(3);
    expect(sample(text, 'event_bot_deliveries_total{outcome="retried"}')).toBe(1);
    expect(sample(text, 'event_bot_deliveries_total{outcome="failed"}')).toBe(1);
    expect(sample(text, 'event_bot_deliveries_total{outcome="missed"}')).toBe(0);
  });
});
