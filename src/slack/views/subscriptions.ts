import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { escapeMrkdwn, escapeTruncate, oneLine } from './mrkdwn.js';
import { compact, context, header, SECTION_ROOM, section } from './parts.js';

type SubscriptionsReply = Extract<Reply, { kind: 'subscriptions' }>;

/**
 * A channel's digests: number, what each matches, its schedule and next run, and why one is paused
 * (with what to do). Stopping one is a typed command, so no button needs a listener of its own.
 */
export function subscriptionsBlocks(reply: SubscriptionsReply): KnownBlock[] {
  return compact([
    header(reply.heading, SlackIds.blocks.heading),
    reply.note ? section(`:white_check_mark: ${escapeTruncate(oneLine(reply.note), 600)}`) : undefined,
    reply.items.length ? undefined : section(escapeTruncate(reply.empty, SECTION_ROOM)),
    ...reply.items.slice(0, 40).map((item) => {
      const lines = [
        `*${item.position}.* ${escapeTruncate(oneLine(item.what), 300)} — ${escapeTruncate(item.schedule, 200)}`,
        item.paused
          ? `:warning: Paused. ${escapeTruncate(oneLine(item.paused), 600)}`
          : `Next: ${escapeTruncate(item.nextRunText, 200)}`,
      ];
      return section(lines.join('\n'));
    }),
    reply.items.length ? context([escapeMrkdwn('`/event unsubscribe <n>` stops one')]) : undefined,
  ]);
}

/** Plain notification text. */
export function subscriptionsText(reply: SubscriptionsReply): string {
  return (
    escapeTruncate(oneLine(reply.note ?? (reply.items.length ? reply.heading : reply.empty)), 300) || '…'
  );
}
