import type { Claim, ClaimOptions, DeliveryQueue, DigestSettlement } from '../core/ports/delivery.js';
import type { AddSubscriptionResult, SubscriptionRepository } from '../core/ports/reminders.js';
import type { DigestSchedule, NewSubscription, Subscription } from '../core/reminders/model.js';
import type { Db } from './database.js';
import { claimOf, type DeliveryColumns, DeliveryTable } from './delivery-queue.js';

interface SubscriptionRow extends DeliveryColumns {
  channel_id: string;
  channel_name: string | null;
  created_by: string;
  query: string;
  schedule: string;
  zone: string;
  post_when_empty: number;
  state: 'active' | 'paused' | 'cancelled';
  run_ms: number;
  last_run_ms: number | null;
  last_outcome: string | null;
  last_error: string | null;
  created_ms: number;
}

/** All SQL about channel digest subscriptions; callers get and give plain core types. */
export class SqliteSubscriptionRepository implements SubscriptionRepository {
  readonly queue: DeliveryQueue<Subscription, DigestSettlement>;
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      byId: db.prepare<[number], SubscriptionRow>('SELECT * FROM subscriptions WHERE id = ?'),
      forChannel: db.prepare<[string], SubscriptionRow>(
        `SELECT * FROM subscriptions WHERE channel_id = ? AND state IN ('active', 'paused') ORDER BY id`,
      ),
      same: db.prepare<[string, string, string], SubscriptionRow>(
        `SELECT * FROM subscriptions WHERE channel_id = ? AND lower(query) = lower(?) AND schedule = ?
           AND state IN ('active', 'paused') ORDER BY id LIMIT 1`,
      ),
      countLive: db.prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM subscriptions WHERE channel_id = ? AND state IN ('active', 'paused')`,
      ),
      insert: db.prepare(
        `INSERT INTO subscriptions (channel_id, channel_name, created_by, query, schedule, zone, post_when_empty,
           run_ms, next_ms, created_ms, updated_ms)
         VALUES (@channelId, @channelName, @createdBy, @query, @schedule, @zone, @postWhenEmpty, @runMs, @runMs,
           @now, @now)`,
      ),
      resume: db.prepare(
        `UPDATE subscriptions SET state = 'active', status = 'pending', run_ms = @runMs, next_ms = @runMs,
           attempts = 0, claim_token = NULL, claimed_ms = NULL, posting_ms = NULL, zone = @zone,
           post_when_empty = @postWhenEmpty, channel_name = coalesce(@channelName, channel_name), updated_ms = @now
         WHERE id = @id`,
      ),
      cancel: db.prepare(
        `UPDATE subscriptions SET state = 'cancelled', updated_ms = ? WHERE id = ? AND channel_id = ?
           AND state IN ('active', 'paused')`,
      ),
      advance: db.prepare(
        `UPDATE subscriptions SET status = 'pending', run_ms = @next, next_ms = @next, attempts = 0,
           claim_token = NULL, claimed_ms = NULL, posting_ms = NULL, last_run_ms = run_ms,
           last_outcome = @outcome, last_ts = @ts, last_error = @reason, updated_ms = @now
         WHERE id = @id AND claim_token = @token AND status = 'sending'`,
      ),
      pause: db.prepare(
        `UPDATE subscriptions SET state = 'paused', status = 'pending', claim_token = NULL, claimed_ms = NULL,
           posting_ms = NULL, last_run_ms = run_ms, last_outcome = 'paused', last_error = @reason, updated_ms = @now
         WHERE id = @id AND claim_token = @token AND status = 'sending'`,
      ),
    };
    const table = new DeliveryTable<SubscriptionRow>(db, {
      table: 'subscriptions',
      keyColumn: 'channel_id',
      live: "AND state = 'active'",
    });
    this.queue = {
      claim: (options: ClaimOptions): Claim<Subscription>[] =>
        table.claim(options).map((row) => ({ item: toSubscription(row), ...claimOf(row) })),
      begin: (id, token, nowMs) => table.begin(id, token, nowMs),
      settle: (id, token, nowMs, s) => {
        const where = { id: Number(id), token, now: nowMs };
        switch (s.status) {
          case 'retry':
            return table.retry(id, token, nowMs, s);
          case 'release':
            return table.release(id, token, nowMs);
          case 'paused':
            return this.statements.pause.run({ ...where, reason: s.reason }).changes === 1;
          case 'sent':
            return (
              this.statements.advance.run({
                ...where,
                next: s.nextRunMs,
                outcome: 'sent',
                ts: s.ts,
                reason: null,
              }).changes === 1
            );
          default:
            return (
              this.statements.advance.run({
                ...where,
                next: s.nextRunMs,
                outcome: s.status,
                ts: null,
                reason: s.reason,
              }).changes === 1
            );
        }
      },
    };
  }

  add(subscription: NewSubscription, options: { nowMs: number; cap: number }): AddSubscriptionResult {
    return this.db
      .transaction((): AddSubscriptionResult => {
        const schedule = JSON.stringify(subscription.schedule);
        const fields = {
          ...subscription,
          channelName: subscription.channelName ?? null,
          schedule,
          postWhenEmpty: subscription.postWhenEmpty ? 1 : 0,
          now: options.nowMs,
        };
        const existing = this.statements.same.get(subscription.channelId, subscription.query, schedule);
        if (existing?.state === 'active')
          return { ok: false, reason: 'duplicate', existing: toSubscription(existing) };
        if (existing) {
          this.statements.resume.run({ ...fields, id: existing.id });
          return {
            ok: true,
            resumed: true,
            subscription: toSubscription(this.statements.byId.get(existing.id)!),
          };
        }
        const active = this.statements.countLive.get(subscription.channelId)?.n ?? 0;
        if (active >= options.cap) return { ok: false, reason: 'cap', active };
        const id = Number(this.statements.insert.run(fields).lastInsertRowid);
        return { ok: true, resumed: false, subscription: toSubscription(this.statements.byId.get(id)!) };
      })
      .immediate();
  }

  forChannel(channelId: string): Subscription[] {
    return this.statements.forChannel.all(channelId).map(toSubscription);
  }

  cancel(id: string, channelId: string, nowMs: number): Subscription | undefined {
    const row = this.statements.byId.get(Number(id));
    if (!row || row.channel_id !== channelId) return undefined;
    if (this.statements.cancel.run(nowMs, row.id, channelId).changes !== 1) return undefined;
    return toSubscription({ ...row, state: 'cancelled' });
  }
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: String(row.id),
    channelId: row.channel_id,
    ...(row.channel_name ? { channelName: row.channel_name } : {}),
    createdBy: row.created_by,
    query: row.query,
    schedule: JSON.parse(row.schedule) as DigestSchedule,
    zone: row.zone,
    postWhenEmpty: row.post_when_empty === 1,
    state: row.state,
    runMs: row.run_ms,
    attempts: row.attempts,
    createdMs: row.created_ms,
    ...(row.last_run_ms !== null ? { lastRunMs: row.last_run_ms } : {}),
    ...(row.last_outcome ? { lastOutcome: row.last_outcome } : {}),
    ...(row.last_error ? { lastError: row.last_error } : {}),
  };
}
