import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/core/model.js';
import { SEQ_PER_MINUTE, seqBounds } from '../../src/storage/event-repository.js';
import { memoryContext } from '../helpers/context.js';

const event = (overrides: object = {}) => {
  const result = parseEvent({
    id: 'forum',
    title: 'Mediation in the Sahel',
    start: '2019-03-12T13:15:00-04:00',
    themes: ['Local ceasefires'],
    speakers: [{ name: 'Amina Diallo', role: 'Envoy' }],
    ...overrides,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.event;
};

describe('EventStore', () => {
  it('keeps rowids in start-time order so date ranges map to rowid ranges', () => {
    const { store, db } = memoryContext();
    store.replaceFileEvents('a.jsonl', 'h1', [
      event({ id: 'late', start: '2020-01-01' }),
      event({ id: 'early', start: '2010-01-01' }),
      event({ id: 'same-minute', start: '2020-01-01' }),
    ]);
    const seqs = db.prepare('SELECT id, seq FROM events ORDER BY seq').all() as { id: string; seq: number }[];
    expect(seqs.map((r) => r.id)).toEqual(['early', 'late', 'same-minute']);
    expect(seqs[2].seq - seqs[1].seq).toBe(1);
    const { from, to } = seqBounds(Date.parse('2020-01-01T00:00:00Z'), Date.parse('2020-01-02T00:00:00Z'));
    expect(seqs.filter((r) => r.seq >= from! && r.seq < to!).map((r) => r.id)).toEqual([
      'late',
      'same-minute',
    ]);
    expect(SEQ_PER_MINUTE).toBeGreaterThan(1000);
  });

  it('moves an event whose start changes, keeping its themes, people and full-text entry', () => {
    const { store, db } = memoryContext();
    store.replaceFileEvents('a.jsonl', 'h1', [event()]);
    const outcome = store.replaceFileEvents('a.jsonl', 'h2', [event({ start: '2021-06-01T10:00:00+02:00' })]);
    expect(outcome.updated).toEqual(['forum']);
    const moved = store.getById('forum')!;
    expect(moved.start).toBe('2021-06-01T10:00:00+02:00');
    expect(moved.themes).toEqual([{ title: 'Local ceasefires', summary: '' }]);
    expect(moved.speakers).toEqual([{ name: 'Amina Diallo', role: 'Envoy' }]);
    const fts = db
      .prepare("SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH 'ceasefires'")
      .get() as { n: number };
    expect(fts.n).toBe(1);
    expect((db.prepare('SELECT count(*) AS n FROM themes').get() as { n: number }).n).toBe(1);
  });

  it('loads many events at once, in the order asked, skipping unknown ids', () => {
    const { store } = memoryContext();
    store.replaceFileEvents('a.jsonl', 'h1', [event({ id: 'a' }), event({ id: 'b', start: '2001-01-01' })]);
    expect(store.getManyByIds(['b', 'missing', 'a']).map((e) => e.id)).toEqual(['b', 'a']);
  });

  it('keeps the theme counts behind /event themes current after each import', () => {
    const context = memoryContext();
    context.store.replaceFileEvents('a.jsonl', 'h1', [
      event({ id: 'a' }),
      event({ id: 'b', themes: ['local ceasefires'] }),
    ]);
    context.store.refreshVocabulary();
    expect(context.commands.index.themeCounts(10)).toEqual({
      themes: [{ title: 'Local ceasefires', count: 2 }],
      total: 1,
    });
    context.store.replaceFileEvents('a.jsonl', 'h2', [
      event({ id: 'a', themes: ['Spoilers'] }),
      event({ id: 'b', themes: ['Spoilers', 'Local ceasefires'] }),
    ]);
    context.store.refreshVocabulary();
    expect(context.commands.index.themeCounts(1)).toEqual({
      themes: [{ title: 'Spoilers', count: 2 }],
      total: 2,
    });
  });
});
