import type { Awaitable } from '../core/ports/delivery.js';
import type { Db } from './database.js';

/** Events API deliveries already handled, by event_id (SQLite or PostgreSQL). */
export interface HandledEvents {
  /** True when this event was handled since `sinceMs`. */
  handled(eventId: string, sinceMs: number): Awaitable<boolean>;
  /** Records that the event was handled, and forgets those handled before `pruneBeforeMs`. */
  record(eventId: string, nowMs: number, pruneBeforeMs: number): Awaitable<void>;
}

/** The embedded store's handled events. */
export class SqliteHandledEvents implements HandledEvents {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      handled: db.prepare<[string, number], { n: number }>(
        'SELECT count(*) AS n FROM slack_events WHERE event_id = ? AND handled_ms >= ?',
      ),
      record: db.prepare(
        `INSERT INTO slack_events (event_id, handled_ms) VALUES (?, ?)
         ON CONFLICT (event_id) DO UPDATE SET handled_ms = excluded.handled_ms`,
      ),
      prune: db.prepare('DELETE FROM slack_events WHERE handled_ms < ?'),
    };
  }

  handled(eventId: string, sinceMs: number): boolean {
    return (this.statements.handled.get(eventId, sinceMs)?.n ?? 0) > 0;
  }

  record(eventId: string, nowMs: number, pruneBeforeMs: number): void {
    this.statements.record.run(eventId, nowMs);
    this.statements.prune.run(pruneBeforeMs);
  }
}
