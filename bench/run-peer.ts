import { migrate, openDatabase } from '../src/storage/database.js';
import { EventStore } from '../src/storage/event-repository.js';
import { SqliteSearchIndex } from '../src/storage/search/search-index.js';
import { databaseFile, queriesFor } from './archive.js';
import { naivePeer } from './naive-peer.js';
import { recallOf, sampleByKind } from './recall.js';
import { percentile, rssMb, timed } from './stats.js';

/** Child process: the naive all-fields Fuse peer on a sample of the same queries. Prints one JSON object. */
const size = Number(process.argv[2]);
const perKind = Number(process.argv[3]);
const samplePerKind = Number(process.argv[4]);
const sample = sampleByKind(queriesFor(size, perKind), samplePerKind);
const db = openDatabase(databaseFile(size));
migrate(db);
const index = new SqliteSearchIndex(db, new EventStore(db, 'UTC'));
const before = rssMb();
const build = timed(() => naivePeer(index.events(index.browse({}, 'asc', size, 0))));
const rss = rssMb();
const latencies: number[] = [];
const results = sample.map((q) => {
  const t = timed(() => build.value(q.query, 5));
  latencies.push(t.ms);
  return t.value;
});
process.stdout.write(
  JSON.stringify({
    buildMs: build.ms,
    rssMb: rss,
    loadedMb: rss - before,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    queries: sample.length,
    recall: recallOf(sample, results),
    sample: sample.map((q) => q.query),
  }),
);
