import type { ArchiveFeed } from '../core/ports/archive-feed.js';
import type { Db } from './database.js';

/** The archive's recent changes, from each event's `updated_ms` (set when it was added or last changed). */
export class SqliteArchiveFeed implements ArchiveFeed {
  private readonly recent;

  constructor(db: Db) {
    this.recent = db.prepare<[number], { id: string }>(
      'SELECT id FROM events ORDER BY updated_ms DESC, seq DESC LIMIT ?',
    );
  }

  recentlyChanged(limit: number): string[] {
    return this.recent.all(Math.max(0, Math.min(limit, 100))).map((r) => r.id);
  }
}
