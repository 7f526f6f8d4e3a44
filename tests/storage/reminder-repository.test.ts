import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewReminder } from '../../src/core/reminders/model.js';
import { type Db, migrate, openDatabase } from '../../src/storage/database.js';
import { SqliteReminderRepository } from '../../src/storage/reminder-repository.js';
import { tempDir } from '../helpers/temp.js';

const T0 = Date.parse('2027-03-01T12:00:00Z');
const reminder = (n: number, overrides: Partial<NewReminder> = {}): NewReminder => ({
  userId: `U${n}`,
  eventId: 'forum',
  eventTitle: 'Forum',
  eventStartMs: T0 + 86_400_000,
  zone: 'UTC',
  spec: { kind: 'before', amount: 1, unit: 'hours' },
  dueMs: T0,
  ...overrides,
});
const claimOptions = (token: string, nowMs = T0, overrides = {}) => ({
  nowMs,
  limit: 100,
  leaseMs: 60_000,
  token,
  perKey: 10,
  ...overrides,
});

function memoryRepo(): { db: Db; repo: SqliteReminderRepository } {
  const db = openDatabase(':memory:');
  migrate(db);
  return { db, repo: new SqliteReminderRepository(db) };
}

describe('migration 003', () => {
  it('creates the reminder, subscription and notice tables in one numbered step', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db)).toBeGreaterThanOrEqual(3);
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('reminders', 'subscriptions', 'notices')",
      )
      .all()
      .map((r) => (r as { name: string }).name)
      .sort();
    expect(tables).toEqual(['notices', 'reminders', 'subscriptions']);
  });
});

describe('SqliteReminderRepository.add', () => {
  it('adds up to the cap, atomically, and treats the same reminder twice as one', () => {
    const { repo } = memoryRepo();
    expect(repo.add(reminder(1), { nowMs: T0, cap: 2 })).toMatchObject({ ok: true });
    expect(repo.add(reminder(1), { nowMs: T0, cap: 2 })).toMatchObject({ ok: false, reason: 'duplicate' });
    expect(repo.add(reminder(1, { dueMs: T0 + 1 }), { nowMs: T0, cap: 2 })).toMatchObject({ ok: true });
    expect(repo.add(reminder(1, { dueMs: T0 + 2 }), { nowMs: T0, cap: 2 })).toEqual({
      ok: false,
      reason: 'cap',
      active: 2,
    });
    expect(repo.active('U1').map((r) => r.dueMs)).toEqual([T0, T0 + 1]);
  });

  it('stores the spec and reads it back', () => {
    const { repo } = memoryRepo();
    const spec = { kind: 'on-day' as const, daysBefore: 1, hour: 18, minute: 30 };
    repo.add(reminder(1, { spec }), { nowMs: T0, cap: 5 });
    expect(repo.active('U1')[0]).toMatchObject({ spec, status: 'pending', attempts: 0, eventTitle: 'Forum' });
  });
});

describe('claiming', () => {
  it('claims due items only, at most perKey per recipient, soonest first', () => {
    const { repo } = memoryRepo();
    repo.add(reminder(1, { dueMs: T0 - 2000 }), { nowMs: T0, cap: 9 });
    repo.add(reminder(1, { dueMs: T0 - 1000 }), { nowMs: T0, cap: 9 });
    repo.add(reminder(2, { dueMs: T0 }), { nowMs: T0, cap: 9 });
    repo.add(reminder(3, { dueMs: T0 + 1 }), { nowMs: T0, cap: 9 });
    const claimed = repo.queue.claim(claimOptions('a', T0, { perKey: 1 }));
    expect(claimed.map((c) => [c.item.userId, c.item.dueMs - T0, c.token])).toEqual([
      ['U1', -2000, 'a'],
      ['U2', 0, 'a'],
    ]);
    expect(repo.queue.claim(claimOptions('b', T0, { perKey: 1 })).map((c) => c.item.dueMs - T0)).toEqual([
      -1000,
    ]);
  });

  it('never gives the same item to two connections, and takes over a claim only after its lease', () => {
    const path = join(tempDir(), 'bot.db');
    const a = openDatabase(path);
    migrate(a);
    const b = openDatabase(path);
    const repoA = new SqliteReminderRepository(a);
    const repoB = new SqliteReminderRepository(b);
    for (let n = 1; n <= 8; n++) repoA.add(reminder(n), { nowMs: T0, cap: 9 });

    const first = repoA.queue.claim(claimOptions('a', T0, { limit: 5 }));
    const second = repoB.queue.claim(claimOptions('b', T0 + 1000));
    expect(first).toHaveLength(5);
    expect(second).toHaveLength(3);
    expect(new Set([...first, ...second].map((c) => c.item.id)).size).toBe(8);
    expect(repoB.queue.claim(claimOptions('b2', T0 + 59_000))).toEqual([]);

    // A's process is presumed dead once its lease has run out: B takes its items over.
    const takenOver = repoB.queue.claim(claimOptions('b3', T0 + 60_000));
    expect(takenOver.map((c) => c.item.id).sort()).toEqual(first.map((c) => c.item.id).sort());
    // A, back from the dead, can no longer change them.
    expect(repoA.queue.begin(first[0].item.id, 'a', T0 + 61_000)).toBe(false);
    expect(
      repoA.queue.settle(first[0].item.id, 'a', T0 + 61_000, { status: 'sent', ts: '1.1', channelId: 'D1' }),
    ).toBe(false);
    expect(
      repoB.queue.settle(first[0].item.id, 'b3', T0 + 61_000, { status: 'sent', ts: '2.2', channelId: 'D1' }),
    ).toBe(true);
    a.close();
    b.close();
  });

  it('claims in one transaction: when any row cannot be claimed, none is', () => {
    const { db, repo } = memoryRepo();
    for (let n = 1; n <= 3; n++) repo.add(reminder(n), { nowMs: T0, cap: 9 });
    db.exec(`CREATE TEMP TRIGGER refuse_third BEFORE UPDATE OF status ON reminders WHEN OLD.user_id = 'U3'
             BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    expect(() => repo.queue.claim(claimOptions('a'))).toThrow(/refused/);
    expect(db.prepare("SELECT count(*) AS n FROM reminders WHERE status = 'sending'").get()).toEqual({
      n: 0,
    });
  });

  it('records a post in doubt until its outcome is settled', () => {
    const { repo } = memoryRepo();
    repo.add(reminder(1), { nowMs: T0, cap: 9 });
    const [claim] = repo.queue.claim(claimOptions('a'));
    expect(claim.postingSinceMs).toBeUndefined();
    expect(repo.queue.begin(claim.item.id, 'a', T0 + 10)).toBe(true);
    // A crash here: after the lease the item comes back marked as in doubt since the first attempt.
    const [again] = repo.queue.claim(claimOptions('b', T0 + 60_010));
    expect(again).toMatchObject({ attempts: 1, postingSinceMs: T0 + 10, token: 'b' });
    expect(repo.queue.begin(again.item.id, 'b', T0 + 60_020)).toBe(true);
    const [recheck] = repo.queue.claim(claimOptions('c', T0 + 120_020));
    expect(recheck).toMatchObject({ attempts: 2, postingSinceMs: T0 + 10 });
    repo.queue.settle(recheck.item.id, 'c', T0 + 120_030, { status: 'sent', ts: '1.1', channelId: 'D1' });
    expect(repo.active('U1')).toEqual([]);
  });

  it('retries: an uncertain one stays in doubt, a rate-limited one gives its attempt back', () => {
    const { repo } = memoryRepo();
    repo.add(reminder(1), { nowMs: T0, cap: 9 });
    const id = repo.active('U1')[0].id;
    const take = (token: string, nowMs: number) => repo.queue.claim(claimOptions(token, nowMs))[0];

    take('a', T0);
    repo.queue.begin(id, 'a', T0);
    repo.queue.settle(id, 'a', T0, {
      status: 'retry',
      atMs: T0 + 5000,
      reason: 'ratelimited',
      counted: false,
    });
    expect(take('x', T0 + 4999)).toBeUndefined();
    const afterRateLimit = take('b', T0 + 5000);
    expect(afterRateLimit.attempts).toBe(0);
    expect(afterRateLimit.postingSinceMs).toBeUndefined();

    repo.queue.begin(id, 'b', T0 + 5000);
    repo.queue.settle(id, 'b', T0 + 5000, {
      status: 'retry',
      atMs: T0 + 6000,
      reason: 'request_timeout',
      uncertain: true,
    });
    expect(take('c', T0 + 6000)).toMatchObject({ attempts: 1, postingSinceMs: T0 + 5000 });

    repo.queue.settle(id, 'c', T0 + 6000, { status: 'release' });
    expect(take('d', T0 + 6000)).toMatchObject({ attempts: 1, postingSinceMs: T0 + 5000 });
    repo.queue.settle(id, 'd', T0 + 6000, { status: 'failed', reason: 'gave up' });
    expect(take('e', T0 + 99_999_999)).toBeUndefined();
  });
});

describe('cancel, update, close', () => {
  it('cancels only the owner’s pending reminder, and not while it is being sent', () => {
    const { repo } = memoryRepo();
    repo.add(reminder(1), { nowMs: T0, cap: 9 });
    repo.add(reminder(1, { dueMs: T0 + 5000 }), { nowMs: T0, cap: 9 });
    const [due, later] = repo.active('U1');
    repo.queue.claim(claimOptions('a'));
    expect(repo.cancel(due.id, 'U1', T0)).toBe('sending');
    expect(repo.cancel(later.id, 'U2', T0)).toBeUndefined();
    expect(repo.cancel(later.id, 'U1', T0)).toMatchObject({ id: later.id, status: 'cancelled' });
    expect(repo.cancel(later.id, 'U1', T0)).toBeUndefined();
  });

  it('re-times and closes pending reminders only', () => {
    const { repo } = memoryRepo();
    repo.add(reminder(1, { dueMs: T0 + 5000 }), { nowMs: T0, cap: 9 });
    const [r] = repo.active('U1');
    expect(repo.pendingForEvents(['forum', 'other']).map((x) => x.id)).toEqual([r.id]);
    expect(
      repo.update(r.id, { dueMs: T0 + 9000, eventStartMs: T0 + 99_000, eventTitle: 'Forum II' }, T0),
    ).toBe(true);
    expect(repo.active('U1')[0]).toMatchObject({
      dueMs: T0 + 9000,
      eventStartMs: T0 + 99_000,
      eventTitle: 'Forum II',
    });
    expect(repo.queue.claim(claimOptions('a', T0 + 8999))).toEqual([]);
    expect(repo.close(r.id, 'cancelled', 'event removed', T0)).toBe(true);
    expect(repo.close(r.id, 'missed', 'again', T0)).toBe(false);
    expect(repo.pendingForEvents(['forum'])).toEqual([]);
  });
});

describe('notices', () => {
  it('queues each key once', () => {
    const { repo } = memoryRepo();
    const notice = { key: 'event-removed:U1:forum', userId: 'U1', tone: 'warning' as const, text: 'Gone.' };
    expect(repo.notices.add(notice, T0)).toBe(true);
    expect(repo.notices.add({ ...notice, text: 'Gone again.' }, T0)).toBe(false);
    const [claim] = repo.notices.claim(claimOptions('a'));
    expect(claim.item).toMatchObject({ key: notice.key, text: 'Gone.', status: 'sending' });
    repo.notices.settle(claim.item.id, 'a', T0, { status: 'sent', ts: '1.1', channelId: 'D1' });
    expect(repo.notices.add(notice, T0 + 1)).toBe(false);
  });
});
