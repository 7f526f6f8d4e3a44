import { describe, expect, it } from 'vitest';
import type { NewSubscription } from '../../src/core/reminders/model.js';
import { migrate, openDatabase } from '../../src/storage/database.js';
import { SqliteSubscriptionRepository } from '../../src/storage/subscription-repository.js';

const T0 = Date.parse('2026-11-30T14:00:00Z');
const WEEK = 7 * 86_400_000;
const subscription = (overrides: Partial<NewSubscription> = {}): NewSubscription => ({
  channelId: 'C1',
  channelName: 'events',
  createdBy: 'U1',
  query: 'peacekeeping',
  schedule: { cadence: 'weekly', weekday: 1, hour: 9, minute: 0 },
  zone: 'America/New_York',
  postWhenEmpty: false,
  runMs: T0,
  ...overrides,
});
const claim = (repo: SqliteSubscriptionRepository, token: string, nowMs: number) =>
  repo.queue.claim({ nowMs, limit: 10, leaseMs: 60_000, token, perKey: 5 });

function repository() {
  const db = openDatabase(':memory:');
  migrate(db);
  return new SqliteSubscriptionRepository(db);
}

describe('SqliteSubscriptionRepository', () => {
  it('claims a run when it is due and moves to the next run once settled', () => {
    const repo = repository();
    const added = repo.add(subscription(), { nowMs: T0 - WEEK, cap: 5 });
    expect(added).toMatchObject({ ok: true, resumed: false });
    expect(claim(repo, 'a', T0 - 1)).toEqual([]);
    const [run] = claim(repo, 'a', T0);
    expect(run.item).toMatchObject({
      runMs: T0,
      query: 'peacekeeping',
      postWhenEmpty: false,
      state: 'active',
    });
    repo.queue.begin(run.item.id, 'a', T0);
    repo.queue.settle(run.item.id, 'a', T0 + 5, {
      status: 'sent',
      ts: '1.1',
      channelId: 'C1',
      nextRunMs: T0 + WEEK,
    });
    expect(repo.forChannel('C1')[0]).toMatchObject({
      runMs: T0 + WEEK,
      attempts: 0,
      lastRunMs: T0,
      lastOutcome: 'sent',
    });
    expect(claim(repo, 'b', T0 + WEEK - 1)).toEqual([]);
    expect(claim(repo, 'b', T0 + WEEK)).toHaveLength(1);
  });

  it('records an empty run without posting and schedules the next', () => {
    const repo = repository();
    repo.add(subscription(), { nowMs: T0, cap: 5 });
    const [run] = claim(repo, 'a', T0);
    repo.queue.settle(run.item.id, 'a', T0, {
      status: 'empty',
      reason: 'nothing matched',
      nextRunMs: T0 + WEEK,
    });
    expect(repo.forChannel('C1')[0]).toMatchObject({ runMs: T0 + WEEK, lastOutcome: 'empty' });
  });

  it('stops claiming a paused or cancelled subscription, and resumes a paused one on subscribing again', () => {
    const repo = repository();
    repo.add(subscription(), { nowMs: T0, cap: 5 });
    const [run] = claim(repo, 'a', T0);
    repo.queue.settle(run.item.id, 'a', T0, { status: 'paused', reason: 'not_in_channel' });
    expect(repo.forChannel('C1')[0]).toMatchObject({ state: 'paused', lastError: 'not_in_channel' });
    expect(claim(repo, 'b', T0 + WEEK)).toEqual([]);
    const resumed = repo.add(subscription({ runMs: T0 + WEEK }), { nowMs: T0 + 1, cap: 5 });
    expect(resumed).toMatchObject({
      ok: true,
      resumed: true,
      subscription: { state: 'active', runMs: T0 + WEEK },
    });
    expect(repo.cancel(run.item.id, 'C2', T0)).toBeUndefined();
    expect(repo.cancel(run.item.id, 'C1', T0)).toMatchObject({ state: 'cancelled' });
    expect(claim(repo, 'c', T0 + WEEK)).toEqual([]);
    expect(repo.forChannel('C1')).toEqual([]);
  });

  it('refuses a duplicate and caps a channel', () => {
    const repo = repository();
    repo.add(subscription(), { nowMs: T0, cap: 2 });
    expect(repo.add(subscription({ query: 'PEACEKEEPING' }), { nowMs: T0, cap: 2 })).toMatchObject({
      ok: false,
      reason: 'duplicate',
    });
    repo.add(subscription({ query: 'climate' }), { nowMs: T0, cap: 2 });
    expect(repo.add(subscription({ query: 'cyber' }), { nowMs: T0, cap: 2 })).toEqual({
      ok: false,
      reason: 'cap',
      active: 2,
    });
    expect(repo.add(subscription({ query: 'cyber', channelId: 'C2' }), { nowMs: T0, cap: 2 })).toMatchObject({
      ok: true,
    });
  });
});
