import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iterateEvents } from '../../scripts/lib/generate-events.js';
import { type Event, parseEvent } from '../../src/core/model.js';
import { migrate, openDatabase } from '../../src/storage/database.js';
import { EventStore } from '../../src/storage/event-repository.js';
import { EventPreparer, PREPARE_IN_WORKER_AT } from '../../src/storage/prepare-pipeline.js';

const NOW = new Date('2026-11-29T12:00:00Z');
/** Enough for the worker: eleven chunks of 500. */
const COUNT = PREPARE_IN_WORKER_AT + 500;

const events: Event[] = [...iterateEvents(COUNT, { seed: 11, now: NOW })].map((record, i) => {
  const parsed = parseEvent(record);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return { ...parsed.event, source: { file: 'archive.jsonl', line: i + 1 } };
});
/** An event whose id no other event has, to be dropped from the second write. */
const dropped = events.findIndex((e, i) => i > 5 && events.filter((o) => o.id === e.id).length === 1);
/** The same archive with a tenth of the events edited, one moved in time, and one gone. */
const edited = events
  .filter((_, i) => i !== dropped)
  .map((e, i) =>
    i % 10 === 0 ? { ...e, summary: `${e.summary} Revised.` } : i === 3 ? { ...e, start: '1999-01-01' } : e,
  );

/**
 * Everything an import writes but the times it was written, as a digest per table (a deep comparison of
 * 5,500 rows with their blobs takes vitest most of a minute); a difference names the table.
 */
function contents(db: ReturnType<typeof openDatabase>) {
  const digest = (sql: string) => {
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of db.prepare(sql).raw().iterate() as Iterable<unknown[]>) {
      rows++;
      hash.update(
        JSON.stringify(row, (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)),
      );
    }
    return `${rows} rows ${hash.digest('hex').slice(0, 16)}`;
  };
  const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('events') as string[])
    .filter((c) => c !== 'updated_ms')
    .join(', ');
  return {
    events: digest(`SELECT ${columns} FROM events ORDER BY seq`),
    fts: digest('SELECT * FROM events_fts_data ORDER BY id'),
    short: digest('SELECT * FROM short_fts_data ORDER BY id'),
    vocab: digest('SELECT * FROM vocab ORDER BY term'),
    themes: digest('SELECT * FROM theme_counts ORDER BY title'),
    dictionaries: digest('SELECT * FROM text_dictionaries ORDER BY id'),
  };
}

function importTwice(preparer: EventPreparer) {
  const db = openDatabase(':memory:');
  migrate(db);
  const store = new EventStore(db, 'UTC', undefined, preparer);
  store.replaceFileEvents('archive.jsonl', 'h1', events, { nowMs: NOW.getTime() });
  const first = contents(db);
  // The second write compares with stored digests: the worker packs only what changed.
  const outcome = store.replaceFileEvents('archive.jsonl', 'h2', edited, { nowMs: NOW.getTime() });
  return { first, second: contents(db), outcome };
}

const reference = importTwice(new EventPreparer({ useWorker: false }));

describe('EventPreparer (a bulk write prepared on a worker thread)', () => {
  it('writes exactly what the importing thread alone writes, with most chunks from the worker', () => {
    const preparer = new EventPreparer();
    expect(preparer.awaitReady(60_000)).toBe(true);
    const result = importTwice(preparer);
    expect(preparer.chunks.worker).toBeGreaterThan(0);
    expect(result.first).toEqual(reference.first);
    expect(result.second).toEqual(reference.second);
    expect(result.outcome.updated.length).toBe(reference.outcome.updated.length);
    expect(result.outcome.updated.length).toBeGreaterThan(500);
    expect(result.outcome.removed).toEqual([events[dropped].id]);
  });

  it('prepares on the importing thread, with the same rows, when the worker fails its chunks', () => {
    const warnings: string[] = [];
    const preparer = new EventPreparer({
      entry: new URL('../helpers/prepare-worker-erring.ts', import.meta.url),
      warn: (m) => warnings.push(m),
    });
    expect(preparer.awaitReady(60_000)).toBe(true);
    const result = importTwice(preparer);
    expect(result.second).toEqual(reference.second);
    expect(preparer.chunks.worker).toBe(0);
    expect(warnings).toEqual([
      'import: the prepare worker failed (disk on fire); events are prepared on the importing thread instead',
    ]);
  });

  it('gives up waiting on a worker that stops answering, and finishes the write itself', () => {
    const warnings: string[] = [];
    const preparer = new EventPreparer({
      entry: new URL('../helpers/prepare-worker-silent.ts', import.meta.url),
      warn: (m) => warnings.push(m),
      waitMs: 200,
    });
    expect(preparer.awaitReady(60_000)).toBe(true);
    const result = importTwice(preparer);
    expect(result.second).toEqual(reference.second);
    expect(warnings).toEqual([
      'import: the prepare worker failed (no answer in 200 ms); events are prepared on the importing thread instead',
    ]);
  });
});
