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

const byType = <T extends KnownBlock['type']>(blocks: KnownBlock[], type: T) =>
  blocks.filter((b): b is Extract<KnownBlock, { type: T }> => b.type === type);

describe('event card', () => {
  it('shows the title as a header, then the facts, speakers, summary, themes, link and buttons', () => {
    const blocks = eventCardBlocks(card({ heading: 'Results for "peacekeepng finland"' }));
    expect(checkLimits(blocks)).toEqual([]);
    const header = blocks.find((b): b is HeaderBlock => b.type === 'header');
    expect(header?.text.text).toBe('Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping');
    const all = texts(blocks).join('\n');
    expect(all).toContain('Results for "peacekeepng finland"');
    expect(all).toContain('*Type*\nMinisterial dinner');
    expect(all).toContain('*Where*\nNew York');
    expect(all).toContain('Government of Finland, Government of Uruguay, International Peace Institute');
    expect(all).toContain('*Erkki Tuomioja*, Minister for Foreign Affairs, Finland');
    expect(all).toContain('*1. Resourcing* — Missions are asked to do more with less');
    expect(all).toContain('*2. Peacekeeping governance*');
    expect(all).toContain(
      '<https://www.ipinst.org/2013/09/strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping|Event page>',
    );
    expect(all).toContain('Matched: title, hosts');
  });

  it('offers Share, Remind me (when) and More like this, whose values decode back to the event', () => {
    const blocks = eventCardBlocks(card());
    const actions = blocks.find((b) => b.block_id === SlackIds.blocks.cardActions);
    expect(actions?.type).toBe('actions');
    const els = interactives(blocks);
    expect(els.map((e) => e.label)).toEqual(['Share to channel', 'Remind me…', 'More like this']);
    const id = makeEvent().id;
    expect(toReplyAction(els[0].actionId, els[0].values[0])).toEqual({ kind: 'share', eventId: id });
    expect(els[1].type).toBe('static_select');
    // A date-only event has no "an hour before".
    expect(els[1].values.map((v) => (toReplyAction(els[1].actionId, v) as { when?: string }).when)).toEqual([
      'day-before',
      'morning-of',
    ]);
    expect(toReplyAction(els[2].actionId, els[2].values[0])).toEqual({ kind: 'more-like', eventId: id });
  });

  it('offers "an hour before" for timed events', () => {
    const els = interactives(
      eventCardBlocks(card({ event: makeEvent({ start: '2013-09-25T19:00:00-04:00' }) })),
    );
    const remind = els.find((e) => e.actionId === SlackIds.actions.remind);
    expect(remind?.values.map((v) => JSON.parse(v).w)).toEqual(['day-before', 'hour-before', 'morning-of']);
  });

  it('keeps the Remind me menu for an id too long for option values: its options carry the short key', () => {
    const longId = `2013-09-25-${'a'.repeat(239)}`;
    const els = interactives(eventCardBlocks(card({ event: makeEvent({ id: longId }) })));
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
    const event = makeEvent({ start: '2027-09-22T19:00:00-04:00', end: '2027-09-22T21:30:00-04:00' });
    const all = texts(eventCardBlocks(card({ event }))).join('\n');
    expect(all).toContain(
      '<!date^1821654000^{date_long_pretty} at {time}|Wed 22 Sep 2027 · 7:00 PM – 9:30 PM EDT> (7:00 PM EDT local time)',
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
    expect(texts(blocks).join('\n')).toContain('*Other event 0*\nWed 25 Sep 2013');
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

  it('renders no buttons when core gives a shared card none, and says who shared it', () => {
    const blocks = eventCardBlocks(card({ sharedBy: 'U024BE7LH', actions: [] }));
    expect(interactives(blocks)).toEqual([]);
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    const shared = blocks.find((b) => b.block_id === SlackIds.blocks.sharedBy);
    expect(texts(shared ? [shared] : [])).toEqual(['Shared by <@U024BE7LH>']);
    expect(texts(blocks).join('\n')).not.toContain('Matched:');
  });

  it('shows a malformed sharer id as text, never as a mention', () => {
    const blocks = eventCardBlocks(card({ sharedBy: '<!channel>' }));
    const all = texts(blocks).join('\n');
    expect(all).toContain('Shared by &lt;!channel&gt;');
    expect(all).not.toContain('<!channel>');
    expect(texts(eventCardBlocks(card({ sharedBy: 'u123' }))).join('\n')).toContain('Shared by u123');
  });

  it('renders with a plain notification text', () => {
    const message = renderReply(card({ event: makeEvent({ title: 'Q&A <!here>' }) }));
    expect(message.text).toBe('Q&amp;A &lt;!here&gt; — Wed 25 Sep 2013');
    const shared = renderReply(card({ sharedBy: 'U1' }));
    expect(shared.text).toMatch(/^Shared event: Strengthening/);
  });

  it('leaves out sections for empty parts', () => {
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
    expect(all).not.toContain('Speakers');
    expect(all).not.toContain('Key themes');
    expect(all).not.toContain('Where');
    expect(checkLimits(blocks)).toEqual([]);
    const facts = blocks.find((b): b is SectionBlock => b.type === 'section' && Array.isArray(b.fields));
    expect(facts?.fields).toHaveLength(2);
    expect(byType(blocks, 'context').length).toBe(0);
  });
});
