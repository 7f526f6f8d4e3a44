import { warmUpDateParsing } from '../src/core/search/date-phrases.js';
import { parseQuery } from '../src/core/search/query-parser.js';
import { searchEvents } from '../src/core/search/search-events.js';
import { migrate, openDatabase } from '../src/storage/database.js';
import { EventStore } from '../src/storage/event-repository.js';
import { SqliteSearchIndex } from '../src/storage/search/search-index.js';
import { BENCH_NOW, databaseFile, queriesFor } from './archive.js';
import { recallOf } from './recall.js';
import { percentile, rssMb, timed } from './stats.js';

/**
 * Child process: our search on a fresh process, so cold start and RSS are honest. Prints one JSON
 * object: open time, first-query time, latency percentiles, recall by kind, RSS after loading.
 */
const size = Number(process.argv[2]);
const perKind = Number(process.argv[3]);
const queries = queriesFor(size, perKind);
const boot = timed(() => {
  const db = openDatabase(databaseFile(size));
  migrate(db);
  return new SqliteSearchIndex(db, new EventStore(db, 'UTC'));
});
const index = boot.value;
const search = (text: string) =>
  searchEvents(parseQuery(text, BENCH_NOW, 'UTC'), index, { limit: 5, nowMs: BENCH_NOW.getTime() }).hits.map(
    (h) => h.event.id,
  );
const first = timed(() => search('peacekeepng mali'));
// As main.ts and each command worker do at start.
warmUpDateParsing();
const rss = rssMb();
for (const q of queries.slice(0, 20)) search(q.query);
const latencies: number[] = [];
const results = queries.map((q) => {
  const t = timed(() => search(q.query));
  latencies.push(t.ms);
  return t.value;
});
process.stdout.write(
  JSON.stringify({
    openMs: boot.ms,
    firstQueryMs: first.ms,
    rssMb: rss,
    rssAfterQueriesMb: rssMb(),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    queries: queries.length,
    recall: recallOf(queries, results),
    results,
  }),
);
