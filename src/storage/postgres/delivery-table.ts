import type { ClaimOptions } from '../../core/ports/delivery.js';
import type { DeliveryColumns, DeliveryTableSpec } from '../delivery-queue.js';
import type { PgPool } from './database.js';

/** How many due rows a claim looks at for each one it may take, so per-recipient pacing still fills a batch. */
const SCAN_FACTOR = 4;

/**
 * The lease mechanics of the SQLite DeliveryTable, for PostgreSQL and many replicas. A claim is one
 * statement: due rows (and rows whose claim is older than the lease) are locked `FOR UPDATE SKIP
 * LOCKED`, so concurrent claimers each take different rows without waiting; per-recipient pacing is a
 * window function in a second CTE over the locked rows (PostgreSQL refuses FOR UPDATE beside one);
 * the chosen rows move to `sending` under the claimer's token. Every later write is fenced by the
 * token and status, so a replica whose lease ran out (it stalled, or was killed) changes nothing.
 * Times come from the caller's clock, never `now()`, so tests stay deterministic.
 */
export class PgDeliveryTable<Row extends DeliveryColumns> {
  private readonly sql;

  constructor(
    private readonly pool: PgPool,
    spec: DeliveryTableSpec,
  ) {
    const { table, keyColumn } = spec;
    const live = spec.live ?? '';
    this.sql = {
      claim: `WITH due AS (
          SELECT id, ${keyColumn} AS k, team_id AS w, next_ms FROM ${table}
          WHERE ((status = 'pending' AND next_ms <= $1) OR (status = 'sending' AND claimed_ms <= $2)) ${live}
          ORDER BY next_ms, id
          LIMIT $5
          FOR UPDATE SKIP LOCKED
        ), paced AS (
          SELECT id, next_ms, ROW_NUMBER() OVER (PARTITION BY w, k ORDER BY next_ms, id) AS rn FROM due
        ), picked AS (
          SELECT id FROM paced WHERE rn <= $3 ORDER BY next_ms, id LIMIT $4
        )
        UPDATE ${table} t SET status = 'sending', claim_token = $6, claimed_ms = $1, updated_ms = $1
        FROM picked WHERE t.id = picked.id
        RETURNING t.*`,
      begin: `UPDATE ${table} SET posting_ms = coalesce(posting_ms, $3), claimed_ms = $3, attempts = attempts + 1,
          updated_ms = $3
        WHERE id = $1 AND claim_token = $2 AND status = 'sending'`,
      retry: `UPDATE ${table} SET status = 'pending', next_ms = $4, last_error = $5, claim_token = NULL,
          claimed_ms = NULL, posting_ms = CASE WHEN $6 THEN posting_ms ELSE NULL END,
          attempts = attempts - CASE WHEN $7 THEN 0 ELSE 1 END, updated_ms = $3
        WHERE id = $1 AND claim_token = $2 AND status = 'sending'`,
      release: `UPDATE ${table} SET status = 'pending', claim_token = NULL, claimed_ms = NULL, updated_ms = $3
        WHERE id = $1 AND claim_token = $2 AND status = 'sending'`,
    };
  }

  /** Claims up to `limit` due rows, at most `perKey` per recipient, and returns them as now stored, due order. */
  async claim(options: ClaimOptions): Promise<Row[]> {
    const { nowMs, limit, leaseMs, token, perKey } = options;
    const { rows } = await this.pool.query<Row & { next_ms: number }>(this.sql.claim, [
      nowMs,
      nowMs - leaseMs,
      perKey,
      limit,
      limit * SCAN_FACTOR,
      token,
    ]);
    return rows.sort((a, b) => a.next_ms - b.next_ms || a.id - b.id);
  }

  async begin(id: string, token: string, nowMs: number): Promise<boolean> {
    return (await this.pool.query(this.sql.begin, [Number(id), token, nowMs])).rowCount === 1;
  }

  async retry(
    id: string,
    token: string,
    nowMs: number,
    retry: { atMs: number; reason: string; uncertain?: boolean; counted?: boolean },
  ): Promise<boolean> {
    const result = await this.pool.query(this.sql.retry, [
      Number(id),
      token,
      nowMs,
      retry.atMs,
      retry.reason,
      Boolean(retry.uncertain),
      retry.counted !== false,
    ]);
    return result.rowCount === 1;
  }

  async release(id: string, token: string, nowMs: number): Promise<boolean> {
    return (await this.pool.query(this.sql.release, [Number(id), token, nowMs])).rowCount === 1;
  }

  /** Runs a fenced UPDATE (`… WHERE id = $1 AND claim_token = $2 AND status = 'sending'`); true when it applied. */
  async fenced(sql: string, params: unknown[]): Promise<boolean> {
    return (await this.pool.query(sql, params)).rowCount === 1;
  }
}
