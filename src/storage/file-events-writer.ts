import type { Statement } from 'better-sqlite3';
import type { Event } from '../core/model.js';
import { SLACK_SOURCE } from '../core/ports/added-events.js';
import { eventTimeToMillis } from '../core/time.js';
import type { Db } from './database.js';
import { contentDigest, EVENT_COLUMNS, type EventValues, eventValues } from './event-rows.js';
import { SeqAllocator } from './event-seq.js';
import { type EventTextCodec, longTextOf } from './event-text.js';
import { EventPreparer } from './prepare-pipeline.js';
import type { FtsDocument } from './search/fts-document.js';
import { FULL_REFRESH_AT, type SearchIndexWriter } from './search/index-writer.js';

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

/** What tells whether a stored event changed, and where it is. */
interface StoredKey {
  seq: number;
  content_digest: Buffer | null;
  source_id: number | null;
  source_line: number | null;
}

const START_MS = EVENT_COLUMNS.indexOf('start_ms');

/**
 * The write side of the events table: makes the stored events of one archive file
 * equal to a new read of it, and forgets files. Every event written is indexed by search's writer in
 * the same transaction; the caller (EventStore) owns that transaction.
 */
export class FileEventsWriter {
  private readonly s: Record<
    | 'insert'
    | 'update'
    | 'moveSeq'
    | 'moveSource'
    | 'sourceId'
    | 'addSource'
    | 'deleteEvent'
    | 'hashById'
    | 'allKeys'
    | 'idsOfFile'
    | 'fileRecord'
    | 'upsertFile'
    | 'deleteFile',
    Statement
  >;
  private readonly seqs: SeqAllocator;
  /** Source names' event_sources ids, within a transaction (a rollback may take rows made in it). */
  private readonly sourceIds = new Map<string, number>();
  /** Events inserted, updated or removed since the transaction began. */
  private written = 0;
  /** Hashes, packs and indexes' documents of a large write's events, on a worker thread. */
  private readonly preparer: EventPreparer;

  constructor(
    db: Db,
    private readonly defaultZone: string,
    private readonly search: SearchIndexWriter,
    /** The stored event under a seq, when a small write wants it to adjust search's counts by deltas. */
    private readonly storedEvent: (seq: number) => Event | undefined,
    private readonly texts: EventTextCodec,
    /** Prepares large writes' events; by default on a worker thread. */
    preparer = new EventPreparer(),
  ) {
    this.preparer = preparer;
    const columns = EVENT_COLUMNS.join(', ');
    this.seqs = new SeqAllocator(db);
    this.s = {
      insert: db.prepare(
        `INSERT INTO events (${columns}, seq) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')}, ?)`,
      ),
      update: db.prepare(
        `UPDATE events SET ${EVENT_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE seq = ?`,
      ),
      moveSeq: db.prepare('UPDATE events SET seq = ? WHERE seq = ?'),
      moveSource: db.prepare('UPDATE events SET source_id = ?, source_line = ? WHERE seq = ?'),
      deleteEvent: db.prepare('DELETE FROM events WHERE seq = ?'),
      hashById: db.prepare('SELECT seq, content_digest, source_id, source_line FROM events WHERE id = ?'),
      allKeys: db.prepare('SELECT id, seq, content_digest, source_id, source_line FROM events'),
      idsOfFile: db.prepare(
        'SELECT seq, id FROM events WHERE source_id = (SELECT id FROM event_sources WHERE name = ?)',
      ),
      sourceId: db.prepare('SELECT id FROM event_sources WHERE name = ?').pluck(),
      addSource: db.prepare('INSERT INTO event_sources (name) VALUES (?)'),
      fileRecord: db.prepare('SELECT path, hash, events, valid_until FROM archive_files WHERE path = ?'),
      upsertFile: db.prepare(
        `INSERT INTO archive_files (path, hash, events, valid_until, imported_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (path) DO UPDATE SET hash = excluded.hash, events = excluded.events,
           valid_until = excluded.valid_until, imported_ms = excluded.imported_ms`,
      ),
      deleteFile: db.prepare('DELETE FROM archive_files WHERE path = ?'),
    };
  }

  /** The remembered hash of an imported file, if any. */
  archiveFile(path: string): ArchiveFileRecord | undefined {
    const row = this.s.fileRecord.get(path) as
      | { path: string; hash: string; events: number; valid_until: number | null }
      | undefined;
    return (
      row && { path: row.path, hash: row.hash, events: row.events, validUntil: row.valid_until ?? undefined }
    );
  }

  /** Call when the enclosing transaction ends, committed or not; returns how many events it wrote. */
  endTransaction(): number {
    const written = this.written;
    this.written = 0;
    this.seqs.reset();
    this.sourceIds.clear();
    this.preparer.close();
    return written;
  }

  /**
   * Makes the stored events of `file` equal to `events`: new ids are added, changed ones updated,
   * identical ones left alone, and ids this file no longer holds removed. Call inside a transaction.
   */
  writeFile(file: string, hash: string, events: Event[], options: ReplaceOptions): FileImportOutcome {
    const { validUntil, nowMs = Date.now(), onProgress, keepMissing = false } = options;
    const outcome: FileImportOutcome = { added: [], updated: [], unchanged: [], removed: [] };
    const bulk = events.length >= FULL_REFRESH_AT;
    if (bulk) this.search.beginBulk();
    // A large file is compared with one read of every stored id rather than one query per event.
    const stored = bulk ? this.storedKeys() : undefined;
    // A small write asks for each event's stored key twice in a row (the prepare feed for its digest,
    // then the loop): the answer is kept for that second ask only, so it is one query, not two, and an
    // event written meanwhile is never answered from before.
    let kept: { id: string; key: StoredKey | undefined } | undefined;
    const lookup = (id: string) => {
      if (stored) return stored.get(id);
      if (kept?.id === id) {
        const { key } = kept;
        kept = undefined;
        return key;
      }
      const key = this.s.hashById.get(id) as StoredKey | undefined;
      kept = { id, key };
      return key;
    };
    const keep = new Set<string>();
    const fileId = this.sourceIdOf(file);
    const slackId = this.s.sourceId.get(SLACK_SOURCE) as number | undefined;
    // In start order: rowids follow start time, and FTS5 inserts several times faster when rowids ascend.
    const ordered = events
      .map((event) => ({ event, ms: eventTimeToMillis(event.start, event.timezone, this.defaultZone) }))
      .sort((a, b) => a.ms - b.ms);
    // A first large write samples its own text for the database's compression dictionary.
    if (bulk) this.texts.train(events);
    const prepared = this.preparer.feed(
      ordered.map((o) => o.event),
      (event) => lookup(event.id)?.content_digest,
      this.texts.dictionary(),
    );
    for (const [index, { event, ms }] of ordered.entries()) {
      if (onProgress && index % 1000 === 0) onProgress(index, events.length);
      keep.add(event.id);
      const { contentHash, text, doc } = prepared(index);
      const existing = lookup(event.id);
      const values = () =>
        eventValues(
          event,
          contentHash,
          nowMs,
          ms,
          this.defaultZone,
          text ?? this.texts.pack(longTextOf(event)),
          this.sourceIdOf(event.source?.file),
        );
      if (existing && existing.source_id === slackId && file !== SLACK_SOURCE) {
        // An event added in Slack (exported to git and imported back, say) is never overwritten by a file.
        outcome.unchanged.push(event.id);
      } else if (!existing) {
        this.insertEvent(values(), event, doc);
        outcome.added.push(event.id);
      } else if (!existing.content_digest?.equals(contentDigest(contentHash))) {
        this.updateEvent(existing.seq, values(), event, doc);
        outcome.updated.push(event.id);
      } else {
        const line = event.source?.line ?? null;
        if (existing.source_id !== fileId || existing.source_line !== line) {
          this.s.moveSource.run(fileId, line, existing.seq);
        }
        outcome.unchanged.push(event.id);
      }
    }
    if (!keepMissing) {
      for (const { seq, id } of this.s.idsOfFile.all(file) as { seq: number; id: string }[]) {
        if (keep.has(id)) continue;
        this.deleteEvent(seq);
        outcome.removed.push(id);
      }
    }
    const known = this.archiveFile(file);
    const changed = outcome.added.length + outcome.updated.length + outcome.removed.length > 0;
    if (changed || !known || known.hash !== hash || known.validUntil !== validUntil) {
      this.s.upsertFile.run(file, hash, events.length, validUntil ?? null, nowMs);
    }
    onProgress?.(events.length, events.length);
    return outcome;
  }

  /** Forgets a file that left the archive, with its events; returns their ids. Call inside a transaction. */
  removeFile(file: string): string[] {
    const removed: string[] = [];
    for (const { seq, id } of this.s.idsOfFile.all(file) as { seq: number; id: string }[]) {
      this.deleteEvent(seq);
      removed.push(id);
    }
    this.s.deleteFile.run(file);
    return removed;
  }

  /** The event_sources id of a source name, added when new. */
  private sourceIdOf(name: string | undefined): number | null {
    if (name === undefined) return null;
    let id = this.sourceIds.get(name) ?? (this.s.sourceId.get(name) as number | undefined);
    id ??= Number(this.s.addSource.run(name).lastInsertRowid);
    this.sourceIds.set(name, id);
    return id;
  }

  /** Every stored event's id with what tells whether it changed, for comparing a large file at once. */
  private storedKeys(): Map<string, StoredKey> {
    const map = new Map<string, StoredKey>();
    for (const row of this.s.allKeys.iterate() as Iterable<StoredKey & { id: string }>) map.set(row.id, row);
    return map;
  }

  private deleteEvent(seq: number): void {
    this.written++;
    this.search.remove(seq, this.oldEventFor(seq));
    this.s.deleteEvent.run(seq);
  }

  private oldEventFor(seq: number): Event | undefined {
    return this.search.wantsOldEvents() ? this.storedEvent(seq) : undefined;
  }

  private updateEvent(seq: number, values: EventValues, event: Event, doc?: FtsDocument): void {
    this.search.remove(seq, this.oldEventFor(seq));
    if (this.seqs.fits(seq, values[START_MS] as number)) {
      this.s.update.run(...values, seq);
      this.indexed(seq, event, doc);
    } else {
      // The start moved past a neighbour: the row takes a new seq so rowid order stays start order.
      this.s.deleteEvent.run(seq);
      this.insertEvent(values, event, doc);
    }
  }

  private insertEvent(values: EventValues, event: Event, doc?: FtsDocument): void {
    const seq = this.seqs.allocate(values[START_MS] as number, (from, to) => this.moveEvent(from, to));
    this.s.insert.run(...values, seq);
    this.indexed(seq, event, doc);
  }

  /** Moves a stored event to a free seq, its full-text rows with it. */
  private moveEvent(from: number, to: number): void {
    const event = this.storedEvent(from);
    if (!event) return;
    this.search.remove(from, event);
    this.s.moveSeq.run(to, from);
    this.search.index(to, event);
  }

  private indexed(seq: number, event: Event, doc?: FtsDocument): void {
    this.search.index(seq, event, doc);
    this.written++;
  }
}
