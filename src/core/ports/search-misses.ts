import type { Workspace } from '../reminders/model.js';
import type { Awaitable } from './delivery.js';

/** A query that found nothing, how often it was asked in the window, and when last. */
export interface MissedQuery {
  query: string;
  count: number;
  lastMs: number;
  /** The workspace it was asked in ('' in the single-workspace setup). */
  teamId: string;
}

/**
 * Searches that found nothing, kept as query text only (never who asked) with their workspace, for the
 * keepers' gaps report. User state: it lives in the state store (SQLite or PostgreSQL).
 */
export interface SearchMissLog {
  record(workspace: Workspace, query: string, nowMs: number): Awaitable<void>;
  /** The most asked missed queries since `sinceMs`, most frequent first; one workspace's, or every one's. */
  top(workspace: Workspace | undefined, sinceMs: number, limit: number): Awaitable<MissedQuery[]>;
  /** Deletes misses older than `beforeMs`; returns how many. */
  purge(beforeMs: number): Awaitable<number>;
}
