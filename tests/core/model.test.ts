import { describe, expect, it } from 'vitest';
import { deriveEventId, eventKey, parseEvent } from '../../src/core/model.js';
import { acronymOf } from '../../src/core/text.js';

describe('parseEvent', () => {
  it('derives a stable id from the date and a slug of the title', () => {
    const result = parseEvent({
      title: 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping',
      start: '2013-09-25',
    });
    expect(result.ok && result.event.id).toBe(
      '2013-09-25-strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping',
    );
  });

  it('accepts speakers and themes as plain strings or objects', () => {
    const result = parseEvent({
      title: 'Vike-Freiberga: Rethinking the United Nations',
      start: '2014-09-30T18:00:00-04:00',
      speakers: ['Vaira Vīķe-Freiberga', { name: 'Terje Rød-Larsen', role: 'President, IPI' }],
      themes: ['Reform', { title: 'Legitimacy', summary: 'Who speaks for the UN.' }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.event.speakers).toEqual([
      { name: 'Vaira Vīķe-Freiberga' },
      { name: 'Terje Rød-Larsen', role: 'President, IPI' },
    ]);
    expect(result.event.themes).toEqual([
      { title: 'Reform', summary: '' },
      { title: 'Legitimacy', summary: 'Who speaks for the UN.' },
    ]);
    expect(result.event.type).toBe('Event');
  });

  it.each([
    ['2013-02-30', 'start'],
    ['25/09/2013', 'start'],
    ['2013-09-25T19:00:00', 'start'],
  ])('refuses the start %s and names the field', (start, field) => {
    const result = parseEvent({ title: 'A dinner', start });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0].field).toBe(field);
    expect(result.problems[0].message).toMatch(/2013-09-25/);
  });

  it('refuses a missing title, an unknown time zone and an end before the start', () => {
    const result = parseEvent({
      start: '2013-09-25',
      timezone: 'Mars/Olympus',
      end: '2013-09-24',
      title: '',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.problems.map((p) => p.field);
    expect(fields).toContain('title');
    expect(fields).toContain('timezone');
    expect(result.problems).toContainEqual({ field: 'end', message: 'must not be before start' });
  });

  it('refuses an end before the start', () => {
    const result = parseEvent({
      title: 'A forum',
      start: '2013-09-25T19:00:00Z',
      end: '2013-09-25T18:00:00Z',
    });
    expect(result.ok || result.problems.map((p) => p.field)).toEqual(['end']);
  });

  it('reports an unreadable end once, not also as before the start', () => {
    const result = parseEvent({ title: 'A forum', start: '2013-09-25', end: 'garbage' });
    expect(result.ok || result.problems).toEqual([
      { field: 'end', message: expect.stringMatching(/2013-09-25/) },
    ]);
  });

  it.each([
    ['a 250-character slug', `2027-03-10-${'a'.repeat(239)}`],
    ['an upper-case UUID', '3F2504E0-4F89-41D3-9A0C-0305E82C3301'],
    ['a URL', 'https://www.example.org/events/2027/03/cyber?lang=en&ref=archive'],
  ])('keeps %s as the id, exactly as written', (_name, id) => {
    const result = parseEvent({ id, title: 'A forum', start: '2013-09-25' });
    expect(result.ok && result.event.id).toBe(id);
  });

  it('refuses an id with a line break or past 2000 characters, naming the field', () => {
    for (const id of ['two\nlines', 'x'.repeat(2001)]) {
      const result = parseEvent({ id, title: 'A forum', start: '2013-09-25' });
      expect(result.ok || result.problems.map((p) => p.field)).toEqual(['id']);
    }
  });

  it('gives every id a short key of 23 characters, the same each time', () => {
    const long = 'https://www.example.org/'.padEnd(1500, 'x');
    expect(eventKey(long)).toMatch(/^~[A-Za-z0-9_-]{22}$/);
    expect(eventKey(long)).toBe(eventKey(long));
    expect(eventKey(`${long}y`)).not.toBe(eventKey(long));
  });

  it('keeps ids slug-safe whatever the title holds', () => {
    expect(deriveEventId('2014-10-09', 'Africa: China’s Second Continent')).toBe(
      '2014-10-09-africa-china-s-second-continent',
    );
    expect(deriveEventId('2014-10-09', '🙂🙂')).toBe('2014-10-09-event');
  });
});

describe('parseEvent with two bad dates', () => {
  it('reports the bad start alone, not a spurious end-before-start', () => {
    const result = parseEvent({ title: 'A forum', start: 'soon', end: '2013-09-25' });
    expect(result.ok || result.problems.map((p) => p.field)).toEqual(['start']);
  });
});

describe('acronymOf', () => {
  it('gives the initials people type for organisations', () => {
    expect(acronymOf('International Peace Institute')).toBe('IPI');
    expect(acronymOf('Vienna Center for Disarmament and Non-Proliferation')).toBe('VCDNP');
    expect(acronymOf('Government of Finland')).toBeUndefined();
  });
});
