import type { HandledEvents } from '../slack-events.js';
import type { PgPool } from './database.js';

/** Handled Events API deliveries in the shared store, so a retry that reaches another replica is known too. */
export class PgHandledEvents implements HandledEvents {
  constructor(private readonly pool: PgPool) {}

  async handled(eventId: string, sinceMs: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM slack_events WHERE event_id = $1 AND handled_ms >= $2',
      [eventId, sinceMs],
    );
    return (rowCount ?? 0) > 0;
  }

  async record(eventId: string, nowMs: number, pruneBeforeMs: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO slack_events (event_id, handled_ms) VALUES ($1, $2)
       ON CONFLICT (event_id) DO UPDATE SET handled_ms = excluded.handled_ms`,
      [eventId, nowMs],
    );
    await this.pool.query('DELETE FROM slack_events WHERE handled_ms < $1', [pruneBeforeMs]);
  }
}
