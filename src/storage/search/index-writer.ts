import type { Statement } from 'better-sqlite3';
import type { Event } from '../../core/model.js';
import { tokenize } from '../../core/search/tokens.js';
import type { Db } from '../database.js';
import { type FtsDocument, ftsDocument } from './fts-document.js';

/** Past this many events written in one transaction, derived tables are rebuilt whole instead of by deltas. */
export const FULL_REFRESH_AT = 1000;

/** FTS5's pending-data limits (see `setPendingSize`): its default, and the one for bulk loads. */
const DEFAULT_PENDING_BYTES = 1024 * 1024;
const BULK_PENDING_BYTES = 64 * 1024 * 1024;

/** What a consistency check found; `ok` when nothing needs repairing. */
export interface IndexHealth {
  ok: boolean;
  events: number;
  /** Rows of each full-text index (one per event when healthy). */
  indexed: { all: number; short: number };
  /** Events missing from an index, and index rows with no event. */
  missing: number;
  orphans: number;
  /** False when events changed since the vocabulary and theme counts were last derived. */
  derivedCurrent: boolean;
}

/**
 * The write side of search, the only code that writes its tables: the two full-text indexes (rows
 * keyed by the event's seq), and the vocabulary, trigram and theme-count tables derived from them.
 * The event store calls `index`/`remove` inside its own transaction for every event it writes, and
 * `finish` before that transaction commits, so what is derived commits with the events or not at all.
 * Small writes update the vocabulary and theme counts by deltas; large ones rebuild them once.
 */
export class SearchIndexWriter {
  private readonly statements: Record<
    | 'insertFts'
    | 'insertShortFts'
    | 'deleteFts'
    | 'deleteShortFts'
    | 'termDf'
    | 'vocabRow'
    | 'insertVocab'
    | 'updateVocab'
    | 'deleteVocab'
    | 'insertTrigram'
    | 'deleteTrigram'
    | 'bumpTheme'
    | 'insertTheme'
    | 'dropEmptyThemes'
    | 'themeTotal'
    | 'markDerived',
    Statement
  >;
  /** Words of events written or removed since the last `finish`, whose document counts may have moved. */
  private readonly touchedTerms = new Set<string>();
  /** Case-folded theme title → [its least spelling, change in the number of events carrying it]. */
  private readonly themeDeltas = new Map<string, [string, number]>();
  /** False once an event left without its stored copy: theme counts must then be counted again. */
  private themeDeltasComplete = true;
  private written = 0;
  private bulk = false;

  constructor(private readonly db: Db) {
    this.statements = {
      // Positional parameters: an import binds these for every event, and named ones cost a copy and a lookup each.
      insertFts: db.prepare(
        `INSERT INTO events_fts (rowid, title, themes, speakers, hosts, tags, summary, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertShortFts: db.prepare(
        'INSERT INTO short_fts (rowid, title, themes, speakers, hosts, tags) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      deleteFts: db.prepare('DELETE FROM events_fts WHERE rowid = ?'),
      deleteShortFts: db.prepare('DELETE FROM short_fts WHERE rowid = ?'),
      termDf: db.prepare('SELECT doc FROM events_vocab WHERE term = ?').pluck(),
      vocabRow: db.prepare('SELECT id, df FROM vocab WHERE term = ?'),
      insertVocab: db.prepare('INSERT INTO vocab (term, df) VALUES (?, ?)'),
      updateVocab: db.prepare('UPDATE vocab SET df = ? WHERE id = ?'),
      deleteVocab: db.prepare('DELETE FROM vocab WHERE id = ?'),
      insertTrigram: db.prepare('INSERT INTO vocab_trigram (rowid, term) VALUES (?, ?)'),
      deleteTrigram: db.prepare(
        `INSERT INTO vocab_trigram (vocab_trigram, rowid, term) VALUES ('delete', ?, ?)`,
      ),
      // The least spelling, as the rebuild's min(title) keeps: deltas and rebuilds agree.
      bumpTheme: db.prepare(
        'UPDATE theme_counts SET count = count + ?, title = min(title, ?) WHERE lower(title) = ?',
      ),
      insertTheme: db.prepare('INSERT INTO theme_counts (title, count) VALUES (?, ?)'),
      dropEmptyThemes: db.prepare('DELETE FROM theme_counts WHERE count <= 0'),
      themeTotal: db.prepare('SELECT count(*) FROM theme_counts').pluck(),
      markDerived: db.prepare(
        'UPDATE search_state SET data_gen = data_gen + ?, derived_gen = data_gen + ? WHERE id = 1',
      ),
    };
  }

  /**
   * Announces a large write (an import of many events): the derived tables are rebuilt whole at
   * `finish` instead of by deltas. FTS5 keeps merging as it goes: an 'optimize' at the end rewrote the
   * whole index into the WAL, and the next writer's checkpoint of it stalled the serving thread.
   */
  beginBulk(): void {
    if (!this.bulk) this.setPendingSize(BULK_PENDING_BYTES);
    this.bulk = true;
  }

  /**
   * How much tokenized text FTS5 holds in memory before it writes a segment (its 'hashsize', 1 MB by
   * default). A bulk load with 64 MB writes far fewer, larger segments and so merges far less: a
   * quarter less CPU per event. Stored in each index's config row, so it commits or rolls back with
   * the load, and `finish` puts the default back.
   */
  private setPendingSize(bytes: number): void {
    for (const table of ['events_fts', 'short_fts']) {
      this.db.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('hashsize', ${bytes})`);
    }
  }

  /**
   * Indexes an event under its seq; the seq must not be indexed already (`remove` it first). `doc`, when
   * given, is the event's {@link ftsDocument} made ahead (a bulk import's prepare worker makes them).
   */
  index(seq: number, event: Event, doc: FtsDocument = ftsDocument(event)): void {
    const { title, themes, speakers, hosts, tags } = doc;
    this.statements.insertFts.run(seq, title, themes, speakers, hosts, tags, doc.summary, doc.body);
    this.statements.insertShortFts.run(seq, title, themes, speakers, hosts, tags);
    this.track(event, doc, 1);
  }

  /**
   * Takes an event's rows out of both indexes (a no-op for a seq never indexed). `old`, the event as
   * stored, lets a small write adjust the vocabulary and theme counts by its words and themes.
   */
  remove(seq: number, old?: Event): void {
    this.statements.deleteFts.run(seq);
    this.statements.deleteShortFts.run(seq);
    if (old) this.track(old, ftsDocument(old), -1);
    else {
      this.written = Math.max(this.written, FULL_REFRESH_AT);
      this.themeDeltasComplete = false;
    }
  }

  /** Whether a removal should pass the stored event to {@link remove}: only small writes use it. */
  wantsOldEvents(): boolean {
    return !this.bulk && this.written < FULL_REFRESH_AT;
  }

  private track(event: Event, doc: FtsDocument, sign: 1 | -1): void {
    this.written++;
    if (!this.large()) {
      for (const term of tokenize(Object.values(doc).join(' '))) this.touchedTerms.add(term);
    }
    // Theme counts follow even a bulk load that only adds events: cheaper than counting them again.
    if (!this.themeDeltasComplete) return;
    const folded = new Map<string, string>();
    for (const { title } of event.themes) {
      const key = sqliteLower(title);
      const seen = folded.get(key);
      if (seen === undefined || title < seen) folded.set(key, title);
    }
    for (const [key, title] of folded) {
      const delta = this.themeDeltas.get(key);
      if (!delta) this.themeDeltas.set(key, [title, sign]);
      else {
        delta[1] += sign;
        if (title < delta[0]) delta[0] = title;
      }
    }
  }

  /** Past the size where the vocabulary is derived again whole rather than by deltas. */
  private large(): boolean {
    return this.bulk || this.written >= FULL_REFRESH_AT;
  }

  /**
   * Brings what is derived from the indexed text up to date with what was written, and marks it so;
   * call inside the write transaction, before it commits. Does nothing when nothing was written.
   */
  finish(): void {
    if (this.written === 0 && !this.bulk) return;
    if (this.bulk) this.setPendingSize(DEFAULT_PENDING_BYTES);
    if (this.large()) this.rebuildVocabulary();
    else this.applyVocabularyDeltas();
    if (this.themeDeltasComplete) this.applyThemeDeltas();
    else this.rebuildThemeCounts();
    this.statements.markDerived.run(1, 1);
    this.reset();
  }

  /** Forgets pending work after a rolled-back transaction. */
  reset(): void {
    this.touchedTerms.clear();
    this.themeDeltas.clear();
    this.themeDeltasComplete = true;
    this.written = 0;
    this.bulk = false;
  }

  private applyVocabularyDeltas(): void {
    const s = this.statements;
    for (const term of this.touchedTerms) {
      if (term.length > 40) continue;
      const df = (s.termDf.get(term) as number | undefined) ?? 0;
      const row = s.vocabRow.get(term) as { id: number; df: number } | undefined;
      if (row && df === 0) {
        s.deleteTrigram.run(row.id, term);
        s.deleteVocab.run(row.id);
      } else if (row && row.df !== df) {
        s.updateVocab.run(df, row.id);
      } else if (!row && df > 0) {
        const id = Number(s.insertVocab.run(term, df).lastInsertRowid);
        s.insertTrigram.run(id, term);
      }
    }
  }

  private applyThemeDeltas(): void {
    const s = this.statements;
    // An empty table (a first import) takes the counts as they are, without a lookup per title.
    const empty = s.themeTotal.get() === 0;
    for (const [key, [title, delta]] of this.themeDeltas) {
      if (delta === 0) continue;
      if (empty || s.bumpTheme.run(delta, title, key).changes === 0) {
        if (delta > 0) s.insertTheme.run(title, delta);
      }
    }
    s.dropEmptyThemes.run();
  }

  /**
   * Rebuilds what is derived from the indexed text: the word list that typos are corrected against
   * (with its document counts), its trigram index, and the theme counts behind `/event themes`.
   */
  private rebuildVocabulary(): void {
    this.db.exec(`
      DELETE FROM vocab;
      INSERT INTO vocab (term, df) SELECT term, doc FROM events_vocab WHERE length(term) BETWEEN 1 AND 40;
      INSERT INTO vocab_trigram (vocab_trigram) VALUES ('rebuild');
    `);
  }

  private rebuildThemeCounts(): void {
    this.db.exec(`
      DELETE FROM theme_counts;
      INSERT INTO theme_counts (title, count)
        SELECT min(t.value), count(DISTINCT e.seq) FROM events e, json_each(e.themes) t GROUP BY lower(t.value);
    `);
  }

  /** Rebuilds the vocabulary and theme counts whole, in a transaction of its own (or the caller's). */
  refresh(): void {
    this.db.transaction(() => {
      this.rebuildVocabulary();
      this.rebuildThemeCounts();
      this.statements.markDerived.run(0, 0);
    })();
  }

  /** Compares the indexes with the events: cheap counts always, row by row only when they differ or `thorough`. */
  health(thorough = false): IndexHealth {
    const count = (sql: string) => (this.db.prepare(sql).pluck().get() as number) ?? 0;
    const events = count('SELECT count(*) FROM events');
    const indexed = {
      all: count('SELECT count(*) FROM events_fts_docsize'),
      short: count('SELECT count(*) FROM short_fts_docsize'),
    };
    const state = this.db.prepare('SELECT data_gen, derived_gen FROM search_state WHERE id = 1').get() as
      | { data_gen: number; derived_gen: number }
      | undefined;
    const derivedCurrent = state !== undefined && state.data_gen === state.derived_gen;
    let missing = 0;
    let orphans = 0;
    if (thorough || indexed.all !== events || indexed.short !== events) {
      for (const table of ['events_fts_docsize', 'short_fts_docsize']) {
        missing += count(`SELECT count(*) FROM events WHERE seq NOT IN (SELECT id FROM ${table})`);
        orphans += count(`SELECT count(*) FROM ${table} WHERE id NOT IN (SELECT seq FROM events)`);
      }
    }
    const ok =
      derivedCurrent && missing === 0 && orphans === 0 && indexed.all === events && indexed.short === events;
    return { ok, events, indexed, missing, orphans, derivedCurrent };
  }

  /**
   * Rebuilds both full-text indexes from the stored events (`events` yields them with their seq),
   * then everything derived; call inside a write transaction.
   */
  reindex(events: Iterable<{ seq: number; event: Event }>): void {
    this.db.exec(
      `INSERT INTO events_fts (events_fts) VALUES ('delete-all');
       INSERT INTO short_fts (short_fts) VALUES ('delete-all');`,
    );
    this.beginBulk();
    // The themes table is whole already: its counts are counted again, not added to.
    this.themeDeltasComplete = false;
    for (const { seq, event } of events) this.index(seq, event);
    this.finish();
  }
}

/** SQLite's lower(): ASCII letters only, so a title folded here finds its row by `lower(title) = ?`. */
function sqliteLower(text: string): string {
  return /[^\x00-\x7f]/.test(text) ? text.replace(/[A-Z]+/g, (run) => run.toLowerCase()) : text.toLowerCase();
}
