import { createHash } from 'node:crypto';
import { EventSchema } from '../core/model.js';
import {
  type AddedEvent,
  type AddedEventMirror,
  type AddedEventStore,
  SLACK_SOURCE,
} from '../core/ports/added-events.js';
import type { Db } from './database.js';
import type { EventStore } from './event-repository.js';

/** A row of added_events, in SQLite and PostgreSQL alike. */
export interface AddedEventRow {
  id: string;
  team_id: string;
  enterprise_id: string;
  event_json: string;
  added_by: string;
  added_ms: number;
  updated_by: string;
  updated_ms: number;
}

/** A row as core sees it; the JSON was validated when it was written, and is again here. */
export function addedOfRow(row: AddedEventRow): AddedEvent {
  return {
    event: EventSchema.parse(JSON.parse(row.event_json)),
    workspace: { teamId: row.team_id, enterpriseId: row.enterprise_id },
    addedBy: row.added_by,
    addedMs: row.added_ms,
    updatedBy: row.updated_by,
    updatedMs: row.updated_ms,
  };
}

/** The row values of an added event, in column order. */
export function rowOfAdded(a: AddedEvent): unknown[] {
  return [
    a.event.id,
    a.workspace.teamId,
    a.workspace.enterpriseId,
    JSON.stringify(a.event),
    a.addedBy,
    a.addedMs,
    a.updatedBy,
    a.updatedMs,
  ];
}

const UPSERT = `INSERT INTO added_events (id, team_id, enterprise_id, event_json, added_by, added_ms, updated_by, updated_ms)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET event_json = excluded.event_json, updated_by = excluded.updated_by,
    updated_ms = excluded.updated_ms`;

/** The embedded state store's Slack-added events (migration 014). */
export class SqliteAddedEventStore implements AddedEventStore {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      get: db.prepare<[string], AddedEventRow>('SELECT * FROM added_events WHERE id = ?'),
      all: db.prepare<[], AddedEventRow>('SELECT * FROM added_events ORDER BY added_ms, id'),
      upsert: db.prepare(UPSERT),
      version: db.prepare<[], { v: string }>(
        "SELECT count(*) || ':' || coalesce(max(updated_ms), 0) AS v FROM added_events",
      ),
    };
  }

  get(id: string): AddedEvent | undefined {
    const row = this.statements.get.get(id);
    return row && addedOfRow(row);
  }

  save(added: AddedEvent): void {
    this.statements.upsert.run(...rowOfAdded(added));
  }

  all(): AddedEvent[] {
    return this.statements.all.all().map(addedOfRow);
  }

  version(): string {
    return this.statements.version.get()?.v ?? '0:0';
  }
}

/**
 * This replica's index of the Slack-added events: the event store writes them under their own source
 * through the same entry point every archive file goes through (so search indexes them identically),
 * and added_events keeps who added each (with PostgreSQL, as a copy of the shared table).
 */
export class SqliteAddedEventMirror implements AddedEventMirror {
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
  ) {
    this.statements = {
      clear: db.prepare('DELETE FROM added_events'),
      upsert: db.prepare(UPSERT),
      addedBy: db.prepare<[string], { added_by: string }>('SELECT added_by FROM added_events WHERE id = ?'),
    };
  }

  mirror(added: AddedEvent[]): void {
    this.db.transaction(() => {
      this.statements.clear.run();
      for (const a of added) this.statements.upsert.run(...rowOfAdded(a));
    })();
    const events = added.map((a) => a.event);
    const hash = createHash('sha256').update(JSON.stringify(events)).digest('hex');
    const outcome = this.store.replaceFileEvents(SLACK_SOURCE, hash, events);
    if (outcome.added.length + outcome.updated.length + outcome.removed.length)
      this.store.refreshVocabulary();
  }

  addedBy(eventId: string): string | undefined {
    return this.statements.addedBy.get(eventId)?.added_by;
  }
}
