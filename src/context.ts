import type { FeedImportOptions, FeedReport } from './archive/feeds/index.js';
import type { ImportOptions, ImportSummary } from './archive/import-archive.js';
import type { Config } from './config.js';
import type { CommandDeps } from './core/commands/deps.js';
import type { AddedEventMirror, AddedEventStore } from './core/ports/added-events.js';
import type { ArchiveFeed } from './core/ports/archive-feed.js';
import type { DispatcherLeases } from './core/ports/delivery.js';
import type { SearchIndex } from './core/ports/search.js';
import { type ArchiveChangeReport, applyArchiveChanges } from './core/reminders/apply-archive-changes.js';
import type { Workspace } from './core/reminders/model.js';
import { type Clock, systemClock } from './core/time.js';
import { SqliteAddedEventMirror, SqliteAddedEventStore } from './storage/added-events.js';
import { SqliteArchiveAudit } from './storage/archive-audit.js';
import { SqliteArchiveFeed } from './storage/archive-feed.js';
import { type Db, migrate, openDatabase } from './storage/database.js';
import { SqliteDispatcherLeases } from './storage/dispatcher-leases.js';
import { EventStore } from './storage/event-repository.js';
import { SqliteFeedCopies } from './storage/feed-copies.js';
import {
  type InstallationRepository,
  SqliteInstallationRepository,
} from './storage/installation-repository.js';
import { PgAddedEventStore } from './storage/postgres/added-events.js';
import { migratePostgres, openPostgres, type PgPool } from './storage/postgres/database.js';
import { PgDispatcherLeases } from './storage/postgres/dispatcher-leases.js';
import { PgInstallationRepository } from './storage/postgres/installation-repository.js';
import { PgReminderRepository } from './storage/postgres/reminder-repository.js';
import { purgeFinishedShared } from './storage/postgres/retention.js';
import { PgSearchMissLog } from './storage/postgres/search-misses.js';
import { PgHandledEvents } from './storage/postgres/slack-events.js';
import { PgSubscriptionRepository } from './storage/postgres/subscription-repository.js';
import { SqliteReminderRepository } from './storage/reminder-repository.js';
import { type PurgeReport, purgeFinished } from './storage/retention.js';
import { SqliteSearchIndex } from './storage/search/search-index.js';
import { SqliteSearchMissLog } from './storage/search-misses.js';
import { type HandledEvents, SqliteHandledEvents } from './storage/slack-events.js';
import { SqliteSubscriptionRepository } from './storage/subscription-repository.js';
import { openWorkspaceArchives, type WorkspaceArchive } from './storage/workspace-archives.js';

/** Everything a door (Slack, console, CLI) needs, built in one place so tests can pass overrides. */
export interface AppContext {
  config: Config;
  db: Db;
  store: EventStore;
  /** Each calendar feed's last good copy, with its validators. */
  feedCopies: SqliteFeedCopies;
  clock: Clock;
  /** What the `/event` use-cases need, shared by every door. */
  commands: CommandDeps;
  /** OAuth installations, for the Slack door when it serves many workspaces. */
  installations: InstallationRepository;
  /** What changed lately in the archive (the App Home's "Recently added"). */
  feed: ArchiveFeed;
  /** Events API deliveries already handled, so Slack's retries of them are dropped (in the shared store when there is one). */
  handledEvents: HandledEvents;
  /** The archives some workspaces see instead of the default one (WORKSPACE_ARCHIVES), each with its own cache. */
  workspaceArchives: WorkspaceArchive[];
  /** The dispatcher's backlog and its claims, in whichever store holds the queues. */
  leases: DispatcherLeases;
  /** Deletes finished reminders, notices and cancelled subscriptions older than `beforeMs`, in the state store. */
  purgeFinished(beforeMs: number): Promise<PurgeReport> | PurgeReport;
  /** The shared PostgreSQL store when `DATABASE_URL` is set; its schema is migrated by {@link migrateSharedStore}. */
  pool?: PgPool;
  /** The archive's domains whose links unfurl (config UNFURL_DOMAINS). */
  unfurlDomains: readonly string[];
  /** Events added in Slack: their store (the state store) and this replica's index of them. */
  added: { store: AddedEventStore; mirror: AddedEventMirror };
  close(): void;
}

/**
 * Opens and migrates the database and builds the services; does not import the archive. With
 * `DATABASE_URL`, what people create (reminders, digests, notices, installations) lives in the shared
 * PostgreSQL store, and the SQLite file holds only this replica's copy of the archive and its index.
 */
export function createContext(config: Config, overrides: { clock?: Clock } = {}): AppContext {
  const db = openDatabase(config.databasePath);
  migrate(db);
  const store = new EventStore(db, config.timezone);
  const clock = overrides.clock ?? systemClock;
  const pool = config.databaseUrl ? openPostgres(config.databaseUrl) : undefined;
  const index = new SqliteSearchIndex(db, store);
  const workspaces = openWorkspaceArchives(
    config.workspaceArchives,
    config.databasePath,
    config.timezone,
    index,
  );
  const mirror = new SqliteAddedEventMirror(db, store);
  return {
    added: { store: pool ? new PgAddedEventStore(pool) : new SqliteAddedEventStore(db), mirror },
    config,
    db,
    store,
    feedCopies: new SqliteFeedCopies(db),
    clock,
    workspaceArchives: workspaces.archives,
    commands: {
      index,
      ...(workspaces.archives.length ? { indexFor: workspaces.indexFor } : {}),
      clock,
      zone: config.timezone,
      reminders: pool ? new PgReminderRepository(pool) : new SqliteReminderRepository(db),
      subscriptions: pool ? new PgSubscriptionRepository(pool) : new SqliteSubscriptionRepository(db),
      misses: pool ? new PgSearchMissLog(pool) : new SqliteSearchMissLog(db),
      audit: new SqliteArchiveAudit(db),
      missDays: config.searchMissDays,
      added: mirror,
      ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
    },
    installations: pool ? new PgInstallationRepository(pool) : new SqliteInstallationRepository(db),
    feed: new SqliteArchiveFeed(db),
    unfurlDomains: config.unfurlDomains,
    handledEvents: pool ? new PgHandledEvents(pool) : new SqliteHandledEvents(db),
    leases: pool ? new PgDispatcherLeases(pool) : new SqliteDispatcherLeases(db),
    purgeFinished: (beforeMs) => (pool ? purgeFinishedShared(pool, beforeMs) : purgeFinished(db, beforeMs)),
    ...(pool ? { pool } : {}),
    close: () => {
      db.close();
      workspaces.close();
      void pool?.end();
    },
  };
}

/** Applies the shared store's migrations (once, whichever replica starts first); nothing without one. */
export async function migrateSharedStore(context: AppContext): Promise<void> {
  if (context.pool) await migratePostgres(context.pool);
}

/** What an import did, with what reminders did after it and how each calendar feed was fetched. */
export type ContextImportSummary = ImportSummary & { reminders: ArchiveChangeReport; feeds: FeedReport[] };

/**
 * Imports archive files, folders and calendar feed URLs and lets reminders follow what changed:
 * re-timed with their event, or cancelled (and their owner told once) when it is gone. Every import
 * path goes through here.
 */
export async function importIntoContext(
  context: AppContext,
  paths: string[],
  options: Omit<FeedImportOptions, 'now' | 'defaultZone'> = {},
  into: { store?: EventStore; index?: SearchIndex; sees?: (workspace: Workspace) => boolean } = {},
): Promise<ContextImportSummary> {
  // The importer and its loaders are loaded when an import runs, not by every command that opens the database.
  const { importEntries } = await import('./archive/feeds/index.js');
  const summary = await importEntries(paths, into.store ?? context.store, context.feedCopies, {
    now: context.clock.now(),
    defaultZone: context.config.timezone,
    mapFile: context.config.archiveMap,
    ...options,
  });
  const reminders = options.dryRun
    ? { updated: 0, cancelled: 0, missed: 0, notified: 0 }
    : await applyArchiveChanges(summary, {
        ...context.commands,
        index: into.index ?? context.commands.index,
        ...(into.sees ? { sees: into.sees } : {}),
      });
  return { ...summary, reminders };
}

/**
 * Loads the configured archives, the default one and each workspace's own (WORKSPACE_ARCHIVES) into its
 * own cache; unchanged files are skipped by hash, so a restart costs little. Reminders follow only the
 * archive their workspace sees. The summary counts all of them.
 * Then checks each search index cheaply (a stored generation and two counts) and repairs it when it
 * does not match its events, as after a crash of an older version between an import and its refresh.
 */
export async function loadConfiguredArchive(
  context: AppContext,
  hooks: Pick<ImportOptions, 'onFile' | 'onEvents'> = {},
): Promise<ContextImportSummary & { indexRepair: IndexRepair }> {
  const { commands } = context;
  const seenBy = (index: SearchIndex) => (w: Workspace) =>
    (commands.indexFor?.(w) ?? commands.index) === index;
  const total = await importIntoContext(context, context.config.archivePaths, hooks, {
    store: context.store,
    sees: seenBy(commands.index),
  });
  for (const archive of context.workspaceArchives) {
    const one = await importIntoContext(context, archive.paths, hooks, {
      store: archive.store,
      index: archive.index,
      sees: seenBy(archive.index),
    });
    addSummary(total, one);
  }
  for (const archive of context.workspaceArchives) archive.store.repairIndex();
  return { ...total, indexRepair: context.store.repairIndex().repaired };
}

/** Adds one import's counts and problems to another's. */
function addSummary(total: ContextImportSummary, one: ContextImportSummary): void {
  for (const key of [
    'files',
    'skippedFiles',
    'added',
    'updated',
    'unchanged',
    'removed',
    'rejected',
    'skippedRecords',
  ] as const)
    total[key] += one[key];
  total.problems.push(...one.problems);
  total.warnings.push(...one.warnings);
  total.removedFiles.push(...one.removedFiles);
  total.changedIds.push(...one.changedIds);
  total.removedIds.push(...one.removedIds);
  total.feeds.push(...one.feeds);
  for (const key of ['updated', 'cancelled', 'missed', 'notified'] as const)
    total.reminders[key] += one.reminders[key];
}

/** What the start-up check of the search index did. */
export type IndexRepair = ReturnType<EventStore['repairIndex']>['repaired'];
