import type { Backlog, DispatcherLeases } from '../core/ports/delivery.js';
import type { Db } from './database.js';

/** The three delivery tables and the condition a row must meet to be live (digests: an active subscription). */
export const DELIVERY_TABLES = [
  { table: 'reminders', live: '' },
  { table: 'notices', live: '' },
  { table: 'subscriptions', live: "AND state = 'active'" },
] as const;

/** The backlog query, the same text for SQLite and PostgreSQL but for the placeholder (`?` or `$1`). */
export function backlogSql(param: string): string {
  return DELIVERY_TABLES.map(
    ({ table, live }) =>
      `SELECT
         coalesce(sum(CASE WHEN status = 'pending' AND next_ms <= ${param} ${live} THEN 1 ELSE 0 END), 0) AS due,
         coalesce(sum(CASE WHEN status = 'sending' THEN 1 ELSE 0 END), 0) AS claimed
       FROM ${table}`,
  ).join(' UNION ALL ');
}

/** Releases one table's claims of a token prefix whose post has not begun (`$now`, `$prefix` placeholders given). */
export function releaseSql(table: string, now: string, prefix: string): string {
  return `UPDATE ${table} SET status = 'pending', claim_token = NULL, claimed_ms = NULL, updated_ms = ${now}
    WHERE status = 'sending' AND posting_ms IS NULL AND substr(claim_token, 1, length(${prefix})) = ${prefix}`;
}

/** Sums the per-table rows of {@link backlogSql}. */
export function sumBacklog(rows: { due: number | string; claimed: number | string }[]): Backlog {
  return rows.reduce<Backlog>(
    (sum, r) => ({ due: sum.due + Number(r.due), claimed: sum.claimed + Number(r.claimed) }),
    { due: 0, claimed: 0 },
  );
}

/** The embedded store's {@link DispatcherLeases}. */
export class SqliteDispatcherLeases implements DispatcherLeases {
  private readonly backlogStatement;
  private readonly releaseStatements;

  constructor(private readonly db: Db) {
    this.backlogStatement = db.prepare<unknown[], { due: number; claimed: number }>(backlogSql('@now'));
    this.releaseStatements = DELIVERY_TABLES.map(({ table }) =>
      db.prepare(releaseSql(table, '@now', '@prefix')),
    );
  }

  backlog(nowMs: number): Backlog {
    return sumBacklog(this.backlogStatement.all({ now: nowMs }));
  }

  releaseClaims(tokenPrefix: string, nowMs: number): number {
    return this.db.transaction(() =>
      this.releaseStatements.reduce((n, s) => n + s.run({ now: nowMs, prefix: tokenPrefix }).changes, 0),
    )();
  }
}
