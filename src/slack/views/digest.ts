import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { TEXT_BUDGET } from './limits.js';
import { escapeTruncate, oneLine } from './mrkdwn.js';
import { actionButton, compact, compactEvent, context, header, SECTION_ROOM, section } from './parts.js';

type DigestReply = Extract<Reply, { kind: 'digest' }>;

/** A channel digest: a heading, one compact section per event with an "Open" button, and how to manage it. */
export function digestBlocks(reply: DigestReply): KnownBlock[] {
  const shown = reply.items.slice(0, 20);
  const perItem = Math.min(600, Math.floor((TEXT_BUDGET - 1500) / Math.max(1, shown.length)));
  return compact([
    header(reply.heading, SlackIds.blocks.heading),
    shown.length ? undefined : section(escapeTruncate(reply.empty, SECTION_ROOM)),
    ...shown.map((hit) => {
      const open = actionButton('Open', { kind: 'open', eventId: hit.event.id });
      return section(compactEvent(hit.event, perItem), open ? { accessory: open } : {});
    }),
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
