import type { Backlog, DispatcherLeases } from '../../core/ports/delivery.js';
import { backlogSql, DELIVERY_TABLES, releaseSql, sumBacklog } from '../dispatcher-leases.js';
import { inTransaction, type PgPool } from './database.js';

/** The shared store's {@link DispatcherLeases}: the backlog of every replica, and this one's claims given back. */
export class PgDispatcherLeases implements DispatcherLeases {
  constructor(private readonly pool: PgPool) {}

  async backlog(nowMs: number): Promise<Backlog> {
    const { rows } = await this.pool.query<{ due: string; claimed: string }>(backlogSql('$1'), [nowMs]);
    return sumBacklog(rows);
  }

  async releaseClaims(tokenPrefix: string, nowMs: number): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      let n = 0;
      for (const { table } of DELIVERY_TABLES) {
        n += (await client.query(releaseSql(table, '$1', '$2::text'), [nowMs, tokenPrefix])).rowCount ?? 0;
      }
      return n;
    });
  }
}
