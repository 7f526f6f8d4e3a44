import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/core/model.js';
import { migrate, openDatabase } from '../../../src/storage/database.js';
import { EventStore } from '../../../src/storage/event-repository.js';
import { ftsDocument, SearchIndexWriter } from '../../../src/storage/search/index-writer.js';
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

  it('refreshes the vocabulary that spelling correction reads, with document counts', () => {
    const { store, index } = setup();
    store.replaceFileEvents('a.jsonl', 'h1', [event(), event({ id: 'b', title: 'Mediation and spoilers' })]);
    expect(index.termFrequency('mediation')).toBe(0);
    store.refreshVocabulary();
    expect(index.termFrequency('mediation')).toBe(2);
    expect(index.termFrequency('spoilers')).toBe(1);
    expect(index.similarTerms('mediaton', 5).map((t) => t.term)).toContain('mediation');
    expect(index.termsWithPrefix('spoil', 5)).toEqual([{ term: 'spoilers', df: 1 }]);
  });
});
