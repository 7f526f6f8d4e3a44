import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Event, parseEvent } from '../../src/core/model.js';
import { type Db, migrate, openDatabase } from '../../src/storage/database.js';
import { EventStore } from '../../src/storage/event-repository.js';
import { tempDir } from '../helpers/temp.js';

const event = (i: number): Event => {
  const result = parseEvent({
    id: `e-${i}`,
    title: `Roundtable ${i} on mediation`,
    start: `2020-01-01T${String(i % 24).padStart(2, '0')}:00:00Z`,
    summary: `Participants discussed local ceasefires and the role of regional envoys, meeting ${i}.`,
    body: i % 3 ? '' : `A longer account of meeting ${i}, with its recommendations.`,
    themes: [{ title: 'Ceasefires', summary: `What held in case ${i}.` }, 'Envoys'],
    speakers: [{ name: `Speaker ${i}`, role: `Special Envoy for region ${i % 7}` }, `Guest ${i}`],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.event;
};

const dictionaries = (db: Db) => db.prepare('SELECT count(*) FROM text_dictionaries').pluck().get();

describe('events long text', () => {
  it('is packed with a dictionary made from the first large import, and reads back whole', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const store = new EventStore(db, 'UTC');
    const events = Array.from({ length: 1500 }, (_, i) => event(i));
    store.replaceFileEvents('a.jsonl', 'h1', events);
    expect(dictionaries(db)).toBe(1);
    expect(store.getManyByIds(events.map((e) => e.id))).toEqual(events);
    // A second store on the same file (another process) reads them with the same dictionary.
    expect(new EventStore(db, 'UTC').getById('e-7')).toEqual(events[7]);
  });

  it('forgets a dictionary whose transaction rolled back, and goes on writing readable text', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const store = new EventStore(db, 'UTC');
    const events = Array.from({ length: 1200 }, (_, i) => event(i));
    expect(() =>
      store.batch(() => {
        store.replaceFileEvents('a.jsonl', 'h1', events);
        throw new Error('disk full');
      }),
    ).toThrow(/disk full/);
    expect(dictionaries(db)).toBe(0);
    store.replaceFileEvents('b.jsonl', 'h2', [event(1)]);
    expect(new EventStore(db, 'UTC').getById('e-1')).toEqual(event(1));
  });

  it('reads, inside an SQL function, text packed with a dictionary another connection made since it looked', () => {
    const path = join(tempDir(), 'race.db');
    const reader = openDatabase(path);
    migrate(reader);
    const readerStore = new EventStore(reader, 'UTC');
    readerStore.texts.refresh(); // what a phrase search does before its query: no dictionary yet
    const writer = openDatabase(path);
    const events = Array.from({ length: 1500 }, (_, i) => event(i));
    new EventStore(writer, 'UTC').replaceFileEvents('a.jsonl', 'h1', events);
    const blob = reader.prepare('SELECT text FROM events WHERE id = ?').pluck().get('e-7') as Buffer;
    expect(blob[0]).toBe(1);
    // mayQuery false: the reader's connection is busy with the statement that called the function.
    expect(readerStore.texts.unpack(blob, false).summary).toBe(events[7].summary);
    writer.close();
    reader.close();
  });
});
