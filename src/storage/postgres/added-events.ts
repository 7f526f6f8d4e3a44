import type { AddedEvent, AddedEventStore } from '../../core/ports/added-events.js';
import { type AddedEventRow, addedOfRow, rowOfAdded } from '../added-events.js';
import type { PgPool } from './database.js';

/** Slack-added events in the shared store (migration 006), so every replica serves them. */
export class PgAddedEventStore implements AddedEventStore {
  constructor(private readonly pool: PgPool) {}

  async get(id: string): Promise<AddedEvent | undefined> {
    const { rows } = await this.pool.query<AddedEventRow>('SELECT * FROM added_events WHERE id = $1', [id]);
    return rows[0] && addedOfRow(rows[0]);
  }

  async save(added: AddedEvent): Promise<void> {
    await this.pool.query(
      `INSERT INTO added_events (id, team_id, enterprise_id, event_json, added_by, added_ms, updated_by, updated_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET event_json = excluded.event_json, updated_by = excluded.updated_by,
         updated_ms = excluded.updated_ms`,
      rowOfAdded(added),
    );
  }

  async all(): Promise<AddedEvent[]> {
    const { rows } = await this.pool.query<AddedEventRow>('SELECT * FROM added_events ORDER BY added_ms, id');
    return rows.map(addedOfRow);
  }

  async version(): Promise<string> {
    const { rows } = await this.pool.query<{ v: string }>(
      "SELECT count(*) || ':' || coalesce(max(updated_ms), 0) AS v FROM added_events",
    );
    return rows[0]?.v ?? '0:0';
  }
}
