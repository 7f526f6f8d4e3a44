import { isUrlEntry } from '../archive/feeds/feed-url.js';
import type { AppContext } from '../context.js';
import type { CliIo } from './io.js';

/** `event-bot stats`: counts, date range, types, and how many events each source (file, feed or page URL) gave. */
export function runStats(context: AppContext, io: CliIo): number {
  const s = context.store.stats();
  io.out(
    `${s.events} events, ${s.themes} themes${s.first ? `, from ${s.first.slice(0, 10)} to ${s.last?.slice(0, 10)}` : ''}`,
  );
  if (s.samples.occurrences) {
    io.out(
      `  of which ${s.samples.occurrences} are occurrences of ${s.samples.series} [Sample] series (tagged "sample")`,
    );
  }
  for (const t of s.types) io.out(`  ${String(t.count).padStart(7)}  ${t.type}`);
  const sources = context.store.eventSources();
  if (sources.length) io.out('sources (events per file, feed or page):');
  for (const { source, events } of sources) {
    const kind = source === undefined ? '' : isUrlEntry(source) ? 'url ' : 'file';
    io.out(`  ${String(events).padStart(7)}  ${kind.padEnd(4)}  ${source ?? '(no source recorded)'}`);
  }
  return 0;
}
