import type { HeaderBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/commands/reply.js';
import { SlackIds, toReplyAction } from '../../../src/slack/ids.js';
import { checkLimits } from '../../../src/slack/views/limits.js';
import { listBlocks } from '../../../src/slack/views/list.js';
import { makeHit } from '../../helpers/events.js';
import { listItems, listReply, nextPage } from '../../helpers/replies.js';
import { interactives, texts } from './inspect.js';

type ListReply = Extract<Reply, { kind: 'list' }>;

const hits = [
  makeHit({ id: 'a', title: 'Peacekeeping dinner' }),
  makeHit({ id: 'b', title: 'Policy forum' }),
];
const list = (overrides: Partial<ListReply> = {}): ListReply =>
  listReply('Upcoming events', listItems(hits), { empty: 'Nothing coming up.', ...overrides });

describe('list', () => {
  it('shows the heading and one compact section per item with an Open button naming its event', () => {
    const blocks = listBlocks(list());
    expect(checkLimits(blocks)).toEqual([]);
    expect((blocks[0] as HeaderBlock).text.text).toBe('Upcoming events');
    const buttons = interactives(blocks);
    expect(buttons.map((b) => [b.label, toReplyAction(b.actionId, b.values[0])])).toEqual([
      ['Open', { kind: 'open', eventId: 'a' }],
      ['Open', { kind: 'open', eventId: 'b' }],
    ]);
    expect(texts(blocks)).toContain('*Peacekeeping dinner*\nWed 25 Sep 2013 · Ministerial dinner · New York');
    const labels = JSON.stringify(blocks).match(/"accessibility_label":"[^"]*"/g);
    expect(labels).toEqual([
      '"accessibility_label":"Open: Peacekeeping dinner"',
      '"accessibility_label":"Open: Policy forum"',
    ]);
  });

  it('offers Share when core gives the items a share action (the share picker)', () => {
    const buttons = interactives(listBlocks(list({ items: listItems(hits, 'share') })));
    expect(buttons.map((b) => [b.label, b.actionId])).toEqual([
      ['Share', SlackIds.actions.share],
      ['Share', SlackIds.actions.share],
    ]);
    expect(toReplyAction(buttons[0].actionId, buttons[0].values[0])).toEqual({ kind: 'share', eventId: 'a' });
  });

  it('says the empty text when there is nothing', () => {
    const blocks = listBlocks(list({ items: [] }));
    expect(texts(blocks)).toEqual(['Upcoming events', 'Nothing coming up.']);
  });

  it('renders every item core gave and its Next results as a typed request', () => {
    const items = listItems(Array.from({ length: 8 }, (_, i) => makeHit({ id: `e${i}` })));
    const blocks = listBlocks(list({ items, actions: [nextPage('next month', 8, 'upcoming')] }));
    expect(checkLimits(blocks)).toEqual([]);
    const buttons = interactives(blocks);
    expect(buttons.filter((b) => b.actionId === SlackIds.actions.open)).toHaveLength(8);
    const next = buttons.find((b) => b.label === 'Next results');
    expect(toReplyAction(next!.actionId, next?.values[0])).toEqual({
      kind: 'page',
      direction: 'next',
      page: { subcommand: 'upcoming', words: 'next month', offset: 8 },
    });
  });
});
