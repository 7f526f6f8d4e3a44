import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import type { Event } from '../core/model.js';
import type { Db } from './database.js';

/**
 * An event's long text, stored as one compressed blob (events.text) rather than as plain columns: the
 * summary, the body, each theme's summary (in theme order) and each speaker's role (in speaker order,
 * '' for none). They are most of an event's bytes and are read only for the few events a reply shows.
 */
export interface LongText {
  summary: string;
  body: string;
  themeSummaries: string[];
  roles: string[];
}

/** The long text of an event, as {@link EventTextCodec.pack} takes it. */
export function longTextOf(event: Event): LongText {
  return {
    summary: event.summary,
    body: event.body,
    themeSummaries: event.themes.map((t) => t.summary),
    roles: event.speakers.map((s) => s.role ?? ''),
  };
}

/**
 * zlib level 2 with a 32 KB preset dictionary (deflate's whole window): on the generated archive, about
 * 0.21 of the text's size at 60-70 µs an event; 0.27 with 8 KB at 40-50 µs, 0.46 without one. A
 * dictionary is a sample of the archive's own text (house style, names, roles), so it fits a real
 * archive as well.
 */
const LEVEL = 2;
const DICTIONARY_BYTES = 32768;
/** Dictionary id 0: plain deflate, for databases that have none yet (small or migrated ones). */
const NO_DICTIONARY = 0;
const MAX_DICTIONARY_ID = 255;

/** The blob: one byte naming the dictionary, then raw deflate of the JSON [summary, body, theme summaries, roles]. */
export function packText(text: LongText, dictionaryId = NO_DICTIONARY, dictionary?: Buffer): Buffer {
  const json = JSON.stringify([text.summary, text.body, text.themeSummaries, text.roles]);
  const packed = deflateRawSync(json, dictionary ? { level: LEVEL, dictionary } : { level: LEVEL });
  const out = Buffer.allocUnsafe(packed.length + 1);
  out[0] = dictionaryId;
  packed.copy(out, 1);
  return out;
}

function unpackWith(blob: Uint8Array, dictionary?: Buffer): LongText {
  const body = blob.subarray(1);
  const json = inflateRawSync(body, dictionary ? { dictionary } : {}).toString('utf8');
  const [summary, text, themeSummaries, roles] = JSON.parse(json) as [string, string, string[], string[]];
  return { summary, body: text, themeSummaries, roles };
}

/**
 * Packs and unpacks events' long text with this database's dictionary. The dictionary is made once,
 * from the first large write's own events, and kept in text_dictionaries for as long as any blob names it.
 */
export class EventTextCodec {
  private readonly dictionaries = new Map<number, Buffer>();
  private current: { id: number; bytes: Buffer } | undefined;
  private loaded = false;

  constructor(private readonly db: Db) {}

  pack(text: LongText): Buffer {
    this.load();
    return this.current ? packText(text, this.current.id, this.current.bytes) : packText(text);
  }

  /** The dictionary {@link pack} packs with now, if the database has one. */
  dictionary(): { id: number; bytes: Buffer } | undefined {
    this.load();
    return this.current && { ...this.current };
  }

  /** `mayQuery` false inside an SQL function, which may not run a statement: call {@link refresh} before. */
  unpack(blob: Uint8Array, mayQuery = true): LongText {
    const id = blob[0];
    if (id === NO_DICTIONARY) return unpackWith(blob);
    let dictionary = this.dictionaries.get(id);
    if (!dictionary && mayQuery) {
      // Made by another connection since this one last looked.
      this.reload();
      dictionary = this.dictionaries.get(id);
    }
    // Inside an SQL function this connection is busy with the statement calling it, and the statement may
    // read rows another connection packed (its first large import) after {@link refresh}: a dictionary is
    // never changed once written, so a second connection reads it.
    if (!dictionary && !mayQuery) dictionary = this.readAside(id);
    if (!dictionary) throw new Error(`events.text names dictionary ${id}, which the database lacks`);
    return unpackWith(blob, dictionary);
  }

  /** Reads the dictionaries another connection made since this one last looked (one small query). */
  refresh(): void {
    this.load();
    const latest = this.db.prepare('SELECT max(id) FROM text_dictionaries').pluck().get() as number | null;
    if ((latest ?? undefined) !== this.current?.id) this.reload();
  }

  /**
   * Makes this database's dictionary from the long text of a sample of `events` (evenly spaced),
   * unless it has one. Call inside the write transaction.
   */
  train(events: readonly Event[]): void {
    this.load();
    if (this.current || !events.length) return;
    const parts: string[] = [];
    let bytes = 0;
    const step = Math.max(1, Math.floor(events.length / 64));
    for (let i = 0; i < events.length && bytes < DICTIONARY_BYTES; i += step) {
      const t = longTextOf(events[i]);
      const part = [t.summary, ...t.themeSummaries, ...t.roles, t.body].join(' ');
      parts.push(part);
      bytes += Buffer.byteLength(part);
    }
    const all = Buffer.from(parts.join(' '));
    const sample = all.subarray(Math.max(0, all.length - DICTIONARY_BYTES));
    if (sample.length < 512) return;
    const id = this.nextId();
    if (id > MAX_DICTIONARY_ID) return;
    this.db.prepare('INSERT INTO text_dictionaries (id, bytes) VALUES (?, ?)').run(id, sample);
    this.dictionaries.set(id, sample);
    this.current = { id, bytes: sample };
  }

  /** Dictionary `id` read through a connection of its own (a file's only: a memory database has one connection). */
  private readAside(id: number): Buffer | undefined {
    if (this.db.memory) return undefined;
    // This connection's own class: importing better-sqlite3 here would load it into the prepare worker too.
    const Sqlite = this.db.constructor as new (path: string, options: Database.Options) => Db;
    const other = new Sqlite(this.db.name, { readonly: true, fileMustExist: true });
    try {
      const bytes = other.prepare('SELECT bytes FROM text_dictionaries WHERE id = ?').pluck().get(id) as
        | Buffer
        | undefined;
      if (bytes) this.dictionaries.set(id, bytes);
      return bytes;
    } finally {
      other.close();
    }
  }

  /** Forgets what was read, after a rolled-back transaction may have taken a new dictionary with it. */
  reload(): void {
    this.loaded = false;
    this.load();
  }

  private nextId(): number {
    return (
      ((this.db.prepare('SELECT max(id) FROM text_dictionaries').pluck().get() as number | null) ?? 0) + 1
    );
  }

  private load(): void {
    if (this.loaded) return;
    this.dictionaries.clear();
    this.current = undefined;
    const rows = this.db.prepare('SELECT id, bytes FROM text_dictionaries ORDER BY id').all() as {
      id: number;
      bytes: Buffer;
    }[];
    for (const row of rows) {
      this.dictionaries.set(row.id, row.bytes);
      this.current = { id: row.id, bytes: row.bytes };
    }
    this.loaded = true;
  }
}
