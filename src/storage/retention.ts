import type { Db } from './database.js';

/** How many finished rows one purge removed, by table. */
export interface PurgeReport {
  reminders: number;
  notices: number;
  subscriptions: number;
}

/** The statuses of a reminder or notice that is over; both stores purge exactly these. */
export const FINISHED = "('sent', 'failed', 'missed', 'cancelled')";

/**
 * Deletes what is over and older than `beforeMs` (by its last change): sent, failed, missed and
 * cancelled reminders and notices, and cancelled subscriptions. Pending, sending, active and paused
 * rows are never touched. One transaction. The shared PostgreSQL store's mirror is `postgres/retention.ts`.
 */
export function purgeFinished(db: Db, beforeMs: number): PurgeReport {
  return db.transaction(() => ({
    reminders: db
      .prepare(`DELETE FROM reminders WHERE status IN ${FINISHED} AND updated_ms < ?`)
      .run(beforeMs).changes,
    notices: db.prepare(`DELETE FROM notices WHERE status IN ${FINISHED} AND updated_ms < ?`).run(beforeMs)
      .changes,
    subscriptions: db
      .prepare(`DELETE FROM subscriptions WHERE state = 'cancelled' AND updated_ms < ?`)
      .run(beforeMs).changes,
  }))();
}
