import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateQueries, iterateEvents, type LabelledQuery } from '../scripts/lib/generate-events.js';
import { importArchive } from '../src/archive/import-archive.js';
import { migrate, openDatabase } from '../src/storage/database.js';
import { EventStore } from '../src/storage/event-repository.js';
import { SqliteSearchIndex } from '../src/storage/search/search-index.js';
import { timed } from './stats.js';

export const OUT_DIR = join(import.meta.dirname, 'out');
export const BENCH_NOW = new Date('2026-11-29T12:00:00Z');
export const BENCH_SEED = 42;

/** A generated JSON Lines archive of `count` events, written once and reused by later runs. */
export function archiveFile(count: number): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, `archive-${count}.jsonl`);
  if (!existsSync(path)) {
    const lines: string[] = [];
    for (const event of iterateEvents(count, { seed: BENCH_SEED, now: BENCH_NOW }))
      lines.push(JSON.stringify(event));
    writeFileSync(path, `${lines.join('\n')}\n`);
  }
  return path;
}

export function databaseFile(count: number): string {
  return join(OUT_DIR, `bench-${count}.db`);
}

/** Imports the generated archive into a fresh database file and measures it. */
export function importFresh(count: number): { ms: number; eventsPerSecond: number; dbMb: number } {
  const file = archiveFile(count);
  const path = databaseFile(count);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = openDatabase(path);
  migrate(db);
  const store = new EventStore(db, 'UTC');
  const result = timed(() => importArchive([file], store, { now: BENCH_NOW, defaultZone: 'UTC' }));
  if (result.value.rejected)
    throw new Error(`generated archive rejected: ${JSON.stringify(result.value.problems[0])}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { ms: result.ms, eventsPerSecond: count / (result.ms / 1000), dbMb: statSync(path).size / 1048576 };
}

/** The labelled queries for an archive size, generated once from the imported events and cached. */
export function queriesFor(count: number, perKind: number): LabelledQuery[] {
  const path = join(OUT_DIR, `queries-${count}-${perKind}.json`);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
  const db = openDatabase(databaseFile(count));
  const index = new SqliteSearchIndex(db, new EventStore(db, 'UTC'));
  const events = index.events(index.browse({}, 'asc', count, 0));
  const queries = generateQueries(events, { seed: BENCH_SEED, perKind });
  db.close();
  writeFileSync(path, JSON.stringify(queries));
  return queries;
}
