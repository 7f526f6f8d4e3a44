import type pg from 'pg';
import type { Claim, ClaimOptions, DeliveryQueue, Settlement } from '../../core/ports/delivery.js';
import type { AddReminderResult, NoticeOutbox, ReminderRepository } from '../../core/ports/reminders.js';
import {
  DEFAULT_WORKSPACE,
  type NewNotice,
  type NewReminder,
  type Notice,
  type Reminder,
  type ReminderSpec,
  type Workspace,
} from '../../core/reminders/model.js';
import { claimOf } from '../delivery-queue.js';
import {
  type NoticeRow,
  type ReminderRow,
  toNotice,
  toReminder,
  workspaceViews,
} from '../reminder-repository.js';
import { inTransaction, type PgPool } from './database.js';
import { PgDeliveryTable } from './delivery-table.js';

const ACTIVE = "status IN ('pending', 'sending')";
/** $1 and $2 are always the workspace in the scoped queries. */
const MINE = 'team_id = $1 AND enterprise_id = $2';

const FINISH = (table: 'reminders' | 'notices') =>
  `UPDATE ${table} SET status = $4, sent_ts = $5, channel_id = $6, last_error = $7, claim_token = NULL,
     claimed_ms = NULL, posting_ms = NULL, updated_ms = $3
   WHERE id = $1 AND claim_token = $2 AND status = 'sending'`;

interface Shared {
  queue: DeliveryQueue<Reminder>;
  notices: PgDeliveryTable<NoticeRow>;
  forWorkspace: (workspace: Workspace) => PgReminderRepository;
}

/** Reminders and notices in the shared PostgreSQL store; the same contract as the SQLite repository. */
export class PgReminderRepository implements ReminderRepository {
  readonly queue: DeliveryQueue<Reminder>;
  readonly notices: NoticeOutbox;
  readonly forWorkspace: (workspace: Workspace) => PgReminderRepository;
  private readonly ws: [string, string];

  constructor(
    private readonly pool: PgPool,
    workspace: Workspace = DEFAULT_WORKSPACE,
    shared?: Shared,
  ) {
    this.ws = [workspace.teamId, workspace.enterpriseId];
    const reminders = new PgDeliveryTable<ReminderRow>(pool, { table: 'reminders', keyColumn: 'user_id' });
    const notices =
      shared?.notices ?? new PgDeliveryTable<NoticeRow>(pool, { table: 'notices', keyColumn: 'user_id' });
    this.queue = shared?.queue ?? {
      claim: async (options: ClaimOptions): Promise<Claim<Reminder>[]> =>
        (await reminders.claim(options)).map((row) => ({ item: toReminder(row), ...claimOf(row) })),
      begin: (id, token, nowMs) => reminders.begin(id, token, nowMs),
      settle: (id, token, nowMs, s) => settle(reminders, FINISH('reminders'), id, token, nowMs, s),
    };
    this.notices = {
      add: async (notice: NewNotice, nowMs: number) => {
        const { workspace: about, ...n } = notice;
        const [team, enterprise] = about ? [about.teamId, about.enterpriseId] : this.ws;
        const result = await pool.query(
          `INSERT INTO notices (team_id, enterprise_id, key, user_id, tone, text, next_ms, created_ms, updated_ms)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7) ON CONFLICT (key) DO NOTHING`,
          [team, enterprise, n.key, n.userId, n.tone, n.text, nowMs],
        );
        return result.rowCount === 1;
      },
      claim: async (options: ClaimOptions): Promise<Claim<Notice>[]> =>
        (await notices.claim(options)).map((row) => ({ item: toNotice(row), ...claimOf(row) })),
      begin: (id, token, nowMs) => notices.begin(id, token, nowMs),
      settle: (id, token, nowMs, s) => settle(notices, FINISH('notices'), id, token, nowMs, s),
    };
    this.forWorkspace =
      shared?.forWorkspace ??
      workspaceViews(
        (w) =>
          new PgReminderRepository(pool, w, { queue: this.queue, notices, forWorkspace: this.forWorkspace }),
      );
  }

  /** Serialized per user (an advisory lock), so two replicas cannot both pass the cap or the duplicate check. */
  async add(reminder: NewReminder, options: { nowMs: number; cap: number }): Promise<AddReminderResult> {
    return inTransaction(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `reminders:${this.ws.join(':')}:${reminder.userId}`,
      ]);
      const same = await c.query<ReminderRow>(
        `SELECT * FROM reminders WHERE ${MINE} AND user_id = $3 AND event_id = $4 AND due_ms = $5 AND ${ACTIVE}`,
        [...this.ws, reminder.userId, reminder.eventId, reminder.dueMs],
      );
      if (same.rows[0]) return { ok: false, reason: 'duplicate', existing: toReminder(same.rows[0]) };
      const count = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM reminders WHERE ${MINE} AND user_id = $3 AND ${ACTIVE}`,
        [...this.ws, reminder.userId],
      );
      const active = count.rows[0]?.n ?? 0;
      if (active >= options.cap) return { ok: false, reason: 'cap', active };
      const inserted = await c.query<ReminderRow>(
        `INSERT INTO reminders (team_id, enterprise_id, user_id, event_id, event_title, event_start_ms, zone, spec,
           due_ms, next_ms, created_ms, updated_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $10) RETURNING *`,
        [
          ...this.ws,
          reminder.userId,
          reminder.eventId,
          reminder.eventTitle,
          reminder.eventStartMs,
          reminder.zone,
          JSON.stringify(reminder.spec),
          reminder.dueMs,
          options.nowMs,
        ],
      );
      return { ok: true, reminder: toReminder(inserted.rows[0]!) };
    });
  }

  async active(userId: string): Promise<Reminder[]> {
    const { rows } = await this.pool.query<ReminderRow>(
      `SELECT * FROM reminders WHERE ${MINE} AND user_id = $3 AND ${ACTIVE} ORDER BY due_ms, id`,
      [...this.ws, userId],
    );
    return rows.map(toReminder);
  }

  async cancel(id: string, userId: string, nowMs: number): Promise<Reminder | 'sending' | undefined> {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    return inTransaction(this.pool, async (c) => {
      const row = await this.lockOwn(c, id, userId);
      if (!row) return undefined;
      if (row.status === 'sending') return 'sending' as const;
      const done = await c.query(
        `UPDATE reminders SET status = 'cancelled', last_error = 'cancelled by the user', updated_ms = $2
         WHERE id = $1 AND status = 'pending'`,
        [row.id, nowMs],
      );
      return done.rowCount === 1 ? toReminder({ ...row, status: 'cancelled' }) : undefined;
    });
  }

  async pendingForEvents(eventIds: string[]): Promise<Reminder[]> {
    if (!eventIds.length) return [];
    const { rows } = await this.pool.query<ReminderRow>(
      `SELECT * FROM reminders WHERE event_id = ANY($1::text[]) AND status = 'pending' ORDER BY id`,
      [eventIds],
    );
    return rows.map(toReminder);
  }

  /** One of this user's reminders in this workspace, locked for the rest of the transaction. */
  private async lockOwn(c: pg.PoolClient, id: string, userId: string): Promise<ReminderRow | undefined> {
    const { rows } = await c.query<ReminderRow>(
      `SELECT * FROM reminders WHERE ${MINE} AND id = $3 AND user_id = $4 FOR UPDATE`,
      [...this.ws, Number(id), userId],
    );
    return rows[0];
  }

  /** As in SQLite: snoozing onto another active reminder of the same event at that time cancels this one. */
  async reschedule(
    id: string,
    userId: string,
    change: { dueMs: number; spec: ReminderSpec },
    nowMs: number,
  ): Promise<Reminder | 'sending' | undefined> {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    return inTransaction(this.pool, async (c) => {
      const row = await this.lockOwn(c, id, userId);
      if (!row || (row.status !== 'pending' && row.status !== 'sending')) return undefined;
      if (row.status === 'sending') return 'sending' as const;
      const clash = await c.query(
        `SELECT 1 FROM reminders WHERE ${MINE} AND user_id = $3 AND event_id = $4 AND due_ms = $5 AND id <> $6
           AND status IN ('pending', 'sending')`,
        [...this.ws, userId, row.event_id, change.dueMs, row.id],
      );
      const updated = clash.rowCount
        ? await c.query<ReminderRow>(
            `UPDATE reminders SET status = 'cancelled', last_error = 'cancelled by the user', updated_ms = $2
             WHERE id = $1 RETURNING *`,
            [row.id, nowMs],
          )
        : await c.query<ReminderRow>(
            `UPDATE reminders SET due_ms = $2, next_ms = $2, spec = $3, attempts = 0, updated_ms = $4
             WHERE id = $1 RETURNING *`,
            [row.id, change.dueMs, JSON.stringify(change.spec), nowMs],
          );
      return updated.rows[0] ? toReminder(updated.rows[0]) : undefined;
    });
  }

  /** As in SQLite: moving onto another active reminder of the same user and event cancels this one. */
  async update(
    id: string,
    change: { dueMs: number; eventStartMs: number; eventTitle: string },
    nowMs: number,
  ): Promise<boolean> {
    try {
      const result = await this.pool.query(
        `UPDATE reminders SET due_ms = $2, next_ms = $2, event_start_ms = $3, event_title = $4, updated_ms = $5
         WHERE id = $1 AND status = 'pending'`,
        [Number(id), change.dueMs, change.eventStartMs, change.eventTitle, nowMs],
      );
      return result.rowCount === 1;
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      return this.close(id, 'cancelled', 'the same as another reminder once the event moved', nowMs);
    }
  }

  async close(id: string, status: 'cancelled' | 'missed', reason: string, nowMs: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE reminders SET status = $2, last_error = $3, posting_ms = NULL, updated_ms = $4
       WHERE id = $1 AND status = 'pending'`,
      [Number(id), status, reason, nowMs],
    );
    return result.rowCount === 1;
  }
}

function settle(
  table: PgDeliveryTable<ReminderRow> | PgDeliveryTable<NoticeRow>,
  finish: string,
  id: string,
  token: string,
  nowMs: number,
  s: Settlement,
): Promise<boolean> {
  switch (s.status) {
    case 'retry':
      return table.retry(id, token, nowMs, s);
    case 'release':
      return table.release(id, token, nowMs);
    case 'sent':
      return table.fenced(finish, [Number(id), token, nowMs, 'sent', s.ts, s.channelId, null]);
    default:
      return table.fenced(finish, [Number(id), token, nowMs, s.status, null, null, s.reason]);
  }
}
