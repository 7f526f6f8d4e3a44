import { fileURLToPath } from 'node:url';
import { importArchive } from '../../src/archive/import-archive.js';
import type { AppContext } from '../../src/context.js';
import { parseQuery } from '../../src/core/search/query-parser.js';
import { searchEvents } from '../../src/core/search/search-events.js';
import { fixedClock, memoryContext } from './context.js';

/** The hand-written 120-event archive the relevance tests run against. */
export const RELEVANCE_ARCHIVE = fileURLToPath(
  new URL('../fixtures/relevance/archive.jsonl', import.meta.url),
);
/** The 119 real public events (see tests/fixtures/relevance-real/README.md) for the second relevance set. */
export const RELEVANCE_REAL_ARCHIVE = fileURLToPath(
  new URL('../fixtures/relevance-real/archive.jsonl', import.meta.url),
);
/** The date those tests call "now". */
export const RELEVANCE_NOW = '2026-11-29T12:00:00Z';

/** An in-memory context with a relevance archive (the hand-written one unless told) imported. */
export async function relevanceContext(zone = 'UTC', archive = RELEVANCE_ARCHIVE): Promise<AppContext> {
  const context = memoryContext({ EVENT_TIMEZONE: zone }, fixedClock(RELEVANCE_NOW));
  const summary = await importArchive([archive], context.store, {
    now: context.clock.now(),
    defaultZone: zone,
  });
  if (summary.rejected) throw new Error(`fixture rejected: ${JSON.stringify(summary.problems.slice(0, 3))}`);
  return context;
}

/** Ids of the top results for a query, as the `/event` search would rank them. */
export function topIds(context: AppContext, text: string, limit = 5): string[] {
  const now = context.clock.now();
  const query = parseQuery(text, now, context.config.timezone);
  return searchEvents(query, context.commands.index, { limit, nowMs: now.getTime() }).hits.map(
    (h) => h.event.id,
  );
}
