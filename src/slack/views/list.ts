import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { TEXT_BUDGET } from './limits.js';
import { escapeTruncate } from './mrkdwn.js';
import {
  actionButton,
  actions,
  compact,
  compactEvent,
  context,
  header,
  SECTION_ROOM,
  section,
} from './parts.js';

type ListReply = Extract<Reply, { kind: 'list' }>;

/** At most this many items per message: one block each, well under Slack's 50 blocks. */
export const MAX_LIST_ITEMS = 20;

/**
 * A compact list (upcoming events, a theme's or a speaker's events): one section per event with an
 * "Open" button, or a "Share" button in the `/event share` picker; the `empty` text when there is nothing.
 */
export function listBlocks(reply: ListReply): KnownBlock[] {
  const shown = reply.items.slice(0, MAX_LIST_ITEMS);
  const perItem = Math.min(600, Math.floor((TEXT_BUDGET - 1000) / Math.max(1, shown.length)));
  const items = shown.map((hit) => {
    const button =
      reply.pick === 'share'
        ? actionButton(
            'Share',
            { kind: 'share', eventId: hit.event.id },
            { actionId: SlackIds.actions.sharePick },
          )
        : actionButton('Open', { kind: 'open', eventId: hit.event.id });
    return section(compactEvent(hit.event, perItem), button ? { accessory: button } : {});
  });
  const hidden = reply.items.length - shown.length;
  return compact([
    header(reply.heading, SlackIds.blocks.heading),
    reply.items.length === 0
      ? section(escapeTruncate(reply.empty || 'Nothing to show.', SECTION_ROOM))
      : undefined,
    ...items,
    hidden > 0 ? context([`_…and ${hidden} more not shown_`]) : undefined,
    reply.next
      ? actions([actionButton('Next results', { kind: 'page', ...reply.next })], SlackIds.blocks.pager)
      : undefined,
  ]);
}
