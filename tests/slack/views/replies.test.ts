import type { HeaderBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { indexedActionId, SlackIds, toReplyAction } from '../../../src/slack/ids.js';
import { helpBlocks } from '../../../src/slack/views/help.js';
import { renderReply } from '../../../src/slack/views/index.js';
import { checkLimits } from '../../../src/slack/views/limits.js';
import { noMatchBlocks } from '../../../src/slack/views/no-match.js';
import { noticeBlocks } from '../../../src/slack/views/notice.js';
import { themeDetailBlocks } from '../../../src/slack/views/theme-detail.js';
import { themesBlocks } from '../../../src/slack/views/themes.js';
import { makeEvent } from '../../helpers/events.js';
import {
  helpReplyOf,
  listItems,
  listReply,
  noMatchReply,
  themeDetailReply,
  themesReply,
} from '../../helpers/replies.js';
import { interactives, texts } from './inspect.js';

describe('themes', () => {
  it('lists a page of themes with counts and position, a menu that shows one, and paging', () => {
    const blocks = themesBlocks(
      themesReply(
        [
          { title: 'Resourcing', count: 12 },
          { title: 'Peacekeeping governance', count: 3, spellings: 2 },
        ],
        {
          total: 40,
          position: { offset: 15, shown: 2, total: 40 },
          actions: [
            { kind: 'page', direction: 'previous', page: { subcommand: 'themes', words: '', offset: 0 } },
            { kind: 'page', direction: 'next', page: { subcommand: 'themes', words: '', offset: 30 } },
          ],
        },
      ),
    );
    expect(checkLimits(blocks)).toEqual([]);
    expect(texts(blocks).slice(0, 3)).toEqual([
      'Key themes across the archive',
      'Themes 16–17 of 40, most discussed first',
      '16. *Resourcing* — 12 events\n17. *Peacekeeping governance* — 3 events _(2 spellings)_',
    ]);
    const [menu, previous, next] = interactives(blocks);
    expect(menu).toMatchObject({ type: 'static_select', actionId: SlackIds.actions.themePick });
    expect(menu.values.map((v) => JSON.parse(v))).toEqual([
      { p: 'theme', q: 'Resourcing', o: 0 },
      { p: 'theme', q: 'Peacekeeping governance', o: 0 },
    ]);
    expect([previous.label, next.label]).toEqual(['Previous', 'Next results']);
    expect(JSON.parse(next.values[0])).toEqual({ p: 'themes', q: '', o: 30 });
  });

  it('a picked theme comes back as the theme lookup', () => {
    const value = JSON.stringify({ p: 'theme', q: 'Resourcing', o: 0 });
    expect(toReplyAction(SlackIds.actions.themePick, value)).toEqual({ kind: 'theme', theme: 'Resourcing' });
  });
});

describe('theme detail', () => {
  const event = makeEvent({
    themes: [
      { title: 'Resourcing', summary: 'Missions are asked to do more with less.' },
      { title: 'Governance', summary: '' },
    ],
  });

  it('shows the theme, its event and an Open event button', () => {
    const blocks = themeDetailBlocks(themeDetailReply(event, 0));
    expect(checkLimits(blocks)).toEqual([]);
    expect((blocks[0] as HeaderBlock).text.text).toBe('1. Resourcing');
    const all = texts(blocks);
    expect(all[1]).toMatch(/^Key theme 1 of 2 · \*Strengthening the Partnership.*\* · Wed 25 Sep 2013$/);
    expect(all[2]).toBe('Missions are asked to do more with less.');
    const [open] = interactives(blocks);
    expect(toReplyAction(open.actionId, open.values[0])).toEqual({ kind: 'open', eventId: event.id });
  });

  it('spreads a long summary over several sections, cut between words', () => {
    const summary = 'Peacekeeping & resourcing '.repeat(400);
    const blocks = themeDetailBlocks(
      themeDetailReply(makeEvent({ themes: [{ title: 'Long', summary }] }), 0),
    );
    expect(checkLimits(blocks)).toEqual([]);
    const sections = blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(1);
    expect(texts(sections).join(' ').replace(/ +/g, ' ')).toContain(
      'Peacekeeping &amp; resourcing Peacekeeping',
    );
  });

  it('says so when the theme is gone', () => {
    const blocks = themeDetailBlocks(themeDetailReply(event, 7));
    expect(texts(blocks)[0]).toMatch(/^That theme is no longer listed for/);
    expect(interactives(blocks)).toHaveLength(1);
  });

  it('marks an empty summary', () => {
    expect(texts(themeDetailBlocks(themeDetailReply(event, 1)))).toContain('_No summary for this theme._');
  });
});

describe('no match', () => {
  it('says so honestly and offers suggestions as buttons that run the search', () => {
    const blocks = noMatchBlocks(
      noMatchReply('peacekepingg finnland', ['peacekeeping', 'finland'], 'Try fewer words.'),
    );
    expect(checkLimits(blocks)).toEqual([]);
    expect(texts(blocks)).toEqual([
      'No events match “peacekepingg finnland”.',
      'Did you mean:',
      'peacekeeping',
      'finland',
      'Try fewer words.',
    ]);
    const buttons = interactives(blocks);
    expect(buttons.map((b) => b.actionId)).toEqual([
      indexedActionId(SlackIds.actions.suggest, 0),
      indexedActionId(SlackIds.actions.suggest, 1),
    ]);
    expect(toReplyAction(buttons[1].actionId, buttons[1].values[0])).toEqual({
      kind: 'suggest',
      page: { subcommand: 'search', words: 'finland', offset: 0 },
    });
  });

  it('has no buttons without suggestions', () => {
    const blocks = noMatchBlocks(noMatchReply('x', []));
    expect(blocks.map((b) => b.type)).toEqual(['section']);
  });
});

describe('help', () => {
  it('shows the problem, each topic in bold, each example as code with what it does and Try it', () => {
    const blocks = helpBlocks(
      helpReplyOf(
        [
          { command: '/event peacekeeping finland', description: 'search the archive' },
          { command: '/event upcoming 30d', description: 'events in the next 30 days' },
        ],
        { problem: 'Unknown subcommand "frobnicate".', tryable: true },
      ),
    );
    expect(checkLimits(blocks)).toEqual([]);
    expect(texts(blocks).filter((t) => t !== 'Try it')).toEqual([
      'How to use /event',
      ':warning: Unknown subcommand "frobnicate".',
      '*Find events*',
      '`/event peacekeeping finland`\nsearch the archive',
      '`/event upcoming 30d`\nevents in the next 30 days',
    ]);
    const tries = interactives(blocks);
    expect(tries.map((t) => [t.actionId, t.label])).toEqual([
      [`${SlackIds.actions.helpTry}:0`, 'Try it'],
      [`${SlackIds.actions.helpTry}:1`, 'Try it'],
    ]);
    const buttons = blocks.flatMap((b) => (b.type === 'section' && b.accessory ? [b.accessory] : []));
    expect(buttons.map((b) => (b as { accessibility_label?: string }).accessibility_label)).toEqual([
      'Try it: /event peacekeeping finland',
      'Try it: /event upcoming 30d',
    ]);
  });
});

describe('notice', () => {
  it.each([
    ['info', ':information_source:'],
    ['warning', ':warning:'],
    ['error', ':x:'],
  ] as const)('shows a %s notice with its icon', (tone, icon) => {
    expect(texts(noticeBlocks({ kind: 'notice', text: 'Shared to #events.', tone }))).toEqual([
      `${icon} Shared to #events.`,
    ]);
  });
});

describe('renderReply', () => {
  it('gives every reply a short plain notification text', () => {
    expect(renderReply({ kind: 'notice', text: 'Reminder set.', tone: 'info' }).text).toBe('Reminder set.');
    expect(renderReply(noMatchReply('x', [])).text).toBe('No events match “x”.');
    expect(renderReply(helpReplyOf([])).text).toBe('How to use /event: find events');
    expect(renderReply(listReply('Upcoming', [], { empty: 'Nothing coming up.' })).text).toBe(
      'Nothing coming up.',
    );
    const items = listItems([
      makeEvent({ id: 'a', title: 'Forum & <b>' }),
      makeEvent({ id: 'b', title: 'Dinner' }),
    ]);
    expect(renderReply(listReply('Upcoming', items)).text).toBe(
      'Upcoming — 2 events: Forum &amp; &lt;b&gt;; Dinner',
    );
  });
});
