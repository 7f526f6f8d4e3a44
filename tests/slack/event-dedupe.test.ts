import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HANDLED_EVENT_TTL_MS } from '../../src/slack/event-dedupe.js';
import { migratePostgres, openPostgres, type PgPool } from '../../src/storage/postgres/database.js';
import { PgHandledEvents } from '../../src/storage/postgres/slack-events.js';
import { eventCallbackBody, FAKE_BOT, type FakeSlack } from '../../support/fake-slack.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { memoryLogger, startProcessEventApp } from '../helpers/slack-app.js';

let fake: FakeSlack;
let app: App;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ fake, app, stop } = await startProcessEventApp(memoryLogger().logger));
});
afterAll(() => stop());

const posts = () => fake.requests.filter((r) => r.path === '/api/chat.postMessage');
const mention = (ts: string) => ({
  type: 'app_mention',
  user: 'U0ASKER',
  text: `<@${FAKE_BOT.user_id}> peacekeeping finland`,
  ts,
  channel: 'C0CHANNEL',
});

/** Delivers a body as Slack does, `retryNum` set on retries. */
async function deliver(body: string, retryNum?: number) {
  const ack = vi.fn(async (_response?: unknown) => {});
  await app.processEvent({
    body: JSON.parse(body),
    ack,
    ...(retryNum ? { retryNum, retryReason: 'http_timeout' } : {}),
  });
  return ack;
}

describe('Slack retries of Events API deliveries', () => {
  it('answers an event once: retries of a handled event_id are acknowledged and dropped', async () => {
    const body = eventCallbackBody(mention('1700000101.000100'));
    const before = posts().length;
    await deliver(body);
    await fake.waitFor((r) => r.path === '/api/chat.postMessage', before + 1);
    const ack1 = await deliver(body, 1);
    const ack2 = await deliver(body, 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ack1).toHaveBeenCalledTimes(1);
    expect(ack2).toHaveBeenCalledTimes(1);
    expect(posts().length).toBe(before + 1);
  });

  it('handles a retry whose first delivery never arrived: it is the only copy', async () => {
    const body = eventCallbackBody(mention('1700000102.000100'));
    const before = posts().length;
    await deliver(body, 1);
    await fake.waitFor((r) => r.path === '/api/chat.postMessage', before + 1);
    expect(posts().length).toBe(before + 1);
  });
});

describe('handled events on PostgreSQL (real server)', () => {
  let db: TestDatabase;
  let pool: PgPool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = openPostgres(db.url);
    await migratePostgres(pool);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('remembers an event for the retry window across replicas, then forgets it', async () => {
    const t0 = 1_800_000_000_000;
    const replicaA = new PgHandledEvents(pool);
    const replicaB = new PgHandledEvents(pool);
    expect(await replicaB.handled('Ev1', t0 - HANDLED_EVENT_TTL_MS)).toBe(false);
    await replicaA.record('Ev1', t0, t0 - HANDLED_EVENT_TTL_MS);
    expect(await replicaB.handled('Ev1', t0 - HANDLED_EVENT_TTL_MS)).toBe(true);
    const later = t0 + HANDLED_EVENT_TTL_MS + 1;
    await replicaA.record('Ev2', later, later - HANDLED_EVENT_TTL_MS);
    expect(await replicaB.handled('Ev1', later - HANDLED_EVENT_TTL_MS)).toBe(false);
    const { rows } = await pool.query('SELECT event_id FROM slack_events');
    expect(rows.map((r) => r.event_id)).toEqual(['Ev2']);
  });
});
