import { describe, expect, it } from 'vitest';
import { eventKey } from '../../src/core/model.js';
import { EventStore } from '../../src/storage/event-repository.js';
import { memoryContext } from '../helpers/context.js';
import { makeEvent } from '../helpers/events.js';

const LONG_ID = `2027-03-10-${'nile-basin-'.repeat(22)}`;

describe('short event keys in the store', () => {
  it('finds an event by its id or by its short key, in the order asked', () => {
    const context = memoryContext();
    const events = [
      makeEvent({ id: LONG_ID, title: 'Nile' }),
      makeEvent({ id: 'short-one', title: 'Short' }),
    ];
    context.store.replaceFileEvents('a.json', 'h', events);
    expect(context.store.getManyByIds(['short-one', eventKey(LONG_ID)]).map((e) => e.id)).toEqual([
      'short-one',
      LONG_ID,
    ]);
    expect(context.store.getManyByIds([eventKey('not-stored')])).toEqual([]);
    context.close();
  });

  it('gives rows stored before keys existed their keys when the store opens', () => {
    const context = memoryContext();
    context.store.replaceFileEvents('a.json', 'h', [makeEvent({ id: LONG_ID, title: 'Nile' })]);
    context.db.exec('UPDATE events SET key = NULL');
    const reopened = new EventStore(context.db);
    expect(reopened.getManyByIds([eventKey(LONG_ID)]).map((e) => e.id)).toEqual([LONG_ID]);
    context.close();
  });
});
