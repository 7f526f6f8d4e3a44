import type { MissedQuery, SearchMissLog } from '../../core/ports/search-misses.js';
import type { Workspace } from '../../core/reminders/model.js';
import type { PgPool } from './database.js';

/** The search-miss log in the shared store (migration 004), so every replica's misses count together. */
export class PgSearchMissLog implements SearchMissLog {
  constructor(private readonly pool: PgPool) {}

  async record(workspace: Workspace, query: string, nowMs: number): Promise<void> {
    await this.pool.query(
      'INSERT INTO search_misses (team_id, enterprise_id, query, missed_ms) VALUES ($1, $2, $3, $4)',
      [workspace.teamId, workspace.enterpriseId, query, nowMs],
    );
  }

  async top(workspace: Workspace | undefined, sinceMs: number, limit: number): Promise<MissedQuery[]> {
    const { rows } = workspace
      ? await this.pool.query<{ query: string; n: number; last_ms: number; team_id: string }>(
          `SELECT query, count(*)::int AS n, max(missed_ms) AS last_ms, team_id FROM search_misses
           WHERE team_id = $1 AND enterprise_id = $2 AND missed_ms >= $3
           GROUP BY team_id, query ORDER BY n DESC, last_ms DESC LIMIT $4`,
          [workspace.teamId, workspace.enterpriseId, sinceMs, limit],
        )
      : await this.pool.query<{ query: string; n: number; last_ms: number; team_id: string }>(
          `SELECT query, count(*)::int AS n, max(missed_ms) AS last_ms, team_id FROM search_misses
           WHERE missed_ms >= $1 GROUP BY team_id, query ORDER BY n DESC, last_ms DESC LIMIT $2`,
          [sinceMs, limit],
        );
    return rows.map((r) => ({ query: r.query, count: r.n, lastMs: r.last_ms, teamId: r.team_id }));
  }

  async purge(beforeMs: number): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM search_misses WHERE missed_ms < $1', [beforeMs]);
    return rowCount ?? 0;
  }
}
