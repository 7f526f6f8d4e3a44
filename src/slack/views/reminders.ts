import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { DATE_TIME_FORMAT, escapeMrkdwn, escapeTruncate, oneLine, slackDate } from './mrkdwn.js';
import { accessoryFor, compact, context, header, pagerRow, SECTION_ROOM, section } from './parts.js';

type RemindersReply = Extract<Reply, { kind: 'reminders' }>;

/**
 * The user's reminders, soonest first: number, event, due time (a date token in the reader's zone) and
 * the rule, each with the actions core gave it (Cancel; none for one being posted right now), then paging.
 */
export function remindersBlocks(reply: RemindersReply): KnownBlock[] {
  return compact([
    header(reply.heading, SlackIds.blocks.heading),
    reply.note ? section(`:white_check_mark: ${escapeTruncate(oneLine(reply.note), 600)}`) : undefined,
    reply.items.length ? undefined : section(escapeTruncate(reply.empty, SECTION_ROOM)),
    ...reply.items.map((item) => {
      const title = escapeTruncate(oneLine(item.title), 200);
      const rule = item.label ? ` · ${escapeTruncate(item.label, 80)}` : '';
      const state = item.sending ? ' · _being sent now_' : '';
      const text = `*${item.position}.* *${title}*\n${slackDate(item.dueMs, DATE_TIME_FORMAT, item.dueText)}${rule}${state}`;
      return section(text, accessoryFor(item.actions, item.title));
    }),
    pagerRow(reply.actions),
    reply.items.length
      ? context([escapeMrkdwn('Cancel with the buttons, or `/event remind cancel <n>`')])
      : undefined,
  ]);
}

/** Plain notification text. */
export function remindersText(reply: RemindersReply): string {
  return (
    escapeTruncate(oneLine(reply.note ?? (reply.items.length ? reply.heading : reply.empty)), 300) || '…'
  );
}
