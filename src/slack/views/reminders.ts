import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { DATE_TIME_FORMAT, escapeMrkdwn, escapeTruncate, oneLine, slackDate } from './mrkdwn.js';
import { actionButton, compact, context, header, SECTION_ROOM, section } from './parts.js';

type RemindersReply = Extract<Reply, { kind: 'reminders' }>;

/** Reminders shown with their own Cancel button; the rest are counted (Slack allows 50 blocks a message). */
export const MAX_LISTED_REMINDERS = 40;

/**
 * The user's reminders, soonest first: number, event, due time (a date token in the reader's zone) and
 * the rule, each with a Cancel button whose value is the reminder's id. One being posted right now has
 * no button.
 */
export function remindersBlocks(reply: RemindersReply): KnownBlock[] {
  const shown = reply.items.slice(0, MAX_LISTED_REMINDERS);
  const hidden = reply.items.length - shown.length;
  return compact([
    header(reply.heading, SlackIds.blocks.heading),
    reply.note ? section(`:white_check_mark: ${escapeTruncate(oneLine(reply.note), 600)}`) : undefined,
    reply.items.length ? undefined : section(escapeTruncate(reply.empty, SECTION_ROOM)),
    ...shown.map((item) => {
      const title = escapeTruncate(oneLine(item.title), 200);
      const rule = item.label ? ` · ${escapeTruncate(item.label, 80)}` : '';
      const state = item.sending ? ' · _being sent now_' : '';
      const text = `*${item.position}.* *${title}*\n${slackDate(item.dueMs, DATE_TIME_FORMAT, item.dueText)}${rule}${state}`;
      const cancel = item.sending
        ? undefined
        : actionButton(
            'Cancel',
            { kind: 'cancel-reminder', reminderId: item.reminderId },
            { style: 'danger' },
          );
      return section(text, cancel ? { accessory: cancel } : {});
    }),
    hidden > 0 ? context([`_…and ${hidden} more_`]) : undefined,
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
