import type { KnownBlock } from '@slack/types';
import type { Reply, SubscriptionItem } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { actionElement } from './action-elements.js';
import { actions, compact, context, header, SECTION_ROOM, section } from './blocks.js';
import { escapeMrkdwn, escapeTruncate, oneLine } from './mrkdwn.js';
import { userMention } from './people.js';

type SubscriptionsReply = Extract<Reply, { kind: 'subscriptions' }>;

/** Block Kit allows 50 blocks; each digest takes two. */
const MOST_SHOWN = 20;

/**
 * A channel's digests: number, what each matches, its schedule, who set it up, its next run or why it
 * is paused, then Pause (or Resume) and Stop (behind a confirm) for each.
 */
export function subscriptionsBlocks(reply: SubscriptionsReply): KnownBlock[] {
  return compact([
    header(reply.heading, SlackIds.blocks.heading),
    reply.note ? section(`:white_check_mark: ${escapeTruncate(oneLine(reply.note), 600)}`) : undefined,
    reply.items.length ? undefined : section(escapeTruncate(reply.empty, SECTION_ROOM)),
    ...reply.items.slice(0, MOST_SHOWN).flatMap(digestBlocks),
    reply.items.length
      ? context([escapeMrkdwn('Whoever set a digest up, or a workspace admin, can pause or stop it.')])
      : undefined,
  ]);
}

function digestBlocks(item: SubscriptionItem): KnownBlock[] {
  const what = escapeTruncate(oneLine(item.what), 300);
  const lines = [
    `*${item.position}. ${what}* — ${escapeTruncate(item.schedule, 200)}`,
    item.paused
      ? `:double_vertical_bar: Paused. ${escapeTruncate(oneLine(item.paused), 600)}`
      : `Next: ${escapeTruncate(item.nextRunText, 200)} · set up by ${userMention(item.createdBy)}`,
  ];
  return compact([
    section(lines.join('\n')),
    actions(item.actions.map((a) => actionElement(a, { about: oneLine(item.what) }))),
  ]);
}

/** Plain notification text: what was just done, or how many digests the channel has. */
export function subscriptionsText(reply: SubscriptionsReply): string {
  const count = reply.items.length;
  const text =
    reply.note ?? (count ? `${reply.heading}: ${count} ${count === 1 ? 'digest' : 'digests'}` : reply.empty);
  return escapeTruncate(oneLine(text), 300) || '…';
}
