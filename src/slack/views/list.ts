import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { pagerRow } from './action-elements.js';
import { compact, header, SECTION_ROOM, section } from './blocks.js';
import { TEXT_BUDGET } from './limits.js';
import { escapeTruncate } from './mrkdwn.js';
import { itemSection } from './text-fit.js';

type ListReply = Extract<Reply, { kind: 'list' }>;

/**
 * A compact list (upcoming events, a theme's or a speaker's events, the share picker): one section per
 * event with its action beside it, the `empty` text when there is nothing, then the paging core offers.
 */
export function listBlocks(reply: ListReply): KnownBlock[] {
  const perItem = Math.min(600, Math.floor((TEXT_BUDGET - 1000) / Math.max(1, reply.items.length)));
  return compact([
    header(reply.heading, SlackIds.blocks.heading),
    reply.items.length === 0
      ? section(escapeTruncate(reply.empty || 'Nothing to show.', SECTION_ROOM))
      : undefined,
    ...reply.items.map((item) => itemSection(item, perItem)),
    pagerRow(reply.actions),
  ]);
}
