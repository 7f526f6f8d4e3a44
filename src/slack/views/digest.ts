import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { pagerRow } from './action-elements.js';
import { compact, context, header, SECTION_ROOM, section } from './blocks.js';
import { TEXT_BUDGET } from './limits.js';
import { escapeTruncate, oneLine } from './mrkdwn.js';
import { itemSection } from './text-fit.js';

type DigestReply = Extract<Reply, { kind: 'digest' }>;

/** A channel digest: a heading, one compact section per event with its action, and how to manage it. */
export function digestBlocks(reply: DigestReply): KnownBlock[] {
  const perItem = Math.min(600, Math.floor((TEXT_BUDGET - 1500) / Math.max(1, reply.items.length)));
  return compact([
    header(reply.heading, SlackIds.blocks.heading),
    reply.items.length ? undefined : section(escapeTruncate(reply.empty, SECTION_ROOM)),
    ...reply.items.map((item) => itemSection(item, perItem)),
    pagerRow(reply.actions ?? []),
    context([escapeTruncate(oneLine(reply.footer), 600)]),
  ]);
}

/** Plain notification text: the heading and how many events. */
export function digestText(reply: DigestReply): string {
  const count = reply.items.length;
  return escapeTruncate(
    `${oneLine(reply.heading)} — ${count ? `${count} upcoming ${count === 1 ? 'event' : 'events'}` : oneLine(reply.empty)}`,
    300,
  );
}
