import type { MissedQuery, SearchMissLog } from '../core/ports/search-misses.js';
import type { Workspace } from '../core/reminders/model.js';
import type { Db } from './database.js';

interface TopRow {
  query: string;
  n: number;
  last_ms: number;
  team_id: string;
}

const toMissed = (r: TopRow): MissedQuery => ({
  query: r.query,
  count: r.n,
  lastMs: r.last_ms,
  teamId: r.team_id,
});

/** The embedded store's search-miss log (table search_misses, migration 011). */
export class SqliteSearchMissLog implements SearchMissLog {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      insert: db.prepare(
        'INSERT INTO search_misses (team_id, enterprise_id, query, missed_ms) VALUES (?, ?, ?, ?)',
      ),
      topOf: db.prepare<[string, string, number, number], TopRow>(
        `SELECT query, count(*) AS n, max(missed_ms) AS last_ms, team_id FROM search_misses
         WHERE team_id = ? AND enterprise_id = ? AND missed_ms >= ?
         GROUP BY query ORDER BY n DESC, last_ms DESC LIMIT ?`,
      ),
      topAll: db.prepare<[number, number], TopRow>(
        `SELECT query, count(*) AS n, max(missed_ms) AS last_ms, team_id FROM search_misses
         WHERE missed_ms >= ? GROUP BY team_id, query ORDER BY n DESC, last_ms DESC LIMIT ?`,
      ),
      purge: db.prepare('DELETE FROM search_misses WHERE missed_ms < ?'),
    };
  }

  record(workspace: Workspace, query: string, nowMs: number): void {
    this.statements.insert.run(workspace.teamId, workspace.enterpriseId, query, nowMs);
  }

  top(workspace: Workspace | undefined, sinceMs: number, limit: number): MissedQuery[] {
    const rows = workspace
      ? this.statements.topOf.all(workspace.teamId, workspace.enterpriseId, sinceMs, limit)
      : this.statements.topAll.all(sinceMs, limit);
    return rows.map(toMissed);
  }

  purge(beforeMs: number): number {
    return this.statements.purge.run(beforeMs).changes;
  }
}
