import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { InstallationKey, InstallationRepository } from '../../storage/installation-repository.js';
import type { TokenCipher } from './token-cipher.js';

/** What an uninstall or a revocation removes. */
export type WorkspaceQuery = Pick<
  InstallationQuery<boolean>,
  'teamId' | 'enterpriseId' | 'isEnterpriseInstall'
>;

/** Bolt's store, with deletion always there (uninstall events use it). */
export type WorkspaceInstallationStore = InstallationStore & {
  deleteInstallation(query: WorkspaceQuery): Promise<void>;
};

/**
 * Bolt's InstallationStore over our SQL installations table (SQLite or PostgreSQL). One row per
 * workspace, or per org for an org-wide Enterprise Grid install (keyed on the enterprise id alone).
 * - store merges into what is there: token rotation stores the installation again, and a store with
 *   fewer fields (no user token, say) must not erase the rest;
 * - fetch returns the latest stored bot token of the team, or throws when the workspace has none;
 * - the installation is sealed with AES-256-GCM before it reaches the database.
 */
export function createInstallationStore(
  repo: InstallationRepository,
  cipher: TokenCipher,
  now: () => number = Date.now,
): WorkspaceInstallationStore {
  return {
    async storeInstallation(installation) {
      const key = keyOf(
        Boolean(installation.isEnterpriseInstall),
        installation.enterprise?.id,
        installation.team?.id,
      );
      if (!key.teamId && !key.enterpriseId)
        throw new Error('an installation without a team or enterprise id');
      await repo.upsert(
        key,
        (current) => {
          const previous = current
            ? (JSON.parse(cipher.open(current.sealed)) as Record<string, unknown>)
            : {};
          const merged = mergeDefined(previous, installation as unknown as Record<string, unknown>);
          return {
            isEnterpriseInstall: Boolean(merged.isEnterpriseInstall),
            sealed: cipher.seal(JSON.stringify(merged)),
          };
        },
        now(),
      );
    },

    async fetchInstallation(query) {
      const key = keyOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId);
      // A workspace of an org whose install is org-wide has no row of its own: the org's serves it.
      const stored =
        (await repo.get(key)) ??
        (query.enterpriseId && key.teamId
          ? await repo.get({ enterpriseId: query.enterpriseId, teamId: '' })
          : undefined);
      if (!stored) throw new Error(`no installation for ${describe(key)}`);
      const installation = JSON.parse(cipher.open(stored.sealed)) as Installation;
      if (!installation.bot?.token) throw new Error(`the installation for ${describe(key)} has no bot token`);
      return installation;
    },

    async deleteInstallation(query) {
      await repo.delete(keyOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId));
    },
  };
}

/** The row key: an org-wide install by its enterprise id alone, a workspace by team (and org) id. */
function keyOf(isEnterpriseInstall: boolean, enterpriseId?: string, teamId?: string): InstallationKey {
  if (isEnterpriseInstall && enterpriseId) return { enterpriseId, teamId: '' };
  return { enterpriseId: enterpriseId ?? '', teamId: teamId ?? '' };
}

function describe(key: InstallationKey): string {
  return key.teamId ? `workspace ${key.teamId}` : `org ${key.enterpriseId}`;
}

/** `next` over `base`, recursively for plain objects; an undefined field in `next` keeps the old value. */
function mergeDefined(base: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(next)) {
    if (v === undefined) continue;
    const old = out[k];
    out[k] = isPlainObject(v) && isPlainObject(old) ? mergeDefined(old, v) : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
