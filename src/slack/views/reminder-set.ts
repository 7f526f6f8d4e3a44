import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { accessoryFor } from './action-elements.js';
import { compact, context, section } from './blocks.js';
import { DATE_TIME_FORMAT, escapeTruncate, oneLine, slackDate } from './mrkdwn.js';
import { slackWhen } from './text-fit.js';

type ReminderSetReply = Extract<Reply, { kind: 'reminder-set' }>;

/**
 * "I'll remind you about …": the event, the time as a Slack date token (each reader sees it in their own
 * zone, which for this ephemeral message is the asker's; the fallback is already in their zone), the
 * rule in words, and core's actions (Cancel).
 */
export function reminderSetBlocks(reply: ReminderSetReply): KnownBlock[] {
  const title = escapeTruncate(oneLine(reply.event.title), 300);
  const when = slackDate(reply.dueMs, DATE_TIME_FORMAT, reply.dueText);
  const rule = reply.label ? ` (${escapeTruncate(reply.label, 100)})` : '';
  return compact([
    reply.note ? context([escapeTruncate(oneLine(reply.note), 300)]) : undefined,
    section(
      `:alarm_clock: I'll remind you about *${title}* ${when}${rule}.`,
      accessoryFor(reply.actions, reply.event.title),
    ),
    context([`Starts ${slackWhen(reply.when)}`, '`/event reminders` lists your reminders']),
  ]);
}

/** Plain notification text: which event and when, escaped. */
export function reminderSetText(reply: ReminderSetReply): string {
  return escapeTruncate(`Reminder set: ${oneLine(reply.event.title)} — ${reply.dueText}`, 300);
}
