import type {
  InstallationKey,
  InstallationRepository,
  StoredInstallation,
} from '../installation-repository.js';
import { inTransaction, type PgPool } from './database.js';

/** All SQL about installations in the shared PostgreSQL store. */
export class PgInstallationRepository implements InstallationRepository {
  constructor(private readonly pool: PgPool) {}

  async upsert(
    key: InstallationKey,
    merge: (current: StoredInstallation | undefined) => StoredInstallation,
    nowMs: number,
  ): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // A transaction-scoped lock per installation serializes concurrent stores (two replicas rotating
      // the same token), including the first one, when there is no row yet to lock FOR UPDATE.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `slack_installation:${key.enterpriseId}:${key.teamId}`,
      ]);
      const { rows } = await client.query<{ is_enterprise_install: number; sealed: string }>(
        'SELECT is_enterprise_install, sealed FROM slack_installations WHERE enterprise_id = $1 AND team_id = $2',
        [key.enterpriseId, key.teamId],
      );
      const current = rows[0]
        ? { isEnterpriseInstall: rows[0].is_enterprise_install === 1, sealed: rows[0].sealed }
        : undefined;
      const next = merge(current);
      await client.query(
        `INSERT INTO slack_installations (enterprise_id, team_id, is_enterprise_install, sealed, installed_ms, updated_ms)
         VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (enterprise_id, team_id) DO UPDATE SET is_enterprise_install = excluded.is_enterprise_install,
           sealed = excluded.sealed, updated_ms = excluded.updated_ms`,
        [key.enterpriseId, key.teamId, next.isEnterpriseInstall ? 1 : 0, next.sealed, nowMs],
      );
    });
  }

  async get(key: InstallationKey): Promise<StoredInstallation | undefined> {
    const { rows } = await this.pool.query<{ is_enterprise_install: number; sealed: string }>(
      'SELECT is_enterprise_install, sealed FROM slack_installations WHERE enterprise_id = $1 AND team_id = $2',
      [key.enterpriseId, key.teamId],
    );
    return rows[0]
      ? { isEnterpriseInstall: rows[0].is_enterprise_install === 1, sealed: rows[0].sealed }
      : undefined;
  }

  async delete(key: InstallationKey): Promise<boolean> {
    const result = await this.pool.query(
      'DELETE FROM slack_installations WHERE enterprise_id = $1 AND team_id = $2',
      [key.enterpriseId, key.teamId],
    );
    return (result.rowCount ?? 0) > 0;
  }
}
