import type { Claim, ClaimOptions, Settlement } from '../core/ports/delivery.js';
import type { AddReminderResult, ReminderRepository } from '../core/ports/reminders.js';
import {
  DEFAULT_WORKSPACE,
  type DeliveryStatus,
  type NewNotice,
  type NewReminder,
  type Notice,
  type Reminder,
  type ReminderSpec,
  type Workspace,
} from '../core/reminders/model.js';
import type { Db } from './database.js';
import {
  claimOf,
  type DeliveryColumns,
  DeliveryTable,
  type SyncDeliveryQueue,
  type SyncNoticeOutbox,
} from './delivery-queue.js';

/** The workspace columns of every user-state row (migrations/008-workspaces.sql). */
export interface WorkspaceColumns {
  team_id: string;
  enterprise_id: string;
}

/** The row's workspace, as core sees it. */
export function workspaceOf(row: WorkspaceColumns): Workspace {
  return { teamId: row.team_id, enterpriseId: row.enterprise_id };
}

/** A workspace cache shared by a root repository and its per-workspace views. */
export function workspaceViews<T>(make: (workspace: Workspace) => T): (workspace: Workspace) => T {
  const views = new Map<string, T>();
  return (workspace) => {
    const key = `${workspace.enterpriseId}\u0000${workspace.teamId}`;
    let view = views.get(key);
    if (!view) {
      view = make(workspace);
      views.set(key, view);
    }
    return view;
  };
}

export interface ReminderRow extends DeliveryColumns, WorkspaceColumns {
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

export interface NoticeRow extends DeliveryColumns, WorkspaceColumns {
  key: string;
  user_id: string;
  tone: 'info' | 'warning';
  text: string;
  created_ms: number;
}

const ACTIVE = "status IN ('pending', 'sending')";
const MINE = 'team_id = @team AND enterprise_id = @enterprise';

/** All SQL about reminders and notices; callers get and give plain core types. */
export class SqliteReminderRepository implements ReminderRepository {
  readonly queue: SyncDeliveryQueue<Reminder>;
  readonly notices: SyncNoticeOutbox<Notice>;
  readonly forWorkspace: (workspace: Workspace) => SqliteReminderRepository;
  private readonly statements: Statements;
  private readonly ws: { team: string; enterprise: string };

  /** The single workspace's repository; `forWorkspace` gives the others, sharing statements and queue. */
  constructor(
    private readonly db: Db,
    workspace: Workspace = DEFAULT_WORKSPACE,
    shared?: {
      statements: Statements;
      queue: SyncDeliveryQueue<Reminder>;
      forWorkspace: SqliteReminderRepository['forWorkspace'];
    },
  ) {
    this.ws = { team: workspace.teamId, enterprise: workspace.enterpriseId };
    this.statements = shared?.statements ?? prepare(db);
    const statements = this.statements;
    const reminders = new DeliveryTable<ReminderRow>(db, { table: 'reminders', keyColumn: 'user_id' });
    const notices = new DeliveryTable<NoticeRow>(db, { table: 'notices', keyColumn: 'user_id' });
    this.queue = shared?.queue ?? {
      claim: (options: ClaimOptions): Claim<Reminder>[] =>
        reminders.claim(options).map((row) => ({ item: toReminder(row), ...claimOf(row) })),
      begin: (id, token, nowMs) => reminders.begin(id, token, nowMs),
      settle: (id, token, nowMs, settlement) =>
        settle(reminders, statements.finish, id, token, nowMs, settlement),
    };
    this.notices = {
      add: (notice: NewNotice, nowMs: number) => {
        const { workspace: about, ...fields } = notice;
        const ws = about ? { team: about.teamId, enterprise: about.enterpriseId } : this.ws;
        return statements.addNotice.run({ ...fields, ...ws, now: nowMs }).changes === 1;
      },
      claim: (options: ClaimOptions): Claim<Notice>[] =>
        notices.claim(options).map((row) => ({ item: toNotice(row), ...claimOf(row) })),
      begin: (id, token, nowMs) => notices.begin(id, token, nowMs),
      settle: (id, token, nowMs, settlement) =>
        settle(notices, statements.finishNotice, id, token, nowMs, settlement),
    };
    this.forWorkspace =
      shared?.forWorkspace ??
      workspaceViews(
        (w) =>
          new SqliteReminderRepository(db, w, {
            statements,
            queue: this.queue,
            forWorkspace: this.forWorkspace,
          }),
      );
  }

  add(reminder: NewReminder, options: { nowMs: number; cap: number }): AddReminderResult {
    return this.db
      .transaction((): AddReminderResult => {
        const existing = this.statements.same.get({
          user: reminder.userId,
          event: reminder.eventId,
          due: reminder.dueMs,
          ...this.ws,
        });
        if (existing) return { ok: false, reason: 'duplicate', existing: toReminder(existing) };
        const active = this.statements.countActive.get({ user: reminder.userId, ...this.ws })?.n ?? 0;
        if (active >= options.cap) return { ok: false, reason: 'cap', active };
        const id = this.statements.insert.run({
          ...reminder,
          ...this.ws,
          spec: JSON.stringify(reminder.spec),
          now: options.nowMs,
        }).lastInsertRowid;
        return { ok: true, reminder: toReminder(this.statements.byId.get(Number(id))!) };
      })
      .immediate();
  }

  active(userId: string): Reminder[] {
    return this.statements.active.all({ user: userId, ...this.ws }).map(toReminder);
  }

  cancel(id: string, userId: string, nowMs: number): Reminder | 'sending' | undefined {
    return this.db.transaction(() => {
      const row = this.statements.byId.get(Number(id));
      if (!row || row.user_id !== userId || !this.owns(row)) return undefined;
      if (row.status === 'sending') return 'sending' as const;
      if (this.statements.cancel.run({ now: nowMs, id: row.id, user: userId, ...this.ws }).changes !== 1)
        return undefined;
      return toReminder({ ...row, status: 'cancelled' });
    })();
  }

  reschedule(
    id: string,
    userId: string,
    change: { dueMs: number; spec: ReminderSpec },
    nowMs: number,
  ): Reminder | 'sending' | undefined {
    return this.db.transaction(() => {
      const row = this.statements.byId.get(Number(id));
      if (!row || row.user_id !== userId || !this.owns(row)) return undefined;
      if (row.status === 'sending') return 'sending' as const;
      const fields = {
        id: row.id,
        user: userId,
        due: change.dueMs,
        spec: JSON.stringify(change.spec),
        now: nowMs,
      };
      try {
        if (this.statements.reschedule.run({ ...fields, ...this.ws }).changes !== 1) return undefined;
      } catch (error) {
        // Already a reminder of this event at that time: the snoozed one gives way to it.
        if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
        this.statements.cancel.run({ now: nowMs, id: row.id, user: userId, ...this.ws });
      }
      return toReminder(this.statements.byId.get(row.id)!);
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

  private owns(row: WorkspaceColumns): boolean {
    return row.team_id === this.ws.team && row.enterprise_id === this.ws.enterprise;
  }
}

type Statements = ReturnType<typeof prepare>;

/** Every statement, prepared once per database and shared by the workspace views. */
function prepare(db: Db) {
  return {
    countActive: db.prepare<[{ user: string; team: string; enterprise: string }], { n: number }>(
      `SELECT count(*) AS n FROM reminders WHERE user_id = @user AND ${MINE} AND ${ACTIVE}`,
    ),
    same: db.prepare<
      [{ user: string; event: string; due: number; team: string; enterprise: string }],
      ReminderRow
    >(
      `SELECT * FROM reminders WHERE user_id = @user AND event_id = @event AND due_ms = @due AND ${MINE} AND ${ACTIVE}`,
    ),
    insert: db.prepare(
      `INSERT INTO reminders (team_id, enterprise_id, user_id, event_id, event_title, event_start_ms, zone, spec,
         due_ms, next_ms, created_ms, updated_ms)
       VALUES (@team, @enterprise, @userId, @eventId, @eventTitle, @eventStartMs, @zone, @spec, @dueMs, @dueMs,
         @now, @now)`,
    ),
    byId: db.prepare<[number], ReminderRow>('SELECT * FROM reminders WHERE id = ?'),
    active: db.prepare<[{ user: string; team: string; enterprise: string }], ReminderRow>(
      `SELECT * FROM reminders WHERE user_id = @user AND ${MINE} AND ${ACTIVE} ORDER BY due_ms, id`,
    ),
    cancel: db.prepare(
      `UPDATE reminders SET status = 'cancelled', last_error = 'cancelled by the user', updated_ms = @now
       WHERE id = @id AND user_id = @user AND ${MINE} AND status = 'pending'`,
    ),
    reschedule: db.prepare(
      `UPDATE reminders SET due_ms = @due, next_ms = @due, spec = @spec, attempts = 0, updated_ms = @now
       WHERE id = @id AND user_id = @user AND ${MINE} AND status = 'pending'`,
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
      `INSERT INTO notices (team_id, enterprise_id, key, user_id, tone, text, next_ms, created_ms, updated_ms)
       VALUES (@team, @enterprise, @key, @userId, @tone, @text, @now, @now, @now) ON CONFLICT (key) DO NOTHING`,
    ),
    finishNotice: db.prepare(
      `UPDATE notices SET status = @status, sent_ts = @ts, channel_id = @channel, last_error = @reason,
       claim_token = NULL, claimed_ms = NULL, posting_ms = NULL, updated_ms = @now
       WHERE id = @id AND claim_token = @token AND status = 'sending'`,
    ),
  };
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

export function toReminder(row: ReminderRow): Reminder {
  return {
    id: String(row.id),
    workspace: workspaceOf(row),
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

export function toNotice(row: NoticeRow): Notice {
  return {
    id: String(row.id),
    workspace: workspaceOf(row),
    key: row.key,
    userId: row.user_id,
    tone: row.tone,
    text: row.text,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    createdMs: row.created_ms,
  };
}
