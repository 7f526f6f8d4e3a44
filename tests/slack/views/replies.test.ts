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
import { listReply, noMatchReply, themeDetailReply } from '../../helpers/replies.js';
import { interactives, texts } from './inspect.js';

describe('themes', () => {
  it('lists each theme with its count and says how to see one', () => {
    const blocks = themesBlocks({
      kind: 'themes',
      heading: 'Themes in the archive',
      themes: [
        { title: 'Resourcing', count: 12 },
        { title: 'Peacekeeping governance', count: 1 },
      ],
      total: 40,
    });
    expect(checkLimits(blocks)).toEqual([]);
    expect(texts(blocks)).toEqual([
      'Themes in the archive',
      '• *Resourcing* — 12 events\n• *Peacekeeping governance* — 1 event',
      'Showing 2 of 40 themes.',
      'Type `/event theme &lt;name&gt;` to see the events of one theme.',
    ]);
  });

  it('says "…and N more" when the themes do not all fit', () => {
    const themes = Array.from({ length: 2000 }, (_, i) => ({ title: `Theme number ${i}`, count: i }));
    const blocks = themesBlocks({ kind: 'themes', heading: 'Themes', themes, total: 2000 });
    expect(checkLimits(blocks)).toEqual([]);
    expect(texts(blocks).join('\n')).toMatch(/_…and \d+ more themes_/);
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
  it('shows the problem and each example as code with its description', () => {
    const blocks = helpBlocks({
      kind: 'help',
      problem: 'Unknown subcommand "frobnicate".',
      examples: [
        { command: 'peacekeeping finland', description: 'search the archive' },
        { command: '/event upcoming 30d', description: 'events in the next 30 days' },
      ],
    });
    expect(checkLimits(blocks)).toEqual([]);
    expect(texts(blocks)).toEqual([
      'How to use /event',
      ':warning: Unknown subcommand "frobnicate".',
      '`/event peacekeeping finland` — search the archive\n`/event upcoming 30d` — events in the next 30 days',
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
    expect(renderReply({ kind: 'help', examples: [] }).text).toBe('How to use /event');
    expect(renderReply(listReply('Upcoming', [], { empty: 'Nothing coming up.' })).text).toBe(
      'Nothing coming up.',
    );
  });
});
