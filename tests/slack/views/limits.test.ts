import type { HeaderBlock, KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { LIST_PAGE, MAX_SUGGESTIONS, MORE_MATCHES } from '../../../src/core/commands/deps.js';
import type { Reply } from '../../../src/core/commands/reply.js';
import type { Event } from '../../../src/core/model.js';
import { eventCardBlocks } from '../../../src/slack/views/event-card.js';
import { helpBlocks } from '../../../src/slack/views/help.js';
import { renderReply } from '../../../src/slack/views/index.js';
import { checkLimits, LIMITS, messageTextLength } from '../../../src/slack/views/limits.js';
import { listBlocks } from '../../../src/slack/views/list.js';
import { noMatchBlocks } from '../../../src/slack/views/no-match.js';
import { noticeBlocks } from '../../../src/slack/views/notice.js';
import { themeDetailBlocks } from '../../../src/slack/views/theme-detail.js';
import { themesBlocks } from '../../../src/slack/views/themes.js';
import { makeEvent, makeHit } from '../../helpers/events.js';
import {
  cardReply,
  helpReplyOf,
  listItems,
  listReply,
  nextPage,
  noMatchReply,
  themeDetailReply,
  themesReply,
} from '../../helpers/replies.js';
import { interactives, texts } from './inspect.js';

const words = (n: number, word = 'peacekeeping') =>
  Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');
const longText = (chars: number, unit = 'Resourcing debates & <budgets> 🇺🇾 ') =>
  unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);

/** The largest event the archive schema lets through, and then some. */
function hugeEvent(overrides: Partial<Event> = {}): Event {
  return makeEvent({
    id: `2013-09-25-${'a'.repeat(149)}`,
    title: `Strengthening the Partnership ${longText(470)}`,
    type: longText(100),
    location: longText(500),
    url: `https://www.ipinst.org/${'p'.repeat(1900 - 'https://www.ipinst.org/'.length)}`,
    hosts: Array.from({ length: 100 }, (_, i) => `Host ${i} ${longText(290)}`),
    speakers: Array.from({ length: 200 }, (_, i) => ({
      name: `Speaker ${i} ${longText(190)}`,
      role: longText(500),
    })),
    summary: longText(20_000),
    themes: Array.from({ length: 50 }, (_, i) => ({
      title: `Theme ${i + 1} ${longText(490)}`,
      summary: longText(20_000),
    })),
    ...overrides,
  });
}

/** Core never lists more than this many matches on a card or items in a list; the views render them all. */
const hugeEventReply = (event = hugeEvent()): Extract<Reply, { kind: 'event' }> =>
  cardReply(event, {
    heading: longText(2000),
    matched: Array.from({ length: 50 }, (_, i) => `field${i}`),
    more: listItems(
      Array.from({ length: MORE_MATCHES }, (_, i) => ({
        ...makeHit(),
        event: hugeEvent({ id: `more-${i}` }),
      })),
    ),
    actions: [...cardReply(event).actions, nextPage(words(150), 999_999)],
  });

describe('checkLimits', () => {
  it('reports each broken limit with its path', () => {
    const blocks: KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } },
      { type: 'section', text: { type: 'mrkdwn', text: '' } },
      {
        type: 'actions',
        block_id: 'dup',
        elements: [
          {
            type: 'button',
            action_id: 'a',
            text: { type: 'plain_text', text: 'y'.repeat(76) },
            value: 'v'.repeat(2001),
          },
          { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'ok' } },
        ],
      },
      {
        type: 'context',
        block_id: 'dup',
        elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'c' })),
      },
      {
        type: 'section',
        fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'f'.repeat(2001) })),
      },
    ];
    const paths = checkLimits(blocks).map((v) => v.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'blocks[0].text.text',
        'blocks[1].text',
        'blocks[2].elements[0].text.text',
        'blocks[2].elements[0].value',
        'blocks[2].elements[1]',
        'blocks[3]',
        'blocks[3].elements',
        'blocks[4].fields',
        'blocks[4].fields[0].text',
        'message',
      ]),
    );
  });

  it('counts blocks', () => {
    const blocks: KnownBlock[] = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(checkLimits(blocks).map((v) => v.path)).toEqual(['blocks']);
  });
});

describe('the largest event the archive can hold', () => {
  it('fits every Block Kit limit, and still shows the title start and theme 1', () => {
    const blocks = eventCardBlocks(hugeEventReply());
    expect(checkLimits(blocks)).toEqual([]);
    expect(messageTextLength(blocks)).toBeLessThanOrEqual(LIMITS.messageText);
    const header = blocks.find((b): b is HeaderBlock => b.type === 'header');
    expect(header?.text.text.startsWith('Strengthening the Partnership Resourcing')).toBe(true);
    const all = texts(blocks).join('\n');
    expect(all).toContain('*Key themes:* Theme 1 Resourcing');
    expect(all).toMatch(/ and \d+ more/);
    expect(interactives(blocks).map((e) => e.label)).toContain('Read more');
  });

  it('fits when every character needs escaping', () => {
    const amp = (n: number) => '&'.repeat(n);
    const event = hugeEvent({
      title: amp(500),
      summary: amp(20_000),
      hosts: Array.from({ length: 100 }, () => amp(300)),
      speakers: Array.from({ length: 200 }, () => ({ name: amp(200), role: amp(500) })),
      themes: Array.from({ length: 200 }, () => ({ title: amp(500), summary: amp(20_000) })),
      location: amp(500),
      type: amp(100),
    });
    const blocks = eventCardBlocks(hugeEventReply(event));
    expect(checkLimits(blocks)).toEqual([]);
    for (const t of texts(blocks)) expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it('leaves out a URL too long to link rather than cutting it', () => {
    const event = hugeEvent({ url: `https://www.ipinst.org/${'p'.repeat(5000)}` });
    const blocks = eventCardBlocks(hugeEventReply(event));
    expect(checkLimits(blocks)).toEqual([]);
    expect(texts(blocks).join('\n')).not.toContain('|Event page>');
  });

  it('fits as a shared card too', () => {
    const blocks = eventCardBlocks({ ...hugeEventReply(), sharedBy: 'U024BE7LH' });
    expect(checkLimits(blocks)).toEqual([]);
  });
});

describe('every other reply kind at its largest', () => {
  const huge = hugeEvent();
  const cases: [string, Reply, (r: never) => KnownBlock[]][] = [
    [
      'list',
      listReply(
        longText(1000),
        listItems(
          Array.from({ length: LIST_PAGE }, (_, i) => ({ ...makeHit(), event: hugeEvent({ id: `e-${i}` }) })),
        ),
        { empty: longText(5000), actions: [nextPage(words(150), 20, 'upcoming')] },
      ),
      listBlocks as (r: never) => KnownBlock[],
    ],
    [
      'share picker',
      listReply(
        'Share which event?',
        listItems(
          Array.from({ length: LIST_PAGE }, (_, i) => ({ ...makeHit(), event: hugeEvent({ id: `e-${i}` }) })),
          'share',
        ),
      ),
      listBlocks as (r: never) => KnownBlock[],
    ],
    [
      'empty list',
      listReply(longText(1000), [], { empty: longText(10_000) }),
      listBlocks as (r: never) => KnownBlock[],
    ],
    [
      'themes',
      themesReply(
        Array.from({ length: 5000 }, (_, i) => ({ title: `${i} ${longText(500)}`, count: i })),
        { heading: longText(500), total: 9000 },
      ),
      themesBlocks as (r: never) => KnownBlock[],
    ],
    ['theme-detail', themeDetailReply(huge, 0), themeDetailBlocks as (r: never) => KnownBlock[]],
    ['missing theme', themeDetailReply(huge, 500), themeDetailBlocks as (r: never) => KnownBlock[]],
    [
      'no-match',
      noMatchReply(
        longText(5000),
        Array.from({ length: MAX_SUGGESTIONS }, () => longText(3000)),
        longText(5000),
      ),
      noMatchBlocks as (r: never) => KnownBlock[],
    ],
    [
      'help',
      helpReplyOf(
        Array.from({ length: 300 }, () => ({ command: longText(500), description: longText(1000) })),
        { problem: longText(5000), title: longText(500), tryable: true },
      ),
      helpBlocks as (r: never) => KnownBlock[],
    ],
    [
      'notice',
      { kind: 'notice', text: longText(50_000), tone: 'error' },
      noticeBlocks as (r: never) => KnownBlock[],
    ],
  ];

  it.each(cases)('%s fits every Block Kit limit', (_name, reply, build) => {
    const blocks = build(reply as never);
    expect(checkLimits(blocks)).toEqual([]);
    const message = renderReply(reply);
    expect(message.blocks).toEqual(blocks);
    expect(message.text.length).toBeLessThanOrEqual(400);
  });
});
