import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadJsonLines } from '../../src/archive/json-loader.js';
import { type Event, eventKey } from '../../src/core/model.js';
import { eventTimeToMillis } from '../../src/core/time.js';
import { type Db, migrate, openDatabase, readMigrations } from '../../src/storage/database.js';
import { EventStore, eventContentHash } from '../../src/storage/event-repository.js';
import { SearchIndexWriter } from '../../src/storage/search/index-writer.js';
import { SqliteSearchIndex } from '../../src/storage/search/search-index.js';
import { tempDir } from '../helpers/temp.js';

const FILE = 'tests/fixtures/relevance-real/archive.jsonl';

function realEvents(): Event[] {
  const result = loadJsonLines(readFileSync(FILE, 'utf8'), FILE);
  expect(result.problems).toEqual([]);
  return result.events;
}

/** Writes events as the store wrote them at schema version 16: every text in plain columns. */
function writeAt016(db: Db, events: Event[]): void {
  const insert = db.prepare(
    `INSERT INTO events (seq, id, key, title, type, start, start_ms, end_value, end_ms, timezone, location, url,
       summary, body, tags, series, status, source_file, source_line, content_hash, updated_ms)
     VALUES (@seq, @id, @key, @title, @type, @start, @startMs, @end, @endMs, @timezone, @location, @url,
       @summary, @body, @tags, @series, @status, @file, @line, @hash, 1)`,
  );
  const theme = db.prepare('INSERT INTO themes (event_seq, position, title, summary) VALUES (?, ?, ?, ?)');
  const person = db.prepare(
    'INSERT INTO people (event_seq, kind, position, name, role) VALUES (?, ?, ?, ?, ?)',
  );
  const search = new SearchIndexWriter(db);
  db.transaction(() => {
    events.forEach((e, i) => {
      const seq = (i + 1) * 4096;
      insert.run({
        seq,
        id: e.id,
        key: eventKey(e.id),
        title: e.title,
        type: e.type,
        start: e.start,
        startMs: eventTimeToMillis(e.start, e.timezone, 'UTC'),
        end: e.end ?? null,
        endMs: e.end ? eventTimeToMillis(e.end, e.timezone, 'UTC') : null,
        timezone: e.timezone ?? null,
        location: e.location ?? null,
        url: e.url ?? null,
        summary: e.summary,
        body: e.body,
        tags: JSON.stringify(e.tags),
        series: e.series ?? null,
        status: e.status ?? null,
        file: e.source?.file ?? null,
        line: e.source?.line ?? null,
        hash: eventContentHash(e),
      });
      for (const [j, t] of e.themes.entries()) theme.run(seq, j + 1, t.title, t.summary);
      for (const [j, h] of e.hosts.entries()) person.run(seq, 'host', j + 1, h, null);
      for (const [j, s] of e.speakers.entries()) person.run(seq, 'speaker', j + 1, s.name, s.role ?? null);
      search.index(seq, e);
    });
    search.finish();
  })();
}

function databaseAt016(path: string, events: Event[]): Db {
  const db = openDatabase(path);
  migrate(
    db,
    readMigrations().filter((m) => m.version <= 16),
  );
  writeAt016(db, events);
  return db;
}

/** A file at version 16 made before 16 KB pages (4 KB ones, in WAL mode), so an upgrade wants a VACUUM. */
function databaseAt016In4kPages(path: string, events: Event[]) {
  const old = databaseAt016(path, events);
  old.pragma('journal_mode = DELETE');
  old.pragma('page_size = 4096');
  old.exec('VACUUM');
  old.pragma('journal_mode = WAL');
  return old;
}
describe('migrations 017 (long text packed into one blob an event) and 018 (dense rowids)', () => {
  it('keeps every event of a version-16 database, whole, and an unchanged re-import changes nothing', () => {
    const events = realEvents();
    const path = join(tempDir(), 'events.db');
    const db = databaseAt016(path, events);
    migrate(db);
    const store = new EventStore(db, 'UTC');
    for (const e of events) expect(store.getById(e.id)).toEqual(e);
    expect(store.getManyByIds(events.map((e) => e.id))).toEqual(events);
    expect(store.stats().events).toBe(events.length);

    const outcome = store.replaceFileEvents(FILE, 'same bytes', events);
    expect(outcome.unchanged).toHaveLength(events.length);
    expect([...outcome.added, ...outcome.updated, ...outcome.removed]).toEqual([]);
    db.close();
  });

  it('finds events by pasted link and by word after it, as before', () => {
    const events = realEvents();
    const db = databaseAt016(':memory:', events);
    migrate(db);
    const store = new EventStore(db, 'UTC');
    store.repairIndex();
    const index = new SqliteSearchIndex(db, store);
    const linked = events.find((e) => e.url && events.filter((o) => o.url === e.url).length === 1)!;
    expect(index.eventByUrl(`${linked.url!.replace(/^https:/, 'http:')}/`)).toBe(linked.id);
    const digest = index.digests([linked.id])[0];
    expect(digest.summary).toBe(linked.summary);
    const speaker = events.flatMap((e) => e.speakers.map((s) => ({ e, s }))).find(({ s }) => s.role)!;
    const word = speaker.e.title
      .split(/\W+/)
      .find((w) => w.length > 6)!
      .toLowerCase();
    const people = index.peopleAt(
      { clauses: [{ groups: [[word]] }], filters: {}, limit: 50 },
      'speaker',
      500,
    );
    expect(people).toContainEqual(
      expect.objectContaining({ name: speaker.s.name, eventId: speaker.e.id, role: speaker.s.role }),
    );
  });

  it('gives the pages it freed back to the file system', () => {
    const events = realEvents();
    const path = join(tempDir(), 'events.db');
    const old = databaseAt016In4kPages(path, events);
    expect(old.pragma('page_size', { simple: true })).toBe(4096);
    old.close();
    const db = openDatabase(path);
    migrate(db);
    expect(db.pragma('freelist_count', { simple: true })).toBeLessThan(
      (db.pragma('page_count', { simple: true }) as number) / 10,
    );
    // In the page size of a new file (4 KB pages left a third of each events page empty).
    expect(db.pragma('page_size', { simple: true })).toBe(16384);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('upgrades a file another connection is reading, keeping its free pages instead of failing the start', () => {
    const events = realEvents();
    const path = join(tempDir(), 'events.db');
    databaseAt016In4kPages(path, events).close();
    // A replica or the CLI mid-read: leaving WAL mode for the VACUUM is refused while it reads.
    const reader = openDatabase(path);
    const rows = reader.prepare('SELECT id FROM events').iterate();
    rows.next();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const db = openDatabase(path);
    try {
      expect(migrate(db)).toBe(readMigrations().at(-1)?.version);
      expect(String(stderr.mock.calls.at(-1)?.[0])).toMatch(/freed pages stay in the file .*SQLITE_BUSY/);
    } finally {
      stderr.mockRestore();
    }
    rows.return?.();
    reader.close();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(events.length);
    db.close();
  });

  it('018 renumbers rowids densely in start order, and the start-up check rebuilds both full-text indexes', () => {
    const events = realEvents();
    const db = databaseAt016(':memory:', events);
    migrate(
      db,
      readMigrations().filter((m) => m.version <= 17),
    );
    migrate(db);
    const store = new EventStore(db, 'UTC');
    const rows = db.prepare('SELECT seq, start_ms FROM events ORDER BY seq').all() as {
      seq: number;
      start_ms: number;
    }[];
    expect(rows.map((r) => r.start_ms)).toEqual(rows.map((r) => r.start_ms).sort((a, b) => a - b));
    for (const r of rows) expect(r.seq).toBeGreaterThanOrEqual(Math.floor(r.start_ms / 60_000));
    expect(store.indexHealth().indexed.all).toBe(0);
    expect(store.repairIndex().repaired).toBe('reindexed');
    expect(store.indexHealth(true)).toMatchObject({ ok: true, missing: 0, orphans: 0 });
    for (const e of events) expect(store.getById(e.id)).toEqual(e);
    const index = new SqliteSearchIndex(db, store);
    const year = { fromMs: Date.parse('2017-01-01T00:00:00Z'), toMs: Date.parse('2018-01-01T00:00:00Z') };
    const inYear = events.filter((e) => {
      const ms = eventTimeToMillis(e.start, e.timezone, 'UTC');
      return ms >= year.fromMs && ms < year.toMs;
    });
    expect(inYear.length).toBeGreaterThan(2);
    const browsed = index.browse(year, 'asc', 1000, 0);
    expect(browsed.sort()).toEqual(inYear.map((e) => e.id).sort());
    const word = inYear[0].title
      .split(/\W+/)
      .find((w) => w.length > 5)!
      .toLowerCase();
    const matched = index
      .match({ clauses: [{ groups: [[word]] }], filters: year, limit: 50 })
      .map((m) => m.id);
    expect(matched).toContain(inYear[0].id);
    for (const id of matched) expect(inYear.map((e) => e.id)).toContain(id);
  });
});
