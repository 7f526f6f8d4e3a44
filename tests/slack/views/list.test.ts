import type { HeaderBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/commands/reply.js';
import { SlackIds, toReplyAction } from '../../../src/slack/ids.js';
import { checkLimits } from '../../../src/slack/views/limits.js';
import { listBlocks, MAX_LIST_ITEMS } from '../../../src/slack/views/list.js';
import { makeHit } from '../../helpers/events.js';
import { interactives, texts } from './inspect.js';

type ListReply = Extract<Reply, { kind: 'list' }>;

const list = (overrides: Partial<ListReply> = {}): ListReply => ({
  kind: 'list',
  heading: 'Upcoming events',
  items: [makeHit({ id: 'a', title: 'Peacekeeping dinner' }), makeHit({ id: 'b', title: 'Policy forum' })],
  empty: 'Nothing coming up.',
  ...overrides,
});

describe('list', () => {
  it('shows the heading and one compact section per item with an Open button', () => {
    const blocks = listBlocks(list());
    expect(checkLimits(blocks)).toEqual([]);
    expect((blocks[0] as HeaderBlock).text.text).toBe('Upcoming events');
    const buttons = interactives(blocks);
    expect(buttons.map((b) => [b.label, toReplyAction(b.actionId, b.values[0])?.action])).toEqual([
      ['Open', { kind: 'open', eventId: 'a' }],
      ['Open', { kind: 'open', eventId: 'b' }],
    ]);
    expect(texts(blocks)).toContain(
      '*Peacekeeping dinner*\n<!date^1380124800^{date_long_pretty}|Wednesday, 25 September 2013> · Ministerial dinner · New York',
    );
  });

  it('offers Share instead of Open in the share picker', () => {
    const buttons = interactives(listBlocks(list({ pick: 'share' })));
    expect(buttons.map((b) => [b.label, b.actionId])).toEqual([
      ['Share', SlackIds.actions.sharePick],
      ['Share', SlackIds.actions.sharePick],
    ]);
    expect(toReplyAction(buttons[0].actionId, buttons[0].values[0])?.action).toEqual({
      kind: 'share',
      eventId: 'a',
    });
  });

  it('says the empty text when there is nothing', () => {
    const blocks = listBlocks(list({ items: [] }));
    expect(texts(blocks)).toEqual(['Upcoming events', 'Nothing coming up.']);
  });

  it('adds a Next results button and caps the items shown', () => {
    const items = Array.from({ length: 30 }, (_, i) => makeHit({ id: `e${i}` }));
    const blocks = listBlocks(list({ items, next: { command: 'upcoming 30d', offset: 30 } }));
    expect(checkLimits(blocks)).toEqual([]);
    const buttons = interactives(blocks);
    expect(buttons.filter((b) => b.actionId === SlackIds.actions.open)).toHaveLength(MAX_LIST_ITEMS);
    expect(texts(blocks)).toContain('_…and 10 more not shown_');
    const next = buttons.find((b) => b.actionId === SlackIds.actions.page);
    expect(toReplyAction(SlackIds.actions.page, next?.values[0])?.action).toEqual({
      kind: 'page',
      command: 'upcoming 30d',
      offset: 30,
    });
  });
});
