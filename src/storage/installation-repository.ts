import type { Db } from './database.js';

/** Which installation: a workspace (`teamId`), or an org-wide install (`teamId` ''); '' when there is no org. */
export interface InstallationKey {
  enterpriseId: string;
  teamId: string;
}

/** What is stored for one installation: opaque sealed text (the Slack door seals and opens it). */
export interface StoredInstallation {
  isEnterpriseInstall: boolean;
  sealed: string;
}

/** Installations for OAuth distribution, in SQLite or PostgreSQL. */
export interface InstallationRepository {
  /**
   * Replaces the installation under `key` with `merge(current)`, atomically: two replicas refreshing a
   * rotated token at once each merge into what the other wrote.
   */
  upsert(
    key: InstallationKey,
    merge: (current: StoredInstallation | undefined) => StoredInstallation,
    nowMs: number,
  ): Promise<void>;
  get(key: InstallationKey): Promise<StoredInstallation | undefined>;
  /** True when there was one to delete; deleting twice is fine (uninstall events repeat). */
  delete(key: InstallationKey): Promise<boolean>;
}

interface Row {
  is_enterprise_install: number;
  sealed: string;
}

/** All SQL about installations in the embedded SQLite store. */
export class SqliteInstallationRepository implements InstallationRepository {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      get: db.prepare<[string, string], Row>(
        'SELECT is_enterprise_install, sealed FROM slack_installations WHERE enterprise_id = ? AND team_id = ?',
      ),
      put: db.prepare(
        `INSERT INTO slack_installations (enterprise_id, team_id, is_enterprise_install, sealed, installed_ms, updated_ms)
         VALUES (@enterpriseId, @teamId, @isEnterpriseInstall, @sealed, @now, @now)
         ON CONFLICT (enterprise_id, team_id) DO UPDATE SET is_enterprise_install = excluded.is_enterprise_install,
           sealed = excluded.sealed, updated_ms = excluded.updated_ms`,
      ),
      delete: db.prepare('DELETE FROM slack_installations WHERE enterprise_id = ? AND team_id = ?'),
    };
  }

  async upsert(
    key: InstallationKey,
    merge: (current: StoredInstallation | undefined) => StoredInstallation,
    nowMs: number,
  ): Promise<void> {
    // IMMEDIATE: the read and the write hold the write lock together, so concurrent stores serialize.
    this.db
      .transaction(() => {
        const next = merge(this.read(key));
        this.statements.put.run({
          ...key,
          isEnterpriseInstall: next.isEnterpriseInstall ? 1 : 0,
          sealed: next.sealed,
          now: nowMs,
        });
      })
      .immediate();
  }

  async get(key: InstallationKey): Promise<StoredInstallation | undefined> {
    return this.read(key);
  }

  async delete(key: InstallationKey): Promise<boolean> {
    return this.statements.delete.run(key.enterpriseId, key.teamId).changes > 0;
  }

  private read(key: InstallationKey): StoredInstallation | undefined {
    const row = this.statements.get.get(key.enterpriseId, key.teamId);
    return row ? { isEnterpriseInstall: row.is_enterprise_install === 1, sealed: row.sealed } : undefined;
  }
}
