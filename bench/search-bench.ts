import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateQueries, type LabelledQuery } from '../scripts/lib/generate-events.js';
import { importArchive } from '../src/archive/import-archive.js';
import { parseQuery } from '../src/core/search/query-parser.js';
import { searchEvents } from '../src/core/search/search-events.js';
import { migrate, openDatabase } from '../src/storage/database.js';
import { EventStore } from '../src/storage/event-repository.js';
import { SqliteSearchIndex } from '../src/storage/search-index.js';
import { archiveFile, BENCH_NOW, BENCH_SEED, OUT_DIR } from './archive.js';
import { naivePeer } from './naive-peer.js';
import { percentile, rssMb, timed } from './stats.js';

export interface Recall {
  top1: number;
  top5: number;
  n: number;
}

export interface SizeResult {
  size: number;
  importMs: number;
  eventsPerSecond: number;
  dbMb: number;
  coldOpenMs: number;
  firstQueryMs: number;
  rssMb: number;
  ours: { p50: number; p99: number; max: number; queries: number; recall: Record<string, Recall> };
  peer?: {
    p50: number;
    p99: number;
    queries: number;
    recall: Record<string, Recall>;
    oursOnSample?: Record<string, Recall>;
    rssMb: number;
  };
}

/** Imports a generated archive of `size` events and measures import, cold start, latency and recall. */
export function benchSize(size: number, options: { perKind: number; peerQueries: number }): SizeResult {
  const file = archiveFile(size);
  const dbPath = join(OUT_DIR, `bench-${size}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  let db = openDatabase(dbPath);
  migrate(db);
  let store = new EventStore(db, 'UTC');
  const imported = timed(() => importArchive([file], store, { now: BENCH_NOW, defaultZone: 'UTC' }));
  if (imported.value.rejected)
    throw new Error(`generated archive rejected: ${JSON.stringify(imported.value.problems[0])}`);
  db.close();

  const cold = timed(() => {
    db = openDatabase(dbPath);
    migrate(db);
    store = new EventStore(db, 'UTC');
    return new SqliteSearchIndex(db, store);
  });
  const index = cold.value;
  const search = (q: string) =>
    searchEvents(parseQuery(q, BENCH_NOW, 'UTC'), index, { limit: 5, nowMs: BENCH_NOW.getTime() }).hits.map(
      (h) => h.event.id,
    );
  const first = timed(() => search('peacekeepng mali'));
  const rss = rssMb();

  const ids = index.browse({}, 'asc', size, 0);
  const events = index.events(ids);
  const queries = generateQueries(events, { seed: BENCH_SEED, perKind: options.perKind });
  const latencies: number[] = [];
  const oursRecall = recallOf(queries, (q) => {
    const t = timed(() => search(q));
    latencies.push(t.ms);
    return t.value;
  });

  let peer: SizeResult['peer'];
  if (options.peerQueries > 0) {
    const before = rssMb();
    const peerSearch = naivePeer(events);
    const sample = sampleByKind(queries, options.peerQueries);
    const peerLatencies: number[] = [];
    const peerRecall = recallOf(sample, (q) => {
      const t = timed(() => peerSearch(q, 5));
      peerLatencies.push(t.ms);
      return t.value;
    });
    peer = {
      p50: percentile(peerLatencies, 50),
      p99: percentile(peerLatencies, 99),
      queries: sample.length,
      recall: peerRecall,
      rssMb: rssMb() - before,
    };
    // Our recall on exactly the peer's sample, so the two are compared on the same queries.
    peer.oursOnSample = recallOf(sample, search);
  }
  db.close();
  return {
    size,
    importMs: imported.ms,
    eventsPerSecond: size / (imported.ms / 1000),
    dbMb: statMb(dbPath),
    coldOpenMs: cold.ms,
    firstQueryMs: first.ms,
    rssMb: rss,
    ours: {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      queries: queries.length,
      recall: oursRecall,
    },
    peer,
  };
}

/** Top-1 and top-5 recall by kind; for "none", top1 is the share answered with no results. */
function recallOf(queries: LabelledQuery[], run: (q: string) => string[]): Record<string, Recall> {
  const by: Record<string, Recall> = {};
  for (const q of queries) {
    const ids = run(q.query);
    for (const key of [q.kind, '__all']) {
      by[key] ??= { top1: 0, top5: 0, n: 0 };
      const r = by[key];
      r.n++;
      if (q.kind === 'none') {
        r.top1 += ids.length === 0 ? 1 : 0;
        r.top5 += ids.length === 0 ? 1 : 0;
      } else {
        r.top1 += ids[0] === q.expectedId ? 1 : 0;
        r.top5 += ids.slice(0, 5).includes(q.expectedId!) ? 1 : 0;
      }
    }
  }
  return by;
}

function sampleByKind(queries: LabelledQuery[], perKind: number): LabelledQuery[] {
  const seen = new Map<string, number>();
  return queries.filter((q) => {
    const n = seen.get(q.kind) ?? 0;
    seen.set(q.kind, n + 1);
    return n < perKind;
  });
}

function statMb(path: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(path + suffix).size;
    } catch {
      // No WAL file left after a clean close.
    }
  }
  return total / 1048576;
}
