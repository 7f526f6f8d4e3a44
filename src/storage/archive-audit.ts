import type { ArchiveAudit, AuditedField, AuditRecord, DuplicateGroup } from '../core/ports/archive-audit.js';
import type { Db } from './database.js';

interface Row {
  id: string;
  title: string;
  start: string;
  source_file: string | null;
  source_line: number | null;
}

/** Which events lack each audited field, as SQL over the events table. */
const LACKS: Record<AuditedField, string> = {
  summary: 'NOT e.has_summary',
  themes: "e.themes = '[]'",
  speakers: "e.speakers = '[]'",
  url: "e.url IS NULL OR trim(e.url) = ''",
  timezone: 'e.timezone IS NULL',
};

const toRecord = (r: Row): AuditRecord => ({
  id: r.id,
  title: r.title,
  start: r.start,
  ...(r.source_file ? { source: { file: r.source_file, line: r.source_line ?? 0 } } : {}),
});

/** The gaps report's archive queries on the embedded event store. */
export class SqliteArchiveAudit implements ArchiveAudit {
  constructor(private readonly db: Db) {}

  missing(field: AuditedField, limit: number): { count: number; examples: AuditRecord[] } {
    const where = LACKS[field];
    const count =
      this.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM events e WHERE ${where}`).get()?.n ?? 0;
    const examples = this.db
      .prepare<[number], Row>(
        `SELECT e.id, e.title, e.start, s.name AS source_file, e.source_line FROM events e
         LEFT JOIN event_sources s ON s.id = e.source_id WHERE ${where}
         ORDER BY e.start_ms DESC LIMIT ?`,
      )
      .all(limit)
      .map(toRecord);
    return { count, examples };
  }

  duplicates(limit: number): DuplicateGroup[] {
    const groups = (reason: DuplicateGroup['reason'], key: string, where: string): DuplicateGroup[] => {
      const rows = this.db
        .prepare<[number], Row & { k: string }>(
          `WITH dup AS (SELECT ${key} AS k FROM events e WHERE ${where} GROUP BY k HAVING count(*) > 1
                        ORDER BY max(e.start_ms) DESC LIMIT ?)
           SELECT dup.k, e.id, e.title, e.start, s.name AS source_file, e.source_line
           FROM dup JOIN events e ON ${key} = dup.k LEFT JOIN event_sources s ON s.id = e.source_id
           ORDER BY dup.k, e.start_ms, e.id`,
        )
        .all(limit);
      const byKey = new Map<string, AuditRecord[]>();
      for (const row of rows) byKey.set(row.k, [...(byKey.get(row.k) ?? []), toRecord(row)]);
      return [...byKey.values()].map((events) => ({ reason, events }));
    };
    return [
      ...groups(
        'same-title-and-day',
        "lower(trim(e.title)) || '|' || substr(e.start, 1, 10)",
        'e.series IS NULL',
      ),
      ...groups('same-link', "rtrim(lower(e.url), '/')", 'e.url IS NOT NULL AND e.series IS NULL'),
    ].slice(0, limit);
  }
}
