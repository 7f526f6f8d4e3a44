import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewReminder } from '../../../src/core/reminders/model.js';
import { migratePostgres, openPostgres, type PgPool } from '../../../src/storage/postgres/database.js';
import { PgDispatcherLeases } from '../../../src/storage/postgres/dispatcher-leases.js';
import { PgReminderRepository } from '../../../src/storage/postgres/reminder-repository.js';
import { PgSubscriptionRepository } from '../../../src/storage/postgres/subscription-repository.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';

const T0 = Date.parse('2027-03-01T12:00:00Z');
const reminder = (userId: string, dueMs: number): NewReminder => ({
  userId,
  eventId: 'forum',
  eventTitle: 'Forum',
  eventStartMs: T0 + 86_400_000,
  zone: 'UTC',
  spec: { kind: 'at', atMs: dueMs },
  dueMs,
});

let db: TestDatabase;
let pool: PgPool;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = openPostgres(db.url, { max: 4 });
  await migratePostgres(pool);
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

describe('the dispatcher’s backlog and claims on PostgreSQL (real server)', () => {
  it('counts due and claimed items across the queues, and gives back only one replica’s unbegun claims', async () => {
    const reminders = new PgReminderRepository(pool);
    const subscriptions = new PgSubscriptionRepository(pool);
    const leases = new PgDispatcherLeases(pool);
    for (let n = 1; n <= 6; n++) await reminders.add(reminder(`U${n}`, T0 - n), { nowMs: T0, cap: 10 });
    await reminders.add(reminder('U9', T0 + 3_600_000), { nowMs: T0, cap: 10 }); // not due yet
    await reminders.notices.add(
      { key: 'n1', workspace: { teamId: '', enterpriseId: '' }, userId: 'U1', tone: 'info', text: 'hi' },
      T0,
    );
    await subscriptions.add(
      {
        channelId: 'C1',
        createdBy: 'U1',
        query: '',
        schedule: { cadence: 'daily', hour: 9, minute: 0 },
        zone: 'UTC',
        postWhenEmpty: false,
        runMs: T0 - 1,
      },
      { nowMs: T0, cap: 10 },
    );
    expect(await leases.backlog(T0)).toEqual({ due: 8, claimed: 0 });

    const claim = (token: string, limit: number) =>
      reminders.queue.claim({ nowMs: T0, limit, leaseMs: 60_000, token, perKey: 1 });
    const mine = await claim('replica-a-1', 3);
    const theirs = await claim('replica-b-1', 2);
    expect(await reminders.queue.begin(mine[0]!.item.id, 'replica-a-1', T0)).toBe(true);
    expect(await leases.backlog(T0)).toEqual({ due: 3, claimed: 5 });

    expect(await leases.releaseClaims('replica-a-', T0 + 10)).toBe(2);

    const { rows } = await pool.query<{ id: string; status: string; claim_token: string | null }>(
      'SELECT id::text, status, claim_token FROM reminders ORDER BY id',
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    // The one whose post began stays claimed; the other two are free at once.
    expect(byId.get(mine[0]!.item.id)).toMatchObject({ status: 'sending', claim_token: 'replica-a-1' });
    for (const c of mine.slice(1))
      expect(byId.get(c.item.id)).toMatchObject({ status: 'pending', claim_token: null });
    for (const c of theirs)
      expect(byId.get(c.item.id)).toMatchObject({ status: 'sending', claim_token: 'replica-b-1' });
    expect(await leases.backlog(T0)).toEqual({ due: 5, claimed: 3 });
    // Claimable again at once, by anyone, without waiting out the lease.
    expect((await claim('replica-c-1', 10)).length).toBeGreaterThanOrEqual(2);
  });
});
