import { describe, expect, it } from 'vitest';
import type { NewReminder, NewSubscription } from '../../src/core/reminders/model.js';
import { migrate, openDatabase, readMigrations } from '../../src/storage/database.js';
import { SqliteReminderRepository } from '../../src/storage/reminder-repository.js';
import { SqliteSubscriptionRepository } from '../../src/storage/subscription-repository.js';

const T0 = Date.parse('2027-03-01T12:00:00Z');
const A = { teamId: 'T0AAA', enterpriseId: '' };
const B = { teamId: 'T0BBB', enterpriseId: 'E0ORG' };
const reminder = (userId: string): NewReminder => ({
  userId,
  eventId: 'forum',
  eventTitle: 'Forum',
  eventStartMs: T0 + 86_400_000,
  zone: 'UTC',
  spec: { kind: 'before', amount: 1, unit: 'hours' },
  dueMs: T0,
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

function repos() {
  const db = openDatabase(':memory:');
  migrate(db);
  return {
    db,
    reminders: new SqliteReminderRepository(db),
    subscriptions: new SqliteSubscriptionRepository(db),
  };
}

describe('user state per workspace (SQLite)', () => {
  it('keeps the same user’s reminders in two workspaces apart, the duplicate rule and cap included', () => {
    const { reminders } = repos();
    const a = reminders.forWorkspace(A);
    const b = reminders.forWorkspace(B);
    const inA = a.add(reminder('U0SAME'), { nowMs: T0, cap: 1 });
    expect(inA.ok).toBe(true);
    // Neither "you already had this reminder" nor the cap of 1 leaks over from the other workspace.
    expect(b.add(reminder('U0SAME'), { nowMs: T0, cap: 1 }).ok).toBe(true);
    expect(a.active('U0SAME')).toHaveLength(1);
    expect(b.active('U0SAME').map((r) => r.workspace)).toEqual([B]);
    expect(reminders.active('U0SAME')).toEqual([]);
    const id = inA.ok ? inA.reminder.id : '';
    expect(b.cancel(id, 'U0SAME', T0)).toBeUndefined();
    expect(a.active('U0SAME')).toHaveLength(1);
    expect(a.cancel(id, 'U0SAME', T0)).toMatchObject({ status: 'cancelled', workspace: A });
  });

  it('keeps a channel id’s digests apart between workspaces', () => {
    const { subscriptions } = repos();
    const a = subscriptions.forWorkspace(A);
    const b = subscriptions.forWorkspace(B);
    const added = a.add(subscription('C0SAME'), { nowMs: T0, cap: 1 });
    expect(b.add(subscription('C0SAME'), { nowMs: T0, cap: 1 })).toMatchObject({ ok: true, resumed: false });
    expect(a.forChannel('C0SAME')).toHaveLength(1);
    expect(b.forChannel('C0SAME')).toHaveLength(1);
    const id = added.ok ? added.subscription.id : '';
    expect(b.cancel(id, 'C0SAME', T0)).toBeUndefined();
    expect(a.forChannel('C0SAME')[0]?.state).toBe('active');
  });

  it('claims due items of every workspace, each saying whose it is; notices follow the workspace they name', () => {
    const { reminders } = repos();
    reminders.forWorkspace(A).add(reminder('U1'), { nowMs: T0, cap: 10 });
    reminders.forWorkspace(B).add(reminder('U1'), { nowMs: T0, cap: 10 });
    reminders.notices.add({ key: 'k1', userId: 'U1', tone: 'info', text: 'hi', workspace: B }, T0);
    reminders.forWorkspace(A).notices.add({ key: 'k2', userId: 'U1', tone: 'info', text: 'hi' }, T0);
    const options = { nowMs: T0, limit: 10, leaseMs: 60_000, token: 't', perKey: 10 };
    expect(reminders.queue.claim(options).map((c) => c.item.workspace)).toEqual([A, B]);
    expect(reminders.notices.claim(options).map((c) => c.item.workspace)).toEqual([B, A]);
  });

  it('gives rows from before the workspace migration to the single workspace', () => {
    const db = openDatabase(':memory:');
    const all = readMigrations();
    const index = all.findIndex((m) => /workspaces/.test(m.name));
    migrate(db, all.slice(0, index));
    db.prepare(
      `INSERT INTO reminders (user_id, event_id, event_title, event_start_ms, zone, spec, due_ms, next_ms, created_ms, updated_ms)
       VALUES ('U1', 'forum', 'Forum', 1, 'UTC', '{"kind":"at","atMs":1}', 1, 1, 1, 1)`,
    ).run();
    migrate(db, all);
    expect(new SqliteReminderRepository(db).active('U1')).toHaveLength(1);
  });
});
