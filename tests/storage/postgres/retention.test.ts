import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { type AppContext, createContext, migrateSharedStore } from '../../../src/context.js';
import type { NewReminder } from '../../../src/core/reminders/model.js';
import { PgReminderRepository } from '../../../src/storage/postgres/reminder-repository.js';
import { PgSubscriptionRepository } from '../../../src/storage/postgres/subscription-repository.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';

const T0 = Date.parse('2027-03-01T12:00:00Z');
const A = { teamId: 'T0AAA', enterpriseId: '' };
const reminder = (eventId: string): NewReminder => ({
  userId: 'U1',
  eventId,
  eventTitle: eventId,
  eventStartMs: T0 + 7 * 86_400_000,
  zone: 'UTC',
  spec: { kind: 'before', amount: 1, unit: 'hours' },
  dueMs: T0 + 86_400_000,
});
const digest = (channelId: string) => ({
  channelId,
  createdBy: 'U1',
  query: 'peacekeeping',
  schedule: { cadence: 'daily' as const, hour: 9, minute: 0 },
  zone: 'UTC',
  postWhenEmpty: false,
  runMs: T0 + 86_400_000,
});

let db: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  db = await createTestDatabase();
  context = createContext(loadConfig({ EVENT_DB: ':memory:', DATABASE_URL: db.url }));
  await migrateSharedStore(context);
});
afterAll(async () => {
  context.close();
  await db.drop();
});

describe('purging finished rows in the shared PostgreSQL store (real server)', () => {
  it('deletes finished reminders, notices and stopped digests older than the cut-off, and never a live one', async () => {
    const pool = context.pool!;
    const reminders = new PgReminderRepository(pool).forWorkspace(A);
    const subscriptions = new PgSubscriptionRepository(pool).forWorkspace(A);
    const added = await reminders.add(reminder('cancelled-forum'), { nowMs: T0, cap: 10 });
    const sent = await reminders.add(reminder('sent-forum'), { nowMs: T0, cap: 10 });
    await reminders.add(reminder('pending-forum'), { nowMs: T0, cap: 10 });
    await reminders.cancel(added.ok ? added.reminder.id : '', 'U1', T0);
    await pool.query("UPDATE reminders SET status = 'sent' WHERE id = $1", [sent.ok ? sent.reminder.id : 0]);
    await reminders.notices.add({ key: 'done', userId: 'U1', tone: 'info', text: 'hello' }, T0);
    await reminders.notices.add({ key: 'queued', userId: 'U1', tone: 'info', text: 'hello' }, T0);
    await pool.query("UPDATE notices SET status = 'sent' WHERE key = 'done'");
    const stopped = await subscriptions.add(digest('C1'), { nowMs: T0, cap: 10 });
    await subscriptions.add(digest('C2'), { nowMs: T0, cap: 10 });
    await subscriptions.cancel(stopped.ok ? stopped.subscription.id : '', 'C1', T0);

    const early = await context.purgeFinished(T0);
    const due = await context.purgeFinished(T0 + 1);

    expect(early).toEqual({ reminders: 0, notices: 0, subscriptions: 0 });
    expect(due).toEqual({ reminders: 2, notices: 1, subscriptions: 1 });
    const left = async (sql: string) => (await pool.query(sql)).rows;
    expect(await left('SELECT event_id, status FROM reminders')).toEqual([
      { event_id: 'pending-forum', status: 'pending' },
    ]);
    expect(await left('SELECT key, status FROM notices')).toEqual([{ key: 'queued', status: 'pending' }]);
    expect(await left('SELECT channel_id, state FROM subscriptions')).toEqual([
      { channel_id: 'C2', state: 'active' },
    ]);
    // The embedded SQLite file holds no reminders with a shared store: the purge went where they live.
    expect(context.db.prepare('SELECT count(*) AS n FROM reminders').get()).toEqual({ n: 0 });
  });
});
