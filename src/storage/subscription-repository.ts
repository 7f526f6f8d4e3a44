import type { Claim, ClaimOptions, DigestSettlement } from '../core/ports/delivery.js';
import type { AddSubscriptionResult, SubscriptionRepository } from '../core/ports/reminders.js';
import {
  DEFAULT_WORKSPACE,
  type DigestSchedule,
  type NewSubscription,
  type Subscription,
  type Workspace,
} from '../core/reminders/model.js';
import type { Db } from './database.js';
import { claimOf, type DeliveryColumns, DeliveryTable, type SyncDeliveryQueue } from './delivery-queue.js';
import { type WorkspaceColumns, workspaceOf, workspaceViews } from './reminder-repository.js';

export interface SubscriptionRow extends DeliveryColumns, WorkspaceColumns {
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
  paused_by: string | null;
  created_ms: number;
}

/** All SQL about channel digest subscriptions; callers get and give plain core types. */
export class SqliteSubscriptionRepository implements SubscriptionRepository {
  readonly queue: SyncDeliveryQueue<Subscription, DigestSettlement>;
  readonly forWorkspace: (workspace: Workspace) => SqliteSubscriptionRepository;
  private readonly statements: Statements;
  private readonly ws: { team: string; enterprise: string };

  /** The single workspace's repository; `forWorkspace` gives the others, sharing statements and queue. */
  constructor(
    private readonly db: Db,
    workspace: Workspace = DEFAULT_WORKSPACE,
    shared?: {
      statements: Statements;
      queue: SyncDeliveryQueue<Subscription, DigestSettlement>;
      forWorkspace: SqliteSubscriptionRepository['forWorkspace'];
    },
  ) {
    this.ws = { team: workspace.teamId, enterprise: workspace.enterpriseId };
    this.statements = shared?.statements ?? prepare(db);
    this.queue = shared?.queue ?? this.createQueue();
    this.forWorkspace =
      shared?.forWorkspace ??
      workspaceViews(
        (w) =>
          new SqliteSubscriptionRepository(db, w, {
            statements: this.statements,
            queue: this.queue,
            forWorkspace: this.forWorkspace,
          }),
      );
  }

  private createQueue(): SyncDeliveryQueue<Subscription, DigestSettlement> {
    const db = this.db;
    const statements = this.statements;
    const table = new DeliveryTable<SubscriptionRow>(db, {
      table: 'subscriptions',
      keyColumn: 'channel_id',
      live: "AND state = 'active'",
    });
    return {
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
            return statements.pause.run({ ...where, reason: s.reason }).changes === 1;
          case 'sent':
            return (
              statements.advance.run({
                ...where,
                next: s.nextRunMs,
                outcome: 'sent',
                ts: s.ts,
                reason: null,
              }).changes === 1
            );
          default:
            return (
              statements.advance.run({
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
          ...this.ws,
        };
        const existing = this.statements.same.get({
          channel: subscription.channelId,
          query: subscription.query,
          schedule,
          ...this.ws,
        });
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
        const active = this.statements.countLive.get({ channel: subscription.channelId, ...this.ws })?.n ?? 0;
        if (active >= options.cap) return { ok: false, reason: 'cap', active };
        const id = Number(this.statements.insert.run(fields).lastInsertRowid);
        return { ok: true, resumed: false, subscription: toSubscription(this.statements.byId.get(id)!) };
      })
      .immediate();
  }

  forChannel(channelId: string): Subscription[] {
    return this.statements.forChannel.all({ channel: channelId, ...this.ws }).map(toSubscription);
  }

  createdBy(userId: string): Subscription[] {
    return this.statements.createdBy.all({ user: userId, ...this.ws }).map(toSubscription);
  }

  cancel(id: string, channelId: string, nowMs: number): Subscription | undefined {
    const row = this.statements.byId.get(Number(id));
    if (!row || row.channel_id !== channelId) return undefined;
    if (this.statements.cancel.run({ now: nowMs, id: row.id, channel: channelId, ...this.ws }).changes !== 1)
      return undefined;
    return toSubscription({ ...row, state: 'cancelled' });
  }

  pause(id: string, channelId: string, userId: string, nowMs: number): Subscription | undefined {
    const where = { id: Number(id), channel: channelId, now: nowMs, user: userId, ...this.ws };
    if (this.statements.pauseBy.run(where).changes !== 1) return undefined;
    return toSubscription(this.statements.byId.get(Number(id))!);
  }

  resume(id: string, channelId: string, runMs: number, nowMs: number): Subscription | undefined {
    const where = { id: Number(id), channel: channelId, now: nowMs, run: runMs, ...this.ws };
    if (this.statements.resumeById.run(where).changes !== 1) return undefined;
    return toSubscription(this.statements.byId.get(Number(id))!);
  }
}

/** Every statement, prepared once per database and shared by the workspace views. */
function prepare(db: Db) {
  return {
    byId: db.prepare<[number], SubscriptionRow>('SELECT * FROM subscriptions WHERE id = ?'),
    forChannel: db.prepare<[Where & { channel: string }], SubscriptionRow>(
      `SELECT * FROM subscriptions WHERE channel_id = @channel AND team_id = @team AND enterprise_id = @enterprise
         AND state IN ('active', 'paused') ORDER BY id`,
    ),
    createdBy: db.prepare<[Where & { user: string }], SubscriptionRow>(
      `SELECT * FROM subscriptions WHERE created_by = @user AND team_id = @team AND enterprise_id = @enterprise
         AND state IN ('active', 'paused') ORDER BY id`,
    ),
    same: db.prepare<[Where & { channel: string; query: string; schedule: string }], SubscriptionRow>(
      `SELECT * FROM subscriptions WHERE channel_id = @channel AND team_id = @team AND enterprise_id = @enterprise
         AND lower(query) = lower(@query) AND schedule = @schedule AND state IN ('active', 'paused') ORDER BY id LIMIT 1`,
    ),
    countLive: db.prepare<[Where & { channel: string }], { n: number }>(
      `SELECT count(*) AS n FROM subscriptions WHERE channel_id = @channel AND team_id = @team AND enterprise_id = @enterprise
         AND state IN ('active', 'paused')`,
    ),
    insert: db.prepare(
      `INSERT INTO subscriptions (team_id, enterprise_id, channel_id, channel_name, created_by, query, schedule, zone,
         post_when_empty, run_ms, next_ms, created_ms, updated_ms)
       VALUES (@team, @enterprise, @channelId, @channelName, @createdBy, @query, @schedule, @zone, @postWhenEmpty,
         @runMs, @runMs, @now, @now)`,
    ),
    resume: db.prepare(
      `UPDATE subscriptions SET state = 'active', status = 'pending', run_ms = @runMs, next_ms = @runMs,
       attempts = 0, claim_token = NULL, claimed_ms = NULL, posting_ms = NULL, paused_by = NULL, paused_ms = NULL, zone = @zone,
       post_when_empty = @postWhenEmpty, channel_name = coalesce(@channelName, channel_name), updated_ms = @now
       WHERE id = @id`,
    ),
    cancel: db.prepare(
      `UPDATE subscriptions SET state = 'cancelled', updated_ms = @now WHERE id = @id AND channel_id = @channel
         AND team_id = @team AND enterprise_id = @enterprise AND state IN ('active', 'paused')`,
    ),
    // A digest being posted this moment finishes that post; the pause holds from the next run on.
    pauseBy: db.prepare(
      `UPDATE subscriptions SET state = 'paused', paused_by = @user, paused_ms = @now, updated_ms = @now
       WHERE id = @id AND channel_id = @channel AND team_id = @team AND enterprise_id = @enterprise AND state = 'active'`,
    ),
    resumeById: db.prepare(
      `UPDATE subscriptions SET state = 'active', paused_by = NULL, paused_ms = NULL, last_error = NULL,
         run_ms = CASE WHEN status = 'pending' THEN @run ELSE run_ms END,
         next_ms = CASE WHEN status = 'pending' THEN @run ELSE next_ms END, attempts = 0, updated_ms = @now
       WHERE id = @id AND channel_id = @channel AND team_id = @team AND enterprise_id = @enterprise AND state = 'paused'`,
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
}

type Statements = ReturnType<typeof prepare>;
type Where = { team: string; enterprise: string };

export function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: String(row.id),
    workspace: workspaceOf(row),
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
    ...(row.state === 'paused' && row.paused_by ? { pausedBy: row.paused_by } : {}),
  };
}
