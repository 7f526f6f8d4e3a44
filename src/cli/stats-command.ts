import type { AppContext } from '../context.js';
import type { CliIo } from './io.js';

/** `event-bot stats`: counts, date range, types and the files they came from. */
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
  if (s.files.length) io.out('files:');
  for (const f of s.files) io.out(`  ${String(f.events).padStart(7)}  ${f.path}`);
  return 0;
}
