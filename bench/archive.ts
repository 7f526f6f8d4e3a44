import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { generateQueries, iterateEvents, type LabelledQuery } from '../scripts/lib/generate-events.js';
import { importArchive } from '../src/archive/import-archive.js';
import { migrate, openDatabase } from '../src/storage/database.js';
import { EventStore } from '../src/storage/event-repository.js';
import { SqliteSearchIndex } from '../src/storage/search/search-index.js';
import { timedAsync } from './stats.js';

export const OUT_DIR = join(import.meta.dirname, 'out');
export const BENCH_NOW = new Date('2026-11-29T12:00:00Z');
export const BENCH_SEED = 42;

/** Events per generated file: a file stays well under the importer's 512 MB limit (about 300 MB here). */
export const EVENTS_PER_FILE = 100_000;

/**
 * A generated JSON Lines archive of `count` events, written once and reused by later runs: one file
 * up to {@link EVENTS_PER_FILE} events, else a folder of such files (1M events are about 3 GB).
 */
export function archiveFile(count: number): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const single = count <= EVENTS_PER_FILE;
  const path = join(OUT_DIR, single ? `archive-${count}.jsonl` : `archive-${count}`);
  if (existsSync(path)) return path;
  const partial = `${path}.partial`;
  rmSync(partial, { recursive: true, force: true });
  if (!single) mkdirSync(partial);
  let fd = -1;
  let lines: string[] = [];
  const flush = () => {
    if (lines.length) writeSync(fd, `${lines.join('\n')}\n`);
    lines = [];
  };
  let i = 0;
  for (const event of iterateEvents(count, { seed: BENCH_SEED, now: BENCH_NOW })) {
    if (i % EVENTS_PER_FILE === 0) {
      if (fd >= 0) {
        flush();
        closeSync(fd);
      }
      const part = String(i / EVENTS_PER_FILE).padStart(2, '0');
      fd = openSync(single ? partial : join(partial, `part-${part}.jsonl`), 'w');
    }
    lines.push(JSON.stringify(event));
    if (lines.length >= 1000) flush();
    i++;
  }
  flush();
  closeSync(fd);
  renameSync(partial, path);
  return path;
}

export function databaseFile(count: number): string {
  return join(OUT_DIR, `bench-${count}.db`);
}

/** What one fresh import cost: wall and CPU time, the machine's load meanwhile, the file it made. */
export interface ImportFigures {
  ms: number;
  cpuMs: number;
  eventsPerSecond: number;
  eventsPerCpuSecond: number;
  /** One-minute load average when the import ended: how many other jobs shared the cores. */
  load: number;
  dbMb: number;
  /** An import of the same, unchanged archive right after. */
  unchangedMs: number;
  /** MB by table and index (SQLite's dbstat), largest first. */
  tables: { name: string; mb: number }[];
}

/** Imports the generated archive into a fresh database file and measures it, then imports it again unchanged. */
export async function importFresh(count: number): Promise<ImportFigures> {
  const file = archiveFile(count);
  const path = databaseFile(count);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = openDatabase(path);
  migrate(db);
  const store = new EventStore(db, 'UTC');
  const cpu = process.cpuUsage();
  const result = await timedAsync(() => importArchive([file], store, { now: BENCH_NOW, defaultZone: 'UTC' }));
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  if (result.value.rejected)
    throw new Error(`generated archive rejected: ${JSON.stringify(result.value.problems[0])}`);
  const again = await timedAsync(() => importArchive([file], store, { now: BENCH_NOW, defaultZone: 'UTC' }));
  db.pragma('wal_checkpoint(TRUNCATE)');
  const tables = db
    .prepare<[], { name: string; bytes: number }>(
      'SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC',
    )
    .all()
    .map((t) => ({ name: t.name, mb: t.bytes / 1048576 }));
  db.close();
  return {
    ms: result.ms,
    cpuMs,
    eventsPerSecond: count / (result.ms / 1000),
    eventsPerCpuSecond: count / (cpuMs / 1000),
    load: loadavg()[0],
    dbMb: statSync(path).size / 1048576,
    unchangedMs: again.ms,
    tables,
  };
}

/** The labelled queries for an archive size, generated once from the imported events and cached. */
export function queriesFor(count: number, perKind: number): LabelledQuery[] {
  const path = join(OUT_DIR, `queries-${count}-${perKind}.json`);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
  const db = openDatabase(databaseFile(count));
  const index = new SqliteSearchIndex(db, new EventStore(db, 'UTC'));
  // Past 100k events, queries are made from every tenth event: a million events in memory at once
  // would not fit, and latency (not recall) is what is measured there.
  const step = Math.max(1, Math.floor(count / EVENTS_PER_FILE));
  const events = index.events(index.browse({}, 'asc', count, 0).filter((_, i) => i % step === 0));
  const queries = generateQueries(events, { seed: BENCH_SEED, perKind });
  db.close();
  writeFileSync(path, JSON.stringify(queries));
  return queries;
}
