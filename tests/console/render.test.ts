import { describe, expect, it } from 'vitest';
import { renderForConsole } from '../../src/console/render.js';
import type { Reply } from '../../src/core/commands/reply.js';
import { makeEvent, makeHit } from '../helpers/events.js';
import {
  cardReply,
  helpReplyOf,
  listItems,
  listReply,
  nextPage,
  noMatchReply,
  themeDetailReply,
  themesReply,
} from '../helpers/replies.js';

const ESC = '\u001b';

const card = (overrides: Partial<Extract<Reply, { kind: 'event' }>> = {}): Reply => {
  const event =
    overrides.event ?? makeEvent({ start: '2013-09-25T19:00:00-04:00', end: '2013-09-25T21:30:00-04:00' });
  return cardReply(event, {
    matched: ['title'],
    more: listItems([makeHit({ id: 'other', title: 'Peacekeeping in Mali' })]),
    actions: [...cardReply(event).actions, nextPage('peacekeeping', 5)],
    ...overrides,
  });
};

describe('renderForConsole', () => {
  it('renders an event card compactly, and Read more in full with speakers, themes and the link', () => {
    const { text } = renderForConsole(card(), { zone: 'America/New_York' });
    expect(text).not.toContain(ESC);
    expect(text).toContain('Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping\n───');
    expect(text).toContain('When: Wed 25 Sep 2013 · 7:00 PM – 9:30 PM EDT');
    expect(text).toContain(
      'Hosts: Government of Finland, Government of Uruguay, International Peace Institute',
    );
    expect(text).toContain('Key themes: Resourcing · Peacekeeping governance · Protection of civilians');
    expect(text).not.toContain('Erkki Tuomioja');
    expect(text).toContain('  - Peacekeeping in Mali — Wed 25 Sep 2013 · Ministerial dinner · New York');
    const event = makeEvent();
    const full = renderForConsole({
      kind: 'event-detail',
      event,
      when: cardReply(event).when,
      actions: [],
    }).text;
    expect(full).toContain('  - Erkki Tuomioja, Minister for Foreign Affairs, Finland');
    expect(full).toContain('  1. Resourcing — Missions are asked to do more with less');
    expect(full).toContain(
      'Event page (https://www.ipinst.org/2013/09/strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping)',
    );
  });

  it('turns the buttons into numbered choices carrying the core actions', () => {
    const { text, choices } = renderForConsole(card());
    const id = makeEvent().id;
    expect(choices.map((c) => c.label)).toEqual([
      `Event page (${makeEvent().url})`,
      'Share…',
      'More like this',
      'Read more',
      'Open: Peacekeeping in Mali',
      'Next results',
    ]);
    expect(choices[1].action).toEqual({ kind: 'share', eventId: id });
    expect(choices[5].action).toEqual(nextPage('peacekeeping', 5));
    expect(text).toContain('Choices:\n  [1] Event page (');
  });

  it('shows a past event in the venue’s own time whatever the console zone, and date-only events as dates', () => {
    expect(renderForConsole(card(), { zone: 'Europe/Helsinki' }).text).toContain(
      'When: Wed 25 Sep 2013 · 7:00 PM – 9:30 PM EDT\n',
    );
    const allDay = makeEvent({ end: '2013-09-27' });
    expect(renderForConsole(card({ event: allDay }), { zone: 'Pacific/Auckland' }).text).toContain(
      'When: Wed 25 Sep 2013 – Fri 27 Sep 2013\n',
    );
  });

  it('shows an upcoming timed event in the venue’s time and in the console’s zone', () => {
    const event = makeEvent({ start: '2027-09-22T19:00:00-04:00' });
    expect(renderForConsole(card({ event }), { zone: 'Europe/Helsinki' }).text).toContain(
      'When: Wed 22 Sep 2027 · 7:00 PM EDT (Thursday, 23 September 2027 at 02:00 GMT+3 your time)',
    );
  });

  it('uses ANSI bold only when color is on', () => {
    const colored = renderForConsole(card(), { color: true }).text;
    expect(colored).toContain(`${ESC}[1mWhen:${ESC}[22m`);
    expect(colored).toContain(`${ESC}[1;4mStrengthening the Partnership`);
    expect(renderForConsole(card(), { color: false }).text).not.toContain(ESC);
  });

  it('shows a shared card with who shared it, that it would be posted, and no choices', () => {
    const { text, choices } = renderForConsole(card({ sharedBy: 'U024BE7LH', actions: [], more: [] }));
    expect(choices).toEqual([]);
    expect(text).toContain('U024BE7LH shared an event (would be posted to the channel):');
  });

  it('strips control characters from archive text so it cannot restyle the terminal', () => {
    const event = makeEvent({
      title: `Dinner ${ESC}[31mred${ESC}[0m\u0007`,
      summary: `line\u202eevil\nnext`,
    });
    const { text } = renderForConsole(card({ event }), { color: false });
    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\u0007');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('Dinner [31mred[0m');
    expect(text).toContain('lineevil next');
  });

  it('renders a list with Open choices, or Share choices in the share picker', () => {
    const hits = [makeHit({ id: 'a', title: 'Policy forum' })];
    const reply = listReply('Upcoming events', listItems(hits), {
      empty: 'Nothing coming up.',
      actions: [nextPage('', 10, 'upcoming')],
    });
    const open = renderForConsole(reply);
    expect(open.text).toContain('  1. Policy forum — Wed 25 Sep 2013');
    expect(open.choices.map((c) => c.action)).toEqual([
      { kind: 'open', eventId: 'a' },
      nextPage('', 10, 'upcoming'),
    ]);
    const share = renderForConsole({ ...reply, items: listItems(hits, 'share') });
    expect(share.choices[0]).toEqual({
      label: 'Share: Policy forum',
      action: { kind: 'share', eventId: 'a' },
    });
    expect(renderForConsole({ ...reply, items: [], actions: [] }).text).toContain('Nothing coming up.');
  });

  it('renders themes, a theme in detail, no-match, help and notices', () => {
    expect(
      renderForConsole(
        themesReply([{ title: 'Resourcing', count: 2 }], {
          heading: 'Themes',
          total: 5,
          position: { offset: 0, shown: 1, total: 5 },
        }),
      ).text,
    ).toBe(
      'Themes\n──────\n  1. Resourcing — 2 events\nThemes 1–1 of 5.\n\nChoices:\n  [1] Theme: Resourcing',
    );

    const detail = renderForConsole(themeDetailReply(makeEvent(), 1));
    expect(detail.text).toContain('2. Peacekeeping governance');
    expect(detail.text).toContain('Key theme 2 of 3 · Strengthening the Partnership');
    expect(detail.choices).toEqual([
      { label: 'Open event', action: { kind: 'open', eventId: makeEvent().id } },
    ]);

    const none = renderForConsole(noMatchReply('peacekepingg', ['peacekeeping'], 'Try fewer words.'));
    expect(none.text).toContain(
      'No events match "peacekepingg".\nDid you mean: peacekeeping?\nTry fewer words.',
    );
    expect(none.choices).toEqual([
      {
        label: 'Search: peacekeeping',
        action: { kind: 'suggest', page: { subcommand: 'search', words: 'peacekeeping', offset: 0 } },
      },
    ]);

    const help = renderForConsole(
      helpReplyOf([{ command: '/event themes', description: 'all themes' }], {
        problem: 'Unknown subcommand.',
        tryable: true,
      }),
    );
    expect(help.text).toContain('Unknown subcommand.');
    expect(help.text).toContain('Find events\n  /event themes — all themes');
    expect(help.choices.map((c) => c.label)).toEqual(['Try: /event themes']);

    expect(renderForConsole({ kind: 'notice', text: 'Reminder set.', tone: 'info' }).text).toBe(
      'Note: Reminder set.',
    );
    expect(renderForConsole({ kind: 'notice', text: 'No.', tone: 'error' }, { color: true }).text).toBe(
      `${ESC}[31mError: No.${ESC}[39m`,
    );
  });
});
