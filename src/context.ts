import { type ImportOptions, type ImportSummary, importArchive } from './archive/import-archive.js';
import type { Config } from './config.js';
import type { CommandDeps } from './core/commands/deps.js';
import type { ArchiveFeed } from './core/ports/archive-feed.js';
import { type ArchiveChangeReport, applyArchiveChanges } from './core/reminders/apply-archive-changes.js';
import { type Clock, systemClock } from './core/time.js';
import { SqliteArchiveFeed } from './storage/archive-feed.js';
import { type Db, migrate, openDatabase } from './storage/database.js';
import { EventStore } from './storage/event-repository.js';
import {
  type InstallationRepository,
  SqliteInstallationRepository,
} from './storage/installation-repository.js';
import { SqliteReminderRepository } from './storage/reminder-repository.js';
import { SqliteSearchIndex } from './storage/search/search-index.js';
import { SqliteSubscriptionRepository } from './storage/subscription-repository.js';

/** Everything a door (Slack, console, CLI) needs, built in one place so tests can pass overrides. */
export interface AppContext {
  config: Config;
  db: Db;
  store: EventStore;
  clock: Clock;
  /** What the `/event` use-cases need, shared by every door. */
  commands: CommandDeps;
  /** OAuth installations, for the Slack door when it serves many workspaces. */
  installations: InstallationRepository;
  /** What changed lately in the archive (the App Home's "Recently added"). */
  feed: ArchiveFeed;
  close(): void;
}

/** Opens and migrates the database and builds the services; does not import the archive. */
export function createContext(config: Config, overrides: { clock?: Clock } = {}): AppContext {
  const db = openDatabase(config.databasePath);
  migrate(db);
  const store = new EventStore(db, config.timezone);
  const clock = overrides.clock ?? systemClock;
  return {
    config,
    db,
    store,
    clock,
    commands: {
      index: new SqliteSearchIndex(db, store),
      clock,
      zone: config.timezone,
      reminders: new SqliteReminderRepository(db),
      subscriptions: new SqliteSubscriptionRepository(db),
    },
    installations: new SqliteInstallationRepository(db),
    feed: new SqliteArchiveFeed(db),
    close: () => db.close(),
  };
}

/**
 * Imports archive files and lets reminders follow what changed: re-timed with their event, or
 * cancelled (and their owner told once) when it is gone. Every import path goes through here.
 */
export async function importIntoContext(
  context: AppContext,
  paths: string[],
  options: Omit<ImportOptions, 'now' | 'defaultZone'> = {},
): Promise<ImportSummary & { reminders: ArchiveChangeReport }> {
  const summary = importArchive(paths, context.store, {
    now: context.clock.now(),
    defaultZone: context.config.timezone,
    ...options,
  });
  const reminders = options.dryRun
    ? { updated: 0, cancelled: 0, missed: 0, notified: 0 }
    : await applyArchiveChanges(summary, context.commands);
  return { ...summary, reminders };
}

/** Loads the configured archive; unchanged files are skipped by hash, so a restart costs little. */
export function loadConfiguredArchive(
  context: AppContext,
  hooks: Pick<ImportOptions, 'onFile' | 'onEvents'> = {},
): Promise<ImportSummary & { reminders: ArchiveChangeReport }> {
  return importIntoContext(context, context.config.archivePaths, hooks);
}
