import type { AppContext } from '../context.js';
import type { IndexHealth } from '../storage/search/index-writer.js';
import type { CliIo } from './io.js';

/** One line a health check reads as: what agrees, and what does not. */
function healthLine(h: IndexHealth): string {
  const problems = [
    h.missing ? `${h.missing} event row(s) missing from the search index` : '',
    h.orphans ? `${h.orphans} search index row(s) with no event` : '',
    h.indexed.all !== h.events || h.indexed.short !== h.events
      ? `index rows ${h.indexed.all} / ${h.indexed.short} for ${h.events} events`
      : '',
    h.derivedCurrent ? '' : 'vocabulary and theme counts older than the events',
  ].filter(Boolean);
  return problems.length
    ? `search index: ${problems.join('; ')}`
    : `search index: ${h.events} events, all indexed, vocabulary and theme counts current`;
}

/**
 * `event-bot doctor [--dry-run] [--full]`: checks the search index against the stored events row by
 * row and repairs what disagrees (the derived tables, or both full-text indexes rebuilt from the
 * events). Exit 0 when the database is, or now is, consistent; 1 when `--dry-run` found a problem.
 */
export function runDoctor(context: AppContext, io: CliIo, { dryRun = false, full = false } = {}): number {
  const before = context.store.indexHealth(true);
  io.out(healthLine(before));
  if (dryRun) return before.ok ? 0 : 1;
  if (before.ok && !full) return 0;
  const result = context.store.repairIndex(full);
  const after = context.store.indexHealth(true);
  io.out(
    result.repaired === 'reindexed'
      ? `repaired: both full-text indexes rebuilt from ${after.events} events, then the vocabulary and theme counts`
      : 'repaired: vocabulary and theme counts rebuilt',
  );
  io.out(healthLine(after));
  return after.ok ? 0 : 1;
}
