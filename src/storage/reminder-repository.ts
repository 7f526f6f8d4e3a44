import type { Claim, ClaimOptions, DeliveryQueue, Settlement } from '../core/ports/delivery.js';
import type { AddReminderResult, NoticeOutbox, ReminderRepository } from '../core/ports/reminders.js';
import type {
  DeliveryStatus,
  NewNotice,
  NewReminder,
  Notice,
  Reminder,
  ReminderSpec,
} from '../core/reminders/model.js';
import type { Db } from './database.js';
import { claimOf, type DeliveryColumns, DeliveryTable } from './delivery-queue.js';

interface ReminderRow extends DeliveryColumns {
  user_id: string;
  event_id: string;
  event_title: string;
  event_start_ms: number;
  zone: string;
  spec: string;
  due_ms: number;
  created_ms: number;
  sent_ts: string | null;
  last_error: string | null;
}

interface NoticeRow extends DeliveryColumns {
  key: string;
  user_id: string;
  tone: 'info' | 'warning';
  text: string;
  created_ms: number;
}

const ACTIVE = "status IN ('pending', 'sending')";

/** All SQL about reminders and notices; callers get and give plain core types. */
export class SqliteReminderRepository implements ReminderRepository {
  readonly queue: DeliveryQueue<Reminder>;
  readonly notices: NoticeOutbox;
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      countActive: db.prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM reminders WHERE user_id = ? AND ${ACTIVE}`,
      ),
      same: db.prepare<[string, string, number], ReminderRow>(
        `SELECT * FROM reminders WHERE user_id = ? AND event_id = ? AND due_ms = ? AND ${ACTIVE}`,
      ),
      insert: db.prepare(
        `INSERT INTO reminders (user_id, event_id, event_title, event_start_ms, zone, spec, due_ms, next_ms,
           created_ms, updated_ms)
         VALUES (@userId, @eventId, @eventTitle, @eventStartMs, @zone, @spec, @dueMs, @dueMs, @now, @now)`,
      ),
      byId: db.prepare<[number], ReminderRow>('SELECT * FROM reminders WHERE id = ?'),
      active: db.prepare<[string], ReminderRow>(
        `SELECT * FROM reminders WHERE user_id = ? AND ${ACTIVE} ORDER BY due_ms, id`,
      ),
      cancel: db.prepare(
        `UPDATE reminders SET status = 'cancelled', last_error = 'cancelled by the user', updated_ms = ?
         WHERE id = ? AND user_id = ? AND status = 'pending'`,
      ),
      pendingForEvents: db.prepare<[string], ReminderRow>(
        `SELECT * FROM reminders WHERE event_id IN (SELECT value FROM json_each(?)) AND status = 'pending'
         ORDER BY id`,
      ),
      update: db.prepare(
        `UPDATE reminders SET due_ms = @dueMs, next_ms = @dueMs, event_start_ms = @eventStartMs,
           event_title = @eventTitle, updated_ms = @now
         WHERE id = @id AND status = 'pending'`,
      ),
      close: db.prepare(
        `UPDATE reminders SET status = @status, last_error = @reason, posting_ms = NULL, updated_ms = @now
         WHERE id = @id AND status = 'pending'`,
      ),
      finish: db.prepare(
        `UPDATE reminders SET status = @status, sent_ts = @ts, channel_id = @channel, last_error = @reason,
           claim_token = NULL, claimed_ms = NULL, posting_ms = NULL, updated_ms = @now
         WHERE id = @id AND claim_token = @token AND status = 'sending'`,
      ),
      addNotice: db.prepare(
        `INSERT INTO notices (key, user_id, tone, text, next_ms, created_ms, updated_ms)
         VALUES (@key, @userId, @tone, @text, @now, @now, @now) ON CONFLICT (key) DO NOTHING`,
      ),
      finishNotice: db.prepare(
        `UPDATE notices SET status = @status, sent_ts = @ts, channel_id = @channel, last_error = @reason,
           claim_token = NULL, claimed_ms = NULL, posting_ms = NULL, updated_ms = @now
         WHERE id = @id AND claim_token = @token AND status = 'sending'`,
      ),
    };
    const reminders = new DeliveryTable<ReminderRow>(db, { table: 'reminders', keyColumn: 'user_id' });
    const notices = new DeliveryTable<NoticeRow>(db, { table: 'notices', keyColumn: 'user_id' });
    this.queue = {
      claim: (options: ClaimOptions): Claim<Reminder>[] =>
        reminders.claim(options).map((row) => ({ item: toReminder(row), ...claimOf(row) })),
      begin: (id, token, nowMs) => reminders.begin(id, token, nowMs),
      settle: (id, token, nowMs, settlement) =>
        settle(reminders, this.statements.finish, id, token, nowMs, settlement),
    };
    this.notices = {
      add: (notice: NewNotice, nowMs: number) =>
        this.statements.addNotice.run({ ...notice, now: nowMs }).changes === 1,
      claim: (options: ClaimOptions): Claim<Notice>[] =>
        notices.claim(options).map((row) => ({ item: toNotice(row), ...claimOf(row) })),
      begin: (id, token, nowMs) => notices.begin(id, token, nowMs),
      settle: (id, token, nowMs, settlement) =>
        settle(notices, this.statements.finishNotice, id, token, nowMs, settlement),
    };
  }

  add(reminder: NewReminder, options: { nowMs: number; cap: number }): AddReminderResult {
    return this.db
      .transaction((): AddReminderResult => {
        const existing = this.statements.same.get(reminder.userId, reminder.eventId, reminder.dueMs);
        if (existing) return { ok: false, reason: 'duplicate', existing: toReminder(existing) };
        const active = this.statements.countActive.get(reminder.userId)?.n ?? 0;
        if (active >= options.cap) return { ok: false, reason: 'cap', active };
        const id = this.statements.insert.run({
          ...reminder,
          spec: JSON.stringify(reminder.spec),
          now: options.nowMs,
        }).lastInsertRowid;
        return { ok: true, reminder: toReminder(this.statements.byId.get(Number(id))!) };
      })
      .immediate();
  }

  active(userId: string): Reminder[] {
    return this.statements.active.all(userId).map(toReminder);
  }

  cancel(id: string, userId: string, nowMs: number): Reminder | 'sending' | undefined {
    return this.db.transaction(() => {
      const row = this.statements.byId.get(Number(id));
      if (!row || row.user_id !== userId) return undefined;
      if (row.status === 'sending') return 'sending' as const;
      if (this.statements.cancel.run(nowMs, row.id, userId).changes !== 1) return undefined;
      return toReminder({ ...row, status: 'cancelled' });
    })();
  }

  pendingForEvents(eventIds: string[]): Reminder[] {
    if (!eventIds.length) return [];
    return this.statements.pendingForEvents.all(JSON.stringify(eventIds)).map(toReminder);
  }

  /**
   * When the new time equals another active reminder of the same user and event (two rules that both
   * fell into the past when the event moved closer), this one is cancelled: one reminder is enough.
   */
  update(
    id: string,
    change: { dueMs: number; eventStartMs: number; eventTitle: string },
    nowMs: number,
  ): boolean {
    try {
      return this.statements.update.run({ ...change, id: Number(id), now: nowMs }).changes === 1;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      return this.close(id, 'cancelled', 'the same as another reminder once the event moved', nowMs);
    }
  }

  close(id: string, status: 'cancelled' | 'missed', reason: string, nowMs: number): boolean {
    return this.statements.close.run({ id: Number(id), status, reason, now: nowMs }).changes === 1;
  }
}

/** The settle all reminder-like tables share: retries and releases through the lease helper, ends here. */
function settle(
  table: DeliveryTable<DeliveryColumns>,
  finish: ReturnType<Db['prepare']>,
  id: string,
  token: string,
  nowMs: number,
  settlement: Settlement,
): boolean {
  switch (settlement.status) {
    case 'retry':
      return table.retry(id, token, nowMs, settlement);
    case 'release':
      return table.release(id, token, nowMs);
    case 'sent':
      return (
        finish.run({
          id: Number(id),
          token,
          now: nowMs,
          status: 'sent',
          ts: settlement.ts,
          channel: settlement.channelId,
          reason: null,
        }).changes === 1
      );
    default:
      return (
        finish.run({
          id: Number(id),
          token,
          now: nowMs,
          status: settlement.status,
          ts: null,
          channel: null,
          reason: settlement.reason,
        }).changes === 1
      );
  }
}

function toReminder(row: ReminderRow): Reminder {
  return {
    id: String(row.id),
    userId: row.user_id,
    eventId: row.event_id,
    eventTitle: row.event_title,
    eventStartMs: row.event_start_ms,
    zone: row.zone,
    spec: JSON.parse(row.spec) as ReminderSpec,
    dueMs: row.due_ms,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    createdMs: row.created_ms,
    ...(row.sent_ts ? { sentTs: row.sent_ts } : {}),
    ...(row.last_error ? { lastError: row.last_error } : {}),
  };
}

function toNotice(row: NoticeRow): Notice {
  return {
    id: String(row.id),
    key: row.key,
    userId: row.user_id,
    tone: row.tone,
    text: row.text,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    createdMs: row.created_ms,
  };
}
