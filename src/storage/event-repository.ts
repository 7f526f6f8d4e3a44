import { createHash } from 'node:crypto';
import { EVENT_KEY_PREFIX, type Event, eventKey, type Speaker, type Theme } from '../core/model.js';
import { SLACK_SOURCE } from '../core/ports/added-events.js';
import { eventTimeToMillis } from '../core/time.js';
import type { Db } from './database.js';
import { minuteOf, SEQ_PER_MINUTE, seqMinute } from './event-seq.js';
import { FULL_REFRESH_AT, type IndexHealth, SearchIndexWriter } from './search/index-writer.js';

/** What one file's import did, by event id. */
export interface FileImportOutcome {
  added: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
}

/** Options for one file's replacement; `onProgress` is called every thousand events for progress bars. */
export interface ReplaceOptions {
  validUntil?: number;
  /** Keep this file's stored events that `events` lacks: a partial import cannot tell a dropped record from a rejected one. */
  keepMissing?: boolean;
  nowMs?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The stored state of an imported archive file. */
export interface ArchiveFileRecord {
  path: string;
  hash: string;
  events: number;
  validUntil?: number;
}

interface EventRow {
  seq: number;
  id: string;
  title: string;
  type: string;
  start: string;
  end_value: string | null;
  timezone: string | null;
  location: string | null;
  url: string | null;
  summary: string;
  body: string;
  tags: string;
  series: string | null;
  status: string | null;
  source_file: string | null;
  source_line: number | null;
}

/** A stable digest of everything about an event except where it was read from. */
export function eventContentHash(event: Event): string {
  const { source: _source, ...content } = event;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** All SQL about events lives here (search's tables are written by its SearchIndexWriter); callers get and give plain core types. */
export class EventStore {
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly defaultZone = 'UTC',
    /** Search's write side: every event written here is indexed there, in the same transaction. */
    private readonly search = new SearchIndexWriter(db),
  ) {
    this.statements = {
      byId: db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?'),
      bySeq: db.prepare<[number], EventRow>('SELECT * FROM events WHERE seq = ?'),
      allKeys: db.prepare<
        [],
        {
          id: string;
          seq: number;
          content_hash: string;
          source_file: string | null;
          source_line: number | null;
        }
      >('SELECT id, seq, content_hash, source_file, source_line FROM events'),
      hashById: db.prepare<
        [string],
        { seq: number; content_hash: string; source_file: string | null; source_line: number | null }
      >('SELECT seq, content_hash, source_file, source_line FROM events WHERE id = ?'),
      idsOfFile: db.prepare<[string], { seq: number; id: string }>(
        'SELECT seq, id FROM events WHERE source_file = ?',
      ),
      insert: db.prepare(
        `INSERT INTO events (seq, id, key, title, type, start, start_ms, end_value, end_ms, timezone, location, url, summary,
           body, tags, series, status, source_file, source_line, content_hash, updated_ms)
         VALUES (@seq, @id, @key, @title, @type, @start, @start_ms, @end_value, @end_ms, @timezone, @location, @url, @summary, @body,
           @tags, @series, @status, @source_file, @source_line, @content_hash, @updated_ms)`,
      ),
      update: db.prepare(
        `UPDATE events SET title = @title, type = @type, start = @start, start_ms = @start_ms, end_value = @end_value,
           end_ms = @end_ms, timezone = @timezone, location = @location, url = @url, summary = @summary, body = @body,
           tags = @tags, series = @series, status = @status, source_file = @source_file, source_line = @source_line, content_hash = @content_hash,
           updated_ms = @updated_ms
         WHERE seq = @seq`,
      ),
      maxSeqIn: db.prepare<[number, number], { seq: number | null }>(
        'SELECT max(seq) AS seq FROM events WHERE seq >= ? AND seq < ?',
      ),
      moveSource: db.prepare('UPDATE events SET source_file = ?, source_line = ? WHERE seq = ?'),
      deleteEvent: db.prepare('DELETE FROM events WHERE seq = ?'),
      deleteThemes: db.prepare('DELETE FROM themes WHERE event_seq = ?'),
      deletePeople: db.prepare('DELETE FROM people WHERE event_seq = ?'),
      insertTheme: db.prepare('INSERT INTO themes (event_seq, position, title, summary) VALUES (?, ?, ?, ?)'),
      insertPerson: db.prepare(
        'INSERT INTO people (event_seq, kind, position, name, role) VALUES (?, ?, ?, ?, ?)',
      ),
      idByKey: db.prepare<[string], { id: string }>('SELECT id FROM events WHERE key = ?'),
      byIds: db.prepare<[string], EventRow>('SELECT e.* FROM json_each(?) j JOIN events e ON e.id = j.value'),
      themesOfMany: db.prepare<[string], { event_seq: number; title: string; summary: string }>(
        `SELECT event_seq, title, summary FROM themes WHERE event_seq IN (SELECT value FROM json_each(?))
         ORDER BY event_seq, position`,
      ),
      peopleOfMany: db.prepare<
        [string],
        { event_seq: number; kind: string; name: string; role: string | null }
      >(
        `SELECT event_seq, kind, name, role FROM people WHERE event_seq IN (SELECT value FROM json_each(?))
         ORDER BY event_seq, kind, position`,
      ),
      themesOf: db.prepare<[number], { title: string; summary: string }>(
        'SELECT title, summary FROM themes WHERE event_seq = ? ORDER BY position',
      ),
      peopleOf: db.prepare<[number], { kind: string; name: string; role: string | null }>(
        'SELECT kind, name, role FROM people WHERE event_seq = ? ORDER BY kind, position',
      ),
      fileRecord: db.prepare<
        [string],
        { path: string; hash: string; events: number; valid_until: number | null }
      >('SELECT path, hash, events, valid_until FROM archive_files WHERE path = ?'),
      upsertFile: db.prepare(
        `INSERT INTO archive_files (path, hash, events, valid_until, imported_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (path) DO UPDATE SET hash = excluded.hash, events = excluded.events,
           valid_until = excluded.valid_until, imported_ms = excluded.imported_ms`,
      ),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events'),
      // The shipped demo events are tagged "sample" (see data/samples); the banner counts them apart.
      samples: db.prepare<[], { n: number; series: number; first: string | null; last: string | null }>(
        `WITH s AS (SELECT id, series, start, start_ms, EXISTS (SELECT 1 FROM json_each(events.tags) t
                      WHERE lower(t.value) = 'sample') AS sample FROM events)
         SELECT (SELECT count(*) FROM s WHERE sample) AS n,
                (SELECT count(DISTINCT coalesce(series, id)) FROM s WHERE sample) AS series,
                (SELECT start FROM s WHERE NOT sample ORDER BY start_ms ASC LIMIT 1) AS first,
                (SELECT start FROM s WHERE NOT sample ORDER BY start_ms DESC LIMIT 1) AS last`,
      ),
      range: db.prepare<[], { first: string | null; last: string | null }>(
        `SELECT (SELECT start FROM events ORDER BY start_ms ASC LIMIT 1) AS first,
                (SELECT start FROM events ORDER BY start_ms DESC LIMIT 1) AS last`,
      ),
      types: db.prepare<[], { type: string; n: number }>(
        'SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type',
      ),
      files: db.prepare<[], { path: string; events: number }>(
        'SELECT path, events FROM archive_files ORDER BY path',
      ),
      themeCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM themes'),
      sources: db.prepare<[], { source: string | null; events: number }>(
        'SELECT source_file AS source, count(*) AS events FROM events GROUP BY source_file ORDER BY events DESC, source',
      ),
    };
    this.fillMissingKeys();
  }

  /**
   * Makes the stored events of `file` equal to `events`: new ids are added, changed ones updated,
   * identical ones left alone, and ids this file no longer holds removed. Events from other files are
   * never touched, unless an event moves here under the same id. One transaction, with the search
   * index and what is derived from it (vocabulary, theme counts): all of it commits, or none.
   */
  replaceFileEvents(
    file: string,
    hash: string,
    events: Event[],
    options: ReplaceOptions = {},
  ): FileImportOutcome {
    return this.batch(() => this.writeFile(file, hash, events, options));
  }

  /**
   * Runs `work` (several {@link replaceFileEvents} and {@link removeArchiveFile}) as one IMMEDIATE
   * transaction, with the search index's derived tables brought up to date once, before it commits.
   * IMMEDIATE takes the write lock before reading, so a second import waits its turn (busy timeout)
   * instead of failing on a snapshot another writer changed. Nested calls join the outer transaction.
   */
  batch<T>(work: () => T): T {
    if (this.batchDepth > 0) return work();
    const big = this.db.pragma('cache_size', { simple: true }) as number;
    // A bulk load touches far more pages than a query: a 256 MB page cache for its duration only.
    this.db.pragma('cache_size = -262144');
    this.batchDepth++;
    try {
      return this.db
        .transaction(() => {
          const result = work();
          this.search.finish();
          return result;
        })
        .immediate();
    } catch (error) {
      this.search.reset();
      throw error;
    } finally {
      this.batchDepth--;
      this.seqCache.clear();
      this.db.pragma(`cache_size = ${big}`);
    }
  }

  private batchDepth = 0;
  /** Within a batch, the next free seq of each start minute, so an insert needs no max() query. */
  private readonly seqCache = new Map<number, number>();

  private writeFile(file: string, hash: string, events: Event[], options: ReplaceOptions): FileImportOutcome {
    const { validUntil, nowMs = Date.now(), onProgress, keepMissing = false } = options;
    const outcome: FileImportOutcome = { added: [], updated: [], unchanged: [], removed: [] };
    const bulk = events.length >= FULL_REFRESH_AT;
    if (bulk) this.search.beginBulk();
    // A large file is compared with one read of every stored id rather than one query per event.
    const stored = bulk ? this.storedKeys() : undefined;
    const lookup = (id: string) => (stored ? stored.get(id) : this.statements.hashById.get(id));
    const keep = new Set<string>();
    // In start order: rowids follow start time, and FTS5 inserts several times faster when rowids ascend.
    const ordered = events
      .map((event) => ({ event, ms: eventTimeToMillis(event.start, event.timezone, this.defaultZone) }))
      .sort((a, b) => a.ms - b.ms);
    for (const [index, { event, ms }] of ordered.entries()) {
      if (onProgress && index % 1000 === 0) onProgress(index, events.length);
      keep.add(event.id);
      const contentHash = eventContentHash(event);
      const existing = lookup(event.id);
      if (existing?.source_file === SLACK_SOURCE && file !== SLACK_SOURCE) {
        // An event added in Slack (exported to git and imported back, say) is never overwritten by a file.
        outcome.unchanged.push(event.id);
      } else if (!existing) {
        this.insertEvent(this.toRow(event, contentHash, nowMs, ms), event);
        outcome.added.push(event.id);
      } else if (existing.content_hash !== contentHash) {
        const row = this.toRow(event, contentHash, nowMs, ms);
        this.search.remove(existing.seq, this.oldEventFor(existing.seq));
        this.statements.deleteThemes.run(existing.seq);
        this.statements.deletePeople.run(existing.seq);
        if (seqMinute(existing.seq) === minuteOf(row.start_ms)) {
          this.statements.update.run({ ...row, seq: existing.seq });
          this.writeChildren(existing.seq, event);
        } else {
          // The start moved to another minute: the row takes a new seq so rowid order stays time order.
          this.statements.deleteEvent.run(existing.seq);
          this.insertEvent(row, event);
        }
        outcome.updated.push(event.id);
      } else {
        if (existing.source_file !== file || existing.source_line !== (event.source?.line ?? null)) {
          this.statements.moveSource.run(file, event.source?.line ?? null, existing.seq);
        }
        outcome.unchanged.push(event.id);
      }
    }
    for (const { seq, id } of keepMissing ? [] : this.statements.idsOfFile.all(file)) {
      if (keep.has(id)) continue;
      this.search.remove(seq, this.oldEventFor(seq));
      this.statements.deleteEvent.run(seq);
      outcome.removed.push(id);
    }
    const known = this.statements.fileRecord.get(file);
    const changed = outcome.added.length + outcome.updated.length + outcome.removed.length > 0;
    if (changed || !known || known.hash !== hash || (known.valid_until ?? undefined) !== validUntil) {
      this.statements.upsertFile.run(file, hash, events.length, validUntil ?? null, nowMs);
    }
    onProgress?.(events.length, events.length);
    return outcome;
  }

  /** Every stored event's id with what tells whether it changed, for comparing a large file at once. */
  private storedKeys() {
    const map = new Map<
      string,
      { seq: number; content_hash: string; source_file: string | null; source_line: number | null }
    >();
    for (const row of this.statements.allKeys.iterate()) map.set(row.id, row);
    return map;
  }

  /** The stored event, when a small write wants it to adjust search's word counts by deltas. */
  private oldEventFor(seq: number): Event | undefined {
    if (!this.search.wantsOldEvents()) return undefined;
    const row = this.statements.bySeq.get(seq);
    return row && this.toEvent(row);
  }

  /** Refreshes what search derives from the indexed text, whole; imports keep it current themselves. */
  refreshVocabulary(): void {
    this.search.refresh();
  }

  /** Compares the search index with the events; see {@link SearchIndexWriter.health}. */
  indexHealth(thorough = false): IndexHealth {
    return this.search.health(thorough);
  }

  /**
   * Makes the search index agree with the events: the derived tables rebuilt when events changed
   * since they were derived, and both full-text indexes rebuilt from the events when any row is
   * missing or left over (or when `full`). Returns what was found before repairing.
   */
  repairIndex(full = false): IndexHealth & { repaired: 'nothing' | 'derived' | 'reindexed' } {
    const health = this.search.health(full);
    const reindex = full || health.missing > 0 || health.orphans > 0 || health.indexed.all !== health.events;
    if (!reindex && health.ok) return { ...health, repaired: 'nothing' };
    this.db
      .transaction(() => {
        if (reindex) this.search.reindex(this.allStoredEvents());
        else this.search.refresh();
      })
      .immediate();
    return { ...health, repaired: reindex ? 'reindexed' : 'derived' };
  }

  /** Every stored event with its seq, in seq order, read in pages so a large archive is never all in memory. */
  private *allStoredEvents(): Generator<{ seq: number; event: Event }> {
    const page = this.db.prepare<[number, number], EventRow>(
      'SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const rows = page.all(after, 500);
      if (!rows.length) return;
      const seqs = JSON.stringify(rows.map((r) => r.seq));
      const themes = groupBySeq(this.statements.themesOfMany.all(seqs));
      const people = groupBySeq(this.statements.peopleOfMany.all(seqs));
      for (const r of rows)
        yield { seq: r.seq, event: this.assemble(r, themes.get(r.seq) ?? [], people.get(r.seq) ?? []) };
      after = rows[rows.length - 1].seq;
    }
  }

  /** Every archive file imported so far, as it was named then. */
  archiveFilePaths(): string[] {
    return this.db
      .prepare<[], { path: string }>('SELECT path FROM archive_files ORDER BY path')
      .all()
      .map((r) => r.path);
  }

  /** Forgets a file that left the archive, with its events, in one transaction; returns their ids. */
  removeArchiveFile(file: string): string[] {
    return this.batch(() => {
      const removed: string[] = [];
      for (const { seq, id } of this.statements.idsOfFile.all(file)) {
        this.search.remove(seq, this.oldEventFor(seq));
        this.statements.deleteEvent.run(seq);
        removed.push(id);
      }
      this.db.prepare('DELETE FROM archive_files WHERE path = ?').run(file);
      return removed;
    });
  }

  /** The remembered hash of an imported file, if any. */
  archiveFile(path: string): ArchiveFileRecord | undefined {
    const row = this.statements.fileRecord.get(path);
    return (
      row && { path: row.path, hash: row.hash, events: row.events, validUntil: row.valid_until ?? undefined }
    );
  }

  getById(id: string): Event | undefined {
    const row = this.statements.byId.get(id);
    return row && this.toEvent(row);
  }

  /**
   * Several events in three statements (rows, themes, people) rather than three per event: search
   * loads a few dozen candidates per query, so this is on the request path.
   */
  getManyByIds(refs: string[]): Event[] {
    if (!refs.length) return [];
    const ids = refs.map((ref) => this.resolveRef(ref));
    const rows = this.statements.byIds.all(JSON.stringify(ids));
    const seqs = JSON.stringify(rows.map((r) => r.seq));
    const themes = groupBySeq(this.statements.themesOfMany.all(seqs));
    const people = groupBySeq(this.statements.peopleOfMany.all(seqs));
    const bySeqEvent = new Map(
      rows.map((r) => [r.id, this.assemble(r, themes.get(r.seq) ?? [], people.get(r.seq) ?? [])]),
    );
    return ids.map((id) => bySeqEvent.get(id)).filter((e): e is Event => e !== undefined);
  }

  /** An id as it is, or the id a short key ({@link eventKey}) stands for when no id reads like that key. */
  private resolveRef(ref: string): string {
    if (!ref.startsWith(EVENT_KEY_PREFIX) || this.statements.hashById.get(ref)) return ref;
    return this.statements.idByKey.get(ref)?.id ?? ref;
  }

  /** Rows written before keys existed get theirs here, once: SQLite has no hash function to do it in a migration. */
  private fillMissingKeys(): void {
    const missing = this.db
      .prepare<[], { seq: number; id: string }>('SELECT seq, id FROM events WHERE key IS NULL')
      .all();
    if (!missing.length) return;
    const set = this.db.prepare('UPDATE events SET key = ? WHERE seq = ?');
    this.db.transaction(() => {
      for (const row of missing) set.run(eventKey(row.id), row.seq);
    })();
  }

  /** Counts and date range for `event-bot stats` and the console banner. */
  stats(): {
    events: number;
    themes: number;
    first?: string;
    last?: string;
    types: { type: string; count: number }[];
    files: { path: string; events: number }[];
    /** The events tagged "sample", and the date range of all the others. */
    samples: { occurrences: number; series: number; realFirst?: string; realLast?: string };
  } {
    const range = this.statements.range.get();
    const samples = this.statements.samples.get();
    return {
      samples: {
        occurrences: samples?.n ?? 0,
        series: samples?.series ?? 0,
        realFirst: samples?.first ?? undefined,
        realLast: samples?.last ?? undefined,
      },
      events: this.statements.count.get()?.n ?? 0,
      themes: this.statements.themeCount.get()?.n ?? 0,
      first: range?.first ?? undefined,
      last: range?.last ?? undefined,
      types: this.statements.types.all().map((t) => ({ type: t.type, count: t.n })),
      files: this.statements.files.all(),
    };
  }

  /**
   * Events per source, most first: the file path, feed URL or page URL each event was read from, as
   * stored with it (`undefined` for events with none). For `event-bot stats` and the gaps report.
   */
  eventSources(): { source?: string; events: number }[] {
    return this.statements.sources.all().map((r) => ({ source: r.source ?? undefined, events: r.events }));
  }

  private toRow(event: Event, contentHash: string, nowMs: number, startMs?: number) {
    const zone = event.timezone;
    return {
      id: event.id,
      key: eventKey(event.id),
      title: event.title,
      type: event.type,
      start: event.start,
      start_ms: startMs ?? eventTimeToMillis(event.start, zone, this.defaultZone),
      end_value: event.end ?? null,
      end_ms: event.end ? eventTimeToMillis(event.end, zone, this.defaultZone) : null,
      timezone: zone ?? null,
      location: event.location ?? null,
      url: event.url ?? null,
      summary: event.summary,
      body: event.body,
      tags: JSON.stringify(event.tags),
      series: event.series ?? null,
      status: event.status ?? null,
      source_file: event.source?.file ?? null,
      source_line: event.source?.line ?? null,
      content_hash: contentHash,
      updated_ms: nowMs,
    };
  }

  private insertEvent(row: ReturnType<EventStore['toRow']>, event: Event): void {
    const minute = minuteOf(row.start_ms);
    const block = minute * SEQ_PER_MINUTE;
    let seq = this.seqCache.get(minute);
    if (seq === undefined) {
      const last = this.statements.maxSeqIn.get(block, block + SEQ_PER_MINUTE)?.seq;
      seq = last === null || last === undefined ? block : last + 1;
    }
    if (seq >= block + SEQ_PER_MINUTE) {
      throw new Error(`more than ${SEQ_PER_MINUTE} events start in the same minute as "${event.id}"`);
    }
    this.statements.insert.run({ ...row, seq });
    if (this.batchDepth > 0) this.seqCache.set(minute, seq + 1);
    this.writeChildren(seq, event);
  }

  private writeChildren(seq: number, event: Event): void {
    for (const [i, t] of event.themes.entries())
      this.statements.insertTheme.run(seq, i + 1, t.title, t.summary);
    for (const [i, h] of event.hosts.entries()) this.statements.insertPerson.run(seq, 'host', i + 1, h, null);
    for (const [i, s] of event.speakers.entries()) {
      this.statements.insertPerson.run(seq, 'speaker', i + 1, s.name, s.role ?? null);
    }
    this.search.index(seq, event);
  }

  private toEvent(row: EventRow): Event {
    return this.assemble(row, this.statements.themesOf.all(row.seq), this.statements.peopleOf.all(row.seq));
  }

  private assemble(
    row: EventRow,
    themeRows: { title: string; summary: string }[],
    peopleRows: { kind: string; name: string; role: string | null }[],
  ): Event {
    const themes: Theme[] = themeRows.map((t) => ({ title: t.title, summary: t.summary }));
    const hosts: string[] = [];
    const speakers: Speaker[] = [];
    for (const p of peopleRows) {
      if (p.kind === 'host') hosts.push(p.name);
      else speakers.push(p.role ? { name: p.name, role: p.role } : { name: p.name });
    }
    return {
      id: row.id,
      title: row.title,
      type: row.type,
      start: row.start,
      end: row.end_value ?? undefined,
      timezone: row.timezone ?? undefined,
      location: row.location ?? undefined,
      url: row.url ?? undefined,
      hosts,
      speakers,
      summary: row.summary,
      body: row.body,
      themes,
      tags: JSON.parse(row.tags) as string[],
      series: row.series ?? undefined,
      ...(row.status ? { status: row.status as Event['status'] } : {}),
      source: row.source_file ? { file: row.source_file, line: row.source_line ?? 0 } : undefined,
    };
  }
}

function groupBySeq<T extends { event_seq: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.event_seq);
    if (list) list.push(row);
    else map.set(row.event_seq, [row]);
  }
  return map;
}
