import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/core/model.js';
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
  it('keeps rowids in start-time order, densely, so date ranges map to rowid ranges', () => {
    const { store, db, commands } = memoryContext();
    store.replaceFileEvents('a.jsonl', 'h1', [
      event({ id: 'late', start: '2020-01-01' }),
      event({ id: 'early', start: '2010-01-01' }),
      event({ id: 'same-minute', start: '2020-01-01' }),
    ]);
    const seqs = db.prepare('SELECT id, seq FROM events ORDER BY seq').all() as { id: string; seq: number }[];
    expect(seqs.map((r) => r.id)).toEqual(['early', 'late', 'same-minute']);
    expect(seqs[1].seq).toBe(Date.parse('2020-01-01T00:00:00Z') / 60_000);
    expect(seqs[2].seq - seqs[1].seq).toBe(1);
    const day = { fromMs: Date.parse('2020-01-01T00:00:00Z'), toMs: Date.parse('2020-01-02T00:00:00Z') };
    const matched = commands.index.match({ clauses: [{ groups: [['mediation']] }], filters: day, limit: 10 });
    expect(matched.map((m) => m.id).sort()).toEqual(['late', 'same-minute']);
  });

  it('makes room for an event between two whose rowids are consecutive, keeping order and the index', () => {
    const { store, db, commands } = memoryContext();
    const crowd = Array.from({ length: 5 }, (_, i) =>
      event({ id: `at-nine-${i}`, start: `2024-05-01T09:0${i}:00Z` }),
    );
    store.replaceFileEvents('a.jsonl', 'h1', [
      event({ id: 'at-eight', start: '2024-05-01T08:59:00Z' }),
      ...crowd,
    ]);
    // Two events at 09:00 already fill 09:00 and 09:01's rowids: the later ones move up.
    store.replaceFileEvents('b.jsonl', 'h1', [
      event({ id: 'also-nine', start: '2024-05-01T09:00:00Z', title: 'Spoilers in the Sahel' }),
    ]);
    const order = (db.prepare('SELECT id FROM events ORDER BY seq').pluck().all() as string[]).join(' ');
    expect(order).toBe('at-eight at-nine-0 also-nine at-nine-1 at-nine-2 at-nine-3 at-nine-4');
    expect(store.indexHealth(true)).toMatchObject({ ok: true, missing: 0, orphans: 0 });
    const from = Date.parse('2024-05-01T09:01:00Z');
    const later = commands.index.match({
      clauses: [{ groups: [['mediation']] }],
      filters: { fromMs: from },
      limit: 10,
    });
    expect(later.map((m) => m.id).sort()).toEqual(['at-nine-1', 'at-nine-2', 'at-nine-3', 'at-nine-4']);
    expect(store.getById('at-nine-3')).toEqual(crowd[3]);
    expect(
      commands.index.match({ clauses: [{ groups: [['spoilers']] }], filters: {}, limit: 5 }),
    ).toHaveLength(1);
  });

  it('stores a thousand events starting in the same minute, all inside that minute for date filters', () => {
    const { store, commands } = memoryContext();
    const crowd = Array.from({ length: 1200 }, (_, i) =>
      event({ id: `session-${i}`, start: '2024-05-01T09:00:00Z', title: `Breakout session ${i}` }),
    );
    const before = event({ id: 'before', start: '2024-05-01T08:59:00Z' });
    const after = event({ id: 'after', start: '2024-05-01T09:01:00Z' });
    store.replaceFileEvents('a.jsonl', 'h1', [...crowd, before, after]);
    const from = Date.parse('2024-05-01T09:00:00Z');
    const ids = commands.index.browse({ fromMs: from, toMs: from + 60_000 }, 'asc', 2000, 0);
    expect(ids).toHaveLength(1200);
    expect(ids).not.toContain('before');
    expect(ids).not.toContain('after');
    const matched = commands.index.match({
      clauses: [{ groups: [['breakout']] }],
      filters: { fromMs: from, toMs: from + 60_000 },
      limit: 2000,
    });
    expect(matched).toHaveLength(1200);
  });

  it('keeps every theme, host and speaker of an event in order, past what one insert statement holds', () => {
    const { store } = memoryContext();
    const many = event({
      themes: Array.from({ length: 70 }, (_, i) => ({ title: `Theme ${i}`, summary: `Summary ${i}` })),
      hosts: Array.from({ length: 65 }, (_, i) => `Host ${i}`),
      speakers: Array.from({ length: 130 }, (_, i) =>
        i % 2 ? { name: `Speaker ${i}`, role: `Role ${i}` } : `Speaker ${i}`,
      ),
    });
    store.replaceFileEvents('a.jsonl', 'h1', [many]);
    expect(store.getById('forum')).toEqual(many);
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
    expect(store.stats().themes).toBe(1);
  });

  it('gives an event whose start moves past its neighbour a rowid in its new place', () => {
    const { store, db } = memoryContext();
    const a = event({ id: 'a', start: '2020-01-01T10:00:00Z' });
    const b = event({ id: 'b', start: '2020-01-01T11:00:00Z' });
    store.replaceFileEvents('a.jsonl', 'h1', [a, b]);
    store.replaceFileEvents('a.jsonl', 'h2', [{ ...a, start: '2020-01-01T12:00:00Z' }, b]);
    expect(db.prepare('SELECT id FROM events ORDER BY seq').pluck().all()).toEqual(['b', 'a']);
    expect(store.indexHealth(true)).toMatchObject({ ok: true });
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
