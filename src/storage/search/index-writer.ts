import type { Statement } from 'better-sqlite3';
import type { Event } from '../../core/model.js';
import { acronymsIn } from '../../core/search/field-terms.js';
import { acronymOf } from '../../core/text.js';
import type { Db } from '../database.js';

/** The text of one event as the full-text index holds it, column by column (see 001-events.sql). */
export interface FtsDocument {
  title: string;
  themes: string;
  speakers: string;
  hosts: string;
  tags: string;
  summary: string;
  body: string;
}

/** Values of a list field, one a line. */
const SEPARATOR = ' \n ';

/**
 * What search indexes of an event, and in which column: short fields (title, themes, people, tags with
 * the acronyms its hosts, themes and text stand for, type and place) apart from long text (body, theme summaries, speakers' roles).
 */
export function ftsDocument(event: Event): FtsDocument {
  const themes = event.themes.map((t) => t.title);
  const acronyms = new Map<string, string>();
  for (const a of event.hosts.map(acronymOf)) if (a) acronyms.set(a.toLowerCase(), a);
  const text = [event.title, ...themes, event.summary].join(' \n ');
  for (const a of acronymsIn(text, [...themes, ...event.hosts])) if (!acronyms.has(a)) acronyms.set(a, a);
  return {
    title: event.title,
    themes: event.themes.map((t) => t.title).join(SEPARATOR),
    speakers: event.speakers.map((s) => s.name).join(SEPARATOR),
    hosts: event.hosts.join(SEPARATOR),
    tags: [...event.tags, ...acronyms.values(), event.type, event.location ?? ''].join(SEPARATOR),
    summary: event.summary,
    body: [
      event.body,
      ...event.themes.map((t) => t.summary),
      ...event.speakers.map((s) => s.role ?? ''),
    ].join(SEPARATOR),
  };
}

/**
 * The write side of search, the only code that writes its tables: the two full-text indexes (rows
 * keyed by the event's seq), and the vocabulary, trigram and theme-count tables derived from them.
 * The event store calls `index`/`remove` inside its own transaction for every event it writes, and
 * `refresh` runs once after an import that changed anything.
 */
export class SearchIndexWriter {
  private readonly statements: Record<
    'insertFts' | 'insertShortFts' | 'deleteFts' | 'deleteShortFts',
    Statement
  >;

  constructor(private readonly db: Db) {
    this.statements = {
      insertFts: db.prepare(
        `INSERT INTO events_fts (rowid, title, themes, speakers, hosts, tags, summary, body)
         VALUES (@seq, @title, @themes, @speakers, @hosts, @tags, @summary, @body)`,
      ),
      insertShortFts: db.prepare(
        `INSERT INTO short_fts (rowid, title, themes, speakers, hosts, tags)
         VALUES (@seq, @title, @themes, @speakers, @hosts, @tags)`,
      ),
      deleteFts: db.prepare('DELETE FROM events_fts WHERE rowid = ?'),
      deleteShortFts: db.prepare('DELETE FROM short_fts WHERE rowid = ?'),
    };
  }

  /** Indexes an event under its seq; the seq must not be indexed already (`remove` it first). */
  index(seq: number, event: Event): void {
    const { summary, body, ...short } = ftsDocument(event);
    this.statements.insertFts.run({ seq, ...short, summary, body });
    this.statements.insertShortFts.run({ seq, ...short });
  }

  /** Takes an event's rows out of both indexes (a no-op for a seq never indexed). */
  remove(seq: number): void {
    this.statements.deleteFts.run(seq);
    this.statements.deleteShortFts.run(seq);
  }

  /**
   * Rebuilds what is derived from the indexed text: the word list that typos are corrected against
   * (with its document counts), its trigram index, and the theme counts behind `/event themes`.
   * Once per import, not per file: it reads the whole index.
   */
  refresh(): void {
    this.db.exec(`
      BEGIN;
      DELETE FROM vocab;
      INSERT INTO vocab (term, df) SELECT term, doc FROM events_vocab WHERE length(term) BETWEEN 1 AND 40;
      INSERT INTO vocab_trigram (vocab_trigram) VALUES ('rebuild');
      DELETE FROM theme_counts;
      INSERT INTO theme_counts (title, count)
        SELECT min(title), count(DISTINCT event_seq) FROM themes GROUP BY lower(title);
      COMMIT;
    `);
  }
}
