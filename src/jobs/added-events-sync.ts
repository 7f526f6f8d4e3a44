import type { AddedEventMirror, AddedEventStore } from '../core/ports/added-events.js';
import type { JobLogger } from './delivery.js';

/** How often a replica looks for events added in Slack on another replica (with PostgreSQL). */
const ADDED_SYNC_MS = 10_000;

/**
 * Keeps this replica's index in step with the Slack-added events of the state store: mirrors them at
 * start, then whenever the store's version changes (an event added or edited on any replica). A sync
 * that fails (the index busy with an import) is logged and tried at the next turn. Returns a stop function.
 */
export function startAddedEventsSync(options: {
  store: AddedEventStore;
  mirror: AddedEventMirror;
  logger: JobLogger;
  everyMs?: number;
}): { stop: () => void; sync: () => Promise<void> } {
  let seen: string | undefined;
  let running = false;
  const sync = async () => {
    if (running) return;
    running = true;
    try {
      const version = await options.store.version();
      if (version === seen) return;
      options.mirror.mirror(await options.store.all());
      seen = version;
    } catch (error) {
      options.logger.warn('refreshing the events added in Slack failed; trying again later:', error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sync(), options.everyMs ?? ADDED_SYNC_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), sync };
}
