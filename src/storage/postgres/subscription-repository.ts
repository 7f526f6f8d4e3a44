import type { Claim, ClaimOptions, DeliveryQueue, DigestSettlement } from '../../core/ports/delivery.js';
import type { AddSubscriptionResult, SubscriptionRepository } from '../../core/ports/reminders.js';
import {
  DEFAULT_WORKSPACE,
  type NewSubscription,
  type Subscription,
  type Workspace,
} from '../../core/reminders/model.js';
import { claimOf } from '../delivery-queue.js';
import { workspaceViews } from '../reminder-repository.js';
import { type SubscriptionRow, toSubscription } from '../subscription-repository.js';
import { inTransaction, type PgPool } from './database.js';
import { PgDeliveryTable } from './delivery-table.js';

const LIVE = "state IN ('active', 'paused')";
const MINE = 'team_id = $1 AND enterprise_id = $2';

const ADVANCE = `UPDATE subscriptions SET status = 'pending', run_ms = $4, next_ms = $4, attempts = 0,
    claim_token = NULL, claimed_ms = NULL, posting_ms = NULL, last_run_ms = run_ms,
    last_outcome = $5, last_ts = $6, last_error = $7, updated_ms = $3
  WHERE id = $1 AND claim_token = $2 AND status = 'sending'`;
const PAUSE = `UPDATE subscriptions SET state = 'paused', status = 'pending', claim_token = NULL, claimed_ms = NULL,
    posting_ms = NULL, last_run_ms = run_ms, last_outcome = 'paused', last_error = $4, updated_ms = $3
  WHERE id = $1 AND claim_token = $2 AND status = 'sending'`;

/** Channel digests in the shared PostgreSQL store; the same contract as the SQLite repository. */
export class PgSubscriptionRepository implements SubscriptionRepository {
  readonly queue: DeliveryQueue<Subscription, DigestSettlement>;
  readonly forWorkspace: (workspace: Workspace) => PgSubscriptionRepository;
  private readonly ws: [string, string];

  constructor(
    private readonly pool: PgPool,
    workspace: Workspace = DEFAULT_WORKSPACE,
    shared?: Pick<PgSubscriptionRepository, 'queue' | 'forWorkspace'>,
  ) {
    this.ws = [workspace.teamId, workspace.enterpriseId];
    const table = new PgDeliveryTable<SubscriptionRow>(pool, {
      table: 'subscriptions',
      keyColumn: 'channel_id',
      live: "AND state = 'active'",
    });
    this.queue = shared?.queue ?? {
      claim: async (options: ClaimOptions): Promise<Claim<Subscription>[]> =>
        (await table.claim(options)).map((row) => ({ item: toSubscription(row), ...claimOf(row) })),
      begin: (id, token, nowMs) => table.begin(id, token, nowMs),
      settle: (id, token, nowMs, s) => {
        const at = [Number(id), token, nowMs];
        switch (s.status) {
          case 'retry':
            return table.retry(id, token, nowMs, s);
          case 'release':
            return table.release(id, token, nowMs);
          case 'paused':
            return table.fenced(PAUSE, [...at, s.reason]);
          case 'sent':
            return table.fenced(ADVANCE, [...at, s.nextRunMs, 'sent', s.ts, null]);
          default:
            return table.fenced(ADVANCE, [...at, s.nextRunMs, s.status, null, s.reason]);
        }
      },
    };
    this.forWorkspace =
      shared?.forWorkspace ??
      workspaceViews(
        (w) => new PgSubscriptionRepository(pool, w, { queue: this.queue, forWorkspace: this.forWorkspace }),
      );
  }

  /** Serialized per channel (an advisory lock), so the cap and the duplicate check hold across replicas. */
  async add(
    subscription: NewSubscription,
    options: { nowMs: number; cap: number },
  ): Promise<AddSubscriptionResult> {
    const schedule = JSON.stringify(subscription.schedule);
    return inTransaction(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `subscriptions:${this.ws.join(':')}:${subscription.channelId}`,
      ]);
      const same = await c.query<SubscriptionRow>(
        `SELECT * FROM subscriptions WHERE ${MINE} AND channel_id = $3 AND lower(query) = lower($4) AND schedule = $5
           AND ${LIVE} ORDER BY id LIMIT 1`,
        [...this.ws, subscription.channelId, subscription.query, schedule],
      );
      const existing = same.rows[0];
      if (existing?.state === 'active')
        return { ok: false, reason: 'duplicate', existing: toSubscription(existing) };
      if (existing) {
        const resumed = await c.query<SubscriptionRow>(
          `UPDATE subscriptions SET state = 'active', status = 'pending', run_ms = $2, next_ms = $2, attempts = 0,
             claim_token = NULL, claimed_ms = NULL, posting_ms = NULL, paused_by = NULL, paused_ms = NULL,
             zone = $3, post_when_empty = $4,
             channel_name = coalesce($5, channel_name), updated_ms = $6
           WHERE id = $1 RETURNING *`,
          [
            existing.id,
            subscription.runMs,
            subscription.zone,
            subscription.postWhenEmpty ? 1 : 0,
            subscription.channelName ?? null,
            options.nowMs,
          ],
        );
        return { ok: true, resumed: true, subscription: toSubscription(resumed.rows[0]!) };
      }
      const count = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM subscriptions WHERE ${MINE} AND channel_id = $3 AND ${LIVE}`,
        [...this.ws, subscription.channelId],
      );
      const active = count.rows[0]?.n ?? 0;
      if (active >= options.cap) return { ok: false, reason: 'cap', active };
      const inserted = await c.query<SubscriptionRow>(
        `INSERT INTO subscriptions (team_id, enterprise_id, channel_id, channel_name, created_by, query, schedule, zone,
           post_when_empty, run_ms, next_ms, created_ms, updated_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $11) RETURNING *`,
        [
          ...this.ws,
          subscription.channelId,
          subscription.channelName ?? null,
          subscription.createdBy,
          subscription.query,
          schedule,
          subscription.zone,
          subscription.postWhenEmpty ? 1 : 0,
          subscription.runMs,
          options.nowMs,
        ],
      );
      return { ok: true, resumed: false, subscription: toSubscription(inserted.rows[0]!) };
    });
  }

  async forChannel(channelId: string): Promise<Subscription[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `SELECT * FROM subscriptions WHERE ${MINE} AND channel_id = $3 AND ${LIVE} ORDER BY id`,
      [...this.ws, channelId],
    );
    return rows.map(toSubscription);
  }

  async createdBy(userId: string): Promise<Subscription[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `SELECT * FROM subscriptions WHERE ${MINE} AND created_by = $3 AND ${LIVE} ORDER BY id`,
      [...this.ws, userId],
    );
    return rows.map(toSubscription);
  }

  async cancel(id: string, channelId: string, nowMs: number): Promise<Subscription | undefined> {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    const { rows } = await this.pool.query<SubscriptionRow>(
      `UPDATE subscriptions SET state = 'cancelled', updated_ms = $5
       WHERE ${MINE} AND id = $3 AND channel_id = $4 AND ${LIVE} RETURNING *`,
      [...this.ws, Number(id), channelId, nowMs],
    );
    return rows[0] ? toSubscription(rows[0]) : undefined;
  }

  async pause(
    id: string,
    channelId: string,
    userId: string,
    nowMs: number,
  ): Promise<Subscription | undefined> {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    // A digest being posted this moment finishes that post; the pause holds from the next run on.
    const { rows } = await this.pool.query<SubscriptionRow>(
      `UPDATE subscriptions SET state = 'paused', paused_by = $5, paused_ms = $6, updated_ms = $6
       WHERE ${MINE} AND id = $3 AND channel_id = $4 AND state = 'active' RETURNING *`,
      [...this.ws, Number(id), channelId, userId, nowMs],
    );
    return rows[0] ? toSubscription(rows[0]) : undefined;
  }

  async resume(
    id: string,
    channelId: string,
    runMs: number,
    nowMs: number,
  ): Promise<Subscription | undefined> {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    const { rows } = await this.pool.query<SubscriptionRow>(
      `UPDATE subscriptions SET state = 'active', paused_by = NULL, paused_ms = NULL, last_error = NULL,
         run_ms = CASE WHEN status = 'pending' THEN $5 ELSE run_ms END,
         next_ms = CASE WHEN status = 'pending' THEN $5 ELSE next_ms END, attempts = 0, updated_ms = $6
       WHERE ${MINE} AND id = $3 AND channel_id = $4 AND state = 'paused' RETURNING *`,
      [...this.ws, Number(id), channelId, runMs, nowMs],
    );
    return rows[0] ? toSubscription(rows[0]) : undefined;
  }
}
