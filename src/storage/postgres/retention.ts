import { FINISHED, type PurgeReport } from '../retention.js';
import { inTransaction, type PgPool } from './database.js';

/**
 * The shared store's purge, the mirror of the SQLite one (`../retention.ts`): finished reminders and
 * notices and cancelled subscriptions whose last change is older than `beforeMs`, in one transaction.
 * Pending, sending, active and paused rows are never touched, so a replica dispatching meanwhile loses
 * nothing.
 */
export function purgeFinishedShared(pool: PgPool, beforeMs: number): Promise<PurgeReport> {
  return inTransaction(pool, async (c) => {
    const count = async (sql: string) => (await c.query(sql, [beforeMs])).rowCount ?? 0;
    return {
      reminders: await count(`DELETE FROM reminders WHERE status IN ${FINISHED} AND updated_ms < $1`),
      notices: await count(`DELETE FROM notices WHERE status IN ${FINISHED} AND updated_ms < $1`),
      subscriptions: await count(`DELETE FROM subscriptions WHERE state = 'cancelled' AND updated_ms < $1`),
    };
  });
}
