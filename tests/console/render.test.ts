import { describe, expect, it } from 'vitest';
import { formatWhen, renderForConsole } from '../../src/console/render.js';
import type { Reply } from '../../src/core/commands/reply.js';
import { makeEvent, makeHit } from '../helpers/events.js';

const ESC = '\u001b';

const card = (overrides: Partial<Extract<Reply, { kind: 'event' }>> = {}): Reply => ({
  kind: 'event',
  event: makeEvent({ start: '2013-09-25T19:00:00-04:00', end: '2013-09-25T21:30:00-04:00' }),
  matched: ['title'],
  more: [makeHit({ id: 'other', title: 'Peacekeeping in Mali' })],
  next: { command: 'peacekeeping', offset: 5 },
  ...overrides,
});

describe('renderForConsole', () => {
  it('renders an event card as plain text with numbered themes and links as "label (url)"', () => {
    const { text } = renderForConsole(card(), { zone: 'America/New_York' });
    expect(text).not.toContain(ESC);
    expect(text).toContain('Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping\n───');
    expect(text).toContain('When: Wednesday, 25 September 2013 at 19:00 EDT – 21:30 EDT');
    expect(text).toContain(
      'Hosts: Government of Finland, Government of Uruguay, International Peace Institute',
    );
    expect(text).toContain('  - Erkki Tuomioja, Minister for Foreign Affairs, Finland');
    expect(text).toContain('  1. Resourcing — Missions are asked to do more with less');
    expect(text).toContain('  2. Peacekeeping governance — ');
    expect(text).toContain(
      'Event page (https://www.ipinst.org/2013/09/strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping)',
    );
    expect(text).toContain(
      '  - Peacekeeping in Mali — Wednesday, 25 September 2013 · Ministerial dinner · New York',
    );
  });

  it('turns the buttons into numbered choices carrying the core actions', () => {
    const { text, choices } = renderForConsole(card());
    const id = makeEvent().id;
    expect(choices).toEqual([
      { label: 'Share to channel (would be posted to the channel)', action: { kind: 'share', eventId: id } },
      { label: 'Remind me', action: { kind: 'remind', eventId: id } },
      { label: 'More like this', action: { kind: 'more-like', eventId: id } },
      { label: 'Open: Peacekeeping in Mali', action: { kind: 'open', eventId: 'other' } },
      { label: 'Next results', action: { kind: 'page', command: 'peacekeeping', offset: 5 } },
    ]);
    expect(text).toContain(
      'Choices:\n  [1] Share to channel (would be posted to the channel)\n  [2] Remind me',
    );
  });

  it('shows times in the zone asked for, and date-only events as their calendar date', () => {
    const { text } = renderForConsole(card(), { zone: 'Europe/Helsinki' });
    expect(text).toContain('When: Thursday, 26 September 2013 at 02:00 GMT+3 – 04:30 GMT+3');
    expect(formatWhen(makeEvent(), 'Pacific/Auckland')).toBe('Wednesday, 25 September 2013');
    expect(formatWhen(makeEvent({ end: '2013-09-27' }))).toBe(
      'Wednesday, 25 September 2013 – Friday, 27 September 2013',
    );
  });

  it('uses ANSI bold only when color is on', () => {
    const colored = renderForConsole(card(), { color: true }).text;
    expect(colored).toContain(`${ESC}[1mWhen:${ESC}[22m`);
    expect(colored).toContain(`${ESC}[1;4mStrengthening the Partnership`);
    expect(renderForConsole(card(), { color: false }).text).not.toContain(ESC);
  });

  it('shows a shared card with who shared it, that it would be posted, and no choices', () => {
    const { text, choices } = renderForConsole(card({ sharedBy: 'U024BE7LH' }));
    expect(choices).toEqual([]);
    expect(text).toContain('Shared by U024BE7LH: this card would be posted to the channel.');
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
    expect(text).toContain('lineevil\nnext');
  });

  it('renders a list with Open choices, or Share choices in the share picker', () => {
    const reply: Reply = {
      kind: 'list',
      heading: 'Upcoming events',
      items: [makeHit({ id: 'a', title: 'Policy forum' })],
      empty: 'Nothing coming up.',
      next: { command: 'upcoming', offset: 10 },
    };
    const open = renderForConsole(reply);
    expect(open.text).toContain('  1. Policy forum — Wednesday, 25 September 2013');
    expect(open.choices.map((c) => c.action)).toEqual([
      { kind: 'open', eventId: 'a' },
      { kind: 'page', command: 'upcoming', offset: 10 },
    ]);
    const share = renderForConsole({ ...reply, pick: 'share' });
    expect(share.choices[0]).toEqual({
      label: 'Share: Policy forum (would be posted to the channel)',
      action: { kind: 'share', eventId: 'a' },
    });
    expect(renderForConsole({ ...reply, items: [], next: undefined }).text).toContain('Nothing coming up.');
  });

  it('renders themes, a theme in detail, no-match, help and notices', () => {
    expect(
      renderForConsole({
        kind: 'themes',
        heading: 'Themes',
        themes: [{ title: 'Resourcing', count: 2 }],
        total: 5,
      }).text,
    ).toBe('Themes\n──────\n  1. Resourcing — 2 events\nShowing 1 of 5 themes.');

    const detail = renderForConsole({ kind: 'theme-detail', event: makeEvent(), index: 1 });
    expect(detail.text).toContain('2. Peacekeeping governance');
    expect(detail.text).toContain('Key theme 2 of 3 · Strengthening the Partnership');
    expect(detail.choices).toEqual([
      { label: 'Open event', action: { kind: 'open', eventId: makeEvent().id } },
    ]);

    const none = renderForConsole({
      kind: 'no-match',
      query: 'peacekepingg',
      suggestions: ['peacekeeping'],
      hint: 'Try fewer words.',
    });
    expect(none.text).toContain(
      'No events match "peacekepingg".\nDid you mean: peacekeeping?\nTry fewer words.',
    );
    expect(none.choices).toEqual([
      { label: 'Search: peacekeeping', action: { kind: 'page', command: 'peacekeeping', offset: 0 } },
    ]);

    const help = renderForConsole({
      kind: 'help',
      problem: 'Unknown subcommand.',
      examples: [{ command: 'themes', description: 'all themes' }],
    });
    expect(help.text).toContain('Unknown subcommand.');
    expect(help.text).toContain('  /event themes — all themes');

    expect(renderForConsole({ kind: 'notice', text: 'Reminder set.', tone: 'info' }).text).toBe(
      'Note: Reminder set.',
    );
    expect(renderForConsole({ kind: 'notice', text: 'No.', tone: 'error' }, { color: true }).text).toBe(
      `${ESC}[31mError: No.${ESC}[39m`,
    );
  });
});
