import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/core/model.js';
import { migrate, openDatabase, readMigrations } from '../../../src/storage/database.js';
import { EventStore } from '../../../src/storage/event-repository.js';
import { ftsDocument } from '../../../src/storage/search/fts-document.js';
import { SearchIndexWriter } from '../../../src/storage/search/index-writer.js';
import { SqliteSearchIndex } from '../../../src/storage/search/search-index.js';

const event = (overrides: object = {}) => {
  const result = parseEvent({
    id: 'forum',
    title: 'Mediation in the Sahel',
    type: 'Policy Forum',
    start: '2019-03-12T13:15:00-04:00',
    location: 'Dakar',
    hosts: ['International Peace Institute'],
    themes: [{ title: 'Local ceasefires', summary: 'Truces negotiated village by village' }],
    speakers: [{ name: 'Amina Diallo', role: 'Special Envoy' }],
    summary: 'How mediators work with armed groups.',
    ...overrides,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return { ...result.event, source: { file: 'a.jsonl', line: 1 } };
};

function setup() {
  const db = openDatabase(':memory:');
  migrate(db);
  const writer = new SearchIndexWriter(db);
  const store = new EventStore(db, 'UTC', writer);
  const index = new SqliteSearchIndex(db, store);
  const ids = (column: string, word: string, scope: 'short' | 'all' = 'all') =>
    index
      .match({ clauses: [{ groups: [[word]], columns: [column as never] }], filters: {}, limit: 10, scope })
      .map((m) => m.id);
  return { db, writer, store, index, ids };
}

describe('ftsDocument', () => {
  it('puts short fields apart from long text, with host acronyms, type and place among the tags', () => {
    const doc = ftsDocument(event());
    expect(doc.title).toBe('Mediation in the Sahel');
    expect(doc.tags.split(' \n ')).toEqual(['IPI', 'Policy Forum', 'Dakar']);
    expect(doc.body).toContain('village by village');
    expect(doc.body).toContain('Special Envoy');
    expect(doc.themes).not.toContain('village');
  });
});

describe('SearchIndexWriter', () => {
  it('makes an event findable by each column in both indexes as the store writes it', () => {
    const { store, ids } = setup();
    store.replaceFileEvents('a.jsonl', 'h1', [event()]);
    expect(ids('title', 'sahel', 'short')).toEqual(['forum']);
    expect(ids('speakers', 'diallo', 'short')).toEqual(['forum']);
    expect(ids('tags', 'ipi', 'short')).toEqual(['forum']);
    expect(ids('tags', 'dakar', 'short')).toEqual(['forum']);
    expect(ids('body', 'village')).toEqual(['forum']);
    expect(ids('summary', 'mediators')).toEqual(['forum']);
  });

  it('takes a removed or rewritten event out of both indexes', () => {
    const { store, ids } = setup();
    store.replaceFileEvents('a.jsonl', 'h1', [event(), event({ id: 'other', title: 'Sahel water' })]);
    store.replaceFileEvents('a.jsonl', 'h2', [event({ title: 'Dialogue in Mali' })]);
    expect(ids('title', 'sahel', 'short')).toEqual([]);
    expect(ids('title', 'sahel')).toEqual([]);
    expect(ids('title', 'mali', 'short')).toEqual(['forum']);
  });

  it('commits the vocabulary that spelling correction reads, with document counts, with the events', () => {
    const { store, index } = setup();
    store.replaceFileEvents('a.jsonl', 'h1', [event(), event({ id: 'b', title: 'Mediation and spoilers' })]);
    expect(index.termFrequency('mediation')).toBe(2);
    expect(index.termFrequency('spoilers')).toBe(1);
    expect(index.similarTerms('mediaton', 5).map((t) => t.term)).toContain('mediation');
    expect(index.termsWithPrefix('spoil', 5)).toEqual([{ term: 'spoilers', df: 1 }]);
  });

  it('keeps vocabulary and theme counts by deltas after small writes exactly as a whole rebuild makes them', () => {
    const { db, store } = setup();
    const derived = () => ({
      vocab: db.prepare('SELECT term, df FROM vocab ORDER BY term').all(),
      trigram: db.prepare(`SELECT count(*) AS n FROM vocab_trigram WHERE vocab_trigram MATCH '"poi"'`).get(),
      themes: db.prepare('SELECT lower(title) AS t, count FROM theme_counts ORDER BY t').all(),
    });
    store.replaceFileEvents('a.jsonl', 'h1', [
      event(),
      event({ id: 'b', title: 'Spoilers of peace', themes: [{ title: 'Local ceasefires', summary: '' }] }),
    ]);
    store.replaceFileEvents('a.jsonl', 'h2', [
      event({
        id: 'b',
        title: 'Mediation and spoilers',
        themes: [{ title: 'Spoilers', summary: 'Who gains' }],
      }),
      event({ id: 'c', title: 'Water points', themes: [{ title: 'local ceasefires', summary: '' }] }),
    ]);
    store.removeArchiveFile('missing.jsonl');
    const byDeltas = derived();
    expect(byDeltas.vocab).toContainEqual({ term: 'spoilers', df: 1 });
    expect(byDeltas.vocab).not.toContainEqual(expect.objectContaining({ term: 'sahel' }));
    store.refreshVocabulary();
    expect(derived()).toEqual(byDeltas);
    expect(store.indexHealth(true).ok).toBe(true);
  });

  it('leaves the vocabulary as it was when a write fails before committing', () => {
    const { store, index } = setup();
    store.replaceFileEvents('a.jsonl', 'h1', [event()]);
    expect(() =>
      store.batch(() => {
        store.replaceFileEvents('b.jsonl', 'h2', [event({ id: 'b', title: 'Spoilers' })]);
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(index.termFrequency('spoilers')).toBe(0);
    store.replaceFileEvents('b.jsonl', 'h2', [event({ id: 'b', title: 'Spoilers' })]);
    expect(index.termFrequency('spoilers')).toBe(1);
    expect(index.termFrequency('mediation')).toBe(1);
  });

  it('builds a large import in bulk, the vocabulary rebuilt once, whole', () => {
    const { store, index } = setup();
    const many = Array.from({ length: 1200 }, (_, i) =>
      event({
        id: `e${i}`,
        title: `Session ${i} on mediation`,
        start: `2019-03-${String((i % 28) + 1).padStart(2, '0')}`,
      }),
    );
    store.replaceFileEvents('big.jsonl', 'h1', many);
    expect(index.termFrequency('mediation')).toBe(1200);
    expect(index.termFrequency('1199')).toBe(1);
    expect(store.indexHealth(true)).toMatchObject({ ok: true, events: 1200, missing: 0, orphans: 0 });
  });
});

describe('theme counts after a bulk load', () => {
  it('counts added events by deltas exactly as a whole rebuild counts them, spellings included', () => {
    const { db, store } = setup();
    const counts = () => db.prepare('SELECT title, count FROM theme_counts ORDER BY title').all();
    const spellings = ['Financing', 'financing', 'FINANCING', 'Éducation', 'éducation', 'Local ceasefires'];
    const batch = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) =>
        event({
          id: `e${from + i}`,
          start: `2019-03-${String(((from + i) % 28) + 1).padStart(2, '0')}`,
          themes: [
            { title: spellings[(from + i) % spellings.length], summary: '' },
            { title: spellings[(from + i + 1) % spellings.length], summary: '' },
            { title: (from + i) % 3 ? 'financing' : 'Financing', summary: '' },
          ],
        }),
      );
    store.replaceFileEvents('a.jsonl', 'h1', batch(0, 1100));
    store.replaceFileEvents('b.jsonl', 'h2', batch(1100, 1100));
    const byDeltas = counts();
    expect(byDeltas).toContainEqual({ title: 'FINANCING', count: expect.any(Number) });
    store.refreshVocabulary();
    expect(counts()).toEqual(byDeltas);
    store.replaceFileEvents('a.jsonl', 'h3', batch(0, 1050));
    const afterRemovals = counts();
    store.refreshVocabulary();
    expect(counts()).toEqual(afterRemovals);
  });
});

describe('index health and repair', () => {
  it('finds events missing from the index and index rows left without an event, and rebuilds both indexes', () => {
    const { db, store, ids } = setup();
    store.replaceFileEvents('a.jsonl', 'h1', [event(), event({ id: 'b', title: 'Water and peace' })]);
    const seqOf = (id: string) =>
      (db.prepare('SELECT seq FROM events WHERE id = ?').get(id) as { seq: number }).seq;
    db.prepare('DELETE FROM short_fts WHERE rowid = ?').run(seqOf('b'));
    db.prepare("INSERT INTO events_fts (rowid, title) VALUES (42, 'ghost')").run();
    expect(ids('title', 'water', 'short')).toEqual([]);
    const health = store.indexHealth();
    expect(health).toMatchObject({ ok: false, events: 2, missing: 1, orphans: 1 });
    expect(store.repairIndex()).toMatchObject({ repaired: 'reindexed', missing: 1 });
    expect(ids('title', 'water', 'short')).toEqual(['b']);
    expect(ids('title', 'ghost')).toEqual([]);
    expect(store.indexHealth(true).ok).toBe(true);
    expect(store.repairIndex()).toMatchObject({ repaired: 'nothing', ok: true });
  });

  it('rebuilds the vocabulary and theme counts when events were written without them', () => {
    const { db, store, index } = setup();
    store.replaceFileEvents('a.jsonl', 'h1', [event()]);
    // What a crash between an import's commit and a separate refresh used to leave behind.
    db.exec('DELETE FROM vocab; DELETE FROM theme_counts; UPDATE search_state SET data_gen = data_gen + 1');
    expect(store.indexHealth()).toMatchObject({ ok: false, derivedCurrent: false, missing: 0 });
    expect(store.repairIndex()).toMatchObject({ repaired: 'derived' });
    expect(index.termFrequency('mediation')).toBe(1);
    expect(index.themeCounts(5).themes).toEqual([{ title: 'Local ceasefires', count: 1 }]);
  });

  it('marks a database from before derived state was tracked as needing a rebuild', () => {
    const db = openDatabase(':memory:');
    migrate(
      db,
      readMigrations().filter((m) => m.version < 14),
    );
    // Version 10 refreshed the vocabulary in its own transaction after the events committed.
    db.prepare(
      'INSERT INTO events (seq, id, title, type, start, start_ms, content_hash, updated_ms) VALUES (1, ?, ?, ?, ?, 0, ?, 0)',
    ).run('x', 'Spoilers', 'Panel', '1970-01-01', 'h');
    db.prepare("INSERT INTO events_fts (rowid, title) VALUES (1, 'Spoilers')").run();
    db.prepare("INSERT INTO short_fts (rowid, title) VALUES (1, 'Spoilers')").run();
    migrate(db);
    const store10 = new EventStore(db, 'UTC', new SearchIndexWriter(db));
    // Migration 018 renumbered the rows and emptied both indexes, so the repair rebuilds them too.
    expect(store10.indexHealth()).toMatchObject({ ok: false, derivedCurrent: false });
    expect(store10.repairIndex()).toMatchObject({ repaired: 'reindexed' });
    expect(new SqliteSearchIndex(db, store10).termFrequency('spoilers')).toBe(1);
  });
});
