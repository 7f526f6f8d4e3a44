import { afterAll, describe, expect, it } from 'vitest';
import { mentionedEventsCommand } from '../../../src/core/shortcuts/mentioned-events.js';
import { searchByForm } from '../../../src/core/shortcuts/search-form.js';
import { relevanceContext } from '../../helpers/search.js';

const context = await relevanceContext('America/New_York');
afterAll(() => context.close());
const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';

describe('the search modal’s form', () => {
  it('finds by words, and narrows by year, type, place and speaker', () => {
    const byWords = searchByForm({ words: 'peacekeeping finland' }, context.commands);
    expect(byWords.ok && byWords.items[0].event.title).toBe(DINNER_TITLE);
    const inYear = searchByForm({ words: 'peacekeeping', year: '2013' }, context.commands);
    if (!inYear.ok) throw new Error('expected results');
    expect(inYear.items.length).toBeGreaterThan(0);
    for (const item of inYear.items) expect(item.event.start.slice(0, 4)).toBe('2013');
    const typed = searchByForm({ type: 'Ministerial Dinner' }, context.commands);
    if (!typed.ok) throw new Error('expected results');
    expect(typed.items.length).toBeGreaterThan(0);
    for (const item of typed.items) expect(item.event.type).toBe('Ministerial Dinner');
    const placed = searchByForm({ place: 'vienna' }, context.commands);
    if (!placed.ok) throw new Error('expected results');
    expect(placed.items.length).toBeGreaterThan(0);
    for (const item of placed.items) expect(item.event.location?.toLowerCase()).toContain('vienna');
    const spoken = searchByForm({ speaker: 'Kaljulaid' }, context.commands);
    expect(spoken.ok && spoken.items.map((i) => i.event.title)).toEqual([
      'Rules of the Road in Cyberspace: International Law and State Behaviour',
    ]);
  });

  it('answers field by field when a year is unreadable or nothing was asked', () => {
    expect(searchByForm({ words: 'peacekeeping', year: '13' }, context.commands)).toEqual({
      ok: false,
      errors: { year: 'A year such as 2019.' },
    });
    expect(searchByForm({}, context.commands)).toMatchObject({
      ok: false,
      errors: { words: expect.any(String) },
    });
  });
});

describe('finding the events a message mentions', () => {
  it('offers the event a chatty message talks about as a card with the actions of its tense', () => {
    const result = mentionedEventsCommand(
      'Did anyone go to that Finland dinner on peacekeeping partnerships? Notes welcome!',
      context.commands,
    );
    expect(result.visibility).toBe('ephemeral');
    if (result.reply.kind !== 'event') throw new Error(`got ${result.reply.kind}`);
    expect(result.reply.event.title).toBe(DINNER_TITLE);
    expect(result.reply.actions.map((a) => a.kind)).toEqual([
      'event-page',
      'share',
      'more-like',
      'read-more',
    ]);
  });

  it('says so when a message mentions nothing in the archive', () => {
    expect(mentionedEventsCommand('lunch at noon? 🍕', context.commands).reply.kind).toBe('notice');
  });
});
