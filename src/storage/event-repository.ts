import { EVENT_KEY_PREFIX, type Event, eventKey } from '../core/model.js';
import type { Db } from './database.js';
import { assembleEvent, EVENT_SELECT, type EventRow } from './event-rows.js';
import { EventTextCodec } from './event-text.js';
import {
  type ArchiveFileRecord,
  FileEventsWriter,
  type FileImportOutcome,
  type ReplaceOptions,
} from './file-events-writer.js';
import type { EventPreparer } from './prepare-pipeline.js';
import { FULL_REFRESH_AT, type IndexHealth, SearchIndexWriter } from './search/index-writer.js';

export { eventContentHash } from './event-rows.js';
export type { ArchiveFileRecord, FileImportOutcome, ReplaceOptions } from './file-events-writer.js';

/** All SQL about events lives here (search's tables are written by its SearchIndexWriter); callers get and give plain core types. */
export class EventStore {
  private readonly statements;
  private readonly writer: FileEventsWriter;
  /** Packs and unpacks the events' long text (events.text). */
  readonly texts: EventTextCodec;

  constructor(
    private readonly db: Db,
    defaultZone = 'UTC',
    /** Search's write side: every event written here is indexed there, in the same transaction. */
    private readonly search = new SearchIndexWriter(db),
    /** Prepares a large write's events (hashes, packed text, index documents) ahead, on a worker thread. */
    preparer?: EventPreparer,
  ) {
    this.texts = new EventTextCodec(db);
    this.statements = {
      byId: db.prepare<[string], EventRow>(`${EVENT_SELECT} WHERE e.id = ?`),
      bySeq: db.prepare<[number], EventRow>(`${EVENT_SELECT} WHERE e.seq = ?`),
      hasId: db.prepare<[string], { seq: number }>('SELECT seq FROM events WHERE id = ?'),
      idByKey: db.prepare<[string], { id: string }>('SELECT id FROM events WHERE key = ?'),
      byIds: db.prepare<[string], EventRow>(
        `SELECT e.*, s.name AS source_file FROM json_each(?) j JOIN events e ON e.id = j.value
         LEFT JOIN event_sources s ON s.id = e.source_id`,
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
      themeCount: db.prepare<[], { n: number }>('SELECT sum(json_array_length(themes)) AS n FROM events'),
      sources: db.prepare<[], { source: string | null; events: number }>(
        `SELECT s.name AS source, count(*) AS events FROM events e LEFT JOIN event_sources s ON s.id = e.source_id
         GROUP BY e.source_id ORDER BY events DESC, source`,
      ),
    };
    this.writer = new FileEventsWriter(
      db,
      defaultZone,
      search,
      (seq) => {
        const row = this.statements.bySeq.get(seq);
        return row && this.toEvent(row);
      },
      this.texts,
      preparer,
    );
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
    return this.batch(() => this.writer.writeFile(file, hash, events, options));
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
    let result: T;
    try {
      result = this.db
        .transaction(() => {
          const value = work();
          this.search.finish();
          return value;
        })
        .immediate();
    } catch (error) {
      this.search.reset();
      this.writer.endTransaction();
      // The rollback may have taken a dictionary made in it.
      this.texts.reload();
      throw error;
    } finally {
      this.batchDepth--;
      this.db.pragma(`cache_size = ${big}`);
    }
    // A bulk load leaves its pages in the WAL. Copied back here, by the importer, they are not left to
    // the next writer's automatic checkpoint, which may be the serving thread (acks would wait on it).
    // PASSIVE: readers and writers go on meanwhile; what they hold back is copied by a later checkpoint.
    if (this.writer.endTransaction() >= FULL_REFRESH_AT) this.db.pragma('wal_checkpoint(PASSIVE)');
    return result;
  }

  private batchDepth = 0;

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
      `${EVENT_SELECT} WHERE e.seq > ? ORDER BY e.seq LIMIT ?`,
    );
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const rows = page.all(after, 500);
      if (!rows.length) return;
      for (const r of rows) yield { seq: r.seq, event: this.toEvent(r) };
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
    return this.batch(() => this.writer.removeFile(file));
  }

  /** The remembered hash of an imported file, if any. */
  archiveFile(path: string): ArchiveFileRecord | undefined {
    return this.writer.archiveFile(path);
  }

  getById(id: string): Event | undefined {
    const row = this.statements.byId.get(id);
    return row && this.toEvent(row);
  }

  /** Several events in one statement rather than one per event: this is on the request path. */
  getManyByIds(refs: string[]): Event[] {
    if (!refs.length) return [];
    const ids = refs.map((ref) => this.resolveRef(ref));
    const rows = this.statements.byIds.all(JSON.stringify(ids));
    const bySeqEvent = new Map(rows.map((r) => [r.id, this.toEvent(r)]));
    return ids.map((id) => bySeqEvent.get(id)).filter((e): e is Event => e !== undefined);
  }

  /** An id as it is, or the id a short key ({@link eventKey}) stands for when no id reads like that key. */
  private resolveRef(ref: string): string {
    if (!ref.startsWith(EVENT_KEY_PREFIX) || this.statements.hasId.get(ref)) return ref;
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

  private toEvent(row: EventRow): Event {
    return assembleEvent(row, this.texts.unpack(row.text));
  }
}
