import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReminderRepository, SubscriptionRepository } from '../../src/core/ports/reminders.js';
import type { NewReminder, NewSubscription } from '../../src/core/reminders/model.js';
import { migrate, openDatabase } from '../../src/storage/database.js';
import { migratePostgres, openPostgres, type PgPool } from '../../src/storage/postgres/database.js';
import { PgReminderRepository } from '../../src/storage/postgres/reminder-repository.js';
import { PgSubscriptionRepository } from '../../src/storage/postgres/subscription-repository.js';
import { SqliteReminderRepository } from '../../src/storage/reminder-repository.js';
import { SqliteSubscriptionRepository } from '../../src/storage/subscription-repository.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

const T0 = Date.parse('2027-03-01T12:00:00Z');
const HOUR = 3_600_000;
const sub = (overrides: Partial<NewSubscription> = {}): NewSubscription => ({
  channelId: 'C1',
  createdBy: 'U1',
  query: 'peacekeeping',
  schedule: { cadence: 'monthly', day: 15, hour: 9, minute: 0 },
  zone: 'UTC',
  postWhenEmpty: false,
  runMs: T0,
  ...overrides,
});
const reminder = (overrides: Partial<NewReminder> = {}): NewReminder => ({
  userId: 'U1',
  eventId: 'forum',
  eventTitle: 'Forum',
  eventStartMs: T0 + 48 * HOUR,
  zone: 'UTC',
  spec: { kind: 'before', amount: 1, unit: 'days' },
  dueMs: T0 + 24 * HOUR,
  ...overrides,
});
const claim = { nowMs: T0 + 1, limit: 10, leaseMs: 60_000, token: 't', perKey: 5 };

let pg: TestDatabase;
let pool: PgPool;
beforeAll(async () => {
  pg = await createTestDatabase();
  pool = openPostgres(pg.url, { max: 4 });
  await migratePostgres(pool);
});
afterAll(async () => {
  await pool.end();
  await pg.drop();
});

function sqlite(): { subs: SubscriptionRepository; reminders: ReminderRepository } {
  const db = openDatabase(':memory:');
  migrate(db);
  return { subs: new SqliteSubscriptionRepository(db), reminders: new SqliteReminderRepository(db) };
}
async function postgres(): Promise<{ subs: SubscriptionRepository; reminders: ReminderRepository }> {
  await pool.query('TRUNCATE reminders, subscriptions, notices');
  return { subs: new PgSubscriptionRepository(pool), reminders: new PgReminderRepository(pool) };
}

describe.each([
  ['SQLite', async () => sqlite()],
  ['PostgreSQL', postgres],
])('%s: digest Pause/Resume, monthly schedules and reminder Snooze', (_name, open) => {
  it('keeps a monthly schedule, pauses it on someone’s say (no runs), and resumes it from a new run', async () => {
    const { subs } = await open();
    const added = await subs.add(sub(), { nowMs: T0, cap: 5 });
    if (!added.ok) throw new Error('not added');
    const id = added.subscription.id;
    expect(added.subscription.schedule).toEqual({ cadence: 'monthly', day: 15, hour: 9, minute: 0 });

    expect(await subs.pause(id, 'C2', 'U1', T0)).toBeUndefined();
    const paused = await subs.pause(id, 'C1', 'U9', T0);
    expect(paused).toMatchObject({ state: 'paused', pausedBy: 'U9' });
    expect(await subs.pause(id, 'C1', 'U9', T0)).toBeUndefined();
    expect(await subs.queue.claim(claim)).toEqual([]);
    expect((await subs.forChannel('C1'))[0]).toMatchObject({ state: 'paused', pausedBy: 'U9' });

    const resumed = await subs.resume(id, 'C1', T0 + 10 * HOUR, T0 + 1);
    expect(resumed).toMatchObject({ state: 'active', runMs: T0 + 10 * HOUR });
    expect(resumed?.pausedBy).toBeUndefined();
    expect(await subs.resume(id, 'C1', T0, T0)).toBeUndefined();
    expect(await subs.queue.claim({ ...claim, nowMs: T0 + 10 * HOUR })).toHaveLength(1);
  });

  it('subscribing again to a digest paused by someone resumes it and forgets who paused it', async () => {
    const { subs } = await open();
    const added = await subs.add(sub(), { nowMs: T0, cap: 5 });
    if (!added.ok) throw new Error('not added');
    await subs.pause(added.subscription.id, 'C1', 'U9', T0);
    const again = await subs.add(sub({ runMs: T0 + HOUR }), { nowMs: T0, cap: 5 });
    expect(again).toMatchObject({ ok: true, resumed: true, subscription: { state: 'active' } });
    expect(again.ok && again.subscription.pausedBy).toBeUndefined();
  });

  it('snoozes a pending reminder to a fixed time, only for its owner, and never one being sent', async () => {
    const { reminders } = await open();
    const added = await reminders.add(reminder(), { nowMs: T0, cap: 10 });
    if (!added.ok) throw new Error('not added');
    const id = added.reminder.id;
    const later = T0 + 25 * HOUR;
    expect(
      await reminders.reschedule(id, 'U2', { dueMs: later, spec: { kind: 'at', atMs: later } }, T0),
    ).toBe(undefined);
    const snoozed = await reminders.reschedule(
      id,
      'U1',
      { dueMs: later, spec: { kind: 'at', atMs: later } },
      T0,
    );
    expect(snoozed).toMatchObject({ status: 'pending', dueMs: later, spec: { kind: 'at', atMs: later } });
    expect((await reminders.active('U1'))[0].dueMs).toBe(later);
    const [claimed] = await reminders.queue.claim({ ...claim, nowMs: later });
    expect(claimed.item.id).toBe(id);
    expect(
      await reminders.reschedule(
        id,
        'U1',
        { dueMs: later + HOUR, spec: { kind: 'at', atMs: later + HOUR } },
        later,
      ),
    ).toBe('sending');
  });

  it('drops a snoozed reminder that lands on another of the same event at that time', async () => {
    const { reminders } = await open();
    const first = await reminders.add(reminder(), { nowMs: T0, cap: 10 });
    const second = await reminders.add(reminder({ dueMs: T0 + 25 * HOUR }), { nowMs: T0, cap: 10 });
    if (!first.ok || !second.ok) throw new Error('not added');
    const moved = await reminders.reschedule(
      first.reminder.id,
      'U1',
      { dueMs: T0 + 25 * HOUR, spec: { kind: 'at', atMs: T0 + 25 * HOUR } },
      T0,
    );
    expect(moved).toMatchObject({ status: 'cancelled' });
    expect((await reminders.active('U1')).map((r) => r.id)).toEqual([second.reminder.id]);
  });
});
