import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NewReminder, NewSubscription } from '../../../src/core/reminders/model.js';
import { migratePostgres, openPostgres, type PgPool } from '../../../src/storage/postgres/database.js';
import { PgReminderRepository } from '../../../src/storage/postgres/reminder-repository.js';
import { PgSubscriptionRepository } from '../../../src/storage/postgres/subscription-repository.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';

const T0 = Date.parse('2027-03-01T12:00:00Z');
const A = { teamId: 'T0AAA', enterpriseId: '' };
const B = { teamId: 'T0BBB', enterpriseId: 'E0ORG' };
const reminder = (userId: string, overrides: Partial<NewReminder> = {}): NewReminder => ({
  userId,
  eventId: 'forum',
  eventTitle: 'Forum',
  eventStartMs: T0 + 86_400_000,
  zone: 'UTC',
  spec: { kind: 'before', amount: 1, unit: 'hours' },
  dueMs: T0,
  ...overrides,
});
const subscription = (channelId: string): NewSubscription => ({
  channelId,
  createdBy: 'U1',
  query: 'peacekeeping',
  schedule: { cadence: 'daily', hour: 9, minute: 0 },
  zone: 'UTC',
  postWhenEmpty: false,
  runMs: T0,
});
const claim = (token: string, overrides = {}) => ({
  nowMs: T0,
  limit: 100,
  leaseMs: 60_000,
  token,
  perKey: 10,
  ...overrides,
});

let db: TestDatabase;
let pool: PgPool;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = openPostgres(db.url, { max: 8 });
  await migratePostgres(pool);
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});
beforeEach(async () => {
  await pool.query('TRUNCATE reminders, subscriptions, notices');
});

describe('PostgreSQL reminders (real server)', () => {
  it('adds once per user and event time, holds the cap, and keeps workspaces apart', async () => {
    const repo = new PgReminderRepository(pool);
    const a = repo.forWorkspace(A);
    const first = await a.add(reminder('U1'), { nowMs: T0, cap: 2 });
    expect(first.ok).toBe(true);
    expect(await a.add(reminder('U1'), { nowMs: T0, cap: 2 })).toMatchObject({
      ok: false,
      reason: 'duplicate',
    });
    await a.add(reminder('U1', { dueMs: T0 + 1 }), { nowMs: T0, cap: 2 });
    expect(await a.add(reminder('U1', { dueMs: T0 + 2 }), { nowMs: T0, cap: 2 })).toMatchObject({
      ok: false,
      reason: 'cap',
      active: 2,
    });
    expect(await repo.forWorkspace(B).add(reminder('U1'), { nowMs: T0, cap: 2 })).toMatchObject({ ok: true });
    expect((await a.active('U1')).map((r) => r.workspace)).toEqual([A, A]);
    expect(await repo.forWorkspace(B).active('U1')).toHaveLength(1);
    expect(await repo.active('U1')).toEqual([]);
    const id = first.ok ? first.reminder.id : '';
    expect(await repo.forWorkspace(B).cancel(id, 'U1', T0)).toBeUndefined();
    expect(await a.cancel(id, 'U1', T0)).toMatchObject({ status: 'cancelled' });
    expect(await a.cancel('not-a-number', 'U1', T0)).toBeUndefined();
  });

  it('never lets two replicas claim the same row: four claimers at once take disjoint sets', async () => {
    const repo = new PgReminderRepository(pool).forWorkspace(A);
    for (let i = 0; i < 200; i++) await repo.add(reminder(`U${i}`), { nowMs: T0, cap: 5 });
    const pools = Array.from({ length: 4 }, () => openPostgres(db.url, { max: 1 }));
    try {
      // Rounds of four concurrent claims until nothing is left: a row locked by one claimer is skipped by
      // the others (never waited for, never taken twice) and picked up in a later round.
      const ids: string[] = [];
      for (let round = 0; round < 20; round++) {
        const claimed = await Promise.all(
          pools.map((p, i) =>
            new PgReminderRepository(p).queue.claim(claim(`r${round}-${i}`, { limit: 80 })),
          ),
        );
        if (!claimed.flat().length) break;
        ids.push(...claimed.flat().map((c) => c.item.id));
      }
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(200);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('paces per recipient, takes over expired leases, and fences every write by the claim token', async () => {
    const root = new PgReminderRepository(pool);
    const repo = root.forWorkspace(A);
    for (let i = 0; i < 3; i++) await repo.add(reminder('U1', { dueMs: T0 - i }), { nowMs: T0, cap: 5 });
    const first = await root.queue.claim(claim('old', { perKey: 2 }));
    expect(first.map((c) => c.item.dueMs)).toEqual([T0 - 2, T0 - 1]);
    const [held] = first;
    expect(await root.queue.begin(held!.item.id, 'old', T0)).toBe(true);
    // The holder stalls past its lease: another replica takes the row over, in doubt (posting began).
    const later = T0 + 61_000;
    const taken = await root.queue.claim(claim('new', { nowMs: later, perKey: 5 }));
    const again = taken.find((c) => c.item.id === held!.item.id);
    expect(again).toMatchObject({ token: 'new', attempts: 1, postingSinceMs: T0 });
    expect(
      await root.queue.settle(held!.item.id, 'old', later, { status: 'sent', ts: '1.1', channelId: 'D1' }),
    ).toBe(false);
    expect(
      await root.queue.settle(held!.item.id, 'new', later, { status: 'sent', ts: '1.2', channelId: 'D1' }),
    ).toBe(true);
    const { rows } = await pool.query('SELECT status, sent_ts FROM reminders WHERE id = $1', [
      Number(held!.item.id),
    ]);
    expect(rows[0]).toEqual({ status: 'sent', sent_ts: '1.2' });
  });

  it('re-times pending reminders; one landing on another of the same user and event is cancelled', async () => {
    const repo = new PgReminderRepository(pool).forWorkspace(A);
    const one = await repo.add(reminder('U1'), { nowMs: T0, cap: 5 });
    const two = await repo.add(reminder('U1', { dueMs: T0 + 60_000 }), { nowMs: T0, cap: 5 });
    const root = new PgReminderRepository(pool);
    expect((await root.pendingForEvents(['forum'])).length).toBe(2);
    const id = two.ok ? two.reminder.id : '';
    expect(
      await root.update(
        id,
        { dueMs: one.ok ? one.reminder.dueMs : 0, eventStartMs: T0, eventTitle: 'F' },
        T0,
      ),
    ).toBe(true);
    const { rows } = await pool.query('SELECT status FROM reminders WHERE id = $1', [Number(id)]);
    expect(rows[0].status).toBe('cancelled');
  });

  it('queues a notice once per key, in the workspace it names', async () => {
    const root = new PgReminderRepository(pool);
    expect(
      await root.notices.add({ key: 'k', userId: 'U1', tone: 'info', text: 'hi', workspace: B }, T0),
    ).toBe(true);
    expect(
      await root.notices.add({ key: 'k', userId: 'U1', tone: 'info', text: 'hi', workspace: B }, T0),
    ).toBe(false);
    const [c] = await root.notices.claim(claim('t'));
    expect(c?.item).toMatchObject({ key: 'k', workspace: B, status: 'sending' });
  });
});

describe('PostgreSQL subscriptions (real server)', () => {
  it('adds, refuses the same twice, resumes a paused one, and keeps workspaces apart', async () => {
    const root = new PgSubscriptionRepository(pool);
    const a = root.forWorkspace(A);
    const added = await a.add(subscription('C1'), { nowMs: T0, cap: 5 });
    expect(added).toMatchObject({ ok: true, resumed: false });
    expect(await a.add(subscription('C1'), { nowMs: T0, cap: 5 })).toMatchObject({
      ok: false,
      reason: 'duplicate',
    });
    expect(await root.forWorkspace(B).forChannel('C1')).toEqual([]);
    const [c] = await root.queue.claim(claim('t'));
    expect(await root.queue.begin(c!.item.id, 't', T0)).toBe(true);
    expect(await root.queue.settle(c!.item.id, 't', T0, { status: 'paused', reason: 'not_in_channel' })).toBe(
      true,
    );
    expect((await a.forChannel('C1'))[0]).toMatchObject({ state: 'paused', lastError: 'not_in_channel' });
    expect(await a.add(subscription('C1'), { nowMs: T0, cap: 5 })).toMatchObject({ ok: true, resumed: true });
    const id = added.ok ? added.subscription.id : '';
    expect(await root.forWorkspace(B).cancel(id, 'C1', T0)).toBeUndefined();
    expect(await a.cancel(id, 'C1', T0)).toMatchObject({ state: 'cancelled' });
    expect(await a.forChannel('C1')).toEqual([]);
  });

  it('advances to the next run after a digest is sent, fenced by the token', async () => {
    const root = new PgSubscriptionRepository(pool);
    await root.forWorkspace(A).add(subscription('C1'), { nowMs: T0, cap: 5 });
    const [c] = await root.queue.claim(claim('t'));
    const next = T0 + 86_400_000;
    const sent = { status: 'sent' as const, ts: '9.9', channelId: 'C1', nextRunMs: next };
    expect(await root.queue.settle(c!.item.id, 'other', T0, sent)).toBe(false);
    expect(await root.queue.settle(c!.item.id, 't', T0, sent)).toBe(true);
    expect((await root.forWorkspace(A).forChannel('C1'))[0]).toMatchObject({
      runMs: next,
      lastOutcome: 'sent',
    });
  });
});
