import type { Awaitable } from '../core/ports/delivery.js';
import type { Clock } from '../core/time.js';
import type { JobLogger } from './delivery.js';

/** How often finished rows (and old missed searches) are purged while the bot runs. */
const PURGE_EVERY_MS = 6 * 60 * 60_000;

/**
 * Purges finished reminders, notices and cancelled subscriptions older than the retention, at start
 * and every {@link PURGE_EVERY_MS}. A purge that fails (the database is busy with an import) is
 * logged and simply tried at the next turn. Returns a stop function.
 */
export function startRetentionJob(options: {
  /** The state store's purge (SQLite, or the shared PostgreSQL store). */
  purge: (beforeMs: number) => Awaitable<{ reminders: number; notices: number; subscriptions: number }>;
  retentionDays: number;
  clock: Clock;
  logger: JobLogger;
  everyMs?: number;
  /** Searches that found nothing are deleted after their own, usually shorter, retention. */
  misses?: { purge: (beforeMs: number) => Awaitable<number>; days: number };
}): () => void {
  const { misses } = options;
  const purgeMisses = async () => {
    if (!misses) return;
    try {
      const n = await misses.purge(options.clock.now().getTime() - misses.days * 24 * 60 * 60_000);
      if (n > 0) options.logger.info(`purged ${n} missed searches older than ${misses.days} days`);
    } catch (error) {
      options.logger.warn('purging missed searches failed; trying again later:', error);
    }
  };
  const run = async () => {
    void purgeMisses();
    try {
      const beforeMs = options.clock.now().getTime() - options.retentionDays * 24 * 60 * 60_000;
      const purged = await options.purge(beforeMs);
      const total = purged.reminders + purged.notices + purged.subscriptions;
      if (total > 0) {
        options.logger.info(
          `purged ${purged.reminders} reminders, ${purged.notices} notices and ${purged.subscriptions} subscriptions finished over ${options.retentionDays} days ago`,
        );
      }
    } catch (error) {
      options.logger.warn('purging finished reminders failed; trying again later:', error);
    }
  };
  void run();
  const timer = setInterval(() => void run(), options.everyMs ?? PURGE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
