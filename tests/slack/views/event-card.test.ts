import type { HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { eventKey } from '../../../src/core/model.js';
import { SlackIds, toReplyAction } from '../../../src/slack/ids.js';
import { eventCardBlocks } from '../../../src/slack/views/event-card.js';
import { renderReply } from '../../../src/slack/views/index.js';
import { checkLimits } from '../../../src/slack/views/limits.js';
import { makeEvent, makeHit } from '../../helpers/events.js';
import { cardReply, listItems, nextPage } from '../../helpers/replies.js';
import { interactives, texts } from './inspect.js';

const card = (overrides: Parameters<typeof cardReply>[1] = {}) => {
  const event = overrides.event ?? makeEvent();
  return cardReply(event, { matched: ['title', 'hosts'], ...overrides });
};
/** An upcoming timed event (the replies' clock is 29 November 2026). */
const upcoming = makeEvent({
  id: 'upcoming',
  start: '2027-09-22T19:00:00-04:00',
  end: '2027-09-22T21:30:00-04:00',
});

const byType = <T extends KnownBlock['type']>(blocks: KnownBlock[], type: T) =>
  blocks.filter((b): b is Extract<KnownBlock, { type: T }> => b.type === type);

describe('event card', () => {
  it('is compact: title, When/Where/Type/Hosts fields, a sentence of summary, theme titles only', () => {
    const long = makeEvent({
      summary: `${'First sentence of the summary, which says what the event was about. '}${'More detail follows here. '.repeat(80)}`,
      themes: [
        { title: 'Resourcing', summary: 'A long discussion. '.repeat(100) },
        { title: 'Peacekeeping governance', summary: 'Another long one. '.repeat(100) },
      ],
    });
    const blocks = eventCardBlocks(card({ event: long, heading: 'Results for "peacekeepng finland"' }));
    expect(checkLimits(blocks)).toEqual([]);
    expect(byType(blocks, 'header')[0].text.text).toBe(long.title);
    const all = texts(blocks).join('\n');
    expect(all).toContain('Results for "peacekeepng finland"');
    expect(all).toContain('*Where*\nNew York');
    expect(all).toContain('*Type*\nMinisterial dinner');
    expect(all).toContain(
      '*Hosts*\nGovernment of Finland, Government of Uruguay, International Peace Institute',
    );
    expect(all).toContain(
      'First sentence of the summary, which says what the event was about. More detail follows here.',
    );
    expect(all).not.toContain('More detail follows here. More detail');
    expect(all).toContain('*Key themes:* Resourcing · Peacekeeping governance');
    expect(all).not.toContain('A long discussion');
    expect(all).not.toContain('Matched:');
    expect(all).not.toContain('Speakers');
  });

  it('offers a past event its Event page, Share, Related and Read more: no reminder, no calendar', () => {
    const els = interactives(eventCardBlocks(card()));
    expect(els.map((e) => e.label)).toEqual(['Event page', 'Share…', 'More like this', 'Read more']);
    const id = makeEvent().id;
    expect(toReplyAction(els[1].actionId, els[1].values[0])).toEqual({ kind: 'share', eventId: id });
    expect(toReplyAction(els[3].actionId, els[3].values[0])).toEqual({ kind: 'read-more', eventId: id });
    const page = eventCardBlocks(card())
      .flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .find((e) => e.action_id === SlackIds.actions.eventPage);
    expect(page).toMatchObject({ type: 'button', url: makeEvent().url });
  });

  it('offers an upcoming event Remind me (times still ahead) and Add to calendar first', () => {
    const els = interactives(eventCardBlocks(card({ event: upcoming })));
    expect(els.map((e) => e.label)).toEqual([
      'Remind me…',
      'Add to calendar',
      'Share…',
      'More like this',
      'Read more',
    ]);
    expect(els[0].values.map((v) => JSON.parse(v).w)).toEqual(['day-before', 'hour-before', 'morning-of']);
  });

  it('names its event in every button’s accessibility label', () => {
    const blocks = eventCardBlocks(card({ event: upcoming }));
    const labels = blocks
      .flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .filter((e) => e.type === 'button')
      .map((e) => (e as { accessibility_label?: string }).accessibility_label);
    expect(labels.map((l) => l?.split(':')[0])).toEqual([
      'Add to calendar',
      'Share…',
      'More like this',
      'Read more',
    ]);
    for (const label of labels) {
      expect(label).toContain(': Strengthening the Partnership');
      expect(label!.length).toBeLessThanOrEqual(75);
    }
  });

  it('keeps the Remind me menu for an id too long for option values: its options carry the short key', () => {
    const longId = `2027-09-22-${'a'.repeat(239)}`;
    const els = interactives(eventCardBlocks(card({ event: { ...upcoming, id: longId } })));
    const remind = els.find((e) => e.actionId === SlackIds.actions.remind);
    expect(remind?.type).toBe('static_select');
    for (const value of remind?.values ?? []) expect(value.length).toBeLessThanOrEqual(150);
    expect(toReplyAction(SlackIds.actions.remind, remind?.values[0])).toEqual({
      kind: 'remind',
      eventId: eventKey(longId),
      when: 'day-before',
    });
  });

  it('shows a past date-only event as its plain date, never as an instant', () => {
    const all = texts(eventCardBlocks(card())).join('\n');
    expect(all).toContain('*When*\nWed 25 Sep 2013');
    expect(all).not.toContain('<!date^');
  });

  it('shows a past timed event in the venue’s own day and time, with the end time', () => {
    const event = makeEvent({ start: '2013-09-25T20:00:00-04:00', end: '2013-09-25T21:30:00-04:00' });
    const all = texts(eventCardBlocks(card({ event }))).join('\n');
    // 8 pm in New York is the next day in London; the card still says the 25th.
    expect(all).toContain('*When*\nWed 25 Sep 2013 · 8:00 PM – 9:30 PM EDT');
    expect(all).not.toContain('<!date^');
  });

  it('shows an upcoming timed event in the reader’s zone, with the venue time beside it', () => {
    // The venue's time is named by its zone's city; with an offset only, by the venue.
    const all = texts(eventCardBlocks(card({ event: upcoming }))).join('\n');
    expect(all).toContain(
      '<!date^1821654000^{date_long_pretty} at {time}|Wed 22 Sep 2027 · 7:00 PM – 9:30 PM EDT> (7:00 PM EDT in New York)',
    );
    const offsetOnly = makeEvent({ ...upcoming, timezone: undefined });
    expect(texts(eventCardBlocks(card({ event: offsetOnly }))).join('\n')).toContain(
      '|Wed 22 Sep 2027 · 7:00 PM – 9:30 PM UTC-4> (7:00 PM UTC-4 at the venue)',
    );
    const inZone = makeEvent({ ...upcoming, timezone: 'America/Argentina/Buenos_Aires' });
    expect(texts(eventCardBlocks(card({ event: inZone }))).join('\n')).toContain(
      '|Wed 22 Sep 2027 · 8:00 PM – 10:30 PM GMT-3> (8:00 PM GMT-3 in Buenos Aires)',
    );
  });

  it('shows an upcoming all-day event as its date, not as an instant', () => {
    const event = makeEvent({ start: '2027-06-10', end: '2027-06-11', timezone: 'Europe/Berlin' });
    const all = texts(eventCardBlocks(card({ event }))).join('\n');
    expect(all).toContain('*When*\nThu 10 Jun 2027 – Fri 11 Jun 2027');
    expect(all).not.toContain('<!date^');
  });

  it('uses the written offset when the event has no zone', () => {
    const event = makeEvent({ start: '2013-09-25T19:00:00+02:00', timezone: undefined });
    expect(texts(eventCardBlocks(card({ event }))).join('\n')).toContain('Wed 25 Sep 2013 · 7:00 PM UTC+2');
  });

  it('lists the more matches core gave, compact, each with an Open button naming its event', () => {
    const more = listItems(
      Array.from({ length: 4 }, (_, i) => makeHit({ id: `more-${i}`, title: `Other event ${i}` })),
    );
    const blocks = eventCardBlocks(card({ more }));
    const opens = interactives(blocks).filter((e) => e.actionId === SlackIds.actions.open);
    expect(opens.map((o) => toReplyAction(o.actionId, o.values[0]))).toEqual(
      [0, 1, 2, 3].map((i) => ({ kind: 'open', eventId: `more-${i}` })),
    );
    expect(texts(blocks).join('\n')).toContain(
      '*Other event 0*\nWed 25 Sep 2013 · Ministerial dinner · New York',
    );
    expect(checkLimits(blocks)).toEqual([]);
  });

  it('adds a Next results button carrying the typed page request', () => {
    const event = makeEvent();
    const blocks = eventCardBlocks(card({ actions: [nextPage('peacekeeping finland', 5)], event }));
    const page = interactives(blocks).find((e) => e.actionId.startsWith(SlackIds.actions.page));
    expect(page?.label).toBe('Next results');
    expect(toReplyAction(page!.actionId, page?.values[0])).toEqual({
      kind: 'page',
      direction: 'next',
      page: { subcommand: 'search', words: 'peacekeeping finland', offset: 5 },
    });
  });

  it('leaves out the Next button rather than send a value over 2000 characters', () => {
    const blocks = eventCardBlocks(card({ actions: [nextPage('x'.repeat(2100), 5)] }));
    expect(interactives(blocks).some((e) => e.actionId === SlackIds.actions.page)).toBe(false);
    expect(checkLimits(blocks)).toEqual([]);
  });

  it('says who shared it at the very top, then their note, and renders only the actions core gave', () => {
    const blocks = eventCardBlocks(
      card({ sharedBy: 'U024BE7LH', note: 'Worth a look <!here>', actions: [] }),
    );
    expect(blocks[0].block_id).toBe(SlackIds.blocks.sharedBy);
    expect(texts([blocks[0]])).toEqual([':mega: <@U024BE7LH> shared an event']);
    expect(texts([blocks[1]])).toEqual(['> Worth a look &lt;!here&gt;']);
    expect(blocks[2].type).toBe('header');
    expect(interactives(blocks)).toEqual([]);
  });

  it('shows a malformed sharer id as text, never as a mention', () => {
    const all = texts(eventCardBlocks(card({ sharedBy: '<!channel>' }))).join('\n');
    expect(all).toContain('&lt;!channel&gt; shared an event');
    expect(all).not.toContain('<!channel>');
    expect(texts(eventCardBlocks(card({ sharedBy: 'u123' }))).join('\n')).toContain('u123 shared an event');
  });

  it('renders with a plain notification text', () => {
    const message = renderReply(card({ event: makeEvent({ title: 'Q&A <!here>' }) }));
    expect(message.text).toBe('Q&amp;A &lt;!here&gt; — Wed 25 Sep 2013');
    const shared = renderReply(card({ sharedBy: 'U1' }));
    expect(shared.text).toMatch(/^Shared event: Strengthening/);
  });

  it('leaves out parts the event does not have', () => {
    const blocks = eventCardBlocks(
      card({
        event: makeEvent({
          speakers: [],
          themes: [],
          summary: '',
          hosts: [],
          location: undefined,
          url: undefined,
        }),
        matched: [],
      }),
    );
    const all = texts(blocks).join('\n');
    expect(all).not.toContain('Key themes');
    expect(all).not.toContain('Where');
    expect(checkLimits(blocks)).toEqual([]);
    const facts = blocks.find((b): b is SectionBlock => b.type === 'section' && Array.isArray(b.fields));
    expect(facts?.fields).toHaveLength(2);
    expect(interactives(blocks).map((e) => e.label)).toEqual(['Share…', 'More like this', 'Read more']);
    expect(byType(blocks, 'header')[0] as HeaderBlock).toBeDefined();
  });
});
