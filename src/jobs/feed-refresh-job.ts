import { type FeedReport, feedName } from '../archive/feeds/index.js';
import { formatProblem } from '../archive/types.js';
import type { ContextImportSummary } from '../context.js';
import type { JobLogger } from './delivery.js';

/** Longest a failing feed waits between attempts, however often it failed. */
export const MAX_FEED_BACKOFF_MS = 6 * 60 * 60_000;

/**
 * Ticks a failing feed sits out before its next attempt: 1, 3, 7 … (the wait doubles with each failure
 * in a row) up to {@link MAX_FEED_BACKOFF_MS}, and never less than the server's Retry-After asks.
 */
export function ticksToSkip(failures: number, intervalMs: number, retryAfterMs = 0): number {
  if (failures <= 0) return 0;
  const cap = Math.max(0, Math.floor(MAX_FEED_BACKOFF_MS / intervalMs) - 1);
  const doubling = Math.min(2 ** Math.min(failures, 30) - 1, cap);
  return Math.max(doubling, Math.ceil(retryAfterMs / intervalMs) - 1);
}

export interface FeedRefreshJob {
  /** One refresh of every feed not backing off; the timer calls it, tests call it directly. */
  tick(): Promise<void>;
  stop(): void;
}

/**
 * Refreshes the archive's calendar feeds every `intervalMs` (FEED_REFRESH_MS): an unchanged feed costs
 * a 304, a changed one is imported and reminders follow it. A feed that fails backs off (see
 * {@link ticksToSkip}) while its last good copy keeps serving; an import that finds the database busy
 * is logged and tried at the next tick. Ticks never overlap.
 */
export function startFeedRefreshJob(options: {
  feeds: string[];
  intervalMs: number;
  refresh: (feeds: string[]) => Promise<ContextImportSummary>;
  logger: JobLogger;
  /** Off in tests that drive `tick` themselves. */
  timer?: boolean;
}): FeedRefreshJob {
  // Keyed by the name reports carry (the URL as parsed, a password hidden), holding the entry as configured.
  const state = new Map(options.feeds.map((entry) => [feedName(entry), { entry, failures: 0, skip: 0 }]));
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const due = [...state.values()].filter((s) => s.skip-- <= 0).map((s) => s.entry);
      if (!due.length) return;
      const summary = await options.refresh(due);
      for (const report of summary.feeds) settle(report);
      log(summary, options.logger);
    } catch (error) {
      options.logger.warn('refreshing calendar feeds failed; trying again at the next refresh:', error);
    } finally {
      running = false;
    }
  };
  const settle = (report: FeedReport) => {
    const s = state.get(report.name);
    if (!s) return;
    const failed = report.outcome === 'failed' || report.outcome === 'refused';
    s.failures = failed ? s.failures + 1 : 0;
    s.skip = ticksToSkip(s.failures, options.intervalMs, report.retryAfterMs);
    if (failed && s.skip > 0) {
      options.logger.warn(
        `${report.name}: failed ${s.failures} time(s) in a row; next attempt in ${Math.round(((s.skip + 1) * options.intervalMs) / 60_000)} min`,
      );
    }
  };
  const timer = options.timer === false ? undefined : setInterval(() => void tick(), options.intervalMs);
  timer?.unref();
  return { tick, stop: () => clearInterval(timer) };
}

function log(summary: ContextImportSummary, logger: JobLogger): void {
  for (const p of summary.problems) logger.warn(formatProblem(p));
  for (const p of summary.warnings) logger.warn(`warning: ${formatProblem(p)}`);
  if (summary.added + summary.updated + summary.removed > 0) {
    const r = summary.reminders;
    logger.info(
      `calendar feeds refreshed: ${summary.added} added, ${summary.updated} updated, ${summary.removed} removed; reminders: ${r.updated} re-timed, ${r.cancelled} cancelled`,
    );
  }
}
