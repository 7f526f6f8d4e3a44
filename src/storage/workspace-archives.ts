import { createHash } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';
import type { SearchIndex } from '../core/ports/search.js';
import type { Workspace } from '../core/reminders/model.js';
import { type Db, migrate, openDatabase } from './database.js';
import { EventStore } from './event-repository.js';
import { SqliteSearchIndex } from './search/search-index.js';

/** One archive some workspaces see instead of the default: its files, and this replica's SQLite cache of it. */
export interface WorkspaceArchive {
  paths: string[];
  /** The cache's file (`:memory:` when the main database is in memory). */
  databasePath: string;
  db: Db;
  store: EventStore;
  index: SearchIndex;
}

/** The configured mapping: a team or Enterprise Grid org id and the archive files its people see. */
export interface WorkspaceArchiveConfig {
  workspace: string;
  paths: string[];
}

/**
 * Where an archive's cache lives beside the main database: `var/events.db` with `a/b,c` becomes
 * `var/events.archive-<hash of the paths>.db`, so workspaces naming the same files share one cache and a
 * changed mapping never reads a stale one. The main database in memory keeps every cache in memory.
 */
export function archiveDatabasePath(mainPath: string, paths: readonly string[]): string {
  if (mainPath === ':memory:') return ':memory:';
  const hash = createHash('sha256').update(paths.join('\n')).digest('hex').slice(0, 12);
  const ext = extname(mainPath);
  return join(dirname(mainPath), `${basename(mainPath, ext)}.archive-${hash}${ext || '.db'}`);
}

/**
 * Opens (and migrates) one SQLite cache per distinct archive of the mapping, and answers which index a
 * workspace searches: its own archive's when the mapping names its team (or its org), else `fallback`,
 * the default archive everyone else sees.
 */
export function openWorkspaceArchives(
  mapping: readonly WorkspaceArchiveConfig[],
  mainPath: string,
  zone: string,
  fallback: SearchIndex,
): {
  archives: WorkspaceArchive[];
  indexFor: (workspace: Workspace) => SearchIndex;
  close(): void;
} {
  const byPaths = new Map<string, WorkspaceArchive>();
  const byWorkspace = new Map<string, WorkspaceArchive>();
  for (const { workspace, paths } of mapping) {
    const key = paths.join('\n');
    let archive = byPaths.get(key);
    if (!archive) {
      const databasePath = archiveDatabasePath(mainPath, paths);
      const db = openDatabase(databasePath);
      migrate(db);
      const store = new EventStore(db, zone);
      archive = { paths, databasePath, db, store, index: new SqliteSearchIndex(db, store) };
      byPaths.set(key, archive);
    }
    byWorkspace.set(workspace, archive);
  }
  return {
    archives: [...byPaths.values()],
    indexFor: (w) =>
      (byWorkspace.get(w.teamId) ?? (w.enterpriseId ? byWorkspace.get(w.enterpriseId) : undefined))?.index ??
      fallback,
    close: () => {
      for (const a of byPaths.values()) a.db.close();
    },
  };
}
